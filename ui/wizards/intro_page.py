"""The first page of the assessment wizard: name, date, variant and who answers.

Leaving the page creates the assessment (one undoable command) or, when the wizard
continues an existing one, saves changed details; the wizard does the writing
(:meth:`AssessmentWizard.commit_details`), the page only gathers and checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from scrm_desk.records import Assessment, Stakeholder, Variant
from ui.labels import DATE_FORMAT, consensus_label, group_label, variant_label
from ui.widgets.inline_message import InlineMessage
from ui.wizards.question_row import is_alt_letter

if TYPE_CHECKING:
    from scrm_desk.frameworks.model import BuildingBlocksFramework

ISO = "yyyy-MM-dd"


@dataclass(frozen=True, slots=True)
class AssessmentDetails:
    """What the intro page gathers: the wizard's plain result for the core."""

    name: str
    assessed_on: str | None
    variant: Variant
    framework_id: str
    respondent_id: str | None

    def record_values(self) -> dict[str, object]:
        return {"name": self.name, "assessed_on": self.assessed_on, "variant": self.variant}


class DetailsSink(Protocol):
    def commit_details(self, details: AssessmentDetails) -> str | None:
        """Create or update the assessment; an error message when the core refused."""
        ...


class IntroPage(QWizardPage):
    def __init__(
        self,
        frameworks: Sequence[BuildingBlocksFramework],
        stakeholders: Sequence[Stakeholder],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._frameworks = tuple(frameworks)
        self.setTitle(self.tr("Assessment"))
        self.setSubTitle(
            self.tr(
                "Score the client on each building block, from 1 (initial) to 5 (optimised), "
                "with the evidence behind each answer and the level the client aims for. "
                "Every answer is saved the moment you give it."
            )
        )
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("For example: Baseline, Six-month review"))
        self.name_edit.setAccessibleName(self.tr("Assessment name"))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setAccessibleName(self.tr("Assessment date"))
        self.framework_combo = QComboBox()
        self.framework_combo.setAccessibleName(self.tr("Framework"))
        for framework in self._frameworks:
            self.framework_combo.addItem(
                self.tr("{name} (version {version})").format(
                    name=framework.name, version=framework.version
                ),
                framework.id,
            )
        self.variant_group = QButtonGroup(self)
        self.variant_buttons: dict[Variant, QRadioButton] = {}
        explanations = {
            Variant.CLASSIC: self.tr("the classic CRM question of each block"),
            Variant.SOCIAL: self.tr("the Social CRM variant of each block"),
            Variant.BOTH: self.tr("both, side by side: every question answered twice"),
        }
        variant_box = QVBoxLayout()
        variant_box.setSpacing(2)
        for number, variant in enumerate(Variant):
            button = QRadioButton(
                self.tr("{variant} — {explanation}").format(
                    variant=variant_label(variant), explanation=explanations[variant]
                )
            )
            button.setAccessibleName(variant_label(variant))
            self.variant_group.addButton(button, number)
            self.variant_buttons[variant] = button
            variant_box.addWidget(button)
        self.variant_note = QLabel()
        self.variant_note.setWordWrap(True)
        self.variant_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.variant_note.setVisible(False)
        variant_box.addWidget(self.variant_note)
        self.respondent_combo = QComboBox()
        self.respondent_combo.setAccessibleName(self.tr("Who answers"))
        self.respondent_combo.addItem(consensus_label(), None)
        for stakeholder in stakeholders:
            role = f", {stakeholder.role}" if stakeholder.role else ""
            self.respondent_combo.addItem(
                f"{stakeholder.name}{role} ({group_label(stakeholder.group)})", stakeholder.id
            )
        self.respondent_note = QLabel(
            self.tr(
                "Answer once for the consensus the workshop agrees on, or once per stakeholder "
                "(a survey or an interview); the dashboard shows both, side by side."
            )
        )
        self.respondent_note.setWordWrap(True)
        self.respondent_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error = InlineMessage()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (
            (self.tr("N&ame: *"), self.name_edit),
            (self.tr("&Date:"), self.date_edit),
            (self.tr("Fra&mework:"), self.framework_combo),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        variant_caption = QLabel(self.tr("&Variant:"))
        variant_caption.setBuddy(self.variant_buttons[Variant.CLASSIC])
        form.addRow(variant_caption, variant_box)
        respondent_caption = QLabel(self.tr("&Who answers:"))
        respondent_caption.setBuddy(self.respondent_combo)
        form.addRow(respondent_caption, self.respondent_combo)
        form.addRow("", self.respondent_note)
        self._form = form
        form.setRowVisible(self.framework_combo, len(self._frameworks) > 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)

        # Not a mandatory field ("name*"): QWizard would count the name as missing while
        # it equals the value it had when the page was added, which for an existing
        # assessment is its name. :meth:`isComplete` checks the name itself.
        self.registerField("name", self.name_edit)
        self.registerField("assessed_on", self.date_edit, "date")
        self.registerField("respondent", self.respondent_combo)
        self.name_edit.textChanged.connect(self.completeChanged)
        # Alt+N (Next) while Next is off must not type an "n" into the name.
        self.name_edit.installEventFilter(self)
        self.variant_group.idToggled.connect(self._on_variant_group_toggled)
        self._existing: Assessment | None = None

    # -- filling in -----------------------------------------------------------------------
    def prefill(
        self,
        *,
        assessment: Assessment | None,
        default_variant: Variant,
        framework_id: str | None,
        respondent_id: str | None,
    ) -> None:
        """Show an existing assessment's details, or the defaults for a new one."""
        self._existing = assessment
        if assessment is not None:
            self.name_edit.setText(assessment.name)
            if assessment.assessed_on:
                self.date_edit.setDate(QDate.fromString(assessment.assessed_on, ISO))
            self.variant_buttons[assessment.variant].setChecked(True)
            framework_id = assessment.framework_id
            self.setTitle(self.tr("Continue “{name}”").format(name=assessment.name))
        else:
            self.variant_buttons[default_variant].setChecked(True)
        if framework_id is not None:
            index = self.framework_combo.findData(framework_id)
            if index >= 0:
                self.framework_combo.setCurrentIndex(index)
        self.framework_combo.setEnabled(assessment is None)
        index = self.respondent_combo.findData(respondent_id)
        self.respondent_combo.setCurrentIndex(max(index, 0))
        self.completeChanged.emit()

    def details(self) -> AssessmentDetails:
        variant = next(v for v, b in self.variant_buttons.items() if b.isChecked())
        return AssessmentDetails(
            name=self.name_edit.text().strip(),
            assessed_on=self.date_edit.date().toString(ISO),
            variant=variant,
            framework_id=self.framework_combo.currentData(),
            respondent_id=self.respondent_combo.currentData(),
        )

    # -- QWizardPage ----------------------------------------------------------------------
    def initializePage(self) -> None:
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.name_edit.text().strip())

    def validatePage(self) -> bool:
        sink: DetailsSink = self.wizard()  # type: ignore[assignment]
        problem = sink.commit_details(self.details())
        self.error.show_message(problem or "")
        if problem:
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return problem is None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.name_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and is_alt_letter(event)
        ):
            return True  # no button took the mnemonic (Next off, Finish hidden): ignore it
        return super().eventFilter(watched, event)

    # -- slots ----------------------------------------------------------------------------
    def _on_variant_group_toggled(self, _id: int, checked: bool) -> None:
        if not checked or self._existing is None:
            return
        variant = self.details().variant
        changed = variant is not self._existing.variant
        self.variant_note.setVisible(changed)
        if changed:
            self.variant_note.setText(
                self.tr(
                    "Answers already given under a lens this variant leaves out are kept, but "
                    "not scored while the variant stays {variant}."
                ).format(variant=variant_label(variant))
            )
