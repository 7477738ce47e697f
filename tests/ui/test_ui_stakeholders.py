"""Stakeholders edited in place in the Overview table, each edit one undo step."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit

from ui.dialogs.engagement_dialog import EngagementDialog
from ui.models.navigator_model import ENGAGEMENT
from ui.models.stakeholder_table_model import COLUMN_OF


@pytest.fixture
def overview(engagement_id, window):
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    return window.area.engagement_view.overview


def cell(overview, row: int, field: str):
    return overview.stakeholder_model.index(row, COLUMN_OF[field])


def press_enter_in_editor(qtbot, overview, editor) -> None:
    """Enter commits through a queued call in Qt's delegate: wait for the editor to close."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # This editor closes (a refused value opens a new one on the cell at once).
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible())


def reopened_editor(qtbot, overview, index) -> QLineEdit:
    """The editor the table reopens on a cell whose value was refused."""
    view = overview.stakeholder_view
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.EditingState)
    assert view.currentIndex() == index
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    return editor


def type_into_cell(qtbot, overview, row: int, field: str, text: str) -> None:
    """Start editing a cell with F2, replace its text, press Enter."""
    view = overview.stakeholder_view
    view.setFocus()
    view.setCurrentIndex(cell(overview, row, field))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    press_enter_in_editor(qtbot, overview, editor)


def test_add_then_edit_cells_in_place(qtbot, overview, engagement_id, ui_workspace):
    qtbot.mouseClick(overview.add_button, Qt.MouseButton.LeftButton)
    # The new row's name cell is open for typing straight away.
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "New stakeholder"
    editor.selectAll()
    qtbot.keyClicks(editor, "Dana Whitfield")
    press_enter_in_editor(qtbot, overview, editor)

    [dana] = ui_workspace.stakeholders.for_engagement(engagement_id)
    assert (dana.name, dana.group) == ("Dana Whitfield", "business")
    assert cell(overview, 0, "name").data() == "Dana Whitfield"

    type_into_cell(qtbot, overview, 0, "email", "dana@acme.example")
    type_into_cell(qtbot, overview, 0, "role", "Chief Customer Officer")
    assert ui_workspace.stakeholders.get(dana.id).email == "dana@acme.example"
    assert cell(overview, 0, "role").data() == "Chief Customer Officer"


def test_group_is_chosen_from_a_combo_box(qtbot, overview, engagement_id, ui_workspace):
    person = ui_workspace.stakeholders.create(
        engagement_id=engagement_id, name="Mia Chen", group="business"
    ).record
    window = overview.window()
    window.events.broadcast_everything()
    view = overview.stakeholder_view
    view.setFocus()
    view.setCurrentIndex(cell(overview, 0, "group"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    assert combo.accessibleName() == "Group"
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Executive",
        "Business",
        "IT",
        "Front-line",
        "Partner",
    ]
    combo.setCurrentIndex(combo.findData("it"))
    press_enter_in_editor(qtbot, overview, combo)
    assert ui_workspace.stakeholders.get(person.id).group == "it"
    assert cell(overview, 0, "group").data() == "IT"


def test_invalid_value_is_refused_and_explained(qtbot, overview, engagement_id, ui_workspace):
    person = ui_workspace.stakeholders.create(
        engagement_id=engagement_id, name="Ravi Patel", group="business"
    ).record
    overview.window().events.broadcast_everything()
    stack = overview.window().undo_stack
    type_into_cell(qtbot, overview, 0, "email", "not an address")
    assert ui_workspace.stakeholders.get(person.id).email == ""
    assert cell(overview, 0, "email").data() == ""
    assert overview.message.isVisible()
    assert overview.message.text() == "E-mail: 'not an address' is not an e-mail address"
    assert stack.count() == 0
    # What was typed is not lost: the cell opens again with it, ready to be corrected.
    editor = reopened_editor(qtbot, overview, cell(overview, 0, "email"))
    assert editor.text() == "not an address"
    qtbot.keyClicks(editor, "ravi@acme.example")  # replaces the selected text
    press_enter_in_editor(qtbot, overview, editor)
    assert ui_workspace.stakeholders.get(person.id).email == "ravi@acme.example"
    assert not overview.message.isVisible()

    type_into_cell(qtbot, overview, 0, "name", " ")  # a name is required
    assert overview.message.text() == "Name is required"
    assert ui_workspace.stakeholders.get(person.id).name == "Ravi Patel"
    editor = reopened_editor(qtbot, overview, cell(overview, 0, "name"))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # giving up keeps the stored name
    qtbot.waitUntil(
        lambda: overview.stakeholder_view.state() != QAbstractItemView.State.EditingState
    )
    assert cell(overview, 0, "name").data() == "Ravi Patel"


def test_cell_edits_undo_and_redo_exactly(qtbot, overview, engagement_id, ui_workspace):
    person = ui_workspace.stakeholders.create(
        engagement_id=engagement_id, name="Tom Okafor", role="Team lead", group="front_line"
    ).record
    window = overview.window()
    window.events.broadcast_everything()
    type_into_cell(qtbot, overview, 0, "role", "Contact-centre manager")
    type_into_cell(qtbot, overview, 0, "name", "Tom O.")
    assert window.undo_stack.count() == 2

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ui_workspace.stakeholders.get(person.id).name == "Tom Okafor"
    assert ui_workspace.stakeholders.get(person.id).role == "Contact-centre manager"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = ui_workspace.stakeholders.get(person.id)
    assert (restored.name, restored.role, restored.group) == (
        person.name,
        person.role,
        person.group,
    )
    assert cell(overview, 0, "role").data() == "Team lead"
    window.menu_actions.redo.trigger()
    assert cell(overview, 0, "role").data() == "Contact-centre manager"


def test_remove_and_undo_puts_the_same_record_back(qtbot, overview, engagement_id, ui_workspace):
    records = [
        ui_workspace.stakeholders.create(engagement_id=engagement_id, name=n, group="it").record
        for n in ("Ann", "Bob", "Cid")
    ]
    window = overview.window()
    window.events.broadcast_everything()
    view = overview.stakeholder_view
    view.setFocus()
    view.selectRow(0)
    view.selectionModel().select(
        cell(overview, 2, "name"),
        view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
    )
    assert overview.remove_button.isEnabled()
    qtbot.mouseClick(overview.remove_button, Qt.MouseButton.LeftButton)
    assert [s.name for s in ui_workspace.stakeholders.for_engagement(engagement_id)] == ["Bob"]
    assert window.undo_stack.count() == 1  # one step for both
    window.menu_actions.undo.trigger()
    assert ui_workspace.stakeholders.for_engagement(engagement_id) == records


def test_delete_key_in_the_table_removes_a_stakeholder_not_the_engagement(
    qtbot, overview, engagement_id, ui_workspace
):
    ui_workspace.stakeholders.create(engagement_id=engagement_id, name="Ann", group="it")
    window = overview.window()
    window.events.broadcast_everything()
    view = overview.stakeholder_view
    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert ui_workspace.stakeholders.for_engagement(engagement_id) == []
    assert not ui_workspace.engagements.get(engagement_id).in_trash
    assert "Stakeholder “Ann” removed" in window.statusBar().currentMessage()


def test_f2_in_the_table_edits_the_cell_not_the_engagement(
    qtbot, overview, engagement_id, ui_workspace
):
    ui_workspace.stakeholders.create(engagement_id=engagement_id, name="Ann", group="it")
    window = overview.window()
    window.events.broadcast_everything()
    view = overview.stakeholder_view
    view.setFocus()
    view.setCurrentIndex(cell(overview, 0, "name"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    assert window.findChild(EngagementDialog) is None
