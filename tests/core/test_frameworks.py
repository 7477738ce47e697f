"""Framework content, loader and catalog (no Qt)."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scrm_desk.frameworks import (
    BUILTIN_SOURCE,
    MAX_FILE_BYTES,
    BuildingBlocksFramework,
    FrameworkCatalog,
    FrameworkError,
    LayersFramework,
    ReferenceFramework,
    builtin_frameworks_dir,
    check_file,
    framework_to_dict,
    load_framework_file,
    parse_framework,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "frameworks"
GOOD = DATA / "good"
BROKEN = DATA / "broken"


@pytest.fixture(scope="module")
def catalog() -> FrameworkCatalog:
    return FrameworkCatalog.load()


@pytest.fixture(scope="module")
def blocks(catalog: FrameworkCatalog) -> BuildingBlocksFramework:
    return catalog.building_blocks()


@pytest.fixture(scope="module")
def layers(catalog: FrameworkCatalog) -> LayersFramework:
    return catalog.layers()


@pytest.fixture(scope="module")
def reference(catalog: FrameworkCatalog) -> ReferenceFramework:
    return catalog.reference()


# --------------------------------------------------------------------------- built-in


def test_builtin_files_load_without_problems(catalog: FrameworkCatalog) -> None:
    assert catalog.problems == ()
    assert [fw.id for fw in catalog.frameworks] == [
        "gartner-8bb",
        "buchanan-7-layers",
        "social-crm-reference",
    ]
    for fw in catalog:
        assert fw.source == BUILTIN_SOURCE and fw.is_builtin
        assert fw.version and fw.description and fw.attribution
        assert "SCRM Desk" in fw.attribution
    assert catalog.building_blocks().id == "gartner-8bb"
    assert catalog.get("buchanan-7-layers") is catalog.layers()
    assert catalog.of_kind("reference") == (catalog.reference(),)
    assert catalog.get("nope") is None


def test_builtin_dir_is_the_resources_folder() -> None:
    folder = builtin_frameworks_dir()
    assert folder.is_dir()
    assert (folder / "building_blocks.toml").is_file()


def test_core_does_not_import_qt() -> None:
    code = (
        "import sys, scrm_desk.frameworks as f; f.FrameworkCatalog.load(); "
        "sys.exit(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


# --------------------------------------------------------------------------- building blocks

EXPECTED_AREAS = [
    # id, name, metaphor, sub-components
    ("vision", "Vision", "brain", ["leadership", "market_position", "value_proposition"]),
    ("strategy", "Strategy", "brain", ["objectives", "segments", "effective_interaction"]),
    (
        "customer_experience",
        "Valued customer experience",
        "heart",
        [
            "understand_requirements",
            "monitor_expectations",
            "satisfaction_vs_competition",
            "collaboration_feedback",
            "customer_communication",
        ],
    ),
    (
        "collaboration",
        "Organisational collaboration",
        "heart (the other side)",
        [
            "culture_structure",
            "people_skills",
            "customer_understanding",
            "incentives_compensation",
            "employee_communications",
            "partners_suppliers",
        ],
    ),
    ("processes", "Processes", "organs", ["customer_life_cycle", "knowledge_management"]),
    ("information", "Information", "blood", ["data", "analysis", "one_view"]),
    (
        "technology",
        "Technology",
        "nervous system",
        ["applications", "infrastructure", "architecture"],
    ),
    (
        "metrics",
        "Metrics",
        "feet",
        ["retention", "loyalty", "cost_to_serve", "value", "satisfaction"],
    ),
    (
        "governance",
        "Governance",
        None,
        ["voice_authorisation", "response_escalation", "employee_guidance", "incident_handling"],
    ),
]


def test_areas_in_gartner_order_with_governance_last(blocks: BuildingBlocksFramework) -> None:
    areas = blocks.areas_in_order()
    assert [a.id for a in areas] == [row[0] for row in EXPECTED_AREAS]
    assert [a.order for a in areas] == list(range(1, 10))
    assert [a.cross_cutting for a in areas] == [False] * 8 + [True]
    assert len(blocks.core_areas()) == 8


@pytest.mark.parametrize(("area_id", "name", "metaphor", "subs"), EXPECTED_AREAS)
def test_area_content(
    blocks: BuildingBlocksFramework,
    area_id: str,
    name: str,
    metaphor: str | None,
    subs: list[str],
) -> None:
    area = blocks.area(area_id)
    assert area.name == name
    assert area.metaphor == metaphor
    assert [s.id for s in area.sub_components] == subs
    assert 1 <= len(area.short_name) <= 14
    assert area.guiding_question.endswith("?")
    assert area.social_question.endswith("?")
    assert area.why_it_matters
    assert len(area.levels) == 5
    assert len(set(area.levels)) == 5
    for descriptor in area.levels:
        assert descriptor[0].isupper() and descriptor.endswith("."), descriptor
        assert len(descriptor.split()) >= 8, descriptor
    assert area.level_descriptor(1) == area.levels[0]
    for sub in area.sub_components:
        assert sub.name and sub.description
        assert 2 <= len(sub.questions) <= 4, sub.id
        for number, question in enumerate(sub.questions, start=1):
            assert question.id == f"{area_id}.{sub.id}.{number}"
            assert question.area_id == area_id and question.sub_component_id == sub.id
            assert question.text and question.hint


def test_questions(blocks: BuildingBlocksFramework) -> None:
    questions = blocks.questions()
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    assert len(questions) == 87
    with_social = [q for q in questions if q.social_text]
    assert len(with_social) / len(questions) > 0.75  # "present for most questions"
    assert blocks.question("vision.leadership.1").area_id == "vision"
    assert ids[0] == "vision.leadership.1"
    assert ids[-1].startswith("governance.")
    with pytest.raises(KeyError):
        blocks.question("vision.leadership.99")
    with pytest.raises(KeyError):
        blocks.area("nope")


def test_processes_reflect_the_seven_step_sequence(blocks: BuildingBlocksFramework) -> None:
    text = " ".join(f"{q.text} {q.hint}".lower() for q in blocks.area("processes").questions())
    for step in ("map", "value", "prioritis", "owner", "chang", "service level", "measure"):
        assert step in text, step
    steps = re.findall(r"step[s]? (\d)(?: and (\d))?", text)
    assert {int(n) for pair in steps for n in pair if n} == set(range(1, 8))


def test_maturity_levels(blocks: BuildingBlocksFramework) -> None:
    assert [(m.level, m.name) for m in blocks.maturity_levels] == [
        (1, "Initial"),
        (2, "Developing"),
        (3, "Defined"),
        (4, "Managed"),
        (5, "Optimised"),
    ]
    assert blocks.maturity_level(3).name == "Defined"


def test_scoring_thresholds(blocks: BuildingBlocksFramework) -> None:
    assert dataclasses.asdict(blocks.scoring) == {
        "missing_block_below": 2.0,
        "min_completeness": 0.5,
        "weak_foundation_below": 2.5,
        "misalignment_levels": 1.0,
        "high_spread_stdev": 1.0,
        "large_gap": 2.0,
    }


def test_each_threshold_is_commented_in_the_file() -> None:
    lines = (builtin_frameworks_dir() / "building_blocks.toml").read_text("utf-8").splitlines()
    for key in ("missing_block_below", "min_completeness", "weak_foundation_below"):
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{key} ="))
        assert lines[index - 1].startswith("#"), key


# --------------------------------------------------------------------------- layers

EXPECTED_LAYERS = [
    ("customer_strategy", "Customer Strategy"),
    ("customer_to_customer", "Customer-to-Customer"),
    ("customer_experience", "Customer Experience"),
    ("operational_channels", "Operational CRM Channels"),
    ("people_ecosystem", "People & Ecosystem"),
    ("lean_agile_processes", "Lean & Agile Processes"),
    ("bi_listening", "BI, Sentiment & Social Listening"),
]


def test_seven_layers_in_order(layers: LayersFramework) -> None:
    assert [(la.id, la.name) for la in layers.layers_in_order()] == EXPECTED_LAYERS
    assert [la.order for la in layers.layers] == list(range(1, 8))
    for layer in layers.layers:
        assert 3 <= len(layer.prompts) <= 5, layer.id
        assert 1 <= len(layer.short_name) <= 14
        assert layer.description
    assert [la.id for la in layers.gates()] == ["customer_strategy"]


def test_lean_agile_has_four_processes(layers: LayersFramework) -> None:
    layer = layers.layer("lean_agile_processes")
    assert [p.id for p in layer.processes] == ["marketing", "sales", "fulfilment", "service"]
    assert all(p.name and p.description for p in layer.processes)


def test_customer_strategy_gate(layers: LayersFramework) -> None:
    gate = layers.layer("customer_strategy")
    assert gate.is_gate
    assert gate.gate_rule == "all"
    assert 5 <= len(gate.gate_criteria) <= 7
    assert all(c.text for c in gate.gate_criteria)
    for layer in layers.layers[1:]:
        assert not layer.gate_criteria and layer.gate_rule is None


def test_enablers_and_tool_note(layers: LayersFramework) -> None:
    assert [(e.id, e.kind) for e in layers.enablers] == [
        ("mdm", "foundation"),
        ("soa", "foundation"),
        ("lean", "delivery"),
        ("agile", "delivery"),
    ]
    assert layers.tool_landscape_note is not None
    assert "Altimeter" in layers.tool_landscape_note
    assert "18 use cases" in layers.tool_landscape_note


# --------------------------------------------------------------------------- reference


def test_approaches(reference: ReferenceFramework) -> None:
    shares = {a.id: a.share_percent for a in reference.approaches}
    assert shares == {"denial": 20, "toe_dippers": 50, "strategic": 5, "too_aggressive": 25}
    assert sum(shares.values()) == 100
    for approach in reference.approaches:
        assert 3 <= len(approach.signals) <= 5
        assert approach.sign and approach.risk and approach.advice


def test_kinds_of_social(reference: ReferenceFramework) -> None:
    assert [(k.id, k.horizon, k.is_strategic) for k in reference.social_kinds] == [
        ("social_media", "short-lived", False),
        ("social_crm", "long-term", True),
        ("social_business", "long-term", True),
    ]


def test_starting_areas(reference: ReferenceFramework) -> None:
    assert [(s.id, s.group) for s in reference.starting_areas] == [
        ("sales", "sales"),
        ("customer_service", "service"),
        ("marketing_brand_awareness", "marketing"),
        ("marketing_monitoring", "marketing"),
        ("marketing_crowdsourcing", "marketing"),
    ]
    assert reference.max_initial_areas == 2
    assert reference.starting_areas_note and "day one" in reference.starting_areas_note


def test_platforms_checklist_definitions(reference: ReferenceFramework) -> None:
    assert 8 <= len(reference.platform_categories) <= 12
    ids = {p.id for p in reference.platform_categories}
    assert {"professional_networking", "crowdsourcing", "location_services"} <= ids
    note = reference.platform_landscape_note or ""
    assert "229" in note and "28" in note
    assert 6 <= len(reference.governance_checklist) <= 8
    assert {"who_may_speak", "wrong_person_answers", "monitoring_hours"} <= {
        c.id for c in reference.governance_checklist
    }
    assert reference.definition("crm").origin == "Gartner, 1995"
    tests = reference.definition("social_crm").tests
    assert [t.id for t in tests] == [
        "sustained_strategy",
        "openness",
        "mutual_benefit",
        "financial_effect",
    ]


# --------------------------------------------------------------------------- broken files


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("syntax_error.toml", "syntax_error.toml: TOML syntax error: Expected '=' .*line 7"),
        (
            "missing_prompts.toml",
            r"missing_prompts.toml: layers\[3\] 'operational_channels': missing key 'prompts'$",
        ),
        (
            "unknown_key.toml",
            r"unknown_key.toml: layers\[0\] 'only': unknown key 'promts' "
            r"\(did you mean 'prompts'\?\)$",
        ),
        (
            "wrong_type.toml",
            r"wrong_type.toml: layers\[0\] 'only': key 'order' must be an integer, got a string$",
        ),
        (
            "duplicate_id.toml",
            r"duplicate_id.toml: governance_checklist\[1\] 'who_may_speak': "
            "duplicate id 'who_may_speak'",
        ),
        (
            "four_descriptors.toml",
            r"four_descriptors.toml: areas\[0\] 'listening': expected exactly 5 level "
            "descriptors .*found 4$",
        ),
        ("newer_schema.toml", "newer_schema.toml: schema_version 2 was written for a newer"),
        ("unknown_kind.toml", "unknown_kind.toml: unknown kind 'canvas'"),
        ("non_utf8.toml", "non_utf8.toml: not valid UTF-8 .*line 4"),
    ],
)
def test_broken_fixture_messages(fixture: str, expected: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        load_framework_file(BROKEN / fixture)
    error = caught.value
    assert isinstance(error, ValueError)
    assert re.match(expected, str(error)), str(error)
    assert error.file == fixture
    assert len(error.problems) == 1  # each fixture has exactly one thing wrong
    assert check_file(BROKEN / fixture) == [str(error)]


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as out:
        out.write(b"schema_version = 1\n")
        out.write(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    with pytest.raises(FrameworkError, match=r"^huge\.toml: file is too large .*2 MB"):
        load_framework_file(path)


def test_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match=r"^absent\.toml: cannot read the file"):
        load_framework_file(tmp_path / "absent.toml")
    (tmp_path / "folder.toml").mkdir()
    problems = check_file(tmp_path / "folder.toml")
    assert len(problems) == 1 and problems[0].startswith("folder.toml: ")


def test_all_problems_are_collected() -> None:
    data = {
        "schema_version": 1,
        "id": "Bad Id",
        "kind": "reference",
        "name": "",
        "version": 1.0,
        "description": "d",
        "attribution": "a",
        "approaches": [
            {
                "id": "a",
                "name": "A",
                "share_percent": 60,
                "sign": "s",
                "risk": "r",
                "advice": "x",
                "signals": ["one"],
            },
            {
                "id": "b",
                "name": "B",
                "share_percent": 30,
                "sign": "s",
                "risk": "r",
                "advice": "x",
                "signals": ["one"],
            },
        ],
    }
    with pytest.raises(FrameworkError) as caught:
        parse_framework(data, file="mine.toml", source="test")
    messages = [str(p) for p in caught.value.problems]
    assert any("id 'Bad Id' is not a valid id" in m for m in messages)
    assert "mine.toml: key 'name' must not be empty" in messages
    assert any("key 'version' must be a string, got a number" in m for m in messages)
    assert "mine.toml: approaches: share_percent values must add up to 100, got 90" in messages


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["areas"][0]["sub_components"][0]["questions"].pop(),
            r"^t\.toml: areas\[0\] 'listening' > sub_components\[0\] 'coverage' > "
            r"questions: expected at least 2 questions, found 1$",
        ),
        (
            lambda d: d["areas"][1].update(order=3),
            r"^t\.toml: areas: orders must run from 1 to 2",
        ),
        (
            lambda d: d["areas"][0]["sub_components"][0]["questions"][0].update(id="x.y.1"),
            r"question id 'x\.y\.1' must have the form 'listening\.coverage\.<n>'",
        ),
        (
            lambda d: d["areas"][0].update(short_name="Far too long a label"),
            r"'short_name' must be at most 14 characters",
        ),
        (
            lambda d: d["scoring"].update(min_completeness=1.5),
            r"^t\.toml: scoring: key 'min_completeness' must be in \(0, 1\]",
        ),
        (
            lambda d: d["maturity_levels"].pop(),
            r"^t\.toml: maturity_levels: expected exactly 5 maturity levels",
        ),
        (
            lambda d: d["areas"][1]["sub_components"][0]["questions"][2].update(
                id="listening.coverage.1"
            ),
            r"duplicate question id 'listening\.coverage\.1'",
        ),
    ],
)
def test_building_block_rules(change: Callable[[dict[str, Any]], object], expected: str) -> None:
    data = tomllib.loads((GOOD / "acme_blocks.toml").read_text("utf-8"))
    change(data)
    with pytest.raises(FrameworkError) as caught:
        parse_framework(data, file="t.toml", source="test")
    messages = [str(p) for p in caught.value.problems]
    assert any(re.search(expected, m) for m in messages), messages


def test_gate_rules() -> None:
    data = tomllib.loads((GOOD / "acme_layers.toml").read_text("utf-8"))
    data["layers"][1]["gate_rule"] = "all"
    del data["layers"][0]["gate_criteria"]
    with pytest.raises(FrameworkError) as caught:
        parse_framework(data, file="t.toml", source="test")
    messages = [str(p) for p in caught.value.problems]
    assert "t.toml: layers[0] 'strategy': missing key 'gate_criteria' " in messages[0]
    assert any("'gate_rule' is only allowed on a layer with is_gate = true" in m for m in messages)


# --------------------------------------------------------------------------- catalog


def test_consultant_files_load_after_builtins(tmp_path: Path) -> None:
    for name in ("acme_blocks.toml", "acme_layers.toml"):
        shutil.copy(GOOD / name, tmp_path / name)
    (tmp_path / "notes.txt").write_text("not a framework", encoding="utf-8")
    catalog = FrameworkCatalog.load([tmp_path, tmp_path / "does-not-exist"])
    assert catalog.problems == ()
    assert [fw.id for fw in catalog.frameworks][3:] == ["acme-quick-check", "acme-three-layers"]
    mine = catalog.get("acme-three-layers")
    assert isinstance(mine, LayersFramework)
    assert len(mine.layers) == 3  # a consultant's own layers model need not have seven
    assert mine.source == str(tmp_path / "acme_layers.toml") and not mine.is_builtin
    # The default stays the built-in one; the consultant's is reachable by id.
    assert catalog.building_blocks().id == "gartner-8bb"
    assert catalog.building_blocks("acme-quick-check").areas[1].cross_cutting
    assert [fw.id for fw in catalog.of_kind("building_blocks")] == [
        "gartner-8bb",
        "acme-quick-check",
    ]
    with pytest.raises(LookupError):
        catalog.layers("acme-quick-check")


def test_broken_files_are_reported_and_skipped(tmp_path: Path) -> None:
    shutil.copy(GOOD / "acme_layers.toml", tmp_path / "acme_layers.toml")
    for name in ("missing_prompts.toml", "non_utf8.toml"):
        shutil.copy(BROKEN / name, tmp_path / name)
    catalog = FrameworkCatalog.load([tmp_path])
    assert [fw.id for fw in catalog.frameworks] == [
        "gartner-8bb",
        "buchanan-7-layers",
        "social-crm-reference",
        "acme-three-layers",
    ]
    assert [p.path.name for p in catalog.problems] == ["missing_prompts.toml", "non_utf8.toml"]
    assert catalog.problems[0].message == (
        "missing_prompts.toml: layers[3] 'operational_channels': missing key 'prompts'"
    )


def test_every_broken_fixture_is_reported(tmp_path: Path) -> None:
    catalog = FrameworkCatalog.load([BROKEN])
    assert len(catalog.frameworks) == 3
    assert sorted(p.path.name for p in catalog.problems) == sorted(
        p.name for p in BROKEN.glob("*.toml")
    )


def test_id_collision_is_a_problem_not_an_override(tmp_path: Path) -> None:
    text = (builtin_frameworks_dir() / "seven_layers.toml").read_text("utf-8")
    (tmp_path / "my_layers.toml").write_text(
        text.replace('name = "Customer Strategy"', 'name = "Hijacked"'), encoding="utf-8"
    )
    (tmp_path / "z_renamed.toml").write_text(
        text.replace('id = "buchanan-7-layers"', 'id = "my-7-layers"'), encoding="utf-8"
    )
    catalog = FrameworkCatalog.load([tmp_path])
    assert catalog.layers().layer("customer_strategy").name == "Customer Strategy"
    assert len(catalog.problems) == 1
    problem = catalog.problems[0]
    assert problem.path.name == "my_layers.toml"
    assert "'buchanan-7-layers' is already used by a built-in framework" in problem.message
    assert catalog.get("my-7-layers") is not None  # a different id loads fine


def test_missing_builtin_dir_is_a_problem(tmp_path: Path) -> None:
    catalog = FrameworkCatalog.load(builtin_dir=tmp_path / "nowhere")
    assert catalog.frameworks == ()
    assert len(catalog.problems) == 1
    with pytest.raises(LookupError):
        catalog.building_blocks()


# --------------------------------------------------------------------------- export


def test_framework_to_dict_is_json_ready(catalog: FrameworkCatalog) -> None:
    for fw in catalog:
        data = framework_to_dict(fw)
        assert data["id"] == fw.id and data["kind"] == fw.kind
        json.dumps(data)
    blocks = json.loads(json.dumps(framework_to_dict(catalog.building_blocks())))
    count = sum(len(sub["questions"]) for area in blocks["areas"] for sub in area["sub_components"])
    assert count == len(catalog.building_blocks().questions())
    assert blocks["scoring"]["large_gap"] == 2.0
    assert len(blocks["areas"][0]["levels"]) == 5


def test_readme_example_is_valid(tmp_path: Path) -> None:
    readme = (builtin_frameworks_dir() / "README.md").read_text("utf-8")
    examples = re.findall(r"```toml\n(.*?)```", readme, flags=re.S)
    full = [e for e in examples if "[[layers]]" in e]
    assert full
    path = tmp_path / "example.toml"
    path.write_text(full[0], encoding="utf-8")
    assert check_file(path) == []


def test_values_are_immutable(blocks: BuildingBlocksFramework) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        blocks.areas[0].name = "x"  # type: ignore[misc]
    assert isinstance(blocks.areas, tuple) and isinstance(blocks.areas[0].levels, tuple)
