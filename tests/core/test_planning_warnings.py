"""Planning warnings, each at and just below its threshold, and the planning rules file."""

from __future__ import annotations

import copy
import dataclasses
import tomllib
from pathlib import Path

import pytest

from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.planning import (
    PlanningRulesError,
    PlanSnapshot,
    evaluate_warnings,
    load_planning_rules,
    planning_warnings,
)
from scrm_desk.planning.rules import default_rules_path, parse_planning_rules
from scrm_desk.records import (
    ChecklistEntry,
    ChecklistKind,
    InitiativeStatus,
    Platform,
    PlatformStatus,
    SocialInitiative,
    StartingPoint,
)
from scrm_desk.workspace import Workspace

CATALOG = FrameworkCatalog.load()
REFERENCE = CATALOG.reference()
RULES = load_planning_rules()
GOVERNANCE_IDS = [item.id for item in REFERENCE.governance_checklist]
T = "2026-01-01T00:00:00.000Z"


def initiative(n: int, kind: str) -> SocialInitiative:
    return SocialInitiative(
        f"i{n}", "e", f"Initiative {n}", "", kind, InitiativeStatus.CURRENT, "", T, T
    )


def area(area_id: str, chosen: bool = True, pain: int | None = None, value: int | None = None):
    return StartingPoint(f"s-{area_id}", "e", area_id, pain, value, chosen, "", T, T)


def platform(n: int, name: str, objective: str = "Objective", geography: str = "") -> Platform:
    return Platform(
        f"p{n}", "e", name, "social_networking", geography, "", "", objective,
        PlatformStatus.USING, T, T,
    )  # fmt: skip


def governance(*ticked: str) -> tuple[ChecklistEntry, ...]:
    return tuple(
        ChecklistEntry(f"g-{i}", "e", ChecklistKind.GOVERNANCE, "", i, True, "", T, T)
        for i in ticked
    )


ALL_GOVERNANCE = governance(*GOVERNANCE_IDS)


def snapshot(**values) -> PlanSnapshot:
    """A snapshot that raises no warning, with ``values`` changed."""
    values.setdefault("checklist", ALL_GOVERNANCE)
    return PlanSnapshot(engagement_id="e", **values)


def rules_fired(snap: PlanSnapshot) -> list[str]:
    return [w.rule for w in evaluate_warnings(snap, REFERENCE, RULES)]


def test_a_sound_plan_has_no_warning() -> None:
    snap = snapshot(
        initiatives=(initiative(1, "social_media"), initiative(2, "social_crm")),
        starting_points=(
            area("sales"),
            area("customer_service"),
            area("marketing_monitoring", False),
        ),
        platforms=(platform(1, "LinkedIn"), platform(2, "Xing")),
    )
    assert evaluate_warnings(snap, REFERENCE, RULES) == ()


# --------------------------------------------------------------------------- only tactics

TACTICS = [
    # (kinds of the initiatives, fires)
    ((), False),  # an empty register says nothing
    (("social_media",), True),
    (("social_media", "social_media", "social_media"), True),
    (("social_media", "social_crm"), False),  # one strategic initiative is enough
    (("social_media", "social_business"), False),
    (("social_crm",), False),
    (("social_media", "unknown_kind"), True),  # unknown kinds are left out
    (("unknown_kind",), False),
]


@pytest.mark.parametrize(("kinds", "fires"), TACTICS)
def test_only_tactics(kinds, fires) -> None:
    snap = snapshot(initiatives=tuple(initiative(n, k) for n, k in enumerate(kinds)))
    warnings = [w for w in evaluate_warnings(snap, REFERENCE, RULES) if w.rule == "only_tactics"]
    assert bool(warnings) is fires
    if fires:
        (warning,) = warnings
        known = sum(1 for k in kinds if k != "unknown_kind")
        assert warning.severity == "high" and warning.key == "only_tactics"
        assert f"All {known} initiatives in the register are classified as Social media:" in (
            warning.text
        )
        assert len(warning.refs) == known


# --------------------------------------------------------------------------- starting areas

AREAS = ["sales", "customer_service", "marketing_brand_awareness", "marketing_monitoring"]


@pytest.mark.parametrize(
    ("chosen", "fires"), [(0, False), (1, False), (2, False), (3, True), (4, True)]
)
def test_too_many_starting_areas(chosen, fires) -> None:
    assert REFERENCE.max_initial_areas == 2
    points = tuple(area(a, chosen=i < chosen) for i, a in enumerate(AREAS))
    fired = rules_fired(snapshot(starting_points=points))
    assert ("too_many_starting_areas" in fired) is fires


def test_too_many_starting_areas_text_lists_them_in_framework_order() -> None:
    points = (area("marketing_monitoring"), area("sales"), area("customer_service"))
    (warning,) = evaluate_warnings(snapshot(starting_points=points), REFERENCE, RULES)
    assert warning.text.startswith(
        "3 starting areas are chosen to go first (Sales: social networking for contacts; "
        "Customer service; Marketing: monitoring); start with at most 2."
    )
    assert warning.refs == ("sales", "customer_service", "marketing_monitoring")


def test_no_maximum_no_warning() -> None:
    unlimited = dataclasses.replace(REFERENCE, max_initial_areas=None)
    points = tuple(area(a) for a in AREAS)
    assert evaluate_warnings(snapshot(starting_points=points), unlimited, RULES) == ()


# --------------------------------------------------------------------------- platforms

PLATFORMS = [
    # (platforms, expected rules in order)
    ((), []),
    ((platform(1, "Facebook"),), ["single_platform"]),
    (
        (platform(1, "Facebook", geography="DE"), platform(2, "facebook ", geography="FR")),
        ["single_platform"],
    ),
    ((platform(1, "Facebook"), platform(2, "Instagram")), []),
    (
        (platform(1, "Facebook"), platform(2, "Instagram", objective=" ")),
        ["single_platform", "platform_without_objective"],
    ),
    ((platform(1, "Facebook", objective=""),), ["platform_without_objective"]),
    (
        (platform(1, "A", objective=""), platform(2, "B", objective="")),
        ["platform_without_objective"] * 2,
    ),
]


@pytest.mark.parametrize(("platforms", "expected"), PLATFORMS)
def test_platform_rules(platforms, expected) -> None:
    assert rules_fired(snapshot(platforms=platforms)) == expected


def test_platform_warning_texts_and_keys() -> None:
    snap = snapshot(
        platforms=(platform(1, "Facebook"), platform(2, "VK", objective="", geography="RU"))
    )
    single, orphan = evaluate_warnings(snap, REFERENCE, RULES)
    assert single.title == "The strategy depends on a single platform: Facebook"
    assert single.text.startswith("Every objective in the platform inventory rests on Facebook.")
    assert orphan.key == "platform_without_objective:p2"
    assert orphan.title == "VK (RU) serves no objective"
    assert orphan.severity == "low" and orphan.refs == ("p2",)


# --------------------------------------------------------------------------- governance


@pytest.mark.parametrize("open_count", [0, 1, 2, 8])
def test_governance_gaps(open_count) -> None:
    ticked = GOVERNANCE_IDS[open_count:]
    warnings = evaluate_warnings(snapshot(checklist=governance(*ticked)), REFERENCE, RULES)
    if open_count == 0:
        assert warnings == ()
        return
    (warning,) = warnings
    assert warning.rule == "governance_gaps"
    assert warning.title == (f"Governance is not settled: {open_count} of 8 checklist points open")
    assert warning.text.startswith("Until they are, employees who answer customers")
    assert warning.refs == tuple(GOVERNANCE_IDS[:open_count])


def test_an_unticked_governance_entry_is_a_gap() -> None:
    entries = governance(*GOVERNANCE_IDS)
    entries = (dataclasses.replace(entries[0], checked=False), *entries[1:])
    (warning,) = evaluate_warnings(snapshot(checklist=entries), REFERENCE, RULES)
    assert warning.refs == (GOVERNANCE_IDS[0],)


def test_warnings_are_sorted_by_severity_then_rule() -> None:
    snap = snapshot(
        checklist=(),
        initiatives=(initiative(1, "social_media"),),
        starting_points=tuple(area(a) for a in AREAS[:3]),
        platforms=(platform(1, "Facebook"), platform(2, "VK", objective="")),
    )
    assert rules_fired(snap) == [
        "only_tactics",  # high
        "too_many_starting_areas",  # medium
        "single_platform",  # medium
        "governance_gaps",  # medium
        "platform_without_objective",  # low
    ]


def test_warnings_through_the_workspace(workspace: Workspace) -> None:
    client = workspace.clients.create(name="Acme").record
    engagement = workspace.engagements.create(client_id=client.id, title="Plan").record
    workspace.social_initiatives.create(
        engagement_id=engagement.id, title="Page", kind="social_media"
    )
    for item in GOVERNANCE_IDS:
        workspace.checklists.save_governance(engagement.id, item, checked=True)
    warnings = planning_warnings(workspace, engagement.id, REFERENCE, RULES)
    assert [w.rule for w in warnings] == ["only_tactics"]


# --------------------------------------------------------------------------- the rules file

RAW = tomllib.loads(default_rules_path().read_text(encoding="utf-8"))


def test_builtin_rules_load_and_their_links_exist() -> None:
    assert RULES.largest_gaps == 3
    blocks = {a.id for a in CATALOG.building_blocks().areas}
    layers = {layer.id for layer in CATALOG.layers().layers}
    areas = {a.id for a in REFERENCE.starting_areas}
    for template in RULES.suggestions:
        assert set(template.block_ids) <= blocks, template.rule
        assert set(template.layer_ids) <= layers, template.rule
        assert set(template.area_ids) <= areas, template.rule


def broken(change) -> dict:
    data = copy.deepcopy(RAW)
    change(data)
    return data


BROKEN = [
    (lambda d: d.update(schema_version=3), "schema_version 3 is newer"),
    (lambda d: d.pop("gate"), "a [gate] table is required"),
    (lambda d: d.update(extra=1), "unknown key(s): extra"),
    (lambda d: d["limits"].update(largest_gaps=-1), "largest_gaps must be a whole number"),
    (lambda d: d["gate"].update(severity="fatal"), "[gate] severity must be one of high"),
    (lambda d: d["gate"].update(title="{layr} closed"), "uses unknown placeholder {layr}"),
    (lambda d: d["gate"].update(text="{met:>3}"), "must not carry a format"),
    (lambda d: d["gate"].update(text="{unclosed"), "is not a valid template"),
    (lambda d: d["warnings"].pop("single_platform"), "no [warnings.single_platform]"),
    (lambda d: d["warnings"].update(shiny={}), "unknown rule(s) in [warnings]: shiny"),
    (lambda d: d["warnings"]["only_tactics"].update(text=""), "text must be a non-empty text"),
    (lambda d: d["warnings"]["only_tactics"].update(text="{platform}"), "allowed: {count}, {kind}"),
    (lambda d: d["suggestions"].pop("large_gap"), "no [suggestions.large_gap]"),
    (
        lambda d: d["suggestions"]["large_gap"].update(phase="soon"),
        "phase must be one of quick_win",
    ),
    (
        lambda d: d["suggestions"]["large_gap"].update(impact=6),
        "impact must be a whole number from 1 to 5",
    ),
    (lambda d: d["suggestions"]["large_gap"].update(effort=0), "effort must be a whole number"),
    (
        lambda d: d["suggestions"]["large_gap"].update(block_ids="vision"),
        "block_ids must be a list",
    ),
    (lambda d: d["suggestions"]["large_gap"].update(owner="CIO"), "unknown key(s): owner"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_broken_rules_are_refused_clearly(change, message) -> None:
    with pytest.raises(PlanningRulesError) as caught:
        parse_planning_rules(broken(change), source="planning.toml")
    assert str(caught.value).startswith("planning.toml: ")
    assert message in str(caught.value)


def test_literal_braces_and_limits_are_fine() -> None:
    rules = parse_planning_rules(
        broken(
            lambda d: (
                d["gate"].update(title="{{not a placeholder}} {layer}"),
                d["limits"].update(largest_gaps=0),
                d["suggestions"]["large_gap"].update(impact=1, effort=5),
            )
        )
    )
    assert rules.gate.title.startswith("{{not")
    assert rules.largest_gaps == 0


def test_rules_file_errors(tmp_path: Path) -> None:
    with pytest.raises(PlanningRulesError, match="cannot read the planning rules"):
        load_planning_rules(tmp_path / "none.toml")
    bad = tmp_path / "planning.toml"
    bad.write_bytes(b"schema_version = \xff")
    with pytest.raises(PlanningRulesError, match=r"planning\.toml"):
        load_planning_rules(bad)
