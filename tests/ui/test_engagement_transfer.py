"""File › Export Engagement… and Import Engagement…, the way a consultant moves an
engagement from one laptop to another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from scrm_desk.demo import add_demo_engagement
from scrm_desk.workspace import Workspace
from ui.models.navigator_model import ENGAGEMENT


@pytest.fixture
def demo_file(tmp_path: Path) -> tuple[Path, str]:
    """The demo engagement exported from another laptop's workspace."""
    from scrm_desk.interchange import export_engagement, write_document_file

    with Workspace.open(tmp_path / "other-laptop.sqlite") as other:
        engagement_id = add_demo_engagement(other).record.id
        path = tmp_path / "northwind.scrm.json"
        write_document_file(export_engagement(other, engagement_id), path)
    return path, engagement_id


def test_import_from_the_menu_selects_it_and_undo_removes_it(
    qtbot, window, ui_workspace, demo_file, monkeypatch
):
    path, engagement_id = demo_file
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )
    window.menu_actions.import_engagement.trigger()
    assert window.area.navigator.current() == (ENGAGEMENT, engagement_id)
    assert "Imported “Social CRM readiness assessment”" in window.statusBar().currentMessage()
    held = ui_workspace.responses.for_assessment(
        ui_workspace.assessments.for_engagement(engagement_id)[0].id
    )
    assert held  # the answers came along

    window.undo_stack.undo()
    assert not ui_workspace.engagements.exists(engagement_id)
    assert ui_workspace.clients.all() == []  # the client came with the file: gone too
    window.undo_stack.redo()
    assert ui_workspace.engagements.exists(engagement_id)  # same id, same everything


def test_an_engagement_already_here_is_imported_as_a_copy_when_asked(
    qtbot, window, ui_workspace, demo_file, message_boxes
):
    path, engagement_id = demo_file
    area = window.area
    assert area.import_engagement(path) == engagement_id
    message_boxes.answer = QMessageBox.StandardButton.No
    assert area.import_engagement(path) is None
    assert len(ui_workspace.engagements.active()) == 1
    message_boxes.answer = QMessageBox.StandardButton.Yes
    copy_id = area.import_engagement(path)
    assert copy_id not in (None, engagement_id)
    assert ui_workspace.engagements.get(copy_id).title.endswith("(imported copy)")
    assert message_boxes.shown[-1].title == "Engagement already here"
    assert area.navigator.current() == (ENGAGEMENT, copy_id)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format_version": 3, "client": {', "cut short"),
        (b'{"format_version": 3,, "client": {}}', "not valid JSON"),
        (b"\x89PNG\r\n", "not"),
        (json.dumps({"format_version": 99}).encode(), "not an SCRM Desk engagement file"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_written(
    qtbot, window, ui_workspace, message_boxes, tmp_path, content, expected
):
    bad = tmp_path / "bad.scrm.json"
    bad.write_bytes(content)
    assert window.area.import_engagement(bad) is None
    (shown,) = message_boxes.shown
    assert shown.kind == "warning" and shown.title == "Import Engagement"
    assert expected in shown.text and "bad.scrm.json" in shown.text
    assert ui_workspace.engagements.active() == [] and ui_workspace.clients.all() == []
    assert not window.undo_stack.canUndo()


def test_export_the_selected_engagement_round_trips(
    qtbot, window, ui_workspace, tmp_path, monkeypatch
):
    from scrm_desk.interchange import load_document, read_document_file

    engagement_id = add_demo_engagement(ui_workspace).record.id
    window.area.navigator.reload()
    assert not window.menu_actions.export_engagement.isEnabled()  # nothing selected yet
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    assert window.menu_actions.export_engagement.isEnabled()
    target = tmp_path / "moved.scrm.json"
    asked: list[str] = []

    def save_dialog(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    window.menu_actions.export_engagement.trigger()
    assert asked[0].endswith("Social CRM readiness assessment.scrm.json")
    document = load_document(read_document_file(target))
    assert document.engagement.id == engagement_id
    assert len(document.stakeholders) == len(
        ui_workspace.stakeholders.for_engagement(engagement_id)
    )
    assert f"to {target}" in window.statusBar().currentMessage()


def test_export_to_an_unwritable_place_says_so(
    qtbot, window, ui_workspace, message_boxes, tmp_path
):
    engagement_id = add_demo_engagement(ui_workspace).record.id
    window.area.navigator.reload()
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    assert window.area.export_selected_engagement(tmp_path / "missing" / "x.scrm.json") is None
    (shown,) = message_boxes.shown
    assert shown.title == "Export Engagement" and "x.scrm.json was not written" in shown.text
