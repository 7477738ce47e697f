"""The Overview tab: what the engagement is, for whom, and who takes part in it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.changes import Changes
from scrm_desk.errors import NotFoundError, ScrmError, ValidationError
from scrm_desk.records import StakeholderGroup
from ui.commands.base import CommandRunner
from ui.commands.stakeholder_commands import AddStakeholder, EditStakeholder, RemoveStakeholder
from ui.labels import describe_invalid, format_date, isolated, status_label, variant_label
from ui.models.stakeholder_table_model import COLUMN_OF, StakeholderTableModel
from ui.widgets.detail_form import DetailForm
from ui.widgets.inline_message import InlineMessage
from ui.widgets.record_table_view import RecordTableView
from ui.widgets.stakeholder_delegate import StakeholderDelegate

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace


class OverviewPage(QWidget):
    """Shows one engagement; stakeholders are edited in place, each edit one undo step."""

    #: The user asked to edit the engagement's details (the main window opens the dialog).
    edit_requested = Signal()
    #: A command failed for a reason other than a field's value; the text says why.
    command_failed = Signal(str)

    def __init__(
        self, workspace: Workspace, runner: CommandRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._engagement_id: str | None = None

        self.engagement_form = DetailForm()
        for key, label in (
            ("title", self.tr("Title:")),
            ("consultant", self.tr("Consultant:")),
            ("dates", self.tr("Dates:")),
            ("status", self.tr("Status:")),
            ("variant", self.tr("Variant:")),
            ("scope_notes", self.tr("Scope notes:")),
        ):
            self.engagement_form.add_row(key, label)
        self.client_form = DetailForm()
        for key, label in (
            ("name", self.tr("Name:")),
            ("industry", self.tr("Industry:")),
            ("size", self.tr("Size:")),
            ("region", self.tr("Region:")),
        ):
            self.client_form.add_row(key, label)
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("&Edit Details…"))
        self.edit_button.setAccessibleName(self.tr("Edit engagement details"))

        self.stakeholder_model = StakeholderTableModel(self._on_model_edit_requested, self)
        self.stakeholder_view = RecordTableView()
        self.stakeholder_view.setModel(self.stakeholder_model)
        self.stakeholder_view.setItemDelegate(StakeholderDelegate(self.stakeholder_view))
        self.stakeholder_view.setAccessibleName(self.tr("Stakeholders"))
        self.stakeholder_view.set_delete_enabled(True)  # Delete removes stakeholders
        self.stakeholder_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.stakeholder_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for field, width in (("name", 170), ("role", 170), ("group", 110), ("email", 210)):
            header.resizeSection(COLUMN_OF[field], width)
        self.add_button = QPushButton(self.tr("&Add Stakeholder"))
        self.add_button.setAccessibleName(self.tr("Add stakeholder"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove selected stakeholders"))
        self.remove_button.setEnabled(False)
        self.message = InlineMessage()

        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        engagement_box = QGroupBox(self.tr("Engagement"))
        engagement_layout = QVBoxLayout(engagement_box)
        engagement_layout.addWidget(self.engagement_form)
        engagement_layout.addStretch(1)
        client_box = QGroupBox(self.tr("Client"))
        client_layout = QVBoxLayout(client_box)
        client_layout.addWidget(self.client_form)
        client_layout.addStretch(1)
        details = QWidget()
        details_layout = QHBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(engagement_box, 3)
        details_layout.addWidget(client_box, 2)
        # Long scope notes scroll here instead of squeezing the stakeholder table.
        self.details_area = QScrollArea()
        self.details_area.setWidget(details)
        self.details_area.setWidgetResizable(True)
        self.details_area.setFrameShape(QFrame.Shape.NoFrame)

        stakeholder_box = QGroupBox(self.tr("Stakeholders"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        stakeholder_layout = QVBoxLayout(stakeholder_box)
        stakeholder_layout.addWidget(self.stakeholder_view, 1)
        stakeholder_layout.addWidget(self.message)
        stakeholder_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.details_area)
        self.splitter.addWidget(stakeholder_box)
        self.splitter.setChildrenCollapsible(False)
        # Even halves: scope notes get room to be read; ten stakeholders still fit.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.edit_button, self.stakeholder_view)
        self.setTabOrder(self.stakeholder_view, self.add_button)
        self.setTabOrder(self.add_button, self.remove_button)

    def _connect_signals(self) -> None:
        self.edit_button.clicked.connect(self.edit_requested)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.stakeholder_view.delete_pressed.connect(self._on_remove_button_clicked)
        self.stakeholder_view.selectionModel().selectionChanged.connect(
            self._on_stakeholder_selection_changed
        )
        self.stakeholder_model.modelReset.connect(self._on_stakeholder_model_reset)
        self._runner.events.workspace_changed.connect(self._on_workspace_changed)

    # -- public ---------------------------------------------------------------------------
    @property
    def engagement_id(self) -> str | None:
        return self._engagement_id

    def set_engagement(self, engagement_id: str | None) -> None:
        if engagement_id != self._engagement_id:
            self.message.clear()
        self._engagement_id = engagement_id
        self._refresh_details()
        self._refresh_stakeholders()

    # -- slots ----------------------------------------------------------------------------
    def _on_workspace_changed(self, changes: Changes) -> None:
        if self._engagement_id is None:
            return
        if changes.touches("engagement", "client"):
            self._refresh_details()
        if changes.touches("engagement", "stakeholder"):
            self._refresh_stakeholders()

    def _on_add_button_clicked(self) -> None:
        if self._engagement_id is None:
            return
        command = AddStakeholder(
            self._workspace,
            self._engagement_id,
            {"name": self.tr("New stakeholder"), "group": StakeholderGroup.BUSINESS.value},
        )
        if not self._run(lambda: self._runner.run(command)):
            return
        assert command.record is not None
        row = self.stakeholder_model.row_of(command.record.id)
        if row is not None:
            index = self.stakeholder_model.index(row, COLUMN_OF["name"])
            self.stakeholder_view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.stakeholder_view.setCurrentIndex(index)
            self.stakeholder_view.edit(index)

    def _on_remove_button_clicked(self) -> None:
        rows = sorted(
            index.row() for index in self.stakeholder_view.selectionModel().selectedRows()
        )
        if not rows:
            return
        records = [self.stakeholder_model.stakeholder_at(row) for row in rows]
        commands = [RemoveStakeholder(self._workspace, record.id) for record in records]
        if len(records) == 1:
            message = self.tr("Stakeholder “{name}” removed").format(name=records[0].name)
        else:
            message = self.tr("{count} stakeholders removed").format(count=len(records))
        text = self.tr("Remove {count} stakeholders").format(count=len(records))
        self._run(lambda: self._runner.run_all(text, commands, message))

    def _on_model_edit_requested(self, stakeholder_id: str, field: str, value: Any) -> bool:
        command = EditStakeholder(self._workspace, stakeholder_id, field, value)
        return self._run(lambda: self._runner.run(command))

    def _on_stakeholder_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self.remove_button.setEnabled(self.stakeholder_view.selectionModel().hasSelection())

    def _on_stakeholder_model_reset(self) -> None:
        self.remove_button.setEnabled(False)

    # -- helpers --------------------------------------------------------------------------
    def _run(self, action: Any) -> bool:
        """Run a command; show a refused value under the table, other errors in a box."""
        try:
            action()
        except ValidationError as exc:
            self.message.show_message(describe_invalid(exc.field, exc.message))
            return False
        except ScrmError as exc:
            self.command_failed.emit(str(exc))
            return False
        self.message.clear()
        return True

    def _refresh_details(self) -> None:
        engagement_id = self._engagement_id
        if engagement_id is None:
            self.heading.clear()
            self.engagement_form.clear()
            self.client_form.clear()
            return
        try:
            engagement = self._workspace.engagements.get(engagement_id)
            client = self._workspace.clients.get(engagement.client_id)
        except NotFoundError:
            self.heading.clear()
            self.engagement_form.clear()
            self.client_form.clear()
            return
        dates = self.tr("{start} to {end}").format(
            start=format_date(engagement.start_date), end=format_date(engagement.end_date)
        )
        self.heading.setText(
            self.tr("{title} — {client}").format(
                title=isolated(engagement.title), client=isolated(client.name)
            )
        )
        self.engagement_form.set_values(
            {
                "title": engagement.title,
                "consultant": engagement.consultant,
                "dates": dates,
                "status": status_label(engagement.status),
                "variant": variant_label(engagement.variant),
                "scope_notes": engagement.scope_notes,
            }
        )
        self.client_form.set_values(
            {
                "name": client.name,
                "industry": client.industry,
                "size": client.size,
                "region": client.region,
            }
        )

    def _refresh_stakeholders(self) -> None:
        current = self.stakeholder_view.currentIndex()
        current_id = current.data(StakeholderTableModel.IdRole) if current.isValid() else None
        column = current.column() if current.isValid() else 0
        records = (
            self._workspace.stakeholders.for_engagement(self._engagement_id)
            if self._engagement_id
            else []
        )
        self.stakeholder_model.set_stakeholders(records)
        if current_id is not None and not self.stakeholder_view.currentIndex().isValid():
            row = self.stakeholder_model.row_of(current_id)
            if row is not None:
                self.stakeholder_view.setCurrentIndex(self.stakeholder_model.index(row, column))

    def current_stakeholder_index(self) -> QModelIndex:
        return self.stakeholder_view.currentIndex()
