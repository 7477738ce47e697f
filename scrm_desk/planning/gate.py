"""The outside-in gate: whether an engagement may go past the Customer Strategy layer.

A layers framework marks gate layers (``is_gate``) with criteria and a ``gate_rule``:

* ``"all"``: the gate is passed when every criterion is ticked;
* ``"any"``: it is passed when at least one is ticked.

A gate without criteria has nothing to check and counts as passed. While a gate is
closed, every layer below it (higher ``order``) is blocked, and a "do not pass go"
finding says which criteria are still open. A criterion nobody has touched counts as
not met. Ticks recorded for criteria the framework no longer has are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrm_desk.frameworks.model import Layer, LayersFramework
from scrm_desk.planning.rules import (
    GATE_CLOSED,
    PlanningFinding,
    PlanningRules,
    load_planning_rules,
    render,
)
from scrm_desk.records import ChecklistEntry, ChecklistKind

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

GATE_RULE_ALL = "all"
GATE_RULE_ANY = "any"


@dataclass(frozen=True, slots=True)
class CriterionState:
    id: str
    text: str
    checked: bool
    note: str


@dataclass(frozen=True, slots=True)
class GateState:
    """One gate layer: its criteria as ticked, and whether it is passed."""

    layer_id: str
    layer_name: str
    rule: str
    criteria: tuple[CriterionState, ...]
    passed: bool
    #: The criteria not ticked, in framework order; empty when the gate is passed.
    unmet: tuple[CriterionState, ...]
    #: Layers below the gate, in framework order; empty when the gate is passed.
    blocked_layer_ids: tuple[str, ...]

    @property
    def closed(self) -> bool:
        return not self.passed

    @property
    def met(self) -> int:
        return sum(1 for criterion in self.criteria if criterion.checked)

    @property
    def total(self) -> int:
        return len(self.criteria)


@dataclass(frozen=True, slots=True)
class CanvasGates:
    """Every gate of a layers framework for one engagement, and what they block."""

    gates: tuple[GateState, ...]
    #: Layers blocked by any closed gate, in framework order.
    blocked_layer_ids: tuple[str, ...]
    #: One "do not pass go" finding per closed gate.
    findings: tuple[PlanningFinding, ...]

    @property
    def all_passed(self) -> bool:
        return all(gate.passed for gate in self.gates)

    def is_blocked(self, layer_id: str) -> bool:
        return layer_id in self.blocked_layer_ids

    def gate(self, layer_id: str) -> GateState | None:
        for gate in self.gates:
            if gate.layer_id == layer_id:
                return gate
        return None


def evaluate_gate(
    layers: LayersFramework, gate_layer: Layer, entries: Iterable[ChecklistEntry]
) -> GateState:
    """The state of one gate layer from the engagement's checklist entries."""
    ticks = {
        entry.item_id: entry
        for entry in entries
        if entry.checklist is ChecklistKind.GATE and entry.layer_id == gate_layer.id
    }
    criteria = tuple(
        CriterionState(
            id=criterion.id,
            text=criterion.text,
            checked=bool(ticks.get(criterion.id) and ticks[criterion.id].checked),
            note=ticks[criterion.id].note if criterion.id in ticks else "",
        )
        for criterion in gate_layer.gate_criteria
    )
    rule = gate_layer.gate_rule or GATE_RULE_ALL
    if not criteria:
        passed = True
    elif rule == GATE_RULE_ANY:
        passed = any(c.checked for c in criteria)
    else:
        passed = all(c.checked for c in criteria)
    below = tuple(layer.id for layer in layers.layers if layer.order > gate_layer.order)
    return GateState(
        layer_id=gate_layer.id,
        layer_name=gate_layer.name,
        rule=rule,
        criteria=criteria,
        passed=passed,
        unmet=() if passed else tuple(c for c in criteria if not c.checked),
        blocked_layer_ids=() if passed else below,
    )


def evaluate_gates(
    layers: LayersFramework,
    entries: Iterable[ChecklistEntry],
    rules: PlanningRules | None = None,
) -> CanvasGates:
    """Every gate of ``layers``, what the closed ones block, and their findings."""
    rules = rules if rules is not None else load_planning_rules()
    entries = tuple(entries)
    gates = tuple(evaluate_gate(layers, layer, entries) for layer in layers.gates())
    blocked_set = {layer_id for gate in gates for layer_id in gate.blocked_layer_ids}
    blocked = tuple(layer.id for layer in layers.layers if layer.id in blocked_set)
    names = {layer.id: layer.name for layer in layers.layers}
    findings = tuple(gate_finding(gate, names, rules) for gate in gates if gate.closed)
    return CanvasGates(gates=gates, blocked_layer_ids=blocked, findings=findings)


def gate_finding(
    gate: GateState, layer_names: dict[str, str], rules: PlanningRules
) -> PlanningFinding:
    """The "do not pass go" finding of a closed gate."""
    text = rules.gate
    values = {
        "layer": gate.layer_name,
        "met": gate.met,
        "total": gate.total,
        "needed": text.needs_any if gate.rule == GATE_RULE_ANY else text.needs_all,
        "unmet": quoted_list(c.text for c in gate.unmet),
        "blocked": ", ".join(layer_names.get(i, i) for i in gate.blocked_layer_ids),
    }
    return PlanningFinding(
        key=f"{GATE_CLOSED}:{gate.layer_id}",
        rule=GATE_CLOSED,
        severity=text.severity,
        title=render(text.title, values),
        text=render(text.text, values),
        refs=(gate.layer_id, *(c.id for c in gate.unmet)),
    )


def gate_state(
    ws: Workspace,
    engagement_id: str,
    layers: LayersFramework,
    rules: PlanningRules | None = None,
) -> CanvasGates:
    """The gates of ``engagement_id`` as its checklist stands now."""
    return evaluate_gates(layers, ws.checklists.for_engagement(engagement_id), rules)


def and_list(names: Iterable[str]) -> str:
    """Names joined for a sentence: ``A``, ``A and B``, ``A, B and C``."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def quoted_list(texts: Iterable[str]) -> str:
    """Whole sentences quoted and joined for the middle of a sentence: “A”, “B” and “C”."""
    return and_list(f"“{text.strip().rstrip('.')}”" for text in texts)
