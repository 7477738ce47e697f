"""The posture questionnaire: the classifier, the reasoning, the override and the file."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest

from scrm_desk.errors import ValidationError
from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.planning import (
    PlanningRulesError,
    classify,
    load_questionnaire,
    posture_view,
    save_answers,
    set_override,
)
from scrm_desk.planning.posture import answer, default_questionnaire_path, parse_questionnaire
from scrm_desk.workspace import Workspace

Q = load_questionnaire()
REFERENCE = FrameworkCatalog.load().reference()
RAW = tomllib.loads(default_questionnaire_path().read_text(encoding="utf-8"))

STRATEGIC = {
    "presence": "chosen_few",
    "leadership_view": "one_more_channel",
    "listening": "routine",
    "objectives": "business_measures",
    "spending": "same_measures",
    "follow_through": "joined_up",
    "tools": "after_use_cases",
    "voice": "written_down",
}
DENIAL = {
    "presence": "none",
    "leadership_view": "fad",
    "listening": "nobody",
    "objectives": "no_initiatives",
    "spending": "nothing",  # denial 2, toe-dippers 1
    "follow_through": "unanswered",
    "tools": "none_in_use",
    "voice": "not_considered",
}


def test_builtin_questionnaire_shape() -> None:
    assert 6 <= len(Q.questions) <= 10
    Q.check_reference(REFERENCE)  # same approach ids as the reference framework
    assert Q.approaches == ("denial", "toe_dippers", "strategic", "too_aggressive")
    # Ties follow Gartner's shares: the most common approach first.
    shares = {a.id: a.share_percent for a in REFERENCE.approaches}
    assert list(Q.tie_break) == sorted(Q.approaches, key=lambda a: -shares[a])
    for question in Q.questions:
        assert 2 <= len(question.options) <= 6
        # Every question lets each approach be the strongest lean of some option.
        leans = {a for option in question.options for a in option.leans_to()}
        assert leans == set(Q.approaches), question.id


# (answers, expected scores (denial, toe-dippers, strategic, too aggressive), approach, tied)
CASES = [
    pytest.param(STRATEGIC, (0, 0, 24, 0), "strategic", (), id="all strategic"),
    pytest.param(DENIAL, (23, 1, 0, 0), "denial", (), id="all denial"),
    pytest.param(
        {
            "listening": "now_and_then",  # t2 d1
            "spending": "nothing",  # d2 t1
            "presence": "none",  # d3
            "objectives": "activity_only",  # t2 a1
        },
        (6, 5, 0, 1),
        "denial",
        (),
        id="denial by one point",
    ),
    pytest.param(
        {
            "listening": "now_and_then",
            "spending": "nothing",
            "presence": "one_or_two",  # t3 instead of d3
            "objectives": "activity_only",
        },
        (3, 8, 0, 1),
        "toe_dippers",
        (),
        id="one answer flips it",
    ),
    pytest.param(
        {
            "presence": "many",
            "leadership_view": "experiment",
            "voice": "anyone",
            "tools": "site_defaults",
        },
        (0, 6, 0, 6),
        "toe_dippers",
        ("too_aggressive",),
        id="tie goes to the more common approach",
    ),
    pytest.param(
        {"presence": "none", "leadership_view": "fad", "voice": "written_down"},
        (6, 0, 3, 0),
        None,
        (),
        id="three answers are too few",
    ),
    pytest.param({}, (0, 0, 0, 0), None, (), id="no answers"),
]


@pytest.mark.parametrize(("answers", "scores", "approach", "tied"), CASES)
def test_classify(answers, scores, approach, tied) -> None:
    result = classify(Q, answers)
    assert tuple(s.score for s in result.scores) == scores
    assert [s.approach_id for s in result.scores] == list(Q.approaches)
    assert result.approach == approach
    assert result.tied_with == tied
    assert result.answered == len(answers) and result.questions == 8
    assert result.enough_answers is (len(answers) >= 4)
    total = sum(scores)
    assert [s.share for s in result.scores] == [s / total if total else 0.0 for s in scores]


def test_min_answers_threshold_exactly() -> None:
    four = dict(list(DENIAL.items())[:4])
    three = dict(list(DENIAL.items())[:3])
    assert classify(Q, four).approach == "denial"
    assert classify(Q, three).approach is None
    assert classify(Q, three).score("denial") == 9.0  # the totals are still shown


def test_reasoning_lists_each_answer_in_questionnaire_order() -> None:
    answers = {"voice": "anyone", "presence": "many", "listening": "scattered"}
    reasons = classify(Q, answers).reasons
    assert [r.question_id for r in reasons] == ["presence", "listening", "voice"]
    listening = reasons[1]
    assert (
        listening.option
        == "Several teams listen with their own tools; nobody brings the results together."
    )
    assert listening.leans_to == ("too_aggressive",)
    assert listening.weights == (("toe_dippers", 1.0), ("too_aggressive", 2.0))


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"budget": "none"}, "no question 'budget'"),
        ({"presence": "lots"}, "presence: 'lots' is not one of: none, one_or_two"),
    ],
)
def test_unknown_answers_are_refused(answers, message) -> None:
    with pytest.raises(ValidationError, match=message):
        classify(Q, answers)


# --------------------------------------------------------------------------- storing


@pytest.fixture
def engagement_id(workspace: Workspace) -> str:
    client = workspace.clients.create(name="Acme").record
    return workspace.engagements.create(client_id=client.id, title="Plan").record.id


def test_save_answers_override_and_view(workspace: Workspace, engagement_id) -> None:
    saved = save_answers(workspace, engagement_id, Q, DENIAL).record
    assert saved.computed_approach == "denial" and saved.approach == "denial"
    view = posture_view(Q, saved)
    assert view.approach == "denial" and not view.overridden
    assert view.result.score("denial") == 23.0

    with pytest.raises(ValidationError) as caught:
        set_override(workspace, engagement_id, "toe_dippers", "")
    assert caught.value.field == "override_note"
    with pytest.raises(ValidationError, match="'cautious' is not one of"):
        set_override(workspace, engagement_id, "cautious", "why", reference=REFERENCE)

    overridden = set_override(
        workspace, engagement_id, "toe_dippers", "A pilot page opened last month", REFERENCE
    ).record
    view = posture_view(Q, overridden)
    assert view.approach == "toe_dippers" and view.overridden
    assert view.computed_approach == "denial"  # the reasoning is kept beside the override
    assert view.result.approach == "denial"
    assert view.override_note == "A pilot page opened last month"

    # New answers recompute the computed approach; the override still wins.
    again = answer(workspace, engagement_id, Q, "presence", "one_or_two").record
    assert again.answers["presence"] == "one_or_two"
    assert again.computed_approach == "denial" and again.approach == "toe_dippers"

    cleared = set_override(workspace, engagement_id, None).record
    assert cleared.approach == "denial" and cleared.override_approach is None


def test_unanswering_below_the_minimum_clears_the_computed_approach(
    workspace: Workspace, engagement_id
) -> None:
    four = dict(list(STRATEGIC.items())[:4])
    assert save_answers(workspace, engagement_id, Q, four).record.computed_approach == "strategic"
    fewer = answer(workspace, engagement_id, Q, "presence", None).record
    assert "presence" not in fewer.answers
    assert fewer.computed_approach is None


def test_view_without_posture_and_with_stale_answers() -> None:
    empty = posture_view(Q, None)
    assert empty.approach is None and empty.result.answered == 0
    from scrm_desk.records import Posture

    stale = Posture(
        id="p",
        engagement_id="e",
        answers={**dict(list(STRATEGIC.items())[:4]), "retired_question": "x"},
        computed_approach="strategic",
        override_approach=None,
        override_note="",
        created_at="",
        updated_at="",
    )
    assert posture_view(Q, stale).result.answered == 4


# --------------------------------------------------------------------------- the file


def broken(change) -> dict:
    data = copy.deepcopy(RAW)
    change(data)
    return data


def _set_weight(value):
    def change(data):
        data["questions"][0]["options"][0]["weights"] = value

    return change


BROKEN = [
    (lambda d: d.update(schema_version=2), "schema_version 2 is newer"),
    (lambda d: d.update(schema_version="1"), "schema_version must be 1"),
    (lambda d: d.update(colour="red"), "unknown key(s): colour"),
    (lambda d: d.update(questions=d["questions"][:5]), "6 to 10 questions, not 5"),
    (lambda d: d.update(questions=d["questions"] * 2), "6 to 10 questions, not 16"),
    (lambda d: d.update(min_answers=9), "min_answers must be a whole number from 1 to 8"),
    (lambda d: d.update(tie_break=["denial", "strategic"]), "tie_break must list every"),
    (lambda d: d["questions"][1].update(id="presence"), "id 'presence' is used twice"),
    (lambda d: d["questions"][0].update(id="Presence"), "questions[0] id must be an id"),
    (lambda d: d["questions"][0].update(text=" "), "text must be a non-empty text"),
    (
        lambda d: d["questions"][0].update(options=d["questions"][0]["options"][:1]),
        "2 to 6 options",
    ),
    (_set_weight({"cautious": 2}), "unknown approach(es) cautious"),
    (_set_weight({"denial": 4}), "denial must be a number from 0 to 3"),
    (_set_weight({"denial": True}), "denial must be a number from 0 to 3"),
    (_set_weight({"denial": 0}), "at least one weight must be above 0"),
    (_set_weight({}), "weights must be a table"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_broken_questionnaires_are_refused_clearly(change, message) -> None:
    with pytest.raises(PlanningRulesError) as caught:
        parse_questionnaire(broken(change), source="posture.toml")
    assert str(caught.value).startswith("posture.toml: ")
    assert message in str(caught.value)


def test_weights_at_the_limits_are_accepted() -> None:
    parse_questionnaire(broken(_set_weight({"denial": 3, "strategic": 0})))
    assert parse_questionnaire(broken(lambda d: d.update(min_answers=8))).min_answers == 8


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(PlanningRulesError, match="cannot read the posture questionnaire"):
        load_questionnaire(tmp_path / "missing.toml")
    bad = tmp_path / "posture.toml"
    bad.write_text("approaches = [", encoding="utf-8")
    with pytest.raises(PlanningRulesError, match="not valid TOML"):
        load_questionnaire(bad)


def _rename_too_aggressive(data: dict) -> None:
    data["approaches"] = ["denial", "toe_dippers", "strategic", "bold"]
    data["tie_break"] = ["toe_dippers", "bold", "denial", "strategic"]
    for question in data["questions"]:
        for option in question["options"]:
            if "too_aggressive" in option["weights"]:
                option["weights"]["bold"] = option["weights"].pop("too_aggressive")


def test_a_mismatched_reference_is_refused() -> None:
    other = parse_questionnaire(broken(_rename_too_aggressive), source="mine.toml")
    with pytest.raises(PlanningRulesError, match=r"mine\.toml: approaches .* do not match"):
        other.check_reference(REFERENCE)
