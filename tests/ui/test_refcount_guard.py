"""The guard against the bindings' reference-count bug keeps a large workspace alive."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
guard = sys.argv[1] == "guard"
if guard:
    from ui.refcount_guard import make_singletons_immortal
    make_singletons_immortal()
from PySide6.QtWidgets import QApplication
from ui.models.navigator_model import NavigatorModel
from scrm_desk.records import Client, Engagement, EngagementStatus, Variant
app = QApplication([])
t = "2026-01-01T00:00:00.000Z"
clients = [Client(f"c{n}", f"Client {n}", "", "", "", "", t, t) for n in range(300)]
engagements = [
    Engagement(f"e{n}", f"c{n % 300}", f"Engagement {n}", "", None, None,
               EngagementStatus.ACTIVE, "", Variant.BOTH, None, t, t)
    for n in range(6000)
]
model = NavigatorModel()
for _ in range(3):
    model.set_records(clients, engagements)
import gc; gc.collect()
print("ok", model.rowCount())
"""


@pytest.mark.slow
def test_a_navigator_of_thousands_of_rows_survives_with_the_guard() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, "guard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["ok", "300"]


SIGNALS = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
emits = sys.getrefcount(True) + 1000  # more emits than True has references unguarded
from ui.refcount_guard import make_singletons_immortal
make_singletons_immortal()
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Progress(QObject):
    changed = Signal(float, str)
source = Progress()
seen = []
source.changed.connect(lambda fraction, text: seen.append(fraction))
for n in range(emits):
    source.changed.emit(n / 10, "step")
import gc; gc.collect()
print("ok", len(seen) > 1000)
"""


@pytest.mark.slow
def test_more_signals_than_true_has_references_with_the_guard() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SIGNALS], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["ok", "True"]
