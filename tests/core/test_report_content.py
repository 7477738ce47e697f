"""Report content (stage 1): what the report says, built from a real workspace."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import FrozenInstanceError
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from scrm_desk.errors import NotFoundError, ValidationError
from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.records import Lens, StakeholderGroup
from scrm_desk.reports import (
    Branding,
    ReportOptions,
    available_sections,
    build_report,
    clean_logo,
    draft_executive_summary,
    load_branding,
    save_branding,
    section_ids,
)
from scrm_desk.reports import branding as branding_module
from scrm_desk.reports import content as content_module
from scrm_desk.reports.branding import MAX_LOGO_BYTES, sanitise_svg
from scrm_desk.reports.content import (
    AppendixSection,
    ApproachSection,
    BlocksSection,
    CoverSection,
    OverviewSection,
    ProgressSection,
    SectionContent,
    SummarySection,
    fmt_gap,
    register_section,
)
from scrm_desk.workspace import Workspace
from tests.data.report.populate import PEOPLE, add_assessment, populate

DAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def catalog() -> FrameworkCatalog:
    return FrameworkCatalog.load()


@pytest.fixture
def filled(workspace: Workspace):
    return populate(workspace)


def test_sections_in_order_and_all_present(workspace: Workspace, filled, catalog) -> None:
    report = build_report(workspace, filled.engagement_id, ReportOptions(report_date=DAY), catalog)
    assert report.section_ids() == (
        "cover",
        "toc",
        "summary",
        "approach",
        "overview",
        "blocks",
        "alignment",
        "appendix",
    )
    meta = report.meta
    assert meta.client_name == "Contoso Retail Group"
    assert meta.date_text == "20 November 2026"
    assert meta.author == "Claire Dubois"
    assert meta.confidentiality == "Confidential"
    cover = report.section("cover")
    assert isinstance(cover, CoverSection)
    assert cover.prepared_by == "Prepared by Claire Dubois"
    assert cover.draft_note is None  # the assessment is complete
    with pytest.raises(FrozenInstanceError):
        cover.title = "x"  # type: ignore[misc]


def test_summary_is_drafted_from_the_findings(workspace: Workspace, filled, catalog) -> None:
    report = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)
    summary = report.section("summary")
    assert isinstance(summary, SummarySection)
    assert summary.drafted
    assert "Contoso Retail Group" in summary.paragraphs[0]
    assert "8 stakeholders" in summary.paragraphs[0]
    assert [f.lens for f in summary.indexes] == ["Classic CRM", "Social CRM"]
    assert all(f.score is not None and 1 <= f.score <= 5 for f in summary.indexes)
    assert summary.risks and all(r.severity == "high" for r in summary.risks)
    assert any("overall maturity index" in p for p in summary.paragraphs)
    # The same draft is what the app offers for editing.
    draft = draft_executive_summary(workspace, filled.engagement_id, catalog=catalog)
    assert draft.split("\n\n") == list(summary.paragraphs)


def test_executive_summary_override_replaces_the_draft(
    workspace: Workspace, filled, catalog
) -> None:
    text = "First point of our own.\n\nSecond   paragraph,\nwrapped."
    report = build_report(
        workspace, filled.engagement_id, ReportOptions(executive_summary=text), catalog
    )
    summary = report.section("summary")
    assert isinstance(summary, SummarySection)
    assert not summary.drafted
    assert summary.paragraphs == ("First point of our own.", "Second paragraph, wrapped.")
    assert summary.indexes  # the figures stay: they are facts, not prose


def test_the_summary_the_consultant_saved_is_used_unless_options_override_it(
    workspace: Workspace, filled, catalog
) -> None:
    from scrm_desk.reports.options import summary_key

    workspace.settings.set(summary_key(filled.engagement_id), "Saved in the app.")
    saved = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)
    summary = saved.section("summary")
    assert isinstance(summary, SummarySection)
    assert summary.paragraphs == ("Saved in the app.",) and not summary.drafted
    chosen = build_report(
        workspace, filled.engagement_id, ReportOptions(executive_summary="Given."), catalog
    )
    assert chosen.section("summary").paragraphs == ("Given.",)  # type: ignore[union-attr]
    # The draft the app offers stays the draft.
    draft = draft_executive_summary(workspace, filled.engagement_id, catalog=catalog)
    assert "Saved in the app." not in draft


def test_overview_blocks_and_appendix_cover_every_block(
    workspace: Workspace, filled, catalog
) -> None:
    framework = catalog.building_blocks()
    report = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)
    overview = report.section("overview")
    assert isinstance(overview, OverviewSection)
    assert [lens.lens for lens in overview.lenses] == ["Classic CRM", "Social CRM"]
    classic = overview.lenses[0]
    assert [row.name for row in classic.rows] == [a.name for a in framework.areas]
    assert classic.radar.labels == tuple(a.short_name for a in framework.areas)
    assert classic.radar.current == tuple(row.score for row in classic.rows)

    blocks = report.section("blocks")
    assert isinstance(blocks, BlocksSection)
    assert [p.name for p in blocks.pages] == [a.name for a in framework.areas]
    vision = blocks.pages[0]
    assert vision.guiding_question == framework.area("vision").guiding_question
    assert vision.social_question == framework.area("vision").social_question
    assert [s.name for s in vision.lenses[0].subs] == [
        s.name for s in framework.area("vision").sub_components
    ]
    assert vision.quotes and vision.quotes[0].who == "Workshop consensus"
    assert {line.lens for line in vision.spread} == {"Classic CRM", "Social CRM"}
    groups = {g.group for g in vision.spread[0].groups}
    assert groups == {g.label for g in StakeholderGroup}

    appendix = report.section("appendix")
    assert isinstance(appendix, AppendixSection)
    rows = [row for block in appendix.blocks for row in block.responses]
    assert len(rows) == workspace.responses.count_for(filled.assessment_id)
    assert len(report.tables.responses) == len(rows)
    assert {p.name for p in appendix.stakeholders} == {name for name, _, _ in PEOPLE}
    assert report.tables.block_scores and report.tables.findings


def test_approach_lists_groups_framework_and_dates(workspace: Workspace, filled, catalog) -> None:
    report = build_report(workspace, filled.engagement_id, ReportOptions(report_date=DAY), catalog)
    approach = report.section("approach")
    assert isinstance(approach, ApproachSection)
    assert [g.group for g in approach.groups] == [g.label for g in StakeholderGroup]
    assert approach.frameworks[0].attribution.startswith("After Gartner")
    assert ("Assessment: Baseline", "14 October 2026") in approach.dates
    assert len(approach.maturity_levels) == 5
    assert not approach.notes


def test_engagement_without_assessment_still_reports(workspace: Workspace, catalog) -> None:
    filled = populate(workspace, with_assessment=False)
    report = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)
    assert report.section_ids() == ("cover", "toc", "approach", "appendix")
    approach = report.section("approach")
    assert isinstance(approach, ApproachSection)
    assert any("No assessment has been recorded" in note for note in approach.notes)
    appendix = report.section("appendix")
    assert isinstance(appendix, AppendixSection)
    assert not appendix.blocks and len(appendix.stakeholders) == len(PEOPLE)
    assert report.tables.responses == () and report.tables.findings == ()


def test_engagement_with_nothing_leaves_out_empty_sections(workspace: Workspace) -> None:
    client = workspace.clients.create(name="Bare").record
    engagement = workspace.engagements.create(client_id=client.id, title="Scoping").record
    report = build_report(workspace, engagement.id)
    assert report.section_ids() == ("cover", "toc", "approach")
    cover = report.section("cover")
    assert isinstance(cover, CoverSection)
    assert cover.prepared_by == ""
    assert report.meta.author == "SCRM Desk"


def test_chosen_sections_keep_report_order(workspace: Workspace, filled, catalog) -> None:
    options = ReportOptions(sections=("appendix", "overview", "cover"))
    report = build_report(workspace, filled.engagement_id, options, catalog)
    assert report.section_ids() == ("cover", "overview", "appendix")
    with pytest.raises(ValidationError, match="unknown section 'charts'"):
        build_report(workspace, filled.engagement_id, ReportOptions(sections=("charts",)))


def test_options_are_checked(workspace: Workspace, filled) -> None:
    with pytest.raises(ValidationError, match="must differ"):
        ReportOptions(password="a", owner_password="a").validate(section_ids())
    with pytest.raises(ValidationError, match="needs a password"):
        ReportOptions(owner_password="a").validate(section_ids())
    with pytest.raises(NotFoundError):
        build_report(workspace, filled.engagement_id, ReportOptions(assessment_id="nope"))
    with pytest.raises(NotFoundError):
        build_report(workspace, "00000000-0000-0000-0000-000000000000")


def test_progress_section_needs_two_assessments(workspace: Workspace, filled, catalog) -> None:
    report = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)
    assert report.section("progress") is None
    add_assessment(
        workspace,
        filled.engagement_id,
        filled.stakeholder_ids,
        name="Follow-up",
        assessed_on="2027-03-01",
        seed=11,
        shift=1,
    )
    report = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)
    progress = report.section("progress")
    assert isinstance(progress, ProgressSection)
    assert (progress.baseline_name, progress.follow_up_name) == ("Baseline", "Follow-up")
    classic = progress.lenses[0]
    assert classic.chart.baseline_label == "Baseline"
    assert all(r.change is not None for r in classic.rows)
    assert report.section_ids().index("progress") == report.section_ids().index("alignment") + 1


def thin_follow_up(workspace: Workspace, filled, *, in_progress: bool = False) -> str:
    """A follow-up where Information has one answer of seven (classic) and none under
    Social CRM: not assessed enough under either lens, so it must report no score."""
    follow_up = add_assessment(
        workspace,
        filled.engagement_id,
        filled.stakeholder_ids,
        name="Follow-up",
        assessed_on="2027-03-01",
        seed=11,
        shift=1,
    )
    kept = None
    for response in workspace.responses.for_assessment(follow_up):
        if not response.question_id.startswith("information."):
            continue
        if kept is None and response.respondent_id is None and response.lens.value == "classic":
            kept = response
            continue
        workspace.responses.delete(response.id)
    if in_progress:
        workspace.assessments.update(follow_up, status="in_progress")
    return follow_up


#: An internal question id such as "customer_experience.monitor_expectations.2".
QUESTION_ID = re.compile(r"\b[a-z_]+\.[a-z_]+\.\d+\b")


def test_a_block_not_assessed_enough_has_no_score_anywhere_in_the_report(
    workspace: Workspace, filled, catalog
) -> None:
    thin_follow_up(workspace, filled)
    report = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)

    overview = report.section("overview")
    assert isinstance(overview, OverviewSection)
    for lens in overview.lenses:
        row = next(r for r in lens.rows if r.name == "Information")
        assert (row.score, row.target, row.gap) == (None, None, None)
        assert "Not assessed" in row.status
        position = [r.name for r in lens.rows].index("Information")
        assert lens.radar.current[position] is None  # a gap on the radar, not a 0
        assert lens.index.scored_blocks == 7
    classic_row = next(r for r in overview.lenses[0].rows if r.name == "Information")
    assert classic_row.partial_score is not None  # kept for a tooltip, not shown as a score

    blocks = report.section("blocks")
    assert isinstance(blocks, BlocksSection)
    assert "Information" in blocks.not_assessed
    assert all(page.name != "Information" for page in blocks.pages)
    table = [r for r in report.tables.block_scores if r.block == "Information"]
    assert all(r.score is None and "not_assessed" in r.flags for r in table)

    summary = report.section("summary")
    assert isinstance(summary, SummarySection)
    assert [f.scored_blocks for f in summary.indexes] == [7, 7]
    text = " ".join(summary.paragraphs)
    assert "One block is not assessed yet: Information." in text
    assert "The assessment found no high-severity risk." not in text

    # No internal id in any finding a client reads.
    assert any(f.kind == "high_spread" for f in report.tables.findings)
    for finding in report.tables.findings:
        for string in (finding.title, finding.evidence, finding.suggested_action):
            assert not QUESTION_ID.search(string), string


def test_progress_leads_with_the_like_for_like_index_and_adds_up(
    workspace: Workspace, filled, catalog
) -> None:
    from scrm_desk.scoring import rounded

    thin_follow_up(workspace, filled)
    report = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)
    progress = report.section("progress")
    assert isinstance(progress, ProgressSection)
    classic = progress.lenses[0]
    information = next(r for r in classic.rows if r.name == "Information")
    assert information.baseline is not None
    assert (information.follow_up, information.change) == (None, None)  # not "2.7 → 3.0"

    assert classic.like_for_like_differs
    assert (classic.blocks_compared, classic.baseline_blocks, classic.follow_up_blocks) == (
        7,
        8,
        7,
    )
    assert classic.index.name == "Overall index, like for like (7 blocks)"
    assert classic.reported_index is not None
    assert classic.reported_index.baseline != classic.index.baseline  # Information left out
    assert classic.index.follow_up == classic.reported_index.follow_up
    assert "over the 7 building blocks assessed in both" in classic.headline
    assert "(over 8 blocks)" in classic.headline and "(over 7 blocks)" in classic.headline
    assert classic.headline in progress.intro
    assert "A dash marks a block not assessed enough" in progress.intro

    # Every change is the difference of the figures as printed.
    for row in (*classic.rows, classic.index, classic.reported_index):
        if row.change is None:
            continue
        before, after = rounded(row.baseline), rounded(row.follow_up)
        assert before is not None and after is not None
        assert f"{before + row.change:.1f}" == f"{after:.1f}", row
    expected = f"({fmt_gap(classic.index.change)})"
    assert expected in classic.headline


SUMMARY_CAVEAT_CASES = [
    # id, thin follow-up, in progress, expected, absent
    (
        "complete and fully assessed",
        False,
        False,
        ["The assessment points to"],
        ["not assessed yet", "still in progress", "assessed so far"],
    ),
    (
        "a block not assessed",
        True,
        False,
        ["One block is not assessed yet: Information."],
        ["still in progress"],
    ),
    (
        "in progress with a block not assessed",
        True,
        True,
        [
            "The assessment is still in progress, so these figures may change. "
            "One block is not assessed yet: Information."
        ],
        ["The assessment found no high-severity risk."],
    ),
]


@pytest.mark.parametrize(
    ("thin", "in_progress", "expected", "absent"),
    [case[1:] for case in SUMMARY_CAVEAT_CASES],
    ids=[case[0] for case in SUMMARY_CAVEAT_CASES],
)
def test_the_draft_summary_says_what_is_not_assessed_yet(
    workspace: Workspace, filled, catalog, thin, in_progress, expected, absent
) -> None:
    if thin:
        thin_follow_up(workspace, filled, in_progress=in_progress)
    draft = draft_executive_summary(workspace, filled.engagement_id, catalog=catalog)
    for text in expected:
        assert text in draft
    for text in absent:
        assert text not in draft


def test_not_assessed_names_say_which_lens_when_only_one_lacks_a_score(
    workspace: Workspace, filled, catalog
) -> None:
    follow_up = thin_follow_up(workspace, filled)
    # Answer Information under Social CRM again: only its classic block is thin now.
    framework = catalog.building_blocks()
    for question in framework.area("information").questions():
        if question.social_text:
            workspace.responses.save(
                follow_up, question.id, Lens.SOCIAL, None, kind="level", current_level=3
            )
    ctx = content_module.gather(workspace, filled.engagement_id, ReportOptions(), catalog)
    assert content_module.not_assessed_names(ctx) == ["Information (Classic CRM)"]


def test_a_new_section_slots_in_by_order(workspace: Workspace, filled, catalog) -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True, slots=True, kw_only=True)
    class RoadmapSection(SectionContent):
        items: tuple[str, ...]

    @register_section("roadmap-test", order=110, title="Roadmap")
    def build_roadmap(ctx):
        return RoadmapSection(id="roadmap-test", title="Roadmap", items=("Pilot",))

    try:
        assert "roadmap-test" in [s.id for s in available_sections()]
        report = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)
        ids = report.section_ids()
        assert ids.index("alignment") < ids.index("roadmap-test") < ids.index("appendix")
        # A section with nothing to say is left out, not printed empty.
        content_module._REGISTRY["roadmap-test"] = content_module.SectionSpec(
            "roadmap-test", 110, "Roadmap", "", lambda ctx: None
        )
        report = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)
        assert "roadmap-test" not in report.section_ids()
    finally:
        content_module._REGISTRY.pop("roadmap-test", None)


def test_every_section_has_a_title_and_description() -> None:
    infos = available_sections()
    assert [i.id for i in infos] == list(section_ids())
    assert all(i.title and i.description for i in infos)


# --------------------------------------------------------------------------- branding


def _png(size: tuple[int, int] = (40, 20), mode: str = "RGBA") -> bytes:
    buffer = BytesIO()
    Image.new(mode, size, (20, 80, 160, 255) if mode == "RGBA" else (20, 80, 160)).save(
        buffer, "PNG"
    )
    return buffer.getvalue()


def test_branding_round_trips_through_the_workspace(workspace: Workspace) -> None:
    assert load_branding(workspace) == Branding()
    saved = save_branding(
        workspace,
        firm_name="  Northbridge   Advisory ",
        primary_colour="#0A5C36",
        confidentiality="Strictly confidential",
        logo=_png(),
    )
    assert saved.changes.touches("setting")
    branding = load_branding(workspace)
    assert branding.firm_name == "Northbridge Advisory"
    assert branding.primary_colour == "#0a5c36"
    assert branding.confidentiality == "Strictly confidential"
    assert branding.logo is not None and branding.logo.format == "png"
    assert (branding.logo.width, branding.logo.height) == (40, 20)
    # Arguments left out keep their value; None removes the logo.
    save_branding(workspace, firm_name="Northbridge")
    assert load_branding(workspace).logo is not None
    save_branding(workspace, logo=None)
    assert load_branding(workspace).logo is None


def test_colour_must_be_hex(workspace: Workspace) -> None:
    for bad in ("blue", "#12345", "#1234567", "rgb(1,2,3)", "#GGGGGG"):
        with pytest.raises(ValidationError, match="#rrggbb"):
            save_branding(workspace, primary_colour=bad)


def test_jpeg_logo_loses_its_exif(tmp_path: Path) -> None:
    image = Image.new("RGB", (64, 32), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x013B] = "Jane Photographer"  # Artist
    exif[0x0112] = 6  # Orientation: rotate 90° when shown
    path = tmp_path / "logo.jpg"
    image.save(path, "JPEG", exif=exif, quality=95)
    assert b"Jane Photographer" in path.read_bytes()
    logo = clean_logo(path)
    assert logo.format == "jpeg"
    assert b"Jane Photographer" not in logo.data and b"SpyCam" not in logo.data
    with Image.open(BytesIO(logo.data)) as cleaned:
        assert not cleaned.getexif()
        assert cleaned.size == (32, 64)  # the orientation was applied, then dropped


def test_png_text_chunks_are_dropped() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Photographer")
    buffer = BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "PNG", pnginfo=info)
    logo = clean_logo(buffer.getvalue())
    assert b"Jane Photographer" not in logo.data


def test_big_logo_is_scaled_down() -> None:
    logo = clean_logo(_png((3000, 1000), "RGB"))
    assert (logo.width, logo.height) == (1400, 467)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"this is not an image at all", "not a readable PNG, JPEG or SVG"),
        (_png()[:60], "not a readable"),
    ],
)
def test_unreadable_logo_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        clean_logo(data)


def test_gif_logo_is_refused() -> None:
    buffer = BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "GIF")
    with pytest.raises(ValidationError, match="GIF images are not supported"):
        clean_logo(buffer.getvalue())


def test_50_mb_logo_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "huge.png"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    opened = []
    monkeypatch.setattr(branding_module, "_reencode", lambda data: opened.append(data))
    with pytest.raises(ValidationError, match=r"50\.0 MB; a logo may be at most 10 MB"):
        clean_logo(path)
    with pytest.raises(ValidationError, match="at most 10 MB"):
        clean_logo(b"\0" * (MAX_LOGO_BYTES + 1))
    assert not opened


def test_missing_logo_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"cannot read nope\.png"):
        clean_logo(tmp_path / "nope.png")
    with pytest.raises(ValidationError, match="is a folder"):
        clean_logo(tmp_path)


def test_svg_is_sanitised() -> None:
    svg = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="100" height="40" onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(http://evil.example/x.css);</style>
  <foreignObject><div>html</div></foreignObject>
  <a xlink:href="javascript:alert(3)"><rect width="10" height="10" fill="#123456"/></a>
  <image href="http://tracker.example/pixel.png" width="1" height="1"/>
  <use href="#shape"/>
  <circle id="shape" cx="20" cy="20" r="10" style="fill:url(http://evil.example/p)"/>
  <animate attributeName="href" to="javascript:alert(4)"/>
</svg>"""
    clean = sanitise_svg(svg)
    for bad in (b"script", b"onload", b"@import", b"foreignObject", b"javascript", b"tracker"):
        assert bad not in clean, bad
    assert b"evil" not in clean
    assert b'href="#shape"' in clean and b"#123456" in clean


def test_svg_with_entities_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'
    with pytest.raises(ValidationError, match="DOCTYPE or entities"):
        clean_logo(bomb)


def test_svg_logo_is_rasterised_or_refused_clearly(monkeypatch) -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40">'
        b'<rect width="80" height="40" fill="#0a5"/></svg>'
    )
    monkeypatch.setattr(branding_module, "_rasterise_with_svglib", lambda data, width: None)
    monkeypatch.setattr(branding_module, "_rasterise_with_rsvg", lambda data, width: None)
    with pytest.raises(ValidationError, match="Export the logo as PNG"):
        clean_logo(svg)
    monkeypatch.setattr(branding_module, "_rasterise_with_rsvg", lambda data, width: _png((80, 40)))
    logo = clean_logo(svg)
    assert logo.format == "png" and (logo.width, logo.height) == (80, 40)


def test_stored_branding_that_is_damaged_falls_back(workspace: Workspace) -> None:
    workspace.settings.set(
        "branding", {"primary_colour": "red", "logo": {"data": "!!", "format": "png"}}
    )
    branding = load_branding(workspace)
    assert branding.primary_colour == "#1d4e89" and branding.logo is None


def test_report_uses_workspace_branding_and_option_override(
    workspace: Workspace, filled, catalog
) -> None:
    save_branding(workspace, firm_name="Northbridge Advisory", confidentiality="Internal")
    report = build_report(workspace, filled.engagement_id, ReportOptions(), catalog)
    assert report.meta.firm_name == "Northbridge Advisory"
    assert report.meta.author == "Claire Dubois, Northbridge Advisory"
    assert report.meta.confidentiality == "Internal"
    cover = report.section("cover")
    assert isinstance(cover, CoverSection)
    assert cover.prepared_by == "Prepared by Claire Dubois, Northbridge Advisory"
    report = build_report(
        workspace, filled.engagement_id, ReportOptions(confidentiality="Board only"), catalog
    )
    assert report.meta.confidentiality == "Board only"


def test_importing_reports_loads_no_renderer_and_no_qt() -> None:
    code = (
        "import sys, scrm_desk.reports, scrm_desk.reports.content, scrm_desk.reports.export\n"
        "heavy = [m for m in ('reportlab', 'matplotlib', 'docx', 'openpyxl', 'PySide6', 'ui')\n"
        "         if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=".")


def test_long_evidence_is_shortened_on_the_block_page_only() -> None:
    text, truncated = content_module._quote_text("word " * 400)
    assert truncated and text.endswith(" …") and len(text) <= content_module.QUOTE_CHARS + 2
    assert content_module._quote_text("short  and\nsweet") == ("short and sweet", False)


def test_the_public_names_load_on_first_use_and_all_of_them_exist() -> None:
    import subprocess
    import sys

    script = (
        "import sys, scrm_desk.reports as r\n"
        "assert 'scrm_desk.reports.content' not in sys.modules\n"
        "assert all(getattr(r, name) is not None for name in r.__all__)\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root)
    assert done.stdout.strip() == "ok", done.stderr
