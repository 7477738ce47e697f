"""Everything the planning rules read about one engagement, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrm_desk.records import (
    CanvasState,
    ChecklistEntry,
    ChecklistKind,
    Platform,
    Posture,
    RoadmapItem,
    SocialInitiative,
    StartingPoint,
)

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


@dataclass(frozen=True, slots=True)
class PlanSnapshot:
    """The planning records of one engagement, as plain values (no database).

    Rules take a snapshot, not a workspace, so they are tested with hand-made records
    and can run on a worker thread from data read on the GUI thread.
    """

    engagement_id: str
    canvas: tuple[CanvasState, ...] = ()
    checklist: tuple[ChecklistEntry, ...] = ()
    posture: Posture | None = None
    initiatives: tuple[SocialInitiative, ...] = ()
    starting_points: tuple[StartingPoint, ...] = ()
    platforms: tuple[Platform, ...] = ()
    roadmap: tuple[RoadmapItem, ...] = ()
    #: Keys of the suggestions the consultant dismissed.
    dismissed: frozenset[str] = frozenset()

    @classmethod
    def load(cls, ws: Workspace, engagement_id: str) -> PlanSnapshot:
        return cls(
            engagement_id=engagement_id,
            canvas=tuple(ws.canvas.for_engagement(engagement_id)),
            checklist=tuple(ws.checklists.for_engagement(engagement_id)),
            posture=ws.posture.find(engagement_id),
            initiatives=tuple(ws.social_initiatives.for_engagement(engagement_id)),
            starting_points=tuple(ws.starting_points.for_engagement(engagement_id)),
            platforms=tuple(ws.platforms.for_engagement(engagement_id)),
            roadmap=tuple(ws.roadmap.for_engagement(engagement_id)),
            dismissed=ws.dismissed_suggestions.keys(engagement_id),
        )

    def governance_ticked(self) -> frozenset[str]:
        """Ids of the governance items ticked."""
        return frozenset(
            entry.item_id
            for entry in self.checklist
            if entry.checklist is ChecklistKind.GOVERNANCE and entry.checked
        )

    def chosen_areas(self) -> tuple[StartingPoint, ...]:
        return tuple(point for point in self.starting_points if point.chosen)

    def roadmap_origins(self) -> frozenset[str]:
        return frozenset(item.origin for item in self.roadmap if item.origin)
