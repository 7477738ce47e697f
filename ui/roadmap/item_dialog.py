"""New / Edit Roadmap Item, and Accept Suggested Initiative (the same form, prefilled).

Returns what :meth:`RoadmapItemDialog.values` says: title, description, phase, impact,
effort, owner, start and end date (ISO or ``None``), status and the building blocks,
layers and starting areas the item lifts (tuples of framework ids), which are exactly
the fields a suggestion may be edited in before it is accepted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.record_dialog import RecordDialog
from ui.roadmap.roadmap_model import PHASES, STATUSES, phase_label, status_label
from ui.widgets.optional_date_edit import OptionalDateEdit

#: (id, name) pairs offered as links.
Choices = Sequence[tuple[str, str]]


class _LinkBox(QGroupBox):
    """Check boxes for one kind of framework item the initiative lifts."""

    def __init__(self, title: str, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.boxes: dict[str, QCheckBox] = {}
        self._kept: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        for item_id, name in choices:
            box = QCheckBox(name)
            box.setAccessibleName(name)
            self.boxes[item_id] = box
            layout.addWidget(box)
        layout.addStretch(1)

    def set_ids(self, ids: Sequence[str]) -> None:
        for item_id, box in self.boxes.items():
            box.setChecked(item_id in ids)
        # Ids the framework no longer offers stay linked: nothing is lost silently.
        self._kept = tuple(i for i in ids if i not in self.boxes)

    def ids(self) -> tuple[str, ...]:
        chosen = tuple(item_id for item_id, box in self.boxes.items() if box.isChecked())
        return (*chosen, *self._kept)


class RoadmapItemDialog(RecordDialog):
    #: The fields :meth:`values` returns (and a roadmap item prefills).
    FIELDS = (
        "title",
        "description",
        "phase",
        "impact",
        "effort",
        "owner",
        "start_date",
        "end_date",
        "status",
        "block_ids",
        "layer_ids",
        "area_ids",
    )

    def __init__(
        self,
        values: Mapping[str, Any] | None = None,
        *,
        blocks: Choices = (),
        layers: Choices = (),
        areas: Choices = (),
        title: str | None = None,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("New Roadmap Item"))
        values = dict(values or {})
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setVisible(bool(reason))
        if reason:
            self.reason_label.setText(self.tr("Suggested because: {reason}").format(reason=reason))
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Initiative title"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setAccessibleName(self.tr("Description"))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(80)
        self.phase_combo = QComboBox()
        self.phase_combo.setAccessibleName(self.tr("Phase"))
        for phase in PHASES:
            self.phase_combo.addItem(phase_label(phase), phase)
        self.impact_spin = QSpinBox()
        self.impact_spin.setRange(1, 5)
        self.impact_spin.setAccessibleName(self.tr("Impact, 1 to 5"))
        self.effort_spin = QSpinBox()
        self.effort_spin.setRange(1, 5)
        self.effort_spin.setAccessibleName(self.tr("Effort, 1 to 5"))
        scores = QWidget()
        scores_layout = QHBoxLayout(scores)
        scores_layout.setContentsMargins(0, 0, 0, 0)
        effort_caption = QLabel(self.tr("E&ffort:"))
        effort_caption.setBuddy(self.effort_spin)
        scores_layout.addWidget(self.impact_spin)
        scores_layout.addSpacing(16)
        scores_layout.addWidget(effort_caption)
        scores_layout.addWidget(self.effort_spin)
        scores_layout.addStretch(1)
        self.owner_edit = QLineEdit()
        self.owner_edit.setAccessibleName(self.tr("Owner"))
        self.start_edit = OptionalDateEdit(self.tr("Start date"))
        self.end_edit = OptionalDateEdit(self.tr("End date"))
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(self.tr("Status"))
        for status in STATUSES:
            self.status_combo.addItem(status_label(status), status)
        self.block_box = _LinkBox(self.tr("Building blocks"), blocks)
        self.layer_box = _LinkBox(self.tr("Layers"), layers)
        self.area_box = _LinkBox(self.tr("Starting areas"), areas)
        links = QWidget()
        links_layout = QHBoxLayout(links)
        links_layout.setContentsMargins(0, 0, 0, 0)
        for box in (self.block_box, self.layer_box, self.area_box):
            links_layout.addWidget(box, 1)

        self.form.insertRow(0, self.reason_label)
        self.add_field(
            "title",
            self.tr("&Title"),
            self.title_edit,
            required=lambda: bool(self.title_edit.text().strip()),
        )
        self.add_field("description", self.tr("&Description"), self.description_edit)
        self.add_field("phase", self.tr("&Phase"), self.phase_combo)
        self.add_field("impact", self.tr("&Impact"), scores, field_widget=self.impact_spin)
        self.add_field("owner", self.tr("&Owner"), self.owner_edit)
        self.add_field("start_date", self.tr("&Start date"), self.start_edit)
        self.add_field("end_date", self.tr("&End date"), self.end_edit)
        self.add_field("status", self.tr("St&atus"), self.status_combo)
        self.add_field("block_ids", self.tr("Lifts"), links, field_widget=self.block_box)
        self.setMinimumWidth(680)

        self.title_edit.setText(str(values.get("title", "")))
        self.description_edit.setPlainText(str(values.get("description", "")))
        self._choose(self.phase_combo, values.get("phase", "next"))
        self.impact_spin.setValue(int(values.get("impact", 3)))
        self.effort_spin.setValue(int(values.get("effort", 3)))
        self.owner_edit.setText(str(values.get("owner", "")))
        self.start_edit.set_value(values.get("start_date"))
        self.end_edit.set_value(values.get("end_date"))
        self._choose(self.status_combo, values.get("status", "proposed"))
        self.block_box.set_ids(tuple(values.get("block_ids", ())))
        self.layer_box.set_ids(tuple(values.get("layer_ids", ())))
        self.area_box.set_ids(tuple(values.get("area_ids", ())))

        self.title_edit.textChanged.connect(self._on_edited)
        self.start_edit.changed.connect(self._on_edited)
        self.end_edit.changed.connect(self._on_edited)
        self.update_state()
        self.title_edit.setFocus()

    @staticmethod
    def _choose(combo: QComboBox, value: Any) -> None:
        plain = getattr(value, "value", value)
        combo.setCurrentIndex(max(combo.findData(plain), 0))

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip(),
            "phase": self.phase_combo.currentData(),
            "impact": self.impact_spin.value(),
            "effort": self.effort_spin.value(),
            "owner": self.owner_edit.text().strip(),
            "start_date": self.start_edit.value(),
            "end_date": self.end_edit.value(),
            "status": self.status_combo.currentData(),
            "block_ids": self.block_box.ids(),
            "layer_ids": self.layer_box.ids(),
            "area_ids": self.area_box.ids(),
        }

    def local_problems(self) -> dict[str, str]:
        start, end = self.start_edit.value(), self.end_edit.value()
        if start and end and end < start:
            return {"end_date": self.tr("The end date is before the start date.")}
        return {}

    def _on_edited(self, *_args: object) -> None:
        self.update_state()


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    dialog = RoadmapItemDialog(
        {"title": "Social care pilot", "phase": "quick_win", "impact": 5, "effort": 3},
        blocks=[("processes", "Processes"), ("metrics", "Metrics")],
        layers=[("customer_experience", "Customer Experience")],
        areas=[("customer_service", "Customer service")],
        reason="Complaints on social sites reach the contact centre days late.",
    )
    dialog.accepted.connect(lambda: print(dialog.values()))
    dialog.show()
    sys.exit(app.exec())
