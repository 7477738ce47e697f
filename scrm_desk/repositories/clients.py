"""Clients: the organisations a consultant works for."""

from __future__ import annotations

from typing import ClassVar

from scrm_desk import validation
from scrm_desk.changes import Changes
from scrm_desk.errors import ConflictError
from scrm_desk.records import Client
from scrm_desk.repositories.base import FieldCheck, Repository, transaction


def _required_name(field: str, value: object) -> str:
    return validation.short_text(field, value, required=True)


class ClientRepository(Repository[Client]):
    table = "clients"
    kind = "client"
    label = "client"
    record = Client
    order_by = "name COLLATE NOCASE, created_at"
    editable: ClassVar[dict[str, FieldCheck]] = {
        "name": _required_name,
        "industry": validation.short_text,
        "size": validation.short_text,
        "region": validation.short_text,
        "notes": validation.long_text,
    }

    def all(self) -> list[Client]:
        return self._select()

    def delete(self, record_id: str) -> Changes:
        """Delete a client that has no engagements left (in the trash included)."""
        client = self.get(record_id)
        live, trashed = self.db.execute(
            "SELECT count(*) FILTER (WHERE deleted_at IS NULL),"
            " count(*) FILTER (WHERE deleted_at IS NOT NULL)"
            " FROM engagements WHERE client_id = ?",
            [record_id],
        ).fetchone()
        if live or trashed:
            where = f"{live} open" + (f" and {trashed} in the trash" if trashed else "")
            raise ConflictError(
                f"{client.name} still has engagements ({where}). Delete them and empty the "
                "trash first."
            )
        with transaction(self.db):
            self.db.execute("DELETE FROM clients WHERE id = ?", [record_id])
        return Changes.of(self.kind, record_id)
