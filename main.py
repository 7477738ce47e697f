"""SCRM Desk's entry point, for ``python main.py`` and the ``scrm-desk`` console script.

With a command (``scrm-desk list``) or ``--help``/``--version`` it runs the command line,
which never loads Qt, so it works on a server or over SSH. With nothing but an optional
``--workspace PATH`` it opens the desktop app on that workspace.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

WORKSPACE_OPTION = "--workspace"


def main(argv: Sequence[str] | None = None) -> int:
    """Run what ``argv`` (the arguments after the program name) asks for; the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    workspace, rest = split_workspace_option(args)
    if rest or workspace is _MISSING_VALUE:
        # Anything beyond --workspace is for the command line, mistakes included, so a
        # mistyped command is reported instead of silently opening the app.
        from scrm_desk.cli import run

        return run(args)
    return _run_app(Path(workspace).expanduser() if isinstance(workspace, str) else None)


class _Missing:
    """``--workspace`` given as the last argument, without its value."""


_MISSING_VALUE = _Missing()


def split_workspace_option(args: Sequence[str]) -> tuple[str | _Missing | None, list[str]]:
    """The value of a leading ``--workspace PATH`` (or ``--workspace=PATH``), and the rest."""
    if not args:
        return None, []
    first = args[0]
    if first.startswith(WORKSPACE_OPTION + "="):
        return first.partition("=")[2], list(args[1:])
    if first == WORKSPACE_OPTION:
        if len(args) < 2:
            return _MISSING_VALUE, []
        return args[1], list(args[2:])
    return None, list(args)


def _run_app(workspace: Path | None) -> int:
    try:
        # Imported only here: the command line must not pay for (or need) Qt.
        from ui.app import run_gui
    except ImportError as exc:
        print(
            f"scrm-desk: error: the desktop app cannot start ({exc}). The commands still "
            "work without it: see 'scrm-desk --help'.",
            file=sys.stderr,
        )
        return 1
    return run_gui(workspace)


if __name__ == "__main__":
    sys.exit(main())
