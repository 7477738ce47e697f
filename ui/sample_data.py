"""A throw-away workspace with a few records, for running a window on its own.

Every window and dialog module can be started alone (``python -m ui.windows.main_window``)
and shows this data. It is written through the repositories, like everything else.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


def fill_sample_workspace(workspace: Workspace) -> None:
    clients = workspace.clients
    engagements = workspace.engagements
    stakeholders = workspace.stakeholders
    northwind = clients.create(
        name="Northwind Retail", industry="Retail", size="5,000+", region="Benelux"
    ).record
    contoso = clients.create(
        name="Contoso Telecom", industry="Telecom", size="1,000–4,999", region="Nordics"
    ).record
    clients.create(name="Fabrikam Insurance", industry="Insurance", region="DACH")
    review = engagements.create(
        client_id=northwind.id,
        title="Social CRM readiness review",
        consultant="Alex Morgan",
        start_date="2026-09-01",
        end_date="2026-12-18",
        status="active",
        variant="both",
        scope_notes="Assess the eight building blocks for the service and loyalty teams; "
        "agree a twelve-month roadmap with the executive sponsor.",
    ).record
    engagements.create(
        client_id=northwind.id,
        title="Loyalty programme refresh",
        consultant="Sam Lee",
        start_date="2027-02-01",
        status="planned",
        variant="classic",
    )
    engagements.create(
        client_id=contoso.id,
        title="Care on social channels",
        consultant="Alex Morgan",
        start_date="2026-05-04",
        end_date="2026-07-31",
        status="delivered",
        variant="social",
    )
    for name, role, group, email in (
        ("Dana Whitfield", "Chief Customer Officer", "executive", "dana@northwind.example"),
        ("Ravi Patel", "Head of Service", "business", "ravi@northwind.example"),
        ("Mia Chen", "CRM Architect", "it", "mia@northwind.example"),
        ("Tom Okafor", "Contact-centre Team Lead", "front_line", ""),
    ):
        stakeholders.create(engagement_id=review.id, name=name, role=role, group=group, email=email)
    old = engagements.create(
        client_id=contoso.id, title="Churn quick scan", consultant="Sam Lee"
    ).record
    engagements.move_to_trash(old.id)


def open_sample_workspace(folder: Path | None = None) -> Workspace:
    """A new workspace filled with sample records, in ``folder`` or a temporary folder."""
    from scrm_desk.workspace import Workspace

    folder = folder or Path(tempfile.mkdtemp(prefix="scrm-desk-sample-"))
    workspace = Workspace.open(folder / "sample.scrm.sqlite", lock=True)
    fill_sample_workspace(workspace)
    return workspace
