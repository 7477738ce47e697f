"""Exporting reports off the GUI thread.

:class:`ExportJob`, run in a ``QThreadPool``, calls the core's pure
:func:`~scrm_desk.reports.export_report` once per chosen format. It is handed only plain
data (an :class:`ExportRequest`): the workspace *path*, never the GUI thread's workspace,
so ``export_report`` opens its own read-only connection inside the worker thread (a
SQLite connection belongs to the thread that opened it). It never touches a widget; it
reports through :class:`ExportSignals`, which Qt delivers on the GUI thread:

* ``progress(fraction, message)`` over the whole batch (0 to 1);
* ``finished(results)``: a tuple of :class:`~scrm_desk.reports.ExportResult`, one per file;
* ``failed(message)``: nothing was written (or replaced);
* ``cancelled()``: the consultant cancelled; nothing was written (or replaced).

**All or nothing over the batch.** Each format is first exported (atomically, by the
core) to a hidden file beside its target; only when every format has succeeded are the
hidden files renamed over the targets. A failure or a cancel in the third format
therefore leaves neither new files nor replaced old ones behind.

:class:`ExportController` owns the thread pool and the one running job: a second export
cannot start while one runs.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal, Slot

from scrm_desk.errors import ScrmError

if TYPE_CHECKING:
    from scrm_desk.reports import ExportResult, ReportOptions

#: Signature of the export function; tests replace it with a slow or failing one.
ExportFunction = Callable[..., "ExportResult"]


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """Everything one export needs, as plain data that may cross threads."""

    workspace_path: Path
    engagement_id: str
    #: (format, target file) in the order they are written: ``("pdf", Path(...))`` ...
    targets: tuple[tuple[str, Path], ...]
    options: ReportOptions


def staging_path(target: Path) -> Path:
    """The hidden file beside ``target`` that holds a finished export until the batch is done."""
    return target.with_name(f".{target.name}.scrm-export")


def run_export(
    request: ExportRequest,
    progress: Callable[[float, str], None],
    cancel: Callable[[], bool],
    export: ExportFunction | None = None,
) -> tuple[ExportResult, ...]:
    """Export every target of ``request`` (pure; any thread); all files or none.

    Raises what :func:`~scrm_desk.reports.export_report` raises (``ExportCancelled``,
    ``ExportError``, other ``ScrmError``).
    """
    from scrm_desk.reports import ExportCancelled, ExportError, export_report

    export = export or export_report
    count = len(request.targets)
    staged: list[tuple[Path, Path, ExportResult]] = []
    try:
        for position, (fmt, target) in enumerate(request.targets):
            staging = staging_path(target)

            def step(
                fraction: float,
                message: str,
                _position: int = position,
                _names: tuple[str, str] = (staging.name, target.name),
            ) -> None:
                # The core names the file it writes: name the target, not the staging file.
                text = message.replace(*_names)
                progress((_position + max(0.0, min(1.0, fraction))) / count, text)

            result = export(
                request.workspace_path,
                request.engagement_id,
                fmt,
                staging,
                request.options,
                progress=step,
                cancel=cancel,
            )
            staged.append((staging, target, result))
        if cancel():
            raise ExportCancelled("Export cancelled; no file was written.")
        done: list[ExportResult] = []
        for staging, target, result in staged:
            try:
                if target.exists():
                    # Keep the permissions of the file being replaced, as the core does.
                    os.chmod(staging, target.stat().st_mode & 0o7777)
                os.replace(staging, target)
            except OSError as exc:
                raise ExportError(f"Could not save {target.name}: {exc.strerror or exc}.") from exc
            done.append(replace(result, path=target))
        staged.clear()
        return tuple(done)
    finally:
        for staging, _target, _result in staged:
            with contextlib.suppress(OSError):
                staging.unlink()


class ExportSignals(QObject):
    """What an :class:`ExportJob` reports; emitted from the worker thread, received on
    the GUI thread (queued connections)."""

    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class ExportJob:
    """Runs :func:`run_export` on a pool thread. :meth:`cancel` may be called from any
    thread; the core polls it between sections and pages.

    A plain object handed to the pool as a callable rather than a ``QRunnable``
    subclass: PySide 6.12 keeps a reference to every ``QRunnable`` started on a pool for
    as long as the pool lives, so each export (its report options, password included)
    would stay in memory until the page closed.
    """

    def __init__(self, request: ExportRequest, export: ExportFunction | None = None) -> None:
        self.request: ExportRequest | None = request
        self.signals = ExportSignals()
        self._export = export
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        from scrm_desk.reports import ExportCancelled

        if self.request is None:  # started twice: the first run used the request
            self.signals.failed.emit(
                QCoreApplication.translate("ExportJob", "This export has already run.")
            )
            return
        request, self.request = self.request, None  # let go of the password once used
        try:
            results = run_export(
                request, self.signals.progress.emit, self._cancel.is_set, self._export
            )
        except ExportCancelled:
            self.signals.cancelled.emit()
        except ScrmError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug must not kill the worker silently
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(results)


class ExportController(QObject):
    """Runs one :class:`ExportJob` at a time in its own single-thread pool."""

    started = Signal()
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    #: Emitted after any of the three outcomes: the controller is free again.
    idle = Signal()

    def __init__(self, parent: QObject | None = None, export: ExportFunction | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._job: ExportJob | None = None
        # The job that last reported: its thread may still be returning from run() when
        # its signal arrives here, so it is dropped only when the next job starts. That
        # way the last reference to its signals object goes on this (GUI) thread.
        self._previous: ExportJob | None = None
        #: The function jobs call (``None``: the core's ``export_report``).
        self.export_function: ExportFunction | None = export

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, request: ExportRequest) -> bool:
        """Start exporting; ``False`` (and nothing started) while another export runs."""
        if self._job is not None:
            return False
        self._pool.waitForDone()  # the previous run() has returned long ago; be sure
        self._previous = None
        job = ExportJob(request, self.export_function)
        job.signals.progress.connect(self.progress)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        job.signals.cancelled.connect(self._on_job_cancelled)
        self._job = job
        self.started.emit()
        self._pool.start(job.run)
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the running job is done (closing the page, tests)."""
        return self._pool.waitForDone(msecs)

    def _release(self) -> None:
        self._previous, self._job = self._job, None

    # Declared slots: PySide then queues the worker's signals to this object's (GUI)
    # thread by the slot's own signature rather than through a generic Python receiver.
    @Slot(object)
    def _on_job_finished(self, results: Any) -> None:
        self._release()
        self.finished.emit(results)
        self.idle.emit()

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        self._release()
        self.failed.emit(message)
        self.idle.emit()

    @Slot()
    def _on_job_cancelled(self) -> None:
        self._release()
        self.cancelled.emit()
        self.idle.emit()
