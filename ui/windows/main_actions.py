"""The main window's actions, declared in one place with their shortcuts and tips."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

Key = QKeySequence.StandardKey


def _keys(*keys: QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """The platform's bindings for standard keys, plus literal ones, without repeats."""
    found: list[QKeySequence] = []
    for key in keys:
        sequences = QKeySequence.keyBindings(key) if isinstance(key, Key) else [QKeySequence(key)]
        for sequence in sequences:
            if not sequence.isEmpty() and sequence not in found:
                found.append(sequence)
    return found


class MainActions(QObject):
    """Every action of the menus; the window connects them and keeps them enabled."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        style = window.style()
        self._window = window
        # File
        self.new_client = self._make(
            self.tr("New &Client…"), ["Ctrl+Shift+N"], self.tr("Add a client organisation")
        )
        self.new_engagement = self._make(
            self.tr("&New Engagement…"), _keys("Ctrl+N"), self.tr("Start an engagement")
        )
        self.open_workspace = self._make(
            self.tr("&Open Workspace…"),
            _keys(Key.Open, "Ctrl+O"),
            self.tr("Open another workspace file"),
            style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton),
        )
        self.import_engagement = self._make(
            self.tr("&Import Engagement…"),
            _keys("Ctrl+I"),
            self.tr("Add an engagement from a file exported on another laptop"),
        )
        self.export_engagement = self._make(
            self.tr("E&xport Engagement…"),
            _keys("Ctrl+Shift+S"),
            self.tr("Save the selected engagement, with all it holds, as a file to move or keep"),
        )
        self.add_demo = self._make(
            self.tr("Add &Demo Engagement"),
            [],
            self.tr("Add a fictional client and engagement to explore SCRM Desk"),
        )
        self.quit = self._make(self.tr("&Quit"), _keys("Ctrl+Q"), self.tr("Quit SCRM Desk"))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        # Edit
        self.undo = self._make(self.tr("&Undo"), _keys(Key.Undo), "")
        self.redo = self._make(self.tr("&Redo"), _keys(Key.Redo, "Ctrl+Shift+Z", "Ctrl+Y"), "")
        self.edit = self._make(
            self.tr("&Edit…"), _keys("F2", "Ctrl+E"), self.tr("Edit the selected record")
        )
        self.trash = self._make(
            self.tr("Move to &Trash"),
            _keys(Key.Delete),
            self.tr("Move the selected engagement to the trash"),
            style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon),
        )
        self.find = self._make(
            self.tr("&Find"), _keys(Key.Find, "Ctrl+F"), self.tr("Search the navigator")
        )
        # View
        self.show_trash = self._make(
            self.tr("&Trash"),
            [],
            self.tr("Show the engagements in the trash"),
            style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon),
        )
        self.show_trash.setCheckable(True)
        self.refresh = self._make(
            self.tr("&Refresh"),
            _keys(Key.Refresh, "F5"),
            self.tr("Re-read the workspace (after a command-line import, for example)"),
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload),
        )
        # Help
        self.about = self._make(
            self.tr("&About SCRM Desk"), [], self.tr("Version and workspace details")
        )
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def _make(
        self,
        text: str,
        shortcuts: list[QKeySequence] | list[str],
        tip: str,
        icon: QIcon | None = None,
    ) -> QAction:
        action = QAction(text, self._window)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon is not None:
            action.setIcon(icon)
            action.setIconVisibleInMenu(False)
        self._window.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action
