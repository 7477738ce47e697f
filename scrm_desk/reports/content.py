"""Stage 1 of a report: everything it says, as plain frozen dataclasses.

:func:`build_report` reads the workspace once, scores the assessment and hands each
registered section builder the same :class:`ReportContext`. A builder returns its
section's content, or ``None`` when it has nothing to say (the section is then left out,
never printed empty). Renderers (``pdf.py``, ``docx_writer.py``, ``xlsx_writer.py``) only
turn this content into a file: no workspace access and no decisions about content.

Adding a section takes two functions and no change elsewhere::

    @register_section("risks", order=110, title="Risk register", description="...")
    def build_risks(ctx: ReportContext) -> RiskSection | None: ...

    # in pdf.py
    @pdf_renderer("risks")
    def render_risks(r: PdfRenderer, section: RiskSection) -> list[Flowable]: ...

``order`` places the section: cover 0, contents 10, summary 20, approach 30, overview
40, blocks 50, alignment 60, progress 65, then the plan's sections from
``planning_sections.py``: layers 70, posture 75, initiatives 80, starting points 85,
roadmap 90; appendix 900.
Wording comes from ``resources/report/texts.toml``.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeVar

from scrm_desk.errors import NotFoundError, ScrmError
from scrm_desk.paths import resources_dir
from scrm_desk.records import (
    AnswerKind,
    Assessment,
    AssessmentStatus,
    Client,
    Engagement,
    Lens,
    Response,
    Stakeholder,
    StakeholderGroup,
    Variant,
)
from scrm_desk.reports.branding import Branding, Logo, load_branding
from scrm_desk.reports.options import ReportOptions, stored_summary
from scrm_desk.scoring.display import shown_gap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from scrm_desk.charts.style import ChartStyle
    from scrm_desk.frameworks import BuildingBlocksFramework, FrameworkCatalog
    from scrm_desk.reports.planning_sections import PlanData, RoadmapLine
    from scrm_desk.scoring import AssessmentResult, Comparison, Finding, IndexChange
    from scrm_desk.workspace import Workspace

MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Evidence quotes shown on a block's page; the rest are in the appendix.
QUOTES_PER_BLOCK: Final = 3
#: A quote longer than this is cut on the block page (the appendix has it whole).
QUOTE_CHARS: Final = 320
#: Risks the executive summary lists.
SUMMARY_RISKS: Final = 5


# =========================================================================== texts


class ReportTexts:
    """The wording in ``resources/report/texts.toml``, looked up by dotted key."""

    def __init__(self, data: Mapping[str, Any], source: str) -> None:
        self._data = data
        self.source = source

    def get(self, key: str, default: str | None = None, **values: object) -> str:
        node: Any = self._data
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                if default is not None:
                    return default.format(**values) if values else default
                raise ScrmError(f"{self.source}: the report text {key!r} is missing")
            node = node[part]
        if not isinstance(node, str):
            raise ScrmError(f"{self.source}: the report text {key!r} must be a string")
        if not values:
            return node.replace("{{", "{").replace("}}", "}")
        try:
            return node.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise ScrmError(
                f"{self.source}: the report text {key!r} uses a placeholder it may not "
                f"({exc}); allowed: {', '.join(values)}"
            ) from None

    def flat(self) -> dict[str, str]:
        """Every plain text (no placeholders filled) by dotted key, for the renderers."""
        found: dict[str, str] = {}

        def walk(prefix: str, node: Mapping[str, Any]) -> None:
            for key, value in node.items():
                name = f"{prefix}{key}"
                if isinstance(value, Mapping):
                    walk(name + ".", value)
                elif isinstance(value, str):
                    found[name] = value

        walk("", self._data)
        return found


_texts_lock = threading.Lock()
_texts_cache: dict[tuple[str, int], ReportTexts] = {}


def load_texts(path: Path | None = None) -> ReportTexts:
    """The report wording, re-read when the file changes."""
    path = path or resources_dir() / "report" / "texts.toml"
    try:
        stamp = path.stat().st_mtime_ns
        with _texts_lock:
            cached = _texts_cache.get((str(path), stamp))
        if cached is not None:
            return cached
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScrmError(f"Cannot read the report texts in {path.name}: {exc}") from exc
    texts = ReportTexts(data, path.name)
    with _texts_lock:
        _texts_cache[(str(path), stamp)] = texts
    return texts


# =========================================================================== content


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """What the cover, running header and document metadata say."""

    title: str
    client_name: str
    engagement_title: str
    consultant: str
    firm_name: str
    date_text: str
    confidentiality: str
    brand_colour: str
    logo: Logo | None
    #: Document metadata: author (consultant and firm) and subject.
    author: str
    subject: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionContent:
    """What every section has: its id (the registry key) and heading."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class FindingItem:
    kind: str
    #: ``"high"``, ``"medium"`` or ``"low"``.
    severity: str
    block: str | None
    lens: str | None
    title: str
    evidence: str
    suggested_action: str


@dataclass(frozen=True, slots=True)
class IndexFigure:
    lens: str
    score: float | None
    level_name: str
    completeness: float
    scored_blocks: int
    core_blocks: int


@dataclass(frozen=True, slots=True)
class RadarChart:
    """Data for :func:`scrm_desk.charts.radar_figure`."""

    labels: tuple[str, ...]
    current: tuple[float | None, ...]
    target: tuple[float | None, ...]
    title: str | None = None

    def figure(self, style: ChartStyle | None = None) -> Figure:
        from scrm_desk.charts import radar_figure
        from scrm_desk.charts.style import DEFAULT_STYLE

        return radar_figure(
            self.labels, self.current, self.target, title=self.title, style=style or DEFAULT_STYLE
        )


@dataclass(frozen=True, slots=True)
class AlignmentChart:
    """Data for :func:`scrm_desk.charts.alignment_figure`."""

    labels: tuple[str, ...]
    business: tuple[float | None, ...]
    it: tuple[float | None, ...]
    misaligned: tuple[bool, ...]
    business_label: str
    it_label: str
    title: str | None = None

    def figure(self, style: ChartStyle | None = None) -> Figure:
        from scrm_desk.charts import alignment_figure
        from scrm_desk.charts.style import DEFAULT_STYLE

        return alignment_figure(
            self.labels,
            self.business,
            self.it,
            misaligned=self.misaligned,
            title=self.title,
            business_label=self.business_label,
            it_label=self.it_label,
            style=style or DEFAULT_STYLE,
        )


@dataclass(frozen=True, slots=True)
class ComparisonChart:
    """Data for :func:`scrm_desk.charts.comparison_figure`."""

    labels: tuple[str, ...]
    baseline: tuple[float | None, ...]
    follow_up: tuple[float | None, ...]
    baseline_label: str
    follow_up_label: str
    title: str | None = None

    def figure(self, style: ChartStyle | None = None) -> Figure:
        from scrm_desk.charts import comparison_figure
        from scrm_desk.charts.style import DEFAULT_STYLE

        return comparison_figure(
            self.labels,
            self.baseline,
            self.follow_up,
            baseline_label=self.baseline_label,
            follow_up_label=self.follow_up_label,
            title=self.title,
            style=style or DEFAULT_STYLE,
        )


@dataclass(frozen=True, slots=True)
class PostureChart:
    """Data for :func:`scrm_desk.charts.posture.posture_figure` (Gartner's 20/50/5/25)."""

    names: tuple[str, ...]
    shares: tuple[float, ...]
    placed: int | None
    computed: int | None
    client_label: str
    computed_label: str
    share_label: str
    #: Inches; lower than the app's chart, so that the reasoning fits on the same page.
    height: float = 2.75

    def figure(self, style: ChartStyle | None = None) -> Figure:
        from scrm_desk.charts.posture import posture_figure
        from scrm_desk.charts.style import DEFAULT_STYLE

        return posture_figure(
            self.names,
            self.shares,
            placed=self.placed,
            computed=self.computed,
            client_label=self.client_label,
            computed_label=self.computed_label,
            share_label=self.share_label,
            style=style or DEFAULT_STYLE,
            height=self.height,
        )


@dataclass(frozen=True, slots=True)
class MatrixChart:
    """Data for :func:`scrm_desk.charts.matrix.impact_effort_figure`."""

    labels: tuple[str, ...]
    impact: tuple[int, ...]
    effort: tuple[int, ...]
    phases: tuple[str | None, ...]
    numbers: tuple[int, ...]

    def figure(self, style: ChartStyle | None = None) -> Figure:
        from scrm_desk.charts.matrix import impact_effort_figure
        from scrm_desk.charts.style import DEFAULT_STYLE

        return impact_effort_figure(
            self.labels,
            self.impact,
            self.effort,
            phases=self.phases,
            numbers=self.numbers,
            style=style or DEFAULT_STYLE,
        )


@dataclass(frozen=True, slots=True)
class TimelineChart:
    """Data for :func:`scrm_desk.charts.timeline.timeline_figure`."""

    labels: tuple[str, ...]
    starts: tuple[str | None, ...]
    ends: tuple[str | None, ...]
    phases: tuple[str | None, ...]
    today: date
    today_label: str

    def figure(self, style: ChartStyle | None = None) -> Figure:
        from scrm_desk.charts.style import DEFAULT_STYLE
        from scrm_desk.charts.timeline import timeline_figure

        return timeline_figure(
            self.labels,
            self.starts,
            self.ends,
            phases=self.phases,
            today=self.today,
            today_label=self.today_label,
            style=style or DEFAULT_STYLE,
        )


class ChartData(Protocol):
    """Anything a renderer can turn into a matplotlib figure."""

    def figure(self, style: ChartStyle | None = None) -> Figure: ...


Chart = RadarChart | AlignmentChart | ComparisonChart | PostureChart | MatrixChart | TimelineChart


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverSection(SectionContent):
    report_title: str
    client_name: str
    engagement_title: str
    prepared_for: str
    prepared_by: str
    date_text: str
    confidentiality: str
    draft_note: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TocSection(SectionContent):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class SummarySection(SectionContent):
    paragraphs: tuple[str, ...]
    #: False when the consultant wrote the text (ReportOptions.executive_summary).
    drafted: bool
    indexes: tuple[IndexFigure, ...]
    risks: tuple[FindingItem, ...]
    strengths: tuple[FindingItem, ...]


@dataclass(frozen=True, slots=True)
class FrameworkUsed:
    name: str
    version: str
    attribution: str
    description: str


@dataclass(frozen=True, slots=True)
class MaturityLevelLine:
    level: int
    name: str
    summary: str


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class GroupLine:
    group: str
    people: tuple[Person, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ApproachSection(SectionContent):
    paragraphs: tuple[str, ...]
    frameworks: tuple[FrameworkUsed, ...]
    maturity_levels: tuple[MaturityLevelLine, ...]
    groups: tuple[GroupLine, ...]
    dates: tuple[tuple[str, str], ...]
    #: Said when there is no assessment yet (or no stakeholder).
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BlockRow:
    area_id: str
    name: str
    cross_cutting: bool
    score: float | None
    target: float | None
    gap: float | None
    completeness: float
    answered: int
    applicable: int
    #: Short status words, e.g. ("Missing block",) or ("Not assessed",).
    status: tuple[str, ...]
    #: A block not assessed enough has no score; the mean of its few answers, if any, is
    #: here (never to be shown as its score).
    partial_score: float | None = None


@dataclass(frozen=True, slots=True)
class LensOverview:
    lens: str
    index: IndexFigure
    radar: RadarChart
    rows: tuple[BlockRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class OverviewSection(SectionContent):
    intro: str
    lenses: tuple[LensOverview, ...]


@dataclass(frozen=True, slots=True)
class SubRow:
    name: str
    score: float | None
    target: float | None
    answered: int
    applicable: int


@dataclass(frozen=True, slots=True)
class BlockLens:
    lens: str
    score: float | None
    target: float | None
    gap: float | None
    completeness: float
    level_name: str
    #: The block's own descriptor of the level its score rounds down to.
    level_descriptor: str
    subs: tuple[SubRow, ...]
    #: See :attr:`BlockRow.partial_score`.
    partial_score: float | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    truncated: bool
    who: str
    lens: str
    question: str


@dataclass(frozen=True, slots=True)
class GroupSpread:
    group: str
    n: int
    mean: float


@dataclass(frozen=True, slots=True)
class SpreadLine:
    lens: str
    n: int
    mean: float | None
    stdev: float | None
    low: float | None
    high: float | None
    groups: tuple[GroupSpread, ...]
    business_mean: float | None
    it_mean: float | None
    misaligned: bool
    high_spread: bool


@dataclass(frozen=True, slots=True)
class BlockPage:
    area_id: str
    number: int
    name: str
    cross_cutting: bool
    why_it_matters: str
    guiding_question: str | None
    social_question: str | None
    lenses: tuple[BlockLens, ...]
    quotes: tuple[Quote, ...]
    more_quotes: int
    findings: tuple[FindingItem, ...]
    spread: tuple[SpreadLine, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class BlocksSection(SectionContent):
    pages: tuple[BlockPage, ...]
    #: Blocks with no score under any lens yet: named, not given an empty page.
    not_assessed: tuple[str, ...] = ()
    #: How many building blocks the framework has (cross-cutting areas aside).
    core_blocks: int = 0


@dataclass(frozen=True, slots=True)
class AlignmentRow:
    name: str
    business_mean: float | None
    business_n: int
    it_mean: float | None
    it_n: int
    difference: float | None
    misaligned: bool


@dataclass(frozen=True, slots=True)
class AlignmentLens:
    lens: str
    chart: AlignmentChart
    rows: tuple[AlignmentRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AlignmentSection(SectionContent):
    intro: str
    groups_note: str
    lenses: tuple[AlignmentLens, ...]


@dataclass(frozen=True, slots=True)
class ProgressRow:
    name: str
    #: ``None`` when the block is not assessed (enough) in that assessment.
    baseline: float | None
    follow_up: float | None
    #: The difference of the two scores as displayed (one decimal), so that the row adds
    #: up: "3.0 → 3.6, +0.6" (see :func:`scrm_desk.scoring.rounded_change`).
    change: float | None


@dataclass(frozen=True, slots=True)
class ProgressLens:
    lens: str
    chart: ComparisonChart
    rows: tuple[ProgressRow, ...]
    #: The headline index row: like for like, over the core blocks assessed in both.
    index: ProgressRow
    #: The same in words, e.g. "Under Classic CRM, over the 5 building blocks assessed
    #: in both, the maturity index moved from 2.9 to 3.4 (+0.5)."; with the indexes as
    #: reported and their block counts when those rest on different blocks.
    headline: str = ""
    #: The indexes as each assessment reports them, each over its own assessed blocks.
    reported_index: ProgressRow | None = None
    blocks_compared: int = 0
    baseline_blocks: int = 0
    follow_up_blocks: int = 0
    #: True when the reported indexes rest on different blocks (then they differ from
    #: the like-for-like figures and are not to be compared directly).
    like_for_like_differs: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressSection(SectionContent):
    intro: str
    baseline_name: str
    follow_up_name: str
    lenses: tuple[ProgressLens, ...]


@dataclass(frozen=True, slots=True)
class ResponseRow:
    block: str
    sub_component: str
    question_id: str
    question: str
    lens: str
    respondent: str
    group: str
    #: The level as text, or "Not applicable" / "Don't know".
    answer: str
    level: int | None
    target: int | None
    confidence: str
    evidence: str


@dataclass(frozen=True, slots=True)
class AppendixBlock:
    name: str
    responses: tuple[ResponseRow, ...]


@dataclass(frozen=True, slots=True)
class StakeholderRow:
    name: str
    role: str
    group: str
    email: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AppendixSection(SectionContent):
    intro: str
    blocks: tuple[AppendixBlock, ...]
    stakeholders: tuple[StakeholderRow, ...]


@dataclass(frozen=True, slots=True)
class BlockScoreRow:
    block: str
    lens: str
    score: float | None
    target: float | None
    gap: float | None
    completeness: float
    answered: int
    applicable: int
    total: int
    flags: tuple[str, ...]
    #: See :attr:`BlockRow.partial_score`.
    partial_score: float | None = None


@dataclass(frozen=True, slots=True)
class ReportTables:
    """Flat tables of the engagement's data, whatever sections are chosen (for Excel)."""

    responses: tuple[ResponseRow, ...] = ()
    block_scores: tuple[BlockScoreRow, ...] = ()
    findings: tuple[FindingItem, ...] = ()
    stakeholders: tuple[StakeholderRow, ...] = ()
    #: The roadmap in its order (empty without one).
    roadmap: tuple[RoadmapLine, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportContent:
    """A whole report, ready to render in any format."""

    meta: ReportMeta
    sections: tuple[SectionContent, ...]
    tables: ReportTables
    #: Plain wording from texts.toml by dotted key (headings and labels renderers need).
    labels: Mapping[str, str]
    #: Things the consultant should know about this report (shown after export).
    warnings: tuple[str, ...] = ()

    def section(self, section_id: str) -> SectionContent | None:
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    def section_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sections)

    def label(self, key: str, default: str = "") -> str:
        return self.labels.get(key, default)

    def strings(self) -> Iterable[str]:
        """Every piece of text in the report (for the font coverage check)."""
        yield from _strings(self.meta)
        for section in self.sections:
            yield from _strings(section)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
    elif is_dataclass(value) and not isinstance(value, type | Logo):
        for f in fields(value):
            yield from _strings(getattr(value, f.name))


# =========================================================================== context


@dataclass(frozen=True, slots=True)
class ReportContext:
    """Everything a section builder may use, read from the workspace once."""

    client: Client
    engagement: Engagement
    stakeholders: tuple[Stakeholder, ...]
    assessments: tuple[Assessment, ...]
    assessment: Assessment | None
    responses: tuple[Response, ...]
    framework: BuildingBlocksFramework | None
    result: AssessmentResult | None
    baseline: Assessment | None
    comparison: Comparison | None
    options: ReportOptions
    branding: Branding
    texts: ReportTexts
    today: date
    notes: tuple[str, ...] = ()
    #: The planning records (canvas, posture, platforms, roadmap ...), ``None`` without any.
    plan: PlanData | None = None
    #: Anything a later section needs can ride here without a new field.
    extra: Mapping[str, Any] = field(default_factory=dict)

    def people(self) -> dict[str, Stakeholder]:
        return {s.id: s for s in self.stakeholders}

    def area_name(self, area_id: str | None) -> str | None:
        if area_id is None or self.framework is None:
            return area_id
        try:
            return self.framework.area(area_id).name
        except KeyError:
            return area_id


# =========================================================================== registry

SectionBuilder = Callable[[ReportContext], SectionContent | None]
_B = TypeVar("_B", bound=SectionBuilder)


@dataclass(frozen=True, slots=True)
class SectionSpec:
    id: str
    order: int
    title: str
    description: str
    builder: SectionBuilder


@dataclass(frozen=True, slots=True)
class SectionInfo:
    """A section as the app lists it for choosing."""

    id: str
    title: str
    description: str


_REGISTRY: dict[str, SectionSpec] = {}


def register_section(
    section_id: str, *, order: int, title: str, description: str = ""
) -> Callable[[_B], _B]:
    """Register ``builder`` as the section ``section_id`` at position ``order``.

    ``title`` and ``description`` are used unless texts.toml has
    ``sections.<id>`` and ``descriptions.<id>``.
    """

    def decorate(builder: _B) -> _B:
        if section_id in _REGISTRY and _REGISTRY[section_id].builder is not builder:
            raise ValueError(f"report section {section_id!r} is already registered")
        _REGISTRY[section_id] = SectionSpec(section_id, order, title, description, builder)
        return builder

    return decorate


def section_specs() -> tuple[SectionSpec, ...]:
    """Registered sections in report order."""
    return tuple(sorted(_REGISTRY.values(), key=lambda s: (s.order, s.id)))


def section_ids() -> tuple[str, ...]:
    return tuple(s.id for s in section_specs())


def available_sections(texts: ReportTexts | None = None) -> tuple[SectionInfo, ...]:
    """Every section a consultant can choose, titled and described for the app."""
    texts = texts or load_texts()
    return tuple(
        SectionInfo(
            spec.id,
            texts.get(f"sections.{spec.id}", spec.title),
            texts.get(f"descriptions.{spec.id}", spec.description),
        )
        for spec in section_specs()
    )


def _title(ctx: ReportContext, section_id: str) -> str:
    spec = _REGISTRY[section_id]
    return ctx.texts.get(f"sections.{section_id}", spec.title)


# =========================================================================== building


def build_report(
    ws: Workspace,
    engagement_id: str,
    options: ReportOptions | None = None,
    catalog: FrameworkCatalog | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> ReportContent:
    """Read the engagement and build every chosen section that has data.

    ``progress`` is told the id of each section before it is built (and may raise to
    stop the build, which is how an export is cancelled between sections).
    """
    options = options or ReportOptions()
    if options.executive_summary is None:
        options = replace(options, executive_summary=stored_summary(ws, engagement_id))
    options.validate(section_ids())
    ctx = gather(ws, engagement_id, options, catalog)
    sections: list[SectionContent] = []
    for spec in section_specs():
        if not options.includes(spec.id):
            continue
        if progress is not None:
            progress(spec.id)
        built = spec.builder(ctx)
        if built is not None:
            sections.append(built)
    return ReportContent(
        meta=_meta(ctx),
        sections=tuple(sections),
        tables=_tables(ctx),
        labels=MappingProxyType(ctx.texts.flat()),
        warnings=ctx.notes,
    )


def gather(
    ws: Workspace,
    engagement_id: str,
    options: ReportOptions,
    catalog: FrameworkCatalog | None = None,
) -> ReportContext:
    """Read and score what the report needs; no section logic here."""
    engagement = ws.engagements.get(engagement_id)
    if engagement.in_trash:
        raise NotFoundError(f"The engagement {engagement.title!r} is in the trash.")
    client = ws.clients.get(engagement.client_id)
    stakeholders = tuple(ws.stakeholders.for_engagement(engagement.id))
    assessments = tuple(ws.assessments.for_engagement(engagement.id))
    assessment: Assessment | None = None
    if options.assessment_id is not None:
        assessment = next((a for a in assessments if a.id == options.assessment_id), None)
        if assessment is None:
            raise NotFoundError(
                f"The engagement has no assessment with id {options.assessment_id}."
            )
    elif assessments:
        assessment = assessments[-1]

    notes: list[str] = []
    framework = None
    result = None
    responses: tuple[Response, ...] = ()
    baseline = None
    comparison = None
    loaded: list[FrameworkCatalog] = [catalog] if catalog is not None else []

    def frameworks() -> FrameworkCatalog:
        """The catalog, loaded on first use (an engagement without data needs none)."""
        if not loaded:
            from scrm_desk.frameworks import FrameworkCatalog

            loaded.append(FrameworkCatalog.load([ws.frameworks_dir]))
        return loaded[0]

    if assessment is not None:
        responses = tuple(ws.responses.for_assessment(assessment.id))
        try:
            framework = frameworks().building_blocks(assessment.framework_id)
        except LookupError:
            notes.append(
                f"The framework {assessment.framework_id!r} of the assessment "
                f"{assessment.name!r} is not installed, so the report has no scores."
            )
        if framework is not None:
            from scrm_desk.scoring import compare_assessments, score_assessment

            result = score_assessment(framework, assessment, responses, stakeholders)
            baseline = _baseline(assessments, assessment, options)
            if baseline is not None and baseline.framework_id == framework.id:
                base_result = score_assessment(
                    framework,
                    baseline,
                    ws.responses.for_assessment(baseline.id),
                    stakeholders,
                )
                comparison = compare_assessments(framework, base_result, result)
            else:
                baseline = None

    from scrm_desk.reports.planning_sections import gather_plan

    level_names = (
        tuple(m.name for m in framework.maturity_levels) if framework is not None else None
    )
    plan = gather_plan(ws, engagement.id, frameworks, level_names, notes)
    return ReportContext(
        client=client,
        engagement=engagement,
        stakeholders=stakeholders,
        assessments=assessments,
        assessment=assessment,
        responses=responses,
        framework=framework,
        result=result,
        baseline=baseline,
        comparison=comparison,
        options=options,
        branding=options.branding or load_branding(ws),
        texts=load_texts(),
        today=options.report_date or date.today(),
        notes=tuple(notes),
        plan=plan,
    )


def _baseline(
    assessments: tuple[Assessment, ...], chosen: Assessment, options: ReportOptions
) -> Assessment | None:
    if options.baseline_assessment_id is not None:
        found = next((a for a in assessments if a.id == options.baseline_assessment_id), None)
        if found is None:
            raise NotFoundError(
                f"The engagement has no assessment with id {options.baseline_assessment_id}."
            )
        return None if found.id == chosen.id else found
    position = next(i for i, a in enumerate(assessments) if a.id == chosen.id)
    return assessments[position - 1] if position > 0 else None


# --------------------------------------------------------------------------- helpers


def format_date(value: date | str | None) -> str:
    """``2026-11-23`` as ``23 November 2026`` (the same in every locale)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def fmt_score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def fmt_gap(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}".replace("-", "−")


def fmt_share(value: float) -> str:
    return f"{round(value * 100):d}%"


def _meta(ctx: ReportContext) -> ReportMeta:
    branding = ctx.branding
    confidentiality = (ctx.options.confidentiality or "").strip() or branding.confidentiality
    consultant = ctx.engagement.consultant.strip()
    author = ", ".join(p for p in (consultant, branding.firm_name) if p) or "SCRM Desk"
    title = ctx.texts.get("report_title")
    return ReportMeta(
        title=title,
        client_name=ctx.client.name,
        engagement_title=ctx.engagement.title,
        consultant=consultant,
        firm_name=branding.firm_name,
        date_text=format_date(ctx.today),
        confidentiality=confidentiality,
        brand_colour=branding.primary_colour,
        logo=branding.logo,
        author=author,
        subject=f"{ctx.client.name}: {ctx.engagement.title}",
    )


def _finding_item(ctx: ReportContext, finding: Finding) -> FindingItem:
    return FindingItem(
        kind=finding.kind,
        severity=finding.severity,
        block=ctx.area_name(finding.area_id),
        lens=finding.lens.label if finding.lens is not None else None,
        title=finding.title,
        evidence=finding.evidence,
        suggested_action=finding.suggested_action,
    )


def _lens_label(lens: Lens) -> str:
    return lens.label


def _level_name(ctx: ReportContext, score: float | None) -> str:
    if score is None or ctx.framework is None:
        return ctx.texts.get("overview.not_assessed")
    level = max(1, min(5, int(score + 1e-9)))
    try:
        return ctx.framework.maturity_level(level).name
    except KeyError:
        return str(level)


def _index_figures(ctx: ReportContext) -> tuple[IndexFigure, ...]:
    if ctx.result is None:
        return ()
    return tuple(
        IndexFigure(
            lens=index.lens.label,
            score=index.score,
            level_name=_level_name(ctx, index.score),
            completeness=index.completeness,
            scored_blocks=index.scored_blocks,
            core_blocks=index.core_blocks,
        )
        for index in ctx.result.index
    )


def _has_scores(ctx: ReportContext) -> bool:
    return ctx.result is not None and any(b.score is not None for b in ctx.result.blocks)


def _respondent(ctx: ReportContext, response: Response) -> tuple[str, str]:
    if response.respondent_id is None:
        return ctx.texts.get("consensus_name"), ""
    person = ctx.people().get(response.respondent_id)
    if person is None:
        return "?", ""
    return person.name, person.group.label


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# =========================================================================== sections


@register_section("cover", order=0, title="Cover")
def build_cover(ctx: ReportContext) -> CoverSection:
    meta = _meta(ctx)
    consultant = meta.consultant or meta.firm_name
    if meta.firm_name and meta.consultant:
        prepared_by = ctx.texts.get("prepared_by", consultant=meta.consultant, firm=meta.firm_name)
    elif consultant:
        prepared_by = ctx.texts.get("prepared_by_no_firm", consultant=consultant)
    else:
        prepared_by = ""
    draft = (
        ctx.texts.get("draft_note")
        if ctx.assessment is not None and ctx.assessment.status is AssessmentStatus.IN_PROGRESS
        else None
    )
    return CoverSection(
        id="cover",
        title=_title(ctx, "cover"),
        report_title=meta.title,
        client_name=meta.client_name,
        engagement_title=meta.engagement_title,
        prepared_for=ctx.texts.get("prepared_for", client=meta.client_name, firm=meta.firm_name),
        prepared_by=prepared_by,
        date_text=meta.date_text,
        confidentiality=meta.confidentiality,
        draft_note=draft,
    )


@register_section("toc", order=10, title="Contents")
def build_toc(ctx: ReportContext) -> TocSection:
    return TocSection(id="toc", title=_title(ctx, "toc"))


def draft_summary_paragraphs(ctx: ReportContext) -> tuple[str, ...]:
    """The drafted narrative of the executive summary (what the consultant may edit)."""
    texts = ctx.texts
    if ctx.result is None or ctx.framework is None or ctx.assessment is None:
        return (texts.get("summary.no_assessment"),)
    respondents = {r.respondent_id for r in ctx.responses if r.respondent_id is not None}
    people = [p for p in ctx.stakeholders if p.id in respondents] or list(ctx.stakeholders)
    groups = [g.label for g in StakeholderGroup if any(p.group is g for p in people)]
    when = ctx.assessment.assessed_on
    period = f", on {format_date(when)}" if when else ""
    paragraphs = [
        texts.get(
            "summary.scope",
            client=ctx.client.name,
            blocks=str(len(ctx.framework.core_areas())),
            lenses=ctx.assessment.variant.label,
            people=(f"{len(people)} stakeholder" + ("s" if len(people) != 1 else ""))
            if people
            else "The workshop",
            groups=_join([g.lower() if g != "IT" else g for g in groups]) or "the client team",
            period=period,
        )
    ]
    for figure in _index_figures(ctx):
        if figure.score is None:
            continue
        paragraphs.append(
            texts.get(
                "summary.index",
                lens=figure.lens,
                score=fmt_score(figure.score),
                level=figure.level_name.lower(),
                completeness=fmt_share(figure.completeness),
            )
        )
    # Say what the figures do not cover yet, before anything reads as a clean bill.
    in_progress = ctx.assessment.status is AssessmentStatus.IN_PROGRESS
    unassessed = not_assessed_names(ctx)
    caveats: list[str] = []
    if in_progress:
        caveats.append(texts.get("summary.in_progress"))
    if len(unassessed) == 1:
        caveats.append(texts.get("summary.not_assessed_one", blocks=unassessed[0]))
    elif unassessed:
        caveats.append(
            texts.get("summary.not_assessed", count=str(len(unassessed)), blocks=_join(unassessed))
        )
    if caveats:
        paragraphs.append(" ".join(caveats))
    risks = _risks(ctx)
    if risks:
        total = sum(1 for f in ctx.result.findings if f.severity == "high" and f.kind != "strength")
        count = "one high-severity risk" if total == 1 else f"{total} high-severity risks"
        paragraphs.append(
            texts.get("summary.risks", count=count, titles="; ".join(r.title for r in risks[:3]))
        )
    elif caveats:
        paragraphs.append(texts.get("summary.no_risks_so_far"))
    else:
        paragraphs.append(texts.get("summary.no_risks"))
    strengths = _strengths(ctx)
    if strengths:
        paragraphs.append(
            texts.get("summary.strengths", titles=_join([s.block or s.title for s in strengths]))
        )
    from scrm_desk.reports.planning_sections import plan_summary

    paragraphs.extend(plan_summary(ctx))
    paragraphs.append(texts.get("summary.closing"))
    return tuple(paragraphs)


def not_assessed_names(ctx: ReportContext) -> list[str]:
    """The areas not assessed enough to score, in framework order: "Information", or
    "Processes (Social CRM)" when only some of the assessment's lenses lack a score."""
    if ctx.result is None or ctx.framework is None:
        return []
    names: list[str] = []
    for area in ctx.framework.areas:
        asked = [
            block
            for lens in ctx.result.lenses
            if (block := ctx.result.block(area.id, lens)) is not None and block.total > 0
        ]
        missing = [block.lens for block in asked if block.score is None]
        if not missing:
            continue
        if len(missing) == len(asked):
            names.append(area.name)
        else:
            names.append(f"{area.name} ({', '.join(lens.label for lens in missing)})")
    return names


def _risks(ctx: ReportContext) -> tuple[FindingItem, ...]:
    if ctx.result is None:
        return ()
    high = [f for f in ctx.result.findings if f.severity == "high" and f.kind != "strength"]
    return tuple(_finding_item(ctx, f) for f in high[:SUMMARY_RISKS])


def _strengths(ctx: ReportContext) -> tuple[FindingItem, ...]:
    if ctx.result is None:
        return ()
    return tuple(_finding_item(ctx, f) for f in ctx.result.findings if f.kind == "strength")


@register_section("summary", order=20, title="Executive summary")
def build_summary(ctx: ReportContext) -> SummarySection | None:
    override = (ctx.options.executive_summary or "").strip()
    if ctx.result is None and not override:
        return None
    if override:
        paragraphs = tuple(
            " ".join(part.split()) for part in override.replace("\r\n", "\n").split("\n\n")
        )
        paragraphs = tuple(p for p in paragraphs if p)
    else:
        paragraphs = draft_summary_paragraphs(ctx)
    return SummarySection(
        id="summary",
        title=_title(ctx, "summary"),
        paragraphs=paragraphs,
        drafted=not override,
        indexes=_index_figures(ctx),
        risks=_risks(ctx),
        strengths=_strengths(ctx),
    )


@register_section("approach", order=30, title="Approach")
def build_approach(ctx: ReportContext) -> ApproachSection:
    texts = ctx.texts
    frameworks: list[FrameworkUsed] = []
    levels: tuple[MaturityLevelLine, ...] = ()
    if ctx.framework is not None:
        fw = ctx.framework
        frameworks.append(FrameworkUsed(fw.name, fw.version, fw.attribution, fw.description))
        levels = tuple(MaturityLevelLine(m.level, m.name, m.summary) for m in fw.maturity_levels)
    groups = tuple(
        GroupLine(
            group.label,
            tuple(Person(p.name, p.role) for p in ctx.stakeholders if p.group is group),
        )
        for group in StakeholderGroup
        if any(p.group is group for p in ctx.stakeholders)
    )
    dates: list[tuple[str, str]] = []
    if ctx.engagement.start_date:
        dates.append(("Engagement start", format_date(ctx.engagement.start_date)))
    if ctx.engagement.end_date:
        dates.append(("Engagement end", format_date(ctx.engagement.end_date)))
    for assessment in ctx.assessments:
        if assessment.assessed_on:
            dates.append((f"Assessment: {assessment.name}", format_date(assessment.assessed_on)))
    dates.append(("Report", format_date(ctx.today)))
    notes: list[str] = []
    if ctx.assessment is None:
        notes.append(texts.get("summary.no_assessment"))
    if not ctx.stakeholders:
        notes.append(texts.get("approach.no_stakeholders"))
    return ApproachSection(
        id="approach",
        title=_title(ctx, "approach"),
        paragraphs=tuple(p for p in texts.get("approach.intro").split("\n\n") if p.strip()),
        frameworks=tuple(frameworks),
        maturity_levels=levels,
        groups=groups,
        dates=tuple(dates),
        notes=tuple(notes),
    )


def _status_words(flags: tuple[str, ...]) -> tuple[str, ...]:
    words = {
        "missing_block": "Missing block",
        "not_assessed": "Not assessed",
        "broken_foundation": "Weak foundation",
        "large_gap": "Large gap",
    }
    return tuple(words[f] for f in flags if f in words)


@register_section("overview", order=40, title="Building blocks overview")
def build_overview(ctx: ReportContext) -> OverviewSection | None:
    if ctx.result is None or ctx.framework is None or not _has_scores(ctx):
        return None
    lenses: list[LensOverview] = []
    figures = {f.lens: f for f in _index_figures(ctx)}
    for lens in ctx.result.lenses:
        rows: list[BlockRow] = []
        for area in ctx.framework.areas:
            block = ctx.result.block(area.id, lens)
            if block is None or block.total == 0:
                continue
            rows.append(
                BlockRow(
                    area_id=area.id,
                    name=area.name,
                    cross_cutting=area.cross_cutting,
                    score=block.score,
                    target=block.target,
                    gap=shown_gap(block.score, block.target),
                    completeness=block.completeness,
                    answered=block.answered,
                    applicable=block.applicable,
                    status=_status_words(block.flags),
                    partial_score=block.partial_score,
                )
            )
        if not any(r.score is not None for r in rows):
            continue
        short = {a.id: a.short_name or a.name for a in ctx.framework.areas}
        radar = RadarChart(
            labels=tuple(short[r.area_id] for r in rows),
            current=tuple(r.score for r in rows),
            target=tuple(r.target for r in rows),
        )
        lenses.append(LensOverview(lens.label, figures[lens.label], radar, tuple(rows)))
    if not lenses:
        return None
    return OverviewSection(
        id="overview",
        title=_title(ctx, "overview"),
        intro=ctx.texts.get("overview.intro"),
        lenses=tuple(lenses),
    )


def _quote_text(text: str) -> tuple[str, bool]:
    text = " ".join(text.split())
    if len(text) <= QUOTE_CHARS:
        return text, False
    cut = text[:QUOTE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + " …", True


@register_section("blocks", order=50, title="The building blocks one by one")
def build_blocks(ctx: ReportContext) -> BlocksSection | None:
    if ctx.result is None or ctx.framework is None or not _has_scores(ctx):
        return None
    result = ctx.result
    framework = ctx.framework
    questions = {q.id: q for q in framework.questions()}
    confidence_rank = {"high": 0, "medium": 1, "low": 2, None: 3}
    pages: list[BlockPage] = []
    not_assessed: list[str] = []
    for number, area in enumerate(framework.areas, start=1):
        lenses: list[BlockLens] = []
        for lens in result.lenses:
            block = result.block(area.id, lens)
            if block is None or block.total == 0:
                continue
            subs = tuple(
                SubRow(
                    area.sub_component(s.sub_component_id).name,
                    s.score,
                    s.target,
                    s.answered,
                    s.applicable,
                )
                for s in block.sub_scores
                if s.total
            )
            descriptor = ""
            if block.score is not None:
                descriptor = area.level_descriptor(max(1, min(5, int(block.score + 1e-9))))
            lenses.append(
                BlockLens(
                    lens=lens.label,
                    score=block.score,
                    target=block.target,
                    gap=shown_gap(block.score, block.target),
                    completeness=block.completeness,
                    level_name=_level_name(ctx, block.score),
                    level_descriptor=descriptor,
                    subs=subs,
                    partial_score=block.partial_score,
                )
            )
        if not lenses:
            continue
        if all(lens.score is None for lens in lenses):
            not_assessed.append(area.name)
            continue
        with_evidence = [
            r
            for r in ctx.responses
            if r.evidence.strip()
            and r.question_id in questions
            and questions[r.question_id].area_id == area.id
            and r.lens in result.lenses
        ]
        with_evidence.sort(
            key=lambda r: (
                r.respondent_id is not None,
                confidence_rank.get(r.confidence.value if r.confidence else None, 3),
                r.lens != Lens.CLASSIC,
                r.question_id,
            )
        )
        quotes = []
        for response in with_evidence[:QUOTES_PER_BLOCK]:
            text, truncated = _quote_text(response.evidence)
            who, group = _respondent(ctx, response)
            question = questions[response.question_id]
            quotes.append(
                Quote(
                    text=text,
                    truncated=truncated,
                    who=f"{who} ({group})" if group else who,
                    lens=response.lens.label,
                    question=(
                        question.social_text
                        if response.lens is Lens.SOCIAL and question.social_text
                        else question.text
                    ),
                )
            )
        spread: list[SpreadLine] = []
        for lens in result.lenses:
            aligned = result.alignment.block(area.id, lens)
            if aligned is None or aligned.stats.n == 0:
                continue
            stats = aligned.stats
            spread.append(
                SpreadLine(
                    lens=lens.label,
                    n=stats.n,
                    mean=stats.mean,
                    stdev=stats.stdev,
                    low=stats.min,
                    high=stats.max,
                    groups=tuple(
                        GroupSpread(g.group.label, g.n, g.mean) for g in stats.group_means
                    ),
                    business_mean=stats.business_mean,
                    it_mean=stats.it_mean,
                    misaligned=stats.misaligned,
                    high_spread=stats.high_spread,
                )
            )
        variant = ctx.assessment.variant if ctx.assessment else Variant.BOTH
        pages.append(
            BlockPage(
                area_id=area.id,
                number=number,
                name=area.name,
                cross_cutting=area.cross_cutting,
                why_it_matters=area.why_it_matters,
                guiding_question=area.guiding_question if variant is not Variant.SOCIAL else None,
                social_question=area.social_question if variant is not Variant.CLASSIC else None,
                lenses=tuple(lenses),
                quotes=tuple(quotes),
                more_quotes=max(0, len(with_evidence) - QUOTES_PER_BLOCK),
                findings=tuple(_finding_item(ctx, f) for f in result.findings_for(area.id)),
                spread=tuple(spread),
            )
        )
    if not pages:
        return None
    return BlocksSection(
        id="blocks",
        title=_title(ctx, "blocks"),
        pages=tuple(pages),
        not_assessed=tuple(not_assessed),
        core_blocks=len(framework.core_areas()),
    )


@register_section("alignment", order=60, title="Stakeholder alignment")
def build_alignment(ctx: ReportContext) -> AlignmentSection | None:
    if ctx.result is None or ctx.framework is None:
        return None
    alignment = ctx.result.alignment
    lenses: list[AlignmentLens] = []
    for lens in ctx.result.lenses:
        rows: list[AlignmentRow] = []
        short: list[str] = []
        for area in ctx.framework.areas:
            block = alignment.block(area.id, lens)
            if block is None:
                continue
            stats = block.stats
            if stats.business_mean is None and stats.it_mean is None:
                continue
            rows.append(
                AlignmentRow(
                    name=area.name,
                    business_mean=stats.business_mean,
                    business_n=stats.business_n,
                    it_mean=stats.it_mean,
                    it_n=stats.it_n,
                    difference=stats.difference,
                    misaligned=stats.misaligned,
                )
            )
            short.append(area.name)
        if not any(r.difference is not None for r in rows):
            continue  # without both sides on some block there is nothing to compare
        chart = AlignmentChart(
            labels=tuple(short),
            business=tuple(r.business_mean for r in rows),
            it=tuple(r.it_mean for r in rows),
            misaligned=tuple(r.misaligned for r in rows),
            business_label="Business",
            it_label="IT",
        )
        lenses.append(AlignmentLens(lens.label, chart, tuple(rows)))
    if not lenses:
        return None
    return AlignmentSection(
        id="alignment",
        title=_title(ctx, "alignment"),
        intro=ctx.texts.get("alignment.intro"),
        groups_note=ctx.texts.get(
            "alignment.groups_note",
            business=_join([g.label for g in alignment.business_groups]),
            it=_join([g.label for g in alignment.it_groups]),
        ),
        lenses=tuple(lenses),
    )


@register_section("progress", order=65, title="Progress since the baseline")
def build_progress(ctx: ReportContext) -> ProgressSection | None:
    """Block by block, then the index like for like (over the core blocks assessed in
    both) as the headline; the indexes as reported, with their block counts, beside it
    when they rest on different blocks. Every change is the difference of the rounded
    scores, so that each row adds up as printed."""
    from scrm_desk.scoring.results import rounded_change

    comparison = ctx.comparison
    if comparison is None or ctx.framework is None or ctx.baseline is None:
        return None
    if ctx.assessment is None:
        return None
    texts = ctx.texts
    lenses: list[ProgressLens] = []
    for index in comparison.index:
        rows = tuple(
            ProgressRow(
                ctx.area_name(b.area_id) or b.area_id,
                b.baseline,
                b.follow_up,
                rounded_change(b.baseline, b.follow_up),
            )
            for b in comparison.blocks
            if b.lens is index.lens
        )
        if not any(r.baseline is not None and r.follow_up is not None for r in rows):
            continue
        short = {a.name: a.short_name or a.name for a in ctx.framework.areas}
        chart = ComparisonChart(
            labels=tuple(short.get(r.name, r.name) for r in rows),
            baseline=tuple(r.baseline for r in rows),
            follow_up=tuple(r.follow_up for r in rows),
            baseline_label=ctx.baseline.name,
            follow_up_label=ctx.assessment.name,
        )
        differs = index.like_for_like_differs
        like = ProgressRow(
            texts.get("progress.index_like_for_like", blocks=str(index.blocks_compared))
            if differs
            else texts.get("overview.index_label"),
            index.baseline_like_for_like,
            index.follow_up_like_for_like,
            rounded_change(index.baseline_like_for_like, index.follow_up_like_for_like),
        )
        reported = ProgressRow(
            texts.get("overview.index_label"),
            index.baseline,
            index.follow_up,
            rounded_change(index.baseline, index.follow_up),
        )
        lenses.append(
            ProgressLens(
                index.lens.label,
                chart,
                rows,
                like,
                headline=_progress_headline(ctx, index.lens.label, like, reported, index),
                reported_index=reported,
                blocks_compared=index.blocks_compared,
                baseline_blocks=index.baseline_blocks,
                follow_up_blocks=index.follow_up_blocks,
                like_for_like_differs=differs,
            )
        )
    if not lenses:
        return None
    intro = [texts.get("progress.intro", baseline=ctx.baseline.name, follow_up=ctx.assessment.name)]
    intro.extend(lens.headline for lens in lenses)
    if any(r.baseline is None or r.follow_up is None for lens in lenses for r in lens.rows):
        intro.append(texts.get("progress.dash_note"))
    return ProgressSection(
        id="progress",
        title=_title(ctx, "progress"),
        intro=" ".join(intro),
        baseline_name=ctx.baseline.name,
        follow_up_name=ctx.assessment.name,
        lenses=tuple(lenses),
    )


def _progress_headline(
    ctx: ReportContext,
    lens: str,
    like: ProgressRow,
    reported: ProgressRow,
    index: IndexChange,
) -> str:
    texts = ctx.texts
    if like.baseline is None or like.follow_up is None:
        return texts.get("progress.no_common_blocks", lens=lens)
    values = {
        "lens": lens,
        "blocks": str(index.blocks_compared),
        "baseline_index": fmt_score(like.baseline),
        "follow_up_index": fmt_score(like.follow_up),
        "change": fmt_gap(like.change),
    }
    if not index.like_for_like_differs:
        return texts.get("progress.headline_same_blocks", **values)
    headline = texts.get("progress.headline", **values)
    return (
        headline
        + " "
        + texts.get(
            "progress.reported",
            baseline=ctx.baseline.name if ctx.baseline else "",
            follow_up=ctx.assessment.name if ctx.assessment else "",
            baseline_index=fmt_score(reported.baseline),
            baseline_blocks=str(index.baseline_blocks),
            follow_up_index=fmt_score(reported.follow_up),
            follow_up_blocks=str(index.follow_up_blocks),
        )
    )


def _response_rows(ctx: ReportContext) -> tuple[ResponseRow, ...]:
    if ctx.framework is None:
        return ()
    framework = ctx.framework
    order = {q.id: i for i, q in enumerate(framework.questions())}
    questions = {q.id: q for q in framework.questions()}
    people = ctx.people()
    lens_order = {Lens.CLASSIC: 0, Lens.SOCIAL: 1}

    def key(r: Response) -> tuple[int, int, int, str]:
        person = people.get(r.respondent_id or "")
        return (
            order.get(r.question_id, len(order)),
            lens_order[r.lens],
            0 if r.respondent_id is None else 1,
            person.name.casefold() if person else "",
        )

    rows = []
    for response in sorted(ctx.responses, key=key):
        question = questions.get(response.question_id)
        if question is None:
            continue
        area = framework.area(question.area_id)
        who, group = _respondent(ctx, response)
        if response.kind is AnswerKind.NOT_APPLICABLE:
            answer = ctx.texts.get("appendix.not_applicable")
        elif response.kind is AnswerKind.DONT_KNOW:
            answer = ctx.texts.get("appendix.dont_know")
        else:
            answer = "" if response.current_level is None else str(response.current_level)
        rows.append(
            ResponseRow(
                block=area.name,
                sub_component=area.sub_component(question.sub_component_id).name,
                question_id=question.id,
                question=(
                    question.social_text
                    if response.lens is Lens.SOCIAL and question.social_text
                    else question.text
                ),
                lens=response.lens.label,
                respondent=who,
                group=group,
                answer=answer,
                level=response.current_level,
                target=response.target_level,
                confidence=response.confidence.value.capitalize() if response.confidence else "",
                evidence=response.evidence.strip(),
            )
        )
    return tuple(rows)


def _stakeholder_rows(ctx: ReportContext) -> tuple[StakeholderRow, ...]:
    group_order = {g: i for i, g in enumerate(StakeholderGroup)}
    people = sorted(ctx.stakeholders, key=lambda p: (group_order[p.group], p.name.casefold()))
    return tuple(StakeholderRow(p.name, p.role, p.group.label, p.email) for p in people)


@register_section("appendix", order=900, title="Appendix: responses and stakeholders")
def build_appendix(ctx: ReportContext) -> AppendixSection | None:
    rows = _response_rows(ctx)
    stakeholders = _stakeholder_rows(ctx)
    if not rows and not stakeholders:
        return None
    blocks: list[AppendixBlock] = []
    for row in rows:
        if not blocks or blocks[-1].name != row.block:
            blocks.append(AppendixBlock(row.block, ()))
        last = blocks[-1]
        blocks[-1] = AppendixBlock(last.name, (*last.responses, row))
    return AppendixSection(
        id="appendix",
        title=_title(ctx, "appendix"),
        intro=ctx.texts.get("appendix.intro") if rows else "",
        blocks=tuple(blocks),
        stakeholders=stakeholders,
    )


def _tables(ctx: ReportContext) -> ReportTables:
    scores: list[BlockScoreRow] = []
    findings: tuple[FindingItem, ...] = ()
    if ctx.result is not None and ctx.framework is not None:
        for block in ctx.result.blocks:
            scores.append(
                BlockScoreRow(
                    block=ctx.area_name(block.area_id) or block.area_id,
                    lens=block.lens.label,
                    score=block.score,
                    target=block.target,
                    gap=block.gap,
                    completeness=block.completeness,
                    answered=block.answered,
                    applicable=block.applicable,
                    total=block.total,
                    flags=block.flags,
                    partial_score=block.partial_score,
                )
            )
        findings = tuple(_finding_item(ctx, f) for f in ctx.result.findings)
    from scrm_desk.reports.planning_sections import roadmap_lines

    return ReportTables(
        responses=_response_rows(ctx),
        block_scores=tuple(scores),
        findings=findings,
        stakeholders=_stakeholder_rows(ctx),
        roadmap=roadmap_lines(ctx),
    )


def draft_executive_summary(
    ws: Workspace,
    engagement_id: str,
    options: ReportOptions | None = None,
    catalog: FrameworkCatalog | None = None,
) -> str:
    """The drafted executive summary as editable text (paragraphs parted by blank lines).

    The app shows this in its editor; what the consultant saves goes back in
    :attr:`ReportOptions.executive_summary`.
    """
    ctx = gather(ws, engagement_id, options or ReportOptions(), catalog)
    return "\n\n".join(draft_summary_paragraphs(ctx))


# The plan's sections (seven layers, posture, initiatives, starting points, roadmap) live
# in their own module and register themselves here, so that importing this module always
# knows every section.
from scrm_desk.reports import planning_sections as _planning_sections  # noqa: E402, F401
