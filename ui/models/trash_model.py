"""Engagements in the trash, for the trash view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QLocale, QObject, Qt

from scrm_desk.records import Engagement
from ui.labels import DATE_FORMAT
from ui.models.columns import Column, ColumnTableModel, declare_columns

COLUMNS = declare_columns(
    "TrashModel",
    Column("title", QT_TRANSLATE_NOOP("TrashModel", "Engagement")),
    Column("client", QT_TRANSLATE_NOOP("TrashModel", "Client")),
    Column("consultant", QT_TRANSLATE_NOOP("TrashModel", "Consultant")),
    Column("deleted_at", QT_TRANSLATE_NOOP("TrashModel", "Moved to the trash")),
)


def format_timestamp(iso: str) -> str:
    """A stored UTC timestamp in local time, the locale's short form."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        return iso
    return QLocale().toString(moment.toLocalTime(), f"{DATE_FORMAT} HH:mm")


class TrashModel(ColumnTableModel[Engagement]):
    """Read-only: restoring and emptying go through the main window's commands."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, attrgetter("id"), parent)
        self._client_names: dict[str, str] = {}

    def set_engagements(
        self, engagements: Sequence[Engagement], client_names: Mapping[str, str]
    ) -> None:
        self._client_names = dict(client_names)
        self.reset_rows(engagements)

    def engagement_at(self, row: int) -> Engagement:
        return self.row_at(row)

    def display(self, row: Engagement, key: str) -> Any:
        if key == "client":
            return self._client_names.get(row.client_id, "")
        if key == "deleted_at":
            return format_timestamp(row.deleted_at or "")
        return getattr(row, key)

    def cell_data(self, row: Engagement, key: str, role: int) -> Any:
        return self.display(row, key) if role == Qt.ItemDataRole.ToolTipRole else None
