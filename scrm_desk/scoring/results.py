"""What scoring produces: frozen dataclasses holding tuples, safe to share with any view.

Nothing here is rounded: scores are floats as computed, and only the views (and the text
of findings) round for display. Every result can be turned into JSON-ready data with
``to_dict()`` (enums become their values, tuples become lists).

Ordering is deterministic everywhere: areas in framework order, and within an area the
classic lens before the social lens (the order of :meth:`Assessment.lenses`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any, Final, Literal, TypeAlias

from scrm_desk.frameworks.model import ScoringThresholds
from scrm_desk.records import Lens, StakeholderGroup, Variant

Severity: TypeAlias = Literal["high", "medium", "low"]

#: Most severe first; findings are sorted in this order.
SEVERITIES: Final[tuple[Severity, ...]] = ("high", "medium", "low")

# Flags the engine sets on a BlockScore. They are codes, not wording: the text a
# consultant reads is in the findings, filled from resources/rules/findings.toml.
FLAG_NOT_ASSESSED: Final = "not_assessed"
FLAG_MISSING_BLOCK: Final = "missing_block"
FLAG_BROKEN_FOUNDATION: Final = "broken_foundation"
FLAG_FOUNDATION_UNKNOWN: Final = "foundation_unknown"
FLAG_LARGE_GAP: Final = "large_gap"
FLAG_NO_QUESTIONS: Final = "no_questions"
#: Flags that come from comparing respondents rather than from the block's own scores.
FLAG_MISALIGNED: Final = "misaligned"
FLAG_HIGH_SPREAD: Final = "high_spread"


def to_jsonable(value: Any) -> Any:
    """``value`` as plain JSON data: dataclasses to dicts, enums to values, tuples to lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    return value


# --------------------------------------------------------------------------- block scores


class QuestionStatus(StrEnum):
    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    UNANSWERED = "unanswered"


class Basis(StrEnum):
    """Where a question's current level came from."""

    #: The level the workshop agreed on together.
    CONSENSUS = "consensus"
    #: The mean of the individual stakeholders' levels (no usable consensus).
    RESPONDENTS = "respondents"


@dataclass(frozen=True, slots=True)
class QuestionScore:
    """The level one question gets under one lens, and where it came from."""

    question_id: str
    sub_component_id: str
    status: QuestionStatus
    #: ``None`` unless ``status`` is answered.
    score: float | None
    target: float | None
    basis: Basis | None
    #: How many stakeholders gave a level (whatever the basis).
    respondents: int


@dataclass(frozen=True, slots=True)
class SubScore:
    sub_component_id: str
    score: float | None
    target: float | None
    answered: int
    applicable: int
    total: int


@dataclass(frozen=True, slots=True)
class BlockScore:
    """One area (building block or cross-cutting area) under one lens.

    A block that is *not assessed enough* (completeness below the framework's
    ``min_completeness``, or nothing answered) reports no score: ``score``, ``target``
    and ``gap`` are ``None``, as are its sub-components' scores, it is flagged
    ``not_assessed``, and the index, the findings and every view leave it out. The mean
    of the few answers it has is kept in ``partial_score``, for a tooltip or an appendix,
    never to be shown as the block's score.
    """

    area_id: str
    lens: Lens
    cross_cutting: bool
    #: Mean of the answered questions' levels; ``None`` when the block is not assessed
    #: enough (see :attr:`is_assessed`).
    score: float | None
    #: Mean of the answered questions' targets; ``None`` when no target was given or the
    #: block is not assessed enough.
    target: float | None
    #: ``target - score`` when both exist.
    gap: float | None
    answered: int
    #: Questions not marked "not applicable".
    applicable: int
    #: Questions of the area under this lens.
    total: int
    #: ``answered / applicable`` (0.0 when nothing is applicable).
    completeness: float
    sub_scores: tuple[SubScore, ...]
    questions: tuple[QuestionScore, ...]
    #: Codes such as ``"missing_block"``; see the ``FLAG_*`` constants.
    flags: tuple[str, ...]
    #: Only for a block not assessed enough: the mean of the questions it has answers
    #: for (``None`` otherwise, and when nothing is answered). Not a score: too little
    #: evidence to report, so only for a tooltip or an appendix, labelled as partial.
    partial_score: float | None = None

    @property
    def not_applicable(self) -> int:
        return self.total - self.applicable

    @property
    def is_scored(self) -> bool:
        return self.score is not None

    @property
    def is_assessed(self) -> bool:
        """Assessed enough to report a score (the same as :attr:`is_scored`)."""
        return self.score is not None

    @property
    def not_assessed(self) -> bool:
        """Has questions under its lens but too few answers to report a score."""
        return FLAG_NOT_ASSESSED in self.flags

    @property
    def missing_block_risk(self) -> bool:
        """True when a core block is too weak or too little assessed to count as present."""
        if self.cross_cutting:
            return False
        return FLAG_MISSING_BLOCK in self.flags or FLAG_NOT_ASSESSED in self.flags


@dataclass(frozen=True, slots=True)
class IndexScore:
    """The overall maturity index of one lens.

    The mean of the core building blocks' scores. Cross-cutting areas (Governance) are
    scored and reported but kept out: the index answers "how mature are the eight
    blocks a CRM programme needs?", and adding an area that only some engagements
    weigh heavily would make indexes of different engagements incomparable.
    """

    lens: Lens
    score: float | None
    #: Core blocks with a score.
    scored_blocks: int
    #: Core blocks that have questions under this lens.
    core_blocks: int
    #: ``scored_blocks / core_blocks``.
    completeness: float


# --------------------------------------------------------------------------- alignment


@dataclass(frozen=True, slots=True)
class GroupMean:
    group: StakeholderGroup
    n: int
    mean: float


@dataclass(frozen=True, slots=True)
class SpreadStats:
    """How individual stakeholders' levels are spread (the consensus is not mixed in)."""

    #: Stakeholders who gave a level.
    n: int
    mean: float | None
    #: Population standard deviation (0.0 for a single respondent).
    stdev: float | None
    min: float | None
    max: float | None
    #: Only groups with at least one respondent, in :class:`StakeholderGroup` order.
    group_means: tuple[GroupMean, ...]
    business_n: int
    business_mean: float | None
    it_n: int
    it_mean: float | None
    #: ``business_mean - it_mean`` when both sides answered.
    difference: float | None
    misaligned: bool
    high_spread: bool


@dataclass(frozen=True, slots=True)
class QuestionAlignment:
    question_id: str
    area_id: str
    sub_component_id: str
    lens: Lens
    stats: SpreadStats
    #: The agreed level, shown beside the individual ones; ``None`` without one.
    consensus_level: int | None
    #: The kind of the consensus answer (``"level"``, ``"not_applicable"`` ...), if any.
    consensus_kind: str | None


@dataclass(frozen=True, slots=True)
class BlockAlignment:
    """Spread of an area under one lens, over each respondent's mean for the area."""

    area_id: str
    lens: Lens
    stats: SpreadStats
    #: Mean of the consensus levels given in the area; ``None`` without any.
    consensus_mean: float | None
    consensus_answered: int
    #: Questions of the area whose own spread is high, in framework order.
    high_spread_question_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AlignmentResult:
    questions: tuple[QuestionAlignment, ...]
    blocks: tuple[BlockAlignment, ...]
    business_groups: tuple[StakeholderGroup, ...]
    it_groups: tuple[StakeholderGroup, ...]

    def block(self, area_id: str, lens: Lens) -> BlockAlignment | None:
        for item in self.blocks:
            if item.area_id == area_id and item.lens is lens:
                return item
        return None

    def question(self, question_id: str, lens: Lens) -> QuestionAlignment | None:
        for item in self.questions:
            if item.question_id == question_id and item.lens is lens:
                return item
        return None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        return data


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True, slots=True)
class Finding:
    """One observation for the consultant, with the numbers behind it."""

    kind: str
    severity: Severity
    area_id: str | None
    lens: Lens | None
    title: str
    #: Cites the numbers the finding rests on.
    evidence: str
    suggested_action: str
    #: Questions the finding points at (e.g. those with a high spread).
    question_ids: tuple[str, ...] = ()


# --------------------------------------------------------------------------- assessment


@dataclass(frozen=True, slots=True)
class AssessmentResult:
    """Everything the dashboard and the report need about one assessment."""

    assessment_id: str
    framework_id: str
    framework_version: str
    variant: Variant
    lenses: tuple[Lens, ...]
    thresholds: ScoringThresholds
    #: Area-major: every area in framework order, then each lens of the assessment.
    blocks: tuple[BlockScore, ...]
    #: One per lens.
    index: tuple[IndexScore, ...]
    alignment: AlignmentResult
    findings: tuple[Finding, ...]
    #: Responses left out: unknown question, lens not assessed, or no social variant.
    ignored_responses: int = 0

    def block(self, area_id: str, lens: Lens) -> BlockScore | None:
        for item in self.blocks:
            if item.area_id == area_id and item.lens is lens:
                return item
        return None

    def all_flags(self, block: BlockScore) -> tuple[str, ...]:
        """The block's own flags, then business/IT misalignment and high spread among
        respondents: what a table of blocks shows in its flags column."""
        flags = list(block.flags)
        alignment = self.alignment.block(block.area_id, block.lens)
        if alignment is not None and alignment.stats.misaligned:
            flags.append(FLAG_MISALIGNED)
        if alignment is not None and alignment.high_spread_question_ids:
            flags.append(FLAG_HIGH_SPREAD)
        return tuple(flags)

    def index_for(self, lens: Lens) -> IndexScore | None:
        for item in self.index:
            if item.lens is lens:
                return item
        return None

    def findings_for(self, area_id: str, lens: Lens | None = None) -> tuple[Finding, ...]:
        return tuple(
            f
            for f in self.findings
            if f.area_id == area_id and (lens is None or f.lens is None or f.lens is lens)
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data for ``scrm-desk scores --json`` and the report."""
        data: dict[str, Any] = to_jsonable(self)
        return data


# --------------------------------------------------------------------------- comparison


def rounded(value: float | None, decimals: int = 1) -> float | None:
    """``value`` as it is displayed, rounded to ``decimals`` ("2.65" shows as "2.6" or
    "2.7" exactly as ``format(value, ".1f")`` would)."""
    if value is None:
        return None
    return float(f"{value:.{decimals}f}")


def rounded_change(
    baseline: float | None, follow_up: float | None, decimals: int = 1
) -> float | None:
    """The change a reader can check: the difference of the two values as displayed.

    Views show scores with one decimal; showing the exact change beside them may not
    add up ("3.0 → 3.6, +0.7" for 3.04 → 3.64999). This is ``rounded(follow_up) −
    rounded(baseline)``, itself rounded to ``decimals`` so float noise never shows.
    ``None`` when either value is missing.
    """
    before, after = rounded(baseline, decimals), rounded(follow_up, decimals)
    if before is None or after is None:
        return None
    change = round(after - before, decimals)
    return 0.0 if change == 0 else change  # never "-0.0"


@dataclass(frozen=True, slots=True)
class BlockChange:
    area_id: str
    lens: Lens
    baseline: float | None
    follow_up: float | None
    #: ``follow_up - baseline``; ``None`` when either is missing.
    change: float | None


@dataclass(frozen=True, slots=True)
class IndexChange:
    """The index change per lens.

    ``baseline``, ``follow_up`` and ``change`` are the indexes as each assessment
    reports them, each over its own assessed core blocks. The like-for-like figures use
    only the core blocks assessed in both (``blocks_compared``): a partial follow-up's
    index may rest on other blocks than the baseline's, so the like-for-like change is
    the one to show first, with the raw indexes and their block counts beside it when
    :attr:`like_for_like_differs`.
    """

    lens: Lens
    baseline: float | None
    follow_up: float | None
    change: float | None
    blocks_compared: int = 0
    baseline_like_for_like: float | None = None
    follow_up_like_for_like: float | None = None
    like_for_like_change: float | None = None
    #: Core blocks in the baseline's index (assessed enough to be scored).
    baseline_blocks: int = 0
    #: Core blocks in the follow-up's index.
    follow_up_blocks: int = 0
    #: Core blocks of the framework under this lens.
    core_blocks: int = 0

    @property
    def like_for_like_differs(self) -> bool:
        """True when either raw index rests on blocks the other one lacks."""
        return not (self.baseline_blocks == self.follow_up_blocks == self.blocks_compared)


@dataclass(frozen=True, slots=True)
class Comparison:
    framework_id: str
    baseline_assessment_id: str
    follow_up_assessment_id: str
    #: Area-major, framework order, lenses present in either assessment.
    blocks: tuple[BlockChange, ...]
    index: tuple[IndexChange, ...]
    #: Blocks whose score rose, largest rise first (ties in framework order).
    improved: tuple[BlockChange, ...]
    #: Blocks whose score fell, largest fall first (ties in framework order).
    declined: tuple[BlockChange, ...]

    def block(self, area_id: str, lens: Lens) -> BlockChange | None:
        for item in self.blocks:
            if item.area_id == area_id and item.lens is lens:
                return item
        return None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        return data
