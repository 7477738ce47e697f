"""The plan's report sections (stage 1): seven layers, posture, initiatives, starting points
and platforms, roadmap; built from a workspace with a hand-made plan.

:func:`add_plan` is shared with the PDF and office tests: a plan with every kind of
record, a closed gate (4 of 6 criteria met), a questionnaire that places the client among
the toe-dippers, tactics only, two starting areas chosen, one platform serving an
objective and one serving none, and a roadmap of five items in three phases, one of them
without dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.planning import load_questionnaire, save_answers, set_override
from scrm_desk.records import InitiativeStatus, PlatformStatus, RoadmapPhase, RoadmapStatus
from scrm_desk.reports import ReportOptions, available_sections, build_report, section_ids
from scrm_desk.reports.content import draft_summary_paragraphs, gather
from scrm_desk.reports.planning_sections import (
    InitiativesSection,
    LayersSection,
    PostureSection,
    RoadmapSection,
    StartingPointsSection,
)
from scrm_desk.workspace import Workspace
from tests.data.report.populate import populate

DAY = date(2026, 11, 20)
GATE_LAYER = "customer_strategy"
PLAN_SECTIONS = ("layers", "posture", "initiatives", "starting_points", "roadmap")

#: (layer, process, maturity, owner, current, target, pain, initiatives)
CANVAS = (
    ("customer_strategy", "", 3, "Marieke Jansen", "Targets per product line.",
     "One customer strategy.", "Nobody owns the customer.", "Outside-in workshop."),
    ("customer_to_customer", "", 2, "Jonas Weber", "Reads reviews, never answers.",
     "A welcome member of the communities.", "Reviews unanswered for weeks.", ""),
    ("customer_experience", "", 4, "Lotte de Graaf", "Strong in stores.",
     "The same experience everywhere.", "Facebook questions start again at zero.", ""),
    ("operational_channels", "", 3, "", "Separate systems per channel.", "", "", ""),
    ("lean_agile_processes", "", 2, "Anouk Peeters", "Life-cycle map finished.",
     "Everyone knows where social enters.", "Three knowledge bases.", ""),
    ("lean_agile_processes", "marketing", 2, "Stefan Hoffmann", "Campaign calendar.",
     "Listening changes campaigns.", "Nobody reads the listening tool.", ""),
    ("lean_agile_processes", "service", 5, "Anouk Peeters", "Same-day social queue.",
     "Four-hour answers.", "Callers repeat themselves.", ""),
    ("bi_listening", "", 1, "Hannah Schulz", "Revenue reports only.",
     "A monthly customer scorecard.", "No one can link social to sales.", ""),
)  # fmt: skip
MET = (
    "customer_outcomes_defined",
    "customer_view_in_decisions",
    "leadership_commitment",
    "mutual_benefit",
)
NOT_MET = ("willingness_to_engage", "business_and_it_aligned")
ROADMAP = (
    # title, phase, impact, effort, start, end, status
    ("Make the outside-in shift", RoadmapPhase.QUICK_WIN, 5, 3, "2026-11-16", "2027-01-15",
     RoadmapStatus.IN_PROGRESS),
    ("Social customer service within four hours", RoadmapPhase.QUICK_WIN, 5, 2, "2026-11-23",
     "2027-02-15", RoadmapStatus.PLANNED),
    ("A customer scorecard", RoadmapPhase.NEXT, 5, 4, "2027-01-18", "2027-06-21",
     RoadmapStatus.PLANNED),
    ("Own the listening", RoadmapPhase.NEXT, 4, 2, None, None, RoadmapStatus.PROPOSED),
    ("Gear lab online", RoadmapPhase.LATER, 3, 3, "2027-06-21", "2027-11-22",
     RoadmapStatus.PROPOSED),
)  # fmt: skip


@dataclass(frozen=True)
class Plan:
    roadmap_titles: tuple[str, ...]


def _answers_leaning_to(approach: str) -> dict[str, str]:
    questionnaire = load_questionnaire()
    answers = {}
    for question in questionnaire.questions:
        option = next(
            (o for o in question.options if o.leans_to() == (approach,)),
            next(o for o in question.options if approach in o.leans_to()),
        )
        answers[question.id] = option.id
    return answers


def add_plan(
    ws: Workspace,
    engagement_id: str,
    *,
    gate_passed: bool = False,
    strategic_initiative: bool = False,
    override: str | None = None,
) -> Plan:
    """A full plan for ``engagement_id`` (see the module's docstring)."""
    for layer, process, maturity, owner, current, target, pain, initiatives in CANVAS:
        ws.canvas.save(
            engagement_id,
            layer,
            process,
            maturity=maturity,
            owner=owner,
            current_state=current,
            target_state=target,
            pain_points=pain,
            initiatives=initiatives,
        )
    for criterion in MET + (NOT_MET if gate_passed else ()):
        ws.checklists.save_gate(engagement_id, GATE_LAYER, criterion, checked=True, note="Seen.")
    if not gate_passed:
        ws.checklists.save_gate(
            engagement_id, GATE_LAYER, NOT_MET[0], checked=False, note="Critical posts ignored."
        )
    ws.checklists.save_governance(engagement_id, "escalation", checked=True, note="PR handbook.")
    ws.checklists.save_governance(engagement_id, "who_may_speak", checked=False, note="Draft.")
    save_answers(ws, engagement_id, load_questionnaire(), _answers_leaning_to("toe_dippers"))
    if override:
        set_override(ws, engagement_id, override, "The board's spending says otherwise.")
    initiatives = [
        ("Facebook brand pages", "social_media", "Stefan Hoffmann"),
        ("Instagram trail photos", "social_media", ""),
    ]
    if strategic_initiative:
        initiatives.append(("Social customer service", "social_crm", "Anouk Peeters"))
    for title, kind, owner in initiatives:
        ws.social_initiatives.create(
            engagement_id=engagement_id,
            title=title,
            kind=kind,
            owner=owner,
            status=InitiativeStatus.CURRENT,
            description=f"{title}, run by the agency.",
        )
    for area, pain, value, chosen in (
        ("customer_service", 5, 5, True),
        ("marketing_monitoring", 4, 4, True),
        ("sales", 1, 2, False),
    ):
        ws.starting_points.save(
            engagement_id, area, pain=pain, value=value, chosen=chosen, note=f"{area} note"
        )
    ws.platforms.create(
        engagement_id=engagement_id,
        name="Facebook",
        category_id="social_networking",
        geography="Benelux",
        purpose="Brand pages",
        owner="Stefan Hoffmann",
        objective="Customer service where customers ask.",
        status=PlatformStatus.USING,
    )
    ws.platforms.create(
        engagement_id=engagement_id,
        name="Xwitter",
        category_id="microblogging",
        geography="Benelux",
        purpose="Posts copied from Facebook.",
        status=PlatformStatus.USING,
    )
    for title, phase, impact, effort, start, end, status in ROADMAP:
        ws.roadmap.create(
            engagement_id=engagement_id,
            title=title,
            description=f"{title}: what it takes.",
            phase=phase,
            impact=impact,
            effort=effort,
            start_date=start,
            end_date=end,
            status=status,
            owner="Anouk Peeters",
            block_ids=("metrics",),
            layer_ids=("bi_listening",),
            area_ids=("customer_service",),
        )
    return Plan(tuple(title for title, *_ in ROADMAP))


@pytest.fixture(scope="module")
def catalog() -> FrameworkCatalog:
    return FrameworkCatalog.load()


@pytest.fixture
def planned(workspace: Workspace):
    filled = populate(workspace)
    add_plan(workspace, filled.engagement_id)
    return filled


def _report(ws: Workspace, engagement_id: str, catalog: FrameworkCatalog, **options):
    return build_report(ws, engagement_id, ReportOptions(report_date=DAY, **options), catalog)


# --------------------------------------------------------------------------- registry


def test_plan_sections_are_registered_in_order_and_described() -> None:
    ids = section_ids()
    positions = [ids.index(s) for s in PLAN_SECTIONS]
    assert positions == sorted(positions)
    assert ids.index("progress") < positions[0] and positions[-1] < ids.index("appendix")
    infos = {i.id: i for i in available_sections()}
    assert infos["layers"].title == "The seven-layer framework"
    assert infos["roadmap"].title == "Roadmap"
    assert all(infos[s].description for s in PLAN_SECTIONS)


def test_every_plan_section_is_built_in_report_order(workspace, planned, catalog) -> None:
    report = _report(workspace, planned.engagement_id, catalog)
    assert report.section_ids() == (
        "cover", "toc", "summary", "approach", "overview", "blocks", "alignment",
        *PLAN_SECTIONS, "appendix",
    )  # fmt: skip
    assert report.warnings == ()


def test_without_a_plan_the_plan_sections_are_left_out(workspace, catalog) -> None:
    filled = populate(workspace)
    report = _report(workspace, filled.engagement_id, catalog)
    assert not set(PLAN_SECTIONS) & set(report.section_ids())
    assert report.tables.roadmap == ()


def test_each_plan_section_needs_its_own_data(workspace, catalog) -> None:
    filled = populate(workspace, with_assessment=False)
    engagement = filled.engagement_id
    assert not set(PLAN_SECTIONS) & set(_report(workspace, engagement, catalog).section_ids())
    workspace.platforms.create(
        engagement_id=engagement, name="LinkedIn", category_id="professional_networking"
    )
    assert set(PLAN_SECTIONS) & set(_report(workspace, engagement, catalog).section_ids()) == {
        "starting_points"
    }
    workspace.canvas.save(engagement, "customer_experience", maturity=3)
    ids = _report(workspace, engagement, catalog).section_ids()
    assert "layers" in ids and "posture" not in ids and "roadmap" not in ids


# --------------------------------------------------------------------------- layers


def test_layers_are_seven_bands_with_the_gate_closed(workspace, planned, catalog) -> None:
    section = _report(workspace, planned.engagement_id, catalog).section("layers")
    assert isinstance(section, LayersSection)
    layers = catalog.layers()
    assert [row.entry.name for row in section.layers] == [layer.name for layer in layers.layers]
    assert section.layers[0].entry.name == "Customer Strategy"
    assert section.layers[-1].entry.name == "BI, Sentiment & Social Listening"
    lean = next(row for row in section.layers if row.layer_id == "lean_agile_processes")
    assert [p.name for p in lean.processes] == ["Marketing", "Sales", "Fulfilment", "Service"]
    assert lean.processes[3].level_text == "5 · Optimised"
    assert lean.processes[1].level_text == "Not rated"
    # The gate is closed: every layer below it is blocked, the gate layer itself is not.
    assert not section.layers[0].blocked and all(row.blocked for row in section.layers[1:])
    (gate,) = section.gates
    assert not gate.passed and (gate.met, gate.total) == (4, 6)
    assert gate.headline.startswith("Do not pass go")
    assert [c.met for c in gate.criteria].count(False) == 2
    # The diagram says the same, in the framework's order.
    diagram = section.diagram
    assert [layer.cell.name for layer in diagram.layers] == [r.entry.name for r in section.layers]
    (mark,) = diagram.gates
    assert mark.closed and "DO NOT PASS GO" in mark.text and "4 of 6" in mark.text
    assert diagram.layers[0].cell.owner == "Owner: Marieke Jansen"
    assert diagram.layers[0].cell.maturity == 3 and not diagram.layers[0].cell.blocked
    assert all(layer.cell.blocked for layer in diagram.layers[1:])
    assert "Master data management" in diagram.foundations


def test_a_passed_gate_blocks_nothing(workspace, catalog) -> None:
    filled = populate(workspace)
    add_plan(workspace, filled.engagement_id, gate_passed=True)
    report = _report(workspace, filled.engagement_id, catalog)
    section = report.section("layers")
    assert isinstance(section, LayersSection)
    assert not any(row.blocked for row in section.layers)
    assert section.gates[0].passed and not section.diagram.gates[0].closed
    assert "Gate open" in section.diagram.gates[0].text
    assert not any("gate is closed" in p for p in report.section("summary").paragraphs)


# --------------------------------------------------------------------------- posture


def test_posture_places_the_client_with_its_reasoning(workspace, planned, catalog) -> None:
    section = _report(workspace, planned.engagement_id, catalog).section("posture")
    assert isinstance(section, PostureSection)
    assert section.approach == "Toe-dippers" and section.share == 50
    assert section.computed == "Toe-dippers" and not section.overridden
    assert "toe-dippers approach" in section.verdict
    assert len(section.reasons) == len(load_questionnaire().questions)
    assert all(r.leans_to for r in section.reasons)
    chart = section.chart
    assert chart.names == ("Denial", "Toe-dippers", "Strategic", "Too aggressive")
    assert chart.shares == (20.0, 50.0, 5.0, 25.0)
    assert chart.placed == 1 and chart.computed == 1
    assert chart.client_label == "Contoso Retail Group"
    assert [a.placed for a in section.approaches] == [False, True, False, False]


def test_an_override_wins_and_keeps_its_note(workspace, catalog) -> None:
    filled = populate(workspace)
    add_plan(workspace, filled.engagement_id, override="too_aggressive")
    section = _report(workspace, filled.engagement_id, catalog).section("posture")
    assert isinstance(section, PostureSection)
    assert section.approach == "Too aggressive" and section.computed == "Toe-dippers"
    assert section.overridden and section.override_note == "The board's spending says otherwise."
    assert (section.chart.placed, section.chart.computed) == (3, 1)


# --------------------------------------------------------------------------- initiatives


def test_initiatives_by_kind_warn_when_only_tactics(workspace, planned, catalog) -> None:
    report = _report(workspace, planned.engagement_id, catalog)
    section = report.section("initiatives")
    assert isinstance(section, InitiativesSection)
    assert [g.name for g in section.groups] == ["Social media", "Social CRM", "Social business"]
    assert [len(g.initiatives) for g in section.groups] == [2, 0, 0]
    assert [g.strategic for g in section.groups] == [False, True, True]
    (warning,) = section.warnings
    assert warning.rule == "only_tactics" and warning.severity == "high"
    assert "tactics only" in warning.title
    summary = report.section("summary")
    assert any("social media tactic" in p for p in summary.paragraphs)


def test_no_tactics_warning_with_a_strategic_initiative(workspace, catalog) -> None:
    filled = populate(workspace)
    add_plan(workspace, filled.engagement_id, strategic_initiative=True)
    section = _report(workspace, filled.engagement_id, catalog).section("initiatives")
    assert isinstance(section, InitiativesSection)
    assert section.warnings == ()
    assert [len(g.initiatives) for g in section.groups] == [2, 1, 0]


# --------------------------------------------------------------------------- starting points


def test_starting_points_platforms_and_governance(workspace, planned, catalog) -> None:
    section = _report(workspace, planned.engagement_id, catalog).section("starting_points")
    assert isinstance(section, StartingPointsSection)
    by_area = {row.area: row for row in section.starting}
    assert set(by_area) == {
        "Customer service",
        "Marketing: monitoring",
        "Sales: social networking for contacts",
    }
    service = by_area["Customer service"]
    assert (service.pain, service.value, service.score, service.chosen) == (5, 5, 25, True)
    assert by_area["Sales: social networking for contacts"].score == 2
    assert [p.name for p in section.platforms] == ["Facebook", "Xwitter"]
    assert section.platforms[0].category == "Social networking"
    assert section.platforms[1].objective == ""
    rules = [w.rule for w in section.warnings]
    # Facebook alone serves an objective: a single platform; Xwitter serves none.
    assert "single_platform" in rules and "platform_without_objective" in rules
    assert "too_many_starting_areas" not in rules  # two chosen is the maximum
    assert len(section.governance) == len(catalog.reference().governance_checklist)
    assert section.governance_settled == 1


# --------------------------------------------------------------------------- roadmap


def test_roadmap_numbers_phases_charts_and_table(workspace, planned, catalog) -> None:
    report = _report(workspace, planned.engagement_id, catalog)
    section = report.section("roadmap")
    assert isinstance(section, RoadmapSection)
    assert [g.phase for g in section.phases] == ["Quick win", "Next", "Later"]
    lines = [line for g in section.phases for line in g.items]
    assert [line.title for line in lines] == [title for title, *_ in ROADMAP]
    assert [line.number for line in lines] == [1, 2, 3, 4, 5]
    first = lines[0]
    assert first.blocks == ("Metrics",) and first.layers == ("BI, Sentiment & Social Listening",)
    assert first.areas == ("Customer service",)
    assert first.dates == "16 November 2026 – 15 January 2027"
    assert first.short_dates == "16 Nov 2026 – 15 Jan 2027"
    assert lines[3].dates == lines[3].short_dates == ""
    assert section.matrix.numbers == (1, 2, 3, 4, 5)
    assert section.matrix.impact == (5, 5, 5, 4, 3)
    assert section.matrix.phases[0] == "quick_win"
    timeline = section.timeline
    assert timeline is not None and timeline.today == DAY
    assert len(timeline.labels) == 4 and "4  Own the listening" not in timeline.labels
    assert "4 Own the listening" in section.undated_note
    assert [line.title for line in report.tables.roadmap] == [title for title, *_ in ROADMAP]
    summary = report.section("summary")
    assert any(
        "The roadmap holds 5 initiatives; 2 of them quick wins." in p for p in summary.paragraphs
    )


def test_the_plan_summary_sentence(workspace, planned, catalog) -> None:
    ctx = gather(workspace, planned.engagement_id, ReportOptions(report_date=DAY), catalog)
    paragraphs = draft_summary_paragraphs(ctx)
    plan = next(p for p in paragraphs if "Gartner" in p)
    assert "takes the toe-dippers approach, like about 50% of organisations" in plan
    assert "outside-in gate is closed (4 of 6 criteria met)" in plan
    assert paragraphs[-1].startswith("The pages that follow")


def test_plan_sections_only_when_chosen(workspace, planned, catalog) -> None:
    report = _report(workspace, planned.engagement_id, catalog, sections=("roadmap", "layers"))
    assert report.section_ids() == ("layers", "roadmap")
    # The roadmap rows are in the tables whatever sections are chosen (for Excel).
    assert len(report.tables.roadmap) == len(ROADMAP)
