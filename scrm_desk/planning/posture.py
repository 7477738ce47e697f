"""Where a client stands on Social CRM: denial, toe-dippers, strategic or too aggressive.

The questionnaire lives in ``resources/rules/posture.toml``. Each answer option carries
weights towards the approaches; the chosen options' weights are added per approach and
the highest total is the suggested approach. Ties go to the approach listed first in
the file's ``tie_break`` (which follows Gartner's shares: with nothing else to go on, the
more common approach is the likelier one). With fewer than ``min_answers`` answers
there is no suggestion.

The reasoning is kept with the result: every answer, the approaches it leaned to, and
the totals. A consultant may override the approach with a note; the override wins for
everything downstream (the chart, the report), while the computed approach and its
reasoning stay visible beside it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from scrm_desk import validation
from scrm_desk.changes import Saved
from scrm_desk.errors import ValidationError
from scrm_desk.frameworks.loader import SLUG_RE
from scrm_desk.frameworks.model import ReferenceFramework
from scrm_desk.paths import resources_dir
from scrm_desk.planning.rules import (
    Fail,
    PlanningRulesError,
    check_keys,
    check_schema_version,
    failer,
    read_toml,
    text,
    whole_number,
)
from scrm_desk.records import Posture

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

QUESTIONS_ALLOWED: Final = (6, 10)
OPTIONS_ALLOWED: Final = (2, 6)
MAX_WEIGHT: Final = 3


@dataclass(frozen=True, slots=True)
class PostureOption:
    id: str
    text: str
    #: ``(approach id, weight)`` for every approach of the questionnaire, in its order.
    weights: tuple[tuple[str, float], ...]

    def weight(self, approach_id: str) -> float:
        return dict(self.weights).get(approach_id, 0.0)

    def leans_to(self) -> tuple[str, ...]:
        """The approaches this option weighs most towards (several on a tie)."""
        top = max(weight for _, weight in self.weights)
        return tuple(approach for approach, weight in self.weights if weight == top)


@dataclass(frozen=True, slots=True)
class PostureQuestion:
    id: str
    text: str
    help: str
    options: tuple[PostureOption, ...]

    def option(self, option_id: str) -> PostureOption:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"question {self.id!r} has no option {option_id!r}")


@dataclass(frozen=True, slots=True)
class PostureQuestionnaire:
    approaches: tuple[str, ...]
    tie_break: tuple[str, ...]
    min_answers: int
    questions: tuple[PostureQuestion, ...]
    source: str

    def question(self, question_id: str) -> PostureQuestion:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(f"the posture questionnaire has no question {question_id!r}")

    def check_reference(self, reference: ReferenceFramework) -> None:
        """Refuse a questionnaire whose approaches are not the reference framework's."""
        known = tuple(a.id for a in reference.approaches)
        if set(known) != set(self.approaches):
            raise PlanningRulesError(
                f"{self.source}: approaches {', '.join(self.approaches)} do not match those "
                f"of {reference.name!r}: {', '.join(known)}"
            )


@dataclass(frozen=True, slots=True)
class AnswerReason:
    """One answer and where it pointed: the reasoning shown beside the result."""

    question_id: str
    question: str
    option_id: str
    option: str
    leans_to: tuple[str, ...]
    weights: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class ApproachScore:
    approach_id: str
    score: float
    #: ``score`` as a share of all the weight given (0.0 with no answers).
    share: float


@dataclass(frozen=True, slots=True)
class PostureResult:
    """What the questionnaire says, with the reasoning."""

    #: One per approach, in the questionnaire's order.
    scores: tuple[ApproachScore, ...]
    #: The suggested approach; ``None`` with fewer than ``min_answers`` answers.
    approach: str | None
    #: Other approaches with the same top score, lost on the tie-break.
    tied_with: tuple[str, ...]
    reasons: tuple[AnswerReason, ...]
    answered: int
    questions: int
    min_answers: int

    @property
    def enough_answers(self) -> bool:
        return self.answered >= self.min_answers

    def score(self, approach_id: str) -> float:
        for item in self.scores:
            if item.approach_id == approach_id:
                return item.score
        raise KeyError(approach_id)


@dataclass(frozen=True, slots=True)
class PostureView:
    """The posture as the pages and the report show it: result, override and the winner."""

    result: PostureResult
    computed_approach: str | None
    override_approach: str | None
    override_note: str

    @property
    def approach(self) -> str | None:
        """The override when there is one, else the computed approach."""
        return self.override_approach or self.computed_approach

    @property
    def overridden(self) -> bool:
        return bool(self.override_approach) and self.override_approach != self.computed_approach


# --------------------------------------------------------------------------- classifying


def check_answers(
    questionnaire: PostureQuestionnaire, answers: Mapping[str, str]
) -> dict[str, str]:
    """The answers, refused if a question or option is not in the questionnaire."""
    cleaned: dict[str, str] = {}
    for question_id, option_id in answers.items():
        try:
            question = questionnaire.question(question_id)
        except KeyError:
            raise ValidationError("answers", f"there is no question {question_id!r}") from None
        try:
            question.option(option_id)
        except KeyError:
            allowed = ", ".join(o.id for o in question.options)
            raise ValidationError(
                "answers", f"{question_id}: {option_id!r} is not one of: {allowed}"
            ) from None
        cleaned[question_id] = option_id
    return cleaned


def classify(questionnaire: PostureQuestionnaire, answers: Mapping[str, str]) -> PostureResult:
    """Place the answers among the approaches, keeping the reasoning."""
    answers = check_answers(questionnaire, answers)
    totals = dict.fromkeys(questionnaire.approaches, 0.0)
    reasons: list[AnswerReason] = []
    for question in questionnaire.questions:  # questionnaire order, not answer order
        option_id = answers.get(question.id)
        if option_id is None:
            continue
        option = question.option(option_id)
        for approach_id, weight in option.weights:
            totals[approach_id] += weight
        reasons.append(
            AnswerReason(
                question_id=question.id,
                question=question.text,
                option_id=option.id,
                option=option.text,
                leans_to=option.leans_to(),
                weights=tuple((a, w) for a, w in option.weights if w > 0),
            )
        )
    everything = sum(totals.values())
    scores = tuple(
        ApproachScore(a, totals[a], totals[a] / everything if everything else 0.0)
        for a in questionnaire.approaches
    )
    approach: str | None = None
    tied: tuple[str, ...] = ()
    if len(reasons) >= questionnaire.min_answers and everything > 0:
        top = max(totals.values())
        leaders = [a for a in questionnaire.tie_break if totals[a] == top]
        approach, tied = leaders[0], tuple(leaders[1:])
    return PostureResult(
        scores=scores,
        approach=approach,
        tied_with=tied,
        reasons=tuple(reasons),
        answered=len(reasons),
        questions=len(questionnaire.questions),
        min_answers=questionnaire.min_answers,
    )


def posture_view(questionnaire: PostureQuestionnaire, posture: Posture | None) -> PostureView:
    """The stored posture with its reasoning recomputed from the stored answers.

    Answers to questions the questionnaire no longer has are left out of the reasoning.
    """
    if posture is None:
        return PostureView(classify(questionnaire, {}), None, None, "")
    known = {q.id: {o.id for o in q.options} for q in questionnaire.questions}
    answers = {q: o for q, o in posture.answers.items() if o in known.get(q, set())}
    return PostureView(
        result=classify(questionnaire, answers),
        computed_approach=posture.computed_approach,
        override_approach=posture.override_approach,
        override_note=posture.override_note,
    )


# --------------------------------------------------------------------------- storing


def save_answers(
    ws: Workspace,
    engagement_id: str,
    questionnaire: PostureQuestionnaire,
    answers: Mapping[str, str],
) -> Saved[Posture]:
    """Store all the answers (replacing earlier ones) with the approach they give now.

    An override stays as it is: the consultant decided it, and the view shows both.
    """
    result = classify(questionnaire, answers)
    return ws.posture.save(
        engagement_id,
        answers=check_answers(questionnaire, answers),
        computed_approach=result.approach,
    )


def answer(
    ws: Workspace,
    engagement_id: str,
    questionnaire: PostureQuestionnaire,
    question_id: str,
    option_id: str | None,
) -> Saved[Posture]:
    """Answer (or, with ``None``, un-answer) one question and recompute the approach."""
    stored = ws.posture.find(engagement_id)
    answers = dict(stored.answers) if stored is not None else {}
    if option_id is None:
        answers.pop(question_id, None)
    else:
        answers[question_id] = option_id
    return save_answers(ws, engagement_id, questionnaire, answers)


def set_override(
    ws: Workspace,
    engagement_id: str,
    approach_id: str | None,
    note: str = "",
    reference: ReferenceFramework | None = None,
) -> Saved[Posture]:
    """Place the client in ``approach_id`` whatever the questionnaire says; a note is
    required. ``None`` removes the override (the note is kept for the record)."""
    if approach_id is not None and reference is not None:
        known = [a.id for a in reference.approaches]
        if approach_id not in known:
            raise ValidationError(
                "override_approach", f"{approach_id!r} is not one of: {', '.join(known)}"
            )
    if approach_id is None:
        return ws.posture.save(engagement_id, override_approach=None)
    return ws.posture.save(
        engagement_id,
        override_approach=approach_id,
        override_note=validation.long_text("override_note", note),
    )


# --------------------------------------------------------------------------- loading


def default_questionnaire_path() -> Path:
    return resources_dir() / "rules" / "posture.toml"


def load_questionnaire(path: Path | str | None = None) -> PostureQuestionnaire:
    """Read and validate a posture questionnaire (the built-in one by default)."""
    target = Path(path) if path is not None else default_questionnaire_path()
    try:
        stat = target.stat()
    except OSError as exc:
        raise PlanningRulesError(
            f"{target}: cannot read the posture questionnaire ({exc.strerror})"
        ) from exc
    return _load_cached(str(target.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, _mtime_ns: int, _size: int) -> PostureQuestionnaire:
    return parse_questionnaire(read_toml(path, "posture questionnaire"), source=path)


def parse_questionnaire(
    data: Mapping[str, Any], *, source: str = "<questionnaire>"
) -> PostureQuestionnaire:
    """Validate the parsed content of a posture questionnaire file."""
    fail = failer(source)
    check_schema_version(data, fail)
    check_keys(
        data, {"schema_version", "approaches", "tie_break", "min_answers", "questions"}, "", fail
    )
    approaches = _id_list(data.get("approaches"), "approaches", fail)
    if len(approaches) < 2:
        fail("approaches must list at least two approach ids")
    tie_break = _id_list(data.get("tie_break"), "tie_break", fail)
    if sorted(tie_break) != sorted(approaches):
        fail("tie_break must list every approach exactly once, in the order ties are settled")
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list):
        fail("[[questions]] are required")
    low, high = QUESTIONS_ALLOWED
    if not low <= len(raw_questions) <= high:
        fail(f"there must be {low} to {high} questions, not {len(raw_questions)}")
    min_answers = whole_number(data.get("min_answers"), "min_answers", 1, len(raw_questions), fail)
    questions: list[PostureQuestion] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_questions):
        question = _question(raw, index, approaches, fail)
        if question.id in seen:
            fail(f"questions[{index}]: id {question.id!r} is used twice")
        seen.add(question.id)
        questions.append(question)
    return PostureQuestionnaire(
        approaches=approaches,
        tie_break=tie_break,
        min_answers=min_answers,
        questions=tuple(questions),
        source=source,
    )


def _question(raw: object, index: int, approaches: tuple[str, ...], fail: Fail) -> PostureQuestion:
    where = f"questions[{index}]"
    if not isinstance(raw, dict):
        fail(f"{where} must be a table")
    check_keys(raw, {"id", "text", "help", "options"}, where, fail)
    question_id = _slug(raw.get("id"), f"{where} id", fail)
    where = f"questions[{index}] {question_id!r}"
    raw_options = raw.get("options")
    if not isinstance(raw_options, list):
        fail(f"{where}: [[questions.options]] are required")
    low, high = OPTIONS_ALLOWED
    if not low <= len(raw_options) <= high:
        fail(f"{where}: there must be {low} to {high} options, not {len(raw_options)}")
    options: list[PostureOption] = []
    for option_index, raw_option in enumerate(raw_options):
        option_where = f"{where} options[{option_index}]"
        if not isinstance(raw_option, dict):
            fail(f"{option_where} must be a table")
        check_keys(raw_option, {"id", "text", "weights"}, option_where, fail)
        option_id = _slug(raw_option.get("id"), f"{option_where} id", fail)
        if any(o.id == option_id for o in options):
            fail(f"{option_where}: id {option_id!r} is used twice in the question")
        options.append(
            PostureOption(
                id=option_id,
                text=text(raw_option, "text", option_where, fail),
                weights=_weights(raw_option.get("weights"), approaches, option_where, fail),
            )
        )
    help_text = raw.get("help", "")
    if not isinstance(help_text, str):
        fail(f"{where} help must be text")
    return PostureQuestion(
        id=question_id,
        text=text(raw, "text", where, fail),
        help=help_text.strip(),
        options=tuple(options),
    )


def _weights(
    raw: object, approaches: tuple[str, ...], where: str, fail: Fail
) -> tuple[tuple[str, float], ...]:
    if not isinstance(raw, dict) or not raw:
        fail(f"{where} weights must be a table such as {{ strategic = 3 }}")
    unknown = sorted(set(raw) - set(approaches))
    if unknown:
        fail(
            f"{where} weights: unknown approach(es) {', '.join(unknown)}; "
            f"known: {', '.join(approaches)}"
        )
    for approach, weight in raw.items():
        if (
            isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or not 0 <= weight <= MAX_WEIGHT
        ):
            fail(f"{where} weights: {approach} must be a number from 0 to {MAX_WEIGHT}")
    if not any(weight > 0 for weight in raw.values()):
        fail(f"{where} weights: at least one weight must be above 0")
    return tuple((a, float(raw.get(a, 0))) for a in approaches)


def _slug(value: object, where: str, fail: Fail) -> str:
    if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
        fail(f'{where} must be an id such as "presence" (lowercase, words joined by _)')
    return value


def _id_list(value: object, where: str, fail: Fail) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        fail(f"{where} must be a non-empty list of ids")
    ids = tuple(_slug(item, where, fail) for item in value)
    if len(set(ids)) != len(ids):
        fail(f"{where} lists an id twice")
    return ids
