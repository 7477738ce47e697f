"""Starting the desktop app: the QApplication, the main window, the workspace.

``main.py`` calls :func:`run_gui`.

Start-up is kept lean. Nothing here imports matplotlib or reportlab (the pages that draw
charts or PDFs import them when first shown). The core itself (``scrm_desk.workspace``:
sqlite-utils, which pulls in numpy, and the framework loader) costs more to import than
Qt does, so the main window is shown first, saying which workspace it is opening, while
a worker thread imports the core. The workspace is then opened on the GUI thread (its
SQLite connection belongs there) and the window is filled in. The UI modules import the
core's ``Workspace`` only for type checking, so importing ``ui`` stays cheap.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

# matplotlib, whenever a page imports it, must pick the binding we use.
os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from scrm_desk.paths import resolve_workspace_path, resources_dir
from ui.app_settings import AppSettings
from ui.main_thread_gc import collect_on_gui_thread
from ui.refcount_guard import make_singletons_immortal
from ui.windows.main_window import MainWindow, load_demo_factory
from ui.workspace_opening import open_workspace_interactively

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

log = logging.getLogger(__name__)

ORGANIZATION = "SCRM Desk"
APPLICATION = "SCRM Desk"
CORE_MODULES = ("scrm_desk.workspace", "scrm_desk.demo")

#: Exit status when the app ends because no workspace could be opened.
EXIT_NO_WORKSPACE = 1


def create_main_window(workspace: Workspace, settings: QSettings | None = None) -> MainWindow:
    """The main window on an open workspace (tests pass ``QSettings`` on a temp file)."""
    window = MainWindow(AppSettings(settings), demo_factory=load_demo_factory())
    window.set_workspace(workspace)
    return window


class CoreImport(QObject):
    """Imports the core on a worker thread; :attr:`finished` arrives on the GUI thread.

    Only modules are loaded there: no connection is opened and no widget touched. A
    failed import is not reported here; the GUI thread's own import raises it again.
    """

    finished = Signal()

    def start(self) -> None:
        threading.Thread(target=self._run, name="scrm-desk-core-import", daemon=True).start()

    def _run(self) -> None:
        try:
            for name in CORE_MODULES:
                importlib.import_module(name)
        except Exception:  # the GUI thread imports again and shows what went wrong
            log.debug("Importing the core on the worker thread failed", exc_info=True)
        finally:
            self.finished.emit()  # queued to the GUI thread, where this object lives


class Desk(QObject):
    """Owns the open workspace and its window; opens another when the window asks.

    :attr:`finished` is emitted with :data:`EXIT_NO_WORKSPACE` when the user gives up at
    start-up (Quit in the error box).
    """

    started = Signal()
    finished = Signal(int)

    def __init__(self, settings: AppSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.workspace: Workspace | None = None
        self.window: MainWindow | None = None
        self._path: Path | None = None
        self._core_import = CoreImport(self)
        self._core_import.finished.connect(self._on_core_import_finished)

    def start(self, path: Path) -> None:
        """Show the window now; open ``path`` once the core is imported."""
        self._path = path
        self.window = self._new_window()
        self.window.show_opening(path)
        self.window.show()
        self._core_import.start()

    def start_now(self, path: Path) -> bool:
        """Open ``path`` and show the window at once (tests; no worker thread)."""
        self._path = path
        self.window = self._new_window()
        self.window.show_opening(path)
        self.window.show()
        return self._open_first_workspace()

    def shutdown(self) -> None:
        """Close the window (if the user has not) and then the workspace."""
        if self.window is not None:
            self.window.stop_background_work()  # quit by other means than closing it
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None

    # -- slots ----------------------------------------------------------------------------
    def _on_core_import_finished(self) -> None:
        self._open_first_workspace()

    def _on_window_open_workspace_requested(self, path: Path) -> None:
        old_window, old_workspace = self.window, self.workspace
        if old_window is not None and not old_window.confirm_stopping_work():
            return
        workspace = open_workspace_interactively(path, parent=old_window, at_start=False)
        if workspace is None:
            return
        window = self._new_window()
        self._attach(window, workspace)
        window.show()
        if old_window is not None:
            # Stopped before the old window (and the workers' receivers) is deleted.
            old_window.stop_background_work()
            old_window.close()
            old_window.deleteLater()
        if old_workspace is not None:
            old_workspace.close()

    # -- helpers --------------------------------------------------------------------------
    def _open_first_workspace(self) -> bool:
        assert self.window is not None and self._path is not None
        workspace = open_workspace_interactively(self._path, parent=self.window, at_start=True)
        if workspace is None:
            self.finished.emit(EXIT_NO_WORKSPACE)
            return False
        self._attach(self.window, workspace)
        self.started.emit()
        return True

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.settings, demo_factory=None)
        window.open_workspace_requested.connect(self._on_window_open_workspace_requested)
        return window

    def _attach(self, window: MainWindow, workspace: Workspace) -> None:
        window.set_demo_factory(load_demo_factory())
        window.set_workspace(workspace)
        self.window, self.workspace = window, workspace
        self.settings.add_recent_workspace(workspace.path)
        # Once the window is painted; by then it may already have been replaced or closed.
        QTimer.singleShot(0, self, lambda: self._offer_demo(window))

    def _offer_demo(self, window: MainWindow) -> None:
        if window is self.window and self.workspace is not None:
            window.offer_demo_if_first_launch()


def run_gui(workspace: Path | None) -> int:
    """Run the desktop app on ``workspace`` (else ``$SCRM_DESK_WORKSPACE``, else the
    per-user default); returns the process exit status."""
    app = _application()
    _install_translators(app)
    install_excepthook()
    desk = Desk(AppSettings(QSettings()))
    desk.finished.connect(app.exit)
    try:
        desk.start(resolve_workspace_path(workspace))
        return app.exec()
    finally:
        desk.shutdown()


def _application() -> QApplication:
    make_singletons_immortal()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    from scrm_desk import __version__

    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("scrm-desk")
    # Follow the platform's style and palette; Qt falls back to the bare "Windows" style
    # only when no platform style is available, and Fusion is the better fallback.
    if sys.platform != "win32" and app.style().name().lower() == "windows":
        app.setStyle("Fusion")
    # Workers allocate too: keep the cycle collector (and so widget deletion) on this thread.
    collect_on_gui_thread()
    return app


def _install_translators(app: QApplication) -> None:
    """Qt's own and SCRM Desk's translations for the user's locale, where they exist."""
    locale = QLocale()
    folders = (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("scrm_desk", str(resources_dir() / "translations")),
    )
    for name, folder in folders:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)


_showing_error = False


class _ErrorRelay(QObject):
    """Carries an error raised on a worker thread to the GUI thread, where it is shown
    (a dialog may only be built there)."""

    raised = Signal(object)

    def __init__(self, show: Callable[..., None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self.raised.connect(self._on_raised)  # queued from workers: this lives on the GUI thread

    @Slot(object)
    def _on_raised(self, error: tuple[Any, ...]) -> None:
        self._show(*error)


def install_excepthook() -> None:
    """Unexpected errors are logged and shown in a dialog, never lost silently, on
    whichever thread they happen (call on the GUI thread)."""
    previous = sys.excepthook

    def show(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        global _showing_error
        if _showing_error:  # an error while showing an error: do not stack dialogs
            return
        _showing_error = True
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(QCoreApplication.translate("App", "SCRM Desk"))
            box.setText(QCoreApplication.translate("App", "Something went wrong"))
            box.setInformativeText(
                QCoreApplication.translate(
                    "App",
                    "{error}\n\nWhat you saved before this is safe in the workspace. If it "
                    "happens again, please report it with the details below.",
                ).format(error=f"{kind.__name__}: {exc}")
            )
            box.setDetailedText("".join(traceback.format_exception(kind, exc, tb)))
            box.exec()
        finally:
            _showing_error = False

    relay = _ErrorRelay(show, QApplication.instance())

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error", exc_info=(kind, exc, tb))
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            previous(kind, exc, tb)
            return
        if threading.current_thread() is not threading.main_thread():
            relay.raised.emit((kind, exc, tb))
            return
        show(kind, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def open_for_benchmark(path: Path) -> tuple[QApplication, MainWindow, float]:
    """Start as :func:`run_gui` does, until the workspace is shown in the window.

    Returns the application, the window and the ``perf_counter()`` time at which the
    window was first shown (before the workspace is open), for the benchmark script.
    """
    import time

    app = _application()
    settings = AppSettings(QSettings())
    settings.remember_demo_answer(False)  # no first-launch question in a measurement
    desk = Desk(settings)
    ready: list[bool] = []
    desk.started.connect(lambda: ready.append(True))
    desk.finished.connect(lambda code: ready.append(False))
    desk.start(path)
    app.processEvents()
    shown_at = time.perf_counter()
    while not ready:
        app.processEvents()
        time.sleep(0.001)
    if not ready[0] or desk.window is None:
        raise RuntimeError(f"could not open {path}")
    app.processEvents()
    app.setProperty("scrm_desk_desk", desk)  # keeps the desk alive with the app
    return app, desk.window, shown_at
