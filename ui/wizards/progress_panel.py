"""The wizard's side panel: every page, the answered questions per block ("7/9") with a
bar, and the whole assessment's progress underneath. Clicking a page goes there."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ProgressEntry:
    """One page of the wizard; ``total`` is None for pages without questions."""

    page_id: int
    name: str
    answered: int = 0
    total: int | None = None


class BlockProgressModel(QAbstractListModel):
    PageIdRole = Qt.ItemDataRole.UserRole + 1
    AnsweredRole = Qt.ItemDataRole.UserRole + 2
    TotalRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[ProgressEntry] = []

    def set_entries(self, entries: Sequence[ProgressEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def set_count(self, page_id: int, answered: int, total: int) -> None:
        for row, entry in enumerate(self._entries):
            if entry.page_id == page_id:
                if (entry.answered, entry.total) != (answered, total):
                    self._entries[row] = replace(entry, answered=answered, total=total)
                    index = self.index(row, 0)
                    self.dataChanged.emit(index, index)
                return

    def entry(self, row: int) -> ProgressEntry:
        return self._entries[row]

    def row_of(self, page_id: int) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.page_id == page_id:
                return row
        return None

    def totals(self) -> tuple[int, int]:
        counted = [e for e in self._entries if e.total is not None]
        return sum(e.answered for e in counted), sum(e.total or 0 for e in counted)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._entries)):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.name
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            if entry.total is None:
                return entry.name
            return self.tr("{name}: {answered} of {total} questions answered").format(
                name=entry.name, answered=entry.answered, total=entry.total
            )
        if role == self.PageIdRole:
            return entry.page_id
        if role == self.AnsweredRole:
            return entry.answered
        if role == self.TotalRole:
            return entry.total
        return None


class ProgressDelegate(QStyledItemDelegate):
    """Name and "answered/total" on one line, a thin progress bar under it."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        lines = 2 if index.data(BlockProgressModel.TotalRole) is not None else 1
        height = option.fontMetrics.height()
        return QSize(160, lines * height + (14 if lines == 2 else 10))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        item.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(8, 4, -8, -4)
        line = QRect(rect.left(), rect.top(), rect.width(), option.fontMetrics.height())
        total = index.data(BlockProgressModel.TotalRole)
        answered = index.data(BlockProgressModel.AnsweredRole) or 0
        painter.save()
        painter.setPen(option.palette.color(role))
        count = f"{answered}/{total}" if total is not None else ""
        count_width = option.fontMetrics.horizontalAdvance(count) + 6 if count else 0
        name_rect = line.adjusted(0, 0, -count_width, 0)
        painter.drawText(
            name_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, name_rect.width()),
        )
        if count:
            painter.drawText(
                line, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), count
            )
        painter.restore()
        if total is None:
            return
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(rect.left(), line.bottom() + 4, rect.width(), 6)
        bar.minimum = 0
        bar.maximum = max(total, 1)
        bar.progress = answered
        bar.textVisible = False
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class ProgressPanel(QWidget):
    """The list of pages with their progress, and the overall bar."""

    #: The user clicked a page in the list.
    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = BlockProgressModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(ProgressDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(False)
        # Keyboard users page with Alt+N / Alt+B; the list is for the mouse.
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setAccessibleName(self.tr("Pages and progress"))
        self.respondent_label = QLabel()
        self.respondent_label.setWordWrap(True)
        self.respondent_label.setAccessibleName(self.tr("Who answers"))
        self.overall_label = QLabel()
        self.overall_bar = QProgressBar()
        self.overall_bar.setTextVisible(False)
        self.overall_bar.setMaximumHeight(10)
        self.overall_bar.setAccessibleName(self.tr("Questions answered"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.respondent_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.overall_label)
        layout.addWidget(self.overall_bar)
        self.setMinimumWidth(210)
        self.setMaximumWidth(260)
        self.view.clicked.connect(self._on_view_clicked)
        self.model.dataChanged.connect(self._update_overall)
        self.model.modelReset.connect(self._update_overall)

    def set_respondent(self, name: str) -> None:
        """Say whose answers the pages show ("Answering for: the consensus")."""
        self.respondent_label.setText(self.tr("Answering for: {name}").format(name=name))

    def set_current(self, page_id: int) -> None:
        row = self.model.row_of(page_id)
        if row is None:
            self.view.clearSelection()
            return
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def counts(self, page_id: int) -> tuple[int, int | None] | None:
        row = self.model.row_of(page_id)
        if row is None:
            return None
        entry = self.model.entry(row)
        return entry.answered, entry.total

    def _on_view_clicked(self, index: QModelIndex) -> None:
        self.page_requested.emit(index.data(BlockProgressModel.PageIdRole))

    def _update_overall(self, *_args: object) -> None:
        answered, total = self.model.totals()
        self.overall_bar.setMaximum(max(total, 1))
        self.overall_bar.setValue(answered)
        self.overall_label.setText(
            self.tr("{answered} of {total} answered").format(answered=answered, total=total)
        )
        self.overall_bar.setAccessibleDescription(self.overall_label.text())
