"""Block scores, the overall index and completeness: pure functions over records.

The rules, stated once (the README and the UI repeat them):

* **Lenses.** Only the lenses of the assessment's variant are scored. The social lens
  covers only the questions that have a Social CRM variant (``social_text``).
* **A question's level.** The consensus answer when there is one of kind "level";
  otherwise the mean of the individual stakeholders' "level" answers. A consensus "not
  applicable" makes the question not applicable, whatever individuals said; so does a
  question whose only answers are "not applicable". "Don't know" counts as unanswered.
* **A question's target.** The consensus target when the consensus gives one; otherwise
  the mean of the individual targets; ``None`` when nobody gave a target.
* **Completeness** = answered / applicable, where applicable = questions − not
  applicable (0.0 when nothing is applicable).
* **Assessed enough**: an area (core block or cross-cutting) with questions under the
  lens is assessed enough when at least one question is answered and completeness ≥
  ``min_completeness``. Otherwise it is *not assessed*: it reports **no score, target,
  gap or sub-component scores** (all ``None``), is flagged ``not_assessed``, and stays
  out of the index, the comparison and every score-based finding. The mean of its few
  answers is kept in ``BlockScore.partial_score``, labelled as partial wherever shown.
* **Block score** (and sub-component score) of a block assessed enough: the mean of the
  answered questions' levels, every question weighing the same; "not applicable"
  questions are out of numerator and denominator. **Block target**: the mean of the
  answered questions' targets (a target without a current level is left out, so the gap
  compares the same questions). **Gap** = target − score when both exist.
* **Overall index** per lens: the mean of the scores of the core blocks assessed enough;
  the cross-cutting Governance area is reported but kept out (see :class:`IndexScore`).
  **Index completeness**: the share of core blocks that have a score.
* **Flags** (thresholds from the framework's ``[scoring]`` table; a value within 1e-9 of a
  threshold counts as on it, so float rounding never hides a boundary case):
  ``not_assessed`` — any area, core or cross-cutting, not assessed enough (above);
  ``missing_block`` — core block assessed enough but scoring < ``missing_block_below``
  (a thinly assessed block is reported as not assessed, not as low);
  ``large_gap`` — gap ≥ ``large_gap`` (so only on a block assessed enough);
  ``broken_foundation`` — the social block is assessed enough and the classic block of
  the same area is assessed enough and scores < ``weak_foundation_below``;
  ``foundation_unknown`` — the social block is assessed enough and the classic block has
  no score (the variant is social, or the classic block is not assessed enough);
  ``no_questions`` — the area has no question under the lens (nothing else applies).

Nothing is rounded. Responses are grouped once per call (a dictionary keyed by lens and
question), so scoring is linear in the number of responses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from scrm_desk.frameworks.model import Area, BuildingBlocksFramework, Question, ScoringThresholds
from scrm_desk.records import AnswerKind, Assessment, Lens, Response
from scrm_desk.scoring.results import (
    FLAG_BROKEN_FOUNDATION,
    FLAG_FOUNDATION_UNKNOWN,
    FLAG_LARGE_GAP,
    FLAG_MISSING_BLOCK,
    FLAG_NO_QUESTIONS,
    FLAG_NOT_ASSESSED,
    Basis,
    BlockScore,
    IndexScore,
    QuestionScore,
    QuestionStatus,
    SubScore,
)

#: Tolerance for threshold comparisons: means of small integers are not exact in floats
#: (e.g. 10/3 − 7/3 is 0.9999999999999996), and a boundary case must behave as written.
EPSILON: Final = 1e-9


def at_least(value: float, threshold: float) -> bool:
    """``value >= threshold``, tolerating float rounding."""
    return value >= threshold - EPSILON


def below(value: float, threshold: float) -> bool:
    """``value < threshold``, tolerating float rounding."""
    return value < threshold - EPSILON


def mean(values: Sequence[float]) -> float | None:
    """The arithmetic mean, ``None`` for no values."""
    if not values:
        return None
    return math.fsum(values) / len(values)


def pstdev(values: Sequence[float], centre: float) -> float:
    """Population standard deviation around ``centre`` (the mean of ``values``)."""
    return math.sqrt(math.fsum((v - centre) ** 2 for v in values) / len(values))


def lens_questions(area: Area, lens: Lens) -> tuple[Question, ...]:
    """The questions of ``area`` scored under ``lens`` (social: those with a variant)."""
    questions = area.questions()
    if lens is Lens.SOCIAL:
        return tuple(q for q in questions if q.social_text is not None)
    return questions


# --------------------------------------------------------------------------- grouping


@dataclass(slots=True)
class QuestionAnswers:
    """Every answer to one question under one lens."""

    consensus: Response | None = None
    #: Stakeholder id -> that stakeholder's answer (the latest, if given twice).
    individuals: dict[str, Response] = field(default_factory=dict)


@dataclass(slots=True)
class ResponseIndex:
    """The responses of one assessment grouped by (lens, question id), built once."""

    lenses: tuple[Lens, ...]
    answers: dict[tuple[Lens, str], QuestionAnswers]
    #: Responses left out: unknown question, lens not assessed, no social variant.
    ignored: int

    def get(self, lens: Lens, question_id: str) -> QuestionAnswers | None:
        return self.answers.get((lens, question_id))


def index_responses(
    framework: BuildingBlocksFramework, assessment: Assessment, responses: Iterable[Response]
) -> ResponseIndex:
    """Group ``responses`` for scoring; one pass, no per-question scans.

    Raises ``ValueError`` when the assessment is for another framework or a response
    belongs to another assessment (mixing them would give silently wrong scores).
    """
    if assessment.framework_id != framework.id:
        raise ValueError(
            f"assessment {assessment.id!r} uses framework {assessment.framework_id!r}, "
            f"not {framework.id!r}"
        )
    lenses = assessment.lenses()
    questions = {q.id: q for q in framework.questions()}
    answers: dict[tuple[Lens, str], QuestionAnswers] = {}
    ignored = 0
    for response in responses:
        if response.assessment_id != assessment.id:
            raise ValueError(
                f"response {response.id!r} belongs to assessment {response.assessment_id!r}, "
                f"not {assessment.id!r}"
            )
        question = questions.get(response.question_id)
        if (
            question is None
            or response.lens not in lenses
            or (response.lens is Lens.SOCIAL and question.social_text is None)
        ):
            ignored += 1
            continue
        key = (response.lens, response.question_id)
        bucket = answers.get(key)
        if bucket is None:
            bucket = answers[key] = QuestionAnswers()
        if response.respondent_id is None:
            if bucket.consensus is None or bucket.consensus.updated_at <= response.updated_at:
                bucket.consensus = response
        else:
            previous = bucket.individuals.get(response.respondent_id)
            if previous is None or previous.updated_at <= response.updated_at:
                bucket.individuals[response.respondent_id] = response
    return ResponseIndex(lenses=lenses, answers=answers, ignored=ignored)


# --------------------------------------------------------------------------- questions


def score_question(question: Question, bucket: QuestionAnswers | None) -> QuestionScore:
    """A question's level, target and status under the rules in the module docstring."""
    if bucket is None:
        return QuestionScore(
            question.id, question.sub_component_id, QuestionStatus.UNANSWERED, None, None, None, 0
        )
    consensus = bucket.consensus
    levels: list[float] = []
    targets: list[float] = []
    all_not_applicable = True
    for answer in bucket.individuals.values():
        if answer.kind is AnswerKind.LEVEL:
            all_not_applicable = False
            if answer.current_level is not None:
                levels.append(answer.current_level)
            if answer.target_level is not None:
                targets.append(answer.target_level)
        elif answer.kind is not AnswerKind.NOT_APPLICABLE:
            all_not_applicable = False

    if consensus is not None and consensus.kind is AnswerKind.NOT_APPLICABLE:
        return QuestionScore(
            question.id,
            question.sub_component_id,
            QuestionStatus.NOT_APPLICABLE,
            None,
            None,
            None,
            len(levels),
        )

    target: float | None
    if (
        consensus is not None
        and consensus.kind is AnswerKind.LEVEL
        and consensus.target_level is not None
    ):
        target = float(consensus.target_level)
    else:
        target = mean(targets)

    if consensus is not None and consensus.counts:
        assert consensus.current_level is not None  # counts guarantees it
        return QuestionScore(
            question.id,
            question.sub_component_id,
            QuestionStatus.ANSWERED,
            float(consensus.current_level),
            target,
            Basis.CONSENSUS,
            len(levels),
        )
    if levels:
        return QuestionScore(
            question.id,
            question.sub_component_id,
            QuestionStatus.ANSWERED,
            mean(levels),
            target,
            Basis.RESPONDENTS,
            len(levels),
        )
    if consensus is not None:
        all_not_applicable = False  # a consensus "don't know" (or level-less) answer
    if all_not_applicable and bucket.individuals:
        return QuestionScore(
            question.id,
            question.sub_component_id,
            QuestionStatus.NOT_APPLICABLE,
            None,
            None,
            None,
            0,
        )
    return QuestionScore(
        question.id, question.sub_component_id, QuestionStatus.UNANSWERED, None, target, None, 0
    )


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class _Rollup:
    score: float | None
    target: float | None
    answered: int
    applicable: int
    total: int


def _rollup(questions: Sequence[QuestionScore]) -> _Rollup:
    scores = [q.score for q in questions if q.score is not None]
    # Targets only of answered questions, so that the gap compares like with like.
    targets = [q.target for q in questions if q.target is not None and q.score is not None]
    not_applicable = sum(1 for q in questions if q.status is QuestionStatus.NOT_APPLICABLE)
    return _Rollup(
        score=mean(scores),
        target=mean(targets),
        answered=len(scores),
        applicable=len(questions) - not_applicable,
        total=len(questions),
    )


def is_assessed_enough(answered: int, completeness: float, thresholds: ScoringThresholds) -> bool:
    """Enough answers to report a score: at least one, and completeness ≥ the minimum."""
    return answered > 0 and not below(completeness, thresholds.min_completeness)


def _block_flags(
    area: Area,
    lens: Lens,
    score: float | None,
    total: int,
    gap: float | None,
    classic_score: float | None,
    thresholds: ScoringThresholds,
) -> tuple[str, ...]:
    """``score`` is None when the block is not assessed enough (``total`` > 0)."""
    if total == 0:
        return (FLAG_NO_QUESTIONS,)
    flags: list[str] = []
    if score is None:
        flags.append(FLAG_NOT_ASSESSED)
    elif not area.cross_cutting and below(score, thresholds.missing_block_below):
        flags.append(FLAG_MISSING_BLOCK)
    if lens is Lens.SOCIAL and score is not None:
        if classic_score is None:
            flags.append(FLAG_FOUNDATION_UNKNOWN)
        elif below(classic_score, thresholds.weak_foundation_below):
            flags.append(FLAG_BROKEN_FOUNDATION)
    if gap is not None and at_least(gap, thresholds.large_gap):
        flags.append(FLAG_LARGE_GAP)
    return tuple(flags)


def score_blocks(
    framework: BuildingBlocksFramework, index: ResponseIndex
) -> tuple[BlockScore, ...]:
    """Every area under every lens of the index, area-major in framework order."""
    thresholds = framework.scoring
    blocks: list[BlockScore] = []
    for area in framework.areas:
        classic_score: float | None = None
        for lens in index.lenses:
            questions = lens_questions(area, lens)
            scored = tuple(score_question(q, index.get(lens, q.id)) for q in questions)
            rollup = _rollup(scored)
            completeness = rollup.answered / rollup.applicable if rollup.applicable else 0.0
            # A block not assessed enough reports nothing: no score, target, gap or
            # sub-component score, only its partial mean (see the module docstring).
            assessed = is_assessed_enough(rollup.answered, completeness, thresholds)
            subs: list[SubScore] = []
            for sub in area.sub_components:
                in_sub = [s for s in scored if s.sub_component_id == sub.id]
                if not in_sub:
                    continue
                sub_rollup = _rollup(in_sub)
                subs.append(
                    SubScore(
                        sub_component_id=sub.id,
                        score=sub_rollup.score if assessed else None,
                        target=sub_rollup.target if assessed else None,
                        answered=sub_rollup.answered,
                        applicable=sub_rollup.applicable,
                        total=sub_rollup.total,
                    )
                )
            score = rollup.score if assessed else None
            target = rollup.target if assessed else None
            gap = target - score if target is not None and score is not None else None
            if lens is Lens.CLASSIC:
                classic_score = score
            blocks.append(
                BlockScore(
                    area_id=area.id,
                    lens=lens,
                    cross_cutting=area.cross_cutting,
                    score=score,
                    target=target,
                    gap=gap,
                    answered=rollup.answered,
                    applicable=rollup.applicable,
                    total=rollup.total,
                    completeness=completeness,
                    sub_scores=tuple(subs),
                    questions=scored,
                    flags=_block_flags(
                        area, lens, score, rollup.total, gap, classic_score, thresholds
                    ),
                    partial_score=None if assessed else rollup.score,
                )
            )
    return tuple(blocks)


def overall_index(blocks: Sequence[BlockScore], lenses: Sequence[Lens]) -> tuple[IndexScore, ...]:
    """Per lens: the mean of the core blocks' scores; cross-cutting areas are left out, and
    so are blocks not assessed enough (they have no score)."""
    result: list[IndexScore] = []
    for lens in lenses:
        core = [b for b in blocks if b.lens is lens and not b.cross_cutting and b.total > 0]
        scores = [b.score for b in core if b.score is not None]
        result.append(
            IndexScore(
                lens=lens,
                score=mean(scores),
                scored_blocks=len(scores),
                core_blocks=len(core),
                completeness=len(scores) / len(core) if core else 0.0,
            )
        )
    return tuple(result)
