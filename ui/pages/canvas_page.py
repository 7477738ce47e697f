"""The Framework Canvas tab: Buchanan's seven layers for one engagement, band by band.

The canvas (:mod:`ui.canvas.canvas_scene`) shows each layer coloured by maturity, the
outside-in gate on Customer Strategy and, while it is closed, the layers below it
blocked, with the "do not pass go" finding above. Selecting a band opens its editor
beside the canvas; every edit is one undoable command.

The frameworks are loaded, and the scene built, when the page is first shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.changes import Changes
from scrm_desk.errors import NotFoundError, ScrmError, ValidationError
from scrm_desk.records import ChecklistKind
from ui.canvas.canvas_view import CanvasView
from ui.canvas.layer_editor import LayerEditor
from ui.canvas.maturity import default_level_names
from ui.commands.base import CommandRunner
from ui.commands.planning_commands import SaveCanvasEntry, SetChecklistItem, describe_refusal
from ui.widgets.inline_message import InlineMessage

if TYPE_CHECKING:
    from scrm_desk.frameworks.model import LayersFramework
    from scrm_desk.planning import CanvasGates
    from scrm_desk.workspace import Workspace
    from ui.canvas.canvas_scene import BandKey, CanvasScene

#: The kinds of record the canvas shows ("engagement": a full refresh or another one).
KINDS = ("canvas_state", "checklist_entry", "engagement")


#: The band editor's width when it opens beside the canvas.
EDITOR_WIDTH = 440


class CanvasPage(QWidget):
    """Shows one engagement's canvas; a band's editor opens beside it when selected."""

    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._engagement_id: str | None = None
        self._layers: LayersFramework | None = None
        self._scene: CanvasScene | None = None
        self._gates: CanvasGates | None = None
        self._level_names: dict[int, str] = default_level_names()
        self._level_summaries: dict[int, str] = {}
        self._stale = True

        self.heading = QLabel(self.tr("Social CRM business framework"))
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.attribution = QLabel()
        self.attribution.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.attribution.setWordWrap(True)
        self.hint = QLabel(
            self.tr(
                "Click a band or use the arrow keys; Enter edits it. Bands are coloured by "
                "maturity."
            )
        )
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setWordWrap(True)
        self.gate_message = InlineMessage()
        self.gate_message.setAccessibleName(self.tr("Outside-in gate finding"))
        self.view = CanvasView()
        self.view.setAccessibleName(self.tr("Framework canvas"))
        self.editor = LayerEditor()
        self.editor.setAccessibleName(self.tr("Band editor"))
        self.editor_area = QScrollArea()
        self.editor_area.setWidget(self.editor)
        self.editor_area.setWidgetResizable(True)
        self.editor_area.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_area.setMinimumWidth(340)
        self.editor_area.setMaximumWidth(560)
        self.editor_area.setVisible(False)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)

        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.editor_area)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading)
        heading_row.addWidget(self.attribution, 1, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row)
        layout.addWidget(self.hint)
        layout.addWidget(self.gate_message)
        layout.addWidget(self.problem)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        self.view.band_selected.connect(self._on_view_band_selected)
        self.view.band_activated.connect(self._on_view_band_activated)
        self.view.dismissed.connect(self._on_editor_close_requested)
        self.editor.values_edited.connect(self._on_editor_values_edited)
        self.editor.criterion_toggled.connect(self._on_editor_criterion_toggled)
        self.editor.close_requested.connect(self._on_editor_close_requested)
        self._runner.events.workspace_changed.connect(self._on_workspace_changed)

    # -- public ---------------------------------------------------------------------------
    @property
    def engagement_id(self) -> str | None:
        return self._engagement_id

    @property
    def scene(self) -> CanvasScene | None:
        """The canvas, once the page has been shown."""
        return self._scene

    def set_engagement(self, engagement_id: str | None) -> None:
        if engagement_id != self._engagement_id:
            self.editor.commit_pending()
            self._engagement_id = engagement_id
            if self._scene is not None:
                self._scene.select_band(None)
        self._stale = True
        if self.isVisible():
            self._refresh()

    def select_band(self, layer_id: str, process_id: str = "") -> None:
        """Select a band and open its editor (as a click on it does)."""
        self._ensure_built()
        if self._scene is not None:
            self._scene.select_band((layer_id, process_id))

    # -- building, lazily -----------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._refresh()

    def _ensure_built(self) -> bool:
        if self._scene is not None:
            return True
        if self._layers is None:
            try:
                self._load_frameworks()
            except (ScrmError, LookupError, ValueError) as exc:
                self.problem.setText(
                    self.tr("The layers framework could not be loaded: {reason}").format(reason=exc)
                )
                self.problem.setVisible(True)
                return False
        from ui.canvas.canvas_scene import BandTexts, CanvasScene

        assert self._layers is not None
        texts = BandTexts(
            not_rated=self.tr("Not rated"),
            blocked=self.tr("Blocked"),
            owner=self.tr("Owner: {owner}"),
            level_short=self.tr("Level {level}"),
        )
        self._scene = CanvasScene(self._layers, texts, self)
        self._scene.legend.set_texts(
            self.tr("Maturity:"), self._level_names, self.tr("Not rated"), self.tr("Blocked")
        )
        self.view.set_canvas(self._scene)
        return True

    def _load_frameworks(self) -> None:
        catalog = self._workspace.frameworks()
        self._layers = catalog.layers()
        attribution = self._layers.attribution or ""
        self.attribution.setText(attribution)
        try:
            blocks = catalog.building_blocks()
        except (ScrmError, LookupError, ValueError):
            return
        self._level_names = {level.level: level.name for level in blocks.maturity_levels}
        self._level_summaries = {level.level: level.summary for level in blocks.maturity_levels}

    # -- refreshing -----------------------------------------------------------------------
    def _on_workspace_changed(self, changes: Changes) -> None:
        if self._engagement_id is None or not changes.touches(*KINDS):
            return
        self._stale = True
        if self.isVisible():
            self._refresh()

    def _refresh(self) -> None:
        if not self._ensure_built():
            return
        assert self._scene is not None and self._layers is not None
        self._stale = False
        engagement_id = self._engagement_id
        self.view.setEnabled(engagement_id is not None)
        if engagement_id is None:
            self._gates = None
            self._scene.set_state({}, None, self._level_names, {})
            self.gate_message.clear()
            self._close_editor()
            return
        from scrm_desk.planning import gate_state

        try:
            entries = self._workspace.canvas.by_cell(engagement_id)
            self._gates = gate_state(self._workspace, engagement_id, self._layers)
        except NotFoundError:
            return
        gate_texts = {}
        for gate in self._gates.gates:
            if gate.passed:
                text = self.tr("Gate open: {met} of {total} criteria met")
            else:
                text = self.tr("Gate closed: {met} of {total} criteria met — do not pass go")
            gate_texts[gate.layer_id] = text.format(met=gate.met, total=gate.total)
        self._scene.set_state(entries, self._gates, self._level_names, gate_texts)
        findings = self._gates.findings
        self.gate_message.show_message(
            "\n".join(f"{f.title}. {f.text}" for f in findings) if findings else ""
        )
        key = self._scene.selected_key()
        if key is not None and key == self.editor.key:
            self.editor.load(entries.get(key), self._gate_of(key))

    # -- the editor -----------------------------------------------------------------------
    def _on_view_band_selected(self, layer_id: str, process_id: str) -> None:
        if self.editor.key is not None and self.editor.key != (layer_id, process_id):
            self.editor.commit_pending()
        if not layer_id:
            self._close_editor()
            return
        self._open_editor((layer_id, process_id))

    def _on_view_band_activated(self, layer_id: str, process_id: str) -> None:
        if self.editor.key != (layer_id, process_id):
            self._open_editor((layer_id, process_id))
        self.editor.focus_first_field()

    def _on_editor_close_requested(self) -> None:
        if self._scene is not None:
            self._scene.select_band(None)
        self._close_editor()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_editor(self, key: BandKey) -> None:
        assert self._layers is not None
        if self._engagement_id is None:
            return
        layer = self._layers.layer(key[0])
        if key[1]:
            process = next(p for p in layer.processes if p.id == key[1])
            title = self.tr("{layer} › {process}").format(layer=layer.name, process=process.name)
            description = process.description
            prompts: tuple[str, ...] = ()
        else:
            title, description, prompts = layer.name, layer.description, layer.prompts
        self.editor.show_band(
            key, title, description, prompts, self._level_names, self._level_summaries
        )
        entry = self._workspace.canvas.find(self._engagement_id, *key)
        self.editor.load(entry, self._gate_of(key))
        if not self.editor_area.isVisible():
            # A third of the width for the editor: the canvas keeps its bands readable.
            total = sum(self.splitter.sizes()) or self.splitter.width()
            editor_width = max(self.editor_area.minimumWidth(), min(EDITOR_WIDTH, total // 3))
            self.editor_area.setVisible(True)
            self.splitter.setSizes([total - editor_width, editor_width])
        self.editor_area.verticalScrollBar().setValue(0)

    def _close_editor(self) -> None:
        self.editor.clear_band()
        self.editor_area.setVisible(False)

    def _gate_of(self, key: BandKey) -> Any:
        if key[1] or self._gates is None:
            return None
        return self._gates.gate(key[0])

    def _band_name(self, key: BandKey) -> str:
        assert self._layers is not None
        layer = self._layers.layer(key[0])
        if key[1]:
            process = next(p for p in layer.processes if p.id == key[1])
            return f"{layer.name} › {process.name}"
        return layer.name

    def _on_editor_values_edited(self, values: dict[str, Any]) -> None:
        key = self.editor.key
        if key is None or self._engagement_id is None:
            return
        command = SaveCanvasEntry(
            self._workspace, self._engagement_id, key[0], key[1], values, self._band_name(key)
        )
        self._run(command)

    def _on_editor_criterion_toggled(self, criterion_id: str, checked: bool) -> None:
        key = self.editor.key
        gate = self._gate_of(key) if key is not None else None
        if gate is None or self._engagement_id is None:
            return
        text = next(c.text for c in gate.criteria if c.id == criterion_id)
        command = SetChecklistItem(
            self._workspace,
            self._engagement_id,
            ChecklistKind.GATE,
            criterion_id,
            {"checked": checked},
            text,
            layer_id=gate.layer_id,
        )
        self._run(command)

    def _run(self, command: Any) -> bool:
        try:
            self._runner.run(command)
        except ValidationError as exc:
            self.editor.show_error(describe_refusal(exc.field, exc.message))
            return False
        except ScrmError as exc:  # e.g. the file is read-only: said where the user acts
            self.editor.show_error(str(exc))
            return False
        self.editor.message.clear()
        return True


if __name__ == "__main__":
    from ui.roadmap.sample_plan import run_page_alone

    run_page_alone(CanvasPage, select=("customer_strategy", ""))
