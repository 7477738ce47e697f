"""The command line: a workspace from a terminal or a script, with no Qt loaded.

``main.py`` sends every invocation with a command here and starts the desktop app
otherwise. Commands never take the app's workspace lock, so they work while the app has
the same workspace open; the commands that only read open the file read-only.

Every failure the user can cause is reported as one ``scrm-desk: error: ...`` message on
standard error, never as a traceback: exit status 1, or 2 for a mistake in the command
line itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, NoReturn

from scrm_desk import __version__
from scrm_desk.demo import add_demo_engagement
from scrm_desk.errors import NotFoundError, ScrmError
from scrm_desk.frameworks import (
    KIND_BUILDING_BLOCKS,
    BuildingBlocksFramework,
    Framework,
    FrameworkCatalog,
    FrameworkError,
    LayersFramework,
    builtin_frameworks_dir,
    framework_to_dict,
    load_framework_file,
)
from scrm_desk.interchange import (
    MAX_DOCUMENT_BYTES,
    SECTIONS,
    EngagementExistsError,
    InvalidDocumentError,
    dumps,
    export_engagement,
    import_engagement,
    load_document,
    read_document_file,
    records_left_out,
    write_document_file,
)
from scrm_desk.interchange.engagement_json import describe_problems
from scrm_desk.paths import WORKSPACE_ENV, frameworks_dir_for, resolve_workspace_path
from scrm_desk.records import Assessment, Engagement
from scrm_desk.repositories.base import transaction
from scrm_desk.scoring import AssessmentResult, BlockScore, score_assessment
from scrm_desk.scoring.display import shown_gap
from scrm_desk.scoring.results import (
    FLAG_BROKEN_FOUNDATION,
    FLAG_FOUNDATION_UNKNOWN,
    FLAG_HIGH_SPREAD,
    FLAG_LARGE_GAP,
    FLAG_MISALIGNED,
    FLAG_MISSING_BLOCK,
    FLAG_NO_QUESTIONS,
    FLAG_NOT_ASSESSED,
)
from scrm_desk.storage.migrations import LATEST_SCHEMA_VERSION
from scrm_desk.workspace import Workspace

PROG: Final = "scrm-desk"
DEBUG_ENV: Final = "SCRM_DESK_DEBUG"
EXIT_OK: Final = 0
EXIT_FAILURE: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130


@dataclass(frozen=True, slots=True)
class CommandHelp:
    """The texts of one command: ``help`` in the command list, ``description`` above its
    options. Kept here, in one place, so the README can quote them."""

    help: str
    description: str


COMMANDS: Final[Mapping[str, CommandHelp]] = {
    "demo": CommandHelp(
        help="add a demo engagement (a fictional retailer) to the workspace",
        description=(
            "Add a demo engagement for a fictional retailer, with its client, ten "
            "stakeholders, a complete baseline assessment and a half-done follow-up, to "
            "the workspace (created if needed). Running it again adds another demo "
            "engagement with a numbered title."
        ),
    ),
    "list": CommandHelp(
        help="list the engagements in the workspace",
        description=(
            "List the engagements in the workspace, newest start first: id, client, title, "
            "status and number of assessments. The ID column shows the first 8 "
            "characters; any unique start of an id (6 characters or more) names an "
            "engagement in other commands."
        ),
    ),
    "scores": CommandHelp(
        help="show the scores and findings of an engagement's assessment",
        description=(
            "Score an engagement's assessment (the latest one unless --assessment names "
            "another) with the same engine as the app, and print per building block and "
            "lens its score, target, gap, completeness and flags, then the overall "
            "maturity index per lens and the findings, most severe first. Scores are "
            "means of levels 1 to 5; '—' means there is no value."
        ),
    ),
    "frameworks": CommandHelp(
        help="list the loaded frameworks, or check a framework file",
        description=(
            "List the frameworks SCRM Desk loads: the built-in ones and the *.toml files "
            "in the 'frameworks' folder beside the workspace. Files that cannot be loaded "
            "are reported as warnings. With --check, check one framework file instead."
        ),
    ),
    "export-json": CommandHelp(
        help="write one engagement to a JSON file",
        description=(
            "Write one engagement, with its client, stakeholders, assessments and their "
            "answers, to a JSON file in the SCRM Desk interchange format. The file is "
            "replaced in one step: if anything fails, an existing file keeps its old content."
        ),
    ),
    "import-json": CommandHelp(
        help="add an engagement from a JSON file",
        description=(
            "Add the engagement in a JSON file (written by export-json or the app) to "
            "the workspace. The whole file is checked first and written in one step; a "
            "file with problems changes nothing. Records keep their ids; a client that "
            "is already in the workspace is used as it is."
        ),
    ),
    "export": CommandHelp(
        help="export an engagement's client report as PDF, Word or Excel",
        description=(
            "Export an engagement's client report, exactly as the app's deliverable page "
            "does: PDF (with the table of contents, charts, bookmarks and embedded fonts), "
            "an editable Word document, or an Excel workbook of the data. Runs without a "
            "display and reads the workspace without changing it, so it works while the "
            "app has the workspace open. The file is written in one step: a failed export "
            "leaves no partial file and keeps an older file of the same name. Prints the "
            "path, pages, size and time; warnings (fonts, passwords) go to standard error. "
            "Passwords are read from files, never from the command line, so that they do "
            "not end up in the shell's history or the process list."
        ),
    ),
    "info": CommandHelp(
        help="show where the workspace is and what it holds",
        description=(
            "Show the workspace's path, schema version, size and how many clients, "
            "engagements, stakeholders and assessments it holds."
        ),
    ),
}

_WORKSPACE_HELP: Final = (
    f"the workspace file to use (default: ${WORKSPACE_ENV}, else the per-user workspace)"
)
_EPILOG: Final = (
    "Without a command, scrm-desk opens the desktop app. "
    f"The workspace is the --workspace file, else ${WORKSPACE_ENV}, else the per-user "
    "default that 'scrm-desk info' shows."
)


# --------------------------------------------------------------------------- parser


class UsageError(Exception):
    """A mistake in the command line; reported with exit status 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """The parser for every command; each command's handler is in ``args.handler``."""
    return _build_parsers()[0]


def help_texts() -> dict[str, str]:
    """The full ``--help`` output of the program (key ``""``) and of each command."""
    parser, subparsers = _build_parsers()
    return {"": parser.format_help()} | {
        name: sub.format_help() for name, sub in subparsers.items()
    }


def _build_parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = _Parser(
        prog=PROG,
        description="SCRM Desk: a workbench for CRM and Social CRM consultants.",
        epilog=_EPILOG,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--workspace", metavar="PATH", help=_WORKSPACE_HELP)
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands", required=True
    )
    subparsers: dict[str, argparse.ArgumentParser] = {}
    for name, add_options, handler in _COMMAND_TABLE:
        texts = COMMANDS[name]
        sub = subparsers[name] = commands.add_parser(
            name, help=texts.help, description=texts.description, allow_abbrev=False
        )
        # SUPPRESS: when absent here, a --workspace given before the command stays.
        sub.add_argument(
            "--workspace", metavar="PATH", default=argparse.SUPPRESS, help=_WORKSPACE_HELP
        )
        add_options(sub)
        sub.set_defaults(handler=handler)
    return parser, subparsers


def _no_options(parser: argparse.ArgumentParser) -> None:
    """A command without options of its own."""


def _list_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--trash", action="store_true", help="list the engagements in the trash instead"
    )


def _frameworks_options(parser: argparse.ArgumentParser) -> None:
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--json", action="store_true", help="print the full content of every framework as JSON"
    )
    choice.add_argument(
        "--check",
        metavar="FILE",
        help="check one framework file and report every problem in it (exit status 1 if any)",
    )


def _export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "engagement", metavar="ENGAGEMENT", help="the engagement's id (or its start), or title"
    )
    parser.add_argument(
        "--out",
        metavar="FILE",
        required=True,
        help="the file to write ('-' for standard output)",
    )


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "engagement",
        metavar="ENGAGEMENT",
        nargs="?",
        help="the engagement's id (or its start), or title",
    )
    parser.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        help="pdf, docx or xlsx (default: from the --out file's extension)",
    )
    parser.add_argument("--out", metavar="FILE", help="the file to write")
    parser.add_argument(
        "--sections",
        metavar="ID,ID,...",
        help=(
            "only these sections, by id, separated by commas (default: every section "
            "that has data; see --list-sections); the report keeps its own order"
        ),
    )
    parser.add_argument(
        "--assessment",
        metavar="NAME",
        help="the assessment to report on, e.g. 'Baseline' (default: the latest assessment)",
    )
    parser.add_argument(
        "--password-file",
        metavar="FILE",
        help="encrypt the PDF (AES-256) with the password on the first line of FILE",
    )
    parser.add_argument(
        "--owner-password-file",
        metavar="FILE",
        help=(
            "the owner password (which allows changing the protection) on the first line "
            "of FILE; needs --password-file and must differ from it (default: a random one)"
        ),
    )
    parser.add_argument(
        "--list-sections",
        action="store_true",
        help="list the section ids with their titles and what they hold, then stop",
    )


def _scores_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "engagement", metavar="ENGAGEMENT", help="the engagement's id (or its start), or title"
    )
    parser.add_argument(
        "--assessment",
        metavar="NAME",
        help="the assessment's name, e.g. 'Baseline' (default: the latest assessment)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the full result as JSON (blocks, questions, index, alignment, findings)",
    )


def _import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="the JSON file to import ('-' for standard input)"
    )
    parser.add_argument(
        "--as-copy",
        action="store_true",
        help=(
            "if the engagement is already in the workspace, import it as a copy under "
            "new ids (title suffixed ' (imported copy)') instead of refusing"
        ),
    )


# --------------------------------------------------------------------------- running


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command line (without the program name) and return the exit status."""
    try:
        args = build_parser().parse_args(None if argv is None else list(argv))
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except SystemExit as exc:  # --help and --version print, then "exit" with 0
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    handler: Handler = args.handler
    try:
        return handler(args)
    except BrokenPipeError:
        return _reader_went_away()
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
    except ScrmError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(_describe_os_error(exc))
    except sqlite3.Error as exc:
        return _fail(f"the workspace could not be read or written ({exc}); nothing was changed")
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        return _fail(
            f"unexpected {type(exc).__name__}: {exc}. This is a bug in SCRM Desk; please "
            f"report it (set {DEBUG_ENV}=1 to see the details)."
        )


def _fail(message: str, status: int = EXIT_FAILURE) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return status


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _describe_os_error(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason


def _reader_went_away() -> int:
    # The program reading our output stopped (``scrm-desk list | head``). Point stdout
    # at nothing so that the interpreter's final flush does not fail a second time.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_FAILURE


def _workspace_path(args: argparse.Namespace) -> Path:
    return resolve_workspace_path(getattr(args, "workspace", None))


@contextmanager
def _reading(args: argparse.Namespace) -> Iterator[Workspace]:
    """The workspace opened read-only; a missing file is an error, never created."""
    with Workspace.open(_workspace_path(args), read_only=True) as ws:
        yield ws


@contextmanager
def _writing(args: argparse.Namespace) -> Iterator[Workspace]:
    """The workspace opened for writing (created if needed), without the app's lock."""
    with Workspace.open(_workspace_path(args)) as ws:
        yield ws


def _print_table(
    headings: Sequence[str], rows: Sequence[Sequence[str]], *, right: Set[int] = frozenset()
) -> None:
    """Columns padded to their widest cell, numbers (columns in ``right``) aligned right;
    no trailing blanks."""
    widths = [len(heading) for heading in headings]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    for line in (headings, *rows):
        cells = [
            cell.rjust(width) if column in right else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# --------------------------------------------------------------------------- commands


def _cmd_demo(args: argparse.Namespace) -> int:
    with _writing(args) as ws:
        engagement = add_demo_engagement(ws).record
        stakeholders = len(ws.stakeholders.for_engagement(engagement.id))
        assessments = len(ws.assessments.for_engagement(engagement.id))
        print(
            f"Added the demo engagement {engagement.title!r} (id {engagement.id}) with "
            f"{_plural(stakeholders, 'stakeholder')} and {_plural(assessments, 'assessment')} "
            f"to {ws.path}."
        )
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    with _reading(args) as ws:
        engagements = ws.engagements.trashed() if args.trash else ws.engagements.active()
        client_names = {client.id: client.name for client in ws.clients.all()}
        assessments = _assessment_counts(ws)
        where = ws.path
    if args.json:
        _print_json(
            [
                {
                    "id": e.id,
                    "title": e.title,
                    "client_id": e.client_id,
                    "client": client_names.get(e.client_id, ""),
                    "status": e.status.value,
                    "variant": e.variant.value,
                    "consultant": e.consultant,
                    "start_date": e.start_date,
                    "end_date": e.end_date,
                    "deleted_at": e.deleted_at,
                    "assessments": assessments.get(e.id, 0),
                }
                for e in engagements
            ]
        )
        return EXIT_OK
    if not engagements:
        print(
            "The trash is empty."
            if args.trash
            else f"No engagements in {where}. Try '{PROG} demo' to add a demo engagement."
        )
        return EXIT_OK
    headings = ["ID", "CLIENT", "TITLE", "STATUS", "ASSESSMENTS"]
    headings += ["DELETED"] if args.trash else []
    rows = [
        [
            e.id[:8],
            client_names.get(e.client_id, "?"),
            e.title,
            e.status.value,
            str(assessments.get(e.id, 0)),
        ]
        + ([(e.deleted_at or "")[:10]] if args.trash else [])
        for e in engagements
    ]
    _print_table(headings, rows, right={4})
    return EXIT_OK


def _assessment_counts(ws: Workspace) -> dict[str, int]:
    """Assessments per engagement id, in one grouped query."""
    rows = ws.db.execute(
        f"SELECT engagement_id, count(*) FROM {ws.assessments.table} GROUP BY engagement_id"
    ).fetchall()
    return {str(engagement_id): int(count) for engagement_id, count in rows}


def _frameworks_dir(args: argparse.Namespace) -> Path:
    # Worked out without opening the workspace: listing frameworks must work before
    # any workspace exists.
    return frameworks_dir_for(_workspace_path(args))


def _cmd_frameworks(args: argparse.Namespace) -> int:
    if args.check:
        return _check_framework(Path(args.check), _frameworks_dir(args))
    catalog = FrameworkCatalog.load([_frameworks_dir(args)])
    for problem in catalog.problems:
        _warn(f"skipped {problem.message}")
    if args.json:
        _print_json([framework_to_dict(framework) for framework in catalog])
        return EXIT_OK
    if not len(catalog):
        print("No frameworks are loaded.")
        return EXIT_OK
    rows = [[fw.id, fw.kind, fw.name, fw.version, fw.source] for fw in catalog]
    _print_table(["ID", "KIND", "NAME", "VERSION", "SOURCE"], rows)
    return EXIT_OK


def _check_framework(path: Path, own_dir: Path) -> int:
    """``--check``: every problem in one file, or what it holds when it is valid."""
    try:
        framework = load_framework_file(path)
    except FrameworkError as exc:
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        return _fail(
            f"{path} is not a valid framework file ({_plural(len(exc.problems), 'problem')})"
        )
    print(f"{path}: valid ({framework.kind}, {_framework_size(framework)})")
    # A valid file can still be skipped at load time: the id may already be taken.
    catalog = FrameworkCatalog.load([own_dir])
    other = catalog.get(framework.id)
    if other is not None and not _is_loaded_from(other, path):
        where = "a built-in framework" if other.is_builtin else other.source
        _warn(f"the id {framework.id!r} is already used by {where}; this file would be skipped")
    return EXIT_OK


def _is_loaded_from(framework: Framework, path: Path) -> bool:
    """Whether the catalog's ``framework`` is the one in the file at ``path``."""
    if framework.is_builtin:
        # A built-in framework's source is "built-in"; its file is in the built-in folder.
        return path.resolve().parent == builtin_frameworks_dir().resolve()
    return Path(framework.source).resolve() == path.resolve()


def _framework_size(framework: Framework) -> str:
    """How much a framework holds, in the terms of its kind ("9 areas", "7 layers")."""
    if isinstance(framework, BuildingBlocksFramework):
        return _plural(len(framework.areas), "area")
    if isinstance(framework, LayersFramework):
        return _plural(len(framework.layers), "layer")
    parts = (
        framework.approaches,
        framework.social_kinds,
        framework.starting_areas,
        framework.platform_categories,
        framework.governance_checklist,
        framework.definitions,
    )
    return _plural(sum(len(part) for part in parts), "item")


# --------------------------------------------------------------------------- scores

#: How the table names the engine's flags.
_FLAG_WORDS: Final[Mapping[str, str]] = {
    FLAG_MISSING_BLOCK: "missing block",
    FLAG_NOT_ASSESSED: "not assessed",
    FLAG_BROKEN_FOUNDATION: "broken foundation",
    FLAG_FOUNDATION_UNKNOWN: "foundation unknown",
    FLAG_LARGE_GAP: "large gap",
    FLAG_NO_QUESTIONS: "no questions",
    FLAG_MISALIGNED: "business/IT misaligned",
    FLAG_HIGH_SPREAD: "high spread",
}
#: Shown where there is no value (no score, no target, no flag).
NO_VALUE: Final = "—"
#: Findings are wrapped to this width, so that they read well in a terminal or a file.
_TEXT_WIDTH: Final = 100


def _cmd_scores(args: argparse.Namespace) -> int:
    with _reading(args) as ws, transaction(ws.db):  # one consistent snapshot
        engagement = ws.engagements.resolve(args.engagement)
        assessment = _chosen_assessment(ws, engagement, args.assessment)
        client = ws.clients.get(engagement.client_id)
        responses = ws.responses.for_assessment(assessment.id)
        stakeholders = ws.stakeholders.for_engagement(engagement.id)
    framework = _assessment_framework(args, assessment)
    if framework.version != assessment.framework_version:
        _warn(
            f"the assessment was made with version {assessment.framework_version} of "
            f"{framework.id!r}; scored with the loaded version {framework.version}"
        )
    result = score_assessment(framework, assessment, responses, stakeholders)
    if args.json:
        _print_json(
            {
                "engagement": {
                    "id": engagement.id,
                    "title": engagement.title,
                    "client": client.name,
                },
                "assessment": {
                    "id": assessment.id,
                    "name": assessment.name,
                    "assessed_on": assessment.assessed_on,
                    "status": assessment.status.value,
                    "variant": assessment.variant.value,
                    "framework_id": assessment.framework_id,
                    "framework_version": assessment.framework_version,
                },
                **result.to_dict(),
            }
        )
        return EXIT_OK
    respondents = {r.respondent_id for r in responses if r.respondent_id is not None}
    consensus = sum(1 for r in responses if r.respondent_id is None)
    print(f"{client.name}: {engagement.title}")
    print(
        f"Assessment: {assessment.name} ({assessment.assessed_on or 'no date'}, "
        f"{assessment.status.label.lower()}; {assessment.variant.label})"
    )
    print(f"Framework: {framework.name} ({framework.id} {framework.version})")
    print(
        f"Answers: {len(responses)} ({consensus} by the consensus, "
        f"{len(responses) - consensus} by {_plural(len(respondents), 'stakeholder')})"
    )
    print()
    _print_blocks(framework, result)
    print()
    _print_index(result)
    print()
    _print_findings(framework, result)
    return EXIT_OK


def _chosen_assessment(ws: Workspace, engagement: Engagement, name: str | None) -> Assessment:
    """The named assessment, else the latest; a clear error when there is none."""
    if name is not None:
        return ws.assessments.named(engagement.id, name)
    latest = ws.assessments.latest(engagement.id)
    if latest is None:
        raise NotFoundError(
            f"{engagement.title!r} has no assessment yet; start one in the app "
            "(the building-block assessment wizard), then try again."
        )
    return latest


def _assessment_framework(
    args: argparse.Namespace, assessment: Assessment
) -> BuildingBlocksFramework:
    folder = _frameworks_dir(args)
    catalog = FrameworkCatalog.load([folder])
    found = catalog.get(assessment.framework_id)
    if isinstance(found, BuildingBlocksFramework):
        return found
    for problem in catalog.problems:
        _warn(f"skipped {problem.message}")
    loaded = ", ".join(repr(fw.id) for fw in catalog.of_kind(KIND_BUILDING_BLOCKS)) or "none"
    raise NotFoundError(
        f"the assessment {assessment.name!r} scores the framework "
        f"{assessment.framework_id!r} (version {assessment.framework_version}), which is not "
        f"loaded (loaded building-blocks frameworks: {loaded}); put its file in {folder} "
        "and try again"
    )


def _number(value: float | None) -> str:
    """One decimal, or the no-value mark; never "-0.0"."""
    if value is None:
        return NO_VALUE
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _block_flags(block: BlockScore, result: AssessmentResult) -> str:
    words = [_FLAG_WORDS.get(flag, flag.replace("_", " ")) for flag in result.all_flags(block)]
    return ", ".join(words) or NO_VALUE


def _print_blocks(framework: BuildingBlocksFramework, result: AssessmentResult) -> None:
    rows = []
    cross_cutting = False
    for block in result.blocks:
        area = framework.area(block.area_id)
        cross_cutting = cross_cutting or area.cross_cutting
        completeness = (
            f"{block.completeness:.0%} ({block.answered}/{block.applicable})"
            if block.total
            else NO_VALUE
        )
        rows.append(
            [
                area.name + (" *" if area.cross_cutting else ""),
                block.lens.label,
                _number(block.score),
                _number(block.target),
                _number(shown_gap(block.score, block.target)),
                completeness,
                _block_flags(block, result),
            ]
        )
    _print_table(
        ["BLOCK", "LENS", "SCORE", "TARGET", "GAP", "COMPLETE", "FLAGS"], rows, right={2, 3, 4, 5}
    )
    if cross_cutting:
        print("* cross-cutting: scored, but not part of the overall index")
    if any(block.not_assessed for block in result.blocks):
        # The engine gives such a block no score; say why its row has none.
        print(
            f"not assessed: under {result.thresholds.min_completeness:.0%} of the applicable "
            "questions answered: no score, target or gap, and not in the index"
        )


def _print_index(result: AssessmentResult) -> None:
    rows = [
        [
            "Overall index",
            index.lens.label,
            _number(index.score),
            f"{index.completeness:.0%} ({index.scored_blocks}/{index.core_blocks} blocks)",
        ]
        for index in result.index
    ]
    _print_table(["INDEX", "LENS", "SCORE", "COMPLETE"], rows, right={2, 3})


def _print_findings(framework: BuildingBlocksFramework, result: AssessmentResult) -> None:
    if not result.findings:
        print("No findings.")
        return
    print(f"FINDINGS ({len(result.findings)}, most severe first)")
    indent = "     "
    for number, finding in enumerate(result.findings, start=1):
        where = framework.area(finding.area_id).name if finding.area_id else "Overall"
        if finding.lens is not None:
            where += f", {finding.lens.label}"
        heading = f"{number:>2}. [{finding.severity}] {where}: {finding.title}"
        print(textwrap.fill(heading, _TEXT_WIDTH, subsequent_indent=indent))
        for label, text in (("Evidence", finding.evidence), ("Action", finding.suggested_action)):
            print(
                textwrap.fill(
                    f"{label}: {text}",
                    _TEXT_WIDTH,
                    initial_indent=indent,
                    subsequent_indent=indent,
                )
            )


def _cmd_export_json(args: argparse.Namespace) -> int:
    with _reading(args) as ws:
        engagement = ws.engagements.resolve(args.engagement)
        document = export_engagement(ws, engagement.id)
        left_out = records_left_out(ws, engagement.id)
    if left_out:
        listing = ", ".join(f"{table} ({count})" for table, count in sorted(left_out.items()))
        _warn(
            f"this version of the file format does not carry {listing} yet; "
            "they stay in the workspace only"
        )
    if args.out == "-":
        _write_stdout(dumps(document))
        return EXIT_OK
    write_document_file(document, Path(args.out))
    print(
        f"Exported {engagement.title!r} with "
        f"{_plural(len(document['stakeholders']), 'stakeholder')}, "
        f"{_plural(len(document['assessments']), 'assessment')} and "
        f"{_plural(len(document['responses']), 'answer')} to {args.out}."
    )
    return EXIT_OK


def _write_stdout(text: str) -> None:
    """Write ``text`` as UTF-8 whatever the console's encoding, as a file would hold it."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _cmd_import_json(args: argparse.Namespace) -> int:
    source = "standard input" if args.file == "-" else args.file
    try:
        # The file is checked before the workspace is opened: a bad file creates nothing.
        # Assessments are checked against the frameworks this workspace would load.
        document = load_document(
            _read_input(args.file), catalog=FrameworkCatalog.load([_frameworks_dir(args)])
        )
        with _writing(args) as ws:
            result = import_engagement(
                ws, document, on_conflict="copy" if args.as_copy else "refuse"
            )
            where = ws.path
            client_here = ws.clients.get(result.client_id).name
    except InvalidDocumentError as exc:
        return _fail(describe_problems(exc.problems, subject=source))
    except EngagementExistsError as exc:
        return _fail(f"{exc} (use --as-copy)")
    copy_note = " as a copy (it was already in the workspace)" if result.as_copy else ""
    print(f"Imported {result.title!r}{copy_note} into {where}.")
    print(f"  engagement id: {result.engagement_id}")
    if result.client_reused:
        print(f"  client: {client_here!r}, already in the workspace, left as it was")
        if client_here != document.client.name:
            print(f"  (the file's client details, {document.client.name!r}, were not applied)")
    else:
        print(f"  client: {document.client.name!r}, added")
    held = [_counted(result.counts[section.key], section.label) for section in SECTIONS]
    print("  with " + ", ".join(text for text in held if not text.startswith("0 ")))
    if result.in_trash:
        print("  The engagement was in the trash when it was exported, and is in the trash here.")
    return EXIT_OK


def _read_input(file: str) -> bytes:
    if file == "-":
        # One byte over the limit is enough to know the input is too large.
        return sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    return read_document_file(Path(file))


# --------------------------------------------------------------------------- report export

#: The report formats, as ``--format`` takes them (the same as the app's).
REPORT_FORMATS: Final = ("pdf", "docx", "xlsx")
#: Longest password file read; a password is one short line.
_PASSWORD_FILE_LIMIT: Final = 64 * 1024


def _cmd_export(args: argparse.Namespace) -> int:
    from scrm_desk.reports import ReportOptions, available_sections, export_report

    sections = available_sections()
    if args.list_sections:
        width = max(len(info.id) for info in sections)
        for info in sections:
            print(f"{info.id:<{width}}  {info.title}")
            print(
                textwrap.fill(
                    info.description,
                    _TEXT_WIDTH,
                    initial_indent=" " * (width + 2),
                    subsequent_indent=" " * (width + 2),
                )
            )
        return EXIT_OK
    missing = [
        name for name, value in (("ENGAGEMENT", args.engagement), ("--out", args.out)) if not value
    ]
    if missing:
        return _fail(
            f"the following arguments are required: {', '.join(missing)} "
            f"(see '{PROG} export --help')",
            EXIT_USAGE,
        )
    out = Path(args.out).expanduser()
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in REPORT_FORMATS:
        return _fail(
            f"say which format to write with --format {'|'.join(REPORT_FORMATS)} "
            f"(the extension of {out.name!r} does not tell)",
            EXIT_USAGE,
        )
    chosen: tuple[str, ...] | None = None
    if args.sections is not None:
        chosen = tuple(dict.fromkeys(p.strip() for p in args.sections.split(",") if p.strip()))
        known = [info.id for info in sections]
        unknown = [section for section in chosen if section not in known]
        if not chosen or unknown:
            what = f"unknown section {unknown[0]!r}" if unknown else "no section named"
            return _fail(f"--sections: {what}; the sections are: {', '.join(known)}", EXIT_USAGE)
    password = _password_from(args.password_file, "--password-file")
    owner = _password_from(args.owner_password_file, "--owner-password-file")
    if owner is not None and password is None:
        return _fail("--owner-password-file needs --password-file as well", EXIT_USAGE)
    if owner is not None and owner == password:
        return _fail(
            "--owner-password-file: the owner password must differ from the password that "
            "opens the document"
        )
    if password is not None and fmt != "pdf":
        _warn(f"a password protects PDF files only; the {fmt.upper()} file is not encrypted")
        password = owner = None
    with _reading(args) as ws:
        engagement = ws.engagements.resolve(args.engagement)
        assessment_id = None
        if args.assessment is not None:
            assessment_id = ws.assessments.named(engagement.id, args.assessment).id
        options = ReportOptions(
            sections=chosen,
            assessment_id=assessment_id,
            password=password,
            owner_password=owner,
        )
        result = export_report(ws, engagement.id, fmt, out, options)
    for warning in result.warnings:
        _warn(warning)
    pages = f"{_plural(result.pages, 'page')}, " if result.pages is not None else ""
    protected = ", encrypted (AES-256)" if result.encrypted else ""
    print(
        f"Wrote {result.path} ({fmt.upper()}: {pages}{_size_text(result.size)}{protected}) "
        f"in {result.seconds:.1f} s."
    )
    if chosen is not None and len(result.sections) < len(chosen):
        left_out = [s for s in chosen if s not in result.sections]
        _warn(f"no data for {', '.join(left_out)}: left out of the report")
    return EXIT_OK


def _password_from(file: str | None, option: str) -> str | None:
    """The password on the first line of ``file`` (``None`` without a file)."""
    if file is None:
        return None
    path = Path(file).expanduser()
    if path.is_dir():
        raise ScrmError(f"{option}: {file} is a folder, not a file with a password")
    try:
        with path.open("rb") as handle:
            data = handle.read(_PASSWORD_FILE_LIMIT + 1)
    except OSError as exc:
        raise ScrmError(f"{option}: cannot read {file}: {exc.strerror or exc}") from None
    if len(data) > _PASSWORD_FILE_LIMIT:
        raise ScrmError(f"{option}: {file} is too large to hold a password")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScrmError(f"{option}: {file} is not a UTF-8 text file") from None
    lines = text.splitlines()
    password = lines[0].strip() if lines else ""
    if not password:
        raise ScrmError(f"{option}: the first line of {file} is empty; put the password there")
    return password


def _cmd_info(args: argparse.Namespace) -> int:
    path = _workspace_path(args)
    frameworks_dir = _frameworks_dir(args)
    lines = [("SCRM Desk", __version__), ("Workspace", str(path))]
    if not path.exists():
        lines.append(("Status", "no workspace there yet; the app or 'demo' creates it"))
    else:
        with _reading(args) as ws:
            engagements, trashed = len(ws.engagements.active()), len(ws.engagements.trashed())
            lines += [
                (
                    "Schema version",
                    f"{ws.schema_version} (this version writes {LATEST_SCHEMA_VERSION})",
                ),
                ("File size", _file_size_text(path)),
                ("Clients", str(ws.clients.count())),
                ("Engagements", f"{engagements} open, {trashed} in the trash"),
                ("Stakeholders", str(ws.stakeholders.count())),
                ("Assessments", str(ws.assessments.count())),
            ]
    state = "" if frameworks_dir.is_dir() else " (no such folder)"
    lines.append(("Own frameworks", f"{frameworks_dir}{state}"))
    width = max(len(label) for label, _ in lines) + 1
    for label, value in lines:
        print(f"{label + ':':<{width}} {value}")
    return EXIT_OK


def _counted(count: int, noun: str) -> str:
    """``1 stakeholder``, ``2 canvas entries``, ``1,611 responses``."""
    if count == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
    return f"{count:,} {plural}"


def _file_size_text(path: Path) -> str:
    """The workspace file's size, and what still waits in its write-ahead log."""
    text = _size_text(path.stat().st_size)
    wal = path.with_name(path.name + "-wal")
    pending = wal.stat().st_size if wal.exists() else 0
    if pending:
        text += f" (and {_size_text(pending)} in {wal.name}, written back when the app closes)"
    return text


def _size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


_COMMAND_TABLE: Final[
    tuple[tuple[str, Callable[[argparse.ArgumentParser], None], Handler], ...]
] = (
    ("demo", _no_options, _cmd_demo),
    ("list", _list_options, _cmd_list),
    ("frameworks", _frameworks_options, _cmd_frameworks),
    ("scores", _scores_options, _cmd_scores),
    ("export-json", _export_options, _cmd_export_json),
    ("import-json", _import_options, _cmd_import_json),
    ("export", _report_options, _cmd_export),
    ("info", _no_options, _cmd_info),
)
