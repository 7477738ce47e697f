"""Starting the app: opening the workspace, the error path, switching, start-up cost."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import ui.app
from scrm_desk.errors import SchemaTooNewError, WorkspaceLockedError
from scrm_desk.workspace import Workspace
from ui.app import Desk, install_excepthook, run_gui
from ui.app_settings import MAX_RECENT_WORKSPACES, AppSettings
from ui.workspace_opening import describe_open_error, open_workspace_interactively

REPO = Path(__file__).resolve().parents[2]


def test_a_locked_workspace_is_explained(ui_workspace, message_boxes):
    assert open_workspace_interactively(ui_workspace.path) is None  # the user quits
    [box] = message_boxes.shown
    assert box.text == "This workspace is in use"
    assert "already open in another SCRM Desk window" in box.informative
    assert "Only one SCRM Desk window" in box.informative


def test_run_gui_shows_the_locked_message_and_exits_1(
    ui_workspace, message_boxes, monkeypatch, tmp_path
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    ini = str(tmp_path / "run_gui.ini")
    monkeypatch.setattr(ui.app, "QSettings", lambda: QSettings(ini, QSettings.Format.IniFormat))
    QTimer.singleShot(10_000, lambda: QApplication.instance().exit(99))  # never hang

    assert run_gui(ui_workspace.path) == 1
    assert [box.text for box in message_boxes.shown] == ["This workspace is in use"]


def test_a_file_that_is_not_sqlite_is_refused_clearly(tmp_path, message_boxes):
    path = tmp_path / "notes.scrm.sqlite"
    path.write_text("These are my meeting notes, not a database.\n" * 20)
    assert open_workspace_interactively(path) is None
    [box] = message_boxes.shown
    assert box.text == "The workspace cannot be opened"
    assert "is not an SCRM Desk workspace (it is not a SQLite database)" in box.informative
    assert path.read_text().startswith("These are my meeting notes")  # left alone


def test_choose_another_workspace_after_an_error(tmp_path, message_boxes):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00garbage" * 100)
    good = tmp_path / "good.scrm.sqlite"
    message_boxes.click_role = QMessageBox.ButtonRole.AcceptRole  # "Choose Another…"
    workspace = open_workspace_interactively(bad, chooser=lambda parent, near: good)
    try:
        assert workspace is not None and workspace.path == good
    finally:
        workspace.close()


def test_each_failure_gets_its_own_headline():
    assert describe_open_error(WorkspaceLockedError("x"))[0] == "This workspace is in use"
    headline, advice = describe_open_error(SchemaTooNewError("x"))
    assert headline == "This workspace needs a newer SCRM Desk"
    assert "Install the newer version" in advice


def test_desk_opens_another_workspace_in_a_new_window(qtbot, tmp_path, qsettings, message_boxes):
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    desk = Desk(AppSettings(qsettings))
    try:
        assert desk.start_now(first)
        old_window = desk.window
        old_window.open_workspace_requested.emit(second)
        assert desk.workspace.path == second
        assert desk.window is not old_window and desk.window.isVisible()
        assert desk.window.windowTitle() == "second.sqlite — SCRM Desk"
        Workspace.open(first, lock=True).close()  # the first one was closed and unlocked
        recent = AppSettings(qsettings).recent_workspaces()
        assert recent == [second.resolve(), first.resolve()]
    finally:
        desk.shutdown()


def test_desk_reports_exit_code_when_the_user_quits(qtbot, ui_workspace, qsettings, message_boxes):
    desk = Desk(AppSettings(qsettings))
    with qtbot.waitSignal(desk.finished) as finished:
        assert not desk.start_now(ui_workspace.path)
    assert finished.args == [ui.app.EXIT_NO_WORKSPACE]
    desk.shutdown()


def test_an_upgraded_workspace_mentions_its_backup(qtbot, tmp_path, qsettings, message_boxes):
    old = REPO / "tests" / "data" / "workspace-schema-1.sqlite"
    if not old.exists():
        pytest.skip("no old workspace fixture")
    path = tmp_path / "old.sqlite"
    shutil.copy(old, path)
    desk = Desk(AppSettings(qsettings))
    try:
        assert desk.start_now(path)
        message = desk.window.statusBar().currentMessage()
        assert "was upgraded to schema" in message
        assert str(desk.workspace.upgrade_backup) in message
    finally:
        desk.shutdown()


def test_unexpected_errors_are_logged_and_shown(monkeypatch, message_boxes, caplog):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthook()
    try:
        raise ValueError("the chart has no axes")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    [box] = message_boxes.shown
    assert box.text == "Something went wrong"
    assert "ValueError: the chart has no axes" in box.informative
    assert "Unexpected error" in caplog.text


def test_recent_workspaces_keep_the_last_eight_without_repeats(qsettings, tmp_path):
    settings = AppSettings(qsettings)
    for number in range(12):
        settings.add_recent_workspace(tmp_path / f"w{number}.sqlite")
    settings.add_recent_workspace(tmp_path / "w5.sqlite")
    recent = settings.recent_workspaces()
    assert len(recent) == MAX_RECENT_WORKSPACES
    assert recent[0] == (tmp_path / "w5.sqlite").resolve()
    assert len(set(recent)) == len(recent)


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**_env(), "PYTHONPATH": str(REPO)},
    )


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_importing_the_ui_loads_neither_the_core_storage_nor_charts_nor_pdf():
    result = _python(
        "import sys, ui.app\n"
        "heavy = ('sqlite_utils', 'numpy', 'matplotlib', 'reportlab', 'scrm_desk.workspace')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_running_main_window_has_not_loaded_matplotlib_or_reportlab(tmp_path):
    result = _python(
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.app import create_main_window\n"
        "from scrm_desk.workspace import Workspace\n"
        "from PySide6.QtCore import QSettings\n"
        "ws = Workspace.open(Path(sys.argv[1]) / 'w.sqlite', lock=True)\n"
        "ini = QSettings(sys.argv[1] + '/s.ini', QSettings.Format.IniFormat)\n"
        "w = create_main_window(ws, ini)\n"
        "w.show(); app.processEvents()\n"
        "print(sorted(m for m in ('matplotlib', 'reportlab') if m in sys.modules))\n"
        "ws.close()",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_an_error_on_a_worker_thread_is_shown_on_the_gui_thread(
    qtbot, monkeypatch, message_boxes, caplog
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown_on: list[str] = []
    original_exec = QMessageBox.exec

    def recording_exec(box: QMessageBox) -> int:
        shown_on.append(threading.current_thread().name)
        return original_exec(box)

    monkeypatch.setattr(QMessageBox, "exec", recording_exec)
    install_excepthook()

    def fail() -> None:
        raise RuntimeError("the worker lost its file")

    worker = threading.Thread(target=fail, name="failing-worker")
    worker.start()
    worker.join()
    assert "the worker lost its file" in caplog.text  # logged at once, on the worker
    assert shown_on == []  # no dialog built on the worker thread
    qtbot.waitUntil(lambda: len(message_boxes.shown) == 1, timeout=5_000)
    assert shown_on == [threading.main_thread().name]
    assert "RuntimeError: the worker lost its file" in message_boxes.shown[0].informative
