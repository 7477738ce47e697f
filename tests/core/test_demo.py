"""The demo engagement: realistic, complete, clearly fictional, and safe to add twice."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from scrm_desk.demo import DEMO_CLIENT_NAME, DEMO_TITLE, add_demo_engagement, has_demo
from scrm_desk.errors import WorkspaceError
from scrm_desk.records import EngagementStatus, StakeholderGroup, Variant
from scrm_desk.workspace import Workspace


def test_the_demo_is_a_complete_active_engagement(workspace: Workspace) -> None:
    saved = add_demo_engagement(workspace, today=date(2026, 3, 16))
    engagement = saved.record
    client = workspace.clients.get(engagement.client_id)
    assert client.name == DEMO_CLIENT_NAME
    assert "(demo)" in client.name  # nobody mistakes it for a real organisation
    assert client.industry and client.size and client.region and client.notes
    assert engagement.title == DEMO_TITLE
    assert engagement.status is EngagementStatus.ACTIVE
    assert engagement.variant is Variant.BOTH
    assert engagement.consultant
    assert engagement.start_date == "2026-02-23"
    assert engagement.end_date == "2026-04-20"
    assert "building blocks" in engagement.scope_notes
    assert "seven layers" in engagement.scope_notes
    assert saved.changes.touches("client", "engagement", "stakeholder")


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
