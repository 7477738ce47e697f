"""The assessments of one engagement, oldest first: name, date, variant, status, answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from scrm_desk.records import Assessment
from ui.labels import assessment_status_label, format_date, variant_label
from ui.models.columns import Column, ColumnTableModel, column_numbers, declare_columns

COLUMNS = declare_columns(
    "AssessmentTableModel",
    Column("name", QT_TRANSLATE_NOOP("AssessmentTableModel", "Assessment")),
    Column("date", QT_TRANSLATE_NOOP("AssessmentTableModel", "Date")),
    Column("variant", QT_TRANSLATE_NOOP("AssessmentTableModel", "Variant")),
    Column("status", QT_TRANSLATE_NOOP("AssessmentTableModel", "Status")),
    Column("answers", QT_TRANSLATE_NOOP("AssessmentTableModel", "Answers"), numeric=True),
)
COLUMN_OF = column_numbers(COLUMNS)


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    assessment: Assessment
    #: Answers stored for it (every respondent and lens).
    answers: int


class AssessmentTableModel(ColumnTableModel[AssessmentRow]):
    """:meth:`set_rows` with the same assessments keeps selection and current."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, lambda row: row.assessment.id, parent)

    def assessment_at(self, row: int) -> Assessment:
        return self.row_at(row).assessment

    def display(self, row: AssessmentRow, key: str) -> Any:
        assessment = row.assessment
        return {
            "name": assessment.name,
            "date": format_date(assessment.assessed_on),
            "variant": variant_label(assessment.variant),
            "status": assessment_status_label(assessment.status),
            "answers": str(row.answers),
        }[key]

    def cell_data(self, row: AssessmentRow, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and key == "name" and row.assessment.notes:
            return row.assessment.notes
        return None
