"""The command line, through ``run()`` and as a real process: output, exit codes, no Qt."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

import main
from scrm_desk import __version__, cli
from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.scoring import score_assessment
from scrm_desk.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "interchange" / "engagement-v1.json"
BUILDING_BLOCKS = ROOT / "resources" / "frameworks" / "building_blocks.toml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.run(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


@pytest.fixture
def ws_path(tmp_path: Path) -> str:
    return str(tmp_path / "cli.scrm.sqlite")


@pytest.fixture
def with_demo(capsys: pytest.CaptureFixture[str], ws_path: str) -> str:
    status, _, _ = run(capsys, "demo", "--workspace", ws_path)
    assert status == 0
    return ws_path


# --------------------------------------------------------------------------- the parser


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"scrm-desk {__version__}\n", "")


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    flowing = " ".join(out.split())  # argparse wraps long help lines
    for name, texts in cli.COMMANDS.items():
        assert f"{name} {texts.help}" in flowing


def test_every_command_is_documented() -> None:
    """Like sqlite-utils: a command without texts cannot slip into a release."""
    parser = cli.build_parser()
    commands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    assert set(commands.choices) == set(cli.COMMANDS)
    for name, sub in commands.choices.items():
        assert cli.COMMANDS[name].help.strip(), name
        assert cli.COMMANDS[name].description.strip(), name
        assert sub.description == cli.COMMANDS[name].description
        for action in sub._actions:
            assert action.help and action.help.strip(), f"{name} {action.option_strings}"
    texts = cli.help_texts()
    assert set(texts) == {"", *cli.COMMANDS}
    assert all("--workspace" in text for text in texts.values())


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["bogus"], "invalid choice: 'bogus'"),
        (["list", "--bogus"], "unrecognized arguments: --bogus"),
        (["export-json", "x"], "the following arguments are required: --out"),
        (["frameworks", "--json", "--check", "f.toml"], "not allowed with argument"),
        (["export", "x", "--out", "r.pdf", "--format", "odt"], "invalid choice: 'odt'"),
        (["export", "x"], "the following arguments are required: --out"),
        (["export", "--out", "r.pdf"], "the following arguments are required: ENGAGEMENT"),
        (["export", "x", "--out", "r.txt"], "say which format to write with --format"),
        (["export", "x", "--out", "r.pdf", "--sections", "cover,charts"], "unknown section"),
        (["export", "x", "--out", "r.pdf", "--sections", " , "], "no section named"),
    ],
)
def test_usage_mistakes_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.startswith("scrm-desk: error: ") and expected in err
    assert err.count("\n") == 1


def test_workspace_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], with_demo: str, tmp_path: Path
) -> None:
    before = run(capsys, "--workspace", with_demo, "list")
    after = run(capsys, "list", "--workspace", with_demo)
    assert before == after
    assert "Social CRM readiness assessment" in before[1]
    # Given in both places, the one after the command wins.
    other = str(tmp_path / "other.sqlite")
    status, _, err = run(capsys, "--workspace", with_demo, "list", "--workspace", other)
    assert status == 1 and other in err


def test_the_environment_names_the_workspace(
    capsys: pytest.CaptureFixture[str], with_demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCRM_DESK_WORKSPACE", with_demo)
    status, out, _ = run(capsys, "list")
    assert status == 0 and "Northwind Outfitters (demo)" in out


# --------------------------------------------------------------------------- demo, list, info


def test_reading_a_missing_workspace_says_so_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], ws_path: str
) -> None:
    for command in (["list"], ["export-json", "x", "--out", "-"]):
        status, out, err = run(capsys, *command, "--workspace", ws_path)
        assert status == 1 and out == ""
        assert err == f"scrm-desk: error: There is no workspace at {ws_path}.\n"
    assert not Path(ws_path).exists()


def test_demo_then_list(capsys: pytest.CaptureFixture[str], ws_path: str) -> None:
    status, out, _ = run(capsys, "demo", "--workspace", ws_path)
    assert status == 0
    assert out.startswith("Added the demo engagement 'Social CRM readiness assessment'")
    assert "10 stakeholders and 2 assessments" in out
    run(capsys, "demo", "--workspace", ws_path)
    status, out, _ = run(capsys, "list", "--workspace", ws_path)
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "CLIENT", "TITLE", "STATUS", "ASSESSMENTS"]
    assert len(lines) == 3
    assert all(len(line) == len(lines[0]) and line.endswith(" 2") for line in lines[1:])
    # Aligned: each column starts at the same place on every line.
    for heading in ("CLIENT", "TITLE", "STATUS"):
        column = lines[0].index(heading)
        assert all(line[column - 2 : column] == "  " for line in lines[1:])
        assert all(line[column] != " " for line in lines[1:])
    assert "Social CRM readiness assessment 2" in out
    assert "active" in lines[1]


def test_list_of_an_empty_workspace_says_so(
    capsys: pytest.CaptureFixture[str], ws_path: str
) -> None:
    Workspace.open(ws_path).close()
    status, out, _ = run(capsys, "list", "--workspace", ws_path)
    assert status == 0 and out.startswith("No engagements in ")
    assert run(capsys, "list", "--json", "--workspace", ws_path)[1] == "[]\n"
    assert run(capsys, "list", "--trash", "--workspace", ws_path)[1] == "The trash is empty.\n"


def test_list_json_parses(capsys: pytest.CaptureFixture[str], with_demo: str) -> None:
    status, out, _ = run(capsys, "list", "--json", "--workspace", with_demo)
    assert status == 0
    (item,) = json.loads(out)
    assert item["client"] == "Northwind Outfitters (demo)"
    assert item["status"] == "active" and item["variant"] == "both"
    assert len(item["id"]) == 36 and item["deleted_at"] is None
    assert item["assessments"] == 2


def test_list_trash(capsys: pytest.CaptureFixture[str], with_demo: str) -> None:
    with Workspace.open(with_demo) as ws:
        ws.engagements.move_to_trash(ws.engagements.active()[0].id)
    assert "No engagements" in run(capsys, "list", "--workspace", with_demo)[1]
    status, out, _ = run(capsys, "list", "--trash", "--workspace", with_demo)
    assert status == 0
    assert out.splitlines()[0].split() == [
        "ID",
        "CLIENT",
        "TITLE",
        "STATUS",
        "ASSESSMENTS",
        "DELETED",
    ]
    assert "Social CRM readiness assessment" in out


def test_info(capsys: pytest.CaptureFixture[str], ws_path: str) -> None:
    status, out, _ = run(capsys, "info", "--workspace", ws_path)
    assert status == 0 and "no workspace there yet" in out
    assert not Path(ws_path).exists()
    run(capsys, "demo", "--workspace", ws_path)
    status, out, _ = run(capsys, "info", "--workspace", ws_path)
    assert status == 0
    assert f"Workspace:      {ws_path}" in out
    assert "Clients:        1" in out
    assert "Engagements:    1 open, 0 in the trash" in out
    assert "Stakeholders:   10" in out
    assert "Assessments:    2" in out
    assert "Schema version:" in out and "File size:" in out


def test_the_cli_works_while_the_app_holds_the_lock(
    capsys: pytest.CaptureFixture[str], with_demo: str
) -> None:
    with Workspace.open(with_demo, lock=True):
        assert run(capsys, "list", "--workspace", with_demo)[0] == 0
        assert run(capsys, "demo", "--workspace", with_demo)[0] == 0


# --------------------------------------------------------------------------- frameworks


def test_frameworks_lists_the_built_in_ones(
    capsys: pytest.CaptureFixture[str], ws_path: str
) -> None:
    status, out, err = run(capsys, "frameworks", "--workspace", ws_path)
    assert status == 0 and err == ""
    assert out.splitlines()[0].split() == ["ID", "KIND", "NAME", "VERSION", "SOURCE"]
    assert "gartner-8bb" in out and "building_blocks" in out and "built-in" in out
    status, out, _ = run(capsys, "frameworks", "--json", "--workspace", ws_path)
    frameworks = json.loads(out)
    assert {fw["kind"] for fw in frameworks} == {"building_blocks", "layers", "reference"}
    assert all({"id", "kind", "name", "version", "source"} <= set(fw) for fw in frameworks)


def test_a_broken_own_framework_is_a_warning(
    capsys: pytest.CaptureFixture[str], ws_path: str
) -> None:
    own = Path(ws_path).parent / "frameworks"
    own.mkdir()
    (own / "broken.toml").write_text("schema_version = [", encoding="utf-8")
    status, out, err = run(capsys, "frameworks", "--workspace", ws_path)
    assert status == 0 and "gartner-8bb" in out
    assert err.startswith("scrm-desk: warning: ") and "broken.toml" in err


def test_check_a_valid_framework_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "frameworks", "--check", str(BUILDING_BLOCKS))
    assert status == 0 and err == ""
    assert out == f"{BUILDING_BLOCKS}: valid (building_blocks, 9 areas)\n"


def test_check_warns_when_the_id_is_taken(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    copy = tmp_path / "mine.toml"
    copy.write_text(BUILDING_BLOCKS.read_text(encoding="utf-8"), encoding="utf-8")
    status, out, err = run(capsys, "frameworks", "--check", str(copy))
    assert status == 0 and "valid" in out
    assert "already used by a built-in framework" in err


def test_check_reports_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('schema_version = 1\nid = "Bad Id"\nkind = "layers"\n', encoding="utf-8")
    status, out, err = run(capsys, "frameworks", "--check", str(broken))
    assert status == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) >= 3
    assert all(line.startswith("broken.toml") for line in lines[:-1])
    assert lines[-1].startswith(f"scrm-desk: error: {broken} is not a valid framework file")
    status, _, err = run(capsys, "frameworks", "--check", str(tmp_path / "nope.toml"))
    assert status == 1 and "cannot read the file" in err


# --------------------------------------------------------------------------- scores


def test_scores_prints_blocks_index_and_findings(
    capsys: pytest.CaptureFixture[str], with_demo: str
) -> None:
    status, out, err = run(capsys, "scores", "readiness", "--workspace", with_demo)
    assert status == 0 and err == ""
    lines = out.splitlines()
    # The latest assessment by default: the review, half done.
    assert lines[0] == "Northwind Outfitters (demo): Social CRM readiness assessment"
    assert lines[1].startswith("Assessment: Six-month review (")
    assert "in progress; Classic and Social CRM)" in lines[1]
    assert lines[2] == "Framework: Eight Building Blocks of CRM and Social CRM (gartner-8bb 1.0)"
    assert lines[3].startswith("Answers: ") and "by 3 stakeholders" in lines[3]
    table = lines[lines.index("") + 1 :]
    heading = table[0]
    assert heading.split() == ["BLOCK", "LENS", "SCORE", "TARGET", "GAP", "COMPLETE", "FLAGS"]
    rows = table[1:19]  # nine areas, two lenses each
    assert [row.split("  ")[0] for row in rows[:2]] == ["Vision", "Vision"]
    # Aligned: numbers end under their heading, one decimal, "—" where there is none.
    for name in ("SCORE", "TARGET", "GAP"):
        end = heading.index(name) + len(name)
        for row in rows:
            cell = row[:end].split()[-1]
            assert cell == "—" or (len(cell.split(".")[1]) == 1), row
    metrics = next(row for row in rows if row.startswith("Metrics ") and "Classic" in row)
    assert "— " in metrics and "not assessed" in metrics
    assert "0% (0/10)" in metrics
    assert "* cross-cutting: scored, but not part of the overall index" in lines
    index_heading = next(line for line in lines if line.startswith("INDEX"))
    assert index_heading.split() == ["INDEX", "LENS", "SCORE", "COMPLETE"]
    assert any(
        line.startswith("Overall index  Classic CRM") and line.endswith("62% (5/8 blocks)")
        for line in lines
    )
    assert any(line.startswith("FINDINGS (") for line in lines)
    assert " 1. [medium] " in out and "Evidence: " in out and "Action: " in out
    assert max(len(line) for line in lines if line.startswith("     ")) <= 100


def test_scores_of_a_named_assessment(capsys: pytest.CaptureFixture[str], with_demo: str) -> None:
    status, out, _ = run(
        capsys, "scores", "readiness", "--assessment", "BASELINE", "--workspace", with_demo
    )
    assert status == 0
    assert "Assessment: Baseline (" in out and "complete;" in out
    assert "Metrics                       Classic CRM    1.6" in out
    assert "missing block, large gap" in out
    assert "broken foundation" in out and "business/IT misaligned" in out
    assert "[high] Processes, Social CRM: Social CRM on a broken foundation: Processes" in out
    assert "[low] Vision, Classic CRM: Vision is a strength (Classic CRM)" in out
    assert "100% (8/8 blocks)" in out


def test_a_thinly_answered_block_has_no_score_and_stays_out_of_the_index(
    capsys: pytest.CaptureFixture[str], with_demo: str
) -> None:
    # One answer of seven for Information in the half-done review: too few to score.
    with Workspace.open(Path(with_demo)) as ws:
        engagement = ws.engagements.resolve("readiness")
        review = ws.assessments.latest(engagement.id)
        assert review is not None
        ws.responses.save(review.id, "information.data.1", "classic", None, current_level=3)
    status, out, _ = run(capsys, "scores", "readiness", "--workspace", with_demo)
    assert status == 0
    lines = out.splitlines()
    information = next(
        line for line in lines if line.startswith("Information ") and "Classic" in line
    )
    assert information.split()[3:6] == ["—", "—", "—"]  # score, target, gap
    assert "14% (1/7)" in information and information.endswith("not assessed")
    assert "not assessed: under 50% of the applicable questions answered" in out
    assert any(
        line.startswith("Overall index  Classic CRM") and line.endswith("62% (5/8 blocks)")
        for line in lines
    )
    assert "3.0" not in information
    # Findings name questions for a person, never by their internal id.
    assert "widest: " in out and ", question " in out
    assert "customer_experience." not in out and "processes.customer" not in out


def test_every_gap_printed_is_the_difference_of_the_figures_printed(
    capsys: pytest.CaptureFixture[str], with_demo: str
) -> None:
    status, out, _ = run(
        capsys, "scores", "readiness", "--assessment", "BASELINE", "--workspace", with_demo
    )
    assert status == 0
    checked = 0
    for line in out.splitlines():
        figures = re.findall(r"(?<![\d.])(-?\d\.\d)(?![\d%])", line)
        if len(figures) >= 3 and "% (" in line:  # a row of the block table
            score, target, gap = (float(f) for f in figures[:3])
            assert round(target - score, 1) == gap, line
            checked += 1
    assert checked >= 16  # every block of both lenses


def test_scores_as_json_is_the_engine_result(
    capsys: pytest.CaptureFixture[str], with_demo: str
) -> None:
    status, out, _ = run(
        capsys,
        "scores",
        "readiness",
        "--json",
        "--assessment",
        "baseline",
        "--workspace",
        with_demo,
    )
    assert status == 0
    data = json.loads(out)
    assert data["engagement"]["title"] == "Social CRM readiness assessment"
    assert data["engagement"]["client"] == "Northwind Outfitters (demo)"
    assert data["assessment"]["name"] == "Baseline"
    assert data["assessment"]["status"] == "complete"
    with Workspace.open(with_demo, read_only=True) as ws:
        engagement = ws.engagements.active()[0]
        assessment = ws.assessments.named(engagement.id, "Baseline")
        expected = score_assessment(
            FrameworkCatalog.load().building_blocks(),
            assessment,
            ws.responses.for_assessment(assessment.id),
            ws.stakeholders.for_engagement(engagement.id),
        ).to_dict()
    assert {k: v for k, v in data.items() if k not in ("engagement", "assessment")} == expected
    assert {f["kind"] for f in data["findings"]} >= {"missing_block", "strength"}


def test_scores_errors_are_one_clear_line(
    capsys: pytest.CaptureFixture[str], with_demo: str, ws_path: str
) -> None:
    status, out, err = run(
        capsys, "scores", "readiness", "--assessment", "Final", "--workspace", with_demo
    )
    assert status == 1 and out == ""
    assert err == (
        "scrm-desk: error: No assessment named 'Final' (the engagement has: 'Baseline', "
        "'Six-month review').\n"
    )
    status, _, err = run(capsys, "scores", "nothing", "--workspace", with_demo)
    assert status == 1 and "No engagement matches 'nothing'" in err
    assert run(capsys, "scores", "--workspace", with_demo)[0] == 2  # ENGAGEMENT is required


def test_scores_without_an_assessment_says_so(
    capsys: pytest.CaptureFixture[str], ws_path: str
) -> None:
    assert run(capsys, "import-json", str(FIXTURE), "--workspace", ws_path)[0] == 0
    status, out, err = run(capsys, "scores", "customer service", "--workspace", ws_path)
    assert status == 1 and out == ""
    assert err.startswith(
        "scrm-desk: error: 'Customer service on social channels' has no assessment yet"
    )
    assert err.count("\n") == 1
    status, _, err = run(capsys, "scores", "customer service", "--json", "--workspace", ws_path)
    assert status == 1 and "has no assessment yet" in err


def test_scores_names_a_framework_that_is_not_loaded(
    capsys: pytest.CaptureFixture[str], with_demo: str
) -> None:
    with Workspace.open(with_demo) as ws:
        ws.db.execute("UPDATE assessments SET framework_id = 'acme-blocks'")
        ws.db.conn.commit()
    status, out, err = run(capsys, "scores", "readiness", "--workspace", with_demo)
    assert status == 1 and out == ""
    assert "the assessment 'Six-month review' scores the framework 'acme-blocks'" in err
    assert "loaded building-blocks frameworks: 'gartner-8bb'" in err
    assert str(Path(with_demo).parent / "frameworks") in err


def test_scores_warns_about_another_framework_version(
    capsys: pytest.CaptureFixture[str], with_demo: str
) -> None:
    with Workspace.open(with_demo) as ws:
        ws.db.execute("UPDATE assessments SET framework_version = '0.9'")
        ws.db.conn.commit()
    status, out, err = run(capsys, "scores", "readiness", "--workspace", with_demo)
    assert status == 0 and "FINDINGS" in out
    assert err.startswith("scrm-desk: warning: the assessment was made with version 0.9")


def test_scores_reads_while_the_app_holds_the_lock_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], with_demo: str
) -> None:
    before = Path(with_demo).read_bytes()
    with Workspace.open(with_demo, lock=True):
        assert run(capsys, "scores", "readiness", "--workspace", with_demo)[0] == 0
    assert Path(with_demo).read_bytes() == before


# --------------------------------------------------------------------------- export and import


def test_export_to_a_file_and_import_elsewhere(
    capsys: pytest.CaptureFixture[str], with_demo: str, tmp_path: Path
) -> None:
    out_file = tmp_path / "demo.scrm.json"
    status, out, _ = run(
        capsys, "export-json", "readiness", "--out", str(out_file), "--workspace", with_demo
    )
    assert status == 0
    document = json.loads(out_file.read_text(encoding="utf-8"))
    answers = len(document["responses"])
    assert out == (
        "Exported 'Social CRM readiness assessment' with 10 stakeholders, 2 assessments and "
        f"{answers} answers to {out_file}.\n"
    )
    other = str(tmp_path / "other.sqlite")
    status, out, _ = run(capsys, "import-json", str(out_file), "--workspace", other)
    assert status == 0
    assert out.startswith("Imported 'Social CRM readiness assessment' into ")
    assert f"engagement id: {document['engagement']['id']}" in out
    assert "client: 'Northwind Outfitters (demo)', added" in out
    assert "with 10 stakeholders, 2 assessments" in out
    assert f"{answers:,} responses" in out and "11 canvas entries" in out


def test_export_to_standard_output(capsys: pytest.CaptureFixture[str], with_demo: str) -> None:
    with Workspace.open(with_demo) as ws:
        engagement_id = ws.engagements.active()[0].id
    status, out, err = run(
        capsys, "export-json", engagement_id[:8], "--out", "-", "--workspace", with_demo
    )
    assert status == 0 and err == ""
    assert json.loads(out)["engagement"]["id"] == engagement_id


def test_export_warns_about_records_the_format_leaves_out(
    capsys: pytest.CaptureFixture[str], with_demo: str
) -> None:
    with Workspace.open(with_demo) as ws:
        engagement_id = ws.engagements.active()[0].id
        ws.db.execute("CREATE TABLE extra_notes (id TEXT PRIMARY KEY, engagement_id TEXT)")
        ws.db.execute("INSERT INTO extra_notes VALUES ('n1', ?)", [engagement_id])
        ws.db.conn.commit()
    status, out, err = run(
        capsys, "export-json", "readiness", "--out", "-", "--workspace", with_demo
    )
    assert status == 0 and json.loads(out)
    assert err.startswith("scrm-desk: warning: this version of the file format does not carry")
    assert "extra_notes (1)" in err


def test_export_names_an_ambiguous_or_unknown_engagement(
    capsys: pytest.CaptureFixture[str], with_demo: str
) -> None:
    run(capsys, "demo", "--workspace", with_demo)
    status, out, err = run(
        capsys, "export-json", "readiness", "--out", "-", "--workspace", with_demo
    )
    assert status == 1 and out == ""
    assert err.startswith("scrm-desk: error: 'readiness' matches 2 engagements")
    status, _, err = run(capsys, "export-json", "nothing", "--out", "-", "--workspace", with_demo)
    assert status == 1 and "No engagement matches 'nothing'" in err


def _part_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_export_into_a_read_only_folder(
    capsys: pytest.CaptureFixture[str], with_demo: str, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        status, _, err = run(
            capsys,
            "export-json",
            "readiness",
            "--out",
            str(folder / "x.json"),
            "--workspace",
            with_demo,
        )
        assert status == 1 and "Permission denied" in err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_export_into_an_unwritable_place_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], with_demo: str, tmp_path: Path
) -> None:
    # Works as root too: /proc refuses new files whoever asks.
    target = (
        "/proc/scrm-desk-test.json" if Path("/proc/self").exists() else str(tmp_path / "no" / "x")
    )
    status, out, err = run(
        capsys, "export-json", "readiness", "--out", target, "--workspace", with_demo
    )
    assert status == 1 and out == ""
    assert err.startswith(f"scrm-desk: error: Cannot write {target}: ")
    assert err.count("\n") == 1


def test_a_failed_export_never_destroys_the_existing_file(
    capsys: pytest.CaptureFixture[str],
    with_demo: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious\n", encoding="utf-8")

    def fail_to_replace(source: Any, destination: Any) -> None:
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", fail_to_replace)
    status, _, err = run(
        capsys, "export-json", "readiness", "--out", str(target), "--workspace", with_demo
    )
    assert status == 1
    assert "Permission denied" in err and "existing file was left as it was" in err
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert _part_files(tmp_path) == []


def test_import_conflict_and_copy(capsys: pytest.CaptureFixture[str], ws_path: str) -> None:
    assert run(capsys, "import-json", str(FIXTURE), "--workspace", ws_path)[0] == 0
    status, out, err = run(capsys, "import-json", str(FIXTURE), "--workspace", ws_path)
    assert status == 1 and out == ""
    assert "already holds the engagement" in err and "(use --as-copy)" in err
    status, out, _ = run(capsys, "import-json", str(FIXTURE), "--as-copy", "--workspace", ws_path)
    assert status == 0
    assert "'Customer service on social channels (imported copy)' as a copy" in out
    assert "already in the workspace, left as it was" in out


def test_a_reused_client_is_named_as_it_is_here(
    capsys: pytest.CaptureFixture[str], ws_path: str, tmp_path: Path
) -> None:
    assert run(capsys, "import-json", str(FIXTURE), "--workspace", ws_path)[0] == 0
    here = json.loads(FIXTURE.read_text(encoding="utf-8"))["client"]["name"]
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    document["client"]["name"] = "Renamed on the other laptop"
    renamed = tmp_path / "renamed.json"
    renamed.write_text(json.dumps(document), encoding="utf-8")
    status, out, _ = run(capsys, "import-json", str(renamed), "--as-copy", "--workspace", ws_path)
    assert status == 0
    assert f"client: {here!r}, already in the workspace, left as it was" in out
    assert "'Renamed on the other laptop', were not applied" in out


def test_a_bad_file_is_reported_with_its_name_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], ws_path: str, tmp_path: Path
) -> None:
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    document["stakeholders"][2]["email"] = "x"
    document["engagement"]["status"] = "done"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    status, out, err = run(capsys, "import-json", str(bad), "--workspace", ws_path)
    assert status == 1 and out == ""
    assert err.splitlines() == [
        f"scrm-desk: error: {bad} cannot be imported (2 problems); nothing was changed:",
        "  engagement.status: 'done' is not one of: planned, active, delivered, archived",
        "  stakeholders[2].email: 'x' is not an e-mail address",
    ]
    assert not Path(ws_path).exists()
    bad.write_text("{", encoding="utf-8")
    status, _, err = run(capsys, "import-json", str(bad), "--workspace", ws_path)
    assert status == 1 and "cut short" in err and err.count("\n") == 1
    status, _, err = run(capsys, "import-json", str(tmp_path / "nope"), "--workspace", ws_path)
    assert status == 1 and "No such file or directory" in err


def test_import_from_standard_input(
    capsys: pytest.CaptureFixture[str], ws_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_stdin = SimpleNamespace(buffer=io.BytesIO(FIXTURE.read_bytes()))
    monkeypatch.setattr(sys, "stdin", fake_stdin)
    status, out, _ = run(capsys, "import-json", "-", "--workspace", ws_path)
    assert status == 0 and "with 5 stakeholders" in out


def test_an_unexpected_error_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], with_demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("something odd")

    monkeypatch.setattr(Workspace, "open", broken)
    status, _, err = run(capsys, "list", "--workspace", with_demo)
    assert status == 1
    assert err.startswith("scrm-desk: error: unexpected RuntimeError: something odd.")
    monkeypatch.setenv("SCRM_DESK_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.run(["list", "--workspace", with_demo])


# --------------------------------------------------------------------------- main.py


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, [])),
        (["--workspace", "w.sqlite"], ("w.sqlite", [])),
        (["--workspace=w.sqlite"], ("w.sqlite", [])),
        (["--workspace", "w", "list"], ("w", ["list"])),
        (["list", "--workspace", "w"], (None, ["list", "--workspace", "w"])),
    ],
)
def test_split_workspace_option(argv: list[str], expected: tuple[Any, list[str]]) -> None:
    assert main.split_workspace_option(argv) == expected


def _fake_gui(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    fake = ModuleType("ui.app")
    fake.run_gui = lambda workspace: calls.append(workspace) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ui.app", fake)
    return calls


def test_main_opens_the_app_without_a_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = _fake_gui(monkeypatch)
    assert main.main([]) == 0
    assert main.main(["--workspace", str(tmp_path / "w.sqlite")]) == 0
    assert calls == [None, tmp_path / "w.sqlite"]


def test_main_runs_the_cli_for_a_command_or_a_mistake(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = _fake_gui(monkeypatch)
    assert main.main(["--version"]) == 0
    assert main.main(["--workspace"]) == 2
    assert main.main(["--bogus"]) == 2
    assert calls == []
    out, err = capsys.readouterr()
    assert out == f"scrm-desk {__version__}\n"
    assert "expected one argument" in err


# --------------------------------------------------------------------------- real processes


def _headless_env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONPATH"}
    }
    env["SCRM_DESK_WORKSPACE"] = str(tmp_path / "env.sqlite")
    return env


def _main(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_headless_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


def test_main_py_as_a_process(tmp_path: Path) -> None:
    ws = str(tmp_path / "p.sqlite")
    version = _main(tmp_path, "--version")
    assert (version.returncode, version.stdout, version.stderr) == (0, "scrm-desk 0.1.0\n", "")

    missing = _main(tmp_path, "list", "--workspace", ws)
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr == f"scrm-desk: error: There is no workspace at {ws}.\n"

    assert _main(tmp_path, "--workspace", ws, "demo").returncode == 0
    listed = _main(tmp_path, "list", "--json", "--workspace", ws)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 1

    usage = _main(tmp_path, "bogus")
    assert usage.returncode == 2 and usage.stderr.startswith("scrm-desk: error: ")

    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    refused = _main(tmp_path, "import-json", str(bad), "--workspace", ws)
    assert refused.returncode == 1
    for result in (missing, usage, refused):
        assert "Traceback" not in result.stderr


def test_commands_never_load_qt(tmp_path: Path) -> None:
    """A stand-in PySide6 that fails on import proves that no command even tries."""
    trap = tmp_path / "trap"
    for package in ("PySide6", "shiboken6"):
        (trap / package).mkdir(parents=True)
        (trap / package / "__init__.py").write_text(
            f"raise ImportError('{package} must not be imported by the command line')\n",
            encoding="utf-8",
        )
    ws = str(tmp_path / "q.sqlite")
    out_file = str(tmp_path / "out.json")
    report_file = str(tmp_path / "report.pdf")
    script = textwrap.dedent(
        f"""
        import sys
        import main
        runs = [
            ["demo"],
            ["list"],
            ["list", "--json"],
            ["info"],
            ["frameworks"],
            ["frameworks", "--check", {str(BUILDING_BLOCKS)!r}],
            ["scores", "readiness"],
            ["scores", "readiness", "--json", "--assessment", "baseline"],
            ["export-json", "readiness", "--out", {out_file!r}],
            ["export", "--list-sections"],
            ["export", "readiness", "--out", {report_file!r}, "--sections", "layers,roadmap"],
            ["import-json", {out_file!r}, "--as-copy"],
            ["--version"],
        ]
        for argv in runs:
            status = main.main(["--workspace", {ws!r}, *argv])
            assert status == 0, (argv, status)
        forbidden = ("PySide6", "shiboken6", "ui")
        loaded = [name for name in sys.modules if name.split(".")[0] in forbidden]
        assert not loaded, loaded
        print("no Qt")
        """
    )
    env = _headless_env(tmp_path)
    env["PYTHONPATH"] = os.pathsep.join([str(trap), str(ROOT)])
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("no Qt")


# --------------------------------------------------------------------------- report export


def _one_line_error(err: str) -> None:
    assert err.startswith("scrm-desk: error: ") and err.count("\n") == 1, err


def test_export_list_sections(capsys: pytest.CaptureFixture[str]) -> None:
    from scrm_desk.reports import available_sections

    status, out, err = run(capsys, "export", "--list-sections")
    assert status == 0 and err == ""
    for info in available_sections():
        assert f"{info.id}  " in out and info.title in out
    assert "layers" in out and "roadmap" in out and "starting_points" in out


def test_export_the_demo_report_as_pdf(
    capsys: pytest.CaptureFixture[str], with_demo: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    target = tmp_path / "northwind.pdf"
    status, out, err = run(
        capsys, "export", "readiness", "--out", str(target), "--workspace", with_demo
    )
    assert status == 0, err
    reader = PdfReader(target)
    assert out.startswith(f"Wrote {target} (PDF: {len(reader.pages)} pages, ")
    assert out.rstrip().endswith(" s.") and out.count("\n") == 1
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    for heading in (
        "Executive summary",
        "The seven-layer framework",
        "Social CRM posture",
        "Initiatives by kind of social",
        "Starting points and platform strategy",
        "Roadmap",
        "Northwind Outfitters",
    ):
        assert heading in text, heading
    assert reader.metadata.producer == "SCRM Desk"


def test_export_chosen_sections_with_a_password_from_a_file(
    capsys: pytest.CaptureFixture[str], with_demo: str, tmp_path: Path
) -> None:
    from pypdf import PasswordType, PdfReader

    secret = tmp_path / "secret.txt"
    secret.write_text("  open sesame \nnot this line\n", encoding="utf-8")
    owner = tmp_path / "owner.txt"
    owner.write_text("owner-key\n", encoding="utf-8")
    target = tmp_path / "plan.pdf"
    status, out, err = run(
        capsys,
        "export",
        "readiness",
        "--format",
        "pdf",
        "--out",
        str(target),
        "--sections",
        "roadmap, layers",
        "--password-file",
        str(secret),
        "--owner-password-file",
        str(owner),
        "--workspace",
        with_demo,
    )
    assert status == 0, err
    assert "encrypted (AES-256)" in out
    reader = PdfReader(target)
    assert reader.decrypt("open sesame") == PasswordType.USER_PASSWORD
    assert PdfReader(target).decrypt("owner-key") == PasswordType.OWNER_PASSWORD
    first = reader.pages[0].extract_text()
    assert "The seven-layer framework" in first  # the report's order, not the option's
    assert "Executive summary" not in "".join(p.extract_text() for p in reader.pages)


def test_export_word_and_excel_by_extension(
    capsys: pytest.CaptureFixture[str], with_demo: str, tmp_path: Path
) -> None:
    from docx import Document
    from openpyxl import load_workbook

    secret = tmp_path / "secret.txt"
    secret.write_text("pw\n", encoding="utf-8")
    docx = tmp_path / "report.docx"
    status, out, err = run(
        capsys,
        "export",
        "readiness",
        "--out",
        str(docx),
        "--password-file",
        str(secret),
        "--workspace",
        with_demo,
    )
    assert status == 0 and out.startswith(f"Wrote {docx} (DOCX: ")
    assert "pages" not in out and "protects PDF files only" in err
    headings = [p.text for p in Document(str(docx)).paragraphs if p.style.name == "Heading 1"]
    assert "Roadmap" in headings and "The seven-layer framework" in headings
    xlsx = tmp_path / "data.xlsx"
    status, out, _ = run(
        capsys,
        "export",
        "readiness",
        "--out",
        str(xlsx),
        "--assessment",
        "baseline",
        "--workspace",
        with_demo,
    )
    assert status == 0 and out.startswith(f"Wrote {xlsx} (XLSX: ")
    workbook = load_workbook(xlsx)
    assert "Roadmap" in workbook.sheetnames and workbook["Roadmap"].max_row == 10


@pytest.mark.parametrize(
    ("setup", "argv", "expected", "code"),
    [
        ("empty", ["--password-file", "{pw}"], "the first line of {pw} is empty", 1),
        ("blank", ["--password-file", "{pw}"], "the first line of {pw} is empty", 1),
        ("none", ["--password-file", "{pw}"], "--password-file: cannot read {pw}", 1),
        ("good", ["--owner-password-file", "{pw}"], "needs --password-file as well", 2),
        ("good", ["--password-file", "{pw}", "--owner-password-file", "{pw}"], "must differ", 1),
        ("good", ["--assessment", "Final"], "No assessment named 'Final'", 1),
        ("good", ["--sections", "layers,bogus"], "the sections are: cover, toc, summary", 2),
    ],
)
def test_export_mistakes_are_one_line_and_write_nothing(
    capsys: pytest.CaptureFixture[str],
    with_demo: str,
    tmp_path: Path,
    setup: str,
    argv: list[str],
    expected: str,
    code: int,
) -> None:
    pw = tmp_path / "pw.txt"
    if setup == "empty":
        pw.write_bytes(b"")
    elif setup == "blank":
        pw.write_text("   \nsecond line is not read\n", encoding="utf-8")
    elif setup == "good":
        pw.write_text("secret\n", encoding="utf-8")
    target = tmp_path / "r.pdf"
    argv = [a.replace("{pw}", str(pw)) for a in argv]
    status, out, err = run(
        capsys, "export", "readiness", "--out", str(target), *argv, "--workspace", with_demo
    )
    assert status == code and out == ""
    _one_line_error(err)
    assert expected.replace("{pw}", str(pw)) in err
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_export_reads_while_the_app_holds_the_lock(
    capsys: pytest.CaptureFixture[str], with_demo: str, tmp_path: Path
) -> None:
    before = Path(with_demo).read_bytes()
    with Workspace.open(with_demo, lock=True):
        status, _, err = run(
            capsys,
            "export",
            "readiness",
            "--out",
            str(tmp_path / "r.xlsx"),
            "--workspace",
            with_demo,
        )
    assert status == 0, err
    assert Path(with_demo).read_bytes() == before


def test_export_of_an_unknown_engagement_or_missing_workspace(
    capsys: pytest.CaptureFixture[str], with_demo: str, tmp_path: Path
) -> None:
    status, _, err = run(
        capsys,
        "export",
        "nothing-like-it",
        "--out",
        str(tmp_path / "r.pdf"),
        "--workspace",
        with_demo,
    )
    assert status == 1 and "No engagement matches 'nothing-like-it'" in err
    _one_line_error(err)
    missing = str(tmp_path / "none.sqlite")
    status, _, err = run(
        capsys, "export", "x", "--out", str(tmp_path / "r.pdf"), "--workspace", missing
    )
    assert status == 1 and err == f"scrm-desk: error: There is no workspace at {missing}.\n"
    assert not Path(missing).exists()
