"""Figures as a reader checks them.

A block's gap is computed from unrounded means (3.64 and 4.14 make 0.50), but a page
shows rounded ones (3.6, 4.1): a client reading "3.6 → 4.1, gap 0.5" must be able to do
the sum. :func:`shown_gap` is therefore the difference of the figures *as shown*; every
view that prints a score, a target and a gap side by side uses it.
"""

from __future__ import annotations


def shown_gap(score: float | None, target: float | None, places: int = 1) -> float | None:
    """Target minus score, each rounded to ``places`` first (``None`` if either is)."""
    if score is None or target is None:
        return None
    gap = round(round(target, places) - round(score, places), places)
    return 0.0 if gap == 0 else gap  # never "-0.0"
