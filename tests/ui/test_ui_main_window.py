"""The main window, driven the way a consultant uses it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMessageBox

from scrm_desk.workspace import Workspace
from ui.dialogs.client_dialog import ClientDialog
from ui.dialogs.engagement_dialog import EngagementDialog
from ui.models.navigator_model import CLIENT, ENGAGEMENT, NavigatorModel
from ui.widgets.placeholder_page import PlaceholderPage

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def navigator_titles(window) -> list[str]:
    """Every row the navigator shows (after filtering), depth first."""
    proxy = window.area.navigator.proxy
    titles: list[str] = []

    def walk(parent):
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            titles.append(index.data())
            walk(index)

    walk(proxy.index(-1, -1))
    return titles


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_create_client_then_engagement_through_the_dialogs(qtbot, window, ui_workspace):
    window.menu_actions.new_client.trigger()
    dialog = window.findChild(ClientDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, "Acme Telecom")
    qtbot.keyClicks(dialog.industry_edit, "Telecom")
    click_ok(qtbot, dialog)

    qtbot.waitUntil(lambda: "Acme Telecom" in navigator_titles(window))
    assert window.area.navigator.current()[0] == CLIENT
    assert window.area.pages.currentWidget() is window.area.client_page
    assert "Client “Acme Telecom” created" in window.statusBar().currentMessage()

    dialog = window.area.new_engagement()  # the selected client is chosen already
    assert dialog.client_combo.currentText() == "Acme Telecom"
    qtbot.keyClicks(dialog.title_edit, "Social CRM readiness review")
    qtbot.keyClicks(dialog.consultant_edit, "Alex Morgan")
    dialog.start_edit.none_check.setChecked(False)
    dialog.start_edit.date_edit.setDate(QDate(2026, 9, 1))
    click_ok(qtbot, dialog)

    qtbot.waitUntil(lambda: "Social CRM readiness review" in navigator_titles(window))
    [engagement] = ui_workspace.engagements.active()
    assert (engagement.title, engagement.consultant, engagement.start_date) == (
        "Social CRM readiness review",
        "Alex Morgan",
        "2026-09-01",
    )
    assert window.area.navigator.current() == (ENGAGEMENT, engagement.id)
    assert window.area.pages.currentWidget() is window.area.engagement_view
    overview = window.area.engagement_view.overview
    assert overview.engagement_form.value_label("consultant").text() == "Alex Morgan"
    assert overview.client_form.value_label("industry").text() == "Telecom"


def test_new_client_from_inside_the_engagement_dialog(qtbot, window, ui_workspace):
    dialog = window.area.new_engagement()
    qtbot.mouseClick(dialog.new_client_button, Qt.MouseButton.LeftButton)
    client_dialog = dialog.findChild(ClientDialog)
    qtbot.keyClicks(client_dialog.name_edit, "Fabrikam Insurance")
    click_ok(qtbot, client_dialog)
    assert dialog.client_combo.currentText() == "Fabrikam Insurance"
    qtbot.keyClicks(dialog.title_edit, "Claims on social")
    click_ok(qtbot, dialog)
    [engagement] = ui_workspace.engagements.active()
    assert ui_workspace.clients.get(engagement.client_id).name == "Fabrikam Insurance"


def test_core_refusal_keeps_the_dialog_open_with_the_message(qtbot, window):
    dialog = window.area.new_client()
    qtbot.keyClicks(dialog.name_edit, "x" * 201)  # longer than the core allows
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "limit is 200" in dialog.error_text("name")
    assert navigator_titles(window) == []


def test_undo_and_redo_restore_exact_values(qtbot, engagement_id, window, ui_workspace):
    before = ui_workspace.engagements.get(engagement_id)
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    dialog = window.area.edit_selected()
    assert isinstance(dialog, EngagementDialog)
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Care, renamed")
    dialog.start_edit.none_check.setChecked(True)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("delivered"))
    click_ok(qtbot, dialog)
    after = ui_workspace.engagements.get(engagement_id)
    assert (after.title, after.start_date, after.status) == ("Care, renamed", None, "delivered")
    assert window.menu_actions.undo.text() == "&Undo Edit engagement “Care, renamed”"

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    undone = ui_workspace.engagements.get(engagement_id)
    assert (undone.title, undone.start_date, undone.status) == (
        before.title,
        before.start_date,
        before.status,
    )
    assert "Undone: Edit engagement" in window.statusBar().currentMessage()
    assert "Care on social channels" in navigator_titles(window)

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert ui_workspace.engagements.get(engagement_id).title == "Care, renamed"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Y, CTRL)  # the other redo binding
    assert ui_workspace.engagements.get(engagement_id).title == "Care, renamed"
    overview = window.area.engagement_view.overview
    assert overview.engagement_form.value_label("title").text() == "Care, renamed"


def test_undo_create_engagement_then_redo_brings_back_the_same_record(
    qtbot, client_id, window, ui_workspace
):
    window.area.navigator.select(CLIENT, client_id)
    dialog = window.area.new_engagement()
    qtbot.keyClicks(dialog.title_edit, "Quick scan")
    click_ok(qtbot, dialog)
    [created] = ui_workspace.engagements.active()
    window.menu_actions.undo.trigger()
    assert ui_workspace.engagements.active() == []
    assert "Quick scan" not in navigator_titles(window)
    assert window.area.navigator.current() == (CLIENT, client_id)  # selection falls back
    window.menu_actions.redo.trigger()
    assert ui_workspace.engagements.active() == [created]


def test_edit_client_and_nothing_changed(qtbot, client_id, window, ui_workspace):
    window.area.navigator.select(CLIENT, client_id)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    dialog = window.findChild(ClientDialog)
    assert dialog is not None
    click_ok(qtbot, dialog)  # unchanged: no command
    assert window.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == "Nothing changed"

    dialog = window.area.edit_selected()
    qtbot.keyClicks(dialog.region_edit, "Nordics")
    click_ok(qtbot, dialog)
    assert ui_workspace.clients.get(client_id).region == "Nordics"
    assert window.area.client_page.form.value_label("region").text() == "Nordics"
    window.menu_actions.undo.trigger()
    assert ui_workspace.clients.get(client_id).region == ""


def test_search_filters_by_client_title_and_consultant(qtbot, ui_workspace, window):
    from ui.sample_data import fill_sample_workspace

    fill_sample_workspace(ui_workspace)
    window.menu_actions.refresh.trigger()
    assert len(navigator_titles(window)) == 6

    window.menu_actions.find.trigger()
    assert window.area.navigator.search.hasFocus()
    qtbot.keyClicks(window.area.navigator.search, "loyalty")
    assert navigator_titles(window) == ["Northwind Retail", "Loyalty programme refresh"]

    window.area.navigator.search.clear()
    qtbot.keyClicks(window.area.navigator.search, "sam lee")  # consultant, any case
    assert navigator_titles(window) == ["Northwind Retail", "Loyalty programme refresh"]

    window.area.navigator.search.clear()
    qtbot.keyClicks(window.area.navigator.search, "contoso")  # a client shows its engagements
    assert navigator_titles(window) == ["Contoso Telecom", "Care on social channels"]

    qtbot.keyClick(window.area.navigator.search, Qt.Key.Key_Escape)
    assert len(navigator_titles(window)) == 6


def test_move_to_trash_and_restore(qtbot, engagement_id, window, ui_workspace):
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    window.area.navigator.tree.setFocus()
    qtbot.keyClick(window.area.navigator.tree, Qt.Key.Key_Delete)

    assert ui_workspace.engagements.get(engagement_id).in_trash
    assert "Care on social channels" not in navigator_titles(window)
    assert window.statusBar().currentMessage() == (
        "Engagement “Care on social channels” moved to the trash — Ctrl+Z to undo"
    )
    assert window.menu_actions.show_trash.text() == "&Trash (1)"

    window.menu_actions.show_trash.trigger()
    page = window.area.trash_page
    assert window.area.pages.currentWidget() is page
    assert page.model.rowCount() == 1
    assert not page.restore_button.isEnabled()
    page.view.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert not ui_workspace.engagements.get(engagement_id).in_trash
    assert page.model.rowCount() == 0
    assert "Care on social channels" in navigator_titles(window)
    assert window.menu_actions.show_trash.text() == "&Trash"

    window.menu_actions.undo.trigger()  # undo the restore: back in the trash
    assert ui_workspace.engagements.get(engagement_id).in_trash


def test_empty_trash_asks_first_and_cannot_be_undone(
    qtbot, engagement_id, window, ui_workspace, message_boxes
):
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    window.menu_actions.trash.trigger()
    window.menu_actions.show_trash.trigger()
    page = window.area.trash_page

    message_boxes.click_role = None  # the user closes the question: nothing happens
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1
    assert "cannot be undone" in message_boxes.shown[-1].informative
    assert message_boxes.shown[-1].text == "Delete 1 engagement for good?"

    message_boxes.click_role = QMessageBox.ButtonRole.DestructiveRole
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert ui_workspace.engagements.trashed() == []
    assert window.undo_stack.count() == 0
    assert not window.menu_actions.undo.isEnabled()
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Trash emptied: 1 engagement deleted for good")
    )
    assert not page.empty_button.isEnabled()


def test_deleting_a_client_with_engagements_is_refused_with_a_message(
    engagement_id, client_id, window, ui_workspace, message_boxes
):
    window.area.navigator.select(CLIENT, client_id)
    assert window.menu_actions.trash.text() == "&Delete Client"
    window.menu_actions.trash.trigger()
    assert message_boxes.shown[-1].kind == "warning"
    assert "still has engagements" in message_boxes.shown[-1].text
    assert ui_workspace.clients.get(client_id)
    assert window.undo_stack.count() == 0


def test_delete_client_without_engagements_and_undo(client_id, window, ui_workspace):
    before = ui_workspace.clients.get(client_id)
    window.area.navigator.select(CLIENT, client_id)
    window.menu_actions.trash.trigger()
    assert ui_workspace.clients.all() == []
    window.menu_actions.undo.trigger()
    assert ui_workspace.clients.all() == [before]


def test_refresh_rereads_what_another_program_wrote(qtbot, client_id, window, ui_workspace):
    other = Workspace.open(ui_workspace.path)  # like the command line: no lock
    try:
        other.engagements.create(client_id=client_id, title="Imported engagement")
    finally:
        other.close()
    assert "Imported engagement" not in navigator_titles(window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert "Imported engagement" in navigator_titles(window)


def test_placeholder_pages_say_what_comes_and_offer_no_controls(engagement_id, window):
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    tabs = window.area.engagement_view
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    assert titles == [
        "Overview",
        "Assessment",
        "Framework Canvas",
        "Social CRM Strategy",
        "Roadmap",
        "Deliverable",
    ]
    planned = [tabs.widget(i) for i in range(1, tabs.count())]
    for page in (p for p in planned if isinstance(p, PlaceholderPage)):
        assert "not available yet" in page.note_label.text()
        assert page.findChildren(QAbstractButton) == []
        assert page.findChildren(QLineEdit) == []


def test_first_launch_offers_the_demo_once(qtbot, window, ui_workspace, message_boxes, qsettings):
    message_boxes.answer = QMessageBox.StandardButton.Yes
    window.offer_demo_if_first_launch()
    assert [s.kind for s in message_boxes.shown] == ["question"]
    [engagement] = ui_workspace.engagements.active()
    assert window.area.navigator.current() == (ENGAGEMENT, engagement.id)
    groups = {s.group for s in ui_workspace.stakeholders.for_engagement(engagement.id)}
    assert len(groups) == 5
    window.offer_demo_if_first_launch()  # remembered: not asked again
    assert len(message_boxes.shown) == 1
    assert QSettings(qsettings.fileName(), QSettings.Format.IniFormat).value(
        "first_launch/demo_offered", type=bool
    )


def test_no_demo_offer_when_the_workspace_has_engagements(engagement_id, window, message_boxes):
    window.offer_demo_if_first_launch()
    assert message_boxes.shown == []


def test_demo_engagement_is_one_undo_step(window, ui_workspace):
    window.menu_actions.add_demo.trigger()
    assert len(ui_workspace.clients.all()) == 1
    demo = ui_workspace.engagements.active()[0]
    people = ui_workspace.stakeholders.for_engagement(demo.id)
    assessments = ui_workspace.assessments.for_engagement(demo.id)
    answers = {a.id: ui_workspace.responses.for_assessment(a.id) for a in assessments}
    assert len(assessments) == 2 and all(answers.values())
    window.menu_actions.undo.trigger()
    assert ui_workspace.clients.all() == []
    assert ui_workspace.engagements.active() == []
    assert ui_workspace.responses.count() == 0
    window.menu_actions.redo.trigger()
    assert ui_workspace.engagements.active() == [demo]
    assert ui_workspace.stakeholders.for_engagement(demo.id) == people
    assert ui_workspace.assessments.for_engagement(demo.id) == assessments
    assert {a.id: ui_workspace.responses.for_assessment(a.id) for a in assessments} == answers


def test_about_names_version_workspace_and_schema(window, ui_workspace, message_boxes):
    window.menu_actions.about.trigger()
    [about] = message_boxes.shown
    assert "0.1.0" in about.text or "SCRM Desk" in about.text
    assert str(ui_workspace.path) in about.text
    assert f"Schema version: {ui_workspace.schema_version}" in about.text


def test_window_state_and_splitter_are_remembered(qtbot, ui_workspace, qsettings):
    from ui.app import create_main_window

    first = create_main_window(ui_workspace, qsettings)
    qtbot.addWidget(first)
    # The offscreen screen is about 800 px wide; leave room for the pages' minimum width.
    first.resize(780, 600)
    first.show()
    first.area.setSizes([180, 600])
    width = first.area.sizes()[0]
    first.close()
    second = create_main_window(ui_workspace, qsettings)
    qtbot.addWidget(second)
    second.show()
    assert second.area.sizes()[0] == width


def test_navigator_remembers_collapsed_clients_across_reloads(
    engagement_id, client_id, window, ui_workspace
):
    index = window.area.navigator.proxy.mapFromSource(
        window.area.navigator.model.index_of(CLIENT, client_id)
    )
    window.area.navigator.tree.collapse(index)
    ui_workspace.clients.create(name="Beta")  # someone else wrote; the user refreshes
    window.menu_actions.refresh.trigger()
    index = window.area.navigator.proxy.mapFromSource(
        window.area.navigator.model.index_of(CLIENT, client_id)
    )
    assert not window.area.navigator.tree.isExpanded(index)
    assert index.data(NavigatorModel.IdRole) == client_id


def test_an_undo_step_the_workspace_refuses_is_reported_and_dropped(
    engagement_id, window, ui_workspace, message_boxes
):
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    window.menu_actions.trash.trigger()
    other = Workspace.open(ui_workspace.path)  # the command line empties the trash meanwhile
    try:
        other.engagements.empty_trash()
    finally:
        other.close()
    window.menu_actions.undo.trigger()
    [warning] = message_boxes.shown
    assert "could not be undone or redone" in warning.text
    assert window.undo_stack.count() == 0  # the broken step is gone, not stuck
    assert "Care on social channels" not in navigator_titles(window)


def test_open_recent_asks_for_that_workspace(qtbot, window, qsettings, tmp_path):
    from ui.app_settings import AppSettings

    other = tmp_path / "other.scrm.sqlite"
    AppSettings(qsettings).add_recent_workspace(other)
    AppSettings(qsettings).add_recent_workspace(window.workspace.path)
    window.recent_menu.aboutToShow.emit()
    texts = [action.text() for action in window.recent_menu.actions()]
    assert texts[0] == "&1 other.scrm.sqlite"  # the open workspace is not offered
    with qtbot.waitSignal(window.open_workspace_requested) as requested:
        window.recent_menu.actions()[0].trigger()
    assert requested.args == [other.resolve()]


def test_changes_reach_the_workspace_file_itself_after_a_quiet_moment(
    qtbot, window, ui_workspace, tmp_path
):
    import shutil

    from scrm_desk.workspace import Workspace

    window.area._checkpoint_timer.setInterval(20)
    ui_workspace.db.execute("PRAGMA wal_autocheckpoint = 0")  # only the app's timer writes back
    window.runner.events.workspace_changed.emit(
        ui_workspace.clients.create(name="Written back").changes
    )

    def copy_holds_the_client() -> bool:
        copy = tmp_path / f"copy-{len(list(tmp_path.iterdir()))}.sqlite"
        shutil.copyfile(ui_workspace.path, copy)  # the file alone, as a consultant copies it
        try:
            with Workspace.open(copy, read_only=True) as copied:
                return "Written back" in [c.name for c in copied.clients.all()]
        except Exception:
            return False

    qtbot.waitUntil(copy_holds_the_client, timeout=3000)


def test_a_broken_framework_file_is_reported_in_the_status_bar_and_about(
    qtbot, ui_workspace, qsettings, message_boxes
):
    from ui.app import create_main_window

    ui_workspace.frameworks_dir.mkdir(parents=True, exist_ok=True)
    (ui_workspace.frameworks_dir / "acme.toml").write_text(
        'schema_version = 1\nid = "acme"\nkind = "layers"\nname = "Acme"\n', encoding="utf-8"
    )
    ui_workspace.reload_frameworks()
    window = create_main_window(ui_workspace, qsettings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "acme.toml" in window.statusBar().currentMessage())
    assert "Skipped a framework file" in window.statusBar().currentMessage()
    window.menu_actions.about.trigger()
    [about] = message_boxes.shown
    assert "Framework files skipped" in about.text and "acme.toml" in about.text
    assert "Eight Building Blocks" in about.text


def test_closing_during_an_export_asks_and_stops_it_cleanly(
    qtbot, window, ui_workspace, message_boxes, tmp_path
):
    from scrm_desk.demo import add_demo_engagement
    from scrm_desk.reports import ExportCancelled
    from ui.pages.deliverable_page import LAST_FOLDER_KEY

    engagement_id = add_demo_engagement(ui_workspace).record.id
    window.area.navigator.reload()
    window.area.navigator.select(ENGAGEMENT, engagement_id)
    view = window.area.engagement_view
    page = view.pages["deliverable"]
    view.setCurrentWidget(page)
    out = tmp_path / "out"
    out.mkdir()
    page._settings.setValue(LAST_FOLDER_KEY, str(out))
    page.set_engagement(engagement_id)
    running = threading.Event()

    def endless(path, engagement, targets, options, progress, cancel):
        for _fmt, staging in targets:
            Path(staging).write_bytes(b"half a report")
        running.set()
        while not cancel():
            time.sleep(0.01)
        raise ExportCancelled("Export cancelled; no file was written.")

    page.controller.export_function = endless
    assert page.export()
    assert running.wait(10)

    message_boxes.answer = QMessageBox.StandardButton.No  # keep exporting
    assert not window.close()
    assert window.isVisible() and page.controller.running
    assert message_boxes.shown[-1].title == "Export still running"

    message_boxes.answer = QMessageBox.StandardButton.Yes  # stop and close
    assert window.close()
    assert not page.controller.running
    assert list(out.iterdir()) == []  # no report, no hidden staging file


def test_right_to_left_names_keep_their_place_in_the_overview(qtbot, window, ui_workspace):
    client = ui_workspace.clients.create(name="شركة الأفق").record
    engagement = ui_workspace.engagements.create(
        client_id=client.id, title="Readiness review", consultant="Ωmega Partners"
    ).record
    window.area.navigator.reload()
    window.area.navigator.select(ENGAGEMENT, engagement.id)
    overview = window.area.engagement_view.overview
    heading = overview.heading.text()
    # Each name is an isolate: the Arabic client cannot pull the title into its run.
    assert heading == "\u2068Readiness review\u2069 — \u2068شركة الأفق\u2069"
    title = overview.engagement_form.value_label("title")
    assert title.alignment() & Qt.AlignmentFlag.AlignAbsolute
    assert title.alignment() & Qt.AlignmentFlag.AlignLeft
