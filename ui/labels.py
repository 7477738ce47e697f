"""Translated names for the core's enums, fields and scoring codes, declared once for
every view (the forms, the assessment wizard, the dashboard).

The core's ``.label`` texts are English; the UI shows these instead so that a translator
finds them (``QT_TRANSLATE_NOOP`` marks them for lupdate).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from scrm_desk.records import (
    AnswerKind,
    AssessmentStatus,
    Confidence,
    EngagementStatus,
    Lens,
    StakeholderGroup,
    Variant,
)

_CONTEXT = "Labels"

#: Dates everywhere in the UI: the month by name, so day and month cannot be confused.
DATE_FORMAT = "d MMM yyyy"

_STATUS = {
    EngagementStatus.PLANNED: QT_TRANSLATE_NOOP("Labels", "Planned"),
    EngagementStatus.ACTIVE: QT_TRANSLATE_NOOP("Labels", "Active"),
    EngagementStatus.DELIVERED: QT_TRANSLATE_NOOP("Labels", "Delivered"),
    EngagementStatus.ARCHIVED: QT_TRANSLATE_NOOP("Labels", "Archived"),
}
_VARIANT = {
    Variant.CLASSIC: QT_TRANSLATE_NOOP("Labels", "Classic CRM"),
    Variant.SOCIAL: QT_TRANSLATE_NOOP("Labels", "Social CRM"),
    Variant.BOTH: QT_TRANSLATE_NOOP("Labels", "Classic and Social CRM"),
}
_GROUP = {
    StakeholderGroup.EXECUTIVE: QT_TRANSLATE_NOOP("Labels", "Executive"),
    StakeholderGroup.BUSINESS: QT_TRANSLATE_NOOP("Labels", "Business"),
    StakeholderGroup.IT: QT_TRANSLATE_NOOP("Labels", "IT"),
    StakeholderGroup.FRONT_LINE: QT_TRANSLATE_NOOP("Labels", "Front-line"),
    StakeholderGroup.PARTNER: QT_TRANSLATE_NOOP("Labels", "Partner"),
}
# Field names as a consultant reads them in an error message.
_FIELD = {
    "name": QT_TRANSLATE_NOOP("Labels", "Name"),
    "industry": QT_TRANSLATE_NOOP("Labels", "Industry"),
    "size": QT_TRANSLATE_NOOP("Labels", "Size"),
    "region": QT_TRANSLATE_NOOP("Labels", "Region"),
    "notes": QT_TRANSLATE_NOOP("Labels", "Notes"),
    "client_id": QT_TRANSLATE_NOOP("Labels", "Client"),
    "title": QT_TRANSLATE_NOOP("Labels", "Title"),
    "consultant": QT_TRANSLATE_NOOP("Labels", "Consultant"),
    "start_date": QT_TRANSLATE_NOOP("Labels", "Start date"),
    "end_date": QT_TRANSLATE_NOOP("Labels", "End date"),
    "status": QT_TRANSLATE_NOOP("Labels", "Status"),
    "variant": QT_TRANSLATE_NOOP("Labels", "Variant"),
    "scope_notes": QT_TRANSLATE_NOOP("Labels", "Scope notes"),
    "role": QT_TRANSLATE_NOOP("Labels", "Role"),
    "group": QT_TRANSLATE_NOOP("Labels", "Group"),
    "email": QT_TRANSLATE_NOOP("Labels", "E-mail"),
}


# Assessments and scoring.
_LENS = {
    Lens.CLASSIC: QT_TRANSLATE_NOOP("Labels", "Classic CRM"),
    Lens.SOCIAL: QT_TRANSLATE_NOOP("Labels", "Social CRM"),
}
_KIND = {
    AnswerKind.LEVEL: QT_TRANSLATE_NOOP("Labels", "Level"),
    AnswerKind.NOT_APPLICABLE: QT_TRANSLATE_NOOP("Labels", "Not applicable"),
    AnswerKind.DONT_KNOW: QT_TRANSLATE_NOOP("Labels", "Don't know"),
}
_CONFIDENCE = {
    Confidence.LOW: QT_TRANSLATE_NOOP("Labels", "Low"),
    Confidence.MEDIUM: QT_TRANSLATE_NOOP("Labels", "Medium"),
    Confidence.HIGH: QT_TRANSLATE_NOOP("Labels", "High"),
}
_ASSESSMENT_STATUS = {
    AssessmentStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Labels", "In progress"),
    AssessmentStatus.COMPLETE: QT_TRANSLATE_NOOP("Labels", "Complete"),
}
_SEVERITY = {
    "high": QT_TRANSLATE_NOOP("Labels", "High"),
    "medium": QT_TRANSLATE_NOOP("Labels", "Medium"),
    "low": QT_TRANSLATE_NOOP("Labels", "Low"),
}
#: Short names of the engine's block flags (see ``scrm_desk.scoring.results``).
_FLAG = {
    "not_assessed": QT_TRANSLATE_NOOP("Labels", "Not assessed enough"),
    "missing_block": QT_TRANSLATE_NOOP("Labels", "Missing block"),
    "broken_foundation": QT_TRANSLATE_NOOP("Labels", "Weak classic foundation"),
    "foundation_unknown": QT_TRANSLATE_NOOP("Labels", "Foundation unknown"),
    "large_gap": QT_TRANSLATE_NOOP("Labels", "Large gap"),
    "no_questions": QT_TRANSLATE_NOOP("Labels", "No questions"),
    "misaligned": QT_TRANSLATE_NOOP("Labels", "Business/IT misaligned"),
    "high_spread": QT_TRANSLATE_NOOP("Labels", "High spread"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def status_label(status: EngagementStatus | str) -> str:
    return _tr(_STATUS[EngagementStatus(status)])


def variant_label(variant: Variant | str) -> str:
    return _tr(_VARIANT[Variant(variant)])


def group_label(group: StakeholderGroup | str) -> str:
    return _tr(_GROUP[StakeholderGroup(group)])


def field_label(field: str) -> str:
    """The name of a record field as the forms show it; unknown fields as they are."""
    text = _FIELD.get(field)
    return _tr(text) if text else field


def format_date(iso_date: str | None) -> str:
    """An ISO date with the month named in the user's language ("2 Nov 2026"), which no
    reader can misread as month-first or day-first; an em dash for none."""
    if not iso_date:
        return "—"
    return QLocale().toString(QDate.fromString(iso_date, "yyyy-MM-dd"), DATE_FORMAT)


def plural(count: int, one: str, many: str) -> str:
    """``one`` or ``many`` (both already translated, with ``{count}``) for ``count``."""
    return (one if count == 1 else many).format(count=count)


def engagement_count_label(count: int) -> str:
    if count == 0:
        return _tr(QT_TRANSLATE_NOOP("Labels", "No engagements"))
    if count == 1:
        return _tr(QT_TRANSLATE_NOOP("Labels", "1 engagement"))
    return _tr(QT_TRANSLATE_NOOP("Labels", "{count} engagements")).format(count=count)


def describe_invalid(field: str, message: str) -> str:
    """A core validation message as a sentence: "Title is required", "E-mail: 'x' is …"."""
    label = field_label(field)
    if message.startswith(("is ", "must ", "contains ")):
        return f"{label} {message}"
    return f"{label}: {message}"


def lens_label(lens: Lens | str) -> str:
    return _tr(_LENS[Lens(lens)])


def kind_label(kind: AnswerKind | str) -> str:
    return _tr(_KIND[AnswerKind(kind)])


def confidence_label(confidence: Confidence | str) -> str:
    return _tr(_CONFIDENCE[Confidence(confidence)])


def assessment_status_label(status: AssessmentStatus | str) -> str:
    return _tr(_ASSESSMENT_STATUS[AssessmentStatus(status)])


def severity_label(severity: str) -> str:
    return _tr(_SEVERITY.get(severity, severity))


def flag_label(flag: str) -> str:
    """The short name of an engine flag; an unknown code is shown as it is."""
    text = _FLAG.get(flag)
    return _tr(text) if text else flag


def consensus_label() -> str:
    """Who answers when no single stakeholder does."""
    return _tr(QT_TRANSLATE_NOOP("Labels", "Consensus (agreed in the workshop)"))


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


def isolated(text: str) -> str:
    """``text`` as a Unicode isolate (FSI … PDI), for names set inside a sentence.

    Without it, a right-to-left title next to a Latin client name reorders the whole
    line ("Readiness — Ωmega" read as one name); isolated, each part keeps its own
    direction and the sentence keeps the interface's.
    """
    return f"\u2068{text}\u2069"
