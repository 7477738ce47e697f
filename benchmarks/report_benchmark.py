"""How long the client report takes: direct PDF against the Word route.

    .venv/bin/python benchmarks/report_benchmark.py [--workspace PATH --engagement ID]

Without arguments the demo engagement is created in a temporary workspace. Printed:

* the full PDF export (every section, charts sharp at 200 dpi on paper), cold (a fresh
  interpreter: imports of reportlab and matplotlib included, as on the first export after
  the app starts), warm (another export in the same process: the chart images of the
  first are reused, as when the consultant exports again after editing the summary or
  exports the PDF after the Word file) and warm with fresh charts (the chart cache
  emptied before each export, as after the data changed: every chart drawn again);
* the DOCX export of the same content;
* when LibreOffice's ``soffice`` is on PATH, the DOCX → PDF conversion with
  ``soffice --headless --convert-to pdf`` (after one warm-up run that creates its
  profile), and the ratio of the Word route (DOCX export + conversion) to the direct PDF.

Goal: the full PDF in at most 1.0 s on a 2-core machine, at least 4× faster than the
Word route. Targets live here, never in timed tests. Times are medians; on a shared
machine, run it twice and look at the lower figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL_PDF_SECONDS = 1.0
GOAL_RATIO = 4.0

COLD_EXPORT = """
import sys, time, json
sys.path.insert(0, sys.argv[1])
started = time.perf_counter()
from scrm_desk.reports import export_report
result = export_report(sys.argv[2], sys.argv[3], "pdf", sys.argv[4])
print(json.dumps({"seconds": time.perf_counter() - started, "pages": result.pages}))
"""


def _timed(function: Any, repeat: int) -> tuple[float, Any]:
    times = []
    value = None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def measure_report(ws_path: str | os.PathLike[str], engagement_id: str) -> dict[str, Any]:
    """Measure and print the report's export times; return them as a dict."""
    from scrm_desk.reports import export_report

    out = Path(tempfile.mkdtemp(prefix="scrm-report-bench-"))
    results: dict[str, Any] = {}
    try:
        cold = []
        for n in range(3):
            done = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    COLD_EXPORT,
                    str(ROOT),
                    str(ws_path),
                    engagement_id,
                    str(out / f"cold{n}.pdf"),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            cold.append(json.loads(done.stdout.strip().splitlines()[-1]))
        results["pdf_cold_s"] = statistics.median(c["seconds"] for c in cold)

        from scrm_desk.reports.pdf import CHART_CACHE

        export_report(ws_path, engagement_id, "pdf", out / "warmup.pdf")
        results["pdf_warm_s"], pdf = _timed(
            lambda: export_report(ws_path, engagement_id, "pdf", out / "report.pdf"), 5
        )

        def fresh_charts() -> Any:
            CHART_CACHE.clear()
            return export_report(ws_path, engagement_id, "pdf", out / "fresh.pdf")

        results["pdf_warm_fresh_charts_s"], _ = _timed(fresh_charts, 5)
        results["pages"] = pdf.pages
        results["pdf_bytes"] = pdf.size
        results["sections"] = len(pdf.sections)
        results["docx_s"], _ = _timed(
            lambda: export_report(ws_path, engagement_id, "docx", out / "report.docx"), 3
        )
        results["xlsx_s"], _ = _timed(
            lambda: export_report(ws_path, engagement_id, "xlsx", out / "report.xlsx"), 3
        )
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            profile = out / "lo-profile"
            command = [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out / "lo"),
                str(out / "report.docx"),
            ]
            subprocess.run(command, check=True, capture_output=True, timeout=300)  # warm-up
            results["soffice_s"], _ = _timed(
                lambda: subprocess.run(command, check=True, capture_output=True, timeout=300),
                3,
            )
            converted = out / "lo" / "report.pdf"
            if converted.exists():
                from pypdf import PdfReader

                results["soffice_pages"] = len(PdfReader(converted).pages)
            word_route = results["docx_s"] + results["soffice_s"]
            results["word_route_s"] = word_route
            results["ratio_word_over_pdf_warm"] = word_route / results["pdf_warm_s"]
            results["ratio_word_over_pdf_fresh"] = word_route / results["pdf_warm_fresh_charts_s"]
            results["ratio_word_over_pdf_cold"] = word_route / results["pdf_cold_s"]
        else:
            results["soffice_s"] = None
    finally:
        shutil.rmtree(out, ignore_errors=True)

    print(f"cores: {os.cpu_count()}")
    print(
        f"full PDF, cold (fresh interpreter, imports included): {results['pdf_cold_s']:.3f} s"
        f"  (goal ≤ {GOAL_PDF_SECONDS:.1f} s)"
    )
    print(
        f"full PDF, warm (same process, charts reused):         {results['pdf_warm_s']:.3f} s"
        f"  ({results['pages']} pages, {results['sections']} sections, "
        f"{results['pdf_bytes'] / 1024:.0f} KiB)"
    )
    print(
        f"full PDF, warm with fresh charts (data changed):      "
        f"{results['pdf_warm_fresh_charts_s']:.3f} s"
    )
    print(f"DOCX export:                                          {results['docx_s']:.3f} s")
    print(f"XLSX export:                                          {results['xlsx_s']:.3f} s")
    if results.get("soffice_s") is not None:
        print(
            f"DOCX → PDF with soffice --headless:                   {results['soffice_s']:.3f} s"
            f"  ({results.get('soffice_pages', '?')} pages)"
        )
        print(
            f"Word route (DOCX + soffice) / direct PDF:             "
            f"{results['ratio_word_over_pdf_warm']:.1f}× warm, "
            f"{results['ratio_word_over_pdf_fresh']:.1f}× fresh charts, "
            f"{results['ratio_word_over_pdf_cold']:.1f}× cold  (goal ≥ {GOAL_RATIO:.0f}×)"
        )
    else:
        print("soffice not on PATH: the Word route was not measured")
    return results


def _demo_workspace() -> tuple[Path, str]:
    from scrm_desk.demo import add_demo_engagement
    from scrm_desk.workspace import Workspace

    path = Path(tempfile.mkdtemp(prefix="scrm-report-ws-")) / "workspace.scrm.sqlite"
    with Workspace.open(path) as ws:
        engagement = add_demo_engagement(ws).record
    return path, engagement.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workspace", type=Path)
    parser.add_argument("--engagement")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    if args.workspace and args.engagement:
        ws_path, engagement_id = args.workspace, args.engagement
    else:
        ws_path, engagement_id = _demo_workspace()
    results = measure_report(ws_path, engagement_id)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
