"""The assessment wizard, driven with the keyboard alone where a consultant would.

A small framework file (two areas, seven questions under both lenses) is put in the
workspace's frameworks folder, so a whole assessment takes a few dozen key presses.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import isValid

from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.records import AnswerKind, AssessmentStatus, Confidence, Lens, Variant
from scrm_desk.scoring import score_assessment
from ui.commands.assessment_commands import AnswerKey, AnswerValues, SaveAnswer
from ui.commands.base import CommandRunner
from ui.models.navigator_model import ENGAGEMENT
from ui.wizards.assessment_wizard import INTRO_ID, SUMMARY_ID, AssessmentWizard
from ui.wizards.block_page import BlockPage
from ui.wizards.question_row import QuestionRow
from ui.workspace_events import WorkspaceEvents

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

SMALL_FRAMEWORK = """
schema_version = 1
id = "quick-check"
kind = "building_blocks"
name = "Quick check"
version = "0.1"
description = "Two areas for tests."
attribution = "Tests"

[scoring]
missing_block_below = 2.0
min_completeness = 0.5
weak_foundation_below = 2.5
misalignment_levels = 1.0
high_spread_stdev = 1.0
large_gap = 2.0

[[maturity_levels]]
level = 1
name = "Initial"
summary = "Ad hoc."
[[maturity_levels]]
level = 2
name = "Developing"
summary = "Repeated."
[[maturity_levels]]
level = 3
name = "Defined"
summary = "Agreed."
[[maturity_levels]]
level = 4
name = "Managed"
summary = "Measured."
[[maturity_levels]]
level = 5
name = "Optimised"
summary = "Improving."

[[areas]]
id = "vision"
order = 1
name = "Vision"
short_name = "Vision"
guiding_question = "What would customer-centred mean for us?"
social_question = "What will social channels let us do?"
why_it_matters = "Direction."
levels = ["No vision.", "On paper.", "Agreed.", "Steers choices.", "Lived."]

  [[areas.sub_components]]
  id = "leadership"
  name = "Leadership"
  description = "Who leads."

    [[areas.sub_components.questions]]
    id = "vision.leadership.1"
    text = "Leaders sponsor the customer vision."
    social_text = "Leaders sponsor social channels."
    hint = "Board minutes."

    [[areas.sub_components.questions]]
    id = "vision.leadership.2"
    text = "The vision is written down."
    social_text = "The vision names social channels."
    hint = "Strategy documents."

[[areas]]
id = "governance"
order = 2
name = "Governance"
short_name = "Governance"
cross_cutting = true
guiding_question = "Who decides?"
social_question = "Who may speak for us on social channels?"
why_it_matters = "Control."
levels = ["Nobody.", "A policy.", "Rules.", "Monitored.", "Light and effective."]

  [[areas.sub_components]]
  id = "voice"
  name = "Voice"
  description = "Who may speak."

    [[areas.sub_components.questions]]
    id = "governance.voice.1"
    text = "It is defined who may speak for us."
    social_text = "Social accounts have owners."
    hint = "Policy."

    [[areas.sub_components.questions]]
    id = "governance.voice.2"
    text = "Access to channels is reviewed."
    hint = "Audits."
"""


@pytest.fixture
def small_framework(ui_workspace) -> Path:
    folder = ui_workspace.frameworks_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "quick_check.toml"
    path.write_text(SMALL_FRAMEWORK, encoding="utf-8")
    return path


@pytest.fixture
def page(engagement_id, small_framework, window):
    """The Assessment tab of the engagement, shown."""
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    view = window.area.engagement_view
    view.setCurrentWidget(view.pages["assessment"])
    return view.pages["assessment"]


# -- helpers ---------------------------------------------------------------------------------
def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press on whatever has the keyboard focus, as a user would make it."""
    widget = focused()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def activate(qtbot, wizard) -> None:
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)


def closed(wizard) -> bool:
    """Closed (and, with WA_DeleteOnClose, maybe deleted already)."""
    return not isValid(wizard) or not wizard.isVisible()


def focused_row(wizard) -> QuestionRow | None:
    widget = focused()
    return widget if isinstance(widget, QuestionRow) else None


def wait_for_row(qtbot, wizard) -> QuestionRow:
    qtbot.waitUntil(lambda: focused_row(wizard) is not None)
    row = focused_row(wizard)
    assert row is not None
    return row


def start_new(qtbot, page, name: str = "Baseline") -> AssessmentWizard:
    """New Assessment… from the keyboard; the small framework chosen; intro filled in."""
    page.new_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    wizard = page.wizard
    assert wizard is not None and wizard.isVisible()
    activate(qtbot, wizard)
    qtbot.waitUntil(lambda: focused() is wizard.intro_page.name_edit)
    type_text(qtbot, name)
    # Tab: into the date, through its day, month and year (Qt's date edit), on to the
    # framework.
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Tab)
        if focused() is wizard.intro_page.framework_combo:
            break
    assert focused() is wizard.intro_page.framework_combo
    press(qtbot, Qt.Key.Key_Down)
    assert wizard.intro_page.framework_combo.currentData() == "quick-check"
    return wizard


def alt(qtbot, key) -> None:
    """Alt+letter on a wizard button that should do nothing: Qt "animates" a click, which
    would land 100 ms later, so give it time to (wrongly) land. Where something must
    happen, press and wait for it instead."""
    press(qtbot, key, ALT)
    qtbot.wait(180)


def next_page(qtbot, wizard) -> None:
    """Alt+N, then wait for the next page."""
    before = wizard.currentId()
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: wizard.currentId() != before)


def back_page(qtbot, wizard) -> None:
    before = wizard.currentId()
    press(qtbot, Qt.Key.Key_B, ALT)
    qtbot.waitUntil(lambda: wizard.currentId() != before)


def answers(ws, assessment_id, respondent=None):
    return {
        (r.question_id, r.lens): r
        for r in ws.responses.for_assessment(assessment_id)
        if r.respondent_id == respondent
    }


# -- tests -----------------------------------------------------------------------------------
def test_a_whole_assessment_with_the_keyboard_alone(qtbot, page, ui_workspace, engagement_id):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)  # leaving the intro creates the assessment
    [assessment] = ui_workspace.assessments.for_engagement(engagement_id)
    assert (assessment.name, assessment.framework_id, assessment.variant) == (
        "Baseline",
        "quick-check",
        Variant.BOTH,
    )
    assert wizard.currentPage().area.id == "vision"
    assert page.model.rowCount() == 1  # the list shows it behind the wizard

    # Vision: four rows (two questions, classic and social), Tab from one to the next.
    row = wait_for_row(qtbot, wizard)
    assert (row.question_id, row.lens) == ("vision.leadership.1", Lens.CLASSIC)
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_4, CTRL)
    press(qtbot, Qt.Key.Key_H)
    press(qtbot, Qt.Key.Key_E)  # into the evidence box, type, and Esc back out
    assert focused() is row.evidence_edit
    type_text(qtbot, "Sponsor named in board minutes")
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is row and wizard.isVisible()
    press(qtbot, Qt.Key.Key_Tab)
    assert (focused_row(wizard).question_id, focused_row(wizard).lens) == (
        "vision.leadership.1",
        Lens.SOCIAL,
    )
    press(qtbot, Qt.Key.Key_2)
    press(qtbot, Qt.Key.Key_3, SHIFT)  # Shift+digit sets the target too
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_N)  # not applicable
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_K)  # don't know
    assert wizard.progress.counts(1) == (3, 4)  # "don't know" leaves the question open
    next_page(qtbot, wizard)

    # Governance: three rows (the second question has no Social CRM variant).
    assert wizard.currentPage().area.id == "governance"
    row = wait_for_row(qtbot, wizard)
    assert len(wizard.currentPage().rows) == 3
    for level in (4, 1, 5):
        press(qtbot, getattr(Qt.Key, f"Key_{level}"))
        press(qtbot, Qt.Key.Key_5, CTRL)
        press(qtbot, Qt.Key.Key_Tab)
    assert wizard.progress.counts(2) == (3, 3)
    next_page(qtbot, wizard)

    # The summary: what is open, then mark complete and finish.
    assert wizard.currentId() == SUMMARY_ID
    summary = wizard.summary_page
    assert summary.open_model.rowCount() == 1  # the "don't know"
    assert summary.open_model.question_at(0).reason == "dont_know"
    assert not summary.complete_check.isChecked()
    press(qtbot, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(summary.complete_check.isChecked)
    press(qtbot, Qt.Key.Key_F, ALT)  # Finish
    qtbot.waitUntil(lambda: closed(wizard))

    stored = answers(ui_workspace, assessment.id)
    first = stored[("vision.leadership.1", Lens.CLASSIC)]
    assert (first.current_level, first.target_level, first.confidence, first.evidence) == (
        3,
        4,
        Confidence.HIGH,
        "Sponsor named in board minutes",
    )
    social = stored[("vision.leadership.1", Lens.SOCIAL)]
    assert (social.current_level, social.target_level) == (2, 3)
    assert stored[("vision.leadership.2", Lens.CLASSIC)].kind is AnswerKind.NOT_APPLICABLE
    assert stored[("vision.leadership.2", Lens.SOCIAL)].kind is AnswerKind.DONT_KNOW
    assert [
        stored[(q, Lens.CLASSIC)].current_level
        for q in ("governance.voice.1", "governance.voice.2")
    ] == [4, 5]
    assert stored[("governance.voice.1", Lens.SOCIAL)].current_level == 1
    assert len(stored) == 7
    assert ui_workspace.assessments.get(assessment.id).status is AssessmentStatus.COMPLETE


def test_closing_halfway_and_reopening_resumes_at_the_same_question(
    qtbot, page, ui_workspace, engagement_id, window
):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    wait_for_row(qtbot, wizard)
    press(qtbot, Qt.Key.Key_2)
    next_page(qtbot, wizard)
    wait_for_row(qtbot, wizard)
    press(qtbot, Qt.Key.Key_4)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    here = focused_row(wizard)
    assert (here.question_id, here.lens) == ("governance.voice.2", Lens.CLASSIC)
    assessment_id = wizard.assessment_id
    assert wizard.button(wizard.WizardButton.CancelButton).text() == "Close"
    press(qtbot, Qt.Key.Key_Escape)  # close: every answer is saved already
    qtbot.waitUntil(lambda: closed(wizard))
    assert page.wizard is None

    # Continue… from the keyboard: the wizard opens on Governance, at the same question.
    activate(qtbot, window)  # as the window manager does when the wizard closes
    page.continue_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    again = page.wizard
    assert again is not None and again is not wizard
    activate(qtbot, again)
    qtbot.waitUntil(lambda: again.currentId() == again.page_id_of_area("governance"))
    row = wait_for_row(qtbot, again)
    assert (row.question_id, row.lens) == ("governance.voice.2", Lens.CLASSIC)
    # The answers are there, and Back (Alt+B) goes to Vision as if the wizard stayed open.
    first = again.currentPage().row_for("governance.voice.1", Lens.CLASSIC)
    assert first.values().current_level == 4
    back_page(qtbot, again)
    assert again.currentPage().area.id == "vision"
    assert again.currentPage().rows[0].values().current_level == 2
    assert again.progress.counts(again.page_id_of_area("governance")) == (1, 3)
    assert ui_workspace.assessments.for_engagement(engagement_id)[0].id == assessment_id


def test_another_respondent_has_answers_and_a_place_of_their_own(
    qtbot, page, ui_workspace, engagement_id
):
    dana = ui_workspace.stakeholders.create(
        engagement_id=engagement_id, name="Dana Whitfield", group="business"
    ).record
    wizard = start_new(qtbot, page)
    wizard.intro_page.respondent_combo.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # the consensus, then Dana
    assert wizard.intro_page.respondent_combo.currentData() == dana.id
    next_page(qtbot, wizard)
    wait_for_row(qtbot, wizard)
    press(qtbot, Qt.Key.Key_5)
    stored = answers(ui_workspace, wizard.assessment_id, dana.id)
    assert stored[("vision.leadership.1", Lens.CLASSIC)].current_level == 5
    assert answers(ui_workspace, wizard.assessment_id) == {}  # nothing for the consensus


def test_undo_and_redo_an_answer_inside_the_wizard(qtbot, page, ui_workspace, window):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    row = wait_for_row(qtbot, wizard)
    steps = window.undo_stack.index()
    assert not wizard.can_undo()  # the wizard never undoes its own assessment away
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_4)
    key = ("vision.leadership.1", Lens.CLASSIC)
    assert answers(ui_workspace, wizard.assessment_id)[key].current_level == 4
    assert window.undo_stack.index() == steps + 2
    assert window.undo_stack.undoText() == "Set level 4 for Vision 1.1, Classic CRM"

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert answers(ui_workspace, wizard.assessment_id)[key].current_level == 3
    qtbot.waitUntil(lambda: row.values().current_level == 3)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert key not in answers(ui_workspace, wizard.assessment_id)
    qtbot.waitUntil(lambda: row.values().current_level is None)
    assert not wizard.can_undo()
    press(qtbot, Qt.Key.Key_Z, CTRL)  # refused: would undo the assessment itself
    assert ui_workspace.assessments.get(wizard.assessment_id)

    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: row.values().current_level == 3)
    assert answers(ui_workspace, wizard.assessment_id)[key].current_level == 3
    # The Undo button does the same as Ctrl+Z.
    undo_button = wizard.button(wizard.WizardButton.CustomButton1)
    assert undo_button.isEnabled()
    qtbot.mouseClick(undo_button, Qt.MouseButton.LeftButton)
    assert key not in answers(ui_workspace, wizard.assessment_id)


def test_evidence_saves_after_a_pause_and_edits_merge_into_one_step(
    qtbot, page, ui_workspace, window
):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    row = wait_for_row(qtbot, wizard)
    press(qtbot, Qt.Key.Key_2)
    steps = window.undo_stack.count()
    press(qtbot, Qt.Key.Key_E)
    type_text(qtbot, "Board")
    key = ("vision.leadership.1", Lens.CLASSIC)
    assert answers(ui_workspace, wizard.assessment_id)[key].evidence == ""  # not yet
    qtbot.waitUntil(
        lambda: answers(ui_workspace, wizard.assessment_id)[key].evidence == "Board", timeout=3000
    )
    type_text(qtbot, " minutes")
    press(qtbot, Qt.Key.Key_Tab)  # leaving the box saves at once
    assert answers(ui_workspace, wizard.assessment_id)[key].evidence == "Board minutes"
    assert window.undo_stack.count() == steps + 1  # both evidence edits: one step
    assert window.undo_stack.undoText() == "Edit evidence for Vision 1.1, Classic CRM"
    row.setFocus()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    stored = answers(ui_workspace, wizard.assessment_id)[key]
    assert (stored.current_level, stored.evidence) == (2, "")
    qtbot.waitUntil(lambda: row.evidence_edit.toPlainText() == "")


def test_a_target_below_current_asks_once_on_leaving_the_page(
    qtbot, page, ui_workspace, message_boxes
):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    row = wait_for_row(qtbot, wizard)
    press(qtbot, Qt.Key.Key_4)
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert row.warning.isVisible()  # an inline note, not an error: the answer is saved
    assert (
        answers(ui_workspace, wizard.assessment_id)[
            ("vision.leadership.1", Lens.CLASSIC)
        ].target_level
        == 2
    )

    message_boxes.click_role = QMessageBox.ButtonRole.RejectRole  # "Review"
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: "target below the current level" in message_boxes.texts())
    [asked] = message_boxes.shown
    assert asked.text == "1 answer on this page has a target below the current level."
    assert asked.informative.endswith("Keep it?")
    assert wizard.currentPage().area.id == "vision"
    assert focused() is row

    message_boxes.click_role = QMessageBox.ButtonRole.AcceptRole  # "Keep Targets"
    next_page(qtbot, wizard)
    assert wizard.currentPage().area.id == "governance"
    assert not row.warning.isVisible()
    back_page(qtbot, wizard)
    next_page(qtbot, wizard)  # kept: not asked again
    assert len(message_boxes.shown) == 2


def test_two_targets_below_current_are_counted_in_the_plural(qtbot, page, message_boxes):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    first = wait_for_row(qtbot, wizard)
    press(qtbot, Qt.Key.Key_4)
    press(qtbot, Qt.Key.Key_2, CTRL)
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: focused_row(wizard) not in (None, first))
    press(qtbot, Qt.Key.Key_5)
    press(qtbot, Qt.Key.Key_3, CTRL)

    message_boxes.click_role = QMessageBox.ButtonRole.RejectRole  # "Review"
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: bool(message_boxes.shown))
    [asked] = message_boxes.shown
    assert asked.text == "2 answers on this page have a target below the current level."
    assert asked.informative.endswith("Keep them?")
    assert wizard.currentPage().area.id == "vision"


def test_the_summary_lists_open_questions_and_enter_goes_back_to_one(qtbot, page, ui_workspace):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    wait_for_row(qtbot, wizard)
    press(qtbot, Qt.Key.Key_3)
    wizard.go_to_page(SUMMARY_ID)
    summary = wizard.summary_page
    assert summary.open_model.rowCount() == 6
    [vision, _governance] = [r for r in summary.block_model._rows if r.lens is Lens.CLASSIC]
    assert (vision.answered, vision.total, vision.score) == (1, 2, 3.0)
    summary.open_view.setFocus()
    summary.open_view.setCurrentIndex(summary.open_model.index(3, 0))
    target = summary.open_model.question_at(3)
    press(qtbot, Qt.Key.Key_Return)
    row = wait_for_row(qtbot, wizard)
    assert (row.question_id, row.lens) == (target.question_id, target.lens)


def test_the_summary_scores_match_the_engine_for_the_respondent(qtbot, page, ui_workspace):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    wait_for_row(qtbot, wizard)
    for keys in ((Qt.Key.Key_2, Qt.Key.Key_4), (Qt.Key.Key_3, Qt.Key.Key_5)):
        press(qtbot, keys[0])
        press(qtbot, keys[1], CTRL)
        press(qtbot, Qt.Key.Key_Tab)
    wizard.go_to_page(SUMMARY_ID)
    assessment = ui_workspace.assessments.get(wizard.assessment_id)
    framework = FrameworkCatalog.load([ui_workspace.frameworks_dir]).building_blocks("quick-check")
    result = score_assessment(
        framework, assessment, ui_workspace.responses.for_assessment(assessment.id), []
    )
    for row in wizard.summary_page.block_model._rows:
        area_id = {"Vision": "vision", "Governance": "governance"}[row.area_name]
        block = result.block(area_id, row.lens)
        assert (row.score, row.target, row.gap) == (block.score, block.target, block.gap)


def test_answer_commands_merge_only_evidence_edits_of_the_same_answer(ui_workspace, engagement_id):
    stack = QUndoStack()
    runner = CommandRunner(WorkspaceEvents(), stack)
    assessment = ui_workspace.assessments.create(
        engagement_id=engagement_id, name="A", framework_id="gartner-8bb", framework_version="1"
    ).record
    key = AnswerKey(assessment.id, "vision.leadership.1", Lens.CLASSIC, None)
    ui_workspace.responses.save(*_args(key), current_level=2)
    runner.run(SaveAnswer(ui_workspace, key, AnswerValues(current_level=2, evidence="a"), "Q"))
    runner.run(SaveAnswer(ui_workspace, key, AnswerValues(current_level=2, evidence="ab"), "Q"))
    assert stack.count() == 1  # typing more evidence for the same answer: one step
    other = AnswerKey(assessment.id, "vision.leadership.2", Lens.CLASSIC, None)
    runner.run(SaveAnswer(ui_workspace, other, AnswerValues(evidence="x"), "Q"))
    runner.run(SaveAnswer(ui_workspace, key, AnswerValues(current_level=3, evidence="ab"), "Q"))
    runner.run(SaveAnswer(ui_workspace, key, AnswerValues(current_level=3, evidence="abc"), "Q"))
    assert stack.count() == 4  # another answer, a level: steps of their own

    stack.undo()
    stack.undo()
    stack.undo()
    assert ui_workspace.responses.find(*_args(other)) is None
    assert ui_workspace.responses.find(*_args(key)).evidence == "ab"
    stack.undo()
    assert ui_workspace.responses.find(*_args(key)).evidence == ""
    stack.redo()
    assert ui_workspace.responses.find(*_args(key)).evidence == "ab"
    runner.run(SaveAnswer(ui_workspace, key, None, "Q"))  # Delete: the answer goes
    assert ui_workspace.responses.find(*_args(key)) is None
    stack.undo()
    assert ui_workspace.responses.find(*_args(key)).current_level == 2


def _args(key: AnswerKey):
    return key.assessment_id, key.question_id, key.lens, key.respondent_id


def test_the_progress_model_passes_the_model_tester(qtmodeltester, qtbot, page):
    wizard = start_new(qtbot, page)
    qtmodeltester.check(wizard.progress.model)
    next_page(qtbot, wizard)
    qtmodeltester.check(wizard.summary_page.block_model)
    assert wizard.currentId() != INTRO_ID


def test_the_wizard_opens_on_the_built_in_framework_with_every_block(
    qtbot, window, ui_workspace, engagement_id
):
    wizard = AssessmentWizard(window.workspace, window.runner, engagement_id, parent=window)
    qtbot.addWidget(wizard)
    titles = [
        wizard.page(i).area.name for i in wizard.pageIds() if isinstance(wizard.page(i), BlockPage)
    ]
    assert titles[0] == "Vision" and titles[-1] == "Governance" and len(titles) == 9
    assert wizard.progress.model.rowCount() == 11  # details, nine blocks, summary
    assert wizard.progress.counts(1) == (0, 16)  # Vision: eight questions, both lenses


def test_a_click_on_a_level_saves_it_and_the_keyboard_carries_on_there(qtbot, page, ui_workspace):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    wait_for_row(qtbot, wizard)
    second = wizard.currentPage().rows[1]
    qtbot.mouseClick(second.current_buttons[3], Qt.MouseButton.LeftButton)
    assert focused() is second
    press(qtbot, Qt.Key.Key_5, CTRL)
    stored = answers(ui_workspace, wizard.assessment_id)[(second.question_id, second.lens)]
    assert (stored.current_level, stored.target_level) == (4, 5)
    assert wizard.windowTitle() == "Baseline · Consensus (agreed in the workshop) — SCRM Desk"
    assert "Consensus" in wizard.progress.respondent_label.text()


# -- continuing an existing assessment -------------------------------------------------------
@pytest.fixture
def existing(page, ui_workspace, engagement_id, window):
    """An assessment made in an earlier session: "Six-month review" on the small framework."""
    record = ui_workspace.assessments.create(
        engagement_id=engagement_id,
        name="Six-month review",
        assessed_on="2026-05-04",
        framework_id="quick-check",
        framework_version="0.1",
    ).record
    window.runner.events.broadcast_everything()  # the list shows it, as after opening
    assert page.model.row_of(record.id) is not None
    page.select_assessment(record.id)
    return record


def continue_selected(qtbot, page, window) -> AssessmentWizard:
    """Continue… from the keyboard, as the first wizard of this session."""
    activate(qtbot, window)
    page.continue_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    wizard = page.wizard
    assert wizard is not None and wizard.isVisible()
    activate(qtbot, wizard)
    return wizard


def test_continue_on_details_next_is_enabled_and_alt_n_goes_on(
    qtbot, page, existing, ui_workspace, window
):
    wizard = continue_selected(qtbot, page, window)
    # Nothing answered yet and no saved place: the wizard opens on the details.
    assert wizard.currentId() == INTRO_ID
    qtbot.waitUntil(lambda: focused() is wizard.intro_page.name_edit)
    assert wizard.intro_page.name_edit.text() == "Six-month review"
    next_button = wizard.button(wizard.WizardButton.NextButton)
    qtbot.waitUntil(next_button.isEnabled)
    next_page(qtbot, wizard)  # Alt+N with the name field focused: Next, not a typed "n"
    assert wizard.currentPage().area.id == "vision"
    assert wizard.intro_page.name_edit.text() == "Six-month review"
    assert ui_workspace.assessments.get(existing.id).name == "Six-month review"
    assert ui_workspace.assessments.for_engagement(existing.engagement_id) == [
        ui_workspace.assessments.get(existing.id)
    ]


def test_alt_letters_never_type_into_the_name(qtbot, page):
    page.new_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    wizard = page.wizard
    activate(qtbot, wizard)
    qtbot.waitUntil(lambda: focused() is wizard.intro_page.name_edit)
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()  # no name yet
    for key in (Qt.Key.Key_N, Qt.Key.Key_B, Qt.Key.Key_F):
        alt(qtbot, key)  # Next is off, Back and Finish are not there: nothing happens
    assert wizard.intro_page.name_edit.text() == ""
    assert wizard.currentId() == INTRO_ID and wizard.assessment_id is None
    type_text(qtbot, "Baseline")
    assert wizard.intro_page.name_edit.text() == "Baseline"


def test_continue_resumes_at_the_saved_question_the_first_time_in_a_session(
    qtbot, page, existing, ui_workspace, window
):
    ui_workspace.responses.save(
        existing.id, "vision.leadership.1", Lens.CLASSIC, None, current_level=3
    )
    # Where the consultant stopped in an earlier session.
    ui_workspace.assessments.set_resume_position(
        existing.id,
        None,
        {"page": "governance", "question": "governance.voice.1", "lens": "social"},
    )
    wizard = continue_selected(qtbot, page, window)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.page_id_of_area("governance"))
    row = wait_for_row(qtbot, wizard)
    assert (row.question_id, row.lens) == ("governance.voice.1", Lens.SOCIAL)
    press(qtbot, Qt.Key.Key_2)  # the keyboard answers there at once
    stored = answers(ui_workspace, existing.id)[("governance.voice.1", Lens.SOCIAL)]
    assert stored.current_level == 2
    back_page(qtbot, wizard)
    assert wizard.currentPage().area.id == "vision"


def test_continue_without_a_saved_place_goes_on_after_the_last_answer(
    qtbot, page, existing, ui_workspace, window
):
    # Answers given elsewhere (the demo, an import): no place saved for this respondent.
    for question, lens in (
        ("vision.leadership.1", Lens.CLASSIC),
        ("vision.leadership.1", Lens.SOCIAL),
        ("vision.leadership.2", Lens.CLASSIC),
        ("vision.leadership.2", Lens.SOCIAL),
        ("governance.voice.1", Lens.CLASSIC),
    ):
        ui_workspace.responses.save(existing.id, question, lens, None, current_level=3)
    assert ui_workspace.assessments.resume_position(existing.id, None) == {}
    wizard = continue_selected(qtbot, page, window)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.page_id_of_area("governance"))
    row = wait_for_row(qtbot, wizard)
    assert (row.question_id, row.lens) == ("governance.voice.1", Lens.SOCIAL)
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()


# -- mnemonics -------------------------------------------------------------------------------
def _mnemonic(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].casefold() if index >= 0 else None


def test_no_mnemonic_on_a_wizard_page_clashes_with_another_or_a_button(qtbot, page):
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    buttons = [
        wizard.buttonText(which)
        for which in (
            wizard.WizardButton.BackButton,
            wizard.WizardButton.NextButton,
            wizard.WizardButton.FinishButton,
            wizard.WizardButton.CancelButton,
            wizard.WizardButton.CustomButton1,
        )
    ]
    taken = [m for m in map(_mnemonic, buttons) if m]
    assert {"b", "n", "f", "u"} <= set(taken)
    for page_id in wizard.pageIds():
        wizard_page = wizard.page(page_id)
        texts = [label.text() for label in wizard_page.findChildren(QLabel) if label.buddy()]
        texts += [b.text() for b in wizard_page.findChildren(QAbstractButton)]
        texts += [box.title() for box in wizard_page.findChildren(QGroupBox)]
        letters = [m for m in map(_mnemonic, texts) if m]
        assert len(letters + taken) == len(set(letters + taken)), (page_id, letters, taken)


# -- the evidence box ------------------------------------------------------------------------
def test_tab_from_the_evidence_box_goes_to_the_next_question(qtbot, page, ui_workspace):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    first = wait_for_row(qtbot, wizard)
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_E)
    assert focused() is first.evidence_edit
    type_text(qtbot, "Board minutes")
    press(qtbot, Qt.Key.Key_Tab)
    second = wizard.currentPage().rows[1]
    qtbot.waitUntil(lambda: focused() is second)
    press(qtbot, Qt.Key.Key_4)  # the next digit answers the next question
    stored = answers(ui_workspace, wizard.assessment_id)
    assert stored[(first.question_id, first.lens)].evidence == "Board minutes"
    assert stored[(second.question_id, second.lens)].current_level == 4

    # Shift+Tab leaves the box for the question it belongs to; Esc too.
    press(qtbot, Qt.Key.Key_E)
    type_text(qtbot, "Survey")
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    qtbot.waitUntil(lambda: focused() is second)
    assert answers(ui_workspace, wizard.assessment_id)[
        (second.question_id, second.lens)
    ].evidence == ("Survey")
    press(qtbot, Qt.Key.Key_Tab)  # from the row itself: the next question, as before
    third = wizard.currentPage().rows[2]
    assert focused() is third

    # The last question's box: Tab goes on to the wizard's buttons.
    last = wizard.currentPage().rows[-1]
    last.setFocus()
    press(qtbot, Qt.Key.Key_E)
    type_text(qtbot, "Last")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not last.evidence_edit
    assert answers(ui_workspace, wizard.assessment_id)[(last.question_id, last.lens)].evidence == (
        "Last"
    )


# -- undo reports ----------------------------------------------------------------------------
def test_undo_and_redo_in_the_wizard_say_so_in_the_status_bar(qtbot, page, window):
    wizard = start_new(qtbot, page)
    next_page(qtbot, wizard)
    wait_for_row(qtbot, wizard)
    status = window.statusBar()
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_4)
    assert status.currentMessage().startswith("Saved: Set level 4 for Vision 1.1, Classic CRM")

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert status.currentMessage() == "Undone: Set level 4 for Vision 1.1, Classic CRM"
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert status.currentMessage() == "Redone: Set level 4 for Vision 1.1, Classic CRM"
    qtbot.mouseClick(wizard.button(wizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)
    assert status.currentMessage() == "Undone: Set level 4 for Vision 1.1, Classic CRM"
