"""The small record every write returns, so views refresh only what it names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

#: Every kind of record that hangs off an engagement and goes with it when it is deleted
#: for good (ON DELETE CASCADE). Kept here, in a module the UI can import cheaply.
ENGAGEMENT_HELD_KINDS = (
    "stakeholder",
    "assessment",
    "response",
    "canvas_state",
    "checklist_entry",
    "posture",
    "social_initiative",
    "starting_point",
    "platform",
    "roadmap_item",
    "dismissed_suggestion",
)


@dataclass(frozen=True, slots=True)
class Changes:
    """Which kinds of record changed, and which ids."""

    kinds: frozenset[str] = field(default_factory=frozenset)
    ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, kind: str, *ids: str) -> Changes:
        return cls(frozenset({kind}), frozenset(ids))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids | other.ids)

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))

    def __bool__(self) -> bool:
        return bool(self.kinds)


@dataclass(frozen=True, slots=True)
class Saved(Generic[T]):
    """A record as stored after a write, with the changes the write made."""

    record: T
    changes: Changes
