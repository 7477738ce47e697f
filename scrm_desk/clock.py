"""Timestamps and ids in the forms the workspace stores."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def utc_now() -> str:
    """UTC now as ISO 8601 with milliseconds, e.g. ``2026-11-23T13:28:34.123Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    """A random UUID, so records can move between laptops without clashing."""
    return str(uuid.uuid4())
