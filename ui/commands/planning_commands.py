"""Undoable planning actions: the canvas, the gate and governance checklists, the posture,
initiatives, starting points, platforms, the roadmap and its suggested initiatives.

Every command calls a repository or a :mod:`scrm_desk.planning` function and returns the
:class:`~scrm_desk.changes.Changes` it reported; see :mod:`ui.commands.base` for how the
runner validates (executes) a command before pushing it.

Two shapes recur:

* *upserts* (a canvas cell, a checklist item, a starting area, the posture): a record
  keyed by what it is about, created by its first save. Undo writes back the fields as
  they were, or removes the record when the first save created it.
* *records* (initiatives, platforms, roadmap items): created, edited and removed; undo of
  a removal puts the exact record back, id and roadmap position included.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from scrm_desk.changes import Changes, Saved
from scrm_desk.records import ChecklistKind, DismissedSuggestion, Posture, RoadmapItem
from ui.commands.base import WorkspaceCommand, tr

if TYPE_CHECKING:
    from scrm_desk.frameworks.model import ReferenceFramework
    from scrm_desk.planning import PostureQuestionnaire, Suggestion
    from scrm_desk.workspace import Workspace

#: Fields of the planning records as an undo text names them.
FIELD_NAMES = {
    "maturity": QT_TRANSLATE_NOOP("Commands", "maturity"),
    "current_state": QT_TRANSLATE_NOOP("Commands", "current state"),
    "target_state": QT_TRANSLATE_NOOP("Commands", "target state"),
    "pain_points": QT_TRANSLATE_NOOP("Commands", "pain points"),
    "owner": QT_TRANSLATE_NOOP("Commands", "owner"),
    "initiatives": QT_TRANSLATE_NOOP("Commands", "initiatives"),
    "title": QT_TRANSLATE_NOOP("Commands", "title"),
    "name": QT_TRANSLATE_NOOP("Commands", "name"),
    "description": QT_TRANSLATE_NOOP("Commands", "description"),
    "kind": QT_TRANSLATE_NOOP("Commands", "kind"),
    "status": QT_TRANSLATE_NOOP("Commands", "status"),
    "category_id": QT_TRANSLATE_NOOP("Commands", "category"),
    "geography": QT_TRANSLATE_NOOP("Commands", "geography"),
    "purpose": QT_TRANSLATE_NOOP("Commands", "purpose"),
    "objective": QT_TRANSLATE_NOOP("Commands", "objective"),
    "pain": QT_TRANSLATE_NOOP("Commands", "pain"),
    "value": QT_TRANSLATE_NOOP("Commands", "value"),
    "chosen": QT_TRANSLATE_NOOP("Commands", "first choice"),
    "note": QT_TRANSLATE_NOOP("Commands", "note"),
    "answers": QT_TRANSLATE_NOOP("Commands", "answers"),
    "override_approach": QT_TRANSLATE_NOOP("Commands", "placement"),
    "override_note": QT_TRANSLATE_NOOP("Commands", "note on the placement"),
    "impact": QT_TRANSLATE_NOOP("Commands", "impact"),
    "effort": QT_TRANSLATE_NOOP("Commands", "effort"),
    "phase": QT_TRANSLATE_NOOP("Commands", "phase"),
    "start_date": QT_TRANSLATE_NOOP("Commands", "start date"),
    "end_date": QT_TRANSLATE_NOOP("Commands", "end date"),
    "block_ids": QT_TRANSLATE_NOOP("Commands", "building blocks"),
    "layer_ids": QT_TRANSLATE_NOOP("Commands", "layers"),
    "area_ids": QT_TRANSLATE_NOOP("Commands", "starting areas"),
    "origin": QT_TRANSLATE_NOOP("Commands", "suggestion"),
}


def field_name(field: str) -> str:
    text = FIELD_NAMES.get(field)
    return tr(text) if text else field


def describe_refusal(field: str, message: str) -> str:
    """A core validation message about a planning field as a sentence ("Note on the
    placement: say why …")."""
    if field not in FIELD_NAMES:
        from ui.labels import describe_invalid

        return describe_invalid(field, message)
    label = field_name(field)
    label = label[:1].upper() + label[1:]
    if message.startswith(("is ", "must ", "contains ")):
        return f"{label} {message}"
    return f"{label}: {message}"


def _edit_text(values: Mapping[str, Any], subject: str) -> str:
    """ "Change owner of “Sales”" for one field, "Edit “Sales”" for several."""
    if len(values) == 1:
        (field,) = values
        return tr("Change {field} of “{subject}”").format(field=field_name(field), subject=subject)
    return tr("Edit “{subject}”").format(subject=subject)


# --------------------------------------------------------------------------- upserts


class _Upsert(WorkspaceCommand):
    """Saves some fields of a keyed record; undo restores them or removes the record."""

    #: The fields written back on undo.
    fields: tuple[str, ...] = ()

    def __init__(self, workspace: Workspace, text: str, values: Mapping[str, Any]) -> None:
        super().__init__(workspace, text)
        self._values = dict(values)
        before = self._find()
        self._before = None if before is None else {f: getattr(before, f) for f in self.fields}

    def _find(self) -> Any:
        raise NotImplementedError

    def _save(self, values: Mapping[str, Any]) -> Changes:
        raise NotImplementedError

    def _clear(self) -> Changes:
        raise NotImplementedError

    def _do(self) -> Changes:
        return self._save(self._values)

    def _undo(self) -> Changes:
        if self._before is None:
            return self._clear()
        return self._save(self._before)


class SaveCanvasEntry(_Upsert):
    """Maturity and texts of one band of the canvas (a layer, or one of its processes)."""

    fields = ("maturity", "current_state", "target_state", "pain_points", "owner", "initiatives")

    def __init__(
        self,
        workspace: Workspace,
        engagement_id: str,
        layer_id: str,
        process_id: str,
        values: Mapping[str, Any],
        band_name: str,
    ) -> None:
        self._key = (engagement_id, layer_id, process_id)
        super().__init__(workspace, _edit_text(values, band_name), values)

    def _find(self) -> Any:
        return self.workspace.canvas.find(*self._key)

    def _save(self, values: Mapping[str, Any]) -> Changes:
        return self.workspace.canvas.save(*self._key, **values).changes

    def _clear(self) -> Changes:
        return self.workspace.canvas.clear(*self._key)


class SetChecklistItem(_Upsert):
    """Ticks or unticks a gate criterion or a governance item (or changes its note)."""

    fields = ("checked", "note")

    def __init__(
        self,
        workspace: Workspace,
        engagement_id: str,
        checklist: ChecklistKind,
        item_id: str,
        values: Mapping[str, Any],
        item_text: str,
        layer_id: str = "",
    ) -> None:
        self._key = (engagement_id, checklist, item_id, layer_id)
        short = _short(item_text)
        if set(values) == {"checked"}:
            text = (tr("Tick “{item}”") if values["checked"] else tr("Untick “{item}”")).format(
                item=short
            )
        else:
            text = _edit_text(values, short)
        super().__init__(workspace, text, values)

    def _find(self) -> Any:
        return self.workspace.checklists.find(*self._key)

    def _save(self, values: Mapping[str, Any]) -> Changes:
        engagement_id, checklist, item_id, layer_id = self._key
        saved = self.workspace.checklists.save(
            engagement_id, checklist, item_id, layer_id, **values
        )
        return saved.changes

    def _clear(self) -> Changes:
        return self.workspace.checklists.clear(*self._key)


class SaveStartingPoint(_Upsert):
    """Pain, value, first choice or note of one starting area."""

    fields = ("pain", "value", "chosen", "note")

    def __init__(
        self,
        workspace: Workspace,
        engagement_id: str,
        area_id: str,
        values: Mapping[str, Any],
        area_name: str,
    ) -> None:
        self._key = (engagement_id, area_id)
        if set(values) == {"chosen"}:
            text = (
                tr("Start with “{area}”") if values["chosen"] else tr("Do not start with “{area}”")
            ).format(area=area_name)
        else:
            text = _edit_text(values, area_name)
        super().__init__(workspace, text, values)

    def _find(self) -> Any:
        return self.workspace.starting_points.find(*self._key)

    def _save(self, values: Mapping[str, Any]) -> Changes:
        return self.workspace.starting_points.save(*self._key, **values).changes

    def _clear(self) -> Changes:
        return self.workspace.starting_points.clear(*self._key)


# --------------------------------------------------------------------------- the posture


class _ChangePosture(WorkspaceCommand):
    """Runs a posture function; undo writes the whole posture back as it was."""

    def __init__(self, workspace: Workspace, engagement_id: str, text: str) -> None:
        super().__init__(workspace, text)
        self._engagement_id = engagement_id
        self._before: Posture | None = workspace.posture.find(engagement_id)

    def _change(self) -> Saved[Posture]:
        raise NotImplementedError

    def _do(self) -> Changes:
        return self._change().changes

    def _undo(self) -> Changes:
        if self._before is None:
            return self.workspace.posture.clear(self._engagement_id)
        before = self._before
        return self.workspace.posture.save(
            self._engagement_id,
            answers=before.answers,
            computed_approach=before.computed_approach,
            override_approach=before.override_approach,
            override_note=before.override_note,
        ).changes


class AnswerPostureQuestion(_ChangePosture):
    """Answers one question of the posture questionnaire (``None``: clears the answer);
    the computed approach follows."""

    def __init__(
        self,
        workspace: Workspace,
        engagement_id: str,
        questionnaire: PostureQuestionnaire,
        question_id: str,
        option_id: str | None,
    ) -> None:
        self._questionnaire = questionnaire
        self._question_id = question_id
        self._option_id = option_id
        super().__init__(
            workspace,
            engagement_id,
            tr("Answer “{question}”").format(
                question=_short(questionnaire.question(question_id).text)
            ),
        )

    def _change(self) -> Saved[Posture]:
        from scrm_desk.planning.posture import answer

        return answer(
            self.workspace,
            self._engagement_id,
            self._questionnaire,
            self._question_id,
            self._option_id,
        )


class OverridePosture(_ChangePosture):
    """Places the client in an approach whatever the questionnaire says (a note is
    required); ``approach_id=None`` removes the override."""

    def __init__(
        self,
        workspace: Workspace,
        engagement_id: str,
        approach_id: str | None,
        note: str,
        reference: ReferenceFramework,
    ) -> None:
        self._approach_id = approach_id
        self._note = note
        self._reference = reference
        if approach_id is None:
            text = tr("Remove the posture override")
        else:
            text = tr("Place the client among “{approach}”").format(
                approach=reference.approach(approach_id).name
            )
        super().__init__(workspace, engagement_id, text)

    def _change(self) -> Saved[Posture]:
        from scrm_desk.planning.posture import set_override

        return set_override(
            self.workspace, self._engagement_id, self._approach_id, self._note, self._reference
        )


# --------------------------------------------------------------------------- records

#: Repository attribute -> (what one record is called, the field naming it).
_RECORD_KINDS = {
    "social_initiatives": (QT_TRANSLATE_NOOP("Commands", "initiative"), "title"),
    "platforms": (QT_TRANSLATE_NOOP("Commands", "platform"), "name"),
    "roadmap": (QT_TRANSLATE_NOOP("Commands", "roadmap item"), "title"),
}


def _noun(repository: str) -> str:
    return tr(_RECORD_KINDS[repository][0])


def _name_of(repository: str, record: Any) -> str:
    return str(getattr(record, _RECORD_KINDS[repository][1]))


class AddRecord(WorkspaceCommand):
    """Creates an initiative, platform or roadmap item; undo deletes it, redo puts the
    same record back."""

    def __init__(self, workspace: Workspace, repository: str, values: Mapping[str, Any]) -> None:
        self._repository = repository
        self._values = dict(values)
        self.record: Any = None
        name = str(values.get(_RECORD_KINDS[repository][1], ""))
        super().__init__(
            workspace, tr("Add {noun} “{name}”").format(noun=_noun(repository), name=name)
        )

    @property
    def _repo(self) -> Any:
        return getattr(self.workspace, self._repository)

    def _do(self) -> Changes:
        if self.record is None:
            saved = self._repo.create(**self._values)
        else:
            saved = self._repo.put_back(self.record)
        self.record = saved.record
        return saved.changes

    def _undo(self) -> Changes:
        self.record = self._repo.get(self.record.id)
        return self._repo.delete(self.record.id)

    def done_message(self) -> str:
        name = _name_of(self._repository, self.record) if self.record else ""
        return tr("{noun} “{name}” added").format(noun=_noun(self._repository), name=name)


class EditRecord(WorkspaceCommand):
    """Changes some fields of an initiative, platform or roadmap item."""

    def __init__(
        self, workspace: Workspace, repository: str, record_id: str, values: Mapping[str, Any]
    ) -> None:
        self._repository = repository
        self._id = record_id
        self._new = dict(values)
        current = self._repo_of(workspace).get(record_id)
        self._old = {name: getattr(current, name) for name in self._new}
        self._name = _name_of(repository, current)
        super().__init__(workspace, _edit_text(values, self._name))

    def _repo_of(self, workspace: Workspace) -> Any:
        return getattr(workspace, self._repository)

    def _do(self) -> Changes:
        return self._repo_of(self.workspace).update(self._id, **self._new).changes

    def _undo(self) -> Changes:
        return self._repo_of(self.workspace).update(self._id, **self._old).changes

    def done_message(self) -> str:
        record = self._repo_of(self.workspace).get(self._id)
        return tr("{noun} “{name}” saved").format(
            noun=_noun(self._repository), name=_name_of(self._repository, record)
        )


class RemoveRecord(WorkspaceCommand):
    """Deletes an initiative, platform or roadmap item; undo puts the exact record back
    (a roadmap item at its old place)."""

    def __init__(self, workspace: Workspace, repository: str, record_id: str) -> None:
        self._repository = repository
        self._record = getattr(workspace, repository).get(record_id)
        super().__init__(
            workspace,
            tr("Remove {noun} “{name}”").format(
                noun=_noun(repository), name=_name_of(repository, self._record)
            ),
        )

    @property
    def _repo(self) -> Any:
        return getattr(self.workspace, self._repository)

    def _do(self) -> Changes:
        self._record = self._repo.get(self._record.id)
        return self._repo.delete(self._record.id)

    def _undo(self) -> Changes:
        return self._repo.put_back(self._record).changes

    def done_message(self) -> str:
        return tr("{noun} “{name}” removed").format(
            noun=_noun(self._repository), name=_name_of(self._repository, self._record)
        )


# --------------------------------------------------------------------------- the roadmap


def roadmap_place(workspace: Workspace, item: RoadmapItem) -> int:
    """The item's place in its roadmap's order, 1 first (positions may have gaps)."""
    order = [other.id for other in workspace.roadmap.for_engagement(item.engagement_id)]
    return order.index(item.id) + 1


class MoveRoadmapItem(WorkspaceCommand):
    """Moves a roadmap item to another place (1 first); undo moves it back."""

    def __init__(self, workspace: Workspace, item_id: str, new_place: int) -> None:
        item = workspace.roadmap.get(item_id)
        self._id = item_id
        self._old = roadmap_place(workspace, item)
        self._new = new_place
        self._title = item.title
        super().__init__(workspace, tr("Move “{title}”").format(title=item.title))

    def _do(self) -> Changes:
        return self.workspace.roadmap.move(self._id, self._new)

    def _undo(self) -> Changes:
        return self.workspace.roadmap.move(self._id, self._old)

    def done_message(self) -> str:
        place = roadmap_place(self.workspace, self.workspace.roadmap.get(self._id))
        return tr("“{title}” moved to place {place}").format(title=self._title, place=place)


class AcceptSuggestion(WorkspaceCommand):
    """Puts a suggested initiative on the roadmap, with the consultant's edits: one step.

    Undo deletes the item, so the suggestion is made again; redo puts the same item back.
    """

    def __init__(
        self,
        workspace: Workspace,
        engagement_id: str,
        suggestion: Suggestion,
        edits: Mapping[str, Any] | None = None,
    ) -> None:
        self._engagement_id = engagement_id
        self._suggestion = suggestion
        self._edits = dict(edits or {})
        self.record: RoadmapItem | None = None
        title = self._edits.get("title") or suggestion.title
        super().__init__(workspace, tr("Accept suggestion “{title}”").format(title=title))

    def _do(self) -> Changes:
        from scrm_desk.planning import accept_suggestion

        if self.record is None:
            saved = accept_suggestion(
                self.workspace, self._engagement_id, self._suggestion, self._edits
            )
        else:
            saved = self.workspace.roadmap.put_back(self.record)
        self.record = saved.record
        return saved.changes

    def _undo(self) -> Changes:
        assert self.record is not None
        self.record = self.workspace.roadmap.get(self.record.id)
        return self.workspace.roadmap.delete(self.record.id)

    def done_message(self) -> str:
        title = self.record.title if self.record else ""
        return tr("“{title}” added to the roadmap").format(title=title)


class DismissSuggestion(WorkspaceCommand):
    """Hides a suggested initiative for this engagement; undo suggests it again."""

    def __init__(self, workspace: Workspace, engagement_id: str, suggestion: Suggestion) -> None:
        self._engagement_id = engagement_id
        self._suggestion = suggestion
        self._record: DismissedSuggestion | None = None
        super().__init__(
            workspace, tr("Dismiss suggestion “{title}”").format(title=suggestion.title)
        )

    def _do(self) -> Changes:
        from scrm_desk.planning import dismiss_suggestion

        if self._record is None:
            saved = dismiss_suggestion(self.workspace, self._engagement_id, self._suggestion)
        else:
            saved = self.workspace.dismissed_suggestions.put_back(self._record)
        self._record = saved.record
        return saved.changes

    def _undo(self) -> Changes:
        from scrm_desk.planning import restore_suggestion

        return restore_suggestion(self.workspace, self._engagement_id, self._suggestion.key)

    def done_message(self) -> str:
        return tr("Suggestion “{title}” dismissed").format(title=self._suggestion.title)


class RestoreSuggestion(WorkspaceCommand):
    """Suggests a dismissed initiative again; undo dismisses it again, as it was."""

    def __init__(self, workspace: Workspace, engagement_id: str, key: str) -> None:
        self._engagement_id = engagement_id
        found = workspace.dismissed_suggestions.find(engagement_id, key)
        if found is None:
            from scrm_desk.errors import NotFoundError

            raise NotFoundError(f"The suggestion {key!r} is not dismissed.")
        self._record = found
        super().__init__(
            workspace, tr("Restore suggestion “{title}”").format(title=found.title or key)
        )

    def _do(self) -> Changes:
        from scrm_desk.planning import restore_suggestion

        return restore_suggestion(self.workspace, self._engagement_id, self._record.key)

    def _undo(self) -> Changes:
        return self.workspace.dismissed_suggestions.put_back(self._record).changes

    def done_message(self) -> str:
        return tr("Suggestion “{title}” restored").format(title=self._record.title)


# --------------------------------------------------------------------------- helpers


def _short(text: str, limit: int = 48) -> str:
    """A long checklist or question text cut short for the Edit menu."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
