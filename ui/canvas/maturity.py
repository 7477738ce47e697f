"""How maturity looks on the canvas: one colour per level, readable text on each.

The five steps are taken from viridis, a scale that stays ordered in lightness for
readers with any common colour-vision deficiency (no red against green) and in a grey
print. Every band also says its level in words, so colour is never the only carrier.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QPalette

#: Level -> fill colour: viridis at 0, ¼, ½, ¾ and 1.
LEVEL_COLOURS: Final[Mapping[int, str]] = {
    1: "#440154",
    2: "#3B528B",
    3: "#21918C",
    4: "#5EC962",
    5: "#FDE725",
}
LEVELS: Final = (1, 2, 3, 4, 5)
#: The text colour on light fills: near-black, so mid-tone fills (level 3) still reach
#: a contrast of 4.5:1.
DARK_INK: Final = "#111418"

#: The product's own maturity scale (used when no building-blocks framework names it).
DEFAULT_LEVEL_NAMES: Final[Mapping[int, str]] = {
    1: QT_TRANSLATE_NOOP("Maturity", "Initial"),
    2: QT_TRANSLATE_NOOP("Maturity", "Developing"),
    3: QT_TRANSLATE_NOOP("Maturity", "Defined"),
    4: QT_TRANSLATE_NOOP("Maturity", "Managed"),
    5: QT_TRANSLATE_NOOP("Maturity", "Optimised"),
}


def default_level_names() -> dict[int, str]:
    return {
        level: QCoreApplication.translate("Maturity", name)
        for level, name in DEFAULT_LEVEL_NAMES.items()
    }


def level_colour(level: int | None, palette: QPalette) -> QColor:
    """The fill of a band at ``level``; an unrated band gets a quiet tint of the palette."""
    if level in LEVEL_COLOURS:
        return QColor(LEVEL_COLOURS[level])
    return mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.12)


def text_colour_on(fill: QColor) -> QColor:
    """Near-black or white, whichever reads better on ``fill`` (WCAG relative luminance)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    luminance = (
        0.2126 * channel(fill.redF())
        + 0.7152 * channel(fill.greenF())
        + 0.0722 * channel(fill.blueF())
    )
    # Contrast against white is 1.05 / (L + 0.05); against DARK_INK (L ≈ 0.0068) it is
    # (L + 0.05) / 0.0568. Pick the larger: at least 4.5:1 on every level colour.
    on_white = 1.05 / (luminance + 0.05)
    on_dark = (luminance + 0.05) / 0.0568
    return QColor("#FFFFFF") if on_white >= on_dark else QColor(DARK_INK)


def mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    """``a`` with ``share_of_b`` of ``b`` blended in."""
    keep = 1.0 - share_of_b
    return QColor.fromRgbF(
        a.redF() * keep + b.redF() * share_of_b,
        a.greenF() * keep + b.greenF() * share_of_b,
        a.blueF() * keep + b.blueF() * share_of_b,
        1.0,
    )


def is_dark(palette: QPalette) -> bool:
    """Whether the palette draws light text on a dark background."""
    return (
        palette.color(QPalette.ColorRole.Base).lightness()
        < palette.color(QPalette.ColorRole.Text).lightness()
    )
