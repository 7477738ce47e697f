"""Shared test set-up. Qt must be told to draw offscreen before it is first imported:
with no display and no platform set, Qt aborts the whole test process."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("MPLBACKEND", "Agg")

from pathlib import Path

import pytest


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.scrm.sqlite"


@pytest.fixture
def workspace(workspace_path: Path):
    from scrm_desk.workspace import Workspace

    ws = Workspace.open(workspace_path)
    yield ws
    ws.close()


@pytest.fixture(autouse=True)
def _isolated_workspace_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the user's real workspace or settings."""
    monkeypatch.setenv("SCRM_DESK_WORKSPACE", str(tmp_path / "env-workspace.scrm.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
