"""Undoable deliverable actions: the firm's branding and an engagement's executive summary.

Both live in the workspace's settings (``ws.settings``), so they travel with the
workspace and survive a restart. Undo writes back exactly what was there before.

The executive summary is stored per engagement under :func:`summary_key`: the consultant's
own text, or ``None`` while the drafted text is used (so the draft keeps following the
findings until the consultant edits it). Typing is saved in short pauses; the pauses of
one editing session merge into one undo step (see :meth:`SetExecutiveSummary.mergeWith`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from scrm_desk.changes import Changes, Saved
from scrm_desk.reports.options import stored_summary, summary_key
from ui.commands.base import WorkspaceCommand, tr

if TYPE_CHECKING:
    from scrm_desk.reports import Branding
    from scrm_desk.workspace import Workspace

#: ``QUndoCommand.id()`` of summary edits, so that one typing session merges.
_SUMMARY_COMMAND_ID = 0x5C2D01


class SetExecutiveSummary(WorkspaceCommand):
    """Keep ``text`` as the engagement's executive summary (``None``: back to the draft).

    ``session`` identifies one stretch of typing: consecutive saves with the same
    session merge into one undo step, so a paragraph typed with pauses undoes at once.
    """

    def __init__(
        self,
        workspace: Workspace,
        engagement_id: str,
        text: str | None,
        *,
        session: int = 0,
    ) -> None:
        label = (
            tr("Reset executive summary to the draft")
            if text is None
            else tr("Edit executive summary")
        )
        super().__init__(workspace, label)
        self._label = label
        self.engagement_id = engagement_id
        self.text_value = text
        self.previous = stored_summary(workspace, engagement_id)
        self.session = session

    def _do(self) -> Changes:
        return self.workspace.settings.set(summary_key(self.engagement_id), self.text_value)

    def _undo(self) -> Changes:
        return self.workspace.settings.set(summary_key(self.engagement_id), self.previous)

    def done_message(self) -> str:
        # Kept in Python: when this step merges into the one before, the stack deletes
        # the C++ command right after the push, before the runner asks for this message.
        return self._label

    def id(self) -> int:
        # Resets never merge: each is a step of its own.
        return _SUMMARY_COMMAND_ID if self.text_value is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, SetExecutiveSummary)
            or other.engagement_id != self.engagement_id
            or other.session != self.session
            or self.text_value is None
            or other.text_value is None
        ):
            return False
        # ``other`` is already done; this step now leads from our "previous" to its text.
        self.text_value = other.text_value
        if self.text_value == self.previous:
            self.setObsolete(True)  # typed and then deleted again: no step left to undo
        return True


class SaveBranding(WorkspaceCommand):
    """Replace the workspace's branding (firm name, logo, colour, wording) as one step."""

    def __init__(self, workspace: Workspace, branding: Branding) -> None:
        # Imported here: scrm_desk.reports loads the report sections, which the window's
        # start-up does not need.
        from scrm_desk.reports import load_branding

        super().__init__(workspace, tr("Change branding"))
        self.branding = branding
        self.previous = load_branding(workspace)
        self.saved: Branding | None = None

    def _do(self) -> Changes:
        saved = _write(self.workspace, self.branding)
        self.saved = saved.record
        return saved.changes

    def _undo(self) -> Changes:
        return _write(self.workspace, self.previous).changes

    def done_message(self) -> str:
        return tr("Branding saved")


def _write(workspace: Workspace, branding: Branding) -> Saved[Branding]:
    from scrm_desk.reports import save_branding

    return save_branding(
        workspace,
        firm_name=branding.firm_name,
        logo=branding.logo,
        primary_colour=branding.primary_colour,
        confidentiality=branding.confidentiality,
    )
