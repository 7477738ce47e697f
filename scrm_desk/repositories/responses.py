"""Responses: answers to assessment questions, saved the moment they are given."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.changes import Changes, Saved
from scrm_desk.clock import new_id, utc_now
from scrm_desk.errors import NotFoundError, ValidationError
from scrm_desk.records import AnswerKind, Confidence, Lens, Response
from scrm_desk.repositories.base import FieldCheck, Repository, transaction


def _level(field: str, value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(field, f"must be a whole number from 1 to 5, not {value!r}")
    return value


def _kind(field: str, value: object) -> AnswerKind:
    return validation.choice(field, value, AnswerKind)


def _lens(field: str, value: object) -> Lens:
    return validation.choice(field, value, Lens)


def _confidence(field: str, value: object) -> Confidence | None:
    return None if value in (None, "") else validation.choice(field, value, Confidence)


def _respondent(field: str, value: object) -> str | None:
    return None if value is None else validation.record_id(field, value)


def _question(field: str, value: object) -> str:
    return validation.short_text(field, value, required=True)


class ResponseRepository(Repository[Response]):
    table = "responses"
    kind = "response"
    label = "response"
    record = Response
    order_by = "question_id, lens, respondent_id IS NOT NULL, respondent_id"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "assessment_id": validation.record_id,
        "question_id": _question,
        "lens": _lens,
        "respondent_id": _respondent,
        "kind": _kind,
        "current_level": _level,
        "target_level": _level,
        "confidence": _confidence,
        "evidence": validation.long_text,
    }

    def _build(self, values: dict[str, Any]) -> Response:
        values["lens"] = Lens(values["lens"])
        values["kind"] = AnswerKind(values["kind"])
        values["confidence"] = Confidence(values["confidence"]) if values["confidence"] else None
        return Response(**values)

    def _check_record(self, values: Any) -> None:
        if values["kind"] is not AnswerKind.LEVEL and (
            values["current_level"] is not None or values["target_level"] is not None
        ):
            raise ValidationError(
                "current_level", "a 'not applicable' or 'don't know' answer has no levels"
            )
        if (
            self.db.execute(
                "SELECT 1 FROM assessments WHERE id = ?", [values["assessment_id"]]
            ).fetchone()
            is None
        ):
            raise NotFoundError(f"There is no assessment with id {values['assessment_id']}.")
        respondent = values["respondent_id"]
        if (
            respondent is not None
            and self.db.execute("SELECT 1 FROM stakeholders WHERE id = ?", [respondent]).fetchone()
            is None
        ):
            raise NotFoundError(f"There is no stakeholder with id {respondent}.")

    # -- reading ------------------------------------------------------------------------
    def for_assessment(self, assessment_id: str) -> list[Response]:
        return self._select("assessment_id = ?", (assessment_id,))

    def for_respondent(self, stakeholder_id: str) -> list[Response]:
        """Every answer a stakeholder gave (removing the stakeholder removes them too)."""
        return self._select("respondent_id = ?", (stakeholder_id,))

    def find(
        self, assessment_id: str, question_id: str, lens: Lens | str, respondent_id: str | None
    ) -> Response | None:
        found = self._select(
            "assessment_id = ? AND question_id = ? AND lens = ?"
            " AND coalesce(respondent_id, '') = ?",
            (assessment_id, question_id, str(lens), respondent_id or ""),
        )
        return found[0] if found else None

    # -- writing ------------------------------------------------------------------------
    def save(
        self,
        assessment_id: str,
        question_id: str,
        lens: Lens | str,
        respondent_id: str | None,
        *,
        kind: AnswerKind | str = AnswerKind.LEVEL,
        current_level: int | None = None,
        target_level: int | None = None,
        confidence: Confidence | str | None = None,
        evidence: str = "",
    ) -> Saved[Response]:
        """Store one answer whole, replacing what that respondent gave before (autosave)."""
        cleaned = self._clean(
            {
                "assessment_id": assessment_id,
                "question_id": question_id,
                "lens": lens,
                "respondent_id": respondent_id,
                "kind": kind,
                "current_level": current_level,
                "target_level": target_level,
                "confidence": confidence,
                "evidence": evidence,
            },
            partial=False,
        )
        self._check_record(cleaned)
        now = utc_now()
        with transaction(self.db):
            existing = self.find(assessment_id, question_id, lens, respondent_id)
            if existing is None:
                record_id = new_id()
                self._insert({"id": record_id, **cleaned, "created_at": now, "updated_at": now})
            else:
                record_id = existing.id
                row = self._to_row(cleaned) | {"updated_at": now}
                assignments = ", ".join(f"{column} = ?" for column in row)
                self.db.execute(
                    f"UPDATE responses SET {assignments} WHERE id = ?", [*row.values(), record_id]
                )
        return Saved(self.get(record_id), self._changes(assessment_id, record_id))

    def clear(
        self, assessment_id: str, question_id: str, lens: Lens | str, respondent_id: str | None
    ) -> Changes:
        """Remove an answer, so the question counts as unanswered again."""
        existing = self.find(assessment_id, question_id, lens, respondent_id)
        if existing is None:
            return Changes()
        with transaction(self.db):
            self.db.execute("DELETE FROM responses WHERE id = ?", [existing.id])
        return self._changes(assessment_id, existing.id)

    def put_back_many(self, responses: Iterable[Response]) -> Changes:
        """Re-insert answers exactly as they were, all or none (undo of a removal)."""
        changes = Changes()
        with transaction(self.db):
            for response in responses:
                changes = changes | self.put_back(response).changes
        return changes

    def _changes(self, assessment_id: str, record_id: str) -> Changes:
        return Changes(frozenset({self.kind}), frozenset({record_id, assessment_id}))

    def count_for(self, assessment_id: str) -> int:
        return int(
            self.db.execute(
                "SELECT count(*) FROM responses WHERE assessment_id = ?", [assessment_id]
            ).fetchone()[0]
        )

    def delete(self, record_id: str) -> Changes:
        response = self.get(record_id)
        with transaction(self.db):
            self.db.execute("DELETE FROM responses WHERE id = ?", [record_id])
        return self._changes(response.assessment_id, record_id)
