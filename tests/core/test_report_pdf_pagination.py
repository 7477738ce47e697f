"""Where the PDF breaks pages: no table row left alone, no warning box cut after its label.

Read back with pypdf page by page, as a reader turning the pages would see them.
"""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

from scrm_desk.demo import add_demo_engagement
from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.reports import ReportOptions, build_report
from scrm_desk.reports.content import ReportContent
from scrm_desk.reports.pdf import CONTENT_WIDTH, PdfRenderer, _keep_rows, render_pdf
from scrm_desk.reports.pdf_planning import _warning_box
from scrm_desk.reports.planning_sections import PlanWarning
from scrm_desk.workspace import Workspace

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportContent, list[str]]:
    """The demo engagement's report (the one a tester reads) and the text of each page."""
    path = tmp_path_factory.mktemp("demo-pdf") / "ws.sqlite"
    with Workspace.open(path) as ws:
        engagement = add_demo_engagement(ws, today=TODAY).record
        content = build_report(ws, engagement.id, ReportOptions(), FrameworkCatalog.load())
    reader = PdfReader(BytesIO(render_pdf(content, font_finder=lambda chars: []).data))
    return content, [page.extract_text() or "" for page in reader.pages]


@pytest.fixture(scope="module")
def renderer(demo) -> PdfRenderer:
    return PdfRenderer(demo[0], font_finder=lambda chars: [])


def _build(flowables: list[Flowable]) -> list[str]:
    """The flowables laid out on A4 pages (the report's margins do not matter here)."""
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(flowables)
    return [page.extract_text() or "" for page in PdfReader(BytesIO(buffer.getvalue())).pages]


def _room() -> float:
    """The height a SimpleDocTemplate frame offers its flowables (less its padding)."""
    doc = SimpleDocTemplate(BytesIO(), pagesize=A4)
    return float(doc.height) - 12


def _page_of(pages: list[str], needle: str) -> int:
    """The page with a line that starts with ``needle``."""
    found = [
        i
        for i, text in enumerate(pages)
        if any(line.startswith(needle) for line in text.split("\n"))
    ]
    assert len(found) == 1, (needle, found)
    return found[0]


def _table(renderer: PdfRenderer, names: list[str]):
    s = renderer.styles
    rows = [
        [renderer.para("Building block", s.header_cell), renderer.para("Change", s.header_cell)]
    ]
    rows += [[renderer.para(name, s.cell), renderer.para("+0.1", s.cell)] for name in names]
    return renderer.table(rows, [300, CONTENT_WIDTH - 300])


NAMES = [f"Block number {i}" for i in range(1, 10)] + ["Overall index like for like"]


def test_the_last_row_of_a_table_never_starts_a_page_alone(renderer) -> None:
    table = _table(renderer, NAMES)
    table.wrap(CONTENT_WIDTH, 10_000)
    heights = table._rowHeights
    # Room for the header and every row but the last: the index row would go over alone.
    pages = _build([Spacer(1, _room() - sum(heights[:-1]) - 1), table])
    assert len(pages) == 2
    last = _page_of(pages, "Overall index like for like")
    assert "Block number 9" in pages[last]  # the row before it came along
    assert "Block number 8" in pages[last - 1]
    assert "Building block" in pages[last]  # under the repeated header


def test_a_table_never_leaves_its_header_and_one_row_at_the_foot_of_a_page(renderer) -> None:
    table = _table(renderer, NAMES)
    table.wrap(CONTENT_WIDTH, 10_000)
    heights = table._rowHeights
    # Room for the header and the first row only.
    pages = _build([Spacer(1, _room() - sum(heights[:2]) - 1), table])
    first = _page_of(pages, "Block number 1")
    assert "Block number 2" in pages[first]
    assert all("Building block" not in text for text in pages[:first])


def test_a_table_taller_than_its_rules_allow_still_breaks(renderer) -> None:
    """Header and three rows each near half a page: kept together they fit no page, so
    at the top of a page the table breaks where it can rather than fail."""
    s = renderer.styles
    long = " ".join(["word"] * 700)
    rows = [[renderer.para("Heading", s.header_cell)]]
    rows += [[renderer.para(f"Row {i}: {long}", s.cell)] for i in range(3)]
    pages = _build([renderer.table(rows, [CONTENT_WIDTH])])
    assert len(pages) >= 2
    assert all(any(f"Row {i}:" in text for text in pages) for i in range(3))


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (1, 1, []),
        (3, 1, [("NOSPLIT", (0, 0), (-1, 2))]),  # two rows: whole
        (4, 1, [("NOSPLIT", (0, 0), (-1, 3))]),  # three rows cannot give two to each side
        (5, 1, [("NOSPLIT", (0, 0), (-1, 2)), ("NOSPLIT", (0, 3), (-1, 4))]),
        (11, 1, [("NOSPLIT", (0, 0), (-1, 2)), ("NOSPLIT", (0, 9), (-1, 10))]),
        (6, 0, [("NOSPLIT", (0, 0), (-1, 1)), ("NOSPLIT", (0, 4), (-1, 5))]),
    ],
)
def test_keep_rows_commands(count: int, header: int, expected: list[tuple]) -> None:
    assert _keep_rows(count, header, 2) == expected


def _warning(text: str = "A presence without an objective costs attention.") -> PlanWarning:
    return PlanWarning("rule", "low", "X (Benelux) serves no objective", text)


def test_a_short_warning_box_is_never_cut_after_its_label(renderer) -> None:
    box = _warning_box(renderer, _warning())
    _, height = box.wrap(CONTENT_WIDTH, 10_000)
    # Room for the label line but not the title and text.
    pages = _build([Spacer(1, _room() - height + 12), box])
    assert len(pages) == 2
    label = _page_of(pages, "LOW · WARNING")
    assert "X (Benelux) serves no objective" in pages[label]
    assert "A presence without an objective" in pages[label]


def test_a_warning_box_taller_than_a_page_runs_on(renderer) -> None:
    text = " ".join(f"Sentence {i} of a very long note." for i in range(700))
    pages = _build([Spacer(1, 200), _warning_box(renderer, _warning(text))])
    assert len(pages) >= 3
    assert "WARNING" in pages[0]  # it starts right away: waiting for a page would not help
    assert "Sentence 699 " in pages[-1]


# --------------------------------------------------------------------------- the demo


def _normalised(text: str) -> str:
    return re.sub(r"\s*\n\s*", "\n", text)


def test_demo_index_rows_are_never_alone_under_a_header(demo) -> None:
    _content, pages = demo
    seen = 0
    for text in pages:
        flat = _normalised(text)
        for match in re.finditer(r"\nOverall index, like for like[^\n]*\n", flat):
            seen += 1
            before = flat[: match.start()].rsplit("\n", 1)[-1]
            assert before != "Change", flat  # the header's last cell: the row is alone
    assert seen >= 2  # one per lens


def test_demo_warning_boxes_keep_label_title_and_text_together(demo) -> None:
    content, pages = demo
    warnings = [
        warning
        for section in content.sections
        for f in fields(section)
        if isinstance(value := getattr(section, f.name), tuple)
        for warning in value
        if isinstance(warning, PlanWarning)
    ]
    printed = 0
    for warning in warnings:
        page = next(
            (i for i, text in enumerate(pages) if warning.title in text.replace("\n", " ")), None
        )
        if page is None:
            continue  # shown another way (the governance checklist says it itself)
        printed += 1
        flat = _normalised(pages[page])
        label = f"{warning.severity.upper()} · WARNING"
        assert label in flat, (warning.title, page + 1)
        assert flat.index(label) < flat.replace("\n", " ").index(warning.title)
    assert printed
    for text in pages:
        assert not _normalised(text).rstrip().endswith("WARNING")
