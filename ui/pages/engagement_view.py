"""The tabs of one engagement. Each tab is a page module of its own (see
:class:`~ui.pages.engagement_page.EngagementPage`), declared once in :data:`TABS`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

from ui.commands.base import CommandRunner
from ui.pages.assessment_page import AssessmentPage
from ui.pages.canvas_page import CanvasPage
from ui.pages.deliverable_page import DeliverablePage
from ui.pages.overview_page import OverviewPage
from ui.pages.roadmap_page import RoadmapPage
from ui.pages.strategy_page import StrategyPage

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

_tr = QCoreApplication.translate

#: (attribute name, tab title, page class), in tab order.
TABS = (
    ("overview", "&Overview", OverviewPage),
    ("assessment", "&Assessment", AssessmentPage),
    ("canvas", "Framework &Canvas", CanvasPage),
    ("strategy", "Social CRM &Strategy", StrategyPage),
    ("roadmap", "&Roadmap", RoadmapPage),
    ("deliverable", "&Deliverable", DeliverablePage),
)


class EngagementView(QTabWidget):
    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setAccessibleName(self.tr("Engagement pages"))
        self.pages: dict[str, QWidget] = {}
        for name, title, page_class in TABS:
            page = page_class(workspace, runner)
            self.pages[name] = page
            self.addTab(page, _tr("EngagementView", title))
        self.overview: OverviewPage = self.pages["overview"]  # type: ignore[assignment]

    def set_engagement(self, engagement_id: str | None) -> None:
        for page in self.pages.values():
            page.set_engagement(engagement_id)  # type: ignore[attr-defined]
