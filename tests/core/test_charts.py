"""Charts: plain data in, a matplotlib Figure out, no pyplot and no global state."""

from __future__ import annotations

import math
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


RADAR_GAP_CASES = [
    # id, current, spokes with a point, runs of neighbouring scored spokes
    (
        "all scored: one closed polygon",
        [2.5, 3.0, 1.5, 2.0, 4.0],
        {0, 1, 2, 3, 4},
        [[0, 1, 2, 3, 4]],
    ),
    (
        "one missing: a gap, the rest shaded",
        [2.5, None, 1.5, 2.0, 4.0],
        {0, 2, 3, 4},
        [[2, 3, 4, 0]],
    ),
    ("two apart: a run and a lone point", [2.5, None, 1.5, 2.0, None], {0, 2, 3}, [[2, 3], [0]]),
    ("lone points are not shaded", [2.5, None, 1.5, None, None], {0, 2}, [[2], [0]]),
    ("nothing scored", [None, None, None, None, None], set(), []),
]


@pytest.mark.parametrize(
    ("current", "drawn", "runs"),
    [case[1:] for case in RADAR_GAP_CASES],
    ids=[case[0] for case in RADAR_GAP_CASES],
)
def test_radar_leaves_a_gap_at_a_block_without_a_score_never_a_zero(
    current: list[float | None], drawn: set[int], runs: list[list[int]]
) -> None:
    from scrm_desk.charts.radar import assessed_runs

    assert assessed_runs([v is not None for v in current]) == runs
    fig = radar_figure(LABELS, current, [4, 4, 4, 4, 4])
    ax = fig.axes[0]
    line = next(line for line in ax.get_lines() if line.get_label() == "Current")
    radii = list(line.get_ydata())[:-1]  # closed: the first point again at the end
    assert {i for i, r in enumerate(radii) if not math.isnan(r)} == drawn
    assert all(math.isnan(r) or r > 0 for r in radii)  # a missing score is never a 0
    shaded = [p for p in ax.patches if p.get_alpha() is not None and p.get_alpha() < 1]
    assert len(shaded) == sum(1 for run in runs if len(run) > 1)
    # only the scored spokes' values (and the centre) are corners of the shading
    corners = {round(float(r), 6) for p in shaded for _, r in p.get_xy()}
    assert corners <= {0.0, *(round(float(v), 6) for v in current if v is not None)}
    assert any(t.startswith("* Not assessed yet") for t in _texts(fig)) is (
        len(drawn) < len(LABELS)
    )


NINE = [
    "Vision",
    "Strategy",
    "Customer exp.",
    "Collaboration",
    "Processes",
    "Information",
    "Technology",
    "Metrics",
    "Governance",
]
LONG_NOTE = (
    "Not assessed yet, so no score is drawn; a translation may well need a good deal more "
    "words than English to say so"
)


def _drawn_boxes(fig: Figure):
    """Draw ``fig`` as the report and the app do; the boxes of what sits at its foot."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    note = next(t for t in fig.texts if t.get_text().startswith("* "))
    legend = fig.legends[0].get_window_extent(renderer)
    labels = [t.get_window_extent(renderer) for t in fig.axes[0].get_xticklabels()]
    return note, note.get_window_extent(renderer), legend, labels


@pytest.mark.parametrize("scale", [1.0, 0.55, 1.6], ids=["as made", "app shrunk", "app grown"])
@pytest.mark.parametrize("labels", [LABELS, NINE, NINE[:8]], ids=["five", "nine", "eight"])
@pytest.mark.parametrize("note", ["Not assessed yet, so no score is drawn", LONG_NOTE])
def test_radar_note_legend_and_labels_never_overlap(
    labels: list[str], note: str, scale: float
) -> None:
    """The note under the chart (one line or several), the legend and the spoke labels
    each keep their own band, bottom up, at the size the figure was made and at the
    sizes the dashboard may draw it."""
    current = [3.0, 2.5, None, None, 3.5, None, 2.0, None, None][: len(labels)]
    fig = radar_figure(labels, current, [4.0] * len(labels), not_assessed_note=note, title="T")
    width, height = fig.get_size_inches()
    fig.set_size_inches(width * scale, height * scale)
    text, note_box, legend, spokes = _drawn_boxes(fig)
    assert note_box.y0 >= 0 and note_box.x1 <= fig.bbox.width  # on the figure, wrapped
    assert note_box.y1 < legend.y0  # the legend sits above the note
    assert legend.y1 < min(box.y0 for box in spokes)  # and below every spoke label
    if note == LONG_NOTE and scale <= 1:
        assert text.get_text().count("\n") >= 1  # the case the tester saw: two lines
    # The note still names every block without a score.
    flat = text.get_text().replace("\n", " ")
    for label, value in zip(labels, current, strict=True):
        assert (label in flat) is (value is None)


def test_radar_without_a_note_keeps_its_legend_clear_of_the_labels() -> None:
    fig = radar_figure(NINE, [3.0] * 9, [4.0] * 9)
    assert not [t for t in fig.texts if t.get_text().startswith("* ")]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    legend = fig.legends[0].get_window_extent(renderer)
    assert legend.y0 >= 0
    assert legend.y1 < min(t.get_window_extent(renderer).y0 for t in fig.axes[0].get_xticklabels())


@pytest.mark.parametrize("shape", [(1.0, 1.0), (1.0, 0.7), (0.6, 0.5)], ids=str)
@pytest.mark.parametrize("title", [None, "Classic CRM"])
def test_radar_spoke_labels_stay_inside_the_figure(shape, title) -> None:
    """The dashboard draws the chart squatter than it was made, without a title: the
    top spoke's label ("Vision") must not be cut off at the top edge."""
    fig = radar_figure(NINE, [3.0, None, *[3.0] * 7], [4.0] * 9, title=title)
    width, height = fig.get_size_inches()
    fig.set_size_inches(width * shape[0], height * shape[1])
    _text, _note, _legend, spokes = _drawn_boxes(fig)
    assert max(box.y1 for box in spokes) <= fig.bbox.height
    assert min(box.x0 for box in spokes) >= 0 and max(box.x1 for box in spokes) <= fig.bbox.width


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
    assert "+0.6" in texts and "−0.5" in texts and "–" in texts and "+0.0" in texts
    assert "Baseline" in texts and "Q3" in texts


def test_comparison_writes_changes_exactly_as_the_report_table_does() -> None:
    """The table under the chart prints ``fmt_gap`` of the rounded change: "+0.0" for no
    change and "–" for a block scored once; the chart must read the same, row by row."""
    from scrm_desk.reports.content import fmt_gap
    from scrm_desk.scoring.results import rounded_change

    baseline = [2.0, 3.04, None, 2.0, 4.0]
    follow_up = [2.6, 2.96, 2.0, None, 3.5]
    fig = comparison_figure(LABELS, baseline, follow_up)
    shown = [t.get_text() for t in fig.axes[0].texts]
    table = [fmt_gap(rounded_change(b, a)) for b, a in zip(baseline, follow_up, strict=True)]
    assert shown == table == ["+0.6", "+0.0", "–", "–", "−0.5"]
    assert not {"±0.0", "n/a"} & set(_texts(fig))


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (2.96, 3.64, "+0.6"),  # 3.0 → 3.6, not the exact +0.68 ("+0.7")
        (3.04, 2.96, "+0.0"),  # 3.0 → 3.0, not "−0.1"
        (1.25, 1.35, "+0.2"),  # 1.2 → 1.4
        (3.5, 2.44, "−1.1"),
    ],
)
def test_comparison_change_is_the_difference_of_the_rounded_scores(
    before: float, after: float, shown: str
) -> None:
    texts = _texts(comparison_figure(LABELS[:1], [before], [after]))
    assert shown in texts


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


# --------------------------------------------------------------------------- seven layers


def _diagram(*, closed: bool = True, owner: str = "Owner: Marieke Jansen"):
    from scrm_desk.charts.layers import DiagramCell, DiagramLayer, GateMark, LayersDiagram

    names = [
        "Customer Strategy",
        "Customer-to-Customer",
        "Customer Experience",
        "Operational CRM Channels",
        "People & Ecosystem",
        "Lean & Agile Processes",
        "BI, Sentiment & Social Listening",
    ]
    layers = []
    for number, name in enumerate(names, start=1):
        blocked = closed and number > 1
        processes = ()
        if number == 6:
            processes = tuple(
                DiagramCell(f"l{number}", p.lower(), p, None, level, "", "", blocked)
                for p, level in zip(
                    ("Marketing", "Sales", "Fulfilment", "Service"), (2, None, 3, 5), strict=True
                )
            )
        cell = DiagramCell(f"l{number}", "", name, number, (number % 5) + 1, "", owner, blocked)
        layers.append(DiagramLayer(cell, processes, is_gate=number == 1))
    text = "GATE CLOSED — DO NOT PASS GO · 4 of 6" if closed else "Gate open · 6 of 6"
    return LayersDiagram(
        tuple(layers), (GateMark("l1", closed, text),), foundations="Foundations: MDM · SOA"
    )


def _measure(text: str, bold: bool, size: float) -> float:
    return len(text) * size * (0.62 if bold else 0.55)


def test_layers_layout_stacks_the_bands_with_the_gate_under_the_first() -> None:
    from scrm_desk.charts.layers import FULL, HEADER, PROCESS, layout_diagram

    diagram = _diagram()
    layout = layout_diagram(diagram, 450.0, _measure)
    names = [box.cell.name for box in layout.boxes]
    assert names[:6] == [
        "Customer Strategy",
        "Customer-to-Customer",
        "Customer Experience",
        "Operational CRM Channels",
        "People & Ecosystem",
        "Lean & Agile Processes",
    ]
    assert names[6:10] == ["Marketing", "Sales", "Fulfilment", "Service"]
    assert names[-1] == "BI, Sentiment & Social Listening"
    tops = [box.y for box in layout.boxes if box.style != PROCESS]
    assert tops == sorted(tops)  # top to bottom
    split = [box for box in layout.boxes if box.cell.layer_id == "l6"]
    assert [box.style for box in split] == [HEADER, PROCESS, PROCESS, PROCESS, PROCESS]
    assert len({box.y for box in split}) == 1  # one band
    assert abs(split[-1].x + split[-1].w - 450.0) < 1e-6
    assert all(box.w == 450.0 for box in layout.boxes if box.style == FULL)
    (bar,) = layout.gates
    first, second = layout.boxes[0], layout.boxes[1]
    assert first.y + first.h <= bar.y and bar.y + bar.h <= second.y  # between layers 1 and 2
    assert layout.foundation is not None
    assert layout.legend[0].label == "Maturity"
    assert [e.label for e in layout.legend[1:6]] == [
        "1 Initial",
        "2 Developing",
        "3 Defined",
        "4 Managed",
        "5 Optimised",
    ]
    assert layout.height > layout.legend[-1].y


def test_layers_legend_wraps_when_narrow() -> None:
    from scrm_desk.charts.layers import layout_diagram

    wide = layout_diagram(_diagram(), 900.0, _measure)
    narrow = layout_diagram(_diagram(), 260.0, _measure)
    assert len({e.y for e in wide.legend}) == 1
    assert len({e.y for e in narrow.legend}) >= 2
    assert all(e.x < 260.0 for e in narrow.legend)


def test_layers_hatching_and_stripes_stay_inside_their_boxes() -> None:
    from scrm_desk.charts.layers import hatch_segments, stripe_polygons

    segments = hatch_segments(10.0, 20.0, 100.0, 40.0)
    assert len(segments) > 10
    for x1, y1, x2, y2 in segments:
        for x, y in ((x1, y1), (x2, y2)):
            assert 10.0 <= x <= 110.0 + 1e-9 and 20.0 <= y <= 60.0 + 1e-9
        assert abs((x2 - x1) - (y1 - y2)) < 1e-9  # 45°, rising to the right
    polygons = stripe_polygons(0.0, 0.0, 200.0, 14.0)
    assert len(polygons) > 5
    for polygon in polygons:
        for x, y in polygon:
            assert -1e-9 <= x <= 200.0 + 1e-9 and -1e-9 <= y <= 14.0 + 1e-9


def test_layers_text_is_readable_on_every_level() -> None:
    from scrm_desk.charts.layers import LEVEL_COLOURS, _luminance, ink_on

    for colour in LEVEL_COLOURS.values():
        ink = ink_on(colour)
        high, low = sorted((_luminance(colour), _luminance(ink)), reverse=True)
        assert (high + 0.05) / (low + 0.05) >= 4.5, colour
    assert ink_on(LEVEL_COLOURS[1]) == "#FFFFFF" and ink_on(LEVEL_COLOURS[5]) != "#FFFFFF"


def test_layers_figure_draws_every_band_and_the_gate() -> None:
    from scrm_desk.charts.layers import layers_figure

    fig = layers_figure(_diagram(), width=453.0)
    assert isinstance(fig, Figure)
    texts = _texts(fig)
    for name in ("Customer Strategy", "Lean & Agile", "Service", "Optimised"):
        assert any(name in t for t in texts), name
    assert any("DO NOT PASS GO" in t for t in texts)
    assert texts.count("BLOCKED") == 6
    width, height = fig.get_size_inches()
    assert abs(width - 457.0 / 72) < 0.01 and height > 4
    png = figure_to_png(fig, dpi=100)
    with Image.open(BytesIO(png)) as image:
        assert abs(image.size[0] - 457.0 / 72 * 100) <= 1
    open_fig = layers_figure(_diagram(closed=False))
    assert "BLOCKED" not in _texts(open_fig)
    assert any("Gate open" in t for t in _texts(open_fig))
