"""The Deliverable tab: exporting the demo engagement from the page the way a consultant
does, with the worker in the thread pool, and the branding dialog."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QUndoStack
from PySide6.QtWidgets import QColorDialog, QFileDialog, QMessageBox

from scrm_desk.demo import add_demo_engagement
from scrm_desk.reports import export_reports, load_branding
from scrm_desk.workspace import Workspace
from ui.commands.base import CommandRunner
from ui.commands.deliverable_commands import SetExecutiveSummary, stored_summary
from ui.deliverable.export_worker import staging_path
from ui.deliverable.section_list import SectionListModel
from ui.file_names import safe_file_name
from ui.pages.deliverable_page import LAST_FOLDER_KEY, DeliverablePage
from ui.workspace_events import WorkspaceEvents

#: Generous: a cold export (fonts, matplotlib) on a busy 2-core machine.
EXPORT_TIMEOUT_MS = 90_000


@dataclass
class Desk:
    page: DeliverablePage
    stack: QUndoStack
    runner: CommandRunner
    workspace: Workspace
    engagement_id: str
    out: Path

    def export_and_wait(self, qtbot) -> tuple:
        with qtbot.waitSignal(self.page.export_finished, timeout=EXPORT_TIMEOUT_MS) as blocker:
            qtbot.mouseClick(self.page.export_button, Qt.MouseButton.LeftButton)
        return blocker.args[0]

    def new_page(self, qtbot, qsettings: QSettings) -> DeliverablePage:
        page = DeliverablePage(self.workspace, self.runner, settings=qsettings)
        qtbot.addWidget(page)
        page.resize(1100, 760)
        page.show()
        page.set_engagement(self.engagement_id)
        return page


@pytest.fixture
def desk(qtbot, ui_workspace: Workspace, qsettings: QSettings, message_boxes, tmp_path: Path):
    engagement_id = add_demo_engagement(ui_workspace).record.id
    out = tmp_path / "out"
    out.mkdir()
    qsettings.setValue(LAST_FOLDER_KEY, str(out))
    events = WorkspaceEvents()
    stack = QUndoStack()
    runner = CommandRunner(events, stack)
    page = DeliverablePage(ui_workspace, runner, settings=qsettings)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    page.set_engagement(engagement_id)
    desk = Desk(page, stack, runner, ui_workspace, engagement_id, out)
    # keep the Qt objects that have no parent alive as long as the page
    page._test_keep = (events, stack, runner)  # type: ignore[attr-defined]
    yield desk
    page.controller.cancel()
    page.controller.wait()


def pdf_text(path: Path, password: str | None = None) -> str:
    reader = PdfReader(str(path))
    if password is not None:
        reader.decrypt(password)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------------------- export


def test_page_offers_the_demo_engagement_choices(desk: Desk) -> None:
    page = desk.page
    assert "Northwind" in page.heading.text()
    assert page.assessment_combo.count() == 2
    assert page.assessment_combo.currentText().startswith("Six-month review")
    # The baseline defaults to the assessment before the chosen one.
    assert page.baseline_combo.currentText().startswith("Baseline")
    assert "cover" in page.section_model.checked_ids()
    assert page.summary_edit.toPlainText().startswith("We assessed")
    assert page.name_edit.text().startswith("Northwind Outfitters (demo) – ")
    assert page.folder_edit.text() == str(desk.out)
    assert page.export_button.isEnabled()
    assert not page.progress_bar.isVisible()


def test_export_pdf_opens_in_preview_with_every_page(qtbot, desk: Desk) -> None:
    page = desk.page
    # The GUI must keep running while the worker exports. Shown without timing: the
    # export waits, on its own thread, until the GUI thread has run a timer.
    gui_ran = threading.Event()
    export_thread: list[int] = []

    def export_after_the_gui_ran(*args, **kwargs):
        export_thread.append(threading.get_ident())
        assert gui_ran.wait(timeout=30), "the GUI thread ran no event during the export"
        return export_reports(*args, **kwargs)

    page.controller.export_function = export_after_the_gui_ran
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(gui_ran.set)
    timer.start()
    results = desk.export_and_wait(qtbot)
    timer.stop()

    (result,) = results
    assert result.format == "pdf"
    assert result.path.parent == desk.out
    assert result.path.exists()
    assert files_in(desk.out) == [result.path.name]  # no staging or temporary files left
    assert page.preview.page_count() == result.pages == len(PdfReader(str(result.path)).pages)
    assert page.preview.path == result.path
    assert page.preview.open_button.isEnabled()
    assert str(result.pages) in page.result_label.text()
    # The export ran off the GUI thread, which kept running its event loop meanwhile.
    assert export_thread and export_thread[0] != threading.get_ident()
    # Pages are drawn on white paper, not on a transparent image.
    image = page.preview.page_image(0, 200)
    assert not image.hasAlphaChannel()
    assert image.pixelColor(image.width() - 3, image.height() - 3) == QColor("white")
    # The last folder is remembered for the next export.
    assert page._settings.value(LAST_FOLDER_KEY) == str(desk.out)


def test_ctrl_shift_e_exports(qtbot, desk: Desk) -> None:
    desk.page.activateWindow()
    with qtbot.waitSignal(desk.page.export_finished, timeout=EXPORT_TIMEOUT_MS):
        qtbot.keyClick(
            desk.page.section_list,
            Qt.Key.Key_E,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert desk.page.preview.page_count() > 0


def test_export_word_and_excel_with_the_pdf(qtbot, desk: Desk) -> None:
    page = desk.page
    page.format_checks["docx"].setChecked(True)
    page.format_checks["xlsx"].setChecked(True)
    assert page.suffix_label.text() == ".pdf, .docx, .xlsx"
    results = desk.export_and_wait(qtbot)
    assert [r.format for r in results] == ["pdf", "docx", "xlsx"]
    stem = page.name_edit.text()
    assert files_in(desk.out) == sorted(f"{stem}.{ext}" for ext in ("pdf", "docx", "xlsx"))
    assert page.preview.page_count() == results[0].pages


def test_sections_and_baseline_choice_reach_the_report(qtbot, desk: Desk) -> None:
    page = desk.page
    appendix = page.section_model.index(page.section_model.row_of("appendix"))
    page.section_model.setData(appendix, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    page.baseline_combo.setCurrentIndex(page.baseline_combo.findData(""))  # no comparison
    options = page.report_options()
    assert "appendix" not in options.sections
    assert "progress" not in options.sections
    assert options.assessment_id == page.assessment_combo.currentData()
    (result,) = desk.export_and_wait(qtbot)
    assert "appendix" not in result.sections
    assert "progress" not in result.sections


def test_warnings_are_shown_after_the_export(qtbot, desk: Desk) -> None:
    def with_warning(*args, **kwargs):
        results = export_reports(*args, **kwargs)
        warning = ("Some characters could not be rendered: ☃",)
        return tuple(replace(result, warnings=warning) for result in results)

    desk.page.controller.export_function = with_warning
    desk.export_and_wait(qtbot)
    assert desk.page.warnings.isVisible()
    assert "☃" in desk.page.warnings.text()


class Gate:
    """A real export that stops at 30 % until the page cancels it (deterministic cancel)."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.calls = 0

    def __call__(self, *args, progress, cancel, **kwargs):
        self.calls += 1

        def slow_progress(fraction: float, message: str) -> None:
            progress(fraction, message)
            if fraction >= 0.3 and not self.reached.is_set():
                self.reached.set()
                deadline = time.monotonic() + 30
                while not cancel() and time.monotonic() < deadline:
                    time.sleep(0.01)

        return export_reports(*args, progress=slow_progress, cancel=cancel, **kwargs)


def test_cancel_mid_export_leaves_no_file_and_keeps_the_old_one(
    qtbot, desk: Desk, message_boxes
) -> None:
    page = desk.page
    page.format_checks["docx"].setChecked(True)
    old_pdf = desk.out / f"{page.name_edit.text()}.pdf"
    old_pdf.write_bytes(b"the version sent last week")
    message_boxes.answer = QMessageBox.StandardButton.Yes  # replace it
    gate = Gate()
    page.controller.export_function = gate

    assert page.export()
    assert any(shown.kind == "question" for shown in message_boxes.shown)
    qtbot.waitUntil(gate.reached.is_set, timeout=EXPORT_TIMEOUT_MS)
    # Running: progress and Cancel show, a second export cannot start.
    assert page.progress_bar.isVisible() and page.cancel_button.isEnabled()
    assert not page.export_button.isEnabled()
    assert not page.export()
    assert gate.calls == 1
    with qtbot.waitSignal(page.controller.cancelled, timeout=EXPORT_TIMEOUT_MS):
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)

    assert files_in(desk.out) == [old_pdf.name]
    assert old_pdf.read_bytes() == b"the version sent last week"
    assert not staging_path(old_pdf).exists()
    assert "cancelled" in page.progress_label.text()
    assert not page.cancel_button.isVisible()
    assert page.export_button.isEnabled()


def test_a_failure_in_the_second_format_writes_neither_file(tmp_path: Path) -> None:
    from scrm_desk.reports import ExportError, ReportOptions
    from ui.deliverable.export_worker import ExportRequest, run_export

    old_pdf = tmp_path / "report.pdf"
    old_pdf.write_bytes(b"old")

    def export(ws_path, engagement_id, targets, options, progress, cancel):
        (_pdf, staged_pdf), _docx = targets
        Path(staged_pdf).write_bytes(b"%PDF new")  # the first format is written ...
        raise ExportError("The disk is full: report.docx was not saved.")  # ... not the second

    request = ExportRequest(
        tmp_path / "w.sqlite",
        "e1",
        (("pdf", old_pdf), ("docx", tmp_path / "report.docx")),
        ReportOptions(),
    )
    with pytest.raises(ExportError, match="disk is full"):
        run_export(request, lambda fraction, message: None, lambda: False, export)
    assert files_in(tmp_path) == ["report.pdf"]
    assert old_pdf.read_bytes() == b"old"


def test_existing_file_is_kept_when_the_user_says_no(qtbot, desk: Desk, message_boxes) -> None:
    page = desk.page
    target = desk.out / f"{page.name_edit.text()}.pdf"
    target.write_bytes(b"keep me")
    message_boxes.answer = QMessageBox.StandardButton.No
    assert not page.export()
    assert "already exists" in message_boxes.shown[-1].text
    assert target.read_bytes() == b"keep me"
    assert not page.controller.running


def test_unwritable_folder_gives_a_clear_message(qtbot, desk: Desk, tmp_path: Path) -> None:
    page = desk.page
    # A missing folder is refused before any work starts.
    page.folder_edit.setText(str(tmp_path / "gone"))
    assert not page.export()
    assert "does not exist" in page.message.text()
    # A file where the folder should be is called a file.
    (tmp_path / "notes.txt").write_text("not a folder")
    page.folder_edit.setText(str(tmp_path / "notes.txt"))
    assert not page.export()
    assert "notes.txt is a file, not a folder" in page.message.text()

    # A folder nobody can write to fails in the worker, with the core's message.
    if os.geteuid() == 0:
        locked = Path("/proc")  # root may write anywhere a permission bit says no; not here
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
    page.folder_edit.setText(str(locked))
    with qtbot.waitSignal(page.export_failed, timeout=EXPORT_TIMEOUT_MS) as blocker:
        assert page.export()
    assert "Cannot write to the folder" in blocker.args[0] or "Could not save" in blocker.args[0]
    assert page.message.isVisible()
    assert page.message.text().startswith("The report was not exported")
    assert page.export_button.isEnabled()
    # The page keeps working: the next export to a good folder succeeds.
    page.folder_edit.setText(str(desk.out))
    desk.export_and_wait(qtbot)
    assert not page.message.isVisible()


def test_password_protected_pdf_needs_the_password(
    qtbot, desk: Desk, qsettings: QSettings, tmp_path: Path
) -> None:
    page = desk.page
    page.option_tabs.setCurrentIndex(3)
    assert not page.owner_password_edit.isEnabled()
    qtbot.keyClicks(page.password_edit, "s3cret-Pw")
    assert page.owner_password_edit.isEnabled()
    qtbot.keyClicks(page.owner_password_edit, "s3cret-Pw")
    assert not page.export()
    assert "must differ" in page.message.text()
    page.owner_password_edit.setText("0wner-Pw")

    (result,) = desk.export_and_wait(qtbot)
    assert result.encrypted
    reader = PdfReader(str(result.path))
    assert reader.is_encrypted
    assert reader.decrypt("wrong") == 0
    assert PdfReader(str(result.path)).decrypt("s3cret-Pw") != 0
    assert "Northwind" in pdf_text(result.path, "s3cret-Pw")
    # The preview opened it with the password.
    assert page.preview.page_count() == result.pages
    # Never stored: not in the app's settings nor in the workspace file.
    qsettings.sync()
    assert b"s3cret" not in Path(qsettings.fileName()).read_bytes()
    for path in desk.workspace.path.parent.glob(desk.workspace.path.name + "*"):
        assert b"s3cret" not in path.read_bytes()


# --------------------------------------------------------------------------- summary


def test_edited_summary_is_used_in_the_pdf_and_survives_reopening(
    qtbot, desk: Desk, qsettings: QSettings
) -> None:
    page = desk.page
    page.option_tabs.setCurrentIndex(1)
    draft = page.summary_edit.toPlainText()
    assert not page.reset_summary_button.isEnabled()
    page.summary_edit.setFocus()
    page.summary_edit.moveCursor(page.summary_edit.textCursor().MoveOperation.Start)
    qtbot.keyClicks(page.summary_edit, "Zebra findings come first. ")
    qtbot.waitUntil(lambda: desk.stack.count() == 1, timeout=5000)  # saved after a pause
    qtbot.keyClicks(page.summary_edit, "Quokka notes too. ")
    # Leaving the editor saves at once (no waiting for the pause) and ends the session.
    page.activateWindow()
    qtbot.waitUntil(lambda: page.summary_edit.hasFocus())
    page.export_button.setFocus()
    qtbot.waitUntil(lambda: "Quokka" in (stored_summary(desk.workspace, desk.engagement_id) or ""))
    assert desk.stack.count() == 1  # one typing session, one undo step
    with_ibis = page.summary_edit.toPlainText()
    # The next stretch of typing is a step of its own.
    page.summary_edit.setFocus()
    qtbot.keyClicks(page.summary_edit, "Ibis. ")
    page.save_summary()
    assert desk.stack.count() == 2
    desk.stack.undo()
    assert page.summary_edit.toPlainText() == with_ibis
    assert desk.stack.count() == 2 and desk.stack.index() == 1
    edited = page.summary_edit.toPlainText()
    assert page.reset_summary_button.isEnabled()
    assert stored_summary(desk.workspace, desk.engagement_id) == edited

    (result,) = desk.export_and_wait(qtbot)
    text = " ".join(pdf_text(result.path).split())
    assert "Zebra findings come first. Quokka notes too." in text

    # A new page (as after a restart) shows the edited text; so does another connection.
    again = desk.new_page(qtbot, qsettings)
    assert again.summary_edit.toPlainText() == edited
    with Workspace.open(desk.workspace.path, read_only=True) as other:
        assert stored_summary(other, desk.engagement_id) == edited

    # Undo brings the draft back on both pages; redo the edit.
    desk.stack.undo()
    assert page.summary_edit.toPlainText() == draft
    assert again.summary_edit.toPlainText() == draft
    desk.stack.redo()
    assert page.summary_edit.toPlainText() == edited

    # Reset to the draft is one undoable step too.
    qtbot.mouseClick(page.reset_summary_button, Qt.MouseButton.LeftButton)
    assert page.summary_edit.toPlainText() == draft
    assert stored_summary(desk.workspace, desk.engagement_id) is None
    assert desk.stack.count() == 2
    desk.stack.undo()
    assert page.summary_edit.toPlainText() == edited


def test_summary_edits_of_separate_sessions_are_separate_steps(desk: Desk) -> None:
    ws, eid = desk.workspace, desk.engagement_id
    desk.runner.run(SetExecutiveSummary(ws, eid, "one", session=1))
    desk.runner.run(SetExecutiveSummary(ws, eid, "one two", session=1))
    desk.runner.run(SetExecutiveSummary(ws, eid, "one two three", session=2))
    assert desk.stack.count() == 2
    desk.stack.undo()
    assert stored_summary(ws, eid) == "one two"
    desk.stack.undo()
    assert stored_summary(ws, eid) is None


# --------------------------------------------------------------------------- branding


def make_png(path: Path) -> Path:
    image = QImage(300, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a9d8f"))
    assert image.save(str(path), "PNG")
    return path


def make_svg(path: Path) -> Path:
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
        '<rect x="0" y="0" width="200" height="100" fill="#e63946"/>'
        '<circle cx="100" cy="50" r="30" fill="#ffffff"/>'
        '<script>alert("no")</script></svg>',
        encoding="utf-8",
    )
    return path


def open_branding_dialog(qtbot, page: DeliverablePage):
    page.option_tabs.setCurrentIndex(2)
    qtbot.mouseClick(page.branding_button, Qt.MouseButton.LeftButton)
    dialog = page.branding_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_branding_dialog_png_and_svg_logos_save_and_undo(
    qtbot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = desk.page
    before = load_branding(desk.workspace)
    assert before.logo is None
    dialog = open_branding_dialog(qtbot, page)
    assert dialog.preview.logo_label.pixmap().isNull()

    chosen: list[Path] = [make_png(tmp_path / "logo.png")]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(chosen[0]), ""))
    )
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert not dialog.logo_error.isVisible()
    assert dialog.branding().logo.format == "png"
    assert dialog.branding().logo.width == 300
    assert not dialog.preview.logo_label.pixmap().isNull()
    assert "PNG, 300 × 100" in dialog.logo_info.text()

    chosen[0] = make_svg(tmp_path / "logo.svg")
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert not dialog.logo_error.isVisible(), dialog.logo_error.text()
    logo = dialog.branding().logo
    assert (logo.format, logo.width, logo.height) == ("png", 1200, 600)
    pixels = QImage.fromData(logo.data)
    assert pixels.pixelColor(20, 20) == QColor("#e63946")  # drawn, not blank
    assert pixels.pixelColor(600, 300) == QColor("#ffffff")
    assert not dialog.preview.logo_label.pixmap().isNull()

    # An unreadable file is refused on the spot; the chosen logo stays.
    chosen[0] = tmp_path / "broken.png"
    chosen[0].write_bytes(b"\x89PNG not really")
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert dialog.logo_error.isVisible()
    assert "not a readable" in dialog.logo_error.text()
    assert dialog.branding().logo == logo

    dialog.firm_edit.clear()
    qtbot.keyClicks(dialog.firm_edit, "Morgan & Partners")
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: QColor("#AA3300")))
    qtbot.mouseClick(dialog.colour_button, Qt.MouseButton.LeftButton)
    assert dialog.colour_button.text() == "#aa3300"
    assert dialog.preview.firm_label.text() == "Morgan & Partners"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    saved = load_branding(desk.workspace)
    assert saved.firm_name == "Morgan & Partners"
    assert saved.primary_colour == "#aa3300"
    assert saved.logo is not None and saved.logo.width == 1200
    assert "Morgan & Partners" in page.branding_label.text()
    assert desk.stack.count() == 1

    desk.stack.undo()
    assert load_branding(desk.workspace) == before
    assert "Morgan" not in page.branding_label.text()
    desk.stack.redo()
    assert load_branding(desk.workspace).firm_name == "Morgan & Partners"


def test_branding_dialog_cancel_changes_nothing(qtbot, desk: Desk) -> None:
    dialog = open_branding_dialog(qtbot, desk.page)
    qtbot.keyClicks(dialog.firm_edit, "Not saved")
    dialog.reject()
    assert load_branding(desk.workspace).firm_name == ""
    assert desk.stack.count() == 0


# --------------------------------------------------------------------------- preview


def test_preview_without_qtpdf_still_opens_the_file(
    qtbot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.deliverable import pdf_preview

    monkeypatch.setattr(
        pdf_preview, "_load_qtpdf", lambda: (None, None, "No module named 'PySide6.QtPdf'")
    )
    preview = pdf_preview.PdfPreview()
    qtbot.addWidget(preview)
    preview.show()
    assert not preview.pdf_available
    assert "pyside6-pdf" in preview.placeholder.text()
    report = desk.out / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n")
    assert not preview.show_pdf(report)
    assert "QtPdf" in preview.note.text()
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    qtbot.mouseClick(preview.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(preview.folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(report), str(desk.out)]


def test_open_in_system_viewer_after_export(
    qtbot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    (result,) = desk.export_and_wait(qtbot)
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    qtbot.mouseClick(desk.page.preview.open_button, Qt.MouseButton.LeftButton)
    assert opened[-1] == QUrl.fromLocalFile(str(result.path))


# --------------------------------------------------------------------------- pieces


def test_section_model(qtmodeltester) -> None:
    from scrm_desk.reports import available_sections

    model = SectionListModel()
    model.set_sections(available_sections())
    qtmodeltester.check(model)
    first = model.index(0)
    assert model.data(first, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_ids()[0] != "cover"
    assert model.data(first, SectionListModel.DescriptionRole)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Acme – Review – 2026-11-23", "Acme – Review – 2026-11-23"),
        ("A/B: test?", "A-B- test-"),
        ("  .hidden. ", "hidden"),
        ('x<>|"*y', "x-y"),
    ],
)
def test_safe_file_name(given: str, expected: str) -> None:
    assert safe_file_name(given) == expected
