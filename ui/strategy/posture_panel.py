"""Where the client stands on Social CRM: the questionnaire, the approach it points to
with the reasoning, the consultant's override, and the chart against Gartner's shares.

The panel never writes. Choosing an answer emits :attr:`PosturePanel.answer_requested`;
applying an override emits :attr:`PosturePanel.override_requested`; the page runs the
command and calls :meth:`PosturePanel.show_posture` with what the workspace holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.canvas.checklist_widget import ClickableLabel
from ui.roadmap.figure_view import FigureView
from ui.widgets.inline_message import InlineMessage

if TYPE_CHECKING:
    from scrm_desk.frameworks.model import ReferenceFramework
    from scrm_desk.planning import PostureQuestionnaire, PostureView


class _QuestionBox(QGroupBox):
    """One question, its help text, and its options as radio buttons beside wrapping
    labels (a radio button does not wrap its text, and the options are sentences)."""

    def __init__(self, number: int, question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question_id = question.id
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.title = QLabel(f"{number}. {question.text}")
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        if question.help:
            hint = QLabel(question.help)
            hint.setWordWrap(True)
            hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            layout.addWidget(hint)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(4)
        for row, option in enumerate(question.options):
            button = QRadioButton()
            button.setAccessibleName(option.text)
            button.setAccessibleDescription(question.text)
            label = ClickableLabel(option.text)
            label.setWordWrap(True)
            label.clicked.connect(button.click)
            self.group.addButton(button)
            self.buttons[option.id] = button
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 1)
        layout.addLayout(grid)
        self.setAccessibleName(question.text)

    def show_answer(self, option_id: str | None) -> None:
        # Exclusive groups cannot be emptied by setChecked(False): lift it meanwhile.
        self.group.setExclusive(False)
        for oid, button in self.buttons.items():
            button.setChecked(oid == option_id)
        self.group.setExclusive(True)


class PosturePanel(QWidget):
    #: (question id, option id) chosen by the user.
    answer_requested = Signal(str, str)
    #: (approach id or "" for none, note): the consultant's placement.
    override_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.questions: dict[str, _QuestionBox] = {}
        self._answers: dict[str, str] = {}
        self._reference: ReferenceFramework | None = None
        self._current_override: str | None = None
        self._current_note = ""

        self.questions_widget = QWidget()
        self._questions_layout = QVBoxLayout(self.questions_widget)
        self.progress = QLabel()
        self.progress.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        questions_area = QScrollArea()
        questions_area.setWidget(self.questions_widget)
        questions_area.setWidgetResizable(True)
        questions_area.setFrameShape(QFrame.Shape.NoFrame)
        questions_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        questions_area.setMinimumWidth(360)
        self.questions_area = questions_area

        self.approach_label = QLabel()
        font = QFont(self.approach_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.approach_label.setFont(font)
        self.approach_label.setAccessibleName(self.tr("Approach"))
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.sign_label = QLabel()
        self.sign_label.setWordWrap(True)
        self.reasoning_label = QLabel()
        self.reasoning_label.setWordWrap(True)
        self.reasoning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reasoning_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasoning_label.setAccessibleName(self.tr("Reasoning"))

        self.override_combo = QComboBox()
        self.override_combo.setAccessibleName(self.tr("Consultant's placement"))
        self.override_note = QPlainTextEdit()
        self.override_note.setAccessibleName(self.tr("Why the placement differs"))
        self.override_note.setPlaceholderText(
            self.tr("Say why the client belongs elsewhere than the questionnaire says")
        )
        self.override_note.setTabChangesFocus(True)
        self.override_note.setMaximumHeight(54)
        self.override_button = QPushButton(self.tr("&Apply Placement"))
        self.override_button.setAccessibleName(self.tr("Apply the consultant's placement"))
        self.override_message = InlineMessage()

        self.chart = FigureView(self.tr("Posture against Gartner's distribution"))
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        result_box = QGroupBox(self.tr("Where the client stands"))
        result_layout = QVBoxLayout(result_box)
        result_layout.addWidget(self.approach_label)
        result_layout.addWidget(self.source_label)
        result_layout.addWidget(self.sign_label)
        reasoning_caption = QLabel(self.tr("Reasoning:"))
        reasoning_caption.setBuddy(self.reasoning_label)
        result_layout.addWidget(reasoning_caption)
        result_layout.addWidget(self.reasoning_label)

        override_box = QGroupBox(self.tr("Consultant's placement"))
        form = QFormLayout(override_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        place_caption = QLabel(self.tr("&Place among:"))
        place_caption.setBuddy(self.override_combo)
        note_caption = QLabel(self.tr("&Note:"))
        note_caption.setBuddy(self.override_note)
        form.addRow(place_caption, self.override_combo)
        form.addRow(note_caption, self.override_note)
        form.addRow("", self.override_message)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.override_button)
        form.addRow(button_row)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(result_box)
        right_layout.addWidget(self.chart, 1)
        right_layout.addWidget(override_box)
        right_area = QScrollArea()
        right_area.setWidget(right)
        right_area.setWidgetResizable(True)
        right_area.setFrameShape(QFrame.Shape.NoFrame)
        right_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.questions_area, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right_area)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _connect_signals(self) -> None:
        self.override_button.clicked.connect(self._on_override_button_clicked)
        self.override_combo.currentIndexChanged.connect(self._on_override_changed)
        self.override_note.textChanged.connect(self._on_override_changed)

    # -- setting up -----------------------------------------------------------------------
    def set_questionnaire(
        self, questionnaire: PostureQuestionnaire, reference: ReferenceFramework
    ) -> None:
        """Build the questions and the approaches (once per page)."""
        self._reference = reference
        for number, question in enumerate(questionnaire.questions, start=1):
            box = _QuestionBox(number, question)
            box.group.buttonClicked.connect(
                lambda button, box=box: self._on_option_clicked(box, button)
            )
            self._questions_layout.addWidget(box)
            self.questions[question.id] = box
        self._questions_layout.addStretch(1)
        self.override_combo.blockSignals(True)
        self.override_combo.addItem(self.tr("As the questionnaire says"), "")
        for approach in reference.approaches:
            self.override_combo.addItem(approach.name, approach.id)
        self.override_combo.blockSignals(False)

    # -- showing --------------------------------------------------------------------------
    def show_posture(self, view: PostureView, answers: dict[str, str]) -> None:
        """Show the stored answers, the approach with its reasoning, and the override."""
        assert self._reference is not None
        reference = self._reference
        self._answers = dict(answers)
        for question_id, box in self.questions.items():
            box.show_answer(answers.get(question_id))
        result = view.result
        self.progress.setText(
            self.tr(
                "{answered} of {total} questions answered; at least {needed} place the client."
            ).format(answered=result.answered, total=result.questions, needed=result.min_answers)
        )
        names = {a.id: a.name for a in reference.approaches}
        approach = view.approach
        if approach is None:
            self.approach_label.setText(self.tr("Not placed yet"))
            self.sign_label.clear()
        else:
            self.approach_label.setText(names.get(approach, approach))
            details = reference.approach(approach)
            self.sign_label.setText(
                self.tr("{sign} Gartner puts {share}% of organisations here. {advice}").format(
                    sign=details.sign, share=details.share_percent, advice=details.advice
                )
            )
        if view.overridden:
            computed = names.get(view.computed_approach or "", self.tr("no approach yet"))
            self.source_label.setText(
                self.tr(
                    "Placed by the consultant (the questionnaire says: {computed}). Note: {note}"
                ).format(computed=computed, note=view.override_note)
            )
        elif approach is not None:
            self.source_label.setText(self.tr("From the questionnaire."))
        else:
            self.source_label.setText(
                self.tr("Answer at least {needed} questions to place the client.").format(
                    needed=result.min_answers
                )
            )
        lines = []
        for reason in result.reasons:
            leans = ", ".join(names.get(a, a) for a in reason.leans_to)
            lines.append(
                self.tr("• {question} {option} → {leans}").format(
                    question=reason.question, option=reason.option, leans=leans
                )
            )
        if result.answered:
            totals = ", ".join(
                f"{names.get(s.approach_id, s.approach_id)} {s.score:g}" for s in result.scores
            )
            lines.append(self.tr("Totals: {totals}.").format(totals=totals))
            if result.tied_with:
                tied = ", ".join(names.get(a, a) for a in result.tied_with)
                lines.append(
                    self.tr("Tied with {tied}; the more common approach was taken.").format(
                        tied=tied
                    )
                )
        else:
            lines.append(self.tr("No answers yet."))
        self.reasoning_label.setText("\n".join(lines))

        self._current_override = view.override_approach
        self._current_note = view.override_note
        self.override_combo.blockSignals(True)
        self.override_combo.setCurrentIndex(
            max(self.override_combo.findData(view.override_approach or ""), 0)
        )
        self.override_combo.blockSignals(False)
        if self.override_note.toPlainText() != view.override_note:
            self.override_note.setPlainText(view.override_note)
        self._on_override_changed()

    def show_override_error(self, text: str) -> None:
        self.override_message.show_message(text)

    def clear_override_error(self) -> None:
        self.override_message.clear()

    # -- slots ----------------------------------------------------------------------------
    def _on_option_clicked(self, box: _QuestionBox, button: QAbstractButton) -> None:
        option_id = next(oid for oid, b in box.buttons.items() if b is button)
        # The buttons show the workspace: back to the stored answer until it comes back.
        box.show_answer(self._answers.get(box.question_id))
        if option_id != self._answers.get(box.question_id):
            self.answer_requested.emit(box.question_id, option_id)

    def _on_override_changed(self, *_args: object) -> None:
        chosen = self.override_combo.currentData() or None
        note = self.override_note.toPlainText().strip()
        changed = chosen != self._current_override or (
            chosen is not None and note != self._current_note
        )
        self.override_button.setEnabled(changed and (chosen is None or bool(note)))

    def _on_override_button_clicked(self) -> None:
        self.override_requested.emit(
            self.override_combo.currentData() or "", self.override_note.toPlainText().strip()
        )
