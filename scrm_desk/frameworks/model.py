"""The content of a framework file, as immutable values.

Three kinds of framework exist (see ``resources/frameworks/README.md``):

* ``building_blocks`` — scored blocks (Gartner's Eight Building Blocks plus Governance),
  each with sub-components and questions scored 1 to 5;
* ``layers`` — a facilitation model of stacked layers (Buchanan's seven layers);
* ``reference`` — look-up material: approaches, kinds of social, starting areas,
  platform categories, a governance checklist and definitions.

Every value is a frozen, slotted dataclass holding tuples, so a loaded framework can be
shared freely between the UI, the scoring engine and the report writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

KindName: TypeAlias = Literal["building_blocks", "layers", "reference"]

KIND_BUILDING_BLOCKS: Final = "building_blocks"
KIND_LAYERS: Final = "layers"
KIND_REFERENCE: Final = "reference"
KINDS: Final[tuple[str, ...]] = (KIND_BUILDING_BLOCKS, KIND_LAYERS, KIND_REFERENCE)

#: The lowest and highest maturity score a question or block can get.
MIN_SCORE: Final = 1
MAX_SCORE: Final = 5

BUILTIN_SOURCE: Final = "built-in"


# --------------------------------------------------------------------------- common


@dataclass(frozen=True, slots=True)
class FrameworkBase:
    """What every framework has, whatever its kind."""

    id: str
    kind: str
    name: str
    version: str
    description: str
    attribution: str
    #: ``"built-in"`` for the files shipped with SCRM Desk, else the file's path.
    source: str

    @property
    def is_builtin(self) -> bool:
        return self.source == BUILTIN_SOURCE


# --------------------------------------------------------------------------- building blocks


@dataclass(frozen=True, slots=True)
class MaturityLevel:
    level: int
    name: str
    summary: str


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    hint: str
    area_id: str
    sub_component_id: str
    #: The Social CRM variant of the question, when the file gives one.
    social_text: str | None = None


@dataclass(frozen=True, slots=True)
class SubComponent:
    id: str
    name: str
    description: str
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class Area:
    id: str
    order: int
    name: str
    short_name: str
    guiding_question: str
    social_question: str
    why_it_matters: str
    #: One descriptor per maturity level, index 0 is level 1.
    levels: tuple[str, ...]
    sub_components: tuple[SubComponent, ...]
    metaphor: str | None = None
    cross_cutting: bool = False

    def level_descriptor(self, level: int) -> str:
        """The descriptor of maturity ``level`` (1 to 5) for this area."""
        if not MIN_SCORE <= level <= len(self.levels):
            raise ValueError(f"maturity level must be 1 to {len(self.levels)}, got {level}")
        return self.levels[level - 1]

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for sub in self.sub_components for q in sub.questions)

    def sub_component(self, sub_id: str) -> SubComponent:
        for sub in self.sub_components:
            if sub.id == sub_id:
                return sub
        raise KeyError(f"area {self.id!r} has no sub-component {sub_id!r}")


@dataclass(frozen=True, slots=True)
class ScoringThresholds:
    """Thresholds the scoring engine reads; the file explains each one."""

    missing_block_below: float
    min_completeness: float
    weak_foundation_below: float
    misalignment_levels: float
    high_spread_stdev: float
    large_gap: float


@dataclass(frozen=True, slots=True)
class BuildingBlocksFramework(FrameworkBase):
    maturity_levels: tuple[MaturityLevel, ...]
    scoring: ScoringThresholds
    #: Sorted by ``order``.
    areas: tuple[Area, ...]

    def areas_in_order(self) -> tuple[Area, ...]:
        return self.areas

    def core_areas(self) -> tuple[Area, ...]:
        """The areas that are not cross-cutting (the eight blocks proper)."""
        return tuple(a for a in self.areas if not a.cross_cutting)

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(f"framework {self.id!r} has no area {area_id!r}")

    def questions(self) -> tuple[Question, ...]:
        """Every question, areas in order, then sub-components, then questions."""
        return tuple(q for area in self.areas for q in area.questions())

    def question(self, question_id: str) -> Question:
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(f"framework {self.id!r} has no question {question_id!r}")

    def maturity_level(self, level: int) -> MaturityLevel:
        for item in self.maturity_levels:
            if item.level == level:
                return item
        raise KeyError(f"framework {self.id!r} has no maturity level {level}")


# --------------------------------------------------------------------------- layers


@dataclass(frozen=True, slots=True)
class LayerProcess:
    id: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class GateCriterion:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Layer:
    id: str
    order: int
    name: str
    short_name: str
    description: str
    prompts: tuple[str, ...]
    is_gate: bool = False
    processes: tuple[LayerProcess, ...] = ()
    gate_criteria: tuple[GateCriterion, ...] = ()
    #: ``"all"`` (every criterion must be met) or ``"any"``; ``None`` unless a gate.
    gate_rule: str | None = None


@dataclass(frozen=True, slots=True)
class Enabler:
    id: str
    name: str
    #: ``"foundation"`` or ``"delivery"``.
    kind: str
    description: str


@dataclass(frozen=True, slots=True)
class LayersFramework(FrameworkBase):
    #: Sorted by ``order``, top layer first.
    layers: tuple[Layer, ...]
    enablers: tuple[Enabler, ...] = ()
    tool_landscape_note: str | None = None

    def layers_in_order(self) -> tuple[Layer, ...]:
        return self.layers

    def layer(self, layer_id: str) -> Layer:
        for layer in self.layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(f"framework {self.id!r} has no layer {layer_id!r}")

    def gates(self) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if layer.is_gate)


# --------------------------------------------------------------------------- reference


@dataclass(frozen=True, slots=True)
class Approach:
    id: str
    name: str
    share_percent: int
    sign: str
    risk: str
    advice: str
    signals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SocialKind:
    id: str
    name: str
    #: ``"short-lived"`` or ``"long-term"``.
    horizon: str
    description: str
    is_strategic: bool


@dataclass(frozen=True, slots=True)
class StartingArea:
    id: str
    name: str
    #: ``"sales"``, ``"service"`` or ``"marketing"``.
    group: str
    description: str


@dataclass(frozen=True, slots=True)
class PlatformCategory:
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class DefinitionTest:
    """One test a definition implies (e.g. "a sustained strategy, not a project")."""

    id: str
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Definition:
    id: str
    term: str
    text: str
    #: Who defined it and when, e.g. "Gartner, 1995".
    origin: str
    tests: tuple[DefinitionTest, ...] = ()


@dataclass(frozen=True, slots=True)
class ReferenceFramework(FrameworkBase):
    approaches: tuple[Approach, ...] = ()
    social_kinds: tuple[SocialKind, ...] = ()
    starting_areas: tuple[StartingArea, ...] = ()
    max_initial_areas: int | None = None
    starting_areas_note: str | None = None
    platform_categories: tuple[PlatformCategory, ...] = ()
    platform_landscape_note: str | None = None
    governance_checklist: tuple[ChecklistItem, ...] = ()
    definitions: tuple[Definition, ...] = ()

    def approach(self, approach_id: str) -> Approach:
        for item in self.approaches:
            if item.id == approach_id:
                return item
        raise KeyError(f"framework {self.id!r} has no approach {approach_id!r}")

    def definition(self, definition_id: str) -> Definition:
        for item in self.definitions:
            if item.id == definition_id:
                return item
        raise KeyError(f"framework {self.id!r} has no definition {definition_id!r}")


Framework: TypeAlias = BuildingBlocksFramework | LayersFramework | ReferenceFramework
