"""A date that may be left empty: a date edit with a "No date" check box."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from ui.labels import DATE_FORMAT

ISO = "yyyy-MM-dd"


class OptionalDateEdit(QWidget):
    """Its value is an ISO date (``YYYY-MM-DD``) or ``None``."""

    #: The value changed (checked or unchecked, or another date picked).
    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setAccessibleName(accessible_name)
        self.none_check = QCheckBox(self.tr("No date"))
        self.none_check.setAccessibleName(self.tr("No {name}").format(name=accessible_name.lower()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_edit, 1)
        layout.addWidget(self.none_check)
        self.setFocusProxy(self.date_edit)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.none_check.toggled.connect(self._on_none_check_toggled)

    def value(self) -> str | None:
        if self.none_check.isChecked():
            return None
        return self.date_edit.date().toString(ISO)

    def set_value(self, iso_date: str | None) -> None:
        if iso_date:
            self.date_edit.setDate(QDate.fromString(iso_date, ISO))
        self.none_check.setChecked(not iso_date)
        self.date_edit.setEnabled(bool(iso_date))

    def _on_date_edit_date_changed(self, _date: QDate) -> None:
        self.changed.emit()

    def _on_none_check_toggled(self, checked: bool) -> None:
        self.date_edit.setEnabled(not checked)
        self.changed.emit()
