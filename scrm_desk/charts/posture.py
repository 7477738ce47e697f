"""The client's Social CRM posture against Gartner's distribution of the four approaches.

One bar per approach (denial 20%, toe-dippers 50%, strategic 5%, too aggressive 25%),
greyed, with the client's approach filled, its name in bold and a "Client" marker above
it, so the placement does not rest on colour alone. When the consultant's placement
overrides the questionnaire, the questionnaire's approach is marked too, with an
outlined marker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scrm_desk.charts.style import (
    DEFAULT_STYLE,
    ChartStyle,
    check_lengths,
    new_figure,
    styled,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from scrm_desk.frameworks.model import ReferenceFramework


def posture_figure(
    names: Sequence[str],
    shares: Sequence[float],
    *,
    placed: int | None,
    computed: int | None = None,
    client_label: str = "Client",
    computed_label: str = "Questionnaire",
    share_label: str = "Share of organisations (Gartner)",
    title: str | None = None,
    style: ChartStyle = DEFAULT_STYLE,
    width: float = 6.3,
    height: float = 3.2,
) -> Figure:
    """Bars of ``shares`` (per cent) for the approaches ``names``.

    ``placed`` is the index of the client's approach (``None``: not placed yet);
    ``computed`` the questionnaire's, marked separately when it differs from ``placed``.
    """
    check_lengths(names, shares=shares)
    if not names:
        raise ValueError("a posture chart needs at least one approach")
    for index in (placed, computed):
        if index is not None and not 0 <= index < len(names):
            raise ValueError(f"approach index {index} is out of range")
    top = max(max(shares), 1.0) * 1.32  # room above the tallest bar for its markers
    with styled(style):
        fig = new_figure(width, height, style)
        top_margin = 0.45 if title else 0.2
        ax = fig.add_axes((0.12, 0.5 / height, 0.84, 1 - (0.5 + top_margin) / height))
        ax.set_ylim(0, top)
        ax.set_xlim(-0.6, len(names) - 0.4)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.yaxis.grid(True, color=style.grid, linewidth=0.7)
        ax.set_axisbelow(True)
        ax.set_ylabel(share_label)
        ax.yaxis.set_major_formatter(_percent)
        ax.tick_params(axis="x", length=0, labelsize=style.font_size, labelcolor=style.text)
        colours = [style.current if i == placed else style.baseline for i in range(len(names))]
        ax.bar(range(len(names)), shares, width=0.62, color=colours, zorder=2)
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels([wrap_label(name, 16) for name in names])
        for index, share in enumerate(shares):
            ax.text(
                index, share + top * 0.015, f"{share:g}%", ha="center", va="bottom",
                color=style.text, fontsize=style.font_size,
                fontweight="bold" if index == placed else "normal",
            )  # fmt: skip
        if placed is not None:
            ticks = ax.get_xticklabels()
            ticks[placed].set_fontweight("bold")
            ticks[placed].set_color(style.current)
            _marker(ax, placed, shares[placed], top, client_label, style.current, filled=True)
        if computed is not None and computed != placed:
            _marker(ax, computed, shares[computed], top, computed_label, style.muted, filled=False)
        if title:
            fig.text(0.02, 1 - 0.1 / height, title, fontweight="bold", va="top")
    return fig


def approach_figure(
    reference: ReferenceFramework,
    approach_id: str | None,
    computed_id: str | None = None,
    *,
    title: str | None = None,
    style: ChartStyle = DEFAULT_STYLE,
) -> Figure:
    """The chart for a reference framework's approaches and a client's placement."""
    ids = [a.id for a in reference.approaches]
    return posture_figure(
        [a.name for a in reference.approaches],
        [a.share_percent for a in reference.approaches],
        placed=ids.index(approach_id) if approach_id in ids else None,
        computed=ids.index(computed_id) if computed_id in ids else None,
        title=title,
        style=style,
    )


def _percent(value: float, _position: object) -> str:
    return f"{value:g}%"


def _marker(
    ax: Axes, index: int, share: float, top: float, label: str, colour: str, *, filled: bool
) -> None:
    """A downward triangle with a label above the bar at ``index``."""
    y = share + top * 0.14
    ax.scatter(
        [index], [y], marker="v", s=90, zorder=4,
        color=colour if filled else "white", edgecolors=colour, linewidths=1.4,
    )  # fmt: skip
    ax.text(
        index, y + top * 0.045, label, ha="center", va="bottom", color=colour,
        fontweight="bold" if filled else "normal", fontsize=8.5,
    )  # fmt: skip
