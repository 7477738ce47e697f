"""What the app remembers between runs, in ``QSettings`` (never in the workspace)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT_WORKSPACES = 8

_RECENT = "workspaces/recent"
_DEMO_OFFERED = "first_launch/demo_offered"
_DEMO_ACCEPTED = "first_launch/demo_accepted"
_GEOMETRY = "main_window/geometry"
_STATE = "main_window/state"
_SPLITTER = "main_window/splitter"


class AppSettings:
    """Typed access to the keys SCRM Desk keeps; tests hand in a ``QSettings`` on a
    temporary INI file so that they never touch the user's own settings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings if settings is not None else QSettings()

    # -- recent workspaces ----------------------------------------------------------------
    def recent_workspaces(self) -> list[Path]:
        value = self.qsettings.value(_RECENT, [])
        if isinstance(value, str):  # an INI file returns a one-item list as a string
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(item) for item in value if item]

    def add_recent_workspace(self, path: Path) -> None:
        path = Path(path).resolve()
        recent = [p for p in self.recent_workspaces() if p != path]
        self._set_recent([path, *recent][:MAX_RECENT_WORKSPACES])

    def clear_recent_workspaces(self) -> None:
        self._set_recent([])

    def _set_recent(self, paths: list[Path]) -> None:
        self.qsettings.setValue(_RECENT, [str(p) for p in paths])

    # -- first launch ---------------------------------------------------------------------
    def demo_offer_answered(self) -> bool:
        return bool(self.qsettings.value(_DEMO_OFFERED, False, type=bool))

    def remember_demo_answer(self, accepted: bool) -> None:
        self.qsettings.setValue(_DEMO_OFFERED, True)
        self.qsettings.setValue(_DEMO_ACCEPTED, accepted)

    # -- the main window ------------------------------------------------------------------
    def window_state(self) -> tuple[QByteArray | None, QByteArray | None, QByteArray | None]:
        """Saved geometry, dock/toolbar state and splitter state (``None`` if never saved)."""
        return (
            self.qsettings.value(_GEOMETRY),
            self.qsettings.value(_STATE),
            self.qsettings.value(_SPLITTER),
        )

    def save_window_state(
        self, geometry: QByteArray, state: QByteArray, splitter: QByteArray | None
    ) -> None:
        self.qsettings.setValue(_GEOMETRY, geometry)
        self.qsettings.setValue(_STATE, state)
        if splitter is not None:
            self.qsettings.setValue(_SPLITTER, splitter)

    def sync(self) -> None:
        self.qsettings.sync()
