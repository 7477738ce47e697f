"""Checklists of an engagement: the outside-in gate's criteria and the governance items."""

from __future__ import annotations

from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.changes import Changes, Saved
from scrm_desk.errors import ValidationError
from scrm_desk.records import ChecklistEntry, ChecklistKind
from scrm_desk.repositories import planning_fields as pf
from scrm_desk.repositories.base import FieldCheck

_DEFAULTS: dict[str, object] = {"checked": False, "note": ""}


def _checklist(field: str, value: object) -> ChecklistKind:
    return validation.choice(field, value, ChecklistKind)


class ChecklistRepository(pf.EngagementPartRepository[ChecklistEntry]):
    """One entry per engagement and checklist item: ticked or not, with a note.

    An item nobody has touched has no entry; the planning rules read it as unticked.
    """

    table = "checklist_entries"
    kind = "checklist_entry"
    label = "checklist entry"
    record = ChecklistEntry
    order_by = "checklist, layer_id, item_id, id"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "engagement_id": validation.record_id,
        "checklist": _checklist,
        "layer_id": pf.optional_slug,
        "item_id": pf.slug,
        "checked": pf.flag,
        "note": validation.long_text,
    }

    def _build(self, values: dict[str, Any]) -> ChecklistEntry:
        values["checklist"] = ChecklistKind(values["checklist"])
        values["checked"] = bool(values["checked"])
        return ChecklistEntry(**values)

    def _check_record(self, values: Any) -> None:
        if values["checklist"] is ChecklistKind.GATE and not values["layer_id"]:
            raise ValidationError("layer_id", "a gate criterion needs the id of its gate layer")
        if values["checklist"] is ChecklistKind.GOVERNANCE and values["layer_id"]:
            raise ValidationError("layer_id", "a governance item belongs to no layer")
        super()._check_record(values)

    # -- reading ------------------------------------------------------------------------
    def find(
        self,
        engagement_id: str,
        checklist: ChecklistKind | str,
        item_id: str,
        layer_id: str = "",
    ) -> ChecklistEntry | None:
        return self._find_one(
            "engagement_id = ? AND checklist = ? AND layer_id = ? AND item_id = ?",
            (engagement_id, str(checklist), layer_id, item_id),
        )

    def gate_entries(self, engagement_id: str, layer_id: str) -> dict[str, ChecklistEntry]:
        """The gate layer's entries, keyed by criterion id."""
        found = self._select(
            "engagement_id = ? AND checklist = 'gate' AND layer_id = ?", (engagement_id, layer_id)
        )
        return {entry.item_id: entry for entry in found}

    def governance_entries(self, engagement_id: str) -> dict[str, ChecklistEntry]:
        """The governance checklist's entries, keyed by item id."""
        found = self._select("engagement_id = ? AND checklist = 'governance'", (engagement_id,))
        return {entry.item_id: entry for entry in found}

    # -- writing ------------------------------------------------------------------------
    def save(
        self,
        engagement_id: str,
        checklist: ChecklistKind | str,
        item_id: str,
        layer_id: str = "",
        **values: Any,
    ) -> Saved[ChecklistEntry]:
        """Tick or untick an item and/or change its note; fields not named keep their values."""
        key = {
            "engagement_id": validation.record_id("engagement_id", engagement_id),
            "checklist": _checklist("checklist", checklist),
            "item_id": pf.slug("item_id", item_id),
            "layer_id": pf.optional_slug("layer_id", layer_id),
        }
        existing = self.find(
            key["engagement_id"], key["checklist"], key["item_id"], key["layer_id"]
        )
        record_id = self._upsert(existing, values | key, _DEFAULTS)
        return Saved(self.get(record_id), Changes.of(self.kind, record_id))

    def save_gate(
        self, engagement_id: str, layer_id: str, criterion_id: str, **values: Any
    ) -> Saved[ChecklistEntry]:
        """Tick a gate criterion of gate layer ``layer_id`` (``checked=True``), or note it."""
        return self.save(engagement_id, ChecklistKind.GATE, criterion_id, layer_id, **values)

    def save_governance(
        self, engagement_id: str, item_id: str, **values: Any
    ) -> Saved[ChecklistEntry]:
        return self.save(engagement_id, ChecklistKind.GOVERNANCE, item_id, "", **values)

    def clear(
        self,
        engagement_id: str,
        checklist: ChecklistKind | str,
        item_id: str,
        layer_id: str = "",
    ) -> Changes:
        """Remove an item's entry (undo of its first save)."""
        return self._remove(self.find(engagement_id, checklist, item_id, layer_id))
