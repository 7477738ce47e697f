"""The Word file's structure: an outline without gaps, headed columns, tables that break
over pages as the PDF's do. Read back with python-docx."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn

from scrm_desk.demo import add_demo_engagement
from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.reports import ReportOptions, build_report
from scrm_desk.reports.docx_writer import KEEP_ROWS, KEEP_WHOLE_ROWS, render_docx
from scrm_desk.workspace import Workspace

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory):
    """The demo engagement's report as a Word document."""
    path = tmp_path_factory.mktemp("demo-docx") / "ws.sqlite"
    with Workspace.open(path) as ws:
        engagement = add_demo_engagement(ws, today=TODAY).record
        content = build_report(ws, engagement.id, ReportOptions(), FrameworkCatalog.load())
    return Document(BytesIO(render_docx(content, dpi=60)))


def _level(paragraph) -> int | None:
    name = paragraph.style.name
    return int(name.split()[-1]) if name.startswith("Heading ") else None


def test_headings_never_skip_a_level(document) -> None:
    levels = [level for p in document.paragraphs if (level := _level(p)) is not None]
    assert levels[0] == 1
    previous = 0
    for level in levels:
        assert level <= previous + 1, levels
        previous = level
    assert 2 in levels and 3 in levels  # the block pages keep their three levels


def test_section_subheadings_are_heading_2(document) -> None:
    headings = [(p.text, _level(p)) for p in document.paragraphs if _level(p) is not None]
    assert ("Key dates", 2) in headings
    assert ("The maturity scale", 2) in headings


def _texts(row) -> list[str]:
    return [cell.text for cell in row.cells]


def test_every_column_has_a_header(document) -> None:
    for table in document.tables:
        assert all(text.strip() for text in _texts(table.rows[0])), _texts(table.rows[0])
    key_dates = next(t for t in document.tables if _texts(t.rows[0])[-1:] == ["Date"])
    assert _texts(key_dates.rows[0]) == ["Milestone", "Date"]
    assert [r.cells[0].text for r in key_dates.rows[1:]][-1] == "Report"


def _keeps_with_next(row) -> bool:
    return all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)


def _cant_split(row) -> bool:
    properties = row._tr.trPr
    return properties is not None and properties.find(qn("w:cantSplit")) is not None


def test_tables_break_over_pages_as_the_pdf_does(document) -> None:
    short = long = 0
    for table in document.tables:
        rows = list(table.rows)
        assert all(_cant_split(row) for row in rows)  # no row is cut in two
        kept = [i for i, row in enumerate(rows) if _keeps_with_next(row)]
        count = len(rows)
        if count <= KEEP_WHOLE_ROWS:
            short += 1
            assert kept == list(range(count - 1))  # on one page
        else:
            long += 1
            # The header with the first rows, the last rows together: nothing left alone.
            assert kept == [*range(KEEP_ROWS), *range(count - KEEP_ROWS, count - 1)]
    assert short and long


def test_the_key_dates_stay_on_one_page_with_their_heading(document) -> None:
    paragraphs = document.paragraphs
    heading = next(p for p in paragraphs if p.text == "Key dates")
    assert heading.style.paragraph_format.keep_with_next or heading.paragraph_format.keep_with_next
    key_dates = next(t for t in document.tables if _texts(t.rows[0]) == ["Milestone", "Date"])
    assert all(_keeps_with_next(row) for row in list(key_dates.rows)[:-1])
