"""Findings: the rules that turn scores and alignment into observations for the consultant.

When a finding applies is decided here, with thresholds read only from the framework's
``[scoring]`` table (plus the strength score from the rules file); what it says comes
only from the rules file's templates. Every finding's evidence cites its numbers.

=====================  =========================================================  =====
kind                   fires when (per area and lens)                              areas
=====================  =========================================================  =====
missing_block          block flagged ``missing_block`` by the engine               core
not_assessed           block flagged ``not_assessed`` by the engine                core
broken_foundation      social block flagged ``broken_foundation``                  all
foundation_unknown     social block flagged ``foundation_unknown``                 all
misalignment           block alignment ``misaligned`` (business vs IT)             all
high_spread            at least one question of the block has a high spread       all
large_gap              block flagged ``large_gap``                                 all
strength               score ≥ strength_min_score, completeness ≥                 all
                       ``min_completeness``, and not on a broken foundation
=====================  =========================================================  =====

A block not assessed enough has no score, target or gap (see :mod:`.engine`), so none
of the score-based kinds (missing_block, broken_foundation, foundation_unknown,
large_gap, strength) can fire on it; a cross-cutting area not assessed enough is
flagged but gets no finding (it is not one of the building blocks). Misalignment and
high spread describe the respondents' answers, not a block score, and still apply.

Evidence names questions for a person, never by id: "Monitor expectations, question 2"
(the sub-component's name and the question's number within it).

Findings are sorted by severity (high, medium, low), then area in framework order, then
lens (classic first), then kind in the order of :data:`FINDING_KINDS`.
"""

from __future__ import annotations

from scrm_desk.frameworks.model import Area, BuildingBlocksFramework
from scrm_desk.records import Lens
from scrm_desk.scoring.engine import at_least, below
from scrm_desk.scoring.results import (
    FLAG_BROKEN_FOUNDATION,
    FLAG_FOUNDATION_UNKNOWN,
    FLAG_LARGE_GAP,
    FLAG_MISSING_BLOCK,
    FLAG_NOT_ASSESSED,
    SEVERITIES,
    AlignmentResult,
    AssessmentResult,
    BlockScore,
    Finding,
)
from scrm_desk.scoring.rules import (
    FINDING_KINDS,
    KIND_BROKEN_FOUNDATION,
    KIND_FOUNDATION_UNKNOWN,
    KIND_HIGH_SPREAD,
    KIND_LARGE_GAP,
    KIND_MISALIGNMENT,
    KIND_MISSING_BLOCK,
    KIND_NOT_ASSESSED,
    KIND_STRENGTH,
    FindingRules,
    load_rules,
    render,
)

#: How many of the widest-spread questions the high-spread evidence names.
_SPREAD_QUESTIONS_SHOWN = 3


def generate_findings(
    framework: BuildingBlocksFramework,
    result: AssessmentResult,
    alignment: AlignmentResult,
    rules: FindingRules | None = None,
) -> tuple[Finding, ...]:
    """Every finding for ``result`` (its own ``findings`` are ignored), sorted."""
    rules = rules if rules is not None else load_rules()
    thresholds = framework.scoring
    areas = {area.id: area for area in framework.areas}
    spread = {(q.question_id, q.lens): q.stats.stdev for q in alignment.questions}
    names = question_names(framework)
    findings: list[Finding] = []

    def add(
        kind: str, area: Area, lens: Lens, values: dict[str, str], ids: tuple[str, ...] = ()
    ) -> None:
        text = rules.text(kind)
        filled = {"area": area.name, "lens": lens.label, **values}
        findings.append(
            Finding(
                kind=kind,
                severity=text.severity,
                area_id=area.id,
                lens=lens,
                title=render(text.title, filled),
                evidence=render(text.evidence, filled),
                suggested_action=render(text.suggested_action, filled),
                question_ids=ids,
            )
        )

    for block in result.blocks:
        area = areas.get(block.area_id)
        if area is None:
            continue
        lens = block.lens
        flags = block.flags
        if FLAG_MISSING_BLOCK in flags and block.score is not None:
            add(
                KIND_MISSING_BLOCK,
                area,
                lens,
                {
                    "score": fmt_against(block.score, thresholds.missing_block_below),
                    "threshold": fmt(thresholds.missing_block_below),
                    "answered": str(block.answered),
                    "applicable": str(block.applicable),
                },
            )
        if FLAG_NOT_ASSESSED in flags and not area.cross_cutting:
            add(
                KIND_NOT_ASSESSED,
                area,
                lens,
                {
                    "answered": str(block.answered),
                    "applicable": str(block.applicable),
                    "total": str(block.total),
                    "not_applicable": str(block.not_applicable),
                    "completeness": pct_against(block.completeness, thresholds.min_completeness),
                    "threshold": pct(thresholds.min_completeness),
                },
            )
        if FLAG_BROKEN_FOUNDATION in flags and block.score is not None:
            classic = result.block(block.area_id, Lens.CLASSIC)
            if classic is not None and classic.score is not None:
                add(
                    KIND_BROKEN_FOUNDATION,
                    area,
                    lens,
                    {
                        "score": fmt(block.score),
                        "classic_score": fmt_against(
                            classic.score, thresholds.weak_foundation_below
                        ),
                        "threshold": fmt(thresholds.weak_foundation_below),
                    },
                )
        if FLAG_FOUNDATION_UNKNOWN in flags and block.score is not None:
            add(KIND_FOUNDATION_UNKNOWN, area, lens, {"score": fmt(block.score)})

        block_alignment = alignment.block(block.area_id, lens)
        if block_alignment is not None:
            stats = block_alignment.stats
            if (
                stats.misaligned
                and stats.business_mean is not None
                and stats.it_mean is not None
                and stats.difference is not None
            ):
                add(
                    KIND_MISALIGNMENT,
                    area,
                    lens,
                    {
                        "business_mean": fmt(stats.business_mean),
                        "business_n": str(stats.business_n),
                        "it_mean": fmt(stats.it_mean),
                        "it_n": str(stats.it_n),
                        "difference": fmt_against(
                            abs(stats.difference), thresholds.misalignment_levels
                        ),
                        "threshold": fmt(thresholds.misalignment_levels),
                    },
                )
            ids = block_alignment.high_spread_question_ids
            if ids:
                widest = sorted(ids, key=lambda qid: -(spread.get((qid, lens)) or 0.0))
                shown = "; ".join(
                    f"{names.get(qid, qid)} (σ {fmt(spread.get((qid, lens)) or 0.0)})"
                    for qid in widest[:_SPREAD_QUESTIONS_SHOWN]
                )
                add(
                    KIND_HIGH_SPREAD,
                    area,
                    lens,
                    {
                        "count": str(len(ids)),
                        "total": str(block.total),
                        "n": str(stats.n),
                        "threshold": fmt(thresholds.high_spread_stdev),
                        "questions": shown,
                    },
                    ids,
                )

        if FLAG_LARGE_GAP in flags and block.gap is not None and block.target is not None:
            add(
                KIND_LARGE_GAP,
                area,
                lens,
                {
                    "score": fmt(block.score) if block.score is not None else "",
                    "target": fmt(block.target),
                    "gap": fmt_against(block.gap, thresholds.large_gap),
                    "threshold": fmt(thresholds.large_gap),
                },
            )
        if _is_strength(block, rules, thresholds.min_completeness) and block.score is not None:
            add(
                KIND_STRENGTH,
                area,
                lens,
                {
                    "score": fmt_against(block.score, rules.strength_min_score),
                    "threshold": fmt(rules.strength_min_score),
                    "completeness": pct(block.completeness),
                },
            )

    area_rank = {area.id: i for i, area in enumerate(framework.areas)}
    severity_rank = {name: i for i, name in enumerate(SEVERITIES)}
    kind_rank = {name: i for i, name in enumerate(FINDING_KINDS)}
    lens_rank = {lens: i for i, lens in enumerate(Lens)}
    findings.sort(
        key=lambda f: (
            severity_rank[f.severity],
            area_rank.get(f.area_id or "", len(area_rank)),
            lens_rank[f.lens] if f.lens is not None else -1,
            kind_rank[f.kind],
        )
    )
    return tuple(findings)


def question_names(framework: BuildingBlocksFramework) -> dict[str, str]:
    """Question id -> how a person names it: "Monitor expectations, question 2" (the
    sub-component's name, and the question's number within the sub-component, the same
    under both lenses)."""
    return {
        question.id: f"{sub.name}, question {number}"
        for area in framework.areas
        for sub in area.sub_components
        for number, question in enumerate(sub.questions, start=1)
    }


def _is_strength(block: BlockScore, rules: FindingRules, min_completeness: float) -> bool:
    return (
        block.score is not None
        and FLAG_NOT_ASSESSED not in block.flags
        and FLAG_BROKEN_FOUNDATION not in block.flags
        and not below(block.completeness, min_completeness)
        and at_least(block.score, rules.strength_min_score)
    )


# --------------------------------------------------------------------------- display


def fmt(value: float, decimals: int = 1) -> str:
    """A score for display: one decimal."""
    return f"{value:.{decimals}f}"


def fmt_against(value: float, threshold: float) -> str:
    """``value`` with one decimal, or more when one decimal would look like the threshold.

    A score of 1.96 against a threshold of 2.0 reads "1.96", not "2.0, below 2.0".
    """
    for decimals in (1, 2, 3):
        text = fmt(value, decimals)
        if abs(value - threshold) <= 1e-9 or text != fmt(threshold, decimals):
            return text
    return fmt(value, 3)


def pct(share: float) -> str:
    """A share (0.0 to 1.0) as a whole percentage."""
    return f"{share * 100:.0f}%"


def pct_against(share: float, threshold: float) -> str:
    """Like :func:`pct`, with a decimal when a whole number would look like the threshold."""
    whole = pct(share)
    if abs(share - threshold) <= 1e-9 or whole != pct(threshold):
        return whole
    return f"{share * 100:.1f}%"
