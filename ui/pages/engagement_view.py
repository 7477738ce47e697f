"""The tabs of one engagement: the Overview, and the pages still to come."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from ui.commands.base import CommandRunner
from ui.pages.overview_page import OverviewPage
from ui.widgets.placeholder_page import PlaceholderPage

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class EngagementView(QTabWidget):
    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setAccessibleName(self.tr("Engagement pages"))
        self.overview = OverviewPage(workspace, runner)
        self.addTab(self.overview, self.tr("&Overview"))
        not_yet = self.tr("This page is not available yet in this version of SCRM Desk.")
        for title, heading, explanation in (
            (
                self.tr("&Assessment"),
                self.tr("Assessment"),
                self.tr(
                    "Here you will score the client on each of the eight building blocks of "
                    "CRM, in the classic view, the Social CRM view or both: a maturity level "
                    "from 1 to 5, the evidence behind it and the target the client aims for."
                ),
            ),
            (
                self.tr("&Framework Canvas"),
                self.tr("Framework canvas"),
                self.tr(
                    "Here you will fill in the seven layers of the Social CRM business "
                    "framework with the client, from customer strategy down to technology, "
                    "to get business and IT onto the same page before anyone looks at tools."
                ),
            ),
            (
                self.tr("&Roadmap"),
                self.tr("Roadmap"),
                self.tr(
                    "Here you will turn the gaps the assessment found into initiatives, "
                    "ordered over time, each with an owner and the building blocks it lifts."
                ),
            ),
            (
                self.tr("&Deliverable"),
                self.tr("Deliverable"),
                self.tr(
                    "Here you will assemble the report for the client (findings, charts "
                    "and the roadmap) and export it as a PDF."
                ),
            ),
        ):
            self.addTab(PlaceholderPage(heading, explanation, not_yet), title)

    def set_engagement(self, engagement_id: str | None) -> None:
        self.overview.set_engagement(engagement_id)
