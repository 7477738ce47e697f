"""New Client / Edit Client."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from scrm_desk.records import Client
from ui.dialogs.record_dialog import RecordDialog

# Common headcount bands; the field is free text, these are only suggestions.
SIZE_SUGGESTIONS = ("", "1–49", "50–249", "250–999", "1,000–4,999", "5,000+")


class ClientDialog(RecordDialog):
    """Returns ``name``, ``industry``, ``size``, ``region`` and ``notes``."""

    def __init__(self, client: Client | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit Client") if client else self.tr("New Client"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Client name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Northwind Retail"))
        self.industry_edit = QLineEdit()
        self.industry_edit.setAccessibleName(self.tr("Industry"))
        self.industry_edit.setPlaceholderText(self.tr("e.g. Retail, Telecom, Public sector"))
        self.size_combo = QComboBox()
        self.size_combo.setEditable(True)
        self.size_combo.addItems(list(SIZE_SUGGESTIONS))
        self.size_combo.setAccessibleName(self.tr("Size"))
        self.size_combo.lineEdit().setPlaceholderText(self.tr("Employees"))
        self.region_edit = QLineEdit()
        self.region_edit.setAccessibleName(self.tr("Region"))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(80)

        self.add_field(
            "name",
            self.tr("&Name"),
            self.name_edit,
            required=lambda: bool(self.name_edit.text().strip()),
        )
        self.add_field("industry", self.tr("&Industry"), self.industry_edit)
        self.add_field("size", self.tr("&Size"), self.size_combo)
        self.add_field("region", self.tr("&Region"), self.region_edit)
        self.add_field("notes", self.tr("N&otes"), self.notes_edit)
        self.setMinimumWidth(440)

        if client is not None:
            self.name_edit.setText(client.name)
            self.industry_edit.setText(client.industry)
            self.size_combo.setCurrentText(client.size)
            self.region_edit.setText(client.region)
            self.notes_edit.setPlainText(client.notes)
        self._connect_signals()
        self.update_state()

    def _connect_signals(self) -> None:
        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name_edit.text().strip(),
            "industry": self.industry_edit.text().strip(),
            "size": self.size_combo.currentText().strip(),
            "region": self.region_edit.text().strip(),
            "notes": self.notes_edit.toPlainText().strip(),
        }

    def _on_name_edit_text_changed(self, _text: str) -> None:
        self.update_state()


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    dialog = ClientDialog()
    dialog.accepted.connect(lambda: print(dialog.values()))
    dialog.show()
    sys.exit(app.exec())
