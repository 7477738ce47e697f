"""Stage 2, editable: :class:`ReportContent` as a Word document (python-docx).

The same sections as the PDF, built from Word's own styles (Title, Heading 1-3, Quote,
List Bullet, Table Grid) so that the consultant can restyle the document with the
firm's template, charts as PNG pictures and tables as real Word tables. Page numbers
and the table of contents are Word fields, which Word fills in when the document opens.
Each section has one renderer, registered with :func:`docx_renderer`.

Import this module only when rendering: it imports python-docx.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from io import BytesIO
from typing import Any, TypeVar

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt, RGBColor

from scrm_desk.reports.content import (
    AlignmentSection,
    AppendixSection,
    ApproachSection,
    BlocksSection,
    Chart,
    CoverSection,
    FindingItem,
    OverviewSection,
    ProgressSection,
    ReportContent,
    SummarySection,
    TocSection,
    fmt_gap,
    fmt_score,
    fmt_share,
)
from scrm_desk.reports.planning_sections import (
    InitiativesSection,
    LayersSection,
    PlanWarning,
    PostureSection,
    RoadmapSection,
    StartingPointsSection,
)

BODY_FONT = "Calibri"
INK = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x61, 0x6E, 0x7C)

DocxSectionRenderer = Callable[["DocxRenderer", Any], None]
_R = TypeVar("_R", bound=DocxSectionRenderer)
_DOCX_RENDERERS: dict[str, DocxSectionRenderer] = {}


def docx_renderer(section_id: str) -> Callable[[_R], _R]:
    """Register the function that writes one section into the Word document."""

    def decorate(function: _R) -> _R:
        _DOCX_RENDERERS[section_id] = function
        return function

    return decorate


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC ...) Word computes when it lays out the page."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    run._r.append(code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    shown = paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    shown._r.append(end)


def _shade(cell: Any, hex_colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_colour.lstrip("#"))
    properties.append(shading)


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


#: A table of up to this many rows (the header included) is kept on one page.
KEEP_WHOLE_ROWS = 7
#: A longer table leaves at least this many rows on either side of a page break.
KEEP_ROWS = 2


def _keep_rows(rows: Sequence[Any]) -> None:
    """Page breaks in a table as in the PDF: no row is cut in two, a short table stays
    on one page (with the heading before it, which keeps with the next paragraph), and
    a longer one breaks with at least ``KEEP_ROWS`` rows on either side, never leaving
    its header or a lone row (a total, say) at the foot or the top of a page.

    Word keeps a row with the next one when its paragraphs are "keep with next".
    """
    count = len(rows)
    if count <= KEEP_WHOLE_ROWS:
        kept = list(range(count - 1))
    else:
        kept = [*range(KEEP_ROWS), *range(count - KEEP_ROWS, count - 1)]
    for row in rows:
        properties = row._tr.get_or_add_trPr()
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        properties.append(cant_split)
    for index in kept:
        for cell in rows[index].cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


class DocxRenderer:
    """Writes one :class:`ReportContent` into a python-docx ``Document``."""

    def __init__(
        self,
        content: ReportContent,
        *,
        dpi: int = 200,
        check: Callable[[], None] | None = None,
        step: Callable[[float, str], None] | None = None,
    ) -> None:
        self.content = content
        self.meta = content.meta
        self.dpi = dpi
        self.check = check or (lambda: None)
        self.step = step or (lambda fraction, message: None)
        self.doc = Document()
        self.brand = _rgb(content.meta.brand_colour)
        self._setup_styles()
        self._first_section = True
        #: The level of the last heading written (0: none yet), see :meth:`heading`.
        self._level = 0

    # -- set-up ---------------------------------------------------------------------------
    def _setup_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = BODY_FONT
        normal.font.size = Pt(10)
        normal.font.color.rgb = INK
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Heading 1", 20), ("Heading 2", 15), ("Heading 3", 11.5)):
            style = styles[name]
            style.font.name = BODY_FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = INK if name != "Heading 3" else self.brand
        title = styles["Title"]
        title.font.name = BODY_FONT
        title.font.size = Pt(30)
        title.font.color.rgb = INK
        subtitle = styles["Subtitle"]
        subtitle.font.name = BODY_FONT
        subtitle.font.color.rgb = MUTED
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = Cm(2.6)
        section.bottom_margin = Cm(2.3)
        section.different_first_page_header_footer = True
        self._header_footer(section)
        # Ask Word to refresh fields (contents, page numbers) when the file opens.
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        self.doc.settings.element.append(update)

    def _right_tab(self, paragraph: Any, width_cm: float = 16.0) -> None:
        """One right-aligned tab stop at the text's right edge (the Header and Footer
        styles' own centre and right stops are cleared)."""
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(Inches(3.25), WD_TAB_ALIGNMENT.CLEAR)
        stops.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.CLEAR)
        stops.add_tab_stop(Cm(width_cm), WD_TAB_ALIGNMENT.RIGHT)

    def _header_footer(self, section: Any) -> None:
        header = section.header.paragraphs[0]
        header.text = ""
        self._right_tab(header)
        run = header.add_run(f"{self.meta.client_name} · {self.meta.engagement_title}")
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED
        header.add_run("\t")
        label = header.add_run(self.meta.confidentiality.upper())
        label.font.size = Pt(8)
        label.font.bold = True
        label.font.color.rgb = self.brand
        footer = section.footer.paragraphs[0]
        footer.text = ""
        self._right_tab(footer)
        who = footer.add_run(self.meta.firm_name or self.meta.title)
        who.font.size = Pt(8)
        who.font.color.rgb = MUTED
        footer.add_run("\tPage ").font.size = Pt(8)
        _field(footer, "PAGE", "1")
        footer.add_run(" of ").font.size = Pt(8)
        _field(footer, "NUMPAGES", "1")

    # -- helpers --------------------------------------------------------------------------
    def heading(self, text: str, level: int) -> None:
        """A heading at ``level``, or one below the last heading if that is higher: the
        outline never skips a level (Heading 1 straight to Heading 3), which screen
        readers, Word's navigation pane and the contents would show as a gap."""
        level = min(level, self._level + 1)
        self._level = level
        self.doc.add_heading(text, level=level)

    def section_heading(self, title: str, *, new_page: bool = True) -> None:
        if new_page and not self._first_section:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self._first_section = False
        self.heading(title, 1)

    def paragraph(self, text: str, *, style: str | None = None, muted: bool = False) -> Any:
        paragraph = self.doc.add_paragraph(text, style=style)
        if muted:
            for run in paragraph.runs:
                run.font.color.rgb = MUTED
                run.font.size = Pt(8.5)
        return paragraph

    def label_value(self, label: str, value: str) -> None:
        paragraph = self.doc.add_paragraph()
        strong = paragraph.add_run(f"{label}: ")
        strong.bold = True
        paragraph.add_run(value)

    def chart(self, chart: Chart, width_cm: float = 16.0) -> None:
        from scrm_desk.charts.style import figure_to_png

        png = figure_to_png(chart.figure(), dpi=self.dpi)
        self.doc.add_picture(BytesIO(png), width=Cm(width_cm))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_cm: Sequence[float] | None = None,
        *,
        bold_first: bool = False,
        font_size: float = 9,
    ) -> Any:
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        all_rows = table.rows
        head = all_rows[0]
        _repeat_header(head)
        for cell, text in zip(head.cells, header, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(font_size - 0.5)
            _shade(cell, "F4F6F8")
        for row, values in zip(all_rows[1:], rows, strict=True):
            for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(text)
                run.font.size = Pt(font_size)
                if bold_first and index == 0:
                    run.bold = True
        _keep_rows(all_rows)
        if widths_cm:
            # Word reads the cells' widths, LibreOffice the grid's: set both.
            table.autofit = False
            for column, width in zip(table.columns, widths_cm, strict=False):
                column.width = Cm(width)
            for row in all_rows:
                for cell, width in zip(row.cells, widths_cm, strict=False):
                    cell.width = Cm(width)
        self.doc.add_paragraph()
        return table

    def finding(self, item: FindingItem) -> None:
        paragraph = self.doc.add_paragraph(style="List Bullet")
        tag = paragraph.add_run(
            ("STRENGTH" if item.kind == "strength" else item.severity.upper())
            + (f" · {item.lens}" if item.lens else "")
            + "  "
        )
        tag.font.size = Pt(8)
        tag.font.color.rgb = self.brand
        tag.bold = True
        title = paragraph.add_run(item.title)
        title.bold = True
        detail = self.doc.add_paragraph(item.evidence)
        detail.paragraph_format.left_indent = Cm(0.63)
        action = self.doc.add_paragraph()
        action.paragraph_format.left_indent = Cm(0.63)
        action.add_run("Suggested action. ").bold = True
        action.add_run(item.suggested_action)

    def landscape(self, on: bool) -> None:
        """Start a new Word section in landscape (``on``) or portrait."""
        from docx.enum.section import WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        width, height = Cm(21.0), Cm(29.7)
        section.orientation = WD_ORIENT.LANDSCAPE if on else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if on else (width, height)
        section.different_first_page_header_footer = False
        self._first_section = True  # the section break already starts a page

    # -- the document ---------------------------------------------------------------------
    def render(self) -> bytes:
        count = len(self.content.sections)
        for position, section in enumerate(self.content.sections):
            self.check()
            self.step(0.15 + 0.75 * position / max(1, count), f"Writing {section.title}")
            render = _DOCX_RENDERERS.get(section.id)
            if render is not None:
                render(self, section)
        properties = self.doc.core_properties
        meta = self.meta
        # Word limits these properties to 255 characters.
        properties.title = _clip(f"{meta.title}: {meta.client_name}")
        properties.subject = _clip(meta.subject)
        properties.author = _clip(meta.author)
        properties.last_modified_by = _clip(meta.author)
        properties.comments = ""
        properties.keywords = ""
        properties.category = ""
        properties.revision = 1
        now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        properties.created = now
        properties.modified = now
        buffer = BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _clip(text: str, limit: int = 255) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_docx(
    content: ReportContent,
    *,
    dpi: int = 200,
    check: Callable[[], None] | None = None,
    step: Callable[[float, str], None] | None = None,
) -> bytes:
    """The report as the bytes of a .docx file."""
    return DocxRenderer(content, dpi=dpi, check=check, step=step).render()


# =========================================================================== sections


@docx_renderer("cover")
def write_cover(r: DocxRenderer, section: CoverSection) -> None:
    r._first_section = False
    for _ in range(6):
        r.doc.add_paragraph()
    kicker = r.doc.add_paragraph()
    run = kicker.add_run(section.report_title.upper())
    run.bold = True
    run.font.size = Pt(9)
    run.font.color.rgb = r.brand
    if r.meta.logo is not None:
        r.doc.add_picture(BytesIO(r.meta.logo.data), height=Cm(1.6))
    r.doc.add_paragraph(section.client_name, style="Title")
    r.doc.add_paragraph(section.engagement_title, style="Subtitle")
    for _ in range(4):
        r.doc.add_paragraph()
    r.label_value("Prepared for", section.client_name)
    if section.prepared_by:
        r.label_value("Prepared by", section.prepared_by.removeprefix("Prepared by "))
    r.label_value("Date", section.date_text)
    r.doc.add_paragraph()
    label = r.doc.add_paragraph()
    confidential = label.add_run(section.confidentiality.upper())
    confidential.bold = True
    confidential.font.color.rgb = r.brand
    if section.draft_note:
        r.paragraph(section.draft_note, muted=True)


@docx_renderer("toc")
def write_toc(r: DocxRenderer, section: TocSection) -> None:
    r.section_heading(section.title)
    paragraph = r.doc.add_paragraph()
    _field(
        paragraph,
        'TOC \\o "1-2" \\h \\z \\u',
        "Right-click and choose Update Field to show the table of contents.",
    )


@docx_renderer("summary")
def write_summary(r: DocxRenderer, section: SummarySection) -> None:
    r.section_heading(section.title)
    figures = [f for f in section.indexes if f.score is not None]
    if figures:
        r.heading(r.content.label("summary.index_heading"), 2)
        r.table(
            ["Lens", "Index (of 5)", "Level", "Core blocks scored"],
            [
                [
                    f.lens,
                    fmt_score(f.score),
                    f.level_name,
                    f"{f.scored_blocks} of {f.core_blocks}",
                ]
                for f in figures
            ],
            bold_first=True,
        )
    for paragraph in section.paragraphs:
        r.paragraph(paragraph)
    if section.risks:
        r.heading(r.content.label("summary.risks_heading"), 2)
        for item in section.risks:
            numbered = r.doc.add_paragraph(style="List Number")
            numbered.add_run(item.title).bold = True
            numbered.add_run(f" {item.evidence}")
    if section.strengths:
        r.heading(r.content.label("summary.strengths_heading"), 2)
        for item in section.strengths:
            bullet = r.doc.add_paragraph(style="List Bullet")
            bullet.add_run(item.block or item.title).bold = True
            bullet.add_run(f" {item.evidence}")


@docx_renderer("approach")
def write_approach(r: DocxRenderer, section: ApproachSection) -> None:
    r.section_heading(section.title)
    for note in section.notes:
        r.doc.add_paragraph(note, style="Intense Quote")
    for paragraph in section.paragraphs:
        r.paragraph(paragraph)
    if section.frameworks:
        r.heading(r.content.label("approach.frameworks_heading"), 2)
        for fw in section.frameworks:
            r.doc.add_paragraph().add_run(f"{fw.name} (version {fw.version})").bold = True
            r.paragraph(fw.description)
            r.paragraph(fw.attribution, muted=True)
    if section.maturity_levels:
        r.heading(r.content.label("approach.scale_heading"), 2)
        r.table(
            ["Level", "Name", "What it means"],
            [[str(m.level), m.name, m.summary] for m in section.maturity_levels],
            [1.5, 3.0, 11.5],
            bold_first=True,
        )
    if section.groups:
        r.heading(r.content.label("approach.stakeholders_heading"), 2)
        r.table(
            ["Group", "Stakeholders", "Number"],
            [
                [
                    g.group,
                    "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in g.people),
                    str(len(g.people)),
                ]
                for g in section.groups
            ],
            [3.0, 11.0, 2.0],
            bold_first=True,
        )
    if section.dates:
        r.heading(r.content.label("approach.dates_heading"), 2)
        r.table(["Milestone", "Date"], [list(pair) for pair in section.dates], [8.0, 8.0])


@docx_renderer("overview")
def write_overview(r: DocxRenderer, section: OverviewSection) -> None:
    r.section_heading(section.title)
    r.paragraph(section.intro)
    for lens in section.lenses:
        r.heading(
            f"{lens.lens}: overall index {fmt_score(lens.index.score)} ({lens.index.level_name})",
            2,
        )
        r.chart(lens.radar, 14.0)
        r.table(
            ["Building block", "Score", "Target", "Gap", "Answered", "Note"],
            [
                [
                    row.name,
                    fmt_score(row.score),
                    fmt_score(row.target),
                    fmt_gap(row.gap),
                    fmt_share(row.completeness),
                    ", ".join(row.status),
                ]
                for row in lens.rows
            ],
            [5.5, 1.8, 1.8, 1.8, 2.2, 3.0],
            bold_first=True,
        )


@docx_renderer("blocks")
def write_blocks(r: DocxRenderer, section: BlocksSection) -> None:
    r.section_heading(section.title)
    r.paragraph(r.content.label("blocks.intro"))
    if section.not_assessed:
        listed = ", ".join(section.not_assessed)
        r.paragraph(r.content.label("blocks.not_assessed").replace("{blocks}", listed), muted=True)
    for index, page in enumerate(section.pages):
        r.check()
        if index:
            r.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        r.heading(page.name, 2)
        r.paragraph(page.why_it_matters)
        if page.guiding_question:
            r.label_value(r.content.label("blocks.guiding_question"), page.guiding_question)
        if page.social_question:
            r.label_value(r.content.label("blocks.social_question"), page.social_question)
        r.table(
            ["Lens", "Score", "Target", "Gap", "Answered", "Level"],
            [
                [
                    lens.lens,
                    fmt_score(lens.score),
                    fmt_score(lens.target),
                    fmt_gap(lens.gap),
                    fmt_share(lens.completeness),
                    lens.level_name,
                ]
                for lens in page.lenses
            ],
            bold_first=True,
        )
        names: list[str] = []
        for lens in page.lenses:
            names += [s.name for s in lens.subs if s.name not in names]
        if names:
            r.heading(r.content.label("blocks.scores_heading"), 3)
            header = ["Sub-component"] + [f"{lens.lens} (current → target)" for lens in page.lenses]
            rows = []
            for name in names:
                row = [name]
                for lens in page.lenses:
                    sub = next((s for s in lens.subs if s.name == name), None)
                    row.append(
                        "–"
                        if sub is None
                        else f"{fmt_score(sub.score)} → {fmt_score(sub.target)} "
                        f"({sub.answered}/{sub.applicable})"
                    )
                rows.append(row)
            r.table(header, rows)
        if page.findings:
            r.heading(r.content.label("blocks.findings_heading"), 3)
            for item in page.findings:
                r.finding(item)
        if page.quotes:
            r.heading(r.content.label("blocks.evidence_heading"), 3)
            for quote in page.quotes:
                r.doc.add_paragraph(f"“{quote.text}”", style="Quote")
                r.paragraph(f"{quote.who} · {quote.lens} · {quote.question}", muted=True)
        if page.spread:
            r.heading(r.content.label("blocks.spread_heading"), 3)
            groups: list[str] = []
            for line in page.spread:
                groups += [g.group for g in line.groups if g.group not in groups]
            rows = []
            for group in groups:
                row = [group]
                for line in page.spread:
                    found = next((g for g in line.groups if g.group == group), None)
                    row.append("–" if found is None else f"{found.mean:.1f} (n={found.n})")
                rows.append(row)
            rows.append(
                ["All respondents"]
                + [
                    f"{fmt_score(line.mean)} ({fmt_score(line.low)}–{fmt_score(line.high)}, "
                    f"σ {fmt_score(line.stdev)})"
                    for line in page.spread
                ]
            )
            r.table(["Group"] + [line.lens for line in page.spread], rows, bold_first=True)


@docx_renderer("alignment")
def write_alignment(r: DocxRenderer, section: AlignmentSection) -> None:
    r.section_heading(section.title)
    r.paragraph(section.intro)
    r.paragraph(section.groups_note, muted=True)
    for lens in section.lenses:
        r.heading(lens.lens, 2)
        r.chart(lens.chart)
        r.table(
            ["Building block", "Business", "IT", "Difference", "Note"],
            [
                [
                    row.name,
                    f"{fmt_score(row.business_mean)} (n={row.business_n})",
                    f"{fmt_score(row.it_mean)} (n={row.it_n})",
                    fmt_gap(row.difference),
                    "Misaligned" if row.misaligned else "",
                ]
                for row in lens.rows
            ],
            bold_first=True,
        )


@docx_renderer("progress")
def write_progress(r: DocxRenderer, section: ProgressSection) -> None:
    r.section_heading(section.title)
    r.paragraph(section.intro)
    for lens in section.lenses:
        r.heading(lens.lens, 2)
        r.chart(lens.chart)
        r.table(
            ["Building block", section.baseline_name, section.follow_up_name, "Change"],
            [
                [row.name, fmt_score(row.baseline), fmt_score(row.follow_up), fmt_gap(row.change)]
                for row in (*lens.rows, lens.index)
            ],
            bold_first=True,
        )


@docx_renderer("appendix")
def write_appendix(r: DocxRenderer, section: AppendixSection) -> None:
    if section.blocks:
        r.landscape(True)
        r.section_heading(section.title)
        r.paragraph(section.intro)
        for block in section.blocks:
            r.check()
            r.heading(block.name, 2)
            r.table(
                ["Question", "Lens", "Respondent", "Level", "Target", "Confidence", "Evidence"],
                [
                    [
                        row.question,
                        row.lens,
                        row.respondent,
                        row.answer,
                        "" if row.target is None else str(row.target),
                        row.confidence,
                        row.evidence,
                    ]
                    for row in block.responses
                ],
                [7.0, 2.2, 3.5, 1.6, 1.4, 1.9, 7.0],
                font_size=7.5,
            )
        r.landscape(False)
    else:
        r.section_heading(section.title)
    if section.stakeholders:
        r.heading(r.content.label("appendix.stakeholders_heading"), 2)
        r.table(
            ["Name", "Role", "Group"],
            [[p.name, p.role, p.group] for p in section.stakeholders],
            [5.0, 8.0, 3.0],
            bold_first=True,
        )


# =========================================================================== the plan


def _warning_paragraphs(r: DocxRenderer, warnings: Sequence[PlanWarning]) -> None:
    for warning in warnings:
        paragraph = r.doc.add_paragraph(style="Intense Quote")
        tag = paragraph.add_run(f"{warning.severity.upper()} · WARNING  ")
        tag.bold = True
        tag.font.size = Pt(8)
        title = paragraph.add_run(warning.title)
        title.bold = True
        title.add_break()
        paragraph.add_run(warning.text)


@docx_renderer("layers")
def write_layers(r: DocxRenderer, section: LayersSection) -> None:
    from scrm_desk.charts.layers import layers_figure
    from scrm_desk.charts.style import figure_to_png

    r.section_heading(section.title)
    r.paragraph(section.intro)
    for gate in section.gates:
        paragraph = r.doc.add_paragraph(style="Intense Quote")
        headline = paragraph.add_run(gate.headline)
        headline.bold = True
        headline.add_break()
        paragraph.add_run(gate.text)
    png = figure_to_png(layers_figure(section.diagram), dpi=r.dpi)
    r.doc.add_picture(BytesIO(png), width=Cm(16.0))
    r.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    r.paragraph(section.attribution, muted=True)
    label = r.content.label
    for gate in section.gates:
        if not gate.criteria:
            continue
        r.heading(f"{label('layers.gate_heading')}: {gate.layer_name}", 2)
        r.table(
            ["Status", label("layers.criteria_heading"), label("layers.criteria_note")],
            [
                [
                    label("layers.met") if c.met else label("layers.not_met"),
                    c.text,
                    c.note,
                ]
                for c in gate.criteria
            ],
            [1.6, 7.4, 7.0],
            bold_first=True,
            font_size=8.5,
        )
    r.heading(label("layers.layers_heading"), 2)
    for row in section.layers:
        r.check()
        entries = [(f"{row.number} {row.entry.name}", row.entry, row.blocked)]
        entries += [(p.name, p, False) for p in row.processes]
        lines = []
        for name, entry, blocked in entries:
            extra = [entry.level_text]
            if entry.owner:
                extra.append(label("layers.owner").replace("{owner}", entry.owner))
            if blocked:
                extra.append(label("layers.blocked").upper())
            lines.append(
                [
                    f"{name}\n{' · '.join(extra)}",
                    entry.current_state or "–",
                    entry.target_state or "–",
                    entry.pain_points or "–",
                    entry.initiatives or "–",
                ]
            )
        r.table(
            [
                label("layers.layer"),
                label("layers.current"),
                label("layers.target"),
                label("layers.pain"),
                label("layers.initiatives"),
            ],
            lines,
            [3.4, 3.3, 3.3, 3.3, 2.7],
            bold_first=True,
            font_size=8,
        )


@docx_renderer("posture")
def write_posture(r: DocxRenderer, section: PostureSection) -> None:
    label = r.content.label
    r.section_heading(section.title)
    r.paragraph(section.intro)
    placed = section.approach or label("posture.not_placed")
    share = f" (about {section.share}% of organisations)" if section.share is not None else ""
    r.label_value(label("posture.placed_heading"), placed + share)
    r.paragraph(section.verdict)
    r.chart(section.chart, 14.0)
    r.paragraph(section.source, muted=True)
    if section.overridden:
        text = label("posture.override")
        text = text.replace("{computed}", (section.computed or "–").lower()).replace(
            "{placed}", (section.approach or "–").lower()
        )
        paragraph = r.doc.add_paragraph(style="Intense Quote")
        paragraph.add_run(text).bold = True
        if section.override_note:
            paragraph.add_run(f" “{section.override_note}”")
    if section.sign:
        r.table(
            [label("posture.sign"), label("posture.risk"), label("posture.advice")],
            [[section.sign, section.risk, section.advice]],
            [5.3, 5.3, 5.4],
        )
    if section.reasons:
        r.heading(label("posture.reasoning_heading"), 2)
        r.table(
            [label("posture.question"), label("posture.answer"), label("posture.leans_to")],
            [[x.question, x.answer, x.leans_to] for x in section.reasons],
            [7.0, 6.0, 3.0],
            font_size=8.5,
        )


@docx_renderer("initiatives")
def write_initiatives(r: DocxRenderer, section: InitiativesSection) -> None:
    label = r.content.label
    r.section_heading(section.title)
    r.paragraph(section.intro)
    _warning_paragraphs(r, section.warnings)
    for group in section.groups:
        r.heading(f"{group.name} ({len(group.initiatives)})", 2)
        if group.description:
            r.paragraph(group.description, muted=True)
        if not group.initiatives:
            r.paragraph(label("initiatives.none"), muted=True)
            continue
        r.table(
            [label("initiatives.title"), label("initiatives.status"), label("initiatives.owner")],
            [
                [f"{i.title}\n{i.description}" if i.description else i.title, i.status, i.owner]
                for i in group.initiatives
            ],
            [10.0, 2.5, 3.5],
            bold_first=False,
        )


@docx_renderer("starting_points")
def write_starting_points(r: DocxRenderer, section: StartingPointsSection) -> None:
    label = r.content.label
    r.section_heading(section.title)
    if section.starting:
        r.heading(label("starting_points.starting_heading"), 2)
        r.paragraph(section.starting_intro)
        r.table(
            [
                label("starting_points.area"),
                label("starting_points.pain"),
                label("starting_points.value"),
                label("starting_points.score"),
                label("starting_points.chosen"),
                label("starting_points.note"),
            ],
            [
                [
                    p.area,
                    "–" if p.pain is None else str(p.pain),
                    "–" if p.value is None else str(p.value),
                    "–" if p.score is None else str(p.score),
                    "✓" if p.chosen else "",
                    p.note,
                ]
                for p in section.starting
            ],
            [4.0, 1.3, 1.3, 1.9, 1.9, 5.6],
            bold_first=True,
        )
        _warning_paragraphs(r, [w for w in section.warnings if w.rule == "too_many_starting_areas"])
    if section.platforms:
        r.heading(label("starting_points.platforms_heading"), 2)
        r.paragraph(section.platforms_intro)
        r.table(
            [
                label("starting_points.platform"),
                label("starting_points.purpose"),
                label("starting_points.objective"),
                label("starting_points.owner"),
            ],
            [
                [
                    f"{p.name}\n{' · '.join(x for x in (p.category, p.geography) if x)}",
                    p.purpose,
                    p.objective or label("starting_points.no_objective"),
                    f"{p.owner or '–'}\n{p.status}",
                ]
                for p in section.platforms
            ],
            [4.0, 4.6, 4.6, 2.8],
            bold_first=True,
            font_size=8.5,
        )
        _warning_paragraphs(
            r,
            [
                w
                for w in section.warnings
                if w.rule in ("single_platform", "platform_without_objective")
            ],
        )
    if section.governance:
        r.heading(label("starting_points.governance_heading"), 2)
        count = label("starting_points.governance_count")
        r.paragraph(
            count.replace("{settled}", str(section.governance_settled)).replace(
                "{total}", str(len(section.governance))
            )
        )
        r.table(
            [
                "Status",
                label("starting_points.governance_heading"),
                label("starting_points.note"),
            ],
            [
                [
                    label("starting_points.settled" if g.settled else "starting_points.open"),
                    g.text,
                    g.note,
                ]
                for g in section.governance
            ],
            [1.8, 8.0, 6.2],
            bold_first=True,
            font_size=8.5,
        )


@docx_renderer("roadmap")
def write_roadmap(r: DocxRenderer, section: RoadmapSection) -> None:
    label = r.content.label
    r.section_heading(section.title)
    r.paragraph(section.intro)
    r.heading(label("roadmap.matrix_heading"), 2)
    r.chart(section.matrix, 15.0)
    r.heading(label("roadmap.table_heading"), 2)
    for group in section.phases:
        r.check()
        rows = []
        for line in group.items:
            text = line.title
            if line.description:
                text += f"\n{line.description}"
            links = [*line.blocks, *line.layers, *line.areas]
            if links:
                text += f"\n{label('roadmap.links')}: {', '.join(dict.fromkeys(links))}"
            rows.append(
                [
                    str(line.number),
                    text,
                    f"{line.impact} · {line.effort}",
                    line.owner,
                    line.short_dates,
                    line.status,
                ]
            )
        r.table(
            [
                "#",
                f"{group.phase}: {label('roadmap.initiative').lower()}",
                label("roadmap.impact_effort"),
                label("roadmap.owner"),
                label("roadmap.dates"),
                label("roadmap.status"),
            ],
            rows,
            [0.7, 6.7, 1.6, 2.3, 2.4, 2.3],
            font_size=8.5,
        )
    r.paragraph(label("roadmap.table_caption"), muted=True)
    if section.timeline is not None:
        r.heading(label("roadmap.timeline_heading"), 2)
        r.chart(section.timeline, 16.0)
        if section.undated_note:
            r.paragraph(section.undated_note, muted=True)
