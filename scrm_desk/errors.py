"""Errors the core raises, each with a message fit to show a consultant as it is."""

from __future__ import annotations


class ScrmError(Exception):
    """Base of every error SCRM Desk reports to the user."""


class ValidationError(ScrmError, ValueError):
    """Input that cannot be saved; ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFoundError(ScrmError, LookupError):
    """A record that does not exist (or no longer exists)."""


class ConflictError(ScrmError):
    """A write refused because of other records (for example a client still in use)."""


class WorkspaceError(ScrmError):
    """The workspace file cannot be opened or written as asked."""


class WorkspaceLockedError(WorkspaceError):
    """Another SCRM Desk window already has this workspace open."""


class SchemaTooNewError(WorkspaceError):
    """The workspace was written by a newer SCRM Desk than this one."""


class InterchangeError(ScrmError, ValueError):
    """An engagement file that cannot be imported; the message says what and where."""
