"""The editor beside the canvas: what was recorded for the selected layer or process.

Maturity is a row of buttons (not rated, 1 to 5) and takes effect at once; the texts
are saved when the field loses focus (or when another band is chosen, see
:meth:`LayerEditor.commit_pending`). The editor never writes: it emits
:attr:`LayerEditor.values_edited` and :attr:`LayerEditor.criterion_toggled`, the page
runs the command, and the workspace's answer comes back through :meth:`LayerEditor.load`.
The gate layer also shows its outside-in checklist.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.canvas.checklist_widget import ChecklistItem, ChecklistWidget
from ui.canvas.maturity import LEVEL_COLOURS, LEVELS, text_colour_on
from ui.widgets.inline_message import InlineMessage

if TYPE_CHECKING:
    from scrm_desk.planning import GateState
    from scrm_desk.records import CanvasState


def _checked_style(level: int | None) -> str:
    """The chosen level's button in the band's colour, so editor and canvas match (the
    number on it says the level too)."""
    if level is None:
        return "QPushButton:checked { font-weight: bold; }"
    fill = QColor(LEVEL_COLOURS[level])
    ink = text_colour_on(fill)
    return (
        f"QPushButton:checked {{ background-color: {fill.name()}; color: {ink.name()}; "
        f"font-weight: bold; border: 1px solid {ink.name()}; border-radius: 3px; "
        "padding: 4px; }"
    )


#: The text fields of a canvas entry, in the order the editor shows them.
TEXT_FIELDS = ("current_state", "target_state", "pain_points", "initiatives")


class CommitTextEdit(QPlainTextEdit):
    """A plain text edit that says when the user is done with it (focus leaves)."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # A context menu takes the focus for a moment: the user is not done yet.
        if event.reason() != Qt.FocusReason.PopupFocusReason and self.document().isModified():
            self.editing_finished.emit()

    def set_stored_text(self, text: str) -> None:
        """Show what is stored, unless the user is in the middle of changing it."""
        if self.hasFocus() and self.document().isModified():
            return
        if self.toPlainText() != text:
            self.setPlainText(text)
        self.document().setModified(False)


class LayerEditor(QWidget):
    """Edits one band: maturity, owner, current and target state, pain points,
    initiatives; for a gate layer, its criteria too."""

    #: Fields to save for the band shown (maturity, owner, texts).
    values_edited = Signal(dict)
    #: A gate criterion of the band shown was ticked (True) or unticked.
    criterion_toggled = Signal(str, bool)
    #: The user closed the editor (Escape or the Close button).
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key: tuple[str, str] | None = None
        self._stored: dict[str, Any] = {}

        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the band editor"))
        self.close_button.setToolTip(self.tr("Close the editor (Esc)"))
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.prompts = QLabel()
        self.prompts.setWordWrap(True)
        self.prompts.setTextFormat(Qt.TextFormat.PlainText)
        self.prompts.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.maturity_group = QButtonGroup(self)
        self.maturity_group.setExclusive(True)
        self.maturity_buttons: dict[int | None, QPushButton] = {}
        maturity_row = QHBoxLayout()
        maturity_row.setSpacing(4)
        for number, level in enumerate((None, *LEVELS)):
            button = QPushButton(self.tr("–") if level is None else str(level))
            button.setCheckable(True)
            button.setMinimumWidth(40)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setStyleSheet(_checked_style(level))
            self.maturity_group.addButton(button, number)
            self.maturity_buttons[level] = button
            maturity_row.addWidget(button)
        maturity_row.addStretch(1)
        self.level_label = QLabel()
        self.level_label.setWordWrap(True)
        self.level_label.setTextFormat(Qt.TextFormat.PlainText)

        self.owner_edit = QLineEdit()
        self.owner_edit.setAccessibleName(self.tr("Owner"))
        self.owner_edit.setPlaceholderText(self.tr("Who answers for this layer at the client"))
        self.text_edits: dict[str, CommitTextEdit] = {}
        for field, name, hint in (
            ("current_state", self.tr("Current state"), self.tr("How it works today")),
            ("target_state", self.tr("Target state"), self.tr("How it should work")),
            ("pain_points", self.tr("Pain points"), self.tr("What hurts customers or staff")),
            ("initiatives", self.tr("Initiatives"), self.tr("What is under way or planned")),
        ):
            edit = CommitTextEdit()
            edit.setAccessibleName(name)
            edit.setPlaceholderText(hint)
            edit.setMinimumHeight(56)
            edit.setMaximumHeight(104)
            self.text_edits[field] = edit

        self.gate_box = QGroupBox(self.tr("Outside-in gate"))
        self.gate_status = QLabel()
        self.gate_status.setWordWrap(True)
        self.gate_status.setTextFormat(Qt.TextFormat.PlainText)
        self.gate_checklist = ChecklistWidget()
        self.gate_checklist.setAccessibleName(self.tr("Outside-in gate criteria"))
        gate_layout = QVBoxLayout(self.gate_box)
        gate_layout.addWidget(self.gate_status)
        gate_layout.addWidget(self.gate_checklist)
        self.gate_box.setVisible(False)

        self.message = InlineMessage()
        self._build_layout(maturity_row)
        self._connect_signals()
        self.setEnabled(False)

    def _build_layout(self, maturity_row: QHBoxLayout) -> None:
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        maturity_caption = QLabel(self.tr("&Maturity:"))
        maturity_caption.setBuddy(self.maturity_buttons[None])
        maturity_widget = QWidget()
        maturity_layout = QVBoxLayout(maturity_widget)
        maturity_layout.setContentsMargins(0, 0, 0, 0)
        maturity_layout.addLayout(maturity_row)
        maturity_layout.addWidget(self.level_label)
        form.addRow(maturity_caption, maturity_widget)
        owner_caption = QLabel(self.tr("&Owner:"))
        owner_caption.setBuddy(self.owner_edit)
        form.addRow(owner_caption, self.owner_edit)
        captions = {
            "current_state": self.tr("&Current state:"),
            "target_state": self.tr("&Target state:"),
            "pain_points": self.tr("&Pain points:"),
            "initiatives": self.tr("&Initiatives:"),
        }
        for field in TEXT_FIELDS:
            caption = QLabel(captions[field])
            caption.setBuddy(self.text_edits[field])
            form.addRow(caption, self.text_edits[field])
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row)
        layout.addWidget(self.description)
        layout.addWidget(self.prompts)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.gate_box)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.maturity_group.buttonClicked.connect(self._on_maturity_button_clicked)
        self.owner_edit.editingFinished.connect(self._on_owner_edit_finished)
        for field, edit in self.text_edits.items():
            edit.editing_finished.connect(lambda field=field: self._on_text_edit_finished(field))
        self.gate_checklist.toggle_requested.connect(self.criterion_toggled)
        self.close_button.clicked.connect(self._on_close_clicked)

    # -- public ---------------------------------------------------------------------------
    def show_band(
        self,
        key: tuple[str, str],
        title: str,
        description: str,
        prompts: Sequence[str],
        level_names: Mapping[int, str],
        level_summaries: Mapping[int, str],
    ) -> None:
        """Switch to another band (its entry follows with :meth:`load`)."""
        self.key = key
        self._level_names = dict(level_names)
        self._level_summaries = dict(level_summaries)
        self.heading.setText(title)
        self.description.setText(description)
        if prompts:
            lines = "\n".join(f"• {prompt}" for prompt in prompts)
            self.prompts.setText(self.tr("Questions to ask:") + "\n" + lines)
        self.prompts.setVisible(bool(prompts))
        for level, button in self.maturity_buttons.items():
            if level is None:
                name = self.tr("Not rated")
                button.setToolTip(name)
                button.setAccessibleName(self.tr("Maturity: not rated"))
            else:
                name = level_names.get(level, "")
                button.setToolTip(f"{level} · {name}")
                button.setAccessibleName(
                    self.tr("Maturity {level}: {name}").format(level=level, name=name)
                )
        for edit in self.text_edits.values():
            edit.document().setModified(False)
            edit.clear()
        self.owner_edit.clear()
        self.message.clear()
        self._stored = {}
        self.setEnabled(True)

    def load(self, entry: CanvasState | None, gate: GateState | None = None) -> None:
        """Show what the workspace holds for the band (``None``: nothing recorded yet)."""
        self._stored = {
            "maturity": entry.maturity if entry else None,
            "owner": entry.owner if entry else "",
            **{field: getattr(entry, field) if entry else "" for field in TEXT_FIELDS},
        }
        self.maturity_buttons[self._stored["maturity"]].setChecked(True)
        self._show_level(self._stored["maturity"])
        if not (self.owner_edit.hasFocus() and self.owner_edit.isModified()):
            self.owner_edit.setText(self._stored["owner"])
            self.owner_edit.setModified(False)
        for field, edit in self.text_edits.items():
            edit.set_stored_text(self._stored[field])
        self.gate_box.setVisible(gate is not None)
        if gate is not None:
            self.gate_checklist.set_items(
                [ChecklistItem(c.id, c.text, c.checked) for c in gate.criteria]
            )
            if gate.passed:
                status = self.tr(
                    "Open: {met} of {total} criteria met. The layers below may be worked on."
                )
            else:
                status = self.tr(
                    "Closed: {met} of {total} criteria met. Until every criterion is met, "
                    "the layers below are blocked: do not pass go."
                )
            self.gate_status.setText(status.format(met=gate.met, total=gate.total))

    def clear_band(self) -> None:
        self.key = None
        self.heading.setText(self.tr("No band selected"))
        self.description.setText(self.tr("Click a band on the canvas, or use the arrow keys."))
        self.prompts.setVisible(False)
        self.gate_box.setVisible(False)
        self.setEnabled(False)

    def commit_pending(self) -> None:
        """Save what was typed and not yet saved (before showing another band)."""
        pending: dict[str, Any] = {}
        owner = self.owner_edit.text().strip()
        if self.key is not None and owner != self._stored.get("owner", ""):
            pending["owner"] = owner
        for field, edit in self.text_edits.items():
            text = edit.toPlainText().strip()
            if edit.document().isModified() and text != self._stored.get(field, ""):
                pending[field] = text
            edit.document().setModified(False)
        if pending and self.key is not None:
            self.values_edited.emit(pending)

    def focus_first_field(self) -> None:
        checked = self.maturity_group.checkedButton()
        (checked or self.maturity_buttons[None]).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_error(self, text: str) -> None:
        self.message.show_message(text)

    # -- slots ----------------------------------------------------------------------------
    def _on_maturity_button_clicked(self, button: QAbstractButton) -> None:
        level = next(lvl for lvl, b in self.maturity_buttons.items() if b is button)
        # The buttons show the workspace: put the old one back until the save comes back.
        self.maturity_buttons[self._stored.get("maturity")].setChecked(True)
        if level != self._stored.get("maturity"):
            self.values_edited.emit({"maturity": level})

    def _on_owner_edit_finished(self) -> None:
        owner = self.owner_edit.text().strip()
        self.owner_edit.setModified(False)
        if self.key is not None and owner != self._stored.get("owner", ""):
            self.values_edited.emit({"owner": owner})

    def _on_text_edit_finished(self, field: str) -> None:
        edit = self.text_edits[field]
        text = edit.toPlainText().strip()
        edit.document().setModified(False)
        if self.key is not None and text != self._stored.get(field, ""):
            self.values_edited.emit({field: text})

    def _on_close_clicked(self) -> None:
        self.commit_pending()
        self.close_requested.emit()

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.commit_pending()
            self.close_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _show_level(self, level: int | None) -> None:
        if level is None:
            self.level_label.setText(self.tr("Not rated yet."))
            return
        name = self._level_names.get(level, "")
        summary = self._level_summaries.get(level, "")
        self.level_label.setText(f"{level} · {name}: {summary}" if summary else f"{level} · {name}")
