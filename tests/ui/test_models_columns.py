"""The base of the table models: columns declared once, rows updated in place or reset."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPersistentModelIndex, Qt

from ui.models.columns import Column, ColumnTableModel, column_numbers, declare_columns

COLUMNS = declare_columns(
    "FruitModel",
    Column("name", QT_TRANSLATE_NOOP("FruitModel", "Fruit")),
    Column("count", QT_TRANSLATE_NOOP("FruitModel", "Count"), numeric=True, tip="How many"),
)


@dataclass(frozen=True)
class Fruit:
    id: str
    name: str
    count: int


class FruitModel(ColumnTableModel[Fruit]):
    def __init__(self, key: Any = attrgetter("id"), *, moves_rows: bool = False) -> None:
        super().__init__(COLUMNS, key)
        self.moves_rows = moves_rows

    def display(self, row: Fruit, key: str) -> Any:
        return str(row.count) if key == "count" else row.name

    def sort_value(self, row: Fruit, key: str) -> Any:
        return row.count if key == "count" else super().sort_value(row, key)


FRUIT = [Fruit("a", "Apple", 3), Fruit("p", "pear", 12)]


def signals(model: FruitModel) -> list[str]:
    seen: list[str] = []
    for name in ("modelReset", "dataChanged", "layoutChanged"):
        getattr(model, name).connect(lambda *_args, name=name: seen.append(name))
    return seen


def test_columns_rows_and_roles(qtmodeltester):
    model = FruitModel()
    model.set_rows(FRUIT)
    qtmodeltester.check(model)
    assert column_numbers(COLUMNS) == model.column_of == {"name": 0, "count": 1}
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    horizontal = Qt.Orientation.Horizontal
    assert [model.headerData(c, horizontal) for c in range(2)] == ["Fruit", "Count"]
    assert model.headerData(1, horizontal, Qt.ItemDataRole.ToolTipRole) == "How many"
    assert model.headerData(0, horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.index(1, 1).data() == "12"
    assert model.index(1, 0).data(model.SortRole) == "pear"
    assert model.index(1, 1).data(model.SortRole) == 12
    assert model.index(1, 0).data(model.IdRole) == "p"
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    alignment = model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.row_at(1) is FRUIT[1]
    assert (model.row_of("p"), model.row_of("x")) == (1, None)
    assert model.rows() == FRUIT


def test_the_same_rows_update_in_place_and_others_reset():
    model = FruitModel()
    model.set_rows(FRUIT)
    seen = signals(model)
    current = QPersistentModelIndex(model.index(1, 0))
    model.set_rows([FRUIT[0], Fruit("p", "Pear", 13)])
    assert seen == ["dataChanged"]
    assert current.isValid() and current.data() == "Pear"
    model.set_rows(list(reversed(FRUIT)))  # moved: without moves_rows, a reset
    assert seen == ["dataChanged", "modelReset"]
    model.reset_rows(model.rows())
    assert seen == ["dataChanged", "modelReset", "modelReset"]


def test_rows_that_only_moved_keep_their_persistent_indexes(qtmodeltester):
    model = FruitModel(moves_rows=True)
    model.set_rows(FRUIT)
    seen = signals(model)
    current = QPersistentModelIndex(model.index(0, 1))
    model.set_rows(list(reversed(FRUIT)))
    assert seen == ["layoutChanged"]
    assert (current.row(), current.column(), current.data(model.IdRole)) == (1, 1, "a")
    model.set_rows([FRUIT[0]])  # a row went: a reset
    assert seen == ["layoutChanged", "modelReset"]
    qtmodeltester.check(model)


def test_a_model_without_key_always_resets():
    model = FruitModel(key=None)
    model.set_rows(FRUIT)
    seen = signals(model)
    model.set_rows(FRUIT)
    assert seen == ["modelReset"]
    assert model.index(0, 0).data(model.IdRole) is None
    assert model.row_of("a") is None
