"""The demo engagement: realistic, complete, clearly fictional, and safe to add twice."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest

from scrm_desk.demo import (
    BASELINE_NAME,
    DEMO_CLIENT_NAME,
    DEMO_FRAMEWORK_ID,
    DEMO_TITLE,
    DISMISSED_KEY,
    FOLLOW_UP_NAME,
    add_demo_engagement,
    has_demo,
)
from scrm_desk.errors import WorkspaceError
from scrm_desk.frameworks import BuildingBlocksFramework, FrameworkCatalog
from scrm_desk.interchange import export_engagement, load_document
from scrm_desk.interchange.engagement_json import PLANNING_SECTIONS
from scrm_desk.planning import (
    PlanSnapshot,
    gate_state,
    load_questionnaire,
    planning_warnings,
    posture_view,
    suggest,
    suggestions_for,
)
from scrm_desk.records import (
    AnswerKind,
    AssessmentStatus,
    EngagementStatus,
    InitiativeStatus,
    Lens,
    RoadmapPhase,
    RoadmapStatus,
    StakeholderGroup,
    Variant,
)
from scrm_desk.scoring import AssessmentResult, compare_assessments, score_assessment
from scrm_desk.workspace import Workspace

TODAY = date(2026, 3, 16)
CATALOG = FrameworkCatalog.load()
LAYERS = CATALOG.layers()
REFERENCE = CATALOG.reference()


@pytest.fixture(scope="module")
def framework() -> BuildingBlocksFramework:
    return FrameworkCatalog.load().building_blocks(DEMO_FRAMEWORK_ID)


def score(ws: Workspace, framework: BuildingBlocksFramework, name: str) -> AssessmentResult:
    engagement = ws.engagements.active()[0]
    assessment = ws.assessments.named(engagement.id, name)
    return score_assessment(
        framework,
        assessment,
        ws.responses.for_assessment(assessment.id),
        ws.stakeholders.for_engagement(engagement.id),
    )


def test_the_demo_is_a_complete_active_engagement(workspace: Workspace) -> None:
    saved = add_demo_engagement(workspace, today=TODAY)
    engagement = saved.record
    client = workspace.clients.get(engagement.client_id)
    assert client.name == DEMO_CLIENT_NAME
    assert "(demo)" in client.name  # nobody mistakes it for a real organisation
    assert client.industry and client.size and client.region and client.notes
    assert engagement.title == DEMO_TITLE
    assert engagement.status is EngagementStatus.ACTIVE
    assert engagement.variant is Variant.BOTH
    assert engagement.consultant
    assert engagement.start_date == "2025-09-29"  # before the baseline
    assert engagement.end_date == "2026-04-20"
    assert "building blocks" in engagement.scope_notes
    assert "seven layers" in engagement.scope_notes
    assert saved.changes.touches("client", "engagement", "stakeholder")
    assert saved.changes.touches("assessment") and saved.changes.touches("response")


def test_the_stakeholders_cover_every_group(workspace: Workspace) -> None:
    engagement = add_demo_engagement(workspace).record
    people = workspace.stakeholders.for_engagement(engagement.id)
    assert 8 <= len(people) <= 10
    assert {person.group for person in people} == set(StakeholderGroup)
    assert all(person.role for person in people)
    assert len({person.name for person in people}) == len(people)
    assert all(person.email.endswith("example.com") for person in people)


def test_adding_the_demo_again_gives_a_distinct_title(workspace: Workspace) -> None:
    saved = [add_demo_engagement(workspace) for _ in range(3)]
    assert [s.record.title for s in saved] == [DEMO_TITLE, f"{DEMO_TITLE} 2", f"{DEMO_TITLE} 3"]
    assert len({s.record.client_id for s in saved}) == 1  # the demo client is reused
    assert workspace.clients.count() == 1
    assert not saved[1].changes.touches("client")


def test_a_title_in_the_trash_is_not_reused(workspace: Workspace) -> None:
    first = add_demo_engagement(workspace).record
    workspace.engagements.move_to_trash(first.id)
    assert add_demo_engagement(workspace).record.title == f"{DEMO_TITLE} 2"


def test_has_demo(workspace: Workspace) -> None:
    assert not has_demo(workspace)
    engagement = add_demo_engagement(workspace).record
    assert has_demo(workspace)
    workspace.engagements.move_to_trash(engagement.id)
    assert not has_demo(workspace)


def test_a_failure_half_way_adds_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = list(workspace.db.conn.iterdump())
    real_create = workspace.stakeholders.create
    calls: list[str] = []

    def create_then_fail(**values: Any) -> Any:
        if len(calls) == 4:
            raise WorkspaceError("Could not save: the disk is full. Nothing was changed.")
        calls.append(str(values["name"]))
        return real_create(**values)

    monkeypatch.setattr(workspace.stakeholders, "create", create_then_fail)
    with pytest.raises(WorkspaceError):
        add_demo_engagement(workspace)
    assert len(calls) == 4
    assert list(workspace.db.conn.iterdump()) == before


# --------------------------------------------------------------------------- assessments


def test_a_complete_baseline_and_a_half_done_review(
    workspace: Workspace, framework: BuildingBlocksFramework
) -> None:
    engagement = add_demo_engagement(workspace, today=TODAY).record
    baseline, review = workspace.assessments.for_engagement(engagement.id)
    assert workspace.assessments.latest(engagement.id) == review
    assert (baseline.name, baseline.assessed_on) == (BASELINE_NAME, "2025-10-13")  # ~5 months
    assert (review.name, review.assessed_on) == (FOLLOW_UP_NAME, "2026-02-23")  # 3 weeks
    assert baseline.status is AssessmentStatus.COMPLETE
    assert review.status is AssessmentStatus.IN_PROGRESS
    for assessment in (baseline, review):
        assert assessment.variant is Variant.BOTH
        assert (assessment.framework_id, assessment.framework_version) == (
            framework.id,
            framework.version,
        )
        assert assessment.notes
    asked = {(q.id, lens) for q in framework.questions() for lens in Lens}
    asked -= {(q.id, Lens.SOCIAL) for q in framework.questions() if q.social_text is None}

    answers = workspace.responses.for_assessment(baseline.id)
    consensus = [r for r in answers if r.respondent_id is None]
    assert {(r.question_id, r.lens) for r in consensus} == asked  # every question, both lenses
    kinds = Counter(r.kind for r in consensus)
    assert kinds[AnswerKind.NOT_APPLICABLE] >= 2 and kinds[AnswerKind.DONT_KNOW] >= 2
    with_evidence = [r for r in consensus if r.evidence]
    assert len(with_evidence) >= 0.4 * len(consensus)
    targets = [r.target_level for r in consensus if r.target_level is not None]
    assert sum(1 for t in targets if t in (3, 4)) >= 0.6 * len(targets)
    people = {p.id: p for p in workspace.stakeholders.for_engagement(engagement.id)}
    respondents = {r.respondent_id for r in answers if r.respondent_id is not None}
    assert len(respondents) >= 6
    assert {people[r].group for r in respondents} == set(StakeholderGroup)
    assert any(r.evidence for r in answers if r.respondent_id is not None)

    followed = workspace.responses.for_assessment(review.id)
    agreed = [r for r in followed if r.respondent_id is None]
    assert 0.5 <= len(agreed) / len(asked) <= 0.7
    assert len({r.respondent_id for r in followed if r.respondent_id is not None}) == 3


def test_scoring_the_demo_shows_every_kind_of_finding(
    workspace: Workspace, framework: BuildingBlocksFramework
) -> None:
    add_demo_engagement(workspace, today=TODAY)
    baseline = score(workspace, framework, BASELINE_NAME)
    found = {(f.kind, f.area_id, f.lens) for f in baseline.findings}
    assert ("missing_block", "metrics", Lens.CLASSIC) in found
    assert ("broken_foundation", "processes", Lens.SOCIAL) in found
    assert ("misalignment", "information", Lens.CLASSIC) in found
    assert ("misalignment", "technology", Lens.CLASSIC) in found
    assert {area for kind, area, _ in found if kind == "misalignment"} == {
        "information",
        "technology",
    }
    assert ("large_gap", "metrics", Lens.CLASSIC) in found
    assert any(kind == "high_spread" for kind, _, _ in found)
    strengths = {(area, lens) for kind, area, lens in found if kind == "strength"}
    assert strengths == {("vision", Lens.CLASSIC), ("customer_experience", Lens.CLASSIC)}
    assert "not_assessed" not in {kind for kind, _, _ in found}  # the baseline is complete

    metrics = baseline.block("metrics", Lens.CLASSIC)
    processes = baseline.block("processes", Lens.CLASSIC)
    social_processes = baseline.block("processes", Lens.SOCIAL)
    assert metrics is not None and metrics.score is not None and metrics.score < 2.0
    assert processes is not None and processes.score is not None
    assert social_processes is not None and social_processes.score is not None
    assert 2.0 <= processes.score < 2.5 and social_processes.score >= 3.0
    assert all(index.completeness == 1.0 for index in baseline.index)
    assert baseline.ignored_responses == 0


def test_the_review_is_partial_and_shows_progress(
    workspace: Workspace, framework: BuildingBlocksFramework
) -> None:
    add_demo_engagement(workspace, today=TODAY)
    baseline = score(workspace, framework, BASELINE_NAME)
    review = score(workspace, framework, FOLLOW_UP_NAME)
    assert all(index.completeness < 1 for index in review.index)
    assert any(block.completeness < 1 for block in review.blocks)
    comparison = compare_assessments(framework, baseline, review)
    improved = {(change.area_id, change.lens) for change in comparison.improved}
    assert ("processes", Lens.CLASSIC) in improved
    assert len(improved) >= 3
    assert comparison.improved[0].change is not None and comparison.improved[0].change >= 0.5
    assert not comparison.declined


def test_the_demo_reads_back_through_the_file_format_checks(workspace: Workspace) -> None:
    engagement = add_demo_engagement(workspace, today=TODAY).record
    document = load_document(export_engagement(workspace, engagement.id))
    assert len(document.assessments) == 2
    assert len(document.responses) > 1500
    # The plan passes the format's checks too: every framework id exists, one per cell.
    assert len(document.canvas_states) == 11 and len(document.roadmap_items) == 9


def _answers(ws: Workspace, engagement_id: str) -> list[tuple[Any, ...]]:
    names = {p.id: p.name for p in ws.stakeholders.for_engagement(engagement_id)}
    return sorted(
        (
            a.name,
            r.question_id,
            r.lens.value,
            names.get(r.respondent_id or "", ""),
            r.kind.value,
            r.current_level or 0,
            r.target_level or 0,
            r.confidence.value if r.confidence else "",
            r.evidence,
            r.updated_at,
        )
        for a in ws.assessments.for_engagement(engagement_id)
        for r in ws.responses.for_assessment(a.id)
    )


def test_the_demo_answers_are_the_same_every_time(workspace: Workspace) -> None:
    first = add_demo_engagement(workspace, today=TODAY).record
    second = add_demo_engagement(workspace, today=TODAY).record
    assert _answers(workspace, first.id) == _answers(workspace, second.id)


def test_a_failure_in_the_assessments_adds_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = list(workspace.db.conn.iterdump())
    real_put_back = workspace.assessments.put_back
    calls: list[str] = []

    def put_back_then_fail(record: Any) -> Any:
        if calls:
            raise WorkspaceError("Could not save: the disk is full. Nothing was changed.")
        calls.append(record.name)
        return real_put_back(record)

    monkeypatch.setattr(workspace.assessments, "put_back", put_back_then_fail)
    with pytest.raises(WorkspaceError):
        add_demo_engagement(workspace)
    assert calls == [BASELINE_NAME]
    assert list(workspace.db.conn.iterdump()) == before


# --------------------------------------------------------------------------- the plan


@pytest.fixture
def demo(workspace: Workspace) -> str:
    return add_demo_engagement(workspace, today=TODAY).record.id


def test_the_canvas_is_filled_for_every_layer_and_process(workspace: Workspace, demo: str) -> None:
    cells = workspace.canvas.by_cell(demo)
    expected = {(layer.id, "") for layer in LAYERS.layers} | {
        (layer.id, process.id) for layer in LAYERS.layers for process in layer.processes
    }
    assert set(cells) == expected and len(cells) == 11
    for state in cells.values():
        assert state.maturity is not None
        assert state.current_state and state.target_state and state.pain_points
        assert state.owner
    maturity = {key: state.maturity for key, state in cells.items()}
    assert maturity[("bi_listening", "")] == 1 == min(maturity.values())  # listening is weak
    assert maturity[("customer_experience", "")] == 4 == max(maturity.values())
    owners = {state.owner for state in cells.values()}
    people = {p.name for p in workspace.stakeholders.for_engagement(demo)}
    assert owners <= people


def test_the_gate_is_closed_four_of_six(workspace: Workspace, demo: str) -> None:
    gates = gate_state(workspace, demo, LAYERS)
    gate = gates.gate("customer_strategy")
    assert gate is not None and gate.closed
    assert (gate.met, gate.total) == (4, 6)
    assert {c.id for c in gate.unmet} == {"willingness_to_engage", "business_and_it_aligned"}
    assert all(c.note for c in gate.criteria)
    assert gates.blocked_layer_ids == tuple(layer.id for layer in LAYERS.layers[1:])
    (finding,) = gates.findings
    assert finding.title.startswith("Do not pass go")
    assert "4 of 6 gate criteria are met" in finding.text


def test_governance_is_partly_settled(workspace: Workspace, demo: str) -> None:
    entries = workspace.checklists.governance_entries(demo)
    ticked = {item for item, entry in entries.items() if entry.checked}
    assert ticked == {"escalation", "monitoring_hours"}
    assert len(REFERENCE.governance_checklist) == 8
    known = {item.id for item in REFERENCE.governance_checklist}
    assert set(entries) <= known


def test_the_posture_places_northwind_among_the_toe_dippers(
    workspace: Workspace, demo: str
) -> None:
    posture = workspace.posture.find(demo)
    assert posture is not None
    assert posture.computed_approach == "toe_dippers" and posture.override_approach is None
    view = posture_view(load_questionnaire(), posture)
    assert view.result.approach == "toe_dippers" and not view.overridden
    assert view.result.answered == view.result.questions  # every question answered


def test_initiatives_are_mostly_tactics_with_one_social_crm(
    workspace: Workspace, demo: str
) -> None:
    initiatives = workspace.social_initiatives.for_engagement(demo)
    assert 5 <= len(initiatives) <= 6
    kinds = Counter(i.kind for i in initiatives)
    assert kinds == {"social_media": len(initiatives) - 1, "social_crm": 1}
    assert {i.status for i in initiatives} == set(InitiativeStatus)


def test_customer_service_and_monitoring_go_first(workspace: Workspace, demo: str) -> None:
    points = workspace.starting_points.by_area(demo)
    assert set(points) == {area.id for area in REFERENCE.starting_areas}
    assert all(p.pain is not None and p.value is not None for p in points.values())
    chosen = {p.area_id for p in workspace.starting_points.chosen(demo)}
    assert chosen == {"customer_service", "marketing_monitoring"}
    # The chosen ones are the best rated (pain times value).
    best = sorted(points.values(), key=lambda p: -(p.pain or 0) * (p.value or 0))[:2]
    assert {p.area_id for p in best} == chosen


def test_platforms_in_benelux_and_dach_one_without_objective(
    workspace: Workspace, demo: str
) -> None:
    platforms = workspace.platforms.for_engagement(demo)
    assert 5 <= len(platforms) <= 6
    categories = {c.id for c in REFERENCE.platform_categories}
    assert all(p.category_id in categories for p in platforms)
    assert len({p.category_id for p in platforms}) == len(platforms)
    assert all(("Benelux" in p.geography or "DACH" in p.geography) for p in platforms)
    assert all(p.purpose for p in platforms)
    without = [p for p in platforms if not p.objective]
    assert [p.name for p in without] == ["X"]
    assert all(p.owner for p in platforms if p.objective)


def test_the_planning_warnings_tell_the_story(workspace: Workspace, demo: str) -> None:
    x = next(p for p in workspace.platforms.for_engagement(demo) if p.name == "X")
    warnings = planning_warnings(workspace, demo, REFERENCE)
    assert [w.key for w in warnings] == ["governance_gaps", f"platform_without_objective:{x.id}"]
    assert warnings[0].title == "Governance is not settled: 6 of 8 checklist points open"
    assert warnings[1].title == "X (Benelux) serves no objective"
    # Not: tactics only (one Social CRM initiative), too many areas, a single platform.


def test_the_roadmap_has_three_phases_over_the_next_year(workspace: Workspace, demo: str) -> None:
    items = workspace.roadmap.for_engagement(demo)
    assert 7 <= len(items) <= 9
    assert [item.position for item in items] == list(range(1, len(items) + 1))
    phases = [item.phase for item in items]
    assert set(phases) == set(RoadmapPhase)
    order = list(RoadmapPhase)
    assert phases == sorted(phases, key=order.index)  # quick wins first, later last
    year = TODAY + timedelta(days=365)
    blocks = {area.id for area in CATALOG.building_blocks(DEMO_FRAMEWORK_ID).areas}
    layers = {layer.id for layer in LAYERS.layers}
    areas = {area.id for area in REFERENCE.starting_areas}
    for item in items:
        assert item.start_date is not None and item.end_date is not None
        start, end = date.fromisoformat(item.start_date), date.fromisoformat(item.end_date)
        assert TODAY < end <= year and start < end
        if start < TODAY:  # begun after the baseline, and under way
            assert item.status is RoadmapStatus.IN_PROGRESS
        assert item.owner and item.description
        assert 1 <= item.impact <= 5 and 1 <= item.effort <= 5
        assert item.block_ids or item.layer_ids or item.area_ids
        assert set(item.block_ids) <= blocks
        assert set(item.layer_ids) <= layers
        assert set(item.area_ids) <= areas
    linked_areas = {a for item in items for a in item.area_ids}
    assert {"customer_service", "marketing_monitoring"} <= linked_areas


def _baseline_suggestions(ws: Workspace, engagement_id: str, **kwargs: bool) -> list[str]:
    framework = CATALOG.building_blocks(DEMO_FRAMEWORK_ID)
    return [
        s.key
        for s in suggest(
            PlanSnapshot.load(ws, engagement_id),
            layers=LAYERS,
            reference=REFERENCE,
            blocks=framework,
            result=score(ws, framework, BASELINE_NAME),
            **kwargs,
        )
    ]


def test_accepted_and_dismissed_suggestions_are_not_suggested_again(
    workspace: Workspace, demo: str
) -> None:
    origins = workspace.roadmap.origins(demo)
    assert origins == {
        "gate_closed:customer_strategy",
        "missing_block:metrics",
        "broken_foundation:processes",
        "misalignment:information",
    }
    assert workspace.dismissed_suggestions.keys(demo) == {DISMISSED_KEY}
    # Real suggestions: the rules make every one of them from the baseline's findings.
    everything = _baseline_suggestions(workspace, demo, include_handled=True)
    assert origins | {DISMISSED_KEY} <= set(everything)
    # Handled ones are gone; governance is left for the consultant to decide.
    assert _baseline_suggestions(workspace, demo) == ["governance_gaps"]
    # What the planning pages show (from the latest assessment, the review).
    assert [s.key for s in suggestions_for(workspace, demo, CATALOG)] == ["governance_gaps"]


def test_accepted_items_keep_the_suggestion_and_the_consultants_edits(
    workspace: Workspace, demo: str
) -> None:
    gate = workspace.roadmap.find_by_origin(demo, "gate_closed:customer_strategy")
    assert gate is not None and gate.position == 1
    assert gate.title == "Make the outside-in shift (Customer Strategy)"  # as suggested
    assert gate.layer_ids == ("customer_strategy",)
    assert gate.owner == "Marieke Jansen" and gate.status is RoadmapStatus.IN_PROGRESS
    metrics = workspace.roadmap.find_by_origin(demo, "missing_block:metrics")
    assert metrics is not None and metrics.block_ids == ("metrics",)
    assert metrics.title.startswith("Establish the Metrics building block")
    dismissed = workspace.dismissed_suggestions.find(demo, DISMISSED_KEY)
    assert dismissed is not None and dismissed.title == "Align business and IT on Technology"


def _plan(ws: Workspace, engagement_id: str) -> list[Any]:
    """The plan without ids and times, to compare two demos."""
    skip = {"id", "engagement_id", "created_at", "updated_at"}
    return [
        [
            {k: v for k, v in _fields_of(record).items() if k not in skip}
            for record in section.list_for_engagement(ws, engagement_id)
        ]
        for section in PLANNING_SECTIONS
    ]


def _fields_of(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def test_the_plan_is_the_same_every_time(workspace: Workspace) -> None:
    first = add_demo_engagement(workspace, today=TODAY).record
    second = add_demo_engagement(workspace, today=TODAY).record
    assert _plan(workspace, first.id) == _plan(workspace, second.id)
    assert all(_plan(workspace, first.id))


def test_a_failure_in_the_plan_adds_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = list(workspace.db.conn.iterdump())

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise WorkspaceError("Could not save: the disk is full. Nothing was changed.")

    monkeypatch.setattr(workspace.dismissed_suggestions, "dismiss", fail)  # the last step
    with pytest.raises(WorkspaceError):
        add_demo_engagement(workspace)
    assert list(workspace.db.conn.iterdump()) == before
    assert workspace.engagements.count() == 0


def test_the_demo_changes_name_every_kind_it_made(workspace: Workspace) -> None:
    saved = add_demo_engagement(workspace)
    for kind in (
        "canvas_state",
        "checklist_entry",
        "posture",
        "social_initiative",
        "starting_point",
        "platform",
        "roadmap_item",
        "dismissed_suggestion",
    ):
        assert saved.changes.touches(kind), kind
