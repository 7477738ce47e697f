"""What every tab of an engagement offers the engagement view."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from ui.widgets.placeholder_page import PlaceholderPage


class EngagementPage(Protocol):
    """A tab that shows one engagement; it refreshes itself on ``workspace_changed``.

    Built as ``Page(workspace, runner)``; heavy imports (matplotlib, reportlab) wait
    until the page is first shown, so start-up stays lean.
    """

    def set_engagement(self, engagement_id: str | None) -> None: ...


class PlannedPage(PlaceholderPage):
    """A page a later version adds: says what will be there, pretends nothing."""

    def __init__(self, heading: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(
            heading,
            explanation,
            self.tr("This page is not available yet in this version of SCRM Desk."),
            parent,
        )

    def set_engagement(self, engagement_id: str | None) -> None:
        """Nothing to show for any engagement yet."""
