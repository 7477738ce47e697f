"""Cyclic garbage, and the Qt widgets caught in it, is collected on the GUI thread even
while a worker thread allocates as fast as it can."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.main_thread_gc import MainThreadCollector, collect_on_gui_thread


class CyclicPanel(QWidget):
    """A widget that keeps a reference to itself, as a page with a stored callback does."""

    finalized_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(QPushButton("OK"))
        self.me = self

    def __del__(self) -> None:
        CyclicPanel.finalized_on.append(threading.current_thread().name)


def test_the_session_collects_on_the_gui_thread(gui_thread_gc: MainThreadCollector) -> None:
    assert gui_thread_gc.active
    assert not gc.isenabled()
    assert collect_on_gui_thread() is gui_thread_gc  # one collector per application


def test_widgets_in_cycles_are_finalized_on_the_gui_thread(
    qtbot, gui_thread_gc: MainThreadCollector
) -> None:
    CyclicPanel.finalized_on.clear()
    for _ in range(50):
        CyclicPanel()

    def allocate() -> None:
        # Enough cyclic garbage to cross generation 0's threshold hundreds of times.
        for _ in range(300):
            junk = [{} for _ in range(1000)]
            for item in junk:
                item["self"] = item

    worker = threading.Thread(target=allocate, name="allocating-worker")
    worker.start()
    worker.join()
    assert CyclicPanel.finalized_on == []  # the worker left them alone
    qtbot.waitUntil(lambda: len(CyclicPanel.finalized_on) == 50, timeout=5_000)
    assert set(CyclicPanel.finalized_on) == {threading.main_thread().name}


def test_check_collects_only_past_a_threshold(qapp) -> None:
    collector = MainThreadCollector(interval_ms=60_000)
    gc.collect()
    assert collector.check() == 0
    assert collector.collections == 0
    for _ in range(gc.get_threshold()[0] + 10):
        cycle: dict[str, object] = {}
        cycle["self"] = cycle
    assert gc.get_count()[0] > gc.get_threshold()[0]
    collector.check()
    assert collector.collections == 1
    assert gc.get_count()[0] < gc.get_threshold()[0]
