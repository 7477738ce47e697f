"""The dashboard of one assessment: radar, block table, findings, alignment, comparison.

Everything shown comes from one call to the core's engine (``score_assessment``, and
``compare_assessments`` for the chosen pair), so the figures here are the engine's. The
view listens to ``workspace_changed``: answers ("response"), assessments and
stakeholders trigger a refresh, debounced and scored off the GUI thread by
:class:`~ui.dashboard.refresh_worker.DashboardRefresher`. Only the chart of the visible
tab is rebuilt; the others are marked stale and drawn when their tab is shown (building
and drawing a figure costs more than scoring).

Importing this module loads matplotlib (through :mod:`.chart_canvas`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.changes import Changes
from scrm_desk.errors import NotFoundError
from scrm_desk.records import Assessment, Lens
from ui.dashboard.alignment_view import AlignmentView
from ui.dashboard.block_table_model import (
    COLUMN_OF,
    BlockTableModel,
    block_proxy,
    set_lens_filter,
)
from ui.dashboard.chart_canvas import ChartCanvas
from ui.dashboard.comparison_view import ComparisonView
from ui.dashboard.findings_model import COLUMN_OF as FINDING_COLUMN
from ui.dashboard.findings_model import FindingsModel
from ui.dashboard.refresh_worker import (
    DashboardRefresher,
    ScoredAssessment,
    ScoreOutcome,
    ScoreRequest,
    compute,
)
from ui.dashboard.tables import read_only_table
from ui.labels import (
    assessment_status_label,
    format_date,
    format_score,
    lens_label,
    plural,
    severity_label,
    variant_label,
)
from ui.workspace_events import WorkspaceEvents

if TYPE_CHECKING:
    from scrm_desk.frameworks import FrameworkCatalog
    from scrm_desk.frameworks.model import BuildingBlocksFramework
    from scrm_desk.workspace import Workspace
    from ui.commands.base import CommandRunner

#: The kinds of change that alter what the dashboard shows.
WATCHED_KINDS = ("response", "assessment", "stakeholder")

SCORES_TAB, FINDINGS_TAB, ALIGNMENT_TAB, COMPARISON_TAB = range(4)

#: The radar's share of the Scores tab's width at first; the block table has the rest, so
#: that its Flags column is readable beside the figures at 1280 pixels.
SCORES_CHART_SHARE = 0.42


class DashboardView(QWidget):
    """Shows one assessment; :meth:`set_assessment` chooses which."""

    #: New scores are on screen (after a refresh, scored in the pool or at once).
    refreshed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        events: WorkspaceEvents,
        catalog: Callable[[], FrameworkCatalog],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._events = events
        self._catalog = catalog
        self._engagement_id: str | None = None
        self._assessment_id: str | None = None
        self._assessment: Assessment | None = None
        self._framework: BuildingBlocksFramework | None = None
        self._outcome: ScoreOutcome | None = None
        self._pair: tuple[str, str] | None = None
        self._pair_names: tuple[str, str] = ("", "")
        self._stale: set[int] = set()
        self._sized = False
        #: Changes arrived while hidden; refresh when shown.
        self._dirty = False
        #: The answers of the assessment compared with this one, read once and kept until
        #: a change names it (answering the current assessment leaves it as it was).
        self._others: dict[str, ScoredAssessment] = {}
        self.refresher = DashboardRefresher(self)

        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.lens_combo = QComboBox()
        self.lens_combo.setAccessibleName(self.tr("Lens"))
        self.lens_caption = QLabel(self.tr("&Lens:"))
        self.lens_caption.setBuddy(self.lens_combo)
        self.index_label = QLabel()
        self.index_label.setTextFormat(Qt.TextFormat.RichText)
        self.index_label.setWordWrap(True)
        self.index_label.setAccessibleName(self.tr("Maturity index"))
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.radar = ChartCanvas(self.tr("Radar chart: current and target maturity per block"))
        self.block_model = BlockTableModel(self)
        self.block_proxy = block_proxy(self.block_model, self)
        self.block_table = read_only_table(self.block_proxy, self.tr("Scores per block"))
        self.findings_model = FindingsModel(self)
        self.findings_proxy = QSortFilterProxyModel(self)
        self.findings_proxy.setSourceModel(self.findings_model)
        self.findings_proxy.setSortRole(FindingsModel.SortRole)
        self.findings_table = read_only_table(self.findings_proxy, self.tr("Findings"))
        self.finding_detail = QTextBrowser()
        self.finding_detail.setAccessibleName(self.tr("Selected finding"))
        self.finding_detail.setOpenLinks(False)
        self.alignment_view = AlignmentView()
        self.comparison_view = ComparisonView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Dashboard"))
        self._build_layout()
        self._connect_signals()
        self._show_nothing(self.tr("Choose an assessment to see its scores."))

    def _build_layout(self) -> None:
        scores = QSplitter(Qt.Orientation.Horizontal)
        scores.addWidget(self.radar)
        scores.addWidget(self.block_table)
        scores.setStretchFactor(0, 1)
        scores.setStretchFactor(1, 1)
        scores.setChildrenCollapsible(False)
        self.scores_splitter = scores
        header = self.block_table.horizontalHeader()
        for key in ("block", "lens", "score", "target", "gap", "completeness"):
            header.setSectionResizeMode(COLUMN_OF[key], QHeaderView.ResizeMode.ResizeToContents)
        # Flags, what the table is read for, take the width the figures leave.
        header.setSectionResizeMode(COLUMN_OF["flags"], QHeaderView.ResizeMode.Stretch)
        # The lens combo filters the rows: every row shown has the lens chosen there.
        self.block_table.setColumnHidden(COLUMN_OF["lens"], True)
        # A block's flags stand one a line (never wrapped inside a name): rows grow to fit.
        rows = self.block_table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        findings = QSplitter(Qt.Orientation.Vertical)
        findings.addWidget(self.findings_table)
        findings.addWidget(self.finding_detail)
        findings.setStretchFactor(0, 3)
        findings.setStretchFactor(1, 2)
        findings.setChildrenCollapsible(False)
        fheader = self.findings_table.horizontalHeader()
        for key, width in (
            ("severity", 90),
            ("block", 160),
            ("lens", 90),
            ("title", 300),
            ("evidence", 320),
        ):
            fheader.resizeSection(FINDING_COLUMN[key], width)
        fheader.setStretchLastSection(True)
        self.tabs.addTab(scores, self.tr("Scores"))
        self.tabs.addTab(findings, self.tr("Findings"))
        self.tabs.addTab(self.alignment_view, self.tr("Stakeholder alignment"))
        self.tabs.addTab(self.comparison_view, self.tr("Comparison"))

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.lens_caption)
        top.addWidget(self.lens_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.index_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.tabs, 1)

    def _connect_signals(self) -> None:
        self._events.workspace_changed.connect(self._on_workspace_changed)
        self.refresher.due.connect(self._on_refresher_due)
        self.refresher.finished.connect(self._on_refresher_finished)
        self.lens_combo.currentIndexChanged.connect(self._on_lens_combo_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.comparison_view.pair_changed.connect(self._on_comparison_pair_changed)
        self.findings_table.selectionModel().selectionChanged.connect(
            self._on_findings_selection_changed
        )

    # -- public -----------------------------------------------------------------------------
    @property
    def assessment_id(self) -> str | None:
        return self._assessment_id

    @property
    def outcome(self) -> ScoreOutcome | None:
        """What is on screen: the engine's result (and comparison) of the last refresh."""
        return self._outcome

    def lens(self) -> Lens | None:
        data = self.lens_combo.currentData()
        return Lens(data) if data else None

    def set_lens(self, lens: Lens) -> None:
        index = self.lens_combo.findData(lens.value)
        if index >= 0:
            self.lens_combo.setCurrentIndex(index)

    def set_assessment(self, engagement_id: str | None, assessment_id: str | None) -> None:
        """Show ``assessment_id`` of ``engagement_id`` (scored at once), or nothing."""
        if engagement_id != self._engagement_id:
            self._pair = None
            self._others.clear()
        self._engagement_id = engagement_id
        self._assessment_id = assessment_id
        self.refresher.cancel()
        self.refresh_now()

    def refresh_now(self) -> None:
        """Read, score and draw synchronously (a new selection, tests, the benchmark)."""
        request = self._gather()
        if request is not None:
            self._apply(compute(request))

    def schedule_refresh(self) -> None:
        """Refresh soon, off the GUI thread (bursts of changes are scored once)."""
        if self._assessment_id is not None:
            self.refresher.schedule()

    # -- slots ------------------------------------------------------------------------------
    def _on_workspace_changed(self, changes: Changes) -> None:
        if not changes.touches(*WATCHED_KINDS):
            return
        if changes.touches("assessment", "stakeholder") or not changes.ids:
            self._others.clear()
        else:
            for record_id in changes.ids:
                self._others.pop(record_id, None)
        if self._assessment_id is None:
            return
        if self.isVisible():
            self.schedule_refresh()
        else:
            self._dirty = True  # another tab is in front: refresh when shown again

    def _on_refresher_due(self) -> None:
        if not self.isVisible():
            self._dirty = True
            return
        request = self._gather()
        if request is not None:
            self.refresher.submit(request)

    def _on_refresher_finished(self, outcome: ScoreOutcome) -> None:
        self._apply(outcome)

    def _on_lens_combo_changed(self, _index: int) -> None:
        lens = self.lens()
        if lens is None or self._outcome is None:
            return
        set_lens_filter(self.block_proxy, lens)
        self.alignment_view.set_lens(lens)
        self._show_comparison()
        self._show_index()
        self._stale.update({SCORES_TAB, ALIGNMENT_TAB, COMPARISON_TAB})
        self._draw_visible()

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._draw_visible()

    def _on_comparison_pair_changed(self, baseline_id: str, follow_up_id: str) -> None:
        self._pair = (baseline_id, follow_up_id)
        self.refresh_now()

    def _on_findings_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        rows = self.findings_table.selectionModel().selectedRows()
        if not rows:
            self.finding_detail.clear()
            return
        source = self.findings_proxy.mapToSource(rows[0])
        finding = self.findings_model.finding_at(source.row())
        lens = f" · {html.escape(lens_label(finding.lens))}" if finding.lens else ""
        self.finding_detail.setHtml(
            f"<p><b>{html.escape(finding.title)}</b></p>"
            f"<p>{html.escape(severity_label(finding.severity))} · "
            f"{html.escape(self.findings_model.block_name(finding))}{lens}</p>"
            f"<p><b>{html.escape(self.tr('Evidence'))}:</b> {html.escape(finding.evidence)}</p>"
            f"<p><b>{html.escape(self.tr('Suggested action'))}:</b> "
            f"{html.escape(finding.suggested_action)}</p>"
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._dirty = False
            self.refresh_now()
        self._draw_visible()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._sized and event.size().width() > 400:
            # Charts would take all the width their aspect allows; give tables their share.
            self._sized = True
            width = event.size().width()
            for splitter, chart_share in (
                (self.scores_splitter, SCORES_CHART_SHARE),
                (self.alignment_view.splitter, 0.5),
                (self.comparison_view.splitter, 0.58),
            ):
                splitter.setSizes([round(width * chart_share), round(width * (1 - chart_share))])

    # -- reading ----------------------------------------------------------------------------
    def _gather(self) -> ScoreRequest | None:
        """Everything the engine needs, read on the GUI thread, as plain data."""
        ws = self._workspace
        if self._assessment_id is None or self._engagement_id is None:
            self._show_nothing(self.tr("Choose an assessment to see its scores."))
            return None
        try:
            assessment = ws.assessments.get(self._assessment_id)
        except NotFoundError:
            self._show_nothing(self.tr("The assessment no longer exists."))
            return None
        try:
            framework = self._catalog().building_blocks(assessment.framework_id)
        except LookupError:
            self._show_nothing(
                self.tr(
                    "The framework “{framework}” of this assessment is not installed, so it "
                    "cannot be scored. Put its file in the workspace's frameworks folder."
                ).format(framework=assessment.framework_id)
            )
            return None
        self._assessment, self._framework = assessment, framework
        current = ScoredAssessment(assessment, tuple(ws.responses.for_assessment(assessment.id)))
        comparable = [
            a
            for a in ws.assessments.for_engagement(self._engagement_id)
            if a.framework_id == framework.id
        ]
        pair = self._comparison_pair(assessment, comparable)
        comparison = None
        if pair is not None and pair[0] != pair[1]:
            by_id = {a.id: a for a in comparable}
            items = []
            for assessment_id in pair:
                if assessment_id == assessment.id:
                    items.append(current)
                else:
                    other = by_id[assessment_id]
                    cached = self._others.get(other.id)
                    if cached is None or cached.assessment != other:
                        cached = ScoredAssessment(
                            other, tuple(ws.responses.for_assessment(other.id))
                        )
                        self._others[other.id] = cached
                    items.append(cached)
            comparison = (items[0], items[1])
            self._pair_names = (by_id[pair[0]].name, by_id[pair[1]].name)
        self.comparison_view.set_assessments(
            comparable, pair[0] if pair else None, pair[1] if pair else None
        )
        return ScoreRequest(
            generation=self.refresher.next_generation(),
            framework=framework,
            stakeholders=tuple(ws.stakeholders.for_engagement(self._engagement_id)),
            current=current,
            comparison=comparison,
        )

    def _comparison_pair(
        self, assessment: Assessment, comparable: list[Assessment]
    ) -> tuple[str, str] | None:
        """The user's pair if still valid; else the one before this, and this."""
        ids = [a.id for a in comparable]
        if len(ids) < 2:
            return None
        if self._pair is not None and all(i in ids for i in self._pair):
            return self._pair  # may name one assessment twice: the view asks for two
        position = ids.index(assessment.id) if assessment.id in ids else len(ids) - 1
        if position == 0:
            return ids[0], ids[1]
        return ids[position - 1], ids[position]

    # -- showing ----------------------------------------------------------------------------
    def _apply(self, outcome: ScoreOutcome) -> None:
        assessment, framework = self._assessment, self._framework
        if outcome.result is None or assessment is None or framework is None:
            self._show_nothing(outcome.error or self.tr("This assessment cannot be scored."))
            return
        self._outcome = outcome
        self.tabs.setEnabled(True)
        self._update_lenses(assessment)
        names = self._area_names()
        result = outcome.result
        self.block_model.set_blocks(
            result.blocks, names, {(b.area_id, b.lens): result.all_flags(b) for b in result.blocks}
        )
        set_lens_filter(self.block_proxy, self.lens())
        self.findings_model.set_findings(result.findings, names)
        if result.findings:
            self.findings_table.selectRow(0)
        self.tabs.setTabText(
            FINDINGS_TAB, self.tr("Findings ({count})").format(count=len(result.findings))
        )
        lens = self.lens() or Lens.CLASSIC
        self.alignment_view.set_alignment(result.alignment, names, lens)
        self._show_comparison()
        self.title_label.setText(
            self.tr("{name} — {date} — {variant} — {status}").format(
                name=assessment.name,
                date=format_date(assessment.assessed_on),
                variant=variant_label(assessment.variant),
                status=assessment_status_label(assessment.status),
            )
        )
        self._show_index()
        self._stale = {SCORES_TAB, ALIGNMENT_TAB, COMPARISON_TAB}
        self._draw_visible()
        self.refreshed.emit()

    def _show_index(self) -> None:
        outcome, assessment = self._outcome, self._assessment
        if outcome is None or outcome.result is None or assessment is None:
            self.index_label.clear()
            return
        result = outcome.result
        parts = []
        for lens in result.lenses:
            index = result.index_for(lens)
            if index is None:
                continue
            parts.append(
                self.tr("{lens}: <b>{score}</b> of 5 ({scored} of {blocks} blocks scored)").format(
                    lens=html.escape(lens_label(lens)),
                    score=format_score(index.score),
                    scored=index.scored_blocks,
                    blocks=index.core_blocks,
                )
            )
        self.index_label.setText(
            html.escape(self.tr("Maturity index (mean of the core blocks):"))
            + " "
            + " · ".join(parts)
        )
        self.note_label.setText(self._respondents_text(outcome.consensus, outcome.respondents))

    def _respondents_text(self, consensus: bool, count: int) -> str:
        """Who answered: the consensus, stakeholders on their own, both, or nobody yet."""
        if consensus and count:
            return plural(
                count,
                self.tr("Answers from the consensus and {count} stakeholder."),
                self.tr("Answers from the consensus and {count} stakeholders."),
            )
        if consensus:
            return self.tr("Answers from the consensus only; no stakeholder has answered yet.")
        if count:
            return plural(
                count,
                self.tr("Answers from {count} stakeholder; no consensus yet."),
                self.tr("Answers from {count} stakeholders; no consensus yet."),
            )
        return self.tr("No answers yet.")

    def _show_comparison(self) -> None:
        outcome = self._outcome
        lens = self.lens() or Lens.CLASSIC
        if outcome is None or outcome.comparison is None:
            self.comparison_view.show_message(
                self.tr(
                    "A comparison needs two assessments of this engagement with the same "
                    "framework: add a follow-up assessment, then choose the two here."
                )
                if self.comparison_view.baseline_combo.count() < 2
                else self.tr("Choose two different assessments to compare.")
            )
            return
        self.comparison_view.set_comparison(
            outcome.comparison, self._area_names(), lens, self._pair_names
        )

    def _draw_visible(self) -> None:
        """Build the chart of the visible tab if its data changed since it was drawn."""
        if not self.isVisible() or self._outcome is None or self._outcome.result is None:
            return
        tab = self.tabs.currentIndex()
        if tab not in self._stale:
            return
        self._stale.discard(tab)
        lens = self.lens() or Lens.CLASSIC
        result = self._outcome.result
        if tab == SCORES_TAB:
            self._draw_radar(lens)
        elif tab == ALIGNMENT_TAB:
            self.alignment_view.draw(
                result.alignment,
                self._area_names(),
                lens,
                result.thresholds.misalignment_levels,
            )
        elif tab == COMPARISON_TAB and self._outcome.comparison is not None:
            self.comparison_view.draw(
                self._outcome.comparison,
                self._area_names(),
                self._short_names(),
                lens,
                self._pair_names,
            )

    def _draw_radar(self, lens: Lens) -> None:
        from scrm_desk.charts import radar_figure

        assert self._outcome is not None and self._outcome.result is not None
        assert self._framework is not None
        result = self._outcome.result
        blocks = [b for b in result.blocks if b.lens is lens]
        short = self._short_names()
        labels = [short.get(b.area_id, b.area_id) for b in blocks]
        key = ("radar", tuple(labels), tuple((b.score, b.target) for b in blocks))
        if self.radar.shows(key):
            return
        # A block not assessed enough has no score: the radar leaves a gap at its spoke
        # and names it in a note, never plotting it as a 0 (or its partial mean).
        figure = radar_figure(
            labels,
            [b.score for b in blocks],
            [b.target for b in blocks],
            current_label=self.tr("Current"),
            target_label=self.tr("Target"),
            not_assessed_note=self.tr("Not assessed yet, so no score is drawn"),
        )
        description = "; ".join(
            self.tr("{block} not assessed yet").format(block=label)
            if b.score is None
            else self.tr("{block} {score}, target {target}").format(
                block=label, score=format_score(b.score), target=format_score(b.target)
            )
            for label, b in zip(labels, blocks, strict=True)
        )
        self.radar.set_figure(figure, description, key)

    def _update_lenses(self, assessment: Assessment) -> None:
        lenses = assessment.lenses()
        current = [self.lens_combo.itemData(i) for i in range(self.lens_combo.count())]
        if current == [lens.value for lens in lenses]:
            return
        previous = self.lens()
        self.lens_combo.blockSignals(True)
        self.lens_combo.clear()
        for lens in lenses:
            self.lens_combo.addItem(lens_label(lens), lens.value)
        if previous in lenses:
            self.lens_combo.setCurrentIndex(self.lens_combo.findData(previous.value))
        self.lens_combo.blockSignals(False)
        single = len(lenses) == 1
        self.lens_combo.setEnabled(not single)

    def _show_nothing(self, message: str) -> None:
        self._outcome = None
        self._stale.clear()
        self.title_label.clear()
        self.index_label.clear()
        self.note_label.setText(message)
        self.block_model.set_blocks([], {})
        self.findings_model.set_findings([], {})
        self.tabs.setTabText(FINDINGS_TAB, self.tr("Findings"))
        self.radar.show_message(message)
        self.tabs.setEnabled(False)

    def _area_names(self) -> dict[str, str]:
        framework = self._framework
        return {a.id: a.name for a in framework.areas} if framework else {}

    def _short_names(self) -> dict[str, str]:
        framework = self._framework
        return {a.id: a.short_name for a in framework.areas} if framework else {}


def _build_alone(workspace: Workspace, runner: CommandRunner, engagement_id: str) -> QWidget:
    from scrm_desk.frameworks import FrameworkCatalog

    catalog = FrameworkCatalog.load([workspace.frameworks_dir])
    view = DashboardView(workspace, runner.events, lambda: catalog)
    latest = workspace.assessments.latest(engagement_id)
    view.set_assessment(engagement_id, latest.id if latest else None)
    return view


if __name__ == "__main__":
    from ui.dashboard.sample import run_alone

    raise SystemExit(run_alone(_build_alone, "Dashboard — SCRM Desk"))
