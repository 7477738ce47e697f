"""The frameworks SCRM Desk knows: the built-in files plus a consultant's own.

Nothing is cached at module level: whoever needs frameworks loads a
:class:`FrameworkCatalog` once and holds on to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from scrm_desk.frameworks.loader import FrameworkError, load_framework_file
from scrm_desk.frameworks.model import (
    BUILTIN_SOURCE,
    KIND_BUILDING_BLOCKS,
    KIND_LAYERS,
    KIND_REFERENCE,
    BuildingBlocksFramework,
    Framework,
    LayersFramework,
    ReferenceFramework,
)
from scrm_desk.paths import resources_dir

_F = TypeVar("_F", BuildingBlocksFramework, LayersFramework, ReferenceFramework)


def builtin_frameworks_dir() -> Path:
    """``resources/frameworks``: beside the code in a checkout, packaged in a wheel."""
    return resources_dir() / "frameworks"


@dataclasses.dataclass(frozen=True, slots=True)
class LoadProblem:
    """A framework file that was skipped, and why (a message fit for the consultant)."""

    path: Path
    message: str

    def __str__(self) -> str:
        return self.message


def _toml_files(folder: Path) -> list[Path]:
    return sorted(
        (p for p in folder.iterdir() if p.suffix.lower() == ".toml" and not p.name.startswith(".")),
        key=lambda p: p.name.lower(),
    )


class FrameworkCatalog:
    """Loaded frameworks in load order, and the files that could not be loaded."""

    __slots__ = ("_by_id", "frameworks", "problems")

    def __init__(
        self, frameworks: Sequence[Framework] = (), problems: Sequence[LoadProblem] = ()
    ) -> None:
        self.frameworks: tuple[Framework, ...] = tuple(frameworks)
        self.problems: tuple[LoadProblem, ...] = tuple(problems)
        self._by_id = {fw.id: fw for fw in self.frameworks}
        if len(self._by_id) != len(self.frameworks):
            raise ValueError("framework ids in a catalog must be unique")

    @classmethod
    def load(
        cls, extra_dirs: Sequence[Path] = (), *, builtin_dir: Path | None = None
    ) -> FrameworkCatalog:
        """Load the built-in frameworks, then every ``*.toml`` in each of ``extra_dirs``.

        A file that cannot be loaded, or whose id is already taken, is skipped and
        reported in :attr:`problems`; loading never fails. An extra folder that does
        not exist is ignored (a workspace need not have one).
        """
        frameworks: list[Framework] = []
        problems: list[LoadProblem] = []
        seen: dict[str, Framework] = {}

        def add(path: Path, source: str) -> None:
            try:
                framework = load_framework_file(path, source=source)
            except FrameworkError as exc:
                problems.append(LoadProblem(path, str(exc)))
                return
            other = seen.get(framework.id)
            if other is not None:
                where = "a built-in framework" if other.is_builtin else other.source
                problems.append(
                    LoadProblem(
                        path,
                        f"{path.name}: id {framework.id!r} is already used by {where} "
                        f"({other.name!r}); give this framework another id to load it",
                    )
                )
                return
            seen[framework.id] = framework
            frameworks.append(framework)

        folder = builtin_dir if builtin_dir is not None else builtin_frameworks_dir()
        if folder.is_dir():
            for path in _toml_files(folder):
                add(path, BUILTIN_SOURCE)
        else:
            problems.append(LoadProblem(folder, f"built-in frameworks folder not found: {folder}"))

        for extra in extra_dirs:
            extra = Path(extra)
            if not extra.exists():
                continue
            if not extra.is_dir():
                problems.append(LoadProblem(extra, f"{extra}: is not a folder"))
                continue
            try:
                paths = _toml_files(extra)
            except OSError as exc:
                problems.append(
                    LoadProblem(extra, f"{extra}: cannot list the folder: {exc.strerror or exc}")
                )
                continue
            for path in paths:
                add(path, str(path))
        return cls(frameworks, problems)

    # -- access -----------------------------------------------------------------

    def __iter__(self) -> Iterator[Framework]:
        return iter(self.frameworks)

    def __len__(self) -> int:
        return len(self.frameworks)

    def __contains__(self, framework_id: object) -> bool:
        return framework_id in self._by_id

    def get(self, framework_id: str) -> Framework | None:
        return self._by_id.get(framework_id)

    def of_kind(self, kind: str) -> tuple[Framework, ...]:
        return tuple(fw for fw in self.frameworks if fw.kind == kind)

    def _pick(self, cls: type[_F], kind: str, framework_id: str | None) -> _F:
        if framework_id is not None:
            found = self._by_id.get(framework_id)
            if not isinstance(found, cls):
                raise LookupError(f"no {kind} framework with id {framework_id!r}")
            return found
        for fw in self.frameworks:
            if isinstance(fw, cls):
                return fw
        raise LookupError(f"no {kind} framework is loaded")

    def building_blocks(self, framework_id: str | None = None) -> BuildingBlocksFramework:
        """The given building-blocks framework, or the default (the first loaded)."""
        return self._pick(BuildingBlocksFramework, KIND_BUILDING_BLOCKS, framework_id)

    def layers(self, framework_id: str | None = None) -> LayersFramework:
        """The given layers framework, or the default (the first loaded)."""
        return self._pick(LayersFramework, KIND_LAYERS, framework_id)

    def reference(self, framework_id: str | None = None) -> ReferenceFramework:
        """The given reference framework, or the default (the first loaded)."""
        return self._pick(ReferenceFramework, KIND_REFERENCE, framework_id)


# --------------------------------------------------------------------------- helpers


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def framework_to_dict(framework: Framework) -> dict[str, Any]:
    """The full content of ``framework`` as plain dicts, lists and scalars (JSON-ready)."""
    result = _plain(framework)
    assert isinstance(result, dict)
    return result


def check_file(path: Path) -> list[str]:
    """Every problem in the framework file at ``path``; empty when it is valid."""
    try:
        load_framework_file(Path(path))
    except FrameworkError as exc:
        return [str(problem) for problem in exc.problems]
    return []
