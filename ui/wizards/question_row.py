"""One question under one lens, answered with the mouse or with the keyboard alone.

The row itself is the focus stop: Tab goes from question to question, and while a row
has the focus these keys answer it (the page shows the same list at its foot):

=================  ===========================================================
1 … 5              current maturity level
Ctrl+1 … Ctrl+5    target level (Shift+1 … 5 too, where the keyboard reports
                   the digit with Shift, as the numeric keypad and US/UK
                   layouts do)
N                  not applicable (again: back to a level answer)
K                  don't know (again: back to a level answer)
L / M / H          confidence low / medium / high (again: none)
E                  type the evidence (Tab: on to the next question;
                   Shift+Tab or Esc: back to this one)
Delete, Backspace  clear the whole answer
Up / Down          previous / next question (like Shift+Tab / Tab)
=================  ===========================================================

The radio buttons, check boxes and the confidence list take no Tab focus, so a keyboard
user is never stuck tabbing through twenty controls per question; the mouse can still
click every one of them, and each has an accessible name. The row never writes: it says
what the user changed (:attr:`QuestionRow.answer_edited`, or
:attr:`QuestionRow.evidence_edited` once typing pauses for :data:`EVIDENCE_IDLE_MS` or
the evidence box loses the focus), and the wizard runs the command; the stored answer
comes back through :meth:`QuestionRow.set_answer`.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.records import AnswerKind, Confidence, Lens
from ui.commands.assessment_commands import AnswerValues
from ui.labels import confidence_label, lens_label
from ui.widgets.inline_message import InlineMessage

#: Evidence is saved once typing pauses this long (or the box loses the focus).
EVIDENCE_IDLE_MS = 600

_LEVEL_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 6)}
# What Shift+1 … Shift+5 produce on US and UK layouts, where Qt reports the symbol.
_SHIFTED_DIGITS = {
    Qt.Key.Key_Exclam: 1,
    Qt.Key.Key_At: 2,
    Qt.Key.Key_QuoteDbl: 2,
    Qt.Key.Key_NumberSign: 3,
    Qt.Key.Key_sterling: 3,
    Qt.Key.Key_Dollar: 4,
    Qt.Key.Key_Percent: 5,
}
_CONFIDENCE_KEYS = {
    Qt.Key.Key_L: Confidence.LOW,
    Qt.Key.Key_M: Confidence.MEDIUM,
    Qt.Key.Key_H: Confidence.HIGH,
}


def is_alt_letter(event: QKeyEvent) -> bool:
    """Alt+letter that no button took (its mnemonic is off or hidden): not for typing.

    Qt's text boxes insert the letter of an Alt+letter press (Alt+N with Next disabled
    would type "n"). AltGr (Ctrl+Alt on Windows) and macOS, where Option+letter types
    characters, are left alone.
    """
    if sys.platform == "darwin":
        return False
    modifiers = event.modifiers() & ~(
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    )
    return (
        modifiers == Qt.KeyboardModifier.AltModifier
        and Qt.Key.Key_A.value <= int(event.key()) <= Qt.Key.Key_Z.value
    )


class EvidenceEdit(QPlainTextEdit):
    """The evidence box: Tab goes on to the next question, Shift+Tab and Esc hand the focus
    back to the box's row."""

    #: Esc was pressed: the row takes the focus back.
    escape_pressed = Signal()
    #: Tab (True) or Shift+Tab (False) was pressed: the row moves the focus on.
    tab_pressed = Signal(bool)
    #: The box lost the focus (the row saves what was typed).
    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # reached with E, not with Tab
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        lines = 2.6
        height = int(self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 8)
        self.setFixedHeight(height)

    def event(self, event: QEvent) -> bool:
        # Esc must not reach the wizard (it would close it): claim it before shortcuts.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.escape_pressed.emit()
            return
        if is_alt_letter(event):
            event.accept()  # a mnemonic of a button not shown here (Alt+F on a block page)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        # The box sits inside its row, where the focus chain does not lead on to the next
        # row (it went to the wizard's buttons); the row moves the focus as its own Tab does.
        self.tab_pressed.emit(forward)
        return True

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


class QuestionRow(QFrame):
    """The answer of one respondent to one question under one lens."""

    #: The user changed the level, target, kind or confidence (argument: this row).
    answer_edited = Signal(object)
    #: The user paused typing evidence, or left the box (argument: this row).
    evidence_edited = Signal(object)
    #: The row (or one of its controls) got the focus (argument: this row).
    focused = Signal(object)

    def __init__(
        self,
        question_id: str,
        lens: Lens,
        number: str,
        text: str,
        level_names: Sequence[str],
        descriptors: Sequence[str],
        *,
        show_lens: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.question_id = question_id
        self.lens = lens
        self.number = number
        self.text = text
        self._level_names = tuple(level_names)
        self._descriptors = tuple(descriptors)
        self._stored: AnswerValues | None = None
        #: The user chose to keep a target below the current level for this answer.
        self.target_below_kept = False
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(
            self.tr("Question {number}, {lens}: {text}").format(
                number=number, lens=lens_label(lens), text=text
            )
        )

        # One label, lens first, so the text wraps under it instead of beside it.
        heading = html.escape(text)
        if show_lens:
            heading = f"<b>{html.escape(lens_label(lens))}:</b>&nbsp; {heading}"
        self.text_label = QLabel(heading)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)

        self.current_group = QButtonGroup(self)
        self.target_group = QButtonGroup(self)
        self.current_buttons: list[QRadioButton] = []
        self.target_buttons: list[QRadioButton] = []
        for level, (name, descriptor) in enumerate(
            zip(self._level_names, self._descriptors, strict=True), start=1
        ):
            current = QRadioButton(f"{level} {name}")
            current.setToolTip(f"{level} {name}: {descriptor}")
            current.setAccessibleName(
                self.tr("Current level {level}, {name}").format(level=level, name=name)
            )
            current.setAccessibleDescription(descriptor)
            target = QRadioButton(str(level))
            target.setToolTip(
                self.tr("Target {level} {name}: {descriptor}").format(
                    level=level, name=name, descriptor=descriptor
                )
            )
            target.setAccessibleName(
                self.tr("Target level {level}, {name}").format(level=level, name=name)
            )
            for button in (current, target):
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.current_group.addButton(current, level)
            self.target_group.addButton(target, level)
            self.current_buttons.append(current)
            self.target_buttons.append(target)
        self.not_applicable_check = QCheckBox(self.tr("Not applicable"))
        self.not_applicable_check.setToolTip(self.tr("The question does not apply here (N)"))
        self.dont_know_check = QCheckBox(self.tr("Don't know"))
        self.dont_know_check.setToolTip(
            self.tr("Nobody could say; the question stays open and is not scored (K)")
        )
        for check in (self.not_applicable_check, self.dont_know_check):
            check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.confidence_combo = QComboBox()
        self.confidence_combo.addItem(self.tr("Not given"), None)
        for confidence in Confidence:
            self.confidence_combo.addItem(confidence_label(confidence), confidence)
        self.confidence_combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.confidence_combo.setAccessibleName(self.tr("Confidence"))
        self.confidence_combo.setToolTip(self.tr("How sure the answer is (L, M, H)"))
        self.descriptor_label = QLabel()
        self.descriptor_label.setWordWrap(True)
        self.descriptor_label.setTextFormat(Qt.TextFormat.PlainText)
        self.descriptor_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.evidence_edit = EvidenceEdit()
        self.evidence_edit.setPlaceholderText(
            self.tr("Evidence: documents, examples, what people said (press E to type)")
        )
        self.evidence_edit.setAccessibleName(self.tr("Evidence"))
        self.warning = InlineMessage()
        self._evidence_timer = QTimer(self)
        self._evidence_timer.setSingleShot(True)
        self._evidence_timer.setInterval(EVIDENCE_IDLE_MS)

        self._build_layout()
        self._connect_signals()
        self._show_state()

    def _build_layout(self) -> None:
        current_caption = QLabel(self.tr("Current:"))
        target_caption = QLabel(self.tr("Target:"))
        confidence_caption = QLabel(self.tr("Confidence:"))
        confidence_caption.setBuddy(self.confidence_combo)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(current_caption, 0, 0)
        current_box = QHBoxLayout()
        current_box.setSpacing(10)
        for button in self.current_buttons:
            current_box.addWidget(button)
        current_box.addStretch(1)
        current_box.addWidget(self.not_applicable_check)
        current_box.addWidget(self.dont_know_check)
        grid.addLayout(current_box, 0, 1)
        grid.addWidget(target_caption, 1, 0)
        target_box = QHBoxLayout()
        target_box.setSpacing(10)
        for button in self.target_buttons:
            target_box.addWidget(button)
        target_box.addSpacing(24)
        target_box.addWidget(confidence_caption)
        target_box.addWidget(self.confidence_combo)
        target_box.addStretch(1)
        grid.addLayout(target_box, 1, 1)
        grid.addWidget(self.descriptor_label, 2, 1)
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.text_label)
        layout.addLayout(grid)
        layout.addWidget(self.evidence_edit)
        layout.addWidget(self.warning)

    def _connect_signals(self) -> None:
        self.current_group.idClicked.connect(self._on_current_group_clicked)
        self.target_group.idClicked.connect(self._on_target_group_clicked)
        self.not_applicable_check.clicked.connect(self._on_not_applicable_check_clicked)
        self.dont_know_check.clicked.connect(self._on_dont_know_check_clicked)
        self.confidence_combo.activated.connect(self._on_confidence_combo_activated)
        self.evidence_edit.textChanged.connect(self._on_evidence_edit_text_changed)
        self.evidence_edit.focus_left.connect(self.flush_evidence)
        self.evidence_edit.escape_pressed.connect(self._on_evidence_edit_escape_pressed)
        self.evidence_edit.tab_pressed.connect(self._on_evidence_edit_tab_pressed)
        self._evidence_timer.timeout.connect(self.flush_evidence)
        for widget in (self.evidence_edit, self.confidence_combo):
            widget.installEventFilter(self)

    # -- the answer -----------------------------------------------------------------------
    @property
    def stored(self) -> AnswerValues | None:
        """The answer as last saved (what :meth:`set_answer` was given)."""
        return self._stored

    def values(self) -> AnswerValues:
        """The answer the controls show now."""
        if self.not_applicable_check.isChecked():
            kind = AnswerKind.NOT_APPLICABLE
        elif self.dont_know_check.isChecked():
            kind = AnswerKind.DONT_KNOW
        else:
            kind = AnswerKind.LEVEL
        levels = kind is AnswerKind.LEVEL
        current = self.current_group.checkedId()
        target = self.target_group.checkedId()
        return AnswerValues(
            kind=kind,
            current_level=current if levels and current > 0 else None,
            target_level=target if levels and target > 0 else None,
            confidence=self.confidence_combo.currentData(),
            evidence=self.evidence_edit.toPlainText(),
        )

    def set_answer(self, values: AnswerValues | None) -> None:
        """Show the stored answer. Evidence being typed (not saved yet) is left alone."""
        if values is None or not values.target_below_current:
            self.target_below_kept = False
        self._stored = values
        shown = values or AnswerValues()
        self._apply(shown, evidence=not self.evidence_pending())
        self._show_state()

    def evidence_pending(self) -> bool:
        """Evidence typed that is not saved yet (or the box is being typed in)."""
        if self._evidence_timer.isActive() or self.evidence_edit.hasFocus():
            stored = self._stored.evidence if self._stored else ""
            return self.evidence_edit.toPlainText() != stored
        return False

    def flush_evidence(self) -> None:
        """Save typed evidence now (page change, focus out, idle)."""
        self._evidence_timer.stop()
        stored = self._stored.evidence if self._stored else ""
        if self.evidence_edit.toPlainText() != stored:
            self.evidence_edited.emit(self)

    def is_answered(self) -> bool:
        return self._stored is not None and self._stored.counts_as_answered

    # -- keyboard -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        if key in _LEVEL_KEYS and plain:
            self.set_current_level(_LEVEL_KEYS[key])
        elif key in _LEVEL_KEYS and modifiers in (
            Qt.KeyboardModifier.ControlModifier,
            Qt.KeyboardModifier.ShiftModifier,
            Qt.KeyboardModifier.MetaModifier,
        ):
            self.set_target_level(_LEVEL_KEYS[key])
        elif key in _SHIFTED_DIGITS and modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.set_target_level(_SHIFTED_DIGITS[key])
        elif not plain:
            return False
        elif key == Qt.Key.Key_N:
            self.toggle_kind(AnswerKind.NOT_APPLICABLE)
        elif key == Qt.Key.Key_K:
            self.toggle_kind(AnswerKind.DONT_KNOW)
        elif key in _CONFIDENCE_KEYS:
            self.toggle_confidence(_CONFIDENCE_KEYS[key])
        elif key == Qt.Key.Key_E:
            self.evidence_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.evidence_edit.moveCursor(self.evidence_edit.textCursor().MoveOperation.End)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.focusNextPrevChild(key == Qt.Key.Key_Down)
        else:
            return False
        return True

    # -- changes the user makes -----------------------------------------------------------
    def set_current_level(self, level: int) -> None:
        self._set_kind_checks(AnswerKind.LEVEL)
        self.current_group.button(level).setChecked(True)
        self._edited()

    def set_target_level(self, level: int) -> None:
        self._set_kind_checks(AnswerKind.LEVEL)
        self.target_group.button(level).setChecked(True)
        self._edited()

    def toggle_kind(self, kind: AnswerKind) -> None:
        """N and K: set that kind, or go back to a level answer if it is set already."""
        now = self.values().kind
        self._set_kind_checks(AnswerKind.LEVEL if now is kind else kind)
        self._edited()

    def toggle_confidence(self, confidence: Confidence) -> None:
        same = self.confidence_combo.currentData() == confidence
        self.confidence_combo.setCurrentIndex(
            0 if same else self.confidence_combo.findData(confidence)
        )
        self._edited()

    def clear(self) -> None:
        """Delete: the answer goes (undoable), the question is open again."""
        self._apply(AnswerValues(), evidence=True)
        self._evidence_timer.stop()
        self._edited()

    def _edited(self) -> None:
        self._show_state()
        if not (self.hasFocus() or self.evidence_edit.hasFocus()):
            # A click on a level: the keyboard carries on from this question.
            self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.answer_edited.emit(self)

    # -- slots ----------------------------------------------------------------------------
    def _on_current_group_clicked(self, level: int) -> None:
        self.set_current_level(level)

    def _on_target_group_clicked(self, level: int) -> None:
        self.set_target_level(level)

    def _on_not_applicable_check_clicked(self, checked: bool) -> None:
        self._set_kind_checks(AnswerKind.NOT_APPLICABLE if checked else AnswerKind.LEVEL)
        self._edited()

    def _on_dont_know_check_clicked(self, checked: bool) -> None:
        self._set_kind_checks(AnswerKind.DONT_KNOW if checked else AnswerKind.LEVEL)
        self._edited()

    def _on_confidence_combo_activated(self, _index: int) -> None:
        self._edited()

    def _on_evidence_edit_text_changed(self) -> None:
        if self.evidence_edit.hasFocus():
            self._evidence_timer.start()

    def _on_evidence_edit_escape_pressed(self) -> None:
        self.flush_evidence()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_evidence_edit_tab_pressed(self, forward: bool) -> None:
        """Tab: the next question, as Tab from this row; Shift+Tab: this row."""
        self.flush_evidence()
        if not forward:
            self.setFocus(Qt.FocusReason.BacktabFocusReason)
            return
        self.setFocus(Qt.FocusReason.TabFocusReason)
        self.focusNextPrevChild(True)  # from the focus widget, which is this row now

    # -- focus ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.focused.emit(self)
            self.update()
        elif event.type() == QEvent.Type.FocusOut:
            self.update()
        return super().eventFilter(watched, event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit(self)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        inside = (
            self.hasFocus() or self.evidence_edit.hasFocus() or self.confidence_combo.hasFocus()
        )
        if not inside:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
        pen.setWidthF(2.0 if self.hasFocus() else 1.0)
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 4, 4)

    # -- helpers --------------------------------------------------------------------------
    def _apply(self, values: AnswerValues, *, evidence: bool) -> None:
        levels = values.kind is AnswerKind.LEVEL
        self._check(self.current_group, values.current_level if levels else None)
        self._check(self.target_group, values.target_level if levels else None)
        self._set_kind_checks(values.kind)
        index = self.confidence_combo.findData(values.confidence) if values.confidence else 0
        self.confidence_combo.setCurrentIndex(max(index, 0))
        if evidence and self.evidence_edit.toPlainText() != values.evidence:
            self.evidence_edit.blockSignals(True)
            self.evidence_edit.setPlainText(values.evidence)
            self.evidence_edit.blockSignals(False)

    def _set_kind_checks(self, kind: AnswerKind) -> None:
        self.not_applicable_check.setChecked(kind is AnswerKind.NOT_APPLICABLE)
        self.dont_know_check.setChecked(kind is AnswerKind.DONT_KNOW)
        if kind is not AnswerKind.LEVEL:
            self._check(self.current_group, None)
            self._check(self.target_group, None)

    @staticmethod
    def _check(group: QButtonGroup, level: int | None) -> None:
        if level is None:
            checked: QAbstractButton | None = group.checkedButton()
            if checked is not None:
                group.setExclusive(False)
                checked.setChecked(False)
                group.setExclusive(True)
            return
        group.button(level).setChecked(True)

    def _show_state(self) -> None:
        """The chosen level's descriptor, the below-target warning, the spoken summary."""
        values = self.values()
        if values.kind is AnswerKind.NOT_APPLICABLE:
            description = self.tr("Not applicable: left out of the scores.")
        elif values.kind is AnswerKind.DONT_KNOW:
            description = self.tr("Don't know: the question stays open and is not scored.")
        elif values.current_level is not None:
            level = values.current_level
            description = f"{level} {self._level_names[level - 1]}: {self._descriptors[level - 1]}"
        else:
            description = self.tr("Not answered yet.")
        self.descriptor_label.setText(description)
        if values.target_below_current and not self.target_below_kept:
            self.warning.show_message(
                self.tr(
                    "The target ({target}) is below the current level ({current}). Keep it if "
                    "that is intended; you will be asked once when you leave the page."
                ).format(target=values.target_level, current=values.current_level)
            )
        else:
            self.warning.clear()
        summary = [description]
        if values.target_level is not None:
            summary.append(self.tr("Target {level}.").format(level=values.target_level))
        if values.confidence is not None:
            summary.append(
                self.tr("Confidence {confidence}.").format(
                    confidence=confidence_label(values.confidence)
                )
            )
        self.setAccessibleDescription(" ".join(summary))
