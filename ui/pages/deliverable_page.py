"""The Deliverable tab: assemble the client report and export it as PDF, Word or Excel.

The consultant chooses the assessment (and the baseline the progress section compares
with), the sections, edits the executive summary (drafted from the findings; the edited
text is kept per engagement in the workspace's settings, one undoable step per editing
session), sets the branding (a dialog; saving is undoable), an optional password, the
formats and where to save, then exports.

The export runs in a thread pool (:mod:`ui.deliverable.export_worker`): the worker calls
the core's pure ``export_report`` with the workspace's *path*, so it reads through its
own read-only connection; the GUI only receives progress, results and errors by signal.
While it runs the page stays usable, a progress bar and Cancel show, and a second
export cannot start. A finished PDF opens in the preview on the right.

Run alone: ``python -m ui.pages.deliverable_page`` (the demo engagement, with undo).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.changes import Changes
from scrm_desk.errors import NotFoundError, ScrmError, ValidationError
from scrm_desk.records import AssessmentStatus
from scrm_desk.reports.options import stored_summary, summary_key
from ui.commands.base import CommandRunner
from ui.commands.deliverable_commands import SaveBranding, SetExecutiveSummary
from ui.deliverable.branding_preview import BrandingPreview
from ui.deliverable.export_worker import ExportController, ExportRequest
from ui.deliverable.pdf_preview import PdfPreview
from ui.deliverable.section_list import SectionList, SectionListModel
from ui.file_names import default_documents_folder, safe_file_name
from ui.labels import format_date
from ui.widgets.inline_message import InlineMessage

if TYPE_CHECKING:
    from scrm_desk.records import Assessment
    from scrm_desk.reports import Branding, ExportResult, ReportOptions
    from scrm_desk.workspace import Workspace

#: QSettings key of the folder the last export went to.
LAST_FOLDER_KEY = "deliverable/last_folder"
#: Typing pauses longer than this save the executive summary.
SUMMARY_SAVE_DELAY_MS = 800
#: Report formats in the order they are offered: (core id, file suffix).
FORMATS = (("pdf", ".pdf"), ("docx", ".docx"), ("xlsx", ".xlsx"))
#: The kinds of record whose change alters what this page shows.
_CONTENT_KINDS = ("engagement", "client", "assessment", "response", "stakeholder")
#: Characters no file name may hold on any of the three desktop systems.
_BASELINE_NONE = ""


class DeliverablePage(QWidget):
    """Builds the client report of one engagement and shows the exported PDF."""

    #: An export finished; the argument is the tuple of ``ExportResult``, one per file.
    export_finished = Signal(object)
    #: An export failed; the text says why (the page shows it too).
    export_failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: CommandRunner,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._settings = settings if settings is not None else QSettings()
        self._engagement_id: str | None = None
        self._stale = True
        self._draft = ""
        self._loading_summary = False
        self._summary_session = 0
        self._name_edited = False
        self._preview_password: str | None = None
        self._assessments: list[Assessment] = []
        self.controller = ExportController(self)

        self._build_widgets()
        self._build_layout()
        self._connect_signals()
        self._update_running_state(False)

    # ------------------------------------------------------------------------- building
    def _build_widgets(self) -> None:
        self.heading = QLabel(self.tr("Deliverable"))
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)

        # Contents
        self.assessment_combo = QComboBox()
        self.assessment_combo.setAccessibleName(self.tr("Assessment reported"))
        self.baseline_combo = QComboBox()
        self.baseline_combo.setAccessibleName(self.tr("Baseline for the progress comparison"))
        self.baseline_combo.setToolTip(
            self.tr(
                "The earlier assessment the “Progress since the baseline” section compares with"
            )
        )
        self.section_model = SectionListModel(self)
        self.section_list = SectionList()
        self.section_list.setModel(self.section_model)
        self.section_list.setAccessibleName(self.tr("Report sections"))
        self.section_list.setAccessibleDescription(
            self.tr("Tick the sections to include; Space ticks the current one")
        )
        self.all_sections_button = QPushButton(self.tr("All"))
        self.all_sections_button.setAccessibleName(self.tr("Include every section"))
        self.no_sections_button = QPushButton(self.tr("None"))
        self.no_sections_button.setAccessibleName(self.tr("Include no section"))

        # Executive summary
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setAccessibleName(self.tr("Executive summary"))
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setPlaceholderText(
            self.tr(
                "The summary is drafted from the findings once the engagement has an assessment."
            )
        )
        self.summary_edit.setMinimumHeight(150)
        self.summary_state = QLabel()
        self.summary_state.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.summary_state.setWordWrap(True)
        self.reset_summary_button = QPushButton(self.tr("Reset &to Draft"))
        self.reset_summary_button.setAccessibleName(
            self.tr("Reset the executive summary to the draft")
        )
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.setInterval(SUMMARY_SAVE_DELAY_MS)

        # Branding and protection
        self.branding_label = QLabel()
        self.branding_label.setWordWrap(True)
        self.branding_label.setTextFormat(Qt.TextFormat.PlainText)
        self.branding_label.setAccessibleName(self.tr("Current branding"))
        self.branding_preview = BrandingPreview()
        self.branding_button = QPushButton(self.tr("Edit &Branding…"))
        self.branding_button.setAccessibleName(self.tr("Edit the branding"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("None: anyone can open the PDF"))
        self.password_edit.setAccessibleName(self.tr("Password to open the PDF"))
        self.owner_password_edit = QLineEdit()
        self.owner_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.owner_password_edit.setPlaceholderText(self.tr("Optional, different from the above"))
        self.owner_password_edit.setAccessibleName(self.tr("Owner password"))
        self.owner_password_edit.setEnabled(False)  # until there is a password
        self.owner_password_edit.setToolTip(
            self.tr("Needed to change the PDF's protection; a random one is used when empty")
        )
        self.password_note = QLabel(
            self.tr(
                "Passwords apply to the PDF only, are used for this export and are never saved."
            )
        )
        self.password_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.password_note.setWordWrap(True)

        # Output
        self.format_checks: dict[str, QCheckBox] = {}
        for fmt, label, name in (
            ("pdf", self.tr("&PDF"), self.tr("Export as PDF")),
            ("docx", self.tr("Word"), self.tr("Export as Word document")),
            ("xlsx", self.tr("E&xcel"), self.tr("Export as Excel workbook")),
        ):
            check = QCheckBox(label)
            check.setAccessibleName(name)
            self.format_checks[fmt] = check
        self.format_checks["pdf"].setChecked(True)
        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName(self.tr("Output folder"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setAccessibleName(self.tr("Choose the output folder"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("File name"))
        self.suffix_label = QLabel()
        self.suffix_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setAccessibleName(self.tr("Export the report"))
        self.export_button.setDefault(True)
        shortcut_text = QKeySequence("Ctrl+Shift+E").toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.export_button.setToolTip(
            self.tr("Export the report ({shortcut})").format(shortcut=shortcut_text)
        )
        self.export_shortcut = QShortcut(QKeySequence("Ctrl+Shift+E"), self)
        self.export_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.cancel_button = QPushButton(self.tr("Cancel Export"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the export"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(self.tr("Export progress"))
        self.progress_label = QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress_label.setVisible(False)
        self.message = InlineMessage()
        self.message.setAccessibleName(self.tr("Export problem"))
        self.warnings = InlineMessage()
        self.warnings.setAccessibleName(self.tr("Export warnings"))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setAccessibleName(self.tr("Export result"))
        self.result_label.setVisible(False)

        self.preview = PdfPreview()

    def _build_layout(self) -> None:
        # Left: the choices in three tabs (no nested scrolling), the export box always in
        # view under them. Right: the preview. The page is ~940 px wide in the window.
        contents_tab = QWidget()
        contents_form = QFormLayout()
        contents_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        contents_form.addRow(
            self._caption(self.tr("Assess&ment:"), self.assessment_combo), self.assessment_combo
        )
        contents_form.addRow(
            self._caption(self.tr("Compare w&ith:"), self.baseline_combo), self.baseline_combo
        )
        section_buttons = QHBoxLayout()
        section_buttons.addWidget(self._caption(self.tr("Sectio&ns:"), self.section_list))
        section_buttons.addStretch(1)
        section_buttons.addWidget(self.all_sections_button)
        section_buttons.addWidget(self.no_sections_button)
        contents_layout = QVBoxLayout(contents_tab)
        contents_layout.addLayout(contents_form)
        contents_layout.addLayout(section_buttons)
        contents_layout.addWidget(self.section_list, 1)

        summary_tab = QWidget()
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary_state, 1)
        summary_row.addWidget(self.reset_summary_button, 0, Qt.AlignmentFlag.AlignTop)
        summary_layout = QVBoxLayout(summary_tab)
        summary_layout.addWidget(self.summary_edit, 1)
        summary_layout.addLayout(summary_row)

        branding_tab = QWidget()
        branding_row = QHBoxLayout()
        branding_row.addWidget(self.branding_label, 1)
        branding_row.addWidget(self.branding_button, 0, Qt.AlignmentFlag.AlignTop)
        branding_layout = QVBoxLayout(branding_tab)
        branding_layout.addLayout(branding_row)
        branding_layout.addWidget(self.branding_preview)
        branding_layout.addStretch(1)

        password_tab = QWidget()
        password_form = QFormLayout()
        password_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        password_form.addRow(
            self._caption(self.tr("Pass&word:"), self.password_edit), self.password_edit
        )
        password_form.addRow(
            self._caption(self.tr("Owner password:"), self.owner_password_edit),
            self.owner_password_edit,
        )
        password_layout = QVBoxLayout(password_tab)
        password_layout.addLayout(password_form)
        password_layout.addWidget(self.password_note)
        password_layout.addStretch(1)

        self.option_tabs = QTabWidget()
        self.option_tabs.setAccessibleName(self.tr("Report choices"))
        self.option_tabs.addTab(contents_tab, self.tr("Contents"))
        self.option_tabs.addTab(summary_tab, self.tr("Summary"))
        self.option_tabs.addTab(branding_tab, self.tr("Branding"))
        self.option_tabs.addTab(password_tab, self.tr("Password"))
        self.option_tabs.setTabToolTip(1, self.tr("The executive summary"))
        self.option_tabs.setTabToolTip(3, self.tr("Protect the PDF with a password"))

        output_box = QGroupBox(self.tr("Export"))
        formats_row = QHBoxLayout()
        for check in self.format_checks.values():
            formats_row.addWidget(check)
        formats_row.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_edit, 1)
        name_row.addWidget(self.suffix_label)
        output_form = QFormLayout()
        output_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        output_form.addRow(QLabel(self.tr("Formats:")), formats_row)
        output_form.addRow(self._caption(self.tr("Fo&lder:"), self.folder_edit), folder_row)
        output_form.addRow(self._caption(self.tr("File name:"), self.name_edit), name_row)
        action_row = QHBoxLayout()
        action_row.addWidget(self.progress_bar, 1)
        action_row.addStretch(0)  # keeps the buttons at the right while the bar is hidden
        action_row.addWidget(self.cancel_button)
        action_row.addWidget(self.export_button)
        output_layout = QVBoxLayout(output_box)
        output_layout.addLayout(output_form)
        output_layout.addLayout(action_row)
        output_layout.addWidget(self.progress_label)
        output_layout.addWidget(self.message)
        output_layout.addWidget(self.warnings)
        output_layout.addWidget(self.result_label)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.option_tabs, 1)
        left_layout.addWidget(output_box)
        # Small minimums: the page must leave the navigator its width in a narrow window
        # (the preview's header and buttons are cut there, the choices never are).
        left.setMinimumWidth(280)
        self.preview.setMinimumWidth(200)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([440, 500])

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.splitter, 1)

        self.setTabOrder(self.assessment_combo, self.baseline_combo)
        self.setTabOrder(self.baseline_combo, self.all_sections_button)
        self.setTabOrder(self.all_sections_button, self.no_sections_button)
        self.setTabOrder(self.no_sections_button, self.section_list)
        self.setTabOrder(self.section_list, self.summary_edit)
        self.setTabOrder(self.summary_edit, self.reset_summary_button)
        self.setTabOrder(self.reset_summary_button, self.branding_button)
        self.setTabOrder(self.branding_button, self.password_edit)
        self.setTabOrder(self.password_edit, self.owner_password_edit)
        self.setTabOrder(self.owner_password_edit, self.format_checks["pdf"])
        self.setTabOrder(self.format_checks["pdf"], self.format_checks["docx"])
        self.setTabOrder(self.format_checks["docx"], self.format_checks["xlsx"])
        self.setTabOrder(self.format_checks["xlsx"], self.folder_edit)
        self.setTabOrder(self.folder_edit, self.browse_button)
        self.setTabOrder(self.browse_button, self.name_edit)
        self.setTabOrder(self.name_edit, self.export_button)
        self.setTabOrder(self.export_button, self.cancel_button)

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _connect_signals(self) -> None:
        self.assessment_combo.currentIndexChanged.connect(self._on_assessment_combo_changed)
        self.baseline_combo.currentIndexChanged.connect(self._on_baseline_combo_changed)
        self.all_sections_button.clicked.connect(self._on_all_sections_button_clicked)
        self.no_sections_button.clicked.connect(self._on_no_sections_button_clicked)
        self.summary_edit.textChanged.connect(self._on_summary_edit_text_changed)
        self.summary_edit.installEventFilter(self)
        self._summary_timer.timeout.connect(self.save_summary)
        self.reset_summary_button.clicked.connect(self._on_reset_summary_button_clicked)
        self.branding_button.clicked.connect(self._on_branding_button_clicked)
        self.password_edit.textChanged.connect(self._on_password_edit_text_changed)
        for check in self.format_checks.values():
            check.toggled.connect(self._on_format_check_toggled)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.name_edit.textEdited.connect(self._on_name_edit_text_edited)
        self.export_button.clicked.connect(self.export)
        self.export_shortcut.activated.connect(self.export)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.controller.progress.connect(self._on_controller_progress)
        self.controller.finished.connect(self._on_controller_finished)
        self.controller.failed.connect(self._on_controller_failed)
        self.controller.cancelled.connect(self._on_controller_cancelled)
        self.preview.open_failed.connect(self.message.show_message)
        self._runner.events.workspace_changed.connect(self._on_workspace_changed)
        app = QCoreApplication.instance()
        if app is not None:
            # Quitting mid-export: stop the worker at its next check instead of waiting.
            app.aboutToQuit.connect(self.controller.cancel)

    # ------------------------------------------------------------------------- public
    @property
    def engagement_id(self) -> str | None:
        return self._engagement_id

    def set_engagement(self, engagement_id: str | None) -> None:
        if engagement_id == self._engagement_id and not self._stale:
            return
        if self._engagement_id is not None and engagement_id != self._engagement_id:
            self.save_summary()
            self.password_edit.clear()
            self.owner_password_edit.clear()
            self.message.clear()
            self.warnings.clear()
            self._show_result("")
            self.preview.clear()
            self._name_edited = False
        if engagement_id != self._engagement_id:
            # Another engagement: its own latest assessment and baseline, not this one's.
            self._loading_summary = True
            self.assessment_combo.clear()
            self.baseline_combo.clear()
            self._loading_summary = False
        self._engagement_id = engagement_id
        self._summary_session += 1
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Re-read everything the page shows for the current engagement."""
        self._stale = False
        if not self.section_model.rowCount():
            from scrm_desk.reports import available_sections

            self.section_model.set_sections(available_sections())
        if self.folder_edit.text() == "":
            self.folder_edit.setText(str(self._last_folder()))
        self._refresh_heading()
        self._refresh_assessments()
        self._refresh_summary()
        self._refresh_branding()
        self._refresh_default_name()
        self._update_suffix()
        self._update_export_enabled()

    def chosen_formats(self) -> tuple[str, ...]:
        return tuple(fmt for fmt, _suffix in FORMATS if self.format_checks[fmt].isChecked())

    def targets(self) -> tuple[tuple[str, Path], ...]:
        """(format, file) for each chosen format, from the folder and name fields."""
        folder = Path(self.folder_edit.text().strip()).expanduser()
        name = self.name_edit.text().strip()
        suffixes = dict(FORMATS)
        if name.lower().endswith(tuple(suffixes.values())):
            name = name.rsplit(".", 1)[0]
        return tuple((fmt, folder / f"{name}{suffixes[fmt]}") for fmt in self.chosen_formats())

    def report_options(self) -> ReportOptions:
        """The options the current choices make (raises ``ValidationError`` for bad ones)."""
        from scrm_desk.reports import ReportOptions, section_ids

        sections = self.section_model.checked_ids()
        if self.baseline_combo.currentData() == _BASELINE_NONE:
            sections = tuple(s for s in sections if s != "progress")
        text = self.summary_edit.toPlainText()
        summary = None if _same_text(text, self._draft) or not text.strip() else text
        password = self.password_edit.text() or None
        options = ReportOptions(
            sections=sections,
            executive_summary=summary,
            password=password,
            owner_password=(self.owner_password_edit.text() or None) if password else None,
            assessment_id=self.assessment_combo.currentData() or None,
            baseline_assessment_id=self._baseline_id(),
        )
        options.validate(section_ids())
        return options

    def export(self) -> bool:
        """Start exporting with the current choices; ``False`` when nothing started."""
        if self.controller.running:
            self._show_progress(self.tr("An export is already running."))
            return False
        if self._engagement_id is None:
            return False
        self.save_summary()
        self.message.clear()
        self.warnings.clear()
        self._show_result("")
        problem = self._check_before_export()
        if problem:
            self.message.show_message(problem)
            return False
        try:
            options = self.report_options()
        except ValidationError as exc:
            self.message.show_message(self._describe_option_problem(exc))
            return False
        targets = self.targets()
        if not self._confirm_replace([path for _fmt, path in targets if path.exists()]):
            return False
        folder = targets[0][1].parent
        self._settings.setValue(LAST_FOLDER_KEY, str(folder))
        self._preview_password = options.password
        self.preview.clear()  # let go of the old PDF so it can be replaced
        request = ExportRequest(
            workspace_path=Path(self._workspace.path),
            engagement_id=self._engagement_id,
            targets=targets,
            options=options,
        )
        if not self.controller.start(request):
            return False
        self._summary_session += 1
        self.progress_bar.setValue(0)
        self._show_progress(self.tr("Starting the export…"))
        self._update_running_state(True)
        return True

    def cancel_export(self) -> None:
        if self.controller.running:
            self.controller.cancel()
            self.cancel_button.setEnabled(False)
            self._show_progress(self.tr("Cancelling…"))

    def save_summary(self) -> None:
        """Keep the summary as edited (or the draft, if it matches) in the workspace."""
        self._summary_timer.stop()
        engagement_id = self._engagement_id
        if engagement_id is None or self._stale:
            return
        text = self.summary_edit.toPlainText()
        value: str | None = None if _same_text(text, self._draft) else text
        try:
            if value == stored_summary(self._workspace, engagement_id):
                self._update_summary_state()
                return
            command = SetExecutiveSummary(
                self._workspace, engagement_id, value, session=self._summary_session
            )
            self._runner.run(command)
        except ScrmError as exc:
            self.message.show_message(
                self.tr("The executive summary could not be saved: {reason}").format(reason=exc)
            )
            return
        self._update_summary_state()

    # ------------------------------------------------------------------------- events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.summary_edit and event.type() == QEvent.Type.FocusOut:
            self.save_summary()
            self._summary_session += 1  # the next stretch of typing is a new undo step
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------------- slots
    def _on_workspace_changed(self, changes: Changes) -> None:
        if self._engagement_id is None:
            return
        if not self.isVisible():
            if changes.touches("setting", *_CONTENT_KINDS):
                self._stale = True
            return
        if changes.touches(*_CONTENT_KINDS):
            self._refresh_heading()
            self._refresh_assessments()
            self._refresh_default_name()
            self._refresh_summary()
        elif changes.touches("setting") and (
            summary_key(self._engagement_id) in changes.ids or not changes.ids
        ):
            self._refresh_summary()
        if changes.touches("setting"):
            self._refresh_branding()

    def _on_assessment_combo_changed(self, _row: int) -> None:
        if self._loading_summary:
            return
        self._fill_baselines()
        self._refresh_summary(draft_only=True)

    def _on_baseline_combo_changed(self, _row: int) -> None:
        if self._loading_summary:
            return
        self._refresh_summary(draft_only=True)

    def _on_all_sections_button_clicked(self) -> None:
        self.section_model.set_checked(self.section_model.section_ids())

    def _on_no_sections_button_clicked(self) -> None:
        self.section_model.set_checked(())

    def _on_summary_edit_text_changed(self) -> None:
        if self._loading_summary:
            return
        self._summary_timer.start()
        self._update_summary_state(editing=True)

    def _on_reset_summary_button_clicked(self) -> None:
        if self._engagement_id is None:
            return
        self._summary_timer.stop()
        self._summary_session += 1
        if stored_summary(self._workspace, self._engagement_id) is None:
            self._set_summary_text(self._draft)  # unsaved typing only: nothing to undo
            self._update_summary_state()
            return
        try:
            self._runner.run(SetExecutiveSummary(self._workspace, self._engagement_id, None))
        except ScrmError as exc:
            self.message.show_message(str(exc))
            return
        self._summary_session += 1
        self._refresh_summary()

    def _on_branding_button_clicked(self) -> None:
        from scrm_desk.reports import load_branding
        from ui.deliverable.branding_dialog import BrandingDialog

        dialog = BrandingDialog(load_branding(self._workspace), self)
        dialog.set_submit_handler(self._save_branding)
        self.branding_dialog = dialog  # reachable for tests while it is open
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _save_branding(self, branding: Branding) -> None:
        self._runner.run(SaveBranding(self._workspace, branding))

    def _on_password_edit_text_changed(self, text: str) -> None:
        self.owner_password_edit.setEnabled(bool(text))

    def _on_format_check_toggled(self, _checked: bool) -> None:
        self._update_suffix()
        self._update_export_enabled()

    def _on_browse_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the Folder for the Report"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _on_name_edit_text_edited(self, _text: str) -> None:
        self._name_edited = True

    def _on_cancel_button_clicked(self) -> None:
        self.cancel_export()

    def _on_controller_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(round(fraction * 1000))
        if self.cancel_button.isEnabled():
            self._show_progress(message)

    def _on_controller_finished(self, results: tuple[ExportResult, ...]) -> None:
        self._update_running_state(False)
        self.progress_bar.setValue(1000)
        self._show_progress("")
        lines = [self._describe_result(result) for result in results]
        self._show_result("\n".join(lines))
        warnings = [w for result in results for w in result.warnings]
        if warnings:
            self.warnings.show_message(
                self.tr("Please check: {warnings}").format(
                    warnings=" ".join(dict.fromkeys(warnings))
                )
            )
        pdf = next((r for r in results if r.format == "pdf"), None)
        if pdf is not None:
            self.preview.show_pdf(pdf.path, self._preview_password)
        elif results:
            self.preview.show_file(
                results[0].path,
                self.tr(
                    "{name} is saved. Word documents and Excel workbooks are not previewed "
                    "here; open it in its own program."
                ).format(name=results[0].path.name),
            )
        self._preview_password = None
        self.export_finished.emit(results)

    def _on_controller_failed(self, message: str) -> None:
        self._update_running_state(False)
        self.progress_bar.setValue(0)
        self._show_progress("")
        self._preview_password = None
        self.message.show_message(
            self.tr("The report was not exported: {reason}").format(reason=message)
        )
        self.export_failed.emit(message)

    def _on_controller_cancelled(self) -> None:
        self._update_running_state(False)
        self.progress_bar.setValue(0)
        self._preview_password = None
        self._show_progress(self.tr("Export cancelled; no file was written."))

    # ------------------------------------------------------------------------- helpers
    def _show_progress(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress_label.setVisible(bool(text))

    def _show_result(self, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.setVisible(bool(text))

    def _last_folder(self) -> Path:
        value = self._settings.value(LAST_FOLDER_KEY, "")
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
        return default_documents_folder()

    def _refresh_heading(self) -> None:
        names = self._names()
        if names is None:
            self.heading.setText(self.tr("Deliverable"))
            return
        client, title = names
        self.heading.setText(
            self.tr("Deliverable — {title}, {client}").format(title=title, client=client)
        )

    def _names(self) -> tuple[str, str] | None:
        if self._engagement_id is None:
            return None
        try:
            engagement = self._workspace.engagements.get(self._engagement_id)
            client = self._workspace.clients.get(engagement.client_id)
        except NotFoundError:
            return None
        return client.name, engagement.title

    def _refresh_assessments(self) -> None:
        current = self.assessment_combo.currentData()
        baseline = self.baseline_combo.currentData()
        self._assessments = (
            self._workspace.assessments.for_engagement(self._engagement_id)
            if self._engagement_id
            else []
        )
        self._loading_summary = True
        try:
            self.assessment_combo.clear()
            for assessment in self._assessments:
                self._add_assessment(self.assessment_combo, assessment)
            if not self._assessments:
                self.assessment_combo.addItem(self.tr("No assessment yet"), "")
            row = self.assessment_combo.findData(current) if current else -1
            self.assessment_combo.setCurrentIndex(
                row if row >= 0 else self.assessment_combo.count() - 1
            )
            self.assessment_combo.setEnabled(bool(self._assessments))
            self._fill_baselines(keep=baseline)
        finally:
            self._loading_summary = False

    def _fill_baselines(self, keep: str | None = None) -> None:
        chosen = self.assessment_combo.currentData()
        blocked = self.baseline_combo.blockSignals(True)
        try:
            self.baseline_combo.clear()
            self.baseline_combo.addItem(self.tr("No comparison"), _BASELINE_NONE)
            position = next((i for i, a in enumerate(self._assessments) if a.id == chosen), None)
            for assessment in self._assessments:
                if assessment.id != chosen:
                    self._add_assessment(self.baseline_combo, assessment)
            row = self.baseline_combo.findData(keep) if keep else -1
            if row <= 0 and keep != _BASELINE_NONE:
                # The assessment before the chosen one, as the report would pick.
                previous = self._assessments[position - 1].id if position else None
                row = self.baseline_combo.findData(previous) if previous else 0
            self.baseline_combo.setCurrentIndex(max(0, row))
            self.baseline_combo.setEnabled(self.baseline_combo.count() > 1)
        finally:
            self.baseline_combo.blockSignals(blocked)

    def _assessment_label(self, assessment: Assessment) -> str:
        status = (
            self.tr("complete")
            if assessment.status == AssessmentStatus.COMPLETE
            else self.tr("in progress")
        )
        return self.tr("{name} ({status})").format(name=assessment.name, status=status)

    def _assessment_tip(self, assessment: Assessment) -> str:
        if not assessment.assessed_on:
            return assessment.name
        return self.tr("{name}, assessed on {date}").format(
            name=assessment.name, date=format_date(assessment.assessed_on)
        )

    def _add_assessment(self, combo: QComboBox, assessment: Assessment) -> None:
        combo.addItem(self._assessment_label(assessment), assessment.id)
        combo.setItemData(
            combo.count() - 1, self._assessment_tip(assessment), Qt.ItemDataRole.ToolTipRole
        )

    def _draft_options(self) -> ReportOptions:
        from scrm_desk.reports import ReportOptions

        return ReportOptions(
            assessment_id=self.assessment_combo.currentData() or None,
            baseline_assessment_id=self._baseline_id(),
        )

    def _baseline_id(self) -> str | None:
        """The baseline for the options. "No comparison" names the chosen assessment
        itself, which the engine reads as no baseline (``None`` would let it pick the
        previous assessment on its own)."""
        chosen = self.assessment_combo.currentData() or None
        baseline = self.baseline_combo.currentData()
        if baseline == _BASELINE_NONE:
            return chosen
        return baseline or None

    def _refresh_summary(self, *, draft_only: bool = False) -> None:
        """Re-draft the summary; show the stored text, or the draft when there is none.

        ``draft_only``: the draft changed (another assessment), the stored text did not.
        """
        from scrm_desk.reports import draft_executive_summary

        engagement_id = self._engagement_id
        if engagement_id is None:
            self._draft = ""
            self._set_summary_text("")
            return
        editor_matches_draft = _same_text(self.summary_edit.toPlainText(), self._draft)
        try:
            self._draft = draft_executive_summary(
                self._workspace, engagement_id, self._draft_options()
            )
        except ScrmError:
            self._draft = ""
        stored = stored_summary(self._workspace, engagement_id)
        if draft_only and not editor_matches_draft:
            self._update_summary_state()
            return  # the consultant's own text stays as it is
        text = stored if stored is not None else self._draft
        if self._summary_timer.isActive() and not draft_only:
            return  # unsaved typing: it wins, and is saved in a moment
        if self.summary_edit.toPlainText() != text:
            self._set_summary_text(text)
        self._update_summary_state()

    def _set_summary_text(self, text: str) -> None:
        self._loading_summary = True
        try:
            self.summary_edit.setPlainText(text)
        finally:
            self._loading_summary = False

    def _update_summary_state(self, *, editing: bool = False) -> None:
        if self._engagement_id is None:
            self.summary_state.clear()
            self.reset_summary_button.setEnabled(False)
            return
        drafted = _same_text(self.summary_edit.toPlainText(), self._draft)
        if editing and not drafted:
            text = self.tr("Edited; saved with the workspace as you type.")
        elif drafted:
            text = self.tr(
                "Drafted from the findings; edit it freely. Your text is kept for this engagement."
            )
        else:
            text = self.tr(
                "Your own text, kept for this engagement; “Reset to Draft” brings the "
                "drafted one back."
            )
        self.summary_state.setText(text)
        self.reset_summary_button.setEnabled(not drafted)

    def _refresh_branding(self) -> None:
        from scrm_desk.reports import load_branding

        branding = load_branding(self._workspace)
        parts = [branding.firm_name or self.tr("No firm name")]
        parts.append(self.tr("logo") if branding.logo is not None else self.tr("no logo"))
        parts.append(branding.primary_colour)
        parts.append(self.tr("“{wording}”").format(wording=branding.confidentiality))
        self.branding_label.setText(" · ".join(parts))
        self.branding_preview.show_branding(branding)

    def _refresh_default_name(self) -> None:
        if self._name_edited:
            return
        names = self._names()
        if names is None:
            self.name_edit.clear()
            return
        client, title = names
        self.name_edit.setText(safe_file_name(f"{client} – {title} – {date.today().isoformat()}"))
        self.name_edit.setCursorPosition(0)  # the start (client, engagement) says most

    def _update_suffix(self) -> None:
        suffixes = dict(FORMATS)
        chosen = [suffixes[fmt] for fmt in self.chosen_formats()]
        self.suffix_label.setText(", ".join(chosen) if chosen else self.tr("(no format)"))

    def _update_export_enabled(self) -> None:
        can = (
            self._engagement_id is not None
            and not self.controller.running
            and bool(self.chosen_formats())
        )
        self.export_button.setEnabled(can)
        self.export_shortcut.setEnabled(can)

    def _update_running_state(self, running: bool) -> None:
        self.progress_bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        for check in self.format_checks.values():
            check.setEnabled(not running)
        self._update_export_enabled()
        if running:
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _check_before_export(self) -> str:
        if not self.chosen_formats():
            return self.tr("Choose at least one format: PDF, Word or Excel.")
        if not self.section_model.checked_ids():
            return self.tr("Choose at least one section to include.")
        folder_text = self.folder_edit.text().strip()
        if not folder_text:
            return self.tr("Choose the folder to save the report in.")
        name = self.name_edit.text().strip()
        if not name:
            return self.tr("Enter a file name for the report.")
        if safe_file_name(name) != name:
            return self.tr(
                'The file name cannot contain / \\ : * ? " < > | or start or end with a dot '
                "or space; for example: {example}"
            ).format(example=safe_file_name(name) or self.tr("Report"))
        folder = Path(folder_text).expanduser()
        if folder.exists() and not folder.is_dir():
            return self.tr("{folder} is a file, not a folder; choose a folder.").format(
                folder=folder
            )
        if not folder.is_dir():
            return self.tr("The folder {folder} does not exist; choose another folder.").format(
                folder=folder
            )
        return ""

    def _describe_option_problem(self, exc: ValidationError) -> str:
        if exc.field == "owner_password":
            if "differ" in exc.message:
                return self.tr(
                    "The owner password must differ from the password that opens the PDF."
                )
            return self.tr("An owner password needs a password to open the PDF as well.")
        if exc.field == "password":
            return self.tr("The password is too long.")
        if exc.field == "executive_summary":
            return self.tr("The executive summary is too long: {reason}").format(reason=exc.message)
        return str(exc)

    def _confirm_replace(self, existing: list[Path]) -> bool:
        if not existing:
            return True
        names = "\n".join(path.name for path in existing)
        text = (
            self.tr("{name} already exists in {folder}.").format(
                name=existing[0].name, folder=existing[0].parent
            )
            if len(existing) == 1
            else self.tr("These files already exist in {folder}:\n{names}").format(
                folder=existing[0].parent, names=names
            )
        )
        answer = QMessageBox.question(
            self,
            self.tr("Replace Existing Files?"),
            text
            + "\n\n"
            + self.tr(
                "Replace them with the new export? The old files are kept if the export "
                "fails or is cancelled."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _describe_result(self, result: ExportResult) -> str:
        size = _format_size(result.size)
        if result.pages is not None:
            pages = (
                self.tr("1 page")
                if result.pages == 1
                else self.tr("{count} pages").format(count=result.pages)
            )
            return self.tr("Saved {name}: {pages}, {size}, in {seconds:.1f} s.").format(
                name=result.path.name, pages=pages, size=size, seconds=result.seconds
            ) + (self.tr(" Protected with a password.") if result.encrypted else "")
        return self.tr("Saved {name}: {size}, in {seconds:.1f} s.").format(
            name=result.path.name, size=size, seconds=result.seconds
        )


def _same_text(a: str, b: str) -> bool:
    """Equal but for white space at the ends of lines and of the whole text."""

    def norm(text: str) -> str:
        return "\n".join(line.rstrip() for line in text.strip().splitlines())

    return norm(a) == norm(b)


def _format_size(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


if __name__ == "__main__":
    from ui.roadmap.sample_plan import run_page_alone

    run_page_alone(DeliverablePage)
