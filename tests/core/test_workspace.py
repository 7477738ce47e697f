"""Opening workspaces: schema upgrades, bad files, the single-window lock."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scrm_desk.errors import SchemaTooNewError, WorkspaceError, WorkspaceLockedError
from scrm_desk.storage import migrations
from scrm_desk.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_new_workspace_has_latest_schema_and_safe_pragmas(workspace: Workspace) -> None:
    assert workspace.schema_version == migrations.LATEST_SCHEMA_VERSION
    pragma = lambda name: workspace.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("user_version") == migrations.LATEST_SCHEMA_VERSION


def test_schema_1_database_upgrades_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "workspace-schema-1.sqlite", path)
    with Workspace.open(path) as ws:
        assert ws.schema_version == migrations.LATEST_SCHEMA_VERSION
        assert ws.clients.all()[0].name == "Fjord Telecom (fixture)"
        engagement = ws.engagements.active()[0]
        assert engagement.title == "Service transformation"
        assert ws.stakeholders.for_engagement(engagement.id)[0].name == "Ingrid Holm"
        ws.settings.set("probe", 1)  # a table added after schema 1 works
        backup = ws.upgrade_backup
    assert backup is not None and backup.exists()
    with sqlite3.connect(backup) as old:
        names = [row[0] for row in old.execute("SELECT name FROM _sqlite_migrations")]
    assert names == ["m001_initial"]


def test_migrations_applied_twice_change_nothing(workspace_path: Path) -> None:
    Workspace.open(workspace_path).close()
    with Workspace.open(workspace_path) as ws:
        schema = ws.db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
        applied = migrations.applied_migrations(ws.db)
        migrations.migrations.apply(ws.db)
        assert migrations.applied_migrations(ws.db) == applied
        assert ws.db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
        assert ws.upgrade_backup is None


def test_newer_schema_is_refused_without_touching_the_file(workspace_path: Path) -> None:
    with Workspace.open(workspace_path) as ws:
        ws.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('scrm_desk', 'm999_from_the_future', '2030-01-01')"
        )
        ws.db.conn.commit()
    before = file_bytes(workspace_path)
    with pytest.raises(SchemaTooNewError, match="newer SCRM Desk"):
        Workspace.open(workspace_path)
    assert file_bytes(workspace_path) == before


def test_non_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("minutes of the kick-off meeting\n" * 100)
    before = file_bytes(path)
    with pytest.raises(WorkspaceError, match="not a SQLite database"):
        Workspace.open(path)
    assert file_bytes(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_damaged_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    with pytest.raises(WorkspaceError, match="cannot be opened"):
        Workspace.open(path)


@pytest.mark.parametrize("read_only", [False, True])
def test_a_truncated_workspace_is_left_exactly_as_found(
    workspace_path: Path, tmp_path: Path, read_only: bool
) -> None:
    with Workspace.open(workspace_path) as ws:
        for number in range(300):
            ws.clients.create(name=f"Client {number}", notes="x" * 400)
    truncated = tmp_path / "copy-cut-short.sqlite"
    truncated.write_bytes(workspace_path.read_bytes()[:60_000])
    with pytest.raises(WorkspaceError, match="nothing was changed"):
        Workspace.open(truncated, read_only=read_only)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == [
        "copy-cut-short.sqlite"  # no -wal or -shm left beside it
    ]


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = file_bytes(path)
    with pytest.raises(WorkspaceError, match="not an SCRM Desk workspace"):
        Workspace.open(path)
    assert file_bytes(path) == before


def test_read_only_file_is_refused_for_writing_but_readable(workspace_path: Path) -> None:
    with Workspace.open(workspace_path) as ws:
        ws.clients.create(name="Acme")
        ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace_path.chmod(0o444)
    try:
        before = file_bytes(workspace_path)
        with pytest.raises(WorkspaceError, match="is read-only"):
            Workspace.open(workspace_path)
        with Workspace.open(workspace_path, read_only=True) as ws:
            assert [c.name for c in ws.clients.all()] == ["Acme"]
        assert file_bytes(workspace_path) == before
    finally:
        workspace_path.chmod(0o644)


def test_read_only_open_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="no workspace"):
        Workspace.open(tmp_path / "absent.sqlite", read_only=True)
    assert not (tmp_path / "absent.sqlite").exists()


def test_second_window_is_refused_within_a_second(workspace_path: Path) -> None:
    with Workspace.open(workspace_path, lock=True) as first:
        first.clients.create(name="Acme")
        started = time.perf_counter()
        with pytest.raises(WorkspaceLockedError, match="already open") as caught:
            Workspace.open(workspace_path, lock=True)
        assert time.perf_counter() - started < 1.0
        assert f"process {os.getpid()}" in str(caught.value)
        # Command-line reads go on while the app holds the workspace.
        with Workspace.open(workspace_path, read_only=True) as reader:
            assert [c.name for c in reader.clients.all()] == ["Acme"]
    Workspace.open(workspace_path, lock=True).close()  # released on close


def test_lock_left_by_a_crashed_process_is_recovered(workspace_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from scrm_desk.workspace import Workspace;"
            f"ws = Workspace.open({str(workspace_path)!r}, lock=True); print('held', flush=True);"
            "time.sleep(60)",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(WorkspaceLockedError):
            Workspace.open(workspace_path, lock=True)
        holder.send_signal(signal.SIGKILL)  # a crash: no clean-up runs
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
    with Workspace.open(workspace_path, lock=True) as ws:
        assert ws.schema_version == migrations.LATEST_SCHEMA_VERSION


def test_core_never_loads_qt() -> None:
    script = (
        "import importlib, pkgutil, sys, scrm_desk\n"
        "for m in pkgutil.walk_packages(scrm_desk.__path__, 'scrm_desk.'):\n"
        "    importlib.import_module(m.name)\n"
        "qt = ('PySide6', 'shiboken6', 'ui')\n"
        "loaded = sorted(n for n in sys.modules if n.split('.')[0] in qt)\n"
        "print(len(list(pkgutil.walk_packages(scrm_desk.__path__))), loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    count, loaded = result.stdout.strip().split(" ", 1)
    assert int(count) >= 10
    assert loaded == "[]"


def test_a_failing_upgrade_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "workspace-schema-1.sqlite", path)

    def broken(db) -> None:
        db.execute("CREATE TABLE half_done (id TEXT)")
        db.execute("SELECT * FROM no_such_table")

    steps = migrations.migrations._migrations
    monkeypatch.setattr(steps[-1], "fn", broken)
    with pytest.raises(WorkspaceError, match="Nothing was changed; a copy taken before is at"):
        Workspace.open(path)
    with sqlite3.connect(path) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert "half_done" not in tables and "workspace_settings" not in tables
    assert applied == ["m001_initial"]


def _copy_main_file_only(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)  # what a consultant does: the -wal file stays behind
    return target


def test_after_a_checkpoint_the_workspace_file_alone_holds_everything(
    workspace_path: Path, tmp_path: Path
) -> None:
    with Workspace.open(workspace_path, lock=True) as ws:
        ws.clients.create(name="Acme")
        ws.checkpoint()
        copy = _copy_main_file_only(workspace_path, tmp_path / "copy.sqlite")
        with Workspace.open(copy, read_only=True) as copied:
            assert [c.name for c in copied.clients.all()] == ["Acme"]


def test_a_copy_without_its_log_says_what_to_copy(workspace_path: Path, tmp_path: Path) -> None:
    with Workspace.open(workspace_path, lock=True) as ws:
        ws.db.execute("PRAGMA wal_autocheckpoint = 0")  # nothing written back yet
        ws.clients.create(name="Acme")
        copy = _copy_main_file_only(workspace_path, tmp_path / "copy.sqlite")
        with pytest.raises(WorkspaceError, match="copy the file ending in '-wal'"):
            Workspace.open(copy, read_only=True)


def test_an_impossible_place_is_refused_in_plain_words(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(blocker / "inside" / "w.sqlite")
    message = str(refused.value)
    assert message.startswith(f"Cannot create a workspace at {blocker / 'inside' / 'w.sqlite'}")
    assert "[Errno" not in message and "folder you can write to" in message
