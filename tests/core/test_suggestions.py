"""Suggested roadmap initiatives: each rule, stable keys, accept, dismiss and undo."""

from __future__ import annotations

import dataclasses

import pytest

from scrm_desk.errors import ValidationError
from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.planning import (
    PlanSnapshot,
    accept_suggestion,
    dismiss_suggestion,
    load_planning_rules,
    restore_suggestion,
    suggest,
    suggestions_for,
)
from scrm_desk.records import (
    ChecklistEntry,
    ChecklistKind,
    InitiativeStatus,
    Lens,
    Platform,
    PlatformStatus,
    RoadmapItem,
    RoadmapPhase,
    RoadmapStatus,
    SocialInitiative,
    StartingPoint,
    Variant,
)
from scrm_desk.scoring import AlignmentResult, AssessmentResult, BlockScore, Finding
from scrm_desk.workspace import Workspace

CATALOG = FrameworkCatalog.load()
BLOCKS = CATALOG.building_blocks()
LAYERS = CATALOG.layers()
REFERENCE = CATALOG.reference()
RULES = load_planning_rules()
T = "2026-01-01T00:00:00.000Z"
C, S = Lens.CLASSIC, Lens.SOCIAL

GATE_PASSED = tuple(
    ChecklistEntry(f"c-{c.id}", "e", ChecklistKind.GATE, "customer_strategy", c.id, True, "", T, T)
    for c in LAYERS.layer("customer_strategy").gate_criteria
)
GOVERNANCE_DONE = tuple(
    ChecklistEntry(f"g-{i.id}", "e", ChecklistKind.GOVERNANCE, "", i.id, True, "", T, T)
    for i in REFERENCE.governance_checklist
)
ONE_AREA_CHOSEN = (StartingPoint("s1", "e", "customer_service", 5, 5, True, "", T, T),)


def quiet(**values) -> PlanSnapshot:
    """A snapshot from which no planning rule suggests anything, with ``values`` changed."""
    values.setdefault("checklist", GATE_PASSED + GOVERNANCE_DONE)
    values.setdefault("starting_points", ONE_AREA_CHOSEN)
    return PlanSnapshot(engagement_id="e", **values)


def block(area_id: str, lens: Lens, score: float, target: float | None = None) -> BlockScore:
    return BlockScore(
        area_id=area_id,
        lens=lens,
        cross_cutting=area_id == "governance",
        score=score,
        target=target,
        gap=None if target is None else target - score,
        answered=4,
        applicable=4,
        total=4,
        completeness=1.0,
        sub_scores=(),
        questions=(),
        flags=(),
    )


def finding(kind: str, area_id: str, lens: Lens) -> Finding:
    return Finding(kind, "medium", area_id, lens, f"{kind} in {area_id} ({lens.value})", "", "")


def result(findings=(), blocks=()) -> AssessmentResult:
    return AssessmentResult(
        assessment_id="a",
        framework_id=BLOCKS.id,
        framework_version=BLOCKS.version,
        variant=Variant.BOTH,
        lenses=(C, S),
        thresholds=BLOCKS.scoring,
        blocks=tuple(blocks),
        index=(),
        alignment=AlignmentResult((), (), (), ()),
        findings=tuple(findings),
    )


def run(snapshot: PlanSnapshot, assessment: AssessmentResult | None = None, rules=RULES, **kw):
    return suggest(
        snapshot,
        layers=LAYERS,
        reference=REFERENCE,
        blocks=BLOCKS,
        result=assessment,
        rules=rules,
        **kw,
    )


def keys(suggestions) -> list[str]:
    return [s.key for s in suggestions]


def test_nothing_to_suggest_for_a_sound_plan() -> None:
    assert run(quiet()) == ()
    assert run(quiet(), result()) == ()


def test_a_new_engagement_gets_the_gate_a_starting_area_and_governance() -> None:
    suggestions = run(PlanSnapshot(engagement_id="e"))
    assert keys(suggestions) == [
        "gate_closed:customer_strategy",
        "no_starting_area",
        "governance_gaps",
    ]
    gate = suggestions[0]
    assert gate.title == "Make the outside-in shift (Customer Strategy)"
    assert gate.layer_ids == ("customer_strategy",) and gate.phase is RoadmapPhase.QUICK_WIN
    assert (gate.impact, gate.effort) == (5, 3)
    assert gate.reason.startswith("Do not pass go")
    assert "Open points: “The strategy is expressed as outcomes customers want" in gate.description
    start = suggestions[1]
    assert start.area_ids == ()  # nothing rated: every area is a candidate, none linked
    assert "Candidates: Sales: social networking for contacts; Customer service; " in (
        start.description
    )
    governance = suggestions[2]
    assert governance.block_ids == ("governance",)
    assert governance.layer_ids == ("people_ecosystem",)
    assert governance.description.startswith("Settle the 8 open governance points: who may speak")
    assert "Still open: “It is written" in governance.description


@pytest.mark.parametrize("open_criteria", [1, 6])
def test_gate_suggestion_follows_the_gate(open_criteria) -> None:
    snap = quiet(checklist=GATE_PASSED[open_criteria:] + GOVERNANCE_DONE)
    assert keys(run(snap)) == ["gate_closed:customer_strategy"]


# --------------------------------------------------------------------------- from findings

FINDING_CASES = [
    # (findings, expected keys)
    ([finding("missing_block", "vision", C)], ["missing_block:vision"]),
    (
        [finding("missing_block", "vision", C), finding("missing_block", "vision", S)],
        ["missing_block:vision"],  # one initiative for both lenses
    ),
    (
        [finding("missing_block", "metrics", S), finding("missing_block", "vision", C)],
        ["missing_block:metrics", "missing_block:vision"],  # the findings' order
    ),
    ([finding("broken_foundation", "information", S)], ["broken_foundation:information"]),
    ([finding("misalignment", "technology", C)], ["misalignment:technology"]),
    ([finding("not_assessed", "vision", C)], []),
    ([finding("high_spread", "vision", C)], []),
    ([finding("strength", "vision", C)], []),
    (
        [
            finding("misalignment", "technology", C),
            finding("missing_block", "vision", C),
            finding("broken_foundation", "information", S),
        ],
        ["missing_block:vision", "broken_foundation:information", "misalignment:technology"],
    ),
]


@pytest.mark.parametrize(("findings", "expected"), FINDING_CASES)
def test_suggestions_from_findings(findings, expected) -> None:
    assert keys(run(quiet(), result(findings))) == expected


def test_missing_block_text_and_links() -> None:
    findings = [finding("missing_block", "vision", C), finding("missing_block", "vision", S)]
    (suggestion,) = run(quiet(), result(findings))
    assert suggestion.title == "Establish the Vision building block"
    assert "Vision is effectively missing (Classic CRM and Social CRM)." in suggestion.description
    assert suggestion.block_ids == ("vision",)
    assert suggestion.reason == "missing_block in vision (classic)"
    assert (suggestion.phase, suggestion.impact, suggestion.effort) == (RoadmapPhase.NEXT, 5, 4)


def test_misalignment_names_the_lenses() -> None:
    (suggestion,) = run(quiet(), result([finding("misalignment", "technology", S)]))
    assert suggestion.description.startswith(
        "Business and IT see Technology differently (Social CRM)."
    )


GAPS = [
    block("strategy", C, 2.0, 4.0),  # 2.0
    block("strategy", S, 1.5, 4.0),  # 2.5: the larger lens counts for the block
    block("customer_experience", C, 1.0, 4.0),  # 3.0
    block("collaboration", C, 2.5, 5.0),  # 2.5, ties with strategy: framework order
    block("processes", C, 3.0, 5.0),  # 2.0
    block("vision", C, 1.0, 5.0),  # 4.0 but missing: the missing-block initiative covers it
]
GAP_FINDINGS = [finding("large_gap", b.area_id, b.lens) for b in GAPS]


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (0, []),
        (1, ["large_gap:customer_experience"]),
        (3, ["large_gap:customer_experience", "large_gap:strategy", "large_gap:collaboration"]),
        (
            9,
            [
                "large_gap:customer_experience",
                "large_gap:strategy",
                "large_gap:collaboration",
                "large_gap:processes",
            ],
        ),
    ],
)
def test_largest_gaps(limit, expected) -> None:
    rules = dataclasses.replace(RULES, largest_gaps=limit)
    findings = [*GAP_FINDINGS, finding("missing_block", "vision", C)]
    found = run(quiet(), result(findings, GAPS), rules)
    assert keys(found) == ["missing_block:vision", *expected]


def test_large_gap_text_uses_the_larger_lens() -> None:
    rules = dataclasses.replace(RULES, largest_gaps=3)
    found = {s.key: s for s in run(quiet(), result(GAP_FINDINGS, GAPS), rules)}
    strategy = found["large_gap:strategy"]
    assert strategy.title == "Close the gap in Strategy"
    assert strategy.description.startswith(
        "Strategy scores 1.5 against a target of 4.0 (Social CRM): 2.5 levels to go."
    )
    assert strategy.phase is RoadmapPhase.LATER


# --------------------------------------------------------------------------- from the plan


def rated(area_id: str, pain: int | None, value: int | None, chosen: bool = False):
    return StartingPoint(f"s-{area_id}", "e", area_id, pain, value, chosen, "", T, T)


@pytest.mark.parametrize(
    ("points", "expected_areas"),
    [
        (
            (
                rated("sales", 4, 5),  # 20
                rated("customer_service", 5, 5),  # 25
                rated("marketing_monitoring", 5, 4),  # 20, after sales in framework order
                rated("marketing_crowdsourcing", 5, None),  # not rated on both
            ),
            ("customer_service", "sales"),
        ),
        ((rated("marketing_crowdsourcing", 1, 1),), ("marketing_crowdsourcing",)),
        ((rated("sales", 5, None),), ()),
    ],
)
def test_no_starting_area_names_the_best_rated(points, expected_areas) -> None:
    (suggestion,) = run(quiet(starting_points=points))
    assert suggestion.key == "no_starting_area"
    assert suggestion.area_ids == expected_areas
    if expected_areas == ("customer_service", "sales"):
        assert suggestion.description.endswith(
            "Candidates: Customer service; Sales: social networking for contacts."
        )


def test_one_chosen_area_is_enough() -> None:
    assert run(quiet(starting_points=(rated("sales", None, None, chosen=True),))) == ()


def platform(n: int, name: str) -> Platform:
    return Platform(f"p{n}", "e", name, "video", "", "", "", "Reach", PlatformStatus.USING, T, T)


def initiative(n: int, kind: str) -> SocialInitiative:
    return SocialInitiative(f"i{n}", "e", "x", "", kind, InitiativeStatus.PLANNED, "", T, T)


@pytest.mark.parametrize(
    ("snap", "expected"),
    [
        (quiet(platforms=(platform(1, "YouTube"),)), ["single_platform"]),
        (quiet(platforms=(platform(1, "YouTube"), platform(2, "Vimeo"))), []),
        (quiet(initiatives=(initiative(1, "social_media"),)), ["only_tactics"]),
        (quiet(initiatives=(initiative(1, "social_media"), initiative(2, "social_crm"))), []),
        (quiet(checklist=GATE_PASSED + GOVERNANCE_DONE[1:]), ["governance_gaps"]),
    ],
)
def test_suggestions_from_warnings(snap, expected) -> None:
    assert keys(run(snap)) == expected


def test_single_platform_and_tactics_texts() -> None:
    snap = quiet(
        platforms=(platform(1, "YouTube"),),
        initiatives=(initiative(1, "social_media"), initiative(2, "social_media")),
    )
    single, tactics = run(snap)
    assert "The objectives all rest on YouTube." in single.description
    assert single.layer_ids == ("customer_strategy",)
    assert single.reason == "The strategy depends on a single platform: YouTube"
    assert tactics.description.startswith("All 2 current initiatives are tactics.")
    assert tactics.block_ids == ("strategy",)


# --------------------------------------------------------------------------- handled ones


def item(origin: str) -> RoadmapItem:
    return RoadmapItem(
        "r1", "e", "Mine", "", (), (), (), 3, 3, "", RoadmapPhase.NEXT, None, None,
        RoadmapStatus.PLANNED, 1, origin, T, T,
    )  # fmt: skip


def test_dismissed_and_accepted_suggestions_are_not_made_again() -> None:
    base = PlanSnapshot(engagement_id="e")
    handled = dataclasses.replace(
        base, dismissed=frozenset({"governance_gaps"}), roadmap=(item("no_starting_area"),)
    )
    assert keys(run(handled)) == ["gate_closed:customer_strategy"]
    assert keys(run(handled, include_handled=True)) == keys(run(base))
    # A hand-written roadmap item (no origin) hides nothing.
    assert keys(run(dataclasses.replace(base, roadmap=(item(""),)))) == keys(run(base))


def test_keys_are_stable_across_runs() -> None:
    snap = PlanSnapshot(engagement_id="e")
    findings = [finding("missing_block", "vision", C), *GAP_FINDINGS]
    assert run(snap, result(findings, GAPS)) == run(snap, result(findings, GAPS))


# --------------------------------------------------------------------------- the workspace


@pytest.fixture
def engagement_id(workspace: Workspace) -> str:
    client = workspace.clients.create(name="Acme").record
    return workspace.engagements.create(client_id=client.id, title="Plan").record.id


def test_accept_edit_undo_dismiss_and_restore(workspace: Workspace, engagement_id) -> None:
    first = suggestions_for(workspace, engagement_id, CATALOG, RULES)
    assert keys(first) == ["gate_closed:customer_strategy", "no_starting_area", "governance_gaps"]
    gate = first[0]

    saved = accept_suggestion(
        workspace, engagement_id, gate, {"owner": "CEO", "start_date": "2026-02-01"}
    )
    roadmap_item = saved.record
    assert saved.changes.touches("roadmap_item")
    assert roadmap_item.origin == "gate_closed:customer_strategy"
    assert roadmap_item.title == gate.title and roadmap_item.owner == "CEO"
    assert roadmap_item.layer_ids == ("customer_strategy",)
    assert roadmap_item.phase is RoadmapPhase.QUICK_WIN
    assert (roadmap_item.impact, roadmap_item.effort) == (5, 3)
    assert roadmap_item.status is RoadmapStatus.PROPOSED
    assert keys(suggestions_for(workspace, engagement_id, CATALOG, RULES)) == [
        "no_starting_area",
        "governance_gaps",
    ]
    with pytest.raises(ValidationError, match="already on the roadmap"):
        accept_suggestion(workspace, engagement_id, gate)

    # Undo of the accept: the suggestion comes back.
    workspace.roadmap.delete(roadmap_item.id)
    assert keys(suggestions_for(workspace, engagement_id, CATALOG, RULES))[0] == gate.key

    dismissed = dismiss_suggestion(workspace, engagement_id, first[2]).record
    assert dismissed.key == "governance_gaps" and dismissed.title == first[2].title
    assert "governance_gaps" not in keys(suggestions_for(workspace, engagement_id, CATALOG, RULES))
    restore_suggestion(workspace, engagement_id, "governance_gaps")
    assert "governance_gaps" in keys(suggestions_for(workspace, engagement_id, CATALOG, RULES))


@pytest.mark.parametrize(
    ("edits", "field"),
    [
        ({"origin": "other"}, "origin"),
        ({"engagement_id": "x"}, "engagement_id"),
        ({"impact": 9}, "impact"),
    ],
)
def test_accept_refuses_bad_edits(workspace: Workspace, engagement_id, edits, field) -> None:
    suggestion = suggestions_for(workspace, engagement_id, CATALOG, RULES)[0]
    with pytest.raises(ValidationError) as caught:
        accept_suggestion(workspace, engagement_id, suggestion, edits)
    assert caught.value.field == field
    assert workspace.roadmap.count() == 0


def test_suggestions_from_a_real_assessment(workspace: Workspace, engagement_id) -> None:
    """End to end: vision answered at level 1 is a missing block, and becomes a suggestion."""
    assessment = workspace.assessments.create(
        engagement_id=engagement_id,
        name="Baseline",
        framework_id=BLOCKS.id,
        framework_version=BLOCKS.version,
        variant="classic",
    ).record
    for question in BLOCKS.area("vision").questions():
        workspace.responses.save(assessment.id, question.id, "classic", None, current_level=1)
    found = suggestions_for(workspace, engagement_id, CATALOG, RULES)
    assert "missing_block:vision" in keys(found)
    vision = next(s for s in found if s.key == "missing_block:vision")
    assert vision.description.startswith("Vision is effectively missing (Classic CRM).")


def test_quoted_list_reads_as_part_of_a_sentence() -> None:
    from scrm_desk.planning.gate import quoted_list

    assert quoted_list([]) == ""
    assert quoted_list(["One."]) == "“One”"
    assert quoted_list(["One.", "Two", "Three."]) == "“One”, “Two” and “Three”"
