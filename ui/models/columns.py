"""One base for the read-mostly table models: columns declared once, rows held in a list.

A model declares its columns as a tuple of :class:`Column` (:func:`declare_columns`
gives them their translation context) and implements :meth:`ColumnTableModel.display`
and, where it sorts by something other than the text, :meth:`ColumnTableModel.sort_value`;
any further role goes to :meth:`ColumnTableModel.cell_data`. Row and column counts,
translated headers (and their tool tips), the alignment of numeric columns, the id and
sort roles, and updating the rows (in place when the same rows come back) live here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

AnyIndex = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

#: Called with (row id, field, new value); returns whether the edit was accepted.
EditHandler = Callable[[str, str, Any], bool]


class TableColumn(Protocol):
    """What the base reads of a column (:class:`Column`, or a richer one of its own)."""

    @property
    def key(self) -> str: ...

    @property
    def numeric(self) -> bool: ...

    def header(self) -> str: ...

    def header_tip(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    #: Untranslated, marked with ``QT_TRANSLATE_NOOP(context, ...)``.
    title: str
    #: Numbers: aligned as :attr:`ColumnTableModel.numeric_alignment` says.
    numeric: bool = False
    #: The header's tool tip, untranslated like the title ("" for none).
    tip: str = ""
    #: The translation context of title and tip (see :func:`declare_columns`).
    context: str = ""

    def header(self) -> str:
        return QCoreApplication.translate(self.context, self.title)

    def header_tip(self) -> str | None:
        return QCoreApplication.translate(self.context, self.tip) if self.tip else None


def declare_columns(context: str, *columns: Column) -> tuple[Column, ...]:
    """``columns`` with their titles and tips translated in ``context``."""
    return tuple(replace(column, context=context) for column in columns)


def column_numbers(columns: Iterable[TableColumn]) -> dict[str, int]:
    """Column key -> column number."""
    return {column.key: number for number, column in enumerate(columns)}


class ColumnTableModel(QAbstractTableModel, Generic[Row]):
    """One row per entry of a list, one column per declared column.

    ``key`` gives a row's identity: :attr:`IdRole` returns it, :meth:`row_of` finds a row
    by it and :meth:`set_rows` compares by it. A subclass's own roles start at
    :attr:`FirstOwnRole`.
    """

    #: A row's key (``key(row)``); None when the model was given no ``key``.
    IdRole = Qt.ItemDataRole.UserRole + 1
    #: What a ``QSortFilterProxyModel`` sorts a cell by: :meth:`sort_value`.
    SortRole = Qt.ItemDataRole.UserRole + 2
    FirstOwnRole = Qt.ItemDataRole.UserRole + 3

    #: The ``TextAlignmentRole`` of a numeric column.
    numeric_alignment: ClassVar[int | Qt.AlignmentFlag] = int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    #: Rows that come back in another order are moved (a layout change that keeps
    #: selection and current cell on their rows) rather than reset.
    moves_rows: ClassVar[bool] = False

    def __init__(
        self,
        columns: Sequence[TableColumn],
        key: Callable[[Row], Hashable] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.column_of = column_numbers(self.columns)
        self._key = key
        self._rows: list[Row] = []

    # -- contents -------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Row]) -> None:
        """Show ``rows``. The same keys in the same order update the cells in place, so
        selection and current cell stay; other keys reset the model (with
        :attr:`moves_rows`, the same keys in another order move the rows instead)."""
        new = list(rows)
        key = self._key
        if key is None:
            self.reset_rows(new)
            return
        old_keys = [key(row) for row in self._rows]
        new_keys = [key(row) for row in new]
        if old_keys == new_keys:
            self._rows = new
            self.cells_changed()
        elif self.moves_rows and Counter(old_keys) == Counter(new_keys):
            self.layoutAboutToBeChanged.emit()
            place = {row_key: number for number, row_key in enumerate(new_keys)}
            before = self.persistentIndexList()
            after = [self.index(place[old_keys[i.row()]], i.column()) for i in before]
            self._rows = new
            self.changePersistentIndexList(before, after)
            self.layoutChanged.emit()
        else:
            self.reset_rows(new)

    def reset_rows(self, rows: Iterable[Row]) -> None:
        """Show ``rows`` afresh: views lose their selection."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def cells_changed(self, column: int | None = None) -> None:
        """Every cell (or every cell of ``column``) may read differently now."""
        if self._rows:
            first, last = (0, len(self.columns) - 1) if column is None else (column, column)
            self.dataChanged.emit(self.index(0, first), self.index(len(self._rows) - 1, last))

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, key: Hashable) -> int | None:
        """The number of the row with ``key``, or None."""
        if self._key is not None:
            for number, row in enumerate(self._rows):
                if self._key(row) == key:
                    return number
        return None

    # -- what a subclass says about its cells ---------------------------------------------
    def display(self, row: Row, key: str) -> Any:
        """The text of column ``key`` in ``row``."""
        raise NotImplementedError

    def sort_value(self, row: Row, key: str) -> Any:
        """What :attr:`SortRole` gives: by default the text, ignoring case."""
        text = self.display(row, key)
        return text.casefold() if isinstance(text, str) else text

    def cell_data(self, row: Row, key: str, role: int) -> Any:
        """Any other role of column ``key`` in ``row`` (tool tips, icons, fonts...)."""
        return None

    # -- the model interface --------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].header_tip()
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column.key)
        if role == self.SortRole:
            return self.sort_value(row, column.key)
        if role == self.IdRole:
            return None if self._key is None else self._key(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return self.numeric_alignment
        return self.cell_data(row, column.key, role)
