"""Starting points: pain and value of each pain-point starting area, and which go first."""

from __future__ import annotations

from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.changes import Changes, Saved
from scrm_desk.records import StartingPoint
from scrm_desk.repositories import planning_fields as pf
from scrm_desk.repositories.base import FieldCheck

_DEFAULTS: dict[str, object] = {"pain": None, "value": None, "chosen": False, "note": ""}


class StartingPointRepository(pf.EngagementPartRepository[StartingPoint]):
    """One entry per engagement and starting area of the reference framework."""

    table = "starting_points"
    kind = "starting_point"
    label = "starting point"
    record = StartingPoint
    order_by = "area_id, id"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "engagement_id": validation.record_id,
        "area_id": pf.slug,
        "pain": pf.optional_level,
        "value": pf.optional_level,
        "chosen": pf.flag,
        "note": validation.long_text,
    }

    def _build(self, values: dict[str, Any]) -> StartingPoint:
        values["chosen"] = bool(values["chosen"])
        return StartingPoint(**values)

    def find(self, engagement_id: str, area_id: str) -> StartingPoint | None:
        return self._find_one("engagement_id = ? AND area_id = ?", (engagement_id, area_id))

    def by_area(self, engagement_id: str) -> dict[str, StartingPoint]:
        return {point.area_id: point for point in self.for_engagement(engagement_id)}

    def chosen(self, engagement_id: str) -> list[StartingPoint]:
        """The areas chosen to start with."""
        return [point for point in self.for_engagement(engagement_id) if point.chosen]

    def save(self, engagement_id: str, area_id: str, **values: Any) -> Saved[StartingPoint]:
        """Rate an area or choose it first (``chosen=True``); fields not named keep their values.

        ``values`` are any of pain, value, chosen and note.
        """
        key = {
            "engagement_id": validation.record_id("engagement_id", engagement_id),
            "area_id": pf.slug("area_id", area_id),
        }
        existing = self.find(key["engagement_id"], key["area_id"])
        record_id = self._upsert(existing, values | key, _DEFAULTS)
        return Saved(self.get(record_id), Changes.of(self.kind, record_id))

    def clear(self, engagement_id: str, area_id: str) -> Changes:
        """Remove an area's entry (undo of its first save)."""
        return self._remove(self.find(engagement_id, area_id))
