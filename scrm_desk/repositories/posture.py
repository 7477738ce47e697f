"""The Social CRM posture of an engagement: questionnaire answers and the approach."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.changes import Changes, Saved
from scrm_desk.errors import ValidationError
from scrm_desk.records import Posture
from scrm_desk.repositories import planning_fields as pf
from scrm_desk.repositories.base import FieldCheck

_DEFAULTS: dict[str, object] = {
    "answers": {},
    "computed_approach": None,
    "override_approach": None,
    "override_note": "",
}


def answers(field: str, value: object) -> dict[str, str]:
    """Question id -> option id, both framework-style ids."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(field, f"must map question ids to option ids, not {value!r}")
    cleaned: dict[str, str] = {}
    for question, option in value.items():
        question_id = pf.slug(field, question)
        try:
            cleaned[question_id] = pf.slug(field, option)
        except ValidationError as exc:
            raise ValidationError(field, f"{question_id}: {exc.message}") from None
    return dict(sorted(cleaned.items()))


class PostureRepository(pf.EngagementPartRepository[Posture]):
    """At most one posture per engagement; :mod:`scrm_desk.planning.posture` fills it."""

    table = "postures"
    kind = "posture"
    label = "posture"
    record = Posture
    editable: ClassVar[dict[str, FieldCheck]] = {
        "engagement_id": validation.record_id,
        "answers": answers,
        "computed_approach": pf.nullable_slug,
        "override_approach": pf.nullable_slug,
        "override_note": validation.long_text,
    }

    def _build(self, values: dict[str, Any]) -> Posture:
        values["answers"] = json.loads(values["answers"] or "{}")
        return Posture(**values)

    def _to_row(self, values: Mapping[str, object]) -> dict[str, object]:
        row = super()._to_row(values)
        if "answers" in row:
            row["answers"] = json.dumps(row["answers"], sort_keys=True)
        return row

    def _check_record(self, values: Any) -> None:
        if values["override_approach"] and not values["override_note"]:
            raise ValidationError(
                "override_note", "say why the approach differs from the questionnaire's"
            )
        super()._check_record(values)

    def find(self, engagement_id: str) -> Posture | None:
        return self._find_one("engagement_id = ?", (engagement_id,))

    def save(self, engagement_id: str, **values: Any) -> Saved[Posture]:
        """Store the posture; fields not named keep their values (the first save creates it).

        ``values`` are any of answers, computed_approach, override_approach and
        override_note. Clearing the override means ``override_approach=None``.
        """
        engagement_id = validation.record_id("engagement_id", engagement_id)
        existing = self.find(engagement_id)
        record_id = self._upsert(existing, values | {"engagement_id": engagement_id}, _DEFAULTS)
        return Saved(self.get(record_id), Changes.of(self.kind, record_id))

    def clear(self, engagement_id: str) -> Changes:
        """Remove the engagement's posture (undo of its first save)."""
        return self._remove(self.find(engagement_id))
