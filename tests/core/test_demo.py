"""The demo engagement: realistic, complete, clearly fictional, and safe to add twice."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from typing import Any

import pytest

from scrm_desk.demo import (
    BASELINE_NAME,
    DEMO_CLIENT_NAME,
    DEMO_FRAMEWORK_ID,
    DEMO_TITLE,
    FOLLOW_UP_NAME,
    add_demo_engagement,
    has_demo,
)
from scrm_desk.errors import WorkspaceError
from scrm_desk.frameworks import BuildingBlocksFramework, FrameworkCatalog
from scrm_desk.interchange import export_engagement, load_document
from scrm_desk.records import (
    AnswerKind,
    AssessmentStatus,
    EngagementStatus,
    Lens,
    StakeholderGroup,
    Variant,
)
from scrm_desk.scoring import AssessmentResult, compare_assessments, score_assessment
from scrm_desk.workspace import Workspace

TODAY = date(2026, 3, 16)


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


def test_the_demo_is_quick(workspace: Workspace) -> None:
    add_demo_engagement(workspace)  # the first run loads the framework module
    start = time.perf_counter()
    add_demo_engagement(workspace)
    assert time.perf_counter() - start < 0.5


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
