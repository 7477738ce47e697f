"""Exporting reports off the GUI thread.

:class:`ExportJob`, run in a ``QThreadPool``, calls the core's pure
:func:`~scrm_desk.reports.export_reports` once for all chosen formats, so every file of
the batch comes from one reading of the workspace. It is handed only plain data (an
:class:`ExportRequest`): the workspace *path*, never the GUI thread's workspace, so the
core opens its own read-only connection inside the worker thread (a SQLite connection
belongs to the thread that opened it). It never touches a widget; it
reports through :class:`ExportSignals`, which Qt delivers on the GUI thread:

* ``progress(fraction, message)`` over the whole batch (0 to 1);
* ``finished(results)``: a tuple of :class:`~scrm_desk.reports.ExportResult`, one per file;
* ``failed(message)``: nothing was written (or replaced);
* ``cancelled()``: the consultant cancelled; nothing was written (or replaced).

**All or nothing over the batch.** Each format is first exported (atomically, by the
core) to a hidden file beside its target; only when every format has succeeded are the
hidden files moved onto the targets, the files they replace being set aside until all
moves are done. A failure or a cancel in the third format, even a failed final rename,
therefore leaves neither new files nor replaced old ones behind; what a crash leaves
is tidied (or restored) by the next export to the same names.

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
from ui.background_work import BackgroundWork

if TYPE_CHECKING:
    from scrm_desk.reports import ExportResult, ReportOptions

#: Signature of the batch export function (the core's ``export_reports``); tests replace
#: it with a slow or failing one.
ExportFunction = Callable[..., "tuple[ExportResult, ...]"]


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


def previous_path(target: Path) -> Path:
    """Where the file being replaced waits until every new file of the batch is in place."""
    return target.with_name(f".{target.name}.scrm-previous")


def recover_leftovers(target: Path) -> None:
    """Tidy what an export interrupted by a crash or a power cut left beside ``target``.

    A staged file never reached its place: it goes. A set-aside previous file is the
    consultant's last good copy when the target is missing: it is put back; otherwise
    the new file made it and the old copy goes.
    """
    with contextlib.suppress(OSError):
        staging_path(target).unlink(missing_ok=True)
    previous = previous_path(target)
    with contextlib.suppress(OSError):
        if previous.exists():
            if target.exists():
                previous.unlink()
            else:
                os.replace(previous, target)


def run_export(
    request: ExportRequest,
    progress: Callable[[float, str], None],
    cancel: Callable[[], bool],
    export: ExportFunction | None = None,
) -> tuple[ExportResult, ...]:
    """Export every target of ``request`` (pure; any thread); all files or none.

    The core writes each format to its staging file; only when all are written are they
    moved into place, the files they replace being set aside first so that a failure
    on the third rename puts the first two old files back. Raises what
    :func:`~scrm_desk.reports.export_reports` raises (``ExportCancelled``,
    ``ExportError``, other ``ScrmError``).
    """
    from scrm_desk.reports import ExportCancelled, export_reports

    export = export or export_reports
    for _fmt, target in request.targets:
        recover_leftovers(target)
    staged = tuple((fmt, staging_path(target)) for fmt, target in request.targets)
    names = [
        (staging.name, target.name)
        for (_f, staging), (_g, target) in zip(staged, request.targets, strict=True)
    ]

    def step(fraction: float, message: str) -> None:
        for staging_name, target_name in names:  # name the target, not the staging file
            message = message.replace(staging_name, target_name)
        progress(max(0.0, min(1.0, fraction)), message)

    try:
        results = export(
            request.workspace_path,
            request.engagement_id,
            staged,
            request.options,
            progress=step,
            cancel=cancel,
        )
        if cancel():
            raise ExportCancelled("Export cancelled; no file was written.")
        _promote(
            [
                (staging, target)
                for (_f, staging), (_g, target) in zip(staged, request.targets, strict=True)
            ]
        )
    finally:
        for _fmt, staging in staged:
            with contextlib.suppress(OSError):
                staging.unlink(missing_ok=True)
    return tuple(
        replace(result, path=target)
        for result, (_f, target) in zip(results, request.targets, strict=True)
    )


def _promote(moves: list[tuple[Path, Path]]) -> None:
    """Move each staged file onto its target, all or none (see :func:`run_export`)."""
    from scrm_desk.reports import ExportError

    done: list[tuple[Path, Path | None]] = []  # (target now holding the new file, old copy)
    try:
        for staging, target in moves:
            previous: Path | None = None
            try:
                if target.exists():
                    # Keep the permissions of the file being replaced, as the core does.
                    os.chmod(staging, target.stat().st_mode & 0o7777)
                    previous = previous_path(target)
                    os.replace(target, previous)
                try:
                    os.replace(staging, target)
                except OSError:
                    if previous is not None:
                        os.replace(previous, target)
                    raise
            except OSError as exc:
                raise ExportError(
                    f"Could not save {target.name}: {exc.strerror or exc}. No file was replaced."
                ) from exc
            done.append((target, previous))
    except ExportError:
        for target, previous in reversed(done):  # put every old file back
            with contextlib.suppress(OSError):
                if previous is not None:
                    os.replace(previous, target)
                else:
                    target.unlink()
        raise
    for _target, previous in done:
        if previous is not None:
            with contextlib.suppress(OSError):
                previous.unlink()
    from scrm_desk.reports.export import fsync_folder

    for folder in {target.parent for _staging, target in moves}:
        fsync_folder(folder)


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


class ExportController(BackgroundWork):
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

    @property
    def busy(self) -> bool:
        return self.running

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

    def shutdown(self) -> None:
        """Cancel any export and wait for its thread, before the window goes away.

        The worker polls the cancel flag between sections and pages, so this returns
        within a page's work; its staged files are removed by the worker itself. Without
        it, quitting mid-export killed the thread inside the interpreter (an abort, and
        hidden copies of the report left beside the target), and deleting the page made
        Qt's pool destructor block the window until the export ended.
        """
        self.cancel()
        self._pool.waitForDone()
        # Dropped here, on the GUI thread, once the pool thread no longer holds them.
        self._job = self._previous = None

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
