"""The installed package holds every module and the resources, as a checkout does."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_of_the_source_tree_is_listed_for_installation() -> None:
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["packages"]
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("scrm_desk", "ui")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert set(listed) == found | {"scrm_desk.resources"}
