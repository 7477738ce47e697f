"""The read-only table views of the dashboard share one set-up."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QWidget,
)


class CompactHeader(QHeaderView):
    """A horizontal header whose sections fitted to their contents leave room for the sort
    arrow only in the sorted section.

    Qt reserves the arrow's width in every section of a sortable table, which makes short
    numeric columns ("Gap", "Score") twice as wide as their figures and squeezes the
    column beside them. Here the sorted section alone gets that room, and sections sized
    to their contents are fitted again whenever the sort column changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.sortIndicatorChanged.connect(self._on_sort_indicator_changed)

    def sectionSizeFromContents(self, logical_index: int) -> QSize:
        size = super().sectionSizeFromContents(logical_index)
        if self.isSortIndicatorShown() and logical_index != self.sortIndicatorSection():
            option = QStyleOptionHeader()
            self.initStyleOption(option)
            margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, option, self)
            size.setWidth(max(0, size.width() - size.height() - margin))
        return size

    def _on_sort_indicator_changed(self, _section: int, _order: Qt.SortOrder) -> None:
        if any(
            self.sectionResizeMode(section) == QHeaderView.ResizeMode.ResizeToContents
            for section in range(self.count())
        ):
            self.resizeSections()


def read_only_table(model: QAbstractItemModel, accessible_name: str) -> QTableView:
    """Whole-row selection, no editing, sortable by clicking a header.

    The sort indicator starts on no column, so rows keep the order they come in (the
    framework's order of blocks, the engine's order of findings) until the user sorts.
    """
    view = QTableView()
    view.setHorizontalHeader(CompactHeader(view))
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    # Read-only: Tab leaves the table (arrows move within it), so the keyboard gets around.
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.setAccessibleName(accessible_name)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsClickable(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view
