"""Translated names for the core's enums and fields, declared once for every view.

The core's ``.label`` texts are English; the UI shows these instead so that a translator
finds them (``QT_TRANSLATE_NOOP`` marks them for lupdate).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from scrm_desk.records import EngagementStatus, StakeholderGroup, Variant

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
