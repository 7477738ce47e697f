"""The platform inventory: social sites a client uses or plans to use, and why."""

from __future__ import annotations

from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.changes import Saved
from scrm_desk.records import Platform, PlatformStatus
from scrm_desk.repositories import planning_fields as pf
from scrm_desk.repositories.base import FieldCheck


def _status(field: str, value: object) -> PlatformStatus:
    return validation.choice(field, value, PlatformStatus)


class PlatformRepository(pf.EngagementPartRepository[Platform]):
    """``category_id`` is a platform category id of the reference framework;
    ``objective`` names the strategy objective the platform serves (empty: none)."""

    table = "platforms"
    kind = "platform"
    label = "platform"
    record = Platform
    order_by = "name COLLATE NOCASE, geography COLLATE NOCASE, created_at, rowid"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "engagement_id": validation.record_id,
        "name": pf.required_title,
        "category_id": pf.slug,
        "geography": validation.short_text,
        "purpose": validation.long_text,
        "owner": validation.short_text,
        "objective": validation.long_text,
        "status": _status,
    }

    def _build(self, values: dict[str, Any]) -> Platform:
        values["status"] = PlatformStatus(values["status"])
        return Platform(**values)

    def create(self, *, id: str | None = None, **values: object) -> Saved[Platform]:
        values.setdefault("status", PlatformStatus.USING)
        return super().create(id=id, **values)
