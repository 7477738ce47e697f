"""The block table: score, target, gap, completeness and flags of every area and lens.

Columns are declared once in :data:`COLUMNS`. Numbers are shown rounded to one decimal
but sorted by their exact values (:attr:`BlockTableModel.SortRole`); a block with no
score sorts after every scored one. The lens filter and the sorting live in a
``QSortFilterProxyModel`` (:func:`block_proxy`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from scrm_desk.records import Lens
from scrm_desk.scoring import BlockScore
from ui.wizards.assessment_labels import flag_label, format_score, lens_label

AnyIndex = QModelIndex | QPersistentModelIndex

#: Flags that mean a block is weak or missing: the row gets a warning icon and bold text.
SERIOUS_FLAGS = frozenset({"missing_block", "not_assessed", "broken_foundation"})


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str  # untranslated; see header()
    numeric: bool = False

    def header(self) -> str:
        return QCoreApplication.translate("BlockTableModel", self.title)


COLUMNS: tuple[Column, ...] = (
    Column("block", QT_TRANSLATE_NOOP("BlockTableModel", "Block")),
    Column("lens", QT_TRANSLATE_NOOP("BlockTableModel", "Lens")),
    Column("score", QT_TRANSLATE_NOOP("BlockTableModel", "Score"), numeric=True),
    Column("target", QT_TRANSLATE_NOOP("BlockTableModel", "Target"), numeric=True),
    Column("gap", QT_TRANSLATE_NOOP("BlockTableModel", "Gap"), numeric=True),
    Column("completeness", QT_TRANSLATE_NOOP("BlockTableModel", "Answered"), numeric=True),
    Column("flags", QT_TRANSLATE_NOOP("BlockTableModel", "Flags")),
)
COLUMN_OF = {column.key: number for number, column in enumerate(COLUMNS)}


def _sort_number(value: float | None) -> float:
    """A missing value sorts as infinity: after every number in ascending order."""
    return math.inf if value is None else value


class BlockTableModel(QAbstractTableModel):
    SortRole = Qt.ItemDataRole.UserRole + 1
    LensRole = Qt.ItemDataRole.UserRole + 2
    AreaRole = Qt.ItemDataRole.UserRole + 3
    #: The exact (unrounded) value of a numeric cell, or None.
    ValueRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._blocks: list[BlockScore] = []
        self._names: dict[str, str] = {}
        self._flags: dict[tuple[str, Lens], tuple[str, ...]] = {}

    def set_blocks(
        self,
        blocks: Sequence[BlockScore],
        area_names: Mapping[str, str],
        flags: Mapping[tuple[str, Lens], tuple[str, ...]] | None = None,
    ) -> None:
        """Show ``blocks``; rows are updated in place when the same blocks come back.

        ``flags`` gives each block's full flag list (``AssessmentResult.all_flags``, with
        business/IT misalignment and high spread); without it a block's own flags show.
        """
        self._flags = dict(flags or {})
        same = [(b.area_id, b.lens) for b in blocks] == [(b.area_id, b.lens) for b in self._blocks]
        if same and self._blocks:
            self._blocks = list(blocks)
            self._names = dict(area_names)
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._blocks) - 1, len(COLUMNS) - 1)
            )
            return
        self.beginResetModel()
        self._blocks = list(blocks)
        self._names = dict(area_names)
        self.endResetModel()

    def flags_of(self, block: BlockScore) -> tuple[str, ...]:
        return self._flags.get((block.area_id, block.lens), block.flags)

    def block_at(self, row: int) -> BlockScore:
        return self._blocks[row]

    def row_of(self, area_id: str, lens: Lens) -> int | None:
        for row, block in enumerate(self._blocks):
            if block.area_id == area_id and block.lens is lens:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._blocks)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header()
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                "completeness": self.tr(
                    "Completeness: the answered share of the applicable questions"
                ),
                "gap": self.tr("Target minus score"),
            }.get(COLUMNS[section].key)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._blocks):
            return None
        block = self._blocks[index.row()]
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(block, key)
        if role == self.SortRole:
            return self._sort_value(block, key)
        if role == self.ValueRole:
            return self._value(block, key)
        if role == self.LensRole:
            return block.lens.value
        if role == self.AreaRole:
            return block.area_id
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        flags = self.flags_of(block)
        serious = bool(SERIOUS_FLAGS.intersection(flags))
        if role == Qt.ItemDataRole.FontRole and serious and key in ("block", "flags"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and key == "flags" and serious:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "flags" and flags:
                return "\n".join(flag_label(flag) for flag in flags)
            if key == "completeness":
                return self.tr(
                    "{answered} answered of {applicable} applicable questions "
                    "({not_applicable} not applicable, {total} in all)"
                ).format(
                    answered=block.answered,
                    applicable=block.applicable,
                    not_applicable=block.not_applicable,
                    total=block.total,
                )
        return None

    def _display(self, block: BlockScore, key: str) -> str:
        if key == "block":
            return self._names.get(block.area_id, block.area_id)
        if key == "lens":
            return lens_label(block.lens)
        if key == "score":
            return format_score(block.score)
        if key == "target":
            return format_score(block.target)
        if key == "gap":
            return format_score(block.gap)
        if key == "completeness":
            return f"{block.completeness:.0%} ({block.answered}/{block.applicable})"
        return ", ".join(flag_label(flag) for flag in self.flags_of(block))

    @staticmethod
    def _value(block: BlockScore, key: str) -> Any:
        return {
            "score": block.score,
            "target": block.target,
            "gap": block.gap,
            "completeness": block.completeness,
        }.get(key)

    def _sort_value(self, block: BlockScore, key: str) -> Any:
        if key in ("score", "target", "gap"):
            return _sort_number(self._value(block, key))
        if key == "completeness":
            return float(block.completeness)
        if key == "flags":
            return len(self.flags_of(block))
        return self._display(block, key).casefold()


def block_proxy(model: BlockTableModel, parent: QObject | None = None) -> QSortFilterProxyModel:
    """Sorting by exact values, and the lens filter (:func:`set_lens_filter`)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(BlockTableModel.SortRole)
    proxy.setFilterRole(BlockTableModel.LensRole)
    proxy.setFilterKeyColumn(COLUMN_OF["lens"])
    return proxy


def set_lens_filter(proxy: QSortFilterProxyModel, lens: Lens | None) -> None:
    """Show one lens's rows (None: every lens)."""
    proxy.setFilterFixedString(lens.value if lens is not None else "")
