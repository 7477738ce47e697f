"""The plan's report sections (stage 1): seven layers, posture, initiatives, starting
points and platforms, and the roadmap.

Registered in the same section registry as the assessment's sections (``content.py``
imports this module at its end, so every section is known as soon as the content module
is): a builder returns plain frozen dataclasses, or ``None`` when the engagement has no
such data (the section is then left out). :func:`gather_plan` reads the planning records
and evaluates the gate, the warnings and the posture once, in ``gather``.

=================  =====  ===============================================================
id                 order  shown when the engagement has
=================  =====  ===============================================================
layers             70     a canvas entry or a ticked/noted gate criterion
posture            75     posture answers or an override
initiatives        80     an initiative in the register
starting_points    85     a rated or chosen starting area, a platform or a governance entry
roadmap            90     a roadmap item
=================  =====  ===============================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrm_desk.charts.layers import DiagramCell, DiagramLayer, GateMark, LayersDiagram
from scrm_desk.errors import ScrmError
from scrm_desk.planning.rules import (
    WARNING_GOVERNANCE_GAPS,
    WARNING_ONLY_TACTICS,
    WARNING_PLATFORM_WITHOUT_OBJECTIVE,
    WARNING_SINGLE_PLATFORM,
    WARNING_TOO_MANY_STARTING_AREAS,
    PlanningFinding,
)
from scrm_desk.planning.snapshot import PlanSnapshot
from scrm_desk.records import ChecklistKind, RoadmapPhase
from scrm_desk.reports.content import (
    MatrixChart,
    PostureChart,
    ReportContext,
    SectionContent,
    TimelineChart,
    _join,
    _title,
    fmt_share,
    format_date,
    register_section,
)

if TYPE_CHECKING:
    from scrm_desk.frameworks import FrameworkCatalog, LayersFramework, ReferenceFramework
    from scrm_desk.planning import CanvasGates, PostureView
    from scrm_desk.workspace import Workspace

#: The product's own level names, when no building-blocks framework names them.
DEFAULT_LEVEL_NAMES = ("Initial", "Developing", "Defined", "Managed", "Optimised")
#: Months as the narrow date columns write them.
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# =========================================================================== gathering


@dataclass(frozen=True, slots=True)
class PlanData:
    """The engagement's planning records, evaluated once for every planning section."""

    snapshot: PlanSnapshot
    layers: LayersFramework | None
    reference: ReferenceFramework | None
    gates: CanvasGates | None
    warnings: tuple[PlanningFinding, ...]
    posture: PostureView | None
    level_names: tuple[str, ...]

    def warning(self, rule: str) -> tuple[PlanningFinding, ...]:
        return tuple(w for w in self.warnings if w.rule == rule)


def _has_plan(snapshot: PlanSnapshot) -> bool:
    return bool(
        snapshot.canvas
        or snapshot.checklist
        or snapshot.posture is not None
        or snapshot.initiatives
        or snapshot.starting_points
        or snapshot.platforms
        or snapshot.roadmap
    )


def gather_plan(
    ws: Workspace,
    engagement_id: str,
    catalog: Callable[[], FrameworkCatalog],
    level_names: tuple[str, ...] | None,
    notes: list[str],
) -> PlanData | None:
    """The planning data of ``engagement_id``, or ``None`` when it has none."""
    snapshot = PlanSnapshot.load(ws, engagement_id)
    if not _has_plan(snapshot):
        return None
    from scrm_desk.planning import evaluate_gates, evaluate_warnings

    frameworks = catalog()
    layers: LayersFramework | None = None
    reference: ReferenceFramework | None = None
    try:
        layers = frameworks.layers()
    except LookupError:
        notes.append("No layers framework is installed, so the report has no seven-layer canvas.")
    try:
        reference = frameworks.reference()
    except LookupError:
        notes.append(
            "No Social CRM reference framework is installed, so the report has no posture, "
            "initiatives, starting points or platform strategy."
        )
    if level_names is None:
        try:
            blocks = frameworks.building_blocks()
            level_names = tuple(m.name for m in blocks.maturity_levels)
        except LookupError:
            level_names = DEFAULT_LEVEL_NAMES
    gates = warnings = None
    posture = None
    try:
        if layers is not None:
            gates = evaluate_gates(layers, snapshot.checklist)
        if reference is not None:
            warnings = evaluate_warnings(snapshot, reference)
            if snapshot.posture is not None:
                from scrm_desk.planning import load_questionnaire, posture_view

                posture = posture_view(load_questionnaire(), snapshot.posture)
    except ScrmError as exc:  # a damaged rules file: the plan is reported without it
        notes.append(
            f"The planning rules could not be read, so parts of the plan are left out: {exc}"
        )
    return PlanData(
        snapshot=snapshot,
        layers=layers,
        reference=reference,
        gates=gates,
        warnings=warnings or (),
        posture=posture,
        level_names=level_names or DEFAULT_LEVEL_NAMES,
    )


# =========================================================================== content


@dataclass(frozen=True, slots=True)
class PlanWarning:
    """A planning warning as the report prints it."""

    rule: str
    #: ``"high"``, ``"medium"`` or ``"low"``.
    severity: str
    title: str
    text: str


def _warning(finding: PlanningFinding) -> PlanWarning:
    return PlanWarning(finding.rule, finding.severity, finding.title, finding.text)


# --------------------------------------------------------------------------- layers


@dataclass(frozen=True, slots=True)
class LayerEntry:
    """What the consultant recorded for a layer or one of its processes."""

    name: str
    maturity: int | None
    #: ``"2 · Developing"``, or "Not rated".
    level_text: str
    current_state: str
    target_state: str
    pain_points: str
    owner: str
    initiatives: str

    @property
    def has_text(self) -> bool:
        return bool(self.current_state or self.target_state or self.pain_points)


@dataclass(frozen=True, slots=True)
class LayerRow:
    number: int
    layer_id: str
    entry: LayerEntry
    blocked: bool
    is_gate: bool
    processes: tuple[LayerEntry, ...]


@dataclass(frozen=True, slots=True)
class CriterionLine:
    text: str
    met: bool
    note: str


@dataclass(frozen=True, slots=True)
class GateLine:
    layer_name: str
    passed: bool
    met: int
    total: int
    #: "Passed", or what still keeps the gate closed (the "do not pass go" finding).
    headline: str
    text: str
    criteria: tuple[CriterionLine, ...]
    blocked: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LayersSection(SectionContent):
    intro: str
    framework_name: str
    attribution: str
    diagram: LayersDiagram
    gates: tuple[GateLine, ...]
    layers: tuple[LayerRow, ...]


def _level_text(plan: PlanData, maturity: int | None, not_rated: str) -> str:
    if maturity is None:
        return not_rated
    names = plan.level_names
    name = names[maturity - 1] if 1 <= maturity <= len(names) else ""
    return f"{maturity} · {name}" if name else str(maturity)


@register_section("layers", order=70, title="The seven-layer framework")
def build_layers(ctx: ReportContext) -> LayersSection | None:
    plan = ctx.plan
    if plan is None or plan.layers is None or plan.gates is None:
        return None
    gate_ticks = [e for e in plan.snapshot.checklist if e.checklist is ChecklistKind.GATE]
    if not plan.snapshot.canvas and not gate_ticks:
        return None
    texts = ctx.texts
    layers = plan.layers
    gates = plan.gates
    not_rated = texts.get("layers.not_rated")
    cells = {(c.layer_id, c.process_id): c for c in plan.snapshot.canvas}

    def entry(layer_id: str, process_id: str, name: str) -> LayerEntry:
        state = cells.get((layer_id, process_id))
        maturity = state.maturity if state is not None else None
        return LayerEntry(
            name=name,
            maturity=maturity,
            level_text=_level_text(plan, maturity, not_rated),
            current_state=state.current_state.strip() if state else "",
            target_state=state.target_state.strip() if state else "",
            pain_points=state.pain_points.strip() if state else "",
            owner=state.owner.strip() if state else "",
            initiatives=state.initiatives.strip() if state else "",
        )

    rows: list[LayerRow] = []
    diagram_layers: list[DiagramLayer] = []
    owner_label = texts.get("layers.owner", owner="{owner}")
    for number, layer in enumerate(layers.layers_in_order(), start=1):
        blocked = gates.is_blocked(layer.id)
        head = entry(layer.id, "", layer.name)
        processes = tuple(entry(layer.id, p.id, p.name) for p in layer.processes)
        rows.append(LayerRow(number, layer.id, head, blocked, layer.is_gate, processes))

        def cell(
            item: LayerEntry,
            process_id: str,
            *,
            full: bool,
            layer_id: str = layer.id,
            num: int | None = number,
            is_blocked: bool = blocked,
        ) -> DiagramCell:
            owner = item.owner
            if owner and full:
                owner = owner_label.replace("{owner}", owner)
            return DiagramCell(
                layer_id=layer_id,
                process_id=process_id,
                name=item.name,
                number=num if not process_id else None,
                maturity=item.maturity,
                level_name=item.level_text,
                owner=owner,
                blocked=is_blocked,
            )

        diagram_layers.append(
            DiagramLayer(
                cell(head, "", full=not layer.processes),
                tuple(
                    cell(p, proc.id, full=False)
                    for p, proc in zip(processes, layer.processes, strict=True)
                ),
                is_gate=layer.is_gate,
            )
        )
    names = {layer.id: layer.name for layer in layers.layers}
    gate_lines: list[GateLine] = []
    marks: list[GateMark] = []
    findings = {f.refs[0]: f for f in gates.findings if f.refs}
    for gate in gates.gates:
        finding = findings.get(gate.layer_id)
        gate_lines.append(
            GateLine(
                layer_name=gate.layer_name,
                passed=gate.passed,
                met=gate.met,
                total=gate.total,
                headline=finding.title
                if finding
                else texts.get("layers.gate_passed", layer=gate.layer_name),
                text=finding.text
                if finding
                else texts.get("layers.gate_passed_text", met=str(gate.met), total=str(gate.total)),
                criteria=tuple(
                    CriterionLine(c.text, c.checked, c.note.strip()) for c in gate.criteria
                ),
                blocked=tuple(names.get(i, i) for i in gate.blocked_layer_ids),
            )
        )
        key = "layers.gate_closed_badge" if gate.closed else "layers.gate_open_badge"
        marks.append(
            GateMark(
                gate.layer_id, gate.closed, texts.get(key, met=str(gate.met), total=str(gate.total))
            )
        )
    foundations = [e.name for e in layers.enablers if e.kind == "foundation"]
    delivery = [e.name for e in layers.enablers if e.kind == "delivery"]
    foundation_text = ""
    if foundations or delivery:
        parts = []
        if foundations:
            parts.append(texts.get("layers.foundations", names=" · ".join(foundations)))
        if delivery:
            parts.append(texts.get("layers.delivery", names=" · ".join(delivery)))
        foundation_text = "   ·   ".join(parts)
    diagram = LayersDiagram(
        layers=tuple(diagram_layers),
        gates=tuple(marks),
        level_names=plan.level_names,
        legend_title=texts.get("layers.legend_title"),
        not_rated=not_rated,
        blocked=texts.get("layers.blocked"),
        foundations=foundation_text,
    )
    return LayersSection(
        id="layers",
        title=_title(ctx, "layers"),
        intro=texts.get("layers.intro"),
        framework_name=layers.name,
        attribution=layers.attribution,
        diagram=diagram,
        gates=tuple(gate_lines),
        layers=tuple(rows),
    )


# --------------------------------------------------------------------------- posture


@dataclass(frozen=True, slots=True)
class PostureReason:
    question: str
    answer: str
    leans_to: str


@dataclass(frozen=True, slots=True)
class ApproachLine:
    name: str
    share: int
    sign: str
    placed: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class PostureSection(SectionContent):
    intro: str
    #: The approach the client is placed in (the override, else the questionnaire's).
    approach: str | None
    share: int | None
    sign: str
    risk: str
    advice: str
    #: The questionnaire's approach, and whether the consultant overrode it.
    computed: str | None
    overridden: bool
    override_note: str
    #: "The questionnaire places ..." or why it does not yet.
    verdict: str
    reasons: tuple[PostureReason, ...]
    approaches: tuple[ApproachLine, ...]
    chart: PostureChart
    source: str


@register_section("posture", order=75, title="Social CRM posture")
def build_posture(ctx: ReportContext) -> PostureSection | None:
    plan = ctx.plan
    if plan is None or plan.reference is None or plan.posture is None:
        return None
    if not plan.reference.approaches:
        return None
    view = plan.posture
    if not view.result.reasons and not view.override_approach:
        return None
    texts = ctx.texts
    reference = plan.reference
    names = {a.id: a.name for a in reference.approaches}
    placed_id = view.approach if view.approach in names else None
    computed_id = view.result.approach if view.result.approach in names else None
    result = view.result
    if computed_id is not None:
        verdict = texts.get(
            "posture.verdict",
            approach=names[computed_id].lower(),
            answered=str(result.answered),
            questions=str(result.questions),
        )
        if result.tied_with:
            verdict += " " + texts.get(
                "posture.tied", others=_join([names.get(a, a) for a in result.tied_with])
            )
    else:
        verdict = texts.get(
            "posture.too_few",
            answered=str(result.answered),
            questions=str(result.questions),
            needed=str(result.min_answers),
        )
    approach = reference.approach(placed_id) if placed_id else None
    reasons = tuple(
        PostureReason(
            question=r.question,
            answer=r.option,
            leans_to=_join([names.get(a, a) for a in r.leans_to]),
        )
        for r in result.reasons
    )
    ids = [a.id for a in reference.approaches]
    chart = PostureChart(
        names=tuple(names[i] for i in ids),
        shares=tuple(float(a.share_percent) for a in reference.approaches),
        placed=ids.index(placed_id) if placed_id else None,
        computed=ids.index(computed_id) if computed_id else None,
        client_label=texts.get("posture.client_label", client=ctx.client.name),
        computed_label=texts.get("posture.computed_label"),
        share_label=texts.get("posture.share_label"),
    )
    return PostureSection(
        id="posture",
        title=_title(ctx, "posture"),
        intro=texts.get("posture.intro"),
        approach=approach.name if approach else None,
        share=approach.share_percent if approach else None,
        sign=approach.sign if approach else "",
        risk=approach.risk if approach else "",
        advice=approach.advice if approach else "",
        computed=names.get(computed_id) if computed_id else None,
        overridden=view.overridden,
        override_note=view.override_note.strip() if view.overridden else "",
        verdict=verdict,
        reasons=reasons,
        approaches=tuple(
            ApproachLine(a.name, a.share_percent, a.sign, a.id == placed_id)
            for a in reference.approaches
        ),
        chart=chart,
        source=reference.attribution,
    )


# --------------------------------------------------------------------------- initiatives


@dataclass(frozen=True, slots=True)
class InitiativeLine:
    title: str
    description: str
    status: str
    owner: str


@dataclass(frozen=True, slots=True)
class KindGroup:
    kind_id: str
    name: str
    description: str
    strategic: bool
    initiatives: tuple[InitiativeLine, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class InitiativesSection(SectionContent):
    intro: str
    groups: tuple[KindGroup, ...]
    #: The "only tactics" warning, when it applies.
    warnings: tuple[PlanWarning, ...]


@register_section("initiatives", order=80, title="Initiatives by kind of social")
def build_initiatives(ctx: ReportContext) -> InitiativesSection | None:
    plan = ctx.plan
    if plan is None or plan.reference is None or not plan.snapshot.initiatives:
        return None
    texts = ctx.texts
    groups: list[KindGroup] = []
    known = {k.id for k in plan.reference.social_kinds}
    for kind in plan.reference.social_kinds:
        items = tuple(
            InitiativeLine(i.title, i.description.strip(), i.status.label, i.owner.strip())
            for i in plan.snapshot.initiatives
            if i.kind == kind.id
        )
        groups.append(KindGroup(kind.id, kind.name, kind.description, kind.is_strategic, items))
    unknown = tuple(
        InitiativeLine(i.title, i.description.strip(), i.status.label, i.owner.strip())
        for i in plan.snapshot.initiatives
        if i.kind not in known
    )
    if unknown:
        groups.append(KindGroup("", texts.get("initiatives.unclassified"), "", False, unknown))
    return InitiativesSection(
        id="initiatives",
        title=_title(ctx, "initiatives"),
        intro=texts.get("initiatives.intro"),
        groups=tuple(groups),
        warnings=tuple(_warning(w) for w in plan.warning(WARNING_ONLY_TACTICS)),
    )


# --------------------------------------------------------------------------- starting points


@dataclass(frozen=True, slots=True)
class StartingRow:
    area: str
    description: str
    pain: int | None
    value: int | None
    #: Pain × value (1 to 25), ``None`` unless both are rated.
    score: int | None
    chosen: bool
    note: str


@dataclass(frozen=True, slots=True)
class PlatformRow:
    name: str
    category: str
    geography: str
    purpose: str
    owner: str
    objective: str
    status: str


@dataclass(frozen=True, slots=True)
class GovernanceLine:
    text: str
    settled: bool
    note: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StartingPointsSection(SectionContent):
    starting_intro: str
    starting: tuple[StartingRow, ...]
    platforms_intro: str
    platforms: tuple[PlatformRow, ...]
    governance: tuple[GovernanceLine, ...]
    warnings: tuple[PlanWarning, ...]

    @property
    def governance_settled(self) -> int:
        return sum(1 for g in self.governance if g.settled)


@register_section("starting_points", order=85, title="Starting points and platform strategy")
def build_starting_points(ctx: ReportContext) -> StartingPointsSection | None:
    plan = ctx.plan
    if plan is None or plan.reference is None:
        return None
    snapshot = plan.snapshot
    reference = plan.reference
    rated = [
        p for p in snapshot.starting_points if p.pain is not None or p.value is not None or p.chosen
    ]
    governance_entries = {
        e.item_id: e for e in snapshot.checklist if e.checklist is ChecklistKind.GOVERNANCE
    }
    if not rated and not snapshot.platforms and not governance_entries:
        return None
    texts = ctx.texts
    by_area = {p.area_id: p for p in rated}
    starting: list[StartingRow] = []
    for area in reference.starting_areas:
        point = by_area.pop(area.id, None)
        if point is None:
            continue
        score = point.pain * point.value if point.pain and point.value else None
        starting.append(
            StartingRow(
                area.name,
                area.description,
                point.pain,
                point.value,
                score,
                point.chosen,
                point.note.strip(),
            )
        )
    for point in by_area.values():  # areas the reference no longer has
        score = point.pain * point.value if point.pain and point.value else None
        starting.append(
            StartingRow(
                point.area_id, "", point.pain, point.value, score, point.chosen, point.note.strip()
            )
        )
    categories = {c.id: c.name for c in reference.platform_categories}
    platforms = tuple(
        PlatformRow(
            name=p.name,
            category=categories.get(p.category_id, p.category_id),
            geography=p.geography.strip(),
            purpose=p.purpose.strip(),
            owner=p.owner.strip(),
            objective=p.objective.strip(),
            status=p.status.label,
        )
        for p in snapshot.platforms
    )
    show_governance = bool(governance_entries or snapshot.platforms)
    governance: tuple[GovernanceLine, ...] = ()
    if show_governance:
        governance = tuple(
            GovernanceLine(
                item.text,
                bool(governance_entries.get(item.id) and governance_entries[item.id].checked),
                governance_entries[item.id].note.strip() if item.id in governance_entries else "",
            )
            for item in reference.governance_checklist
        )
    rules = []
    if starting:
        rules.append(WARNING_TOO_MANY_STARTING_AREAS)
    if platforms:
        rules += [WARNING_SINGLE_PLATFORM, WARNING_PLATFORM_WITHOUT_OBJECTIVE]
    if governance:
        rules.append(WARNING_GOVERNANCE_GAPS)
    warnings = tuple(_warning(w) for w in plan.warnings if w.rule in rules)
    return StartingPointsSection(
        id="starting_points",
        title=_title(ctx, "starting_points"),
        starting_intro=reference.starting_areas_note or texts.get("starting_points.intro"),
        starting=tuple(starting),
        platforms_intro=reference.platform_landscape_note
        or texts.get("starting_points.platforms_intro"),
        platforms=platforms,
        governance=governance,
        warnings=warnings,
    )


# --------------------------------------------------------------------------- roadmap


@dataclass(frozen=True, slots=True)
class RoadmapLine:
    """One roadmap item, numbered as in the matrix (its place in the roadmap)."""

    number: int
    title: str
    description: str
    phase_id: str
    phase: str
    status: str
    impact: int
    effort: int
    owner: str
    start_date: str | None
    end_date: str | None
    #: Names of the linked building blocks, layers and starting areas.
    blocks: tuple[str, ...]
    layers: tuple[str, ...]
    areas: tuple[str, ...]
    #: "Suggested" for an item accepted from a suggestion, else "".
    origin: str

    @property
    def dates(self) -> str:
        if self.start_date and self.end_date:
            return f"{format_date(self.start_date)} – {format_date(self.end_date)}"
        return format_date(self.start_date or self.end_date)

    @property
    def short_dates(self) -> str:
        """``16 Nov 2026 – 15 Jan 2027``, for narrow table columns."""
        if self.start_date and self.end_date:
            return f"{short_date(self.start_date)} – {short_date(self.end_date)}"
        return short_date(self.start_date or self.end_date)


def short_date(value: str | None) -> str:
    """``2026-11-23`` as ``23 Nov 2026`` (``""`` for no date)."""
    text = format_date(value)
    parts = text.split(" ")
    if len(parts) == 3 and parts[1][:3] in MONTHS_SHORT:
        return f"{parts[0]} {parts[1][:3]} {parts[2]}"
    return text


@dataclass(frozen=True, slots=True)
class PhaseGroup:
    phase_id: str
    phase: str
    items: tuple[RoadmapLine, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RoadmapSection(SectionContent):
    intro: str
    matrix: MatrixChart
    timeline: TimelineChart | None
    phases: tuple[PhaseGroup, ...]
    #: Items without both dates, which the timeline leaves out ("" when none).
    undated_note: str


def roadmap_lines(ctx: ReportContext) -> tuple[RoadmapLine, ...]:
    """The roadmap in its order, with linked ids turned into names."""
    plan = ctx.plan
    if plan is None or not plan.snapshot.roadmap:
        return ()
    blocks: dict[str, str] = {}
    if ctx.framework is not None:
        blocks = {a.id: a.name for a in ctx.framework.areas}
    layer_names = {layer.id: layer.name for layer in plan.layers.layers} if plan.layers else {}
    area_names = {a.id: a.name for a in plan.reference.starting_areas} if plan.reference else {}
    suggested = ctx.texts.get("roadmap.suggested")
    return tuple(
        RoadmapLine(
            number=number,
            title=item.title,
            description=item.description.strip(),
            phase_id=item.phase.value,
            phase=item.phase.label,
            status=item.status.label,
            impact=item.impact,
            effort=item.effort,
            owner=item.owner.strip(),
            start_date=item.start_date,
            end_date=item.end_date,
            blocks=tuple(blocks.get(i, i) for i in item.block_ids),
            layers=tuple(layer_names.get(i, i) for i in item.layer_ids),
            areas=tuple(area_names.get(i, i) for i in item.area_ids),
            origin=suggested if item.origin else "",
        )
        for number, item in enumerate(plan.snapshot.roadmap, start=1)
    )


@register_section("roadmap", order=90, title="Roadmap")
def build_roadmap(ctx: ReportContext) -> RoadmapSection | None:
    lines = roadmap_lines(ctx)
    if not lines:
        return None
    texts = ctx.texts
    matrix = MatrixChart(
        labels=tuple(line.title for line in lines),
        impact=tuple(line.impact for line in lines),
        effort=tuple(line.effort for line in lines),
        phases=tuple(line.phase_id for line in lines),
        numbers=tuple(line.number for line in lines),
    )
    dated = [line for line in lines if line.start_date and line.end_date]
    timeline = None
    if dated:
        timeline = TimelineChart(
            labels=tuple(f"{line.number}  {line.title}" for line in dated),
            starts=tuple(line.start_date for line in dated),
            ends=tuple(line.end_date for line in dated),
            phases=tuple(line.phase_id for line in dated),
            today=ctx.today,
            today_label=texts.get("roadmap.today"),
        )
    undated = [line for line in lines if not (line.start_date and line.end_date)]
    undated_note = ""
    if undated and dated:
        undated_note = texts.get(
            "roadmap.undated", items=_join([f"{line.number} {line.title}" for line in undated])
        )
    phases = tuple(
        PhaseGroup(phase.value, phase.label, tuple(x for x in lines if x.phase_id == phase.value))
        for phase in RoadmapPhase
        if any(x.phase_id == phase.value for x in lines)
    )
    return RoadmapSection(
        id="roadmap",
        title=_title(ctx, "roadmap"),
        intro=texts.get("roadmap.intro", count=str(len(lines))),
        matrix=matrix,
        timeline=timeline,
        phases=phases,
        undated_note=undated_note,
    )


# --------------------------------------------------------------------------- summary


def plan_summary(ctx: ReportContext) -> tuple[str, ...]:
    """Sentences on the plan for the drafted executive summary (none without a plan)."""
    plan = ctx.plan
    if plan is None:
        return ()
    texts = ctx.texts
    sentences: list[str] = []
    if plan.posture is not None and plan.reference is not None and plan.posture.approach:
        try:
            approach = plan.reference.approach(plan.posture.approach)
        except KeyError:
            approach = None
        if approach is not None:
            sentences.append(
                texts.get(
                    "summary.plan_posture",
                    client=ctx.client.name,
                    approach=approach.name.lower(),
                    share=fmt_share(approach.share_percent / 100),
                )
            )
    if plan.gates is not None and (plan.snapshot.canvas or plan.snapshot.checklist):
        for gate in plan.gates.gates:
            if gate.closed:
                sentences.append(
                    texts.get("summary.plan_gate_closed", met=str(gate.met), total=str(gate.total))
                )
    if plan.warning(WARNING_ONLY_TACTICS):
        sentences.append(texts.get("summary.plan_only_tactics"))
    lines = plan.snapshot.roadmap
    if lines:
        quick = sum(1 for item in lines if item.phase is RoadmapPhase.QUICK_WIN)
        sentences.append(
            texts.get(
                "summary.plan_roadmap",
                count=f"{len(lines)} initiative" + ("s" if len(lines) != 1 else ""),
                quick_wins="one is a quick win"
                if quick == 1
                else f"{quick} of them quick wins"
                if quick
                else "none of them a quick win",
            )
        )
    return (" ".join(sentences),) if sentences else ()
