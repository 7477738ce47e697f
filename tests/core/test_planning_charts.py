"""Planning charts: the impact/effort matrix, the roadmap timeline and the posture bars."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from matplotlib import dates as mdates
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from scrm_desk.charts.matrix import _spread, impact_effort_figure, roadmap_matrix_figure
from scrm_desk.charts.posture import approach_figure, posture_figure
from scrm_desk.charts.style import DEFAULT_STYLE, figure_to_png
from scrm_desk.charts.timeline import roadmap_timeline_figure, timeline_figure
from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.records import RoadmapItem, RoadmapPhase, RoadmapStatus

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = FrameworkCatalog.load().reference()
T = "2026-01-01T00:00:00.000Z"


def texts(fig: Figure) -> list[str]:
    """Every piece of text drawn in the figure (figure texts, axes texts, ticks, legends)."""
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts]
        found += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        found += [ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    for legend in fig.legends:
        found += [t.get_text() for t in legend.get_texts()]
    return found


def saved(fig: Figure, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    path.write_bytes(figure_to_png(fig, dpi=80))
    assert path.stat().st_size > 0
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def item(n: int, title: str, impact: int, effort: int, phase: str, start=None, end=None):
    return RoadmapItem(
        f"r{n}", "e", title, "", (), (), (), impact, effort, "", RoadmapPhase(phase),
        start, end, RoadmapStatus.PLANNED, n, "", T, T,
    )  # fmt: skip


ITEMS = [
    item(1, "Make the outside-in shift", 5, 3, "quick_win", "2026-11-02", "2026-12-18"),
    item(2, "Establish the Vision block", 5, 4, "next", "2027-01-04", "2027-04-30"),
    item(3, "Settle social governance", 4, 2, "quick_win", "2026-11-16", "2026-12-11"),
    item(4, "Replace the legacy CRM", 2, 5, "later"),  # no dates
    item(5, "Listening pilot", 4, 2, "quick_win", "2026-12-01", "2026-12-01"),
]


# --------------------------------------------------------------------------- matrix


def test_matrix_has_quadrants_numbered_points_and_a_key(tmp_path: Path) -> None:
    fig = roadmap_matrix_figure(ITEMS, title="Impact and effort")
    ax = fig.axes[0]
    drawn = texts(fig)
    for quadrant in ("Quick wins", "Major projects", "Fill-ins", "Thankless tasks"):
        assert quadrant in drawn
    numbers = ["1", "2", "3", "4", "5"]
    assert [t.get_text() for t in ax.texts if t.get_text() in numbers] == numbers  # markers
    assert [t.get_text() for t in fig.texts if t.get_text() in numbers] == numbers  # key
    for entry in ITEMS:
        assert entry.title in drawn
    assert "Impact →" in drawn and "Effort →" in drawn and "Impact and effort" in drawn
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Quick win", "Next", "Later"]
    assert len(ax.collections) == len(ITEMS)  # one marker each
    assert ax.get_xlim() == (0.5, 5.5)
    saved(fig, tmp_path, "matrix")


def test_matrix_markers_sit_at_effort_and_impact() -> None:
    fig = impact_effort_figure(["a", "b"], [5, 1], [1, 5], phases=["quick_win", "later"])
    ax = fig.axes[0]
    points = [tuple(c.get_offsets()[0]) for c in ax.collections]
    assert points == [(1.0, 5.0), (5.0, 1.0)]  # (effort, impact)
    colours = [to_hex(c.get_facecolor()[0]) for c in ax.collections]
    assert colours == ["#009e73", "#e69f00"]


def test_matrix_spreads_initiatives_sharing_a_cell() -> None:
    placed = _spread([(2, 4), (2, 4), (2, 4), (5, 1)])
    assert placed[3] == (5, 1)  # alone: exactly on its cell
    shared = placed[:3]
    assert len(set(shared)) == 3
    for x, y in shared:
        assert abs(x - 2) < 0.5 and abs(y - 4) < 0.5  # still in its cell


def test_matrix_key_shortens_long_titles_only_when_in_two_columns() -> None:
    long = "A long initiative title that would run into the next column"
    one = texts(impact_effort_figure([long], [3], [3]))
    assert long in one
    nine = texts(impact_effort_figure([long] * 9, [3] * 9, [3] * 9))
    assert long not in nine
    assert any(t.endswith("…") and long.startswith(t[:-1]) for t in nine)


@pytest.mark.parametrize(
    ("impact", "effort", "message"),
    [
        ([6], [1], "impact must be 1 to 5"),
        ([1], [0], "effort must be 1 to 5"),
        ([1, 2], [1], "impact has 2 values for 1 labels"),
    ],
)
def test_matrix_refuses_bad_data(impact, effort, message) -> None:
    with pytest.raises(ValueError, match=message):
        impact_effort_figure(["a"], impact, effort)


def test_matrix_of_an_empty_roadmap_still_draws(tmp_path: Path) -> None:
    fig = roadmap_matrix_figure([])
    assert "Quick wins" in texts(fig)
    saved(fig, tmp_path, "matrix-empty")


# --------------------------------------------------------------------------- timeline

TODAY = date(2026, 11, 23)


def test_timeline_draws_dated_items_with_a_today_line(tmp_path: Path) -> None:
    fig = roadmap_timeline_figure(ITEMS, today=TODAY, title="Timeline")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [
        "Make the outside-in shift",
        "Establish the Vision block",
        "Settle social governance",
        "Listening pilot",
    ]  # the undated item is left out; roadmap order kept
    bars = [p for p in ax.patches]
    assert len(bars) == 4
    # Bars run from the start to the day after the end (the end day is included).
    first = bars[0]
    assert first.get_x() == mdates.date2num(date(2026, 11, 2))
    assert first.get_width() == 47
    assert bars[3].get_width() == 1  # a one-day item is still visible
    today_lines = [
        line for line in ax.get_lines() if list(line.get_xdata()) == [mdates.date2num(TODAY)] * 2
    ]
    assert len(today_lines) == 1 and today_lines[0].get_linestyle() == "--"
    drawn = texts(fig)
    assert "Today" in drawn and "Timeline" in drawn
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Quick win", "Next"]
    assert [to_hex(b.get_facecolor()) for b in bars[:2]] == ["#009e73", "#0072b2"]
    saved(fig, tmp_path, "timeline")


def test_timeline_reaches_today_even_when_the_plan_is_far_off() -> None:
    fig = timeline_figure(["Later"], ["2028-01-01"], ["2028-03-31"], today=TODAY)
    low, high = fig.axes[0].get_xlim()
    assert low <= mdates.date2num(TODAY) <= high


def test_timeline_without_dates_says_so(tmp_path: Path) -> None:
    fig = timeline_figure(["a", "b"], [None, "2026-01-01"], [None, None], today=TODAY)
    assert "No initiative has both a start and an end date yet." in texts(fig)
    assert len(fig.axes[0].patches) == 0
    saved(fig, tmp_path, "timeline-empty")


def test_timeline_refuses_an_end_before_the_start() -> None:
    with pytest.raises(ValueError, match="ends"):
        timeline_figure(["a"], ["2026-02-01"], ["2026-01-31"], today=TODAY)


def test_timeline_wraps_long_labels_on_two_lines() -> None:
    long = "Establish the information building block across every channel we run"
    fig = timeline_figure([long], ["2026-01-01"], ["2026-02-01"], today=TODAY)
    (label,) = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert label.count("\n") == 1 and label.endswith("…")


# --------------------------------------------------------------------------- posture


def test_posture_highlights_the_clients_approach(tmp_path: Path) -> None:
    fig = approach_figure(REFERENCE, "toe_dippers", title="Posture")
    ax = fig.axes[0]
    bars = ax.patches
    assert [b.get_height() for b in bars] == [20, 50, 5, 25]
    colours = [to_hex(b.get_facecolor()) for b in bars]
    assert colours[1] == to_hex(DEFAULT_STYLE.current)
    assert len({colours[0], colours[2], colours[3]}) == 1 and colours[0] != colours[1]
    ticks = ax.get_xticklabels()
    assert [t.get_text() for t in ticks] == ["Denial", "Toe-dippers", "Strategic", "Too aggressive"]
    assert ticks[1].get_fontweight() == "bold" and ticks[0].get_fontweight() == "normal"
    drawn = texts(fig)
    assert {"20%", "50%", "5%", "25%", "Client", "Posture"} <= set(drawn)
    assert "Questionnaire" not in drawn
    saved(fig, tmp_path, "posture")


def test_posture_marks_the_questionnaire_when_overridden(tmp_path: Path) -> None:
    fig = approach_figure(REFERENCE, "strategic", "denial")
    drawn = texts(fig)
    assert "Client" in drawn and "Questionnaire" in drawn
    same = texts(approach_figure(REFERENCE, "denial", "denial"))
    assert "Questionnaire" not in same
    saved(fig, tmp_path, "posture-override")


def test_posture_not_placed_yet() -> None:
    fig = approach_figure(REFERENCE, None)
    assert "Client" not in texts(fig)
    colours = {to_hex(b.get_facecolor()) for b in fig.axes[0].patches}
    assert colours == {to_hex(DEFAULT_STYLE.baseline)}


def test_posture_refuses_bad_data() -> None:
    with pytest.raises(ValueError, match="out of range"):
        posture_figure(["a", "b"], [50, 50], placed=2)
    with pytest.raises(ValueError):
        posture_figure(["a"], [50, 50], placed=None)


def test_chart_modules_import_matplotlib_only_when_drawing() -> None:
    code = (
        "import sys\n"
        "import scrm_desk.charts.matrix, scrm_desk.charts.timeline, scrm_desk.charts.posture\n"
        "import scrm_desk.planning\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported at module level'\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
