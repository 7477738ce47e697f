"""Workspace-wide settings (branding and the like), kept as JSON values by key."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from scrm_desk.changes import Changes
from scrm_desk.clock import utc_now
from scrm_desk.repositories.base import transaction


class SettingsRepository:
    kind = "setting"

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.execute(
            "SELECT value FROM workspace_settings WHERE key = ?", [key]
        ).fetchone()
        return default if row is None else json.loads(row[0])

    def set(self, key: str, value: Any) -> Changes:
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO workspace_settings (key, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at",
                [key, json.dumps(value), utc_now()],
            )
        return Changes.of(self.kind, key)
