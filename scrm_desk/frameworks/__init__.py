"""Framework content as data: the model, the strict loader and the catalog.

Typical use::

    catalog = FrameworkCatalog.load([workspace_dir / "frameworks"])
    blocks = catalog.building_blocks()          # "gartner-8bb" unless chosen otherwise
    for problem in catalog.problems:            # broken consultant files, skipped
        print(problem.message)
"""

from scrm_desk.frameworks.catalog import (
    FrameworkCatalog,
    LoadProblem,
    builtin_frameworks_dir,
    check_file,
    framework_to_dict,
)
from scrm_desk.frameworks.loader import (
    MAX_FILE_BYTES,
    SUPPORTED_SCHEMA_VERSION,
    FrameworkError,
    load_framework_file,
    parse_framework,
)
from scrm_desk.frameworks.model import (
    BUILTIN_SOURCE,
    KIND_BUILDING_BLOCKS,
    KIND_LAYERS,
    KIND_REFERENCE,
    KINDS,
    Approach,
    Area,
    BuildingBlocksFramework,
    ChecklistItem,
    Definition,
    DefinitionTest,
    Enabler,
    Framework,
    FrameworkBase,
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

__all__ = [
    "BUILTIN_SOURCE",
    "KINDS",
    "KIND_BUILDING_BLOCKS",
    "KIND_LAYERS",
    "KIND_REFERENCE",
    "MAX_FILE_BYTES",
    "SUPPORTED_SCHEMA_VERSION",
    "Approach",
    "Area",
    "BuildingBlocksFramework",
    "ChecklistItem",
    "Definition",
    "DefinitionTest",
    "Enabler",
    "Framework",
    "FrameworkBase",
    "FrameworkCatalog",
    "FrameworkError",
    "GateCriterion",
    "Layer",
    "LayerProcess",
    "LayersFramework",
    "LoadProblem",
    "MaturityLevel",
    "PlatformCategory",
    "Question",
    "ReferenceFramework",
    "ScoringThresholds",
    "SocialKind",
    "StartingArea",
    "SubComponent",
    "builtin_frameworks_dir",
    "check_file",
    "framework_to_dict",
    "load_framework_file",
    "parse_framework",
]
