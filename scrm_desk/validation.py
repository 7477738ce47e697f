"""Field checks shared by every repository: each failure names the field and says why."""

from __future__ import annotations

import re
import uuid
from datetime import date
from enum import StrEnum
from typing import TypeVar

from scrm_desk.errors import ValidationError

E = TypeVar("E", bound=StrEnum)

# Limits generous enough for real notes, small enough that a pasted file is caught.
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 50_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _text(field: str, value: object, *, limit: int, required: bool, multiline: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise ValidationError(field, "is required")
    if len(value) > limit:
        raise ValidationError(field, f"is {len(value):,} characters long; the limit is {limit:,}")
    if not multiline and ("\n" in value or "\r" in value):
        raise ValidationError(field, "must be a single line")
    if _CONTROL.search(value):
        raise ValidationError(field, "contains control characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(field, "contains characters that cannot be stored") from None
    return value


def short_text(field: str, value: object, *, required: bool = False) -> str:
    """A single-line field such as a name or title."""
    return _text(field, value, limit=SHORT_TEXT_MAX, required=required, multiline=False)


def long_text(field: str, value: object) -> str:
    """A free-text field such as notes; may span lines."""
    return _text(field, value, limit=LONG_TEXT_MAX, required=False, multiline=True)


def email(field: str, value: object) -> str:
    cleaned = short_text(field, value)
    if cleaned and not _EMAIL.match(cleaned):
        raise ValidationError(field, f"{cleaned!r} is not an e-mail address")
    return cleaned


def optional_date(field: str, value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) or nothing."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValidationError(field, f"must be a date, not {type(value).__name__}")
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date in the form YYYY-MM-DD") from None


def date_order(start: str | None, end: str | None) -> None:
    if start and end and end < start:
        raise ValidationError("end_date", f"{end} is before the start date {start}")


def choice(field: str, value: object, enum: type[E]) -> E:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValidationError(field, f"{value!r} is not one of: {allowed}") from None


def record_id(field: str, value: object) -> str:
    """A UUID in its canonical text form."""
    if not isinstance(value, str):
        raise ValidationError(field, "must be a UUID string")
    try:
        canonical = str(uuid.UUID(value))
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a UUID") from None
    if canonical != value:
        # Ids are compared as text: only one spelling of a UUID may exist.
        raise ValidationError(field, f"{value!r} is not a UUID in canonical lower-case form")
    return value


_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")


def timestamp(field: str, value: object) -> str:
    """A UTC timestamp in the one form the workspace stores (see :func:`clock.utc_now`),
    so that ordering by text is ordering in time."""
    from datetime import datetime

    if not isinstance(value, str) or not _TIMESTAMP.match(value):
        raise ValidationError(
            field, f"{value!r} is not a UTC timestamp like 2026-01-31T09:30:00.000Z"
        )
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a valid date and time") from None
    return value
