"""Editing an assessment's details: name, date, variant and notes (not its answers)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from scrm_desk.records import Assessment, Variant
from ui.dialogs.record_dialog import RecordDialog
from ui.labels import variant_label
from ui.widgets.optional_date_edit import OptionalDateEdit


class AssessmentDetailsDialog(RecordDialog):
    def __init__(self, assessment: Assessment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._assessment = assessment
        self.setWindowTitle(self.tr("Assessment Details"))
        self.name_edit = QLineEdit(assessment.name)
        self.name_edit.setAccessibleName(self.tr("Assessment name"))
        self.date_edit = OptionalDateEdit(self.tr("Assessment date"))
        self.date_edit.set_value(assessment.assessed_on)
        self.variant_combo = QComboBox()
        self.variant_combo.setAccessibleName(self.tr("Variant"))
        for variant in Variant:
            self.variant_combo.addItem(variant_label(variant), variant.value)
        self.variant_combo.setCurrentIndex(self.variant_combo.findData(assessment.variant.value))
        self.variant_combo.setToolTip(
            self.tr("Answers under a lens the variant leaves out are kept but not scored.")
        )
        self.notes_edit = QPlainTextEdit(assessment.notes)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.add_field("name", self.tr("&Name:"), self.name_edit, required=self._has_name)
        self.add_field(
            "assessed_on", self.tr("&Date:"), self.date_edit, field_widget=self.date_edit
        )
        self.add_field("variant", self.tr("&Variant:"), self.variant_combo)
        self.add_field("notes", self.tr("N&otes:"), self.notes_edit)
        self.name_edit.textChanged.connect(self.update_state)
        self.resize(460, 320)
        self.update_state()

    def _has_name(self) -> bool:
        return bool(self.name_edit.text().strip())

    def values(self) -> dict[str, Any]:
        """The fields that differ from the assessment as it was opened."""
        values = {
            "name": self.name_edit.text().strip(),
            "assessed_on": self.date_edit.value(),
            "variant": Variant(self.variant_combo.currentData()),
            "notes": self.notes_edit.toPlainText(),
        }
        return {k: v for k, v in values.items() if getattr(self._assessment, k) != v}
