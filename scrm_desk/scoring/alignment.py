"""How far the stakeholders in the room agree: spread, group means, business versus IT.

Only individual stakeholders' "level" answers are used; the consensus is reported beside
them (``consensus_level`` / ``consensus_mean``), never mixed in.

* **Per question** (per lens): n, mean, population standard deviation, min and max of the
  stakeholders' levels; the mean per stakeholder group; the business-side mean and the IT
  mean (which groups are which comes from the rules file).
* **Per block** (per lens): the same statistics over each respondent's own mean for the
  block (the mean of the levels they gave in it), so that every person weighs the same
  however many questions they answered. Group and side means are means of those
  per-person means.
* **Flags** (thresholds from the framework): ``misaligned`` when both sides answered and
  |business mean − IT mean| ≥ ``misalignment_levels``; ``high_spread`` when the standard
  deviation ≥ ``high_spread_stdev``. A respondent whose stakeholder record is not given
  counts in n, mean and spread but in no group.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from scrm_desk.frameworks.model import BuildingBlocksFramework, ScoringThresholds
from scrm_desk.records import AnswerKind, Assessment, Response, Stakeholder, StakeholderGroup
from scrm_desk.scoring.engine import (
    ResponseIndex,
    at_least,
    index_responses,
    lens_questions,
    mean,
    pstdev,
)
from scrm_desk.scoring.results import (
    AlignmentResult,
    BlockAlignment,
    GroupMean,
    QuestionAlignment,
    SpreadStats,
)
from scrm_desk.scoring.rules import FindingRules, load_rules

_GROUP_ORDER = tuple(StakeholderGroup)


def analyse_alignment(
    framework: BuildingBlocksFramework,
    assessment: Assessment,
    responses: Iterable[Response],
    stakeholders: Iterable[Stakeholder],
    rules: FindingRules | None = None,
) -> AlignmentResult:
    """Spread and business/IT alignment of every question and block of the assessment."""
    index = index_responses(framework, assessment, responses)
    return alignment_from_index(
        framework, index, stakeholders, rules if rules is not None else load_rules()
    )


def alignment_from_index(
    framework: BuildingBlocksFramework,
    index: ResponseIndex,
    stakeholders: Iterable[Stakeholder],
    rules: FindingRules,
) -> AlignmentResult:
    """:func:`analyse_alignment` over responses already grouped by the engine."""
    groups = {s.id: s.group for s in stakeholders}
    calc = _Stats(
        groups, frozenset(rules.business_groups), frozenset(rules.it_groups), framework.scoring
    )
    question_rows: list[QuestionAlignment] = []
    block_rows: list[BlockAlignment] = []
    for area in framework.areas:
        for lens in index.lenses:
            questions = lens_questions(area, lens)
            if not questions:
                continue
            per_person: dict[str, list[float]] = {}
            consensus_levels: list[float] = []
            spread_ids: list[str] = []
            for question in questions:
                bucket = index.get(lens, question.id)
                levels: list[tuple[str, float]] = []
                consensus_level: int | None = None
                consensus_kind: str | None = None
                if bucket is not None:
                    for respondent, answer in bucket.individuals.items():
                        if answer.kind is AnswerKind.LEVEL and answer.current_level is not None:
                            level = float(answer.current_level)
                            levels.append((respondent, level))
                            per_person.setdefault(respondent, []).append(level)
                    if bucket.consensus is not None:
                        consensus_kind = bucket.consensus.kind.value
                        if bucket.consensus.counts:
                            consensus_level = bucket.consensus.current_level
                        if consensus_level is not None:
                            consensus_levels.append(float(consensus_level))
                stats = calc.stats(levels)
                if stats.high_spread:
                    spread_ids.append(question.id)
                question_rows.append(
                    QuestionAlignment(
                        question_id=question.id,
                        area_id=area.id,
                        sub_component_id=question.sub_component_id,
                        lens=lens,
                        stats=stats,
                        consensus_level=consensus_level,
                        consensus_kind=consensus_kind,
                    )
                )
            person_means = [
                (respondent, math.fsum(values) / len(values))
                for respondent, values in per_person.items()
            ]
            block_rows.append(
                BlockAlignment(
                    area_id=area.id,
                    lens=lens,
                    stats=calc.stats(person_means),
                    consensus_mean=mean(consensus_levels),
                    consensus_answered=len(consensus_levels),
                    high_spread_question_ids=tuple(spread_ids),
                )
            )
    return AlignmentResult(
        questions=tuple(question_rows),
        blocks=tuple(block_rows),
        business_groups=rules.business_groups,
        it_groups=rules.it_groups,
    )


class _Stats:
    """Computes :class:`SpreadStats` for (respondent, value) pairs."""

    __slots__ = ("business", "groups", "it", "thresholds")

    def __init__(
        self,
        groups: Mapping[str, StakeholderGroup],
        business: frozenset[StakeholderGroup],
        it: frozenset[StakeholderGroup],
        thresholds: ScoringThresholds,
    ) -> None:
        self.groups = groups
        self.business = business
        self.it = it
        self.thresholds = thresholds

    def stats(self, values: Sequence[tuple[str, float]]) -> SpreadStats:
        if not values:
            return SpreadStats(0, None, None, None, None, (), 0, None, 0, None, None, False, False)
        numbers = [value for _, value in values]
        centre = math.fsum(numbers) / len(numbers)
        stdev = pstdev(numbers, centre)
        by_group: dict[StakeholderGroup, list[float]] = {}
        business: list[float] = []
        it: list[float] = []
        for respondent, value in values:
            group = self.groups.get(respondent)
            if group is None:
                continue
            by_group.setdefault(group, []).append(value)
            if group in self.business:
                business.append(value)
            elif group in self.it:
                it.append(value)
        group_means = tuple(
            GroupMean(group, len(members), math.fsum(members) / len(members))
            for group in _GROUP_ORDER
            if (members := by_group.get(group))
        )
        business_mean = mean(business)
        it_mean = mean(it)
        difference = (
            business_mean - it_mean if business_mean is not None and it_mean is not None else None
        )
        return SpreadStats(
            n=len(numbers),
            mean=centre,
            stdev=stdev,
            min=min(numbers),
            max=max(numbers),
            group_means=group_means,
            business_n=len(business),
            business_mean=business_mean,
            it_n=len(it),
            it_mean=it_mean,
            difference=difference,
            misaligned=difference is not None
            and at_least(abs(difference), self.thresholds.misalignment_levels),
            high_spread=at_least(stdev, self.thresholds.high_spread_stdev),
        )
