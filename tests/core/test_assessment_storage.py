"""Assessments and responses: autosave, one answer per respondent, cascades and undo."""

from __future__ import annotations

import pytest

from scrm_desk.errors import NotFoundError, ValidationError
from scrm_desk.records import AnswerKind, AssessmentStatus, Confidence, Lens, Variant
from scrm_desk.workspace import Workspace


@pytest.fixture
def setting(workspace: Workspace):
    client = workspace.clients.create(name="Acme").record
    engagement = workspace.engagements.create(client_id=client.id, title="Readiness").record
    ann = workspace.stakeholders.create(engagement_id=engagement.id, name="Ann", group="it").record
    assessment = workspace.assessments.create(
        engagement_id=engagement.id,
        name="Baseline",
        assessed_on="2026-02-01",
        framework_id="gartner-8bb",
        framework_version="1.0",
    ).record
    return engagement, ann, assessment


def test_assessment_defaults_and_lenses(workspace: Workspace, setting) -> None:
    _, _, assessment = setting
    assert assessment.status is AssessmentStatus.IN_PROGRESS
    assert assessment.variant is Variant.BOTH
    assert assessment.lenses() == (Lens.CLASSIC, Lens.SOCIAL)
    classic = workspace.assessments.update(assessment.id, variant="classic").record
    assert classic.lenses() == (Lens.CLASSIC,)


def test_save_replaces_the_same_respondents_answer(workspace: Workspace, setting) -> None:
    _, ann, assessment = setting
    first = workspace.responses.save(
        assessment.id, "vision.leadership.1", "classic", None, current_level=2, target_level=4
    ).record
    again = workspace.responses.save(
        assessment.id,
        "vision.leadership.1",
        "classic",
        None,
        current_level=3,
        confidence="high",
        evidence="Board minutes",
    )
    assert again.record.id == first.id
    assert again.record.current_level == 3 and again.record.target_level is None
    assert again.record.confidence is Confidence.HIGH
    # Another respondent and another lens are separate answers.
    workspace.responses.save(
        assessment.id, "vision.leadership.1", "classic", ann.id, current_level=1
    )
    workspace.responses.save(
        assessment.id, "vision.leadership.1", "social", None, kind=AnswerKind.DONT_KNOW
    )
    answers = workspace.responses.for_assessment(assessment.id)
    assert len(answers) == 3
    assert [a.is_consensus for a in answers] == [True, False, True]
    assert (
        workspace.responses.find(
            assessment.id, "vision.leadership.1", Lens.CLASSIC, ann.id
        ).current_level
        == 1
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"current_level": 6}, "current_level"),
        ({"current_level": 0}, "current_level"),
        ({"target_level": "3"}, "target_level"),
        ({"current_level": True}, "current_level"),
        ({"kind": "not_applicable", "current_level": 3}, "current_level"),
        ({"kind": "maybe"}, "kind"),
        ({"confidence": "total"}, "confidence"),
        ({"evidence": "e" * 50_001}, "evidence"),
    ],
)
def test_bad_answers_are_refused(workspace: Workspace, setting, fields, field) -> None:
    _, _, assessment = setting
    with pytest.raises(ValidationError) as caught:
        workspace.responses.save(assessment.id, "vision.leadership.1", "classic", None, **fields)
    assert caught.value.field == field
    assert workspace.responses.count_for(assessment.id) == 0


def test_answer_for_unknown_stakeholder_is_refused(workspace: Workspace, setting) -> None:
    _, _, assessment = setting
    with pytest.raises(NotFoundError, match="no stakeholder"):
        workspace.responses.save(
            assessment.id, "q", "classic", "00000000-0000-4000-8000-000000000000", current_level=3
        )


def test_clear_and_put_back(workspace: Workspace, setting) -> None:
    _, ann, assessment = setting
    answer = workspace.responses.save(
        assessment.id, "q1", "classic", ann.id, current_level=4
    ).record
    workspace.responses.clear(assessment.id, "q1", "classic", ann.id)
    assert workspace.responses.for_assessment(assessment.id) == []
    workspace.responses.put_back_many([answer])
    assert workspace.responses.for_assessment(assessment.id) == [answer]


def test_removing_a_stakeholder_removes_their_answers_and_undo_restores(
    workspace: Workspace, setting
) -> None:
    _, ann, assessment = setting
    workspace.responses.save(assessment.id, "q1", "classic", ann.id, current_level=4)
    workspace.responses.save(assessment.id, "q1", "classic", None, current_level=3)
    given = workspace.responses.for_respondent(ann.id)
    workspace.stakeholders.delete(ann.id)
    assert workspace.responses.count_for(assessment.id) == 1  # the consensus stays
    workspace.stakeholders.put_back(ann)
    workspace.responses.put_back_many(given)
    assert workspace.responses.count_for(assessment.id) == 2


def test_emptying_the_trash_removes_assessments_and_answers(workspace: Workspace, setting) -> None:
    engagement, _, assessment = setting
    workspace.responses.save(assessment.id, "q1", "classic", None, current_level=3)
    workspace.engagements.move_to_trash(engagement.id)
    changes = workspace.engagements.empty_trash()
    assert changes.touches("assessment", "response")
    assert workspace.assessments.count() == 0
    assert workspace.responses.count() == 0


def test_latest_named_and_resume(workspace: Workspace, setting) -> None:
    engagement, ann, baseline = setting
    review = workspace.assessments.create(
        engagement_id=engagement.id,
        name="Six-month review",
        assessed_on="2026-08-01",
        framework_id="gartner-8bb",
        framework_version="1.0",
    ).record
    assert workspace.assessments.latest(engagement.id).id == review.id
    assert workspace.assessments.named(engagement.id, "baseline").id == baseline.id
    with pytest.raises(NotFoundError, match="'Baseline', 'Six-month review'"):
        workspace.assessments.named(engagement.id, "Final")
    assert workspace.assessments.resume_position(review.id, None) == {}
    workspace.assessments.set_resume_position(review.id, ann.id, {"area": "strategy"})
    assert workspace.assessments.resume_position(review.id, ann.id)["area"] == "strategy"
    assert workspace.assessments.resume_position(review.id, None) == {}
    assert workspace.assessments.get(review.id).updated_at == review.updated_at
