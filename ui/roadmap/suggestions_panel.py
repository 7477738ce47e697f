"""Suggested initiatives: what the findings and the plan propose, for the consultant to
accept (into the item dialog, prefilled), or dismiss; and the dismissed ones, to restore.

Nothing reaches the roadmap from here without the consultant: the panel only asks
(:attr:`SuggestionsPanel.accept_requested` and the others), the page decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.roadmap.roadmap_model import phase_label

if TYPE_CHECKING:
    from scrm_desk.planning import Suggestion
    from scrm_desk.records import DismissedSuggestion

AnyIndex = QModelIndex | QPersistentModelIndex


class SuggestionListModel(QAbstractListModel):
    """Suggestions (or dismissed suggestions): the title shown, the key kept."""

    KeyRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        new = list(rows)
        if [r.key for r in new] == [r.key for r in self._rows]:
            self._rows = new
            if new:
                self.dataChanged.emit(self.index(0), self.index(len(new) - 1))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, key: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.key == key), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title or row.key
        if role == Qt.ItemDataRole.ToolTipRole:
            return getattr(row, "description", "") or None
        if role == self.KeyRole:
            return row.key
        return None


class SuggestionsPanel(QWidget):
    #: Accept this suggestion (the page opens the item dialog, prefilled).
    accept_requested = Signal(object)
    #: Dismiss this suggestion.
    dismiss_requested = Signal(object)
    #: Suggest this dismissed key again.
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("Suggested initiatives"))
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.model = SuggestionListModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.list_view.setAccessibleName(self.tr("Suggested initiatives"))
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setWordWrap(True)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setMinimumHeight(48)
        self.empty_label = QLabel(self.tr("No open suggestions."))
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # Read-only text that scrolls: a suggestion's description can be long.
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setFrameShape(QFrame.Shape.NoFrame)
        self.detail.setAccessibleName(self.tr("About the suggestion"))
        self.detail.setTabChangesFocus(True)
        self.detail.viewport().setAutoFillBackground(False)
        self.detail.setMinimumHeight(40)
        self.accept_button = QPushButton(self.tr("A&ccept…"))
        self.accept_button.setAccessibleName(self.tr("Accept the suggestion"))
        self.accept_button.setToolTip(
            self.tr("Put it on the roadmap, after a look at the details (Enter)")
        )
        self.dismiss_button = QPushButton(self.tr("D&ismiss"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss the suggestion"))
        self.show_dismissed = QCheckBox(self.tr("Show &dismissed"))
        self.dismissed_model = SuggestionListModel(self)
        self.dismissed_view = QListView()
        self.dismissed_view.setModel(self.dismissed_model)
        self.dismissed_view.setAccessibleName(self.tr("Dismissed suggestions"))
        self.dismissed_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dismissed_view.setMaximumHeight(120)
        self.restore_button = QPushButton(self.tr("Res&tore"))
        self.restore_button.setAccessibleName(self.tr("Restore the dismissed suggestion"))
        self._suggestions: list[Suggestion] = []

        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        restore_row = QHBoxLayout()
        restore_row.addStretch(1)
        restore_row.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list_view, 2)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.detail, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.show_dismissed)
        layout.addWidget(self.dismissed_view)
        layout.addLayout(restore_row)
        self._connect_signals()
        self._on_show_dismissed_toggled(False)
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.list_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_selection_changed)
        self.list_view.doubleClicked.connect(self._on_accept_clicked)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.list_view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._on_accept_clicked)
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self.dismiss_button.clicked.connect(self._on_dismiss_clicked)
        self.show_dismissed.toggled.connect(self._on_show_dismissed_toggled)
        self.dismissed_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.dismissed_model.modelReset.connect(self._update_buttons)
        self.restore_button.clicked.connect(self._on_restore_clicked)

    # -- public ---------------------------------------------------------------------------
    def set_suggestions(
        self, suggestions: Sequence[Suggestion], dismissed: Sequence[DismissedSuggestion]
    ) -> None:
        current = self.current_suggestion()
        self._suggestions = list(suggestions)
        self.model.set_rows(self._suggestions)
        self.dismissed_model.set_rows(list(dismissed))
        self.empty_label.setVisible(not self._suggestions)
        self.heading.setText(
            self.tr("Suggested initiatives ({count})").format(count=len(self._suggestions))
        )
        keys = [s.key for s in self._suggestions]
        if self._suggestions and not self.list_view.currentIndex().isValid():
            row = keys.index(current.key) if current is not None and current.key in keys else 0
            self.list_view.setCurrentIndex(self.model.index(row))
        self.show_dismissed.setText(
            self.tr("Show &dismissed ({count})").format(count=len(dismissed))
        )
        self._on_selection_changed()

    def current_suggestion(self) -> Suggestion | None:
        index = self.list_view.currentIndex()
        if not index.isValid() or index.row() >= len(self._suggestions):
            return None
        return self._suggestions[index.row()]

    def select(self, key: str) -> None:
        row = self.model.row_of(key)
        if row is not None:
            self.list_view.setCurrentIndex(self.model.index(row))

    # -- slots ----------------------------------------------------------------------------
    def _on_selection_changed(self, *_args: QItemSelection) -> None:
        suggestion = self.current_suggestion()
        if suggestion is None:
            self.detail.clear()
        else:
            self.detail.setPlainText(
                self.tr(
                    "{description}\n\nWhy: {reason}\nPhase: {phase} · impact {impact} · "
                    "effort {effort}"
                ).format(
                    description=suggestion.description,
                    reason=suggestion.reason,
                    phase=phase_label(suggestion.phase.value),
                    impact=suggestion.impact,
                    effort=suggestion.effort,
                )
            )
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        has = self.current_suggestion() is not None
        self.accept_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)
        self.restore_button.setEnabled(self.dismissed_view.currentIndex().isValid())

    def _on_accept_clicked(self, *_args: object) -> None:
        suggestion = self.current_suggestion()
        if suggestion is not None:
            self.accept_requested.emit(suggestion)

    def _on_dismiss_clicked(self) -> None:
        suggestion = self.current_suggestion()
        if suggestion is not None:
            self.dismiss_requested.emit(suggestion)

    def _on_show_dismissed_toggled(self, shown: bool) -> None:
        self.dismissed_view.setVisible(shown)
        self.restore_button.setVisible(shown)

    def _on_restore_clicked(self) -> None:
        index = self.dismissed_view.currentIndex()
        if index.isValid():
            self.restore_requested.emit(index.data(SuggestionListModel.KeyRole))
