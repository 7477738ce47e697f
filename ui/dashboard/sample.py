"""Running the Assessment tab or the dashboard alone (``python -m ...``) on the demo
engagement, whose baseline and follow-up give every chart something to show."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from scrm_desk.workspace import Workspace
    from ui.commands.base import CommandRunner


def open_demo_workspace() -> tuple[Workspace, str]:
    """A new workspace in a temporary folder holding the demo engagement."""
    from scrm_desk.demo import add_demo_engagement
    from scrm_desk.workspace import Workspace

    folder = Path(tempfile.mkdtemp(prefix="scrm-desk-dashboard-"))
    workspace = Workspace.open(folder / "demo.scrm.sqlite", lock=True)
    return workspace, add_demo_engagement(workspace).record.id


def run_alone(build: Callable[[Workspace, CommandRunner, str], QWidget], title: str) -> int:
    """Show the widget ``build`` makes in a window with undo and redo, until closed."""
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtGui import QKeySequence, QUndoStack
    from PySide6.QtWidgets import QApplication, QMainWindow

    from ui.commands.base import CommandRunner
    from ui.refcount_guard import make_singletons_immortal
    from ui.workspace_events import WorkspaceEvents

    make_singletons_immortal()
    app = QApplication(sys.argv)
    workspace, engagement_id = open_demo_workspace()
    window = QMainWindow()
    stack = QUndoStack(window)
    runner = CommandRunner(WorkspaceEvents(window), stack, window)
    undo = stack.createUndoAction(window)
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = stack.createRedoAction(window)
    redo.setShortcuts(QKeySequence.StandardKey.Redo)
    window.addActions([undo, redo])
    runner.executed.connect(lambda message: window.statusBar().showMessage(message, 5000))
    window.setCentralWidget(build(workspace, runner, engagement_id))
    window.setWindowTitle(title)
    window.resize(1280, 820)
    window.show()
    code = app.exec()
    workspace.close()
    return code
