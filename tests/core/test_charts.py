"""Charts: plain data in, a matplotlib Figure out, no pyplot and no global state."""

from __future__ import annotations

import subprocess
import sys
from io import BytesIO

import matplotlib
import pytest
from matplotlib.figure import Figure
from PIL import Image

from scrm_desk.charts import (
    ChartStyle,
    alignment_figure,
    comparison_figure,
    figure_to_png,
    radar_figure,
)
from scrm_desk.charts.style import OKABE_ITO

LABELS = ["Vision", "Strategy", "Customer exp.", "Collaboration", "Processes"]


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def test_radar_is_a_figure_with_current_and_target() -> None:
    fig = radar_figure(LABELS, [2.5, 3.0, 1.5, 2.0, 4.0], [4, 4, 3, 3.5, 4.5], title="Classic CRM")
    assert isinstance(fig, Figure)
    texts = _texts(fig)
    assert "Classic CRM" in texts
    assert "Current" in texts and "Target" in texts
    for label in LABELS:
        assert any(label in t for t in texts)


def test_radar_marks_blocks_without_a_score() -> None:
    fig = radar_figure(LABELS, [2.5, None, 1.5, 2.0, None], [4, 4, 3, None, 4.5])
    texts = _texts(fig)
    assert any(t.startswith("Strategy*") for t in texts)
    note = next(t for t in texts if t.startswith("* Not assessed yet"))
    assert "Strategy" in note and "Processes" in note


def test_series_must_match_labels() -> None:
    with pytest.raises(ValueError, match="current has 2 values for 5 labels"):
        radar_figure(LABELS, [1, 2], [1, 2, 3, 4, 5])
    with pytest.raises(ValueError):
        alignment_figure([], [], [])


def test_alignment_highlights_misaligned_blocks() -> None:
    style = ChartStyle()
    fig = alignment_figure(
        LABELS,
        [2.0, 3.0, None, 2.0, 4.0],
        [3.5, 3.1, 2.0, 2.2, 2.5],
        business_label="Business (n=4)",
        it_label="IT (n=2)",
        style=style,
    )
    ax = fig.axes[0]
    ticks = {t.get_text().replace("\n", " "): t for t in ax.get_yticklabels()}
    assert matplotlib.colors.to_hex(ticks["Vision"].get_color()) == style.highlight.lower()
    assert matplotlib.colors.to_hex(ticks["Strategy"].get_color()) != style.highlight.lower()
    texts = _texts(fig)
    assert "Δ 1.5" in texts and "Δ 1.5" in texts  # Vision and Processes differ by 1.5
    assert "no answers" in texts
    assert "Business (n=4)" in texts and "IT (n=2)" in texts


def test_explicit_misaligned_flags_win_over_the_threshold() -> None:
    fig = alignment_figure(LABELS[:2], [1.0, 1.0], [1.2, 4.0], misaligned=[True, False])
    ticks = fig.axes[0].get_yticklabels()
    assert ticks[0].get_fontweight() == "bold"
    assert ticks[1].get_fontweight() != "bold"


def test_comparison_prints_signed_changes() -> None:
    fig = comparison_figure(
        LABELS, [2.0, 3.0, None, 2.0, 4.0], [2.6, 2.5, 2.0, 2.0, 4.3], follow_up_label="Q3"
    )
    texts = _texts(fig)
    assert "+0.6" in texts and "−0.5" in texts and "n/a" in texts and "±0.0" in texts
    assert "Baseline" in texts and "Q3" in texts


def test_palette_is_okabe_ito_and_pairs_differ() -> None:
    style = ChartStyle()
    assert style.current == OKABE_ITO["blue"]
    assert style.business != style.it
    assert style.with_fallback_fonts(["Noto Sans CJK"]).font_families == (
        "DejaVu Sans",
        "Noto Sans CJK",
    )


def test_png_is_sharp_and_leaves_global_settings_alone() -> None:
    before = dict(matplotlib.rcParams)
    fig = radar_figure(LABELS, [1, 2, 3, 4, 5], [2, 3, 4, 5, 5])
    png = figure_to_png(fig, dpi=150)
    with Image.open(BytesIO(png)) as image:
        width, height = image.size
    assert width == round(6.0 * 150) and height == round(4.9 * 150)
    assert dict(matplotlib.rcParams) == before


def test_importing_charts_loads_neither_matplotlib_nor_pyplot() -> None:
    code = (
        "import sys, scrm_desk.charts\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported eagerly'\n"
        "from scrm_desk.charts import radar_figure\n"
        "radar_figure(['a', 'b', 'c'], [1, 2, 3], [2, 3, 4])\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot used'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=".")
