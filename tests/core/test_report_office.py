"""Word and Excel output, and the export itself: atomic, cancellable, clear when it fails."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from scrm_desk.errors import ScrmError, ValidationError
from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.reports import (
    ExportCancelled,
    ExportError,
    ReportOptions,
    export_report,
    export_reports,
    save_branding,
)
from scrm_desk.reports import export as export_module
from scrm_desk.workspace import Workspace
from tests.core.test_report_planning import ROADMAP, add_plan
from tests.data.report.populate import PEOPLE, populate


@pytest.fixture(scope="module")
def catalog() -> FrameworkCatalog:
    return FrameworkCatalog.load()


@pytest.fixture(scope="module")
def filled_path(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("office") / "ws.sqlite"
    with Workspace.open(path) as ws:
        filled = populate(ws)
        add_plan(ws, filled.engagement_id)
        save_branding(ws, firm_name="Northbridge Advisory")
        # Evidence that a spreadsheet would take for a formula must stay text.
        response = ws.responses.for_assessment(filled.assessment_id)[0]
        ws.responses.save(
            response.assessment_id,
            response.question_id,
            response.lens,
            response.respondent_id,
            current_level=response.current_level,
            evidence='=HYPERLINK("http://evil.example","click")',
        )
    return path, filled.engagement_id


@pytest.fixture(scope="module")
def docx_file(filled_path, tmp_path_factory, catalog) -> Path:
    ws_path, engagement_id = filled_path
    out = tmp_path_factory.mktemp("docx") / "report.docx"
    export_report(ws_path, engagement_id, "docx", out, catalog=catalog)
    return out


@pytest.fixture(scope="module")
def xlsx_file(filled_path, tmp_path_factory, catalog) -> Path:
    ws_path, engagement_id = filled_path
    out = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    export_report(ws_path, engagement_id, "xlsx", out, catalog=catalog)
    return out


# --------------------------------------------------------------------------- DOCX


def test_docx_has_real_headings(docx_file: Path, catalog) -> None:
    document = Document(str(docx_file))
    pairs = {
        (p.text, p.style.name) for p in document.paragraphs if p.style.name.startswith("Heading")
    }
    headings = {text: style for text, style in pairs if style != "Heading 3"}
    for title in (
        "Contents",
        "Executive summary",
        "Approach",
        "Building blocks overview",
        "Stakeholder alignment",
        "The seven-layer framework",
        "Social CRM posture",
        "Initiatives by kind of social",
        "Starting points and platform strategy",
        "Roadmap",
        "Appendix: responses and stakeholders",
    ):
        assert headings.get(title) == "Heading 1", title
    for area in catalog.building_blocks().areas:
        assert headings.get(area.name) == "Heading 2", area.name
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == ["Contoso Retail Group"]


def test_docx_has_tables_charts_and_clean_properties(docx_file: Path) -> None:
    document = Document(str(docx_file))
    assert len(document.tables) >= 10
    header_cells = [c.text for c in document.tables[0].rows[0].cells]
    assert header_cells == ["Lens", "Index (of 5)", "Level", "Core blocks scored"]
    people = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    for name, _, _ in PEOPLE:
        assert any(name in text for text in people), name
    assert len(document.inline_shapes) >= 4  # two radars, two alignment charts
    properties = document.core_properties
    assert properties.author == "Claire Dubois, Northbridge Advisory"
    assert properties.title.endswith("Contoso Retail Group")
    assert "python-docx" not in (properties.comments + properties.last_modified_by)
    header = document.sections[0].header.paragraphs[0].text
    assert "Contoso Retail Group" in header and "CONFIDENTIAL" in header


# --------------------------------------------------------------------------- XLSX


def test_xlsx_sheets_headers_filters(xlsx_file: Path, filled_path) -> None:
    workbook = load_workbook(xlsx_file)
    assert workbook.sheetnames == [
        "Responses",
        "Block scores",
        "Findings",
        "Stakeholders",
        "Roadmap",
    ]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.column_dimensions["A"].width >= 8
    responses = workbook["Responses"]
    header = [c.value for c in responses[1]]
    assert header[:4] == ["Block", "Sub-component", "Question id", "Question"]
    assert "Evidence" in header and "Confidence" in header
    ws_path, _ = filled_path
    with Workspace.open(ws_path) as ws:
        answers = sum(ws.responses.count_for(a.id) for a in ws.assessments.for_engagement(_))
    assert responses.max_row == answers + 1
    people = workbook["Stakeholders"]
    assert people.max_row == len(PEOPLE) + 1
    assert workbook.properties.creator == "Claire Dubois, Northbridge Advisory"


def test_xlsx_findings_speak_to_people_not_programs(xlsx_file: Path) -> None:
    from scrm_desk.reports.xlsx_writer import FINDING_KINDS as LABELS
    from scrm_desk.scoring.rules import FINDING_KINDS

    assert set(LABELS) == set(FINDING_KINDS)  # a new kind needs a label
    findings = load_workbook(xlsx_file)["Findings"]
    rows = list(findings.iter_rows(min_row=2, values_only=True))
    assert rows
    for severity, kind, *_rest in rows:
        assert severity in ("High", "Medium", "Low")
        assert kind in LABELS.values() and "_" not in kind


def test_docx_has_the_plan(docx_file: Path, catalog) -> None:
    document = Document(str(docx_file))
    cells = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    text = "\n".join(p.text for p in document.paragraphs) + "\n" + cells
    for layer in catalog.layers().layers:
        assert layer.name in cells, layer.name
    assert "Do not pass go" in text and "Toe-dippers" in text
    assert "The Social CRM plan is tactics only" in text
    for title, *_ in ROADMAP:
        assert title in cells, title
    # The diagram, the posture chart, the matrix and the timeline are pictures too.
    assert len(document.inline_shapes) >= 8


def test_xlsx_roadmap_sheet(xlsx_file: Path) -> None:
    sheet = load_workbook(xlsx_file)["Roadmap"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["#", "Initiative", "Description", "Phase", "Status", "Impact", "Effort"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:N{len(ROADMAP) + 1}"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == [title for title, *_ in ROADMAP]
    assert rows[0][0] == 1 and rows[0][3] == "Quick win" and rows[0][5] == 5
    assert rows[0][8].date().isoformat() == "2026-11-16"  # a real date, not text
    assert rows[3][8] is None  # no start date
    assert rows[0][10] == "Metrics" and rows[0][12] == "Customer service"


def test_xlsx_keeps_formula_like_text_as_text(xlsx_file: Path) -> None:
    workbook = load_workbook(xlsx_file)
    sheet = workbook["Responses"]
    evidence_column = [c.value for c in sheet[1]].index("Evidence") + 1
    cells = [sheet.cell(row=r, column=evidence_column) for r in range(2, sheet.max_row + 1)]
    found = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert found and all(c.data_type == "s" for c in found)


def test_block_scores_sheet_has_numbers(xlsx_file: Path) -> None:
    sheet = load_workbook(xlsx_file)["Block scores"]
    scores = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert scores and all(s is None or 1 <= s <= 5 for s in scores)


# --------------------------------------------------------------------------- export


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_export_pdf_with_password_and_progress(filled_path, tmp_path: Path, catalog) -> None:
    ws_path, engagement_id = filled_path
    seen: list[tuple[float, str]] = []
    result = export_report(
        ws_path,
        engagement_id,
        "pdf",
        tmp_path / "report.pdf",
        ReportOptions(password="open-sesame"),
        progress=lambda fraction, message: seen.append((fraction, message)),
        catalog=catalog,
    )
    assert result.encrypted and result.pages and result.pages > 10
    assert result.path.read_bytes()[:5] == b"%PDF-"
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions) or max(fractions) == 1.0
    reader = PdfReader(result.path)
    assert reader.is_encrypted and reader.decrypt("open-sesame")
    assert result.sections[0] == "cover"
    assert not _leftovers(tmp_path)


def test_password_on_docx_is_reported_not_ignored(filled_path, tmp_path, catalog) -> None:
    ws_path, engagement_id = filled_path
    result = export_report(
        ws_path,
        engagement_id,
        "xlsx",
        tmp_path / "data.xlsx",
        ReportOptions(password="x"),
        catalog=catalog,
    )
    assert any("applies to PDF only" in w for w in result.warnings)


def test_bad_format_is_refused(filled_path, tmp_path) -> None:
    ws_path, engagement_id = filled_path
    with pytest.raises(ValidationError, match="pdf, docx, xlsx"):
        export_report(ws_path, engagement_id, "odt", tmp_path / "x.odt")


def test_cancel_mid_export_leaves_nothing(filled_path, tmp_path: Path, catalog) -> None:
    ws_path, engagement_id = filled_path
    target = tmp_path / "report.pdf"
    for after in (1, 5, 12, 40):

        def cancel(calls: list[int] = [], after: int = after) -> bool:  # noqa: B006
            calls.append(1)
            return len(calls) > after

        with pytest.raises(ExportCancelled):
            export_report(ws_path, engagement_id, "pdf", target, cancel=cancel, catalog=catalog)
        assert not target.exists()
        assert not _leftovers(tmp_path)


def test_full_disk_keeps_the_old_file(filled_path, tmp_path: Path, monkeypatch, catalog) -> None:
    ws_path, engagement_id = filled_path
    target = tmp_path / "report.docx"
    target.write_bytes(b"the version the client already has")

    def full_disk(handle, data) -> None:
        handle.write(data[:1000])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_module, "_write_all", full_disk)
    with pytest.raises(ExportError, match=r"The disk is full: report\.docx was not saved"):
        export_report(ws_path, engagement_id, "docx", target, catalog=catalog)
    assert target.read_bytes() == b"the version the client already has"
    assert not _leftovers(tmp_path)


def test_read_only_folder_is_a_clear_error(filled_path, tmp_path: Path, monkeypatch) -> None:
    ws_path, engagement_id = filled_path
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"old")
    folder.chmod(0o555)
    try:
        if os.geteuid() == 0:  # root writes anywhere: simulate what a user would meet
            real_access = os.access
            monkeypatch.setattr(
                export_module.os,
                "access",
                lambda p, mode: False if Path(p) == folder else real_access(p, mode),
            )
        with pytest.raises(ExportError, match="read-only or you do not have permission"):
            export_report(ws_path, engagement_id, "pdf", folder / "report.pdf")
        assert (folder / "report.pdf").read_bytes() == b"old"
    finally:
        folder.chmod(0o755)


def test_read_only_file_system_at_write_time(filled_path, tmp_path: Path, monkeypatch) -> None:
    ws_path, engagement_id = filled_path

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(export_module.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="read-only"):
        export_report(ws_path, engagement_id, "xlsx", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_missing_folder_and_folder_target(filled_path, tmp_path: Path) -> None:
    ws_path, engagement_id = filled_path
    with pytest.raises(ExportError, match="does not exist"):
        export_report(ws_path, engagement_id, "pdf", tmp_path / "nope" / "r.pdf")
    with pytest.raises(ExportError, match="is a folder"):
        export_report(ws_path, engagement_id, "pdf", tmp_path)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    with pytest.raises(ExportError, match=r"notes\.txt is a file, not a folder"):
        export_report(ws_path, engagement_id, "pdf", a_file / "r.pdf")


def test_each_file_of_a_batch_reports_its_own_time(filled_path, tmp_path: Path, catalog) -> None:
    ws_path, engagement_id = filled_path
    started = time.perf_counter()
    results = export_reports(
        ws_path,
        engagement_id,
        [("pdf", tmp_path / "r.pdf"), ("xlsx", tmp_path / "r.xlsx")],
        catalog=catalog,
    )
    elapsed = time.perf_counter() - started
    assert all(result.seconds > 0 for result in results)
    assert sum(result.seconds for result in results) <= elapsed  # not running totals


def test_replacing_a_file_keeps_its_permissions(filled_path, tmp_path: Path, catalog) -> None:
    ws_path, engagement_id = filled_path
    target = tmp_path / "data.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    export_report(ws_path, engagement_id, "xlsx", target, catalog=catalog)
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_bytes()[:2] == b"PK"


def test_errors_are_scrm_errors() -> None:
    assert issubclass(ExportError, ScrmError) and issubclass(ExportCancelled, ScrmError)


def test_export_accepts_an_open_workspace(filled_path, tmp_path: Path, catalog) -> None:
    ws_path, engagement_id = filled_path
    with Workspace.open(ws_path, read_only=True) as ws:
        result = export_report(
            ws,
            engagement_id,
            "pdf",
            tmp_path / "r.pdf",
            ReportOptions(sections=("cover", "approach")),
            catalog=catalog,
        )
    assert result.sections == ("cover", "approach")
    assert 2 <= result.pages <= 3


# --------------------------------------------------------------------------- batches


def test_a_batch_reads_the_workspace_once_in_one_transaction(
    filled_path, tmp_path: Path, monkeypatch, catalog
) -> None:
    ws_path, engagement_id = filled_path
    builds: list[bool] = []
    real_build = export_module._build

    def counting_build(ws, *args, **kwargs):
        builds.append(ws.db.conn.in_transaction)  # a snapshot, not query by query
        return real_build(ws, *args, **kwargs)

    monkeypatch.setattr(export_module, "_build", counting_build)
    fractions: list[float] = []
    results = export_reports(
        ws_path,
        engagement_id,
        [("pdf", tmp_path / "r.pdf"), ("docx", tmp_path / "r.docx"), ("xlsx", tmp_path / "r.xlsx")],
        progress=lambda fraction, message: fractions.append(fraction),
        catalog=catalog,
    )
    assert builds == [True]
    assert [r.format for r in results] == ["pdf", "docx", "xlsx"]
    assert all(r.path.stat().st_size > 0 for r in results)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)  # one bar over the batch, never going back


def test_a_batch_checks_every_target_before_any_work(filled_path, tmp_path: Path) -> None:
    ws_path, engagement_id = filled_path
    with pytest.raises(ValidationError):
        export_reports(
            ws_path, engagement_id, [("pdf", tmp_path / "r.pdf"), ("odt", tmp_path / "r.odt")]
        )
    with pytest.raises(ExportError, match="does not exist"):
        export_reports(
            ws_path,
            engagement_id,
            [("pdf", tmp_path / "r.pdf"), ("docx", tmp_path / "missing" / "r.docx")],
        )
    with pytest.raises(ValidationError):
        export_reports(ws_path, engagement_id, [])
    assert list(tmp_path.iterdir()) == []
