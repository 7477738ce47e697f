"""The Social CRM Strategy tab: posture, initiatives, starting points, platforms and
governance, each edit one undo step, the warnings where the user works."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from ui.models.navigator_model import ENGAGEMENT
from ui.strategy.plan_table import Column, PlanTableModel

TOE_DIPPER_ANSWERS = {
    "presence": "one_or_two",
    "leadership_view": "experiment",
    "listening": "now_and_then",
    "objectives": "activity_only",
}


@pytest.fixture
def page(engagement_id, window, qtbot):
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    view = window.area.engagement_view
    strategy = view.pages["strategy"]
    view.setCurrentWidget(strategy)
    qtbot.waitUntil(lambda: strategy.posture.questions != {})
    return strategy


def undo(window) -> None:
    window.menu_actions.undo.trigger()


def answer(qtbot, page, question_id: str, option_id: str) -> None:
    button = page.posture.questions[question_id].buttons[option_id]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def source_index(view, row: int, column: int):
    """The view's index for a row and column of its source model (tables may sort)."""
    model = view.model()
    source = model.sourceModel() if hasattr(model, "sourceModel") else model
    index = source.index(row, column)
    return model.mapFromSource(index) if model is not source else index


# -- posture -------------------------------------------------------------------------------


def test_answers_place_the_client_with_the_reasoning_shown(
    qtbot, page, window, engagement_id, ui_workspace
):
    posture = page.posture
    assert posture.approach_label.text() == "Not placed yet"
    for question_id, option_id in TOE_DIPPER_ANSWERS.items():
        answer(qtbot, page, question_id, option_id)
    assert posture.approach_label.text() == "Toe-dippers"
    assert posture.source_label.text() == "From the questionnaire."
    assert "Gartner puts 50% of organisations here" in posture.sign_label.text()
    reasoning = posture.reasoning_label.text()
    assert "How present is the organisation on social sites today?" in reasoning
    assert "→ Toe-dippers" in reasoning
    assert "Totals: Denial 1, Toe-dippers 10, Strategic 0, Too aggressive 1." in reasoning
    assert posture.progress.text().startswith("4 of 8 questions answered")
    stored = ui_workspace.posture.find(engagement_id)
    assert stored.computed_approach == "toe_dippers"
    assert posture.questions["presence"].buttons["one_or_two"].isChecked()
    assert "Client" in posture.chart.texts()
    assert "Toe-dippers" in posture.chart.accessibleDescription()

    undo(window)  # three answers are too few to place the client
    assert posture.approach_label.text() == "Not placed yet"
    assert not any(b.isChecked() for b in posture.questions["objectives"].buttons.values())
    assert window.undo_stack.count() == 4


def test_clicking_an_option_sentence_answers_the_question(qtbot, page, engagement_id, ui_workspace):
    box = page.posture.questions["presence"]
    label = box.findChildren(type(page.posture.approach_label))
    sentence = next(lbl for lbl in label if lbl.text().startswith("No official presence"))
    qtbot.mouseClick(sentence, Qt.MouseButton.LeftButton)
    assert ui_workspace.posture.find(engagement_id).answers == {"presence": "none"}


def test_the_consultant_overrides_the_placement_with_a_note(
    qtbot, page, window, engagement_id, ui_workspace
):
    for question_id, option_id in TOE_DIPPER_ANSWERS.items():
        answer(qtbot, page, question_id, option_id)
    posture = page.posture
    posture.override_combo.setCurrentIndex(posture.override_combo.findData("strategic"))
    assert not posture.override_button.isEnabled()  # a note is required
    posture.override_note.setFocus()
    qtbot.keyClicks(posture.override_note, "Board approved a focused care pilot last week.")
    assert posture.override_button.isEnabled()
    qtbot.mouseClick(posture.override_button, Qt.MouseButton.LeftButton)

    stored = ui_workspace.posture.find(engagement_id)
    assert (stored.override_approach, stored.computed_approach) == ("strategic", "toe_dippers")
    assert posture.approach_label.text() == "Strategic"
    assert "the questionnaire says: Toe-dippers" in posture.source_label.text()
    assert "Board approved" in posture.source_label.text()
    texts = posture.chart.texts()
    assert "Client" in texts and "Questionnaire" in texts
    assert not posture.override_button.isEnabled()  # nothing left to apply

    undo(window)
    assert posture.approach_label.text() == "Toe-dippers"
    assert ui_workspace.posture.find(engagement_id).override_approach is None
    assert posture.override_combo.currentData() == ""

    window.menu_actions.redo.trigger()
    posture.override_combo.setCurrentIndex(0)  # back to the questionnaire's placement
    qtbot.mouseClick(posture.override_button, Qt.MouseButton.LeftButton)
    assert ui_workspace.posture.find(engagement_id).override_approach is None
    assert posture.approach_label.text() == "Toe-dippers"


# -- starting points -----------------------------------------------------------------------


def test_a_third_starting_area_chosen_first_brings_a_warning(
    qtbot, page, window, engagement_id, ui_workspace
):
    page.show_section("starting_points")
    view = page.starting_view
    model = page.starting_model
    chosen = model.column_of["chosen"]
    section = page.section_widgets["starting_points"]
    areas = [row.id for row in model.rows()]
    assert areas[:3] == ["sales", "customer_service", "marketing_brand_awareness"]

    for row in range(3):
        index = source_index(view, row, chosen)
        view.setFocus()
        view.setCurrentIndex(index)
        qtbot.keyClick(view, Qt.Key.Key_Space)
        if row < 2:
            assert not section.warning.isVisible()
    assert [p.area_id for p in ui_workspace.starting_points.chosen(engagement_id)] == sorted(
        areas[:3]
    )
    assert section.warning.isVisible()
    assert section.warning.text().startswith("Too many starting areas chosen")
    tabs = page.sections
    assert not tabs.tabIcon(tabs.indexOf(section)).isNull()

    undo(window)
    assert not section.warning.isVisible()
    assert tabs.tabIcon(tabs.indexOf(section)).isNull()
    assert model.index(2, chosen).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_pain_and_value_are_rated_and_multiplied(qtbot, page, engagement_id, ui_workspace):
    page.show_section("starting_points")
    view = page.starting_view
    model = page.starting_model
    for field, level in (("pain", 4), ("value", 5)):
        index = source_index(view, 1, model.column_of[field])  # customer service
        view.setFocus()
        view.setCurrentIndex(index)
        qtbot.keyClick(view, Qt.Key.Key_F2)
        combo = QApplication.focusWidget()
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(level))
        qtbot.keyClick(combo, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    point = ui_workspace.starting_points.find(engagement_id, "customer_service")
    assert (point.pain, point.value, point.chosen) == (4, 5, False)
    assert model.index(1, model.column_of["score"]).data() == "20"


# -- initiatives ---------------------------------------------------------------------------


def test_initiatives_are_classified_and_tactics_alone_are_flagged(
    qtbot, page, window, engagement_id, ui_workspace
):
    page.show_section("initiatives")
    section = page.section_widgets["initiatives"]
    qtbot.mouseClick(page.add_initiative_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Brand page on Instagram")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.initiative_view.state() != page.initiative_view.State.EditingState)
    [initiative] = ui_workspace.social_initiatives.for_engagement(engagement_id)
    assert (initiative.title, initiative.kind) == ("Brand page on Instagram", "social_media")
    assert section.warning.isVisible()
    assert section.warning.text().startswith("The Social CRM plan is tactics only")

    model = page.initiative_model
    view = page.initiative_view
    view.setFocus()
    view.setCurrentIndex(model.index(0, model.column_of["kind"]))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Social media",
        "Social CRM",
        "Social business",
    ]
    combo.setCurrentIndex(combo.findData("social_crm"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert ui_workspace.social_initiatives.get(initiative.id).kind == "social_crm"
    assert model.index(0, model.column_of["kind"]).data() == "Social CRM"
    assert not section.warning.isVisible()
    assert window.undo_stack.undoText() == "Change kind of “Brand page on Instagram”"

    undo(window)
    assert section.warning.isVisible()
    view.selectRow(0)
    qtbot.mouseClick(page.remove_initiative_button, Qt.MouseButton.LeftButton)
    assert ui_workspace.social_initiatives.for_engagement(engagement_id) == []
    undo(window)
    assert ui_workspace.social_initiatives.for_engagement(engagement_id) == [
        ui_workspace.social_initiatives.get(initiative.id)
    ]


# -- platforms -----------------------------------------------------------------------------


def test_platform_warnings_for_a_single_platform_and_a_missing_objective(
    qtbot, page, window, engagement_id, ui_workspace
):
    page.show_section("platforms")
    section = page.section_widgets["platforms"]
    qtbot.mouseClick(page.add_platform_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Facebook")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    view = page.platform_view
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert "Facebook serves no objective" in section.warning.text()

    model = page.platform_model
    view.setFocus()
    view.setCurrentIndex(source_index(view, 0, model.column_of["objective"]))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Answer service questions within four hours")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    [platform] = ui_workspace.platforms.for_engagement(engagement_id)
    assert platform.objective == "Answer service questions within four hours"
    assert section.warning.text().startswith("The strategy depends on a single platform: Facebook")
    assert "serves no objective" not in section.warning.text()
    assert model.index(0, model.column_of["category_id"]).data() == "Social networking"

    ui_workspace.platforms.create(
        engagement_id=engagement_id,
        name="Wanderforum.de",
        category_id="forums_communities",
        objective="Listen for product issues",
    )
    window.events.broadcast_everything()
    assert not section.warning.isVisible()
    assert [row.name for row in model.rows()] == ["Facebook", "Wanderforum.de"]


# -- governance ----------------------------------------------------------------------------


def test_ticking_the_governance_checklist_closes_its_gaps(
    qtbot, page, window, engagement_id, ui_workspace
):
    page.show_section("governance")
    section = page.section_widgets["governance"]
    assert section.warning.text().startswith(
        "Governance is not settled: 8 of 8 checklist points open"
    )
    boxes = page.governance.boxes
    for box in boxes.values():
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not section.warning.isVisible()
    assert all(
        e.checked for e in ui_workspace.checklists.governance_entries(engagement_id).values()
    )
    undo(window)
    assert section.warning.text().startswith(
        "Governance is not settled: 1 of 8 checklist points open"
    )


def test_the_plan_table_model_passes_the_model_tester(qtmodeltester):
    from dataclasses import dataclass

    @dataclass
    class Row:
        id: str
        title: str
        chosen: bool

    model = PlanTableModel(
        (Column("title", "Title"), Column("chosen", "Chosen", "check")), lambda *a: True
    )
    model.set_rows([Row("a", "One", True), Row("b", "Two", False)])
    qtmodeltester.check(model)
