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
