"""The item models pass Qt's own consistency checks (pytest-qt's qtmodeltester)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from scrm_desk.workspace import Workspace
from ui.models.navigator_model import CLIENT, ENGAGEMENT, NavigatorModel
from ui.models.stakeholder_table_model import COLUMNS, StakeholderTableModel
from ui.models.trash_model import TrashModel
from ui.sample_data import fill_sample_workspace


def test_navigator_model_nests_engagements_under_clients(qtmodeltester, workspace: Workspace):
    fill_sample_workspace(workspace)
    model = NavigatorModel()
    model.set_records(workspace.clients.all(), workspace.engagements.active())
    qtmodeltester.check(model)

    clients = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert clients == ["Contoso Telecom", "Fabrikam Insurance", "Northwind Retail"]
    northwind = model.index(2, 0)
    assert northwind.data(NavigatorModel.KindRole) == CLIENT
    titles = {model.index(r, 0, northwind).data() for r in range(model.rowCount(northwind))}
    assert titles == {"Social CRM readiness review", "Loyalty programme refresh"}
    review = model.index_of(ENGAGEMENT, workspace.engagements.resolve("readiness").id)
    assert review.parent() == northwind
    assert review.siblingAtColumn(NavigatorModel.STATUS_COLUMN).data() == "Active"
    assert "Churn quick scan" not in str(model.findItems("Churn", Qt.MatchFlag.MatchRecursive))


def test_navigator_proxy_filters_recursively(qtmodeltester, workspace: Workspace):
    fill_sample_workspace(workspace)
    model = NavigatorModel()
    model.set_records(workspace.clients.all(), workspace.engagements.active())
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterRole(NavigatorModel.SearchRole)
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterFixedString("Sam Lee")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data() == "Northwind Retail"


def test_stakeholder_model_is_consistent_and_hands_edits_over(qtmodeltester, workspace):
    fill_sample_workspace(workspace)
    review = workspace.engagements.resolve("readiness review")
    edits: list[tuple[str, str, object]] = []
    model = StakeholderTableModel(
        lambda sid, field, value: edits.append((sid, field, value)) or True
    )
    model.set_stakeholders(workspace.stakeholders.for_engagement(review.id))
    qtmodeltester.check(model)

    assert model.columnCount() == len(COLUMNS)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Name",
        "Role",
        "Group",
        "E-mail",
        "Notes",
    ]
    group = model.index(0, 2)
    assert group.data() == "Executive"  # shown by label
    assert group.data(Qt.ItemDataRole.EditRole) == "executive"  # edited by value
    assert model.flags(group) & Qt.ItemFlag.ItemIsEditable

    assert model.setData(model.index(0, 1), "Chief Customer Officer") is False  # unchanged
    assert model.setData(model.index(0, 1), "CCO") is True
    assert edits == [(model.stakeholder_at(0).id, "role", "CCO")]
    assert model.index(0, 1).data() == "Chief Customer Officer"  # the workspace decides


def test_stakeholder_model_without_handler_is_read_only(qtmodeltester, workspace):
    fill_sample_workspace(workspace)
    review = workspace.engagements.resolve("readiness review")
    model = StakeholderTableModel()
    model.set_stakeholders(workspace.stakeholders.for_engagement(review.id))
    qtmodeltester.check(model)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, 0), "Someone") is False


def test_stakeholder_model_keeps_persistent_indexes_when_rows_move(workspace):
    fill_sample_workspace(workspace)
    review = workspace.engagements.resolve("readiness review")
    model = StakeholderTableModel()
    records = workspace.stakeholders.for_engagement(review.id)
    model.set_stakeholders(records)
    from PySide6.QtCore import QPersistentModelIndex

    first = QPersistentModelIndex(model.index(0, 3))
    model.set_stakeholders(list(reversed(records)))
    assert first.row() == len(records) - 1
    assert first.column() == 3
    assert first.data(StakeholderTableModel.IdRole) == records[0].id


def test_trash_model(qtmodeltester, workspace: Workspace):
    fill_sample_workspace(workspace)
    model = TrashModel()
    names = {client.id: client.name for client in workspace.clients.all()}
    model.set_engagements(workspace.engagements.trashed(), names)
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Churn quick scan"
    assert model.index(0, 1).data() == "Contoso Telecom"
    assert model.index(0, 3).data()  # a formatted local time
