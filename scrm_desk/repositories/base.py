"""What every repository shares: the field table, the transaction, row-to-record mapping."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, fields
from enum import StrEnum
from typing import Any, ClassVar, Generic, TypeVar

from sqlite_utils import Database

from scrm_desk import validation
from scrm_desk.changes import Changes, Saved
from scrm_desk.clock import new_id, utc_now
from scrm_desk.errors import NotFoundError, ValidationError, WorkspaceError

R = TypeVar("R")
FieldCheck = Callable[[str, object], object]


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One atomic write; storage failures become a message that says nothing was saved."""
    try:
        with db.atomic():
            yield db
    except sqlite3.IntegrityError as exc:
        raise WorkspaceError(
            f"The change was refused by the workspace ({exc}); nothing was saved."
        ) from exc
    except sqlite3.OperationalError as exc:
        reason = str(exc)
        if "full" in reason:
            reason = "the disk is full"
        elif "readonly" in reason:
            reason = "the workspace file is read-only"
        elif "locked" in reason:
            reason = "another program is writing to the workspace"
        raise WorkspaceError(f"Could not save: {reason}. Nothing was changed.") from exc


class Repository(Generic[R]):
    """Generic create/read/update for one table whose rows map onto dataclass ``record``."""

    table: ClassVar[str]
    kind: ClassVar[str]
    label: ClassVar[str]
    record: ClassVar[type]
    #: editable fields, each with the check that cleans it
    editable: ClassVar[Mapping[str, FieldCheck]]
    #: record attribute -> column, where they differ
    columns: ClassVar[Mapping[str, str]] = {}
    order_by: ClassVar[str] = "created_at"

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading ------------------------------------------------------------------------
    def _from_row(self, row: Mapping[str, Any]) -> R:
        reverse = {column: attr for attr, column in self.columns.items()}
        values = {reverse.get(key, key): value for key, value in row.items()}
        return self._build(values)

    def _build(self, values: dict[str, Any]) -> R:
        return self.record(**values)

    def _select(self, where: str = "", params: tuple[Any, ...] = ()) -> list[R]:
        sql = f"SELECT * FROM {self.table}"
        if where:
            sql += f" WHERE {where}"
        sql += f" ORDER BY {self.order_by}"
        return [self._from_row(row) for row in self.db.query(sql, params)]

    def get(self, record_id: str) -> R:
        found = self._select("id = ?", (record_id,))
        if not found:
            raise NotFoundError(f"There is no {self.label} with id {record_id}.")
        return found[0]

    def exists(self, record_id: str) -> bool:
        row = self.db.execute(f"SELECT 1 FROM {self.table} WHERE id = ?", [record_id]).fetchone()
        return row is not None

    def count(self) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    # -- writing ------------------------------------------------------------------------
    def _clean(self, values: Mapping[str, object], *, partial: bool) -> dict[str, object]:
        unknown = set(values) - set(self.editable)
        if unknown:
            raise ValidationError(sorted(unknown)[0], f"is not a field of a {self.label}")
        cleaned: dict[str, object] = {}
        for name, check in self.editable.items():
            if partial and name not in values:
                continue
            cleaned[name] = check(name, values.get(name))
        return cleaned

    def _check_record(self, values: Mapping[str, object]) -> None:
        """Cross-field rules; ``values`` holds every editable field."""

    def _to_row(self, values: Mapping[str, object]) -> dict[str, object]:
        return {
            self.columns.get(key, key): value.value if isinstance(value, StrEnum) else value
            for key, value in values.items()
        }

    def _insert(self, values: dict[str, object]) -> None:
        row = self._to_row(values)
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.db.execute(f"INSERT INTO {self.table} ({names}) VALUES ({marks})", list(row.values()))

    def create(self, *, id: str | None = None, **values: object) -> Saved[R]:
        """Add a record; ``id`` is given only to re-create one (undo, import)."""
        cleaned = self._clean(values, partial=False)
        self._check_record(cleaned)
        record_id = validation.record_id("id", id) if id else new_id()
        now = utc_now()
        with transaction(self.db):
            if self.exists(record_id):
                raise ValidationError("id", f"a {self.label} with id {record_id} already exists")
            self._insert({"id": record_id, **cleaned, "created_at": now, "updated_at": now})
        return Saved(self.get(record_id), Changes.of(self.kind, record_id))

    def update(self, record_id: str, **values: object) -> Saved[R]:
        """Change some fields of a record; unnamed fields keep their values."""
        current = self.get(record_id)
        cleaned = self._clean(values, partial=True)
        merged = {name: getattr(current, name) for name in self.editable} | cleaned
        self._check_record(merged)
        row = self._to_row(cleaned) | {"updated_at": utc_now()}
        assignments = ", ".join(f"{column} = ?" for column in row)
        with transaction(self.db):
            self.db.execute(
                f"UPDATE {self.table} SET {assignments} WHERE id = ?", [*row.values(), record_id]
            )
        return Saved(self.get(record_id), Changes.of(self.kind, record_id))

    def put_back(self, record: R) -> Saved[R]:
        """Re-insert a record exactly as it was (undo of a delete, import)."""
        values = asdict(record)  # type: ignore[call-overload]
        cleaned = self._clean({k: values[k] for k in self.editable}, partial=False)
        self._check_record(cleaned)
        full = {f.name: values[f.name] for f in fields(record)} | cleaned  # type: ignore[arg-type]
        with transaction(self.db):
            self._insert(full)
        return Saved(self.get(values["id"]), Changes.of(self.kind, values["id"]))

    def delete(self, record_id: str) -> Changes:
        self.get(record_id)
        with transaction(self.db):
            self.db.execute(f"DELETE FROM {self.table} WHERE id = ?", [record_id])
        return Changes.of(self.kind, record_id)
