"""The texts of findings and the few settings findings need, read from a TOML file.

Domain wording is data: ``resources/rules/findings.toml`` holds, per finding kind, a
severity and three templates (``title``, ``evidence``, ``suggested_action``); code only
fills them in. The file also says which stakeholder groups count as the business side
and which as IT when business and IT views are compared.

Each kind may use only the placeholders listed in :data:`PLACEHOLDERS`; a template that
names another one is rejected on load, so filling a template can never fail later.
"""

from __future__ import annotations

import functools
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from scrm_desk.errors import ScrmError
from scrm_desk.paths import resources_dir
from scrm_desk.records import StakeholderGroup
from scrm_desk.scoring.results import SEVERITIES, Severity

SCHEMA_VERSION: Final = 1

KIND_MISSING_BLOCK: Final = "missing_block"
KIND_NOT_ASSESSED: Final = "not_assessed"
KIND_BROKEN_FOUNDATION: Final = "broken_foundation"
KIND_FOUNDATION_UNKNOWN: Final = "foundation_unknown"
KIND_MISALIGNMENT: Final = "misalignment"
KIND_HIGH_SPREAD: Final = "high_spread"
KIND_LARGE_GAP: Final = "large_gap"
KIND_STRENGTH: Final = "strength"

#: Every kind the engine can emit, in the order findings of equal rank are listed.
FINDING_KINDS: Final[tuple[str, ...]] = (
    KIND_MISSING_BLOCK,
    KIND_NOT_ASSESSED,
    KIND_BROKEN_FOUNDATION,
    KIND_FOUNDATION_UNKNOWN,
    KIND_MISALIGNMENT,
    KIND_HIGH_SPREAD,
    KIND_LARGE_GAP,
    KIND_STRENGTH,
)

_COMMON: Final = frozenset({"area", "lens"})

#: The placeholders each kind's templates may use. Numbers arrive already formatted.
PLACEHOLDERS: Final[Mapping[str, frozenset[str]]] = {
    KIND_MISSING_BLOCK: _COMMON | {"score", "threshold", "answered", "applicable"},
    KIND_NOT_ASSESSED: _COMMON
    | {"answered", "applicable", "total", "not_applicable", "completeness", "threshold"},
    KIND_BROKEN_FOUNDATION: _COMMON | {"score", "classic_score", "threshold"},
    KIND_FOUNDATION_UNKNOWN: _COMMON | {"score"},
    KIND_MISALIGNMENT: _COMMON
    | {"business_mean", "business_n", "it_mean", "it_n", "difference", "threshold"},
    KIND_HIGH_SPREAD: _COMMON | {"count", "total", "n", "threshold", "questions"},
    KIND_LARGE_GAP: _COMMON | {"score", "target", "gap", "threshold"},
    KIND_STRENGTH: _COMMON | {"score", "threshold", "completeness"},
}

_TEMPLATE_KEYS: Final = ("title", "evidence", "suggested_action")
_KIND_KEYS: Final = frozenset({"severity", *_TEMPLATE_KEYS})


class RulesError(ScrmError, ValueError):
    """A findings rules file that cannot be used; the message says what and where."""


@dataclass(frozen=True, slots=True)
class KindText:
    """Severity and templates of one finding kind."""

    kind: str
    severity: Severity
    title: str
    evidence: str
    suggested_action: str


@dataclass(frozen=True, slots=True)
class FindingRules:
    schema_version: int
    kinds: tuple[KindText, ...]
    #: Groups whose mean is "the business view" in the business-versus-IT comparison.
    business_groups: tuple[StakeholderGroup, ...]
    #: Groups whose mean is "the IT view".
    it_groups: tuple[StakeholderGroup, ...]
    #: A block scoring at least this (and assessed enough) is reported as a strength.
    strength_min_score: float
    source: str

    def text(self, kind: str) -> KindText:
        for item in self.kinds:
            if item.kind == kind:
                return item
        raise KeyError(f"the findings rules have no text for {kind!r}")


def default_rules_path() -> Path:
    return resources_dir() / "rules" / "findings.toml"


def load_rules(path: Path | str | None = None) -> FindingRules:
    """Read and validate a findings rules file (the built-in one by default).

    Parsed files are cached by path and modification time: scoring is called on every
    autosave, and re-reading an unchanged file each time would cost more than scoring.
    """
    target = Path(path) if path is not None else default_rules_path()
    try:
        stat = target.stat()
    except OSError as exc:
        raise RulesError(f"{target}: cannot read the findings rules ({exc.strerror})") from exc
    return _load_cached(str(target.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, _mtime_ns: int, _size: int) -> FindingRules:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise RulesError(f"{path}: cannot read the findings rules ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: not valid TOML ({exc})") from exc
    return parse_rules(data, source=path)


def parse_rules(data: Mapping[str, Any], *, source: str = "<rules>") -> FindingRules:
    """Validate the parsed content of a rules file; raise :class:`RulesError` if unusable."""

    def fail(message: str) -> RulesError:
        return RulesError(f"{source}: {message}")

    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise fail(f"schema_version must be {SCHEMA_VERSION}, got {version!r}")
    unknown_top = set(data) - {"schema_version", "alignment", "thresholds", "kinds"}
    if unknown_top:
        raise fail(f"unknown top-level key(s): {', '.join(sorted(unknown_top))}")

    alignment = _table(data, "alignment", fail)
    business = _groups(alignment, "business_groups", fail)
    it = _groups(alignment, "it_groups", fail)
    both = set(business) & set(it)
    if both:
        names = ", ".join(sorted(g.value for g in both))
        raise fail(f"[alignment] group(s) {names} cannot be both business and IT")
    unknown = set(alignment) - {"business_groups", "it_groups"}
    if unknown:
        raise fail(f"[alignment] unknown key(s): {', '.join(sorted(unknown))}")

    thresholds = _table(data, "thresholds", fail)
    strength = thresholds.get("strength_min_score")
    if isinstance(strength, bool) or not isinstance(strength, int | float):
        raise fail("[thresholds] strength_min_score must be a number")
    if not 1 <= strength <= 5:
        raise fail(f"[thresholds] strength_min_score must be 1 to 5, got {strength}")
    unknown = set(thresholds) - {"strength_min_score"}
    if unknown:
        raise fail(f"[thresholds] unknown key(s): {', '.join(sorted(unknown))}")

    kinds_table = _table(data, "kinds", fail)
    missing = [kind for kind in FINDING_KINDS if kind not in kinds_table]
    if missing:
        raise fail(f"no text for finding kind(s): {', '.join(missing)}")
    extra = sorted(set(kinds_table) - set(FINDING_KINDS))
    if extra:
        raise fail(
            f"unknown finding kind(s): {', '.join(extra)}; known: {', '.join(FINDING_KINDS)}"
        )
    kinds = tuple(_kind_text(kind, kinds_table[kind], fail) for kind in FINDING_KINDS)

    return FindingRules(
        schema_version=SCHEMA_VERSION,
        kinds=kinds,
        business_groups=business,
        it_groups=it,
        strength_min_score=float(strength),
        source=source,
    )


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill a validated template; every placeholder it uses must be in ``values``."""
    return template.format_map(values)


# --------------------------------------------------------------------------- helpers


def _table(data: Mapping[str, Any], key: str, fail: Any) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise fail(f"a [{key}] table is required")
    return value


def _groups(table: Mapping[str, Any], key: str, fail: Any) -> tuple[StakeholderGroup, ...]:
    value = table.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise fail(f"[alignment] {key} must be a non-empty list of group names")
    known = {g.value for g in StakeholderGroup}
    unknown = [v for v in value if v not in known]
    if unknown:
        raise fail(
            f"[alignment] {key}: unknown group(s) {', '.join(unknown)}; "
            f"known: {', '.join(sorted(known))}"
        )
    return tuple(StakeholderGroup(v) for v in dict.fromkeys(value))


def _kind_text(kind: str, table: Any, fail: Any) -> KindText:
    where = f"[kinds.{kind}]"
    if not isinstance(table, dict):
        raise fail(f"{where} must be a table")
    unknown = set(table) - _KIND_KEYS
    if unknown:
        raise fail(f"{where} unknown key(s): {', '.join(sorted(unknown))}")
    severity = table.get("severity")
    if severity not in SEVERITIES:
        raise fail(f"{where} severity must be one of {', '.join(SEVERITIES)}, got {severity!r}")
    texts: dict[str, str] = {}
    for key in _TEMPLATE_KEYS:
        template = table.get(key)
        if not isinstance(template, str) or not template.strip():
            raise fail(f"{where} {key} must be a non-empty text")
        _check_placeholders(template, PLACEHOLDERS[kind], f"{where} {key}", fail)
        texts[key] = template.strip()
    return KindText(
        kind=kind,
        severity=severity,
        title=texts["title"],
        evidence=texts["evidence"],
        suggested_action=texts["suggested_action"],
    )


def _check_placeholders(template: str, allowed: frozenset[str], where: str, fail: Any) -> None:
    allowed_list = ", ".join("{" + name + "}" for name in sorted(allowed))
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise fail(
            f"{where} is not a valid template ({exc}); write a literal brace as {{{{"
        ) from exc
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in allowed:
            raise fail(f"{where} uses unknown placeholder {{{field}}}; allowed: {allowed_list}")
        if spec or conversion:
            raise fail(f"{where} placeholder {{{field}}} must not carry a format or conversion")
