"""Where SCRM Desk keeps things: the default workspace and the bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "scrm-desk"
WORKSPACE_ENV = "SCRM_DESK_WORKSPACE"
WORKSPACE_FILENAME = "workspace.scrm.sqlite"


def default_workspace_path() -> Path:
    """The workspace used when neither ``--workspace`` nor the environment names one."""
    from platformdirs import user_data_path  # imported here: only needed once at start-up

    return user_data_path(APP_NAME, appauthor=False) / WORKSPACE_FILENAME


def resolve_workspace_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--workspace`` wins, then ``$SCRM_DESK_WORKSPACE``, then the per-user default."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(WORKSPACE_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_workspace_path()


def frameworks_dir_for(workspace: Path) -> Path:
    """Where a consultant drops framework files of their own for this workspace."""
    return workspace.parent / "frameworks"


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the code in a checkout; installed from a wheel,
    inside the package as ``scrm_desk/resources`` (see pyproject's package-dir)."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "resources"
    return checkout if checkout.is_dir() else here / "resources"
