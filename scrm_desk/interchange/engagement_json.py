"""The JSON interchange format for one engagement: export, strict checks, atomic import.

A document carries one engagement with its client and everything that belongs to it, so
a consultant can move an engagement between laptops or hand it to a colleague. The
format is described for humans in ``docs/interchange-format.md`` and for tools in
``resources/schemas/engagement.schema.json``; this module is the reference reader and
writer and needs nothing beyond the standard library and the core.

Import is all or nothing: the whole document is checked first, every problem collected
with its JSON path (``stakeholders[2].email: 'x' is not an e-mail address``), and only a
document without problems is written, in one transaction.

What hangs off an engagement is organised in *sections* (:class:`RecordListSection`):
each one exports its records, reads them back with checks, and writes them. Format
version 2 added the assessments and their responses, format version 3 the plan (the
seven-layer canvas, the gate and governance checklists, the posture, the initiatives
register, starting points, platforms, the roadmap and dismissed suggestions); a new kind
of record means one more section in :data:`SECTIONS`. Records that name framework items
(layers, criteria, kinds, areas, blocks, ...) are checked against the frameworks loaded
where the file is imported.
"""

from __future__ import annotations

import copy
import difflib
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, Generic, Literal, Protocol, TypeAlias, TypeVar

from scrm_desk import __version__, validation
from scrm_desk.changes import Changes
from scrm_desk.clock import new_id, utc_now
from scrm_desk.errors import InterchangeError, ValidationError
from scrm_desk.frameworks import (
    KIND_BUILDING_BLOCKS,
    BuildingBlocksFramework,
    FrameworkCatalog,
    LayersFramework,
    ReferenceFramework,
)
from scrm_desk.planning.posture import PostureQuestionnaire, load_questionnaire
from scrm_desk.planning.rules import PlanningRulesError
from scrm_desk.records import (
    AnswerKind,
    Assessment,
    CanvasState,
    ChecklistEntry,
    ChecklistKind,
    Client,
    DismissedSuggestion,
    Engagement,
    Platform,
    Posture,
    Response,
    RoadmapItem,
    SocialInitiative,
    Stakeholder,
    StartingPoint,
)
from scrm_desk.repositories import planning_fields
from scrm_desk.repositories.assessments import AssessmentRepository
from scrm_desk.repositories.base import FieldCheck, Repository, transaction
from scrm_desk.repositories.canvas import CanvasRepository
from scrm_desk.repositories.checklists import ChecklistRepository
from scrm_desk.repositories.clients import ClientRepository
from scrm_desk.repositories.engagements import EngagementRepository
from scrm_desk.repositories.platforms import PlatformRepository
from scrm_desk.repositories.posture import PostureRepository
from scrm_desk.repositories.responses import ResponseRepository
from scrm_desk.repositories.roadmap import (
    DismissedSuggestionRepository,
    RoadmapRepository,
    position,
)
from scrm_desk.repositories.social_initiatives import SocialInitiativeRepository
from scrm_desk.repositories.stakeholders import StakeholderRepository
from scrm_desk.repositories.starting_points import StartingPointRepository
from scrm_desk.workspace import Workspace

FORMAT: Final = "scrm-desk.engagement"
#: The newest format version this module writes and reads; older ones are read too.
FORMAT_VERSION: Final = 3
#: Files above this are refused before parsing: a real engagement is far smaller, and
#: parsing a huge file would freeze the app and eat memory.
MAX_DOCUMENT_BYTES: Final = 50 * 1024 * 1024
#: How many problems an error message lists before it says "and N more".
MAX_REPORTED_PROBLEMS: Final = 20
COPY_SUFFIX: Final = " (imported copy)"

OnConflict: TypeAlias = Literal["refuse", "copy"]
JsonKind: TypeAlias = Literal["string", "integer", "number", "boolean", "array", "object"]


class _StoredRecord(Protocol):
    """What every record of a section has: an id and a creation time."""

    @property
    def id(self) -> str: ...

    @property
    def created_at(self) -> str: ...


R = TypeVar("R", bound=_StoredRecord)


# --------------------------------------------------------------------------- problems


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a document, at a JSON path such as ``stakeholders[2].email``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidDocumentError(InterchangeError):
    """A document that cannot be imported; ``problems`` holds every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(describe_problems(self.problems))


class EngagementExistsError(InterchangeError):
    """The engagement in the document, or records of it, are already in the workspace."""

    def __init__(self, message: str, engagement_id: str) -> None:
        super().__init__(message)
        self.engagement_id = engagement_id


def describe_problems(problems: Sequence[Problem], *, subject: str = "The file") -> str:
    """One line for a single problem; otherwise a heading and one indented line each.

    ``subject`` names the document, for example by its file name.
    """
    if len(problems) == 1:
        return f"{subject} cannot be imported: {problems[0]}. Nothing was changed."
    shown = [f"  {problem}" for problem in problems[:MAX_REPORTED_PROBLEMS]]
    hidden = len(problems) - len(shown)
    if hidden:
        shown.append(f"  and {hidden} more")
    heading = f"{subject} cannot be imported ({len(problems)} problems); nothing was changed:"
    return "\n".join([heading, *shown])


class Problems:
    """Collects problems while a document is read, so the consultant sees them all at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(Problem(path, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise InvalidDocumentError(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def _refuse(path: str, message: str) -> InvalidDocumentError:
    """A problem so basic that checking the rest of the document would only add noise."""
    return InvalidDocumentError([Problem(path, message)])


def _member(parent: str, key: str) -> str:
    if not key:
        return parent
    return f"{parent}.{key}" if parent else key


def _json_type(value: object) -> str:
    """How a JSON user would name the type of ``value``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _is_kind(value: object, kind: JsonKind) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    if isinstance(value, bool):  # JSON true is not the number 1
        return False
    if kind == "integer":
        return isinstance(value, int)
    return isinstance(value, int | float)


def _is_storable_text(text: str) -> bool:
    # JSON may spell half of a surrogate pair ("\ud800"); SQLite cannot store that.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_KIND_NAMES: Final[dict[str, str]] = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "an array",
    "object": "an object",
}


# --------------------------------------------------------------------------- fields


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a record in the document: its JSON type, its check, whether optional.

    ``check`` is the same cleaning function the repository applies, so a document that
    passes here is accepted by the workspace too.
    """

    name: str
    check: FieldCheck
    required: bool = True
    nullable: bool = False
    default: object = ""
    kind: JsonKind = "string"


def _read_fields(
    raw: object, path: str, spec: Sequence[FieldSpec], problems: Problems
) -> dict[str, Any] | None:
    """The cleaned values of one record, or ``None`` when any field has a problem."""
    if not isinstance(raw, dict):
        problems.add(path, f"must be an object, not {_json_type(raw)}")
        return None
    known = [item.name for item in spec]
    for key in raw:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.add(_member(path, str(key)), f"is not a field of this format{hint}")
    values: dict[str, Any] = {}
    complete = True
    for item in spec:
        ok, values[item.name] = _read_value(raw, item, path, problems)
        complete = complete and ok
    return values if complete else None


def _read_value(
    raw: Mapping[str, Any], item: FieldSpec, path: str, problems: Problems
) -> tuple[bool, Any]:
    """Whether ``raw[item.name]`` passed its checks, and its cleaned value."""
    where = _member(path, item.name)
    if item.name not in raw:
        if item.required:
            problems.add(where, "is missing")
            return False, None
        return True, copy.copy(item.default)  # a default {} must not be shared
    value = raw[item.name]
    if value is None and item.nullable:
        return True, None
    if not _is_kind(value, item.kind):
        problems.add(where, f"must be {_KIND_NAMES[item.kind]}, not {_json_type(value)}")
        return False, None
    if isinstance(value, str) and not _is_storable_text(value):
        problems.add(where, "contains a broken character (a lone UTF-16 surrogate escape)")
        return False, None
    try:
        return True, item.check(item.name, value)
    except ValidationError as exc:
        # A check may name a place inside the value, such as ``block_ids[2]``.
        inside = exc.field.startswith(f"{item.name}[") or exc.field.startswith(f"{item.name}.")
        problems.add(_member(path, exc.field) if inside else where, exc.message)
        return False, None


def record_to_json(record: object) -> dict[str, Any]:
    """A record as a JSON object: every dataclass field in declaration order."""
    return {
        item.name: _json_value(getattr(record, item.name))
        for item in fields(record)  # type: ignore[arg-type]
    }


def _json_value(value: object) -> object:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple):  # the links of a roadmap item
        return [_json_value(item) for item in value]
    if isinstance(value, dict):  # the answers of a posture
        return {key: _json_value(item) for key, item in value.items()}
    return value


def _nullable_timestamp(field_name: str, value: object) -> str | None:
    return None if value is None else validation.timestamp(field_name, value)


_ID = FieldSpec("id", validation.record_id)
_CREATED_AT = FieldSpec("created_at", validation.timestamp)
_UPDATED_AT = FieldSpec("updated_at", validation.timestamp)

CLIENT_FIELDS: Final[tuple[FieldSpec, ...]] = (
    _ID,
    FieldSpec("name", ClientRepository.editable["name"]),
    FieldSpec("industry", ClientRepository.editable["industry"], required=False),
    FieldSpec("size", ClientRepository.editable["size"], required=False),
    FieldSpec("region", ClientRepository.editable["region"], required=False),
    FieldSpec("notes", ClientRepository.editable["notes"], required=False),
    _CREATED_AT,
    _UPDATED_AT,
)

ENGAGEMENT_FIELDS: Final[tuple[FieldSpec, ...]] = (
    _ID,
    FieldSpec("client_id", EngagementRepository.editable["client_id"]),
    FieldSpec("title", EngagementRepository.editable["title"]),
    FieldSpec("consultant", EngagementRepository.editable["consultant"], required=False),
    FieldSpec(
        "start_date",
        EngagementRepository.editable["start_date"],
        required=False,
        nullable=True,
        default=None,
    ),
    FieldSpec(
        "end_date",
        EngagementRepository.editable["end_date"],
        required=False,
        nullable=True,
        default=None,
    ),
    FieldSpec("status", EngagementRepository.editable["status"]),
    FieldSpec("scope_notes", EngagementRepository.editable["scope_notes"], required=False),
    FieldSpec("variant", EngagementRepository.editable["variant"]),
    # An engagement exported from the trash goes back into the trash: the file is a
    # faithful copy, and the consultant can restore it from there.
    FieldSpec("deleted_at", _nullable_timestamp, required=False, nullable=True, default=None),
    _CREATED_AT,
    _UPDATED_AT,
)

STAKEHOLDER_FIELDS: Final[tuple[FieldSpec, ...]] = (
    _ID,
    FieldSpec("engagement_id", StakeholderRepository.editable["engagement_id"]),
    FieldSpec("name", StakeholderRepository.editable["name"]),
    FieldSpec("role", StakeholderRepository.editable["role"], required=False),
    FieldSpec("group", StakeholderRepository.editable["group"]),
    FieldSpec("email", StakeholderRepository.editable["email"], required=False),
    FieldSpec("notes", StakeholderRepository.editable["notes"], required=False),
    _CREATED_AT,
    _UPDATED_AT,
)

#: Since format version 2. The wizard's resume positions (the ``resume`` column) are
#: per-laptop state and deliberately not part of the format.
ASSESSMENT_FIELDS: Final[tuple[FieldSpec, ...]] = (
    _ID,
    FieldSpec("engagement_id", AssessmentRepository.editable["engagement_id"]),
    FieldSpec("name", AssessmentRepository.editable["name"]),
    FieldSpec(
        "assessed_on",
        AssessmentRepository.editable["assessed_on"],
        required=False,
        nullable=True,
        default=None,
    ),
    FieldSpec("variant", AssessmentRepository.editable["variant"]),
    FieldSpec("framework_id", AssessmentRepository.editable["framework_id"]),
    FieldSpec("framework_version", AssessmentRepository.editable["framework_version"]),
    FieldSpec("status", AssessmentRepository.editable["status"]),
    FieldSpec("notes", AssessmentRepository.editable["notes"], required=False),
    _CREATED_AT,
    _UPDATED_AT,
)


def _level_field(name: str) -> FieldSpec:
    return FieldSpec(
        name,
        ResponseRepository.editable[name],
        required=False,
        nullable=True,
        default=None,
        kind="integer",
    )


#: Since format version 2.
RESPONSE_FIELDS: Final[tuple[FieldSpec, ...]] = (
    _ID,
    FieldSpec("assessment_id", ResponseRepository.editable["assessment_id"]),
    FieldSpec("question_id", ResponseRepository.editable["question_id"]),
    FieldSpec("lens", ResponseRepository.editable["lens"]),
    # null (or left out) is the answer the workshop agreed on together: the consensus.
    FieldSpec(
        "respondent_id",
        ResponseRepository.editable["respondent_id"],
        required=False,
        nullable=True,
        default=None,
    ),
    FieldSpec("kind", ResponseRepository.editable["kind"]),
    _level_field("current_level"),
    _level_field("target_level"),
    FieldSpec(
        "confidence",
        ResponseRepository.editable["confidence"],
        required=False,
        nullable=True,
        default=None,
    ),
    FieldSpec("evidence", ResponseRepository.editable["evidence"], required=False),
    _CREATED_AT,
    _UPDATED_AT,
)


# -- the planning records, since format version 3 -------------------------------------


def _optional(
    name: str, check: FieldCheck, default: object = "", kind: JsonKind = "string"
) -> FieldSpec:
    """A field that may be left out: ``default`` is used then."""
    return FieldSpec(name, check, required=False, default=default, kind=kind)


def _nullable(name: str, check: FieldCheck, kind: JsonKind = "string") -> FieldSpec:
    """A field that may be null or left out (null then)."""
    return FieldSpec(name, check, required=False, nullable=True, default=None, kind=kind)


def _link_list(field_name: str, value: object) -> tuple[str, ...]:
    """A roadmap item's links: each id checked where it stands, then the repository's check."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            planning_fields.slug(f"{field_name}[{index}]", item)
    return RoadmapRepository.editable[field_name](field_name, value)  # type: ignore[return-value]


def _planning_spec(repository: type[Repository[Any]], *items: FieldSpec) -> tuple[FieldSpec, ...]:
    """``id``, ``engagement_id``, ``items`` and the timestamps; every check the repository's."""
    engagement = FieldSpec("engagement_id", repository.editable["engagement_id"])
    return (_ID, engagement, *items, _CREATED_AT, _UPDATED_AT)


_CANVAS = CanvasRepository.editable
CANVAS_STATE_FIELDS: Final = _planning_spec(
    CanvasRepository,
    FieldSpec("layer_id", _CANVAS["layer_id"]),
    _optional("process_id", _CANVAS["process_id"]),
    _nullable("maturity", _CANVAS["maturity"], kind="integer"),
    _optional("current_state", _CANVAS["current_state"]),
    _optional("target_state", _CANVAS["target_state"]),
    _optional("pain_points", _CANVAS["pain_points"]),
    _optional("owner", _CANVAS["owner"]),
    _optional("initiatives", _CANVAS["initiatives"]),
)

_CHECKLIST = ChecklistRepository.editable
CHECKLIST_ENTRY_FIELDS: Final = _planning_spec(
    ChecklistRepository,
    FieldSpec("checklist", _CHECKLIST["checklist"]),
    _optional("layer_id", _CHECKLIST["layer_id"]),
    FieldSpec("item_id", _CHECKLIST["item_id"]),
    _optional("checked", _CHECKLIST["checked"], default=False, kind="boolean"),
    _optional("note", _CHECKLIST["note"]),
)

_POSTURE = PostureRepository.editable
POSTURE_FIELDS: Final = _planning_spec(
    PostureRepository,
    _optional("answers", _POSTURE["answers"], default={}, kind="object"),
    _nullable("computed_approach", _POSTURE["computed_approach"]),
    _nullable("override_approach", _POSTURE["override_approach"]),
    _optional("override_note", _POSTURE["override_note"]),
)

_INITIATIVE = SocialInitiativeRepository.editable
SOCIAL_INITIATIVE_FIELDS: Final = _planning_spec(
    SocialInitiativeRepository,
    FieldSpec("title", _INITIATIVE["title"]),
    _optional("description", _INITIATIVE["description"]),
    FieldSpec("kind", _INITIATIVE["kind"]),
    FieldSpec("status", _INITIATIVE["status"]),
    _optional("owner", _INITIATIVE["owner"]),
)

_STARTING = StartingPointRepository.editable
STARTING_POINT_FIELDS: Final = _planning_spec(
    StartingPointRepository,
    FieldSpec("area_id", _STARTING["area_id"]),
    _nullable("pain", _STARTING["pain"], kind="integer"),
    _nullable("value", _STARTING["value"], kind="integer"),
    _optional("chosen", _STARTING["chosen"], default=False, kind="boolean"),
    _optional("note", _STARTING["note"]),
)

_PLATFORM = PlatformRepository.editable
PLATFORM_FIELDS: Final = _planning_spec(
    PlatformRepository,
    FieldSpec("name", _PLATFORM["name"]),
    FieldSpec("category_id", _PLATFORM["category_id"]),
    _optional("geography", _PLATFORM["geography"]),
    _optional("purpose", _PLATFORM["purpose"]),
    _optional("owner", _PLATFORM["owner"]),
    _optional("objective", _PLATFORM["objective"]),
    FieldSpec("status", _PLATFORM["status"]),
)

_ROADMAP = RoadmapRepository.editable
ROADMAP_ITEM_FIELDS: Final = _planning_spec(
    RoadmapRepository,
    FieldSpec("title", _ROADMAP["title"]),
    _optional("description", _ROADMAP["description"]),
    _optional("block_ids", _link_list, default=(), kind="array"),
    _optional("layer_ids", _link_list, default=(), kind="array"),
    _optional("area_ids", _link_list, default=(), kind="array"),
    FieldSpec("impact", _ROADMAP["impact"], kind="integer"),
    FieldSpec("effort", _ROADMAP["effort"], kind="integer"),
    _optional("owner", _ROADMAP["owner"]),
    FieldSpec("phase", _ROADMAP["phase"]),
    _nullable("start_date", _ROADMAP["start_date"]),
    _nullable("end_date", _ROADMAP["end_date"]),
    FieldSpec("status", _ROADMAP["status"]),
    # Not editable in the repository (``move`` changes it), but part of the record.
    FieldSpec("position", position, kind="integer"),
    _optional("origin", _ROADMAP["origin"]),
)

_DISMISSED = DismissedSuggestionRepository.editable
DISMISSED_SUGGESTION_FIELDS: Final = _planning_spec(
    DismissedSuggestionRepository,
    FieldSpec("key", _DISMISSED["key"]),
    _optional("title", _DISMISSED["title"]),
)


# --------------------------------------------------------------------------- sections


class IdMap:
    """The id each record of the document is written under.

    Records keep their own ids, so the same engagement is recognised on every laptop;
    an import *as a copy* gives each record a fresh id instead, consistently, so that
    references between records still line up.
    """

    def __init__(self, *, fresh: bool) -> None:
        self.fresh = fresh
        self._new_ids: dict[str, str] = {}

    def __call__(self, old_id: str) -> str:
        if not self.fresh:
            return old_id
        return self._new_ids.setdefault(old_id, new_id())


@dataclass
class ReadContext:
    """What a section's checks can see of the rest of the document."""

    problems: Problems
    format_version: int
    #: The engagement's id, when the ``engagement`` object passed its checks.
    engagement_id: str | None
    #: Ids read so far, by section key, for references from one section to another.
    #: A section that is not an array has no entry: references to it are not checked.
    ids: dict[str, set[str]] = field(default_factory=dict)
    #: Ids of records that had problems of their own, by section key: a reference to
    #: one of them is not reported a second time.
    unreadable_ids: dict[str, set[str]] = field(default_factory=dict)
    #: Loads the frameworks that assessments are checked against, on first need.
    load_catalog: Callable[[], FrameworkCatalog] = FrameworkCatalog.load
    #: The framework of each assessment read so far; ``None`` when it is not loaded.
    frameworks: dict[str, BuildingBlocksFramework | None] = field(default_factory=dict)
    #: Each (assessment, question, lens, respondent) answered so far, and where.
    answers: dict[tuple[str, str, str, str], str] = field(default_factory=dict)
    #: Natural keys met so far (the section's key first) and where: "one per ..." rules.
    seen: dict[tuple[str, ...], str] = field(default_factory=dict)
    _catalog: FrameworkCatalog | None = None
    _question_ids: dict[str, frozenset[str]] = field(default_factory=dict)
    #: The default layers and reference frameworks, and the posture questionnaire, once
    #: looked up (``None``: not there; reported once).
    _planning: dict[str, Any] = field(default_factory=dict)

    @property
    def catalog(self) -> FrameworkCatalog:
        if self._catalog is None:
            self._catalog = self.load_catalog()
        return self._catalog

    def first_place(self, key: tuple[str, ...], path: str) -> str | None:
        """Where ``key`` was met before ``path``; ``None`` when this is the first time."""
        first = self.seen.setdefault(key, path)
        return None if first == path else first

    def layers(self, where: str) -> LayersFramework | None:
        """The layers framework the canvas is drawn with (the catalog's default)."""
        if "layers" not in self._planning:
            try:
                self._planning["layers"] = self.catalog.layers()
            except LookupError:
                self._planning["layers"] = None
                self.problems.add(
                    where, "cannot be checked: no layers framework is loaded in this SCRM Desk"
                )
        found: LayersFramework | None = self._planning["layers"]
        return found

    def reference(self, where: str) -> ReferenceFramework | None:
        """The Social CRM reference framework (the catalog's default)."""
        if "reference" not in self._planning:
            try:
                self._planning["reference"] = self.catalog.reference()
            except LookupError:
                self._planning["reference"] = None
                self.problems.add(
                    where, "cannot be checked: no reference framework is loaded in this SCRM Desk"
                )
        found: ReferenceFramework | None = self._planning["reference"]
        return found

    def questionnaire(self, where: str) -> PostureQuestionnaire | None:
        """The posture questionnaire the answers were given to."""
        if "questionnaire" not in self._planning:
            try:
                self._planning["questionnaire"] = load_questionnaire()
            except PlanningRulesError as exc:
                self._planning["questionnaire"] = None
                self.problems.add(where, f"cannot be checked: {exc}")
        found: PostureQuestionnaire | None = self._planning["questionnaire"]
        return found

    def block_ids(self, where: str) -> tuple[frozenset[str], str] | None:
        """The blocks a roadmap item may link, and which frameworks they come from.

        Those of the file's assessments' frameworks and of the default building-blocks
        framework. ``None`` when an assessment's framework is not loaded: that is
        reported already, and its blocks cannot be known.
        """
        if "blocks" not in self._planning:
            self._planning["blocks"] = self._known_blocks(where)
        found: tuple[frozenset[str], str] | None = self._planning["blocks"]
        return found

    def _known_blocks(self, where: str) -> tuple[frozenset[str], str] | None:
        frameworks = list(self.frameworks.values())
        if any(framework is None for framework in frameworks):
            return None
        default = self.catalog.of_kind(KIND_BUILDING_BLOCKS)[:1]
        known = {
            fw.id: fw for fw in (*frameworks, *default) if isinstance(fw, BuildingBlocksFramework)
        }
        if not known:
            self.problems.add(
                where, "cannot be checked: no building-blocks framework is loaded in this SCRM Desk"
            )
            return None
        ids = frozenset(area.id for fw in known.values() for area in fw.areas)
        return ids, " or ".join(repr(framework_id) for framework_id in known)

    def building_blocks(self, framework_id: str, where: str) -> BuildingBlocksFramework | None:
        """The loaded building-blocks framework ``framework_id``; reports it if missing."""
        found = self.catalog.get(framework_id)
        if isinstance(found, BuildingBlocksFramework):
            return found
        names = ", ".join(repr(fw.id) for fw in self.catalog.of_kind(KIND_BUILDING_BLOCKS))
        loaded = (
            f"the loaded building-blocks frameworks are {names}"
            if names
            else "no building-blocks framework is loaded"
        )
        if found is None:
            self.problems.add(
                where,
                f"{framework_id!r} is not a framework loaded in this SCRM Desk ({loaded}); "
                "put the framework's file in the frameworks folder beside the workspace "
                "and import again",
            )
        else:
            self.problems.add(
                where,
                f"{framework_id!r} is a {found.kind} framework, but an assessment scores a "
                f"building-blocks framework ({loaded})",
            )
        return None

    def question_ids(self, framework: BuildingBlocksFramework) -> frozenset[str]:
        known = self._question_ids.get(framework.id)
        if known is None:
            known = self._question_ids[framework.id] = frozenset(
                question.id for question in framework.questions()
            )
        return known


@dataclass(frozen=True)
class RecordListSection(Generic[R]):
    """A list of records that belong to the engagement, such as its stakeholders.

    The section knows the document key, the record type and its fields, and the
    repository that stores it. Override :meth:`check_record` for rules between fields
    or sections, and :meth:`for_writing` when records refer to each other by id.
    """

    key: str
    label: str
    record: type[R]
    spec: tuple[FieldSpec, ...]
    repository: Callable[[Workspace], Repository[R]]
    list_for_engagement: Callable[[Workspace, str], Sequence[R]]
    #: The order records are exported in. Two exports of the same records must be
    #: identical: the key ends with the id, or records it ranks equal keep the order the
    #: workspace lists them in (which ends with the row's insertion order), and so come
    #: back in that order when imported.
    sort_key: Callable[[R], tuple[str, ...]] = lambda record: (record.created_at, record.id)
    #: Files of an older format version may lack the section; they import it empty.
    since_version: int = 1
    parent_field: str = "engagement_id"
    #: The section whose records ``parent_field`` refers to; ``None`` for the engagement.
    parent_section: str | None = None
    #: Other fields that refer to a record of another section, as (field, section key);
    #: such a field may be null. Checked on reading, and remapped when importing a copy.
    references: tuple[tuple[str, str], ...] = ()

    # -- export -------------------------------------------------------------------------
    def export(self, ws: Workspace, engagement: Engagement) -> list[dict[str, Any]]:
        records = sorted(self.list_for_engagement(ws, engagement.id), key=self.sort_key)
        return [record_to_json(record) for record in records]

    # -- import -------------------------------------------------------------------------
    def read(self, raw: object, ctx: ReadContext) -> list[R]:
        """Check the section's JSON and build its records; problems go to ``ctx``."""
        if not isinstance(raw, list):
            ctx.problems.add(self.key, f"must be an array, not {_json_type(raw)}")
            return []
        records: list[R] = []
        first_index_of: dict[str, int] = {}
        unreadable = ctx.unreadable_ids.setdefault(self.key, set())
        for index, item in enumerate(raw):
            path = f"{self.key}[{index}]"
            values = _read_fields(item, path, self.spec, ctx.problems)
            if values is None:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    unreadable.add(item["id"])
                continue
            self._check_parent(values, path, ctx)
            record_id = values["id"]
            if record_id in first_index_of:
                ctx.problems.add(
                    _member(path, "id"),
                    f"{record_id} is also the id of {self.key}[{first_index_of[record_id]}]",
                )
            else:
                first_index_of[record_id] = index
            self.check_record(values, path, ctx)
            records.append(self.record(**values))
        ctx.ids[self.key] = set(first_index_of)
        return records

    def _check_parent(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        parent = values[self.parent_field]
        if self.parent_section is not None:
            self._check_reference(values, self.parent_field, self.parent_section, path, ctx)
        elif ctx.engagement_id is not None and parent != ctx.engagement_id:
            ctx.problems.add(
                _member(path, self.parent_field),
                f"is {parent}, but the engagement in this file has the id {ctx.engagement_id}",
            )
        for name, section_key in self.references:
            if values[name] is not None:
                self._check_reference(values, name, section_key, path, ctx)

    def _check_reference(
        self, values: Mapping[str, Any], name: str, section_key: str, path: str, ctx: ReadContext
    ) -> None:
        target = values[name]
        known = ctx.ids.get(section_key)
        if known is None or target in known or target in ctx.unreadable_ids.get(section_key, ()):
            return  # the section itself is unreadable, or the record has its own problems
        section = SECTIONS_BY_KEY.get(section_key)
        label = section.label if section is not None else section_key
        ctx.problems.add(
            _member(path, name), f"is {target}, which is not the id of any {label} in this file"
        )

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        """Rules beyond single fields; report through ``ctx.problems``."""

    def existing_ids(self, ws: Workspace, records: Sequence[R]) -> list[str]:
        repository = self.repository(ws)
        return [record.id for record in records if repository.exists(record.id)]

    def for_writing(self, record: R, ids: IdMap) -> R:
        """The record as it is written: under its own ids, or fresh ones for a copy."""
        changed = {"id": ids(record.id), self.parent_field: ids(getattr(record, self.parent_field))}
        for name, _ in self.references:
            target = getattr(record, name)
            if target is not None:
                changed[name] = ids(target)
        return replace(record, **changed)  # type: ignore[type-var]

    def write(self, ws: Workspace, records: Sequence[R], ids: IdMap) -> Changes:
        repository = self.repository(ws)
        changes = Changes()
        for record in records:
            changes |= repository.put_back(self.for_writing(record, ids)).changes
        return changes


STAKEHOLDERS: Final = RecordListSection[Stakeholder](
    key="stakeholders",
    label="stakeholder",
    record=Stakeholder,
    spec=STAKEHOLDER_FIELDS,
    repository=lambda ws: ws.stakeholders,
    list_for_engagement=lambda ws, engagement_id: ws.stakeholders.for_engagement(engagement_id),
    sort_key=lambda person: (person.name.casefold(), person.created_at, person.id),
)


def _assessment_order(assessment: Assessment) -> tuple[str, ...]:
    """Dated assessments by date, then undated ones; as the workspace lists them."""
    dated = "0" if assessment.assessed_on is not None else "1"
    return (dated, assessment.assessed_on or "", assessment.created_at, assessment.id)


class AssessmentSection(RecordListSection[Assessment]):
    """Assessments: each names the framework it scores, which must be loaded here."""

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        ctx.frameworks[values["id"]] = ctx.building_blocks(
            values["framework_id"], _member(path, "framework_id")
        )


_KIND_NAMES_IN_TEXT: Final = {
    AnswerKind.NOT_APPLICABLE: "a 'not applicable'",
    AnswerKind.DONT_KNOW: "a 'don't know'",
}


class ResponseSection(RecordListSection[Response]):
    """Answers of the assessments in the file, written after them, grouped by assessment.

    Each answers a question of its assessment's framework; a respondent (a stakeholder
    of the file, or the consensus) gives one answer per question and lens.
    """

    def export(self, ws: Workspace, engagement: Engagement) -> list[dict[str, Any]]:
        assessments = sorted(ws.assessments.for_engagement(engagement.id), key=_assessment_order)
        return [
            record_to_json(response)
            for assessment in assessments
            for response in sorted(ws.responses.for_assessment(assessment.id), key=self.sort_key)
        ]

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        kind = values["kind"]
        if kind is not AnswerKind.LEVEL:
            for name in ("current_level", "target_level"):
                if values[name] is not None:
                    ctx.problems.add(
                        _member(path, name),
                        f"must be null: {_KIND_NAMES_IN_TEXT[kind]} answer has no level "
                        f"(it is {values[name]})",
                    )
        question_id = values["question_id"]
        framework = ctx.frameworks.get(values["assessment_id"])
        if framework is not None and question_id not in ctx.question_ids(framework):
            close = difflib.get_close_matches(question_id, ctx.question_ids(framework), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            ctx.problems.add(
                _member(path, "question_id"),
                f"{question_id!r} is not a question of the framework {framework.id!r} "
                f"(version {framework.version}) that the assessment scores{hint}",
            )
        respondent = values["respondent_id"]
        key = (values["assessment_id"], question_id, values["lens"].value, respondent or "")
        first = ctx.answers.setdefault(key, path)
        if first != path:
            who = "the consensus" if respondent is None else f"the stakeholder {respondent}"
            ctx.problems.add(
                path,
                f"is a second answer by {who} to {question_id} under the "
                f"{values['lens'].value} lens in the same assessment (the first is {first}); "
                "a respondent gives one answer per question and lens",
            )


ASSESSMENTS: Final = AssessmentSection(
    key="assessments",
    label="assessment",
    record=Assessment,
    spec=ASSESSMENT_FIELDS,
    repository=lambda ws: ws.assessments,
    list_for_engagement=lambda ws, engagement_id: ws.assessments.for_engagement(engagement_id),
    sort_key=_assessment_order,
    since_version=2,
)

RESPONSES: Final = ResponseSection(
    key="responses",
    label="response",
    record=Response,
    spec=RESPONSE_FIELDS,
    repository=lambda ws: ws.responses,
    list_for_engagement=lambda ws, engagement_id: [
        response
        for assessment in ws.assessments.for_engagement(engagement_id)
        for response in ws.responses.for_assessment(assessment.id)
    ],
    # As the workspace lists them: by question and lens, the consensus first.
    sort_key=lambda response: (
        response.question_id,
        response.lens.value,
        "0" if response.respondent_id is None else "1",
        response.respondent_id or "",
        response.id,
    ),
    since_version=2,
    parent_field="assessment_id",
    parent_section="assessments",
    references=(("respondent_id", STAKEHOLDERS.key),),
)


# --------------------------------------------------------------------------- planning
# Since format version 3. The records name framework items by id: they are checked
# against the frameworks the planning pages use (the catalog's default layers and
# reference frameworks; for blocks, those of the file's assessments and the default
# building-blocks framework). Each rule that the workspace keeps with a unique index
# ("one canvas entry per layer and process") is checked too, so that a file that passes
# here is written without a refusal half-way.

#: How many known ids an "is not a ..." message lists when no close one is found.
_LISTED_IDS_MAX: Final = 12


def _unknown(value: str, known: Sequence[str], what: str) -> str:
    """``'x' is not <what> (did you mean 'y'?)``, or with the known ids when few."""
    close = difflib.get_close_matches(value, known, n=1)
    if close:
        hint = f" (did you mean {close[0]!r}?)"
    elif not known:
        hint = " (there are none)"
    elif len(known) <= _LISTED_IDS_MAX:
        hint = f" (known: {', '.join(known)})"
    else:
        hint = ""
    return f"{value!r} is not {what}{hint}"


def _second(ctx: ReadContext, key: tuple[str, ...], path: str, what: str, rule: str) -> None:
    """Report ``path`` when ``key`` was met before: "is a second <what> (the first is ...)"."""
    first = ctx.first_place(key, path)
    if first is not None:
        ctx.problems.add(path, f"is a second {what} (the first is {first}); {rule}")


class CanvasSection(RecordListSection[CanvasState]):
    """The canvas: one entry per layer, and per process of a layer that has processes."""

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        layer_id, process_id = values["layer_id"], values["process_id"]
        layers = ctx.layers(_member(path, "layer_id"))
        if layers is not None:
            by_id = {layer.id: layer for layer in layers.layers}
            layer = by_id.get(layer_id)
            if layer is None:
                ctx.problems.add(
                    _member(path, "layer_id"),
                    _unknown(layer_id, list(by_id), f"a layer of the framework {layers.id!r}"),
                )
            elif process_id and process_id not in {p.id for p in layer.processes}:
                ctx.problems.add(
                    _member(path, "process_id"),
                    _unknown(
                        process_id,
                        [p.id for p in layer.processes],
                        f"a process of the layer {layer_id!r}",
                    ),
                )
        cell = f"the layer {layer_id!r}" + (f", process {process_id!r}" if process_id else "")
        _second(
            ctx,
            (self.key, layer_id, process_id),
            path,
            f"entry for {cell}",
            "the canvas has one entry per layer and process",
        )


class ChecklistSection(RecordListSection[ChecklistEntry]):
    """Gate criteria (of a gate layer) and governance items (of no layer), once each."""

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        checklist, layer_id, item_id = values["checklist"], values["layer_id"], values["item_id"]
        item_path = _member(path, "item_id")
        if checklist is ChecklistKind.GATE:
            if not layer_id:
                ctx.problems.add(
                    _member(path, "layer_id"), "a gate criterion needs the id of its gate layer"
                )
                return
            layers = ctx.layers(_member(path, "layer_id"))
            if layers is not None:
                gates = {layer.id: layer for layer in layers.gates()}
                gate = gates.get(layer_id)
                if gate is None:
                    ctx.problems.add(
                        _member(path, "layer_id"),
                        _unknown(layer_id, list(gates), f"a gate layer of {layers.id!r}"),
                    )
                elif item_id not in {c.id for c in gate.gate_criteria}:
                    ctx.problems.add(
                        item_path,
                        _unknown(
                            item_id,
                            [c.id for c in gate.gate_criteria],
                            f"a criterion of the gate {layer_id!r}",
                        ),
                    )
            what = f"entry for the gate criterion {item_id!r} of {layer_id!r}"
        else:
            if layer_id:
                ctx.problems.add(
                    _member(path, "layer_id"),
                    f"must be empty: a governance item belongs to no layer (it is {layer_id!r})",
                )
                return
            reference = ctx.reference(item_path)
            if reference is not None:
                items = [item.id for item in reference.governance_checklist]
                if item_id not in items:
                    ctx.problems.add(
                        item_path,
                        _unknown(
                            item_id,
                            items,
                            f"an item of the governance checklist of {reference.id!r}",
                        ),
                    )
            what = f"entry for the governance item {item_id!r}"
        _second(
            ctx,
            (self.key, checklist.value, layer_id, item_id),
            path,
            what,
            "a checklist has one entry per item",
        )


class PostureSection(RecordListSection[Posture]):
    """At most one posture; answers to the questionnaire, approaches of the reference."""

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        _second(
            ctx,
            (self.key,),
            path,
            "posture for the engagement",
            "an engagement has one posture",
        )
        if values["override_approach"] and not values["override_note"]:
            ctx.problems.add(
                _member(path, "override_note"),
                "is required with an override: say why the approach differs from the "
                "questionnaire's",
            )
        for name in ("computed_approach", "override_approach"):
            approach = values[name]
            if approach is None:
                continue
            reference = ctx.reference(_member(path, name))
            if reference is not None:
                known = [a.id for a in reference.approaches]
                if approach not in known:
                    ctx.problems.add(
                        _member(path, name),
                        _unknown(approach, known, f"an approach of {reference.id!r}"),
                    )
        answers: Mapping[str, str] = values["answers"]
        if not answers:
            return
        where = _member(path, "answers")
        questionnaire = ctx.questionnaire(where)
        if questionnaire is None:
            return
        questions = {q.id: q for q in questionnaire.questions}
        for question_id, option_id in answers.items():
            question = questions.get(question_id)
            if question is None:
                ctx.problems.add(
                    where,
                    _unknown(
                        question_id, list(questions), "a question of the posture questionnaire"
                    ),
                )
                continue
            options = [option.id for option in question.options]
            if option_id not in options:
                ctx.problems.add(
                    _member(where, question_id),
                    _unknown(option_id, options, f"an option of the question {question_id!r}"),
                )


def _check_reference_id(
    ctx: ReadContext,
    where: str,
    value: str,
    known: Callable[[ReferenceFramework], Sequence[str]],
    what: str,
) -> None:
    """Report ``value`` unless it is one of ``known`` of the reference framework."""
    reference = ctx.reference(where)
    if reference is not None:
        ids = list(known(reference))
        if value not in ids:
            ctx.problems.add(where, _unknown(value, ids, f"{what} of {reference.id!r}"))


class SocialInitiativeSection(RecordListSection[SocialInitiative]):
    """Initiatives, each of one of Kolsky's kinds of social."""

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        _check_reference_id(
            ctx,
            _member(path, "kind"),
            values["kind"],
            lambda reference: [kind.id for kind in reference.social_kinds],
            "a kind of social",
        )


class StartingPointSection(RecordListSection[StartingPoint]):
    """One entry per starting area."""

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        area_id = values["area_id"]
        _check_reference_id(
            ctx,
            _member(path, "area_id"),
            area_id,
            lambda reference: [area.id for area in reference.starting_areas],
            "a starting area",
        )
        _second(
            ctx,
            (self.key, area_id),
            path,
            f"entry for the starting area {area_id!r}",
            "each area is rated once",
        )


class PlatformSection(RecordListSection[Platform]):
    """Platforms, each of a platform category."""

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        _check_reference_id(
            ctx,
            _member(path, "category_id"),
            values["category_id"],
            lambda reference: [category.id for category in reference.platform_categories],
            "a platform category",
        )


class RoadmapSection(RecordListSection[RoadmapItem]):
    """Roadmap items: distinct positions, one item per suggestion, links that exist."""

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        try:
            validation.date_order(values["start_date"], values["end_date"])
        except ValidationError as exc:
            ctx.problems.add(_member(path, exc.field), exc.message)
        first = ctx.first_place((self.key, "position", str(values["position"])), path)
        if first is not None:
            ctx.problems.add(
                _member(path, "position"),
                f"{values['position']} is also the position of {first}; each item of the "
                "roadmap has its own place",
            )
        origin = values["origin"]
        if origin:
            first = ctx.first_place((self.key, "origin", origin), path)
            if first is not None:
                ctx.problems.add(
                    _member(path, "origin"),
                    f"the suggestion {origin!r} is already on the roadmap as {first}; a "
                    "suggestion is accepted once",
                )
        self._check_links(values, path, ctx)

    def _check_links(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        links: list[tuple[str, Sequence[str], str]] = []
        if values["block_ids"]:
            blocks = ctx.block_ids(_member(path, "block_ids"))
            if blocks is not None:
                links.append(("block_ids", sorted(blocks[0]), f"a building block of {blocks[1]}"))
        if values["layer_ids"]:
            layers = ctx.layers(_member(path, "layer_ids"))
            if layers is not None:
                ids = [layer.id for layer in layers.layers]
                links.append(("layer_ids", ids, f"a layer of the framework {layers.id!r}"))
        if values["area_ids"]:
            reference = ctx.reference(_member(path, "area_ids"))
            if reference is not None:
                ids = [area.id for area in reference.starting_areas]
                links.append(("area_ids", ids, f"a starting area of {reference.id!r}"))
        for name, known, what in links:
            for index, item in enumerate(values[name]):
                if item not in known:
                    ctx.problems.add(f"{_member(path, name)}[{index}]", _unknown(item, known, what))


class DismissedSuggestionSection(RecordListSection[DismissedSuggestion]):
    """Suggestions the consultant dismissed, each once."""

    def check_record(self, values: Mapping[str, Any], path: str, ctx: ReadContext) -> None:
        key = values["key"]
        _second(
            ctx,
            (self.key, key),
            path,
            f"dismissal of the suggestion {key!r}",
            "a suggestion is dismissed once",
        )


def _by_created(record: Any) -> tuple[str, ...]:
    # Records created in the same millisecond keep the workspace's order (insertion).
    return (record.created_at,)


CANVAS_STATES: Final = CanvasSection(
    key="canvas_states",
    label=CanvasRepository.label,
    record=CanvasState,
    spec=CANVAS_STATE_FIELDS,
    repository=lambda ws: ws.canvas,
    list_for_engagement=lambda ws, engagement_id: ws.canvas.for_engagement(engagement_id),
    sort_key=lambda state: (state.layer_id, state.process_id, state.id),
    since_version=3,
)

CHECKLIST_ENTRIES: Final = ChecklistSection(
    key="checklist_entries",
    label=ChecklistRepository.label,
    record=ChecklistEntry,
    spec=CHECKLIST_ENTRY_FIELDS,
    repository=lambda ws: ws.checklists,
    list_for_engagement=lambda ws, engagement_id: ws.checklists.for_engagement(engagement_id),
    sort_key=lambda entry: (entry.checklist.value, entry.layer_id, entry.item_id, entry.id),
    since_version=3,
)

POSTURES: Final = PostureSection(
    key="postures",
    label=PostureRepository.label,
    record=Posture,
    spec=POSTURE_FIELDS,
    repository=lambda ws: ws.posture,
    list_for_engagement=lambda ws, engagement_id: ws.posture.for_engagement(engagement_id),
    sort_key=_by_created,
    since_version=3,
)

SOCIAL_INITIATIVES: Final = SocialInitiativeSection(
    key="social_initiatives",
    label=SocialInitiativeRepository.label,
    record=SocialInitiative,
    spec=SOCIAL_INITIATIVE_FIELDS,
    repository=lambda ws: ws.social_initiatives,
    list_for_engagement=lambda ws, engagement_id: ws.social_initiatives.for_engagement(
        engagement_id
    ),
    sort_key=_by_created,
    since_version=3,
)

STARTING_POINTS: Final = StartingPointSection(
    key="starting_points",
    label=StartingPointRepository.label,
    record=StartingPoint,
    spec=STARTING_POINT_FIELDS,
    repository=lambda ws: ws.starting_points,
    list_for_engagement=lambda ws, engagement_id: ws.starting_points.for_engagement(engagement_id),
    sort_key=lambda point: (point.area_id, point.id),
    since_version=3,
)

PLATFORMS: Final = PlatformSection(
    key="platforms",
    label=PlatformRepository.label,
    record=Platform,
    spec=PLATFORM_FIELDS,
    repository=lambda ws: ws.platforms,
    list_for_engagement=lambda ws, engagement_id: ws.platforms.for_engagement(engagement_id),
    # As the workspace lists them: by name and geography.
    sort_key=lambda platform: (
        platform.name.casefold(),
        platform.geography.casefold(),
        platform.created_at,
    ),
    since_version=3,
)

ROADMAP_ITEMS: Final = RoadmapSection(
    key="roadmap_items",
    label=RoadmapRepository.label,
    record=RoadmapItem,
    spec=ROADMAP_ITEM_FIELDS,
    repository=lambda ws: ws.roadmap,
    list_for_engagement=lambda ws, engagement_id: ws.roadmap.for_engagement(engagement_id),
    # The roadmap's own order: by position.
    sort_key=lambda item: (f"{item.position:012d}", item.created_at),
    since_version=3,
)

DISMISSED_SUGGESTIONS: Final = DismissedSuggestionSection(
    key="dismissed_suggestions",
    label=DismissedSuggestionRepository.label,
    record=DismissedSuggestion,
    spec=DISMISSED_SUGGESTION_FIELDS,
    repository=lambda ws: ws.dismissed_suggestions,
    list_for_engagement=lambda ws, engagement_id: ws.dismissed_suggestions.for_engagement(
        engagement_id
    ),
    sort_key=_by_created,
    since_version=3,
)

#: The planning sections, in the order they are written.
PLANNING_SECTIONS: Final[tuple[RecordListSection[Any], ...]] = (
    CANVAS_STATES,
    CHECKLIST_ENTRIES,
    POSTURES,
    SOCIAL_INITIATIVES,
    STARTING_POINTS,
    PLATFORMS,
    ROADMAP_ITEMS,
    DISMISSED_SUGGESTIONS,
)

#: Everything that belongs to an engagement, in the order it is written and imported.
#: Sections that refer to another section come after it.
SECTIONS: Final[tuple[RecordListSection[Any], ...]] = (
    STAKEHOLDERS,
    ASSESSMENTS,
    RESPONSES,
    *PLANNING_SECTIONS,
)

#: The sections by their document key.
SECTIONS_BY_KEY: Final[Mapping[str, RecordListSection[Any]]] = {s.key: s for s in SECTIONS}

_ENVELOPE_KEYS: Final = ("format", "format_version", "exported_at", "app_version")


def top_level_keys(version: int) -> tuple[str, ...]:
    """The keys a document of format ``version`` has, in the order they are written."""
    sections = (s.key for s in SECTIONS if s.since_version <= version)
    return (*_ENVELOPE_KEYS, "client", "engagement", *sections)


# --------------------------------------------------------------------------- export


def export_engagement(ws: Workspace, engagement_id: str) -> dict[str, Any]:
    """The document for one engagement (in the trash or not), ready for :func:`dumps`."""
    # One read transaction: a consistent snapshot even while the app is writing.
    with transaction(ws.db):
        engagement = ws.engagements.get(engagement_id)
        client = ws.clients.get(engagement.client_id)
        document: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": utc_now(),
            "app_version": __version__,
            "client": record_to_json(client),
            "engagement": record_to_json(engagement),
        }
        for section in SECTIONS:
            document[section.key] = section.export(ws, engagement)
    return document


def records_left_out(ws: Workspace, engagement_id: str) -> dict[str, int]:
    """Rows of the engagement that the format does not carry (yet), counted by table.

    Since format version 3 every table that hangs off an engagement has its section, so
    this is empty; it guards a table added to the workspace before the format catches
    up, so that an export says what it leaves behind instead of dropping it silently.
    (Rows that hang off those rows are not counted separately.)
    """
    carried = {section.repository(ws).table for section in SECTIONS}
    left_out: dict[str, int] = {}
    for table in ws.db.table_names():
        if table in carried or table.startswith(("_", "sqlite_")):
            continue
        if "engagement_id" not in {column.name for column in ws.db[table].columns}:
            continue
        row = ws.db.execute(
            f"SELECT count(*) FROM [{table}] WHERE engagement_id = ?", [engagement_id]
        ).fetchone()
        if row[0]:
            left_out[table] = int(row[0])
    return left_out


def dumps(document: Mapping[str, Any]) -> str:
    """The document as JSON text: indented by 2, keys in the order the format lists them.

    Non-ASCII text is written as itself (the file is UTF-8), so names stay readable.
    """
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_document_file(document: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    """Write ``document`` to ``path`` so that ``path`` is never left half-written.

    The text goes to a temporary file in the same folder, is flushed to disk, and then
    replaces ``path`` in one step; on any failure the temporary file is removed and an
    existing ``path`` keeps its old content.
    """
    write_file_atomically(Path(path), dumps(document).encode("utf-8"))


def write_file_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; raises :class:`InterchangeError`."""
    if path.is_dir():
        raise InterchangeError(f"Cannot write {path}: it is a folder. Give a file name.")
    kept = " The existing file was left as it was." if path.exists() else ""
    folder = path.parent
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise InterchangeError(f"Cannot write {path}: {_reason(exc)}.{kept}") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _copy_mode(path, temp)
        os.replace(temp, path)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InterchangeError(f"Cannot write {path}: {_reason(exc)}.{kept}") from exc
        raise
    _sync_folder(folder)


def _copy_mode(original: Path, temp: Path) -> None:
    # mkstemp creates the file for its owner only, which suits confidential client data;
    # a file that already existed keeps the permissions its owner gave it.
    try:
        mode = original.stat().st_mode
    except FileNotFoundError:
        return
    os.chmod(temp, mode & 0o7777)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; best effort, and not possible on Windows."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class EngagementDocument:
    """A document that passed every check: the records it holds, not yet written."""

    format_version: int
    exported_at: str
    app_version: str
    client: Client
    engagement: Engagement
    #: Records by section key, e.g. ``sections["stakeholders"]``.
    sections: Mapping[str, tuple[Any, ...]]

    @property
    def stakeholders(self) -> tuple[Stakeholder, ...]:
        return self.sections[STAKEHOLDERS.key]

    @property
    def assessments(self) -> tuple[Assessment, ...]:
        return self.sections[ASSESSMENTS.key]

    @property
    def responses(self) -> tuple[Response, ...]:
        return self.sections[RESPONSES.key]

    @property
    def canvas_states(self) -> tuple[CanvasState, ...]:
        return self.sections[CANVAS_STATES.key]

    @property
    def checklist_entries(self) -> tuple[ChecklistEntry, ...]:
        return self.sections[CHECKLIST_ENTRIES.key]

    @property
    def postures(self) -> tuple[Posture, ...]:
        return self.sections[POSTURES.key]

    @property
    def social_initiatives(self) -> tuple[SocialInitiative, ...]:
        return self.sections[SOCIAL_INITIATIVES.key]

    @property
    def starting_points(self) -> tuple[StartingPoint, ...]:
        return self.sections[STARTING_POINTS.key]

    @property
    def platforms(self) -> tuple[Platform, ...]:
        return self.sections[PLATFORMS.key]

    @property
    def roadmap_items(self) -> tuple[RoadmapItem, ...]:
        return self.sections[ROADMAP_ITEMS.key]

    @property
    def dismissed_suggestions(self) -> tuple[DismissedSuggestion, ...]:
        return self.sections[DISMISSED_SUGGESTIONS.key]


def read_document_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of an engagement file; a file over the size limit is refused unread."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InterchangeError(f"Cannot read {path}: it is a folder, not a file.")
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise _too_large(size)
        with path.open("rb") as stream:
            data = stream.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise InterchangeError(f"Cannot read {path}: {_reason(exc)}.") from exc
    if len(data) > MAX_DOCUMENT_BYTES:  # it grew after stat(), or is not a regular file
        raise _too_large(len(data))
    return data


def _too_large(size: int) -> InvalidDocumentError:
    limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
    return _refuse(
        "",
        f"the file is {size / (1024 * 1024):.1f} MB; an engagement file may be at most {limit} MB",
    )


class _UnacceptableJsonError(ValueError):
    """Raised from inside the JSON parser for input that is JSON but not acceptable."""


def _reject_constant(name: str) -> object:
    raise _UnacceptableJsonError(f"{name} is not a valid JSON number")


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys silently; that would lose data unseen.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _UnacceptableJsonError(f"the key {key!r} appears twice in the same object")
            seen.add(key)
    return result


def parse_json(data: bytes | str) -> object:
    """Parse JSON text, refusing it with a located message when it is not valid."""
    size = len(data) if isinstance(data, bytes) else _utf8_size(data)
    if size > MAX_DOCUMENT_BYTES:
        raise _too_large(size)
    text = _decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    try:
        return json.loads(
            text,
            object_pairs_hook=_object_without_duplicates,
            parse_constant=_reject_constant,
        )
    except json.JSONDecodeError as exc:
        if not text.strip():
            raise _refuse("", "the file is empty") from None
        if not text[exc.pos :].strip() or exc.msg.startswith("Unterminated string"):
            # The parser ran out of text: the usual sign of a copy or download cut short.
            raise _refuse(
                "",
                "the file ends in the middle of its content (at line "
                f"{exc.lineno}), so it was probably cut short while copying or downloading; "
                "export it again from the other workspace",
            ) from None
        raise _refuse(
            "", f"it is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise _refuse("", "it is not valid JSON (its values are nested too deeply)") from None
    except ValueError as exc:  # _UnacceptableJsonError, or an integer with thousands of digits
        raise _refuse("", f"it is not valid JSON ({exc})") from None


def _utf8_size(text: str) -> int:
    if len(text) > MAX_DOCUMENT_BYTES:  # cheap answer for the obvious case
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # tolerate the BOM some Windows editors add
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _refuse(
            "",
            f"it is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "engagement files are written in UTF-8",
        ) from None


def _check_format(document: object) -> int:
    """The document's format version; refuses a document that is not ours or too new."""
    if not isinstance(document, Mapping):
        raise _refuse("", f"it must hold a JSON object, not {_json_type(document)}")
    if "format" not in document:
        raise _refuse("format", "is missing; this is not an SCRM Desk engagement file")
    if document["format"] != FORMAT:
        raise _refuse(
            "format",
            f"is {document['format']!r}, not {FORMAT!r}; this is not an SCRM Desk engagement file",
        )
    version = document.get("format_version")
    if "format_version" not in document:
        raise _refuse("format_version", "is missing")
    if not _is_kind(version, "integer"):
        raise _refuse("format_version", f"must be a whole number, not {_json_type(version)}")
    assert isinstance(version, int)
    readable = (
        "format version 1" if FORMAT_VERSION == 1 else f"format versions 1 to {FORMAT_VERSION}"
    )
    if version > FORMAT_VERSION:
        raise _refuse(
            "format_version",
            f"is {version}, so the file was written by a newer SCRM Desk (this version "
            f"reads {readable}); update SCRM Desk to import it",
        )
    if version < 1:
        raise _refuse(
            "format_version",
            f"is {version}, which is not supported (this version reads {readable})",
        )
    return version


def _required_short_text(field_name: str, value: object) -> str:
    return validation.short_text(field_name, value, required=True)


#: The fields of the document itself, beside ``format`` and ``format_version``.
ENVELOPE_FIELDS: Final[tuple[FieldSpec, ...]] = (
    FieldSpec("exported_at", validation.timestamp),
    FieldSpec("app_version", _required_short_text),
)


def _check_envelope(
    document: Mapping[str, Any], version: int, problems: Problems
) -> dict[str, Any]:
    allowed = top_level_keys(version)
    for key in document:
        if key not in allowed:
            problems.add(str(key), f"is not part of format version {version}")
    return {item.name: _read_value(document, item, "", problems)[1] for item in ENVELOPE_FIELDS}


def _read_record(
    document: Mapping[str, Any], key: str, spec: Sequence[FieldSpec], problems: Problems
) -> dict[str, Any] | None:
    if key not in document:
        problems.add(key, "is missing")
        return None
    return _read_fields(document[key], key, spec, problems)


def _check_engagement(
    engagement: Mapping[str, Any], client: Mapping[str, Any] | None, problems: Problems
) -> None:
    try:
        validation.date_order(engagement["start_date"], engagement["end_date"])
    except ValidationError as exc:
        problems.add(_member("engagement", exc.field), exc.message)
    if client is not None and engagement["client_id"] != client["id"]:
        problems.add(
            "engagement.client_id",
            f"is {engagement['client_id']}, but the client in this file has the id {client['id']}",
        )


def load_document(
    data: bytes | str | Mapping[str, Any], *, catalog: FrameworkCatalog | None = None
) -> EngagementDocument:
    """Check a whole document without writing anything.

    ``data`` is the file's bytes, its text, or JSON already parsed. Assessments and the
    plan are checked against the frameworks of ``catalog`` (default: the built-in ones);
    pass the workspace's catalog so that its own frameworks count. Raises
    :class:`InvalidDocumentError` listing every problem found.
    """
    return _load_document(data, FrameworkCatalog.load if catalog is None else lambda: catalog)


def _load_document(
    data: bytes | str | Mapping[str, Any], load_catalog: Callable[[], FrameworkCatalog]
) -> EngagementDocument:
    # The catalog is loaded only for a document that has assessments or a plan.
    document = data if isinstance(data, Mapping) else parse_json(data)
    version = _check_format(document)
    assert isinstance(document, Mapping)
    problems = Problems()
    envelope = _check_envelope(document, version, problems)
    client = _read_record(document, "client", CLIENT_FIELDS, problems)
    engagement = _read_record(document, "engagement", ENGAGEMENT_FIELDS, problems)
    if engagement is not None:
        _check_engagement(engagement, client, problems)
    ctx = ReadContext(
        problems, version, engagement["id"] if engagement else None, load_catalog=load_catalog
    )
    sections: dict[str, tuple[Any, ...]] = {}
    for section in SECTIONS:
        if section.key in document:
            sections[section.key] = tuple(section.read(document[section.key], ctx))
        elif version < section.since_version:
            sections[section.key] = ()
        else:
            problems.add(section.key, "is missing")
    problems.raise_if_any()
    assert client is not None and engagement is not None
    return EngagementDocument(
        format_version=version,
        exported_at=envelope["exported_at"],
        app_version=envelope["app_version"],
        client=Client(**client),
        engagement=Engagement(**engagement),
        sections=sections,
    )


# --------------------------------------------------------------------------- import


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import wrote, for the message to the consultant and the views to refresh."""

    engagement_id: str
    client_id: str
    title: str
    #: The client was already in the workspace; it was used as it is, not updated.
    client_reused: bool
    #: The engagement was already in the workspace, so it was imported under fresh ids.
    as_copy: bool
    #: The engagement was in the trash when exported, and so is in the trash now.
    in_trash: bool
    #: Records written, by kind: ``client``, ``engagement`` and each section's key.
    counts: Mapping[str, int]
    changes: Changes


def import_engagement(
    ws: Workspace,
    data: bytes | str | Mapping[str, Any] | EngagementDocument,
    *,
    on_conflict: OnConflict = "refuse",
    catalog: FrameworkCatalog | None = None,
) -> ImportResult:
    """Check a document completely, then write it in one transaction.

    Records keep their ids. A client already in the workspace is reused as it is. An
    engagement already in the workspace is refused (:class:`EngagementExistsError`)
    unless ``on_conflict="copy"``, which imports it under fresh ids (for the engagement
    and every record under it, references included) with the title suffixed
    " (imported copy)". Any failure leaves the workspace unchanged.

    Assessments and the plan are checked against ``catalog``; by default the built-in
    frameworks and the workspace's own (its ``frameworks`` folder) are loaded when needed.
    """
    if on_conflict not in ("refuse", "copy"):
        raise ValueError(f"on_conflict must be 'refuse' or 'copy', not {on_conflict!r}")
    if isinstance(data, EngagementDocument):
        document = data
    elif catalog is not None:
        document = _load_document(data, lambda: catalog)
    else:
        document = _load_document(data, lambda: FrameworkCatalog.load([ws.frameworks_dir]))
    # Conflicts are looked for inside the write transaction, so that nothing written by
    # the app in the meantime can slip between the check and the write.
    with transaction(ws.db):
        as_copy = _is_conflict(ws, document, on_conflict)
        ids = IdMap(fresh=as_copy)
        client_reused = ws.clients.exists(document.client.id)
        changes = Changes()
        if not client_reused:
            changes |= ws.clients.put_back(document.client).changes
        engagement = _engagement_for_writing(ws, document.engagement, ids)
        changes |= ws.engagements.put_back(engagement).changes
        counts = {"client": 0 if client_reused else 1, "engagement": 1}
        for section in SECTIONS:
            records = document.sections[section.key]
            changes |= section.write(ws, records, ids)
            counts[section.key] = len(records)
    return ImportResult(
        engagement_id=engagement.id,
        client_id=document.client.id,
        title=engagement.title,
        client_reused=client_reused,
        as_copy=as_copy,
        in_trash=engagement.in_trash,
        counts=counts,
        changes=changes,
    )


def _is_conflict(ws: Workspace, document: EngagementDocument, on_conflict: OnConflict) -> bool:
    """Whether the document's records are already here; refuses unless copying."""
    engagement = document.engagement
    message = ""
    if ws.engagements.exists(engagement.id):
        existing = ws.engagements.get(engagement.id)
        where = " (in the trash)" if existing.in_trash else ""
        message = (
            f"This workspace already holds the engagement {existing.title!r}{where} with the "
            f"id {engagement.id}. Import the file as a copy to keep both; nothing was changed."
        )
    else:
        for section in SECTIONS:
            clashes = section.existing_ids(ws, document.sections[section.key])
            if clashes:
                message = (
                    f"{len(clashes)} {section.label} record(s) in this file are already in the "
                    f"workspace (the first has the id {clashes[0]}). Import the file as a copy "
                    "to keep both; nothing was changed."
                )
                break
    if not message:
        return False
    if on_conflict != "copy":
        raise EngagementExistsError(message, engagement.id)
    return True


def _engagement_for_writing(ws: Workspace, engagement: Engagement, ids: IdMap) -> Engagement:
    if not ids.fresh:
        return engagement
    return replace(engagement, id=ids(engagement.id), title=_copy_title(ws, engagement.title))


def _copy_title(ws: Workspace, title: str) -> str:
    """``title (imported copy)``, numbered when that title is taken too, within the limit."""
    every = [*ws.engagements.active(), *ws.engagements.trashed()]
    taken = {engagement.title.casefold() for engagement in every}
    number = 1
    while True:
        suffix = COPY_SUFFIX if number == 1 else f" (imported copy {number})"
        candidate = title[: validation.SHORT_TEXT_MAX - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in taken:
            return candidate
        number += 1
