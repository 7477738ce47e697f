"""The roadmap as a table: one row per initiative, in the consultant's order.

The table is read-only (an item is edited in its dialog). Rows can be dragged to a new
place: the model reads the drop and hands the move to the page's handler, which runs
an undoable command; the new order arrives from the workspace, as every edit does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
)

from scrm_desk.records import RoadmapItem
from ui.labels import format_date
from ui.models.columns import AnyIndex, Column, ColumnTableModel, column_numbers, declare_columns

#: Called with (item id, new place, 1 first); returns whether the move was made.
MoveHandler = Callable[[str, int], bool]

MIME_TYPE = "application/x-scrm-desk-roadmap-item"

COLUMNS = declare_columns(
    "RoadmapTableModel",
    Column("place", QT_TRANSLATE_NOOP("RoadmapTableModel", "#"), numeric=True),
    Column("title", QT_TRANSLATE_NOOP("RoadmapTableModel", "Initiative")),
    Column("phase", QT_TRANSLATE_NOOP("RoadmapTableModel", "Phase")),
    Column("impact", QT_TRANSLATE_NOOP("RoadmapTableModel", "Impact"), numeric=True),
    Column("effort", QT_TRANSLATE_NOOP("RoadmapTableModel", "Effort"), numeric=True),
    Column("owner", QT_TRANSLATE_NOOP("RoadmapTableModel", "Owner")),
    Column("start_date", QT_TRANSLATE_NOOP("RoadmapTableModel", "Start")),
    Column("end_date", QT_TRANSLATE_NOOP("RoadmapTableModel", "End")),
    Column("status", QT_TRANSLATE_NOOP("RoadmapTableModel", "Status")),
    Column("links", QT_TRANSLATE_NOOP("RoadmapTableModel", "Lifts")),
)
COLUMN_OF = column_numbers(COLUMNS)

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


class RoadmapTableModel(ColumnTableModel[RoadmapItem]):
    moves_rows = True
    numeric_alignment = Qt.AlignmentFlag.AlignCenter

    def __init__(self, move_handler: MoveHandler | None = None, parent: QObject | None = None):
        super().__init__(COLUMNS, attrgetter("id"), parent)
        self._move_handler = move_handler
        #: Framework id -> short name, for the "Lifts" column (blocks, layers, areas).
        self._names: dict[str, str] = {}

    # -- contents -------------------------------------------------------------------------
    def set_names(self, names: Mapping[str, str]) -> None:
        self._names = dict(names)

    def set_items(self, items: Sequence[RoadmapItem]) -> None:
        """Show ``items`` in their order; rows that only moved keep selection and focus."""
        self.set_rows(items)

    def items(self) -> list[RoadmapItem]:
        return self.rows()

    def item_at(self, row: int) -> RoadmapItem:
        return self.row_at(row)

    def links_text(self, item: RoadmapItem) -> str:
        ids = (*item.block_ids, *item.layer_ids, *item.area_ids)
        return ", ".join(self._names.get(i, i) for i in ids)

    # -- the model interface --------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.column() == COLUMN_OF["place"]:
            return index.row() + 1 if 0 <= index.row() < len(self._rows) else None
        return super().data(index, role)

    def display(self, item: RoadmapItem, key: str) -> Any:
        if key == "phase":
            return phase_label(item.phase.value)
        if key == "status":
            return status_label(item.status.value)
        if key in ("start_date", "end_date"):
            value = getattr(item, key)
            return format_date(value) if value else ""
        if key == "links":
            return self.links_text(item)
        return getattr(item, key)

    def cell_data(self, item: RoadmapItem, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "title" and item.description:
                return f"{item.title}\n\n{item.description}"
            if key == "links":
                return self.links_text(item) or None
        return None

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
