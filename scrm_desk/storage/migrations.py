"""The workspace schema, as an ordered list of migrations.

A released migration is never edited: change the schema by adding ``mNNN_...``.
The schema version a user sees is the number of migrations applied.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database, Migrations

from scrm_desk.errors import SchemaTooNewError, WorkspaceError
from scrm_desk.storage.connection import enable_wal

MIGRATION_SET = "scrm_desk"
migrations = Migrations(MIGRATION_SET)
_KNOWN: list[str] = []


def _migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    _KNOWN.append(fn.__name__)
    return migrations()(fn)


def _run(db: Database, *statements: str) -> None:
    # One execute per statement: executescript() would commit the migration's transaction.
    for statement in statements:
        db.execute(statement)


@_migration
def m001_initial(db: Database) -> None:
    _run(
        db,
        """CREATE TABLE clients (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            industry TEXT NOT NULL DEFAULT '',
            size TEXT NOT NULL DEFAULT '',
            region TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE engagements (
            id TEXT PRIMARY KEY,
            client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
            title TEXT NOT NULL,
            consultant TEXT NOT NULL DEFAULT '',
            start_date TEXT,
            end_date TEXT,
            status TEXT NOT NULL
                CHECK (status IN ('planned', 'active', 'delivered', 'archived')),
            scope_notes TEXT NOT NULL DEFAULT '',
            variant TEXT NOT NULL CHECK (variant IN ('classic', 'social', 'both')),
            deleted_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE stakeholders (
            id TEXT PRIMARY KEY,
            engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            stakeholder_group TEXT NOT NULL CHECK (stakeholder_group IN
                ('executive', 'business', 'it', 'front_line', 'partner')),
            email TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    )


@_migration
def m002_indexes_and_settings(db: Database) -> None:
    _run(
        db,
        "CREATE INDEX idx_engagements_client ON engagements(client_id)",
        "CREATE INDEX idx_stakeholders_engagement ON stakeholders(engagement_id, name)",
        """CREATE TABLE workspace_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    )


@_migration
def m003_assessments(db: Database) -> None:
    _run(
        db,
        """CREATE TABLE assessments (
            id TEXT PRIMARY KEY,
            engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            assessed_on TEXT,
            variant TEXT NOT NULL CHECK (variant IN ('classic', 'social', 'both')),
            framework_id TEXT NOT NULL,
            framework_version TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('in_progress', 'complete')),
            notes TEXT NOT NULL DEFAULT '',
            resume TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_assessments_engagement ON assessments(engagement_id, assessed_on)",
        """CREATE TABLE responses (
            id TEXT PRIMARY KEY,
            assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            lens TEXT NOT NULL CHECK (lens IN ('classic', 'social')),
            respondent_id TEXT REFERENCES stakeholders(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('level', 'not_applicable', 'dont_know')),
            current_level INTEGER CHECK (current_level BETWEEN 1 AND 5),
            target_level INTEGER CHECK (target_level BETWEEN 1 AND 5),
            confidence TEXT CHECK (confidence IN ('low', 'medium', 'high')),
            evidence TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        # One answer per respondent, question and lens; NULL (the consensus) counts as one.
        """CREATE UNIQUE INDEX idx_responses_answer ON responses
            (assessment_id, question_id, lens, coalesce(respondent_id, ''))""",
        "CREATE INDEX idx_responses_respondent ON responses(respondent_id)",
    )


@_migration
def m004_planning(db: Database) -> None:
    """The seven-layer canvas, checklists, posture, initiatives, starting points,
    platforms and the roadmap: everything hangs off an engagement and goes with it.

    JSON columns (posture answers, roadmap links) are checked by the repositories: a
    CHECK calling json_valid() is refused on a connection with trusted_schema=OFF.
    """
    _run(
        db,
        # One row per engagement, layer and process ('' for the layer itself).
        """CREATE TABLE canvas_states (
            id TEXT PRIMARY KEY,
            engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            layer_id TEXT NOT NULL,
            process_id TEXT NOT NULL DEFAULT '',
            maturity INTEGER CHECK (maturity BETWEEN 1 AND 5),
            current_state TEXT NOT NULL DEFAULT '',
            target_state TEXT NOT NULL DEFAULT '',
            pain_points TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            initiatives TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE UNIQUE INDEX idx_canvas_states_cell
            ON canvas_states(engagement_id, layer_id, process_id)""",
        """CREATE TABLE checklist_entries (
            id TEXT PRIMARY KEY,
            engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            checklist TEXT NOT NULL CHECK (checklist IN ('gate', 'governance')),
            layer_id TEXT NOT NULL DEFAULT '',
            item_id TEXT NOT NULL,
            checked INTEGER NOT NULL CHECK (checked IN (0, 1)),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE UNIQUE INDEX idx_checklist_entries_item
            ON checklist_entries(engagement_id, checklist, layer_id, item_id)""",
        """CREATE TABLE postures (
            id TEXT PRIMARY KEY,
            engagement_id TEXT NOT NULL UNIQUE
                REFERENCES engagements(id) ON DELETE CASCADE,
            answers TEXT NOT NULL DEFAULT '{}',
            computed_approach TEXT,
            override_approach TEXT,
            override_note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE social_initiatives (
            id TEXT PRIMARY KEY,
            engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('current', 'planned')),
            owner TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE INDEX idx_social_initiatives_engagement
            ON social_initiatives(engagement_id, created_at)""",
        """CREATE TABLE starting_points (
            id TEXT PRIMARY KEY,
            engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            area_id TEXT NOT NULL,
            pain INTEGER CHECK (pain BETWEEN 1 AND 5),
            value INTEGER CHECK (value BETWEEN 1 AND 5),
            chosen INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1)),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE UNIQUE INDEX idx_starting_points_area
            ON starting_points(engagement_id, area_id)""",
        """CREATE TABLE platforms (
            id TEXT PRIMARY KEY,
            engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            category_id TEXT NOT NULL,
            geography TEXT NOT NULL DEFAULT '',
            purpose TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            objective TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('using', 'planned')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_platforms_engagement ON platforms(engagement_id, name)",
        """CREATE TABLE roadmap_items (
            id TEXT PRIMARY KEY,
            engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            block_ids TEXT NOT NULL DEFAULT '[]',
            layer_ids TEXT NOT NULL DEFAULT '[]',
            area_ids TEXT NOT NULL DEFAULT '[]',
            impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
            effort INTEGER NOT NULL CHECK (effort BETWEEN 1 AND 5),
            owner TEXT NOT NULL DEFAULT '',
            phase TEXT NOT NULL CHECK (phase IN ('quick_win', 'next', 'later')),
            start_date TEXT,
            end_date TEXT,
            status TEXT NOT NULL
                CHECK (status IN ('proposed', 'planned', 'in_progress', 'done')),
            position INTEGER NOT NULL CHECK (position >= 1),
            origin TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
        )""",
        "CREATE INDEX idx_roadmap_items_order ON roadmap_items(engagement_id, position)",
        # An accepted suggestion is on the roadmap once.
        """CREATE UNIQUE INDEX idx_roadmap_items_origin
            ON roadmap_items(engagement_id, origin) WHERE origin != ''""",
        """CREATE TABLE dismissed_suggestions (
            id TEXT PRIMARY KEY,
            engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE UNIQUE INDEX idx_dismissed_suggestions_key
            ON dismissed_suggestions(engagement_id, key)""",
    )


LATEST_SCHEMA_VERSION = len(_KNOWN)


def applied_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def schema_version(db: Database) -> int:
    return len(applied_migrations(db))


def _user_tables(db: Database) -> list[str]:
    return [name for name in db.table_names() if not name.startswith("_sqlite")]


def check_compatible(db: Database, path: Path) -> None:
    """Refuse a database this version cannot safely read or upgrade."""
    applied = applied_migrations(db)
    unknown = [name for name in applied if name not in _KNOWN]
    if unknown:
        raise SchemaTooNewError(
            f"{path} was written by a newer SCRM Desk (schema {len(applied)}; this version "
            f"knows schema {LATEST_SCHEMA_VERSION}). Update SCRM Desk to open it; the file "
            "was not changed."
        )
    if not applied and _user_tables(db):
        raise WorkspaceError(
            f"{path} is a SQLite database but not an SCRM Desk workspace. Choose another "
            "file; this one was not changed."
        )


def _backup_before_upgrade(db: Database, path: Path, version: int) -> Path:
    """Copy the workspace aside before changing its schema, through SQLite's backup API."""
    target = path.with_name(f"{path.name}.schema-{version}.bak")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    with target.open("rb") as handle:
        os.fsync(handle.fileno())
    return target


def upgrade(db: Database, path: Path) -> Path | None:
    """Apply pending migrations; return the backup made first, if there was data to keep."""
    check_compatible(db, path)
    enable_wal(db, path)
    pending = migrations.pending(db)
    if not pending:
        return None
    current = schema_version(db)
    backup = _backup_before_upgrade(db, path, current) if current > 0 else None
    try:
        # All pending steps in one transaction (each becomes a savepoint): an upgrade
        # either completes or leaves the file exactly as it was.
        with db.atomic():
            migrations.apply(db)
    except sqlite3.Error as exc:
        raise WorkspaceError(
            f"Could not upgrade {path} from schema {current} to {LATEST_SCHEMA_VERSION} "
            f"({exc}). Nothing was changed"
            + (f"; a copy taken before is at {backup}." if backup else ".")
        ) from exc
    db.execute(f"PRAGMA user_version = {LATEST_SCHEMA_VERSION}")
    return backup
