"""One wizard page per area of the framework: its guiding question, maturity levels and
questions, grouped by sub-component.

The rows are built the first time the page is shown (``initializePage``), for the lenses
the assessment's variant asks for: a wizard over nine areas and both lenses holds about
170 rows, and building them all up front would delay the first page. Each row is a
:class:`~ui.wizards.question_row.QuestionRow`; under the variant "both" a question gets
two rows, Classic CRM with the question's text and Social CRM with its ``social_text``
(a question without a Social CRM variant is asked under the classic lens only).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from scrm_desk.frameworks.model import Area, BuildingBlocksFramework, Question
from scrm_desk.records import Lens
from ui.commands.assessment_commands import AnswerValues
from ui.labels import lens_label, plural
from ui.wizards.question_row import QuestionRow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWizard


class AnswerSource(Protocol):
    """What a block page needs from its wizard."""

    def lenses(self) -> tuple[Lens, ...]: ...

    def answers(self) -> Mapping[tuple[str, Lens], AnswerValues]: ...

    @property
    def resuming(self) -> bool: ...

    def next_id_after(self, page_id: int) -> int: ...


def questions_for(area: Area, lens: Lens) -> tuple[Question, ...]:
    """The questions of ``area`` asked under ``lens`` (Social CRM: those with a variant)."""
    if lens is Lens.SOCIAL:
        return tuple(q for q in area.questions() if q.social_text is not None)
    return area.questions()


def question_numbers(area: Area) -> dict[str, str]:
    """The number shown for each question: "3.4" for the fourth question of the third area."""
    return {q.id: f"{area.order}.{n}" for n, q in enumerate(area.questions(), start=1)}


def key_help_text() -> str:
    """The keyboard scheme in one line (shown at the foot of every block page)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "BlockPage",
        "Keys: 1–5 level · Ctrl+1–5 target · N not applicable · K don't know · "
        "L/M/H confidence · E evidence · Del clear · Tab next question · "
        "Alt+N / Alt+B next / back page · Ctrl+Z undo",
    )


class BlockPage(QWizardPage):
    """The questions of one area; every answer is saved by the wizard as it is given."""

    #: A row's level, target, kind or confidence changed (argument: the row).
    answer_edited = Signal(object)
    #: A row's evidence is ready to save (argument: the row).
    evidence_edited = Signal(object)
    #: A row got the focus (argument: the row); the wizard remembers it for resuming.
    row_focused = Signal(object)

    def __init__(
        self,
        framework: BuildingBlocksFramework,
        area: Area,
        position: int,
        count: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.framework = framework
        self.area = area
        self.rows: list[QuestionRow] = []
        self._built_for: tuple[Lens, ...] | None = None
        self._level_names = tuple(level.name for level in framework.maturity_levels)
        self.setTitle(
            self.tr("{name} ({position} of {count})").format(
                name=area.name, position=position, count=count
            )
        )

        self.guiding_label = QLabel()
        self.guiding_label.setWordWrap(True)
        self.guiding_label.setTextFormat(Qt.TextFormat.RichText)
        self.guiding_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.key_help = QLabel(key_help_text())
        self.key_help.setWordWrap(True)
        self.key_help.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.guiding_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.key_help)

    # -- QWizardPage ----------------------------------------------------------------------
    def initializePage(self) -> None:
        source = self._source()
        self.build(source.lenses())
        self.load(source.answers())

    def cleanupPage(self) -> None:
        """Going back: keep what the rows show (every answer is saved already)."""
        self.flush_evidence()

    def validatePage(self) -> bool:
        """Save typed evidence; ask once about targets set below the current level."""
        self.flush_evidence()
        if self._source().resuming:
            return True
        below = [
            row
            for row in self.rows
            if row.values().target_below_current and not row.target_below_kept
        ]
        if not below:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Target below current level"))
        box.setText(
            plural(
                len(below),
                self.tr("{count} answer on this page has a target below the current level."),
                self.tr("{count} answers on this page have a target below the current level."),
            )
        )
        box.setInformativeText(
            "\n".join(
                self.tr("{number} {lens}: current {current}, target {target}").format(
                    number=row.number,
                    lens=lens_label(row.lens),
                    current=row.values().current_level,
                    target=row.values().target_level,
                )
                for row in below[:8]
            )
            + "\n\n"
            + plural(
                len(below),
                self.tr("A lower target can be intended (a practice to scale back). Keep it?"),
                self.tr("A lower target can be intended (a practice to scale back). Keep them?"),
            )
        )
        keep = box.addButton(
            plural(len(below), self.tr("&Keep Target"), self.tr("&Keep Targets")),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(self.tr("&Review"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is keep:
            for row in below:
                row.target_below_kept = True
                row.set_answer(row.stored)
            return True
        below[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(below[0])
        return False

    def nextId(self) -> int:
        """Skip the pages of areas that have no question under the chosen lenses."""
        wizard = self.wizard()
        return self._source().next_id_after(self._own_id(wizard))

    # -- public ---------------------------------------------------------------------------
    def has_questions(self, lenses: Sequence[Lens]) -> bool:
        return any(questions_for(self.area, lens) for lens in lenses)

    def build(self, lenses: tuple[Lens, ...]) -> None:
        """Create the rows for ``lenses`` (again only when the lenses changed)."""
        if self._built_for == lenses:
            return
        self._built_for = lenses
        self.rows = []
        self.guiding_label.setText(self._guiding_html(lenses))
        content = QWidget()
        content.setObjectName("blockContent")
        content.setAutoFillBackground(False)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(10)
        layout.addWidget(self._legend())
        numbers = question_numbers(self.area)
        both = len(lenses) > 1
        asked = {lens: {q.id for q in questions_for(self.area, lens)} for lens in lenses}
        for sub in self.area.sub_components:
            questions = [q for q in sub.questions if any(q.id in asked[lens] for lens in lenses)]
            if not questions:
                continue
            box = QGroupBox(sub.name)
            box.setToolTip(sub.description)
            box_layout = QVBoxLayout(box)
            box_layout.setSpacing(8)
            if sub.description:
                description = QLabel(sub.description)
                description.setWordWrap(True)
                description.setForegroundRole(QPalette.ColorRole.PlaceholderText)
                box_layout.addWidget(description)
            for question in questions:
                box_layout.addWidget(
                    self._question_frame(question, numbers[question.id], lenses, asked, both)
                )
            layout.addWidget(box)
        layout.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(content)
        self.empty_label.setVisible(not self.rows)
        if not self.rows:
            self.empty_label.setText(
                self.tr("This area has no questions under the lenses of this assessment.")
            )
        # Tab goes from row to row in reading order, then on to the wizard's buttons.
        for before, after in zip(self.rows, self.rows[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def load(self, answers: Mapping[tuple[str, Lens], AnswerValues]) -> None:
        for row in self.rows:
            row.set_answer(answers.get((row.question_id, row.lens)))

    def flush_evidence(self) -> None:
        for row in self.rows:
            row.flush_evidence()

    def row_for(self, question_id: str, lens: Lens | str) -> QuestionRow | None:
        for row in self.rows:
            if row.question_id == question_id and row.lens == lens:
                return row
        return None

    def focus_row(self, row: QuestionRow | None) -> None:
        row = row or (self.rows[0] if self.rows else None)
        if row is None:
            return
        row.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(row, 0, 90)  # with some context above and below

    def answered(self) -> tuple[int, int]:
        """(answered rows, rows) as the page shows them now."""
        return sum(1 for row in self.rows if row.is_answered()), len(self.rows)

    # -- helpers --------------------------------------------------------------------------
    def _source(self) -> AnswerSource:
        wizard = self.wizard()
        assert wizard is not None
        return wizard  # type: ignore[return-value]

    def _own_id(self, wizard: QWizard) -> int:
        for page_id in wizard.pageIds():
            if wizard.page(page_id) is self:
                return page_id
        return -1

    def _guiding_html(self, lenses: tuple[Lens, ...]) -> str:
        parts = []
        for lens in lenses:
            question = (
                self.area.guiding_question if lens is Lens.CLASSIC else self.area.social_question
            )
            parts.append(
                f"<p style='margin:0 0 4px 0'><b>{html.escape(lens_label(lens))}:</b> "
                f"{html.escape(question)}</p>"
            )
        return "".join(parts)

    def _legend(self) -> QWidget:
        box = QGroupBox(self.tr("Maturity levels for {area}").format(area=self.area.name))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        for level, descriptor in enumerate(self.area.levels, start=1):
            name = QLabel(f"{level} {self._level_names[level - 1]}")
            font = QFont(name.font())
            font.setBold(True)
            name.setFont(font)
            name.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            text = QLabel(descriptor)
            text.setWordWrap(True)
            grid.addWidget(name, level - 1, 0)
            grid.addWidget(text, level - 1, 1)
        grid.setColumnStretch(1, 1)
        return box

    def _question_frame(
        self,
        question: Question,
        number: str,
        lenses: tuple[Lens, ...],
        asked: Mapping[Lens, set[str]],
        both: bool,
    ) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(2, 4, 2, 4)
        layout.setSpacing(0)
        heading = QLabel(
            f"<b>{html.escape(number)}</b>&nbsp;&nbsp;"
            + html.escape(self.tr("Look for: {hint}").format(hint=question.hint))
            if question.hint
            else f"<b>{html.escape(number)}</b>"
        )
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setContentsMargins(10, 0, 10, 2)
        heading.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(heading)
        for lens in lenses:
            if question.id not in asked[lens]:
                continue
            text = question.text if lens is Lens.CLASSIC else (question.social_text or "")
            row = QuestionRow(
                question.id,
                lens,
                number,
                text,
                self._level_names,
                self.area.levels,
                show_lens=both,
            )
            row.answer_edited.connect(self.answer_edited)
            row.evidence_edited.connect(self.evidence_edited)
            row.focused.connect(self.row_focused)
            self.rows.append(row)
            layout.addWidget(row)
        return frame
