"""Prints SCRM Desk's speed and memory figures. Targets live here, never in timed tests.

    .venv/bin/python benchmarks/run_benchmarks.py [--engagements 1000] [--stakeholders 20]

Start-up and the engagement list (1,000 engagements x 20 stakeholders), the assessment
engine and dashboard redraw (12 respondents), and the report export (the demo
engagement; the Word route through LibreOffice when ``soffice`` is installed).

Each launch is measured in a fresh interpreter, from the first line of the script to the
window being shown and painted, so interpreter start-up is left out of both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SETTINGS_DIR = tempfile.mkdtemp(prefix="scrm-desk-bench-settings-")
GROUPS = ("executive", "business", "it", "front_line", "partner")

BARE_WINDOW = """
import time; started = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow(); window.resize(1280, 800); window.show()
app.processEvents()
print(time.perf_counter() - started)
"""

APP_WINDOW = """
import time; started = time.perf_counter()
import resource, sys
from pathlib import Path
from ui.app import open_for_benchmark
app, window, shown_at = open_for_benchmark(Path(sys.argv[1]))
ready = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(shown_at - started, rss, window.isVisible(), ready, window.navigator_row_count())
"""


def build_workspace(path: Path, engagements: int, stakeholders: int) -> float:
    """Fill a workspace through the repositories, in one transaction; return seconds."""
    from scrm_desk.repositories.base import transaction
    from scrm_desk.workspace import Workspace

    started = time.perf_counter()
    with Workspace.open(path) as ws, transaction(ws.db):
        clients = [
            ws.clients.create(name=f"Client {n:03d}", industry="Retail").record
            for n in range(max(1, engagements // 10))
        ]
        for n in range(engagements):
            engagement = ws.engagements.create(
                client_id=clients[n % len(clients)].id,
                title=f"Engagement {n:04d}",
                consultant="A. Consultant",
                start_date=f"2026-{1 + n % 12:02d}-01",
                status="active",
            ).record
            for s in range(stakeholders):
                ws.stakeholders.create(
                    engagement_id=engagement.id,
                    name=f"Person {s:02d}",
                    role="Role",
                    group=GROUPS[s % len(GROUPS)],
                )
    return time.perf_counter() - started


def run_fresh(script: str, *args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        # Settings go to a throw-away folder: a measurement must not touch the user's.
        env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": SETTINGS_DIR},
    )
    return result.stdout.split()


def median_runs(script: str, *args: str, runs: int) -> tuple[float, list[list[str]]]:
    outputs = [run_fresh(script, *args) for _ in range(runs)]
    return statistics.median(float(out[0]) for out in outputs), outputs


def measure_list_load(path: Path) -> dict[str, float]:
    from scrm_desk.workspace import Workspace

    with Workspace.open(path, read_only=True) as ws:
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            ws.clients.all()
            ws.engagements.active()
            timings.append(time.perf_counter() - started)
    return {"engagement_list_load_ms": statistics.median(timings) * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engagements", type=int, default=1000)
    parser.add_argument("--stakeholders", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--skip-report", action="store_true", help="leave out the report export")
    args = parser.parse_args()

    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.scrm.sqlite"
        figures["build_seconds"] = build_workspace(path, args.engagements, args.stakeholders)
        figures["workspace_mb"] = path.stat().st_size / 1e6
        figures.update(measure_list_load(path))

        bare, _ = median_runs(BARE_WINDOW, runs=args.runs)
        app, outputs = median_runs(APP_WINDOW, str(path), runs=args.runs)
        ready = statistics.median(float(o[3]) for o in outputs)
        figures["bare_window_ms"] = bare * 1000
        figures["app_window_ms"] = app * 1000
        figures["launch_ratio"] = app / bare
        figures["app_ready_ms"] = ready * 1000
        figures["ready_ratio"] = ready / bare
        figures["app_peak_rss_mb"] = statistics.median(int(o[1]) for o in outputs) / 1024
        figures["app_window_visible"] = all(o[2] == "True" for o in outputs)
        figures["navigator_rows"] = int(outputs[0][4])

    print(
        f"Workspace: {args.engagements} engagements x {args.stakeholders} stakeholders "
        f"(built in {figures['build_seconds']:.2f} s, {figures['workspace_mb']:.1f} MB)"
    )
    print(f"Engagement list load (core):   {figures['engagement_list_load_ms']:8.1f} ms")
    runs = f"(median of {args.runs})"
    print(f"Bare QMainWindow shown:        {figures['bare_window_ms']:8.1f} ms {runs}")
    print(f"SCRM Desk main window shown:   {figures['app_window_ms']:8.1f} ms {runs}")
    print(f"Launch ratio (goal <= 2.0):    {figures['launch_ratio']:8.2f}")
    print(
        f"Workspace shown in the window: {figures['app_ready_ms']:8.1f} ms "
        f"({figures['ready_ratio']:.2f}x bare; {figures['navigator_rows']} clients listed)"
    )
    print(f"Peak memory of the app:        {figures['app_peak_rss_mb']:8.1f} MB")
    print()
    from dashboard_benchmark import measure_dashboard

    figures["dashboard"] = measure_dashboard()
    if not args.skip_report:
        print()
        from report_benchmark import _demo_workspace, measure_report

        print("Report export, demo engagement:")
        figures["report"] = measure_report(*_demo_workspace())
    if args.json:
        print(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
