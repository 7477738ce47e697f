"""The report's sections as a checkable list, each with its description under its title.

:class:`SectionListModel` holds :class:`~scrm_desk.reports.SectionInfo` records and which
of them are ticked; :class:`SectionList` is the view (a ``QListView`` with a two-line
delegate). Space toggles the current section, as in any checkable list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

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
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

if TYPE_CHECKING:
    from scrm_desk.reports import SectionInfo

_Index = QModelIndex | QPersistentModelIndex


class SectionListModel(QAbstractListModel):
    """Sections in report order; each checkable. Emits :attr:`choice_changed`."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    DescriptionRole = Qt.ItemDataRole.UserRole + 2

    #: The set of ticked sections changed (by the user or by :meth:`set_checked`).
    choice_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sections: tuple[SectionInfo, ...] = ()
        self._checked: set[str] = set()

    # -- Qt's model interface --------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sections)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sections):
            return None
        section = self._sections[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return section.title
        if role in (Qt.ItemDataRole.ToolTipRole, self.DescriptionRole):
            return section.description
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return section.description
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = section.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == self.IdRole:
            return section.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        section_id = self._sections[index.row()].id
        checked = _is_checked(value)
        if checked == (section_id in self._checked):
            return True
        if checked:
            self._checked.add(section_id)
        else:
            self._checked.discard(section_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.choice_changed.emit()
        return True

    # -- public -----------------------------------------------------------------------------
    def set_sections(
        self, sections: Sequence[SectionInfo], checked: Iterable[str] | None = None
    ) -> None:
        """Show ``sections``; ``checked`` ids are ticked (``None``: all of them)."""
        self.beginResetModel()
        self._sections = tuple(sections)
        ids = {s.id for s in self._sections}
        self._checked = ids if checked is None else set(checked) & ids
        self.endResetModel()
        self.choice_changed.emit()

    def set_checked(self, section_ids: Iterable[str]) -> None:
        wanted = set(section_ids) & {s.id for s in self._sections}
        if wanted == self._checked:
            return
        self._checked = wanted
        if self._sections:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._sections) - 1), [Qt.ItemDataRole.CheckStateRole]
            )
        self.choice_changed.emit()

    def checked_ids(self) -> tuple[str, ...]:
        """Ticked section ids, in report order."""
        return tuple(s.id for s in self._sections if s.id in self._checked)

    def section_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self._sections)

    def row_of(self, section_id: str) -> int | None:
        return next((i for i, s in enumerate(self._sections) if s.id == section_id), None)


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    try:
        return int(value) == Qt.CheckState.Checked.value
    except (TypeError, ValueError):
        return bool(value)


class SectionDelegate(QStyledItemDelegate):
    """Title in bold, the description under it in a quieter colour, wrapped to the width."""

    PADDING = 5

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        return title, QFont(option.font)

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        widget = option.widget
        width = option.rect.width()
        if isinstance(widget, QAbstractItemView):
            width = widget.viewport().width()
        check = QApplication.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
        return max(120, width - check - 6 * self.PADDING)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title_font, body_font = self._fonts(opt)
        width = self._text_width(opt)
        flags = Qt.TextFlag.TextWordWrap
        title = QFontMetrics(title_font).boundingRect(QRect(0, 0, width, 10_000), flags, opt.text)
        description = str(index.data(SectionListModel.DescriptionRole) or "")
        body = QFontMetrics(body_font).boundingRect(QRect(0, 0, width, 10_000), flags, description)
        height = title.height() + (body.height() if description else 0) + 3 * self.PADDING
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title_text = opt.text
        description = str(index.data(SectionListModel.DescriptionRole) or "")
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        # Background, selection, focus and the check box, as the style draws them.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        text_rect = text_rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Normal
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        title_colour = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        body_colour = (
            title_colour
            if selected
            else opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        )
        title_font, body_font = self._fonts(opt)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.save()
        painter.setFont(title_font)
        painter.setPen(title_colour)
        used = painter.boundingRect(text_rect, flags, title_text)
        painter.drawText(text_rect, flags, title_text)
        if description:
            body_rect = QRect(text_rect)
            body_rect.setTop(used.bottom() + 2)
            painter.setFont(body_font)
            painter.setPen(body_colour)
            painter.drawText(body_rect, flags, description)
        painter.restore()


class SectionList(QListView):
    """The checkable list of sections."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(SectionDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap descriptions on resize
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()

    def sizeHint(self) -> QSize:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return super().sizeHint()
        height = sum(self.sizeHintForRow(row) for row in range(model.rowCount()))
        return QSize(super().sizeHint().width(), height + 2 * self.frameWidth() + 2)
