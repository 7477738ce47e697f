"""Clients with their engagements beneath, for the navigator tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from scrm_desk.records import Client, Engagement
from ui.labels import engagement_count_label, format_date, status_label

CLIENT = "client"
ENGAGEMENT = "engagement"


class NavigatorModel(QStandardItemModel):
    """Two columns (name, status); each row carries its record's id and kind in roles.

    :attr:`SearchRole` holds the text the navigator's search matches: a client's name,
    an engagement's title and consultant.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1
    KindRole = Qt.ItemDataRole.UserRole + 2
    SearchRole = Qt.ItemDataRole.UserRole + 3

    NAME_COLUMN = 0
    STATUS_COLUMN = 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([self.tr("Client / engagement"), self.tr("Status")])

    def set_records(self, clients: Sequence[Client], engagements: Sequence[Engagement]) -> None:
        """Replace the contents; engagements keep the order they are given in."""
        by_client: dict[str, list[Engagement]] = defaultdict(list)
        for engagement in engagements:
            by_client[engagement.client_id].append(engagement)
        self.removeRows(0, self.rowCount())
        root = self.invisibleRootItem()
        for client in clients:
            client_row = self._client_row(client, len(by_client[client.id]))
            for engagement in by_client[client.id]:
                client_row[0].appendRow(self._engagement_row(engagement))
            root.appendRow(client_row)

    def index_of(self, kind: str, record_id: str) -> QModelIndex:
        """The name-column index of a record, or an invalid index."""
        found = self.match(
            self.index(0, 0),
            self.IdRole,
            record_id,
            hits=-1,
            flags=Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        for index in found:
            if index.data(self.KindRole) == kind:
                return index
        return QModelIndex()

    # -- building rows --------------------------------------------------------------------
    def _client_row(self, client: Client, engagement_count: int) -> list[QStandardItem]:
        name = QStandardItem(client.name)
        font = QFont(name.font())
        font.setBold(True)
        name.setFont(font)
        details = ", ".join(part for part in (client.industry, client.region) if part)
        lines = [client.name, details, engagement_count_label(engagement_count)]
        name.setToolTip("\n".join(line for line in lines if line))
        count = QStandardItem()  # the status column is the engagements' own
        return self._finish([name, count], CLIENT, client.id, client.name)

    def _engagement_row(self, engagement: Engagement) -> list[QStandardItem]:
        title = QStandardItem(engagement.title)
        dates = f"{format_date(engagement.start_date)} – {format_date(engagement.end_date)}"
        consultant = engagement.consultant or self.tr("no consultant named")
        title.setToolTip(f"{engagement.title}\n{consultant}\n{dates}")
        status = QStandardItem(status_label(engagement.status))
        search = f"{engagement.title}\n{engagement.consultant}"
        return self._finish([title, status], ENGAGEMENT, engagement.id, search)

    def _finish(
        self, items: list[QStandardItem], kind: str, record_id: str, search: str
    ) -> list[QStandardItem]:
        for item in items:
            item.setEditable(False)
            item.setData(record_id, self.IdRole)
            item.setData(kind, self.KindRole)
            item.setData(search, self.SearchRole)
        return items
