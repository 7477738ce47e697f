"""The workspace: one SQLite file holding a consultant's clients and engagements."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from sqlite_utils import Database

from scrm_desk.errors import WorkspaceError
from scrm_desk.paths import frameworks_dir_for
from scrm_desk.repositories.assessments import AssessmentRepository
from scrm_desk.repositories.canvas import CanvasRepository
from scrm_desk.repositories.checklists import ChecklistRepository
from scrm_desk.repositories.clients import ClientRepository
from scrm_desk.repositories.engagements import EngagementRepository
from scrm_desk.repositories.platforms import PlatformRepository
from scrm_desk.repositories.posture import PostureRepository
from scrm_desk.repositories.responses import ResponseRepository
from scrm_desk.repositories.roadmap import DismissedSuggestionRepository, RoadmapRepository
from scrm_desk.repositories.settings import SettingsRepository
from scrm_desk.repositories.social_initiatives import SocialInitiativeRepository
from scrm_desk.repositories.stakeholders import StakeholderRepository
from scrm_desk.repositories.starting_points import StartingPointRepository
from scrm_desk.storage import migrations
from scrm_desk.storage.connection import open_database
from scrm_desk.storage.lock import WorkspaceLock

if TYPE_CHECKING:
    from scrm_desk.frameworks import FrameworkCatalog

#: Pages after which SQLite copies the write-ahead log back into the workspace file.
WAL_AUTOCHECKPOINT_PAGES = 100


class Workspace:
    """Owns the database connection and hands out one repository per kind of record.

    Open it with :meth:`open`; the app passes ``lock=True`` so that a second window on
    the same file is refused, while command-line reads open it without the lock.
    A connection belongs to the thread that opened it: workers open their own.
    """

    def __init__(self, db: Database, path: Path, lock: WorkspaceLock | None = None) -> None:
        self.db = db
        self.path = path
        self._lock = lock
        self.upgrade_backup: Path | None = None
        self._frameworks: FrameworkCatalog | None = None
        self.clients = ClientRepository(db)
        self.engagements = EngagementRepository(db)
        self.stakeholders = StakeholderRepository(db)
        self.settings = SettingsRepository(db)
        self.assessments = AssessmentRepository(db)
        self.responses = ResponseRepository(db)
        # Planning: the seven-layer canvas, posture, starting points, platforms, roadmap.
        self.canvas = CanvasRepository(db)
        self.checklists = ChecklistRepository(db)
        self.posture = PostureRepository(db)
        self.social_initiatives = SocialInitiativeRepository(db)
        self.starting_points = StartingPointRepository(db)
        self.platforms = PlatformRepository(db)
        self.roadmap = RoadmapRepository(db)
        self.dismissed_suggestions = DismissedSuggestionRepository(db)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        lock: bool = False,
        read_only: bool = False,
    ) -> Workspace:
        """Open or create the workspace at ``path`` and bring its schema up to date.

        ``read_only`` opens an existing file for reading only and never migrates it.
        """
        path = Path(path)
        holder: WorkspaceLock | None = None
        if lock:
            holder = WorkspaceLock(path)
            holder.acquire()
        try:
            db = open_database(path, read_only=read_only)
            try:
                if read_only:
                    migrations.check_compatible(db, path)
                    if migrations.schema_version(db) == 0:
                        raise WorkspaceError(
                            f"{path} holds no SCRM Desk data yet. If it was copied while "
                            "SCRM Desk had it open, copy the file ending in '-wal' beside "
                            "it too, or close SCRM Desk and copy it again."
                        )
                    if migrations.migrations.pending(db):
                        raise WorkspaceError(
                            f"{path} uses an older schema; open it once in SCRM Desk to "
                            "upgrade it, then try again."
                        )
                    backup = None
                else:
                    backup = migrations.upgrade(db, path)
            except BaseException:
                db.close()
                raise
        except BaseException:
            if holder is not None:
                holder.release()
            raise
        if not read_only:
            # Fold the log back into the file after ~400 KB rather than SQLite's 4 MB,
            # so the workspace file itself stays close to current.
            db.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        workspace = cls(db, path, holder)
        workspace.upgrade_backup = backup
        return workspace

    def frameworks(self) -> FrameworkCatalog:
        """The built-in frameworks and the workspace's own, loaded once (broken files are
        skipped and listed in ``problems``); :meth:`reload_frameworks` reads them again."""
        if self._frameworks is None:
            from scrm_desk.frameworks import FrameworkCatalog

            self._frameworks = FrameworkCatalog.load([self.frameworks_dir])
        return self._frameworks

    def reload_frameworks(self) -> FrameworkCatalog:
        self._frameworks = None
        return self.frameworks()

    def checkpoint(self) -> None:
        """Copy committed changes from the write-ahead log into the workspace file.

        Until then they live in ``<workspace>-wal`` beside it: safe, but a copy of the
        workspace file alone would miss them. PASSIVE never waits for readers.
        """
        # Busy or read-only: the next checkpoint, or closing, catches up.
        with contextlib.suppress(sqlite3.OperationalError):
            self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    @property
    def schema_version(self) -> int:
        return migrations.schema_version(self.db)

    @property
    def frameworks_dir(self) -> Path:
        """Where a consultant drops framework files of their own for this workspace."""
        return frameworks_dir_for(self.path)

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
