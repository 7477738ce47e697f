"""Translated names for the assessment records and scoring codes the core uses.

Shared by the assessment wizard and the dashboard. The core's ``.label`` texts are
English; these go through ``tr()`` (``QT_TRANSLATE_NOOP`` marks them for lupdate).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from scrm_desk.records import AnswerKind, AssessmentStatus, Confidence, Lens

_CONTEXT = "AssessmentLabels"

_LENS = {
    Lens.CLASSIC: QT_TRANSLATE_NOOP("AssessmentLabels", "Classic CRM"),
    Lens.SOCIAL: QT_TRANSLATE_NOOP("AssessmentLabels", "Social CRM"),
}
_KIND = {
    AnswerKind.LEVEL: QT_TRANSLATE_NOOP("AssessmentLabels", "Level"),
    AnswerKind.NOT_APPLICABLE: QT_TRANSLATE_NOOP("AssessmentLabels", "Not applicable"),
    AnswerKind.DONT_KNOW: QT_TRANSLATE_NOOP("AssessmentLabels", "Don't know"),
}
_CONFIDENCE = {
    Confidence.LOW: QT_TRANSLATE_NOOP("AssessmentLabels", "Low"),
    Confidence.MEDIUM: QT_TRANSLATE_NOOP("AssessmentLabels", "Medium"),
    Confidence.HIGH: QT_TRANSLATE_NOOP("AssessmentLabels", "High"),
}
_STATUS = {
    AssessmentStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("AssessmentLabels", "In progress"),
    AssessmentStatus.COMPLETE: QT_TRANSLATE_NOOP("AssessmentLabels", "Complete"),
}
_SEVERITY = {
    "high": QT_TRANSLATE_NOOP("AssessmentLabels", "High"),
    "medium": QT_TRANSLATE_NOOP("AssessmentLabels", "Medium"),
    "low": QT_TRANSLATE_NOOP("AssessmentLabels", "Low"),
}
#: Short names of the engine's block flags (see ``scrm_desk.scoring.results``).
_FLAG = {
    "not_assessed": QT_TRANSLATE_NOOP("AssessmentLabels", "Not assessed enough"),
    "missing_block": QT_TRANSLATE_NOOP("AssessmentLabels", "Missing block"),
    "broken_foundation": QT_TRANSLATE_NOOP("AssessmentLabels", "Weak classic foundation"),
    "foundation_unknown": QT_TRANSLATE_NOOP("AssessmentLabels", "Foundation unknown"),
    "large_gap": QT_TRANSLATE_NOOP("AssessmentLabels", "Large gap"),
    "no_questions": QT_TRANSLATE_NOOP("AssessmentLabels", "No questions"),
    "misaligned": QT_TRANSLATE_NOOP("AssessmentLabels", "Business/IT misaligned"),
    "high_spread": QT_TRANSLATE_NOOP("AssessmentLabels", "High spread"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def lens_label(lens: Lens | str) -> str:
    return _tr(_LENS[Lens(lens)])


def kind_label(kind: AnswerKind | str) -> str:
    return _tr(_KIND[AnswerKind(kind)])


def confidence_label(confidence: Confidence | str) -> str:
    return _tr(_CONFIDENCE[Confidence(confidence)])


def assessment_status_label(status: AssessmentStatus | str) -> str:
    return _tr(_STATUS[AssessmentStatus(status)])


def severity_label(severity: str) -> str:
    return _tr(_SEVERITY.get(severity, severity))


def flag_label(flag: str) -> str:
    """The short name of an engine flag; an unknown code is shown as it is."""
    text = _FLAG.get(flag)
    return _tr(text) if text else flag


def consensus_label() -> str:
    """Who answers when no single stakeholder does."""
    return _tr(QT_TRANSLATE_NOOP("AssessmentLabels", "Consensus (agreed in the workshop)"))


def format_score(value: float | None, digits: int = 1) -> str:
    """A score for display ("2.7"); an em dash when there is none."""
    return "—" if value is None else f"{value:.{digits}f}"


def format_change(value: float | None) -> str:
    """A change with its sign ("+0.6", "−0.4", "±0.0"); an em dash when there is none."""
    if value is None:
        return "—"
    if abs(value) < 0.05:
        return "±0.0"
    return f"{value:+.1f}".replace("-", "−")
