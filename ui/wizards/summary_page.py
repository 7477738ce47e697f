"""The last page of the assessment wizard: what this respondent answered per block, the
gaps to target, and every question still open, each one a double-click (or Enter) away.

The scores here are this respondent's own (the engine run on their answers alone); the
dashboard combines every respondent and the consensus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from scrm_desk.records import Lens
from ui.labels import format_score, lens_label

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class SummaryRow:
    area_name: str
    lens: Lens
    answered: int
    total: int
    dont_know: int
    score: float | None
    target: float | None
    gap: float | None


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    number: str
    lens: Lens
    text: str
    #: Why it is open: "unanswered" or "dont_know".
    reason: str
    question_id: str


class SummarySource(Protocol):
    def summary(self) -> tuple[list[SummaryRow], list[OpenQuestion]]: ...

    def go_to_question(self, question_id: str, lens: Lens) -> None: ...

    def is_complete(self) -> bool: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("SummaryPage", text)


_BLOCK_HEADERS = (
    QT_TRANSLATE_NOOP("SummaryPage", "Block"),
    QT_TRANSLATE_NOOP("SummaryPage", "Lens"),
    QT_TRANSLATE_NOOP("SummaryPage", "Answered"),
    QT_TRANSLATE_NOOP("SummaryPage", "Don't know"),
    QT_TRANSLATE_NOOP("SummaryPage", "Score"),
    QT_TRANSLATE_NOOP("SummaryPage", "Target"),
    QT_TRANSLATE_NOOP("SummaryPage", "Gap"),
)
_OPEN_HEADERS = (
    QT_TRANSLATE_NOOP("SummaryPage", "No."),
    QT_TRANSLATE_NOOP("SummaryPage", "Lens"),
    QT_TRANSLATE_NOOP("SummaryPage", "Status"),
    QT_TRANSLATE_NOOP("SummaryPage", "Question"),
)


class SummaryTableModel(QAbstractTableModel):
    """Per block and lens: answered of total, don't know, score, target and gap."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SummaryRow] = []

    def set_rows(self, rows: Sequence[SummaryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_BLOCK_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(_BLOCK_HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.area_name,
                lens_label(row.lens),
                f"{row.answered}/{row.total}",
                str(row.dont_know) if row.dont_know else "",
                format_score(row.score),
                format_score(row.target),
                format_score(row.gap),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OpenQuestionModel(QAbstractTableModel):
    """The questions this respondent has not answered, or answered "don't know"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OpenQuestion] = []

    def set_rows(self, rows: Sequence[OpenQuestion]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def question_at(self, row: int) -> OpenQuestion:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_OPEN_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(_OPEN_HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            status = _tr("Don't know") if row.reason == "dont_know" else _tr("Not answered")
            return (row.number, lens_label(row.lens), status, row.text)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.text
        return None


class OpenQuestionView(QTableView):
    """Enter (or a double-click) on a question goes back to it."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            event.accept()
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class SummaryPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Summary"))
        self.setSubTitle(
            self.tr(
                "Your answers are saved. Check what is still open; Finish closes the wizard "
                "and the dashboard shows the scores of every respondent."
            )
        )
        self.block_model = SummaryTableModel(self)
        self.block_view = QTableView()
        self.block_view.setModel(self.block_model)
        self.block_view.setAccessibleName(self.tr("Answers per block"))
        self.open_model = OpenQuestionModel(self)
        self.open_view = OpenQuestionView()
        self.open_view.setModel(self.open_model)
        self.open_view.setAccessibleName(self.tr("Questions still open"))
        for view in (self.block_view, self.open_view):
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().setVisible(False)
            view.setAlternatingRowColors(True)
            view.setWordWrap(False)
            view.horizontalHeader().setHighlightSections(False)
        header = self.block_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.open_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.open_view.horizontalHeader().setStretchLastSection(True)
        self.open_label = QLabel()
        self.open_label.setWordWrap(True)
        hint = QLabel(
            self.tr("Double-click a question, or select it and press Enter, to answer it.")
        )
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.complete_check = QCheckBox(self.tr("Mark the assessment as &complete"))
        self.complete_check.setAccessibleName(self.tr("Mark the assessment as complete"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.block_view, 3)
        layout.addWidget(self.open_label)
        layout.addWidget(self.open_view, 2)
        layout.addWidget(hint)
        layout.addWidget(self.complete_check)
        self.open_view.doubleClicked.connect(self._on_open_view_double_clicked)
        self.open_view.activated_row.connect(self._on_open_view_activated_row)

    def _source(self) -> SummarySource:
        return self.wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        self.refresh()
        self.complete_check.setChecked(self._source().is_complete())

    def refresh(self) -> None:
        rows, open_questions = self._source().summary()
        self.block_model.set_rows(rows)
        self.open_model.set_rows(open_questions)
        if open_questions:
            self.open_label.setText(
                self.tr("{count} question(s) still open:").format(count=len(open_questions))
            )
        else:
            self.open_label.setText(self.tr("Every question is answered."))
        self.open_view.setVisible(bool(open_questions))

    def _on_open_view_double_clicked(self, index: QModelIndex) -> None:
        self._on_open_view_activated_row(index.row())

    def _on_open_view_activated_row(self, row: int) -> None:
        question = self.open_model.question_at(row)
        self._source().go_to_question(question.question_id, question.lens)
