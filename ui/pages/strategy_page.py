"""The Social CRM Strategy tab: posture, initiatives, starting points, platforms and
governance, one section each, with the planning warnings where they apply.

* **Posture**: the questionnaire places the client among Gartner's four approaches,
  with the reasoning; the consultant may override with a note; a chart shows the
  placement against the 20/50/5/25 distribution.
* **Initiatives**: the register, each initiative classified by Kolsky's kinds; a
  warning when the client's Social CRM is only tactics.
* **Starting points**: pain and value per area, one or two chosen to start with.
* **Platforms**: the inventory, with warnings for a single platform and for platforms
  that serve no objective.
* **Governance**: the checklist.

Every edit is one undoable command. The frameworks and the questionnaire are loaded,
and the chart drawn, when the page is first shown; the page re-reads the workspace only
while it is visible (or when it is next shown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QItemSelection, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QIcon, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.changes import Changes
from scrm_desk.errors import NotFoundError, ScrmError, ValidationError
from scrm_desk.records import ChecklistKind
from ui.canvas.checklist_widget import ChecklistItem, ChecklistWidget
from ui.commands.base import CommandRunner, WorkspaceCommand
from ui.commands.planning_commands import (
    AddRecord,
    AnswerPostureQuestion,
    EditRecord,
    OverridePosture,
    RemoveRecord,
    SaveStartingPoint,
    SetChecklistItem,
    describe_refusal,
)
from ui.strategy.plan_table import (
    CHECK,
    CHOICE,
    LEVEL,
    NUMBER,
    Column,
    PlanTableDelegate,
    PlanTableModel,
)
from ui.strategy.posture_panel import PosturePanel
from ui.widgets.inline_message import InlineMessage
from ui.widgets.record_table_view import RecordTableView

if TYPE_CHECKING:
    from scrm_desk.frameworks.model import ReferenceFramework
    from scrm_desk.planning import PlanningFinding, PostureQuestionnaire
    from scrm_desk.workspace import Workspace

INITIATIVE_COLUMNS = (
    Column("title", QT_TRANSLATE_NOOP("PlanTable", "Initiative"), width=230),
    Column("kind", QT_TRANSLATE_NOOP("PlanTable", "Kind of social"), CHOICE, width=150),
    Column("status", QT_TRANSLATE_NOOP("PlanTable", "Status"), CHOICE, width=100),
    Column("owner", QT_TRANSLATE_NOOP("PlanTable", "Owner"), width=150),
    Column("description", QT_TRANSLATE_NOOP("PlanTable", "Description"), width=300),
)
STARTING_COLUMNS = (
    Column("area", QT_TRANSLATE_NOOP("PlanTable", "Starting area"), editable=False, width=260),
    Column("pain", QT_TRANSLATE_NOOP("PlanTable", "Pain"), LEVEL, width=70),
    Column("value", QT_TRANSLATE_NOOP("PlanTable", "Value"), LEVEL, width=70),
    Column(
        "score", QT_TRANSLATE_NOOP("PlanTable", "Pain × value"), NUMBER, editable=False, width=100
    ),
    Column("chosen", QT_TRANSLATE_NOOP("PlanTable", "Start here"), CHECK, width=90),
    Column("note", QT_TRANSLATE_NOOP("PlanTable", "Note"), width=320),
)
PLATFORM_COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("PlanTable", "Platform"), width=150),
    Column("category_id", QT_TRANSLATE_NOOP("PlanTable", "Category"), CHOICE, width=180),
    Column("geography", QT_TRANSLATE_NOOP("PlanTable", "Geography"), width=130),
    Column("purpose", QT_TRANSLATE_NOOP("PlanTable", "Purpose"), width=200),
    Column("owner", QT_TRANSLATE_NOOP("PlanTable", "Owner"), width=130),
    Column("objective", QT_TRANSLATE_NOOP("PlanTable", "Objective served"), width=230),
    Column("status", QT_TRANSLATE_NOOP("PlanTable", "Status"), CHOICE, width=90),
)

#: The kinds of record the page shows ("engagement": a full refresh or another one).
KINDS = (
    "posture",
    "social_initiative",
    "starting_point",
    "platform",
    "checklist_entry",
    "engagement",
)
#: Which warnings each section shows.
SECTION_WARNINGS = {
    "initiatives": ("only_tactics",),
    "starting_points": ("too_many_starting_areas",),
    "platforms": ("single_platform", "platform_without_objective"),
    "governance": ("governance_gaps",),
}


@dataclass(frozen=True, slots=True)
class AreaRow:
    """A starting area as the table shows it (an area nobody rated has no record)."""

    id: str
    area: str
    pain: int | None
    value: int | None
    score: int | None
    chosen: bool
    note: str


class _Section(QWidget):
    """A section's intro, its warnings, its content and its buttons."""

    def __init__(self, intro: QLabel | None, content: QWidget, buttons: list[QPushButton]):
        super().__init__()
        self.warning = InlineMessage()
        self.message = InlineMessage()
        layout = QVBoxLayout(self)
        if intro is not None:
            layout.addWidget(intro)
        layout.addWidget(self.warning)
        layout.addWidget(content, 1)
        layout.addWidget(self.message)
        if buttons:
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)


def _intro() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _table(model: PlanTableModel, name: str, *, sortable: bool) -> RecordTableView:
    view = RecordTableView()
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(PlanTableModel.SortRole)
        proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the workspace's order first
    else:
        view.setModel(model)
    view.setItemDelegate(PlanTableDelegate(model, view))
    view.setAccessibleName(name)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for number, column in enumerate(model.columns):
        header.resizeSection(number, column.width)
    return view


class StrategyPage(QWidget):
    """Shows one engagement's Social CRM strategy, one section per tab."""

    SECTIONS = ("posture", "initiatives", "starting_points", "platforms", "governance")

    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._engagement_id: str | None = None
        self._reference: ReferenceFramework | None = None
        self._questionnaire: PostureQuestionnaire | None = None
        self._stale = True
        self._loaded = False
        self._chart_key: tuple[Any, ...] | None = None
        self.warnings: tuple[PlanningFinding, ...] = ()

        self.heading = QLabel(self.tr("Social CRM strategy"))
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)

        # -- posture
        self.posture = PosturePanel()
        # -- initiatives
        self.initiative_model = PlanTableModel(
            INITIATIVE_COLUMNS, self._record_edit_handler("social_initiatives"), self
        )
        self.initiative_view = _table(
            self.initiative_model, self.tr("Initiatives register"), sortable=False
        )
        self.initiative_view.set_delete_enabled(True)
        self.add_initiative_button = QPushButton(self.tr("&Add Initiative"))
        self.add_initiative_button.setAccessibleName(self.tr("Add initiative"))
        self.remove_initiative_button = QPushButton(self.tr("&Remove"))
        self.remove_initiative_button.setAccessibleName(self.tr("Remove selected initiatives"))
        self.initiatives_intro = _intro()
        # -- starting points
        self.starting_model = PlanTableModel(STARTING_COLUMNS, self._on_starting_edit, self)
        self.starting_view = _table(self.starting_model, self.tr("Starting areas"), sortable=True)
        self.starting_intro = _intro()
        # -- platforms
        self.platform_model = PlanTableModel(
            PLATFORM_COLUMNS, self._record_edit_handler("platforms"), self
        )
        self.platform_view = _table(
            self.platform_model, self.tr("Platform inventory"), sortable=True
        )
        self.platform_view.set_delete_enabled(True)
        self.add_platform_button = QPushButton(self.tr("Add &Platform"))
        self.add_platform_button.setAccessibleName(self.tr("Add platform"))
        self.remove_platform_button = QPushButton(self.tr("Re&move"))
        self.remove_platform_button.setAccessibleName(self.tr("Remove selected platforms"))
        self.platforms_intro = _intro()
        # -- governance
        self.governance = ChecklistWidget()
        self.governance.setAccessibleName(self.tr("Governance checklist"))
        self.governance_intro = _intro()
        self.governance_intro.setText(
            self.tr(
                "Who may speak for the organisation, and what happens when someone who "
                "should not answers? Tick what is in place at the client."
            )
        )

        self._build_layout()
        self._connect_signals()
        self.remove_initiative_button.setEnabled(False)
        self.remove_platform_button.setEnabled(False)

    def _build_layout(self) -> None:
        governance_area = QScrollArea()
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.governance)
        holder_layout.addStretch(1)
        governance_area.setWidget(holder)
        governance_area.setWidgetResizable(True)
        governance_area.setFrameShape(QFrame.Shape.NoFrame)
        # The tab page's own background shows through, as it does around the tables.
        governance_area.viewport().setAutoFillBackground(False)
        holder.setAutoFillBackground(False)

        self.section_widgets: dict[str, _Section] = {
            "posture": _Section(None, self.posture, []),
            "initiatives": _Section(
                self.initiatives_intro,
                self.initiative_view,
                [self.add_initiative_button, self.remove_initiative_button],
            ),
            "starting_points": _Section(self.starting_intro, self.starting_view, []),
            "platforms": _Section(
                self.platforms_intro,
                self.platform_view,
                [self.add_platform_button, self.remove_platform_button],
            ),
            "governance": _Section(self.governance_intro, governance_area, []),
        }
        titles = {
            "posture": self.tr("P&osture"),
            "initiatives": self.tr("&Initiatives"),
            "starting_points": self.tr("Starting &Points"),
            "platforms": self.tr("Plat&forms"),
            "governance": self.tr("&Governance"),
        }
        self.sections = QTabWidget()
        self.sections.setAccessibleName(self.tr("Strategy sections"))
        for name in self.SECTIONS:
            self.sections.addTab(self.section_widgets[name], titles[name])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.problem)
        layout.addWidget(self.sections, 1)

    def _connect_signals(self) -> None:
        self.posture.answer_requested.connect(self._on_posture_answer_requested)
        self.posture.override_requested.connect(self._on_posture_override_requested)
        self.add_initiative_button.clicked.connect(self._on_add_initiative_clicked)
        self.remove_initiative_button.clicked.connect(self._on_remove_initiative_clicked)
        self.initiative_view.delete_pressed.connect(self._on_remove_initiative_clicked)
        self.initiative_view.selectionModel().selectionChanged.connect(
            self._on_initiative_selection_changed
        )
        self.initiative_model.modelReset.connect(self._on_initiative_selection_changed)
        self.add_platform_button.clicked.connect(self._on_add_platform_clicked)
        self.remove_platform_button.clicked.connect(self._on_remove_platform_clicked)
        self.platform_view.delete_pressed.connect(self._on_remove_platform_clicked)
        self.platform_view.selectionModel().selectionChanged.connect(
            self._on_platform_selection_changed
        )
        self.platform_model.modelReset.connect(self._on_platform_selection_changed)
        self.governance.toggle_requested.connect(self._on_governance_toggle_requested)
        self.sections.currentChanged.connect(self._on_sections_current_changed)
        self._runner.events.workspace_changed.connect(self._on_workspace_changed)

    # -- public ---------------------------------------------------------------------------
    @property
    def engagement_id(self) -> str | None:
        return self._engagement_id

    def set_engagement(self, engagement_id: str | None) -> None:
        if engagement_id != self._engagement_id:
            for section in self.section_widgets.values():
                section.message.clear()
            self.posture.clear_override_error()
            self._chart_key = None
        self._engagement_id = engagement_id
        self._stale = True
        if self.isVisible():
            self._refresh()

    def show_section(self, name: str) -> None:
        self.sections.setCurrentWidget(self.section_widgets[name])

    def warnings_of(self, section: str) -> list[PlanningFinding]:
        rules = SECTION_WARNINGS.get(section, ())
        return [w for w in self.warnings if w.rule in rules]

    # -- loading --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A new palette (a dark theme switched on): charts are drawn again to match.
        if event.type() == QEvent.Type.PaletteChange and self._loaded:
            self._chart_key = None
            self._stale = True
            if self.isVisible():
                self._refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._refresh()

    def _ensure_loaded(self) -> bool:
        if self._loaded:
            return True
        from scrm_desk.planning import load_questionnaire

        try:
            catalog = self._workspace.frameworks()
            self._reference = catalog.reference()
            self._questionnaire = load_questionnaire()
            self._questionnaire.check_reference(self._reference)
        except (ScrmError, LookupError, ValueError) as exc:
            self.problem.setText(
                self.tr("The Social CRM reference could not be loaded: {reason}").format(reason=exc)
            )
            self.problem.setVisible(True)
            return False
        reference = self._reference
        self.posture.set_questionnaire(self._questionnaire, reference)
        kinds = [(kind.id, kind.name) for kind in reference.social_kinds]
        self.initiative_model.set_choices("kind", kinds)
        self.initiative_model.set_choices(
            "status", [("current", self.tr("Current")), ("planned", self.tr("Planned"))]
        )
        self.platform_model.set_choices(
            "category_id", [(c.id, c.name) for c in reference.platform_categories]
        )
        self.platform_model.set_choices(
            "status", [("using", self.tr("In use")), ("planned", self.tr("Planned"))]
        )
        levels = [(None, self.tr("—")), *[(level, str(level)) for level in range(1, 6)]]
        self.starting_model.set_choices("pain", levels)
        self.starting_model.set_choices("value", levels)
        self.initiatives_intro.setText(
            self.tr(
                "Classify each current or planned initiative, so that tactics are not "
                "mistaken for strategy.\n"
            )
            + "\n".join(f"{kind.name}: {kind.description}" for kind in reference.social_kinds)
        )
        self.starting_intro.setText(reference.starting_areas_note or "")
        self.platforms_intro.setText(reference.platform_landscape_note or "")
        self._loaded = True
        return True

    def _on_workspace_changed(self, changes: Changes) -> None:
        if self._engagement_id is None or not changes.touches(*KINDS):
            return
        self._stale = True
        if self.isVisible():
            self._refresh()

    def _refresh(self) -> None:
        if not self._ensure_loaded():
            return
        self._stale = False
        engagement_id = self._engagement_id
        self.sections.setEnabled(engagement_id is not None)
        if engagement_id is None:
            for model in (self.initiative_model, self.starting_model, self.platform_model):
                model.set_rows([])
            return
        try:
            self._refresh_posture(engagement_id)
            self._refresh_tables(engagement_id)
            self._refresh_warnings(engagement_id)
        except NotFoundError:
            return

    def _refresh_posture(self, engagement_id: str) -> None:
        from scrm_desk.planning import posture_view

        assert self._questionnaire is not None and self._reference is not None
        stored = self._workspace.posture.find(engagement_id)
        view = posture_view(self._questionnaire, stored)
        answers = {reason.question_id: reason.option_id for reason in view.result.reasons}
        self.posture.show_posture(view, answers)
        self._draw_posture_chart(view.approach, view.computed_approach)

    def _draw_posture_chart(self, approach: str | None, computed: str | None) -> None:
        key = (approach, computed, self.palette().color(QPalette.ColorRole.Base).name())
        if key == self._chart_key or not self.posture.isVisible():
            return
        from scrm_desk.charts.posture import approach_figure
        from ui.roadmap.figure_view import chart_style_for

        assert self._reference is not None
        names = {a.id: a.name for a in self._reference.approaches}
        figure = approach_figure(
            self._reference, approach, computed, style=chart_style_for(self.palette())
        )
        if approach is None:
            description = self.tr("Gartner's distribution of the four approaches.")
        else:
            description = self.tr(
                "Gartner's distribution of the four approaches; the client: {approach}."
            ).format(approach=names.get(approach, approach))
        self.posture.chart.set_figure(figure, description)
        self._chart_key = key

    def _refresh_tables(self, engagement_id: str) -> None:
        assert self._reference is not None
        ws = self._workspace
        self.initiative_model.set_rows(ws.social_initiatives.for_engagement(engagement_id))
        self.platform_model.set_rows(ws.platforms.for_engagement(engagement_id))
        stored = ws.starting_points.by_area(engagement_id)
        rows = []
        for area in self._reference.starting_areas:
            point = stored.get(area.id)
            pain = point.pain if point else None
            value = point.value if point else None
            rows.append(
                AreaRow(
                    id=area.id,
                    area=area.name,
                    pain=pain,
                    value=value,
                    score=pain * value if pain is not None and value is not None else None,
                    chosen=bool(point and point.chosen),
                    note=point.note if point else "",
                )
            )
        self.starting_model.set_rows(rows)
        ticked = ws.checklists.governance_entries(engagement_id)
        self.governance.set_items(
            [
                ChecklistItem(
                    item.id, item.text, bool(ticked.get(item.id) and ticked[item.id].checked)
                )
                for item in self._reference.governance_checklist
            ]
        )

    def _refresh_warnings(self, engagement_id: str) -> None:
        from scrm_desk.planning import planning_warnings

        assert self._reference is not None
        self.warnings = planning_warnings(self._workspace, engagement_id, self._reference)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for name, section in self.section_widgets.items():
            found = self.warnings_of(name)
            section.warning.show_message(
                "\n".join(f"{w.title}. {w.text}" for w in found) if found else ""
            )
            index = self.sections.indexOf(section)
            self.sections.setTabIcon(index, icon if found else QIcon())
            self.sections.setTabToolTip(
                index,
                self.tr("{count} warnings").format(count=len(found)) if found else "",
            )

    # -- posture --------------------------------------------------------------------------
    def _on_sections_current_changed(self, _index: int) -> None:
        if self._engagement_id is not None and self._loaded and self.posture.isVisible():
            stored = self._workspace.posture.find(self._engagement_id)
            approach = (stored.override_approach or stored.computed_approach) if stored else None
            computed = stored.computed_approach if stored else None
            self._draw_posture_chart(approach, computed)

    def _on_posture_answer_requested(self, question_id: str, option_id: str) -> None:
        if self._engagement_id is None or self._questionnaire is None:
            return
        command = AnswerPostureQuestion(
            self._workspace, self._engagement_id, self._questionnaire, question_id, option_id
        )
        self._run(command, "posture")

    def _on_posture_override_requested(self, approach_id: str, note: str) -> None:
        if self._engagement_id is None or self._reference is None:
            return
        command = OverridePosture(
            self._workspace, self._engagement_id, approach_id or None, note, self._reference
        )
        try:
            self._runner.run(command)
        except ValidationError as exc:
            self.posture.show_override_error(describe_refusal(exc.field, exc.message))
            return
        except ScrmError as exc:
            self.posture.show_override_error(str(exc))
            return
        self.posture.clear_override_error()

    # -- initiatives and platforms --------------------------------------------------------
    def _record_edit_handler(self, repository: str) -> Callable[[str, str, Any], bool]:
        section = "initiatives" if repository == "social_initiatives" else "platforms"

        def edit(record_id: str, field: str, value: Any) -> bool:
            command = EditRecord(self._workspace, repository, record_id, {field: value})
            return self._run(command, section)

        return edit

    def _on_add_initiative_clicked(self) -> None:
        if self._engagement_id is None or self._reference is None:
            return
        kinds = self._reference.social_kinds
        values = {
            "engagement_id": self._engagement_id,
            "title": self.tr("New initiative"),
            "kind": kinds[0].id if kinds else "social_media",
            "status": "current",
        }
        self._add(AddRecord(self._workspace, "social_initiatives", values), "initiatives")

    def _on_add_platform_clicked(self) -> None:
        if self._engagement_id is None or self._reference is None:
            return
        categories = self._reference.platform_categories
        values = {
            "engagement_id": self._engagement_id,
            "name": self.tr("New platform"),
            "category_id": categories[0].id if categories else "social_networking",
            "status": "using",
        }
        self._add(AddRecord(self._workspace, "platforms", values), "platforms")

    def _add(self, command: AddRecord, section: str) -> None:
        if not self._run(command, section):
            return
        view, model = self._table_of(section)
        row = model.row_of(command.record.id)
        if row is None:
            return
        index = model.index(row, 0)
        proxy = view.model()
        if proxy is not model:
            index = proxy.mapFromSource(index)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.setCurrentIndex(index)
        view.edit(index)

    def _on_remove_initiative_clicked(self) -> None:
        self._remove_selected("initiatives", "social_initiatives")

    def _on_remove_platform_clicked(self) -> None:
        self._remove_selected("platforms", "platforms")

    def _remove_selected(self, section: str, repository: str) -> None:
        view, _model = self._table_of(section)
        ids = [index.data(PlanTableModel.IdRole) for index in view.selectionModel().selectedRows()]
        if not ids or self._engagement_id is None:
            return
        commands: list[WorkspaceCommand] = [
            RemoveRecord(self._workspace, repository, record_id) for record_id in ids
        ]
        if len(commands) == 1:
            self._run(commands[0], section)
            return
        noun = self.tr("initiatives") if section == "initiatives" else self.tr("platforms")
        text = self.tr("Remove {count} {noun}").format(count=len(ids), noun=noun)
        message = self.tr("{count} {noun} removed").format(count=len(ids), noun=noun)
        self._run_all(text, commands, message, section)

    def _table_of(self, section: str) -> tuple[RecordTableView, PlanTableModel]:
        if section == "initiatives":
            return self.initiative_view, self.initiative_model
        return self.platform_view, self.platform_model

    def _on_initiative_selection_changed(self, *_args: QItemSelection) -> None:
        selection = self.initiative_view.selectionModel()
        self.remove_initiative_button.setEnabled(selection.hasSelection())

    def _on_platform_selection_changed(self, *_args: QItemSelection) -> None:
        selection = self.platform_view.selectionModel()
        self.remove_platform_button.setEnabled(selection.hasSelection())

    # -- starting points and governance ---------------------------------------------------
    def _on_starting_edit(self, area_id: str, field: str, value: Any) -> bool:
        if self._engagement_id is None or self._reference is None:
            return False
        name = next(a.name for a in self._reference.starting_areas if a.id == area_id)
        command = SaveStartingPoint(
            self._workspace, self._engagement_id, area_id, {field: value}, name
        )
        return self._run(command, "starting_points")

    def _on_governance_toggle_requested(self, item_id: str, checked: bool) -> None:
        if self._engagement_id is None or self._reference is None:
            return
        text = next(i.text for i in self._reference.governance_checklist if i.id == item_id)
        command = SetChecklistItem(
            self._workspace,
            self._engagement_id,
            ChecklistKind.GOVERNANCE,
            item_id,
            {"checked": checked},
            text,
        )
        self._run(command, "governance")

    # -- running commands -----------------------------------------------------------------
    def _run(self, command: WorkspaceCommand, section: str) -> bool:
        return self._attempt(lambda: self._runner.run(command), section)

    def _run_all(
        self, text: str, commands: list[WorkspaceCommand], message: str, section: str
    ) -> bool:
        return self._attempt(lambda: self._runner.run_all(text, commands, message), section)

    def _attempt(self, action: Callable[[], None], section: str) -> bool:
        """Run; a refusal is shown in the section the user is working in."""
        target = self.section_widgets[section].message
        try:
            action()
        except ValidationError as exc:
            target.show_message(describe_refusal(exc.field, exc.message))
            return False
        except ScrmError as exc:
            target.show_message(str(exc))
            return False
        target.clear()
        return True


if __name__ == "__main__":
    from ui.roadmap.sample_plan import run_page_alone

    run_page_alone(StrategyPage, section="posture")
