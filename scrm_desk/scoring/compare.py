"""Comparing two assessments of the same framework: baseline and follow-up.

Blocks are matched by area id and lens, so a follow-up scored against a newer version of
the same framework still compares (areas that no longer exist are left out). A change is
``follow_up - baseline`` and is ``None`` when either score is missing, which includes a
block not assessed enough in either assessment (it has no score); a block counts as
improved or declined only when its change is non-zero beyond float rounding.

The index change is given twice per lens: as reported (each index over its own assessed
core blocks) and like for like (over the core blocks assessed in both), with the block
counts of each, so that a view can lead with the like-for-like change and say when the
raw indexes rest on different blocks. Views display changes as
:func:`~.results.rounded_change` so that the rounded figures add up.
"""

from __future__ import annotations

from statistics import fmean

from scrm_desk.frameworks.model import BuildingBlocksFramework
from scrm_desk.records import Lens
from scrm_desk.scoring.engine import EPSILON
from scrm_desk.scoring.results import AssessmentResult, BlockChange, Comparison, IndexChange


def _change(baseline: float | None, follow_up: float | None) -> float | None:
    if baseline is None or follow_up is None:
        return None
    return follow_up - baseline


def compare_assessments(
    framework: BuildingBlocksFramework, baseline: AssessmentResult, follow_up: AssessmentResult
) -> Comparison:
    """Per area and lens, and per lens for the index: baseline, follow-up and change."""
    for label, result in (("baseline", baseline), ("follow-up", follow_up)):
        if result.framework_id != framework.id:
            raise ValueError(
                f"the {label} assessment was scored with framework {result.framework_id!r}, "
                f"not {framework.id!r}"
            )
    lenses = tuple(lens for lens in Lens if lens in baseline.lenses or lens in follow_up.lenses)
    before = {(b.area_id, b.lens): b.score for b in baseline.blocks}
    after = {(b.area_id, b.lens): b.score for b in follow_up.blocks}

    blocks: list[BlockChange] = []
    for area in framework.areas:
        for lens in lenses:
            key = (area.id, lens)
            if key not in before and key not in after:
                continue
            old, new = before.get(key), after.get(key)
            blocks.append(BlockChange(area.id, lens, old, new, _change(old, new)))

    index: list[IndexChange] = []
    for lens in lenses:
        old_index = baseline.index_for(lens)
        new_index = follow_up.index_for(lens)
        old = old_index.score if old_index is not None else None
        new = new_index.score if new_index is not None else None
        common = [
            (before[(area.id, lens)], after[(area.id, lens)])
            for area in framework.core_areas()
            if before.get((area.id, lens)) is not None and after.get((area.id, lens)) is not None
        ]
        old_common = fmean(pair[0] for pair in common) if common else None  # type: ignore[misc]
        new_common = fmean(pair[1] for pair in common) if common else None  # type: ignore[misc]
        index.append(
            IndexChange(
                lens,
                old,
                new,
                _change(old, new),
                blocks_compared=len(common),
                baseline_like_for_like=old_common,
                follow_up_like_for_like=new_common,
                like_for_like_change=_change(old_common, new_common),
                baseline_blocks=old_index.scored_blocks if old_index is not None else 0,
                follow_up_blocks=new_index.scored_blocks if new_index is not None else 0,
                core_blocks=max(
                    old_index.core_blocks if old_index is not None else 0,
                    new_index.core_blocks if new_index is not None else 0,
                ),
            )
        )

    order = {id(block): i for i, block in enumerate(blocks)}
    improved = sorted(
        (b for b in blocks if b.change is not None and b.change > EPSILON),
        key=lambda b: (-(b.change or 0.0), order[id(b)]),
    )
    declined = sorted(
        (b for b in blocks if b.change is not None and b.change < -EPSILON),
        key=lambda b: (b.change or 0.0, order[id(b)]),
    )
    return Comparison(
        framework_id=framework.id,
        baseline_assessment_id=baseline.assessment_id,
        follow_up_assessment_id=follow_up.assessment_id,
        blocks=tuple(blocks),
        index=tuple(index),
        improved=tuple(improved),
        declined=tuple(declined),
    )
