"""The impact/effort matrix of a roadmap: which initiatives are quick wins.

Effort runs along x and impact up y, both 1 to 5, split at the middle (3) into four
quadrants: quick wins (high impact, low effort, top left), major projects (top right),
fill-ins (bottom left) and thankless tasks (bottom right). Each initiative is a numbered
marker; the key below the plot gives the number's title (cut short with … in a long
key), so titles never overlap on the plot however many initiatives share a cell.
Markers differ by phase in colour and in shape, so the phase does not rest on colour
alone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from scrm_desk.charts.style import (
    DEFAULT_STYLE,
    OKABE_ITO,
    SCALE_MAX,
    SCALE_MIN,
    ChartStyle,
    check_lengths,
    new_figure,
    styled,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    from scrm_desk.records import RoadmapItem

#: Quadrant names, in our own words; the keys are fixed, the texts may be replaced.
QUADRANT_LABELS: Final[Mapping[str, str]] = {
    "quick_wins": "Quick wins",
    "major_projects": "Major projects",
    "fill_ins": "Fill-ins",
    "thankless_tasks": "Thankless tasks",
}

#: Colour and marker per roadmap phase (Okabe-Ito colours; shapes tell them apart too).
PHASE_STYLE: Final[Mapping[str, tuple[str, str]]] = {
    "quick_win": (OKABE_ITO["bluish_green"], "o"),
    "next": (OKABE_ITO["blue"], "s"),
    "later": (OKABE_ITO["orange"], "D"),
}
PHASE_NAMES: Final[Mapping[str, str]] = {
    "quick_win": "Quick win",
    "next": "Next",
    "later": "Later",
}
_MIDDLE: Final = (SCALE_MIN + SCALE_MAX) / 2
#: Longest title shown in the key, in one column and in two.
_KEY_TITLE_LENGTH: Final = {False: 72, True: 34}
_ONE_COLUMN_MAX: Final = 8
_KEY_LINE: Final = 0.2  # inches per line of the key
_LABEL_BAND: Final = 0.45  # data units above 5.5 and below 0.5 for the quadrant names


def impact_effort_figure(
    labels: Sequence[str],
    impact: Sequence[int],
    effort: Sequence[int],
    *,
    phases: Sequence[str | None] | None = None,
    numbers: Sequence[int] | None = None,
    quadrant_labels: Mapping[str, str] = QUADRANT_LABELS,
    phase_names: Mapping[str, str] = PHASE_NAMES,
    phase_title: str = "Phase",
    impact_label: str = "Impact",
    effort_label: str = "Effort",
    title: str | None = None,
    style: ChartStyle = DEFAULT_STYLE,
    width: float = 6.3,
) -> Figure:
    """The matrix for initiatives ``labels`` with their ``impact`` and ``effort`` (1–5).

    ``phases`` (``"quick_win"``, ``"next"``, ``"later"`` or ``None``) colour and shape
    the markers; ``numbers`` are printed in the markers and the key (default 1, 2, ...).
    Initiatives in the same cell are spread around it.
    """
    check_lengths(labels, impact=impact, effort=effort)
    phases = list(phases) if phases is not None else [None] * len(labels)
    numbers = list(numbers) if numbers is not None else list(range(1, len(labels) + 1))
    check_lengths(labels, phases=phases, numbers=numbers)
    for name, values in (("impact", impact), ("effort", effort)):
        for value in values:
            if not SCALE_MIN <= value <= SCALE_MAX:
                raise ValueError(f"{name} must be {SCALE_MIN} to {SCALE_MAX}, not {value}")

    count = len(labels)
    # A short key in one column keeps whole titles; a long one takes two.
    two_columns = count > _ONE_COLUMN_MAX
    rows = math.ceil(count / 2) if two_columns else count
    shorten_to = _KEY_TITLE_LENGTH[two_columns]
    plot = 3.5  # inches, square; the key below grows with the number of initiatives
    top_margin = 0.4 if title else 0.2
    height = top_margin + plot + 0.55 + rows * _KEY_LINE + 0.15
    with styled(style):
        fig = new_figure(width, height, style)
        plot_bottom = 1 - (top_margin + plot) / height
        ax = fig.add_axes((0.75 / width, plot_bottom, plot / width, plot / height))
        low, high = SCALE_MIN - 0.5, SCALE_MAX + 0.5
        # Bands above 5 and below 1 hold the quadrant names, clear of any marker.
        bottom, top = low - _LABEL_BAND, high + _LABEL_BAND
        ax.set_xlim(low, high)
        ax.set_ylim(bottom, top)
        ax.set_xticks(range(SCALE_MIN, SCALE_MAX + 1))
        ax.set_yticks(range(SCALE_MIN, SCALE_MAX + 1))
        ax.set_xlabel(f"{effort_label} →")
        ax.set_ylabel(f"{impact_label} →")
        ax.tick_params(length=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        # The quick-win quadrant is tinted: it is the one a client looks for first.
        ax.add_patch(
            _rectangle(low, _MIDDLE, _MIDDLE - low, top - _MIDDLE, OKABE_ITO["bluish_green"])
        )
        ax.axhline(_MIDDLE, color=style.muted, linewidth=0.9, linestyle="--", zorder=1)
        ax.axvline(_MIDDLE, color=style.muted, linewidth=0.9, linestyle="--", zorder=1)
        corners = {
            "quick_wins": (low + 0.08, top - 0.06, "left", "top"),
            "major_projects": (high - 0.08, top - 0.06, "right", "top"),
            "fill_ins": (low + 0.08, bottom + 0.06, "left", "bottom"),
            "thankless_tasks": (high - 0.08, bottom + 0.06, "right", "bottom"),
        }
        for key, (x, y, ha, va) in corners.items():
            ax.text(
                x,
                y,
                quadrant_labels.get(key, QUADRANT_LABELS[key]),
                ha=ha,
                va=va,
                color=style.muted,
                fontsize=style.font_size,
                fontweight="bold",
                zorder=1,
            )

        positions = _spread(list(zip(effort, impact, strict=True)))
        for (x, y), number, phase in zip(positions, numbers, phases, strict=True):
            colour, marker = PHASE_STYLE.get(phase or "", (style.muted, "o"))
            ax.scatter(
                [x], [y], s=230, color=colour, marker=marker, edgecolors="white",
                linewidths=1.0, zorder=3,
            )  # fmt: skip
            ax.text(
                x, y, str(number), ha="center", va="center", color="white",
                fontsize=style.font_size - 1.5, fontweight="bold", zorder=4,
            )  # fmt: skip

        # The key: number and title of every initiative, in two columns below the plot,
        # filled down the first column, then the second.
        key_top = 1 - (top_margin + plot + 0.55) / height
        line = _KEY_LINE / height
        columns = (0.75 / width, 0.5 + 0.15 / width)
        for index, (number, label, phase) in enumerate(zip(numbers, labels, phases, strict=True)):
            colour, _ = PHASE_STYLE.get(phase or "", (style.muted, "o"))
            left = columns[index // rows] if rows else columns[0]
            y = key_top - (index % rows) * line
            fig.text(
                left + 0.035, y, f"{number}", ha="right", va="top",
                color=colour, fontweight="bold", fontsize=style.font_size - 1,
            )  # fmt: skip
            fig.text(
                left + 0.045, y, _shorten(label, shorten_to), ha="left", va="top",
                color=style.text, fontsize=style.font_size - 1,
            )  # fmt: skip

        used = [p for p in PHASE_STYLE if p in phases]
        if used:
            handles = [_phase_handle(p, phase_names.get(p, p)) for p in used]
            ax.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(1.03, 1.0),
                title=phase_title,
                alignment="left",
                handletextpad=0.4,
            )
        if title:
            fig.text(0.02, 1 - 0.1 / height, title, fontweight="bold", va="top")
    return fig


def roadmap_matrix_figure(
    items: Sequence[RoadmapItem], *, title: str | None = None, style: ChartStyle = DEFAULT_STYLE
) -> Figure:
    """The matrix of roadmap items, numbered by their place in the roadmap."""
    return impact_effort_figure(
        [item.title for item in items],
        [item.impact for item in items],
        [item.effort for item in items],
        phases=[item.phase.value for item in items],
        numbers=list(range(1, len(items) + 1)),
        title=title,
        style=style,
    )


def _spread(points: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Initiatives sharing a cell, placed on a small circle around it (first at the top)."""
    cells: dict[tuple[int, int], list[int]] = {}
    for index, point in enumerate(points):
        cells.setdefault(point, []).append(index)
    placed: list[tuple[float, float]] = [(0.0, 0.0)] * len(points)
    for (x, y), members in cells.items():
        n = len(members)
        radius = 0.0 if n == 1 else min(0.42, 0.16 + 0.035 * n)
        for k, index in enumerate(members):
            angle = math.pi / 2 - 2 * math.pi * k / n
            placed[index] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    return placed


def _phase_handle(phase: str, name: str) -> Line2D:
    from matplotlib.lines import Line2D

    colour, marker = PHASE_STYLE[phase]
    return Line2D(
        [], [], linestyle="", marker=marker, markersize=8, markerfacecolor=colour,
        markeredgecolor="white", label=name,
    )  # fmt: skip


def _rectangle(x: float, y: float, w: float, h: float, colour: str) -> Rectangle:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, color=colour, alpha=0.07, linewidth=0, zorder=0)


def _shorten(label: str, limit: int) -> str:
    label = " ".join(label.split())
    if len(label) <= limit:
        return label
    return label[: limit - 1].rstrip() + "…"
