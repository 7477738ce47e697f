"""The record dialogs: required fields, live checks, values returned, core errors shown."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from scrm_desk.errors import ValidationError
from scrm_desk.records import Client
from ui.dialogs.client_dialog import ClientDialog
from ui.dialogs.engagement_dialog import EngagementDialog

CLIENTS = [
    Client("c1", "Acme Telecom", "Telecom", "", "", "", "t", "t"),
    Client("c2", "Northwind Retail", "Retail", "", "", "", "t", "t"),
]


def _inputs(dialog: QWidget) -> list[QWidget]:
    """The dialog's input controls (not the line edits inside combo boxes and spin boxes)."""
    found: list[QWidget] = []
    for kind in (QLineEdit, QComboBox, QPlainTextEdit, QDateEdit, QCheckBox):
        for widget in dialog.findChildren(kind):
            if not isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
                found.append(widget)
    return found


def test_client_dialog_needs_a_name_and_returns_plain_values(qtbot):
    dialog = ClientDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "  Acme Telecom ")
    qtbot.keyClicks(dialog.industry_edit, "Telecom")
    dialog.size_combo.setCurrentText("250–999")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.values() == {
        "name": "Acme Telecom",
        "industry": "Telecom",
        "size": "250–999",
        "region": "",
        "notes": "",
    }


def test_engagement_dialog_ok_disabled_without_title(qtbot):
    dialog = EngagementDialog(CLIENTS, client_id="c1")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.client_combo.currentText() == "Acme Telecom"
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.title_edit, "Readiness review")
    assert dialog.ok_button.isEnabled()
    dialog.title_edit.clear()
    assert not dialog.ok_button.isEnabled()


def test_engagement_dialog_needs_a_client(qtbot):
    dialog = EngagementDialog(CLIENTS)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title_edit, "Readiness review")
    assert dialog.client_combo.currentIndex() == -1
    assert not dialog.ok_button.isEnabled()
    dialog.client_combo.setCurrentIndex(1)
    assert dialog.ok_button.isEnabled()
    assert dialog.values()["client_id"] == "c2"


def test_end_date_before_start_is_refused_live(qtbot):
    dialog = EngagementDialog(CLIENTS, client_id="c1")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Readiness review")
    dialog.start_edit.none_check.setChecked(False)
    dialog.start_edit.date_edit.setDate(QDate(2026, 9, 1))
    dialog.end_edit.none_check.setChecked(False)
    dialog.end_edit.date_edit.setDate(QDate(2026, 8, 31))
    assert not dialog.ok_button.isEnabled()
    assert "before the start date" in dialog.error_text("end_date")

    dialog.end_edit.date_edit.setDate(QDate(2026, 12, 18))
    assert dialog.ok_button.isEnabled()
    assert dialog.error_text("end_date") == ""
    values = dialog.values()
    assert (values["start_date"], values["end_date"]) == ("2026-09-01", "2026-12-18")

    dialog.end_edit.none_check.setChecked(True)  # "No date"
    assert dialog.values()["end_date"] is None


def test_engagement_dialog_returns_enum_values(qtbot):
    dialog = EngagementDialog(CLIENTS, client_id="c2")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title_edit, "Care on social")
    qtbot.keyClicks(dialog.consultant_edit, "Sam Lee")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findText("Active"))
    dialog.variant_combo.setCurrentIndex(dialog.variant_combo.findText("Social CRM"))
    qtbot.keyClicks(dialog.scope_edit, "Service first")
    assert dialog.values() == {
        "client_id": "c2",
        "title": "Care on social",
        "consultant": "Sam Lee",
        "start_date": None,
        "end_date": None,
        "status": "active",
        "variant": "social",
        "scope_notes": "Service first",
    }


def test_core_validation_error_is_shown_beside_its_field(qtbot):
    dialog = ClientDialog()
    qtbot.addWidget(dialog)
    dialog.show()

    def refuse(values):
        raise ValidationError("region", "contains control characters")

    dialog.set_submit_handler(refuse)
    qtbot.keyClicks(dialog.name_edit, "Acme")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # still open
    assert dialog.error_text("region") == "Region contains control characters"
    qtbot.waitUntil(lambda: dialog.region_edit.hasFocus())
    assert dialog.error_text("name") == ""


def test_every_input_has_an_accessible_name_and_a_label(qtbot):
    for dialog in (ClientDialog(), EngagementDialog(CLIENTS)):
        qtbot.addWidget(dialog)
        for widget in _inputs(dialog):
            assert widget.accessibleName(), widget
        labelled = {label.buddy() for label in dialog.findChildren(type(dialog.required_note))}
        for key in dialog._fields:
            assert dialog.field_widget(key) in labelled, key
