"""The block table: score, target, gap, completeness and flags of every area and lens.

Columns are declared once in :data:`COLUMNS`. Numbers are shown rounded to one decimal
but sorted by their exact values (:attr:`BlockTableModel.SortRole`); a block with no
score sorts after every scored one. A block not assessed enough has no score, target or
gap (the engine's rule): its cells show a dash, and the score's tooltip says why, with
the mean of its few answers labelled as partial. The Flags cell names each flag briefly
(:data:`SHORT_FLAGS`), one a line, so that the column stays narrow enough to read beside
the radar; its tooltip gives the full names. The lens filter and the sorting live in a
``QSortFilterProxyModel`` (:func:`block_proxy`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from scrm_desk.records import Lens
from scrm_desk.scoring import BlockScore
from scrm_desk.scoring.display import shown_gap
from ui.labels import flag_label, format_score, lens_label
from ui.models.columns import Column, ColumnTableModel, column_numbers, declare_columns

#: Flags that mean a block is weak or missing: the row gets a warning icon and bold text.
SERIOUS_FLAGS = frozenset({"missing_block", "not_assessed", "broken_foundation"})

#: The names of the flags in the table's cells, shorter than :func:`ui.labels.flag_label`
#: (which the tooltip shows); a flag not named here is shown with its full name.
SHORT_FLAGS = {
    "not_assessed": QT_TRANSLATE_NOOP("BlockTableModel", "Not assessed"),
    "missing_block": QT_TRANSLATE_NOOP("BlockTableModel", "Missing block"),
    "broken_foundation": QT_TRANSLATE_NOOP("BlockTableModel", "Weak foundation"),
    "foundation_unknown": QT_TRANSLATE_NOOP("BlockTableModel", "Foundation unknown"),
    "large_gap": QT_TRANSLATE_NOOP("BlockTableModel", "Large gap"),
    "misaligned": QT_TRANSLATE_NOOP("BlockTableModel", "Misaligned"),
    "high_spread": QT_TRANSLATE_NOOP("BlockTableModel", "High spread"),
}


def short_flag_label(flag: str) -> str:
    """A flag's name in the table's cell ("Not assessed"); the tooltip has the full one."""
    text = SHORT_FLAGS.get(flag)
    return QCoreApplication.translate("BlockTableModel", text) if text else flag_label(flag)


COLUMNS = declare_columns(
    "BlockTableModel",
    Column("block", QT_TRANSLATE_NOOP("BlockTableModel", "Block")),
    Column("lens", QT_TRANSLATE_NOOP("BlockTableModel", "Lens")),
    Column("score", QT_TRANSLATE_NOOP("BlockTableModel", "Score"), numeric=True),
    Column("target", QT_TRANSLATE_NOOP("BlockTableModel", "Target"), numeric=True),
    Column(
        "gap",
        QT_TRANSLATE_NOOP("BlockTableModel", "Gap"),
        numeric=True,
        tip=QT_TRANSLATE_NOOP("BlockTableModel", "Target minus score"),
    ),
    Column(
        "completeness",
        QT_TRANSLATE_NOOP("BlockTableModel", "Answered"),
        numeric=True,
        tip=QT_TRANSLATE_NOOP(
            "BlockTableModel", "Completeness: the answered share of the applicable questions"
        ),
    ),
    Column("flags", QT_TRANSLATE_NOOP("BlockTableModel", "Flags")),
)
COLUMN_OF = column_numbers(COLUMNS)


def _sort_number(value: float | None) -> float:
    """A missing value sorts as infinity: after every number in ascending order."""
    return math.inf if value is None else value


class BlockTableModel(ColumnTableModel[BlockScore]):
    """Rows are keyed by (area id, lens), as :meth:`row_of` takes them."""

    LensRole = ColumnTableModel.FirstOwnRole
    AreaRole = ColumnTableModel.FirstOwnRole + 1
    #: The exact (unrounded) value of a numeric cell, or None.
    ValueRole = ColumnTableModel.FirstOwnRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, lambda block: (block.area_id, block.lens), parent)
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
        self._names = dict(area_names)
        self.set_rows(blocks)

    def flags_of(self, block: BlockScore) -> tuple[str, ...]:
        return self._flags.get((block.area_id, block.lens), block.flags)

    def cell_data(self, block: BlockScore, key: str, role: int) -> Any:
        if role == self.ValueRole:
            return self._value(block, key)
        if role == self.LensRole:
            return block.lens.value
        if role == self.AreaRole:
            return block.area_id
        flags = self.flags_of(block)
        serious = bool(SERIOUS_FLAGS.intersection(flags))
        if role == Qt.ItemDataRole.FontRole and serious and key in ("block", "flags"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and key == "flags" and serious:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in ("score", "target", "gap") and block.not_assessed:
                text = self.tr(
                    "Not assessed enough to score: {answered} of {applicable} applicable "
                    "questions answered."
                ).format(answered=block.answered, applicable=block.applicable)
                if block.partial_score is not None:
                    text += "\n" + self.tr(
                        "The mean of those answers is {partial}: too little evidence to "
                        "report as the block's score."
                    ).format(partial=format_score(block.partial_score))
                return text
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

    def display(self, block: BlockScore, key: str) -> str:
        if key == "block":
            return self._names.get(block.area_id, block.area_id)
        if key == "lens":
            return lens_label(block.lens)
        if key == "score":
            return format_score(block.score)
        if key == "target":
            return format_score(block.target)
        if key == "gap":
            return format_score(shown_gap(block.score, block.target))
        if key == "completeness":
            return f"{block.completeness:.0%} ({block.answered}/{block.applicable})"
        # One flag a line: a cell never wraps inside a flag's name.
        return "\n".join(short_flag_label(flag) for flag in self.flags_of(block))

    @staticmethod
    def _value(block: BlockScore, key: str) -> Any:
        return {
            "score": block.score,
            "target": block.target,
            "gap": block.gap,
            "completeness": block.completeness,
        }.get(key)

    def sort_value(self, block: BlockScore, key: str) -> Any:
        if key in ("score", "target", "gap"):
            return _sort_number(self._value(block, key))
        if key == "completeness":
            return float(block.completeness)
        if key == "flags":
            return len(self.flags_of(block))
        return super().sort_value(block, key)


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
