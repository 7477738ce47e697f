"""The engagement JSON format: exact round trips, every kind of bad file, ids and conflicts."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from scrm_desk.demo import add_demo_engagement
from scrm_desk.errors import InterchangeError, NotFoundError, WorkspaceError
from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.interchange import (
    FORMAT,
    FORMAT_VERSION,
    MAX_DOCUMENT_BYTES,
    EngagementExistsError,
    InvalidDocumentError,
    dumps,
    engagement_json,
    export_engagement,
    import_engagement,
    load_document,
    read_document_file,
    records_left_out,
    write_document_file,
)
from scrm_desk.records import (
    Assessment,
    CanvasState,
    ChecklistEntry,
    Client,
    DismissedSuggestion,
    Engagement,
    Platform,
    Posture,
    Response,
    RoadmapItem,
    SocialInitiative,
    Stakeholder,
    StartingPoint,
)
from scrm_desk.scoring import score_assessment
from scrm_desk.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "interchange"
FIXTURE = DATA / "engagement-v1.json"
FIXTURE_V2 = DATA / "engagement-v2.json"
FIXTURE_V3 = DATA / "engagement-v3.json"
SCHEMA = ROOT / "resources" / "schemas" / "engagement.schema.json"
BUILDING_BLOCKS = ROOT / "resources" / "frameworks" / "building_blocks.toml"


def fixture_document() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def fixture_v2_document() -> dict[str, Any]:
    return json.loads(FIXTURE_V2.read_text(encoding="utf-8"))


def fixture_v3_document() -> dict[str, Any]:
    return json.loads(FIXTURE_V3.read_text(encoding="utf-8"))


PLANNING_KEYS = [section.key for section in engagement_json.PLANNING_SECTIONS]
NO_PLAN: dict[str, list[Any]] = {key: [] for key in PLANNING_KEYS}


def snapshot(ws: Workspace) -> list[str]:
    """Every table's schema and rows, to prove a refused import changed nothing."""
    return list(ws.db.conn.iterdump())


def without_export_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


@pytest.fixture
def other_workspace(tmp_path: Path):
    ws = Workspace.open(tmp_path / "other.scrm.sqlite")
    yield ws
    ws.close()


@pytest.fixture
def demo_id(workspace: Workspace) -> str:
    return add_demo_engagement(workspace).record.id


# --------------------------------------------------------------------------- export


def test_export_holds_every_field_of_every_record(workspace: Workspace, demo_id: str) -> None:
    document = export_engagement(workspace, demo_id)
    engagement = workspace.engagements.get(demo_id)
    assert list(document)[:4] == ["format", "format_version", "exported_at", "app_version"]
    assert document["format"] == FORMAT
    assert document["format_version"] == FORMAT_VERSION
    assert document["engagement"]["id"] == demo_id
    assert document["engagement"]["status"] == "active"
    assert document["client"]["id"] == engagement.client_id
    assert list(document["client"]) == [f.name for f in fields(Client)]
    assert list(document["engagement"]) == [f.name for f in fields(Engagement)]
    assert len(document["stakeholders"]) == len(workspace.stakeholders.for_engagement(demo_id))
    assert all(list(s) == [f.name for f in fields(Stakeholder)] for s in document["stakeholders"])
    assessments = workspace.assessments.for_engagement(demo_id)
    assert [a["name"] for a in document["assessments"]] == ["Baseline", "Six-month review"]
    assert all(list(a) == [f.name for f in fields(Assessment)] for a in document["assessments"])
    stored = sum(len(workspace.responses.for_assessment(a.id)) for a in assessments)
    assert len(document["responses"]) == stored > 1000
    assert all(list(r) == [f.name for f in fields(Response)] for r in document["responses"])
    # Grouped by assessment in the order of the assessments, the consensus first.
    order = [a["id"] for a in document["assessments"]]
    ranks = [order.index(r["assessment_id"]) for r in document["responses"]]
    assert ranks == sorted(ranks)
    first = document["responses"][0]
    assert first["respondent_id"] is None and first["lens"] == "classic"
    # The plan, since version 3: every section present, each record with every field.
    assert list(document)[-8:] == PLANNING_KEYS
    for key, record in PLANNING_RECORDS.items():
        assert document[key], key
        assert all(list(item) == [f.name for f in fields(record)] for item in document[key])
    assert [item["position"] for item in document["roadmap_items"]] == list(range(1, 10))
    assert document["roadmap_items"][0]["block_ids"] == ["vision", "strategy"]  # a list
    assert document["postures"][0]["computed_approach"] == "toe_dippers"


def test_export_of_an_unknown_engagement_says_so(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError):
        export_engagement(workspace, "00000000-0000-4000-8000-000000000000")


def test_dumps_is_indented_utf8_text_in_a_stable_order(workspace: Workspace) -> None:
    imported = import_engagement(workspace, FIXTURE.read_bytes())
    document = export_engagement(workspace, imported.engagement_id)
    text = dumps(document)
    assert text.endswith("}\n")
    assert '\n  "format": "scrm-desk.engagement",' in text
    assert "Åse Lindqvist" in text  # written as itself, not as \u escapes
    assert dumps(json.loads(text)) == text
    again = export_engagement(workspace, imported.engagement_id)
    assert dumps(without_export_time(again)) == dumps(without_export_time(document))


def test_records_the_format_does_not_carry_are_counted(workspace: Workspace, demo_id: str) -> None:
    assert workspace.assessments.for_engagement(demo_id)  # carried since version 2
    assert records_left_out(workspace, demo_id) == {}
    workspace.db.execute("CREATE TABLE extra_notes (id TEXT PRIMARY KEY, engagement_id TEXT)")
    workspace.db.execute("INSERT INTO extra_notes VALUES ('n1', ?), ('n2', ?)", [demo_id] * 2)
    assert records_left_out(workspace, demo_id) == {"extra_notes": 2}


PLANNING_RECORDS: dict[str, type] = {
    "canvas_states": CanvasState,
    "checklist_entries": ChecklistEntry,
    "postures": Posture,
    "social_initiatives": SocialInitiative,
    "starting_points": StartingPoint,
    "platforms": Platform,
    "roadmap_items": RoadmapItem,
    "dismissed_suggestions": DismissedSuggestion,
}


def test_format_fields_match_the_records() -> None:
    """A field added to a record must be added to the format (and its docs) too."""
    for spec, record in (
        (engagement_json.CLIENT_FIELDS, Client),
        (engagement_json.ENGAGEMENT_FIELDS, Engagement),
        (engagement_json.STAKEHOLDER_FIELDS, Stakeholder),
        (engagement_json.ASSESSMENT_FIELDS, Assessment),
        (engagement_json.RESPONSE_FIELDS, Response),
        *((section.spec, section.record) for section in engagement_json.PLANNING_SECTIONS),
    ):
        assert [item.name for item in spec] == [f.name for f in fields(record)]
    assert {s.key: s.record for s in engagement_json.PLANNING_SECTIONS} == PLANNING_RECORDS


def tables_held_by_an_engagement(ws: Workspace) -> set[str]:
    """Every table whose rows hang off an engagement, directly or through other rows,
    read from the workspace's foreign keys."""
    parents = {
        table: {row[2] for row in ws.db.execute(f"PRAGMA foreign_key_list([{table}])")}
        for table in ws.db.table_names()
    }
    held: set[str] = set()
    frontier = {"engagements"}
    while frontier:
        frontier = {
            table
            for table, referenced in parents.items()
            if referenced & frontier and table not in held and table != "engagements"
        }
        held |= frontier
    return held


def test_every_table_of_an_engagement_has_a_section(workspace: Workspace, demo_id: str) -> None:
    """A table added to the workspace fails here until the format carries it."""
    held = tables_held_by_an_engagement(workspace)
    assert {"stakeholders", "responses", "roadmap_items", "postures"} <= held
    carried = [section.repository(workspace).table for section in engagement_json.SECTIONS]
    assert sorted(carried) == sorted(held)
    # The demo has rows in every one of them, so its round trip covers every table.
    document = export_engagement(workspace, demo_id)
    for section in engagement_json.SECTIONS:
        assert document[section.key], section.key
    assert records_left_out(workspace, demo_id) == {}


# --------------------------------------------------------------------------- round trips


def test_round_trip_into_a_fresh_workspace_is_exact(
    workspace: Workspace, other_workspace: Workspace, demo_id: str
) -> None:
    original = export_engagement(workspace, demo_id)
    result = import_engagement(other_workspace, dumps(original))
    copied = export_engagement(other_workspace, demo_id)
    assert without_export_time(copied) == without_export_time(original)
    assert result.engagement_id == demo_id
    assert not result.as_copy and not result.client_reused and not result.in_trash
    assert result.counts == {
        "client": 1,
        "engagement": 1,
        "stakeholders": 10,
        "assessments": 2,
        "responses": len(original["responses"]),
        "canvas_states": 11,
        "checklist_entries": 11,
        "postures": 1,
        "social_initiatives": 6,
        "starting_points": 5,
        "platforms": 6,
        "roadmap_items": 9,
        "dismissed_suggestions": 1,
    }
    assert result.changes.touches("client", "engagement", "stakeholder")
    assert result.changes.touches("assessment") and result.changes.touches("response")
    for kind in ("canvas_state", "checklist_entry", "posture", "roadmap_item"):
        assert result.changes.touches(kind), kind
    # Record for record, timestamps and positions included.
    for section in engagement_json.SECTIONS:
        assert section.list_for_engagement(other_workspace, demo_id) == (
            section.list_for_engagement(workspace, demo_id)
        ), section.key


def scores(ws: Workspace, engagement_id: str) -> list[dict[str, Any]]:
    """Every assessment of the engagement, scored by the engine, as JSON data."""
    framework = FrameworkCatalog.load().building_blocks()
    people = ws.stakeholders.for_engagement(engagement_id)
    return [
        score_assessment(framework, a, ws.responses.for_assessment(a.id), people).to_dict()
        for a in ws.assessments.for_engagement(engagement_id)
    ]


def test_an_imported_assessment_scores_exactly_like_the_original(
    workspace: Workspace, other_workspace: Workspace, demo_id: str
) -> None:
    import_engagement(other_workspace, export_engagement(workspace, demo_id))
    assert scores(other_workspace, demo_id) == scores(workspace, demo_id)


def test_resume_positions_stay_on_the_laptop(
    workspace: Workspace, other_workspace: Workspace, demo_id: str
) -> None:
    assessment = workspace.assessments.latest(demo_id)
    assert assessment is not None
    workspace.assessments.set_resume_position(assessment.id, None, {"page": 6})
    document = export_engagement(workspace, demo_id)
    assert "resume" not in json.dumps(document["assessments"])
    import_engagement(other_workspace, document)
    assert other_workspace.assessments.resume_position(assessment.id, None) == {}
    assert other_workspace.assessments.get(assessment.id) == assessment


def test_round_trip_through_a_file(
    workspace: Workspace, other_workspace: Workspace, demo_id: str, tmp_path: Path
) -> None:
    path = tmp_path / "demo.scrm.json"
    original = export_engagement(workspace, demo_id)
    write_document_file(original, path)
    import_engagement(other_workspace, read_document_file(path))
    assert without_export_time(export_engagement(other_workspace, demo_id)) == (
        without_export_time(original)
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_stored_version_1_file_still_imports_exactly(workspace: Workspace) -> None:
    stored = fixture_document()
    assert stored["format_version"] == 1 and "assessments" not in stored
    result = import_engagement(workspace, FIXTURE.read_bytes())
    assert result.counts["assessments"] == result.counts["responses"] == 0
    exported = export_engagement(workspace, result.engagement_id)
    # Written again as the current version, with the sections version 1 did not have.
    assert exported["format_version"] == FORMAT_VERSION == 3
    assert without_export_time(exported) | {"app_version": stored["app_version"]} == (
        without_export_time(stored)
        | {"format_version": 3, "assessments": [], "responses": []}
        | NO_PLAN
    )


def test_the_stored_version_2_file_imports_exactly(workspace: Workspace) -> None:
    stored = fixture_v2_document()
    assert stored["format_version"] == 2 and "roadmap_items" not in stored
    result = import_engagement(workspace, FIXTURE_V2.read_bytes())
    assert result.counts["assessments"] == 2 and result.counts["responses"] == 9
    assert all(result.counts[key] == 0 for key in PLANNING_KEYS)
    exported = export_engagement(workspace, result.engagement_id)
    # Written again as version 3, with an empty plan.
    assert dumps(without_export_time(exported) | {"app_version": stored["app_version"]}) == (
        dumps(without_export_time(stored) | {"format_version": 3} | NO_PLAN)
    )
    undated = workspace.assessments.named(result.engagement_id, "pulse check")
    assert undated.assessed_on is None
    answers = {
        (r.question_id, r.respondent_id): r
        for r in workspace.responses.for_assessment(stored["assessments"][0]["id"])
    }
    assert answers[("metrics.cost_to_serve.1", None)].current_level is None
    assert answers[("strategy.segments.3", None)].target_level == 4


def test_a_trashed_engagement_travels_in_the_trash(
    workspace: Workspace, other_workspace: Workspace, demo_id: str
) -> None:
    workspace.engagements.move_to_trash(demo_id)
    original = export_engagement(workspace, demo_id)
    result = import_engagement(other_workspace, original)
    assert result.in_trash
    assert [e.id for e in other_workspace.engagements.trashed()] == [demo_id]
    assert without_export_time(export_engagement(other_workspace, demo_id)) == (
        without_export_time(original)
    )


def test_the_example_in_the_format_document_imports(workspace: Workspace) -> None:
    text = (ROOT / "docs" / "interchange-format.md").read_text(encoding="utf-8")
    example = text.split("## Example", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    document = json.loads(example)
    assert document["format_version"] == FORMAT_VERSION
    result = import_engagement(workspace, example)
    assert result.counts["responses"] == 2
    assert result.counts["roadmap_items"] == 1 and result.counts["dismissed_suggestions"] == 0
    assert without_export_time(export_engagement(workspace, result.engagement_id)) == (
        without_export_time(document) | {"app_version": engagement_json.__version__}
    )


def test_load_document_checks_without_writing(workspace: Workspace) -> None:
    before = snapshot(workspace)
    document = load_document(FIXTURE.read_bytes())
    assert document.engagement.title == "Customer service on social channels"
    assert len(document.stakeholders) == 5
    assert snapshot(workspace) == before


def test_import_accepts_text_bytes_with_bom_and_parsed_json(tmp_path: Path) -> None:
    for index, data in enumerate(
        (FIXTURE.read_text(encoding="utf-8"), b"\xef\xbb\xbf" + FIXTURE.read_bytes())
    ):
        with Workspace.open(tmp_path / f"w{index}.sqlite") as ws:
            assert import_engagement(ws, data).counts["stakeholders"] == 5


def test_optional_fields_may_be_left_out(workspace: Workspace) -> None:
    document = fixture_document()
    for key in ("industry", "size", "region", "notes"):
        del document["client"][key]
    for key in ("consultant", "start_date", "end_date", "scope_notes", "deleted_at"):
        del document["engagement"][key]
    for person in document["stakeholders"]:
        for key in ("role", "email", "notes"):
            del person[key]
    result = import_engagement(workspace, document)
    engagement = workspace.engagements.get(result.engagement_id)
    assert engagement.start_date is None and engagement.scope_notes == ""


# --------------------------------------------------------------------------- bad files

Mutation = Callable[[dict[str, Any]], object]


def _set(path: str, value: object) -> Mutation:
    """A change to the fixture document at a dotted path such as ``stakeholders.2.email``."""

    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = document
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _delete(path: str) -> Mutation:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = document
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        del target[last]

    return change


def _duplicate_stakeholder(document: dict[str, Any]) -> None:
    document["stakeholders"][3]["id"] = document["stakeholders"][0]["id"]


def _end_before_start(document: dict[str, Any]) -> None:
    document["engagement"]["start_date"] = "2025-05-01"
    document["engagement"]["end_date"] = "2025-04-01"


TEN_MB = "x" * (10 * 1024 * 1024)

# (case id, change to the fixture, expected text in the message, schema rejects it too)
BAD_DOCUMENTS: list[tuple[str, Mutation, str, bool]] = [
    ("wrong format", _set("format", "other.thing"), "format: is 'other.thing'", True),
    ("missing format", _delete("format"), "format: is missing", True),
    ("newer version", _set("format_version", 99), "written by a newer SCRM Desk", True),
    (
        "version zero",
        _set("format_version", 0),
        "format_version: is 0, which is not supported",
        True,
    ),
    ("version as text", _set("format_version", "1"), "must be a whole number", True),
    ("version as true", _set("format_version", True), "must be a whole number", True),
    ("missing section", _delete("stakeholders"), "stakeholders: is missing", True),
    ("missing client", _delete("client"), "client: is missing", True),
    ("missing title", _delete("engagement.title"), "engagement.title: is missing", True),
    ("blank name", _set("client.name", "   "), "client.name: is required", True),
    ("missing time", _delete("exported_at"), "exported_at: is missing", True),
    ("section type", _set("stakeholders", {}), "stakeholders: must be an array", True),
    ("record type", _set("stakeholders.1", "Jonas"), "stakeholders[1]: must be an object", True),
    (
        "wrong type",
        _set("stakeholders.0.name", 5),
        "stakeholders[0].name: must be a string, not a number",
        True,
    ),
    (
        "null text",
        _set("engagement.title", None),
        "engagement.title: must be a string, not null",
        True,
    ),
    (
        "bad enum",
        _set("engagement.status", "done"),
        "engagement.status: 'done' is not one of: planned, active",
        True,
    ),
    ("bad group", _set("stakeholders.4.group", "boss"), "stakeholders[4].group: 'boss'", True),
    ("bad uuid", _set("stakeholders.1.id", "abc"), "stakeholders[1].id: 'abc' is not a UUID", True),
    (
        "bad date",
        _set("engagement.start_date", "2025-13-01"),
        "engagement.start_date: '2025-13-01' is not a date",
        True,
    ),
    (
        "bad timestamp",
        _set("client.created_at", "yesterday"),
        "client.created_at: 'yesterday' is not a UTC timestamp",
        True,
    ),
    (
        "bad e-mail",
        _set("stakeholders.2.email", "x"),
        "stakeholders[2].email: 'x' is not an e-mail address",
        True,
    ),
    (
        "two lines",
        _set("engagement.title", "a\nb"),
        "engagement.title: must be a single line",
        True,
    ),
    ("unknown field", _set("stakeholders.0.mood", "ok"), "stakeholders[0].mood: is not a", True),
    ("unknown section", _set("assessments", []), "assessments: is not part of format", True),
    (
        "answers in version 1",
        _set("responses", []),
        "responses: is not part of format version 1",
        True,
    ),
    ("end before start", _end_before_start, "engagement.end_date: 2025-04-01 is before", False),
    (
        "other client",
        _set("engagement.client_id", "11111111-2222-4333-8444-555555555555"),
        "engagement.client_id: is 11111111-2222-4333-8444-555555555555, but the client",
        False,
    ),
    (
        "other engagement",
        _set("stakeholders.2.engagement_id", "11111111-2222-4333-8444-555555555555"),
        "stakeholders[2].engagement_id: is 11111111",
        False,
    ),
    ("duplicate ids", _duplicate_stakeholder, "stakeholders[3].id: ", False),
    (
        "10 MB of text",
        _set("client.notes", TEN_MB),
        "client.notes: is 10,485,760 characters long; the limit is 50,000",
        True,
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"),
    [pytest.param(change, expected, id=name) for name, change, expected, _ in BAD_DOCUMENTS],
)
def test_a_bad_document_is_refused_at_its_place_and_changes_nothing(
    workspace: Workspace, demo_id: str, change: Mutation, expected: str
) -> None:
    document = fixture_document()
    change(document)
    before = snapshot(workspace)
    with pytest.raises(InvalidDocumentError) as caught:
        import_engagement(workspace, dumps(document).encode("utf-8"))
    assert expected in str(caught.value)
    assert "Nothing was changed" in str(caught.value) or "nothing was changed" in str(caught.value)
    assert snapshot(workspace) == before


OTHER_ID = "11111111-2222-4333-8444-555555555555"
JONAS = "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"


def _duplicate_assessment(document: dict[str, Any]) -> None:
    document["assessments"][1]["id"] = document["assessments"][0]["id"]


# Changes to the version 2 file, whose responses are, in order: 0 a "not applicable",
# 1 a "don't know", 2 a target without a level, 3 to 6 the consensus and two
# stakeholders on vision.leadership.1, then the second assessment's two answers.
BAD_V2_DOCUMENTS: list[tuple[str, Mutation, str, bool]] = [
    ("missing assessments", _delete("assessments"), "assessments: is missing", True),
    ("missing responses", _delete("responses"), "responses: is missing", True),
    ("assessments type", _set("assessments", {}), "assessments: must be an array", True),
    (
        "assessment of another engagement",
        _set("assessments.1.engagement_id", OTHER_ID),
        f"assessments[1].engagement_id: is {OTHER_ID}, but the engagement in this file",
        False,
    ),
    (
        "resume positions",
        _set("assessments.0.resume", {}),
        "assessments[0].resume: is not a field of this format",
        True,
    ),
    (
        "bad assessment status",
        _set("assessments.0.status", "done"),
        "assessments[0].status: 'done' is not one of: in_progress, complete",
        True,
    ),
    ("blank assessment name", _set("assessments.0.name", " "), "assessments[0].name: is", True),
    (
        "bad assessment date",
        _set("assessments.0.assessed_on", "2025-02-30"),
        "assessments[0].assessed_on: '2025-02-30' is not a date",
        True,
    ),
    (
        "bad variant",
        _set("assessments.1.variant", "mixed"),
        "assessments[1].variant: 'mixed' is not one of: classic, social, both",
        True,
    ),
    (
        "duplicate assessment ids",
        _duplicate_assessment,
        "assessments[1].id: 7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f is also the id of assessments[0]",
        False,
    ),
    (
        "unknown framework",
        _set("assessments.1.framework_id", "acme-blocks"),
        "assessments[1].framework_id: 'acme-blocks' is not a framework loaded in this SCRM "
        "Desk (the loaded building-blocks frameworks are 'gartner-8bb')",
        False,
    ),
    (
        "framework of another kind",
        _set("assessments.0.framework_id", "buchanan-7-layers"),
        "assessments[0].framework_id: 'buchanan-7-layers' is a layers framework",
        False,
    ),
    (
        "answer to an assessment not in the file",
        _set("responses.2.assessment_id", OTHER_ID),
        f"responses[2].assessment_id: is {OTHER_ID}, which is not the id of any assessment in "
        "this file",
        False,
    ),
    (
        "respondent not in the file",
        _set("responses.4.respondent_id", OTHER_ID),
        f"responses[4].respondent_id: is {OTHER_ID}, which is not the id of any stakeholder",
        False,
    ),
    (
        "respondent not a uuid",
        _set("responses.4.respondent_id", "Jonas"),
        "responses[4].respondent_id: 'Jonas' is not a UUID",
        True,
    ),
    (
        "level above 5",
        _set("responses.3.current_level", 6),
        "responses[3].current_level: must be a whole number from 1 to 5, not 6",
        True,
    ),
    (
        "target 0",
        _set("responses.3.target_level", 0),
        "responses[3].target_level: must be a whole number from 1 to 5, not 0",
        True,
    ),
    (
        "level as text",
        _set("responses.3.current_level", "3"),
        "responses[3].current_level: must be a whole number, not a string",
        True,
    ),
    (
        "level with a fraction",
        _set("responses.3.current_level", 2.5),
        "responses[3].current_level: must be a whole number, not a number",
        True,
    ),
    (
        "level as true",
        _set("responses.3.current_level", True),
        "responses[3].current_level: must be a whole number, not a boolean",
        True,
    ),
    (
        "level on a not-applicable answer",
        _set("responses.0.current_level", 3),
        "responses[0].current_level: must be null: a 'not applicable' answer has no level "
        "(it is 3)",
        True,
    ),
    (
        "target on a don't-know answer",
        _set("responses.1.target_level", 4),
        "responses[1].target_level: must be null: a 'don't know' answer has no level (it is 4)",
        True,
    ),
    (
        "unknown question",
        _set("responses.3.question_id", "vision.leadership.9"),
        "responses[3].question_id: 'vision.leadership.9' is not a question of the framework "
        "'gartner-8bb' (version 1.0) that the assessment scores (did you mean",
        False,
    ),
    (
        "second answer by a stakeholder",
        _set("responses.5.respondent_id", JONAS),
        f"responses[5]: is a second answer by the stakeholder {JONAS} to vision.leadership.1 "
        "under the classic lens in the same assessment (the first is responses[4])",
        False,
    ),
    (
        "second consensus answer",
        _set("responses.4.respondent_id", None),
        "responses[4]: is a second answer by the consensus to vision.leadership.1 under the "
        "classic lens in the same assessment (the first is responses[3])",
        False,
    ),
    (
        "bad lens",
        _set("responses.3.lens", "both"),
        "responses[3].lens: 'both' is not one of: classic, social",
        True,
    ),
    (
        "bad kind",
        _set("responses.3.kind", "skipped"),
        "responses[3].kind: 'skipped' is not one of: level, not_applicable, dont_know",
        True,
    ),
    (
        "bad confidence",
        _set("responses.3.confidence", "sure"),
        "responses[3].confidence: 'sure' is not one of: low, medium, high",
        True,
    ),
    (
        "missing question",
        _delete("responses.3.question_id"),
        "responses[3].question_id: is missing",
        True,
    ),
    (
        "unknown answer field",
        _set("responses.3.comment", "x"),
        "responses[3].comment: is not a field of this format",
        True,
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"),
    [pytest.param(change, expected, id=name) for name, change, expected, _ in BAD_V2_DOCUMENTS],
)
def test_a_bad_assessment_or_answer_is_refused_at_its_place_and_changes_nothing(
    workspace: Workspace, demo_id: str, change: Mutation, expected: str
) -> None:
    document = fixture_v2_document()
    change(document)
    before = snapshot(workspace)
    with pytest.raises(InvalidDocumentError) as caught:
        import_engagement(workspace, dumps(document).encode("utf-8"))
    assert expected in str(caught.value)
    assert "othing was changed" in str(caught.value)
    assert snapshot(workspace) == before


def test_a_problem_is_reported_once_not_again_by_what_refers_to_it(workspace: Workspace) -> None:
    for path, value in (
        ("assessments.0.status", "done"),  # its answers still refer to an assessment
        ("assessments.0.framework_id", "acme-blocks"),  # its questions cannot be checked
        ("stakeholders.0.group", "boss"),  # Jonas's answer still refers to him
    ):
        document = fixture_v2_document()
        _set(path, value)(document)
        with pytest.raises(InvalidDocumentError) as caught:
            load_document(document)
        assert len(caught.value.problems) == 1, caught.value.problems


def test_assessments_are_checked_against_the_workspace_frameworks(
    workspace: Workspace, tmp_path: Path
) -> None:
    own = FIXTURE_V2.parent  # any folder without framework files
    document = fixture_v2_document()
    document["assessments"][1]["framework_id"] = "acme-blocks"
    with pytest.raises(InvalidDocumentError, match="'acme-blocks' is not a framework loaded"):
        import_engagement(workspace, document, catalog=FrameworkCatalog.load([own]))
    # The consultant puts the framework's file beside the workspace: now it imports.
    workspace.frameworks_dir.mkdir()
    text = BUILDING_BLOCKS.read_text(encoding="utf-8")
    (workspace.frameworks_dir / "acme.toml").write_text(
        text.replace('id = "gartner-8bb"', 'id = "acme-blocks"', 1), encoding="utf-8"
    )
    with pytest.raises(InvalidDocumentError, match="acme-blocks"):
        load_document(document)  # the built-in frameworks only
    load_document(document, catalog=FrameworkCatalog.load([workspace.frameworks_dir]))
    result = import_engagement(workspace, document)
    assert workspace.assessments.named(result.engagement_id, "Pulse check").framework_id == (
        "acme-blocks"
    )


def test_a_document_without_assessments_loads_no_frameworks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_catalog(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the catalog was loaded")

    monkeypatch.setattr(FrameworkCatalog, "load", no_catalog)
    assert load_document(FIXTURE.read_bytes()).assessments == ()


RAW_BAD_FILES: list[tuple[str, bytes, str]] = [
    (
        "syntax",
        b'{\n  "format": "scrm-desk.engagement",\n  "format_version" 1\n}',
        "line 3, column",
    ),
    ("empty", b"", "the file is empty"),
    ("cut short", b'{\n  "format": "scrm-desk.engagement",\n  "client": {"na', "cut short"),
    ("array", b"[]", "must hold a JSON object, not an array"),
    ("string", b'"hello"', "must hold a JSON object, not a string"),
    ("not utf-8", b'{"format": "\xff"}', "not UTF-8 text (byte 0xff on line 1)"),
    ("NaN", b'{"format": NaN}', "NaN is not a valid JSON number"),
    ("duplicate key", b'{"format": "a", "format": "b"}', "the key 'format' appears twice"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("huge number", b'{"format": ' + b"9" * 5000 + b"}", "not valid JSON"),
]


def test_a_lone_surrogate_is_refused_not_a_crash(workspace: Workspace) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("Jonas Berg", "Jonas \\ud800Berg")
    with pytest.raises(InvalidDocumentError, match=r"stakeholders\[0\]\.name: contains a broken"):
        import_engagement(workspace, text)
    assert workspace.engagements.count() == 0


@pytest.mark.parametrize(
    ("data", "expected"),
    [pytest.param(data, expected, id=name) for name, data, expected in RAW_BAD_FILES],
)
def test_a_file_that_is_not_a_json_object_is_refused(
    workspace: Workspace, demo_id: str, data: bytes, expected: str
) -> None:
    before = snapshot(workspace)
    with pytest.raises(InvalidDocumentError) as caught:
        import_engagement(workspace, data)
    assert expected in str(caught.value)
    assert snapshot(workspace) == before


def test_every_problem_is_collected_and_the_message_is_capped(workspace: Workspace) -> None:
    document = fixture_document()
    person = document["stakeholders"][0]
    document["stakeholders"] = [
        dict(person, id=f"00000000-0000-4000-8000-{index:012d}", email=f"bad{index}")
        for index in range(30)
    ]
    with pytest.raises(InvalidDocumentError) as caught:
        import_engagement(workspace, document)
    assert len(caught.value.problems) == 30
    message = str(caught.value)
    assert message.startswith("The file cannot be imported (30 problems); nothing was changed:")
    assert "stakeholders[0].email: 'bad0' is not an e-mail address" in message
    assert "stakeholders[19].email" in message and "stakeholders[20].email" not in message
    assert message.endswith("and 10 more")
    assert workspace.engagements.count() == 0


def test_a_file_over_50_mb_is_refused_before_parsing(workspace: Workspace, tmp_path: Path) -> None:
    huge = b" " * (MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(InvalidDocumentError, match="at most 50 MB"):
        import_engagement(workspace, huge)
    with pytest.raises(InvalidDocumentError, match="at most 50 MB"):
        import_engagement(workspace, huge.decode())
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: large without writing 50 MB
    with pytest.raises(InvalidDocumentError, match=r"50\.0 MB; an engagement file may be"):
        read_document_file(path)


def test_reading_a_missing_file_or_a_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(InterchangeError, match="No such file"):
        read_document_file(tmp_path / "nope.json")
    with pytest.raises(InterchangeError, match="is a folder"):
        read_document_file(tmp_path)


def test_a_failure_while_writing_leaves_the_workspace_unchanged(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(workspace)
    real_put_back = workspace.stakeholders.put_back
    written: list[str] = []

    def put_back_then_fail(record: Stakeholder) -> Any:
        if len(written) == 3:
            raise WorkspaceError("Could not save: the disk is full. Nothing was changed.")
        written.append(record.id)
        return real_put_back(record)

    monkeypatch.setattr(workspace.stakeholders, "put_back", put_back_then_fail)
    with pytest.raises(WorkspaceError, match="disk is full"):
        import_engagement(workspace, FIXTURE.read_bytes())
    assert len(written) == 3
    assert snapshot(workspace) == before


def test_an_unknown_conflict_mode_is_a_programming_error(workspace: Workspace) -> None:
    with pytest.raises(ValueError, match="on_conflict"):
        import_engagement(workspace, FIXTURE.read_bytes(), on_conflict="merge")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- ids and conflicts


def test_importing_an_engagement_that_is_already_there_is_refused(
    workspace: Workspace, demo_id: str
) -> None:
    document = export_engagement(workspace, demo_id)
    before = snapshot(workspace)
    with pytest.raises(EngagementExistsError) as caught:
        import_engagement(workspace, document)
    assert "already holds the engagement 'Social CRM readiness assessment'" in str(caught.value)
    assert "as a copy" in str(caught.value)
    assert caught.value.engagement_id == demo_id
    assert snapshot(workspace) == before


def test_the_refusal_also_covers_the_trash(workspace: Workspace, demo_id: str) -> None:
    document = export_engagement(workspace, demo_id)
    workspace.engagements.move_to_trash(demo_id)
    with pytest.raises(EngagementExistsError, match=r"\(in the trash\)"):
        import_engagement(workspace, document)


def test_a_copy_gets_fresh_ids_and_a_marked_title(workspace: Workspace, demo_id: str) -> None:
    document = export_engagement(workspace, demo_id)
    client_before = workspace.clients.get(document["client"]["id"])
    result = import_engagement(workspace, document, on_conflict="copy")
    assert result.as_copy and result.client_reused
    assert result.engagement_id != demo_id
    assert result.title == "Social CRM readiness assessment (imported copy)"
    copied = workspace.engagements.get(result.engagement_id)
    assert copied.client_id == client_before.id
    original_people = workspace.stakeholders.for_engagement(demo_id)
    copied_people = workspace.stakeholders.for_engagement(result.engagement_id)
    assert [p.name for p in copied_people] == [p.name for p in original_people]
    assert not {p.id for p in copied_people} & {p.id for p in original_people}
    assert workspace.clients.get(client_before.id) == client_before
    assert without_export_time(export_engagement(workspace, demo_id)) == (
        without_export_time(document)
    )
    second = import_engagement(workspace, document, on_conflict="copy")
    assert second.title == "Social CRM readiness assessment (imported copy 2)"
    assert workspace.engagements.count() == 3


def test_a_copy_remaps_assessments_answers_and_respondents(
    workspace: Workspace, demo_id: str
) -> None:
    document = export_engagement(workspace, demo_id)
    result = import_engagement(workspace, document, on_conflict="copy")
    copy_id = result.engagement_id
    originals = workspace.assessments.for_engagement(demo_id)
    copies = workspace.assessments.for_engagement(copy_id)
    assert [a.name for a in copies] == [a.name for a in originals]
    assert not {a.id for a in copies} & {a.id for a in originals}
    people = {p.id: p.name for p in workspace.stakeholders.for_engagement(copy_id)}
    for original, copy_ in zip(originals, copies, strict=True):
        before = workspace.responses.for_assessment(original.id)
        after = workspace.responses.for_assessment(copy_.id)
        assert len(after) == len(before)
        assert not {r.id for r in after} & {r.id for r in before}
        assert {r.respondent_id for r in after} - {None} <= set(people)
    # The copy is the same assessment under new ids: it scores the same.
    strip = {"assessment_id"}
    assert [
        {k: v for k, v in item.items() if k not in strip} for item in scores(workspace, copy_id)
    ] == [{k: v for k, v in item.items() if k not in strip} for item in scores(workspace, demo_id)]
    assert result.counts["responses"] == len(document["responses"])


def test_assessment_ids_already_taken_are_a_conflict(workspace: Workspace) -> None:
    import_engagement(workspace, FIXTURE_V2.read_bytes())
    document = fixture_v2_document()
    document["engagement"]["id"] = OTHER_ID
    document["stakeholders"] = []
    document["responses"] = [r for r in document["responses"] if r["respondent_id"] is None]
    for assessment in document["assessments"]:
        assessment["engagement_id"] = OTHER_ID
    with pytest.raises(EngagementExistsError, match="2 assessment record"):
        import_engagement(workspace, document)
    result = import_engagement(workspace, document, on_conflict="copy")
    assert len(workspace.assessments.for_engagement(result.engagement_id)) == 2


def test_copy_mode_changes_nothing_when_there_is_no_conflict(workspace: Workspace) -> None:
    result = import_engagement(workspace, FIXTURE.read_bytes(), on_conflict="copy")
    assert not result.as_copy
    assert result.engagement_id == fixture_document()["engagement"]["id"]


def test_a_copy_title_stays_within_the_limit(workspace: Workspace) -> None:
    document = fixture_document()
    document["engagement"]["title"] = "T" * 200
    import_engagement(workspace, document)
    result = import_engagement(workspace, document, on_conflict="copy")
    assert len(result.title) == 200
    assert result.title.endswith(" (imported copy)")


def test_an_existing_client_is_reused_and_left_alone(
    workspace: Workspace, other_workspace: Workspace
) -> None:
    first = fixture_document()
    import_engagement(workspace, first)
    client_before = workspace.clients.get(first["client"]["id"])
    second = fixture_document()
    second["client"]["name"] = "Renamed elsewhere"
    second["engagement"]["id"] = "99999999-8888-4777-8666-555555555555"
    for index, person in enumerate(second["stakeholders"]):
        person["id"] = f"99999999-0000-4000-8000-{index:012d}"
        person["engagement_id"] = second["engagement"]["id"]
    result = import_engagement(workspace, second)
    assert result.client_reused and not result.as_copy
    assert result.counts["client"] == 0
    assert not result.changes.touches("client")
    assert workspace.clients.get(client_before.id) == client_before
    assert len(workspace.engagements.active(client_id=client_before.id)) == 2


def test_stakeholder_ids_already_taken_are_a_conflict(workspace: Workspace) -> None:
    import_engagement(workspace, FIXTURE.read_bytes())
    document = fixture_document()
    document["engagement"]["id"] = "99999999-8888-4777-8666-555555555555"
    for person in document["stakeholders"]:
        person["engagement_id"] = document["engagement"]["id"]
    before = snapshot(workspace)
    with pytest.raises(EngagementExistsError, match="5 stakeholder record"):
        import_engagement(workspace, document)
    assert snapshot(workspace) == before
    result = import_engagement(workspace, document, on_conflict="copy")
    assert result.as_copy
    assert len(workspace.stakeholders.for_engagement(result.engagement_id)) == 5


# --------------------------------------------------------------------------- atomic files


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(
    workspace: Workspace, demo_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("the previous export\n", encoding="utf-8")
    document = export_engagement(workspace, demo_id)

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(InterchangeError) as caught:
        write_document_file(document, target)
    assert "No space left on device" in str(caught.value)
    assert "existing file was left as it was" in str(caught.value)
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_writing_into_a_missing_folder_or_onto_a_folder_says_so(
    workspace: Workspace, demo_id: str, tmp_path: Path
) -> None:
    document = export_engagement(workspace, demo_id)
    with pytest.raises(InterchangeError, match=r"Cannot write .*No such file or directory"):
        write_document_file(document, tmp_path / "missing" / "out.json")
    with pytest.raises(InterchangeError, match="it is a folder"):
        write_document_file(document, tmp_path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_writing_into_a_read_only_folder_says_so(
    workspace: Workspace, demo_id: str, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InterchangeError, match="Permission denied"):
            write_document_file(export_engagement(workspace, demo_id), folder / "out.json")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_new_file_is_private_and_an_existing_file_keeps_its_mode(
    workspace: Workspace, demo_id: str, tmp_path: Path
) -> None:
    document = export_engagement(workspace, demo_id)
    fresh = tmp_path / "fresh.json"
    write_document_file(document, fresh)
    assert fresh.stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "shared.json"
    shared.write_text("{}", encoding="utf-8")
    shared.chmod(0o644)
    write_document_file(document, shared)
    assert shared.stat().st_mode & 0o777 == 0o644
    assert json.loads(shared.read_text(encoding="utf-8"))["engagement"]["id"] == demo_id


# --------------------------------------------------------------------------- the schema


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_exports_and_the_stored_file_match_the_schema(
    validator: Any, workspace: Workspace, demo_id: str
) -> None:
    assert list(validator.iter_errors(export_engagement(workspace, demo_id))) == []
    assert list(validator.iter_errors(fixture_document())) == []
    assert list(validator.iter_errors(fixture_v2_document())) == []
    assert list(validator.iter_errors(fixture_v3_document())) == []


@pytest.mark.parametrize(
    "change",
    [pytest.param(change, id=name) for name, change, _, by_schema in BAD_DOCUMENTS if by_schema],
)
def test_the_schema_refuses_what_import_refuses(validator: Any, change: Mutation) -> None:
    document = copy.deepcopy(fixture_document())
    change(document)
    assert not validator.is_valid(document)


@pytest.mark.parametrize(
    "change",
    [pytest.param(change, id=name) for name, change, _, by_schema in BAD_V2_DOCUMENTS if by_schema],
)
def test_the_schema_refuses_bad_assessments_and_answers(validator: Any, change: Mutation) -> None:
    document = fixture_v2_document()
    change(document)
    assert not validator.is_valid(document)


def test_the_schema_lists_exactly_the_format_fields() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for name, spec in (
        ("client", engagement_json.CLIENT_FIELDS),
        ("engagement", engagement_json.ENGAGEMENT_FIELDS),
        ("stakeholder", engagement_json.STAKEHOLDER_FIELDS),
        ("assessment", engagement_json.ASSESSMENT_FIELDS),
        ("response", engagement_json.RESPONSE_FIELDS),
        ("canvasState", engagement_json.CANVAS_STATE_FIELDS),
        ("checklistEntry", engagement_json.CHECKLIST_ENTRY_FIELDS),
        ("posture", engagement_json.POSTURE_FIELDS),
        ("socialInitiative", engagement_json.SOCIAL_INITIATIVE_FIELDS),
        ("startingPoint", engagement_json.STARTING_POINT_FIELDS),
        ("platform", engagement_json.PLATFORM_FIELDS),
        ("roadmapItem", engagement_json.ROADMAP_ITEM_FIELDS),
        ("dismissedSuggestion", engagement_json.DISMISSED_SUGGESTION_FIELDS),
    ):
        definition = schema["$defs"][name]
        assert list(definition["properties"]) == [item.name for item in spec]
        assert definition["required"] == [item.name for item in spec if item.required]
    assert list(schema["properties"]) == list(engagement_json.top_level_keys(FORMAT_VERSION))
    assert schema["properties"]["format_version"]["enum"] == list(range(1, FORMAT_VERSION + 1))
    assert schema["required"] == list(engagement_json.top_level_keys(1))
    rules = {r["if"]["properties"]["format_version"]["const"]: r["then"] for r in schema["allOf"]}
    assert sorted(rules) == list(range(1, FORMAT_VERSION + 1))
    for version, rule in rules.items():
        since = [s.key for s in engagement_json.SECTIONS if s.since_version > 1]
        assert rule.get("required", []) == [
            key for key in since if engagement_json.SECTIONS_BY_KEY[key].since_version <= version
        ]
        refused = {key for key, allowed in rule.get("properties", {}).items() if allowed is False}
        assert refused == {
            key for key in since if engagement_json.SECTIONS_BY_KEY[key].since_version > version
        }


# --------------------------------------------------------------------------- the plan (v3)


def test_the_stored_version_3_file_imports_exactly(workspace: Workspace) -> None:
    stored = fixture_v3_document()
    assert stored["format_version"] == 3
    result = import_engagement(workspace, FIXTURE_V3.read_bytes())
    assert {key: result.counts[key] for key in PLANNING_KEYS} == {
        "canvas_states": 4,
        "checklist_entries": 4,
        "postures": 1,
        "social_initiatives": 2,
        "starting_points": 2,
        "platforms": 2,
        "roadmap_items": 2,
        "dismissed_suggestions": 1,
    }
    exported = export_engagement(workspace, result.engagement_id)
    assert dumps(without_export_time(exported) | {"app_version": stored["app_version"]}) == (
        dumps(without_export_time(stored))
    )
    engagement_id = result.engagement_id
    empty = workspace.canvas.find(engagement_id, "lean_agile_processes")
    assert empty is not None and empty.maturity is None
    posture = workspace.posture.find(engagement_id)
    assert posture is not None and posture.approach == "strategic"  # the override wins
    assert posture.computed_approach == "toe_dippers"
    # Positions keep their gap; the roadmap's order is what counts.
    assert [item.position for item in workspace.roadmap.for_engagement(engagement_id)] == [1, 3]
    assert workspace.roadmap.origins(engagement_id) == {"governance_gaps"}
    assert workspace.dismissed_suggestions.keys(engagement_id) == {"no_starting_area"}
    point = workspace.starting_points.find(engagement_id, "marketing_monitoring")
    assert point is not None and point.value is None and not point.chosen


def test_optional_planning_fields_may_be_left_out(workspace: Workspace) -> None:
    document = fixture_v3_document()
    optional = {
        key: [item.name for item in engagement_json.SECTIONS_BY_KEY[key].spec if not item.required]
        for key in PLANNING_KEYS
    }
    for key, names in optional.items():
        for record in document[key]:
            for name in names:
                if not (key == "checklist_entries" and record["checklist"] == "gate"):
                    record.pop(name, None)  # a gate entry keeps its layer
    document["checklist_entries"] = document["checklist_entries"][2:]
    document["canvas_states"] = document["canvas_states"][:2]  # without a process, one cell
    result = import_engagement(workspace, document)
    engagement_id = result.engagement_id
    state = workspace.canvas.for_engagement(engagement_id)[0]
    assert (state.process_id, state.maturity, state.owner) == ("", None, "")
    assert workspace.posture.find(engagement_id).answers == {}  # type: ignore[union-attr]
    item = workspace.roadmap.for_engagement(engagement_id)[0]
    assert (item.block_ids, item.origin, item.start_date) == ((), "", None)
    assert not any(e.checked for e in workspace.checklists.for_engagement(engagement_id))


def _plan_in_version_2(document: dict[str, Any]) -> None:
    document["format_version"] = 2
    for key in PLANNING_KEYS:
        if key != "roadmap_items":
            del document[key]


def _second_posture(document: dict[str, Any]) -> None:
    document["postures"].append(dict(document["postures"][0], id=OTHER_ID))


def _second_dismissal(document: dict[str, Any]) -> None:
    document["dismissed_suggestions"].append(
        dict(document["dismissed_suggestions"][0], id=OTHER_ID)
    )


def _duplicate_roadmap_id(document: dict[str, Any]) -> None:
    document["roadmap_items"][1]["id"] = document["roadmap_items"][0]["id"]


# Changes to the version 3 file. Its plan, in order: canvas_states 0 bi_listening,
# 1 customer_strategy, 2 the Lean & Agile layer, 3 its service process; checklist_entries
# 0-1 gate criteria, 2-3 governance items; one posture with an override; initiatives 0
# Social CRM, 1 social media; starting points 0 customer_service, 1 marketing_monitoring;
# platforms 0 Facebook, 1 Instagram; roadmap items 0 (position 1) and 1 (position 3,
# from the governance_gaps suggestion); one dismissed suggestion.
BAD_V3_DOCUMENTS: list[tuple[str, Mutation, str, bool]] = [
    ("missing canvas", _delete("canvas_states"), "canvas_states: is missing", True),
    ("missing roadmap", _delete("roadmap_items"), "roadmap_items: is missing", True),
    (
        "plan in a version 2 file",
        _plan_in_version_2,
        "roadmap_items: is not part of format version 2",
        True,
    ),
    ("platforms type", _set("platforms", {}), "platforms: must be an array, not an object", True),
    (
        "unknown field",
        _set("platforms.0.url", "x"),
        "platforms[0].url: is not a field of this format",
        True,
    ),
    (
        "plan of another engagement",
        _set("platforms.1.engagement_id", OTHER_ID),
        f"platforms[1].engagement_id: is {OTHER_ID}, but the engagement in this file",
        False,
    ),
    (
        "duplicate roadmap ids",
        _duplicate_roadmap_id,
        "roadmap_items[1].id: c6a7b8c9-d0e1-4fc0-8a7b-000000000001 is also the id of "
        "roadmap_items[0]",
        False,
    ),
    # -- the canvas
    (
        "unknown layer",
        _set("canvas_states.1.layer_id", "customer_strategie"),
        "canvas_states[1].layer_id: 'customer_strategie' is not a layer of the framework "
        "'buchanan-7-layers' (did you mean 'customer_strategy'?)",
        False,
    ),
    (
        "unknown process",
        _set("canvas_states.3.process_id", "servce"),
        "canvas_states[3].process_id: 'servce' is not a process of the layer "
        "'lean_agile_processes' (did you mean 'service'?)",
        False,
    ),
    (
        "process of a layer without processes",
        _set("canvas_states.1.process_id", "service"),
        "canvas_states[1].process_id: 'service' is not a process of the layer "
        "'customer_strategy' (there are none)",
        False,
    ),
    (
        "layer id not an id",
        _set("canvas_states.0.layer_id", "BI Listening"),
        "canvas_states[0].layer_id: 'BI Listening' is not an id",
        True,
    ),
    (
        "maturity 6",
        _set("canvas_states.0.maturity", 6),
        "canvas_states[0].maturity: must be a whole number from 1 to 5, not 6",
        True,
    ),
    (
        "maturity as text",
        _set("canvas_states.0.maturity", "2"),
        "canvas_states[0].maturity: must be a whole number, not a string",
        True,
    ),
    (
        "second entry for a cell",
        _set("canvas_states.2.process_id", "service"),
        "canvas_states[3]: is a second entry for the layer 'lean_agile_processes', process "
        "'service' (the first is canvas_states[2]); the canvas has one entry per layer and "
        "process",
        False,
    ),
    # -- checklists
    (
        "unknown gate criterion",
        _set("checklist_entries.0.item_id", "customer_outcome_defined"),
        "checklist_entries[0].item_id: 'customer_outcome_defined' is not a criterion of the "
        "gate 'customer_strategy' (did you mean 'customer_outcomes_defined'?)",
        False,
    ),
    (
        "gate of a layer that is no gate",
        _set("checklist_entries.1.layer_id", "bi_listening"),
        "checklist_entries[1].layer_id: 'bi_listening' is not a gate layer of "
        "'buchanan-7-layers' (known: customer_strategy)",
        False,
    ),
    (
        "gate entry without its layer",
        _set("checklist_entries.1.layer_id", ""),
        "checklist_entries[1].layer_id: a gate criterion needs the id of its gate layer",
        True,
    ),
    (
        "governance entry with a layer",
        _set("checklist_entries.2.layer_id", "customer_strategy"),
        "checklist_entries[2].layer_id: must be empty: a governance item belongs to no layer",
        True,
    ),
    (
        "unknown governance item",
        _set("checklist_entries.3.item_id", "who_may_talk"),
        "checklist_entries[3].item_id: 'who_may_talk' is not an item of the governance "
        "checklist of 'social-crm-reference' (did you mean 'who_may_speak'?)",
        False,
    ),
    (
        "checked as text",
        _set("checklist_entries.0.checked", "yes"),
        "checklist_entries[0].checked: must be true or false, not a string",
        True,
    ),
    (
        "bad checklist",
        _set("checklist_entries.0.checklist", "outside_in"),
        "checklist_entries[0].checklist: 'outside_in' is not one of: gate, governance",
        True,
    ),
    (
        "second entry for an item",
        _set("checklist_entries.3.item_id", "response_policy"),
        "checklist_entries[3]: is a second entry for the governance item 'response_policy' "
        "(the first is checklist_entries[2])",
        False,
    ),
    # -- the posture
    (
        "second posture",
        _second_posture,
        "postures[1]: is a second posture for the engagement (the first is postures[0]); "
        "an engagement has one posture",
        False,
    ),
    (
        "unknown approach",
        _set("postures.0.override_approach", "toe_dipper"),
        "postures[0].override_approach: 'toe_dipper' is not an approach of "
        "'social-crm-reference' (did you mean 'toe_dippers'?)",
        False,
    ),
    (
        "unknown computed approach",
        _set("postures.0.computed_approach", "bold"),
        "postures[0].computed_approach: 'bold' is not an approach of 'social-crm-reference' "
        "(known: denial, toe_dippers, strategic, too_aggressive)",
        False,
    ),
    (
        "override without a note",
        _set("postures.0.override_note", " "),
        "postures[0].override_note: is required with an override",
        True,
    ),
    (
        "unknown question",
        _set("postures.0.answers", {"presense": "one_or_two"}),
        "postures[0].answers: 'presense' is not a question of the posture questionnaire "
        "(did you mean 'presence'?)",
        False,
    ),
    (
        "unknown option",
        _set("postures.0.answers.presence", "one_or_three"),
        "postures[0].answers.presence: 'one_or_three' is not an option of the question "
        "'presence' (did you mean 'one_or_two'?)",
        False,
    ),
    (
        "answers as an array",
        _set("postures.0.answers", []),
        "postures[0].answers: must be an object, not an array",
        True,
    ),
    (
        "answer not an id",
        _set("postures.0.answers.presence", 3),
        "postures[0].answers: presence: must be an id (text), not int",
        True,
    ),
    # -- initiatives, starting points, platforms
    (
        "unknown kind of social",
        _set("social_initiatives.1.kind", "social_medai"),
        "social_initiatives[1].kind: 'social_medai' is not a kind of social of "
        "'social-crm-reference' (did you mean 'social_media'?)",
        False,
    ),
    (
        "blank initiative title",
        _set("social_initiatives.0.title", " "),
        "social_initiatives[0].title: is required",
        True,
    ),
    (
        "bad initiative status",
        _set("social_initiatives.0.status", "done"),
        "social_initiatives[0].status: 'done' is not one of: current, planned",
        True,
    ),
    (
        "unknown starting area",
        _set("starting_points.1.area_id", "marketing_monitor"),
        "starting_points[1].area_id: 'marketing_monitor' is not a starting area of "
        "'social-crm-reference' (did you mean 'marketing_monitoring'?)",
        False,
    ),
    (
        "pain 0",
        _set("starting_points.0.pain", 0),
        "starting_points[0].pain: must be a whole number from 1 to 5, not 0",
        True,
    ),
    (
        "second entry for an area",
        _set("starting_points.1.area_id", "customer_service"),
        "starting_points[1]: is a second entry for the starting area 'customer_service' "
        "(the first is starting_points[0])",
        False,
    ),
    (
        "unknown platform category",
        _set("platforms.0.category_id", "social_network"),
        "platforms[0].category_id: 'social_network' is not a platform category of "
        "'social-crm-reference' (did you mean 'social_networking'?)",
        False,
    ),
    (
        "bad platform status",
        _set("platforms.1.status", "maybe"),
        "platforms[1].status: 'maybe' is not one of: using, planned",
        True,
    ),
    # -- the roadmap
    (
        "unknown block",
        _set("roadmap_items.1.block_ids", ["governance", "metric"]),
        "roadmap_items[1].block_ids[1]: 'metric' is not a building block of 'gartner-8bb' "
        "(did you mean 'metrics'?)",
        False,
    ),
    (
        "unknown linked layer",
        _set("roadmap_items.0.layer_ids", ["lean_agile_process"]),
        "roadmap_items[0].layer_ids[0]: 'lean_agile_process' is not a layer of the "
        "framework 'buchanan-7-layers' (did you mean 'lean_agile_processes'?)",
        False,
    ),
    (
        "unknown linked area",
        _set("roadmap_items.0.area_ids", ["customer_service", "crowd_sourcing"]),
        "roadmap_items[0].area_ids[1]: 'crowd_sourcing' is not a starting area of "
        "'social-crm-reference'",
        False,
    ),
    (
        "link not an id",
        _set("roadmap_items.0.block_ids", ["processes", 7]),
        "roadmap_items[0].block_ids[1]: must be an id (text), not int",
        True,
    ),
    (
        "links as text",
        _set("roadmap_items.0.block_ids", "processes"),
        "roadmap_items[0].block_ids: must be an array, not a string",
        True,
    ),
    (
        "impact 6",
        _set("roadmap_items.0.impact", 6),
        "roadmap_items[0].impact: must be a whole number from 1 to 5, not 6",
        True,
    ),
    (
        "missing effort",
        _delete("roadmap_items.0.effort"),
        "roadmap_items[0].effort: is missing",
        True,
    ),
    (
        "position 0",
        _set("roadmap_items.0.position", 0),
        "roadmap_items[0].position: must be a whole number of 1 or more, not 0",
        True,
    ),
    (
        "shared position",
        _set("roadmap_items.1.position", 1),
        "roadmap_items[1].position: 1 is also the position of roadmap_items[0]",
        False,
    ),
    (
        "a suggestion accepted twice",
        _set("roadmap_items.0.origin", "governance_gaps"),
        "roadmap_items[1].origin: the suggestion 'governance_gaps' is already on the roadmap "
        "as roadmap_items[0]",
        False,
    ),
    (
        "roadmap end before start",
        _set("roadmap_items.0.end_date", "2025-03-01"),
        "roadmap_items[0].end_date: 2025-03-01 is before the start date 2025-03-17",
        False,
    ),
    (
        "bad phase",
        _set("roadmap_items.0.phase", "soon"),
        "roadmap_items[0].phase: 'soon' is not one of: quick_win, next, later",
        True,
    ),
    (
        "bad origin",
        _set("roadmap_items.0.origin", "Not A Key"),
        "roadmap_items[0].origin: 'Not A Key' is not a suggestion key",
        True,
    ),
    # -- dismissed suggestions
    (
        "dismissed twice",
        _second_dismissal,
        "dismissed_suggestions[1]: is a second dismissal of the suggestion 'no_starting_area' "
        "(the first is dismissed_suggestions[0])",
        False,
    ),
    (
        "dismissal without a key",
        _delete("dismissed_suggestions.0.key"),
        "dismissed_suggestions[0].key: is missing",
        True,
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"),
    [pytest.param(change, expected, id=name) for name, change, expected, _ in BAD_V3_DOCUMENTS],
)
def test_a_bad_plan_is_refused_at_its_place_and_changes_nothing(
    workspace: Workspace, demo_id: str, change: Mutation, expected: str
) -> None:
    document = fixture_v3_document()
    change(document)
    before = snapshot(workspace)
    with pytest.raises(InvalidDocumentError) as caught:
        import_engagement(workspace, dumps(document).encode("utf-8"))
    assert expected in str(caught.value)
    assert len(caught.value.problems) == 1, caught.value.problems
    assert "othing was changed" in str(caught.value)
    assert snapshot(workspace) == before


@pytest.mark.parametrize(
    "change",
    [pytest.param(change, id=name) for name, change, _, by_schema in BAD_V3_DOCUMENTS if by_schema],
)
def test_the_schema_refuses_a_bad_plan(validator: Any, change: Mutation) -> None:
    document = fixture_v3_document()
    change(document)
    assert not validator.is_valid(document)


def test_a_plan_is_checked_against_the_frameworks_loaded(workspace: Workspace) -> None:
    """A workspace without the built-in frameworks cannot judge the plan: it says so."""
    empty = FrameworkCatalog([])
    with pytest.raises(InvalidDocumentError) as caught:
        load_document(fixture_v3_document(), catalog=empty)
    messages = [str(problem) for problem in caught.value.problems]
    assert (
        "canvas_states[0].layer_id: cannot be checked: no layers framework is loaded in this "
        "SCRM Desk"
    ) in messages
    assert any("no reference framework is loaded" in m for m in messages)
    # Each missing framework is named once, not once per record.
    assert sum("no layers framework" in m for m in messages) == 1


def test_roadmap_blocks_follow_the_frameworks_of_the_assessments(workspace: Workspace) -> None:
    """A block of a consultant's own framework is known when an assessment scores it."""
    workspace.frameworks_dir.mkdir()
    text = BUILDING_BLOCKS.read_text(encoding="utf-8")
    (workspace.frameworks_dir / "acme.toml").write_text(
        text.replace('id = "gartner-8bb"', 'id = "acme-blocks"', 1)
        .replace('id = "metrics"', 'id = "measures"', 1)
        .replace('"metrics.', '"measures.'),
        encoding="utf-8",
    )
    document = fixture_v3_document()
    document["roadmap_items"][1]["block_ids"] = ["measures"]
    with pytest.raises(InvalidDocumentError, match=r"block_ids\[0\]: 'measures' is not a"):
        import_engagement(workspace, copy.deepcopy(document))
    document["assessments"][1]["framework_id"] = "acme-blocks"
    document["responses"] = [
        r for r in document["responses"] if r["assessment_id"] != document["assessments"][1]["id"]
    ]
    result = import_engagement(workspace, document)
    assert workspace.roadmap.for_engagement(result.engagement_id)[1].block_ids == ("measures",)


def test_an_unreadable_assessment_does_not_make_block_links_fail_too(workspace: Workspace) -> None:
    document = fixture_v3_document()
    document["assessments"][1]["framework_id"] = "acme-blocks"
    document["roadmap_items"][1]["block_ids"] = ["measures"]
    with pytest.raises(InvalidDocumentError) as caught:
        load_document(document)
    assert [p.path for p in caught.value.problems] == ["assessments[1].framework_id"]


def test_a_document_with_a_plan_loads_the_frameworks_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_load = FrameworkCatalog.load
    calls: list[int] = []

    def counting_load(*args: Any, **kwargs: Any) -> FrameworkCatalog:
        calls.append(1)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(FrameworkCatalog, "load", counting_load)
    document = load_document(FIXTURE_V3.read_bytes())
    assert len(document.roadmap_items) == 2 and len(document.postures) == 1
    assert len(calls) == 1


def test_a_copy_remaps_the_plan(workspace: Workspace, demo_id: str) -> None:
    document = export_engagement(workspace, demo_id)
    result = import_engagement(workspace, document, on_conflict="copy")
    copy_id = result.engagement_id
    for section in engagement_json.PLANNING_SECTIONS:
        originals = section.list_for_engagement(workspace, demo_id)
        copies = section.list_for_engagement(workspace, copy_id)
        assert len(copies) == len(originals) > 0, section.key
        assert not {r.id for r in copies} & {r.id for r in originals}, section.key
        assert {r.engagement_id for r in copies} == {copy_id}
        ignore = {"id", "engagement_id"}

        def content(records: Any, ignore: set[str] = ignore) -> list[dict[str, Any]]:
            rows = [
                {f.name: getattr(r, f.name) for f in fields(r) if f.name not in ignore}
                for r in records
            ]
            return sorted(rows, key=repr)

        assert content(copies) == content(originals), section.key
        assert result.counts[section.key] == len(originals)
    # The copy's plan reads the same: positions, origins, dismissals.
    assert [i.position for i in workspace.roadmap.for_engagement(copy_id)] == list(range(1, 10))
    assert workspace.roadmap.origins(copy_id) == workspace.roadmap.origins(demo_id)
    assert workspace.dismissed_suggestions.keys(copy_id) == (
        workspace.dismissed_suggestions.keys(demo_id)
    )
    # The original is untouched.
    assert without_export_time(export_engagement(workspace, demo_id)) == (
        without_export_time(document)
    )


def test_planning_ids_already_taken_are_a_conflict(workspace: Workspace) -> None:
    import_engagement(workspace, FIXTURE_V3.read_bytes())
    # Another engagement whose only record has an id the workspace already holds.
    document = fixture_v3_document()
    document["engagement"]["id"] = OTHER_ID
    for key in ("stakeholders", "assessments", "responses", *PLANNING_KEYS[:-1]):
        document[key] = []
    document["dismissed_suggestions"][0]["engagement_id"] = OTHER_ID
    before = snapshot(workspace)
    with pytest.raises(EngagementExistsError, match="1 dismissed suggestion record"):
        import_engagement(workspace, document)
    assert snapshot(workspace) == before
    result = import_engagement(workspace, document, on_conflict="copy")
    assert result.as_copy
    assert workspace.dismissed_suggestions.keys(result.engagement_id) == {"no_starting_area"}


def test_a_failure_while_writing_the_plan_leaves_the_workspace_unchanged(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(workspace)
    real_put_back = workspace.roadmap.put_back
    written: list[str] = []

    def put_back_then_fail(record: RoadmapItem) -> Any:
        if written:
            raise WorkspaceError("Could not save: the disk is full. Nothing was changed.")
        written.append(record.id)
        return real_put_back(record)

    monkeypatch.setattr(workspace.roadmap, "put_back", put_back_then_fail)
    with pytest.raises(WorkspaceError, match="disk is full"):
        import_engagement(workspace, FIXTURE_V3.read_bytes())
    assert len(written) == 1
    assert snapshot(workspace) == before
