"""The roadmap as a table: one row per initiative, in the consultant's order.

The table is read-only (an item is edited in its dialog). Rows can be dragged to a new
place: the model reads the drop and hands the move to the page's handler, which runs
an undoable command; the new order arrives from the workspace, as every edit does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from scrm_desk.records import RoadmapItem
from ui.labels import format_date

AnyIndex = QModelIndex | QPersistentModelIndex
#: Called with (item id, new place, 1 first); returns whether the move was made.
MoveHandler = Callable[[str, int], bool]

MIME_TYPE = "application/x-scrm-desk-roadmap-item"


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    title: str  # untranslated; see header()

    def header(self) -> str:
        return QCoreApplication.translate("RoadmapTableModel", self.title)


COLUMNS: tuple[Column, ...] = (
    Column("place", QT_TRANSLATE_NOOP("RoadmapTableModel", "#")),
    Column("title", QT_TRANSLATE_NOOP("RoadmapTableModel", "Initiative")),
    Column("phase", QT_TRANSLATE_NOOP("RoadmapTableModel", "Phase")),
    Column("impact", QT_TRANSLATE_NOOP("RoadmapTableModel", "Impact")),
    Column("effort", QT_TRANSLATE_NOOP("RoadmapTableModel", "Effort")),
    Column("owner", QT_TRANSLATE_NOOP("RoadmapTableModel", "Owner")),
    Column("start_date", QT_TRANSLATE_NOOP("RoadmapTableModel", "Start")),
    Column("end_date", QT_TRANSLATE_NOOP("RoadmapTableModel", "End")),
    Column("status", QT_TRANSLATE_NOOP("RoadmapTableModel", "Status")),
    Column("links", QT_TRANSLATE_NOOP("RoadmapTableModel", "Lifts")),
)
COLUMN_OF = {column.field: number for number, column in enumerate(COLUMNS)}

PHASES = {
    "quick_win": QT_TRANSLATE_NOOP("RoadmapTableModel", "Quick win"),
    "next": QT_TRANSLATE_NOOP("RoadmapTableModel", "Next"),
    "later": QT_TRANSLATE_NOOP("RoadmapTableModel", "Later"),
}
STATUSES = {
    "proposed": QT_TRANSLATE_NOOP("RoadmapTableModel", "Proposed"),
    "planned": QT_TRANSLATE_NOOP("RoadmapTableModel", "Planned"),
    "in_progress": QT_TRANSLATE_NOOP("RoadmapTableModel", "In progress"),
    "done": QT_TRANSLATE_NOOP("RoadmapTableModel", "Done"),
}


def phase_label(phase: str) -> str:
    return QCoreApplication.translate("RoadmapTableModel", PHASES.get(phase, phase))


def status_label(status: str) -> str:
    return QCoreApplication.translate("RoadmapTableModel", STATUSES.get(status, status))


class RoadmapTableModel(QAbstractTableModel):
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, move_handler: MoveHandler | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[RoadmapItem] = []
        self._move_handler = move_handler
        #: Framework id -> short name, for the "Lifts" column (blocks, layers, areas).
        self._names: dict[str, str] = {}

    # -- contents -------------------------------------------------------------------------
    def set_names(self, names: Mapping[str, str]) -> None:
        self._names = dict(names)

    def set_items(self, items: Sequence[RoadmapItem]) -> None:
        """Show ``items`` in their order; rows that only moved keep selection and focus."""
        new = list(items)
        old_ids = [item.id for item in self._rows]
        new_ids = [item.id for item in new]
        if sorted(old_ids) != sorted(new_ids):
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
        elif old_ids == new_ids:
            self._rows = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(COLUMNS) - 1))
        else:
            self.layoutAboutToBeChanged.emit()
            place = {item_id: row for row, item_id in enumerate(new_ids)}
            before = self.persistentIndexList()
            after = [self.index(place[old_ids[i.row()]], i.column()) for i in before]
            self._rows = new
            self.changePersistentIndexList(before, after)
            self.layoutChanged.emit()

    def items(self) -> list[RoadmapItem]:
        return list(self._rows)

    def item_at(self, row: int) -> RoadmapItem:
        return self._rows[row]

    def row_of(self, item_id: str) -> int | None:
        for row, item in enumerate(self._rows):
            if item.id == item_id:
                return row
        return None

    def links_text(self, item: RoadmapItem) -> str:
        ids = (*item.block_ids, *item.layer_ids, *item.area_ids)
        return ", ".join(self._names.get(i, i) for i in ids)

    # -- the model interface --------------------------------------------------------------
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
        item = self._rows[index.row()]
        field = COLUMNS[index.column()].field
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, index.row(), field)
        if role == Qt.ItemDataRole.ToolTipRole:
            if field == "title" and item.description:
                return f"{item.title}\n\n{item.description}"
            if field == "links":
                return self.links_text(item) or None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and field in ("place", "impact", "effort"):
            return Qt.AlignmentFlag.AlignCenter
        if role == self.IdRole:
            return item.id
        return None

    def _display(self, item: RoadmapItem, row: int, field: str) -> Any:
        if field == "place":
            return row + 1
        if field == "phase":
            return phase_label(item.phase.value)
        if field == "status":
            return status_label(item.status.value)
        if field in ("start_date", "end_date"):
            value = getattr(item, field)
            return format_date(value) if value else ""
        if field == "links":
            return self.links_text(item)
        return getattr(item, field)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid():
            return flags | Qt.ItemFlag.ItemIsDragEnabled
        return flags | Qt.ItemFlag.ItemIsDropEnabled  # between rows, never onto one

    # -- drag and drop --------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(MIME_TYPE, QByteArray(self._rows[rows[0]].id.encode()))
        return data

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        return (
            action == Qt.DropAction.MoveAction
            and data.hasFormat(MIME_TYPE)
            and self._move_handler is not None
        )

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        """Move the dragged item to where it was dropped.

        Returns ``False`` even when the move was made, so the view does not remove the
        dragged row itself: the new order comes from the workspace.
        """
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item_id = bytes(data.data(MIME_TYPE).data()).decode()
        source = self.row_of(item_id)
        if source is None:
            return False
        if row < 0:  # dropped onto a row: take its place; onto nothing: go last
            row = parent.row() if parent.isValid() else len(self._rows)
            target = row + 1
        else:  # dropped before ``row``
            target = row if row > source else row + 1
        target = max(1, min(target, len(self._rows)))
        if target != source + 1:
            assert self._move_handler is not None
            self._move_handler(item_id, target)
        return False
