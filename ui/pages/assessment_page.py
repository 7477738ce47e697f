"""The Assessment tab of an engagement (not built yet: says what it will hold)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.commands.base import CommandRunner
from ui.pages.engagement_page import PlannedPage

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class AssessmentPage(PlannedPage):
    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Assessment"),
            self.tr(
                "Here you will score the client on each of the eight building blocks of CRM, in "
                "the classic view, the Social CRM view or both: a maturity level from 1 to 5, the"
                " evidence behind it and the target the client aims for."
            ),
            parent,
        )
