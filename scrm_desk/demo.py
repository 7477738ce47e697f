"""The demo engagement: a fictional retailer to explore SCRM Desk without client data.

Everything here is invented. The client's name says "(demo)" so that nobody mistakes it
for a real organisation, and every e-mail address is under ``example.com``, which is
reserved for examples and never delivers mail.

Besides the client, the engagement and ten stakeholders, the demo holds two assessments
against the built-in Eight Building Blocks framework, so that every chart and every kind
of finding has something to show:

* **Baseline** (about five months before today, complete, classic and Social CRM): the
  workshop consensus answered every question under both lenses (a few "not applicable"
  and "don't know" among them), and eight stakeholders from every group answered in a
  survey the week before. Metrics is effectively missing (about 1.5) with a large gap to
  target; Processes scores higher under Social CRM (about 3.2) than its weak classic
  foundation (about 2.1); business and IT see Information and Technology differently;
  Vision and the valued customer experience are strengths (above 4).
* **Six-month review** (a few weeks before today, in progress): the consensus and three
  stakeholders have done the first five blocks, about 60% of the questions; Processes,
  Strategy and Organisational collaboration improved.

The answers come from a seeded random generator: every demo holds the same answers.

The planning pages have the plan the consultant made from the baseline:

* **Canvas**: every one of the seven layers, and the four Lean & Agile processes, with a
  maturity, a short current and target state, pain points, an owner and initiatives.
  Customer experience is the strongest layer (4); BI, sentiment & social listening the
  weakest (1).
* **The outside-in gate is closed**: 4 of its 6 criteria are met; the organisation is
  not yet willing to hold open conversations with customers, and business and IT do
  not share one customer strategy. The canvas shows the gate closed and the layers
  below blocked, and the gate's finding says "do not pass go".
* **Governance** is partly settled (2 of 8 points); the **posture** questionnaire is
  answered and places Northwind among the toe-dippers, without an override.
* **Six initiatives**, five of them social media tactics and one Social CRM initiative
  (social customer service); **starting points** rated, with customer service and
  marketing monitoring chosen to go first; **six platforms** in the Benelux and DACH,
  one of them (X) serving no objective.
* **A roadmap of nine items** in three phases over the next twelve months: four were
  accepted from the suggestions the baseline's findings gave (the closed gate, the
  missing metrics block, the broken processes foundation, business-IT misalignment on
  information); the suggestion on technology misalignment was dismissed, the
  consultant having written a technology item of their own. The governance
  suggestion is left open for the consultant to decide.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any, Final

from scrm_desk.changes import Changes, Saved
from scrm_desk.clock import new_id
from scrm_desk.frameworks import BuildingBlocksFramework, FrameworkCatalog, Question
from scrm_desk.planning import (
    PlanSnapshot,
    accept_suggestion,
    dismiss_suggestion,
    load_questionnaire,
    save_answers,
    suggest,
)
from scrm_desk.records import (
    AnswerKind,
    Assessment,
    AssessmentStatus,
    Confidence,
    Engagement,
    EngagementStatus,
    InitiativeStatus,
    Lens,
    PlatformStatus,
    Response,
    RoadmapPhase,
    RoadmapStatus,
    Stakeholder,
    StakeholderGroup,
    Variant,
)
from scrm_desk.repositories.base import transaction
from scrm_desk.scoring import AssessmentResult, score_assessment
from scrm_desk.workspace import Workspace

DEMO_CLIENT_NAME: Final = "Northwind Outfitters (demo)"
DEMO_TITLE: Final = "Social CRM readiness assessment"

_CLIENT: Final = {
    "name": DEMO_CLIENT_NAME,
    "industry": "Retail: outdoor clothing and equipment",
    "size": "About 2,300 employees; 84 stores and a web shop",
    "region": "Benelux and Germany",
    "notes": (
        "Fictional client for trying out SCRM Desk.\n"
        "Family-owned outdoor retailer, founded in Utrecht. Strong loyalty programme "
        "(Trail Club, about 600,000 members), a busy customer-service team, and an active "
        "community of hikers who review products and swap advice on forums and social "
        "networks without the company taking part."
    ),
}

_SCOPE_NOTES: Final = """\
Question from the board: are we ready to treat social channels as part of how we \
manage customer relationships, or are we still just posting?

Scope
- Assess the eight building blocks (vision, strategy, valued customer experience, \
organisational collaboration, processes, information, technology, metrics), each in \
its classic CRM and its Social CRM view, plus governance of who speaks for Northwind \
online.
- Walk the seven layers with a mixed group of business and IT people, starting with \
the customer strategy gate: has the company moved from inside-out to outside-in \
thinking?
- Place Northwind among the four approaches to Social CRM. First impression: a \
toe-dipper, with a brand page and a monitoring tool nobody owns.
- Pick one or two starting areas (customer service is the likely first) rather than a \
complete social strategy on day one.
- Re-score the blocks about six months after the baseline, to show the board what \
has moved.

Out of scope: choosing a software vendor; the tool landscape comes after the strategy.

Deliverable: a readiness report with maturity scores, target levels, gaps and a \
roadmap, presented to the management team at the end of the engagement."""


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    role: str
    group: StakeholderGroup
    email: str
    notes: str


_STAKEHOLDERS: Final = (
    _Person(
        "Marieke Jansen",
        "Chief Executive Officer",
        StakeholderGroup.EXECUTIVE,
        "marieke.jansen@example.com",
        "Sponsor. Wants proof that social channels pay off in sales or service, not likes.",
    ),
    _Person(
        "Stefan Hoffmann",
        "Chief Marketing Officer",
        StakeholderGroup.EXECUTIVE,
        "stefan.hoffmann@example.com",
        "Owns the brand pages; sees social mainly as an advertising channel.",
    ),
    _Person(
        "Anouk Peeters",
        "Head of Customer Service",
        StakeholderGroup.BUSINESS,
        "anouk.peeters@example.com",
        "Complaints posted on social sites reach her team by screenshot, days late.",
    ),
    _Person(
        "Jonas Weber",
        "E-commerce Manager",
        StakeholderGroup.BUSINESS,
        "jonas.weber@example.com",
        "Runs the web shop and product reviews; keen to use reviews in product development.",
    ),
    _Person(
        "Lotte de Graaf",
        "Loyalty Programme Manager",
        StakeholderGroup.BUSINESS,
        "lotte.degraaf@example.com",
        "Trail Club data is the richest customer data the company has.",
    ),
    _Person(
        "Pieter van Dijk",
        "Head of IT",
        StakeholderGroup.IT,
        "pieter.vandijk@example.com",
        "Worried about one more platform to integrate; asks for an architecture first.",
    ),
    _Person(
        "Hannah Schulz",
        "CRM and Data Architect",
        StakeholderGroup.IT,
        "hannah.schulz@example.com",
        "Knows where customer data lives; no single view across channels today.",
    ),
    _Person(
        "Bram Visser",
        "Store Manager, Utrecht flagship",
        StakeholderGroup.FRONT_LINE,
        "bram.visser@example.com",
        "Staff answer customers on their own social accounts; no guidelines exist.",
    ),
    _Person(
        "Lea Krüger",
        "Contact Centre Team Lead",
        StakeholderGroup.FRONT_LINE,
        "lea.krueger@example.com",
        "Agents cannot see what a caller already said on social channels.",
    ),
    _Person(
        "Tom Willems",
        "Account Director, Brightside Social (agency)",
        StakeholderGroup.PARTNER,
        "tom.willems@agency.example.com",
        "Agency that posts on Northwind's behalf; replies to customers without a playbook.",
    ),
)


def add_demo_engagement(ws: Workspace, *, today: date | None = None) -> Saved[Engagement]:
    """Add the demo client (once), a new demo engagement, its stakeholders, assessments
    and plan (canvas, checklists, posture, initiatives, starting points, platforms and
    roadmap).

    Runs in one transaction. Calling it again adds another engagement with a numbered
    title ("... 2"), so it never fails on a workspace that already has the demo.
    ``today`` fixes the engagement's, the assessments' and the roadmap's dates, for tests.
    """
    today = today or date.today()
    with transaction(ws.db):
        client_id, changes = _demo_client(ws)
        saved = ws.engagements.create(
            client_id=client_id,
            title=_free_title(ws),
            consultant="Alex Morgan",
            # Under way for almost six months, five weeks to go: the baseline was scored
            # early on, and the review a few weeks ago.
            start_date=today - timedelta(weeks=24),
            end_date=today + timedelta(weeks=5),
            status=EngagementStatus.ACTIVE,
            variant=Variant.BOTH,
            scope_notes=_SCOPE_NOTES,
        )
        changes |= saved.changes
        stakeholders: list[Stakeholder] = []
        for person in _STAKEHOLDERS:
            added = ws.stakeholders.create(
                engagement_id=saved.record.id,
                name=person.name,
                role=person.role,
                group=person.group,
                email=person.email,
                notes=person.notes,
            )
            stakeholders.append(added.record)
            changes |= added.changes
        catalog = FrameworkCatalog.load()
        assessed, baseline = _add_assessments(ws, saved.record, stakeholders, catalog, today)
        changes |= assessed
        changes |= _add_plan(ws, saved.record.id, catalog, baseline, today)
    return Saved(saved.record, changes)


def has_demo(ws: Workspace) -> bool:
    """Whether the workspace holds a demo engagement (outside the trash)."""
    clients = [c.id for c in ws.clients.all() if c.name == DEMO_CLIENT_NAME]
    return any(ws.engagements.active(client_id=client) for client in clients)


def _demo_client(ws: Workspace) -> tuple[str, Changes]:
    """The id of the demo client already in the workspace, or of a new one."""
    for client in ws.clients.all():
        if client.name == DEMO_CLIENT_NAME:
            return client.id, Changes()
    saved = ws.clients.create(**_CLIENT)
    return saved.record.id, saved.changes


def _free_title(ws: Workspace) -> str:
    taken = {e.title.casefold() for e in [*ws.engagements.active(), *ws.engagements.trashed()]}
    title, number = DEMO_TITLE, 1
    while title.casefold() in taken:
        number += 1
        title = f"{DEMO_TITLE} {number}"
    return title


# --------------------------------------------------------------------------- assessments
# The two assessments are generated from the tables below with a seeded random generator:
# the consensus level of each question is drawn so that each block scores its profile
# value, the stakeholders' levels scatter around the consensus, and the notes say what
# the consultant saw. Levels given with a note are used as they are.

BASELINE_NAME: Final = "Baseline"
FOLLOW_UP_NAME: Final = "Six-month review"
DEMO_FRAMEWORK_ID: Final = "gartner-8bb"
_SEED: Final = 1962  # the year the fictional Northwind opened its first shop

_C: Final = Lens.CLASSIC
_S: Final = Lens.SOCIAL

#: The consensus mean each block is built to score in the baseline, per lens.
_PROFILE: Final[Mapping[tuple[str, Lens], float]] = {
    ("vision", _C): 4.1,  # strength: the founding family's customer promise
    ("vision", _S): 2.6,
    ("strategy", _C): 2.8,
    ("strategy", _S): 2.2,
    ("customer_experience", _C): 4.2,  # strength: Trail Club, surveys, gear lab
    ("customer_experience", _S): 3.1,
    ("collaboration", _C): 2.9,
    ("collaboration", _S): 2.3,
    ("processes", _C): 2.1,  # weak classic foundation ...
    ("processes", _S): 3.2,  # ... under a livelier social practice
    ("information", _C): 2.7,  # business and IT disagree
    ("information", _S): 2.2,
    ("technology", _C): 3.1,  # business and IT disagree
    ("technology", _S): 2.5,
    ("metrics", _C): 1.5,  # effectively missing
    ("metrics", _S): 1.4,
    ("governance", _C): 2.6,
    ("governance", _S): 1.8,
}

#: Targets are drawn from these (never below the current level); mostly 3 to 4.
_TARGETS: Final = (3, 4, 4)
_STRENGTH_TARGETS: Final = (4, 4, 5)
_STRENGTHS: Final = frozenset({("vision", _C), ("customer_experience", _C)})

#: The consultant's notes on consensus answers, with the level the room agreed on.
_CLASSIC_NOTES: Final[Mapping[str, tuple[int, str]]] = {
    "vision.leadership.1": (
        5,
        "CEO opened the workshop with the founder's 'walk with the customer' story; the "
        "family still signs the customer promise that hangs in every store.",
    ),
    "vision.leadership.2": (
        4,
        "Management team named the same three changes unprompted: one customer view, "
        "service on every channel, more freedom for store staff.",
    ),
    "vision.leadership.3": (
        4,
        "Mystery shopping 2025: 86% of store visits rated 'treated like a person, not a "
        "receipt'. Contact centre not included in the programme.",
    ),
    "vision.market_position.2": (
        3,
        "One benchmark against two competitors (2024, agency-run). Nobody owns a repeat.",
    ),
    "vision.value_proposition.2": (
        4,
        "Utrecht store staff explained the proposition in their own words; two agents in "
        "the contact centre could not.",
    ),
    "strategy.objectives.1": (
        3,
        "Acquisition and retention targets exist for Trail Club only. Stores and web "
        "shop report revenue, not customers.",
    ),
    "strategy.objectives.2": (
        2,
        "No customer lifetime value model. Finance sees the loyalty programme as a cost "
        "line, not as an asset.",
    ),
    "strategy.segments.1": (
        3,
        "Segments are by activity (hiking, climbing, kids). Loyalty tiers exist but only "
        "the loyalty team uses them.",
    ),
    "strategy.segments.3": (
        2,
        "Tier is shown on the till screen in stores, not in the contact-centre tool.",
    ),
    "strategy.effective_interaction.2": (
        2,
        "Channel roles are implicit: stores and web shop sell, service repairs. Nobody "
        "has written down what social channels are for.",
    ),
    "customer_experience.understand_requirements.1": (
        5,
        "Annual Trail Club survey (41,000 answers in 2025) plus quarterly customer panels "
        "in six stores.",
    ),
    "customer_experience.understand_requirements.2": (
        5,
        "Boot sizes and repair history sit in the loyalty profile and staff use them; "
        "customers mention it in reviews.",
    ),
    "customer_experience.monitor_expectations.1": (
        4,
        "Insight team runs an expectations tracker every quarter; results go to the board.",
    ),
    "customer_experience.monitor_expectations.2": (
        4,
        "Free boot fitting and the 'repair before replace' service both came out of the tracker.",
    ),
    "customer_experience.satisfaction_vs_competition.1": (
        4,
        "NPS measured by the same panel provider as the two main competitors; Northwind "
        "leads by 12 points.",
    ),
    "customer_experience.collaboration_feedback.3": (
        4,
        "'Gear lab': about 300 Trail Club members test products before launch.",
    ),
    "customer_experience.customer_communication.2": (
        3,
        "Preference centre covers e-mail and post; app notifications cannot be tuned.",
    ),
    "collaboration.culture_structure.1": (
        2,
        "Nobody owns the relationship end to end: marketing owns acquisition, service "
        "owns complaints, stores own the visit.",
    ),
    "collaboration.people_skills.2": (
        3,
        "Agents may refund up to EUR 50; above that a team lead signs off, usually the next day.",
    ),
    "collaboration.incentives_compensation.1": (
        2,
        "Store bonus on revenue per square metre; contact centre on handling time. No "
        "customer outcome in any bonus.",
    ),
    "collaboration.incentives_compensation.2": (
        2,
        "Stores and web shop compete for the same sale: click-and-collect is credited "
        "to the web shop only.",
    ),
    "collaboration.employee_communications.1": (
        2,
        "Stores hear of promotions from customers; campaign e-mails reach store managers "
        "on launch morning.",
    ),
    "processes.customer_life_cycle.1": (
        2,
        "Only the returns process has been mapped (2022). No map of the whole life cycle.",
    ),
    "processes.customer_life_cycle.2": (
        2,
        "No named process owners; changes are prioritised by whoever escalates loudest.",
    ),
    "processes.customer_life_cycle.4": (
        2,
        "No service levels for customer processes apart from the contact-centre answer time.",
    ),
    "processes.knowledge_management.1": (
        2,
        "Three knowledge bases (store wiki, contact-centre tool, the agency's own "
        "document) that contradict each other on returns.",
    ),
    "processes.knowledge_management.3": (
        2,
        "Complaints are logged; nobody analyses them for root causes.",
    ),
    "information.data.2": (
        2,
        "Quality rules for Trail Club addresses only. The 2025 audit found 18% duplicate "
        "customers.",
    ),
    "information.data.3": (
        2,
        "What a customer explains in a store is not captured; on the phone they start again.",
    ),
    "information.analysis.1": (
        3,
        "Loyalty team runs a monthly RFM analysis; no other team uses it.",
    ),
    "information.one_view.1": (
        2,
        "Four customer records (loyalty platform, web shop, contact-centre tool, tills), "
        "matched on e-mail address only.",
    ),
    "technology.applications.1": (
        3,
        "Contact-centre tool upgraded in 2024 and liked by agents; tills and the loyalty "
        "app are separate worlds.",
    ),
    "technology.applications.2": (
        2,
        "Loyalty platform bought by marketing after a vendor demo; no requirements were written.",
    ),
    "technology.infrastructure.1": (
        4,
        "No outages in peak season 2025 (Black Friday traffic nine times normal).",
    ),
    "technology.infrastructure.2": (
        4,
        "Processing register up to date; the data protection officer reviews every new system.",
    ),
    "technology.architecture.1": (
        3,
        "IT drafted a target architecture in 2025; the business has not seen it yet.",
    ),
    "metrics.retention.1": (
        2,
        "Retention measured yearly for Trail Club members only, without a target.",
    ),
    "metrics.loyalty.1": (
        2,
        "NPS is collected (see customer experience) but linked to no action and no owner.",
    ),
    "metrics.value.1": (
        1,
        "No measure of customer value; loyalty tiers use spend over the last 12 months.",
    ),
    "metrics.value.2": (
        1,
        "The 2024 app launch was never reviewed against its business case.",
    ),
    "metrics.satisfaction.2": (
        1,
        "Contact centre steered on handling time alone; its satisfaction survey was "
        "stopped in 2023 to save cost.",
    ),
    "governance.voice_authorisation.1": (
        3,
        "Brand guidelines name marketing as the voice of Northwind; silent on service "
        "and store staff.",
    ),
    "governance.response_escalation.1": (
        3,
        "Answer times set for e-mail (24 h) and phone (2 min); nothing else.",
    ),
    "governance.response_escalation.2": (
        3,
        "Escalation to legal works (used twice in 2025); escalation to product teams does not.",
    ),
    "governance.incident_handling.1": (
        3,
        "Recall plan owned by quality and tested yearly; no plan for other incidents.",
    ),
}

_SOCIAL_NOTES: Final[Mapping[str, tuple[int, str]]] = {
    "vision.leadership.1": (
        3,
        "CEO will back social if it shows results in sales or service; sponsorship is "
        "conditional for now.",
    ),
    "vision.market_position.1": (
        2,
        "No view yet of what Northwind wants to be known for online; the brand pages "
        "repeat the print campaigns.",
    ),
    "strategy.objectives.1": (
        2,
        "Marketing plan sets follower targets only; no sales or service objective for social.",
    ),
    "strategy.effective_interaction.2": (
        2,
        "CMO sees social as an advertising channel. Nobody has said what it is not for.",
    ),
    "customer_experience.understand_requirements.1": (
        3,
        "Forum threads show hikers ask each other about sizing and repairs: service "
        "questions, not product news.",
    ),
    "customer_experience.collaboration_feedback.1": (
        3,
        "Reviews on the web shop are read weekly; the two big hiking forums are read by "
        "nobody at Northwind.",
    ),
    "customer_experience.customer_communication.1": (
        3,
        "Tone on the brand pages (agency) differs from stores and service; customers "
        "have remarked on it.",
    ),
    "collaboration.culture_structure.1": (
        2,
        "Complaints posted on social sites reach service as screenshots, two to four days late.",
    ),
    "collaboration.partners_suppliers.1": (
        2,
        "Agency answers without the service playbook; two replies in 2025 contradicted "
        "the returns policy.",
    ),
    "processes.customer_life_cycle.1": (
        4,
        "Social already carries one step well: the 'ask a guide' chat sells, and the "
        "agency passes leads to stores.",
    ),
    "processes.customer_life_cycle.3": (
        3,
        "Warranty claims can start from a direct message; the agency forwards them by e-mail.",
    ),
    "processes.knowledge_management.1": (
        3,
        "Agency answers from its own FAQ, which is kept up to date better than the store wiki.",
    ),
    "information.data.3": (
        2,
        "Social conversations are not linked to any customer record; the monitoring "
        "tool exports nothing.",
    ),
    "information.one_view.1": (
        2,
        "Agents cannot see what a caller already said on social channels.",
    ),
    "technology.applications.1": (
        2,
        "Monitoring tool on a trial licence; one analyst reads its weekly report.",
    ),
    "technology.architecture.3": (
        2,
        "Linking the monitoring tool to the contact-centre tool estimated at six months; no owner.",
    ),
    "metrics.retention.1": (1, "Social is reported as followers and likes only."),
    "metrics.value.2": (
        1,
        "Agency spend (about EUR 180k a year) has never been reviewed against an outcome.",
    ),
    "governance.voice_authorisation.3": (
        1,
        "Store staff answer customers from their personal accounts; no guidelines exist.",
    ),
    "governance.response_escalation.3": (
        2,
        "Brand pages watched 9 to 5 on weekdays; most questions arrive in the evening "
        "and at weekends.",
    ),
    "governance.incident_handling.1": (
        1,
        "A video of a torn tent passed 40,000 views in 2025 before anyone at Northwind saw it.",
    ),
}

#: Consensus "not applicable" answers, with the reason noted.
_NOT_APPLICABLE: Final[Mapping[tuple[str, Lens], str]] = {
    ("collaboration.partners_suppliers.2", _C): (
        "Not applicable: Northwind sells direct only and has no channel partners."
    ),
    ("technology.infrastructure.1", _S): (
        "Not applicable: the social sites run on the networks' own infrastructure."
    ),
    ("governance.voice_authorisation.2", _C): (
        "Not applicable for the classic view: no official accounts outside social channels."
    ),
}

#: Consensus "don't know" answers, with what was missing.
_DONT_KNOW: Final[Mapping[tuple[str, Lens], str]] = {
    ("metrics.cost_to_serve.1", _C): (
        "Finance owns channel costs and was not in the room; nobody could say what a "
        "contact costs per channel. Follow up with the CFO's office."
    ),
    ("information.analysis.2", _S): (
        "Unclear whether the analyst's monitoring report reaches anyone who acts on it."
    ),
}


@dataclass(frozen=True, slots=True)
class _Respondent:
    name: str
    #: The blocks this person answered; ``None`` for all of them.
    areas: tuple[str, ...] | None = None


_BASELINE_RESPONDENTS: Final = (
    _Respondent(
        "Marieke Jansen",
        ("vision", "strategy", "customer_experience", "collaboration", "metrics", "governance"),
    ),
    _Respondent("Anouk Peeters"),
    _Respondent("Jonas Weber"),
    _Respondent(
        "Lotte de Graaf", ("vision", "strategy", "customer_experience", "information", "metrics")
    ),
    _Respondent("Pieter van Dijk"),
    _Respondent("Hannah Schulz"),
    _Respondent(
        "Lea Krüger",
        (
            "customer_experience",
            "collaboration",
            "processes",
            "information",
            "technology",
            "governance",
        ),
    ),
    _Respondent("Tom Willems", ("customer_experience", "processes", "governance")),
)

#: Where the business side and IT see a block differently: +1 when the business side
#: rates it higher than IT does, -1 when lower.
_SKEW: Final[Mapping[str, int]] = {"information": 1, "technology": -1}

#: What individual stakeholders wrote beside some of their answers.
_RESPONDENT_NOTES: Final[Mapping[tuple[str, str, Lens], str]] = {
    ("Hannah Schulz", "information.one_view.1", _C): (
        "Four customer masters matched on e-mail only; about one customer in five exists twice."
    ),
    ("Hannah Schulz", "information.data.2", _C): "Quality is measured for addresses only.",
    ("Pieter van Dijk", "technology.architecture.2", _C): (
        "Integration layer is live for the web shop; the other systems can follow."
    ),
    ("Pieter van Dijk", "technology.applications.1", _C): (
        "Platforms are stable and current; the problem is how they are used."
    ),
    ("Anouk Peeters", "information.data.3", _C): (
        "We have everything in the loyalty data; it's a matter of using it."
    ),
    ("Anouk Peeters", "collaboration.culture_structure.1", _S): (
        "We get social complaints as screenshots from marketing, days late."
    ),
    ("Jonas Weber", "technology.applications.1", _C): (
        "Web shop and tills don't share baskets; the tools slow my team down."
    ),
    ("Lea Krüger", "information.one_view.1", _S): (
        "Callers say 'I already told you on Facebook' several times a day."
    ),
    ("Tom Willems", "governance.voice_authorisation.1", _S): (
        "We reply on Northwind's behalf without a written playbook."
    ),
    ("Marieke Jansen", "metrics.value.2", _C): "I want to see this for every initiative.",
}

# The review: the consensus and three stakeholders have done the first five blocks.
_FOLLOW_UP_AREAS: Final = (
    "vision",
    "strategy",
    "customer_experience",
    "collaboration",
    "processes",
)
_FOLLOW_UP_RESPONDENTS: Final = ("Anouk Peeters", "Hannah Schulz", "Lea Krüger")
#: The chance that a question of the block went up one level since the baseline.
_FOLLOW_UP_GAIN: Final[Mapping[tuple[str, Lens], float]] = {
    ("strategy", _C): 0.4,
    ("collaboration", _C): 0.45,
    ("collaboration", _S): 0.3,
    ("processes", _C): 0.85,
    ("processes", _S): 0.2,
}
_FOLLOW_UP_NOTES: Final[Mapping[tuple[str, Lens], tuple[int, str]]] = {
    ("processes.customer_life_cycle.1", _C): (
        3,
        "Life-cycle map finished in May with all channel heads; returns, repairs and "
        "warranty mapped end to end.",
    ),
    ("processes.customer_life_cycle.2", _C): (
        3,
        "Owners named for the six priority processes; they meet monthly.",
    ),
    ("processes.knowledge_management.1", _C): (
        3,
        "One knowledge base shared with the agency since June; the store wiki is retired.",
    ),
    ("strategy.segments.3", _C): (3, "Tier shown in the contact-centre tool since April."),
    ("collaboration.incentives_compensation.2", _C): (
        3,
        "Click-and-collect is now credited to the collecting store as well.",
    ),
    ("collaboration.culture_structure.1", _S): (
        3,
        "Social complaints now arrive in the service queue the same day.",
    ),
}


def _social(question: Question) -> bool:
    return question.social_text is not None


def _lenses(question: Question) -> tuple[Lens, ...]:
    return (_C, _S) if _social(question) else (_C,)


@dataclass(frozen=True, slots=True)
class _Answer:
    kind: AnswerKind
    level: int | None
    target: int | None
    confidence: Confidence | None
    evidence: str


class _Builder:
    """Collects the records of the demo assessments, with times on the workshop days."""

    def __init__(self, framework: BuildingBlocksFramework, rng: random.Random) -> None:
        self.framework = framework
        self.rng = rng
        self.responses: list[Response] = []

    def response(
        self,
        assessment_id: str,
        question_id: str,
        lens: Lens,
        respondent_id: str | None,
        answer: _Answer,
        at: str,
    ) -> None:
        self.responses.append(
            Response(
                id=new_id(),
                assessment_id=assessment_id,
                question_id=question_id,
                lens=lens,
                respondent_id=respondent_id,
                kind=answer.kind,
                current_level=answer.level,
                target_level=answer.target,
                confidence=answer.confidence,
                evidence=answer.evidence,
                created_at=at,
                updated_at=at,
            )
        )

    # -- the baseline consensus ---------------------------------------------------------
    def baseline_levels(self) -> dict[tuple[str, Lens], int]:
        """Every question's level under each lens, drawn so each block scores its profile.

        "Not applicable" and "don't know" questions get a level too (what individual
        stakeholders scatter around), but are left out of the block's sum.
        """
        levels: dict[tuple[str, Lens], int] = {}
        for area in self.framework.areas:
            for lens in (_C, _S):
                questions = [q for q in area.questions() if lens is _C or _social(q)]
                if not questions:
                    continue
                profile = _PROFILE[(area.id, lens)]
                notes = _CLASSIC_NOTES if lens is _C else _SOCIAL_NOTES
                scored = [
                    q
                    for q in questions
                    if (q.id, lens) not in _NOT_APPLICABLE and (q.id, lens) not in _DONT_KNOW
                ]
                fixed = {q.id: notes[q.id][0] for q in scored if q.id in notes}
                free = [q for q in scored if q.id not in fixed]
                remaining = round(profile * len(scored)) - sum(fixed.values())
                drawn: list[int] = []
                if free:
                    low, extra = divmod(remaining, len(free))
                    drawn = [low + 1] * extra + [low] * (len(free) - extra)
                    self.rng.shuffle(drawn)
                for question, level in zip(free, drawn, strict=True):
                    levels[(question.id, lens)] = _clamp(level)
                levels.update({(qid, lens): level for qid, level in fixed.items()})
                for question in questions:
                    levels.setdefault((question.id, lens), _clamp(round(profile)))
        return levels

    def consensus(
        self,
        question: Question,
        lens: Lens,
        level: int,
        *,
        evidence: str,
        target: int | None = None,
    ) -> _Answer:
        """The answer the room agreed on; ``target`` is kept when given (a review)."""
        key = (question.id, lens)
        if key in _NOT_APPLICABLE:
            return _Answer(
                AnswerKind.NOT_APPLICABLE, None, None, Confidence.HIGH, _NOT_APPLICABLE[key]
            )
        if key in _DONT_KNOW:
            return _Answer(AnswerKind.DONT_KNOW, None, None, None, _DONT_KNOW[key])
        pool = _STRENGTH_TARGETS if (question.area_id, lens) in _STRENGTHS else _TARGETS
        drawn_target = self.rng.choice(pool)
        confidence = self.rng.choice(
            (Confidence.HIGH, Confidence.MEDIUM, Confidence.MEDIUM, Confidence.LOW)
        )
        if evidence and confidence is Confidence.LOW:
            confidence = Confidence.MEDIUM  # a noted answer rests on something
        return _Answer(
            AnswerKind.LEVEL,
            level,
            max(level, target if target is not None else drawn_target),
            confidence,
            evidence,
        )

    # -- individual stakeholders --------------------------------------------------------
    def individual(
        self,
        person: Stakeholder,
        question: Question,
        lens: Lens,
        consensus: _Answer,
        level: int,
        *,
        note: str,
        dont_know_chance: float,
    ) -> _Answer:
        """A stakeholder's own answer: around ``level``, skewed by side where
        business and IT disagree."""
        if consensus.kind is AnswerKind.NOT_APPLICABLE:
            return _Answer(AnswerKind.NOT_APPLICABLE, None, None, Confidence.HIGH, "")
        if not note and self.rng.random() < dont_know_chance:
            return _Answer(AnswerKind.DONT_KNOW, None, None, None, "")
        mine = level + self.rng.choice((-1, 0, 0, 0, 1))
        skew = _SKEW.get(question.area_id, 0)
        if skew and person.group is StakeholderGroup.IT:
            mine -= skew * self.rng.choice((0, 1, 1))
        elif skew and person.group is not StakeholderGroup.PARTNER:
            mine += skew * self.rng.choice((0, 1, 1))
        mine = _clamp(mine)
        target: int | None = None
        if self.rng.random() < 0.8:
            agreed = consensus.target if consensus.target is not None else mine + 1
            target = _clamp(max(mine, agreed + self.rng.choice((-1, 0, 0, 1))))
        confidence = self.rng.choice(
            (Confidence.MEDIUM, Confidence.MEDIUM, Confidence.HIGH, Confidence.LOW)
        )
        return _Answer(AnswerKind.LEVEL, mine, target, confidence, note)


def _clamp(level: int) -> int:
    return max(1, min(5, level))


def _stamp(day: date, seconds: int) -> str:
    """A UTC timestamp ``seconds`` after midnight of ``day``, as the workspace stores it."""
    moment = datetime.combine(day, time()) + timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _add_assessments(
    ws: Workspace,
    engagement: Engagement,
    stakeholders: Sequence[Stakeholder],
    catalog: FrameworkCatalog,
    today: date,
) -> tuple[Changes, AssessmentResult]:
    """The complete baseline and the half-done review (see the module docstring), and
    the baseline's scores, which the plan was made from."""
    framework = catalog.building_blocks(DEMO_FRAMEWORK_ID)
    builder = _Builder(framework, random.Random(_SEED))
    people = {person.name: person for person in stakeholders}
    questions = framework.questions()

    # The baseline: a survey of eight stakeholders in the week before the workshop,
    # then the consensus agreed in the room.
    workshop = today - timedelta(weeks=22)
    baseline_id = new_id()
    levels = builder.baseline_levels()
    agreed: dict[tuple[str, Lens], _Answer] = {}
    clock = 9 * 3600 + 30 * 60
    for question in questions:
        for lens in _lenses(question):
            notes = _CLASSIC_NOTES if lens is _C else _SOCIAL_NOTES
            answer = builder.consensus(
                question,
                lens,
                levels[(question.id, lens)],
                evidence=notes[question.id][1] if question.id in notes else "",
            )
            agreed[(question.id, lens)] = answer
            clock += 40
            builder.response(baseline_id, question.id, lens, None, answer, _stamp(workshop, clock))
    finished = _stamp(workshop, clock + 600)
    for number, respondent in enumerate(_BASELINE_RESPONDENTS):
        person = people[respondent.name]
        day = workshop - timedelta(days=5 - number % 4)
        seconds = (13 + number % 4) * 3600
        for question in questions:
            if respondent.areas is not None and question.area_id not in respondent.areas:
                continue
            for lens in _lenses(question):
                key = (question.id, lens)
                answer = builder.individual(
                    person,
                    question,
                    lens,
                    agreed[key],
                    levels[key],
                    note=_RESPONDENT_NOTES.get((person.name, question.id, lens), ""),
                    dont_know_chance=0.06,
                )
                seconds += 25
                builder.response(
                    baseline_id, question.id, lens, person.id, answer, _stamp(day, seconds)
                )
    baseline = Assessment(
        id=baseline_id,
        engagement_id=engagement.id,
        name=BASELINE_NAME,
        assessed_on=workshop.isoformat(),
        variant=Variant.BOTH,
        framework_id=framework.id,
        framework_version=framework.version,
        status=AssessmentStatus.COMPLETE,
        notes=(
            "Full-day workshop in Utrecht with the management team, business and IT leads "
            "and the agency. Eight stakeholders scored the blocks in a short survey the "
            "week before; the consensus was agreed in the room, question by question."
        ),
        created_at=_stamp(workshop - timedelta(days=8), 10 * 3600),
        updated_at=finished,
    )

    # The review: a half-day session on the first five blocks, with three stakeholders'
    # answers collected two days before.
    review = today - timedelta(weeks=3)
    follow_up_id = new_id()
    clock = 10 * 3600
    reviewed: dict[tuple[str, Lens], tuple[_Answer, int]] = {}
    for question in questions:
        if question.area_id not in _FOLLOW_UP_AREAS:
            continue
        for lens in _lenses(question):
            key = (question.id, lens)
            chance = _FOLLOW_UP_GAIN.get((question.area_id, lens), 0.0)
            level = _clamp(levels[key] + (1 if builder.rng.random() < chance else 0))
            evidence = ""
            if key in _FOLLOW_UP_NOTES:
                level, evidence = _FOLLOW_UP_NOTES[key]
            answer = builder.consensus(
                question, lens, level, evidence=evidence, target=agreed[key].target
            )
            reviewed[key] = (answer, level)
            clock += 45
            builder.response(follow_up_id, question.id, lens, None, answer, _stamp(review, clock))
    last_answer = _stamp(review, clock)
    survey = review - timedelta(days=2)
    for number, name in enumerate(_FOLLOW_UP_RESPONDENTS):
        person = people[name]
        seconds = (14 + number) * 3600
        for (question_id, lens), (answer, level) in reviewed.items():
            question = framework.question(question_id)
            mine = builder.individual(
                person, question, lens, answer, level, note="", dont_know_chance=0.04
            )
            seconds += 25
            builder.response(
                follow_up_id, question_id, lens, person.id, mine, _stamp(survey, seconds)
            )
    follow_up = Assessment(
        id=follow_up_id,
        engagement_id=engagement.id,
        name=FOLLOW_UP_NAME,
        assessed_on=review.isoformat(),
        variant=Variant.BOTH,
        framework_id=framework.id,
        framework_version=framework.version,
        status=AssessmentStatus.IN_PROGRESS,
        notes=(
            "Half-day review with service, e-commerce and IT. Blocks 1 to 5 done; "
            "information, technology, metrics and governance are planned for the next "
            "session."
        ),
        created_at=_stamp(review - timedelta(days=3), 9 * 3600),
        updated_at=last_answer,
    )

    changes = ws.assessments.put_back(baseline).changes
    changes |= ws.assessments.put_back(follow_up).changes
    changes |= _insert_responses(ws, builder.responses)
    scored = score_assessment(
        framework,
        baseline,
        [response for response in builder.responses if response.assessment_id == baseline_id],
        stakeholders,
    )
    return changes, scored


def _insert_responses(ws: Workspace, responses: Sequence[Response]) -> Changes:
    """Write the generated answers in one statement.

    About 1,600 answers: going through the repository one by one would take most of the
    demo's time. The workspace's own constraints (levels 1 to 5, known lenses and
    kinds, existing assessments and stakeholders, one answer per respondent, question
    and lens) still check every row; the tests check the rest by reading the demo back
    through the interchange format's checks.
    """
    columns = [item.name for item in dataclasses.fields(Response)]
    rows = [
        [
            value.value if isinstance(value, Enum) else value
            for value in (getattr(response, name) for name in columns)
        ]
        for response in responses
    ]
    marks = ", ".join("?" for _ in columns)
    ws.db.conn.executemany(
        f"INSERT INTO {ws.responses.table} ({', '.join(columns)}) VALUES ({marks})", rows
    )
    ids = {response.id for response in responses} | {r.assessment_id for r in responses}
    return Changes(frozenset({ws.responses.kind}), frozenset(ids))


# --------------------------------------------------------------------------- the plan
# What the consultant recorded on the planning pages after the baseline workshop. Owners
# are the stakeholders above (or the agency); texts are short, as on a workshop wall.


@dataclass(frozen=True, slots=True)
class _Cell:
    layer_id: str
    process_id: str
    maturity: int
    owner: str
    current_state: str
    target_state: str
    pain_points: str
    initiatives: str


_CANVAS: Final = (
    _Cell(
        "customer_strategy",
        "",
        3,
        "Marieke Jansen",
        "The family's customer promise ('walk with the customer') hangs in every store; "
        "targets are still set per product category and per square metre.",
        "One customer strategy, stated as the outcomes hikers want, that business and IT "
        "test every major decision against.",
        "Marketing sees social as advertising; IT wants an architecture before a "
        "strategy; nobody owns the customer relationship end to end.",
        "Outside-in workshop with the management team; see the roadmap.",
    ),
    _Cell(
        "customer_to_customer",
        "",
        2,
        "Jonas Weber",
        "Hikers review products and swap advice in forums, Facebook groups and on "
        "Trustpilot; Northwind reads some of it and never takes part.",
        "A welcome member of the hiking communities: answers product questions, thanks "
        "reviewers, invites Gear lab testers into the conversation.",
        "Reviews about boot sizing go unanswered for weeks; nobody follows the German "
        "hiking forums.",
        "Gear lab online (later phase).",
    ),
    _Cell(
        "customer_experience",
        "",
        4,
        "Lotte de Graaf",
        "Strong in stores and in Trail Club: boot fitting, repair before replace, NPS 12 "
        "points ahead of the two main competitors.",
        "The same experience when a customer starts on a social site and finishes in a "
        "store or with the contact centre.",
        "A question asked on Facebook starts again from zero in the contact centre.",
        "Social interactions in the Trail Club record (later phase).",
    ),
    _Cell(
        "operational_channels",
        "",
        3,
        "Pieter van Dijk",
        "Stores, web shop, contact centre and app run on separate systems; the loyalty "
        "profile is the only record they share.",
        "Social questions land in the same service queue and customer record as calls and e-mails.",
        "Web shop and tills do not share baskets; agents cannot see what a caller "
        "already said on social channels.",
        "Social customer service within four hours.",
    ),
    _Cell(
        "people_ecosystem",
        "",
        2,
        "Anouk Peeters",
        "Store staff answer customers from their own accounts; the agency replies in "
        "Northwind's name without a playbook.",
        "Trained, authorised voices in service, stores and the agency, working to one "
        "response policy with escalation.",
        "No social media guidelines; agents may refund only up to EUR 50 without a team lead.",
        "Settle social governance (suggested).",
    ),
    _Cell(
        "lean_agile_processes",
        "",
        2,
        "Anouk Peeters",
        "Life-cycle map finished with all channel heads; owners named for six priority "
        "processes. Social barely enters any of them.",
        "Marketing, sales, fulfilment and service each know where a social interaction "
        "enters and who picks it up.",
        "Three knowledge bases that contradicted each other; complaints logged but never analysed.",
        "Repair the classic processes foundation (under way).",
    ),
    _Cell(
        "lean_agile_processes",
        "marketing",
        2,
        "Stefan Hoffmann",
        "Campaign calendar per country, run with the agency; posts scheduled weeks ahead.",
        "What monitoring hears changes campaigns and products every week.",
        "The listening tool is licensed, but nobody reads its reports.",
        "Own the listening.",
    ),
    _Cell(
        "lean_agile_processes",
        "sales",
        3,
        "Bram Visser",
        "Stores and web shop sell well; click-and-collect is now credited to both.",
        "Product questions on social sites answered by people who can also help buy.",
        "Stores and web shop still compete for some sales.",
        "",
    ),
    _Cell(
        "lean_agile_processes",
        "fulfilment",
        3,
        "Jonas Weber",
        "Reliable delivery in the Benelux; repairs and returns mapped end to end.",
        "Customers follow a repair or return on the channel they started on.",
        "German customers wait two days longer for returns to be refunded.",
        "",
    ),
    _Cell(
        "lean_agile_processes",
        "service",
        2,
        "Anouk Peeters",
        "Social complaints reach the service queue the same day, answered from a shared "
        "inbox without the customer's history.",
        "Answers on Facebook and Instagram within four hours, recorded against the Trail "
        "Club profile.",
        "Callers say 'I already told you on Facebook' several times a day.",
        "Social customer service within four hours.",
    ),
    _Cell(
        "bi_listening",
        "",
        1,
        "Hannah Schulz",
        "Revenue reports per store and channel, NPS twice a year; a listening tool "
        "licensed in 2024 that nobody owns.",
        "A customer scorecard (retention, service effort, sentiment) reviewed monthly by "
        "the management team, fed by listening.",
        "Nobody can say whether social activity changes sales or service.",
        "Establish the Metrics block; own the listening.",
    ),
)

GATE_LAYER: Final = "customer_strategy"
#: The gate criteria, met or not, with what the workshop found: 4 of 6 met.
_GATE: Final[Mapping[str, tuple[bool, str]]] = {
    "customer_outcomes_defined": (
        True,
        "The customer promise is written as what hikers get, and signed by the family.",
    ),
    "customer_view_in_decisions": (
        True,
        "Free boot fitting and 'repair before replace' came from the expectations "
        "tracker, although both cost margin.",
    ),
    "leadership_commitment": (
        True,
        "The CEO sponsors the engagement and named customer-centricity the strategy to 2030.",
    ),
    "willingness_to_engage": (
        False,
        "Marketing wants social for advertising; Northwind stays out of the forums where "
        "its gear is discussed, and critical posts go unanswered.",
    ),
    "mutual_benefit": (
        True,
        "Gear lab: about 300 Trail Club members test products and see what came of it.",
    ),
    "business_and_it_aligned": (
        False,
        "Business and IT scored Information and Technology far apart; IT asks for an "
        "architecture before agreeing the strategy.",
    ),
}

#: Governance points with an entry: settled or not, with a note. The rest are untouched.
_GOVERNANCE: Final[Mapping[str, tuple[bool, str]]] = {
    "escalation": (True, "Press and legal escalation from the PR handbook, with names and times."),
    "monitoring_hours": (True, "Service covers Facebook and Instagram 8:00-20:00, Saturdays too."),
    "who_may_speak": (False, "Draft list of voices per channel with the agency; not signed off."),
    "response_policy": (False, "The agency's tone guide exists; no policy on what gets an answer."),
    "account_ownership": (False, "The X account has had no owner since the coordinator left."),
}

#: The posture questionnaire as the management team answered it: toe-dippers.
_POSTURE_ANSWERS: Final[Mapping[str, str]] = {
    "presence": "one_or_two",
    "leadership_view": "experiment",
    "listening": "now_and_then",
    "objectives": "activity_only",
    "spending": "open_pilot",
    "follow_through": "whoever_runs_it",
    "tools": "site_defaults",
    "voice": "anyone",
}

# (title, kind, status, owner, description)
_INITIATIVES: Final = (
    (
        "Facebook brand pages (NL, BE, DE)",
        "social_media",
        InitiativeStatus.CURRENT,
        "Stefan Hoffmann",
        "Product news and campaigns posted by the agency; comments answered when someone has time.",
    ),
    (
        "Instagram trail photos",
        "social_media",
        InitiativeStatus.CURRENT,
        "Tom Willems",
        "The agency re-posts customers' hiking photos tagged #NorthwindTrails.",
    ),
    (
        "Gear-care videos on YouTube",
        "social_media",
        InitiativeStatus.CURRENT,
        "Jonas Weber",
        "How to wax boots and re-proof jackets; the most watched has 180,000 views.",
    ),
    (
        "Social listening tool",
        "social_media",
        InitiativeStatus.CURRENT,
        "",
        "Licensed in 2024 to count brand mentions; nobody owns it or reads its weekly report.",
    ),
    (
        "Influencer hikes in the Eifel and the Ardennes",
        "social_media",
        InitiativeStatus.PLANNED,
        "Stefan Hoffmann",
        "Summer campaign with six hiking influencers, to be measured in reach and likes.",
    ),
    (
        "Social customer service",
        "social_crm",
        InitiativeStatus.CURRENT,
        "Anouk Peeters",
        "Questions and complaints from Facebook and Instagram reach the service queue "
        "the same day. Goal: answered within four hours and recorded against the Trail "
        "Club profile; measured by first-contact resolution and repeat contacts.",
    ),
)

# area id -> (pain, value, chosen first, note)
_STARTING_POINTS: Final[Mapping[str, tuple[int, int, bool, str]]] = {
    "sales": (
        1,
        2,
        False,
        "Customers buy in stores and the web shop; finding contacts is not the pain.",
    ),
    "customer_service": (
        5,
        5,
        True,
        "Complaints on social sites reach service days late and callers repeat themselves.",
    ),
    "marketing_brand_awareness": (
        2,
        3,
        False,
        "Well known in the Benelux, less so in Germany: a later step.",
    ),
    "marketing_monitoring": (
        4,
        4,
        True,
        "A licensed listening tool nobody reads; sizing problems found in reviews weeks late.",
    ),
    "marketing_crowdsourcing": (
        2,
        4,
        False,
        "Gear lab works offline; taking it online is a good second step.",
    ),
}

# (name, category, geography, purpose, owner, objective, status)
_PLATFORMS: Final = (
    (
        "Facebook",
        "social_networking",
        "Benelux and DACH",
        "Brand pages per country; customers ask service questions in the comments.",
        "Stefan Hoffmann",
        "Customer service: answer questions and complaints where customers raise them.",
        PlatformStatus.USING,
    ),
    (
        "Instagram",
        "photo_media_sharing",
        "Benelux and DACH",
        "Customers' trail photos and product showcases, run by the agency.",
        "Tom Willems",
        "Brand awareness among younger hikers.",
        PlatformStatus.USING,
    ),
    (
        "YouTube",
        "video",
        "Benelux and DACH",
        "Gear-care and boot-fitting videos.",
        "Jonas Weber",
        "Fewer returns and repairs: customers who look after their gear.",
        PlatformStatus.USING,
    ),
    (
        "Trustpilot",
        "reviews_ratings",
        "Benelux",
        "Reviews of the web shop and the stores.",
        "Jonas Weber",
        "Monitoring: spot product and service problems early in reviews.",
        PlatformStatus.USING,
    ),
    (
        "German hiking forums",
        "forums_communities",
        "DACH",
        "Where German hikers compare gear; Northwind is discussed there but absent.",
        "Lea Krüger",
        "Monitoring: hear what DACH hikers say about Northwind gear.",
        PlatformStatus.PLANNED,
    ),
    (
        "X",
        "microblogging",
        "Benelux",
        "Opened in 2019; posts are copied from Facebook.",
        "",
        "",
        PlatformStatus.USING,
    ),
)


@dataclass(frozen=True, slots=True)
class _Step:
    """One roadmap item: accepted from the suggestion ``origin``, or written by hand."""

    origin: str
    phase: RoadmapPhase
    status: RoadmapStatus
    owner: str
    #: Weeks from today; the two items under way started after the baseline.
    start_week: int
    end_week: int
    title: str = ""
    description: str = ""
    impact: int = 0
    effort: int = 0
    block_ids: tuple[str, ...] = ()
    layer_ids: tuple[str, ...] = ()
    area_ids: tuple[str, ...] = ()


_ROADMAP: Final = (
    _Step(
        "gate_closed:customer_strategy",
        RoadmapPhase.QUICK_WIN,
        RoadmapStatus.IN_PROGRESS,
        "Marieke Jansen",
        -2,
        8,
        block_ids=("vision", "strategy"),
    ),
    _Step(
        "misalignment:information",
        RoadmapPhase.QUICK_WIN,
        RoadmapStatus.PLANNED,
        "Hannah Schulz",
        1,
        6,
        title="Align business and IT on customer information",
        layer_ids=("bi_listening",),
    ),
    _Step(
        "",
        RoadmapPhase.QUICK_WIN,
        RoadmapStatus.PLANNED,
        "Pieter van Dijk",
        2,
        7,
        title="Walk the technology landscape together with business and IT",
        description=(
            "IT rates the systems higher than the business does. Walk through each "
            "customer-facing system with the people who use it, list what they cannot "
            "do, and agree which gaps matter before any tool is bought."
        ),
        impact=3,
        effort=2,
        block_ids=("technology",),
        layer_ids=("operational_channels",),
    ),
    _Step(
        "",
        RoadmapPhase.QUICK_WIN,
        RoadmapStatus.PLANNED,
        "Anouk Peeters",
        0,
        12,
        title="Social customer service within four hours",
        description=(
            "Answer questions and complaints on Facebook and Instagram within four hours, "
            "from the service queue, by trained agents; escalate to stores and the agency "
            "by the response policy. Measure first-contact resolution and repeat contacts."
        ),
        impact=5,
        effort=2,
        block_ids=("processes",),
        layer_ids=("operational_channels", "lean_agile_processes"),
        area_ids=("customer_service",),
    ),
    _Step(
        "missing_block:metrics",
        RoadmapPhase.NEXT,
        RoadmapStatus.PLANNED,
        "Lotte de Graaf",
        8,
        30,
        title="Establish the Metrics building block: a customer scorecard",
        layer_ids=("bi_listening",),
    ),
    _Step(
        "broken_foundation:processes",
        RoadmapPhase.NEXT,
        RoadmapStatus.IN_PROGRESS,
        "Anouk Peeters",
        -16,
        12,
        layer_ids=("lean_agile_processes",),
    ),
    _Step(
        "",
        RoadmapPhase.NEXT,
        RoadmapStatus.PLANNED,
        "Stefan Hoffmann",
        4,
        20,
        title="Own the listening: weekly insights for service and marketing",
        description=(
            "Give the listening tool an owner, follow Trustpilot and the German hiking "
            "forums, and send a weekly page of what customers say to service, marketing "
            "and product management."
        ),
        impact=4,
        effort=2,
        block_ids=("information", "metrics"),
        layer_ids=("bi_listening", "customer_to_customer"),
        area_ids=("marketing_monitoring",),
    ),
    _Step(
        "",
        RoadmapPhase.LATER,
        RoadmapStatus.PROPOSED,
        "Hannah Schulz",
        26,
        50,
        title="Social interactions in the Trail Club customer record",
        description=(
            "Record the social conversations that matter against the Trail Club profile, "
            "so agents and store staff see them; within privacy law and the sites' terms."
        ),
        impact=5,
        effort=5,
        block_ids=("information", "technology"),
        layer_ids=("operational_channels", "customer_experience"),
        area_ids=("customer_service",),
    ),
    _Step(
        "",
        RoadmapPhase.LATER,
        RoadmapStatus.PROPOSED,
        "Jonas Weber",
        30,
        52,
        title="Gear lab online: product ideas from Trail Club members",
        description=(
            "Open the Gear lab to members online: ask for ideas and test reports, and "
            "show what came of them."
        ),
        impact=3,
        effort=3,
        block_ids=("customer_experience", "collaboration"),
        layer_ids=("customer_to_customer",),
        area_ids=("marketing_crowdsourcing",),
    ),
)

#: The suggestion the consultant dismissed, having written a technology item of their own.
DISMISSED_KEY: Final = "misalignment:technology"


def _add_plan(
    ws: Workspace,
    engagement_id: str,
    catalog: FrameworkCatalog,
    baseline: AssessmentResult,
    today: date,
) -> Changes:
    """The canvas, checklists, posture, register, starting points, platforms and roadmap."""
    changes = Changes()
    for cell in _CANVAS:
        changes |= ws.canvas.save(
            engagement_id,
            cell.layer_id,
            cell.process_id,
            maturity=cell.maturity,
            owner=cell.owner,
            current_state=cell.current_state,
            target_state=cell.target_state,
            pain_points=cell.pain_points,
            initiatives=cell.initiatives,
        ).changes
    for criterion, (met, note) in _GATE.items():
        changes |= ws.checklists.save_gate(
            engagement_id, GATE_LAYER, criterion, checked=met, note=note
        ).changes
    for item, (settled, note) in _GOVERNANCE.items():
        changes |= ws.checklists.save_governance(
            engagement_id, item, checked=settled, note=note
        ).changes
    changes |= save_answers(ws, engagement_id, load_questionnaire(), _POSTURE_ANSWERS).changes
    for title, kind, status, owner, description in _INITIATIVES:
        changes |= ws.social_initiatives.create(
            engagement_id=engagement_id,
            title=title,
            kind=kind,
            status=status,
            owner=owner,
            description=description,
        ).changes
    for area, (pain, value, chosen, note) in _STARTING_POINTS.items():
        changes |= ws.starting_points.save(
            engagement_id, area, pain=pain, value=value, chosen=chosen, note=note
        ).changes
    for name, category, geography, purpose, owner, objective, in_use in _PLATFORMS:
        changes |= ws.platforms.create(
            engagement_id=engagement_id,
            name=name,
            category_id=category,
            geography=geography,
            purpose=purpose,
            owner=owner,
            objective=objective,
            status=in_use,
        ).changes

    # The roadmap was made from what the rules suggested after the baseline.
    offered = {
        suggestion.key: suggestion
        for suggestion in suggest(
            PlanSnapshot.load(ws, engagement_id),
            layers=catalog.layers(),
            reference=catalog.reference(),
            blocks=catalog.building_blocks(DEMO_FRAMEWORK_ID),
            result=baseline,
        )
    }
    for step in _ROADMAP:
        values: dict[str, Any] = {
            "phase": step.phase,
            "status": step.status,
            "owner": step.owner,
            "start_date": (today + timedelta(weeks=step.start_week)).isoformat(),
            "end_date": (today + timedelta(weeks=step.end_week)).isoformat(),
        }
        if step.title:
            values["title"] = step.title
        if step.description:
            values["description"] = step.description
        if step.impact:
            values |= {"impact": step.impact, "effort": step.effort}
        if step.origin:
            suggestion = offered[step.origin]
            for name in ("block_ids", "layer_ids", "area_ids"):
                values[name] = tuple(
                    dict.fromkeys((*getattr(suggestion, name), *getattr(step, name)))
                )
            changes |= accept_suggestion(ws, engagement_id, suggestion, values).changes
        else:
            values |= {
                "block_ids": step.block_ids,
                "layer_ids": step.layer_ids,
                "area_ids": step.area_ids,
            }
            changes |= ws.roadmap.create(engagement_id=engagement_id, **values).changes
    changes |= dismiss_suggestion(ws, engagement_id, offered[DISMISSED_KEY]).changes
    return changes
