"""The PDF (stage 2): checked by reading it back with pypdf, as a client's viewer would."""

from __future__ import annotations

import getpass
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PasswordType, PdfReader

from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.reports import ReportOptions, build_report, save_branding
from scrm_desk.reports.content import ReportContent
from scrm_desk.reports.pdf import encrypt_pdf, font_path, render_pdf
from scrm_desk.reports.text_coverage import FontFile, font_charset, plan_coverage
from scrm_desk.workspace import Workspace
from tests.core.test_report_content import thin_follow_up
from tests.core.test_report_planning import add_plan
from tests.data.report.populate import PEOPLE, populate

HEADINGS = (
    "Contents",
    "Executive summary",
    "Approach",
    "Building blocks overview",
    "The building blocks one by one",
    "Stakeholder alignment",
    "The seven-layer framework",
    "Social CRM posture",
    "Initiatives by kind of social",
    "Starting points and platform strategy",
    "Roadmap",
    "Appendix: responses and stakeholders",
)


def _no_fallback(chars: str) -> list[FontFile]:
    return []


def _logo() -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGBA", (300, 90), (10, 92, 54, 255)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def catalog() -> FrameworkCatalog:
    return FrameworkCatalog.load()


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory, catalog):
    """A populated workspace with branding, and its report rendered once."""
    path = tmp_path_factory.mktemp("pdf") / "ws.sqlite"
    with Workspace.open(path) as ws:
        filled = populate(ws)
        add_plan(ws, filled.engagement_id)
        save_branding(ws, firm_name="Northbridge Advisory", logo=_logo(), primary_colour="#0a5c36")
        content = build_report(ws, filled.engagement_id, ReportOptions(), catalog)
    output = render_pdf(content, font_finder=_no_fallback)
    return content, output, PdfReader(BytesIO(output.data))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_every_heading_block_and_person_is_in_the_text(full, catalog) -> None:
    _content, _output, reader = full
    text = _text(reader)
    for heading in HEADINGS:
        assert heading in text, heading
    assert "Contoso Retail Group" in text
    for area in catalog.building_blocks().areas:
        assert area.name in text, area.name
    for name, _, _ in PEOPLE:
        assert name in text, name
    assert "Northbridge Advisory" in text
    assert "Page 2 of" in text


def test_page_count_is_plausible(full) -> None:
    _content, output, reader = full
    assert output.pages == len(reader.pages)
    # Cover, contents, summary, approach, overview (2 lenses), 9 block pages or more,
    # alignment, appendix: well over 15 pages, and no runaway layout.
    assert 15 <= len(reader.pages) <= 90
    last = reader.pages[-1].extract_text()
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last
    for number, page in enumerate(reader.pages, start=1):
        assert (page.extract_text() or "").strip(), f"page {number} is empty"


def test_outline_has_every_section_and_block(full, catalog) -> None:
    _content, _output, reader = full
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == list(HEADINGS[1:])  # the contents page lists the others, not itself
    children = next(item for item in outline if isinstance(item, list))
    assert [c.title for c in children] == [a.name for a in catalog.building_blocks().areas]
    # Bookmarks point at the pages where the sections start.
    summary = next(item for item in outline if item.title == "Executive summary")
    page = reader.get_destination_page_number(summary)
    assert "Executive summary" in reader.pages[page].extract_text()


def test_contents_page_lists_sections_with_page_numbers(full) -> None:
    _content, _output, reader = full
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents
    for heading in HEADINGS[1:]:
        assert heading in contents


def test_fonts_are_embedded_and_none_is_helvetica(full) -> None:
    _content, _output, reader = full
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            seen.add(name)
            assert "Helvetica" not in name and "Times" not in name and "Courier" not in name
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:  # a Type0 font keeps it on its descendant
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), name
    assert any("DejaVuSans" in name for name in seen)


def test_metadata_says_what_it_should_and_nothing_else(full, tmp_path) -> None:
    _content, output, reader = full
    info = reader.metadata
    assert info.title == "CRM and Social CRM maturity assessment: Contoso Retail Group"
    assert info.author == "Claire Dubois, Northbridge Advisory"
    assert info.subject == "Contoso Retail Group: Social CRM readiness assessment"
    assert info.producer == "SCRM Desk" and info.creator == "SCRM Desk"
    raw = output.data
    for leak in (str(Path.home()).encode(), b"/tmp/", b"/work/", str(tmp_path).encode()):
        assert leak not in raw, leak
    user = getpass.getuser().encode()
    if len(user) > 3:
        assert user not in raw
    assert b"ReportLab" not in raw.split(b"/Producer")[1][:40]


def test_greek_and_cyrillic_names_render(tmp_path: Path, catalog) -> None:
    with Workspace.open(tmp_path / "ws.sqlite") as ws:
        filled = populate(ws, client_name="Ελληνική Εταιρεία Πληροφορικής", with_assessment=False)
        ws.stakeholders.create(
            engagement_id=filled.engagement_id, name="Пётр Иванович Смирнов", group="it"
        )
        content = build_report(ws, filled.engagement_id, ReportOptions(), catalog)
    output = render_pdf(content, font_finder=_no_fallback)
    text = _text(PdfReader(BytesIO(output.data)))
    assert "Ελληνική Εταιρεία Πληροφορικής" in text
    assert "Пётр Иванович Смирнов" in text
    assert output.warnings == ()


def test_script_without_a_font_is_reported(tmp_path: Path, catalog) -> None:
    with Workspace.open(tmp_path / "ws.sqlite") as ws:
        filled = populate(ws, client_name="東京リテール株式会社", with_assessment=False)
        content = build_report(ws, filled.engagement_id, ReportOptions(), catalog)
    output = render_pdf(content, font_finder=_no_fallback)
    assert len(output.warnings) == 1
    assert "東 (U+6771)" in output.warnings[0] and "empty boxes" in output.warnings[0]


def test_installed_fallback_font_is_used_and_embedded(tmp_path: Path, catalog) -> None:
    # matplotlib's STIX font has mathematical letters DejaVu Sans lacks: a stand-in for
    # any installed font that covers a script DejaVu does not.
    stix = font_path("DejaVuSans").parent  # resources/fonts
    import matplotlib

    stix = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "STIXGeneral.ttf"
    extra = sorted(font_charset(stix) - font_charset(font_path("DejaVuSans")))
    char = next(chr(c) for c in extra if chr(c).isalpha())

    def finder(chars: str) -> list[FontFile]:
        return [FontFile(stix, 0, "STIXGeneral")]

    plan = plan_coverage([f"Acme {char}"], font_path("DejaVuSans"), finder=finder)
    assert plan.fallback_for == {char: FontFile(stix, 0, "STIXGeneral")}
    with Workspace.open(tmp_path / "ws.sqlite") as ws:
        filled = populate(ws, client_name=f"Acme {char} Labs", with_assessment=False)
        content = build_report(ws, filled.engagement_id, ReportOptions(), catalog)
    output = render_pdf(content, font_finder=finder)
    assert output.warnings == ()
    reader = PdfReader(BytesIO(output.data))
    names = {
        str(ref.get_object()["/BaseFont"])
        for ref in reader.pages[0]["/Resources"].get_object()["/Font"].values()
    }
    assert any("STIX" in name for name in names)
    assert f"Acme {char} Labs" in reader.pages[0].extract_text()


def test_no_assessment_pdf_says_so(tmp_path: Path, catalog) -> None:
    with Workspace.open(tmp_path / "ws.sqlite") as ws:
        filled = populate(ws, with_assessment=False)
        content = build_report(ws, filled.engagement_id, ReportOptions(), catalog)
    output = render_pdf(content, font_finder=_no_fallback)
    text = _text(PdfReader(BytesIO(output.data)))
    assert "No assessment has been recorded for this engagement yet" in text
    assert "Approach" in text and "Stakeholders" in text
    assert 3 <= output.pages <= 6


def test_a_partial_follow_up_reads_honestly_in_the_pdf(tmp_path: Path, catalog) -> None:
    """Information has one answer of seven in the follow-up: no score for it anywhere,
    the progress led by the like-for-like index, and no internal question id."""
    with Workspace.open(tmp_path / "ws.sqlite") as ws:
        filled = populate(ws)
        thin_follow_up(ws, filled, in_progress=True)
        content = build_report(
            ws,
            filled.engagement_id,
            ReportOptions(sections=("summary", "overview", "blocks", "progress")),
            catalog,
        )
    output = render_pdf(content, font_finder=_no_fallback)
    text = " ".join(_text(PdfReader(BytesIO(output.data))).split())
    assert "One block is not assessed yet: Information." in text
    assert "The assessment is still in progress" in text
    assert "7 of 8 core blocks scored" in text
    assert "over the 7 building blocks assessed in both" in text
    assert "Overall index, like for like (7 blocks)" in text
    assert re.search(r"Information \d\.\d – – Technology", text)  # progress: no follow-up score
    assert "Not assessed yet, and so without a page of their own: Information." in text
    assert re.search(r", question \d+ \(σ \d\.\d\)", text)  # high spread, named for a person
    assert not re.search(r"\b[a-z_]+\.[a-z_]+\.\d+\b", text)


def test_ten_thousand_characters_of_evidence_split_across_pages(tmp_path: Path, catalog) -> None:
    words = "The service team logs every complaint in a spreadsheet that nobody reads. "
    evidence = (words * 200)[:10_000]
    assert len(evidence) == 10_000
    with Workspace.open(tmp_path / "ws.sqlite") as ws:
        filled = populate(ws, long_evidence=evidence)
        content = build_report(
            ws, filled.engagement_id, ReportOptions(sections=("appendix", "blocks")), catalog
        )
    output = render_pdf(content, font_finder=_no_fallback)
    reader = PdfReader(BytesIO(output.data))
    pages_with_it = [
        i for i, page in enumerate(reader.pages) if "nobody reads" in (page.extract_text() or "")
    ]
    # In full in the appendix, over consecutive pages, to the last word.
    assert len(pages_with_it) >= 2
    assert pages_with_it == list(range(pages_with_it[0], pages_with_it[-1] + 1))
    squeezed = "".join(_text(reader).split())
    assert "".join(evidence[-60:].split()) in squeezed
    assert "".join(evidence[:60].split()) in squeezed


def test_without_cover_page_one_is_not_blank(tmp_path: Path, catalog) -> None:
    with Workspace.open(tmp_path / "ws.sqlite") as ws:
        filled = populate(ws, with_assessment=False)
        for sections in (("approach",), ("appendix",), ("toc", "approach")):
            content = build_report(
                ws, filled.engagement_id, ReportOptions(sections=sections), catalog
            )
            output = render_pdf(content, font_finder=_no_fallback)
            reader = PdfReader(BytesIO(output.data))
            first = reader.pages[0].extract_text()
            assert content.sections[0].title in first, sections


def test_encrypted_pdf_needs_its_password(full) -> None:
    _content, output, _reader = full
    locked = encrypt_pdf(output.data, "open-sesame", "owner-key-42")
    encrypted = PdfReader(BytesIO(locked))
    assert encrypted.is_encrypted
    assert encrypted.decrypt("wrong") == PasswordType.NOT_DECRYPTED
    assert encrypted.decrypt("open-sesame") == PasswordType.USER_PASSWORD
    assert "Contoso Retail Group" in encrypted.pages[0].extract_text()
    owner = PdfReader(BytesIO(locked))
    assert owner.decrypt("owner-key-42") == PasswordType.OWNER_PASSWORD
    assert b"/AESV3" in locked  # AES-256
    assert b"Contoso" not in locked  # metadata is encrypted too
    with pytest.raises(ValueError, match="must differ"):
        encrypt_pdf(output.data, "same", "same")


def test_random_owner_password_differs_from_user_password(full) -> None:
    _content, output, _reader = full
    locked = encrypt_pdf(output.data, "open-sesame")
    encrypted = PdfReader(BytesIO(locked))
    assert encrypted.decrypt("open-sesame") == PasswordType.USER_PASSWORD  # not OWNER
    assert PdfReader(BytesIO(locked)).decrypt("") == PasswordType.NOT_DECRYPTED
    assert encrypted.metadata.producer == "SCRM Desk"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_rasterise(full, tmp_path: Path) -> None:
    _content, output, _reader = full
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(output.data)
    subprocess.run(
        ["pdftoppm", "-r", "20", "-png", "-f", "1", "-l", "3", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    assert len(list(tmp_path.glob("p-*.png"))) == 3


def test_content_is_plain_data(full) -> None:
    content, _output, _reader = full
    assert isinstance(content, ReportContent)
    assert "Contoso Retail Group" in set(content.strings())


def test_extreme_names_and_a_crowd_of_stakeholders_still_lay_out(tmp_path: Path, catalog) -> None:
    """200-character names (the storage limit) and 80 people in one group: no LayoutError,
    the cover stays one page, and the approach counts people instead of listing them."""
    client = ("Extremely Long Client Name Holding Company International " * 4)[:200]
    with Workspace.open(tmp_path / "ws.sqlite") as ws:
        filled = populate(ws, client_name=client, engagement_title="T" * 200)
        for n in range(80):
            ws.stakeholders.create(
                engagement_id=filled.engagement_id,
                name=f"Person {n:02d} " + "Lastname" * 3,
                role=("Senior Vice President of Everything Customer " * 5)[:200],
                group="business",
            )
        content = build_report(ws, filled.engagement_id, ReportOptions(), catalog)
    output = render_pdf(content, font_finder=_no_fallback)
    reader = PdfReader(BytesIO(output.data))
    assert "PREPARED FOR" in reader.pages[0].extract_text()
    assert "PREPARED FOR" not in reader.pages[1].extract_text()
    approach = next(p for p in reader.pages if "Stakeholders consulted" in p.extract_text())
    assert "Person 42" not in approach.extract_text()
    assert "Person 42" in _text(reader)  # named in the appendix


# --------------------------------------------------------------------------- the plan


def _page_with(reader: PdfReader, *needles: str) -> int:
    for index, page in enumerate(reader.pages):
        text = page.extract_text() or ""
        if all(needle in text for needle in needles):
            return index
    raise AssertionError(f"no page has {needles}")


def _images(page) -> list[str]:
    resources = page["/Resources"].get_object()
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return []
    return [
        name
        for name, ref in xobjects.get_object().items()
        if ref.get_object()["/Subtype"] == "/Image"
    ]


def test_plan_sections_are_in_the_text(full, catalog) -> None:
    _content, _output, reader = full
    text = _text(reader)
    for layer in catalog.layers().layers:
        assert layer.name in text, layer.name
    for process in ("Marketing", "Sales", "Fulfilment", "Service"):
        assert process in text
    assert "Toe-dippers" in text and "toe-dippers approach" in text
    assert "The Social CRM plan is tactics only" in text
    assert "Facebook brand pages" in text and "Xwitter (Benelux) serves no objective" in text
    assert "Pain × value" in text and "2 of 8 points settled." not in text
    assert "1 of 8 points settled." in text
    for title in ("Make the outside-in shift", "Social customer service within four hours",
                  "A customer scorecard", "Own the listening", "Gear lab online"):  # fmt: skip
        assert title in text, title


def test_the_seven_layer_diagram_is_vector_and_real_text(full, catalog) -> None:
    _content, _output, reader = full
    index = _page_with(reader, "The seven-layer framework", "DO NOT PASS GO")
    page = reader.pages[index]
    text = page.extract_text()
    # The diagram's words are text on the page: every layer, the processes, the gate,
    # the blocked marks and the legend (the layer tables start on a later page).
    for layer in catalog.layers().layers:
        assert layer.name in text, layer.name
    assert "GATE CLOSED — DO NOT PASS GO · 4 of 6 criteria met" in text
    assert text.count("BLOCKED") == 6  # every layer below the gate
    assert "3 · Defined" in text and "Not rated" in text and "5 Optimised" in text
    assert "Owner: Marieke Jansen" in text
    # Drawn with path operators, with no image on the page.
    assert _images(page) == []
    stream = page.get_contents().get_data()
    for operator in (b" re", b" l\n", b" f", b" c\n"):
        assert operator in stream, operator
    # The posture chart, by contrast, is an image: the check above would see one.
    posture = reader.pages[_page_with(reader, "Social CRM posture", "WHERE THE CLIENT STANDS")]
    assert len(_images(posture)) == 1


def test_outline_has_the_plan_sections(full) -> None:
    _content, _output, reader = full
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    for heading in HEADINGS[7:12]:
        assert heading in top
    roadmap = next(
        item for item in reader.outline if not isinstance(item, list) and item.title == "Roadmap"
    )
    page = reader.get_destination_page_number(roadmap)
    assert "Impact and effort" in reader.pages[page].extract_text()


def test_contents_page_lists_the_plan(full) -> None:
    _content, _output, reader = full
    contents = reader.pages[1].extract_text()
    for heading in HEADINGS[7:12]:
        assert heading in contents


def test_plan_only_report_starts_on_its_first_section(tmp_path: Path, catalog) -> None:
    with Workspace.open(tmp_path / "ws.sqlite") as ws:
        filled = populate(ws, with_assessment=False)
        add_plan(ws, filled.engagement_id, gate_passed=True)
        content = build_report(
            ws, filled.engagement_id, ReportOptions(sections=("layers", "roadmap")), catalog
        )
    output = render_pdf(content, font_finder=_no_fallback)
    reader = PdfReader(BytesIO(output.data))
    first = reader.pages[0].extract_text()
    assert "The seven-layer framework" in first and "Gate open · 6 of 6 criteria met" in first
    assert "BLOCKED" not in first
    assert "Roadmap" in _text(reader)


def test_chart_images_are_sharp_on_paper_and_reused(full) -> None:
    from scrm_desk.reports.pdf import CHART_CACHE, CONTENT_WIDTH

    content, output, reader = full
    posture = reader.pages[_page_with(reader, "Social CRM posture", "WHERE THE CLIENT STANDS")]
    xobjects = posture["/Resources"].get_object()["/XObject"].get_object()
    (image,) = [ref.get_object() for ref in xobjects.values()]
    assert image["/Filter"] in ("/FlateDecode", ["/FlateDecode"])
    assert image["/ColorSpace"] == "/DeviceRGB" and image["/BitsPerComponent"] == 8
    # Shown at 86% of the text width: rasterised for 200 dpi on paper, not more.
    shown_inches = CONTENT_WIDTH * 0.86 / 72
    assert abs(image["/Width"] / shown_inches - 200) < 1.5
    # Exporting the same content again draws no chart: every image comes from the cache.
    hits, misses = CHART_CACHE.hits, CHART_CACHE.misses
    again = render_pdf(content, font_finder=_no_fallback)
    charts = len([1 for page in reader.pages for _ in _images(page)])
    assert CHART_CACHE.hits - hits >= charts - 1 and CHART_CACHE.misses == misses
    assert again.data.count(b"/Subtype /Image") == output.data.count(b"/Subtype /Image")


def test_an_extreme_plan_still_lays_out(tmp_path: Path, catalog) -> None:
    """50,000 characters in a canvas cell, a roadmap description and the override note,
    200-character names, 40 roadmap items and 30 platforms: no LayoutError, the long texts
    run on over pages, the roadmap table cuts its description short."""
    long = ("Callers repeat themselves to every agent they reach. " * 1000)[:50_000]
    name = ("Anneke van der Berg-Hoffmann " * 8)[:200]
    with Workspace.open(tmp_path / "ws.sqlite") as ws:
        filled = populate(ws, with_assessment=False)
        engagement = filled.engagement_id
        add_plan(ws, engagement, override="strategic")
        ws.canvas.save(engagement, "customer_experience", pain_points=long, owner=name)
        ws.posture.save(engagement, override_note=long)
        for n in range(40):
            ws.roadmap.create(
                engagement_id=engagement,
                title=f"Initiative {n:02d} " + "with a long title " * 8,
                description=long if n == 0 else "Short.",
                impact=1 + n % 5,
                effort=1 + (n * 3) % 5,
                phase=("quick_win", "next", "later")[n % 3],
                owner=name,
            )
        for n in range(30):
            ws.platforms.create(
                engagement_id=engagement,
                name=f"Site {n:02d}",
                category_id="forums_communities",
                purpose=long if n == 0 else "Forum.",
                objective="" if n % 2 else "Monitoring.",
            )
        content = build_report(ws, engagement, ReportOptions(), catalog)
    output = render_pdf(content, font_finder=_no_fallback)
    reader = PdfReader(BytesIO(output.data))
    text = _text(reader)
    squeezed = "".join(text.split())
    assert "thefulltextisintheWorddocumentandtheExcelworkbook" in squeezed
    assert "Initiative 39" in text and "Site 29" in text
    assert squeezed.count("Callersrepeatthemselves") > 900  # canvas, note and purpose
    assert output.pages < 200


def test_a_diagram_taller_than_a_page_is_scaled_to_fit(full) -> None:
    from dataclasses import replace

    from scrm_desk.reports.pdf import PdfRenderer
    from scrm_desk.reports.pdf_planning import MAX_DIAGRAM_HEIGHT, layers_drawing

    content, _output, _reader = full
    section = content.section("layers")
    many = replace(section.diagram, layers=section.diagram.layers * 3)  # 21 layers
    drawing = layers_drawing(PdfRenderer(content), many, 450.0)
    assert drawing.height <= MAX_DIAGRAM_HEIGHT and drawing.width < 450.0
    normal = layers_drawing(PdfRenderer(content), section.diagram, 450.0)
    assert normal.width == 450.0 and normal.height < MAX_DIAGRAM_HEIGHT
