"""Planning storage: canvas, checklists, posture, initiatives, starting points, platforms,
the roadmap and dismissed suggestions; upserts, validation, ordering and the trash."""

from __future__ import annotations

import sqlite3

import pytest

from scrm_desk.errors import NotFoundError, ValidationError, WorkspaceError
from scrm_desk.records import (
    ChecklistKind,
    InitiativeStatus,
    PlatformStatus,
    RoadmapPhase,
    RoadmapStatus,
)
from scrm_desk.storage import migrations
from scrm_desk.workspace import Workspace

NO_SUCH_ENGAGEMENT = "00000000-0000-4000-8000-000000000000"

#: Every table m004 added, so the trash test notices a table it forgot.
PLANNING_TABLES = (
    "canvas_states",
    "checklist_entries",
    "postures",
    "social_initiatives",
    "starting_points",
    "platforms",
    "roadmap_items",
    "dismissed_suggestions",
)


@pytest.fixture
def engagement_id(workspace: Workspace) -> str:
    client = workspace.clients.create(name="Acme").record
    return workspace.engagements.create(client_id=client.id, title="Social CRM plan").record.id


def _fill_everything(ws: Workspace, engagement_id: str) -> None:
    ws.canvas.save(engagement_id, "customer_strategy", maturity=2)
    ws.canvas.save(engagement_id, "lean_agile_processes", "service", maturity=3)
    ws.checklists.save_gate(engagement_id, "customer_strategy", "mutual_benefit", checked=True)
    ws.checklists.save_governance(engagement_id, "who_may_speak", checked=True)
    ws.posture.save(engagement_id, answers={"presence": "few_sites"}, computed_approach="strategic")
    ws.social_initiatives.create(engagement_id=engagement_id, title="Page", kind="social_media")
    ws.starting_points.save(engagement_id, "customer_service", pain=4, value=5, chosen=True)
    ws.platforms.create(
        engagement_id=engagement_id, name="LinkedIn", category_id="professional_networking"
    )
    ws.roadmap.create(engagement_id=engagement_id, title="Listening pilot", origin="x:y")
    ws.dismissed_suggestions.dismiss(engagement_id, "single_platform", "Add a platform")


# --------------------------------------------------------------------------- schema


def test_schema_4_has_the_planning_tables(workspace: Workspace) -> None:
    assert migrations.LATEST_SCHEMA_VERSION >= 4
    assert migrations.applied_migrations(workspace.db)[3] == "m004_planning"
    assert set(PLANNING_TABLES) <= set(workspace.db.table_names())
    for table in PLANNING_TABLES:
        fks = workspace.db.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        # (id, seq, table, from, to, on_update, on_delete, match)
        assert [(fk[2], fk[3], fk[6]) for fk in fks] == [
            ("engagements", "engagement_id", "CASCADE")
        ]


def test_emptying_the_trash_leaves_no_planning_row(workspace: Workspace, engagement_id) -> None:
    _fill_everything(workspace, engagement_id)
    for table in PLANNING_TABLES:
        assert workspace.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= 1, table
    workspace.engagements.move_to_trash(engagement_id)
    # In the trash, everything is still there (it can be restored).
    assert workspace.roadmap.count_for(engagement_id) == 1
    workspace.engagements.empty_trash()
    for table in PLANNING_TABLES:
        assert workspace.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_every_planning_repository_reads_per_engagement(
    workspace: Workspace, engagement_id
) -> None:
    _fill_everything(workspace, engagement_id)
    other_client = workspace.clients.create(name="Other").record
    other = workspace.engagements.create(client_id=other_client.id, title="Other").record.id
    repositories = (
        workspace.canvas,
        workspace.checklists,
        workspace.posture,
        workspace.social_initiatives,
        workspace.starting_points,
        workspace.platforms,
        workspace.roadmap,
        workspace.dismissed_suggestions,
    )
    for repository in repositories:
        mine = repository.for_engagement(engagement_id)
        assert mine and all(r.engagement_id == engagement_id for r in mine), repository.table
        assert repository.for_engagement(other) == []


@pytest.mark.parametrize(
    "write",
    [
        lambda ws: ws.canvas.save(NO_SUCH_ENGAGEMENT, "customer_strategy", maturity=1),
        lambda ws: ws.checklists.save_governance(NO_SUCH_ENGAGEMENT, "escalation", checked=True),
        lambda ws: ws.posture.save(NO_SUCH_ENGAGEMENT, computed_approach="denial"),
        lambda ws: ws.social_initiatives.create(
            engagement_id=NO_SUCH_ENGAGEMENT, title="x", kind="social_crm"
        ),
        lambda ws: ws.starting_points.save(NO_SUCH_ENGAGEMENT, "sales", pain=1),
        lambda ws: ws.platforms.create(
            engagement_id=NO_SUCH_ENGAGEMENT, name="x", category_id="blogs"
        ),
        lambda ws: ws.roadmap.create(engagement_id=NO_SUCH_ENGAGEMENT, title="x"),
        lambda ws: ws.dismissed_suggestions.dismiss(NO_SUCH_ENGAGEMENT, "gate_closed"),
    ],
)
def test_writes_for_an_unknown_engagement_are_refused(workspace: Workspace, write) -> None:
    with pytest.raises(NotFoundError, match="no engagement"):
        write(workspace)


# --------------------------------------------------------------------------- canvas


def test_canvas_save_is_an_upsert_that_keeps_unnamed_fields(
    workspace: Workspace, engagement_id
) -> None:
    first = workspace.canvas.save(engagement_id, "customer_strategy", maturity=2, owner="CMO")
    assert first.changes.touches("canvas_state")
    again = workspace.canvas.save(engagement_id, "customer_strategy", pain_points="Silos")
    assert again.record.id == first.record.id
    assert (again.record.maturity, again.record.owner, again.record.pain_points) == (
        2,
        "CMO",
        "Silos",
    )
    # The layer and each process are separate cells.
    service = workspace.canvas.save(engagement_id, "lean_agile_processes", "service", maturity=4)
    layer = workspace.canvas.save(engagement_id, "lean_agile_processes", maturity=1)
    assert service.record.id != layer.record.id
    cells = workspace.canvas.by_cell(engagement_id)
    assert set(cells) == {
        ("customer_strategy", ""),
        ("lean_agile_processes", "service"),
        ("lean_agile_processes", ""),
    }
    # Maturity can be cleared again.
    assert (
        workspace.canvas.save(engagement_id, "customer_strategy", maturity=None).record.maturity
        is None
    )
    workspace.canvas.clear(engagement_id, "customer_strategy")
    assert workspace.canvas.find(engagement_id, "customer_strategy") is None
    assert workspace.canvas.clear(engagement_id, "customer_strategy") == type(first.changes)()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"maturity": 0}, "maturity"),
        ({"maturity": 6}, "maturity"),
        ({"maturity": 2.5}, "maturity"),
        ({"maturity": True}, "maturity"),
        ({"owner": "two\nlines"}, "owner"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_canvas_values_are_validated(workspace: Workspace, engagement_id, kwargs, field) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.canvas.save(engagement_id, "customer_strategy", **kwargs)
    assert caught.value.field == field
    assert workspace.canvas.count() == 0


@pytest.mark.parametrize(
    ("layer", "process", "field"),
    [("Customer Strategy", "", "layer_id"), ("", "", "layer_id"), ("bi", "Sales!", "process_id")],
)
def test_canvas_ids_are_validated(
    workspace: Workspace, engagement_id, layer, process, field
) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.canvas.save(engagement_id, layer, process, maturity=1)
    assert caught.value.field == field


def test_canvas_maturity_boundaries_are_accepted(workspace: Workspace, engagement_id) -> None:
    for level in (1, 5):
        assert (
            workspace.canvas.save(engagement_id, "bi_listening", maturity=level).record.maturity
            == level
        )


# --------------------------------------------------------------------------- checklists


def test_checklist_entries_upsert_and_key_by_item(workspace: Workspace, engagement_id) -> None:
    first = workspace.checklists.save_gate(
        engagement_id, "customer_strategy", "mutual_benefit", checked=True
    )
    noted = workspace.checklists.save_gate(
        engagement_id, "customer_strategy", "mutual_benefit", note="Community charter"
    )
    assert noted.record.id == first.record.id
    assert noted.record.checked is True and noted.record.note == "Community charter"
    assert noted.record.checklist is ChecklistKind.GATE
    workspace.checklists.save_governance(engagement_id, "escalation", note="Not yet")
    gate = workspace.checklists.gate_entries(engagement_id, "customer_strategy")
    governance = workspace.checklists.governance_entries(engagement_id)
    assert list(gate) == ["mutual_benefit"]
    assert governance["escalation"].checked is False  # the default for a new entry


@pytest.mark.parametrize(
    ("checklist", "layer", "values", "field"),
    [
        ("gate", "", {"checked": True}, "layer_id"),
        ("governance", "customer_strategy", {"checked": True}, "layer_id"),
        ("gate", "customer_strategy", {"checked": 1}, "checked"),
        ("gate", "customer_strategy", {"checked": "yes"}, "checked"),
        ("todo", "", {"checked": True}, "checklist"),
    ],
)
def test_checklist_entries_are_validated(
    workspace: Workspace, engagement_id, checklist, layer, values, field
) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.checklists.save(engagement_id, checklist, "escalation", layer, **values)
    assert caught.value.field == field


# --------------------------------------------------------------------------- posture


def test_posture_is_one_per_engagement_and_override_needs_a_note(
    workspace: Workspace, engagement_id
) -> None:
    assert workspace.posture.find(engagement_id) is None
    saved = workspace.posture.save(
        engagement_id,
        answers={"presence": "one_site", "budget": "none"},
        computed_approach="toe_dippers",
    ).record
    assert saved.answers == {"budget": "none", "presence": "one_site"}
    assert saved.approach == "toe_dippers"
    with pytest.raises(ValidationError) as caught:
        workspace.posture.save(engagement_id, override_approach="strategic")
    assert caught.value.field == "override_note"
    overridden = workspace.posture.save(
        engagement_id, override_approach="strategic", override_note="Board plan seen"
    ).record
    assert overridden.id == saved.id
    assert overridden.approach == "strategic"
    assert overridden.computed_approach == "toe_dippers"  # the reasoning is kept
    assert overridden.answers == saved.answers
    cleared = workspace.posture.save(engagement_id, override_approach=None).record
    assert cleared.approach == "toe_dippers"
    assert len(workspace.posture.for_engagement(engagement_id)) == 1


@pytest.mark.parametrize(
    "answers",
    [["presence"], {"presence": 3}, {"Presence!": "x"}, "presence=one_site"],
)
def test_posture_answers_are_validated(workspace: Workspace, engagement_id, answers) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.posture.save(engagement_id, answers=answers)
    assert caught.value.field == "answers"


# ------------------------------------------------------------- register, areas, platforms


def test_initiatives_register(workspace: Workspace, engagement_id) -> None:
    page = workspace.social_initiatives.create(
        engagement_id=engagement_id, title="Facebook page", kind="social_media"
    ).record
    assert page.status is InitiativeStatus.CURRENT
    workspace.social_initiatives.create(
        engagement_id=engagement_id, title="Service community", kind="social_crm", status="planned"
    )
    assert [i.title for i in workspace.social_initiatives.for_engagement(engagement_id)] == [
        "Facebook page",
        "Service community",
    ]
    with pytest.raises(ValidationError, match="kind"):
        workspace.social_initiatives.create(engagement_id=engagement_id, title="x", kind="")
    with pytest.raises(ValidationError, match="status"):
        workspace.social_initiatives.update(page.id, status="retired")
    with pytest.raises(ValidationError, match="title"):
        workspace.social_initiatives.update(page.id, title="  ")


def test_starting_points_upsert_and_chosen(workspace: Workspace, engagement_id) -> None:
    first = workspace.starting_points.save(engagement_id, "customer_service", pain=5)
    again = workspace.starting_points.save(engagement_id, "customer_service", value=4, chosen=True)
    assert again.record.id == first.record.id
    assert (again.record.pain, again.record.value, again.record.chosen) == (5, 4, True)
    workspace.starting_points.save(engagement_id, "sales", pain=2)
    assert [p.area_id for p in workspace.starting_points.chosen(engagement_id)] == [
        "customer_service"
    ]
    for bad in ({"pain": 0}, {"value": 6}, {"chosen": None}):
        with pytest.raises(ValidationError):
            workspace.starting_points.save(engagement_id, "sales", **bad)


def test_platforms(workspace: Workspace, engagement_id) -> None:
    platform = workspace.platforms.create(
        engagement_id=engagement_id,
        name="Xing",
        category_id="professional_networking",
        geography="DACH",
        objective="Find decision makers",
    ).record
    assert platform.status is PlatformStatus.USING
    planned = workspace.platforms.update(platform.id, status="planned").record
    assert planned.status is PlatformStatus.PLANNED
    with pytest.raises(ValidationError) as caught:
        workspace.platforms.create(
            engagement_id=engagement_id, name="X", category_id="Micro blogging"
        )
    assert caught.value.field == "category_id"


# --------------------------------------------------------------------------- roadmap


def _titles(ws: Workspace, engagement_id: str) -> list[str]:
    return [item.title for item in ws.roadmap.for_engagement(engagement_id)]


def test_roadmap_item_defaults_links_and_dates(workspace: Workspace, engagement_id) -> None:
    item = workspace.roadmap.create(
        engagement_id=engagement_id,
        title="Governance playbook",
        block_ids=["governance", "strategy", "governance"],
        layer_ids=("people_ecosystem",),
        start_date="2026-01-05",
        end_date="2026-01-05",
    ).record
    assert item.block_ids == ("governance", "strategy")  # repeats dropped, order kept
    assert item.layer_ids == ("people_ecosystem",) and item.area_ids == ()
    assert (item.impact, item.effort) == (3, 3)
    assert item.phase is RoadmapPhase.NEXT and item.status is RoadmapStatus.PROPOSED
    assert item.position == 1 and item.origin == ""
    row = workspace.db.execute(
        "SELECT block_ids FROM roadmap_items WHERE id = ?", [item.id]
    ).fetchone()
    assert row[0] == '["governance", "strategy"]'
    with pytest.raises(ValidationError) as caught:
        workspace.roadmap.update(item.id, end_date="2026-01-04")
    assert caught.value.field == "end_date"
    assert workspace.roadmap.get(item.id).end_date == "2026-01-05"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"impact": 0}, "impact"),
        ({"effort": 6}, "effort"),
        ({"block_ids": "vision"}, "block_ids"),
        ({"layer_ids": ["Customer Strategy"]}, "layer_ids"),
        ({"area_ids": [3]}, "area_ids"),
        ({"phase": "soon"}, "phase"),
        ({"status": "cancelled"}, "status"),
        ({"start_date": "5 Jan"}, "start_date"),
        ({"origin": "Missing Block"}, "origin"),
        ({"position": 2}, "position"),
    ],
)
def test_roadmap_values_are_validated(workspace: Workspace, engagement_id, values, field) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.roadmap.create(engagement_id=engagement_id, title="x", **values)
    assert caught.value.field == field
    assert workspace.roadmap.count() == 0


def test_roadmap_origin_is_unique_per_engagement(workspace: Workspace, engagement_id) -> None:
    item = workspace.roadmap.create(
        engagement_id=engagement_id, title="Fix vision", origin="missing_block:vision"
    ).record
    assert workspace.roadmap.update(item.id, title="Write the vision").record.origin == item.origin
    with pytest.raises(ValidationError, match="already on the roadmap"):
        workspace.roadmap.create(
            engagement_id=engagement_id, title="Again", origin="missing_block:vision"
        )
    assert workspace.roadmap.origins(engagement_id) == {"missing_block:vision"}
    assert workspace.roadmap.find_by_origin(engagement_id, "missing_block:vision").id == item.id


MOVES = [
    # (item to move, new position, expected order)
    ("A", 3, ["B", "C", "A", "D"]),
    ("A", 1, ["A", "B", "C", "D"]),
    ("D", 1, ["D", "A", "B", "C"]),
    ("B", 4, ["A", "C", "D", "B"]),
    ("B", 99, ["A", "C", "D", "B"]),  # past the end means last
    ("C", 2, ["A", "C", "B", "D"]),
]


@pytest.mark.parametrize(("name", "to", "expected"), MOVES)
def test_roadmap_move_renumbers(workspace: Workspace, engagement_id, name, to, expected) -> None:
    ids = {
        title: workspace.roadmap.create(engagement_id=engagement_id, title=title).record.id
        for title in "ABCD"
    }
    changes = workspace.roadmap.move(ids[name], to)
    assert _titles(workspace, engagement_id) == expected
    positions = [item.position for item in workspace.roadmap.for_engagement(engagement_id)]
    assert positions == [1, 2, 3, 4]
    moved = {title for title, before in zip("ABCD", expected, strict=True) if title != before}
    assert changes.ids == {ids[t] for t in moved}


def test_roadmap_move_is_refused_below_one(workspace: Workspace, engagement_id) -> None:
    item = workspace.roadmap.create(engagement_id=engagement_id, title="A").record
    with pytest.raises(ValidationError, match="position"):
        workspace.roadmap.move(item.id, 0)


def test_roadmap_delete_then_put_back_restores_the_place(
    workspace: Workspace, engagement_id
) -> None:
    items = [workspace.roadmap.create(engagement_id=engagement_id, title=t).record for t in "ABC"]
    workspace.roadmap.delete(items[1].id)
    assert _titles(workspace, engagement_id) == ["A", "C"]
    workspace.roadmap.create(engagement_id=engagement_id, title="D")  # goes last
    workspace.roadmap.move(items[2].id, 1)  # C A D, renumbered: B's place 2 is now A's
    workspace.roadmap.put_back(items[1])
    assert _titles(workspace, engagement_id) == ["C", "B", "A", "D"]
    assert workspace.roadmap.get(items[1].id) == items[1]


def test_roadmap_move_survives_a_rollback(workspace: Workspace, engagement_id) -> None:
    _a, b = (workspace.roadmap.create(engagement_id=engagement_id, title=t).record for t in "AB")
    workspace.db.execute(
        """CREATE TRIGGER no_second_place BEFORE UPDATE OF position ON roadmap_items
           WHEN NEW.position = 2 BEGIN SELECT RAISE(ABORT, 'refused by test'); END"""
    )
    with pytest.raises(WorkspaceError, match="nothing was saved"):
        workspace.roadmap.move(b.id, 1)
    assert _titles(workspace, engagement_id) == ["A", "B"]  # all or nothing


# --------------------------------------------------------------------------- dismissed


def test_dismissed_suggestions(workspace: Workspace, engagement_id) -> None:
    saved = workspace.dismissed_suggestions.dismiss(engagement_id, "gate_closed:customer_strategy")
    again = workspace.dismissed_suggestions.dismiss(engagement_id, "gate_closed:customer_strategy")
    assert again.record.id == saved.record.id and not again.changes
    assert workspace.dismissed_suggestions.keys(engagement_id) == {"gate_closed:customer_strategy"}
    workspace.dismissed_suggestions.restore(engagement_id, "gate_closed:customer_strategy")
    assert workspace.dismissed_suggestions.keys(engagement_id) == frozenset()
    with pytest.raises(ValidationError):
        workspace.dismissed_suggestions.dismiss(engagement_id, "")


def test_database_refuses_what_the_repository_would(workspace: Workspace, engagement_id) -> None:
    """The schema's own checks back the repositories up (for imports and old code)."""
    with pytest.raises(sqlite3.IntegrityError):
        workspace.db.execute(
            "INSERT INTO roadmap_items (id, engagement_id, title, impact, effort, phase, status,"
            " position, start_date, end_date, created_at, updated_at) VALUES"
            " ('x', ?, 't', 3, 3, 'next', 'proposed', 1, '2026-02-01', '2026-01-01', '', '')",
            [engagement_id],
        )


def test_every_planning_record_can_be_put_back_exactly(workspace: Workspace, engagement_id) -> None:
    """Export/import and undo re-create records with put_back: every field survives."""
    _fill_everything(workspace, engagement_id)
    repositories = (
        workspace.canvas,
        workspace.checklists,
        workspace.posture,
        workspace.social_initiatives,
        workspace.starting_points,
        workspace.platforms,
        workspace.roadmap,
        workspace.dismissed_suggestions,
    )
    for repository in repositories:
        records = repository.for_engagement(engagement_id)
        for record in records:
            repository.delete(record.id)
        assert repository.for_engagement(engagement_id) == []
        for record in records:
            repository.put_back(record)
        assert repository.for_engagement(engagement_id) == records, repository.table
