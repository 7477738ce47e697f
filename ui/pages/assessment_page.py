"""The Assessment tab of an engagement: its assessments, and the dashboard of the one
selected.

The list offers New Assessment…, Continue… (the wizard, back where the consultant
stopped), Edit Details… and Mark Complete / Reopen; each writes through an undoable
command. The dashboard (:mod:`ui.dashboard.dashboard_view`) draws matplotlib charts, so
it is built the first time the tab is shown: the app's start-up never loads matplotlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.changes import Changes
from scrm_desk.errors import NotFoundError, ScrmError
from scrm_desk.records import Assessment, AssessmentStatus
from ui.commands.assessment_commands import DeleteAssessment, EditAssessment, set_status_command
from ui.commands.base import CommandRunner
from ui.dashboard.assessment_table_model import COLUMN_OF, AssessmentRow, AssessmentTableModel
from ui.dashboard.tables import read_only_table

if TYPE_CHECKING:
    from scrm_desk.frameworks import FrameworkCatalog
    from scrm_desk.workspace import Workspace
    from ui.dashboard.dashboard_view import DashboardView
    from ui.wizards.assessment_wizard import AssessmentWizard


#: Assessments the list shows without scrolling (a baseline and a few reviews).
LIST_ROWS = 4


class AssessmentPage(QWidget):
    """The engagement's assessments above, the selected one's dashboard below."""

    #: The selected assessment changed (its id, or "" for none).
    assessment_selected = Signal(str)

    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._engagement_id: str | None = None
        self.dashboard: DashboardView | None = None
        self.wizard: AssessmentWizard | None = None

        self.model = AssessmentTableModel(self)
        self.table = read_only_table(self.model, self.tr("Assessments"))
        self.table.setSortingEnabled(False)  # oldest first: the order comparisons read in
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COLUMN_OF["name"], QHeaderView.ResizeMode.Stretch)
        for key in ("date", "variant", "status", "answers"):
            header.setSectionResizeMode(COLUMN_OF[key], QHeaderView.ResizeMode.ResizeToContents)
        self.new_button = QPushButton(self.tr("&New Assessment…"))
        self.new_button.setAccessibleName(self.tr("New assessment"))
        self.continue_button = QPushButton(self.tr("Con&tinue…"))
        self.continue_button.setAccessibleName(self.tr("Continue the selected assessment"))
        self.continue_button.setToolTip(
            self.tr("Open the wizard where you stopped, to answer or change answers")
        )
        self.edit_button = QPushButton(self.tr("Edit Deta&ils…"))
        self.edit_button.setAccessibleName(self.tr("Edit the assessment's details"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setAccessibleName(self.tr("Delete the selected assessment"))
        self.complete_button = QPushButton(self.tr("Mark Co&mplete"))
        self.complete_button.setAccessibleName(self.tr("Mark the assessment complete"))
        self.empty_label = QLabel(
            self.tr(
                "No assessment yet. An assessment scores the client on each of the eight "
                "building blocks of CRM and governance, in the classic view, the Social CRM "
                "view or both: a maturity level from 1 to 5, the evidence behind it and the "
                "target the client aims for. Start one with New Assessment…"
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.dashboard_area = QStackedWidget()
        self.dashboard_placeholder = QLabel()
        self.dashboard_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dashboard_area.addWidget(self.dashboard_placeholder)

        self._build_layout()
        self._connect_signals()
        self._update_buttons()

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.continue_button,
            self.edit_button,
            self.complete_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        list_box = QGroupBox(self.tr("Assessments"))
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.empty_label)
        list_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(self.dashboard_area)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self._fit_list_height(list_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.table, self.new_button)

    def _fit_list_height(self, list_box: QWidget) -> None:
        """Room for :data:`LIST_ROWS` assessments above the dashboard, without scrolling."""
        table = self.table
        rows = table.verticalHeader().defaultSectionSize() * LIST_ROWS
        header = table.horizontalHeader().sizeHint().height()
        frame = 2 * table.frameWidth()
        table.setMinimumHeight(rows + header + frame)
        # Sized with the list shown (the hint of an empty engagement would add its height).
        self.empty_label.hide()
        self.splitter.setSizes([list_box.minimumSizeHint().height(), 600])

    def _connect_signals(self) -> None:
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.continue_button.clicked.connect(self._on_continue_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.complete_button.clicked.connect(self._on_complete_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._runner.events.workspace_changed.connect(self._on_workspace_changed)

    # -- public -----------------------------------------------------------------------------
    @property
    def engagement_id(self) -> str | None:
        return self._engagement_id

    def set_engagement(self, engagement_id: str | None) -> None:
        changed = engagement_id != self._engagement_id
        self._engagement_id = engagement_id
        self._refresh_list(select_latest=changed)

    def selected_assessment(self) -> Assessment | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.assessment_at(rows[0].row()) if rows else None

    def select_assessment(self, assessment_id: str) -> None:
        row = self.model.row_of(assessment_id)
        if row is not None:
            self.table.selectRow(row)
            self._scroll_to_selected()

    def catalog(self) -> FrameworkCatalog:
        """The frameworks (built-in and the workspace's own), loaded once."""
        return self._workspace.frameworks()

    def open_wizard(self, assessment_id: str | None = None) -> AssessmentWizard | None:
        """Open the wizard (window-modal) on a new or an existing assessment."""
        from ui.wizards.assessment_wizard import AssessmentWizard

        if self._engagement_id is None:
            return None
        try:
            wizard = AssessmentWizard(
                self._workspace,
                self._runner,
                self._engagement_id,
                assessment_id=assessment_id,
                catalog=self.catalog(),
                parent=self.window(),
            )
        except (LookupError, ScrmError) as exc:
            QMessageBox.warning(self, self.tr("Assessment"), str(exc))
            return None
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.assessment_created.connect(self._on_wizard_assessment_created)
        wizard.finished.connect(self._on_wizard_finished)
        self.wizard = wizard
        wizard.open()
        return wizard

    def ensure_dashboard(self) -> DashboardView:
        """Build the dashboard (and load matplotlib) now, if not done yet."""
        if self.dashboard is None:
            from ui.dashboard.dashboard_view import DashboardView

            self.dashboard = DashboardView(self._workspace, self._runner.events, self.catalog)
            self.dashboard_area.addWidget(self.dashboard)
            self._show_selected()
        return self.dashboard

    # -- slots ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_dashboard()
        # Selected while hidden, the row was not scrolled to (a view scrolls when shown).
        self._scroll_to_selected()

    def _on_workspace_changed(self, changes: Changes) -> None:
        if self._engagement_id is not None and changes.touches(
            "assessment", "response", "engagement"
        ):
            self._refresh_list(select_latest=False)

    def _on_new_button_clicked(self) -> None:
        self.open_wizard()

    def _on_continue_button_clicked(self) -> None:
        assessment = self.selected_assessment()
        if assessment is not None:
            self.open_wizard(assessment.id)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.open_wizard(self.model.assessment_at(index.row()).id)

    def _on_edit_button_clicked(self) -> None:
        from ui.wizards.assessment_details_dialog import AssessmentDetailsDialog

        assessment = self.selected_assessment()
        if assessment is None:
            return
        dialog = AssessmentDetailsDialog(assessment, parent=self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def submit(values: dict[str, object]) -> None:
            if values:
                self._runner.run(EditAssessment(self._workspace, assessment.id, values))

        dialog.set_submit_handler(submit)
        dialog.open()

    def _on_complete_button_clicked(self) -> None:
        assessment = self.selected_assessment()
        if assessment is None:
            return
        status = (
            AssessmentStatus.IN_PROGRESS
            if assessment.status is AssessmentStatus.COMPLETE
            else AssessmentStatus.COMPLETE
        )
        try:
            self._runner.run(set_status_command(self._workspace, assessment, status))
        except ScrmError as exc:
            QMessageBox.warning(self, self.tr("Assessment"), str(exc))

    def _on_delete_button_clicked(self) -> None:
        assessment = self.selected_assessment()
        if assessment is None:
            return
        answers = self._workspace.responses.count_for(assessment.id)
        answer = QMessageBox.question(
            self,
            self.tr("Delete Assessment"),
            self.tr(
                "Delete the assessment “{name}” and its {count} answers?\n\n"
                "Edit › Undo (Ctrl+Z) brings it back."
            ).format(name=assessment.name, count=answers),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._runner.run(DeleteAssessment(self._workspace, assessment.id))
        except ScrmError as exc:
            QMessageBox.warning(self, self.tr("Assessment"), str(exc))

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update_buttons()
        self._show_selected()
        assessment = self.selected_assessment()
        self.assessment_selected.emit(assessment.id if assessment else "")

    def _on_wizard_assessment_created(self, assessment_id: str) -> None:
        self._refresh_list(select_latest=False)
        self.select_assessment(assessment_id)

    def _on_wizard_finished(self, _result: int) -> None:
        wizard = self.wizard
        self.wizard = None
        if wizard is not None and wizard.assessment_id is not None:
            self.select_assessment(wizard.assessment_id)

    # -- helpers ----------------------------------------------------------------------------
    def _refresh_list(self, *, select_latest: bool) -> None:
        selected = self.selected_assessment()
        selected_id = selected.id if selected else None
        assessments: list[Assessment] = []
        if self._engagement_id is not None:
            try:
                self._workspace.engagements.get(self._engagement_id)
                assessments = self._workspace.assessments.for_engagement(self._engagement_id)
            except NotFoundError:
                assessments = []
        rows = [AssessmentRow(a, self._workspace.responses.count_for(a.id)) for a in assessments]
        self.model.set_rows(rows)
        has_rows = bool(rows)
        self.table.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)
        if rows:
            wanted = None if select_latest else selected_id
            if wanted is None or self.model.row_of(wanted) is None:
                wanted = rows[-1].assessment.id
            if self.selected_assessment() is None or self.selected_assessment().id != wanted:
                self.select_assessment(wanted)
        self._update_buttons()
        self._show_selected()

    def _show_selected(self) -> None:
        assessment = self.selected_assessment()
        if self.dashboard is None:
            return
        if assessment is None:
            self.dashboard_placeholder.setText(
                self.tr("The dashboard appears here once the engagement has an assessment.")
            )
            self.dashboard_area.setCurrentWidget(self.dashboard_placeholder)
            self.dashboard.set_assessment(self._engagement_id, None)
            return
        self.dashboard_area.setCurrentWidget(self.dashboard)
        if self.dashboard.assessment_id != assessment.id:
            self.dashboard.set_assessment(self._engagement_id, assessment.id)

    def _scroll_to_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.scrollTo(rows[0])

    def _update_buttons(self) -> None:
        assessment = self.selected_assessment()
        has = assessment is not None
        self.new_button.setEnabled(self._engagement_id is not None)
        for button in (
            self.continue_button,
            self.edit_button,
            self.complete_button,
            self.delete_button,
        ):
            button.setEnabled(has)
        complete = has and assessment.status is AssessmentStatus.COMPLETE
        self.complete_button.setText(self.tr("Reo&pen") if complete else self.tr("Mark Co&mplete"))
        self.complete_button.setAccessibleName(
            self.tr("Reopen the assessment")
            if complete
            else self.tr("Mark the assessment complete")
        )


def _build_alone(workspace: Workspace, runner: CommandRunner, engagement_id: str) -> QWidget:
    page = AssessmentPage(workspace, runner)
    page.set_engagement(engagement_id)
    return page


if __name__ == "__main__":
    from ui.dashboard.sample import run_alone

    raise SystemExit(run_alone(_build_alone, "Assessment — SCRM Desk"))
