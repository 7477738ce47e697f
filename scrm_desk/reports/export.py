"""One call that builds, renders, optionally encrypts and safely writes a report.

:func:`export_report` is what the command line runs headless; :func:`export_reports`
writes several formats from one reading of the workspace, which is what the app runs on
a worker thread. It reports progress as ``(fraction, message)`` and polls ``cancel`` between
sections and pages. The file is written atomically: the bytes go to a temporary file in
the target folder, which is flushed to disk and then renamed over the target. A failed
or cancelled export leaves no partial file behind and never touches an existing file of
the same name.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

from scrm_desk.errors import ScrmError, ValidationError
from scrm_desk.reports.options import ReportOptions

if TYPE_CHECKING:
    from scrm_desk.frameworks import FrameworkCatalog
    from scrm_desk.reports.content import ReportContent
    from scrm_desk.workspace import Workspace

FORMATS: Final = ("pdf", "docx", "xlsx")
Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]


class ExportCancelled(ScrmError):  # noqa: N818 - it is not an error, the user chose it
    """The consultant cancelled the export; nothing was written."""


class ExportError(ScrmError):
    """The report could not be written where asked; nothing was written."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: str
    #: Pages of the PDF; ``None`` for DOCX and XLSX (Word paginates on its own).
    pages: int | None
    size: int
    seconds: float
    sections: tuple[str, ...]
    encrypted: bool
    #: Things the consultant should know (fonts, unused password ...).
    warnings: tuple[str, ...]


def export_report(
    ws_path_or_ws: Workspace | str | os.PathLike[str],
    engagement_id: str,
    fmt: str,
    out_path: str | os.PathLike[str],
    options: ReportOptions | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    *,
    catalog: FrameworkCatalog | None = None,
) -> ExportResult:
    """Export the engagement's report as ``fmt`` (pdf, docx or xlsx) to ``out_path``.

    Given a path rather than a workspace, the workspace is opened read-only for this
    call (a worker thread must not share the app's connection). Raises
    :class:`ExportCancelled` when ``cancel()`` turns true, :class:`ExportError` when the
    file cannot be written, and other :class:`ScrmError` for bad input.
    """
    (result,) = export_reports(
        ws_path_or_ws,
        engagement_id,
        ((fmt, out_path),),
        options,
        progress,
        cancel,
        catalog=catalog,
    )
    return result


def export_reports(
    ws_path_or_ws: Workspace | str | os.PathLike[str],
    engagement_id: str,
    targets: Sequence[tuple[str, str | os.PathLike[str]]],
    options: ReportOptions | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    *,
    catalog: FrameworkCatalog | None = None,
) -> tuple[ExportResult, ...]:
    """Export the report in several formats, ``targets`` being ``(format, file)`` pairs,
    all from **one reading** of the workspace.

    The engagement is read once, in one read transaction: every file of the batch shows
    the same state even while the app goes on saving edits. Progress runs from 0 to 1
    over the whole batch. Each file is written atomically; a failure in a later format
    leaves the earlier files written (the app stages them and renames them into place
    only when all are done). Every target is checked before any work starts.
    """
    started = time.perf_counter()
    options = options or ReportOptions()
    jobs: list[tuple[str, Path]] = []
    for fmt, out_path in targets:
        fmt = fmt.lower().lstrip(".")
        if fmt not in FORMATS:
            raise ValidationError("format", f"must be one of {', '.join(FORMATS)}, not {fmt!r}")
        target = Path(out_path).expanduser()
        check_target(target)
        jobs.append((fmt, target))
    if not jobs:
        raise ValidationError("targets", "name at least one format and file to export to")
    report = progress or (lambda fraction, message: None)

    def check() -> None:
        if cancel is not None and cancel():
            raise ExportCancelled("Export cancelled; no file was written.")

    report(0.0, "Reading the engagement")
    check()
    if isinstance(ws_path_or_ws, str | os.PathLike):
        from scrm_desk.workspace import Workspace

        with Workspace.open(ws_path_or_ws, read_only=True) as ws:
            content = _build_snapshot(ws, engagement_id, options, catalog, report, check)
    else:
        content = _build_snapshot(ws_path_or_ws, engagement_id, options, catalog, report, check)

    results: list[ExportResult] = []
    span = (1.0 - BUILD_SHARE) / len(jobs)
    for position, (fmt, target) in enumerate(jobs):
        base = BUILD_SHARE + position * span

        def step(fraction: float, message: str, _base: float = base) -> None:
            # The writers count from BUILD_SHARE to 1 as if they were alone: rescale.
            within = (fraction - BUILD_SHARE) / (1.0 - BUILD_SHARE)
            report(_base + span * min(1.0, max(0.0, within)), message)

        results.append(_write_format(content, fmt, target, options, step, check, started))
        # Each file's own time; reading the engagement counts toward the first.
        started = time.perf_counter()
    report(1.0, "Done")
    return tuple(results)


#: The share of the progress bar that reading the engagement takes.
BUILD_SHARE: Final = 0.12


def _build_snapshot(
    ws: Workspace,
    engagement_id: str,
    options: ReportOptions,
    catalog: FrameworkCatalog | None,
    report: Progress,
    check: Callable[[], None],
) -> ReportContent:
    # One read transaction: in WAL mode its first read fixes the snapshot every later
    # query of the build sees, whatever the app commits meanwhile.
    with ws.db.atomic():
        return _build(ws, engagement_id, options, catalog, report, check)


def _write_format(
    content: ReportContent,
    fmt: str,
    target: Path,
    options: ReportOptions,
    report: Progress,
    check: Callable[[], None],
    started: float,
) -> ExportResult:
    warnings = list(content.warnings)
    pages: int | None = None
    encrypted = False
    if fmt == "pdf":
        from scrm_desk.reports.pdf import encrypt_pdf, render_pdf

        output = render_pdf(content, dpi=options.chart_dpi, check=check, step=report)
        data = output.data
        pages = output.pages
        warnings += output.warnings
        if options.password:
            check()
            report(0.92, "Encrypting")
            data = encrypt_pdf(data, options.password, options.owner_password)
            encrypted = True
    elif fmt == "docx":
        from scrm_desk.reports.docx_writer import render_docx

        data = render_docx(content, dpi=options.chart_dpi, check=check, step=report)
    else:
        from scrm_desk.reports.xlsx_writer import render_xlsx

        data = render_xlsx(content, check=check, step=report)
    if options.password and fmt != "pdf":
        warnings.append(
            f"Password protection applies to PDF only; the {fmt.upper()} file is not encrypted."
        )
    check()
    report(0.95, f"Saving {target.name}")
    atomic_write(target, data)
    report(1.0, f"Saved {target.name}")
    return ExportResult(
        path=target,
        format=fmt,
        pages=pages,
        size=len(data),
        seconds=time.perf_counter() - started,
        sections=content.section_ids(),
        encrypted=encrypted,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _build(
    ws: Workspace,
    engagement_id: str,
    options: ReportOptions,
    catalog: FrameworkCatalog | None,
    report: Progress,
    check: Callable[[], None],
) -> ReportContent:
    from scrm_desk.reports.content import build_report, section_ids

    known = section_ids()

    def on_section(section_id: str) -> None:
        check()
        position = known.index(section_id) if section_id in known else 0
        report(0.02 + 0.1 * position / max(1, len(known)), f"Preparing {section_id}")

    return build_report(ws, engagement_id, options, catalog, progress=on_section)


# --------------------------------------------------------------------------- writing


def check_target(target: Path) -> None:
    """Refuse early (before any work) a target that cannot be written."""
    folder = target.parent
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name to export to.")
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder; choose a folder to export to.")
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist; choose another folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(
            f"Cannot write to the folder {folder}: it is read-only or you do not have "
            "permission. Choose another folder."
        )


def _write_all(handle: IO[bytes], data: bytes) -> None:
    """Write every byte (kept apart so tests can simulate a full disk here)."""
    view = memoryview(data)
    while view:
        written = handle.write(view)
        if written is None:  # pragma: no cover - only non-blocking streams do this
            continue
        view = view[written:]


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` all or nothing.

    A temporary file in the same folder (so the rename cannot cross file systems) is
    written, flushed and fsynced, then renamed over ``target``; the folder is fsynced so
    the rename itself survives a power cut. On any failure the temporary file is removed
    and ``target``, if it existed, is left exactly as it was.
    """
    folder = target.parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _write_error(exc, target) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            # Keep the permissions of the file being replaced.
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        except OSError:
            pass  # nothing more can be done; the original error matters more
        if isinstance(exc, OSError):
            raise _write_error(exc, target) from exc
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Make renames in ``folder`` survive a power cut (where folders can be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows, where folders cannot be opened; the rename still stands
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_error(exc: OSError, target: Path) -> ExportError:
    name = target.name
    folder = target.parent
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return ExportError(
            f"The disk is full: {name} was not saved. Free some space or choose another "
            "drive, then export again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError(
            f"Cannot write to the folder {folder}: it is read-only or you do not have "
            f"permission. {name} was not saved; choose another folder."
        )
    if exc.errno == errno.ENAMETOOLONG:
        return ExportError(f"The file name {name} is too long; choose a shorter one.")
    return ExportError(f"Could not save {name}: {exc.strerror or exc}. Nothing was written.")
