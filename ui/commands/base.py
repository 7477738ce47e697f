"""The base of every undoable action, and the runner that validates before pushing.

**Validate, then push.** :meth:`CommandRunner.run` calls :meth:`WorkspaceCommand.perform`
*outside* the undo stack first. If the core refuses the write (a ``ValidationError``,
``ConflictError`` and so on), the exception reaches the caller, which shows it where it
belongs (next to a dialog field, under a table), and nothing is pushed. When the write
succeeded the command is pushed, and the ``redo()`` that ``QUndoStack.push()`` always
makes is skipped once, because the work is already done.

Later ``undo()``/``redo()`` calls come from the stack. Should the core refuse one of them
(another program changed the workspace meanwhile), the command reports through the
runner's :attr:`~CommandRunner.step_failed` signal, asks every view to re-read, and marks
itself obsolete so that the stack drops it rather than keep a step it cannot take.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack

from scrm_desk.changes import Changes
from scrm_desk.errors import ScrmError
from ui.workspace_events import WorkspaceEvents

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


def tr(text: str) -> str:
    """Translate a command text (commands are not QObjects, so they share one context)."""
    return QCoreApplication.translate("Commands", text)


def changed_fields(record: object, values: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of ``values`` that differ from ``record``'s attributes."""

    def plain(value: Any) -> Any:
        return value.value if isinstance(value, StrEnum) else value

    return {
        name: value
        for name, value in values.items()
        if plain(getattr(record, name)) != plain(value)
    }


class WorkspaceCommand(QUndoCommand):
    """One user action on the workspace: ``_do()`` and ``_undo()`` call the core and
    return the :class:`Changes` it reported; the command broadcasts them."""

    def __init__(self, workspace: Workspace, text: str) -> None:
        super().__init__(text)
        self.workspace = workspace
        self._events: WorkspaceEvents | None = None
        self._report: Callable[[str], None] = lambda message: None
        self._skip_next_redo = False

    # -- the contract with subclasses -----------------------------------------------------
    def _do(self) -> Changes:
        raise NotImplementedError

    def _undo(self) -> Changes:
        raise NotImplementedError

    def done_message(self) -> str:
        """What the status bar says once the action is done."""
        return self.text()

    # -- running --------------------------------------------------------------------------
    def attach(self, events: WorkspaceEvents, report: Callable[[str], None]) -> None:
        self._events = events
        self._report = report

    def perform(self) -> None:
        """Do the action for the first time; raises ``ScrmError`` if the core refuses."""
        changes = self._do()
        self._skip_next_redo = True
        self._broadcast(changes)

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._step(self._do)

    def undo(self) -> None:
        self._step(self._undo)

    def _step(self, step: Callable[[], Changes]) -> None:
        try:
            changes = step()
        except ScrmError as exc:
            self.setObsolete(True)
            self._report(
                tr("“{action}” could not be undone or redone: {reason}").format(
                    action=self.text(), reason=exc
                )
            )
            if self._events is not None:
                self._events.broadcast_everything()
            return
        self._broadcast(changes)

    def _broadcast(self, changes: Changes) -> None:
        if self._events is not None:
            self._events.broadcast(changes)


class CommandRunner(QObject):
    """Runs commands on one undo stack; owned by the main window, lent to its pages."""

    #: A command ran; the argument is the status-bar message.
    executed = Signal(str)
    #: An undo or redo step was refused by the core; the argument says what and why.
    step_failed = Signal(str)

    def __init__(
        self, events: WorkspaceEvents, stack: QUndoStack, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.events = events
        self.stack = stack

    def run(self, command: WorkspaceCommand) -> None:
        """Execute ``command`` and push it; a ``ScrmError`` propagates, nothing pushed."""
        command.attach(self.events, self.step_failed.emit)
        command.perform()
        self.stack.push(command)
        self.executed.emit(self._with_undo_hint(command.done_message()))

    def run_all(self, text: str, commands: Sequence[WorkspaceCommand], message: str) -> None:
        """Run several commands as one undo step.

        Commands that succeeded before one fails stay done (and undoable as one step); the
        failure propagates like :meth:`run`'s.
        """
        if len(commands) == 1:
            self.run(commands[0])
            return
        self.stack.beginMacro(text)
        try:
            for command in commands:
                command.attach(self.events, self.step_failed.emit)
                command.perform()
                self.stack.push(command)
        finally:
            self.stack.endMacro()
        self.executed.emit(self._with_undo_hint(message))

    @staticmethod
    def _with_undo_hint(message: str) -> str:
        shortcut = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        return tr("{message} — {shortcut} to undo").format(message=message, shortcut=shortcut)
