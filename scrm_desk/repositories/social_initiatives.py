"""The initiatives register: a client's social initiatives, classified by Kolsky's kinds."""

from __future__ import annotations

from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.changes import Saved
from scrm_desk.records import InitiativeStatus, SocialInitiative
from scrm_desk.repositories import planning_fields as pf
from scrm_desk.repositories.base import FieldCheck


def _status(field: str, value: object) -> InitiativeStatus:
    return validation.choice(field, value, InitiativeStatus)


class SocialInitiativeRepository(pf.EngagementPartRepository[SocialInitiative]):
    """Current and planned initiatives; ``kind`` is a social kind id of the reference
    framework (``social_media``, ``social_crm``, ``social_business``)."""

    table = "social_initiatives"
    kind = "social_initiative"
    label = "initiative"
    record = SocialInitiative
    order_by = "created_at, rowid"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "engagement_id": validation.record_id,
        "title": pf.required_title,
        "description": validation.long_text,
        "kind": pf.slug,
        "status": _status,
        "owner": validation.short_text,
    }

    def _build(self, values: dict[str, Any]) -> SocialInitiative:
        values["status"] = InitiativeStatus(values["status"])
        return SocialInitiative(**values)

    def create(self, *, id: str | None = None, **values: object) -> Saved[SocialInitiative]:
        values.setdefault("status", InitiativeStatus.CURRENT)
        return super().create(id=id, **values)
