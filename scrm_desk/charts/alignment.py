"""Business versus IT: each side's mean maturity per block, misaligned blocks marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scrm_desk.charts.style import (
    DEFAULT_STYLE,
    SCALE_MAX,
    SCALE_MIN,
    ChartStyle,
    check_lengths,
    new_figure,
    styled,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def alignment_figure(
    labels: Sequence[str],
    business: Sequence[float | None],
    it: Sequence[float | None],
    *,
    misaligned: Sequence[bool] | None = None,
    threshold: float = 1.0,
    title: str | None = None,
    business_label: str = "Business",
    it_label: str = "IT",
    style: ChartStyle = DEFAULT_STYLE,
    width: float = 6.3,
) -> Figure:
    """Grouped horizontal bars, one pair per block, first block on top.

    ``misaligned`` says which blocks to highlight; without it a block is misaligned when
    the two means differ by ``threshold`` levels or more. A highlighted block gets a
    tinted band, its label in the highlight colour and the difference printed at the
    right, so the mark does not rest on colour alone. A side with no answers for a block
    says so instead of drawing a zero-length bar.
    """
    check_lengths(labels, business=business, it=it)
    if not labels:
        raise ValueError("an alignment chart needs at least one label")
    if misaligned is None:
        misaligned = [
            b is not None and i is not None and abs(b - i) >= threshold
            for b, i in zip(business, it, strict=True)
        ]
    check_lengths(labels, misaligned=misaligned)

    count = len(labels)
    height = 0.9 + 0.42 * count
    bar = 0.34
    with styled(style):
        fig = new_figure(width, height, style)
        top = 1 - 0.55 / height
        bottom = 0.42 / height
        ax = fig.add_axes((0.27, bottom, 0.63, top - bottom))
        ax.set_xlim(0, SCALE_MAX + 0.5)  # room for the value printed after a bar of 5
        ax.set_ylim(count - 0.45, -0.55)
        ax.set_xticks(range(SCALE_MIN, SCALE_MAX + 1))
        ax.xaxis.grid(True, color=style.grid, linewidth=0.7)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_yticks(range(count))
        ax.set_yticklabels([wrap_label(label, 22) for label in labels])

        for row, flagged in enumerate(misaligned):
            if flagged:
                ax.axhspan(row - 0.48, row + 0.48, color=style.highlight, alpha=0.08, zorder=0)
                tick = ax.get_yticklabels()[row]
                tick.set_color(style.highlight)
                tick.set_fontweight("bold")
        _bars(ax, business, -bar / 2, bar, style.business, business_label, style)
        _bars(ax, it, bar / 2, bar, style.it, it_label, style, hatch="////")
        for row, (b, i, flagged) in enumerate(zip(business, it, misaligned, strict=True)):
            if flagged and b is not None and i is not None:
                ax.annotate(
                    f"Δ {abs(b - i):.1f}",
                    xy=(1.0, row),
                    xycoords=("axes fraction", "data"),
                    xytext=(6, 0),
                    textcoords="offset points",
                    va="center",
                    ha="left",
                    color=style.highlight,
                    fontweight="bold",
                    fontsize=style.font_size - 0.5,
                    annotation_clip=False,
                )
        fig.legend(
            loc="upper left",
            ncol=2,
            bbox_to_anchor=(0.26, 1.0),
            handlelength=1.6,
            columnspacing=1.8,
        )
        if title:
            fig.text(0.02, 1 - 0.12 / height, title, fontweight="bold", va="top")
    return fig


def _bars(
    ax: Axes,
    values: Sequence[float | None],
    offset: float,
    bar: float,
    colour: str,
    label: str,
    style: ChartStyle,
    hatch: str | None = None,
) -> None:
    rows = range(len(values))
    widths = [0.0 if v is None else float(v) for v in values]
    ax.barh(
        [r + offset for r in rows],
        widths,
        height=bar,
        color=colour,
        edgecolor="white" if hatch else colour,
        linewidth=0.0,
        hatch=hatch,
        label=label,
        zorder=2,
    )
    for row, value in zip(rows, values, strict=True):
        if value is None:
            ax.text(
                0.06,
                row + offset,
                "no answers",
                va="center",
                ha="left",
                color=style.muted,
                fontsize=style.font_size - 2,
                fontstyle="italic",
            )
        else:
            ax.text(
                float(value) + 0.06,
                row + offset,
                f"{value:.1f}",
                va="center",
                ha="left",
                color=style.text,
                fontsize=style.font_size - 2,
            )
