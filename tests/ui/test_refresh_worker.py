"""The dashboard's scoring jobs are let go of on the GUI thread, even when the pool
thread is still returning from ``run()`` after it reported, and are not kept after."""

from __future__ import annotations

import gc
import threading
import time
import weakref

import pytest

from ui.dashboard import refresh_worker
from ui.dashboard.refresh_worker import DashboardRefresher, ScoreJob, ScoreOutcome


@pytest.fixture
def slow_returning_jobs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Jobs that report at once and then take a while to return; the list records the
    thread each job's signal object was deleted on."""
    deleted_on: list[str] = []

    def run(job: ScoreJob) -> None:
        # weakref.finalize runs on whichever thread frees the object (a Qt signal
        # connection would not run at all if that were a worker thread).
        weakref.finalize(job.signals, lambda: deleted_on.append(threading.current_thread().name))
        job.signals.finished.emit(ScoreOutcome(job.generation, None))
        time.sleep(0.3)  # the GUI thread receives the outcome meanwhile

    monkeypatch.setattr(ScoreJob, "run", run)
    monkeypatch.setattr(refresh_worker, "compute", lambda request: None)
    return deleted_on


def request(generation: int) -> refresh_worker.ScoreRequest:
    return refresh_worker.ScoreRequest(generation, None, (), None)  # type: ignore[arg-type]


def test_a_reported_job_is_deleted_on_the_gui_thread(qtbot, slow_returning_jobs) -> None:
    refresher = DashboardRefresher()
    first = refresher.next_generation()
    with qtbot.waitSignal(refresher.finished, timeout=5_000):
        refresher.submit(request(first))
    refresher.wait()
    assert slow_returning_jobs == []  # kept while its run() was returning

    second = refresher.next_generation()
    with qtbot.waitSignal(refresher.finished, timeout=5_000):
        refresher.submit(request(second))
    assert slow_returning_jobs == [threading.main_thread().name]
    refresher.wait()


def test_finished_jobs_are_not_kept(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        refresh_worker, "compute", lambda request: ScoreOutcome(request.generation, None)
    )
    refresher = DashboardRefresher()
    jobs: list[weakref.ref[ScoreJob]] = []
    for _ in range(3):
        generation = refresher.next_generation()
        with qtbot.waitSignal(refresher.finished, timeout=5_000):
            refresher.submit(request(generation))
        jobs.append(weakref.ref(refresher._retired[-1]))
        refresher.wait()
    refresher.submit(request(refresher.next_generation()))  # lets go of the retired one
    refresher.wait()
    gc.collect()
    assert [job() is None for job in jobs] == [True, True, True]


def test_a_bug_in_scoring_is_reported_not_swallowed(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(request: refresh_worker.ScoreRequest) -> ScoreOutcome:
        raise AttributeError("no such thing")

    monkeypatch.setattr(refresh_worker, "compute", broken)
    refresher = DashboardRefresher()
    generation = refresher.next_generation()
    with qtbot.waitSignal(refresher.finished, timeout=5_000) as blocker:
        refresher.submit(request(generation))
    outcome = blocker.args[0]
    assert outcome.result is None
    assert outcome.error == "AttributeError: no such thing"
    refresher.wait()
