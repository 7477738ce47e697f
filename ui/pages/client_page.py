"""What the right side shows when a client (rather than an engagement) is selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from scrm_desk.changes import Changes
from scrm_desk.errors import NotFoundError
from ui.labels import engagement_count_label
from ui.widgets.detail_form import DetailForm
from ui.workspace_events import WorkspaceEvents

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class ClientPage(QWidget):
    edit_requested = Signal()
    new_engagement_requested = Signal()

    def __init__(
        self, workspace: Workspace, events: WorkspaceEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._client_id: str | None = None
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.form = DetailForm()
        for key, label in (
            ("industry", self.tr("Industry:")),
            ("size", self.tr("Size:")),
            ("region", self.tr("Region:")),
            ("engagements", self.tr("Engagements:")),
            ("notes", self.tr("Notes:")),
        ):
            self.form.add_row(key, label)
        self.edit_button = QPushButton(self.tr("&Edit Client…"))
        self.edit_button.setAccessibleName(self.tr("Edit client"))
        self.new_engagement_button = QPushButton(self.tr("&New Engagement for This Client…"))
        self.new_engagement_button.setAccessibleName(self.tr("New engagement for this client"))

        box = QGroupBox(self.tr("Client"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.new_engagement_button)
        buttons.addStretch(1)
        box_layout.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(box)
        layout.addStretch(1)
        self._events = events
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.edit_button.clicked.connect(self.edit_requested)
        self.new_engagement_button.clicked.connect(self.new_engagement_requested)
        self._events.workspace_changed.connect(self._on_workspace_changed)

    @property
    def client_id(self) -> str | None:
        return self._client_id

    def set_client(self, client_id: str | None) -> None:
        self._client_id = client_id
        self._refresh()

    def _on_workspace_changed(self, changes: Changes) -> None:
        if self._client_id and changes.touches("client", "engagement"):
            self._refresh()

    def _refresh(self) -> None:
        try:
            client = self._workspace.clients.get(self._client_id) if self._client_id else None
        except NotFoundError:
            client = None
        if client is None:
            self.heading.clear()
            self.form.clear()
            return
        count = len(self._workspace.engagements.active(client_id=client.id))
        self.heading.setText(client.name)
        self.form.set_values(
            {
                "industry": client.industry,
                "size": client.size,
                "region": client.region,
                "engagements": engagement_count_label(count),
                "notes": client.notes,
            }
        )
