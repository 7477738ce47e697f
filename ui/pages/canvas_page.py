"""The Framework canvas tab of an engagement (not built yet: says what it will hold)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.commands.base import CommandRunner
from ui.pages.engagement_page import PlannedPage

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class CanvasPage(PlannedPage):
    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Framework canvas"),
            self.tr(
                "Here you will fill in the seven layers of the Social CRM business framework with"
                " the client, from customer strategy down to BI and social listening, to get "
                "business and IT onto the same page before anyone looks at tools."
            ),
            parent,
        )
