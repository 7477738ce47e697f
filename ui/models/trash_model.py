"""Engagements in the trash, for the trash view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from scrm_desk.records import Engagement
from ui.labels import DATE_FORMAT

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str

    def header(self) -> str:
        return QCoreApplication.translate("TrashModel", self.title)


COLUMNS: tuple[Column, ...] = (
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


class TrashModel(QAbstractTableModel):
    """Read-only: restoring and emptying go through the main window's commands."""

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Engagement] = []
        self._client_names: dict[str, str] = {}

    def set_engagements(
        self, engagements: Sequence[Engagement], client_names: Mapping[str, str]
    ) -> None:
        self.beginResetModel()
        self._rows = list(engagements)
        self._client_names = dict(client_names)
        self.endResetModel()

    def engagement_at(self, row: int) -> Engagement:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section].header()
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        engagement = self._rows[index.row()]
        if role == self.IdRole:
            return engagement.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        key = COLUMNS[index.column()].key
        if key == "client":
            return self._client_names.get(engagement.client_id, "")
        if key == "deleted_at":
            return format_timestamp(engagement.deleted_at or "")
        return getattr(engagement, key)
