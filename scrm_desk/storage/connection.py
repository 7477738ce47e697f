"""Opening a workspace file safely: the checks before, the pragmas after."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from sqlite_utils import Database

from scrm_desk.errors import WorkspaceError

SQLITE_HEADER = b"SQLite format 3\x00"


def _check_existing_file(path: Path) -> None:
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a workspace file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise WorkspaceError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if header and header != SQLITE_HEADER:
        raise WorkspaceError(
            f"{path} is not an SCRM Desk workspace (it is not a SQLite database). "
            "Choose another file, or a new file name to start an empty workspace."
        )


def is_marked_read_only(path: Path) -> bool:
    """True when nobody may write the file, by its permission bits (root included)."""
    return not (path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def open_database(path: Path, *, read_only: bool = False) -> Database:
    """Open (or create) ``path`` with the settings every connection must have.

    ``synchronous=FULL`` (with WAL, see :func:`enable_wal`) survives a power cut;
    ``secure_delete`` overwrites deleted client data instead of leaving it in free pages.
    """
    path = Path(path)
    exists = path.exists()
    if exists:
        _check_existing_file(path)
    # SQLite creates these beside a WAL database as soon as it looks at it; a file that
    # turns out to be damaged must be left exactly as it was found, without them.
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    new_companions = [companion for companion in companions if not companion.exists()]
    if read_only:
        if not exists:
            raise WorkspaceError(f"There is no workspace at {path}.")
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    else:
        if exists and (is_marked_read_only(path) or not os.access(path, os.W_OK)):
            raise WorkspaceError(
                f"The workspace {path} is read-only. Make the file writable (or copy it to a "
                "folder you can write to) and open it again; nothing was changed."
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path))
        except OSError as exc:
            reason = (exc.strerror or str(exc)).rstrip(".").lower()
            where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(path) else ""
            raise WorkspaceError(
                f"Cannot create a workspace at {path}: {reason}{where}. Choose a folder you "
                "can write to."
            ) from exc
        except sqlite3.Error as exc:
            raise WorkspaceError(
                f"Cannot create a workspace at {path}: {exc}. Check that the folder exists "
                "and that you can write to it."
            ) from exc
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        # Reading the schema is what fails on a damaged file; do it now, not mid-edit.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        _remove_empty(new_companions)
        raise WorkspaceError(
            f"{path} cannot be opened as a workspace ({exc}). It may be damaged or not a "
            "SCRM Desk file; nothing was changed."
        ) from exc
    except WorkspaceError:
        conn.close()
        raise
    return Database(conn, execute_plugins=False)


def _remove_empty(paths: list[Path]) -> None:
    """Remove the companion files SQLite just created. A reader's new ``-wal`` is empty
    (one with frames would be somebody's data and stays); ``-shm`` is only an index."""
    for companion in paths:
        try:
            if companion.name.endswith("-shm") or companion.stat().st_size == 0:
                companion.unlink()
        except OSError:
            pass


def enable_wal(db: Database, path: Path) -> None:
    """Switch to write-ahead logging; called only once the file is known to be ours,
    because the switch rewrites the file header."""
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise WorkspaceError(f"Cannot switch {path} to write-ahead logging ({mode}).")
