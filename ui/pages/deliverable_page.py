"""The Deliverable tab of an engagement (not built yet: says what it will hold)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.commands.base import CommandRunner
from ui.pages.engagement_page import PlannedPage

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class DeliverablePage(PlannedPage):
    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Deliverable"),
            self.tr(
                "Here you will assemble the report for the client (findings, charts and the "
                "roadmap) and export it as a PDF, a Word document or a workbook."
            ),
            parent,
        )
