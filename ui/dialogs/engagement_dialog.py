"""New Engagement / Edit Engagement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from scrm_desk.records import Client, Engagement, EngagementStatus, Variant
from ui.dialogs.record_dialog import RecordDialog
from ui.labels import status_label, variant_label
from ui.widgets.optional_date_edit import OptionalDateEdit


class EngagementDialog(RecordDialog):
    """Returns ``client_id``, ``title``, ``consultant``, ``start_date``, ``end_date``
    (ISO dates or ``None``), ``status``, ``variant`` (enum values) and ``scope_notes``."""

    #: "New client…" was clicked; the opener creates the client, then calls set_clients().
    new_client_requested = Signal()

    def __init__(
        self,
        clients: Sequence[Client],
        engagement: Engagement | None = None,
        *,
        client_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit Engagement") if engagement else self.tr("New Engagement"))
        self.client_combo = QComboBox()
        self.client_combo.setAccessibleName(self.tr("Client"))
        self.client_combo.setPlaceholderText(self.tr("Choose a client"))
        self.new_client_button = QPushButton(self.tr("New C&lient…"))
        self.new_client_button.setAccessibleName(self.tr("New client"))
        client_row = QWidget()
        client_layout = QHBoxLayout(client_row)
        client_layout.setContentsMargins(0, 0, 0, 0)
        client_layout.addWidget(self.client_combo, 1)
        client_layout.addWidget(self.new_client_button)

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Engagement title"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Social CRM readiness review"))
        self.consultant_edit = QLineEdit()
        self.consultant_edit.setAccessibleName(self.tr("Consultant"))
        self.start_edit = OptionalDateEdit(self.tr("Start date"))
        self.end_edit = OptionalDateEdit(self.tr("End date"))
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(self.tr("Status"))
        for status in EngagementStatus:
            self.status_combo.addItem(status_label(status), status.value)
        self.variant_combo = QComboBox()
        self.variant_combo.setAccessibleName(self.tr("Variant"))
        for variant in Variant:
            self.variant_combo.addItem(variant_label(variant), variant.value)
        self.scope_edit = QPlainTextEdit()
        self.scope_edit.setAccessibleName(self.tr("Scope notes"))
        self.scope_edit.setTabChangesFocus(True)
        self.scope_edit.setMinimumHeight(90)

        self.add_field(
            "client_id",
            self.tr("&Client"),
            client_row,
            field_widget=self.client_combo,
            required=lambda: self.client_combo.currentData() is not None,
        )
        self.add_field(
            "title",
            self.tr("&Title"),
            self.title_edit,
            required=lambda: bool(self.title_edit.text().strip()),
        )
        self.add_field("consultant", self.tr("C&onsultant"), self.consultant_edit)
        self.add_field("start_date", self.tr("&Start date"), self.start_edit)
        self.add_field("end_date", self.tr("&End date"), self.end_edit)
        self.add_field("status", self.tr("St&atus"), self.status_combo)
        self.add_field("variant", self.tr("&Variant"), self.variant_combo)
        self.add_field("scope_notes", self.tr("Scope &notes"), self.scope_edit)
        self.setMinimumWidth(500)

        self.set_clients(clients, engagement.client_id if engagement else client_id)
        if engagement is None:
            self.start_edit.set_value(None)
            self.end_edit.set_value(None)
            self.variant_combo.setCurrentIndex(self.variant_combo.findData(Variant.BOTH.value))
        else:
            self.title_edit.setText(engagement.title)
            self.consultant_edit.setText(engagement.consultant)
            self.start_edit.set_value(engagement.start_date)
            self.end_edit.set_value(engagement.end_date)
            self.status_combo.setCurrentIndex(self.status_combo.findData(engagement.status.value))
            self.variant_combo.setCurrentIndex(
                self.variant_combo.findData(engagement.variant.value)
            )
            self.scope_edit.setPlainText(engagement.scope_notes)
        self.setTabOrder(self.client_combo, self.new_client_button)
        self.setTabOrder(self.new_client_button, self.title_edit)
        self._connect_signals()
        self.update_state()
        (self.title_edit if self.client_combo.currentData() else self.client_combo).setFocus()

    def _connect_signals(self) -> None:
        self.new_client_button.clicked.connect(self.new_client_requested)
        self.client_combo.currentIndexChanged.connect(self._on_client_combo_changed)
        self.title_edit.textChanged.connect(self._on_title_edit_text_changed)
        self.start_edit.changed.connect(self._on_date_changed)
        self.end_edit.changed.connect(self._on_date_changed)

    def set_clients(self, clients: Sequence[Client], select_id: str | None = None) -> None:
        """Offer ``clients``; select ``select_id`` (else keep the current choice)."""
        keep = select_id or self.client_combo.currentData()
        self.client_combo.blockSignals(True)
        self.client_combo.clear()
        for client in clients:
            self.client_combo.addItem(client.name, client.id)
        self.client_combo.setCurrentIndex(self.client_combo.findData(keep) if keep else -1)
        self.client_combo.blockSignals(False)
        self.update_state()

    def values(self) -> dict[str, Any]:
        return {
            "client_id": self.client_combo.currentData(),
            "title": self.title_edit.text().strip(),
            "consultant": self.consultant_edit.text().strip(),
            "start_date": self.start_edit.value(),
            "end_date": self.end_edit.value(),
            "status": self.status_combo.currentData(),
            "variant": self.variant_combo.currentData(),
            "scope_notes": self.scope_edit.toPlainText().strip(),
        }

    def local_problems(self) -> dict[str, str]:
        start, end = self.start_edit.value(), self.end_edit.value()
        if start and end and end < start:
            return {"end_date": self.tr("The end date is before the start date.")}
        return {}

    def _on_client_combo_changed(self, _index: int) -> None:
        self.update_state()

    def _on_title_edit_text_changed(self, _text: str) -> None:
        self.update_state()

    def _on_date_changed(self) -> None:
        self.update_state()


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from ui.sample_data import open_sample_workspace

    app = QApplication(sys.argv)
    workspace = open_sample_workspace()
    dialog = EngagementDialog(workspace.clients.all())
    dialog.accepted.connect(lambda: print(dialog.values()))
    dialog.show()
    code = app.exec()
    workspace.close()
    sys.exit(code)
