"""Charts as ``matplotlib.figure.Figure`` objects, shared by the app and the report.

Every chart takes plain data (labels and numbers), never a workspace, so the dashboard
can embed the figure in a Qt canvas and the report can save the same figure as an image.
matplotlib is imported inside the functions: importing this package costs nothing.

Typical use::

    from scrm_desk.charts import radar_figure
    fig = radar_figure(["Vision", "Strategy", ...], [2.5, 3.0, ...], [4.0, 4.0, ...])
    fig.savefig(buffer, format="png", dpi=200)
"""

from __future__ import annotations

from scrm_desk.charts.alignment import alignment_figure
from scrm_desk.charts.comparison import comparison_figure
from scrm_desk.charts.radar import radar_figure
from scrm_desk.charts.style import ChartStyle, figure_to_png

__all__ = [
    "ChartStyle",
    "alignment_figure",
    "comparison_figure",
    "figure_to_png",
    "radar_figure",
]
