"""The roadmap as a timeline (Gantt chart): one bar per dated initiative, in roadmap order.

Bars run from the start date to the end date inclusive, coloured by phase and, for
readers who cannot tell the colours apart, hatched differently per phase. A dashed
line marks today; the time axis always reaches today, so the chart shows at a glance
whether the plan has started, is under way or lies in the past.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from scrm_desk.charts.matrix import PHASE_NAMES
from scrm_desk.charts.style import (
    DEFAULT_STYLE,
    OKABE_ITO,
    ChartStyle,
    check_lengths,
    new_figure,
    styled,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from scrm_desk.records import RoadmapItem

#: Colour and hatch per phase: the same colours as the impact/effort matrix.
PHASE_BARS: Final[Mapping[str, tuple[str, str]]] = {
    "quick_win": (OKABE_ITO["bluish_green"], ""),
    "next": (OKABE_ITO["blue"], "////"),
    "later": (OKABE_ITO["orange"], "...."),
}
_LABEL_WIDTH: Final = 26
_ROW: Final = 0.38  # inches per initiative: room for a label on two lines


def _as_date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)


def timeline_figure(
    labels: Sequence[str],
    starts: Sequence[date | str | None],
    ends: Sequence[date | str | None],
    *,
    phases: Sequence[str | None] | None = None,
    today: date | None = None,
    phase_names: Mapping[str, str] = PHASE_NAMES,
    today_label: str = "Today",
    empty_text: str = "No initiative has both a start and an end date yet.",
    title: str | None = None,
    style: ChartStyle = DEFAULT_STYLE,
    width: float = 6.3,
) -> Figure:
    """A Gantt chart of the initiatives that have both dates, first on top.

    Dates are ``date`` objects or ISO strings. Initiatives without both dates are left
    out (the table beside the chart lists them); with none left, the chart says
    ``empty_text``. ``today`` defaults to the current date.
    """
    check_lengths(labels, starts=starts, ends=ends)
    phases = list(phases) if phases is not None else [None] * len(labels)
    check_lengths(labels, phases=phases)
    today = today or date.today()
    rows: list[tuple[str, date, date, str | None]] = []
    for label, start, end, phase in zip(labels, starts, ends, phases, strict=True):
        first, last = _as_date(start), _as_date(end)
        if first is None or last is None:
            continue
        if last < first:
            raise ValueError(f"{label!r} ends ({last}) before it starts ({first})")
        rows.append((label, first, last, phase))

    from matplotlib import dates as mdates

    count = max(len(rows), 1)
    legend_room = 0.3 if any(p in PHASE_BARS for p in phases) else 0.0
    height = 1.15 + legend_room + _ROW * count
    with styled(style):
        fig = new_figure(width, height, style)
        top = 1 - (0.5 if title else 0.3) / height
        bottom = (0.55 + legend_room) / height
        ax = fig.add_axes((0.33, bottom, 0.63, top - bottom))
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        if not rows:
            ax.set_axis_off()
            fig.text(
                0.5, 0.5, empty_text, ha="center", va="center", color=style.muted,
                fontstyle="italic",
            )  # fmt: skip
        else:
            first_day = min(min(r[1] for r in rows), today)
            last_day = max(max(r[2] for r in rows) + timedelta(days=1), today)
            margin = max(timedelta(days=3), (last_day - first_day) * 0.03)
            ax.set_xlim(mdates.date2num(first_day - margin), mdates.date2num(last_day + margin))
            ax.set_ylim(len(rows) - 0.4, -0.6)
            ax.set_yticks(range(len(rows)))
            ax.set_yticklabels([_shorten(r[0]) for r in rows], linespacing=1.0)
            ax.xaxis.grid(True, color=style.grid, linewidth=0.7)
            ax.set_axisbelow(True)
            locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
            seen: set[str] = set()
            for index, (_label, first, last, phase) in enumerate(rows):
                colour, hatch = PHASE_BARS.get(phase or "", (style.muted, ""))
                key = phase if phase is not None and phase in PHASE_BARS else ""
                legend = phase_names.get(key, key) if key and key not in seen else None
                seen.add(key)
                ax.barh(
                    index,
                    (last - first).days + 1,  # the end date is the last day of work
                    left=mdates.date2num(first),
                    height=0.56,
                    color=colour,
                    edgecolor="white",
                    linewidth=0.0,
                    hatch=hatch or None,
                    label=legend,
                    zorder=2,
                )
            ax.axvline(
                mdates.date2num(today), color=style.highlight, linestyle="--", linewidth=1.3,
                zorder=3,
            )  # fmt: skip
            ax.annotate(
                today_label,
                xy=(mdates.date2num(today), 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                color=style.highlight,
                fontweight="bold",
                fontsize=style.font_size - 1,
                annotation_clip=False,
            )
            if seen - {""}:
                handles, names = ax.get_legend_handles_labels()
                order = [list(PHASE_BARS).index(_phase_of(n, phase_names)) for n in names]
                pairs = sorted(zip(order, handles, names, strict=True), key=lambda p: p[0])
                fig.legend(
                    [p[1] for p in pairs],
                    [p[2] for p in pairs],
                    loc="lower center",
                    bbox_to_anchor=(0.645, 0.02 / height),
                    ncol=len(pairs),
                    handlelength=1.6,
                    columnspacing=1.6,
                )
        if title:
            fig.text(0.02, 1 - 0.1 / height, title, fontweight="bold", va="top")
    return fig


def roadmap_timeline_figure(
    items: Sequence[RoadmapItem],
    *,
    today: date | None = None,
    title: str | None = None,
    style: ChartStyle = DEFAULT_STYLE,
) -> Figure:
    """The timeline of roadmap items, in roadmap order."""
    return timeline_figure(
        [item.title for item in items],
        [item.start_date for item in items],
        [item.end_date for item in items],
        phases=[item.phase.value for item in items],
        today=today,
        title=title,
        style=style,
    )


def _phase_of(name: str, phase_names: Mapping[str, str]) -> str:
    for phase in PHASE_BARS:
        if phase_names.get(phase, phase) == name:
            return phase
    return next(iter(PHASE_BARS))


def _shorten(label: str) -> str:
    """The label on at most two lines of ``_LABEL_WIDTH`` characters, cut short with …."""
    lines = textwrap.wrap(" ".join(label.split()), width=_LABEL_WIDTH) or [""]
    if len(lines) > 2:
        second = " ".join(lines[1:])
        lines = [lines[0], second[: _LABEL_WIDTH - 1].rstrip() + "…"]
    return "\n".join(lines)
