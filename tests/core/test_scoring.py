"""Scoring: hand-computed expectations on small hand-made frameworks, one smoke test on
the built-in framework, and the validity of the findings rules file."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from scrm_desk.frameworks.model import (
    Area,
    BuildingBlocksFramework,
    MaturityLevel,
    Question,
    ScoringThresholds,
    SubComponent,
)
from scrm_desk.records import (
    AnswerKind,
    Assessment,
    AssessmentStatus,
    Lens,
    Response,
    Stakeholder,
    StakeholderGroup,
    Variant,
)
from scrm_desk.scoring import (
    FINDING_KINDS,
    AssessmentResult,
    analyse_alignment,
    compare_assessments,
    generate_findings,
    load_rules,
    score_assessment,
)
from scrm_desk.scoring.engine import QuestionAnswers, score_question
from scrm_desk.scoring.results import Basis, QuestionStatus
from scrm_desk.scoring.rules import PLACEHOLDERS, FindingRules, RulesError, parse_rules

ROOT = Path(__file__).resolve().parents[2]
CLASSIC, SOCIAL = Lens.CLASSIC, Lens.SOCIAL
LEVEL, NA, DK = AnswerKind.LEVEL, AnswerKind.NOT_APPLICABLE, AnswerKind.DONT_KNOW

THRESHOLDS = ScoringThresholds(
    missing_block_below=2.0,
    min_completeness=0.5,
    weak_foundation_below=2.5,
    misalignment_levels=1.0,
    high_spread_stdev=1.0,
    large_gap=2.0,
)


# --------------------------------------------------------------------------- builders


def question(area: str, sub: str, n: int, social: bool = True) -> Question:
    return Question(
        id=f"{area}.{sub}.{n}",
        text=f"Classic question {n}",
        hint="",
        area_id=area,
        sub_component_id=sub,
        social_text=f"Social question {n}" if social else None,
    )


def area(
    area_id: str, order: int, subs: dict[str, Sequence[bool]], cross_cutting: bool = False
) -> Area:
    """``subs`` maps sub-component id -> one bool per question (has a social variant)."""
    return Area(
        id=area_id,
        order=order,
        name=area_id.capitalize(),
        short_name=area_id,
        guiding_question="?",
        social_question="?",
        why_it_matters="",
        levels=("l1", "l2", "l3", "l4", "l5"),
        sub_components=tuple(
            SubComponent(
                id=sub,
                name=sub,
                description="",
                questions=tuple(question(area_id, sub, i + 1, s) for i, s in enumerate(social)),
            )
            for sub, social in subs.items()
        ),
        cross_cutting=cross_cutting,
    )


def framework(thresholds: ScoringThresholds = THRESHOLDS, *areas: Area) -> BuildingBlocksFramework:
    """Alpha (4 classic / 3 social questions), Beta (2/2), cross-cutting Gov (2/2)."""
    if not areas:
        areas = (
            area("alpha", 1, {"a1": (True, True), "a2": (False, True)}),
            area("beta", 2, {"b1": (True, True)}),
            area("gov", 3, {"g1": (True, True)}, cross_cutting=True),
        )
    return BuildingBlocksFramework(
        id="test-fw",
        kind="building_blocks",
        name="Test",
        version="1",
        description="",
        attribution="",
        source="built-in",
        maturity_levels=tuple(MaturityLevel(i, f"L{i}", "") for i in range(1, 6)),
        scoring=thresholds,
        areas=tuple(areas),
    )


def assessment(
    variant: Variant = Variant.BOTH, fw_id: str = "test-fw", aid: str = "a1"
) -> Assessment:
    return Assessment(
        id=aid,
        engagement_id="e1",
        name="A",
        assessed_on=None,
        variant=variant,
        framework_id=fw_id,
        framework_version="1",
        status=AssessmentStatus.IN_PROGRESS,
        notes="",
        created_at="",
        updated_at="",
    )


_ids = itertools.count()


def r(
    question_id: str,
    level: int | None = None,
    *,
    who: str | None = None,
    lens: Lens = CLASSIC,
    kind: AnswerKind = LEVEL,
    target: int | None = None,
    updated: str = "2024-01-01T00:00:00Z",
    aid: str = "a1",
) -> Response:
    return Response(
        id=f"r{next(_ids)}",
        assessment_id=aid,
        question_id=question_id,
        lens=lens,
        respondent_id=who,
        kind=kind,
        current_level=level if kind is LEVEL else None,
        target_level=target if kind is LEVEL else None,
        confidence=None,
        evidence="",
        created_at=updated,
        updated_at=updated,
    )


def stakeholder(sid: str, group: StakeholderGroup) -> Stakeholder:
    return Stakeholder(sid, "e1", sid, "", group, "", "", "", "")


STAKEHOLDERS = (
    stakeholder("exe", StakeholderGroup.EXECUTIVE),
    stakeholder("biz", StakeholderGroup.BUSINESS),
    stakeholder("fl", StakeholderGroup.FRONT_LINE),
    stakeholder("it1", StakeholderGroup.IT),
    stakeholder("it2", StakeholderGroup.IT),
    stakeholder("par", StakeholderGroup.PARTNER),
)


def score(
    responses: Sequence[Response],
    *,
    fw: BuildingBlocksFramework | None = None,
    variant: Variant = Variant.BOTH,
    rules: FindingRules | None = None,
) -> AssessmentResult:
    return score_assessment(
        fw or framework(), assessment(variant), responses, STAKEHOLDERS, rules=rules
    )


def kinds_of(result: AssessmentResult) -> set[tuple[str, str | None, str | None]]:
    return {(f.kind, f.area_id, f.lens.value if f.lens else None) for f in result.findings}


# A rules set whose templates echo every placeholder, so tests can check exact values
# without depending on the wording of the built-in file.
def echo_rules(**overrides: Any) -> FindingRules:
    kinds = {
        kind: {
            "severity": {"missing_block": "high", "broken_foundation": "high"}.get(
                kind, "low" if kind in ("strength", "foundation_unknown") else "medium"
            ),
            "title": f"{kind} {{area}}",
            "evidence": " ".join(f"{name}={{{name}}}" for name in sorted(PLACEHOLDERS[kind])),
            "suggested_action": f"act on {{area}} ({kind})",
        }
        for kind in FINDING_KINDS
    }
    data: dict[str, Any] = {
        "schema_version": 1,
        "alignment": {
            "business_groups": ["executive", "business", "front_line"],
            "it_groups": ["it"],
        },
        "thresholds": {"strength_min_score": 4.0},
        "kinds": kinds,
    }
    data.update(overrides)
    return parse_rules(data, source="echo")


ECHO = echo_rules()


def evidence(result: AssessmentResult, kind: str, area_id: str, lens: Lens) -> str:
    found = [
        f for f in result.findings if f.kind == kind and f.area_id == area_id and f.lens is lens
    ]
    assert len(found) == 1, (kind, area_id, lens, result.findings)
    return found[0].evidence


# --------------------------------------------------------------------------- question basis

Q = question("alpha", "a1", 1)

QUESTION_CASES = [
    # id, answers, status, score, target, basis
    ("no answers", [], QuestionStatus.UNANSWERED, None, None, None),
    (
        "consensus overrides individuals",
        [r(Q.id, 3), r(Q.id, 1, who="exe"), r(Q.id, 5, who="it1")],
        QuestionStatus.ANSWERED,
        3.0,
        None,
        Basis.CONSENSUS,
    ),
    (
        "mean of individuals",
        [r(Q.id, 2, who="exe"), r(Q.id, 3, who="biz"), r(Q.id, 5, who="it1")],
        QuestionStatus.ANSWERED,
        10 / 3,
        None,
        Basis.RESPONDENTS,
    ),
    (
        "N/A and don't-know left out of the mean",
        [r(Q.id, 2, who="exe"), r(Q.id, who="biz", kind=NA), r(Q.id, who="it1", kind=DK)],
        QuestionStatus.ANSWERED,
        2.0,
        None,
        Basis.RESPONDENTS,
    ),
    (
        "consensus N/A wins over levels",
        [r(Q.id, kind=NA), r(Q.id, 4, who="exe"), r(Q.id, 4, who="it1")],
        QuestionStatus.NOT_APPLICABLE,
        None,
        None,
        None,
    ),
    (
        "consensus don't-know falls back to individuals",
        [r(Q.id, kind=DK), r(Q.id, 2, who="exe", target=4), r(Q.id, 4, who="it1", target=5)],
        QuestionStatus.ANSWERED,
        3.0,
        4.5,
        Basis.RESPONDENTS,
    ),
    (
        "only N/A answers",
        [r(Q.id, who="exe", kind=NA), r(Q.id, who="it1", kind=NA)],
        QuestionStatus.NOT_APPLICABLE,
        None,
        None,
        None,
    ),
    (
        "N/A and don't-know is unanswered",
        [r(Q.id, who="exe", kind=NA), r(Q.id, who="it1", kind=DK)],
        QuestionStatus.UNANSWERED,
        None,
        None,
        None,
    ),
    (
        "consensus don't-know over N/A individuals is unanswered",
        [r(Q.id, kind=DK), r(Q.id, who="exe", kind=NA)],
        QuestionStatus.UNANSWERED,
        None,
        None,
        None,
    ),
    ("consensus don't-know alone", [r(Q.id, kind=DK)], QuestionStatus.UNANSWERED, None, None, None),
    (
        "target from individuals when consensus gives none",
        [r(Q.id, 2), r(Q.id, 1, who="exe", target=4), r(Q.id, 3, who="it1", target=5)],
        QuestionStatus.ANSWERED,
        2.0,
        4.5,
        Basis.CONSENSUS,
    ),
    (
        "consensus target overrides individual targets",
        [r(Q.id, 2, target=3), r(Q.id, 1, who="exe", target=5)],
        QuestionStatus.ANSWERED,
        2.0,
        3.0,
        Basis.CONSENSUS,
    ),
    (
        "a level answer with only a target is unanswered but keeps the target",
        [r(Q.id, None, who="exe", target=4)],
        QuestionStatus.UNANSWERED,
        None,
        4.0,
        None,
    ),
    (
        "a respondent's latest answer wins",
        [
            r(Q.id, 5, who="exe", updated="2024-01-02T00:00:00Z"),
            r(Q.id, 1, who="exe", updated="2024-01-01T00:00:00Z"),
        ],
        QuestionStatus.ANSWERED,
        5.0,
        None,
        Basis.RESPONDENTS,
    ),
]


@pytest.mark.parametrize(
    ("answers", "status", "expected_score", "target", "basis"),
    [case[1:] for case in QUESTION_CASES],
    ids=[case[0] for case in QUESTION_CASES],
)
def test_question_basis(
    answers: list[Response],
    status: QuestionStatus,
    expected_score: float | None,
    target: float | None,
    basis: Basis | None,
) -> None:
    result = score(answers)
    block = result.block("alpha", CLASSIC)
    assert block is not None
    got = block.questions[0]
    assert got.question_id == Q.id
    assert got.status is status
    assert got.score == (pytest.approx(expected_score) if expected_score is not None else None)
    assert got.target == target
    assert got.basis is basis


def test_score_question_without_answers() -> None:
    got = score_question(Q, None)
    assert (got.status, got.score, got.respondents) == (QuestionStatus.UNANSWERED, None, 0)
    empty = score_question(Q, QuestionAnswers())
    assert empty.status is QuestionStatus.UNANSWERED


# --------------------------------------------------------------------------- blocks and index


def block_responses() -> list[Response]:
    return [
        # alpha classic: a1.1 consensus 2 (target 4); a1.2 individuals 1 and 2 (targets 3, 4);
        # a2.1 consensus N/A; a2.2 only don't know.
        r("alpha.a1.1", 2, target=4),
        r("alpha.a1.2", 1, who="exe", target=3),
        r("alpha.a1.2", 2, who="it1", target=4),
        r("alpha.a2.1", kind=NA),
        r("alpha.a2.2", who="biz", kind=DK),
        # beta classic: 4 and 3, no targets.
        r("beta.b1.1", 4),
        r("beta.b1.2", 3),
        # governance classic: 1 and 1 (kept out of the index).
        r("gov.g1.1", 1),
        r("gov.g1.2", 1),
        # alpha social: a1.1 = 3; a2.1 has no social variant (ignored); a2.2 = 5.
        r("alpha.a1.1", 3, lens=SOCIAL),
        r("alpha.a2.1", 5, lens=SOCIAL),
        r("alpha.a2.2", 5, lens=SOCIAL),
        # unknown question: ignored.
        r("nope.x.1", 3),
    ]


def test_block_score_completeness_and_sub_scores() -> None:
    result = score(block_responses())
    alpha = result.block("alpha", CLASSIC)
    assert alpha is not None
    assert alpha.score == pytest.approx((2 + 1.5) / 2)  # 1.75
    assert alpha.target == pytest.approx((4 + 3.5) / 2)  # 3.75
    assert alpha.gap == pytest.approx(2.0)
    assert (alpha.answered, alpha.applicable, alpha.total, alpha.not_applicable) == (2, 3, 4, 1)
    assert alpha.completeness == pytest.approx(2 / 3)
    a1, a2 = alpha.sub_scores
    assert (a1.sub_component_id, a1.score, a1.target, a1.answered, a1.total) == (
        "a1",
        1.75,
        3.75,
        2,
        2,
    )
    assert (a2.sub_component_id, a2.score, a2.target, a2.answered, a2.applicable, a2.total) == (
        "a2",
        None,
        None,
        0,
        1,
        2,
    )
    assert alpha.flags == ("missing_block", "large_gap")
    assert alpha.missing_block_risk


def test_social_lens_covers_only_questions_with_a_social_variant() -> None:
    result = score(block_responses())
    social = result.block("alpha", SOCIAL)
    assert social is not None
    assert social.total == 3
    assert [q.question_id for q in social.questions] == ["alpha.a1.1", "alpha.a1.2", "alpha.a2.2"]
    assert social.score == pytest.approx(4.0)  # (3 + 5) / 2
    assert social.completeness == pytest.approx(2 / 3)
    assert [s.sub_component_id for s in social.sub_scores] == ["a1", "a2"]
    assert social.sub_scores[1].total == 1
    # alpha.a2.1 under the social lens and the unknown question are ignored.
    assert result.ignored_responses == 2


def test_index_excludes_cross_cutting_governance() -> None:
    result = score(block_responses())
    classic = result.index_for(CLASSIC)
    assert classic is not None
    assert classic.score == pytest.approx((1.75 + 3.5) / 2)  # 2.625, gov's 1.0 left out
    assert (classic.scored_blocks, classic.core_blocks, classic.completeness) == (2, 2, 1.0)
    gov = result.block("gov", CLASSIC)
    assert gov is not None and gov.score == 1.0
    assert gov.flags == ()  # governance is never a "missing block"
    social = result.index_for(SOCIAL)
    assert social is not None
    assert social.score == pytest.approx(4.0)  # only alpha is scored
    assert (social.scored_blocks, social.core_blocks, social.completeness) == (1, 2, 0.5)


def test_shape_order_and_variants() -> None:
    both = score(block_responses())
    assert [(b.area_id, b.lens) for b in both.blocks] == [
        ("alpha", CLASSIC),
        ("alpha", SOCIAL),
        ("beta", CLASSIC),
        ("beta", SOCIAL),
        ("gov", CLASSIC),
        ("gov", SOCIAL),
    ]
    classic_only = score(block_responses(), variant=Variant.CLASSIC)
    assert {b.lens for b in classic_only.blocks} == {CLASSIC}
    assert [i.lens for i in classic_only.index] == [CLASSIC]
    assert classic_only.ignored_responses == 4  # three social answers + the unknown question


def test_area_without_social_questions_has_no_questions_flag() -> None:
    fw = framework(
        THRESHOLDS,
        area("alpha", 1, {"a1": (True,)}),
        area("beta", 2, {"b1": (False, False)}),
    )
    result = score([r("alpha.a1.1", 3, lens=SOCIAL)], fw=fw, variant=Variant.SOCIAL)
    beta = result.block("beta", SOCIAL)
    assert beta is not None and beta.total == 0 and beta.flags == ("no_questions",)
    index = result.index_for(SOCIAL)
    assert index is not None and (index.core_blocks, index.score) == (1, 3.0)
    assert not result.findings_for("beta")


def test_mismatched_framework_or_assessment_is_refused() -> None:
    with pytest.raises(ValueError, match="framework"):
        score_assessment(framework(), assessment(fw_id="other"), [], STAKEHOLDERS)
    with pytest.raises(ValueError, match="belongs to assessment"):
        score([r("alpha.a1.1", 3, aid="someone-else")])


def test_results_are_not_rounded_and_serialise_to_json() -> None:
    result = score(
        [
            r("beta.b1.1", 1, who="exe"),
            r("beta.b1.1", 2, who="biz"),
            r("beta.b1.1", 2, who="it1"),
        ],
        rules=ECHO,
    )
    block = result.block("beta", CLASSIC)
    assert block is not None and block.score == 5 / 3
    data = json.loads(json.dumps(result.to_dict()))
    assert data["variant"] == "both"
    beta = next(b for b in data["blocks"] if (b["area_id"], b["lens"]) == ("beta", "classic"))
    assert beta["score"] == 5 / 3
    assert beta["partial_score"] is None
    assert data["thresholds"]["large_gap"] == 2.0
    assert data["alignment"]["blocks"][2]["stats"]["n"] == 3
    assert {"kind", "severity", "evidence"} <= set(data["findings"][0])


# --------------------------------------------------------------------------- thresholds


def with_thresholds(**changes: float) -> BuildingBlocksFramework:
    return framework(dataclasses.replace(THRESHOLDS, **changes))


def two_levels(a: int, b: int, lens: Lens = CLASSIC, area_id: str = "beta") -> list[Response]:
    return [r(f"{area_id}.b1.1", a, lens=lens), r(f"{area_id}.b1.2", b, lens=lens)]


FLAG_CASES = [
    # id, thresholds, responses, variant, (area, lens), flag, expected
    (
        "missing at 2.0 does not fire",
        {},
        two_levels(2, 2),
        Variant.BOTH,
        ("beta", CLASSIC),
        "missing_block",
        False,
    ),
    (
        "missing just below fires",
        {"missing_block_below": 2.01},
        two_levels(2, 2),
        Variant.BOTH,
        ("beta", CLASSIC),
        "missing_block",
        True,
    ),
    (
        "completeness at 50% is assessed",
        {},
        [r("beta.b1.1", 3)],
        Variant.BOTH,
        ("beta", CLASSIC),
        "not_assessed",
        False,
    ),
    (
        "completeness just below fires",
        {"min_completeness": 0.51},
        [r("beta.b1.1", 3)],
        Variant.BOTH,
        ("beta", CLASSIC),
        "not_assessed",
        True,
    ),
    (
        "unanswered block is not assessed",
        {},
        [],
        Variant.BOTH,
        ("beta", CLASSIC),
        "not_assessed",
        True,
    ),
    (
        "thin block is not also called missing",
        {"min_completeness": 0.51},
        [r("beta.b1.1", 1)],
        Variant.BOTH,
        ("beta", CLASSIC),
        "missing_block",
        False,
    ),
    (
        "all N/A block is not assessed",
        {},
        [r("beta.b1.1", kind=NA), r("beta.b1.2", kind=NA)],
        Variant.BOTH,
        ("beta", CLASSIC),
        "not_assessed",
        True,
    ),
    (
        "foundation at 2.5 holds",
        {},
        two_levels(2, 3) + two_levels(4, 4, SOCIAL),
        Variant.BOTH,
        ("beta", SOCIAL),
        "broken_foundation",
        False,
    ),
    (
        "foundation just below is broken",
        {"weak_foundation_below": 2.51},
        two_levels(2, 3) + two_levels(4, 4, SOCIAL),
        Variant.BOTH,
        ("beta", SOCIAL),
        "broken_foundation",
        True,
    ),
    (
        "no social score, no foundation finding",
        {"weak_foundation_below": 4.0},
        two_levels(2, 3),
        Variant.BOTH,
        ("beta", SOCIAL),
        "broken_foundation",
        False,
    ),
    (
        "classic block unanswered: foundation unknown",
        {},
        two_levels(4, 4, SOCIAL),
        Variant.BOTH,
        ("beta", SOCIAL),
        "foundation_unknown",
        True,
    ),
    (
        "variant social: foundation unknown",
        {},
        two_levels(1, 1, SOCIAL),
        Variant.SOCIAL,
        ("beta", SOCIAL),
        "foundation_unknown",
        True,
    ),
    (
        "variant social: never broken",
        {},
        two_levels(1, 1, SOCIAL),
        Variant.SOCIAL,
        ("beta", SOCIAL),
        "broken_foundation",
        False,
    ),
]


def test_gap_threshold_at_and_below() -> None:
    responses = [r("beta.b1.1", 2, target=4), r("beta.b1.2", 2, target=4)]
    at = score(responses).block("beta", CLASSIC)
    assert at is not None and at.gap == 2.0 and "large_gap" in at.flags
    below = score(responses, fw=with_thresholds(large_gap=2.01)).block("beta", CLASSIC)
    assert below is not None and "large_gap" not in below.flags


@pytest.mark.parametrize(
    ("changes", "responses", "variant", "where", "flag", "expected"),
    [case[1:] for case in FLAG_CASES],
    ids=[case[0] for case in FLAG_CASES],
)
def test_block_flags_at_and_below_thresholds(
    changes: dict[str, float],
    responses: list[Response],
    variant: Variant,
    where: tuple[str, Lens],
    flag: str,
    expected: bool,
) -> None:
    result = score(responses, fw=with_thresholds(**changes), variant=variant, rules=ECHO)
    block = result.block(*where)
    assert block is not None
    assert (flag in block.flags) is expected
    # every block flag with a finding kind of the same name yields exactly that finding
    assert ((flag, where[0], where[1].value) in kinds_of(result)) is expected


# --------------------------------------------------------------------------- alignment


def test_question_alignment_statistics_and_groups() -> None:
    responses = [
        r("alpha.a1.1", 3),  # consensus: beside, not mixed in
        r("alpha.a1.1", 4, who="exe"),
        r("alpha.a1.1", 4, who="biz"),
        r("alpha.a1.1", 2, who="it1"),
        r("alpha.a1.1", 3, who="it2"),
        r("alpha.a1.1", 5, who="par"),
        r("alpha.a1.1", who="fl", kind=DK),
    ]
    result = analyse_alignment(framework(), assessment(), responses, STAKEHOLDERS, rules=ECHO)
    row = result.question("alpha.a1.1", CLASSIC)
    assert row is not None
    s = row.stats
    assert s.n == 5
    assert s.mean == pytest.approx(18 / 5)
    assert s.stdev == pytest.approx(math.sqrt(5.2 / 5))  # squares .16+.16+2.56+.36+1.96
    assert (s.min, s.max) == (2.0, 5.0)
    assert [(g.group.value, g.n, g.mean) for g in s.group_means] == [
        ("executive", 1, 4.0),
        ("business", 1, 4.0),
        ("it", 2, 2.5),
        ("partner", 1, 5.0),
    ]
    assert (s.business_n, s.business_mean, s.it_n, s.it_mean) == (2, 4.0, 2, 2.5)
    assert s.difference == pytest.approx(1.5)
    assert s.misaligned and s.high_spread
    assert (row.consensus_level, row.consensus_kind) == (3, "level")
    # framework order: every question of every area, classic then social per area
    assert [(q.question_id, q.lens) for q in result.questions][:6] == [
        ("alpha.a1.1", CLASSIC),
        ("alpha.a1.2", CLASSIC),
        ("alpha.a2.1", CLASSIC),
        ("alpha.a2.2", CLASSIC),
        ("alpha.a1.1", SOCIAL),
        ("alpha.a1.2", SOCIAL),
    ]


def test_block_alignment_uses_each_respondents_block_mean() -> None:
    responses = [
        r("beta.b1.1", 4, who="exe"),
        r("beta.b1.2", 2, who="exe"),  # exe's block mean: 3
        r("beta.b1.1", 1, who="it1"),  # it1's block mean: 1
        r("beta.b1.1", 2, who="ghost"),  # not a known stakeholder: in n, in no group
        r("beta.b1.1", 5),
        r("beta.b1.2", 4),  # consensus mean 4.5
    ]
    result = analyse_alignment(framework(), assessment(), responses, STAKEHOLDERS, rules=ECHO)
    block = result.block("beta", CLASSIC)
    assert block is not None
    s = block.stats
    assert (s.n, s.mean, s.min, s.max) == (3, 2.0, 1.0, 3.0)
    assert s.stdev == pytest.approx(math.sqrt(2 / 3))
    assert (s.business_mean, s.it_mean, s.difference, s.misaligned) == (3.0, 1.0, 2.0, True)
    assert [g.group for g in s.group_means] == [StakeholderGroup.EXECUTIVE, StakeholderGroup.IT]
    assert (block.consensus_mean, block.consensus_answered) == (4.5, 2)
    # b1.1 levels 4, 1, 2: stdev 1.247 -> high spread; b1.2 has one respondent
    assert block.high_spread_question_ids == ("beta.b1.1",)
    empty = result.block("alpha", SOCIAL)
    assert empty is not None and (empty.stats.n, empty.stats.mean, empty.stats.stdev) == (
        0,
        None,
        None,
    )


def side_levels(business: Sequence[int], it: Sequence[int]) -> list[Response]:
    people = ["exe", "biz", "fl"]
    return [r("beta.b1.1", v, who=people[i]) for i, v in enumerate(business)] + [
        r("beta.b1.1", v, who=f"it{i + 1}") for i, v in enumerate(it)
    ]


ALIGNMENT_CASES = [
    # id, thresholds, responses, attribute, expected
    ("misalignment at exactly 1.0 fires", {}, side_levels([3], [2]), "misaligned", True),
    (
        "misalignment at 0.99 below threshold does not",
        {"misalignment_levels": 1.01},
        side_levels([3], [2]),
        "misaligned",
        False,
    ),
    ("negative difference counts too", {}, side_levels([2], [3]), "misaligned", True),
    (
        "one side only: no misalignment",
        {"misalignment_levels": 0.0},
        side_levels([1, 5], []),
        "misaligned",
        False,
    ),
    ("spread at exactly 1.0 fires", {}, side_levels([1, 3], []), "high_spread", True),
    (
        "spread just below does not",
        {"high_spread_stdev": 1.01},
        side_levels([1, 3], []),
        "high_spread",
        False,
    ),
]


@pytest.mark.parametrize(
    ("changes", "responses", "attribute", "expected"),
    [case[1:] for case in ALIGNMENT_CASES],
    ids=[case[0] for case in ALIGNMENT_CASES],
)
def test_alignment_flags_at_and_below_thresholds(
    changes: dict[str, float], responses: list[Response], attribute: str, expected: bool
) -> None:
    fw = with_thresholds(**changes)
    result = analyse_alignment(fw, assessment(), responses, STAKEHOLDERS, rules=ECHO)
    for row in (result.question("beta.b1.1", CLASSIC), result.block("beta", CLASSIC)):
        assert row is not None
        assert getattr(row.stats, attribute) is expected


def test_misalignment_with_float_means_of_exactly_one_level() -> None:
    # business 1, 2, 5 -> 8/3; IT 1, 1, 3 -> 5/3; in floats the difference is
    # 0.9999999999999998, which must still count as one full level.
    responses = [*side_levels([1, 2, 5], [1, 1]), r("beta.b1.1", 3, who="it3")]
    stakeholders = (*STAKEHOLDERS, stakeholder("it3", StakeholderGroup.IT))
    result = analyse_alignment(framework(), assessment(), responses, stakeholders, rules=ECHO)
    row = result.question("beta.b1.1", CLASSIC)
    assert row is not None and row.stats.difference is not None
    assert row.stats.difference < 1.0  # the float trap is real
    assert row.stats.difference == pytest.approx(1.0)
    assert row.stats.misaligned


def test_alignment_groups_come_from_the_rules() -> None:
    rules = echo_rules(alignment={"business_groups": ["executive"], "it_groups": ["it", "partner"]})
    responses = [
        r("beta.b1.1", 4, who="exe"),
        r("beta.b1.1", 1, who="biz"),
        r("beta.b1.1", 3, who="it1"),
        r("beta.b1.1", 5, who="par"),
    ]
    result = analyse_alignment(framework(), assessment(), responses, STAKEHOLDERS, rules=rules)
    row = result.question("beta.b1.1", CLASSIC)
    assert row is not None
    assert (row.stats.business_mean, row.stats.it_mean, row.stats.misaligned) == (4.0, 4.0, False)


# --------------------------------------------------------------------------- findings


def test_findings_fill_templates_with_the_numbers() -> None:
    responses = [
        *block_responses(),
        # beta social 4, 4 on classic 4/3: no foundation issue. gov social 4, 4 on classic 1/1.
        *two_levels(4, 4, SOCIAL),
        r("gov.g1.1", 4, lens=SOCIAL),
        r("gov.g1.2", 4, lens=SOCIAL),
        # misalignment + spread on beta classic, b1.1
        r("beta.b1.1", 5, who="exe"),
        r("beta.b1.1", 1, who="it1"),
    ]
    result = score(responses, rules=ECHO)
    assert evidence(result, "missing_block", "alpha", CLASSIC) == (
        "answered=2 applicable=3 area=Alpha lens=Classic CRM score=1.8 threshold=2.0"
    )
    assert evidence(result, "large_gap", "alpha", CLASSIC) == (
        "area=Alpha gap=2.0 lens=Classic CRM score=1.8 target=3.8 threshold=2.0"
    )
    assert evidence(result, "broken_foundation", "gov", SOCIAL) == (
        "area=Gov classic_score=1.0 lens=Social CRM score=4.0 threshold=2.5"
    )
    assert evidence(result, "misalignment", "beta", CLASSIC) == (
        "area=Beta business_mean=5.0 business_n=1 difference=4.0 it_mean=1.0 it_n=1 "
        "lens=Classic CRM threshold=1.0"
    )
    assert evidence(result, "high_spread", "beta", CLASSIC) == (
        "area=Beta count=1 lens=Classic CRM n=2 questions=b1, question 1 (σ 2.0) threshold=1.0 "
        "total=2"
    )
    assert evidence(result, "strength", "beta", SOCIAL) == (
        "area=Beta completeness=100% lens=Social CRM score=4.0 threshold=4.0"
    )
    # alpha social scores 4.0 too, but on a broken classic foundation: no praise
    assert ("strength", "alpha", "social") not in kinds_of(result)
    spread = next(f for f in result.findings if f.kind == "high_spread")
    assert spread.question_ids == ("beta.b1.1",)
    assert spread.title == "high_spread Beta"
    assert spread.suggested_action == "act on Beta (high_spread)"


def test_not_assessed_evidence_and_display_precision() -> None:
    result = score([], rules=ECHO)
    assert evidence(result, "not_assessed", "alpha", CLASSIC) == (
        "answered=0 applicable=4 area=Alpha completeness=0% lens=Classic CRM "
        "not_applicable=0 threshold=50% total=4"
    )
    # 1.96 against 2.0 must not read "2.0, below 2.0"
    responses = [r("beta.b1.1", 2, who=f"p{i}") for i in range(24)] + [
        r("beta.b1.1", 1, who="p24"),
        r("beta.b1.2", 2),
    ]
    low = score(responses, rules=ECHO)
    block = low.block("beta", CLASSIC)
    assert block is not None and block.score == pytest.approx((1.96 + 2) / 2)
    assert "score=1.98 threshold=2.0" in evidence(low, "missing_block", "beta", CLASSIC)


def test_strength_at_and_below_its_threshold() -> None:
    responses = two_levels(4, 4)
    assert ("strength", "beta", "classic") in kinds_of(score(responses, rules=ECHO))
    stricter = echo_rules(thresholds={"strength_min_score": 4.01})
    assert ("strength", "beta", "classic") not in kinds_of(score(responses, rules=stricter))
    thin = score([r("beta.b1.1", 5)], fw=with_thresholds(min_completeness=0.51), rules=ECHO)
    assert ("strength", "beta", "classic") not in kinds_of(thin)


def test_findings_sorted_by_severity_then_framework_order() -> None:
    responses = [*block_responses(), *two_levels(1, 1, SOCIAL), r("beta.b1.1", 5, who="exe")]
    result = score(responses, rules=ECHO)
    order = [
        (f.severity, f.area_id, f.lens.value if f.lens else None, f.kind) for f in result.findings
    ]
    # alpha classic 1.75 (missing, gap 2.0, exe 1 vs it1 2); alpha social 4.0 on a classic
    # 1.75; beta social 1.0; governance is never "missing".
    assert order == [
        ("high", "alpha", "classic", "missing_block"),
        ("high", "alpha", "social", "broken_foundation"),
        ("high", "beta", "social", "missing_block"),
        ("medium", "alpha", "classic", "misalignment"),
        ("medium", "alpha", "classic", "large_gap"),
    ]
    # generate_findings on its own gives the same list
    again = generate_findings(framework(), result, result.alignment, ECHO)
    assert again == result.findings


def test_variant_social_gives_foundation_notes_not_alarms() -> None:
    responses = [
        r("alpha.a1.1", 1, lens=SOCIAL),
        r("alpha.a1.2", 1, lens=SOCIAL),
        *two_levels(3, 3, SOCIAL),
    ]
    result = score(responses, variant=Variant.SOCIAL, rules=ECHO)
    kinds = kinds_of(result)
    assert ("foundation_unknown", "alpha", "social") in kinds
    assert ("foundation_unknown", "beta", "social") in kinds
    assert not any(kind == "broken_foundation" for kind, _, _ in kinds)
    note = next(f for f in result.findings if f.kind == "foundation_unknown")
    assert note.severity == "low"


def test_every_finding_has_numbers_in_its_evidence_with_builtin_rules() -> None:
    responses = [
        *block_responses(),
        *two_levels(4, 4, SOCIAL),
        r("gov.g1.1", 4, lens=SOCIAL),
        r("beta.b1.1", 5, who="exe"),
        r("beta.b1.1", 1, who="it1"),
    ]
    result = score(responses)
    assert {f.kind for f in result.findings} >= {
        "missing_block",
        "broken_foundation",
        "misalignment",
        "high_spread",
        "large_gap",
        "strength",
    }
    for finding in result.findings:
        assert any(ch.isdigit() for ch in finding.evidence), finding
        assert "{" not in finding.title + finding.evidence + finding.suggested_action


# --------------------------------------------------------------------------- comparison


def test_compare_assessments() -> None:
    fw = framework()
    baseline = score([*block_responses(), *two_levels(3, 3, SOCIAL)], fw=fw, rules=ECHO)
    follow_up = score(
        [
            r("alpha.a1.1", 3),
            r("alpha.a1.2", 3),  # alpha classic 3.0 (was 1.75)
            r("beta.b1.1", 2),
            r("beta.b1.2", 3),  # beta classic 2.5 (was 3.5)
            r("gov.g1.1", 2),
            r("gov.g1.2", 2),  # gov classic 2.0 (was 1.0)
            *two_levels(3, 3, SOCIAL),  # beta social unchanged
        ],
        fw=fw,
        rules=ECHO,
    )
    comparison = compare_assessments(fw, baseline, follow_up)
    alpha = comparison.block("alpha", CLASSIC)
    assert alpha is not None and (alpha.baseline, alpha.follow_up, alpha.change) == (
        1.75,
        3.0,
        1.25,
    )
    alpha_social = comparison.block("alpha", SOCIAL)
    assert alpha_social is not None
    assert (alpha_social.baseline, alpha_social.follow_up, alpha_social.change) == (4.0, None, None)
    beta_social = comparison.block("beta", SOCIAL)
    assert beta_social is not None and beta_social.change == 0.0
    assert [(b.area_id, b.lens.value, b.change) for b in comparison.improved] == [
        ("alpha", "classic", 1.25),
        ("gov", "classic", 1.0),
    ]
    assert [(b.area_id, b.change) for b in comparison.declined] == [("beta", -1.0)]
    classic_index = comparison.index[0]
    assert classic_index.lens is CLASSIC
    assert (classic_index.baseline, classic_index.follow_up) == (2.625, 2.75)
    assert classic_index.change == pytest.approx(0.125)
    assert json.loads(json.dumps(comparison.to_dict()))["declined"][0]["area_id"] == "beta"


def test_compare_refuses_another_framework() -> None:
    result = score([], rules=ECHO)
    other = dataclasses.replace(framework(), id="other")
    with pytest.raises(ValueError, match="framework"):
        compare_assessments(other, result, result)


# --------------------------------------------------------------------------- rules file


def test_builtin_rules_file_is_valid_and_covers_every_kind() -> None:
    rules = load_rules()
    assert [k.kind for k in rules.kinds] == list(FINDING_KINDS)
    assert rules.business_groups == (
        StakeholderGroup.EXECUTIVE,
        StakeholderGroup.BUSINESS,
        StakeholderGroup.FRONT_LINE,
    )
    assert rules.it_groups == (StakeholderGroup.IT,)
    assert rules.text("missing_block").severity == "high"
    assert rules.text("strength").severity == "low"
    assert "fail" in rules.text("missing_block").suggested_action
    assert "classic" in rules.text("broken_foundation").suggested_action.lower()


def _rules_data() -> dict[str, Any]:
    import tomllib

    return tomllib.loads((ROOT / "resources" / "rules" / "findings.toml").read_text("utf-8"))


def _without_kind(kind: str) -> dict[str, Any]:
    data = _rules_data()
    del data["kinds"][kind]
    return data


def _with(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    data = _rules_data()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


BAD_RULES = [
    ("missing kind", _without_kind("large_gap"), "no text for finding kind.*large_gap"),
    (
        "unknown kind",
        _with(("kinds", "surprise"), {"severity": "low"}),
        "unknown finding kind.*surprise",
    ),
    (
        "unknown placeholder",
        _with(("kinds", "large_gap", "evidence"), "gap {gapp}"),
        r"unknown placeholder \{gapp\}",
    ),
    (
        "placeholder of another kind",
        _with(("kinds", "strength", "title"), "{difference}"),
        r"\{difference\}",
    ),
    ("format spec", _with(("kinds", "strength", "title"), "{score:.2f}"), "format"),
    ("unbalanced brace", _with(("kinds", "strength", "title"), "oops {"), "not a valid template"),
    ("bad severity", _with(("kinds", "strength", "severity"), "critical"), "severity"),
    ("empty text", _with(("kinds", "strength", "suggested_action"), " "), "suggested_action"),
    ("unknown group", _with(("alignment", "it_groups"), ["it", "devs"]), "unknown group.*devs"),
    (
        "group on both sides",
        _with(("alignment", "it_groups"), ["it", "business"]),
        "both business and IT",
    ),
    ("bad strength", _with(("thresholds", "strength_min_score"), "high"), "strength_min_score"),
    ("wrong schema", _with(("schema_version",), 2), "schema_version"),
]


@pytest.mark.parametrize(
    ("data", "message"), [case[1:] for case in BAD_RULES], ids=[case[0] for case in BAD_RULES]
)
def test_bad_rules_are_rejected_clearly(data: dict[str, Any], message: str) -> None:
    with pytest.raises(RulesError, match=message):
        parse_rules(data, source="findings.toml")


def test_load_rules_reports_bad_files(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read"):
        load_rules(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = ", "utf-8")
    with pytest.raises(RulesError, match="not valid TOML"):
        load_rules(broken)


# --------------------------------------------------------------------------- built-in framework


def synthetic_responses(
    fw: BuildingBlocksFramework, stakeholders: Sequence[Stakeholder], seed: int = 7
) -> list[Response]:
    rng = random.Random(seed)
    out: list[Response] = []
    for q in fw.questions():
        for lens in (CLASSIC, SOCIAL):
            if lens is SOCIAL and q.social_text is None:
                continue
            out.append(r(q.id, rng.randint(1, 5), lens=lens, target=rng.randint(3, 5)))
            for s in stakeholders:
                roll = rng.random()
                kind = NA if roll < 0.03 else DK if roll < 0.08 else LEVEL
                out.append(r(q.id, rng.randint(1, 5), who=s.id, lens=lens, kind=kind, target=4))
    return out


def test_builtin_framework_full_assessment_smoke() -> None:
    from scrm_desk.frameworks.catalog import FrameworkCatalog

    catalog = FrameworkCatalog.load()
    try:
        fw = catalog.building_blocks()
    except Exception as exc:  # the built-in framework is another engineer's work in progress
        pytest.skip(f"built-in framework not loadable yet: {exc}")
    groups = list(StakeholderGroup)
    people = tuple(stakeholder(f"s{i}", groups[i % len(groups)]) for i in range(12))
    a = assessment(fw_id=fw.id)
    responses = synthetic_responses(fw, people)

    result = score_assessment(fw, a, responses, people)
    assert len(fw.areas) == 9
    assert len(result.blocks) == 9 * 2
    assert [(b.area_id, b.lens) for b in result.blocks] == [
        (area.id, lens) for area in fw.areas for lens in (CLASSIC, SOCIAL)
    ]
    assert [i.lens for i in result.index] == [CLASSIC, SOCIAL]
    assert all(i.core_blocks == 8 and i.score is not None for i in result.index)
    social_questions = sum(1 for q in fw.questions() if q.social_text is not None)
    assert len(result.alignment.questions) == len(fw.questions()) + social_questions
    assert len(result.alignment.blocks) == 18
    assert result.ignored_responses == 0
    assert all(b.stats.n == 12 for b in result.alignment.blocks)
    json.dumps(result.to_dict())


def test_scoring_never_imports_qt() -> None:
    code = (
        "import sys, scrm_desk.scoring, scrm_desk.scoring.compare;"
        "assert not any(m.startswith(('PySide6', 'ui')) for m in sys.modules), 'Qt loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_block_target_counts_only_answered_questions() -> None:
    # beta.b1.1 is answered (2, target 4); beta.b1.2 has only a target (5): left out.
    result = score([r("beta.b1.1", 2, target=4), r("beta.b1.2", None, target=5)], rules=ECHO)
    beta = result.block("beta", CLASSIC)
    assert beta is not None
    assert (beta.score, beta.target, beta.gap) == (2.0, 4.0, 2.0)


def test_index_comparison_is_also_given_like_for_like() -> None:
    fw = framework()
    # Baseline: alpha classic 1.0, beta classic 4.0 -> index 2.5.
    baseline = score([r("alpha.a1.1", 1), r("alpha.a1.2", 1), *two_levels(4, 4)], fw=fw, rules=ECHO)
    # Follow-up answers beta only (3.0): index 3.0, yet beta fell by a level.
    follow_up = score(two_levels(3, 3), fw=fw, rules=ECHO)
    [classic] = [i for i in compare_assessments(fw, baseline, follow_up).index if i.lens is CLASSIC]
    assert (classic.baseline, classic.follow_up, classic.change) == (2.5, 3.0, 0.5)
    assert classic.blocks_compared == 1
    assert (classic.baseline_like_for_like, classic.follow_up_like_for_like) == (4.0, 3.0)
    assert classic.like_for_like_change == -1.0


def test_all_flags_adds_misalignment_and_high_spread_to_the_blocks_own() -> None:
    result = score(side_levels([5, 5, 5], [2, 2]), rules=ECHO)  # σ 1.47
    beta = result.block("beta", CLASSIC)
    assert beta is not None
    assert "misaligned" not in beta.flags
    assert result.all_flags(beta)[-2:] == ("misaligned", "high_spread")
    calm = score(side_levels([3, 3, 3], [3, 3]), rules=ECHO)
    calm_beta = calm.block("beta", CLASSIC)
    assert calm_beta is not None and calm.all_flags(calm_beta) == calm_beta.flags


# --------------------------------------------------------------------------- not assessed

NOT_ASSESSED_CASES = [
    # id, thresholds, responses, variant, (area, lens), score, partial, flags, finding kinds
    (
        "one of four answered: no score, the mean kept as partial",
        {},
        [r("alpha.a1.1", 3, target=5)],
        Variant.BOTH,
        ("alpha", CLASSIC),
        None,
        3.0,
        ("not_assessed",),
        {"not_assessed"},
    ),
    (
        "two of four is enough",
        {},
        [r("alpha.a1.1", 3, target=4), r("alpha.a1.2", 3, target=4)],
        Variant.BOTH,
        ("alpha", CLASSIC),
        3.0,
        None,
        (),
        set(),
    ),
    (
        "at the minimum (one of two) is scored",
        {},
        [r("beta.b1.1", 3)],
        Variant.BOTH,
        ("beta", CLASSIC),
        3.0,
        None,
        (),
        set(),
    ),
    (
        "just below the minimum is not",
        {"min_completeness": 0.51},
        [r("beta.b1.1", 3)],
        Variant.BOTH,
        ("beta", CLASSIC),
        None,
        3.0,
        ("not_assessed",),
        {"not_assessed"},
    ),
    (
        "a thin low block is neither missing nor far from target",
        {},
        [r("alpha.a1.1", 1, target=5)],
        Variant.BOTH,
        ("alpha", CLASSIC),
        None,
        1.0,
        ("not_assessed",),
        {"not_assessed"},
    ),
    (
        "a thin top block is no strength",
        {},
        [r("alpha.a1.1", 5)],
        Variant.BOTH,
        ("alpha", CLASSIC),
        None,
        5.0,
        ("not_assessed",),
        {"not_assessed"},
    ),
    (
        "a thin social block on a weak classic one is not a broken foundation",
        {},
        [
            *(r(f"alpha.{q}", 1) for q in ("a1.1", "a1.2", "a2.1", "a2.2")),
            r("alpha.a1.1", 4, lens=SOCIAL),
        ],
        Variant.BOTH,
        ("alpha", SOCIAL),
        None,
        4.0,
        ("not_assessed",),
        {"not_assessed"},
    ),
    (
        "an assessed social block on a thin classic one: foundation unknown, not broken",
        {},
        [r("alpha.a1.1", 1), *(r(f"alpha.{q}", 3, lens=SOCIAL) for q in ("a1.1", "a1.2", "a2.2"))],
        Variant.BOTH,
        ("alpha", SOCIAL),
        3.0,
        None,
        ("foundation_unknown",),
        {"foundation_unknown"},
    ),
    (
        "every question not applicable: not assessed, nothing partial",
        {},
        [r("beta.b1.1", kind=NA), r("beta.b1.2", kind=NA)],
        Variant.BOTH,
        ("beta", CLASSIC),
        None,
        None,
        ("not_assessed",),
        {"not_assessed"},
    ),
    (
        "thin governance is flagged too, without a finding",
        {"min_completeness": 0.51},
        [r("gov.g1.1", 2)],
        Variant.BOTH,
        ("gov", CLASSIC),
        None,
        2.0,
        ("not_assessed",),
        set(),
    ),
    (
        "unanswered governance is flagged",
        {},
        [],
        Variant.BOTH,
        ("gov", SOCIAL),
        None,
        None,
        ("not_assessed",),
        set(),
    ),
]


@pytest.mark.parametrize(
    ("changes", "responses", "variant", "where", "expected_score", "partial", "flags", "kinds"),
    [case[1:] for case in NOT_ASSESSED_CASES],
    ids=[case[0] for case in NOT_ASSESSED_CASES],
)
def test_a_block_not_assessed_enough_reports_no_score(
    changes: dict[str, float],
    responses: list[Response],
    variant: Variant,
    where: tuple[str, Lens],
    expected_score: float | None,
    partial: float | None,
    flags: tuple[str, ...],
    kinds: set[str],
) -> None:
    result = score(responses, fw=with_thresholds(**changes), variant=variant, rules=ECHO)
    block = result.block(*where)
    assert block is not None
    assert (block.score, block.partial_score, block.flags) == (expected_score, partial, flags)
    assert block.is_assessed is (expected_score is not None)
    if expected_score is None:
        assert (block.target, block.gap) == (None, None)
        assert all(s.score is None and s.target is None for s in block.sub_scores)
        assert block.answered == sum(s.answered for s in block.sub_scores)  # counts stay
    found = {f.kind for f in result.findings if (f.area_id, f.lens) == where}
    assert found == kinds


def test_a_thin_block_is_left_out_of_the_index_and_the_comparison() -> None:
    fw = framework()
    every_alpha = ("a1.1", "a1.2", "a2.1", "a2.2")
    # Baseline: alpha classic 2.0 (4/4), beta classic 4.0: index 3.0 over two blocks.
    baseline = score([*(r(f"alpha.{q}", 2) for q in every_alpha), *two_levels(4, 4)], rules=ECHO)
    # Follow-up: alpha has one answer (5) of four, beta 4.0 again.
    follow_up = score([r("alpha.a1.1", 5), *two_levels(4, 4)], rules=ECHO)
    index = follow_up.index_for(CLASSIC)
    assert index is not None
    assert (index.score, index.scored_blocks, index.core_blocks) == (4.0, 1, 2)  # not 4.5

    comparison = compare_assessments(fw, baseline, follow_up)
    alpha = comparison.block("alpha", CLASSIC)
    assert alpha is not None and (alpha.baseline, alpha.follow_up, alpha.change) == (
        2.0,
        None,
        None,
    )
    assert not comparison.improved and not comparison.declined
    [classic] = [i for i in comparison.index if i.lens is CLASSIC]
    assert (classic.baseline, classic.follow_up, classic.change) == (3.0, 4.0, 1.0)
    assert (classic.baseline_like_for_like, classic.follow_up_like_for_like) == (4.0, 4.0)
    assert classic.like_for_like_change == 0.0
    assert (classic.blocks_compared, classic.baseline_blocks, classic.follow_up_blocks) == (1, 2, 1)
    assert classic.core_blocks == 2 and classic.like_for_like_differs
    same = compare_assessments(fw, baseline, baseline).index[0]
    assert not same.like_for_like_differs


ROUNDED_CHANGE_CASES = [
    # id, baseline, follow-up, change as shown
    ("3.0 to 3.6 is +0.6, not the exact +0.68", 2.96, 3.64, 0.6),
    ("3.0 to 3.0 is no change, not the exact -0.08", 3.04, 2.96, 0.0),
    ("halves round as displayed (1.2 to 1.4)", 1.25, 1.35, 0.2),
    ("a fall", 3.5, 2.44, -1.1),
    ("no baseline", None, 3.0, None),
    ("no follow-up", 3.0, None, None),
]


@pytest.mark.parametrize(
    ("baseline", "follow_up", "expected"),
    [case[1:] for case in ROUNDED_CHANGE_CASES],
    ids=[case[0] for case in ROUNDED_CHANGE_CASES],
)
def test_rounded_change_adds_up_with_the_rounded_scores(
    baseline: float | None, follow_up: float | None, expected: float | None
) -> None:
    from scrm_desk.scoring import rounded, rounded_change

    change = rounded_change(baseline, follow_up)
    assert change == expected
    if change is not None:
        before, after = rounded(baseline), rounded(follow_up)
        assert before is not None and after is not None
        assert f"{after:.1f}" == f"{before + change:.1f}"
        assert f"{change:+.1f}" != "-0.0"


def test_high_spread_names_questions_for_a_person_not_by_id() -> None:
    from scrm_desk.frameworks.catalog import FrameworkCatalog
    from scrm_desk.scoring.findings import question_names

    fw = FrameworkCatalog.load().building_blocks()
    names = question_names(fw)
    assert names["customer_experience.monitor_expectations.2"] == (
        "Monitor expectations, question 2"
    )
    assert len(names) == len(fw.questions())
    spread = [
        r("customer_experience.monitor_expectations.2", level, who=who)
        for level, who in ((1, "exe"), (5, "biz"), (3, "it1"))
    ] + [
        r("customer_experience.monitor_expectations.1", level, who=who)
        for level, who in ((2, "exe"), (4, "it1"))
    ]
    result = score_assessment(fw, assessment(fw_id=fw.id), spread, STAKEHOLDERS)
    finding = next(f for f in result.findings if f.kind == "high_spread")
    assert "Monitor expectations, question 2 (σ 1.6); Monitor expectations, question 1 (σ 1.0)" in (
        finding.evidence
    )
    assert "customer_experience." not in finding.evidence + finding.title
    assert finding.question_ids == (
        "customer_experience.monitor_expectations.1",
        "customer_experience.monitor_expectations.2",
    )
