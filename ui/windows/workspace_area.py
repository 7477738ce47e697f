"""Everything the main window shows for an open workspace, and the record actions.

A splitter with the navigator on the left and, on the right, the page of what is
selected: a client, an engagement's tabs, the trash, or a hint when nothing is. The
area handles the actions that create, edit and delete records: each becomes a command
on the window's runner, or a dialog whose submit handler runs one. The main window
imports this module only once a workspace is open (see ``ui.app`` on start-up time).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QSplitter, QStackedWidget, QWidget

from scrm_desk.changes import Changes
from scrm_desk.errors import ScrmError
from ui.commands.base import CommandRunner, WorkspaceCommand, changed_fields
from ui.commands.client_commands import CreateClient, DeleteClient, EditClient
from ui.commands.demo_commands import AddDemoEngagement, DemoFactory
from ui.commands.engagement_commands import (
    CreateEngagement,
    EditEngagement,
    RestoreEngagement,
    TrashEngagement,
)
from ui.dialogs.client_dialog import ClientDialog
from ui.dialogs.engagement_dialog import EngagementDialog
from ui.labels import plural
from ui.models.navigator_model import CLIENT, ENGAGEMENT
from ui.pages.client_page import ClientPage
from ui.pages.engagement_view import EngagementView
from ui.pages.trash_page import TrashPage
from ui.widgets.navigator_panel import NavigatorPanel
from ui.widgets.placeholder_page import PlaceholderPage
from ui.windows.engagement_transfer import EngagementTransfer
from ui.windows.main_actions import MainActions

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


#: Quiet time after a change before the log is written back into the workspace file.
CHECKPOINT_DELAY_MS = 3000


class WorkspaceArea(QSplitter):
    #: Something worth a line in the status bar happened.
    status_message = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: CommandRunner,
        actions: MainActions,
        *,
        demo_factory: DemoFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("workspaceArea")
        self.workspace = workspace
        self.runner = runner
        self.menu_actions = actions
        self._demo_factory = demo_factory

        self.navigator = NavigatorPanel(workspace, runner.events)
        self.navigator.set_trash_action(actions.show_trash)
        self.navigator.set_context_actions([actions.new_engagement, actions.edit, actions.trash])
        shortcut = actions.new_engagement.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.empty_page = PlaceholderPage(
            self.tr("No engagement selected"),
            self.tr(
                "Choose a client or an engagement on the left, or start a new engagement "
                "with File › New Engagement ({shortcut})."
            ).format(shortcut=shortcut),
        )
        self.client_page = ClientPage(workspace, runner.events)
        self.engagement_view = EngagementView(workspace, runner)
        self.trash_page = TrashPage(workspace, runner.events)
        self.pages = QStackedWidget()
        for page in (self.empty_page, self.client_page, self.engagement_view, self.trash_page):
            self.pages.addWidget(page)
        self.addWidget(self.navigator)
        self.addWidget(self.pages)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.setSizes([320, 860])

        # A few seconds after the last change, fold the write-ahead log back into the
        # workspace file, so that a copy of the file alone is up to date.
        self._checkpoint_timer = QTimer(self)
        self._checkpoint_timer.setSingleShot(True)
        self._checkpoint_timer.setInterval(CHECKPOINT_DELAY_MS)
        self._checkpoint_timer.timeout.connect(self.workspace.checkpoint)

        self.transfer = EngagementTransfer(workspace, runner, self)
        self._connect_signals()
        self._update_record_actions()
        self._update_trash_action()
        self._show_selected_page()

    def _connect_signals(self) -> None:
        a = self.menu_actions
        a.new_client.triggered.connect(self._on_new_client_triggered)
        a.new_engagement.triggered.connect(self._on_new_engagement_triggered)
        a.edit.triggered.connect(self._on_edit_triggered)
        a.trash.triggered.connect(self._on_trash_triggered)
        a.add_demo.triggered.connect(self._on_add_demo_triggered)
        a.import_engagement.triggered.connect(self._on_import_engagement_triggered)
        a.export_engagement.triggered.connect(self._on_export_engagement_triggered)
        self.transfer.imported.connect(self._on_engagement_imported)
        self.transfer.status_message.connect(self.status_message)
        a.find.triggered.connect(self.navigator.focus_search)
        a.show_trash.toggled.connect(self._on_show_trash_toggled)
        self.runner.events.workspace_changed.connect(self._on_workspace_changed)
        self.navigator.selection_changed.connect(self._on_navigator_selection_changed)
        self.navigator.record_activated.connect(self._on_navigator_record_activated)
        self.client_page.edit_requested.connect(self._on_edit_triggered)
        self.client_page.new_engagement_requested.connect(self._on_new_engagement_triggered)
        self.engagement_view.overview.edit_requested.connect(self._on_edit_triggered)
        # Queued: the failure is reported from inside a table edit; let the edit finish.
        self.engagement_view.overview.command_failed.connect(
            self._show_error, Qt.ConnectionType.QueuedConnection
        )
        self.trash_page.restore_requested.connect(self._on_trash_page_restore_requested)
        self.trash_page.empty_requested.connect(self._on_trash_page_empty_requested)

    # -- public ---------------------------------------------------------------------------
    def new_client(self) -> ClientDialog:
        """Open the New Client dialog (window-modal); returns it, already shown."""
        dialog = _disposable(ClientDialog(parent=self.window()))
        dialog.set_submit_handler(self._create_client)
        dialog.open()
        return dialog

    def new_engagement(self, client_id: str | None = None) -> EngagementDialog:
        """Open the New Engagement dialog, with ``client_id`` (or the selection's) chosen."""
        if client_id is None:
            client_id = self._selected_client_id()
        dialog = _disposable(
            EngagementDialog(
                self.workspace.clients.all(), client_id=client_id, parent=self.window()
            )
        )
        dialog.set_submit_handler(self._create_engagement)
        dialog.new_client_requested.connect(lambda: self._new_client_for(dialog))
        dialog.open()
        return dialog

    def edit_selected(self) -> ClientDialog | EngagementDialog | None:
        """Open the edit dialog of the selected client or engagement."""
        kind, record_id = self.navigator.current()
        if kind == CLIENT:
            client = self.workspace.clients.get(record_id)
            client_dialog = _disposable(ClientDialog(client, parent=self.window()))
            client_dialog.set_submit_handler(lambda values: self._edit_client(record_id, values))
            client_dialog.open()
            return client_dialog
        if kind == ENGAGEMENT:
            engagement = self.workspace.engagements.get(record_id)
            dialog = _disposable(
                EngagementDialog(self.workspace.clients.all(), engagement, parent=self.window())
            )
            dialog.set_submit_handler(lambda values: self._edit_engagement(record_id, values))
            dialog.new_client_requested.connect(lambda: self._new_client_for(dialog))
            dialog.open()
            return dialog
        return None

    def add_demo(self) -> bool:
        """Add the demo engagement as one undoable step and select it."""
        if self._demo_factory is None:
            return False
        command = AddDemoEngagement(self.workspace, self._demo_factory)
        if not self._run(command):
            return False
        if command.engagement_id:
            self.navigator.select(ENGAGEMENT, command.engagement_id)
        return True

    def import_engagement(self, path: Path | None = None) -> str | None:
        """Import an engagement file (asking which when ``path`` is ``None``)."""
        return self.transfer.import_file(path)

    def export_selected_engagement(self, path: Path | None = None) -> Path | None:
        """Export the selected engagement to a file (asking where when ``path`` is ``None``)."""
        kind, record_id = self.navigator.current()
        if kind != ENGAGEMENT:
            return None
        return self.transfer.export_file(record_id, path)

    # -- slots ----------------------------------------------------------------------------
    def _on_import_engagement_triggered(self) -> None:
        self.import_engagement()

    def _on_export_engagement_triggered(self) -> None:
        self.export_selected_engagement()

    def _on_engagement_imported(self, engagement_id: str) -> None:
        if not self.workspace.engagements.get(engagement_id).in_trash:
            self.navigator.select(ENGAGEMENT, engagement_id)

    def _on_new_client_triggered(self) -> None:
        self.new_client()

    def _on_new_engagement_triggered(self) -> None:
        self.new_engagement()

    def _on_edit_triggered(self) -> None:
        self.edit_selected()

    def _on_add_demo_triggered(self) -> None:
        self.add_demo()

    def _on_trash_triggered(self) -> None:
        kind, record_id = self.navigator.current()
        if kind == ENGAGEMENT:
            self._run(TrashEngagement(self.workspace, record_id))
        elif kind == CLIENT:
            self._run(DeleteClient(self.workspace, record_id))

    def _on_show_trash_toggled(self, checked: bool) -> None:
        if checked:
            self.navigator.clear_selection()
        self._show_selected_page()

    def _on_navigator_selection_changed(self, kind: str, _record_id: str) -> None:
        if kind and self.menu_actions.show_trash.isChecked():
            self.menu_actions.show_trash.setChecked(False)  # and so shows the selected page
        else:
            self._show_selected_page()
        self._update_record_actions()

    def _on_navigator_record_activated(self, kind: str, _record_id: str) -> None:
        if kind == ENGAGEMENT:
            self.engagement_view.setCurrentWidget(self.engagement_view.overview)

    def _on_workspace_changed(self, changes: Changes) -> None:
        if changes:
            self._checkpoint_timer.start()
        if changes.touches(ENGAGEMENT):
            self._update_trash_action()
        self._update_record_actions()

    def _on_trash_page_restore_requested(self, ids: list[str]) -> None:
        commands: list[WorkspaceCommand] = [
            RestoreEngagement(self.workspace, record_id) for record_id in ids
        ]
        text = plural(
            len(ids), self.tr("Restore {count} engagement"), self.tr("Restore {count} engagements")
        )
        message = plural(
            len(ids),
            self.tr("{count} engagement restored from the trash"),
            self.tr("{count} engagements restored from the trash"),
        )
        try:
            self.runner.run_all(text, commands, message)
        except ScrmError as exc:
            self._show_error(str(exc))

    def _on_trash_page_empty_requested(self) -> None:
        count = len(self.workspace.engagements.trashed())
        if count == 0 or not self._confirm_empty_trash(count):
            return
        try:
            changes = self.workspace.engagements.empty_trash()
        except ScrmError as exc:
            self._show_error(str(exc))
            return
        # The history may refer to what was just deleted: it cannot be undone any more.
        self.runner.stack.clear()
        self.runner.events.broadcast(changes)
        self.status_message.emit(
            plural(
                count,
                self.tr("Trash emptied: {count} engagement deleted for good"),
                self.tr("Trash emptied: {count} engagements deleted for good"),
            )
        )

    # -- the dialogs' submit handlers: a ScrmError goes back to the dialog, which shows it
    # beside its field --------------------------------------------------------------------
    def _create_client(self, values: dict[str, Any]) -> None:
        command = CreateClient(self.workspace, values)
        self.runner.run(command)
        assert command.record is not None
        self.navigator.select(CLIENT, command.record.id)

    def _create_engagement(self, values: dict[str, Any]) -> None:
        command = CreateEngagement(self.workspace, values)
        self.runner.run(command)
        assert command.record is not None
        self.navigator.select(ENGAGEMENT, command.record.id)

    def _edit_client(self, client_id: str, values: dict[str, Any]) -> None:
        changed = changed_fields(self.workspace.clients.get(client_id), values)
        if not changed:
            self.status_message.emit(self.tr("Nothing changed"))
            return
        self.runner.run(EditClient(self.workspace, client_id, changed))

    def _edit_engagement(self, engagement_id: str, values: dict[str, Any]) -> None:
        changed = changed_fields(self.workspace.engagements.get(engagement_id), values)
        if not changed:
            self.status_message.emit(self.tr("Nothing changed"))
            return
        self.runner.run(EditEngagement(self.workspace, engagement_id, changed))

    def _new_client_for(self, engagement_dialog: EngagementDialog) -> ClientDialog:
        """New Client… inside the engagement dialog: create it, then choose it there."""

        def create(values: dict[str, Any]) -> None:
            command = CreateClient(self.workspace, values)
            self.runner.run(command)
            assert command.record is not None
            engagement_dialog.set_clients(self.workspace.clients.all(), command.record.id)

        dialog = _disposable(ClientDialog(parent=engagement_dialog))
        dialog.set_submit_handler(create)
        dialog.open()
        return dialog

    # -- helpers --------------------------------------------------------------------------
    def _run(self, command: WorkspaceCommand) -> bool:
        try:
            self.runner.run(command)
        except ScrmError as exc:
            self._show_error(str(exc))
            return False
        return True

    def _selected_client_id(self) -> str | None:
        kind, record_id = self.navigator.current()
        if kind == CLIENT:
            return record_id
        if kind == ENGAGEMENT:
            return self.workspace.engagements.get(record_id).client_id
        return None

    def _show_selected_page(self) -> None:
        if self.menu_actions.show_trash.isChecked():
            self.pages.setCurrentWidget(self.trash_page)
            return
        kind, record_id = self.navigator.current()
        if kind == ENGAGEMENT:
            self.engagement_view.set_engagement(record_id)
            self.pages.setCurrentWidget(self.engagement_view)
        elif kind == CLIENT:
            self.client_page.set_client(record_id)
            self.pages.setCurrentWidget(self.client_page)
        else:
            self.engagement_view.set_engagement(None)
            self.pages.setCurrentWidget(self.empty_page)

    def _update_record_actions(self) -> None:
        kind, _record_id = self.navigator.current()
        a = self.menu_actions
        a.edit.setEnabled(bool(kind))
        a.trash.setEnabled(bool(kind))
        a.export_engagement.setEnabled(kind == ENGAGEMENT)
        if kind == CLIENT:
            a.trash.setText(self.tr("&Delete Client"))
            a.trash.setStatusTip(
                self.tr("Delete the selected client (it must have no engagements)")
            )
        else:
            a.trash.setText(self.tr("Move to &Trash"))
            a.trash.setStatusTip(self.tr("Move the selected engagement to the trash"))
        a.add_demo.setEnabled(self._demo_factory is not None)
        if self._demo_factory is None:
            a.add_demo.setStatusTip(self.tr("The demo engagement is not part of this build"))

    def _update_trash_action(self) -> None:
        count = len(self.workspace.engagements.trashed())
        self.menu_actions.show_trash.setText(
            self.tr("&Trash ({count})").format(count=count) if count else self.tr("&Trash")
        )

    def _confirm_empty_trash(self, count: int) -> bool:
        box = QMessageBox(self.window())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Empty Trash"))
        box.setText(
            plural(
                count,
                self.tr("Delete {count} engagement for good?"),
                self.tr("Delete {count} engagements for good?"),
            )
        )
        box.setInformativeText(
            self.tr(
                "Emptying the trash permanently deletes the engagements in it and everything "
                "they hold, stakeholders included. This cannot be undone, and the undo "
                "history is cleared."
            )
        )
        empty = box.addButton(self.tr("Empty Trash"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is empty

    def _show_error(self, message: str) -> None:
        self.status_message.emit(message)
        QMessageBox.warning(self.window(), self.tr("SCRM Desk"), message)


def _disposable(dialog: Any) -> Any:
    """Dialogs are opened with ``open()`` and deleted once closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


__all__ = ["WorkspaceArea"]
