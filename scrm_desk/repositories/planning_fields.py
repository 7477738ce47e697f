"""What the planning repositories share: field checks and an engagement-scoped base.

The planning records (canvas, checklists, posture, initiatives, starting points,
platforms, roadmap) all belong to one engagement and refer to framework items by their
slug ids. The repositories check the *form* of those ids; whether an id exists in the
loaded framework is for the planning rules to judge, because a workspace must keep what
a consultant recorded even when a framework file changes or is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final, TypeVar

from scrm_desk import validation
from scrm_desk.changes import Changes
from scrm_desk.clock import new_id, utc_now
from scrm_desk.errors import NotFoundError, ValidationError
from scrm_desk.frameworks.loader import MAX_ID_LENGTH, SLUG_RE
from scrm_desk.repositories.base import Repository, transaction

R = TypeVar("R")

#: A suggestion key such as ``missing_block:vision`` or ``large_gap:strategy:social``.
SUGGESTION_KEY_RE: Final = re.compile(r"[a-z0-9][a-z0-9_.:-]*")
SUGGESTION_KEY_MAX: Final = 200


# --------------------------------------------------------------------------- field checks


def slug(field: str, value: object) -> str:
    """The id of a framework item: lowercase words joined by ``-`` or ``_``."""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be an id (text), not {type(value).__name__}")
    value = value.strip()
    if not value:
        raise ValidationError(field, "is required")
    if len(value) > MAX_ID_LENGTH or not SLUG_RE.fullmatch(value):
        raise ValidationError(
            field,
            f"{value!r} is not an id (lowercase letters and digits joined by '-' or '_', "
            f"at most {MAX_ID_LENGTH} characters)",
        )
    return value


def optional_slug(field: str, value: object) -> str:
    """A framework id, or ``""`` for none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    return slug(field, value)


def nullable_slug(field: str, value: object) -> str | None:
    """A framework id, or ``None`` for none."""
    return optional_slug(field, value) or None


def level(field: str, value: object) -> int:
    """A whole number from 1 to 5 (maturity, pain, value, impact, effort)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(field, f"must be a whole number from 1 to 5, not {value!r}")
    return value


def optional_level(field: str, value: object) -> int | None:
    return None if value is None else level(field, value)


def flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, f"must be true or false, not {value!r}")
    return value


def slug_list(field: str, value: object) -> tuple[str, ...]:
    """A list of framework ids; repeats are dropped, the first order kept."""
    if value is None:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise ValidationError(field, f"must be a list of ids, not {type(value).__name__}")
    cleaned: list[str] = []
    for index, item in enumerate(value):
        try:
            item_id = slug(field, item)
        except ValidationError as exc:
            raise ValidationError(field, f"item {index + 1}: {exc.message}") from None
        if item_id not in cleaned:
            cleaned.append(item_id)
    return tuple(cleaned)


def suggestion_key(field: str, value: object) -> str:
    """The stable key of a suggested initiative, or ``""`` for none."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    value = value.strip()
    if value and (len(value) > SUGGESTION_KEY_MAX or not SUGGESTION_KEY_RE.fullmatch(value)):
        raise ValidationError(field, f"{value!r} is not a suggestion key")
    return value


def required_suggestion_key(field: str, value: object) -> str:
    cleaned = suggestion_key(field, value)
    if not cleaned:
        raise ValidationError(field, "is required")
    return cleaned


def required_title(field: str, value: object) -> str:
    return validation.short_text(field, value, required=True)


# --------------------------------------------------------------------------- the base


class EngagementPartRepository(Repository[R]):
    """A repository of records that each belong to one engagement."""

    def _check_record(self, values: Any) -> None:
        require_engagement(self.db, values["engagement_id"])

    def for_engagement(self, engagement_id: str) -> list[R]:
        """The engagement's records, in the repository's order."""
        return self._select("engagement_id = ?", (engagement_id,))

    def count_for(self, engagement_id: str) -> int:
        return int(
            self.db.execute(
                f"SELECT count(*) FROM {self.table} WHERE engagement_id = ?", [engagement_id]
            ).fetchone()[0]
        )

    def _find_one(self, where: str, params: tuple[Any, ...]) -> R | None:
        found = self._select(where, params)
        return found[0] if found else None

    def _upsert(
        self,
        existing: Any,
        values: Mapping[str, object],
        defaults: Mapping[str, object],
    ) -> str:
        """Write one record whole: ``values`` over the stored fields (or ``defaults``).

        ``existing`` is the stored record with the same natural key, or ``None``. Fields
        not in ``values`` keep what was stored, so an editor can save one field and an
        undo can save all of them. Returns the record's id.
        """
        if existing is None:
            merged = dict(defaults) | dict(values)
        else:
            merged = {name: getattr(existing, name) for name in self.editable} | dict(values)
        cleaned = self._clean(merged, partial=False)
        self._check_record(cleaned)
        now = utc_now()
        with transaction(self.db):
            if existing is None:
                record_id = new_id()
                self._insert({"id": record_id, **cleaned, "created_at": now, "updated_at": now})
            else:
                record_id = existing.id
                row = self._to_row(cleaned) | {"updated_at": now}
                assignments = ", ".join(f"{column} = ?" for column in row)
                self.db.execute(
                    f"UPDATE {self.table} SET {assignments} WHERE id = ?",
                    [*row.values(), record_id],
                )
        return str(record_id)

    def _remove(self, record: Any) -> Changes:
        if record is None:
            return Changes()
        with transaction(self.db):
            self.db.execute(f"DELETE FROM {self.table} WHERE id = ?", [record.id])
        return Changes.of(self.kind, record.id)


def require_engagement(db: Any, engagement_id: str) -> None:
    found = db.execute("SELECT 1 FROM engagements WHERE id = ?", [engagement_id]).fetchone()
    if found is None:
        raise NotFoundError(f"There is no engagement with id {engagement_id}.")
