"""Assessments: one scoring of an engagement against a building-blocks framework."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.changes import Changes, Saved
from scrm_desk.clock import utc_now
from scrm_desk.errors import NotFoundError
from scrm_desk.records import Assessment, AssessmentStatus, Response, Variant
from scrm_desk.repositories.base import FieldCheck, Repository, transaction


def _name(field: str, value: object) -> str:
    return validation.short_text(field, value, required=True)


def _status(field: str, value: object) -> AssessmentStatus:
    return validation.choice(field, value, AssessmentStatus)


def _variant(field: str, value: object) -> Variant:
    return validation.choice(field, value, Variant)


class AssessmentRepository(Repository[Assessment]):
    table = "assessments"
    kind = "assessment"
    label = "assessment"
    record = Assessment
    order_by = "assessed_on IS NULL, assessed_on, created_at"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "engagement_id": validation.record_id,
        "name": _name,
        "assessed_on": validation.optional_date,
        "variant": _variant,
        "framework_id": _name,
        "framework_version": _name,
        "status": _status,
        "notes": validation.long_text,
    }

    def _build(self, values: dict[str, Any]) -> Assessment:
        values.pop("resume", None)  # wizard positions are read through resume_position()
        values["variant"] = Variant(values["variant"])
        values["status"] = AssessmentStatus(values["status"])
        return Assessment(**values)

    def _check_record(self, values: Any) -> None:
        found = self.db.execute(
            "SELECT 1 FROM engagements WHERE id = ?", [values["engagement_id"]]
        ).fetchone()
        if found is None:
            raise NotFoundError(f"There is no engagement with id {values['engagement_id']}.")

    def create(self, *, id: str | None = None, **values: object) -> Saved[Assessment]:
        values.setdefault("status", AssessmentStatus.IN_PROGRESS)
        values.setdefault("variant", Variant.BOTH)
        return super().create(id=id, **values)

    def put_back_with_answers(self, record: Assessment, answers: Sequence[Response]) -> Changes:
        """Re-insert a deleted assessment and its answers, all or none (undo of a delete)."""
        from scrm_desk.repositories.responses import ResponseRepository

        with transaction(self.db):
            changes = self.put_back(record).changes
            changes |= ResponseRepository(self.db).put_back_many(answers)
        return changes | Changes.of("response")

    def for_engagement(self, engagement_id: str) -> list[Assessment]:
        """The engagement's assessments, oldest first (so the last is the latest)."""
        return self._select("engagement_id = ?", (engagement_id,))

    def latest(self, engagement_id: str) -> Assessment | None:
        found = self.for_engagement(engagement_id)
        return found[-1] if found else None

    def named(self, engagement_id: str, name: str) -> Assessment:
        found = [
            a for a in self.for_engagement(engagement_id) if a.name.casefold() == name.casefold()
        ]
        if not found:
            names = ", ".join(repr(a.name) for a in self.for_engagement(engagement_id)) or "none"
            raise NotFoundError(f"No assessment named {name!r} (the engagement has: {names}).")
        return found[-1]

    # -- where the wizard stopped, per respondent ("" is the consensus) -------------------
    def resume_position(self, assessment_id: str, respondent_id: str | None) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT resume FROM assessments WHERE id = ?", [assessment_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no assessment with id {assessment_id}.")
        positions = json.loads(row[0] or "{}")
        found = positions.get(respondent_id or "", {})
        return found if isinstance(found, dict) else {}

    def set_resume_position(
        self, assessment_id: str, respondent_id: str | None, position: dict[str, Any]
    ) -> Changes:
        """Remember where the wizard stopped. Not an edit: ``updated_at`` stays as it is."""
        with transaction(self.db):
            row = self.db.execute(
                "SELECT resume FROM assessments WHERE id = ?", [assessment_id]
            ).fetchone()
            if row is None:
                raise NotFoundError(f"There is no assessment with id {assessment_id}.")
            positions = json.loads(row[0] or "{}")
            positions[respondent_id or ""] = {**position, "at": utc_now()}
            self.db.execute(
                "UPDATE assessments SET resume = ? WHERE id = ?",
                [json.dumps(positions, sort_keys=True), assessment_id],
            )
        return Changes()
