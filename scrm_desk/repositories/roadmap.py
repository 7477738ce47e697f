"""The roadmap: initiatives in the consultant's order, and the suggestions dismissed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, fields
from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.changes import Changes, Saved
from scrm_desk.clock import new_id, utc_now
from scrm_desk.errors import ValidationError
from scrm_desk.records import DismissedSuggestion, RoadmapItem, RoadmapPhase, RoadmapStatus
from scrm_desk.repositories import planning_fields as pf
from scrm_desk.repositories.base import FieldCheck, transaction

#: The columns holding JSON lists of framework ids.
LINK_FIELDS = ("block_ids", "layer_ids", "area_ids")


def _phase(field: str, value: object) -> RoadmapPhase:
    return validation.choice(field, value, RoadmapPhase)


def _status(field: str, value: object) -> RoadmapStatus:
    return validation.choice(field, value, RoadmapStatus)


def position(field: str, value: object) -> int:
    """A place in the roadmap's order, 1 first."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(field, f"must be a whole number of 1 or more, not {value!r}")
    return value


class RoadmapRepository(pf.EngagementPartRepository[RoadmapItem]):
    """Roadmap items of an engagement, ordered by ``position``.

    A new item goes to the end. :meth:`move` reorders; positions may have gaps after a
    delete (the order is what counts), and :meth:`move` closes them.
    """

    table = "roadmap_items"
    kind = "roadmap_item"
    label = "roadmap item"
    record = RoadmapItem
    order_by = "position, created_at, rowid"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "engagement_id": validation.record_id,
        "title": pf.required_title,
        "description": validation.long_text,
        "block_ids": pf.slug_list,
        "layer_ids": pf.slug_list,
        "area_ids": pf.slug_list,
        "impact": pf.level,
        "effort": pf.level,
        "owner": validation.short_text,
        "phase": _phase,
        "start_date": validation.optional_date,
        "end_date": validation.optional_date,
        "status": _status,
        "origin": pf.suggestion_key,
    }
    #: What a new item gets for the fields not given.
    defaults: ClassVar[dict[str, object]] = {
        "description": "",
        "block_ids": (),
        "layer_ids": (),
        "area_ids": (),
        "impact": 3,
        "effort": 3,
        "owner": "",
        "phase": RoadmapPhase.NEXT,
        "start_date": None,
        "end_date": None,
        "status": RoadmapStatus.PROPOSED,
        "origin": "",
    }

    def _build(self, values: dict[str, Any]) -> RoadmapItem:
        for name in LINK_FIELDS:
            values[name] = tuple(json.loads(values[name] or "[]"))
        values["phase"] = RoadmapPhase(values["phase"])
        values["status"] = RoadmapStatus(values["status"])
        return RoadmapItem(**values)

    def _to_row(self, values: Mapping[str, object]) -> dict[str, object]:
        row = super()._to_row(values)
        for name in LINK_FIELDS:
            if name in row:
                row[name] = json.dumps(list(row[name]))  # type: ignore[call-overload]
        return row

    def _check_record(self, values: Any) -> None:
        validation.date_order(values["start_date"], values["end_date"])
        super()._check_record(values)
        origin = values["origin"]
        if origin:
            taken = self.db.execute(
                "SELECT id FROM roadmap_items WHERE engagement_id = ? AND origin = ?",
                [values["engagement_id"], origin],
            ).fetchone()
            if taken is not None and taken[0] != values.get("id"):
                raise ValidationError(
                    "origin", f"the suggestion {origin!r} is already on the roadmap"
                )

    # -- reading ------------------------------------------------------------------------
    def find_by_origin(self, engagement_id: str, key: str) -> RoadmapItem | None:
        return self._find_one("engagement_id = ? AND origin = ?", (engagement_id, key))

    def origins(self, engagement_id: str) -> frozenset[str]:
        """The suggestion keys the engagement's roadmap items were accepted from."""
        rows = self.db.execute(
            "SELECT origin FROM roadmap_items WHERE engagement_id = ? AND origin != ''",
            [engagement_id],
        ).fetchall()
        return frozenset(row[0] for row in rows)

    def _ordered_ids(self, engagement_id: str) -> list[str]:
        rows = self.db.execute(
            f"SELECT id FROM roadmap_items WHERE engagement_id = ? ORDER BY {self.order_by}",
            [engagement_id],
        ).fetchall()
        return [row[0] for row in rows]

    def _next_position(self, engagement_id: str) -> int:
        row = self.db.execute(
            "SELECT coalesce(max(position), 0) FROM roadmap_items WHERE engagement_id = ?",
            [engagement_id],
        ).fetchone()
        return int(row[0]) + 1

    # -- writing ------------------------------------------------------------------------
    def create(self, *, id: str | None = None, **values: object) -> Saved[RoadmapItem]:
        """Add an item at the end of the engagement's roadmap."""
        cleaned = self._clean(self.defaults | values, partial=False)
        self._check_record(cleaned)
        record_id = validation.record_id("id", id) if id else new_id()
        now = utc_now()
        with transaction(self.db):
            if self.exists(record_id):
                raise ValidationError("id", f"a {self.label} with id {record_id} already exists")
            self._insert(
                {
                    "id": record_id,
                    **cleaned,
                    "position": self._next_position(str(cleaned["engagement_id"])),
                    "created_at": now,
                    "updated_at": now,
                }
            )
        return Saved(self.get(record_id), Changes.of(self.kind, record_id))

    def update(self, record_id: str, **values: object) -> Saved[RoadmapItem]:
        current = self.get(record_id)
        cleaned = self._clean(values, partial=True)
        merged = {name: getattr(current, name) for name in self.editable} | cleaned
        self._check_record(merged | {"id": record_id})
        row = self._to_row(cleaned) | {"updated_at": utc_now()}
        assignments = ", ".join(f"{column} = ?" for column in row)
        with transaction(self.db):
            self.db.execute(
                f"UPDATE {self.table} SET {assignments} WHERE id = ?", [*row.values(), record_id]
            )
        return Saved(self.get(record_id), Changes.of(self.kind, record_id))

    def put_back(self, record: RoadmapItem) -> Saved[RoadmapItem]:
        """Re-insert an item as it was (undo of a delete, import).

        If another item holds its position by now, that item and those after it move one
        place down, so the restored item is back where it was.
        """
        values = asdict(record)
        cleaned = self._clean({k: values[k] for k in self.editable}, partial=False)
        self._check_record(cleaned)
        full = {f.name: values[f.name] for f in fields(record)} | cleaned
        full["position"] = position("position", values["position"])
        with transaction(self.db):
            taken = self.db.execute(
                "SELECT 1 FROM roadmap_items WHERE engagement_id = ? AND position = ?",
                [record.engagement_id, record.position],
            ).fetchone()
            if taken is not None:
                self.db.execute(
                    "UPDATE roadmap_items SET position = position + 1"
                    " WHERE engagement_id = ? AND position >= ?",
                    [record.engagement_id, record.position],
                )
            self._insert(full)
        return Saved(self.get(record.id), Changes.of(self.kind, record.id))

    def move(self, item_id: str, new_position: int) -> Changes:
        """Move an item to ``new_position`` (1 first; past the end means last).

        Every item of the engagement is renumbered 1, 2, 3, ... in one transaction.
        Reordering is not an edit of the items, so ``updated_at`` stays as it is.
        """
        item = self.get(item_id)
        new_position = position("position", new_position)
        changed: set[str] = set()
        with transaction(self.db):
            order = self._ordered_ids(item.engagement_id)
            order.remove(item_id)
            order.insert(min(new_position, len(order) + 1) - 1, item_id)
            current = dict(
                self.db.execute(
                    "SELECT id, position FROM roadmap_items WHERE engagement_id = ?",
                    [item.engagement_id],
                ).fetchall()
            )
            for place, some_id in enumerate(order, start=1):
                if current[some_id] != place:
                    self.db.execute(
                        "UPDATE roadmap_items SET position = ? WHERE id = ?", [place, some_id]
                    )
                    changed.add(some_id)
        if not changed:
            return Changes()
        return Changes(frozenset({self.kind}), frozenset(changed))


class DismissedSuggestionRepository(pf.EngagementPartRepository[DismissedSuggestion]):
    """Keys of suggested initiatives the consultant dismissed, per engagement."""

    table = "dismissed_suggestions"
    kind = "dismissed_suggestion"
    label = "dismissed suggestion"
    record = DismissedSuggestion
    order_by = "created_at, rowid"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "engagement_id": validation.record_id,
        "key": pf.required_suggestion_key,
        "title": validation.short_text,
    }

    def find(self, engagement_id: str, key: str) -> DismissedSuggestion | None:
        return self._find_one("engagement_id = ? AND key = ?", (engagement_id, key))

    def keys(self, engagement_id: str) -> frozenset[str]:
        rows = self.db.execute(
            "SELECT key FROM dismissed_suggestions WHERE engagement_id = ?", [engagement_id]
        ).fetchall()
        return frozenset(row[0] for row in rows)

    def dismiss(self, engagement_id: str, key: str, title: str = "") -> Saved[DismissedSuggestion]:
        """Remember that suggestion ``key`` was dismissed; dismissing twice changes nothing."""
        existing = self.find(engagement_id, pf.required_suggestion_key("key", key))
        if existing is not None:
            return Saved(existing, Changes())
        return self.create(engagement_id=engagement_id, key=key, title=title)

    def restore(self, engagement_id: str, key: str) -> Changes:
        """Suggest ``key`` again (undo of a dismissal)."""
        return self._remove(self.find(engagement_id, key))
