"""The findings of an assessment: severity, block, title, evidence and suggested action.

The engine sorts findings most severe first; the model keeps that order and sorts by
severity rank (not by the translated word) when the user sorts the column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
from PySide6.QtWidgets import QApplication, QStyle

from scrm_desk.scoring import Finding
from ui.wizards.assessment_labels import lens_label, severity_label

AnyIndex = QModelIndex | QPersistentModelIndex

_RANK = {"high": 0, "medium": 1, "low": 2}
_ICON = {
    "high": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "medium": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "low": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str  # untranslated; see header()

    def header(self) -> str:
        return QCoreApplication.translate("FindingsModel", self.title)


COLUMNS: tuple[Column, ...] = (
    Column("severity", QT_TRANSLATE_NOOP("FindingsModel", "Severity")),
    Column("block", QT_TRANSLATE_NOOP("FindingsModel", "Block")),
    Column("lens", QT_TRANSLATE_NOOP("FindingsModel", "Lens")),
    Column("title", QT_TRANSLATE_NOOP("FindingsModel", "Finding")),
    Column("evidence", QT_TRANSLATE_NOOP("FindingsModel", "Evidence")),
    Column("action", QT_TRANSLATE_NOOP("FindingsModel", "Suggested action")),
)
COLUMN_OF = {column.key: number for number, column in enumerate(COLUMNS)}


class FindingsModel(QAbstractTableModel):
    SortRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._names: dict[str, str] = {}

    def set_findings(self, findings: Sequence[Finding], area_names: Mapping[str, str]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self._names = dict(area_names)
        self.endResetModel()

    def finding_at(self, row: int) -> Finding:
        return self._findings[row]

    def block_name(self, finding: Finding) -> str:
        if finding.area_id is None:
            return self.tr("Whole assessment")
        return self._names.get(finding.area_id, finding.area_id)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

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
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        key = COLUMNS[index.column()].key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(finding, key)
        if role == self.SortRole:
            if key == "severity":
                # Rank first, then the engine's own order within a rank.
                return _RANK.get(finding.severity, 9) * 100_000 + index.row()
            return self._text(finding, key).casefold()
        if role == Qt.ItemDataRole.DecorationRole and key == "severity":
            return QApplication.style().standardIcon(_ICON.get(finding.severity, _ICON["low"]))
        return None

    def _text(self, finding: Finding, key: str) -> str:
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
