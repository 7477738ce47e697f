"""The main window: menus, undo history and status bar around a workspace area.

It owns the undo stack, the :class:`~ui.workspace_events.WorkspaceEvents` broadcaster and
the :class:`~ui.commands.CommandRunner` that its area and pages run commands on; views
refresh themselves from the broadcasts. Switching to another workspace is asked for with
:attr:`MainWindow.open_workspace_requested`: whoever opened this window's workspace
(``ui.app``) opens the next one in a new window.

The window is built in two steps so that it is on screen before the core is imported
(see ``ui.app``): the constructor makes the menus, actions and status bar and shows
"Opening the workspace…"; :meth:`MainWindow.set_workspace` then builds the
:class:`~ui.windows.workspace_area.WorkspaceArea`. Until then every action that needs a
workspace is disabled. This module therefore imports no page, dialog or command.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

import scrm_desk
from ui.app_settings import AppSettings
from ui.background_work import background_work_in, shut_down_background_work
from ui.commands.base import CommandRunner
from ui.widgets.placeholder_page import PlaceholderPage
from ui.windows.main_actions import MainActions
from ui.workspace_events import WorkspaceEvents
from ui.workspace_opening import choose_workspace_file

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace
    from ui.commands.demo_commands import DemoFactory
    from ui.windows.workspace_area import WorkspaceArea

STATUS_TIMEOUT_MS = 8000


def load_demo_factory() -> DemoFactory | None:
    """The core's demo builder, if this build has it."""
    try:
        from scrm_desk.demo import add_demo_engagement
    except ImportError:
        return None
    return add_demo_engagement


class MainWindow(QMainWindow):
    #: File > Open Workspace or Open Recent chose a workspace file.
    open_workspace_requested = Signal(Path)

    def __init__(
        self,
        settings: AppSettings,
        *,
        demo_factory: DemoFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._workspace: Workspace | None = None
        self._area: WorkspaceArea | None = None
        self._demo_factory = demo_factory
        self.events = WorkspaceEvents(self)
        self.undo_stack = QUndoStack(self)
        self.runner = CommandRunner(self.events, self.undo_stack, self)
        self.menu_actions = MainActions(self)

        self.setWindowTitle(self.tr("SCRM Desk"))
        self.opening_page = PlaceholderPage(self.tr("Opening the workspace…"), "")
        self.setCentralWidget(self.opening_page)
        self._build_menus()
        self.workspace_label = QLabel()
        self.statusBar().addPermanentWidget(self.workspace_label)
        self._connect_signals()
        self._restore_geometry()
        self._update_workspace_actions()
        self._update_undo_actions()

    # -- the workspace --------------------------------------------------------------------
    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            raise RuntimeError("The main window has no workspace yet.")
        return self._workspace

    @property
    def area(self) -> WorkspaceArea:
        if self._area is None:
            raise RuntimeError("The main window has no workspace yet.")
        return self._area

    def set_demo_factory(self, factory: DemoFactory | None) -> None:
        """The core's demo builder; call before :meth:`set_workspace`."""
        self._demo_factory = factory

    def show_opening(self, path: Path) -> None:
        """Say which workspace is being opened, until :meth:`set_workspace`."""
        self.opening_page.explanation_label.setText(str(path))

    def set_workspace(self, workspace: Workspace) -> None:
        """Show ``workspace`` (once per window) and enable the actions that need it."""
        if self._workspace is not None:
            raise RuntimeError("A main window shows one workspace for its whole life.")
        from ui.windows.workspace_area import WorkspaceArea

        self._workspace = workspace
        self.setWindowTitle(self.tr("{name} — SCRM Desk").format(name=workspace.path.name))
        self.setWindowFilePath(str(workspace.path))
        self.workspace_label.setText(workspace.path.name)
        self.workspace_label.setToolTip(str(workspace.path))
        self._area = WorkspaceArea(
            workspace, self.runner, self.menu_actions, demo_factory=self._demo_factory
        )
        self._area.status_message.connect(self.show_status)
        splitter = self.settings.window_state()[2]
        if splitter is not None:
            self._area.restoreState(splitter)
        self.setCentralWidget(self._area)  # deletes the opening page
        self._update_workspace_actions()
        self.show_status(self.tr("Opened {path}").format(path=workspace.path))
        # Once the window is up: a consultant's framework file that was skipped is news.
        QTimer.singleShot(0, self, self._report_framework_problems)
        if workspace.upgrade_backup is not None:
            self.show_status(
                self.tr(
                    "The workspace was upgraded to schema {version}; a copy of the old "
                    "file is at {backup}"
                ).format(version=workspace.schema_version, backup=workspace.upgrade_backup),
                timeout=0,
            )

    # -- public ---------------------------------------------------------------------------
    def navigator_row_count(self) -> int:
        """Top-level rows (clients) the navigator shows; 0 before a workspace is open."""
        return 0 if self._area is None else self._area.navigator.model.rowCount()

    def show_status(self, message: str, timeout: int = STATUS_TIMEOUT_MS) -> None:
        self.statusBar().showMessage(message, timeout)

    def offer_demo_if_first_launch(self) -> None:
        """On the very first launch, with an empty workspace, offer the demo engagement."""
        if self._area is None or self._demo_factory is None:
            return
        if self.settings.demo_offer_answered():
            return
        if self.workspace.engagements.active() or self.workspace.engagements.trashed():
            return
        answer = QMessageBox.question(
            self,
            self.tr("Welcome to SCRM Desk"),
            self.tr(
                "Your workspace is empty. Add a demo engagement (a fictional retailer with "
                "its stakeholders) to explore SCRM Desk?\n\nYou can delete it at any time, "
                "or add it later with File › Add Demo Engagement."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        accepted = answer == QMessageBox.StandardButton.Yes
        self.settings.remember_demo_answer(accepted)
        if accepted:
            self.area.add_demo()

    # -- building -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.menu_actions
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([a.new_client, a.new_engagement])
        file_menu.addSeparator()
        file_menu.addAction(a.open_workspace)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        file_menu.addSeparator()
        file_menu.addActions([a.import_engagement, a.export_engagement])
        file_menu.addSeparator()
        file_menu.addAction(a.add_demo)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([a.undo, a.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([a.edit, a.trash])
        edit_menu.addSeparator()
        edit_menu.addAction(a.find)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([a.show_trash, a.refresh])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(a.about)
        self._rebuild_recent_menu()

    def _connect_signals(self) -> None:
        a = self.menu_actions
        a.open_workspace.triggered.connect(self._on_open_workspace_triggered)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self._on_undo_triggered)
        a.redo.triggered.connect(self._on_redo_triggered)
        a.refresh.triggered.connect(self._on_refresh_triggered)
        a.about.triggered.connect(self._on_about_triggered)
        self.recent_menu.aboutToShow.connect(self._rebuild_recent_menu)
        self.undo_stack.indexChanged.connect(self._update_undo_actions)
        self.runner.executed.connect(self.show_status)
        self.runner.step_failed.connect(self._on_runner_step_failed)

    def _restore_geometry(self) -> None:
        geometry, state, _splitter = self.settings.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 760)
        if state is not None:
            self.restoreState(state)

    # -- slots ----------------------------------------------------------------------------
    def _on_undo_triggered(self) -> None:
        if self.undo_stack.canUndo():
            text = self.undo_stack.undoText()
            self.undo_stack.undo()
            self.show_status(self.tr("Undone: {action}").format(action=text))

    def _on_redo_triggered(self) -> None:
        if self.undo_stack.canRedo():
            text = self.undo_stack.redoText()
            self.undo_stack.redo()
            self.show_status(self.tr("Redone: {action}").format(action=text))

    def _on_refresh_triggered(self) -> None:
        self.events.broadcast_everything()
        self.show_status(self.tr("Re-read the workspace"))

    def _on_open_workspace_triggered(self) -> None:
        chosen = choose_workspace_file(self, self.workspace.path)
        if chosen is not None:
            self._request_workspace(chosen)

    def _report_framework_problems(self) -> None:
        problems = self.workspace.frameworks().problems
        if problems:
            names = ", ".join(problem.path.name for problem in problems)
            text = (
                self.tr("Skipped a framework file with problems: {names}. Help › About says why.")
                if len(problems) == 1
                else self.tr(
                    "Skipped {count} framework files with problems: {names}. Help › About says why."
                )
            )
            self.show_status(text.format(count=len(problems), names=names), timeout=0)

    def _frameworks_html(self) -> str:
        catalog = self.workspace.frameworks()
        loaded = "".join(
            f"<li>{html.escape(fw.name)} ({html.escape(fw.id)} {html.escape(fw.version)})</li>"
            for fw in catalog.frameworks
        )
        text = self.tr("<p>Frameworks loaded:</p><ul>{items}</ul>").format(items=loaded)
        if catalog.problems:
            skipped = "".join(
                f"<li>{html.escape(problem.message)}</li>" for problem in catalog.problems
            )
            text += self.tr("<p>Framework files skipped:</p><ul>{items}</ul>").format(items=skipped)
        return text

    def _on_about_triggered(self) -> None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        QMessageBox.about(
            self,
            self.tr("About SCRM Desk"),
            self.tr(
                "<h3>SCRM Desk {version}</h3>"
                "<p>A workbench for CRM and Social CRM consultants.</p>"
                "<p>Workspace: {path}<br>Schema version: {schema}</p>"
                "<p>Qt {qt}, PySide6 {pyside}</p>"
            ).format(
                version=scrm_desk.__version__,
                path=html.escape(str(self.workspace.path)),
                schema=self.workspace.schema_version,
                qt=qVersion(),
                pyside=pyside_version,
            )
            + self._frameworks_html(),
        )

    def _on_runner_step_failed(self, message: str) -> None:
        self.show_status(message)
        QMessageBox.warning(self, self.tr("SCRM Desk"), message)

    # -- helpers --------------------------------------------------------------------------
    def _request_workspace(self, path: Path) -> None:
        if path.resolve() == self.workspace.path.resolve():
            self.show_status(self.tr("That workspace is already open in this window"))
            return
        self.open_workspace_requested.emit(path)

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self._workspace.path.resolve() if self._workspace else None
        recent = [p for p in self.settings.recent_workspaces() if p != current]
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setStatusTip(str(path))
            action.setEnabled(self._workspace is not None)
            action.triggered.connect(lambda _checked=False, p=path: self._request_workspace(p))
        if not recent:
            self.recent_menu.addAction(self.tr("No other workspaces yet")).setEnabled(False)
            return
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction(self.tr("&Clear Menu"))
        clear.triggered.connect(self.settings.clear_recent_workspaces)

    def _update_workspace_actions(self) -> None:
        """Actions that need a workspace wait for one; the area keeps edit and trash."""
        a = self.menu_actions
        ready = self._workspace is not None
        for action in (
            a.new_client,
            a.new_engagement,
            a.import_engagement,
            a.open_workspace,
            a.find,
            a.show_trash,
            a.refresh,
            a.about,
        ):
            action.setEnabled(ready)
        if not ready:
            for action in (a.edit, a.trash, a.add_demo, a.export_engagement):
                action.setEnabled(False)

    def _update_undo_actions(self) -> None:
        stack = self.undo_stack
        self.menu_actions.undo.setEnabled(stack.canUndo())
        self.menu_actions.redo.setEnabled(stack.canRedo())
        self.menu_actions.undo.setText(
            self.tr("&Undo {action}").format(action=stack.undoText())
            if stack.canUndo()
            else self.tr("&Undo")
        )
        self.menu_actions.redo.setText(
            self.tr("&Redo {action}").format(action=stack.redoText())
            if stack.canRedo()
            else self.tr("&Redo")
        )

    # -- closing --------------------------------------------------------------------------
    def confirm_stopping_work(self) -> bool:
        """Before closing: ask whether a running export may be stopped (True: go on)."""
        if not any(work.busy for work in background_work_in(self)):
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Export still running"),
            self.tr(
                "A report is still being exported. Stop the export and close?\n\n"
                "A stopped export writes no file and leaves the files already in the "
                "folder as they were."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def stop_background_work(self) -> None:
        """Cancel and join every worker of this window, while its widgets still exist."""
        shut_down_background_work(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_stopping_work():
            event.ignore()
            return
        self.stop_background_work()
        splitter = self._area.saveState() if self._area is not None else None
        self.settings.save_window_state(self.saveGeometry(), self.saveState(), splitter)
        self.settings.sync()
        super().closeEvent(event)


if __name__ == "__main__":
    import sys

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.sample_data import open_sample_workspace

    app = QApplication(sys.argv)
    sample = open_sample_workspace()
    ini = QSettings(str(sample.path.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(AppSettings(ini), demo_factory=load_demo_factory())
    window.set_workspace(sample)
    window.show()
    QTimer.singleShot(0, lambda: window.show_status(f"Sample workspace: {sample.path}"))
    code = app.exec()
    sample.close()
    sys.exit(code)
