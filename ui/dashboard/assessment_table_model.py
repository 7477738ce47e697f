"""The assessments of one engagement, oldest first: name, date, variant, status, answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from scrm_desk.records import Assessment
from ui.labels import format_date, variant_label
from ui.wizards.assessment_labels import assessment_status_label

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str

    def header(self) -> str:
        return QCoreApplication.translate("AssessmentTableModel", self.title)


COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("AssessmentTableModel", "Assessment")),
    Column("date", QT_TRANSLATE_NOOP("AssessmentTableModel", "Date")),
    Column("variant", QT_TRANSLATE_NOOP("AssessmentTableModel", "Variant")),
    Column("status", QT_TRANSLATE_NOOP("AssessmentTableModel", "Status")),
    Column("answers", QT_TRANSLATE_NOOP("AssessmentTableModel", "Answers")),
)
COLUMN_OF = {column.key: number for number, column in enumerate(COLUMNS)}


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    assessment: Assessment
    #: Answers stored for it (every respondent and lens).
    answers: int


class AssessmentTableModel(QAbstractTableModel):
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AssessmentRow] = []

    def set_rows(self, rows: Sequence[AssessmentRow]) -> None:
        """Show ``rows``; an update of the same assessments keeps selection and current."""
        new = list(rows)
        if [r.assessment.id for r in new] == [r.assessment.id for r in self._rows] and new:
            self._rows = new
            self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def assessment_at(self, row: int) -> Assessment:
        return self._rows[row].assessment

    def row_of(self, assessment_id: str) -> int | None:
        for row, item in enumerate(self._rows):
            if item.assessment.id == assessment_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section].header()
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        assessment = item.assessment
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "name": assessment.name,
                "date": format_date(assessment.assessed_on),
                "variant": variant_label(assessment.variant),
                "status": assessment_status_label(assessment.status),
                "answers": str(item.answers),
            }[key]
        if role == Qt.ItemDataRole.ToolTipRole and key == "name" and assessment.notes:
            return assessment.notes
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "answers":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.IdRole:
            return assessment.id
        return None
