"""One look for every chart: a colour-blind-safe palette, DejaVu Sans, quiet axes.

The palette is Okabe and Ito's, chosen so that each pair used together (current and
target, business and IT, baseline and follow-up) stays distinct under the common forms
of colour blindness, and every distinction is also carried by something other than hue
(a dashed line, a marker, a label).

Charts use DejaVu Sans: matplotlib ships it, and the PDF report embeds the same font, so
chart labels and body text match. Styling is applied with ``rc_context`` while a figure
is built, never by changing matplotlib's global settings, which the app shares.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from io import BytesIO
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Okabe-Ito, the colour-blind-safe qualitative palette.
OKABE_ITO: Final[dict[str, str]] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: The lowest and highest maturity level the charts show.
SCALE_MIN: Final = 1
SCALE_MAX: Final = 5


@dataclass(frozen=True, slots=True)
class ChartStyle:
    """Colours and type for the charts; the defaults suit both the app and the report."""

    current: str = OKABE_ITO["blue"]
    target: str = "#3E4C59"
    business: str = OKABE_ITO["blue"]
    it: str = OKABE_ITO["orange"]
    baseline: str = "#9AA5B1"
    follow_up: str = OKABE_ITO["blue"]
    improved: str = OKABE_ITO["blue"]
    declined: str = OKABE_ITO["vermillion"]
    highlight: str = OKABE_ITO["vermillion"]
    text: str = "#1F2933"
    muted: str = "#7B8794"
    grid: str = "#D9DEE3"
    background: str = "#FFFFFF"
    #: Tried in order for each character: DejaVu first, then fonts that cover other scripts.
    font_families: tuple[str, ...] = ("DejaVu Sans",)
    font_size: float = 9.0

    def with_fallback_fonts(self, families: Sequence[str]) -> ChartStyle:
        """This style with ``families`` tried after DejaVu Sans (for CJK and the like)."""
        extra = tuple(f for f in families if f not in self.font_families)
        return replace(self, font_families=self.font_families + extra)


DEFAULT_STYLE: Final = ChartStyle()


def rc_params(style: ChartStyle) -> dict[str, Any]:
    """The matplotlib settings a chart is built under."""
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [*style.font_families, "DejaVu Sans"],
        "font.size": style.font_size,
        "axes.edgecolor": style.grid,
        "axes.labelcolor": style.text,
        "axes.titlesize": style.font_size + 2,
        "axes.titleweight": "bold",
        "axes.titlecolor": style.text,
        "axes.linewidth": 0.8,
        "xtick.color": style.muted,
        "ytick.color": style.text,
        "xtick.labelsize": style.font_size - 1,
        "ytick.labelsize": style.font_size,
        "legend.fontsize": style.font_size - 0.5,
        "legend.frameon": False,
        "figure.facecolor": style.background,
        "axes.facecolor": style.background,
        "savefig.facecolor": style.background,
        # Text stays text (TrueType) if a figure is ever saved as PDF or SVG.
        "pdf.fonttype": 42,
        "svg.fonttype": "none",
    }


@contextmanager
def styled(style: ChartStyle) -> Iterator[None]:
    """Build a figure inside this block to give it the style, leaving global settings alone."""
    import matplotlib

    settings: Any = rc_params(style)
    with matplotlib.rc_context(settings):
        yield


def new_figure(width: float, height: float, style: ChartStyle) -> Figure:
    """A bare ``Figure`` (no pyplot: nothing global, safe on a worker thread)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), facecolor=style.background, layout=None)


def wrap_label(label: str, width: int = 14) -> str:
    """Break a long axis label over lines so it does not run into its neighbours."""
    return "\n".join(textwrap.wrap(label, width=width, break_long_words=True)) or label


def figure_to_png(figure: Figure, *, dpi: int = 200) -> bytes:
    """The figure as PNG bytes, at ``dpi`` (the report uses 200: sharp in print)."""
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=figure.get_facecolor())
    return buffer.getvalue()


def check_lengths(labels: Sequence[str], **series: Sequence[object]) -> None:
    """Every series must give one value per label."""
    for name, values in series.items():
        if len(values) != len(labels):
            raise ValueError(f"{name} has {len(values)} values for {len(labels)} labels")
