"""Scoring for the dashboard, off the GUI thread, from plain data.

The dashboard reads the records it needs on the GUI thread (the workspace's SQLite
connection belongs there; one assessment's answers take a few milliseconds to read) and
hands them over as a :class:`ScoreRequest` of frozen dataclasses. :func:`compute` runs
the core's engine on them; :class:`DashboardRefresher` runs it in the thread pool and
delivers the newest :class:`ScoreOutcome` back on the GUI thread, dropping outcomes of
requests that a newer one has overtaken. Changes arriving in a burst (an undo of a
macro, an import) are coalesced by a short debounce first.

Scoring one assessment takes about 5 ms, so the thread keeps the GUI responsive only
when assessments grow large; the same :func:`compute` also runs synchronously
(:meth:`DashboardView.refresh_now`) for tests and the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from ui.background_work import BackgroundWork

if TYPE_CHECKING:
    from scrm_desk.frameworks.model import BuildingBlocksFramework
    from scrm_desk.records import Assessment, Response, Stakeholder
    from scrm_desk.scoring import AssessmentResult, Comparison

#: Answers usually arrive one keypress at a time; a burst within this is scored once.
DEBOUNCE_MS = 120


@dataclass(frozen=True, slots=True)
class ScoredAssessment:
    """One assessment and its answers, as plain data."""

    assessment: Assessment
    responses: tuple[Response, ...]


@dataclass(frozen=True, slots=True)
class ScoreRequest:
    generation: int
    framework: BuildingBlocksFramework
    stakeholders: tuple[Stakeholder, ...]
    current: ScoredAssessment
    #: Baseline and follow-up to compare (either may be the current one), if chosen.
    comparison: tuple[ScoredAssessment, ScoredAssessment] | None = None


@dataclass(frozen=True, slots=True)
class ScoreOutcome:
    generation: int
    result: AssessmentResult | None
    comparison: Comparison | None = None
    baseline: AssessmentResult | None = None
    follow_up: AssessmentResult | None = None
    error: str | None = None
    #: Stakeholders who answered the current assessment, and whether a consensus exists.
    respondents: int = 0
    consensus: bool = False


def compute(request: ScoreRequest) -> ScoreOutcome:
    """Score the current assessment, and compare the chosen pair (pure; any thread)."""
    from scrm_desk.scoring import compare_assessments, score_assessment

    framework = request.framework
    try:
        results: dict[str, AssessmentResult] = {}

        def scored(item: ScoredAssessment) -> AssessmentResult:
            found = results.get(item.assessment.id)
            if found is None:
                found = results[item.assessment.id] = score_assessment(
                    framework, item.assessment, item.responses, request.stakeholders
                )
            return found

        result = scored(request.current)
        comparison = baseline = follow_up = None
        if request.comparison is not None:
            baseline, follow_up = (scored(item) for item in request.comparison)
            comparison = compare_assessments(framework, baseline, follow_up)
        answers = request.current.responses
        return ScoreOutcome(
            request.generation,
            result,
            comparison,
            baseline,
            follow_up,
            respondents=len({r.respondent_id for r in answers if r.respondent_id is not None}),
            consensus=any(r.respondent_id is None for r in answers),
        )
    except (ValueError, LookupError) as exc:
        return ScoreOutcome(request.generation, None, error=str(exc))


class _JobSignals(QObject):
    finished = Signal(object)


class ScoreJob:
    """Runs :func:`compute` on a pool thread; reports through :attr:`signals`.

    Handed to the pool as a callable, not as a ``QRunnable`` subclass: PySide 6.12 keeps
    every ``QRunnable`` started on a pool (and here its request, every answer of the
    assessment) for as long as the pool lives.
    """

    def __init__(self, request: ScoreRequest) -> None:
        self.generation = request.generation
        self.request: ScoreRequest | None = request
        self.signals = _JobSignals()

    def run(self) -> None:
        request, self.request = self.request, None  # the answers are not needed after
        if request is None:
            return
        try:
            outcome = compute(request)
        except Exception as exc:  # a bug must not leave the dashboard waiting forever
            outcome = ScoreOutcome(request.generation, None, error=f"{type(exc).__name__}: {exc}")
        self.signals.finished.emit(outcome)


class DashboardRefresher(BackgroundWork):
    """Debounces refresh requests and scores in the thread pool.

    :attr:`due` asks the owner for a fresh :class:`ScoreRequest` (the owner reads the
    workspace on the GUI thread and calls :meth:`submit`); :attr:`finished` brings back
    the outcome of the newest request only.
    """

    due = Signal()
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._jobs: dict[int, ScoreJob] = {}
        # Jobs that reported but whose run() may still be returning on the pool thread:
        # dropped only once the pool is idle, so their signal objects are deleted here,
        # on the GUI thread, never by the worker's last reference.
        self._retired: list[ScoreJob] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.due)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    @property
    def pending(self) -> bool:
        """A refresh is waiting for the debounce or for its job."""
        return self._timer.isActive() or bool(self._jobs)

    def schedule(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        """Forget queued work (the dashboard shows another assessment now)."""
        self._timer.stop()
        self._generation += 1

    def next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def is_current(self, outcome: ScoreOutcome) -> bool:
        return outcome.generation == self._generation

    def submit(self, request: ScoreRequest) -> None:
        self._drop_retired()
        job = ScoreJob(request)
        job.signals.finished.connect(self._on_job_finished)
        self._jobs[request.generation] = job
        self._pool.start(job.run)

    def wait(self, msecs: int = 5000) -> None:
        """Block until the running job is done (tests, closing)."""
        self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Forget queued work and wait for the job in hand (scoring takes milliseconds),
        then let go of every job here, on the GUI thread."""
        self.cancel()
        self._pool.waitForDone()
        self._jobs.clear()
        self._retired.clear()

    def _drop_retired(self) -> None:
        if self._retired and self._pool.waitForDone(0):  # 0 ms: only asks if it is idle
            self._retired.clear()

    @Slot(object)
    def _on_job_finished(self, outcome: ScoreOutcome) -> None:
        job = self._jobs.pop(outcome.generation, None)
        if job is not None:
            self._retired.append(job)
        if self.is_current(outcome):
            self.finished.emit(outcome)
