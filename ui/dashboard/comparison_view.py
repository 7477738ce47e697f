"""Baseline against follow-up: how each block moved between two assessments.

The consultant chooses the two assessments (by default the one before the selected
assessment, and the selected one). Only assessments scored with the same framework can
be compared; the chart is the core's ``comparison_figure``.

The index is shown like for like first (over the core blocks assessed in both), with the
indexes as each assessment reports them, and their block counts, beside it when they
rest on different blocks. Every change shown is the difference of the scores as shown
(:func:`~scrm_desk.scoring.rounded_change`), so "3.0 → 3.6" always reads "+0.6". A
block not assessed enough in one of the two has no score there (a dash) and no change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.records import Assessment, Lens
from scrm_desk.scoring import BlockChange, Comparison, IndexChange, rounded_change
from ui.dashboard.chart_canvas import ChartCanvas
from ui.dashboard.tables import read_only_table
from ui.labels import format_change, format_date, format_score, lens_label
from ui.models.columns import Column, ColumnTableModel, declare_columns

COLUMNS = declare_columns(
    "ComparisonModel",
    Column("block", QT_TRANSLATE_NOOP("ComparisonModel", "Block")),
    Column("baseline", QT_TRANSLATE_NOOP("ComparisonModel", "Baseline"), numeric=True),
    Column("follow_up", QT_TRANSLATE_NOOP("ComparisonModel", "Follow-up"), numeric=True),
    Column("change", QT_TRANSLATE_NOOP("ComparisonModel", "Change"), numeric=True),
)


class ComparisonModel(ColumnTableModel[BlockChange]):
    LensRole = ColumnTableModel.FirstOwnRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent=parent)
        self._names: dict[str, str] = {}

    def set_changes(self, rows: Sequence[BlockChange], area_names: Mapping[str, str]) -> None:
        self._names = dict(area_names)
        self.reset_rows(rows)

    def display(self, row: BlockChange, key: str) -> str:
        if key == "block":
            return self._names.get(row.area_id, row.area_id)
        if key == "change":
            return format_change(rounded_change(row.baseline, row.follow_up))
        return format_score(row.baseline if key == "baseline" else row.follow_up)

    def sort_value(self, row: BlockChange, key: str) -> Any:
        if key == "block":
            return super().sort_value(row, key)
        value = {"baseline": row.baseline, "follow_up": row.follow_up, "change": row.change}[key]
        return -99.0 if value is None else value

    def cell_data(self, row: BlockChange, key: str, role: int) -> Any:
        if role == self.LensRole:
            return row.lens.value
        if role != Qt.ItemDataRole.ToolTipRole:
            return None
        if key in ("baseline", "follow_up"):
            value = row.baseline if key == "baseline" else row.follow_up
            return self.tr("Not assessed enough to score") if value is None else None
        if key == "change":
            change = rounded_change(row.baseline, row.follow_up)
            if change is None:
                return self.tr("No change: the block is scored in only one of the two")
            if change == 0:
                return self.tr("No change at one decimal")
            return self.tr("Improved") if change > 0 else self.tr("Declined")
        return None


class ComparisonView(QWidget):
    """Two assessment choosers, the dumbbell chart and the table of changes."""

    #: The user chose another pair (baseline id, follow-up id).
    pair_changed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.baseline_combo = QComboBox()
        self.baseline_combo.setAccessibleName(self.tr("Baseline assessment"))
        self.follow_up_combo = QComboBox()
        self.follow_up_combo.setAccessibleName(self.tr("Follow-up assessment"))
        self.model = ComparisonModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(ComparisonModel.SortRole)
        self.proxy.setFilterRole(ComparisonModel.LensRole)
        self.table = read_only_table(self.proxy, self.tr("Change per block"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.chart = ChartCanvas(self.tr("Baseline against follow-up per block"))
        self.index_label = QLabel()
        self.index_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        choose = QHBoxLayout()
        for text, combo in (
            (self.tr("&Baseline:"), self.baseline_combo),
            (self.tr("Follo&w-up:"), self.follow_up_combo),
        ):
            caption = QLabel(text)
            caption.setBuddy(combo)
            choose.addWidget(caption)
            choose.addWidget(combo, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.chart)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.index_label)
        side_layout.addWidget(self.table, 1)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choose)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        self.baseline_combo.activated.connect(self._on_combo_activated)
        self.follow_up_combo.activated.connect(self._on_combo_activated)

    # -- choosing -------------------------------------------------------------------------
    def set_assessments(
        self, assessments: Sequence[Assessment], baseline_id: str | None, follow_up_id: str | None
    ) -> None:
        """Offer ``assessments`` (oldest first) and select the given pair."""
        for combo, chosen in (
            (self.baseline_combo, baseline_id),
            (self.follow_up_combo, follow_up_id),
        ):
            combo.blockSignals(True)
            combo.clear()
            for assessment in assessments:
                combo.addItem(
                    self.tr("{name} ({date})").format(
                        name=assessment.name, date=format_date(assessment.assessed_on)
                    ),
                    assessment.id,
                )
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)
        enough = len(assessments) >= 2
        self.baseline_combo.setEnabled(enough)
        self.follow_up_combo.setEnabled(enough)

    def pair(self) -> tuple[str, str] | None:
        baseline = self.baseline_combo.currentData()
        follow_up = self.follow_up_combo.currentData()
        if baseline is None or follow_up is None or baseline == follow_up:
            return None
        return baseline, follow_up

    # -- showing --------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        """Nothing to compare: say why, and clear the chart and table."""
        self.message.setText(text)
        self.message.setVisible(True)
        self.model.set_changes([], {})
        self.index_label.clear()
        self.chart.show_message(text)

    def set_comparison(
        self,
        comparison: Comparison,
        area_names: Mapping[str, str],
        lens: Lens,
        names: tuple[str, str],
    ) -> None:
        self.message.setVisible(False)
        self.model.set_changes(comparison.blocks, area_names)
        self.proxy.setFilterFixedString(lens.value)
        text = self.tr("Maturity index, {baseline} → {follow_up}, like for like:").format(
            baseline=names[0], follow_up=names[1]
        )
        for item in comparison.index:
            text += "\n" + self.index_text(item, names)
        self.index_label.setText(text)

    def index_text(self, item: IndexChange, names: tuple[str, str]) -> str:
        """One lens: the like-for-like change first, then, when they rest on different
        blocks, the indexes as reported with their block counts."""
        if item.baseline_like_for_like is None or item.follow_up_like_for_like is None:
            return self.tr("{lens}: no block is assessed in both, so no comparison.").format(
                lens=lens_label(item.lens)
            )
        template = (
            self.tr(
                "{lens}: {baseline} → {follow_up}, {change} "
                "(over the {count} blocks assessed in both)"
            )
            if item.like_for_like_differs
            else self.tr(
                "{lens}: {baseline} → {follow_up}, {change} (over the same {count} blocks)"
            )
        )
        line = template.format(
            lens=lens_label(item.lens),
            baseline=format_score(item.baseline_like_for_like),
            follow_up=format_score(item.follow_up_like_for_like),
            change=format_change(
                rounded_change(item.baseline_like_for_like, item.follow_up_like_for_like)
            ),
            count=item.blocks_compared,
        )
        if item.like_for_like_differs:
            line += "\n    " + self.tr(
                "As reported: {baseline} in {first} ({before} of {blocks} blocks), {follow_up} "
                "in {second} ({after} of {blocks}); not comparable, as they rest on "
                "different blocks."
            ).format(
                baseline=format_score(item.baseline),
                first=names[0],
                before=item.baseline_blocks,
                follow_up=format_score(item.follow_up),
                second=names[1],
                after=item.follow_up_blocks,
                blocks=item.core_blocks,
            )
        return line

    def draw(
        self,
        comparison: Comparison,
        area_names: Mapping[str, str],
        short_names: Mapping[str, str],
        lens: Lens,
        names: tuple[str, str],
    ) -> None:
        """Build the core's chart for ``lens`` (only when the tab is shown)."""
        from scrm_desk.charts import comparison_figure

        rows = [b for b in comparison.blocks if b.lens is lens]
        if not rows:
            self.chart.show_message(
                self.tr("Neither assessment has scores under {lens}.").format(lens=lens_label(lens))
            )
            return
        key = (names, tuple((b.area_id, b.baseline, b.follow_up) for b in rows))
        if self.chart.shows(key):
            return
        figure = comparison_figure(
            [area_names.get(b.area_id, b.area_id) for b in rows],
            [b.baseline for b in rows],
            [b.follow_up for b in rows],
            baseline_label=names[0],
            follow_up_label=names[1],
        )
        improved = [
            short_names.get(b.area_id, b.area_id) for b in comparison.improved if b.lens is lens
        ]
        declined = [
            short_names.get(b.area_id, b.area_id) for b in comparison.declined if b.lens is lens
        ]
        description = self.tr("Improved: {improved}. Declined: {declined}.").format(
            improved=", ".join(improved) or "—", declined=", ".join(declined) or "—"
        )
        self.chart.set_figure(figure, description, key)

    # -- slots ----------------------------------------------------------------------------
    def _on_combo_activated(self, _index: int) -> None:
        baseline = self.baseline_combo.currentData()
        follow_up = self.follow_up_combo.currentData()
        if baseline is not None and follow_up is not None:
            self.pair_changed.emit(baseline, follow_up)
