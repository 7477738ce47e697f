"""File › Import Engagement… and Export Engagement…: an engagement moves between
laptops as one JSON file (the interchange format of ``docs/interchange-format.md``).

Export writes the file atomically (never half a file, never a damaged older one).
Import checks the whole file first, against the frameworks this workspace loads, and
writes it in one transaction as one undoable step; an engagement already here can be
imported as a copy under fresh ids. Every refusal says what is wrong and where.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from scrm_desk.errors import ScrmError
from ui.commands.interchange_commands import ImportEngagement
from ui.file_names import default_documents_folder, safe_file_name
from ui.labels import plural

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace
    from ui.commands.base import CommandRunner

#: What engagement files are called, so that they are easy to tell from other JSON.
FILE_SUFFIX = ".scrm.json"


class EngagementTransfer(QObject):
    """Imports and exports engagement files for one workspace window."""

    #: An engagement was imported; its id (to select it).
    imported = Signal(str)
    #: A line for the status bar.
    status_message = Signal(str)

    def __init__(self, workspace: Workspace, runner: CommandRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._widget = parent
        self._folder = default_documents_folder()

    # -- export ---------------------------------------------------------------------------
    def export_file(self, engagement_id: str, path: Path | None = None) -> Path | None:
        """Write the engagement to ``path`` (asked for when ``None``); the path written."""
        from scrm_desk.interchange import export_engagement, records_left_out, write_document_file

        ws = self._workspace
        try:
            engagement = ws.engagements.get(engagement_id)
        except ScrmError as exc:
            self._refuse(self.tr("Export Engagement"), str(exc))
            return None
        if path is None:
            suggested = self._folder / f"{safe_file_name(engagement.title) or 'engagement'}"
            chosen, _filter = QFileDialog.getSaveFileName(
                self._widget.window(),
                self.tr("Export Engagement"),
                str(suggested) + FILE_SUFFIX,
                self.tr("SCRM Desk engagement (*.json);;All files (*)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            document = export_engagement(ws, engagement_id)
            left_out = records_left_out(ws, engagement_id)
            write_document_file(document, path)
        except (ScrmError, OSError) as exc:
            self._refuse(
                self.tr("Export Engagement"),
                self.tr("{name} was not written: {reason}").format(name=path.name, reason=exc),
            )
            return None
        self._folder = path.parent
        message = self.tr("Exported “{title}” with {people} and {answers} to {path}").format(
            title=engagement.title,
            people=plural(
                len(document["stakeholders"]),
                self.tr("{count} stakeholder"),
                self.tr("{count} stakeholders"),
            ),
            answers=plural(
                len(document["responses"]), self.tr("{count} answer"), self.tr("{count} answers")
            ),
            path=path,
        )
        if left_out:
            listing = ", ".join(f"{table} ({count})" for table, count in sorted(left_out.items()))
            message += self.tr(" (this file format does not carry {listing} yet)").format(
                listing=listing
            )
        self.status_message.emit(message)
        return path

    # -- import ---------------------------------------------------------------------------
    def import_file(self, path: Path | None = None) -> str | None:
        """Import the engagement file ``path`` (asked for when ``None``) as one undoable
        step; the id of the engagement written, or ``None``."""
        from scrm_desk.interchange import (
            EngagementExistsError,
            InvalidDocumentError,
            describe_problems,
            load_document,
            read_document_file,
        )

        title = self.tr("Import Engagement")
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self._widget.window(),
                title,
                str(self._folder),
                self.tr("SCRM Desk engagement (*.json);;All files (*)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            document = load_document(read_document_file(path), catalog=self._workspace.frameworks())
        except InvalidDocumentError as exc:
            self._refuse(title, describe_problems(exc.problems, subject=path.name))
            return None
        except ScrmError as exc:
            self._refuse(title, str(exc))
            return None
        self._folder = path.parent
        command = ImportEngagement(self._workspace, document)
        try:
            self._runner.run(command)
        except EngagementExistsError as exc:
            if not self._ask_copy(str(exc)):
                return None
            command = ImportEngagement(self._workspace, document, as_copy=True)
            try:
                self._runner.run(command)
            except ScrmError as again:
                self._refuse(title, str(again))
                return None
        except ScrmError as exc:
            self._refuse(title, str(exc))
            return None
        result = command.result
        assert result is not None
        if result.client_reused and result.client_id:
            client = self._workspace.clients.get(result.client_id)
            if client.name != document.client.name:
                self.status_message.emit(
                    self.tr(
                        "Filed under the client already here, “{name}”; the file's client "
                        "details (“{file_name}”) were not applied"
                    ).format(name=client.name, file_name=document.client.name)
                )
        if result.in_trash:
            QMessageBox.information(
                self._widget.window(),
                title,
                self.tr(
                    "“{title}” was in the trash when it was exported, so it is in the trash "
                    "here too. View › Trash shows it; restore it from there."
                ).format(title=result.title),
            )
        self.imported.emit(result.engagement_id)
        return result.engagement_id

    # -- helpers --------------------------------------------------------------------------
    def _ask_copy(self, reason: str) -> bool:
        answer = QMessageBox.question(
            self._widget.window(),
            self.tr("Engagement already here"),
            self.tr(
                "{reason}\n\nImport it as a copy now? The copy gets new ids and “(imported "
                "copy)” after its title; the engagement already here is not touched."
            ).format(reason=reason),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _refuse(self, title: str, message: str) -> None:
        self.status_message.emit(message.splitlines()[0] if message else title)
        QMessageBox.warning(self._widget.window(), title, message)
