"""The records an engagement is made of, as frozen dataclasses the views can hold safely."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EngagementStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    DELIVERED = "delivered"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Variant(StrEnum):
    """Which view of the building blocks an engagement (or assessment) takes."""

    CLASSIC = "classic"
    SOCIAL = "social"
    BOTH = "both"

    @property
    def label(self) -> str:
        return {"classic": "Classic CRM", "social": "Social CRM", "both": "Classic and Social CRM"}[
            self.value
        ]


class StakeholderGroup(StrEnum):
    EXECUTIVE = "executive"
    BUSINESS = "business"
    IT = "it"
    FRONT_LINE = "front_line"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return {
            "executive": "Executive",
            "business": "Business",
            "it": "IT",
            "front_line": "Front-line",
            "partner": "Partner",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Client:
    id: str
    name: str
    industry: str
    size: str
    region: str
    notes: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class Engagement:
    id: str
    client_id: str
    title: str
    consultant: str
    start_date: str | None
    end_date: str | None
    status: EngagementStatus
    scope_notes: str
    variant: Variant
    deleted_at: str | None
    created_at: str
    updated_at: str

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True, slots=True)
class Stakeholder:
    id: str
    engagement_id: str
    name: str
    role: str
    group: StakeholderGroup
    email: str
    notes: str
    created_at: str
    updated_at: str


class AssessmentStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return {"in_progress": "In progress", "complete": "Complete"}[self.value]


class Lens(StrEnum):
    """Whether an answer scores a block's classic CRM question or its Social CRM variant."""

    CLASSIC = "classic"
    SOCIAL = "social"

    @property
    def label(self) -> str:
        return {"classic": "Classic CRM", "social": "Social CRM"}[self.value]


class AnswerKind(StrEnum):
    """What a respondent gave for a question: a level, "not applicable" or "don't know"."""

    LEVEL = "level"
    NOT_APPLICABLE = "not_applicable"
    DONT_KNOW = "dont_know"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True, slots=True)
class Assessment:
    id: str
    engagement_id: str
    name: str
    assessed_on: str | None
    variant: Variant
    framework_id: str
    framework_version: str
    status: AssessmentStatus
    notes: str
    created_at: str
    updated_at: str

    def lenses(self) -> tuple[Lens, ...]:
        """The lenses this assessment scores, classic first."""
        return {
            Variant.CLASSIC: (Lens.CLASSIC,),
            Variant.SOCIAL: (Lens.SOCIAL,),
            Variant.BOTH: (Lens.CLASSIC, Lens.SOCIAL),
        }[self.variant]


@dataclass(frozen=True, slots=True)
class Response:
    """One respondent's answer to one question under one lens.

    ``respondent_id`` is a stakeholder's id, or ``None`` for the answer the workshop
    agreed on together (the consensus).
    """

    id: str
    assessment_id: str
    question_id: str
    lens: Lens
    respondent_id: str | None
    kind: AnswerKind
    current_level: int | None
    target_level: int | None
    confidence: Confidence | None
    evidence: str
    created_at: str
    updated_at: str

    @property
    def is_consensus(self) -> bool:
        return self.respondent_id is None

    @property
    def counts(self) -> bool:
        """True when the answer gives a level that scoring can use."""
        return self.kind is AnswerKind.LEVEL and self.current_level is not None


# --------------------------------------------------------------------------- planning
# The seven-layer canvas, the outside-in gate and governance checklists, the Social CRM
# posture, initiatives, starting points, platforms and the roadmap. Ids of framework
# items (layers, criteria, approaches, kinds, areas, categories) are the slugs of the
# framework files; the planning rules check them against the loaded frameworks.


class ChecklistKind(StrEnum):
    """Which checklist an entry belongs to."""

    GATE = "gate"
    GOVERNANCE = "governance"

    @property
    def label(self) -> str:
        return {"gate": "Outside-in gate", "governance": "Governance"}[self.value]


class InitiativeStatus(StrEnum):
    CURRENT = "current"
    PLANNED = "planned"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class PlatformStatus(StrEnum):
    USING = "using"
    PLANNED = "planned"

    @property
    def label(self) -> str:
        return {"using": "In use", "planned": "Planned"}[self.value]


class RoadmapPhase(StrEnum):
    QUICK_WIN = "quick_win"
    NEXT = "next"
    LATER = "later"

    @property
    def label(self) -> str:
        return {"quick_win": "Quick win", "next": "Next", "later": "Later"}[self.value]


class RoadmapStatus(StrEnum):
    PROPOSED = "proposed"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return {
            "proposed": "Proposed",
            "planned": "Planned",
            "in_progress": "In progress",
            "done": "Done",
        }[self.value]


@dataclass(frozen=True, slots=True)
class CanvasState:
    """What the consultant recorded for one layer of the canvas, or one of its processes.

    ``process_id`` is ``""`` for the layer itself.
    """

    id: str
    engagement_id: str
    layer_id: str
    process_id: str
    maturity: int | None
    current_state: str
    target_state: str
    pain_points: str
    owner: str
    initiatives: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    """One ticked (or unticked) item of a checklist, with the consultant's note.

    For the gate, ``layer_id`` names the gate layer and ``item_id`` a gate criterion;
    for governance, ``layer_id`` is ``""`` and ``item_id`` a governance checklist item.
    """

    id: str
    engagement_id: str
    checklist: ChecklistKind
    layer_id: str
    item_id: str
    checked: bool
    note: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class Posture:
    """The Social CRM posture questionnaire of an engagement (one per engagement).

    ``answers`` maps question ids to the chosen option ids. ``computed_approach`` is what
    the questionnaire gave when the answers were last saved; an ``override_approach``
    (with its note) wins over it.
    """

    id: str
    engagement_id: str
    answers: dict[str, str]
    computed_approach: str | None
    override_approach: str | None
    override_note: str
    created_at: str
    updated_at: str

    @property
    def approach(self) -> str | None:
        """The approach the engagement is placed in: the override, else the computed one."""
        return self.override_approach or self.computed_approach


@dataclass(frozen=True, slots=True)
class SocialInitiative:
    """A current or planned client initiative, classified by Kolsky's kinds of social."""

    id: str
    engagement_id: str
    title: str
    description: str
    kind: str
    status: InitiativeStatus
    owner: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class StartingPoint:
    """How much one pain-point starting area hurts, what it is worth, and whether it is first."""

    id: str
    engagement_id: str
    area_id: str
    pain: int | None
    value: int | None
    chosen: bool
    note: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class Platform:
    """A social site the client uses or plans to use, and the objective it serves."""

    id: str
    engagement_id: str
    name: str
    category_id: str
    geography: str
    purpose: str
    owner: str
    objective: str
    status: PlatformStatus
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class RoadmapItem:
    """One initiative of the roadmap.

    ``position`` orders the roadmap by hand (1 first); ``origin`` is the key of the
    suggestion it was accepted from, or ``""`` when the consultant wrote it.
    """

    id: str
    engagement_id: str
    title: str
    description: str
    block_ids: tuple[str, ...]
    layer_ids: tuple[str, ...]
    area_ids: tuple[str, ...]
    impact: int
    effort: int
    owner: str
    phase: RoadmapPhase
    start_date: str | None
    end_date: str | None
    status: RoadmapStatus
    position: int
    origin: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class DismissedSuggestion:
    """A suggested initiative the consultant dismissed; it is not suggested again."""

    id: str
    engagement_id: str
    key: str
    title: str
    created_at: str
    updated_at: str
