"""Fixtures for the UI tests: a locked temp workspace, a main window on it, settings in a
temp INI file, and message boxes that answer without blocking."""

from __future__ import annotations

import os

# Before Qt is first imported: with no display, Qt would abort the whole test process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from scrm_desk.workspace import Workspace
from ui.main_thread_gc import MainThreadCollector, collect_on_gui_thread
from ui.refcount_guard import make_singletons_immortal

# The app does this before its QApplication exists; the test session must too.
make_singletons_immortal()


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp) -> Iterator[MainThreadCollector]:
    """As in the app: cycles (and the widgets in them) are collected on the GUI thread,
    never on an export or scoring worker."""
    collector = collect_on_gui_thread()
    yield collector
    collector.stop()


@dataclass
class Shown:
    """One message box the code under test showed."""

    kind: str
    title: str
    text: str
    informative: str = ""


@dataclass
class MessageBoxes:
    """Stands in for the user in front of message boxes.

    ``click_role``: the role of the button a ``QMessageBox.exec()`` clicks (None: the box
    is closed without a click, like Escape). ``answer``: what the static helpers
    (``question``, ``warning`` …) return.
    """

    click_role: QMessageBox.ButtonRole | None = None
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok
    shown: list[Shown] = field(default_factory=list)

    def texts(self) -> str:
        return "\n".join(f"{s.title}\n{s.text}\n{s.informative}" for s in self.shown)


@pytest.fixture
def message_boxes(qapp, monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    recorder = MessageBoxes()

    def fake_exec(box: QMessageBox) -> int:
        recorder.shown.append(Shown("exec", box.windowTitle(), box.text(), box.informativeText()))
        for button in box.buttons():
            if recorder.click_role is not None and box.buttonRole(button) == recorder.click_role:
                button.click()
                break
        return 0

    def static(kind: str):
        def show(parent, title, text, *args, **kwargs):
            recorder.shown.append(Shown(kind, title, text))
            return recorder.answer

        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for kind in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, kind, static(kind))
    return recorder


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ui_workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "w.sqlite", lock=True)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, ui_workspace: Workspace, qsettings: QSettings, message_boxes: MessageBoxes):
    from ui.app import create_main_window

    main_window = create_main_window(ui_workspace, qsettings)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    return main_window


@pytest.fixture
def client_id(ui_workspace: Workspace) -> str:
    return ui_workspace.clients.create(name="Acme Telecom", industry="Telecom").record.id


@pytest.fixture
def engagement_id(ui_workspace: Workspace, client_id: str) -> str:
    return ui_workspace.engagements.create(
        client_id=client_id,
        title="Care on social channels",
        consultant="Alex Morgan",
        start_date="2026-03-02",
        status="active",
    ).record.id
