"""The wording of the planning rules, read from ``resources/rules/planning.toml``.

Domain wording is data: the file holds, per warning, a severity and two templates, and
per suggested initiative its title, description, default phase, impact, effort and
fixed links. The code decides when a rule applies and fills the templates. Each rule may
use only the placeholders in :data:`WARNING_PLACEHOLDERS`, :data:`GATE_PLACEHOLDERS` or
:data:`SUGGESTION_PLACEHOLDERS`; any other is rejected on load, so filling can never
fail later.
"""

from __future__ import annotations

import functools
import string
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, NoReturn

from scrm_desk.errors import ScrmError
from scrm_desk.frameworks.loader import SLUG_RE
from scrm_desk.paths import resources_dir
from scrm_desk.records import RoadmapPhase
from scrm_desk.scoring.results import SEVERITIES, Severity

SCHEMA_VERSION: Final = 1

# -- warnings -----------------------------------------------------------------------------
WARNING_ONLY_TACTICS: Final = "only_tactics"
WARNING_TOO_MANY_STARTING_AREAS: Final = "too_many_starting_areas"
WARNING_SINGLE_PLATFORM: Final = "single_platform"
WARNING_PLATFORM_WITHOUT_OBJECTIVE: Final = "platform_without_objective"
WARNING_GOVERNANCE_GAPS: Final = "governance_gaps"

#: Every warning rule, in the order warnings of equal severity are listed.
WARNING_RULES: Final[tuple[str, ...]] = (
    WARNING_ONLY_TACTICS,
    WARNING_TOO_MANY_STARTING_AREAS,
    WARNING_SINGLE_PLATFORM,
    WARNING_PLATFORM_WITHOUT_OBJECTIVE,
    WARNING_GOVERNANCE_GAPS,
)

WARNING_PLACEHOLDERS: Final[Mapping[str, frozenset[str]]] = {
    WARNING_ONLY_TACTICS: frozenset({"count", "kind"}),
    WARNING_TOO_MANY_STARTING_AREAS: frozenset({"count", "max", "areas"}),
    WARNING_SINGLE_PLATFORM: frozenset({"platform", "count"}),
    WARNING_PLATFORM_WITHOUT_OBJECTIVE: frozenset({"platform"}),
    WARNING_GOVERNANCE_GAPS: frozenset({"count", "total", "items"}),
}

#: The rule name of the gate's "do not pass go" finding.
GATE_CLOSED: Final = "gate_closed"
GATE_PLACEHOLDERS: Final = frozenset({"layer", "met", "total", "needed", "unmet", "blocked"})

# -- suggestions --------------------------------------------------------------------------
SUGGEST_GATE_CLOSED: Final = "gate_closed"
SUGGEST_MISSING_BLOCK: Final = "missing_block"
SUGGEST_BROKEN_FOUNDATION: Final = "broken_foundation"
SUGGEST_MISALIGNMENT: Final = "misalignment"
SUGGEST_LARGE_GAP: Final = "large_gap"
SUGGEST_NO_STARTING_AREA: Final = "no_starting_area"
SUGGEST_SINGLE_PLATFORM: Final = "single_platform"
SUGGEST_ONLY_TACTICS: Final = "only_tactics"
SUGGEST_GOVERNANCE_GAPS: Final = "governance_gaps"

#: Every suggestion rule, in the order suggestions are listed (the gate first).
SUGGESTION_RULES: Final[tuple[str, ...]] = (
    SUGGEST_GATE_CLOSED,
    SUGGEST_MISSING_BLOCK,
    SUGGEST_BROKEN_FOUNDATION,
    SUGGEST_MISALIGNMENT,
    SUGGEST_LARGE_GAP,
    SUGGEST_NO_STARTING_AREA,
    SUGGEST_SINGLE_PLATFORM,
    SUGGEST_ONLY_TACTICS,
    SUGGEST_GOVERNANCE_GAPS,
)

SUGGESTION_PLACEHOLDERS: Final[Mapping[str, frozenset[str]]] = {
    SUGGEST_GATE_CLOSED: frozenset({"layer", "unmet"}),
    SUGGEST_MISSING_BLOCK: frozenset({"block", "lenses"}),
    SUGGEST_BROKEN_FOUNDATION: frozenset({"block"}),
    SUGGEST_MISALIGNMENT: frozenset({"block", "lenses"}),
    SUGGEST_LARGE_GAP: frozenset({"block", "lens", "score", "target", "gap"}),
    SUGGEST_NO_STARTING_AREA: frozenset({"candidates"}),
    SUGGEST_SINGLE_PLATFORM: frozenset({"platform"}),
    SUGGEST_ONLY_TACTICS: frozenset({"count"}),
    SUGGEST_GOVERNANCE_GAPS: frozenset({"count", "items"}),
}

_LINK_KEYS: Final = ("block_ids", "layer_ids", "area_ids")


class PlanningRulesError(ScrmError, ValueError):
    """A planning rules file that cannot be used; the message says what and where."""


@dataclass(frozen=True, slots=True)
class PlanningFinding:
    """A warning (or the gate's "do not pass go") for the consultant.

    ``key`` is stable for the same situation (``"platform_without_objective:<id>"``), so
    a view can keep its selection; ``refs`` are the ids the finding is about (layers,
    criteria, areas, platforms, checklist items, initiatives).
    """

    key: str
    rule: str
    severity: Severity
    title: str
    text: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WarningText:
    rule: str
    severity: Severity
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class GateText:
    severity: Severity
    title: str
    text: str
    needs_all: str
    needs_any: str


@dataclass(frozen=True, slots=True)
class SuggestionTemplate:
    rule: str
    title: str
    description: str
    phase: RoadmapPhase
    impact: int
    effort: int
    block_ids: tuple[str, ...] = ()
    layer_ids: tuple[str, ...] = ()
    area_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanningRules:
    schema_version: int
    largest_gaps: int
    gate: GateText
    warnings: tuple[WarningText, ...]
    suggestions: tuple[SuggestionTemplate, ...]
    source: str

    def warning(self, rule: str) -> WarningText:
        for item in self.warnings:
            if item.rule == rule:
                return item
        raise KeyError(f"the planning rules have no warning {rule!r}")

    def suggestion(self, rule: str) -> SuggestionTemplate:
        for item in self.suggestions:
            if item.rule == rule:
                return item
        raise KeyError(f"the planning rules have no suggestion {rule!r}")


def render(template: str, values: Mapping[str, object]) -> str:
    """Fill a validated template; every placeholder it uses must be in ``values``."""
    return template.format_map({key: str(value) for key, value in values.items()})


def joined(items: list[str] | tuple[str, ...], separator: str = ", ") -> str:
    return separator.join(items)


# --------------------------------------------------------------------------- loading


def default_rules_path() -> Path:
    return resources_dir() / "rules" / "planning.toml"


def load_planning_rules(path: Path | str | None = None) -> PlanningRules:
    """Read and validate a planning rules file (the built-in one by default).

    Cached by path and modification time: the warnings are recomputed on every edit.
    """
    target = Path(path) if path is not None else default_rules_path()
    try:
        stat = target.stat()
    except OSError as exc:
        raise PlanningRulesError(
            f"{target}: cannot read the planning rules ({exc.strerror})"
        ) from exc
    return _load_cached(str(target.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, _mtime_ns: int, _size: int) -> PlanningRules:
    return parse_planning_rules(read_toml(path, "planning rules"), source=path)


def read_toml(path: str, what: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise PlanningRulesError(f"{path}: cannot read the {what} ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PlanningRulesError(f"{path}: not valid TOML ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise PlanningRulesError(f"{path}: not UTF-8 text ({exc.reason})") from exc


Fail = Callable[[str], NoReturn]


def failer(source: str) -> Fail:
    def fail(message: str) -> NoReturn:
        raise PlanningRulesError(f"{source}: {message}")

    return fail


def parse_planning_rules(data: Mapping[str, Any], *, source: str = "<rules>") -> PlanningRules:
    """Validate the parsed content of a planning rules file."""
    fail = failer(source)
    check_schema_version(data, fail)
    check_keys(data, {"schema_version", "limits", "gate", "warnings", "suggestions"}, "", fail)

    limits = table(data, "limits", "[limits]", fail)
    check_keys(limits, {"largest_gaps"}, "[limits]", fail)
    largest = whole_number(limits.get("largest_gaps"), "[limits] largest_gaps", 0, 20, fail)

    gate_table = table(data, "gate", "[gate]", fail)
    check_keys(gate_table, {"severity", "title", "text", "needs_all", "needs_any"}, "[gate]", fail)
    gate = GateText(
        severity=severity(gate_table, "[gate]", fail),
        title=template(gate_table, "title", GATE_PLACEHOLDERS, "[gate]", fail),
        text=template(gate_table, "text", GATE_PLACEHOLDERS, "[gate]", fail),
        needs_all=template(gate_table, "needs_all", frozenset(), "[gate]", fail),
        needs_any=template(gate_table, "needs_any", frozenset(), "[gate]", fail),
    )

    warnings_table = table(data, "warnings", "[warnings]", fail)
    check_rule_names(warnings_table, WARNING_RULES, "warnings", fail)
    warnings = []
    for rule in WARNING_RULES:
        where = f"[warnings.{rule}]"
        item = table(warnings_table, rule, where, fail)
        check_keys(item, {"severity", "title", "text"}, where, fail)
        allowed = WARNING_PLACEHOLDERS[rule]
        warnings.append(
            WarningText(
                rule=rule,
                severity=severity(item, where, fail),
                title=template(item, "title", allowed, where, fail),
                text=template(item, "text", allowed, where, fail),
            )
        )

    suggestions_table = table(data, "suggestions", "[suggestions]", fail)
    check_rule_names(suggestions_table, SUGGESTION_RULES, "suggestions", fail)
    suggestions = [_suggestion(rule, suggestions_table, fail) for rule in SUGGESTION_RULES]
    return PlanningRules(
        schema_version=SCHEMA_VERSION,
        largest_gaps=largest,
        gate=gate,
        warnings=tuple(warnings),
        suggestions=tuple(suggestions),
        source=source,
    )


def _suggestion(rule: str, suggestions: Mapping[str, Any], fail: Fail) -> SuggestionTemplate:
    where = f"[suggestions.{rule}]"
    item = table(suggestions, rule, where, fail)
    check_keys(
        item, {"title", "description", "phase", "impact", "effort", *_LINK_KEYS}, where, fail
    )
    allowed = SUGGESTION_PLACEHOLDERS[rule]
    phase = item.get("phase")
    phases = [p.value for p in RoadmapPhase]
    if phase not in phases:
        fail(f"{where} phase must be one of {', '.join(phases)}, got {phase!r}")
    links: dict[str, tuple[str, ...]] = {}
    for key in _LINK_KEYS:
        value = item.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(v, str) and SLUG_RE.fullmatch(v) for v in value
        ):
            fail(f'{where} {key} must be a list of ids such as "strategy"')
        links[key] = tuple(dict.fromkeys(value))
    return SuggestionTemplate(
        rule=rule,
        title=template(item, "title", allowed, where, fail),
        description=template(item, "description", allowed, where, fail),
        phase=RoadmapPhase(phase),
        impact=whole_number(item.get("impact"), f"{where} impact", 1, 5, fail),
        effort=whole_number(item.get("effort"), f"{where} effort", 1, 5, fail),
        **links,
    )


# --------------------------------------------------------------------------- checks
# Shared with the posture questionnaire's loader.


def check_schema_version(data: Mapping[str, Any], fail: Fail) -> None:
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        fail(f"schema_version must be {SCHEMA_VERSION}, got {version!r}")
    if version > SCHEMA_VERSION:
        fail(
            f"schema_version {version} is newer than this SCRM Desk reads ({SCHEMA_VERSION}); "
            "update SCRM Desk"
        )
    if version != SCHEMA_VERSION:
        fail(f"schema_version must be {SCHEMA_VERSION}, got {version!r}")


def check_keys(data: Mapping[str, Any], allowed: set[str], where: str, fail: Fail) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        prefix = f"{where} " if where else ""
        fail(f"{prefix}unknown key(s): {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")


def check_rule_names(
    data: Mapping[str, Any], rules: tuple[str, ...], section: str, fail: Fail
) -> None:
    missing = [rule for rule in rules if rule not in data]
    if missing:
        fail(f"no [{section}.{missing[0]}] (every one of {', '.join(rules)} is needed)")
    extra = sorted(set(data) - set(rules))
    if extra:
        fail(f"unknown rule(s) in [{section}]: {', '.join(extra)}; known: {', '.join(rules)}")


def table(data: Mapping[str, Any], key: str, where: str, fail: Fail) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        fail(f"a {where} table is required")
    return value


def whole_number(value: object, where: str, low: int, high: int, fail: Fail) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        fail(f"{where} must be a whole number from {low} to {high}, got {value!r}")
    return value


def severity(data: Mapping[str, Any], where: str, fail: Fail) -> Severity:
    value = data.get("severity")
    for known in SEVERITIES:
        if value == known:
            return known
    fail(f"{where} severity must be one of {', '.join(SEVERITIES)}, got {value!r}")


def text(data: Mapping[str, Any], key: str, where: str, fail: Fail) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        fail(f"{where} {key} must be a non-empty text")
    return value.strip()


def template(
    data: Mapping[str, Any], key: str, allowed: frozenset[str], where: str, fail: Fail
) -> str:
    """A non-empty text whose placeholders are all in ``allowed``."""
    value = text(data, key, where, fail)
    allowed_list = ", ".join("{" + name + "}" for name in sorted(allowed)) or "none"
    try:
        parsed = list(string.Formatter().parse(value))
    except ValueError as exc:
        fail(f"{where} {key} is not a valid template ({exc}); write a literal brace as {{{{")
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in allowed:
            fail(f"{where} {key} uses unknown placeholder {{{field}}}; allowed: {allowed_list}")
        if spec or conversion:
            fail(f"{where} {key}: placeholder {{{field}}} must not carry a format or conversion")
    return value
