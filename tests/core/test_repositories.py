"""Repositories: validation, transactions, the trash and the records they return."""

from __future__ import annotations

import pytest

from scrm_desk.errors import ConflictError, NotFoundError, ValidationError, WorkspaceError
from scrm_desk.records import EngagementStatus, StakeholderGroup, Variant
from scrm_desk.workspace import Workspace


def table_dump(ws: Workspace) -> dict[str, list[tuple]]:
    return {
        name: list(ws.db.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall())
        for name in ("clients", "engagements", "stakeholders", "workspace_settings")
    }


@pytest.fixture
def engagement(workspace: Workspace):
    client = workspace.clients.create(name="Acme Retail", industry="Retail").record
    return workspace.engagements.create(
        client_id=client.id,
        title="Social CRM readiness",
        start_date="2026-01-05",
        end_date="2026-03-31",
    ).record


def test_create_returns_record_and_changes(workspace: Workspace) -> None:
    saved = workspace.clients.create(name="  Acme  ", region="EMEA")
    assert saved.record.name == "Acme"  # surrounding blanks are trimmed
    assert saved.changes.kinds == {"client"}
    assert saved.changes.ids == {saved.record.id}
    assert saved.record.created_at.endswith("Z") and "T" in saved.record.created_at
    assert len(saved.record.id) == 36


def test_engagement_defaults_and_update(workspace: Workspace, engagement) -> None:
    assert engagement.status is EngagementStatus.PLANNED
    assert engagement.variant is Variant.BOTH
    updated = workspace.engagements.update(engagement.id, status="active").record
    assert updated.status is EngagementStatus.ACTIVE
    assert updated.title == engagement.title
    assert updated.updated_at >= engagement.updated_at


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"title": ""}, "title", "is required"),
        ({"title": "x" * 201}, "title", "limit is 200"),
        ({"title": "two\nlines"}, "title", "single line"),
        ({"status": "paused"}, "status", "not one of"),
        ({"variant": 3}, "variant", "not one of"),
        ({"start_date": "31/01/2026"}, "start_date", "YYYY-MM-DD"),
        ({"start_date": "2026-04-01"}, "end_date", "before the start date"),
        ({"scope_notes": "n" * 10_000_000}, "scope_notes", "limit is 50,000"),
        ({"colour": "red"}, "colour", "not a field"),
    ],
)
def test_engagement_update_rejects_bad_input_and_changes_nothing(
    workspace: Workspace, engagement, fields: dict, field: str, words: str
) -> None:
    before = table_dump(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.engagements.update(engagement.id, **fields)
    assert caught.value.field == field
    assert words in str(caught.value)
    assert table_dump(workspace) == before


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "", "group": "it"}, "name"),
        ({"name": "Ann", "group": "marketing"}, "group"),
        ({"name": "Ann", "group": "it", "email": "ann-at-example"}, "email"),
        ({"name": "Ann", "group": "it", "notes": 5}, "notes"),
        ({"name": "Ann\x00", "group": "it"}, "name"),
    ],
)
def test_stakeholder_create_validation(
    workspace: Workspace, engagement, fields: dict, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.stakeholders.create(engagement_id=engagement.id, **fields)
    assert caught.value.field == field
    assert workspace.stakeholders.count() == 0


def test_engagement_for_unknown_client_is_refused(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="no client"):
        workspace.engagements.create(
            client_id="00000000-0000-4000-8000-000000000000", title="Orphan"
        )


def test_trash_restore_and_empty(workspace: Workspace, engagement) -> None:
    workspace.stakeholders.create(engagement_id=engagement.id, name="Ann", group="it")
    workspace.engagements.move_to_trash(engagement.id)
    assert workspace.engagements.active() == []
    assert [e.id for e in workspace.engagements.trashed()] == [engagement.id]
    workspace.engagements.restore_from_trash(engagement.id)
    assert [e.id for e in workspace.engagements.active()] == [engagement.id]

    workspace.engagements.move_to_trash(engagement.id)
    changes = workspace.engagements.empty_trash()
    assert changes.touches("engagement", "stakeholder")
    assert workspace.engagements.count() == 0
    assert workspace.stakeholders.count() == 0  # nothing left behind


def test_client_with_engagements_cannot_be_deleted(workspace: Workspace, engagement) -> None:
    with pytest.raises(ConflictError, match="1 open"):
        workspace.clients.delete(engagement.client_id)
    workspace.engagements.move_to_trash(engagement.id)
    with pytest.raises(ConflictError, match="in the trash"):
        workspace.clients.delete(engagement.client_id)
    workspace.engagements.empty_trash()
    workspace.clients.delete(engagement.client_id)
    assert workspace.clients.count() == 0


def test_put_back_restores_a_deleted_record_exactly(workspace: Workspace, engagement) -> None:
    person = workspace.stakeholders.create(
        engagement_id=engagement.id, name="Ann", group=StakeholderGroup.IT, email="a@b.co"
    ).record
    workspace.stakeholders.delete(person.id)
    assert workspace.stakeholders.put_back(person).record == person


def test_create_with_existing_id_is_refused(workspace: Workspace) -> None:
    client = workspace.clients.create(name="Acme").record
    with pytest.raises(ValidationError, match="already exists"):
        workspace.clients.create(id=client.id, name="Other")


@pytest.mark.parametrize(
    ("reference", "expected"),
    [("Social CRM readiness", "readiness"), ("readiness", "readiness"), ("SOCIAL crm", None)],
)
def test_resolve_by_title(workspace: Workspace, engagement, reference: str, expected) -> None:
    other = workspace.engagements.create(client_id=engagement.client_id, title="Social CRM pilot")
    if expected is None:
        with pytest.raises(NotFoundError, match="matches 2 engagements"):
            workspace.engagements.resolve(reference)
    else:
        assert workspace.engagements.resolve(reference).id == engagement.id
    assert workspace.engagements.resolve(other.record.id[:8]).id == other.record.id


def test_resolve_unknown(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="No engagement matches"):
        workspace.engagements.resolve("nothing")


def test_full_disk_gives_a_clear_message_and_keeps_data(workspace: Workspace) -> None:
    workspace.clients.create(name="Kept")
    before = table_dump(workspace)
    pages = workspace.db.execute("PRAGMA page_count").fetchone()[0]
    # SQLite's page cap fails writes exactly as a full disk does ("database or disk is full").
    workspace.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(WorkspaceError, match=r"disk is full\. Nothing was changed"):
        workspace.clients.create(name="Big", notes="x" * 40_000)
    assert table_dump(workspace) == before


def test_settings_round_trip(workspace: Workspace) -> None:
    assert workspace.settings.get("branding", {}) == {}
    workspace.settings.set("branding", {"firm": "Bright & Co", "colour": "#1f4e79"})
    assert workspace.settings.get("branding") == {"firm": "Bright & Co", "colour": "#1f4e79"}


def test_lone_surrogate_is_a_validation_error(workspace: Workspace) -> None:
    with pytest.raises(ValidationError, match="cannot be stored"):
        workspace.clients.create(name="Bad \ud800 name")
    assert workspace.clients.count() == 0


@pytest.mark.parametrize(
    "value",
    ["6F0B9D4E-8B1A-4D3C-A7E2-2B9C5D1E0F02", "{6f0b9d4e-8b1a-4d3c-a7e2-2b9c5d1e0f02}"],
)
def test_only_canonical_ids_are_accepted(workspace: Workspace, value: str) -> None:
    with pytest.raises(ValidationError, match="canonical"):
        workspace.clients.create(id=value, name="Acme")


def test_full_id_resolves_a_trashed_engagement(workspace: Workspace, engagement) -> None:
    workspace.engagements.move_to_trash(engagement.id)
    assert workspace.engagements.resolve(engagement.id).in_trash
    with pytest.raises(NotFoundError):
        workspace.engagements.resolve("readiness")


def test_emptying_the_trash_names_every_kind_an_engagement_holds(workspace: Workspace) -> None:
    from scrm_desk.changes import ENGAGEMENT_HELD_KINDS

    kinds = {
        repo.kind
        for repo in vars(workspace).values()
        if hasattr(repo, "kind") and hasattr(repo, "db")
    }
    assert set(ENGAGEMENT_HELD_KINDS) == kinds - {"client", "engagement", "setting"}


def test_a_too_short_id_gets_a_hint(workspace: Workspace, engagement) -> None:
    with pytest.raises(NotFoundError, match="needs at least its first 6 characters"):
        workspace.engagements.resolve(engagement.id[:5])
