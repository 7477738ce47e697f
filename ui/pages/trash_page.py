"""The trash: engagements moved there, with Restore and Empty Trash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.changes import Changes
from ui.models.trash_model import TrashModel
from ui.widgets.record_table_view import RecordTableView
from ui.workspace_events import WorkspaceEvents

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class TrashPage(QWidget):
    """Lists the trash; the main window turns the requests into commands."""

    #: Restore the engagements with these ids.
    restore_requested = Signal(list)
    #: Empty the trash (the main window asks for confirmation first).
    empty_requested = Signal()

    def __init__(
        self, workspace: Workspace, events: WorkspaceEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.model = TrashModel(self)
        self.view = RecordTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Engagements in the trash"))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.heading = QLabel(self.tr("Trash"))
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = QLabel(
            self.tr(
                "Engagements you move to the trash stay here, with everything they hold, "
                "until you empty it. Restore puts one back where it was. Emptying the trash "
                "deletes them for good; it cannot be undone."
            )
        )
        self.explanation.setWordWrap(True)
        self.empty_label = QLabel(self.tr("The trash is empty."))
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setAccessibleName(self.tr("Restore selected engagements"))
        self.empty_button = QPushButton(self.tr("&Empty Trash…"))
        self.empty_button.setAccessibleName(self.tr("Empty the trash"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        # With the list hidden (an empty trash), this takes the spare height: the heading,
        # the explanation and "The trash is empty." stay together at the top. With the list
        # shown, the list's stretch wins and this stays empty.
        layout.addStretch(0)
        self._events = events
        self._connect_signals()
        self.reload()

    def _connect_signals(self) -> None:
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.view.doubleClicked.connect(self._on_restore_button_clicked)
        self.empty_button.clicked.connect(self.empty_requested)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.model.modelReset.connect(self._update_buttons)
        self._events.workspace_changed.connect(self._on_workspace_changed)

    def reload(self) -> None:
        names = {client.id: client.name for client in self._workspace.clients.all()}
        self.model.set_engagements(self._workspace.engagements.trashed(), names)

    def selected_ids(self) -> list[str]:
        return [
            index.data(TrashModel.IdRole) for index in self.view.selectionModel().selectedRows()
        ]

    def _on_workspace_changed(self, changes: Changes) -> None:
        if changes.touches("engagement", "client"):
            self.reload()

    def _on_restore_button_clicked(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.restore_requested.emit(ids)

    def _on_view_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.restore_button.setEnabled(self.view.selectionModel().hasSelection())
        self.empty_button.setEnabled(has_rows)
        self.view.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)
