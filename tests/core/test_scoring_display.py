"""The gap shown beside a score and a target is their difference as shown."""

from __future__ import annotations

import pytest

from scrm_desk.scoring.display import shown_gap


@pytest.mark.parametrize(
    ("score", "target", "places", "expected"),
    [
        (3.64, 4.14, 1, 0.5),  # 3.6 and 4.1 are shown: 0.5, where the raw gap reads 0.5
        (3.56, 4.14, 1, 0.5),  # raw 0.58 would print 0.6 beside 3.6 and 4.1
        (2.24, 3.86, 1, 1.7),  # raw 1.62 would print 1.6 beside 2.2 and 3.9
        (4.124, 4.25, 2, 0.13),  # the spreadsheet's two places: 4.12 and 4.25
        (3.0, 3.0, 1, 0.0),
        (4.04, 3.96, 1, 0.0),  # both show 4.0: no gap, and not "-0.0"
        (None, 4.0, 1, None),
        (3.0, None, 1, None),
    ],
)
def test_shown_gap(score, target, places, expected) -> None:
    gap = shown_gap(score, target, places)
    assert gap == expected
    if gap is not None:
        assert f"{gap:.{places}f}" == f"{round(target, places) - round(score, places):.{places}f}"
