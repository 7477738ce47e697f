"""The findings of an assessment: severity, block, title, evidence and suggested action.

The engine sorts findings most severe first; the model keeps that order and sorts by
severity rank (not by the translated word) when the user sorts the column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtWidgets import QApplication, QStyle

from scrm_desk.scoring import Finding
from ui.labels import lens_label, severity_label
from ui.models.columns import AnyIndex, Column, ColumnTableModel, column_numbers, declare_columns

_RANK = {"high": 0, "medium": 1, "low": 2}
_ICON = {
    "high": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "medium": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "low": QStyle.StandardPixmap.SP_MessageBoxInformation,
}

COLUMNS = declare_columns(
    "FindingsModel",
    Column("severity", QT_TRANSLATE_NOOP("FindingsModel", "Severity")),
    Column("block", QT_TRANSLATE_NOOP("FindingsModel", "Block")),
    Column("lens", QT_TRANSLATE_NOOP("FindingsModel", "Lens")),
    Column("title", QT_TRANSLATE_NOOP("FindingsModel", "Finding")),
    Column("evidence", QT_TRANSLATE_NOOP("FindingsModel", "Evidence")),
    Column("action", QT_TRANSLATE_NOOP("FindingsModel", "Suggested action")),
)
COLUMN_OF = column_numbers(COLUMNS)


class FindingsModel(ColumnTableModel[Finding]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent=parent)
        self._names: dict[str, str] = {}

    def set_findings(self, findings: Sequence[Finding], area_names: Mapping[str, str]) -> None:
        self._names = dict(area_names)
        self.reset_rows(findings)

    def finding_at(self, row: int) -> Finding:
        return self.row_at(row)

    def block_name(self, finding: Finding) -> str:
        if finding.area_id is None:
            return self.tr("Whole assessment")
        return self._names.get(finding.area_id, finding.area_id)

    def display(self, finding: Finding, key: str) -> str:
        if key == "severity":
            return severity_label(finding.severity)
        if key == "block":
            return self.block_name(finding)
        if key == "lens":
            return lens_label(finding.lens) if finding.lens is not None else "—"
        if key == "title":
            return finding.title
        if key == "evidence":
            return finding.evidence
        return finding.suggested_action

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == self.SortRole and index.column() == COLUMN_OF["severity"]:
            row = index.row()
            if index.isValid() and 0 <= row < len(self._rows):
                # Rank first, then the engine's own order within a rank.
                return _RANK.get(self._rows[row].severity, 9) * 100_000 + row
        return super().data(index, role)

    def cell_data(self, finding: Finding, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.display(finding, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "severity":
            return QApplication.style().standardIcon(_ICON.get(finding.severity, _ICON["low"]))
        return None
