"""Client reports: build the content once, render it as PDF, Word or Excel.

Two stages, as in pretix's invoice renderer: :func:`build_report` turns the workspace
into plain frozen dataclasses (:class:`ReportContent`), and a renderer turns those into
a file (``pdf.py`` with reportlab, ``docx_writer.py`` with python-docx,
``xlsx_writer.py`` with openpyxl). :func:`export_report` does both and writes the file
atomically; it is what the app runs on a worker thread and the command line runs.

Nothing here imports reportlab, matplotlib, python-docx or openpyxl at import time: the
renderers import them when they run.

Typical use::

    from scrm_desk.reports import ReportOptions, export_report

    result = export_report(ws_path, engagement_id, "pdf", "report.pdf",
                           ReportOptions(password="s3cret"), progress=print)
    print(result.pages, result.warnings)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrm_desk.reports.branding import (
        Branding,
        Logo,
        clean_logo,
        load_branding,
        save_branding,
    )
    from scrm_desk.reports.content import (
        ReportContent,
        SectionInfo,
        available_sections,
        build_report,
        draft_executive_summary,
        register_section,
        section_ids,
    )
    from scrm_desk.reports.export import (
        FORMATS,
        ExportCancelled,
        ExportError,
        ExportResult,
        atomic_write,
        export_report,
        export_reports,
    )
    from scrm_desk.reports.options import ReportOptions

#: Public name -> the module that defines it. Loaded on first use (PEP 562), so that
#: importing a small part, such as ``scrm_desk.reports.options``, stays cheap at start-up.
_WHERE = {
    "Branding": "branding",
    "Logo": "branding",
    "clean_logo": "branding",
    "load_branding": "branding",
    "save_branding": "branding",
    "ReportContent": "content",
    "SectionInfo": "content",
    "available_sections": "content",
    "build_report": "content",
    "draft_executive_summary": "content",
    "register_section": "content",
    "section_ids": "content",
    "FORMATS": "export",
    "ExportCancelled": "export",
    "ExportError": "export",
    "ExportResult": "export",
    "atomic_write": "export",
    "export_report": "export",
    "export_reports": "export",
    "ReportOptions": "options",
}

__all__ = [
    "FORMATS",
    "Branding",
    "ExportCancelled",
    "ExportError",
    "ExportResult",
    "Logo",
    "ReportContent",
    "ReportOptions",
    "SectionInfo",
    "atomic_write",
    "available_sections",
    "build_report",
    "clean_logo",
    "draft_executive_summary",
    "export_report",
    "export_reports",
    "load_branding",
    "register_section",
    "save_branding",
    "section_ids",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
