"""The Assessment tab and its dashboard: the figures on screen are the engine's.

The data is made here (seeded), not taken from the demo, so the expectations follow the
engine whatever the demo holds: a complete baseline and a follow-up over the built-in
framework, answered by the consensus and three stakeholders, with IT scoring Information
two levels below the business so that the block is misaligned.
"""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.records import AssessmentStatus, Lens
from scrm_desk.repositories.base import transaction
from scrm_desk.scoring import compare_assessments, rounded_change, score_assessment
from ui.commands.assessment_commands import AnswerKey, AnswerValues, SaveAnswer
from ui.dashboard.alignment_view import AlignmentModel
from ui.dashboard.block_table_model import COLUMN_OF, BlockTableModel
from ui.dashboard.comparison_view import ComparisonModel
from ui.dashboard.findings_model import FindingsModel
from ui.labels import flag_label, format_change, format_score
from ui.models.navigator_model import ENGAGEMENT

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def framework():
    return FrameworkCatalog.load([]).building_blocks("gartner-8bb")


def fill(ws, framework, engagement_id, name, date, respondents, seed, shift=0):
    """An assessment over both lenses: the consensus and each respondent answer ~90%."""
    assessment = ws.assessments.create(
        engagement_id=engagement_id,
        name=name,
        assessed_on=date,
        framework_id=framework.id,
        framework_version=framework.version,
        variant="both",
    ).record
    rng = random.Random(seed)
    with transaction(ws.db):  # one commit for the lot: the fixture stays quick
        _answer_all(ws, framework, assessment.id, respondents, rng, shift)
    return assessment


def _answer_all(ws, framework, assessment_id, respondents, rng, shift):
    for question in framework.questions():
        for lens in (Lens.CLASSIC, Lens.SOCIAL):
            if lens is Lens.SOCIAL and question.social_text is None:
                continue
            for respondent in [None, *respondents]:
                if rng.random() < 0.08:
                    continue
                level = min(5, max(1, rng.randint(2, 4) + shift))
                if question.area_id == "information" and respondent is not None:
                    level = 4 if respondent == respondents[0] else 2  # business 4, IT 2
                ws.responses.save(
                    assessment_id,
                    question.id,
                    lens,
                    respondent,
                    current_level=level,
                    target_level=min(5, level + rng.randint(0, 2)),
                )


@pytest.fixture
def data(ui_workspace, engagement_id, framework):
    ws = ui_workspace
    people = [
        ws.stakeholders.create(engagement_id=engagement_id, name=name, group=group).record.id
        for name, group in (("Ravi", "business"), ("Mia", "it"), ("Dana", "executive"))
    ]
    baseline = fill(ws, framework, engagement_id, "Baseline", "2026-05-04", people, seed=1)
    follow_up = fill(
        ws, framework, engagement_id, "Six-month review", "2026-11-02", people, seed=2, shift=1
    )
    return {"baseline": baseline, "follow_up": follow_up, "people": people}


@pytest.fixture
def page(data, engagement_id, window):
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    view = window.area.engagement_view
    view.setCurrentWidget(view.pages["assessment"])
    page = view.pages["assessment"]
    assert page.dashboard is not None and page.dashboard.isVisible()
    return page


def engine(ws, framework, assessment_id, engagement_id):
    assessment = ws.assessments.get(assessment_id)
    return score_assessment(
        framework,
        assessment,
        ws.responses.for_assessment(assessment_id),
        ws.stakeholders.for_engagement(engagement_id),
    )


def shown_blocks(dashboard):
    """(area id, lens) -> {column: exact value} for every row the block table shows."""
    proxy = dashboard.block_proxy
    rows = {}
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        key = (index.data(BlockTableModel.AreaRole), Lens(index.data(BlockTableModel.LensRole)))
        rows[key] = {
            name: proxy.index(row, COLUMN_OF[name]).data(BlockTableModel.ValueRole)
            for name in ("score", "target", "gap", "completeness")
        } | {
            "flags": proxy.index(row, COLUMN_OF["flags"]).data(),
            "answered": proxy.index(row, COLUMN_OF["completeness"]).data(),
        }
    return rows


def test_the_latest_assessment_is_selected_and_its_figures_are_the_engines(
    qtbot, page, data, ui_workspace, framework, engagement_id
):
    dashboard = page.dashboard
    assert page.model.rowCount() == 2
    assert page.selected_assessment().id == data["follow_up"].id
    result = engine(ui_workspace, framework, data["follow_up"].id, engagement_id)
    assert dashboard.outcome.result == result

    for lens in (Lens.CLASSIC, Lens.SOCIAL):
        dashboard.set_lens(lens)
        shown = shown_blocks(dashboard)
        expected = [b for b in result.blocks if b.lens is lens]
        assert len(shown) == len(expected) == 9
        for block in expected:
            row = shown[(block.area_id, lens)]
            assert (row["score"], row["target"], row["gap"]) == (
                block.score,
                block.target,
                block.gap,
            )
            assert row["completeness"] == block.completeness
            assert row["answered"].endswith(f"({block.answered}/{block.applicable})")
            assert len(row["flags"].split("\n")) == len(block.flags) or not block.flags
        index = result.index_for(lens)
        assert f"<b>{format_score(index.score)}</b>" in dashboard.index_label.text()

    assert dashboard.findings_model.rowCount() == len(result.findings)
    assert dashboard.tabs.tabText(1) == f"Findings ({len(result.findings)})"
    findings = [
        dashboard.findings_model.finding_at(row)
        for row in range(dashboard.findings_model.rowCount())
    ]
    assert findings == list(result.findings)
    assert dashboard.note_label.text() == "Answers from the consensus and 3 stakeholders."


def test_the_radar_shows_every_block_of_the_chosen_lens(qtbot, page, framework):
    dashboard = page.dashboard
    figure = dashboard.radar.figure
    assert figure is not None and dashboard.radar.canvas.isVisible()
    [axes] = figure.axes
    labels = [t.get_text().replace("\n", " ") for t in axes.get_xticklabels()]
    assert labels == [area.short_name for area in framework.areas]
    dashboard.set_lens(Lens.SOCIAL)
    assert dashboard.radar.figure is not figure  # redrawn for the other lens


def test_misaligned_blocks_are_marked_with_the_consensus_beside(
    qtbot, page, data, ui_workspace, framework, engagement_id
):
    dashboard = page.dashboard
    dashboard.tabs.setCurrentIndex(2)
    view = dashboard.alignment_view
    assert view.chart.figure is not None  # drawn when the tab is shown
    result = engine(ui_workspace, framework, data["follow_up"].id, engagement_id)
    model = view.model
    rows = {(model.block_at(r).area_id, model.block_at(r).lens): r for r in range(model.rowCount())}
    info = result.alignment.block("information", Lens.CLASSIC)
    assert info.stats.misaligned and info.stats.difference >= 1.0
    row = rows[("information", Lens.CLASSIC)]
    assert model.index(row, 0).data(AlignmentModel.MisalignedRole) is True
    assert model.index(row, 1).data() == "Misaligned"
    assert model.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(row, 2).data() == format_score(info.consensus_mean)
    vision = rows[("vision", Lens.CLASSIC)]
    assert model.index(vision, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert view.proxy.rowCount() == 9  # the classic lens only


def test_the_dashboard_follows_an_answer_and_its_undo(
    qtbot, page, data, ui_workspace, framework, engagement_id, window
):
    dashboard = page.dashboard
    assessment_id = data["follow_up"].id
    before = shown_blocks(dashboard)[("metrics", Lens.CLASSIC)]["score"]
    question = framework.area("metrics").questions()[0]
    command = SaveAnswer(
        ui_workspace,
        AnswerKey(assessment_id, question.id, Lens.CLASSIC, None),
        AnswerValues(current_level=5, target_level=5),
        "Metrics 8.1",
    )
    with qtbot.waitSignal(dashboard.refreshed, timeout=3000):
        window.runner.run(command)  # scored in the pool after the debounce
    expected = engine(ui_workspace, framework, assessment_id, engagement_id)
    after = shown_blocks(dashboard)[("metrics", Lens.CLASSIC)]["score"]
    assert after == expected.block("metrics", Lens.CLASSIC).score != before
    assert dashboard.outcome.result == expected

    with qtbot.waitSignal(dashboard.refreshed, timeout=3000):
        window.undo_stack.undo()
    assert shown_blocks(dashboard)[("metrics", Lens.CLASSIC)]["score"] == before


def test_a_burst_of_answers_is_scored_once(qtbot, page, data, ui_workspace, framework, window):
    dashboard = page.dashboard
    refreshes = []
    dashboard.refreshed.connect(lambda: refreshes.append(1))
    for question in framework.area("vision").questions()[:4]:
        window.runner.run(
            SaveAnswer(
                ui_workspace,
                AnswerKey(data["follow_up"].id, question.id, Lens.SOCIAL, None),
                AnswerValues(current_level=1),
                "Vision",
            )
        )
    qtbot.waitUntil(lambda: bool(refreshes) and not dashboard.refresher.pending, timeout=3000)
    qtbot.wait(200)
    assert len(refreshes) == 1


def test_comparison_of_the_two_chosen_assessments(
    qtbot, page, data, ui_workspace, framework, engagement_id
):
    dashboard = page.dashboard
    dashboard.tabs.setCurrentIndex(3)
    view = dashboard.comparison_view
    assert view.pair() == (data["baseline"].id, data["follow_up"].id)
    expected = compare_assessments(
        framework,
        engine(ui_workspace, framework, data["baseline"].id, engagement_id),
        engine(ui_workspace, framework, data["follow_up"].id, engagement_id),
    )
    assert dashboard.outcome.comparison == expected
    assert view.proxy.rowCount() == 9
    change = {
        view.proxy.index(r, 0).data(): view.proxy.index(r, 3).data()
        for r in range(view.proxy.rowCount())
    }
    vision = expected.block("vision", Lens.CLASSIC)
    assert change["Vision"] == format_change(rounded_change(vision.baseline, vision.follow_up))
    for row in range(view.proxy.rowCount()):  # every change adds up as shown
        before, after, shown = (view.proxy.index(row, c).data() for c in (1, 2, 3))
        if shown != "—":
            difference = round(float(after) - float(before), 1)
            assert shown == format_change(difference), (before, after, shown)
    assert view.chart.figure is not None

    # The other way round, chosen with the keyboard (each choice compares at once).
    qtbot.keyClick(view.baseline_combo, Qt.Key.Key_Down)
    assert view.pair() is None  # the same assessment twice
    assert "two different assessments" in view.message.text()
    qtbot.keyClick(view.follow_up_combo, Qt.Key.Key_Up)
    assert view.pair() == (data["follow_up"].id, data["baseline"].id)
    assert dashboard.outcome.comparison.block("vision", Lens.CLASSIC).change == pytest.approx(
        -vision.change
    )


def thin_out(ws, assessment_id, area_id):
    """Leave ``area_id`` one consensus answer (classic) in the assessment: too few to score."""
    kept = False
    for response in ws.responses.for_assessment(assessment_id):
        if not response.question_id.startswith(area_id + "."):
            continue
        if not kept and response.respondent_id is None and response.lens is Lens.CLASSIC:
            kept = True
            continue
        ws.responses.delete(response.id)
    assert kept


def test_a_block_not_assessed_enough_shows_no_score_in_any_view(
    qtbot, page, data, ui_workspace, framework, engagement_id
):
    thin_out(ui_workspace, data["follow_up"].id, "metrics")
    dashboard = page.dashboard
    dashboard.set_lens(Lens.CLASSIC)
    dashboard.refresh_now()
    result = dashboard.outcome.result
    metrics = result.block("metrics", Lens.CLASSIC)
    assert metrics.score is None and metrics.partial_score is not None

    # The table: dashes, and a tooltip that says why, the partial mean labelled as such.
    shown = shown_blocks(dashboard)[("metrics", Lens.CLASSIC)]
    assert (shown["score"], shown["target"], shown["gap"]) == (None, None, None)
    assert shown["answered"].endswith(f"(1/{metrics.applicable})")
    assert "Not assessed" in shown["flags"].split("\n")
    proxy = dashboard.block_proxy
    row = next(
        r
        for r in range(proxy.rowCount())
        if proxy.index(r, 0).data(BlockTableModel.AreaRole) == "metrics"
    )
    assert proxy.index(row, COLUMN_OF["score"]).data() == "—"
    flags_tip = proxy.index(row, COLUMN_OF["flags"]).data(Qt.ItemDataRole.ToolTipRole)
    assert "Not assessed enough" in flags_tip.split("\n")
    tip = proxy.index(row, COLUMN_OF["score"]).data(Qt.ItemDataRole.ToolTipRole)
    assert f"1 of {metrics.applicable} applicable questions answered" in tip
    assert format_score(metrics.partial_score) in tip and "too little evidence" in tip

    # The index leaves it out.
    assert "7 of 8 blocks scored" in dashboard.index_label.text()

    # The radar: a gap at its spoke, named in the note, never a point at 0.
    axes = dashboard.radar.figure.axes[0]
    spoke = [area.id for area in framework.areas].index("metrics")
    line = next(line for line in axes.get_lines() if line.get_label() == "Current")
    assert math.isnan(line.get_ydata()[spoke])
    assert not any(r == 0 for r in line.get_ydata())
    notes = [t.get_text() for t in dashboard.radar.figure.texts]
    assert any(t.startswith("* Not assessed yet") and "Metrics" in t for t in notes)

    # The comparison: no change for it, and the index like for like first.
    dashboard.tabs.setCurrentIndex(3)
    view = dashboard.comparison_view
    rows = {
        view.proxy.index(r, 0).data(): [view.proxy.index(r, c).data() for c in (1, 2, 3)]
        for r in range(view.proxy.rowCount())
    }
    assert rows["Metrics"][1:] == ["—", "—"]
    classic = next(i for i in dashboard.outcome.comparison.index if i.lens is Lens.CLASSIC)
    assert classic.like_for_like_differs and classic.blocks_compared == 7
    text = view.index_label.text()
    assert "like for like" in text
    headline = (
        f"Classic CRM: {format_score(classic.baseline_like_for_like)} → "
        f"{format_score(classic.follow_up_like_for_like)}, "
        + format_change(
            rounded_change(classic.baseline_like_for_like, classic.follow_up_like_for_like)
        )
        + " (over the 7 blocks assessed in both)"
    )
    assert headline in text
    assert (
        f"As reported: {format_score(classic.baseline)} in Baseline (8 of 8 blocks), "
        f"{format_score(classic.follow_up)} in Six-month review (7 of 8)"
    ) in text


def test_choosing_the_other_assessment_shows_its_scores(
    qtbot, page, data, ui_workspace, framework, engagement_id
):
    page.select_assessment(data["baseline"].id)
    result = engine(ui_workspace, framework, data["baseline"].id, engagement_id)
    assert page.dashboard.outcome.result == result
    assert page.dashboard.title_label.text().startswith("Baseline — 4 May 2026")


def test_mark_complete_and_reopen_are_undoable(qtbot, page, data, ui_workspace, window):
    assert page.complete_button.text() == "Mark Co&mplete"
    qtbot.mouseClick(page.complete_button, Qt.MouseButton.LeftButton)
    assert ui_workspace.assessments.get(data["follow_up"].id).status is AssessmentStatus.COMPLETE
    assert page.complete_button.text() == "Reo&pen"
    qtbot.waitUntil(lambda: "Complete" in page.dashboard.title_label.text())
    window.undo_stack.undo()
    assert ui_workspace.assessments.get(data["follow_up"].id).status is AssessmentStatus.IN_PROGRESS
    assert page.complete_button.text() == "Mark Co&mplete"


def test_edit_details_renames_the_assessment(qtbot, page, data, ui_workspace, window):
    from ui.wizards.assessment_details_dialog import AssessmentDetailsDialog

    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(AssessmentDetailsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "Follow-up")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert ui_workspace.assessments.get(data["follow_up"].id).name == "Follow-up"
    assert page.model.index(1, 0).data() == "Follow-up"
    assert window.undo_stack.undoText() == "Edit assessment “Follow-up”"


def test_the_models_pass_the_model_tester(qtmodeltester, page):
    dashboard = page.dashboard
    dashboard.tabs.setCurrentIndex(3)
    for model in (
        page.model,
        dashboard.block_model,
        dashboard.block_proxy,
        dashboard.findings_model,
        dashboard.alignment_view.model,
        dashboard.comparison_view.model,
    ):
        qtmodeltester.check(model)
    assert isinstance(dashboard.findings_model, FindingsModel)
    assert isinstance(dashboard.comparison_view.model, ComparisonModel)


def test_an_engagement_without_assessments_says_how_to_start(qtbot, window, client_id):
    other = window.workspace.engagements.create(client_id=client_id, title="Empty").record
    window.events.broadcast_everything()
    window.area.navigator.select(ENGAGEMENT, other.id)
    view = window.area.engagement_view
    view.setCurrentWidget(view.pages["assessment"])
    page = view.pages["assessment"]
    assert page.empty_label.isVisible() and not page.table.isVisible()
    assert not page.continue_button.isEnabled() and page.new_button.isEnabled()
    assert page.dashboard_area.currentWidget() is page.dashboard_placeholder


def test_matplotlib_waits_until_the_assessment_tab_is_shown(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QSettings\n"
        "app = QApplication([])\n"
        "from ui.app import create_main_window\n"
        "from scrm_desk.workspace import Workspace\n"
        "from ui.models.navigator_model import ENGAGEMENT\n"
        "ws = Workspace.open(Path(sys.argv[1]) / 'w.sqlite', lock=True)\n"
        "c = ws.clients.create(name='C').record\n"
        "e = ws.engagements.create(client_id=c.id, title='E').record\n"
        "ws.assessments.create(engagement_id=e.id, name='A', framework_id='gartner-8bb',"
        " framework_version='1.0')\n"
        "ini = QSettings(sys.argv[1] + '/s.ini', QSettings.Format.IniFormat)\n"
        "w = create_main_window(ws, ini)\n"
        "w.show(); app.processEvents()\n"
        "w.area.navigator.select(ENGAGEMENT, e.id); app.processEvents()\n"
        "print('matplotlib' in sys.modules)\n"
        "view = w.area.engagement_view\n"
        "view.setCurrentWidget(view.pages['assessment']); app.processEvents()\n"
        "print('matplotlib' in sys.modules)\n"
        "ws.close()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_the_focus_can_reach_the_dashboard_tables_with_the_keyboard(qtbot, page, window):
    page.table.setFocus()
    seen = set()
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.add(QApplication.focusWidget())
    assert page.dashboard.block_table in seen
    assert page.new_button in seen


def test_a_hidden_dashboard_catches_up_when_shown_again(
    qtbot, page, data, ui_workspace, framework, engagement_id, window
):
    view = window.area.engagement_view
    view.setCurrentWidget(view.pages["overview"])
    assert not page.dashboard.isVisible()
    question = framework.area("strategy").questions()[0]
    window.runner.run(
        SaveAnswer(
            ui_workspace,
            AnswerKey(data["follow_up"].id, question.id, Lens.CLASSIC, None),
            AnswerValues(current_level=1, target_level=1),
            "Strategy 2.1",
        )
    )
    qtbot.wait(250)  # past the debounce: nothing is scored for a hidden view
    assert page.dashboard.outcome.result != engine(
        ui_workspace, framework, data["follow_up"].id, engagement_id
    )
    view.setCurrentWidget(page)
    assert page.dashboard.outcome.result == engine(
        ui_workspace, framework, data["follow_up"].id, engagement_id
    )


def test_delete_asks_first_and_undo_brings_back_every_answer(
    qtbot, page, data, ui_workspace, window, message_boxes
):
    follow_up = data["follow_up"]
    answers = ui_workspace.responses.for_assessment(follow_up.id)
    assert answers
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert ui_workspace.assessments.get(follow_up.id) == follow_up  # "No" keeps it
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert [a.id for a in ui_workspace.assessments.for_engagement(follow_up.engagement_id)] == [
        data["baseline"].id
    ]
    assert ui_workspace.responses.count_for(follow_up.id) == 0
    window.undo_stack.undo()
    assert ui_workspace.assessments.get(follow_up.id) == follow_up
    assert ui_workspace.responses.for_assessment(follow_up.id) == answers


# -- at 1280 × 800 -----------------------------------------------------------------------------
def show_assessment_tab(qtbot, window, engagement_id):
    """The Assessment tab of a 1280 × 800 window (sized before the dashboard is built)."""
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().width() == 1280)
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    view = window.area.engagement_view
    view.setCurrentWidget(view.pages["assessment"])
    page = view.pages["assessment"]
    assert page.dashboard is not None
    qtbot.waitUntil(lambda: page.dashboard.block_table.isVisible())
    return page


def test_every_flag_is_readable_beside_the_radar_at_1280_by_800(
    qtbot, data, ui_workspace, engagement_id, window
):
    thin_out(ui_workspace, data["follow_up"].id, "metrics")  # "Not assessed", in bold
    page = show_assessment_tab(qtbot, window, engagement_id)
    dashboard = page.dashboard
    dashboard.refresh_now()
    table, proxy = dashboard.block_table, dashboard.block_proxy
    header = table.horizontalHeader()
    flags = COLUMN_OF["flags"]
    seen = set()
    for lens in (Lens.CLASSIC, Lens.SOCIAL):
        dashboard.set_lens(lens)
        QApplication.processEvents()
        # No sideways scrolling: the Flags column ends inside the table.
        assert not table.horizontalScrollBar().isVisible()
        right = header.sectionViewportPosition(flags) + header.sectionSize(flags)
        assert right <= table.viewport().width()
        for row in range(proxy.rowCount()):
            index = proxy.index(row, flags)
            text = index.data()
            if not text:
                continue
            # Each flag whole on a line of its own, with the room its text (bold beside a
            # warning icon for a serious one) needs, across and down.
            needed = table.sizeHintForIndex(index)
            assert needed.width() <= header.sectionSize(flags), text
            assert needed.height() <= table.rowHeight(row), text
            codes = dashboard.block_model.flags_of(
                dashboard.block_model.row_at(proxy.mapToSource(index).row())
            )
            assert len(text.split("\n")) == len(codes)
            # The full names in the tooltip.
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            assert tip.split("\n") == [flag_label(code) for code in codes]
            seen.update(text.split("\n"))
    assert {"Not assessed", "Misaligned", "High spread"} <= seen


def test_the_list_shows_four_assessments_and_the_selected_one(
    qtbot, data, ui_workspace, engagement_id, framework, window
):
    for number, date in enumerate(("2027-02-01", "2027-05-03", "2027-08-02", "2027-11-01")):
        ui_workspace.assessments.create(
            engagement_id=engagement_id,
            name=f"Review {number + 2}",
            assessed_on=date,
            framework_id=framework.id,
            framework_version=framework.version,
            variant="classic",
        )
    page = show_assessment_tab(qtbot, window, engagement_id)
    table, model = page.table, page.model
    assert model.rowCount() == 6
    # Once the scroll bars have settled (the vertical one came with the fifth row).
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible())
    viewport = table.viewport().rect()

    def fully_visible(row: int) -> bool:
        return viewport.contains(table.visualRect(model.index(row, 0)))

    # At least four whole rows fit without scrolling.
    assert viewport.height() >= 4 * table.rowHeight(0)
    # The latest, selected as the tab opens, is in view; so is any row chosen later.
    assert page.selected_assessment().name == "Review 5"
    assert fully_visible(5)
    page.select_assessment(data["baseline"].id)
    assert fully_visible(0)


def test_three_assessments_are_all_in_view(qtbot, data, ui_workspace, engagement_id, window):
    fill(
        ui_workspace,
        FrameworkCatalog.load([]).building_blocks("gartner-8bb"),
        engagement_id,
        "Review",
        "2027-05-03",
        data["people"][:1],
        seed=3,
    )
    page = show_assessment_tab(qtbot, window, engagement_id)
    viewport = page.table.viewport().rect()
    for row in range(3):
        assert viewport.contains(page.table.visualRect(page.model.index(row, 0)))


@pytest.mark.parametrize(
    ("consensus", "stakeholders", "expected"),
    [
        (True, 0, "Answers from the consensus only; no stakeholder has answered yet."),
        (True, 1, "Answers from the consensus and 1 stakeholder."),
        (True, 2, "Answers from the consensus and 2 stakeholders."),
        (False, 1, "Answers from 1 stakeholder; no consensus yet."),
        (False, 2, "Answers from 2 stakeholders; no consensus yet."),
        (False, 0, "No answers yet."),
    ],
)
def test_the_dashboard_says_who_answered(
    qtbot, ui_workspace, engagement_id, framework, window, consensus, stakeholders, expected
):
    ws = ui_workspace
    people = [
        ws.stakeholders.create(engagement_id=engagement_id, name=name, group="business").record.id
        for name in ("Ravi", "Mia")[:stakeholders]
    ]
    assessment = ws.assessments.create(
        engagement_id=engagement_id,
        name="Workshop",
        assessed_on="2026-05-04",
        framework_id=framework.id,
        framework_version=framework.version,
        variant="classic",
    ).record
    respondents = ([None] if consensus else []) + people
    for question in framework.questions()[:5]:
        for respondent in respondents:
            ws.responses.save(assessment.id, question.id, Lens.CLASSIC, respondent, current_level=3)
    page = show_assessment_tab(qtbot, window, engagement_id)
    assert page.selected_assessment().id == assessment.id
    assert page.dashboard.note_label.text() == expected
