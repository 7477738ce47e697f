"""The export worker: all-or-nothing promotion of a batch, tidying what a crash left,
and a controller that lets go of each job on the GUI thread and shuts down cleanly."""

from __future__ import annotations

import gc
import os
import threading
import time
import weakref
from pathlib import Path

import pytest

from scrm_desk.reports import ExportCancelled, ExportError, ExportResult
from ui.deliverable.export_worker import (
    ExportController,
    ExportJob,
    ExportRequest,
    previous_path,
    recover_leftovers,
    run_export,
    staging_path,
)


def quick_export(path, engagement_id, targets, options, progress, cancel):
    results = []
    for fmt, staging in targets:
        progress(0.5, f"Saving {Path(staging).name}")
        Path(staging).write_bytes(f"new {fmt}".encode())
        results.append(
            ExportResult(
                path=Path(staging),
                format=fmt,
                pages=1,
                size=4,
                seconds=0.0,
                sections=(),
                encrypted=False,
                warnings=(),
            )
        )
    return tuple(results)


def request(folder: Path) -> ExportRequest:
    return ExportRequest(folder / "ws.db", "e", (("pdf", folder / "report.pdf"),), None)  # type: ignore[arg-type]


def export_once(qtbot, controller: ExportController, folder: Path) -> None:
    with qtbot.waitSignal(controller.idle, timeout=10_000):
        assert controller.start(request(folder))


def test_finished_jobs_are_not_kept(qtbot, tmp_path: Path) -> None:
    controller = ExportController(export=quick_export)
    jobs: list[weakref.ref[ExportJob]] = []
    for _ in range(3):
        export_once(qtbot, controller, tmp_path)
        assert controller._previous is not None
        jobs.append(weakref.ref(controller._previous))
    export_once(qtbot, controller, tmp_path)
    gc.collect()
    assert [job() is None for job in jobs] == [True, True, True]
    assert (tmp_path / "report.pdf").read_bytes() == b"new pdf"
    controller.shutdown()


def test_a_job_still_returning_is_deleted_on_the_gui_thread(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deleted_on: list[str] = []
    original_run = ExportJob.run

    def slow_returning_run(job: ExportJob) -> None:
        # weakref.finalize runs on whichever thread frees the object (a Qt signal
        # connection would not run at all if that were a worker thread).
        weakref.finalize(job.signals, lambda: deleted_on.append(threading.current_thread().name))
        original_run(job)
        time.sleep(0.3)  # the GUI thread has the result meanwhile

    monkeypatch.setattr(ExportJob, "run", slow_returning_run)
    controller = ExportController(export=quick_export)
    export_once(qtbot, controller, tmp_path)
    controller.wait()
    assert deleted_on == []
    export_once(qtbot, controller, tmp_path)
    assert deleted_on == [threading.main_thread().name]
    controller.shutdown()


def batch(folder: Path) -> ExportRequest:
    return ExportRequest(
        folder / "ws.db",
        "e",
        (("pdf", folder / "report.pdf"), ("docx", folder / "report.docx")),
        None,  # type: ignore[arg-type]
    )


def test_a_failed_final_rename_puts_every_old_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "report.pdf").write_bytes(b"old pdf")
    (tmp_path / "report.docx").write_bytes(b"old docx")
    real_replace = os.replace

    def replace_refusing_the_docx(source, target) -> None:
        if Path(target).name == "report.docx" and ".scrm-export" in Path(source).name:
            raise PermissionError(13, "Permission denied")  # e.g. open in Word on Windows
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_refusing_the_docx)
    with pytest.raises(ExportError, match=r"Could not save report\.docx.*No file was replaced"):
        run_export(batch(tmp_path), lambda fraction, message: None, lambda: False, quick_export)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx", "report.pdf"]
    assert (tmp_path / "report.pdf").read_bytes() == b"old pdf"  # the PDF went in, came out
    assert (tmp_path / "report.docx").read_bytes() == b"old docx"


def test_a_batch_replaces_old_files_and_leaves_nothing_hidden(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"old pdf")
    os.chmod(tmp_path / "report.pdf", 0o640)
    messages: list[str] = []
    results = run_export(
        batch(tmp_path),
        lambda fraction, message: messages.append(message),
        lambda: False,
        quick_export,
    )
    assert [r.path.name for r in results] == ["report.pdf", "report.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx", "report.pdf"]
    assert (tmp_path / "report.pdf").read_bytes() == b"new pdf"
    assert (tmp_path / "report.pdf").stat().st_mode & 0o777 == 0o640  # permissions kept
    assert messages == ["Saving report.pdf", "Saving report.docx"]  # never a staging name


def test_leftovers_of_a_crash_are_tidied_and_a_lost_file_restored(tmp_path: Path) -> None:
    pdf, docx = tmp_path / "report.pdf", tmp_path / "report.docx"
    # A crash between setting the old PDF aside and moving the new one in ...
    previous_path(pdf).write_bytes(b"last week's pdf")
    staging_path(pdf).write_bytes(b"half")
    # ... and one after the new DOCX went in.
    docx.write_bytes(b"new docx")
    previous_path(docx).write_bytes(b"old docx")
    recover_leftovers(pdf)
    recover_leftovers(docx)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx", "report.pdf"]
    assert pdf.read_bytes() == b"last week's pdf"
    assert docx.read_bytes() == b"new docx"


def test_shutdown_cancels_a_running_export_and_waits_for_it(qtbot, tmp_path: Path) -> None:
    started = threading.Event()

    def endless(path, engagement_id, targets, options, progress, cancel):
        for fmt, staging in targets:
            Path(staging).write_bytes(b"part of " + fmt.encode())
        started.set()
        while not cancel():
            progress(0.5, "still drawing")
            time.sleep(0.01)
        raise ExportCancelled("Export cancelled; no file was written.")

    controller = ExportController(export=endless)
    assert controller.start(batch(tmp_path))
    assert started.wait(10)
    assert controller.busy
    controller.shutdown()
    assert not controller.busy
    assert list(tmp_path.iterdir()) == []  # the staged parts were removed by the worker
