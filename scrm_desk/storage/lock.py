"""One app window per workspace, with an OS lock that a crash releases by itself.

The lock is an advisory ``flock`` (``msvcrt.locking`` on Windows) on ``<workspace>.lock``.
The operating system drops it when the process dies, so a lock left by a crash is
never stale. Command-line reads do not take it.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path
from typing import IO

from scrm_desk.clock import utc_now
from scrm_desk.errors import WorkspaceLockedError


def lock_path_for(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _describe_holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f" (process {info['pid']} on {info['host']}, since {info['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


class WorkspaceLock:
    """Held by the app for as long as it has a workspace open."""

    def __init__(self, workspace: Path) -> None:
        self.path = lock_path_for(workspace)
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        if not _try_lock(handle):
            handle.close()
            raise WorkspaceLockedError(
                "This workspace is already open in another SCRM Desk window"
                f"{_describe_holder(self.path)}. Switch to that window, or close it and "
                "try again."
            )
        handle.seek(0)
        handle.truncate()
        handle.write(
            json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": utc_now()})
        )
        handle.flush()
        self._handle = handle

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        try:
            handle.seek(0)
            handle.truncate()
        finally:
            handle.close()  # closing the descriptor releases the OS lock
