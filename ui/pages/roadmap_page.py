"""The Roadmap tab: the engagement's initiatives in order, the suggested ones, and the
impact/effort matrix and timeline drawn from them.

* The table lists the roadmap in the consultant's order. Drag a row, or press
  Ctrl+Up / Ctrl+Down, to move an item; Enter or a double-click edits it in a dialog;
  Delete removes it.
* Suggested initiatives come from the findings and the plan (a closed gate, missing
  blocks, the largest gaps, a single platform …). Accepting one opens the item dialog
  prefilled, and OK puts it on the roadmap in one undoable step; a dismissed one can be
  shown and restored.
* The charts are the core's figures, the ones the PDF report embeds.

The frameworks are loaded, and the charts drawn (matplotlib imported), when the page is
first shown; it re-reads the workspace only while visible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.changes import Changes
from scrm_desk.errors import NotFoundError, ScrmError, ValidationError
from ui.commands.base import CommandRunner, WorkspaceCommand, changed_fields
from ui.commands.planning_commands import (
    AcceptSuggestion,
    AddRecord,
    DismissSuggestion,
    EditRecord,
    MoveRoadmapItem,
    RemoveRecord,
    RestoreSuggestion,
    describe_refusal,
)
from ui.roadmap.figure_view import FigureView, chart_style_for
from ui.roadmap.item_dialog import RoadmapItemDialog
from ui.roadmap.roadmap_model import COLUMN_OF, RoadmapTableModel
from ui.roadmap.suggestions_panel import SuggestionsPanel
from ui.widgets.inline_message import InlineMessage
from ui.widgets.record_table_view import RecordTableView

if TYPE_CHECKING:
    from scrm_desk.planning import Suggestion
    from scrm_desk.records import RoadmapItem
    from scrm_desk.workspace import Workspace

#: What the roadmap and its suggestions depend on ("engagement": a full refresh).
KINDS = (
    "roadmap_item",
    "dismissed_suggestion",
    "checklist_entry",
    "platform",
    "social_initiative",
    "starting_point",
    "assessment",
    "response",
    "stakeholder",
    "engagement",
)
COLUMN_WIDTHS = {
    "place": 36,
    "title": 260,
    "phase": 90,
    "impact": 62,
    "effort": 62,
    "owner": 130,
    "start_date": 100,
    "end_date": 100,
    "status": 100,
}


class RoadmapTableView(RecordTableView):
    """The roadmap table: single rows, dragged to a new place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One line per row: more of the plan in view beside the charts.
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)


class RoadmapPage(QWidget):
    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._engagement_id: str | None = None
        self._choices: dict[str, list[tuple[str, str]]] = {"blocks": [], "layers": [], "areas": []}
        self._stale = True
        self._loaded = False
        self._sized = False
        self._chart_key: tuple[Any, ...] | None = None
        #: The roadmap items the charts were last drawn from.
        self.chart_items: tuple[RoadmapItem, ...] = ()
        self.suggestions: tuple[Suggestion, ...] = ()
        self.dialog: RoadmapItemDialog | None = None
        self._pending_chart_items: tuple[RoadmapItem, ...] = ()
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(0)

        self.heading = QLabel(self.tr("Roadmap"))
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.hint = QLabel(
            self.tr(
                "Drag a row or press Ctrl+Up / Ctrl+Down to change the order; Enter edits, "
                "Delete removes."
            )
        )
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)

        self.model = RoadmapTableModel(self._on_model_move_requested, self)
        self.table = RoadmapTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Roadmap initiatives"))
        self.table.set_delete_enabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for field, width in COLUMN_WIDTHS.items():
            header.resizeSection(COLUMN_OF[field], width)
        self.message = InlineMessage()

        self.new_action = QAction(self.tr("&New Item…"), self)
        self.new_action.setToolTip(self.tr("Add an initiative to the roadmap"))
        self.edit_action = QAction(self.tr("&Edit…"), self)
        self.edit_action.setToolTip(self.tr("Edit the selected initiative (Enter)"))
        self.remove_action = QAction(self.tr("&Remove"), self)
        self.remove_action.setToolTip(self.tr("Remove the selected initiative (Delete)"))
        self.up_action = QAction(self.tr("Move &Up"), self)
        self.up_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Up))
        self.down_action = QAction(self.tr("Move &Down"), self)
        self.down_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Down))
        # A tool bar, not a row of buttons: in a narrow window the rest folds into »
        self.toolbar = QToolBar(self.tr("Roadmap"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setAccessibleName(self.tr("Roadmap actions"))
        for action, name in (
            (self.new_action, self.tr("New roadmap item")),
            (self.edit_action, self.tr("Edit roadmap item")),
            (self.remove_action, self.tr("Remove roadmap item")),
            (self.up_action, self.tr("Move the item up")),
            (self.down_action, self.tr("Move the item down")),
        ):
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(name)
        for action in (self.up_action, self.down_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(action)
            tip = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text().replace('&', '')} ({tip})")

        self.suggestions_panel = SuggestionsPanel()
        self.matrix_view = FigureView(self.tr("Impact and effort matrix"))
        self.timeline_view = FigureView(self.tr("Roadmap timeline"))

        self._build_layout()
        self._connect_signals()
        self._update_actions()

    def _build_layout(self) -> None:
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.toolbar)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.message)

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.top_splitter.addWidget(table_box)
        self.top_splitter.addWidget(self.suggestions_panel)
        self.top_splitter.setStretchFactor(0, 3)
        self.top_splitter.setStretchFactor(1, 1)
        self.top_splitter.setChildrenCollapsible(False)
        self.chart_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.chart_splitter.addWidget(self.matrix_view)
        self.chart_splitter.addWidget(self.timeline_view)
        self.chart_splitter.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.top_splitter)
        self.splitter.addWidget(self.chart_splitter)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        self.new_action.triggered.connect(self._on_new_triggered)
        self.edit_action.triggered.connect(self._on_edit_triggered)
        self.remove_action.triggered.connect(self._on_remove_triggered)
        self.up_action.triggered.connect(self._on_up_triggered)
        self.down_action.triggered.connect(self._on_down_triggered)
        self.table.doubleClicked.connect(self._on_edit_triggered)
        self.table.delete_pressed.connect(self._on_remove_triggered)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._on_edit_triggered)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.model.modelReset.connect(self._update_actions)
        self.model.layoutChanged.connect(self._update_actions)
        self.suggestions_panel.accept_requested.connect(self._on_accept_requested)
        self.suggestions_panel.dismiss_requested.connect(self._on_dismiss_requested)
        self.suggestions_panel.restore_requested.connect(self._on_restore_requested)
        self._runner.events.workspace_changed.connect(self._on_workspace_changed)
        self._chart_timer.timeout.connect(self._on_chart_timer_timeout)

    # -- public ---------------------------------------------------------------------------
    @property
    def engagement_id(self) -> str | None:
        return self._engagement_id

    def set_engagement(self, engagement_id: str | None) -> None:
        if engagement_id != self._engagement_id:
            self.message.clear()
            self._chart_key = None
        self._engagement_id = engagement_id
        self._stale = True
        if self.isVisible():
            self._refresh()

    def current_item(self) -> RoadmapItem | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.item_at(index.row())

    def select_item(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, COLUMN_OF["title"]))
            self.table.selectRow(row)

    def new_item(self) -> RoadmapItemDialog | None:
        """Open the New Roadmap Item dialog (window-modal); returns it, shown."""
        if self._engagement_id is None or not self._ensure_loaded():
            return None
        engagement_id = self._engagement_id

        def submit(values: dict[str, Any]) -> None:
            command = AddRecord(
                self._workspace, "roadmap", {"engagement_id": engagement_id, **values}
            )
            self._runner.run(command)
            self.select_item(command.record.id)

        return self._open_dialog(RoadmapItemDialog(**self._dialog_choices()), submit)

    def edit_item(self, item_id: str) -> RoadmapItemDialog | None:
        item = self._workspace.roadmap.get(item_id)

        def submit(values: dict[str, Any]) -> None:
            current = self._workspace.roadmap.get(item_id)
            changes = changed_fields(current, values)
            if changes:
                self._runner.run(EditRecord(self._workspace, "roadmap", item_id, changes))

        values = {name: getattr(item, name) for name in RoadmapItemDialog.FIELDS}
        dialog = RoadmapItemDialog(
            values, title=self.tr("Edit Roadmap Item"), **self._dialog_choices()
        )
        return self._open_dialog(dialog, submit)

    def accept_suggestion(self, suggestion: Suggestion) -> RoadmapItemDialog | None:
        """Open the item dialog prefilled from ``suggestion``; OK accepts it (one step)."""
        if self._engagement_id is None:
            return None
        engagement_id = self._engagement_id

        def submit(values: dict[str, Any]) -> None:
            command = AcceptSuggestion(self._workspace, engagement_id, suggestion, values)
            self._runner.run(command)
            assert command.record is not None
            self.select_item(command.record.id)

        dialog = RoadmapItemDialog(
            suggestion.roadmap_values(),
            title=self.tr("Accept Suggested Initiative"),
            reason=suggestion.reason,
            **self._dialog_choices(),
        )
        return self._open_dialog(dialog, submit)

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
        if not self._sized:
            # The charts get the larger share: the table scrolls, a chart cannot.
            self._sized = True
            height = max(self.splitter.height(), 400)
            self.splitter.setSizes([height * 2 // 5, height * 3 // 5])
            width = max(self.top_splitter.width(), 600)
            self.top_splitter.setSizes([width * 3 // 4, width // 4])
        if self._stale:
            self._refresh()

    def _ensure_loaded(self) -> bool:
        if self._loaded:
            return True
        names: dict[str, str] = {}
        try:
            catalog = self._workspace.frameworks()
            layers = catalog.layers()
            reference = catalog.reference()
        except (ScrmError, LookupError, ValueError) as exc:
            self.problem.setText(
                self.tr("The frameworks could not be loaded: {reason}").format(reason=exc)
            )
            self.problem.setVisible(True)
            return False
        try:
            blocks = catalog.building_blocks()
            self._choices["blocks"] = [(a.id, a.name) for a in blocks.areas_in_order()]
            names |= {a.id: a.short_name for a in blocks.areas}
        except (ScrmError, LookupError, ValueError):
            self._choices["blocks"] = []
        self._choices["layers"] = [(layer.id, layer.name) for layer in layers.layers_in_order()]
        self._choices["areas"] = [(area.id, area.name) for area in reference.starting_areas]
        names |= {layer.id: layer.short_name for layer in layers.layers}
        names |= {area.id: area.name for area in reference.starting_areas}
        self.model.set_names(names)
        self._loaded = True
        return True

    def _dialog_choices(self) -> dict[str, Any]:
        return {
            "blocks": self._choices["blocks"],
            "layers": self._choices["layers"],
            "areas": self._choices["areas"],
            "parent": self.window(),
        }

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
        self.setEnabled(engagement_id is not None)
        if engagement_id is None:
            self.model.set_items([])
            self.suggestions_panel.set_suggestions([], [])
            self._schedule_charts(())
            return
        from scrm_desk.planning import suggestions_for

        try:
            items = self._workspace.roadmap.for_engagement(engagement_id)
            self.suggestions = suggestions_for(
                self._workspace, engagement_id, self._workspace.frameworks()
            )
            dismissed = self._workspace.dismissed_suggestions.for_engagement(engagement_id)
        except NotFoundError:
            return
        self.model.set_items(items)
        self.suggestions_panel.set_suggestions(self.suggestions, dismissed)
        self._schedule_charts(tuple(items))
        self._update_actions()

    def _schedule_charts(self, items: tuple[RoadmapItem, ...]) -> None:
        """Draw the charts once the table shows the change (drawing takes a moment, and
        an undo of several steps draws once)."""
        self._pending_chart_items = items
        self._chart_timer.start()

    def _on_chart_timer_timeout(self) -> None:
        self._draw_charts(self._pending_chart_items)

    def charts_pending(self) -> bool:
        return self._chart_timer.isActive()

    def _draw_charts(self, items: tuple[RoadmapItem, ...]) -> None:
        style = chart_style_for(self.palette())
        key = (items, style)
        if key == self._chart_key:
            return
        from scrm_desk.charts.matrix import roadmap_matrix_figure
        from scrm_desk.charts.timeline import roadmap_timeline_figure

        self.chart_items = items
        self._chart_key = key
        if not items:
            self.matrix_view.set_figure(None, self.tr("No initiatives on the roadmap yet."))
            self.timeline_view.set_figure(None, self.tr("No initiatives on the roadmap yet."))
            return
        listing = "; ".join(
            self.tr("{place}. {title}: impact {impact}, effort {effort}").format(
                place=place, title=item.title, impact=item.impact, effort=item.effort
            )
            for place, item in enumerate(items, start=1)
        )
        dated = [item for item in items if item.start_date and item.end_date]
        timeline_text = "; ".join(
            self.tr("{title}: {start} to {end}").format(
                title=item.title, start=item.start_date, end=item.end_date
            )
            for item in dated
        )
        try:
            matrix = roadmap_matrix_figure(items, title=self.tr("Impact and effort"), style=style)
            timeline = roadmap_timeline_figure(items, title=self.tr("Timeline"), style=style)
        except ValueError as exc:  # data the charts cannot draw: say so, keep the table
            self.message.show_message(str(exc))
            return
        self.matrix_view.set_figure(matrix, listing)
        self.timeline_view.set_figure(
            timeline, timeline_text or self.tr("No initiative has both dates yet.")
        )

    # -- actions --------------------------------------------------------------------------
    def _on_new_triggered(self) -> None:
        self.new_item()

    def _on_edit_triggered(self, *_args: object) -> None:
        item = self.current_item()
        if item is not None:
            self.edit_item(item.id)

    def _on_remove_triggered(self) -> None:
        item = self.current_item()
        if item is not None:
            self._run(RemoveRecord(self._workspace, "roadmap", item.id))

    def _on_up_triggered(self) -> None:
        self._move_current(-1)

    def _on_down_triggered(self) -> None:
        self._move_current(+1)

    def _move_current(self, step: int) -> None:
        item = self.current_item()
        if item is None:
            return
        row = self.model.row_of(item.id)
        assert row is not None
        target = row + 1 + step
        if 1 <= target <= self.model.rowCount():
            self._run(MoveRoadmapItem(self._workspace, item.id, target))
            self.select_item(item.id)

    def _on_model_move_requested(self, item_id: str, place: int) -> bool:
        done = self._run(MoveRoadmapItem(self._workspace, item_id, place))
        if done:
            self.select_item(item_id)
        return done

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        item = self.current_item()
        row = self.model.row_of(item.id) if item is not None else None
        has_engagement = self._engagement_id is not None
        self.new_action.setEnabled(has_engagement)
        self.edit_action.setEnabled(item is not None)
        self.remove_action.setEnabled(item is not None)
        self.up_action.setEnabled(row is not None and row > 0)
        self.down_action.setEnabled(row is not None and row < self.model.rowCount() - 1)

    # -- suggestions ----------------------------------------------------------------------
    def _on_accept_requested(self, suggestion: Suggestion) -> None:
        self.accept_suggestion(suggestion)

    def _on_dismiss_requested(self, suggestion: Suggestion) -> None:
        if self._engagement_id is not None:
            self._run(DismissSuggestion(self._workspace, self._engagement_id, suggestion))

    def _on_restore_requested(self, key: str) -> None:
        if self._engagement_id is None:
            return
        try:
            command = RestoreSuggestion(self._workspace, self._engagement_id, key)
        except ScrmError as exc:
            self.message.show_message(str(exc))
            return
        if self._run(command):
            self.suggestions_panel.select(key)

    # -- helpers --------------------------------------------------------------------------
    def _open_dialog(self, dialog: RoadmapItemDialog, submit: Any) -> RoadmapItemDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_submit_handler(submit)
        dialog.destroyed.connect(self._on_dialog_destroyed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_destroyed(self, *_args: object) -> None:
        self.dialog = None

    def _run(self, command: WorkspaceCommand) -> bool:
        try:
            self._runner.run(command)
        except ValidationError as exc:
            self.message.show_message(describe_refusal(exc.field, exc.message))
            return False
        except ScrmError as exc:
            self.message.show_message(str(exc))
            return False
        self.message.clear()
        return True


if __name__ == "__main__":
    from ui.roadmap.sample_plan import run_page_alone

    run_page_alone(RoadmapPage)
