"""The Framework Canvas tab: bands clicked and edited, the gate passed, every edit undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPushButton

from ui.canvas.maturity import LEVEL_COLOURS, LEVELS, text_colour_on
from ui.models.navigator_model import ENGAGEMENT

GATE = "customer_strategy"
BELOW_GATE = (
    "customer_to_customer",
    "customer_experience",
    "operational_channels",
    "people_ecosystem",
    "lean_agile_processes",
    "bi_listening",
)


@pytest.fixture
def page(engagement_id, window, qtbot):
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    view = window.area.engagement_view
    canvas = view.pages["canvas"]
    view.setCurrentWidget(canvas)
    qtbot.waitUntil(lambda: canvas.scene is not None)
    return canvas


def band_point(page, layer_id: str, process_id: str = "") -> QPoint:
    band = page.scene.band(layer_id, process_id)
    centre = band.sceneBoundingRect().center()
    return page.view.mapFromScene(centre)


def click_band(qtbot, page, layer_id: str, process_id: str = "") -> None:
    qtbot.mouseClick(
        page.view.viewport(), Qt.MouseButton.LeftButton, pos=band_point(page, layer_id, process_id)
    )


def undo(window) -> None:
    window.menu_actions.undo.trigger()


def test_the_canvas_draws_seven_layers_top_to_bottom_with_four_processes(page):
    scene = page.scene
    rows = [[key for key in row] for row in scene.rows]
    assert [row[0][0] for row in rows] == [GATE, *BELOW_GATE]
    lean = next(row for row in rows if row[0][0] == "lean_agile_processes")
    assert [key[1] for key in lean] == ["", "marketing", "sales", "fulfilment", "service"]
    tops = [scene.band(*row[0]).sceneBoundingRect().top() for row in rows]
    assert tops == sorted(tops)  # Customer Strategy on top, BI at the bottom
    assert scene.legend.entries()[1:6] == [
        "1 Initial",
        "2 Developing",
        "3 Defined",
        "4 Managed",
        "5 Optimised",
    ]
    assert scene.legend.entries()[-2:] == ["Not rated", "Blocked"]


def test_a_new_engagement_shows_the_gate_closed_and_everything_below_blocked(page):
    scene = page.scene
    assert scene.gate_items[GATE].closed
    assert "do not pass go" in scene.gate_items[GATE].text
    assert not scene.band(GATE).blocked
    assert all(scene.band(layer).blocked for layer in BELOW_GATE)
    assert scene.band("lean_agile_processes", "service").blocked
    assert page.gate_message.isVisible()
    assert page.gate_message.text().startswith("Do not pass go")


def test_clicking_a_band_opens_its_editor_and_maturity_recolours_it(
    qtbot, page, window, engagement_id, ui_workspace
):
    assert not page.editor_area.isVisible()
    click_band(qtbot, page, "customer_experience")
    assert page.editor_area.isVisible()
    assert page.editor.heading.text() == "Customer Experience"
    band = page.scene.band("customer_experience")
    unrated = band.fill_colour()

    qtbot.mouseClick(page.editor.maturity_buttons[4], Qt.MouseButton.LeftButton)
    entry = ui_workspace.canvas.find(engagement_id, "customer_experience")
    assert entry is not None and entry.maturity == 4
    assert band.maturity == 4
    assert band.fill_colour() == QColor(LEVEL_COLOURS[4]) != unrated
    assert band.maturity_text() == "4 · Managed"
    assert page.editor.maturity_buttons[4].isChecked()

    qtbot.mouseClick(page.editor.maturity_buttons[2], Qt.MouseButton.LeftButton)
    assert band.fill_colour() == QColor(LEVEL_COLOURS[2])
    assert window.undo_stack.count() == 2

    undo(window)
    assert band.fill_colour() == QColor(LEVEL_COLOURS[4])
    assert page.editor.maturity_buttons[4].isChecked()
    undo(window)  # the first save created the entry: undo removes it
    assert ui_workspace.canvas.find(engagement_id, "customer_experience") is None
    assert band.maturity is None and band.fill_colour() == unrated


def test_texts_are_saved_when_the_field_is_left_and_undo_restores_them(
    qtbot, page, window, engagement_id, ui_workspace
):
    click_band(qtbot, page, "people_ecosystem")
    editor = page.editor
    current = editor.text_edits["current_state"]
    current.setFocus()
    qtbot.keyClicks(current, "Store staff answer from private accounts.")
    editor.owner_edit.setFocus()  # leaving the field saves it
    entry = ui_workspace.canvas.find(engagement_id, "people_ecosystem")
    assert entry.current_state == "Store staff answer from private accounts."
    qtbot.keyClicks(editor.owner_edit, "Bram Visser")
    qtbot.keyClick(editor.owner_edit, Qt.Key.Key_Return)
    assert ui_workspace.canvas.find(engagement_id, "people_ecosystem").owner == "Bram Visser"
    assert page.scene.band("people_ecosystem").owner == "Bram Visser"
    assert window.undo_stack.undoText() == "Change owner of “People & Ecosystem”"

    page.view.setFocus()
    undo(window)
    assert page.scene.band("people_ecosystem").owner == ""
    assert editor.owner_edit.text() == ""
    undo(window)
    assert ui_workspace.canvas.find(engagement_id, "people_ecosystem") is None
    assert current.toPlainText() == ""


def test_typing_then_choosing_another_band_saves_the_first_band(
    qtbot, page, engagement_id, ui_workspace
):
    click_band(qtbot, page, "bi_listening")
    edit = page.editor.text_edits["pain_points"]
    edit.setFocus()
    qtbot.keyClicks(edit, "Reports reach nobody.")
    click_band(qtbot, page, "customer_experience")
    assert ui_workspace.canvas.find(engagement_id, "bi_listening").pain_points == (
        "Reports reach nobody."
    )
    assert page.editor.heading.text() == "Customer Experience"
    assert page.editor.text_edits["pain_points"].toPlainText() == ""


def test_a_process_of_lean_and_agile_has_its_own_entry(qtbot, page, engagement_id, ui_workspace):
    click_band(qtbot, page, "lean_agile_processes", "service")
    assert page.editor.heading.text() == "Lean & Agile Processes › Service"
    assert not page.editor.gate_box.isVisible()
    qtbot.mouseClick(page.editor.maturity_buttons[1], Qt.MouseButton.LeftButton)
    assert ui_workspace.canvas.find(engagement_id, "lean_agile_processes", "service").maturity == 1
    assert ui_workspace.canvas.find(engagement_id, "lean_agile_processes") is None
    assert page.scene.band("lean_agile_processes", "service").fill_colour() == QColor(
        LEVEL_COLOURS[1]
    )
    assert page.scene.band("lean_agile_processes").maturity is None


def test_ticking_every_gate_criterion_opens_the_gate_and_undo_closes_it(
    qtbot, page, window, engagement_id, ui_workspace
):
    click_band(qtbot, page, GATE)
    editor = page.editor
    assert editor.gate_box.isVisible()
    boxes = editor.gate_checklist.boxes
    assert len(boxes) == 6
    for box in boxes.values():
        assert page.scene.gate_items[GATE].closed
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert all(box.isChecked() for box in boxes.values())
    scene = page.scene
    assert not scene.gate_items[GATE].closed
    assert scene.gate_items[GATE].text == "Gate open: 6 of 6 criteria met"
    assert not any(band.blocked for band in scene.bands())
    assert not page.gate_message.isVisible()
    assert editor.gate_status.text().startswith("Open: 6 of 6")
    assert window.undo_stack.count() == 6

    undo(window)
    assert scene.gate_items[GATE].closed
    assert all(scene.band(layer).blocked for layer in BELOW_GATE)
    assert page.gate_message.isVisible()
    assert sum(box.isChecked() for box in boxes.values()) == 5


def test_clicking_a_criterion_sentence_ticks_it(qtbot, page, engagement_id, ui_workspace):
    page.select_band(GATE)
    label = page.editor.gate_checklist._labels["leadership_commitment"]
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    entry = ui_workspace.checklists.find(engagement_id, "gate", "leadership_commitment", GATE)
    assert entry is not None and entry.checked


def test_clicking_the_gate_opens_the_customer_strategy_editor(qtbot, page):
    gate = page.scene.gate_items[GATE]
    left = gate.sceneBoundingRect()
    point = page.view.mapFromScene(left.left() + 40, left.center().y())
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert page.scene.selected_key() == (GATE, "")
    assert page.editor.gate_box.isVisible()


def test_arrow_keys_move_between_bands_enter_edits_escape_closes(qtbot, page):
    view = page.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert page.scene.selected_key() == (GATE, "")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert page.scene.selected_key() == ("customer_to_customer", "")
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert page.scene.selected_key() == ("lean_agile_processes", "")
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert page.scene.selected_key() == ("lean_agile_processes", "marketing")
    assert page.editor.heading.text() == "Lean & Agile Processes › Marketing"
    assert "Marketing" in view.accessibleDescription()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QPushButton) and focused in page.editor.maturity_buttons.values()
    qtbot.keyClick(focused, Qt.Key.Key_Escape)
    assert not page.editor_area.isVisible()
    assert page.scene.selected_key() is None


def test_the_canvas_fits_its_window_and_keeps_its_aspect(qtbot, page, window):
    window.resize(1500, 1000)
    qtbot.wait(10)
    big = page.view.transform().m11()
    window.resize(900, 650)
    qtbot.waitUntil(lambda: page.view.transform().m11() < big)
    transform = page.view.transform()
    assert transform.m11() == pytest.approx(transform.m22())
    rect = page.view.mapFromScene(page.scene.sceneRect()).boundingRect()
    assert page.view.viewport().rect().adjusted(-2, -2, 2, 2).contains(rect)


def test_every_maturity_colour_has_readable_text():
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    for level in LEVELS:
        fill = QColor(LEVEL_COLOURS[level])
        ink = text_colour_on(fill)
        light, dark = sorted((luminance(fill), luminance(ink)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, level
    # The scale runs one way in lightness, so it reads in grey and for colour-blind readers.
    lightness = [luminance(QColor(LEVEL_COLOURS[level])) for level in LEVELS]
    assert lightness == sorted(lightness)


def test_the_canvas_follows_a_dark_palette(qtbot, page):
    dark = QPalette(page.view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1E1E1E"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#E6E6E6"))
    page.view.setPalette(dark)
    assert page.scene.palette().color(QPalette.ColorRole.Base) == QColor("#1E1E1E")
    unrated = page.scene.band("bi_listening").fill_colour()
    assert unrated.lightness() < 80  # a dark tint, not a light grey box
    assert text_colour_on(unrated) == QColor("#FFFFFF")
    page.view.grab()  # paints without error


def test_the_canvas_keeps_most_of_the_width_when_the_editor_opens(qtbot, page, window):
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: page.splitter.width() > 900)
    click_band(qtbot, page, "people_ecosystem")
    qtbot.waitUntil(page.editor_area.isVisible)
    qtbot.wait(50)  # let the splitter settle
    canvas_width, editor_width = page.splitter.sizes()
    assert editor_width <= 440
    assert canvas_width >= 1.8 * editor_width
