"""Creating and editing assessments, and saving answers (each answer one undo step).

An answer is saved whole (``ws.responses.save`` is an upsert of one answer per
assessment × question × lens × respondent), so an answer command keeps the whole answer
before and after: undo writes the old one back, or clears the answer if there was none.
Consecutive edits of the same answer's evidence text merge into one undo step
(:meth:`SaveAnswer.mergeWith`), so typing a paragraph is not forty steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from scrm_desk.changes import Changes
from scrm_desk.records import AnswerKind, Assessment, AssessmentStatus, Confidence, Lens, Response
from ui.commands.base import WorkspaceCommand, tr

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

#: ``QUndoCommand.id()`` of answer commands, so the stack offers them for merging.
SAVE_ANSWER_ID = 3001


@dataclass(frozen=True, slots=True)
class AnswerKey:
    """Which answer: one question under one lens, by one respondent (None: consensus)."""

    assessment_id: str
    question_id: str
    lens: Lens
    respondent_id: str | None


@dataclass(frozen=True, slots=True)
class AnswerValues:
    """The content of one answer, as the wizard's controls hold it."""

    kind: AnswerKind = AnswerKind.LEVEL
    current_level: int | None = None
    target_level: int | None = None
    confidence: Confidence | None = None
    evidence: str = ""

    @classmethod
    def from_response(cls, response: Response | None) -> AnswerValues | None:
        if response is None:
            return None
        return cls(
            response.kind,
            response.current_level,
            response.target_level,
            response.confidence,
            response.evidence,
        )

    @property
    def is_empty(self) -> bool:
        """Nothing given at all: saving it would store an answer that says nothing."""
        return (
            self.kind is AnswerKind.LEVEL
            and self.current_level is None
            and self.target_level is None
            and self.confidence is None
            and not self.evidence.strip()
        )

    @property
    def counts_as_answered(self) -> bool:
        """A level, or "not applicable"; "don't know" leaves the question open."""
        return self.kind is AnswerKind.NOT_APPLICABLE or (
            self.kind is AnswerKind.LEVEL and self.current_level is not None
        )

    @property
    def target_below_current(self) -> bool:
        return (
            self.kind is AnswerKind.LEVEL
            and self.current_level is not None
            and self.target_level is not None
            and self.target_level < self.current_level
        )

    def save_arguments(self) -> dict[str, Any]:
        levels = self.kind is AnswerKind.LEVEL
        return {
            "kind": self.kind,
            "current_level": self.current_level if levels else None,
            "target_level": self.target_level if levels else None,
            "confidence": self.confidence,
            "evidence": self.evidence,
        }


def _write(workspace: Workspace, key: AnswerKey, values: AnswerValues | None) -> Changes:
    """Store ``values`` as the answer for ``key``; ``None`` (or nothing given) clears it."""
    arguments = (key.assessment_id, key.question_id, key.lens, key.respondent_id)
    if values is None or values.is_empty:
        changes = workspace.responses.clear(*arguments)
        # Nothing to clear still means the views should look again (the answer is gone).
        return changes or Changes(frozenset({"response"}), frozenset({key.assessment_id}))
    return workspace.responses.save(*arguments, **values.save_arguments()).changes


class SaveAnswer(WorkspaceCommand):
    """Saves one whole answer; undo puts back the answer as it was (or clears it).

    ``label`` names the question for the undo history ("Vision 1.2, Social CRM").
    """

    def __init__(
        self,
        workspace: Workspace,
        key: AnswerKey,
        values: AnswerValues | None,
        label: str,
    ) -> None:
        self.key = key
        self._old = AnswerValues.from_response(
            workspace.responses.find(
                key.assessment_id, key.question_id, key.lens, key.respondent_id
            )
        )
        self._new = None if values is None or values.is_empty else values
        self._label = label
        #: The text, kept on the Python side: when the stack merges this command into the
        #: one before, it deletes the C++ object, and the runner still asks for the message.
        self.description = self._describe()
        super().__init__(workspace, self.description)

    @property
    def values(self) -> AnswerValues | None:
        return self._new

    @property
    def changes_anything(self) -> bool:
        return self._old != self._new

    @property
    def evidence_only(self) -> bool:
        """Only the evidence text differs between before and after."""
        if self._old is None or self._new is None:
            return False
        return replace(self._old, evidence=self._new.evidence) == self._new

    def _describe(self) -> str:
        new = self._new
        if new is None:
            return tr("Clear answer to {question}").format(question=self._label)
        if self.evidence_only:
            return tr("Edit evidence for {question}").format(question=self._label)
        if new.kind is AnswerKind.NOT_APPLICABLE:
            return tr("Mark {question} not applicable").format(question=self._label)
        if new.kind is AnswerKind.DONT_KNOW:
            return tr("Mark {question} “don't know”").format(question=self._label)
        old = self._old or AnswerValues()
        if new.current_level is not None and old.current_level != new.current_level:
            return tr("Set level {level} for {question}").format(
                level=new.current_level, question=self._label
            )
        if new.target_level is not None and old.target_level != new.target_level:
            return tr("Set target {level} for {question}").format(
                level=new.target_level, question=self._label
            )
        if old.confidence != new.confidence:
            return tr("Set confidence for {question}").format(question=self._label)
        return tr("Answer {question}").format(question=self._label)

    def _do(self) -> Changes:
        return _write(self.workspace, self.key, self._new)

    def _undo(self) -> Changes:
        return _write(self.workspace, self.key, self._old)

    def id(self) -> int:
        return SAVE_ANSWER_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Absorb a later evidence edit of the same answer (its work is already done)."""
        if not isinstance(other, SaveAnswer) or other.key != self.key:
            return False
        if not (self.evidence_only and other.evidence_only):
            return False
        self._new = other._new
        self.description = self._describe()
        self.setText(self.description)
        if self._old == self._new:
            self.setObsolete(True)  # typed and deleted again: no step left to undo
        return True

    def done_message(self) -> str:
        return tr("Saved: {action}").format(action=self.description)


class CreateAssessment(WorkspaceCommand):
    """Undo deletes the assessment (by then every later answer is undone too); redo puts
    the same record back, id included."""

    def __init__(self, workspace: Workspace, values: Mapping[str, Any]) -> None:
        super().__init__(
            workspace, tr("New assessment “{name}”").format(name=values.get("name", ""))
        )
        self._values = dict(values)
        self.record: Assessment | None = None

    def _do(self) -> Changes:
        if self.record is None:
            saved = self.workspace.assessments.create(**self._values)
        else:
            saved = self.workspace.assessments.put_back(self.record)
        self.record = saved.record
        return saved.changes

    def _undo(self) -> Changes:
        assert self.record is not None
        self.record = self.workspace.assessments.get(self.record.id)
        # Answers given since were undone first; any left (another program) go with it.
        return self.workspace.assessments.delete(self.record.id) | Changes.of("response")

    def done_message(self) -> str:
        name = self.record.name if self.record else ""
        return tr("Assessment “{name}” created").format(name=name)


class DeleteAssessment(WorkspaceCommand):
    """Deletes an assessment with all its answers; undo puts both back exactly."""

    def __init__(self, workspace: Workspace, assessment_id: str) -> None:
        record = workspace.assessments.get(assessment_id)
        super().__init__(workspace, tr("Delete assessment “{name}”").format(name=record.name))
        self.record = record
        self._answers: list[Response] = []

    def _do(self) -> Changes:
        ws = self.workspace
        self.record = ws.assessments.get(self.record.id)
        self._answers = ws.responses.for_assessment(self.record.id)
        return ws.assessments.delete(self.record.id) | Changes.of("response")

    def _undo(self) -> Changes:
        return self.workspace.assessments.put_back_with_answers(self.record, self._answers)

    def done_message(self) -> str:
        return tr("Assessment “{name}” deleted with its {count} answers").format(
            name=self.record.name, count=len(self._answers)
        )


class EditAssessment(WorkspaceCommand):
    """Changes the given fields of an assessment; undo writes back the old values."""

    def __init__(
        self,
        workspace: Workspace,
        assessment_id: str,
        values: Mapping[str, Any],
        text: str | None = None,
    ) -> None:
        current = workspace.assessments.get(assessment_id)
        name = values.get("name") or current.name
        super().__init__(workspace, text or tr("Edit assessment “{name}”").format(name=name))
        self._id = assessment_id
        self._new = dict(values)
        self._old: dict[str, Any] | None = None

    def _do(self) -> Changes:
        if self._old is None:
            current = self.workspace.assessments.get(self._id)
            self._old = {name: getattr(current, name) for name in self._new}
        return self.workspace.assessments.update(self._id, **self._new).changes

    def _undo(self) -> Changes:
        assert self._old is not None
        return self.workspace.assessments.update(self._id, **self._old).changes


def set_status_command(
    workspace: Workspace, assessment: Assessment, status: AssessmentStatus
) -> EditAssessment:
    """Mark an assessment complete, or in progress again."""
    if status is AssessmentStatus.COMPLETE:
        text = tr("Mark assessment “{name}” complete").format(name=assessment.name)
    else:
        text = tr("Reopen assessment “{name}”").format(name=assessment.name)
    return EditAssessment(workspace, assessment.id, {"status": status}, text)
