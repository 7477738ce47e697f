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
