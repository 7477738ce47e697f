"""The left side of the main window: a search field over the clients-and-engagements tree.

It reads the workspace itself and reloads when a broadcast touches clients or
engagements, keeping the selection, the collapsed clients and the filter.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.changes import Changes
from ui.models.navigator_model import CLIENT, ENGAGEMENT, NavigatorModel
from ui.widgets.search_field import SearchField
from ui.workspace_events import WorkspaceEvents

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

Selection = tuple[str, str]  # (kind, id)


class NavigatorPanel(QWidget):
    #: The selected record changed: (kind, id), or ("", "") when nothing is selected.
    selection_changed = Signal(str, str)
    #: A record was double-clicked or Enter was pressed on it: (kind, id).
    record_activated = Signal(str, str)

    def __init__(
        self, workspace: Workspace, events: WorkspaceEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._events = events
        self._collapsed: set[str] = set()
        self._reloading = False
        self._last_emitted: Selection = ("", "")

        self.model = NavigatorModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(NavigatorModel.SearchRole)
        self.proxy.setFilterKeyColumn(NavigatorModel.NAME_COLUMN)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)  # a matching engagement shows its client
        self.proxy.setAutoAcceptChildRows(True)  # a matching client shows its engagements

        self.search = SearchField(self.tr("Search clients, engagements, consultants"))
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(self.tr("Clients and engagements"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NavigatorModel.NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            NavigatorModel.STATUS_COLUMN, QHeaderView.ResizeMode.ResizeToContents
        )
        self.trash_button = QToolButton()
        self.trash_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.trash_button.setAutoRaise(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.trash_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(self.tree)
        self._connect_signals()
        self.reload()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_search_text_changed)
        self.tree.selectionModel().selectionChanged.connect(self._on_tree_selection_changed)
        self.tree.activated.connect(self._on_tree_activated)
        self.tree.collapsed.connect(self._on_tree_collapsed)
        self.tree.expanded.connect(self._on_tree_expanded)
        self._events.workspace_changed.connect(self._on_workspace_changed)

    # -- public ---------------------------------------------------------------------------
    def set_trash_action(self, action: QAction) -> None:
        self.trash_button.setDefaultAction(action)

    def set_context_actions(self, actions: Iterable[QAction]) -> None:
        self.tree.addActions(list(actions))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current(self) -> Selection:
        index = self._selected_index()
        if not index.isValid():
            return ("", "")
        return (index.data(NavigatorModel.KindRole), index.data(NavigatorModel.IdRole))

    def select(self, kind: str, record_id: str) -> bool:
        """Select a record (clearing the search if it hides it); False if not shown."""
        source = self.model.index_of(kind, record_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(source)
        if index.parent().isValid():
            self.tree.expand(index.parent())
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def clear_selection(self) -> None:
        self.tree.clearSelection()
        self.tree.setCurrentIndex(QModelIndex())

    def reload(self) -> None:
        """Re-read clients and engagements, keeping selection, collapsed rows and filter."""
        before = self.current()
        parent_of_selected = self._selected_index().parent().data(NavigatorModel.IdRole)
        self._reloading = True
        try:
            self.model.set_records(
                self._workspace.clients.all(), self._workspace.engagements.active()
            )
            self._expand_all_but_collapsed()
            if before[1] and not self.select(*before) and parent_of_selected:
                self.select(CLIENT, parent_of_selected)  # its engagement went to the trash
        finally:
            self._reloading = False
        self._emit_selection()

    # -- slots ----------------------------------------------------------------------------
    def _on_workspace_changed(self, changes: Changes) -> None:
        if changes.touches(CLIENT, ENGAGEMENT):
            self.reload()

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.tree.expandAll()
        else:
            self._expand_all_but_collapsed()
        index = self._selected_index()
        if index.isValid():
            self.tree.scrollTo(index)

    def _on_tree_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        if not self._reloading:
            self._emit_selection()

    def _on_tree_activated(self, index: QModelIndex) -> None:
        self.record_activated.emit(
            index.data(NavigatorModel.KindRole), index.data(NavigatorModel.IdRole)
        )

    # Only the user's own expanding and collapsing is remembered, not a search's.
    def _on_tree_collapsed(self, index: QModelIndex) -> None:
        if not self._reloading and not self.search.text().strip():
            self._collapsed.add(index.data(NavigatorModel.IdRole))

    def _on_tree_expanded(self, index: QModelIndex) -> None:
        if not self._reloading and not self.search.text().strip():
            self._collapsed.discard(index.data(NavigatorModel.IdRole))

    # -- helpers --------------------------------------------------------------------------
    def _selected_index(self) -> QModelIndex:
        rows = self.tree.selectionModel().selectedRows(NavigatorModel.NAME_COLUMN)
        return rows[0] if rows else QModelIndex()

    def _expand_all_but_collapsed(self) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            collapsed = index.data(NavigatorModel.IdRole) in self._collapsed
            self.tree.setExpanded(index, not collapsed)

    def _emit_selection(self) -> None:
        now = self.current()
        if now != self._last_emitted:
            self._last_emitted = now
            self.selection_changed.emit(*now)
