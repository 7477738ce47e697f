"""What the record dialogs share: a form, required fields, errors beside their fields.

A dialog never writes. On OK it hands :meth:`RecordDialog.values` (a plain dict) to the
submit handler its opener set; the handler runs the command. If the core refuses, the
handler's ``ValidationError`` is shown beside the field it names, focus moves there, and
the dialog stays open. Without a handler, OK simply accepts and the opener reads
:meth:`values`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.errors import ScrmError, ValidationError
from ui.labels import describe_invalid
from ui.widgets.inline_message import InlineMessage

SubmitHandler = Callable[[dict[str, Any]], None]


class RecordDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, InlineMessage] = {}
        self._required: dict[str, Callable[[], bool]] = {}
        self._submit: SubmitHandler | None = None
        self._live_problem_keys: set[str] = set()

        self.general_error = InlineMessage()
        self.required_note = QLabel(self.tr("Fields marked * are required."))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.required_note)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # -- building the form ----------------------------------------------------------------
    def add_field(
        self,
        key: str,
        label: str,
        widget: QWidget,
        *,
        field_widget: QWidget | None = None,
        required: Callable[[], bool] | None = None,
    ) -> QLabel:
        """Add a labelled row, and a hidden row under it for the field's error.

        ``key`` is the core's field name, so a ``ValidationError`` finds its row.
        ``field_widget`` is what takes the focus and the label's buddy (when ``widget``
        is a composite); ``required`` tells whether a required field is filled in.
        """
        caption = QLabel(f"{label} *" if required else label)
        caption.setBuddy(field_widget or widget)
        self.form.addRow(caption, widget)
        error = InlineMessage()
        self.form.addRow("", error)
        self.form.setRowVisible(error, False)
        self._fields[key] = field_widget or widget
        self._errors[key] = error
        if required is not None:
            self._required[key] = required
        return caption

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def field_widget(self, key: str) -> QWidget:
        return self._fields[key]

    def set_submit_handler(self, handler: SubmitHandler | None) -> None:
        self._submit = handler

    # -- state ----------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def local_problems(self) -> dict[str, str]:
        """Problems found without the core (e.g. dates in the wrong order), by field."""
        return {}

    def is_complete(self) -> bool:
        return all(filled() for filled in self._required.values()) and not self.local_problems()

    def update_state(self) -> None:
        """Re-check after any edit: live problems shown, OK enabled only when complete."""
        problems = self.local_problems()
        for key in self._live_problem_keys - problems.keys():
            self._show_field_error(key, "")
        for key, message in problems.items():
            self._show_field_error(key, message)
        self._live_problem_keys = set(problems)
        self.ok_button.setEnabled(self.is_complete())

    def error_text(self, key: str | None) -> str:
        """The error shown for a field (``None``: the one under the form)."""
        return (self.general_error if key is None else self._errors[key]).text()

    def show_error(self, field: str | None, message: str) -> None:
        """Show a refusal beside ``field`` and move the focus there; else under the form."""
        if field in self._errors:
            self._show_field_error(field, message)
            self._fields[field].setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.general_error.show_message(message)

    def _show_field_error(self, key: str, message: str) -> None:
        error = self._errors[key]
        error.show_message(message)
        self.form.setRowVisible(error, bool(message))

    # -- OK -------------------------------------------------------------------------------
    def accept(self) -> None:
        if not self.is_complete():
            return
        self.general_error.clear()
        for key in self._errors:
            self._show_field_error(key, "")
        if self._submit is not None:
            try:
                self._submit(self.values())
            except ValidationError as exc:
                if exc.field in self._errors:
                    self.show_error(exc.field, describe_invalid(exc.field, exc.message))
                else:
                    self.show_error(None, describe_invalid(exc.field, exc.message))
                return
            except ScrmError as exc:
                self.show_error(None, str(exc))
                return
        super().accept()
