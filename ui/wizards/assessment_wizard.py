"""The assessment wizard: score an engagement on every building block, page by page.

Pages: an intro (:mod:`.intro_page`: name, date, variant, who answers), one page per area
of the framework, Governance included (:mod:`.block_page`), and a summary
(:mod:`.summary_page`). A side panel (:mod:`.progress_panel`) shows every block with its
answered questions ("7/9") and a bar.

**Writing.** Leaving the intro page creates the assessment (one undoable command), or
saves changed details of an existing one. From then on every answer is saved the moment
it is given: each change is a :class:`~ui.commands.assessment_commands.SaveAnswer` on the
main window's undo stack, through the runner. Evidence text is saved when typing pauses
for 600 ms or the box loses the focus, and consecutive evidence edits of one answer merge
into one undo step. Ctrl+Z (and the Undo button) undo inside the wizard, but never past
the step the wizard started from, so the wizard cannot undo its own assessment away.
What the stack undoes comes back as a ``workspace_changed`` broadcast, and the pages
re-read the answers from the workspace.

**Resuming.** Where the consultant is (the block page and the focused question) is
remembered per respondent with ``ws.assessments.set_resume_position``; opening the
wizard on an existing assessment goes back there, with the pages before it in the
history, so Alt+B works as if the consultant had never left. A respondent with answers
but no saved place (the demo, answers imported) goes on after their last answer.

**Status bar.** Ctrl+Z and Ctrl+Shift+Z in the wizard report "Undone: …" / "Redone: …"
through the runner's ``executed`` signal, which the main window shows, as its own Edit ›
Undo does.

The keyboard scheme is in :mod:`.question_row`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard
from shiboken6 import isValid

from scrm_desk.changes import Changes
from scrm_desk.errors import NotFoundError, ScrmError, ValidationError
from scrm_desk.records import AnswerKind, Assessment, AssessmentStatus, Lens, Response, Variant
from scrm_desk.scoring.display import shown_gap
from ui.commands.assessment_commands import (
    AnswerKey,
    AnswerValues,
    CreateAssessment,
    EditAssessment,
    SaveAnswer,
    set_status_command,
)
from ui.commands.base import CommandRunner
from ui.labels import consensus_label, describe_invalid, lens_label
from ui.wizards.block_page import BlockPage, question_numbers, questions_for
from ui.wizards.intro_page import AssessmentDetails, IntroPage
from ui.wizards.progress_panel import ProgressEntry, ProgressPanel
from ui.wizards.question_row import QuestionRow
from ui.wizards.summary_page import OpenQuestion, SummaryPage, SummaryRow

if TYPE_CHECKING:
    from scrm_desk.frameworks import FrameworkCatalog
    from scrm_desk.frameworks.model import BuildingBlocksFramework
    from scrm_desk.workspace import Workspace

INTRO_ID = 0
FIRST_BLOCK_ID = 1
SUMMARY_ID = 1000
#: The resume position names the summary page with this instead of an area id.
SUMMARY_PAGE = "summary"
#: Where the wizard stands is written at most this often while the focus moves.
POSITION_DELAY_MS = 400


class AssessmentWizard(QWizard):
    """Creates or continues one assessment of an engagement, for one respondent."""

    #: The assessment was created (argument: its id); the page selects it.
    assessment_created = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: CommandRunner,
        engagement_id: str,
        *,
        assessment_id: str | None = None,
        catalog: FrameworkCatalog | None = None,
        framework_id: str | None = None,
        respondent_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.engagement_id = engagement_id
        self.catalog = catalog or workspace.frameworks()
        self.assessment: Assessment | None = (
            workspace.assessments.get(assessment_id) if assessment_id else None
        )
        self.frameworks = self._usable_frameworks()
        self.framework = self._framework_for(
            self.assessment.framework_id if self.assessment else framework_id
        )
        self.stakeholders = workspace.stakeholders.for_engagement(engagement_id)
        self.respondent_id = (
            respondent_id
            if respondent_id is not None or self.assessment is None
            else self._last_respondent(self.assessment.id)
        )
        self._responses: list[Response] = []
        self._answers: dict[tuple[str, Lens], AnswerValues] = {}
        self._resuming = False
        self._resume_to: dict[str, Any] | None = None
        self._shown_once = False
        self._position: dict[str, Any] | None = None
        self._undo_floor = runner.stack.index()

        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("&Undo"))
        self.button(QWizard.WizardButton.CustomButton1).setAccessibleName(self.tr("Undo"))
        self.setButtonLayout(
            [
                QWizard.WizardButton.CustomButton1,
                QWizard.WizardButton.Stretch,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CancelButton,
            ]
        )
        self.progress = ProgressPanel()
        self.setSideWidget(self.progress)
        self.intro_page = IntroPage(self.frameworks, self.stakeholders)
        self.intro_page.prefill(
            assessment=self.assessment,
            default_variant=workspace.engagements.get(engagement_id).variant,
            framework_id=self.framework.id,
            respondent_id=self.respondent_id,
        )
        self.setPage(INTRO_ID, self.intro_page)
        self.block_pages: list[BlockPage] = []
        self._install_block_pages()
        self.summary_page = SummaryPage()
        self.setPage(SUMMARY_ID, self.summary_page)
        self.setStartId(INTRO_ID)

        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = QAction(self.tr("Redo"), self)
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.addActions([self.undo_action, self.redo_action])
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(POSITION_DELAY_MS)

        self.resize(1120, 800)
        self.setMinimumSize(900, 620)
        self._connect_signals()
        if self.assessment is not None:
            self.reload()
            self._resume_to = self._saved_position()
        self._update_progress_entries()
        self._update_buttons()
        self._update_titles()

    def _connect_signals(self) -> None:
        self.currentIdChanged.connect(self._on_current_id_changed)
        self.customButtonClicked.connect(self._on_custom_button_clicked)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action.triggered.connect(self.redo)
        self.runner.stack.indexChanged.connect(self._update_buttons)
        self.runner.events.workspace_changed.connect(self._on_workspace_changed)
        self.progress.page_requested.connect(self.go_to_page)
        self._reload_timer.timeout.connect(self._on_reload_timer_timeout)
        self._position_timer.timeout.connect(self._on_position_timer_timeout)

    # -- what the pages ask -----------------------------------------------------------------
    @property
    def assessment_id(self) -> str | None:
        return self.assessment.id if self.assessment else None

    @property
    def resuming(self) -> bool:
        return self._resuming

    def lenses(self) -> tuple[Lens, ...]:
        if self.assessment is not None:
            return self.assessment.lenses()
        return _lenses_of(self.intro_page.details().variant)

    def answers(self) -> Mapping[tuple[str, Lens], AnswerValues]:
        return self._answers

    def next_id_after(self, page_id: int) -> int:
        """The next page with questions under the chosen lenses (then the summary)."""
        lenses = self.lenses()
        for candidate in sorted(self.pageIds()):
            if candidate <= page_id:
                continue
            page = self.page(candidate)
            if isinstance(page, BlockPage) and not page.has_questions(lenses):
                continue
            return candidate
        return -1

    def nextId(self) -> int:
        return self.next_id_after(self.currentId())

    def commit_details(self, details: AssessmentDetails) -> str | None:
        """Create the assessment, or save changed details; an error message if refused."""
        try:
            if self.assessment is None:
                if details.framework_id != self.framework.id:
                    self.framework = self._framework_for(details.framework_id)
                    self._install_block_pages()
                command = CreateAssessment(
                    self.workspace,
                    {
                        "engagement_id": self.engagement_id,
                        "framework_id": self.framework.id,
                        "framework_version": self.framework.version,
                        **details.record_values(),
                    },
                )
                self.runner.run(command)
                assert command.record is not None
                self.assessment = command.record
                self._undo_floor = self.runner.stack.index()
                self.assessment_created.emit(command.record.id)
            else:
                current = details.record_values()
                changed = {
                    name: value
                    for name, value in current.items()
                    if getattr(self.assessment, name) != value
                }
                if changed:
                    self.runner.run(EditAssessment(self.workspace, self.assessment.id, changed))
                    self._undo_floor = max(self._undo_floor, self.runner.stack.index())
                    self.assessment = self.workspace.assessments.get(self.assessment.id)
        except ValidationError as exc:
            return describe_invalid(exc.field, exc.message)
        except ScrmError as exc:
            return str(exc)
        respondent_changed = details.respondent_id != self.respondent_id
        self.respondent_id = details.respondent_id
        self.reload()
        self._update_buttons()
        self._update_titles()
        if respondent_changed and not self._resuming:
            # Another respondent: go on where that one stopped, once this page is left.
            self._resume_to = self._saved_position()
            if self._resume_to:
                QTimer.singleShot(0, self.resume)
        return None

    def summary(self) -> tuple[list[SummaryRow], list[OpenQuestion]]:
        """This respondent's answers per block, scored alone, and the open questions."""
        from scrm_desk.scoring import score_assessment

        assert self.assessment is not None
        self._read_answers()
        result = score_assessment(
            self.framework, self.assessment, self._responses, self.stakeholders
        )
        rows: list[SummaryRow] = []
        open_questions: list[OpenQuestion] = []
        for area in self.framework.areas:
            numbers = question_numbers(area)
            for lens in self.lenses():
                questions = questions_for(area, lens)
                if not questions:
                    continue
                answered = dont_know = 0
                for question in questions:
                    values = self._answers.get((question.id, lens))
                    if values is not None and values.counts_as_answered:
                        answered += 1
                        continue
                    reason = "unanswered"
                    if values is not None and values.kind is AnswerKind.DONT_KNOW:
                        dont_know += 1
                        reason = "dont_know"
                    text = question.text if lens is Lens.CLASSIC else question.social_text
                    open_questions.append(
                        OpenQuestion(numbers[question.id], lens, text or "", reason, question.id)
                    )
                block = result.block(area.id, lens)
                rows.append(
                    SummaryRow(
                        area.name,
                        lens,
                        answered,
                        len(questions),
                        dont_know,
                        block.score if block else None,
                        block.target if block else None,
                        shown_gap(block.score, block.target) if block else None,
                    )
                )
        return rows, open_questions

    def is_complete(self) -> bool:
        return self.assessment is not None and self.assessment.status is AssessmentStatus.COMPLETE

    # -- navigation -------------------------------------------------------------------------
    def page_id_of_area(self, area_id: str) -> int | None:
        for page_id in self.pageIds():
            page = self.page(page_id)
            if isinstance(page, BlockPage) and page.area.id == area_id:
                return page_id
        return None

    def go_to_page(self, page_id: int) -> bool:
        """Page back or forward to ``page_id`` as the buttons would; False if it cannot."""
        if page_id == self.currentId():
            return True
        if page_id in self.visitedIds() and page_id != self.currentId():
            while self.currentId() != page_id:
                before = self.currentId()
                self.back()
                if self.currentId() == before:
                    return False
            return True
        if self.assessment is None:
            return False
        while self.currentId() != page_id:
            before = self.currentId()
            self.next()
            if self.currentId() in (before, -1):
                return False
            if self.currentId() > page_id:
                return False
        return True

    def go_to_question(self, question_id: str, lens: Lens | str) -> None:
        area_id = self.framework.question(question_id).area_id
        page_id = self.page_id_of_area(area_id)
        if page_id is None or not self.go_to_page(page_id):
            return
        page = self.page(page_id)
        assert isinstance(page, BlockPage)
        page.focus_row(page.row_for(question_id, Lens(lens)))

    def resume(self) -> None:
        """Go to where this respondent stopped (called once the wizard is shown)."""
        position, self._resume_to = self._resume_to, None
        if not position or self.assessment is None:
            return
        target = position.get("page")
        page_id = SUMMARY_ID if target == SUMMARY_PAGE else self.page_id_of_area(str(target))
        if page_id is None:
            return
        self._resuming = True
        try:
            if self.currentId() == INTRO_ID:
                self.next()  # through the intro's validation (nothing changed: no write)
            self.go_to_page(page_id)
        finally:
            self._resuming = False
        page = self.currentPage()
        if isinstance(page, BlockPage):
            question = position.get("question")
            lens = position.get("lens")
            row = page.row_for(question, lens) if question and lens else None
            page.focus_row(row)

    def current_row(self) -> QuestionRow | None:
        page = self.currentPage()
        if not isinstance(page, BlockPage):
            return None
        for row in page.rows:
            if row.hasFocus() or row.isAncestorOf(self.focusWidget()):
                return row
        return None

    # -- undo -------------------------------------------------------------------------------
    def can_undo(self) -> bool:
        stack = self.runner.stack
        return stack.canUndo() and stack.index() > self._undo_floor

    def undo(self) -> None:
        if self.can_undo():
            text = self.runner.stack.undoText()
            self.runner.stack.undo()
            self._report(self.tr("Undone: {action}").format(action=text))

    def redo(self) -> None:
        if self.runner.stack.canRedo():
            text = self.runner.stack.redoText()
            self.runner.stack.redo()
            self._report(self.tr("Redone: {action}").format(action=text))

    # -- reading ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read this respondent's answers; show them on the current page and the panel."""
        self._reload_timer.stop()
        if self.assessment is None:
            return
        try:
            self.assessment = self.workspace.assessments.get(self.assessment.id)
        except NotFoundError:
            self.reject()  # deleted under us (another program): nothing left to answer
            return
        self._read_answers()
        page = self.currentPage()
        if isinstance(page, BlockPage) and page.rows:
            page.load(self._answers)
        elif isinstance(page, SummaryPage):
            page.refresh()
        self._update_progress_counts()

    def _read_answers(self) -> None:
        assert self.assessment is not None
        responses = [
            r
            for r in self.workspace.responses.for_assessment(self.assessment.id)
            if r.respondent_id == self.respondent_id
        ]
        self._responses = responses
        self._answers = {
            (r.question_id, r.lens): values
            for r in responses
            if (values := AnswerValues.from_response(r)) is not None
        }

    def save_position(self) -> None:
        """Remember where this respondent is (not an edit: nothing to undo)."""
        self._position_timer.stop()
        if self.assessment is None or self._position is None or self._resuming:
            return
        # A lost bookmark is not worth interrupting the consultant for.
        with contextlib.suppress(ScrmError):
            self.workspace.assessments.set_resume_position(
                self.assessment.id, self.respondent_id, self._position
            )

    # -- slots ------------------------------------------------------------------------------
    def _on_current_id_changed(self, page_id: int) -> None:
        self.progress.set_current(page_id)
        page = self.page(page_id)
        if isinstance(page, BlockPage):
            page.load(self._answers)
            if not self._resuming:
                self._remember({"page": page.area.id})
                QTimer.singleShot(0, lambda: self._focus_first_row(page))
        elif page_id == SUMMARY_ID:
            self._remember({"page": SUMMARY_PAGE})
        self._update_progress_counts()
        self._update_buttons()

    def _on_page_answer_edited(self, row: QuestionRow) -> None:
        self._save(row)

    def _on_page_evidence_edited(self, row: QuestionRow) -> None:
        self._save(row)

    def _on_page_row_focused(self, row: QuestionRow) -> None:
        page = self.currentPage()
        if isinstance(page, BlockPage) and not self._resuming:
            self._remember(
                {"page": page.area.id, "question": row.question_id, "lens": str(row.lens)}
            )

    def _on_workspace_changed(self, changes: Changes) -> None:
        if self.assessment is None:
            return
        if changes.touches("response", "assessment", "stakeholder"):
            if (
                changes.ids
                and self.assessment.id not in changes.ids
                and not changes.touches("stakeholder")
            ):
                return
            self._reload_timer.start()

    def _on_reload_timer_timeout(self) -> None:
        if self.isVisible():  # a closed wizard has nothing to show (done() saved already)
            self.reload()

    def _on_position_timer_timeout(self) -> None:
        if self.isVisible():
            self.save_position()

    def _on_custom_button_clicked(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.undo()

    # -- closing ----------------------------------------------------------------------------
    def validateCurrentPage(self) -> bool:
        ok = super().validateCurrentPage()
        if ok and self.currentId() == SUMMARY_ID and self.assessment is not None:
            wanted = (
                AssessmentStatus.COMPLETE
                if self.summary_page.complete_check.isChecked()
                else AssessmentStatus.IN_PROGRESS
            )
            if wanted is not self.assessment.status:
                try:
                    self.runner.run(set_status_command(self.workspace, self.assessment, wanted))
                except ScrmError as exc:
                    QMessageBox.warning(self, self.tr("Assessment"), str(exc))
                    return False
        return ok

    def done(self, result: int) -> None:
        page = self.currentPage()
        if isinstance(page, BlockPage):
            page.flush_evidence()
        if self._position is not None:
            self.save_position()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        page = self.currentPage()
        if isinstance(page, BlockPage):
            page.flush_evidence()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self._resume_to:
                QTimer.singleShot(0, self.resume)

    # -- helpers ----------------------------------------------------------------------------
    def _save(self, row: QuestionRow) -> None:
        if self.assessment is None:
            return
        key = AnswerKey(self.assessment.id, row.question_id, row.lens, self.respondent_id)
        area = self.framework.area(self.framework.question(row.question_id).area_id)
        label = self.tr("{block} {number}, {lens}").format(
            block=area.short_name, number=row.number, lens=lens_label(row.lens)
        )
        command = SaveAnswer(self.workspace, key, row.values(), label)
        if not command.changes_anything:
            return
        try:
            self.runner.run(command)
        except ValidationError as exc:
            QMessageBox.warning(
                self, self.tr("Answer not saved"), describe_invalid(exc.field, exc.message)
            )
            self.reload()
        except ScrmError as exc:
            QMessageBox.warning(self, self.tr("Answer not saved"), str(exc))
            self.reload()
        else:
            # The broadcast re-reads everything soon; show this answer and its count now.
            row.set_answer(command.values)
            answer = (row.question_id, row.lens)
            if command.values is None:
                self._answers.pop(answer, None)
            else:
                self._answers[answer] = command.values
            self._update_progress_counts()

    def _report(self, message: str) -> None:
        """A line for the main window's status bar, where the runner's messages go."""
        self.runner.executed.emit(message)

    def _remember(self, position: dict[str, Any]) -> None:
        self._position = position
        self._position_timer.start()

    def _focus_first_row(self, page: BlockPage) -> None:
        if self.currentPage() is page and not page.isAncestorOf(self.focusWidget()):
            page.focus_row(None)

    def _saved_position(self) -> dict[str, Any] | None:
        """Where this respondent stopped: the saved place, else after their last answer."""
        if self.assessment is None:
            return None
        position = self.workspace.assessments.resume_position(
            self.assessment.id, self.respondent_id
        )
        return position or self._position_after_last_answer()

    def _position_after_last_answer(self) -> dict[str, Any] | None:
        """For answers given without the wizard (the demo, an import): the question after
        the last one answered, in the order the pages ask them; None if nothing is."""
        lenses = self.lenses()
        order = [
            (area.id, question.id, lens)
            for area in self.framework.areas
            for question in area.questions()
            for lens in lenses
            if question in questions_for(area, lens)
        ]
        answered = [
            i for i, (_, question, lens) in enumerate(order) if (question, lens) in self._answers
        ]
        if not answered:
            return None
        if answered[-1] + 1 >= len(order):
            return {"page": SUMMARY_PAGE}
        area_id, question_id, lens = order[answered[-1] + 1]
        return {"page": area_id, "question": question_id, "lens": str(lens)}

    def _last_respondent(self, assessment_id: str) -> str | None:
        """Whoever answered last in this wizard: the consensus or a stakeholder."""
        latest: tuple[str, str | None] = ("", None)
        for respondent in [None, *(s.id for s in self.stakeholders)]:
            position = self.workspace.assessments.resume_position(assessment_id, respondent)
            stamp = str(position.get("at", ""))
            if stamp > latest[0]:
                latest = (stamp, respondent)
        return latest[1]

    def _usable_frameworks(self) -> list[BuildingBlocksFramework]:
        from scrm_desk.frameworks.model import BuildingBlocksFramework

        return [fw for fw in self.catalog if isinstance(fw, BuildingBlocksFramework)]

    def _framework_for(self, framework_id: str | None) -> BuildingBlocksFramework:
        return self.catalog.building_blocks(framework_id)

    def _install_block_pages(self) -> None:
        for page in self.block_pages:
            for page_id in self.pageIds():
                if self.page(page_id) is page:
                    self.removePage(page_id)
            page.deleteLater()
        self.block_pages = []
        count = len(self.framework.areas)
        for position, area in enumerate(self.framework.areas, start=1):
            page = BlockPage(self.framework, area, position, count)
            page.answer_edited.connect(self._on_page_answer_edited)
            page.evidence_edited.connect(self._on_page_evidence_edited)
            page.row_focused.connect(self._on_page_row_focused)
            self.setPage(FIRST_BLOCK_ID + position - 1, page)
            self.block_pages.append(page)
        self._update_progress_entries()

    def _update_progress_entries(self) -> None:
        if not hasattr(self, "summary_page"):
            return
        entries = [ProgressEntry(INTRO_ID, self.tr("Details"))]
        for page_id in sorted(self.pageIds()):
            page = self.page(page_id)
            if isinstance(page, BlockPage):
                entries.append(ProgressEntry(page_id, page.area.name))
        entries.append(ProgressEntry(SUMMARY_ID, self.tr("Summary")))
        self.progress.model.set_entries(entries)
        self._update_progress_counts()
        self.progress.set_current(self.currentId())

    def _update_progress_counts(self) -> None:
        lenses = self.lenses()
        for page in self.block_pages:
            page_id = self.page_id_of_area(page.area.id)
            if page_id is None:
                continue
            total = answered = 0
            for lens in lenses:
                for question in questions_for(page.area, lens):
                    total += 1
                    values = self._answers.get((question.id, lens))
                    if values is not None and values.counts_as_answered:
                        answered += 1
            self.progress.model.set_count(page_id, answered, total)

    def _update_titles(self) -> None:
        """Window title and side panel name the assessment and the respondent."""
        respondent = consensus_label()
        for stakeholder in self.stakeholders:
            if stakeholder.id == self.respondent_id:
                respondent = stakeholder.name
        self.progress.set_respondent(respondent)
        if self.assessment is None:
            self.setWindowTitle(self.tr("New Assessment — SCRM Desk"))
        else:
            self.setWindowTitle(
                self.tr("{name} · {respondent} — SCRM Desk").format(
                    name=self.assessment.name, respondent=respondent
                )
            )

    def _update_buttons(self, *_args: object) -> None:
        if not isValid(self.runner.stack):
            return  # the main window is going away (the stack says so as it goes)
        undo = self.button(QWizard.WizardButton.CustomButton1)
        enabled = self.can_undo()
        undo.setEnabled(enabled)
        self.undo_action.setEnabled(enabled)
        undo.setToolTip(
            self.tr("Undo {action} (Ctrl+Z)").format(action=self.runner.stack.undoText())
            if enabled
            else ""
        )
        self.setButtonText(
            QWizard.WizardButton.CancelButton,
            self.tr("Cancel") if self.assessment is None else self.tr("Close"),
        )
        close = self.button(QWizard.WizardButton.CancelButton)
        close.setToolTip(
            ""
            if self.assessment is None
            else self.tr("Every answer is saved already; close and continue later.")
        )


def _lenses_of(variant: Variant) -> tuple[Lens, ...]:
    return {
        Variant.CLASSIC: (Lens.CLASSIC,),
        Variant.SOCIAL: (Lens.SOCIAL,),
        Variant.BOTH: (Lens.CLASSIC, Lens.SOCIAL),
    }[variant]


def _run_alone() -> int:
    """``python -m ui.wizards.assessment_wizard``: the wizard on a sample workspace."""
    import sys

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from ui.refcount_guard import make_singletons_immortal
    from ui.sample_data import open_sample_workspace
    from ui.workspace_events import WorkspaceEvents

    make_singletons_immortal()
    app = QApplication(sys.argv)
    workspace = open_sample_workspace()
    engagement = next(
        e for e in workspace.engagements.active() if e.title == "Social CRM readiness review"
    )
    stack = QUndoStack()
    runner = CommandRunner(WorkspaceEvents(), stack)
    wizard = AssessmentWizard(workspace, runner, engagement.id)
    wizard.intro_page.name_edit.setText("Baseline")
    wizard.show()
    code = app.exec()
    workspace.close()
    return code


if __name__ == "__main__":
    raise SystemExit(_run_alone())
