"""The engagement's data as an Excel workbook (openpyxl), one sheet per table.

Sheets come from a registry (:func:`register_sheet`), in order: Responses, Block scores,
Findings, Stakeholders and Roadmap (left out when the engagement has no roadmap).
Every sheet has a bold header row, frozen panes below it, an auto-filter over the data
and column widths fitted to the content.

Import this module only when rendering: it imports openpyxl.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from scrm_desk.reports.content import ReportContent
from scrm_desk.scoring.display import shown_gap

#: Widest a column gets, in characters; longer text wraps.
MAX_WIDTH: Final = 60
#: Narrowest a column gets: the header's filter button takes about two characters.
MIN_WIDTH: Final = 8


@dataclass(frozen=True, slots=True)
class SheetData:
    headers: tuple[str, ...]
    rows: Sequence[Sequence[Any]]
    #: Columns (0-based) holding long text, which wrap.
    wrap: tuple[int, ...] = ()
    #: Number formats by column (0-based), e.g. ``{3: "0.0"}``.
    formats: dict[int, str] | None = None


SheetBuilder = Callable[[ReportContent], SheetData | None]
_SHEETS: list[tuple[int, str, SheetBuilder]] = []


def register_sheet(title: str, *, order: int) -> Callable[[SheetBuilder], SheetBuilder]:
    """Register a sheet; its builder returns ``None`` to leave the sheet out."""

    def decorate(builder: SheetBuilder) -> SheetBuilder:
        _SHEETS[:] = [s for s in _SHEETS if s[1] != title]
        _SHEETS.append((order, title, builder))
        _SHEETS.sort(key=lambda s: s[0])
        return builder

    return decorate


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@register_sheet("Responses", order=10)
def responses_sheet(content: ReportContent) -> SheetData:
    return SheetData(
        headers=(
            "Block",
            "Sub-component",
            "Question id",
            "Question",
            "Lens",
            "Respondent",
            "Group",
            "Answer",
            "Level",
            "Target",
            "Confidence",
            "Evidence",
        ),
        rows=[
            (
                r.block,
                r.sub_component,
                r.question_id,
                r.question,
                r.lens,
                r.respondent,
                r.group,
                r.answer,
                r.level,
                r.target,
                r.confidence,
                r.evidence,
            )
            for r in content.tables.responses
        ],
        wrap=(3, 11),
    )


@register_sheet("Block scores", order=20)
def block_scores_sheet(content: ReportContent) -> SheetData:
    return SheetData(
        headers=(
            "Block",
            "Lens",
            "Score",
            "Target",
            "Gap",
            "Completeness",
            "Answered",
            "Applicable",
            "Questions",
            "Flags",
        ),
        rows=[
            (
                b.block,
                b.lens,
                _number(b.score),
                _number(b.target),
                shown_gap(b.score, b.target, 2),  # as the two shown figures differ
                round(b.completeness, 4),
                b.answered,
                b.applicable,
                b.total,
                ", ".join(b.flags),
            )
            for b in content.tables.block_scores
        ],
        formats={2: "0.0", 3: "0.0", 4: "+0.0;-0.0;0.0", 5: "0%"},
    )


#: What a finding's kind is called for a reader (the sheet is for people, not programs).
FINDING_KINDS: dict[str, str] = {
    "missing_block": "Missing block",
    "not_assessed": "Not assessed",
    "broken_foundation": "Weak foundation",
    "foundation_unknown": "Foundation unknown",
    "misalignment": "Business/IT misaligned",
    "high_spread": "High spread",
    "large_gap": "Large gap",
    "strength": "Strength",
}


@register_sheet("Findings", order=30)
def findings_sheet(content: ReportContent) -> SheetData:
    return SheetData(
        headers=("Severity", "Kind", "Block", "Lens", "Title", "Evidence", "Suggested action"),
        rows=[
            (
                f.severity.capitalize(),
                FINDING_KINDS.get(f.kind, f.kind.replace("_", " ").capitalize()),
                f.block or "",
                f.lens or "",
                f.title,
                f.evidence,
                f.suggested_action,
            )
            for f in content.tables.findings
        ],
        wrap=(4, 5, 6),
    )


@register_sheet("Stakeholders", order=40)
def stakeholders_sheet(content: ReportContent) -> SheetData:
    return SheetData(
        headers=("Name", "Role", "Group", "E-mail"),
        rows=[(p.name, p.role, p.group, p.email) for p in content.tables.stakeholders],
    )


@register_sheet("Roadmap", order=50)
def roadmap_sheet(content: ReportContent) -> SheetData | None:
    """The roadmap in its order; left out when the engagement has none."""
    if not content.tables.roadmap:
        return None
    return SheetData(
        headers=(
            "#",
            "Initiative",
            "Description",
            "Phase",
            "Status",
            "Impact",
            "Effort",
            "Owner",
            "Start",
            "End",
            "Building blocks",
            "Layers",
            "Starting areas",
            "Origin",
        ),
        rows=[
            (
                line.number,
                line.title,
                line.description,
                line.phase,
                line.status,
                line.impact,
                line.effort,
                line.owner,
                _date(line.start_date),
                _date(line.end_date),
                ", ".join(line.blocks),
                ", ".join(line.layers),
                ", ".join(line.areas),
                line.origin,
            )
            for line in content.tables.roadmap
        ],
        wrap=(1, 2),
        formats={8: "yyyy-mm-dd", 9: "yyyy-mm-dd"},
    )


def _date(value: str | None) -> date | str | None:
    """An ISO date as a real date (Excel sorts and filters it), else as it is."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return value


def render_xlsx(
    content: ReportContent,
    *,
    check: Callable[[], None] | None = None,
    step: Callable[[float, str], None] | None = None,
) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    check = check or (lambda: None)
    step = step or (lambda fraction, message: None)
    workbook = Workbook()
    workbook.remove(workbook.active)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="F4F6F8")
    for position, (_, title, builder) in enumerate(_SHEETS):
        check()
        step(0.2 + 0.7 * position / max(1, len(_SHEETS)), f"Writing sheet {title}")
        data = builder(content)
        if data is None:
            continue
        sheet = workbook.create_sheet(title)
        sheet.append(list(data.headers))
        for row in data.rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                # Text that starts like a formula ("=SUM(...)" typed as evidence) stays text.
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        for cell in sheet[1]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(vertical="bottom")
        sheet.freeze_panes = "A2"
        last = get_column_letter(len(data.headers))
        sheet.auto_filter.ref = f"A1:{last}{max(1, len(data.rows) + 1)}"
        _fit_columns(sheet, data)
    properties = workbook.properties
    meta = content.meta
    properties.title = f"{meta.title}: {meta.client_name}"
    properties.subject = meta.subject
    properties.creator = meta.author
    properties.lastModifiedBy = meta.author
    properties.keywords = ""
    properties.description = ""
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fit_columns(sheet: Any, data: SheetData) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for index, header in enumerate(data.headers):
        longest = len(header)
        for row in data.rows[:500]:
            value = row[index]
            if value is not None:
                longest = max(longest, len(str(value)))
        letter = get_column_letter(index + 1)
        # Never narrower than MIN_WIDTH: the filter's drop-down button needs the room.
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
        number_format = (data.formats or {}).get(index)
        alignment = wrap if index in data.wrap else top
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            cell.alignment = alignment
            if number_format:
                cell.number_format = number_format
