"""Opening a workspace for the app, and saying clearly why it failed and what to do.

:func:`open_workspace_interactively` is the one error path: ``run_gui`` uses it at
start-up (where the way out is Quit) and the main window's File > Open (Cancel).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from scrm_desk.errors import SchemaTooNewError, ScrmError, WorkspaceLockedError

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

#: Shows a file dialog; returns the chosen path, or None when cancelled.
Chooser = Callable[[QWidget | None, Path], Path | None]

FILE_FILTER = "SCRM Desk workspaces (*.scrm.sqlite *.sqlite);;All files (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkspaceOpening", text)


def describe_open_error(exc: BaseException) -> tuple[str, str]:
    """A headline for the failure and the advice that follows the core's message."""
    if isinstance(exc, WorkspaceLockedError):
        return (
            _tr("This workspace is in use"),
            _tr("Only one SCRM Desk window can use a workspace at a time."),
        )
    if isinstance(exc, SchemaTooNewError):
        return (
            _tr("This workspace needs a newer SCRM Desk"),
            _tr("Install the newer version, or choose another workspace."),
        )
    return (
        _tr("The workspace cannot be opened"),
        _tr("Choose another workspace file, or type a new file name to start an empty workspace."),
    )


def choose_workspace_file(parent: QWidget | None, near: Path) -> Path | None:
    """Ask for an existing workspace or a new file name (a save dialog allows both)."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        _tr("Choose a Workspace"),
        str(near.parent if near.parent.is_dir() else Path.home()),
        _tr(FILE_FILTER),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return Path(name) if name else None


def ask_after_open_failure(
    exc: BaseException, path: Path, parent: QWidget | None, *, at_start: bool
) -> bool:
    """Show what went wrong; True if the user wants to choose another workspace."""
    headline, advice = describe_open_error(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("SCRM Desk"))
    box.setText(headline)
    box.setInformativeText(f"{exc}\n\n{advice}")
    box.setDetailedText(_tr("Workspace: {path}").format(path=path))
    choose = box.addButton(_tr("Choose Another Workspace…"), QMessageBox.ButtonRole.AcceptRole)
    leave = box.addButton(
        _tr("Quit") if at_start else _tr("Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(choose)
    box.setEscapeButton(leave)
    box.exec()
    return box.clickedButton() is choose


def open_workspace_interactively(
    path: Path,
    *,
    parent: QWidget | None = None,
    at_start: bool = True,
    chooser: Chooser = choose_workspace_file,
) -> Workspace | None:
    """Open ``path`` with the single-window lock; on failure explain and offer another.

    Returns the open workspace, or ``None`` when the user gives up (Quit or Cancel).
    """
    from scrm_desk.workspace import Workspace  # the core; see ui.app on start-up time

    while True:
        try:
            return Workspace.open(path, lock=True)
        except (ScrmError, OSError, sqlite3.Error) as exc:
            if not ask_after_open_failure(exc, path, parent, at_start=at_start):
                return None
            chosen = chooser(parent, path)
            if chosen is not None:
                path = chosen
