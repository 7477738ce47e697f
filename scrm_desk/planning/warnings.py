"""Planning warnings: the common mistakes of Social CRM plans, spotted in the records.

=============================  ==========================================================
rule                           fires when
=============================  ==========================================================
only_tactics                   the register has initiatives, and every one whose kind the
                               reference framework knows is of a non-strategic kind
                               (Kolsky's "social media"); unknown kinds are left out
too_many_starting_areas        more areas are chosen first than ``max_initial_areas``
                               (no warning when the reference framework sets no maximum)
single_platform                the platforms that serve an objective are all one platform
                               (names compared ignoring case, so "Facebook" listed for two
                               regions is still one platform)
platform_without_objective     a platform has no objective (one warning per platform)
governance_gaps                a governance checklist item is not ticked (one warning
                               listing them all)
=============================  ==========================================================

Warnings are sorted by severity (high, medium, low), then in the order above, then in
the records' order. The gate's "do not pass go" finding is made by :mod:`.gate`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrm_desk.frameworks.model import ReferenceFramework
from scrm_desk.planning.gate import quoted_list
from scrm_desk.planning.rules import (
    WARNING_GOVERNANCE_GAPS,
    WARNING_ONLY_TACTICS,
    WARNING_PLATFORM_WITHOUT_OBJECTIVE,
    WARNING_RULES,
    WARNING_SINGLE_PLATFORM,
    WARNING_TOO_MANY_STARTING_AREAS,
    PlanningFinding,
    PlanningRules,
    load_planning_rules,
    render,
)
from scrm_desk.planning.snapshot import PlanSnapshot
from scrm_desk.records import Platform
from scrm_desk.scoring.results import SEVERITIES

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


def evaluate_warnings(
    snapshot: PlanSnapshot,
    reference: ReferenceFramework,
    rules: PlanningRules | None = None,
) -> tuple[PlanningFinding, ...]:
    """Every planning warning for the snapshot, sorted."""
    rules = rules if rules is not None else load_planning_rules()
    found: list[PlanningFinding] = []

    def add(rule: str, key: str, values: dict[str, object], refs: tuple[str, ...]) -> None:
        text = rules.warning(rule)
        found.append(
            PlanningFinding(
                key=key,
                rule=rule,
                severity=text.severity,
                title=render(text.title, values),
                text=render(text.text, values),
                refs=refs,
            )
        )

    # -- only tactics ---------------------------------------------------------------------
    kinds = {kind.id: kind for kind in reference.social_kinds}
    classified = [i for i in snapshot.initiatives if i.kind in kinds]
    if classified and not any(kinds[i.kind].is_strategic for i in classified):
        used = list(dict.fromkeys(kinds[i.kind].name for i in classified))
        add(
            WARNING_ONLY_TACTICS,
            WARNING_ONLY_TACTICS,
            {"count": len(classified), "kind": " and ".join(used)},
            tuple(i.id for i in classified),
        )

    # -- too many starting areas ----------------------------------------------------------
    limit = reference.max_initial_areas
    chosen = snapshot.chosen_areas()
    if limit is not None and len(chosen) > limit:
        names = {area.id: area.name for area in reference.starting_areas}
        order = {area.id: i for i, area in enumerate(reference.starting_areas)}
        ordered = sorted(chosen, key=lambda p: (order.get(p.area_id, len(order)), p.area_id))
        add(
            WARNING_TOO_MANY_STARTING_AREAS,
            WARNING_TOO_MANY_STARTING_AREAS,
            {
                "count": len(chosen),
                "max": limit,
                "areas": "; ".join(names.get(p.area_id, p.area_id) for p in ordered),
            },
            tuple(p.area_id for p in ordered),
        )

    # -- platforms ------------------------------------------------------------------------
    serving = [p for p in snapshot.platforms if p.objective.strip()]
    distinct = {_platform_key(p) for p in serving}
    if len(distinct) == 1:
        add(
            WARNING_SINGLE_PLATFORM,
            WARNING_SINGLE_PLATFORM,
            {"platform": serving[0].name, "count": len(serving)},
            tuple(p.id for p in serving),
        )
    for platform in snapshot.platforms:
        if not platform.objective.strip():
            add(
                WARNING_PLATFORM_WITHOUT_OBJECTIVE,
                f"{WARNING_PLATFORM_WITHOUT_OBJECTIVE}:{platform.id}",
                {"platform": _platform_label(platform)},
                (platform.id,),
            )

    # -- governance -----------------------------------------------------------------------
    items = reference.governance_checklist
    ticked = snapshot.governance_ticked()
    open_items = [item for item in items if item.id not in ticked]
    if open_items:
        add(
            WARNING_GOVERNANCE_GAPS,
            WARNING_GOVERNANCE_GAPS,
            {
                "count": len(open_items),
                "total": len(items),
                "items": quoted_list(item.text for item in open_items),
            },
            tuple(item.id for item in open_items),
        )

    severity_rank = {name: i for i, name in enumerate(SEVERITIES)}
    rule_rank = {name: i for i, name in enumerate(WARNING_RULES)}
    # sorted() is stable: within a rule, the records' order stays.
    return tuple(sorted(found, key=lambda f: (severity_rank[f.severity], rule_rank[f.rule])))


def planning_warnings(
    ws: Workspace,
    engagement_id: str,
    reference: ReferenceFramework,
    rules: PlanningRules | None = None,
) -> tuple[PlanningFinding, ...]:
    """The warnings for ``engagement_id`` as its records stand now."""
    return evaluate_warnings(PlanSnapshot.load(ws, engagement_id), reference, rules)


def _platform_key(platform: Platform) -> str:
    return platform.name.strip().casefold()


def _platform_label(platform: Platform) -> str:
    if platform.geography:
        return f"{platform.name} ({platform.geography})"
    return platform.name
