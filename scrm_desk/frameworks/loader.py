"""Read a framework TOML file, check it strictly, and build the model.

Every problem is reported as a :class:`FrameworkError` whose text names the file and the
item, for example::

    seven_layers.toml: layers[3] 'operational_channels': missing key 'prompts'

The checker does not stop at the first problem: it collects them all (up to a limit) so a
consultant editing a file sees everything to fix at once. The first one is raised; all of
them are in ``FrameworkError.problems``.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from scrm_desk.errors import ScrmError
from scrm_desk.frameworks.model import (
    KIND_BUILDING_BLOCKS,
    KIND_LAYERS,
    KINDS,
    MAX_SCORE,
    Approach,
    Area,
    BuildingBlocksFramework,
    ChecklistItem,
    Definition,
    DefinitionTest,
    Enabler,
    Framework,
    GateCriterion,
    Layer,
    LayerProcess,
    LayersFramework,
    MaturityLevel,
    PlatformCategory,
    Question,
    ReferenceFramework,
    ScoringThresholds,
    SocialKind,
    StartingArea,
    SubComponent,
)

SUPPORTED_SCHEMA_VERSION: Final = 1
MAX_FILE_BYTES: Final = 2 * 1024 * 1024
MAX_SHORT_NAME: Final = 14
MAX_ID_LENGTH: Final = 64
QUESTIONS_PER_SUB_COMPONENT: Final = (2, 4)
GATE_RULES: Final = ("all", "any")
ENABLER_KINDS: Final = ("foundation", "delivery")
HORIZONS: Final = ("short-lived", "long-term")
STARTING_AREA_GROUPS: Final = ("sales", "service", "marketing")
_MAX_PROBLEMS: Final = 50

#: A slug: lowercase letters and digits, words joined by single ``-`` or ``_``.
SLUG_RE: Final = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")

_COMMON_KEYS: Final = (
    "schema_version",
    "id",
    "kind",
    "name",
    "version",
    "description",
    "attribution",
)

# Threshold key -> (lowest allowed, highest allowed, lowest is exclusive).
_THRESHOLDS: Final[dict[str, tuple[float, float, bool]]] = {
    "missing_block_below": (1.0, 5.0, False),
    "min_completeness": (0.0, 1.0, True),
    "weak_foundation_below": (1.0, 5.0, False),
    "misalignment_levels": (0.0, 4.0, True),
    "high_spread_stdev": (0.0, 4.0, True),
    "large_gap": (0.0, 4.0, True),
}


class FrameworkError(ScrmError, ValueError):
    """A framework file that cannot be used; ``str()`` names the file and the item."""

    def __init__(
        self,
        file: str,
        item: str | None,
        message: str,
        *,
        problems: Sequence[FrameworkError] = (),
    ) -> None:
        self.file = file
        self.item = item
        self.message = message
        #: Every problem found in the file, this one first.
        self.problems: tuple[FrameworkError, ...] = tuple(problems) or (self,)
        super().__init__(self._text())

    def _text(self) -> str:
        if self.item:
            return f"{self.file}: {self.item}: {self.message}"
        return f"{self.file}: {self.message}"

    def __str__(self) -> str:
        return self._text()

    def __reduce__(self) -> tuple[type[FrameworkError], tuple[str, str | None, str]]:
        return (self.__class__, (self.file, self.item, self.message))


# --------------------------------------------------------------------------- reading


def load_framework_file(path: Path, *, source: str | None = None) -> Framework:
    """Read, check and build the framework in ``path``.

    ``source`` is recorded on the framework (``"built-in"`` for shipped files); it
    defaults to the file's path. Raises :class:`FrameworkError` for any problem.
    """
    path = Path(path)
    data = _read_toml(path)
    return parse_framework(data, file=path.name, source=source or str(path))


def parse_framework(data: Mapping[str, Any], *, file: str, source: str) -> Framework:
    """Check and build a framework from already-parsed TOML ``data``."""
    checker = _Checker(file)
    framework = checker.framework(data, source)
    checker.raise_if_any()
    assert framework is not None  # the checker raised otherwise
    return framework


def _read_toml(path: Path) -> dict[str, Any]:
    file = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FrameworkError(
                file,
                None,
                f"file is too large ({size / (1024 * 1024):.1f} MB); a framework file "
                f"may be at most {MAX_FILE_BYTES // (1024 * 1024)} MB",
            )
        raw = path.read_bytes()
    except FrameworkError:
        raise
    except IsADirectoryError:
        raise FrameworkError(file, None, "is a folder, not a file") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FrameworkError(file, None, f"cannot read the file: {reason}") from exc
    if len(raw) > MAX_FILE_BYTES:  # grew between stat() and read
        raise FrameworkError(file, None, "file is too large; the limit is 2 MB")
    try:
        text = raw.decode("utf-8-sig")  # tolerate the BOM some Windows editors add
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FrameworkError(
            file,
            None,
            f"not valid UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}); "
            "save the file with UTF-8 encoding",
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(file, None, f"TOML syntax error: {exc}") from None


# --------------------------------------------------------------------------- helpers


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date/time"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _label(parent: str | None, collection: str, index: int, entry: object) -> str:
    text = f"{collection}[{index}]"
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        text += f" {entry['id']!r}"
    return f"{parent} > {text}" if parent else text


def _join(parent: str | None, key: str) -> str:
    return f"{parent} > {key}" if parent else key


class _Checker:
    """Collects problems while building the model; values are defaulted on error."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[FrameworkError] = []

    # -- reporting ------------------------------------------------------------

    def fail(self, item: str | None, message: str) -> None:
        if len(self.problems) < _MAX_PROBLEMS:
            self.problems.append(FrameworkError(self.file, item, message))

    def raise_if_any(self) -> None:
        if self.problems:
            first = self.problems[0]
            raise FrameworkError(first.file, first.item, first.message, problems=self.problems)

    # -- keys and scalar values -----------------------------------------------

    def keys(
        self,
        table: Mapping[str, Any],
        item: str | None,
        required: Collection[str],
        optional: Collection[str] = (),
    ) -> None:
        allowed = [*required, *optional]
        suggested: set[str] = set()
        for key in table:
            if key not in allowed:
                absent = [k for k in allowed if k not in table]
                close = difflib.get_close_matches(key, absent, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                suggested.update(close)
                self.fail(item, f"unknown key {key!r}{hint}")
        for key in required:
            if key not in table and key not in suggested:  # a typo is reported once
                self.fail(item, f"missing key {key!r}")

    def text(
        self,
        table: Mapping[str, Any],
        key: str,
        item: str | None,
        *,
        max_len: int | None = None,
    ) -> str:
        """A required, non-blank string; missing keys were reported by :meth:`keys`."""
        value = self.opt_text(table, key, item, max_len=max_len)
        return value or ""

    def opt_text(
        self,
        table: Mapping[str, Any],
        key: str,
        item: str | None,
        *,
        max_len: int | None = None,
    ) -> str | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, str):
            hint = """ (write it in quotes, e.g. "1.0")""" if key == "version" else ""
            self.fail(item, f"key {key!r} must be a string, got {_type_name(value)}{hint}")
            return None
        value = value.strip()
        if not value:
            self.fail(item, f"key {key!r} must not be empty")
            return None
        if max_len is not None and len(value) > max_len:
            self.fail(
                item,
                f"key {key!r} must be at most {max_len} characters, got {len(value)} ({value!r})",
            )
        return value

    def slug(self, table: Mapping[str, Any], key: str, item: str | None) -> str:
        if key not in table:
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.fail(item, f"key {key!r} must be a string, got {_type_name(value)}")
            return ""
        if len(value) > MAX_ID_LENGTH or not SLUG_RE.fullmatch(value):
            self.fail(
                item,
                f"{key} {value!r} is not a valid id: use lowercase letters, digits and "
                f"single '-' or '_' between words, starting with a letter "
                f"(at most {MAX_ID_LENGTH} characters)",
            )
        return value

    def integer(
        self,
        table: Mapping[str, Any],
        key: str,
        item: str | None,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        if key not in table:
            return None
        value = table[key]
        if not _is_int(value):
            self.fail(item, f"key {key!r} must be an integer, got {_type_name(value)}")
            return None
        too_low = minimum is not None and value < minimum
        too_high = maximum is not None and value > maximum
        if too_low or too_high:
            if minimum is not None and maximum is not None:
                span = f"from {minimum} to {maximum}"
            elif minimum is not None:
                span = f"at least {minimum}"
            else:
                span = f"at most {maximum}"
            self.fail(item, f"key {key!r} must be {span}, got {value}")
            return None
        return int(value)

    def number(self, table: Mapping[str, Any], key: str, item: str | None) -> float | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(item, f"key {key!r} must be a number, got {_type_name(value)}")
            return None
        return float(value)

    def boolean(self, table: Mapping[str, Any], key: str, item: str | None) -> bool:
        if key not in table:
            return False
        value = table[key]
        if not isinstance(value, bool):
            self.fail(item, f"key {key!r} must be true or false, got {_type_name(value)}")
            return False
        return value

    def choice(
        self,
        table: Mapping[str, Any],
        key: str,
        item: str | None,
        choices: Sequence[str],
    ) -> str:
        value = self.text(table, key, item)
        if value and value not in choices:
            allowed = ", ".join(repr(c) for c in choices)
            self.fail(item, f"key {key!r} must be one of {allowed}, got {value!r}")
        return value

    def text_list(
        self,
        table: Mapping[str, Any],
        key: str,
        item: str | None,
        *,
        min_items: int = 1,
    ) -> tuple[str, ...]:
        if key not in table:
            return ()
        value = table[key]
        if not isinstance(value, list):
            self.fail(item, f"key {key!r} must be an array of strings, got {_type_name(value)}")
            return ()
        result: list[str] = []
        for index, entry in enumerate(value):
            if not isinstance(entry, str) or not entry.strip():
                self.fail(
                    item,
                    f"{key}[{index}] must be a non-empty string, got {_type_name(entry)}",
                )
                continue
            result.append(entry.strip())
        if len(value) < min_items:
            self.fail(item, f"key {key!r} needs at least {min_items} entries, found {len(value)}")
        return tuple(result)

    def tables(
        self,
        table: Mapping[str, Any],
        key: str,
        parent: str | None,
        *,
        min_items: int = 0,
        max_items: int | None = None,
        what: str | None = None,
    ) -> list[tuple[str, dict[str, Any]]]:
        """An array of tables (``[[key]]``), each returned with its item label."""
        if key not in table:
            return []
        value = table[key]
        item = _join(parent, key)
        if not isinstance(value, list):
            self.fail(
                parent,
                f"key {key!r} must be an array of tables ([[{key}]]), got {_type_name(value)}",
            )
            return []
        count = len(value)
        noun = what or "entries"
        if max_items is not None and min_items == max_items and count != min_items:
            self.fail(item, f"expected exactly {min_items} {noun}, found {count}")
        elif count < min_items:
            self.fail(item, f"expected at least {min_items} {noun}, found {count}")
        elif max_items is not None and count > max_items:
            self.fail(item, f"expected at most {max_items} {noun}, found {count}")
        result: list[tuple[str, dict[str, Any]]] = []
        for index, entry in enumerate(value):
            label = _label(parent, key, index, entry)
            if not isinstance(entry, dict):
                self.fail(label, f"must be a table, got {_type_name(entry)}")
                continue
            result.append((label, entry))
        return result

    # -- cross-item rules -----------------------------------------------------

    def unique(self, entries: Iterable[tuple[str, str]], what: str = "id") -> None:
        seen: dict[str, str] = {}
        for label, value in entries:
            if not value:
                continue
            if value in seen:
                self.fail(label, f"duplicate {what} {value!r} (already used by {seen[value]})")
            else:
                seen[value] = label

    def contiguous(self, item: str, orders: Sequence[int | None]) -> None:
        """Orders must be 1..N, each once; skipped when an order was already invalid."""
        if not orders or any(o is None for o in orders):
            return
        values = sorted(o for o in orders if o is not None)
        expected = list(range(1, len(values) + 1))
        if values != expected:
            got = ", ".join(str(v) for v in values)
            self.fail(
                item,
                f"orders must run from 1 to {len(values)} with no gaps or repeats, got {got}",
            )

    # -- the framework ----------------------------------------------------------

    def framework(self, data: Mapping[str, Any], source: str) -> Framework | None:
        if "schema_version" not in data:
            self.fail(None, "missing key 'schema_version' (this SCRM Desk reads version 1)")
            return None
        version = data["schema_version"]
        if not isinstance(version, int) or isinstance(version, bool):
            self.fail(None, f"key 'schema_version' must be an integer, got {_type_name(version)}")
            return None
        if version > SUPPORTED_SCHEMA_VERSION:
            self.fail(
                None,
                f"schema_version {version} was written for a newer SCRM Desk (this version "
                f"reads schema_version {SUPPORTED_SCHEMA_VERSION}); update SCRM Desk to use "
                "this file",
            )
            return None
        if version < 1:
            self.fail(None, f"unsupported schema_version {version} (supported: 1)")
            return None

        kind = data.get("kind")
        if "kind" not in data:
            self.fail(None, f"missing key 'kind' (one of {', '.join(KINDS)})")
            return None
        if kind not in KINDS:
            self.fail(None, f"unknown kind {kind!r} (known kinds: {', '.join(KINDS)})")
            return None

        if kind == KIND_BUILDING_BLOCKS:
            self.keys(data, None, (*_COMMON_KEYS, "maturity_levels", "scoring", "areas"))
        elif kind == KIND_LAYERS:
            self.keys(data, None, (*_COMMON_KEYS, "layers"), ("enablers", "tool_landscape_note"))
        else:
            self.keys(
                data,
                None,
                _COMMON_KEYS,
                (
                    "approaches",
                    "social_kinds",
                    "starting_areas",
                    "max_initial_areas",
                    "starting_areas_note",
                    "platform_categories",
                    "platform_landscape_note",
                    "governance_checklist",
                    "definitions",
                ),
            )
        common: dict[str, Any] = {
            "id": self.slug(data, "id", None),
            "kind": kind,
            "name": self.text(data, "name", None),
            "version": self.text(data, "version", None),
            "description": self.text(data, "description", None),
            "attribution": self.text(data, "attribution", None),
            "source": source,
        }
        if kind == KIND_BUILDING_BLOCKS:
            return self.building_blocks(data, common)
        if kind == KIND_LAYERS:
            return self.layers(data, common)
        return self.reference(data, common)

    # -- building blocks --------------------------------------------------------

    def building_blocks(
        self, data: Mapping[str, Any], common: dict[str, Any]
    ) -> BuildingBlocksFramework:
        levels: list[MaturityLevel] = []
        level_rows = self.tables(
            data,
            "maturity_levels",
            None,
            min_items=MAX_SCORE,
            max_items=MAX_SCORE,
            what=f"maturity levels (scores run 1 to {MAX_SCORE})",
        )
        for label, row in level_rows:
            self.keys(row, label, ("level", "name", "summary"))
            level = self.integer(row, "level", label, minimum=1, maximum=MAX_SCORE)
            levels.append(
                MaturityLevel(
                    level=level or 0,
                    name=self.text(row, "name", label),
                    summary=self.text(row, "summary", label),
                )
            )
        self.unique(
            (
                (lbl, str(m.level))
                for (lbl, _), m in zip(level_rows, levels, strict=True)
                if m.level
            ),
            what="level",
        )
        levels.sort(key=lambda m: m.level)

        scoring = self.scoring(data)

        area_rows = self.tables(data, "areas", None, min_items=1, what="areas")
        areas = [self.area(label, row) for label, row in area_rows]
        self.unique((label, a.id) for (label, _), a in zip(area_rows, areas, strict=True))
        self.contiguous("areas", [a.order or None for a in areas])
        question_labels: list[tuple[str, str]] = []
        for (area_label, _), area in zip(area_rows, areas, strict=True):
            for s_index, sub in enumerate(area.sub_components):
                for q_index, question in enumerate(sub.questions):
                    question_labels.append(
                        (
                            f"{area_label} > sub_components[{s_index}] {sub.id!r} > "
                            f"questions[{q_index}] {question.id!r}",
                            question.id,
                        )
                    )
        self.unique(question_labels, what="question id")
        areas.sort(key=lambda a: a.order)
        return BuildingBlocksFramework(
            **common,
            maturity_levels=tuple(levels),
            scoring=scoring,
            areas=tuple(areas),
        )

    def scoring(self, data: Mapping[str, Any]) -> ScoringThresholds:
        values = dict.fromkeys(_THRESHOLDS, 0.0)
        table = data.get("scoring")
        if table is None:
            return ScoringThresholds(**values)
        if not isinstance(table, dict):
            self.fail(None, f"key 'scoring' must be a table ([scoring]), got {_type_name(table)}")
            return ScoringThresholds(**values)
        self.keys(table, "scoring", tuple(_THRESHOLDS))
        for key, (low, high, low_exclusive) in _THRESHOLDS.items():
            value = self.number(table, key, "scoring")
            if value is None:
                continue
            below = value <= low if low_exclusive else value < low
            if below or value > high:
                bracket = "(" if low_exclusive else "["
                self.fail(
                    "scoring",
                    f"key {key!r} must be in {bracket}{low:g}, {high:g}], got {value:g}",
                )
            values[key] = value
        return ScoringThresholds(**values)

    def area(self, label: str, row: Mapping[str, Any]) -> Area:
        self.keys(
            row,
            label,
            (
                "id",
                "order",
                "name",
                "short_name",
                "guiding_question",
                "social_question",
                "why_it_matters",
                "levels",
                "sub_components",
            ),
            ("metaphor", "cross_cutting"),
        )
        area_id = self.slug(row, "id", label)
        levels = self.text_list(row, "levels", label, min_items=0)
        if "levels" in row and isinstance(row["levels"], list) and len(row["levels"]) != MAX_SCORE:
            self.fail(
                label,
                f"expected exactly {MAX_SCORE} level descriptors (one per maturity level), "
                f"found {len(row['levels'])}",
            )
        sub_rows = self.tables(row, "sub_components", label, min_items=1, what="sub-components")
        subs = [self.sub_component(area_id, sub_label, sub) for sub_label, sub in sub_rows]
        self.unique((sub_label, s.id) for (sub_label, _), s in zip(sub_rows, subs, strict=True))
        return Area(
            id=area_id,
            order=self.integer(row, "order", label, minimum=1) or 0,
            name=self.text(row, "name", label),
            short_name=self.text(row, "short_name", label, max_len=MAX_SHORT_NAME),
            guiding_question=self.text(row, "guiding_question", label),
            social_question=self.text(row, "social_question", label),
            why_it_matters=self.text(row, "why_it_matters", label),
            levels=levels,
            sub_components=tuple(subs),
            metaphor=self.opt_text(row, "metaphor", label),
            cross_cutting=self.boolean(row, "cross_cutting", label),
        )

    def sub_component(self, area_id: str, label: str, row: Mapping[str, Any]) -> SubComponent:
        self.keys(row, label, ("id", "name", "description", "questions"))
        sub_id = self.slug(row, "id", label)
        low, high = QUESTIONS_PER_SUB_COMPONENT
        question_rows = self.tables(
            row, "questions", label, min_items=low, max_items=high, what="questions"
        )
        questions: list[Question] = []
        for q_label, q_row in question_rows:
            self.keys(q_row, q_label, ("id", "text", "hint"), ("social_text",))
            q_id = self.question_id(q_row, q_label, area_id, sub_id)
            questions.append(
                Question(
                    id=q_id,
                    text=self.text(q_row, "text", q_label),
                    hint=self.text(q_row, "hint", q_label),
                    area_id=area_id,
                    sub_component_id=sub_id,
                    social_text=self.opt_text(q_row, "social_text", q_label),
                )
            )
        return SubComponent(
            id=sub_id,
            name=self.text(row, "name", label),
            description=self.text(row, "description", label),
            questions=tuple(questions),
        )

    def question_id(self, row: Mapping[str, Any], label: str, area_id: str, sub_id: str) -> str:
        if "id" not in row:
            return ""
        value = row["id"]
        if not isinstance(value, str):
            self.fail(label, f"key 'id' must be a string, got {_type_name(value)}")
            return ""
        if area_id and sub_id:
            prefix = f"{area_id}.{sub_id}."
            number = value[len(prefix) :]
            if not value.startswith(prefix) or not number.isdigit() or number.startswith("0"):
                self.fail(
                    label,
                    f"question id {value!r} must have the form '{prefix}<n>' "
                    "(area id, sub-component id, then a number from 1)",
                )
        return value

    # -- layers -----------------------------------------------------------------

    def layers(self, data: Mapping[str, Any], common: dict[str, Any]) -> LayersFramework:
        layer_rows = self.tables(data, "layers", None, min_items=1, what="layers")
        layers = [self.layer(label, row) for label, row in layer_rows]
        self.unique((label, la.id) for (label, _), la in zip(layer_rows, layers, strict=True))
        self.contiguous("layers", [la.order or None for la in layers])
        layers.sort(key=lambda la: la.order)

        enabler_rows = self.tables(data, "enablers", None, what="enablers")
        enablers: list[Enabler] = []
        for label, row in enabler_rows:
            self.keys(row, label, ("id", "name", "kind", "description"))
            enablers.append(
                Enabler(
                    id=self.slug(row, "id", label),
                    name=self.text(row, "name", label),
                    kind=self.choice(row, "kind", label, ENABLER_KINDS),
                    description=self.text(row, "description", label),
                )
            )
        self.unique((label, e.id) for (label, _), e in zip(enabler_rows, enablers, strict=True))
        return LayersFramework(
            **common,
            layers=tuple(layers),
            enablers=tuple(enablers),
            tool_landscape_note=self.opt_text(data, "tool_landscape_note", None),
        )

    def layer(self, label: str, row: Mapping[str, Any]) -> Layer:
        self.keys(
            row,
            label,
            ("id", "order", "name", "short_name", "description", "prompts"),
            ("is_gate", "processes", "gate_criteria", "gate_rule"),
        )
        is_gate = self.boolean(row, "is_gate", label)
        process_rows = self.tables(row, "processes", label, what="processes")
        processes: list[LayerProcess] = []
        for p_label, p_row in process_rows:
            self.keys(p_row, p_label, ("id", "name", "description"))
            processes.append(
                LayerProcess(
                    id=self.slug(p_row, "id", p_label),
                    name=self.text(p_row, "name", p_label),
                    description=self.text(p_row, "description", p_label),
                )
            )
        self.unique(
            (p_label, p.id) for (p_label, _), p in zip(process_rows, processes, strict=True)
        )
        gate_rule: str | None = None
        criteria: list[GateCriterion] = []
        if is_gate:
            if "gate_criteria" not in row:
                self.fail(label, "missing key 'gate_criteria' (required when is_gate = true)")
            if "gate_rule" not in row:
                self.fail(label, "missing key 'gate_rule' (required when is_gate = true)")
            else:
                gate_rule = self.choice(row, "gate_rule", label, GATE_RULES) or None
            criterion_rows = self.tables(
                row, "gate_criteria", label, min_items=1, what="gate criteria"
            )
            for c_label, c_row in criterion_rows:
                self.keys(c_row, c_label, ("id", "text"))
                criteria.append(
                    GateCriterion(
                        id=self.slug(c_row, "id", c_label),
                        text=self.text(c_row, "text", c_label),
                    )
                )
            self.unique(
                (c_label, c.id) for (c_label, _), c in zip(criterion_rows, criteria, strict=True)
            )
        else:
            for key in ("gate_criteria", "gate_rule"):
                if key in row:
                    self.fail(label, f"key {key!r} is only allowed on a layer with is_gate = true")
        return Layer(
            id=self.slug(row, "id", label),
            order=self.integer(row, "order", label, minimum=1) or 0,
            name=self.text(row, "name", label),
            short_name=self.text(row, "short_name", label, max_len=MAX_SHORT_NAME),
            description=self.text(row, "description", label),
            prompts=self.text_list(row, "prompts", label),
            is_gate=is_gate,
            processes=tuple(processes),
            gate_criteria=tuple(criteria),
            gate_rule=gate_rule,
        )

    # -- reference --------------------------------------------------------------

    def reference(self, data: Mapping[str, Any], common: dict[str, Any]) -> ReferenceFramework:
        approach_rows = self.tables(data, "approaches", None, what="approaches")
        approaches: list[Approach] = []
        shares: list[int | None] = []
        for label, row in approach_rows:
            self.keys(
                row, label, ("id", "name", "share_percent", "sign", "risk", "advice", "signals")
            )
            share = self.integer(row, "share_percent", label, minimum=0, maximum=100)
            shares.append(share)
            approaches.append(
                Approach(
                    id=self.slug(row, "id", label),
                    name=self.text(row, "name", label),
                    share_percent=share or 0,
                    sign=self.text(row, "sign", label),
                    risk=self.text(row, "risk", label),
                    advice=self.text(row, "advice", label),
                    signals=self.text_list(row, "signals", label),
                )
            )
        self.unique((lbl, a.id) for (lbl, _), a in zip(approach_rows, approaches, strict=True))
        total = sum(s for s in shares if s is not None)
        if shares and None not in shares and total != 100:
            self.fail("approaches", f"share_percent values must add up to 100, got {total}")

        kind_rows = self.tables(data, "social_kinds", None, what="kinds of social")
        kinds: list[SocialKind] = []
        for label, row in kind_rows:
            self.keys(row, label, ("id", "name", "horizon", "description", "is_strategic"))
            kinds.append(
                SocialKind(
                    id=self.slug(row, "id", label),
                    name=self.text(row, "name", label),
                    horizon=self.choice(row, "horizon", label, HORIZONS),
                    description=self.text(row, "description", label),
                    is_strategic=self.boolean(row, "is_strategic", label),
                )
            )
        self.unique((lbl, k.id) for (lbl, _), k in zip(kind_rows, kinds, strict=True))

        area_rows = self.tables(data, "starting_areas", None, what="starting areas")
        starting: list[StartingArea] = []
        for label, row in area_rows:
            self.keys(row, label, ("id", "name", "group", "description"))
            starting.append(
                StartingArea(
                    id=self.slug(row, "id", label),
                    name=self.text(row, "name", label),
                    group=self.choice(row, "group", label, STARTING_AREA_GROUPS),
                    description=self.text(row, "description", label),
                )
            )
        self.unique((lbl, s.id) for (lbl, _), s in zip(area_rows, starting, strict=True))
        max_initial = self.integer(
            data, "max_initial_areas", None, minimum=1, maximum=len(starting) or None
        )

        platform_rows = self.tables(data, "platform_categories", None, what="platform categories")
        platforms: list[PlatformCategory] = []
        for label, row in platform_rows:
            self.keys(row, label, ("id", "name"), ("description",))
            platforms.append(
                PlatformCategory(
                    id=self.slug(row, "id", label),
                    name=self.text(row, "name", label),
                    description=self.opt_text(row, "description", label),
                )
            )
        self.unique((lbl, p.id) for (lbl, _), p in zip(platform_rows, platforms, strict=True))

        checklist_rows = self.tables(data, "governance_checklist", None, what="checklist items")
        checklist: list[ChecklistItem] = []
        for label, row in checklist_rows:
            self.keys(row, label, ("id", "text"))
            checklist.append(
                ChecklistItem(id=self.slug(row, "id", label), text=self.text(row, "text", label))
            )
        self.unique((lbl, c.id) for (lbl, _), c in zip(checklist_rows, checklist, strict=True))

        definition_rows = self.tables(data, "definitions", None, what="definitions")
        definitions: list[Definition] = []
        for label, row in definition_rows:
            self.keys(row, label, ("id", "term", "text", "origin"), ("tests",))
            test_rows = self.tables(row, "tests", label, what="tests")
            tests: list[DefinitionTest] = []
            for t_label, t_row in test_rows:
                self.keys(t_row, t_label, ("id", "name", "text"))
                tests.append(
                    DefinitionTest(
                        id=self.slug(t_row, "id", t_label),
                        name=self.text(t_row, "name", t_label),
                        text=self.text(t_row, "text", t_label),
                    )
                )
            self.unique((lbl, t.id) for (lbl, _), t in zip(test_rows, tests, strict=True))
            definitions.append(
                Definition(
                    id=self.slug(row, "id", label),
                    term=self.text(row, "term", label),
                    text=self.text(row, "text", label),
                    origin=self.text(row, "origin", label),
                    tests=tuple(tests),
                )
            )
        self.unique((lbl, d.id) for (lbl, _), d in zip(definition_rows, definitions, strict=True))
        return ReferenceFramework(
            **common,
            approaches=tuple(approaches),
            social_kinds=tuple(kinds),
            starting_areas=tuple(starting),
            max_initial_areas=max_initial,
            starting_areas_note=self.opt_text(data, "starting_areas_note", None),
            platform_categories=tuple(platforms),
            platform_landscape_note=self.opt_text(data, "platform_landscape_note", None),
            governance_checklist=tuple(checklist),
            definitions=tuple(definitions),
        )
