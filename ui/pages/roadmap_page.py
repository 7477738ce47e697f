"""The Roadmap tab of an engagement (not built yet: says what it will hold)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.commands.base import CommandRunner
from ui.pages.engagement_page import PlannedPage

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class RoadmapPage(PlannedPage):
    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Roadmap"),
            self.tr(
                "Here you will turn the gaps the assessment found into initiatives, ordered over "
                "time, each with an owner and the building blocks it lifts."
            ),
            parent,
        )
