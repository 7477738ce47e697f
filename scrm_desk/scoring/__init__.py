"""Scoring: block scores, the overall index, alignment of respondents, findings, comparison.

Pure functions over records; no database and no Qt. :func:`score_assessment` is the one
call a view needs: it groups the responses once and returns an :class:`AssessmentResult`
holding the block scores, the index per lens, the alignment analysis and the findings.
The exact rules are stated in the docstrings of :mod:`.engine` (scores), :mod:`.alignment`
(spread and business/IT) and :mod:`.findings` (when each finding fires).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from scrm_desk.frameworks.model import BuildingBlocksFramework
from scrm_desk.records import Assessment, Response, Stakeholder
from scrm_desk.scoring.alignment import alignment_from_index, analyse_alignment
from scrm_desk.scoring.compare import compare_assessments
from scrm_desk.scoring.engine import index_responses, overall_index, score_blocks
from scrm_desk.scoring.findings import generate_findings
from scrm_desk.scoring.results import (
    AlignmentResult,
    AssessmentResult,
    BlockAlignment,
    BlockChange,
    BlockScore,
    Comparison,
    Finding,
    IndexChange,
    IndexScore,
    QuestionAlignment,
    QuestionScore,
    SpreadStats,
    SubScore,
    rounded,
    rounded_change,
)
from scrm_desk.scoring.rules import FINDING_KINDS, FindingRules, RulesError, load_rules

__all__ = [
    "FINDING_KINDS",
    "AlignmentResult",
    "AssessmentResult",
    "BlockAlignment",
    "BlockChange",
    "BlockScore",
    "Comparison",
    "Finding",
    "FindingRules",
    "IndexChange",
    "IndexScore",
    "QuestionAlignment",
    "QuestionScore",
    "RulesError",
    "SpreadStats",
    "SubScore",
    "analyse_alignment",
    "compare_assessments",
    "generate_findings",
    "load_rules",
    "rounded",
    "rounded_change",
    "score_assessment",
]


def score_assessment(
    framework: BuildingBlocksFramework,
    assessment: Assessment,
    responses: Iterable[Response],
    stakeholders: Iterable[Stakeholder],
    rules: FindingRules | None = None,
) -> AssessmentResult:
    """Score an assessment completely: blocks, index, alignment and findings in one call.

    ``responses`` are the assessment's answers (consensus and per stakeholder, both
    lenses); ``stakeholders`` the engagement's stakeholders, used to group respondents.
    ``rules`` defaults to the built-in ``resources/rules/findings.toml``.
    """
    rules = rules if rules is not None else load_rules()
    index = index_responses(framework, assessment, responses)
    blocks = score_blocks(framework, index)
    alignment = alignment_from_index(framework, index, stakeholders, rules)
    result = AssessmentResult(
        assessment_id=assessment.id,
        framework_id=framework.id,
        framework_version=framework.version,
        variant=assessment.variant,
        lenses=index.lenses,
        thresholds=framework.scoring,
        blocks=blocks,
        index=overall_index(blocks, index.lenses),
        alignment=alignment,
        findings=(),
        ignored_responses=index.ignored,
    )
    findings = generate_findings(framework, result, alignment, rules)
    return dataclasses.replace(result, findings=findings)
