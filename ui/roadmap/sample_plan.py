"""A realistic plan for the demo retailer, to run the planning pages alone and to take
their screenshots.

:func:`fill_sample_plan` writes, through the repositories, what a consultant would have
recorded a few workshops into the demo engagement: the seven layers with maturity and
notes, most of the outside-in gate ticked, a posture questionnaire, the initiatives
register, starting areas, the platform inventory, governance and a roadmap. A kind of
record the engagement already holds (the demo may gain its own plan) is left alone.

:func:`run_page_alone` is what ``python -m ui.pages.canvas_page`` (and the strategy and
roadmap pages) call: a sample workspace, an undo stack with Ctrl+Z / Ctrl+Shift+Z, and
the page on the demo engagement.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

#: (layer id, process id) -> maturity, owner, current, target, pain points, initiatives.
_CANVAS: dict[tuple[str, str], tuple[int | None, str, str, str, str, str]] = {
    ("customer_strategy", ""): (
        2,
        "Marieke Jansen (CEO)",
        "The strategy is written as store openings and revenue per category. Customer "
        "outcomes appear in the loyalty plan only.",
        "One customer strategy for every channel, stated as what hikers want to achieve, "
        "and used to test major decisions.",
        "Marketing and service pull in different directions; IT is asked for tools before "
        "anyone agrees on the goal.",
        "Board workshop on the outside-in shift (March).",
    ),
    ("customer_to_customer", ""): (
        2,
        "Jonas Weber (e-commerce)",
        "Hikers review products on the web shop and swap advice in two large forums and "
        "a Facebook group Northwind does not take part in.",
        "Northwind listens to and joins the conversations where its products are discussed.",
        "Product questions in the forums go unanswered for days; competitors answer first.",
        "",
    ),
    ("customer_experience", ""): (
        3,
        "Anouk Peeters (service)",
        "Good in stores, uneven online: a complaint on Instagram and a call to the "
        "contact centre are two separate cases.",
        "One experience whichever channel a customer starts in.",
        "Customers repeat themselves when they move from social to phone.",
        "Journey mapping for the returns process.",
    ),
    ("operational_channels", ""): (
        3,
        "Hannah Schulz (CRM)",
        "Stores, web shop, contact centre and the Trail Club app each run their own "
        "customer records.",
        "A single customer view across own channels, fed by the loyalty programme.",
        "No shared case history; duplicate customer records.",
        "CRM consolidation, phase 1.",
    ),
    ("people_ecosystem", ""): (
        2,
        "Bram Visser (stores)",
        "Store staff answer customers from private accounts; the agency posts for the brand.",
        "Trained staff and the agency work from one playbook.",
        "No guidelines; nobody knows who may answer what.",
        "",
    ),
    ("lean_agile_processes", ""): (
        2,
        "Pieter van Dijk (IT)",
        "Processes follow the departments; social is not an entry point in any of them.",
        "Four simple customer-facing processes, each with a social entry point.",
        "",
        "",
    ),
    ("lean_agile_processes", "marketing"): (
        3,
        "Stefan Hoffmann",
        "Campaign calendar per channel.",
        "",
        "",
        "",
    ),
    ("lean_agile_processes", "sales"): (2, "Jonas Weber", "", "", "", ""),
    ("lean_agile_processes", "fulfilment"): (4, "Logistics", "", "", "", ""),
    ("lean_agile_processes", "service"): (
        1,
        "Lea Krüger",
        "Complaints on social sites reach the contact centre by screenshot.",
        "Social cases in the same queue as calls and e-mail.",
        "Days of delay; public complaints escalate.",
        "Social care pilot.",
    ),
    ("bi_listening", ""): (
        1,
        "Hannah Schulz (data)",
        "A monitoring tool was bought in 2024; nobody owns its reports.",
        "Weekly listening report that reaches the strategy owners.",
        "Insights never reach product development.",
        "",
    ),
}

#: Gate criteria ticked: four of six, so the gate is still closed.
_GATE_TICKED = (
    "customer_outcomes_defined",
    "leadership_commitment",
    "willingness_to_engage",
    "mutual_benefit",
)

_POSTURE = {
    "presence": "one_or_two",
    "leadership_view": "experiment",
    "listening": "now_and_then",
    "objectives": "activity_only",
    "spending": "open_pilot",
    "follow_through": "whoever_runs_it",
    "tools": "site_defaults",
    "voice": "one_person",
}

_INITIATIVES = (
    ("Brand page on Facebook and Instagram", "social_media", "current", "Stefan Hoffmann",
     "Product launches and campaigns, posted by the agency."),
    ("Trail Club member community", "social_crm", "planned", "Lotte de Graaf",
     "A members' forum where hikers help each other, linked to loyalty data."),
    ("Social customer care", "social_crm", "planned", "Anouk Peeters",
     "Answer service questions on social sites from the contact centre, in one queue."),
    ("Influencer hiking videos", "social_media", "current", "Stefan Hoffmann",
     "Sponsored videos with outdoor influencers, per season."),
    ("Co-design with hikers", "social_business", "planned", "Jonas Weber",
     "Invite reviewers to test and shape next year's rain-wear range."),
)  # fmt: skip

#: area id -> pain, value, chosen first, note.
_STARTING = {
    "customer_service": (5, 5, True, "Complaints escalate in public; the team is ready."),
    "marketing_monitoring": (4, 4, True, "Listening feeds service and product teams."),
    "marketing_crowdsourcing": (2, 4, False, "After the community exists."),
    "marketing_brand_awareness": (2, 2, False, "Already covered by the agency."),
    "sales": (1, 2, False, "Not a B2B sale; little to gain."),
}

_PLATFORMS = (
    ("Instagram", "photo_media_sharing", "Benelux, Germany", "Product inspiration",
     "Stefan Hoffmann", "Brand awareness among younger hikers", "using"),
    ("Facebook", "social_networking", "Benelux", "Campaigns, service questions arrive",
     "Agency", "Answer service questions within four hours", "using"),
    ("Wanderforum.de", "forums_communities", "Germany", "Product advice among hikers",
     "Jonas Weber", "Listen for product issues", "planned"),
    ("Trustpilot", "reviews_ratings", "Benelux, Germany", "Store and web-shop reviews",
     "Anouk Peeters", "", "using"),
    ("LinkedIn", "professional_networking", "Netherlands", "Recruitment and news",
     "HR", "", "using"),
)  # fmt: skip

_GOVERNANCE_TICKED = ("who_may_speak", "escalation", "account_ownership")

_ROADMAP = (
    ("Agree one customer strategy", "quick_win", 5, 2, "Marieke Jansen", 0, 8, "in_progress",
     ("strategy", "vision"), ("customer_strategy",), ()),
    ("Social care pilot in the contact centre", "quick_win", 5, 3, "Anouk Peeters", 4, 16,
     "planned", ("processes",), ("lean_agile_processes",), ("customer_service",)),
    ("Listening report for the strategy owners", "next", 4, 2, "Hannah Schulz", 10, 20,
     "planned", ("metrics", "information"), ("bi_listening",), ("marketing_monitoring",)),
    ("Single customer view across own channels", "later", 4, 5, "Pieter van Dijk", 16, 52,
     "proposed", ("information", "technology"), ("operational_channels",), ()),
)  # fmt: skip


def fill_sample_plan(
    workspace: Workspace, engagement_id: str, *, today: date | None = None
) -> None:
    """Record a plausible plan for ``engagement_id`` (see the module's docstring)."""
    ws = workspace
    today = today or date.today()
    eid = engagement_id
    if not ws.canvas.for_engagement(eid):
        for (layer, process), values in _CANVAS.items():
            maturity, owner, current, target, pains, initiatives = values
            ws.canvas.save(
                eid,
                layer,
                process,
                maturity=maturity,
                owner=owner,
                current_state=current,
                target_state=target,
                pain_points=pains,
                initiatives=initiatives,
            )
    if not ws.checklists.for_engagement(eid):
        for criterion in _GATE_TICKED:
            ws.checklists.save_gate(eid, "customer_strategy", criterion, checked=True)
        ws.checklists.save_gate(
            eid,
            "customer_strategy",
            "business_and_it_aligned",
            note="IT asks for a platform decision first; to settle in the board workshop.",
        )
        for item in _GOVERNANCE_TICKED:
            ws.checklists.save_governance(eid, item, checked=True)
    if ws.posture.find(eid) is None:
        from scrm_desk.planning import load_questionnaire, save_answers

        save_answers(ws, eid, load_questionnaire(), _POSTURE)
    if not ws.social_initiatives.for_engagement(eid):
        for title, kind, status, owner, description in _INITIATIVES:
            ws.social_initiatives.create(
                engagement_id=eid,
                title=title,
                kind=kind,
                status=status,
                owner=owner,
                description=description,
            )
    if not ws.starting_points.for_engagement(eid):
        for area, (pain, value, chosen, note) in _STARTING.items():
            ws.starting_points.save(eid, area, pain=pain, value=value, chosen=chosen, note=note)
    if not ws.platforms.for_engagement(eid):
        for name, category, geography, purpose, owner, objective, status in _PLATFORMS:
            ws.platforms.create(
                engagement_id=eid,
                name=name,
                category_id=category,
                geography=geography,
                purpose=purpose,
                owner=owner,
                objective=objective,
                status=status,
            )
    if not ws.roadmap.for_engagement(eid):
        start = today - timedelta(weeks=2)
        for row in _ROADMAP:
            title, phase, impact, effort, owner, first, last, status, blocks, layers, areas = row
            ws.roadmap.create(
                engagement_id=eid,
                title=title,
                phase=phase,
                impact=impact,
                effort=effort,
                owner=owner,
                start_date=(start + timedelta(weeks=first)).isoformat(),
                end_date=(start + timedelta(weeks=last)).isoformat(),
                status=status,
                block_ids=blocks,
                layer_ids=layers,
                area_ids=areas,
            )


def open_sample_plan(folder: Path | None = None) -> tuple[Workspace, str]:
    """A new workspace with the sample records, the demo engagement and its plan;
    returns the workspace and the demo engagement's id."""
    from scrm_desk.demo import add_demo_engagement
    from ui.sample_data import open_sample_workspace

    folder = folder or Path(tempfile.mkdtemp(prefix="scrm-desk-plan-"))
    workspace = open_sample_workspace(folder)
    engagement = add_demo_engagement(workspace).record
    fill_sample_plan(workspace, engagement.id)
    return workspace, engagement.id


def run_page_alone(page_class: Any, **page_options: Any) -> None:
    """Show one planning page on the sample plan, with undo and redo, until closed.

    ``page_options``: ``select`` (a canvas band key) is passed to the page's
    ``select_band``; ``section`` to its ``show_section``.
    """
    import os
    import sys

    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtGui import QKeySequence, QUndoStack
    from PySide6.QtWidgets import QApplication, QMainWindow

    from ui.commands.base import CommandRunner
    from ui.refcount_guard import make_singletons_immortal
    from ui.workspace_events import WorkspaceEvents

    make_singletons_immortal()
    app = QApplication(sys.argv)
    workspace, engagement_id = open_sample_plan()
    window = QMainWindow()
    events = WorkspaceEvents(window)
    stack = QUndoStack(window)
    runner = CommandRunner(events, stack, window)
    page = page_class(workspace, runner)
    page.set_engagement(engagement_id)
    undo = stack.createUndoAction(window)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = stack.createRedoAction(window)
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    window.addActions([undo, redo])
    runner.executed.connect(lambda message: window.statusBar().showMessage(message, 5000))
    window.setCentralWidget(page)
    window.resize(1280, 800)
    window.setWindowTitle(page_class.__name__)
    window.show()
    if "select" in page_options:
        page.select_band(*page_options["select"])
    if "section" in page_options:
        page.show_section(page_options["section"])
    code = app.exec()
    workspace.close()
    sys.exit(code)
