"""The Roadmap tab: suggestions accepted (into the table and the charts), dismissed and
restored; items added, edited, removed and reordered; every step undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox

from ui.models.navigator_model import ENGAGEMENT
from ui.roadmap.roadmap_model import COLUMN_OF, RoadmapTableModel


@pytest.fixture
def page(engagement_id, window, qtbot):
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    view = window.area.engagement_view
    roadmap = view.pages["roadmap"]
    view.setCurrentWidget(roadmap)
    qtbot.waitUntil(lambda: roadmap.suggestions != ())
    return roadmap


def undo(window) -> None:
    window.menu_actions.undo.trigger()


def titles(page) -> list[str]:
    model = page.model
    return [model.index(row, COLUMN_OF["title"]).data() for row in range(model.rowCount())]


def add_items(ws, window, engagement_id, *names: str) -> list[str]:
    ids = [
        ws.roadmap.create(
            engagement_id=engagement_id,
            title=name,
            start_date="2027-01-04",
            end_date="2027-02-26",
        ).record.id
        for name in names
    ]
    window.events.broadcast_everything()
    return ids


def click_ok(qtbot, dialog) -> None:
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_a_new_engagement_gets_suggestions_and_an_empty_roadmap(page):
    keys = [s.key for s in page.suggestions]
    assert "gate_closed:customer_strategy" in keys
    assert "governance_gaps" in keys
    panel = page.suggestions_panel
    assert panel.model.rowCount() == len(keys)
    assert panel.current_suggestion() is not None  # the first is selected, ready to act on
    assert "Why:" in panel.detail.toPlainText()
    assert page.model.rowCount() == 0
    assert page.matrix_view.figure is None


def test_accepting_a_suggestion_opens_it_prefilled_and_puts_it_on_the_roadmap_and_charts(
    qtbot, page, window, engagement_id, ui_workspace
):
    panel = page.suggestions_panel
    panel.select("gate_closed:customer_strategy")
    suggestion = panel.current_suggestion()
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Accept Suggested Initiative"
    assert dialog.title_edit.text() == suggestion.title
    assert dialog.impact_spin.value() == suggestion.impact
    assert dialog.layer_box.boxes["customer_strategy"].isChecked()
    assert suggestion.reason in dialog.reason_label.text()
    dialog.owner_edit.setText("Marieke Jansen")
    dialog.start_edit.set_value("2027-01-11")
    dialog.end_edit.set_value("2027-03-05")
    click_ok(qtbot, dialog)

    [item] = ui_workspace.roadmap.for_engagement(engagement_id)
    assert (item.origin, item.owner, item.title) == (
        suggestion.key,
        "Marieke Jansen",
        suggestion.title,
    )
    assert titles(page) == [suggestion.title]
    assert page.current_item().id == item.id
    assert suggestion.key not in [s.key for s in page.suggestions]
    assert panel.model.row_of(suggestion.key) is None
    qtbot.waitUntil(lambda: not page.charts_pending())  # drawn once the table shows it
    assert [i.id for i in page.chart_items] == [item.id]
    assert any(suggestion.title[:30] in text for text in page.matrix_view.texts())
    assert page.timeline_view.figure is not None
    assert window.undo_stack.count() == 1  # accepting is one step
    assert window.undo_stack.undoText() == f"Accept suggestion “{suggestion.title}”"

    undo(window)
    assert ui_workspace.roadmap.for_engagement(engagement_id) == []
    assert page.model.rowCount() == 0
    assert panel.model.row_of(suggestion.key) is not None
    qtbot.waitUntil(lambda: page.chart_items == ())
    window.menu_actions.redo.trigger()
    assert ui_workspace.roadmap.for_engagement(engagement_id) == [item]


def test_cancelling_the_accept_dialog_adds_nothing(
    qtbot, page, window, engagement_id, ui_workspace
):
    panel = page.suggestions_panel
    panel.list_view.setFocus()
    qtbot.keyClick(panel.list_view, Qt.Key.Key_Return)  # Enter accepts, as the button does
    dialog = page.dialog
    assert dialog is not None
    dialog.reject()
    assert ui_workspace.roadmap.for_engagement(engagement_id) == []
    assert window.undo_stack.count() == 0


def test_dismissed_suggestions_are_gone_until_restored(
    qtbot, page, window, engagement_id, ui_workspace
):
    panel = page.suggestions_panel
    panel.select("governance_gaps")
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    assert "governance_gaps" not in [s.key for s in page.suggestions]
    assert panel.model.row_of("governance_gaps") is None
    assert ui_workspace.dismissed_suggestions.keys(engagement_id) == {"governance_gaps"}
    assert panel.show_dismissed.text() == "Show &dismissed (1)"

    assert not panel.dismissed_view.isVisible()
    qtbot.mouseClick(panel.show_dismissed, Qt.MouseButton.LeftButton)
    assert panel.dismissed_view.isVisible()
    assert panel.dismissed_model.rowCount() == 1
    panel.dismissed_view.setCurrentIndex(panel.dismissed_model.index(0))
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert ui_workspace.dismissed_suggestions.keys(engagement_id) == frozenset()
    assert panel.model.row_of("governance_gaps") is not None
    assert panel.current_suggestion().key == "governance_gaps"

    undo(window)  # the restore
    assert panel.model.row_of("governance_gaps") is None
    undo(window)  # the dismissal
    assert panel.model.row_of("governance_gaps") is not None
    assert ui_workspace.dismissed_suggestions.for_engagement(engagement_id) == []


def test_ctrl_down_and_up_reorder_the_roadmap(qtbot, page, window, engagement_id, ui_workspace):
    first, second, third = add_items(ui_workspace, window, engagement_id, "A", "B", "C")
    assert titles(page) == ["A", "B", "C"]
    table = page.table
    table.setFocus()
    page.select_item(first)
    assert not page.up_action.isEnabled() and page.down_action.isEnabled()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert titles(page) == ["B", "A", "C"]
    assert [i.id for i in ui_workspace.roadmap.for_engagement(engagement_id)] == [
        second,
        first,
        third,
    ]
    assert page.current_item().id == first  # the moved item stays selected
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert titles(page) == ["B", "C", "A"]
    assert not page.down_action.isEnabled()
    qtbot.waitUntil(lambda: not page.charts_pending())
    assert [i.title for i in page.chart_items] == ["B", "C", "A"]
    assert page.model.index(2, COLUMN_OF["place"]).data() == 3

    undo(window)
    assert titles(page) == ["B", "A", "C"]
    undo(window)
    assert titles(page) == ["A", "B", "C"]
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # at the top
    assert titles(page) == ["A", "B", "C"]
    assert window.undo_stack.count() == 2


def test_a_row_dropped_elsewhere_moves_the_item(qtbot, page, window, engagement_id, ui_workspace):
    add_items(ui_workspace, window, engagement_id, "A", "B", "C", "D")
    model = page.model
    data = model.mimeData([model.index(0, 1)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    # Dropped before row 3 ("D"): A lands third. dropMimeData says False, so the view
    # does not remove the dragged row itself.
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert titles(page) == ["B", "C", "A", "D"]
    data = model.mimeData([model.index(3, 1)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())  # D to the top
    assert titles(page) == ["D", "B", "C", "A"]
    data = model.mimeData([model.index(1, 1)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())  # B last
    assert titles(page) == ["D", "C", "A", "B"]
    assert window.undo_stack.count() == 3
    for _ in range(3):
        undo(window)
    assert titles(page) == ["A", "B", "C", "D"]


def test_items_are_added_edited_and_removed_through_the_dialog(
    qtbot, page, window, engagement_id, ui_workspace
):
    page.new_action.trigger()
    dialog = page.dialog
    assert dialog.windowTitle() == "New Roadmap Item"
    assert not dialog.ok_button.isEnabled()  # a title is required
    qtbot.keyClicks(dialog.title_edit, "Listening report for the strategy owners")
    dialog.phase_combo.setCurrentIndex(dialog.phase_combo.findData("quick_win"))
    dialog.impact_spin.setValue(4)
    dialog.effort_spin.setValue(2)
    dialog.block_box.boxes["metrics"].setChecked(True)
    dialog.area_box.boxes["marketing_monitoring"].setChecked(True)
    dialog.start_edit.set_value("2027-03-01")
    dialog.end_edit.set_value("2027-02-01")
    assert not dialog.ok_button.isEnabled()
    assert dialog.error_text("end_date") == "The end date is before the start date."
    dialog.end_edit.set_value("2027-05-28")
    click_ok(qtbot, dialog)
    [item] = ui_workspace.roadmap.for_engagement(engagement_id)
    assert (item.phase, item.impact, item.effort) == ("quick_win", 4, 2)
    assert (item.block_ids, item.area_ids) == (("metrics",), ("marketing_monitoring",))
    row = page.model.row_of(item.id)
    assert page.model.index(row, COLUMN_OF["links"]).data() == "Metrics, Marketing: monitoring"
    assert page.model.index(row, COLUMN_OF["phase"]).data() == "Quick win"

    table = page.table
    table.setFocus()
    page.select_item(item.id)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog.windowTitle() == "Edit Roadmap Item"
    assert dialog.title_edit.text() == item.title
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("in_progress"))
    click_ok(qtbot, dialog)
    assert ui_workspace.roadmap.get(item.id).status == "in_progress"
    assert (
        window.undo_stack.undoText()
        == "Change status of “Listening report for the strategy owners”"
    )

    table.setFocus()
    page.select_item(item.id)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert ui_workspace.roadmap.for_engagement(engagement_id) == []
    assert not ui_workspace.engagements.get(engagement_id).in_trash
    undo(window)
    restored = ui_workspace.roadmap.get(item.id)
    assert restored.status == "in_progress" and restored.position == item.position
    undo(window)
    assert ui_workspace.roadmap.get(item.id).status == "proposed"


def test_the_roadmap_model_passes_the_model_tester(qtmodeltester, ui_workspace, engagement_id):
    for title in ("One", "Two"):
        ui_workspace.roadmap.create(engagement_id=engagement_id, title=title)
    model = RoadmapTableModel(lambda *a: True)
    model.set_items(ui_workspace.roadmap.for_engagement(engagement_id))
    qtmodeltester.check(model)


def test_the_suggestion_list_model_passes_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.suggestions_panel.model)


def test_charts_follow_a_dark_palette(qapp):
    from PySide6.QtGui import QColor, QPalette

    from scrm_desk.charts.style import DEFAULT_STYLE
    from ui.roadmap.figure_view import chart_style_for

    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
    light.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    assert chart_style_for(light) == DEFAULT_STYLE  # the report's own look
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1E1E1E"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#E6E6E6"))
    style = chart_style_for(dark)
    assert (style.background, style.text) == ("#1e1e1e", "#e6e6e6")
    assert style.current == DEFAULT_STYLE.current  # the data keep their colours


def test_a_new_palette_redraws_the_charts_to_match(
    qtbot, page, window, engagement_id, ui_workspace
):
    from PySide6.QtGui import QColor, QPalette

    add_items(ui_workspace, window, engagement_id, "A")
    qtbot.waitUntil(lambda: page.matrix_view.figure is not None)
    dark = QPalette(page.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1E1E1E"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#E6E6E6"))
    page.setPalette(dark)
    qtbot.waitUntil(
        lambda: (
            page.matrix_view.figure is not None
            and QColor.fromRgbF(*page.matrix_view.figure.get_facecolor()).name() == "#1e1e1e"
        )
    )
