"""The demo engagement: a fictional retailer to explore SCRM Desk without client data.

Everything here is invented. The client's name says "(demo)" so that nobody mistakes it
for a real organisation, and every e-mail address is under ``example.com``, which is
reserved for examples and never delivers mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from scrm_desk.changes import Changes, Saved
from scrm_desk.records import Engagement, EngagementStatus, StakeholderGroup, Variant
from scrm_desk.repositories.base import transaction
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
    """Add the demo client (once), a new demo engagement and its stakeholders.

    Runs in one transaction. Calling it again adds another engagement with a numbered
    title ("... 2"), so it never fails on a workspace that already has the demo.
    ``today`` fixes the engagement's dates, for tests.
    """
    today = today or date.today()
    with transaction(ws.db):
        client_id, changes = _demo_client(ws)
        saved = ws.engagements.create(
            client_id=client_id,
            title=_free_title(ws),
            consultant="Alex Morgan",
            # Under way for three weeks, five to go: the demo looks like live work.
            start_date=today - timedelta(weeks=3),
            end_date=today + timedelta(weeks=5),
            status=EngagementStatus.ACTIVE,
            variant=Variant.BOTH,
            scope_notes=_SCOPE_NOTES,
        )
        changes |= saved.changes
        for person in _STAKEHOLDERS:
            changes |= ws.stakeholders.create(
                engagement_id=saved.record.id,
                name=person.name,
                role=person.role,
                group=person.group,
                email=person.email,
                notes=person.notes,
            ).changes
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
