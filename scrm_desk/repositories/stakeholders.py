"""Stakeholders: the people of the client who take part in an engagement."""

from __future__ import annotations

from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.errors import NotFoundError
from scrm_desk.records import Stakeholder, StakeholderGroup
from scrm_desk.repositories.base import FieldCheck, Repository


def _required_name(field: str, value: object) -> str:
    return validation.short_text(field, value, required=True)


def _group(field: str, value: object) -> StakeholderGroup:
    return validation.choice(field, value, StakeholderGroup)


def _engagement_id(field: str, value: object) -> str:
    return validation.record_id(field, value)


class StakeholderRepository(Repository[Stakeholder]):
    table = "stakeholders"
    kind = "stakeholder"
    label = "stakeholder"
    record = Stakeholder
    columns: ClassVar[dict[str, str]] = {"group": "stakeholder_group"}
    order_by = "name COLLATE NOCASE, created_at"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "engagement_id": _engagement_id,
        "name": _required_name,
        "role": validation.short_text,
        "group": _group,
        "email": validation.email,
        "notes": validation.long_text,
    }

    def _build(self, values: dict[str, Any]) -> Stakeholder:
        values["group"] = StakeholderGroup(values["group"])
        return Stakeholder(**values)

    def _check_record(self, values: Any) -> None:
        found = self.db.execute(
            "SELECT 1 FROM engagements WHERE id = ?", [values["engagement_id"]]
        ).fetchone()
        if found is None:
            raise NotFoundError(f"There is no engagement with id {values['engagement_id']}.")

    def for_engagement(self, engagement_id: str) -> list[Stakeholder]:
        return self._select("engagement_id = ?", (engagement_id,))
