"""The Social CRM strategy tab of an engagement (not built yet: says what it will hold)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.commands.base import CommandRunner
from ui.pages.engagement_page import PlannedPage

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class StrategyPage(PlannedPage):
    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Social CRM strategy"),
            self.tr(
                "Here you will place the client among the four approaches to Social CRM, classify"
                " their initiatives, choose where to start and review the platforms and "
                "governance behind them."
            ),
            parent,
        )
