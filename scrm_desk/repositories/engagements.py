"""Engagements: one piece of consulting work for a client, with a trash for deletes."""

from __future__ import annotations

from typing import Any, ClassVar

from scrm_desk import validation
from scrm_desk.changes import ENGAGEMENT_HELD_KINDS, Changes, Saved
from scrm_desk.clock import utc_now
from scrm_desk.errors import NotFoundError, ValidationError
from scrm_desk.records import Engagement, EngagementStatus, Variant
from scrm_desk.repositories.base import FieldCheck, Repository, transaction


def _looks_like_id(text: str) -> bool:
    return len(text) < 6 and all(c in "0123456789abcdef-" for c in text.lower())


def _title(field: str, value: object) -> str:
    return validation.short_text(field, value, required=True)


def _status(field: str, value: object) -> EngagementStatus:
    return validation.choice(field, value, EngagementStatus)


def _variant(field: str, value: object) -> Variant:
    return validation.choice(field, value, Variant)


class EngagementRepository(Repository[Engagement]):
    table = "engagements"
    kind = "engagement"
    label = "engagement"
    record = Engagement
    order_by = "start_date IS NULL, start_date DESC, title COLLATE NOCASE"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "client_id": validation.record_id,
        "title": _title,
        "consultant": validation.short_text,
        "start_date": validation.optional_date,
        "end_date": validation.optional_date,
        "status": _status,
        "scope_notes": validation.long_text,
        "variant": _variant,
    }

    def _build(self, values: dict[str, Any]) -> Engagement:
        values["status"] = EngagementStatus(values["status"])
        values["variant"] = Variant(values["variant"])
        return Engagement(**values)

    def _check_record(self, values: Any) -> None:
        validation.date_order(values["start_date"], values["end_date"])
        found = self.db.execute(
            "SELECT 1 FROM clients WHERE id = ?", [values["client_id"]]
        ).fetchone()
        if found is None:
            raise NotFoundError(f"There is no client with id {values['client_id']}.")

    def create(self, *, id: str | None = None, **values: object) -> Saved[Engagement]:
        values.setdefault("status", EngagementStatus.PLANNED)
        values.setdefault("variant", Variant.BOTH)
        return super().create(id=id, **values)

    # -- reading ------------------------------------------------------------------------
    def active(self, *, client_id: str | None = None) -> list[Engagement]:
        """Engagements not in the trash, newest start first."""
        if client_id is None:
            return self._select("deleted_at IS NULL")
        return self._select("deleted_at IS NULL AND client_id = ?", (client_id,))

    def trashed(self) -> list[Engagement]:
        return self._select("deleted_at IS NOT NULL")

    def resolve(self, reference: str) -> Engagement:
        """Find an engagement by full id (trash included), or among the open ones by id
        prefix or title (exact, then a unique part)."""
        ref = reference.strip()
        if not ref:
            raise NotFoundError("Name an engagement by its id or title.")
        by_id = self._select("id = ?", (ref.lower(),))
        if by_id:  # a full id finds the engagement even in the trash
            return by_id[0]
        candidates = self._select("deleted_at IS NULL")
        for matcher in (
            lambda e: e.id == ref.lower(),
            lambda e: len(ref) >= 6 and e.id.startswith(ref.lower()),
            lambda e: e.title.casefold() == ref.casefold(),
            lambda e: ref.casefold() in e.title.casefold(),
        ):
            found = [e for e in candidates if matcher(e)]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                listing = "; ".join(f"{e.id[:8]} {e.title}" for e in found[:10])
                raise NotFoundError(
                    f"{reference!r} matches {len(found)} engagements ({listing}). "
                    "Use more of the title or the id."
                )
        hint = " (an id needs at least its first 6 characters)" if _looks_like_id(ref) else ""
        raise NotFoundError(f"No engagement matches {reference!r}{hint}.")

    # -- the trash ----------------------------------------------------------------------
    def move_to_trash(self, record_id: str) -> Changes:
        engagement = self.get(record_id)
        if engagement.in_trash:
            raise ValidationError("engagement", f"{engagement.title!r} is already in the trash")
        with transaction(self.db):
            self.db.execute(
                "UPDATE engagements SET deleted_at = ? WHERE id = ?", [utc_now(), record_id]
            )
        return Changes.of(self.kind, record_id)

    def restore_from_trash(self, record_id: str) -> Changes:
        engagement = self.get(record_id)
        if not engagement.in_trash:
            raise ValidationError("engagement", f"{engagement.title!r} is not in the trash")
        with transaction(self.db):
            self.db.execute("UPDATE engagements SET deleted_at = NULL WHERE id = ?", [record_id])
        return Changes.of(self.kind, record_id)

    def empty_trash(self) -> Changes:
        """Delete every trashed engagement and all it holds, for good."""
        ids = [e.id for e in self.trashed()]
        with transaction(self.db):
            # Rows that hang off an engagement go with it through ON DELETE CASCADE.
            self.db.execute("DELETE FROM engagements WHERE deleted_at IS NOT NULL")
        if not ids:
            return Changes()
        return Changes(frozenset({self.kind, *ENGAGEMENT_HELD_KINDS}), frozenset(ids))
