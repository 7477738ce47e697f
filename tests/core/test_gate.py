"""The outside-in gate: closed until its criteria are met, blocking the layers below."""

from __future__ import annotations

import dataclasses

import pytest

from scrm_desk.frameworks import FrameworkCatalog, GateCriterion, Layer, LayersFramework
from scrm_desk.planning import evaluate_gates, gate_state, load_planning_rules
from scrm_desk.records import ChecklistEntry, ChecklistKind
from scrm_desk.workspace import Workspace

CATALOG = FrameworkCatalog.load()
LAYERS = CATALOG.layers("buchanan-7-layers")
GATE = LAYERS.layer("customer_strategy")
CRITERIA = [c.id for c in GATE.gate_criteria]
BELOW = (
    "customer_to_customer",
    "customer_experience",
    "operational_channels",
    "people_ecosystem",
    "lean_agile_processes",
    "bi_listening",
)


def entry(
    item_id: str, checked: bool = True, *, layer: str = "customer_strategy"
) -> ChecklistEntry:
    return ChecklistEntry(
        id=f"id-{layer}-{item_id}",
        engagement_id="e",
        checklist=ChecklistKind.GATE,
        layer_id=layer,
        item_id=item_id,
        checked=checked,
        note="",
        created_at="2026-01-01T00:00:00.000Z",
        updated_at="2026-01-01T00:00:00.000Z",
    )


def small_framework(rule: str, criteria: int, *, gate_order: int = 1) -> LayersFramework:
    """Three layers; the gate at ``gate_order`` with ``criteria`` criteria c1, c2, ..."""
    layers = []
    for order, layer_id in enumerate(("top", "middle", "bottom"), start=1):
        is_gate = order == gate_order
        layers.append(
            Layer(
                id=layer_id,
                order=order,
                name=layer_id.capitalize(),
                short_name=layer_id,
                description="d",
                prompts=("p",),
                is_gate=is_gate,
                gate_criteria=tuple(
                    GateCriterion(f"c{i}", f"Criterion {i}.") for i in range(1, criteria + 1)
                )
                if is_gate
                else (),
                gate_rule=rule if is_gate else None,
            )
        )
    return LayersFramework(
        id="tiny",
        kind="layers",
        name="Tiny",
        version="1",
        description="d",
        attribution="a",
        source="test",
        layers=tuple(layers),
    )


def test_the_builtin_gate_is_customer_strategy_with_rule_all() -> None:
    assert [g.id for g in LAYERS.gates()] == ["customer_strategy"]
    assert GATE.gate_rule == "all" and len(CRITERIA) == 6


def test_nothing_ticked_closes_the_gate_and_blocks_every_layer_below() -> None:
    gates = evaluate_gates(LAYERS, [])
    gate = gates.gate("customer_strategy")
    assert gate is not None and gate.closed and not gates.all_passed
    assert (gate.met, gate.total) == (0, 6)
    assert [c.id for c in gate.unmet] == CRITERIA
    assert gates.blocked_layer_ids == BELOW
    assert not gates.is_blocked("customer_strategy")
    assert all(gates.is_blocked(layer_id) for layer_id in BELOW)
    (finding,) = gates.findings
    assert finding.key == "gate_closed:customer_strategy"
    assert finding.rule == "gate_closed" and finding.severity == "high"
    assert finding.title.startswith("Do not pass go")
    assert "0 of 6 gate criteria are met; the gate needs all of them." in finding.text
    assert "Customer-to-Customer, Customer Experience" in finding.text
    assert finding.refs == ("customer_strategy", *CRITERIA)


@pytest.mark.parametrize("missing", CRITERIA)
def test_all_but_one_criterion_keeps_the_gate_closed(missing: str) -> None:
    """Just below the threshold of rule "all": five of six ticked."""
    gates = evaluate_gates(LAYERS, [entry(c) for c in CRITERIA if c != missing])
    gate = gates.gate("customer_strategy")
    assert gate is not None and gate.closed
    assert [c.id for c in gate.unmet] == [missing]
    assert "5 of 6" in gates.findings[0].text
    assert gates.blocked_layer_ids == BELOW


def test_ticking_every_criterion_passes_the_gate_and_clears_the_blocked_layers() -> None:
    gates = evaluate_gates(LAYERS, [entry(c) for c in CRITERIA])
    gate = gates.gate("customer_strategy")
    assert gate is not None and gate.passed and gates.all_passed
    assert gate.unmet == () and gate.met == 6
    assert gates.blocked_layer_ids == () and gates.findings == ()
    assert not any(gates.is_blocked(layer_id) for layer_id in BELOW)


def test_an_unticked_entry_and_ticks_elsewhere_do_not_count() -> None:
    entries = [entry(c) for c in CRITERIA[1:]]
    entries.append(entry(CRITERIA[0], checked=False))  # touched, then unticked
    entries.append(entry(CRITERIA[0], layer="people_ecosystem"))  # another layer
    entries.append(entry("retired_criterion"))  # not in the framework any more
    governance = dataclasses.replace(entry(CRITERIA[0]), checklist=ChecklistKind.GOVERNANCE)
    entries.append(governance)
    gate = evaluate_gates(LAYERS, entries).gate("customer_strategy")
    assert gate is not None and gate.closed
    assert [c.id for c in gate.unmet] == [CRITERIA[0]]


# (rule, number of criteria, ticked, passed, blocked layers)
RULES = [
    ("all", 3, [], False, ("middle", "bottom")),
    ("all", 3, ["c1", "c2"], False, ("middle", "bottom")),
    ("all", 3, ["c1", "c2", "c3"], True, ()),
    ("any", 3, [], False, ("middle", "bottom")),
    ("any", 3, ["c2"], True, ()),
    ("any", 3, ["c1", "c2", "c3"], True, ()),
    ("all", 0, [], True, ()),  # nothing to check
    ("any", 0, [], True, ()),
]


@pytest.mark.parametrize(("rule", "count", "ticked", "passed", "blocked"), RULES)
def test_gate_rules(rule, count, ticked, passed, blocked) -> None:
    framework = small_framework(rule, count)
    gates = evaluate_gates(framework, [entry(c, layer="top") for c in ticked])
    gate = gates.gate("top")
    assert gate is not None and gate.passed is passed
    assert gates.blocked_layer_ids == blocked
    assert len(gates.findings) == (0 if passed else 1)


def test_any_rule_finding_says_at_least_one() -> None:
    gates = evaluate_gates(small_framework("any", 2), [])
    assert "the gate needs at least one" in gates.findings[0].text
    assert "Still open: “Criterion 1” and “Criterion 2”." in gates.findings[0].text


def test_a_gate_in_the_middle_blocks_only_the_layers_below_it() -> None:
    gates = evaluate_gates(small_framework("all", 1, gate_order=2), [])
    assert gates.blocked_layer_ids == ("bottom",)
    assert not gates.is_blocked("top")


def test_a_framework_without_gates_blocks_nothing() -> None:
    framework = small_framework("all", 2, gate_order=99)
    gates = evaluate_gates(framework, [])
    assert gates.gates == () and gates.blocked_layer_ids == () and gates.all_passed


def test_gate_through_the_workspace(workspace: Workspace) -> None:
    client = workspace.clients.create(name="Acme").record
    engagement = workspace.engagements.create(client_id=client.id, title="Plan").record
    rules = load_planning_rules()
    assert gate_state(workspace, engagement.id, LAYERS, rules).blocked_layer_ids == BELOW
    for criterion in CRITERIA[:-1]:
        workspace.checklists.save_gate(engagement.id, "customer_strategy", criterion, checked=True)
    assert gate_state(workspace, engagement.id, LAYERS, rules).blocked_layer_ids == BELOW
    workspace.checklists.save_gate(
        engagement.id, "customer_strategy", CRITERIA[-1], checked=True, note="Joint workshop"
    )
    gates = gate_state(workspace, engagement.id, LAYERS, rules)
    assert gates.all_passed and gates.blocked_layer_ids == ()
    gate = gates.gate("customer_strategy")
    assert gate is not None and gate.criteria[-1].note == "Joint workshop"
    # Unticking one closes it again.
    workspace.checklists.save_gate(engagement.id, "customer_strategy", CRITERIA[0], checked=False)
    assert gate_state(workspace, engagement.id, LAYERS, rules).is_blocked("bi_listening")
