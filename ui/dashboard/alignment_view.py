"""Stakeholder alignment: each block's mean by stakeholder group, business side against
IT side, the spread across respondents, and the consensus beside them.

A misaligned block (business and IT a full level or more apart, by the framework's
threshold) is marked three ways, so the mark never rests on colour alone: a warning
icon and the word "Misaligned" in the status column, bold text, and a tint taken from
the palette's highlight colour (which follows light and dark themes). The chart beside
the table is the core's ``alignment_figure``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.records import Lens, StakeholderGroup
from scrm_desk.scoring import AlignmentResult, BlockAlignment
from ui.dashboard.chart_canvas import ChartCanvas
from ui.dashboard.tables import read_only_table
from ui.labels import format_change, format_score, group_label, lens_label, plural
from ui.models.columns import Column, ColumnTableModel, column_numbers, declare_columns


@dataclass(frozen=True, slots=True)
class GroupColumn(Column):
    """A stakeholder group's mean: the header is the group's label."""

    def header(self) -> str:
        return group_label(self.key.removeprefix("group:"))


COLUMNS = declare_columns(
    "AlignmentModel",
    Column("block", QT_TRANSLATE_NOOP("AlignmentModel", "Block")),
    Column("status", QT_TRANSLATE_NOOP("AlignmentModel", "Alignment")),
    Column(
        "consensus",
        QT_TRANSLATE_NOOP("AlignmentModel", "Consensus"),
        numeric=True,
        tip=QT_TRANSLATE_NOOP("AlignmentModel", "Mean of the levels the workshop agreed on"),
    ),
    Column("business", QT_TRANSLATE_NOOP("AlignmentModel", "Business side"), numeric=True),
    Column("it", QT_TRANSLATE_NOOP("AlignmentModel", "IT side"), numeric=True),
    Column(
        "difference",
        QT_TRANSLATE_NOOP("AlignmentModel", "Difference"),
        numeric=True,
        tip=QT_TRANSLATE_NOOP("AlignmentModel", "Business side minus IT side"),
    ),
    Column(
        "spread",
        QT_TRANSLATE_NOOP("AlignmentModel", "Spread (σ)"),
        numeric=True,
        tip=QT_TRANSLATE_NOOP(
            "AlignmentModel", "Standard deviation of the respondents' block means"
        ),
    ),
    Column("range", QT_TRANSLATE_NOOP("AlignmentModel", "Range"), numeric=True),
    Column(
        "respondents",
        QT_TRANSLATE_NOOP("AlignmentModel", "Respondents"),
        numeric=True,
        tip=QT_TRANSLATE_NOOP("AlignmentModel", "Stakeholders who gave a level in this block"),
    ),
    *(GroupColumn(f"group:{group.value}", group.value, numeric=True) for group in StakeholderGroup),
)
COLUMN_OF = column_numbers(COLUMNS)


class AlignmentModel(ColumnTableModel[BlockAlignment]):
    LensRole = ColumnTableModel.FirstOwnRole
    MisalignedRole = ColumnTableModel.FirstOwnRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent=parent)
        self._names: dict[str, str] = {}

    def set_alignment(
        self, blocks: Sequence[BlockAlignment], area_names: Mapping[str, str]
    ) -> None:
        self._names = dict(area_names)
        self.reset_rows(blocks)

    def block_at(self, row: int) -> BlockAlignment:
        return self.row_at(row)

    def sort_value(self, block: BlockAlignment, key: str) -> Any:
        value = self._number(block, key)
        if value is not None:
            return value
        return -1.0 if key not in ("block", "status") else self.display(block, key)

    def cell_data(self, block: BlockAlignment, key: str, role: int) -> Any:
        stats = block.stats
        if role == self.LensRole:
            return block.lens.value
        if role == self.MisalignedRole:
            return stats.misaligned
        if role == Qt.ItemDataRole.FontRole and stats.misaligned:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and stats.misaligned:
            colour = QColor(QApplication.palette().color(QPalette.ColorRole.Highlight))
            colour.setAlpha(48)
            return QBrush(colour)
        if role == Qt.ItemDataRole.DecorationRole and key == "status":
            if stats.misaligned:
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            if stats.high_spread:
                return QApplication.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxInformation
                )
        if role == Qt.ItemDataRole.ToolTipRole and key in ("business", "it"):
            n = stats.business_n if key == "business" else stats.it_n
            return plural(n, self.tr("{count} respondent"), self.tr("{count} respondents"))
        return None

    def display(self, block: BlockAlignment, key: str) -> str:
        stats = block.stats
        if key == "block":
            return self._names.get(block.area_id, block.area_id)
        if key == "status":
            if stats.misaligned:
                return self.tr("Misaligned")
            if stats.high_spread:
                return self.tr("High spread")
            if stats.difference is None:
                return self.tr("Not enough answers")
            return self.tr("Aligned")
        if key == "business":
            return self._mean_with_n(stats.business_mean, stats.business_n)
        if key == "it":
            return self._mean_with_n(stats.it_mean, stats.it_n)
        if key == "difference":
            return format_change(stats.difference)
        if key == "range":
            if stats.min is None or stats.max is None:
                return "—"
            return f"{stats.min:.1f}–{stats.max:.1f}"
        if key == "respondents":
            return str(stats.n)
        if key.startswith("group:"):
            group = key.removeprefix("group:")
            for item in stats.group_means:
                if item.group.value == group:
                    return self._mean_with_n(item.mean, item.n)
            return "—"
        return format_score(self._number(block, key))

    @staticmethod
    def _mean_with_n(mean: float | None, n: int) -> str:
        return "—" if mean is None else f"{mean:.1f} (n={n})"

    @staticmethod
    def _number(block: BlockAlignment, key: str) -> float | None:
        stats = block.stats
        values: dict[str, float | None] = {
            "consensus": block.consensus_mean,
            "business": stats.business_mean,
            "it": stats.it_mean,
            "difference": stats.difference,
            "spread": stats.stdev,
            "range": stats.max,
            "respondents": float(stats.n),
        }
        if key.startswith("group:"):
            group = key.removeprefix("group:")
            return next((g.mean for g in stats.group_means if g.group.value == group), None)
        return values.get(key)


class AlignmentView(QWidget):
    """The business/IT chart and the alignment table of one lens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AlignmentModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(AlignmentModel.SortRole)
        self.proxy.setFilterRole(AlignmentModel.LensRole)
        self.table = read_only_table(self.proxy, self.tr("Alignment by block"))
        self.table.setAlternatingRowColors(False)  # the misaligned tint must stand out
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = ChartCanvas(self.tr("Business and IT mean maturity per block"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.note)

    def set_alignment(
        self, alignment: AlignmentResult, area_names: Mapping[str, str], lens: Lens
    ) -> None:
        self.model.set_alignment(alignment.blocks, area_names)
        self.set_lens(lens)

    def set_lens(self, lens: Lens) -> None:
        self.proxy.setFilterFixedString(lens.value)
        self.note.setText(
            self.tr(
                "{lens}: business side and IT side are the means of the stakeholders in those "
                "groups; a block is misaligned when they differ by the framework's threshold "
                "or more. The consensus is the workshop's agreed answer, shown beside them."
            ).format(lens=lens_label(lens))
        )

    def draw(
        self,
        alignment: AlignmentResult,
        area_names: Mapping[str, str],
        lens: Lens,
        threshold: float,
    ) -> None:
        """Build the core's chart for ``lens`` (only when the tab is shown)."""
        from scrm_desk.charts import alignment_figure

        blocks = [b for b in alignment.blocks if b.lens is lens]
        if not blocks or not any(b.stats.n for b in blocks):
            self.chart.show_message(
                self.tr(
                    "No stakeholder has answered on their own yet: alignment compares the "
                    "answers of individual stakeholders."
                )
            )
            return
        labels = [area_names.get(b.area_id, b.area_id) for b in blocks]
        business = [b.stats.business_mean for b in blocks]
        it = [b.stats.it_mean for b in blocks]
        key = (
            tuple(labels),
            tuple(business),
            tuple(it),
            tuple(b.stats.misaligned for b in blocks),
            threshold,
        )
        if self.chart.shows(key):
            return
        figure = alignment_figure(
            labels,
            business,
            it,
            misaligned=[b.stats.misaligned for b in blocks],
            threshold=threshold,
            business_label=self.tr("Business side"),
            it_label=self.tr("IT side"),
        )
        misaligned = [label for label, b in zip(labels, blocks, strict=True) if b.stats.misaligned]
        description = (
            self.tr("Misaligned: {blocks}.").format(blocks=", ".join(misaligned))
            if misaligned
            else self.tr("No block is misaligned.")
        )
        self.chart.set_figure(figure, description, key)
