"""The seven-layer canvas: what was recorded per layer (and per process) of an engagement."""

from __future__ import annotations

from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.changes import Changes, Saved
from scrm_desk.records import CanvasState
from scrm_desk.repositories import planning_fields as pf
from scrm_desk.repositories.base import FieldCheck

#: A new entry's fields before the consultant writes anything.
_DEFAULTS: dict[str, object] = {
    "maturity": None,
    "current_state": "",
    "target_state": "",
    "pain_points": "",
    "owner": "",
    "initiatives": "",
}


class CanvasRepository(pf.EngagementPartRepository[CanvasState]):
    """One entry per engagement, layer and process (``process_id=""`` for the layer)."""

    table = "canvas_states"
    kind = "canvas_state"
    label = "canvas entry"
    record = CanvasState
    order_by = "layer_id, process_id, created_at, id"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "engagement_id": validation.record_id,
        "layer_id": pf.slug,
        "process_id": pf.optional_slug,
        "maturity": pf.optional_level,
        "current_state": validation.long_text,
        "target_state": validation.long_text,
        "pain_points": validation.long_text,
        "owner": validation.short_text,
        "initiatives": validation.long_text,
    }

    def find(self, engagement_id: str, layer_id: str, process_id: str = "") -> CanvasState | None:
        return self._find_one(
            "engagement_id = ? AND layer_id = ? AND process_id = ?",
            (engagement_id, layer_id, process_id),
        )

    def by_cell(self, engagement_id: str) -> dict[tuple[str, str], CanvasState]:
        """The engagement's entries keyed by ``(layer_id, process_id)``."""
        return {(s.layer_id, s.process_id): s for s in self.for_engagement(engagement_id)}

    def save(
        self, engagement_id: str, layer_id: str, process_id: str = "", **values: Any
    ) -> Saved[CanvasState]:
        """Store a layer's (or process's) entry; fields not named keep their stored values.

        ``values`` are any of maturity, current_state, target_state, pain_points, owner
        and initiatives. The first save of a cell creates its entry.
        """
        engagement_id = validation.record_id("engagement_id", engagement_id)
        layer_id = pf.slug("layer_id", layer_id)
        process_id = pf.optional_slug("process_id", process_id)
        key = {"engagement_id": engagement_id, "layer_id": layer_id, "process_id": process_id}
        existing = self.find(engagement_id, layer_id, process_id)
        record_id = self._upsert(existing, values | key, _DEFAULTS)
        return Saved(self.get(record_id), Changes.of(self.kind, record_id))

    def clear(self, engagement_id: str, layer_id: str, process_id: str = "") -> Changes:
        """Remove a cell's entry (undo of its first save); nothing happens if there is none."""
        return self._remove(self.find(engagement_id, layer_id, process_id))
