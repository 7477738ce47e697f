"""Suggested roadmap initiatives, from the findings and the planning records.

Nothing reaches the roadmap without the consultant: :func:`suggest` only proposes;
:func:`accept_suggestion` creates the roadmap item (with the consultant's edits) and
:func:`dismiss_suggestion` hides a suggestion for good. Each suggestion has a stable
``key`` built from what it is about, so a dismissed one stays dismissed and an accepted
one (its key is the item's ``origin``) is not suggested again, however often the
suggestions are recomputed.

=====================  ===========================================  =====================
rule                   suggested when                               key
=====================  ===========================================  =====================
gate_closed            a gate of the layers framework is closed     gate_closed:<layer>
missing_block          a ``missing_block`` finding (any lens)       missing_block:<block>
broken_foundation      a ``broken_foundation`` finding              broken_foundation:<block>
misalignment           a business-IT ``misalignment`` finding       misalignment:<block>
large_gap              a ``large_gap`` finding, the largest gaps    large_gap:<block>
                       first, at most ``largest_gaps`` blocks, and
                       not for a block already suggested as missing
no_starting_area       starting areas exist and none is chosen      no_starting_area
single_platform        the ``single_platform`` warning fires        single_platform
only_tactics           the ``only_tactics`` warning fires           only_tactics
governance_gaps        the ``governance_gaps`` warning fires        governance_gaps
=====================  ===========================================  =====================

The wording, phase, impact, effort and fixed links of each come from
``resources/rules/planning.toml``; the rule adds the links it is about (the block, the
gate layer, the candidate starting areas).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrm_desk.changes import Changes, Saved
from scrm_desk.errors import ValidationError
from scrm_desk.frameworks.model import BuildingBlocksFramework, LayersFramework, ReferenceFramework
from scrm_desk.planning.gate import CanvasGates, evaluate_gates, quoted_list
from scrm_desk.planning.rules import (
    SUGGEST_BROKEN_FOUNDATION,
    SUGGEST_GATE_CLOSED,
    SUGGEST_GOVERNANCE_GAPS,
    SUGGEST_LARGE_GAP,
    SUGGEST_MISALIGNMENT,
    SUGGEST_MISSING_BLOCK,
    SUGGEST_NO_STARTING_AREA,
    SUGGEST_ONLY_TACTICS,
    SUGGEST_SINGLE_PLATFORM,
    SUGGESTION_RULES,
    WARNING_GOVERNANCE_GAPS,
    WARNING_ONLY_TACTICS,
    WARNING_SINGLE_PLATFORM,
    PlanningFinding,
    PlanningRules,
    SuggestionTemplate,
    load_planning_rules,
    render,
)
from scrm_desk.planning.snapshot import PlanSnapshot
from scrm_desk.planning.warnings import evaluate_warnings
from scrm_desk.records import (
    AssessmentStatus,
    DismissedSuggestion,
    Lens,
    RoadmapItem,
    RoadmapPhase,
)
from scrm_desk.scoring.findings import fmt
from scrm_desk.scoring.results import AssessmentResult, Finding
from scrm_desk.scoring.rules import (
    KIND_BROKEN_FOUNDATION,
    KIND_LARGE_GAP,
    KIND_MISALIGNMENT,
    KIND_MISSING_BLOCK,
)

if TYPE_CHECKING:
    from scrm_desk.frameworks.catalog import FrameworkCatalog
    from scrm_desk.workspace import Workspace

#: Fields of a suggestion the consultant may change when accepting it.
EDITABLE_ON_ACCEPT = frozenset(
    {
        "title",
        "description",
        "block_ids",
        "layer_ids",
        "area_ids",
        "impact",
        "effort",
        "owner",
        "phase",
        "start_date",
        "end_date",
        "status",
    }
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A roadmap initiative the workbench proposes; the consultant decides."""

    key: str
    rule: str
    title: str
    description: str
    phase: RoadmapPhase
    impact: int
    effort: int
    block_ids: tuple[str, ...]
    layer_ids: tuple[str, ...]
    area_ids: tuple[str, ...]
    #: The finding or warning it answers, as the consultant read it.
    reason: str

    def roadmap_values(self) -> dict[str, object]:
        """The roadmap item this suggestion becomes, before the consultant's edits."""
        return {
            "title": self.title,
            "description": self.description,
            "block_ids": self.block_ids,
            "layer_ids": self.layer_ids,
            "area_ids": self.area_ids,
            "impact": self.impact,
            "effort": self.effort,
            "phase": self.phase,
        }


def suggest(
    snapshot: PlanSnapshot,
    *,
    layers: LayersFramework,
    reference: ReferenceFramework,
    blocks: BuildingBlocksFramework | None = None,
    result: AssessmentResult | None = None,
    gates: CanvasGates | None = None,
    warnings: Iterable[PlanningFinding] | None = None,
    rules: PlanningRules | None = None,
    include_handled: bool = False,
) -> tuple[Suggestion, ...]:
    """The suggestions for an engagement, in rule order; dismissed and accepted ones are
    left out unless ``include_handled``.

    ``result`` is the latest assessment's scoring (``None`` without one) and ``blocks``
    its framework, for block names. ``gates`` and ``warnings`` are computed when not given.
    """
    rules = rules if rules is not None else load_planning_rules()
    gates = gates if gates is not None else evaluate_gates(layers, snapshot.checklist, rules)
    warning_list = tuple(
        warnings if warnings is not None else evaluate_warnings(snapshot, reference, rules)
    )
    found: list[Suggestion] = []

    def add(
        rule: str,
        key: str,
        values: Mapping[str, object],
        reason: str,
        *,
        block_ids: tuple[str, ...] = (),
        layer_ids: tuple[str, ...] = (),
        area_ids: tuple[str, ...] = (),
    ) -> None:
        found.append(
            _fill(
                rules.suggestion(rule),
                key,
                values,
                reason,
                block_ids=block_ids,
                layer_ids=layer_ids,
                area_ids=area_ids,
            )
        )

    # -- the gate ---------------------------------------------------------------------------
    gate_findings = {f.key: f for f in gates.findings}
    for gate in gates.gates:
        if gate.closed:
            key = f"{SUGGEST_GATE_CLOSED}:{gate.layer_id}"
            add(
                SUGGEST_GATE_CLOSED,
                key,
                {
                    "layer": gate.layer_name,
                    "unmet": quoted_list(c.text for c in gate.unmet),
                },
                gate_findings[key].title if key in gate_findings else gate.layer_name,
                layer_ids=(gate.layer_id,),
            )

    # -- from the assessment's findings ---------------------------------------------------
    if result is not None:
        names = {area.id: area.name for area in blocks.areas} if blocks is not None else {}
        missing = _by_area(result.findings, KIND_MISSING_BLOCK)
        for area_id, findings in missing.items():
            add(
                SUGGEST_MISSING_BLOCK,
                f"{SUGGEST_MISSING_BLOCK}:{area_id}",
                {"block": names.get(area_id, area_id), "lenses": _lenses(findings)},
                findings[0].title,
                block_ids=(area_id,),
            )
        for area_id, findings in _by_area(result.findings, KIND_BROKEN_FOUNDATION).items():
            if area_id in missing:  # repairing a missing block already covers it
                continue
            add(
                SUGGEST_BROKEN_FOUNDATION,
                f"{SUGGEST_BROKEN_FOUNDATION}:{area_id}",
                {"block": names.get(area_id, area_id)},
                findings[0].title,
                block_ids=(area_id,),
            )
        for area_id, findings in _by_area(result.findings, KIND_MISALIGNMENT).items():
            add(
                SUGGEST_MISALIGNMENT,
                f"{SUGGEST_MISALIGNMENT}:{area_id}",
                {"block": names.get(area_id, area_id), "lenses": _lenses(findings)},
                findings[0].title,
                block_ids=(area_id,),
            )
        for finding, gap, score, target in _largest_gaps(result, set(missing), rules.largest_gaps):
            area_id = finding.area_id or ""
            add(
                SUGGEST_LARGE_GAP,
                f"{SUGGEST_LARGE_GAP}:{area_id}",
                {
                    "block": names.get(area_id, area_id),
                    "lens": finding.lens.label if finding.lens is not None else "",
                    "score": fmt(score),
                    "target": fmt(target),
                    "gap": fmt(gap),
                },
                finding.title,
                block_ids=(area_id,),
            )

    # -- starting areas -------------------------------------------------------------------
    if reference.starting_areas and not snapshot.chosen_areas():
        candidates = _candidate_areas(snapshot, reference)
        names = {area.id: area.name for area in reference.starting_areas}
        shown = candidates or tuple(area.id for area in reference.starting_areas)
        add(
            SUGGEST_NO_STARTING_AREA,
            SUGGEST_NO_STARTING_AREA,
            {"candidates": "; ".join(names[i] for i in shown)},
            rules.suggestion(SUGGEST_NO_STARTING_AREA).title,
            area_ids=candidates,
        )

    # -- from the warnings ----------------------------------------------------------------
    by_rule = {w.rule: w for w in warning_list}
    single = by_rule.get(WARNING_SINGLE_PLATFORM)
    if single is not None:
        platform = next((p for p in snapshot.platforms if p.id in single.refs), None)
        add(
            SUGGEST_SINGLE_PLATFORM,
            SUGGEST_SINGLE_PLATFORM,
            {"platform": platform.name if platform is not None else ""},
            single.title,
        )
    tactics = by_rule.get(WARNING_ONLY_TACTICS)
    if tactics is not None:
        add(SUGGEST_ONLY_TACTICS, SUGGEST_ONLY_TACTICS, {"count": len(tactics.refs)}, tactics.title)
    governance = by_rule.get(WARNING_GOVERNANCE_GAPS)
    if governance is not None:
        texts = {item.id: item.text.rstrip(".") for item in reference.governance_checklist}
        add(
            SUGGEST_GOVERNANCE_GAPS,
            SUGGEST_GOVERNANCE_GAPS,
            {
                "count": len(governance.refs),
                "items": quoted_list(texts.get(i, i) for i in governance.refs),
            },
            governance.title,
        )

    rank = {rule: i for i, rule in enumerate(SUGGESTION_RULES)}
    found.sort(key=lambda s: rank[s.rule])  # stable: framework order within a rule
    if include_handled:
        return tuple(found)
    handled = snapshot.dismissed | snapshot.roadmap_origins()
    return tuple(s for s in found if s.key not in handled)


# --------------------------------------------------------------------------- workspace


def latest_result(
    ws: Workspace, engagement_id: str, catalog: FrameworkCatalog
) -> tuple[BuildingBlocksFramework, AssessmentResult] | None:
    """The engagement's latest complete assessment (else its latest), scored, with its
    framework; ``None`` without an assessment or when its framework is not loaded."""
    from scrm_desk.scoring import score_assessment

    # A complete assessment is the firmer ground for a roadmap than a review half done.
    assessments = ws.assessments.for_engagement(engagement_id)
    complete = [a for a in assessments if a.status is AssessmentStatus.COMPLETE]
    assessment = complete[-1] if complete else (assessments[-1] if assessments else None)
    if assessment is None:
        return None
    framework = catalog.get(assessment.framework_id)
    if not isinstance(framework, BuildingBlocksFramework):
        return None
    result = score_assessment(
        framework,
        assessment,
        ws.responses.for_assessment(assessment.id),
        ws.stakeholders.for_engagement(engagement_id),
    )
    return framework, result


def suggestions_for(
    ws: Workspace,
    engagement_id: str,
    catalog: FrameworkCatalog,
    rules: PlanningRules | None = None,
) -> tuple[Suggestion, ...]:
    """The open suggestions for ``engagement_id``, from its latest assessment and its
    planning records, with the catalog's default layers and reference frameworks."""
    scored = latest_result(ws, engagement_id, catalog)
    return suggest(
        PlanSnapshot.load(ws, engagement_id),
        layers=catalog.layers(),
        reference=catalog.reference(),
        blocks=scored[0] if scored else None,
        result=scored[1] if scored else None,
        rules=rules,
    )


def accept_suggestion(
    ws: Workspace,
    engagement_id: str,
    suggestion: Suggestion,
    edits: Mapping[str, object] | None = None,
) -> Saved[RoadmapItem]:
    """Put ``suggestion`` on the roadmap, with the consultant's ``edits`` applied.

    The item remembers the suggestion's key as its ``origin``, so the suggestion is not
    made again; deleting the item (an undo) brings it back.
    """
    edits = dict(edits or {})
    unknown = sorted(set(edits) - EDITABLE_ON_ACCEPT)
    if unknown:
        raise ValidationError(unknown[0], "cannot be set when accepting a suggestion")
    values: dict[str, Any] = suggestion.roadmap_values() | edits
    values |= {"engagement_id": engagement_id, "origin": suggestion.key}
    return ws.roadmap.create(**values)


def dismiss_suggestion(
    ws: Workspace, engagement_id: str, suggestion: Suggestion
) -> Saved[DismissedSuggestion]:
    """Hide ``suggestion`` for this engagement; it is not made again."""
    return ws.dismissed_suggestions.dismiss(engagement_id, suggestion.key, suggestion.title)


def restore_suggestion(ws: Workspace, engagement_id: str, key: str) -> Changes:
    """Make a dismissed suggestion again (undo of a dismissal)."""
    return ws.dismissed_suggestions.restore(engagement_id, key)


# --------------------------------------------------------------------------- helpers


def _fill(
    template: SuggestionTemplate,
    key: str,
    values: Mapping[str, object],
    reason: str,
    *,
    block_ids: tuple[str, ...],
    layer_ids: tuple[str, ...],
    area_ids: tuple[str, ...],
) -> Suggestion:
    return Suggestion(
        key=key,
        rule=template.rule,
        title=render(template.title, values),
        description=render(template.description, values),
        phase=template.phase,
        impact=template.impact,
        effort=template.effort,
        block_ids=tuple(dict.fromkeys((*block_ids, *template.block_ids))),
        layer_ids=tuple(dict.fromkeys((*layer_ids, *template.layer_ids))),
        area_ids=tuple(dict.fromkeys((*area_ids, *template.area_ids))),
        reason=reason,
    )


def _by_area(findings: Iterable[Finding], kind: str) -> dict[str, list[Finding]]:
    """Findings of ``kind`` per area, areas in the order findings list them first."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.kind == kind and finding.area_id:
            grouped.setdefault(finding.area_id, []).append(finding)
    return grouped


def _lenses(findings: Iterable[Finding]) -> str:
    present = {f.lens for f in findings if f.lens is not None}
    return " and ".join(lens.label for lens in Lens if lens in present)


def _largest_gaps(
    result: AssessmentResult, skip: set[str], limit: int
) -> list[tuple[Finding, float, float, float]]:
    """The ``large_gap`` findings of the blocks with the largest gaps, one per block
    (its larger lens), largest first; ties keep the findings' order."""
    best: dict[str, tuple[Finding, float, float, float]] = {}
    for finding in result.findings:
        if finding.kind != KIND_LARGE_GAP or not finding.area_id or finding.area_id in skip:
            continue
        if finding.lens is None:
            continue
        block = result.block(finding.area_id, finding.lens)
        if block is None or block.gap is None or block.score is None or block.target is None:
            continue
        current = best.get(finding.area_id)
        if current is None or block.gap > current[1]:
            best[finding.area_id] = (finding, block.gap, block.score, block.target)
    order = {area: i for i, area in enumerate(best)}
    ranked = sorted(best.values(), key=lambda item: (-item[1], order[item[0].area_id or ""]))
    return ranked[:limit]


def _candidate_areas(snapshot: PlanSnapshot, reference: ReferenceFramework) -> tuple[str, ...]:
    """The best-rated starting areas (pain times value), as many as may go first.

    Areas rated on both pain and value count; ties keep the framework's order. Empty when
    no area is rated on both.
    """
    order = {area.id: i for i, area in enumerate(reference.starting_areas)}
    rated = [
        p
        for p in snapshot.starting_points
        if p.area_id in order and p.pain is not None and p.value is not None
    ]
    rated.sort(key=lambda p: (-(p.pain or 0) * (p.value or 0), order[p.area_id]))
    return tuple(p.area_id for p in rated[: reference.max_initial_areas or 2])
