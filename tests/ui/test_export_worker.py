"""The export controller lets go of each finished job on the GUI thread."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from pathlib import Path

import pytest

from scrm_desk.reports import ExportResult
from ui.deliverable.export_worker import ExportController, ExportJob, ExportRequest


def quick_export(path, engagement_id, fmt, staging: Path, options, progress, cancel):
    progress(0.5, "half way")
    staging.write_bytes(b"done")
    return ExportResult(
        path=staging,
        format=fmt,
        pages=1,
        size=4,
        seconds=0.0,
        sections=(),
        encrypted=False,
        warnings=(),
    )


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
    assert (tmp_path / "report.pdf").read_bytes() == b"done"


def test_a_job_still_returning_is_deleted_on_the_gui_thread(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deleted_on: list[str] = []
    original_run = ExportJob.run

    def slow_returning_run(job: ExportJob) -> None:
        job.signals.destroyed.connect(lambda *_: deleted_on.append(threading.current_thread().name))
        original_run(job)
        time.sleep(0.3)  # the GUI thread has the result meanwhile

    monkeypatch.setattr(ExportJob, "run", slow_returning_run)
    controller = ExportController(export=quick_export)
    export_once(qtbot, controller, tmp_path)
    controller.wait()
    assert deleted_on == []
    export_once(qtbot, controller, tmp_path)
    assert deleted_on == [threading.main_thread().name]
    controller.wait()
