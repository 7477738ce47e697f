"""Stage 2 of a report: :class:`ReportContent` as a PDF, with reportlab's platypus.

One ``BaseDocTemplate`` with two page templates (the cover, and content pages with a
running header and "Page X of Y"), one style sheet built in :func:`build_styles`, fonts
embedded from ``resources/fonts`` (DejaVu Sans, the same face the charts use), a
bookmark per section and per block, and a table of contents. Each section has one
renderer, registered with :func:`pdf_renderer`; sections without a renderer are skipped.

Import this module only when rendering: it imports reportlab.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Final, TypeVar
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tableofcontents import TableOfContents

from scrm_desk.errors import ScrmError
from scrm_desk.paths import resources_dir
from scrm_desk.reports.content import (
    AlignmentSection,
    AppendixSection,
    ApproachSection,
    BlockPage,
    BlocksSection,
    Chart,
    CoverSection,
    FindingItem,
    OverviewSection,
    ProgressSection,
    ReportContent,
    ResponseRow,
    SectionContent,
    SummarySection,
    TocSection,
    fmt_gap,
    fmt_score,
    fmt_share,
)
from scrm_desk.reports.text_coverage import CoveragePlan, FontFile, plan_coverage

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT: Final = 25 * mm
MARGIN_RIGHT: Final = 25 * mm
MARGIN_TOP: Final = 30 * mm
MARGIN_BOTTOM: Final = 24 * mm
CONTENT_WIDTH: Final = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
#: The top of the "prepared for / by / date" block on the cover.
COVER_META_TOP: Final = 62 * mm
COVER_FRAME_WIDTH: Final = CONTENT_WIDTH - 6 * mm
COVER_FRAME_HEIGHT: Final = PAGE_HEIGHT - COVER_META_TOP - 8 * mm - 50 * mm
#: Tighter rows for short reference tables.
COMPACT: Final = (
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
)
#: Stakeholders listed by name in the approach; more are counted (the appendix names them).
APPROACH_PEOPLE: Final = 24
#: Wide tables (the appendix's response matrix) go on landscape pages.
WIDE_WIDTH: Final = PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT

FONT: Final = "DejaVuSans"
FONT_BOLD: Final = "DejaVuSans-Bold"
FONT_ITALIC: Final = "DejaVuSans-Oblique"
FONT_FILES: Final = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}
#: Who made the PDF, as far as its metadata says: nothing about the user or the machine.
PRODUCER: Final = "SCRM Desk"

INK: Final = colors.HexColor("#1F2933")
MUTED: Final = colors.HexColor("#616E7C")
FAINT: Final = colors.HexColor("#9AA5B1")
RULE: Final = colors.HexColor("#D9DEE3")
PANEL: Final = colors.HexColor("#F4F6F8")
#: Okabe-Ito blue, the colour of "current" in the charts, so bars match the radar.
CURRENT: Final = colors.HexColor("#0072B2")
SEVERITY_COLOURS: Final = {
    "high": colors.HexColor("#D55E00"),
    "medium": colors.HexColor("#E69F00"),
    "low": colors.HexColor("#7B8794"),
}
SEVERITY_WORDS: Final = {"high": "HIGH", "medium": "MEDIUM", "low": "LOW"}
FINDING_WORDS: Final = {"strength": "STRENGTH"}


# =========================================================================== fonts


def font_path(name: str) -> Path:
    """The TTF behind ``name``: shipped in resources/fonts, else matplotlib's copy."""
    filename = FONT_FILES[name]
    shipped = resources_dir() / "fonts" / filename
    if shipped.is_file():
        return shipped
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            candidate = Path(folder) / "mpl-data" / "fonts" / "ttf" / filename
            if candidate.is_file():
                return candidate
    raise FileNotFoundError(f"the report font {filename} is missing")


class CachedWidthTTFont(TTFont):
    """A TrueType font that remembers the widths of strings it has measured.

    Without reportlab's optional C accelerator, measuring text is pure Python and is
    called for every word of every paragraph on every layout pass; reports repeat the
    same words a lot. The result is computed exactly as reportlab does.
    """

    _LIMIT: Final = 200_000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[str, float] = {}

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:
        if not isinstance(text, str):
            text = text.decode(encoding or "utf8")
        width = self._widths.get(text)
        if width is None:
            get = self.face.charWidths.get
            default = self.face.defaultWidth
            width = sum(get(ord(char), default) for char in text)
            if len(self._widths) > self._LIMIT:
                self._widths.clear()
            self._widths[text] = width
        return 0.001 * size * width


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique) once per process."""
    from reportlab import rl_config

    # Binary Flate streams, not ASCII85 on top: ASCII85 only makes the file 25% larger,
    # and without reportlab's C accelerator it costs half a second per report.
    rl_config.useA85 = 0
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in FONT_FILES:
        if name not in registered:
            pdfmetrics.registerFont(CachedWidthTTFont(name, str(font_path(name))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


def register_fallbacks(plan: CoveragePlan) -> CoveragePlan:
    """Register the plan's fallback fonts; characters of a font that fails move to
    ``unrenderable`` (reportlab embeds TrueType outlines only)."""
    failed: set[str] = set()
    registered = set(pdfmetrics.getRegisteredFontNames())
    for font in plan.fonts():
        if font.key in registered:
            continue
        try:
            pdfmetrics.registerFont(
                CachedWidthTTFont(font.key, str(font.path), subfontIndex=font.index)
            )
        except Exception:  # reportlab raises TTFError and others for unusable fonts
            failed.add(font.key)
    if not failed:
        return plan
    keep = {c: f for c, f in plan.fallback_for.items() if f.key not in failed}
    lost = sorted(set(plan.unrenderable) | {c for c in plan.fallback_for if c not in keep})
    return CoveragePlan(keep, tuple(lost), plan.right_to_left)


# =========================================================================== styles


def _luminance(colour: colors.Color) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red)
        + 0.7152 * channel(colour.green)
        + 0.0722 * channel(colour.blue)
    )


def contrast(a: colors.Color, b: colors.Color) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on_white(colour: colors.Color, minimum: float = 4.5) -> colors.Color:
    """``colour`` darkened until text in it is readable on white."""
    current = colour
    for _ in range(20):
        if contrast(current, colors.white) >= minimum:
            return current
        current = colors.Color(current.red * 0.85, current.green * 0.85, current.blue * 0.85)
    return INK


@dataclass(frozen=True, slots=True)
class ReportStyles:
    """Every paragraph style and colour of the report, made in one place."""

    brand: colors.Color
    brand_text: colors.Color
    on_brand: colors.Color
    body: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    kicker: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_small: ParagraphStyle
    header_cell: ParagraphStyle
    header_cell_right: ParagraphStyle
    quote: ParagraphStyle
    evidence: ParagraphStyle
    figure: ParagraphStyle
    figure_label: ParagraphStyle
    cover_kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_line: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]


def build_styles(brand_hex: str) -> ReportStyles:
    brand = colors.HexColor(brand_hex)
    brand_text = readable_on_white(brand)
    on_brand = colors.white if contrast(colors.white, brand) >= 3.0 else INK

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": FONT,
            "fontSize": 9.2,
            "leading": 14,
            "textColor": INK,
            "alignment": TA_LEFT,
            "spaceAfter": 0,
            "spaceBefore": 0,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    body = style("body", spaceAfter=7)
    return ReportStyles(
        brand=brand,
        brand_text=brand_text,
        on_brand=on_brand,
        body=body,
        lead=style("lead", fontSize=10.5, leading=16, spaceAfter=9),
        small=style("small", fontSize=8, leading=11.5, textColor=MUTED, spaceAfter=4),
        caption=style(
            "caption", fontSize=7.4, leading=10, textColor=MUTED, spaceBefore=3, spaceAfter=6
        ),
        kicker=style("kicker", fontName=FONT_BOLD, fontSize=7.6, leading=10, textColor=brand_text),
        h1=style("h1", fontName=FONT_BOLD, fontSize=19, leading=24, spaceBefore=2, spaceAfter=12),
        h2=style("h2", fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=8),
        h3=style(
            "h3",
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            textColor=INK,
            spaceBefore=12,
            spaceAfter=5,
        ),
        cell=style("cell", fontSize=8.2, leading=11),
        cell_bold=style("cell_bold", fontName=FONT_BOLD, fontSize=8.2, leading=11),
        cell_right=style("cell_right", fontSize=8.2, leading=11, alignment=TA_RIGHT),
        cell_small=style("cell_small", fontSize=7.2, leading=9.4),
        header_cell=style(
            "header_cell", fontName=FONT_BOLD, fontSize=7.2, leading=9.4, textColor=MUTED
        ),
        header_cell_right=style(
            "header_cell_right",
            fontName=FONT_BOLD,
            fontSize=7.2,
            leading=9.4,
            textColor=MUTED,
            alignment=TA_RIGHT,
        ),
        quote=style(
            "quote", fontName=FONT_ITALIC, fontSize=8.8, leading=13, textColor=INK, spaceAfter=2
        ),
        evidence=style("evidence", fontName=FONT_ITALIC, fontSize=8, leading=11.5, textColor=INK),
        figure=style("figure", fontName=FONT_BOLD, fontSize=24, leading=27, textColor=INK),
        figure_label=style("figure_label", fontSize=7.8, leading=10.5, textColor=MUTED),
        cover_kicker=style(
            "cover_kicker", fontName=FONT_BOLD, fontSize=8.5, leading=12, textColor=brand_text
        ),
        cover_title=style(
            "cover_title", fontName=FONT_BOLD, fontSize=30, leading=36, spaceAfter=10
        ),
        cover_subtitle=style(
            "cover_subtitle", fontSize=15, leading=20, textColor=MUTED, spaceAfter=4
        ),
        cover_line=style("cover_line", fontSize=9.5, leading=15, textColor=INK),
        toc_levels=(
            style("toc0", fontName=FONT_BOLD, fontSize=10, leading=14, spaceBefore=8),
            style("toc1", fontSize=8.8, leading=12.5, leftIndent=14, textColor=MUTED),
        ),
    )


# =========================================================================== flowables


class Heading(Paragraph):
    """A heading that becomes a PDF bookmark and a table-of-contents entry."""

    def __init__(
        self, text: str, style: ParagraphStyle, *, level: int, plain: str, key: str
    ) -> None:
        super().__init__(text, style)
        self.outline_level = level
        self.outline_text = plain
        self.outline_key = key


class ScoreBar(Flowable):
    """A 1-5 track with the current level filled and the target marked by a tick."""

    def __init__(
        self,
        score: float | None,
        target: float | None,
        *,
        width: float = 30 * mm,
        height: float = 5.5,
        colour: colors.Color = CURRENT,
    ) -> None:
        super().__init__()
        self.score = score
        self.target = target
        self.width = width
        self.height = height
        self.colour = colour

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(PANEL)
        canvas.setStrokeColor(PANEL)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        unit = self.width / 5.0
        if self.score is not None:
            canvas.setFillColor(self.colour)
            canvas.rect(0, 0, unit * max(0.0, min(5.0, self.score)), self.height, stroke=0, fill=1)
        canvas.setStrokeColor(colors.white)
        canvas.setLineWidth(0.6)
        for step in range(1, 5):
            canvas.line(unit * step, 0, unit * step, self.height)
        if self.target is not None:
            x = unit * max(0.0, min(5.0, self.target))
            canvas.setStrokeColor(INK)
            canvas.setLineWidth(1.3)
            canvas.line(x, -1.5, x, self.height + 1.5)


#: The fewest rows of a table left on either side of a page break (see ``PdfRenderer.table``).
KEEP_ROWS: Final = 2


def _keep_rows(count: int, header: int, keep: int) -> list[tuple[Any, ...]]:
    """``NOSPLIT`` commands that keep the header and the first ``keep`` body rows of a
    table of ``count`` rows together, and its last ``keep`` rows.

    reportlab then breaks the table only between the two runs; one that cannot break
    there moves to the next page whole (or, a row taller than a page, splits in a row).
    """
    if keep < 2 or count - header < 2:
        return []
    last = count - 1
    first_run, last_run = header + keep - 1, last - keep + 1
    if last_run <= first_run:  # too few rows to leave enough on both sides: keep it whole
        return [("NOSPLIT", (0, 0), (-1, last))]
    return [("NOSPLIT", (0, 0), (-1, first_run)), ("NOSPLIT", (0, last_run), (-1, last))]


class KeepRowsTable(Table):
    """A table whose ``NOSPLIT`` rules (see :func:`_keep_rows`) give way only when they
    must: at the top of a page, where moving on would not help, it breaks where it can."""

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts: list[Any] = super().split(avail_width, avail_height)
        frame = getattr(self, "_frame", None)
        keeps: list[Any] = getattr(self, "_nosplitCmds", [])
        if parts or not keeps or frame is None or not frame._atTop:
            return parts
        # Try again without them, and put them back: a later layout pass starts afresh.
        saved = list(keeps)
        keeps.clear()
        try:
            return list(super().split(avail_width, avail_height))
        finally:
            keeps[:] = saved


class BoxTable(Table):
    """A box (a table of one cell: a warning, a note) that is never cut in two unless it is
    taller than a whole page: one that fits on a page moves to the next page whole rather
    than leave its first line alone at the bottom of this one. A taller one breaks inside
    its cell (give it ``splitInRow=1``) wherever the page ends."""

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        _, height = self.wrap(avail_width, avail_height)
        # The frame's full height; asked outside a frame, that of the lower (landscape) page.
        page = self._getPossibleHeight(PAGE_WIDTH - MARGIN_TOP - MARGIN_BOTTOM)
        if height <= page:
            return []
        return list(super().split(avail_width, avail_height))


def _table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style that sets DejaVu first: reportlab's default table font is Helvetica,
    which would then be referenced (unembedded) by every page with a table."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


class LayoutPass:
    """Which ``multiBuild`` pass is running; shared, never copied.

    reportlab deep-copies frames (for ``KeepTogether``): this object is shared by
    the copies instead of duplicated.
    """

    def __init__(self) -> None:
        self.number = 0

    def __deepcopy__(self, memo: dict[int, Any]) -> LayoutPass:
        return self


def figure_to_image(figure: Any, dpi: float) -> Any:
    """The figure as an RGB Pillow image, straight from Agg's buffer.

    Handing reportlab pixels rather than PNG bytes saves a PNG encode and decode per
    chart; reportlab compresses the pixels losslessly (Flate) into the PDF.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image as PILImage

    figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    width, height = canvas.get_width_height()
    rgba = PILImage.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    if figure.get_facecolor()[3] >= 1.0:
        return rgba.convert("RGB")  # an opaque figure: the alpha channel carries nothing
    background = PILImage.new("RGB", (width, height), "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


@dataclass(frozen=True, slots=True)
class EncodedImage:
    """A chart's pixels as the PDF stores them: RGB, Flate-compressed, once.

    Compressing is most of the cost of an image in a PDF; done here, it is done once per
    chart image (and not again when the same chart is exported again, see
    :class:`ChartImageCache`), and the raw pixels need not be kept.
    """

    #: Stable for equal pixels: the name of the image in the PDF.
    name: str
    width: int
    height: int
    stream: bytes

    @classmethod
    def from_image(cls, image: Any) -> EncodedImage:
        """An RGB Pillow image, encoded."""
        import hashlib
        import zlib

        stream = zlib.compress(image.convert("RGB").tobytes())
        name = hashlib.md5(stream, usedforsecurity=False).hexdigest()
        return cls(name, image.width, image.height, stream)


class ChartImageCache:
    """Encoded chart images kept between exports, by the chart's data, size and style.

    A chart's content is a frozen dataclass: equal data draws an equal image. Exporting
    the same engagement again (after editing the summary, choosing other sections or
    another format first) reuses the encoded image instead of drawing and compressing
    every chart again. Least recently used images go first once ``limit`` bytes are
    held (a compressed chart takes 30 to 150 KB). Thread-safe: the app exports on a
    worker thread.
    """

    def __init__(self, limit: int = 16 * 1024 * 1024) -> None:
        self.limit = limit
        self._images: OrderedDict[Hashable, tuple[EncodedImage, float, float]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> tuple[EncodedImage, float, float] | None:
        """The image and the figure's size in inches, or ``None``."""
        with self._lock:
            found = self._images.get(key)
            if found is None:
                self.misses += 1
                return None
            self._images.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Hashable, image: EncodedImage, width_in: float, height_in: float) -> None:
        size = len(image.stream)
        if size > self.limit:
            return
        with self._lock:
            if key in self._images:
                return
            self._images[key] = (image, width_in, height_in)
            self._bytes += size
            while self._bytes > self.limit:
                _, (old, _, _) = self._images.popitem(last=False)
                self._bytes -= len(old.stream)

    def clear(self) -> None:
        with self._lock:
            self._images.clear()
            self._bytes = 0


#: The process's chart images (see :class:`ChartImageCache`).
CHART_CACHE: Final = ChartImageCache()


class ChartImage(Flowable):
    """An encoded chart image, drawn from the second layout pass on (the first pass of
    ``multiBuild`` only finds page numbers and its output is thrown away)."""

    def __init__(
        self,
        image: EncodedImage | Future[EncodedImage],
        width: float,
        height: float,
        layout: LayoutPass,
    ) -> None:
        super().__init__()
        #: The image, or its encoding still under way on a helper thread.
        self.image = image
        self.width = width
        self.height = height
        self.layout = layout

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if self.layout.number < 2:
            return
        image = self.image
        if isinstance(image, Future):
            image = self.image = image.result()
        draw_encoded_image(self.canv, image, self.width, self.height)


def draw_encoded_image(canvas: Canvas, image: EncodedImage, width: float, height: float) -> None:
    """Draw ``image`` at the origin, ``width`` by ``height`` points, as an image XObject.

    What ``Canvas.drawImage`` does, with the stream already compressed: the image is
    stored once per document however often it is drawn.
    """
    from reportlab.pdfbase.pdfdoc import PDFImageXObject

    doc = canvas._doc
    canvas._currentPageHasImages = 1
    reg_name = doc.getXObjectName(image.name)
    if not doc.idToObject.get(reg_name):
        xobject = PDFImageXObject(image.name)
        xobject.width = image.width
        xobject.height = image.height
        xobject.bitsPerComponent = 8
        xobject.colorSpace = "DeviceRGB"
        xobject._filters = ("FlateDecode",)
        xobject.streamContent = image.stream
        canvas._setXObjects(xobject)
        doc.Reference(xobject, reg_name)
        doc.addForm(image.name, xobject)
    canvas.saveState()
    canvas.scale(width, height)
    canvas._code.append(f"/{reg_name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(image.name)


class PageCounter(Flowable):
    """Keeps multiBuild going until the page total is known, for "Page X of Y"."""

    def __init__(self, doc: ReportDocTemplate) -> None:
        super().__init__()
        self.doc = doc
        self._last = -1
        self._current = -2

    def isIndexing(self) -> bool:
        return True

    def beforeBuild(self) -> None:
        self._last = self._current

    def afterBuild(self) -> None:
        self._current = self.doc.page
        self.doc.total_pages = self._current

    def isSatisfied(self) -> bool:
        return self._last == self._current

    def notify(self, kind: str, stuff: object) -> None:
        pass  # every indexing flowable hears every notification; this one needs none

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


# =========================================================================== document


def _skip_draw(*args: Any, **kwargs: Any) -> None:
    return None


class LayoutFrame(Frame):
    """A frame that only measures on the first layout pass.

    ``multiBuild`` throws the first pass's canvas away (it runs only to learn page
    numbers for the contents and "Page X of Y"), so drawing there is wasted: skipping
    it saves about a third of the layout time. Positions, splits and the table of
    contents entries are computed exactly as on the final pass.
    """

    def __init__(self, *args: Any, layout: LayoutPass, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.layout = layout

    def _add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:  # noqa: N803
        if self.layout.number >= 2 or "drawOn" in vars(flowable):
            return int(super()._add(flowable, canv, trySplit))
        flowable.drawOn = _skip_draw
        try:
            return int(super()._add(flowable, canv, trySplit))
        finally:
            del flowable.drawOn


class ReportDocTemplate(BaseDocTemplate):
    def __init__(self, buffer: BytesIO, renderer: PdfRenderer, **kw: Any) -> None:
        self.renderer = renderer
        self.total_pages = 0
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            **kw,
        )
        padding = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
        content = LayoutFrame(
            MARGIN_LEFT,
            MARGIN_BOTTOM,
            CONTENT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            id="content",
            layout=renderer.layout,
            **padding,
        )
        wide = LayoutFrame(
            MARGIN_LEFT,
            MARGIN_BOTTOM,
            WIDE_WIDTH,
            PAGE_WIDTH - MARGIN_TOP - MARGIN_BOTTOM,
            id="wide",
            layout=renderer.layout,
            **padding,
        )
        cover = LayoutFrame(
            MARGIN_LEFT + 6 * mm,
            COVER_META_TOP + 8 * mm,
            COVER_FRAME_WIDTH,
            COVER_FRAME_HEIGHT,
            id="cover",
            layout=renderer.layout,
            **padding,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", frames=[cover], onPage=renderer.draw_cover_page),
                PageTemplate("content", frames=[content], onPage=renderer.draw_content_page),
                PageTemplate(
                    "wide",
                    frames=[wide],
                    onPage=renderer.draw_content_page,
                    pagesize=landscape(A4),
                ),
            ]
        )

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            key = flowable.outline_key
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(
                flowable.outline_text, key, level=flowable.outline_level, closed=True
            )
            self.notify("TOCEntry", (flowable.outline_level, flowable.outline_text, self.page, key))


# =========================================================================== renderer

PdfSectionRenderer = Callable[["PdfRenderer", Any], list[Flowable]]
_R = TypeVar("_R", bound=PdfSectionRenderer)
_PDF_RENDERERS: dict[str, PdfSectionRenderer] = {}


def pdf_renderer(section_id: str) -> Callable[[_R], _R]:
    """Register the function that turns one section's content into flowables."""

    def decorate(function: _R) -> _R:
        _PDF_RENDERERS[section_id] = function
        return function

    return decorate


@dataclass(frozen=True, slots=True)
class PdfOutput:
    data: bytes
    pages: int
    warnings: tuple[str, ...]


class PdfRenderer:
    """Turns one :class:`ReportContent` into PDF bytes."""

    def __init__(
        self,
        content: ReportContent,
        *,
        dpi: int = 200,
        check: Callable[[], None] | None = None,
        step: Callable[[float, str], None] | None = None,
        font_finder: Callable[[str], Sequence[FontFile]] | None = None,
    ) -> None:
        register_fonts()
        self.content = content
        self.meta = content.meta
        self.dpi = dpi
        self.check = check or (lambda: None)
        self.step = step or (lambda fraction, message: None)
        self.styles = build_styles(content.meta.brand_colour)
        # reportlab has parsed DejaVu already: its width table lists every character it has.
        charset = frozenset(pdfmetrics.getFont(FONT).face.charWidths)
        plan = plan_coverage(
            content.strings(), font_path(FONT), finder=font_finder, primary_charset=charset
        )
        self.coverage = register_fallbacks(plan)
        self.section_number = 0
        self.layout = LayoutPass()
        self._encoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chart-encoder")
        self.has_cover = content.section("cover") is not None

    # -- text ---------------------------------------------------------------------------
    def markup(self, text: str) -> str:
        """``text`` escaped for a Paragraph, with fallback fonts where DejaVu has no glyph."""
        parts = []
        for font, run in self.coverage.runs(text):
            escaped = escape(run).replace("\n", "<br/>")
            parts.append(escaped if font is None else f'<font face="{font.key}">{escaped}</font>')
        return "".join(parts)

    def para(self, text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(self.markup(text), style)

    def rich(self, markup: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph from trusted markup (built here, with :meth:`markup` for data)."""
        return Paragraph(markup, style)

    # -- building blocks of pages -------------------------------------------------------
    def section_heading(
        self, section: SectionContent, *, new_page: bool = True, template: str = "content"
    ) -> list[Flowable]:
        """Kicker, bookmarked heading and (by default) a new page in ``template``."""
        self.section_number += 1
        flow: list[Flowable] = []
        if new_page:
            flow += [NextPageTemplate(template), PageBreak()]
        flow.append(self.rich(f"{self.section_number:02d}", self.styles.kicker))
        flow.append(Spacer(1, 3))
        flow.append(
            Heading(
                self.markup(section.title),
                self.styles.h1,
                level=0,
                plain=section.title,
                key=f"section-{section.id}",
            )
        )
        return flow

    def h3(self, text: str) -> Paragraph:
        return self.para(text, self.styles.h3)

    def chart(self, chart: Chart, width: float = CONTENT_WIDTH) -> ChartImage:
        """A matplotlib chart drawn at ``width`` points, rasterised at ``dpi`` on paper.

        A figure shown narrower (or wider) than it was made is rasterised at the
        resolution it needs on the page, not more: the same sharpness on paper as every
        other chart, with fewer pixels to draw and compress. Images are reused from
        :data:`CHART_CACHE` when the same chart was drawn before.
        """
        from scrm_desk.charts.style import DEFAULT_STYLE

        style = DEFAULT_STYLE.with_fallback_fonts(self.coverage.families())
        key: Hashable | None = (chart, style, self.dpi, round(width, 2))
        try:
            cached = CHART_CACHE.get(key)
        except TypeError:  # a chart with unhashable data is simply not cached
            key, cached = None, None
        if cached is not None:
            encoded, fig_width, fig_height = cached
            return ChartImage(encoded, width, width * fig_height / fig_width, self.layout)
        figure = chart.figure(style)
        fig_width, fig_height = (float(v) for v in figure.get_size_inches())
        dpi = min(600.0, max(72.0, self.dpi * (width / 72.0) / fig_width))
        pixels = figure_to_image(figure, dpi)

        def encode() -> EncodedImage:
            image = EncodedImage.from_image(pixels)
            if key is not None:
                CHART_CACHE.put(key, image, fig_width, fig_height)
            return image

        # Compressing (zlib lets go of the GIL) runs beside the layout's first pass,
        # which needs only the chart's size; the pixels are drawn in the second.
        future = self._encoder.submit(encode)
        return ChartImage(future, width, width * fig_height / fig_width, self.layout)

    def table(
        self,
        rows: list[list[Any]],
        widths: Sequence[float],
        *,
        header: bool = True,
        right: Sequence[int] = (),
        extra: Sequence[tuple[Any, ...]] = (),
        repeat: bool = True,
        keep: int = KEEP_ROWS,
    ) -> Table:
        """A table in the house style: light rules, no verticals, a ruled header row.

        Where it breaks over pages, at least ``keep`` rows go on each side of the break
        (the header stays with the first of them): a page never ends on a table's lone
        first row, nor starts with its lone last one (an index or total row, say).
        """
        table = KeepRowsTable(
            rows,
            colWidths=list(widths),
            repeatRows=1 if header and repeat else 0,
            hAlign="LEFT",
            splitInRow=1,  # a row taller than a page (a huge group, say) splits, not fails
        )
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 8.2),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ]
        if header:
            commands += [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
                ("FONTSIZE", (0, 0), (-1, 0), 7.2),
                ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ]
        for column in right:
            commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
        commands.extend(_keep_rows(len(rows), 1 if header else 0, keep))
        commands.extend(extra)
        table.setStyle(_table_style(commands))
        return table

    def finding(self, item: FindingItem, *, show_block: bool = False) -> Flowable:
        colour = SEVERITY_COLOURS.get(item.severity, MUTED)
        word = FINDING_WORDS.get(item.kind, SEVERITY_WORDS.get(item.severity, ""))
        if item.kind == "strength":
            colour = CURRENT
        label = (
            f'<font name="{FONT_BOLD}" size="6.8" color="{colour.hexval()}">{word}</font>'
            f'<font size="6.8" color="{MUTED.hexval()}">'
            + (f"  ·  {escape(item.lens)}" if item.lens else "")
            + "</font>"
        )
        body: list[Flowable] = [
            self.rich(label, self.styles.cell_small),
            Spacer(1, 2),
            self.para(item.title, self.styles.cell_bold),
            Spacer(1, 2),
            self.para(item.evidence, self.styles.cell),
            Spacer(1, 3),
            self.rich(
                f'<font name="{FONT_BOLD}">Suggested action.</font> '
                + self.markup(item.suggested_action),
                self.styles.cell,
            ),
        ]
        box = Table([[body]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
        box.setStyle(
            _table_style(
                [
                    ("LINEBEFORE", (0, 0), (0, 0), 2.4, colour),
                    ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return box

    # -- page decoration ---------------------------------------------------------------
    def _text(
        self, canvas: Canvas, x: float, y: float, text: str, font: str, size: float, **kw: Any
    ) -> None:
        """Draw one line of data text, switching to fallback fonts where needed."""
        align = kw.get("align", "left")
        runs = self.coverage.runs(text)
        widths = [
            pdfmetrics.stringWidth(run, font if f is None else f.key, size) for f, run in runs
        ]
        total = sum(widths)
        if align == "right":
            x -= total
        for (f, run), width in zip(runs, widths, strict=True):
            canvas.setFont(font if f is None else f.key, size)
            canvas.drawString(x, y, run)
            x += width

    def _fit(self, text: str, font: str, size: float, width: float) -> str:
        if pdfmetrics.stringWidth(text, font, size) <= width:
            return text
        while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def draw_cover_page(self, canvas: Canvas, doc: ReportDocTemplate) -> None:
        s = self.styles
        canvas.saveState()
        # A band of the brand colour down the left edge: the one strong colour on the page.
        canvas.setFillColor(s.brand)
        canvas.rect(0, 0, 9 * mm, PAGE_HEIGHT, stroke=0, fill=1)
        top = PAGE_HEIGHT - 26 * mm
        left = MARGIN_LEFT + 6 * mm
        logo = self.meta.logo
        if logo is not None:
            from reportlab.lib.utils import ImageReader

            max_w, max_h = 55 * mm, 18 * mm
            scale = min(max_w / logo.width, max_h / logo.height)
            w, h = logo.width * scale, logo.height * scale
            canvas.drawImage(ImageReader(BytesIO(logo.data)), left, top - h, w, h, mask="auto")
            if self.meta.firm_name:
                canvas.setFillColor(MUTED)
                self._text(
                    canvas,
                    PAGE_WIDTH - MARGIN_RIGHT,
                    top - 8,
                    self._fit(self.meta.firm_name, FONT_BOLD, 8.5, 70 * mm),
                    FONT_BOLD,
                    8.5,
                    align="right",
                )
        elif self.meta.firm_name:
            canvas.setFillColor(INK)
            self._text(
                canvas,
                left,
                top - 12,
                self._fit(self.meta.firm_name, FONT_BOLD, 13, CONTENT_WIDTH),
                FONT_BOLD,
                13,
            )
        cover = self.content.section("cover")
        if isinstance(cover, CoverSection):
            self._draw_cover_meta(canvas, cover, left)
        # Confidentiality at the foot of the cover.
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, 24 * mm, PAGE_WIDTH - MARGIN_RIGHT, 24 * mm)
        canvas.setFillColor(s.brand_text)
        self._text(
            canvas,
            left,
            18 * mm,
            self._fit(self.meta.confidentiality.upper(), FONT_BOLD, 7.5, CONTENT_WIDTH),
            FONT_BOLD,
            7.5,
        )
        canvas.restoreState()

    def _draw_cover_meta(self, canvas: Canvas, cover: CoverSection, left: float) -> None:
        s = self.styles
        label = ParagraphStyle("cover_label", parent=s.kicker, textColor=MUTED, fontSize=7)
        columns = [("PREPARED FOR", _clip(cover.client_name, 90))]
        if cover.prepared_by:
            by = cover.prepared_by.removeprefix("Prepared by ")
            columns.append(("PREPARED BY", _clip(by, 90)))
        columns.append(("DATE", cover.date_text))
        width = (PAGE_WIDTH - MARGIN_RIGHT - left) / len(columns)
        cells = [
            [self.para(name, label), Spacer(1, 3), self.para(value, s.cover_line)]
            for name, value in columns
        ]
        table = Table([cells], colWidths=[width] * len(columns), hAlign="LEFT")
        table.setStyle(
            _table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
                ]
            )
        )
        _, height = table.wrapOn(canvas, PAGE_WIDTH - MARGIN_RIGHT - left, COVER_META_TOP)
        table.drawOn(canvas, left, COVER_META_TOP - height)

    def draw_content_page(self, canvas: Canvas, doc: ReportDocTemplate) -> None:
        s = self.styles
        canvas.saveState()
        page_width, page_height = canvas._pagesize
        content_width = page_width - MARGIN_LEFT - MARGIN_RIGHT
        header_y = page_height - 17 * mm
        right_edge = page_width - MARGIN_RIGHT
        # A short label reads as a stamp in capitals; a sentence stays as written.
        label = self.meta.confidentiality
        label = label.upper() if len(label) <= 24 else label
        label_room = content_width * 0.55
        label = self._fit(label, FONT_BOLD, 6.8, label_room)
        label_width = pdfmetrics.stringWidth(label, FONT_BOLD, 6.8)
        room = content_width - label_width - 10 * mm
        left_text = f"{self.meta.client_name}  ·  {self.meta.engagement_title}"
        if pdfmetrics.stringWidth(left_text, FONT, 7.2) > room:
            left_text = self.meta.client_name
        canvas.setFillColor(MUTED)
        self._text(canvas, MARGIN_LEFT, header_y, self._fit(left_text, FONT, 7.2, room), FONT, 7.2)
        canvas.setFillColor(s.brand_text)
        self._text(canvas, right_edge, header_y, label, FONT_BOLD, 6.8, align="right")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_LEFT, header_y - 5, right_edge, header_y - 5)
        # Footer: firm (or report title) left, page X of Y right.
        footer_y = 13 * mm
        canvas.setFillColor(MUTED)
        self._text(
            canvas,
            MARGIN_LEFT,
            footer_y,
            self._fit(self.meta.firm_name or self.meta.title, FONT, 7.2, content_width - 40 * mm),
            FONT,
            7.2,
        )
        total = doc.total_pages or doc.page
        canvas.setFont(FONT, 7.2)
        canvas.drawRightString(right_edge, footer_y, f"Page {doc.page} of {total}")
        canvas.restoreState()

    # -- the whole document ---------------------------------------------------------------
    def story(self) -> tuple[list[Flowable], str]:
        """The flowables of every section, and the page template of the first page.

        Each section renderer starts its section with a page break (and, for a landscape
        section, a switch of page template before it). Without a cover, the first
        section's break would leave page 1 empty: it is dropped, and the template it
        asked for becomes the first page's.
        """
        flow: list[Flowable] = []
        first_template = "cover" if self.has_cover else "content"
        count = len(self.content.sections)
        for position, section in enumerate(self.content.sections):
            self.check()
            self.step(0.15 + 0.45 * position / max(1, count), f"Laying out {section.title}")
            render = _PDF_RENDERERS.get(section.id)
            if render is None:
                continue
            parts = render(self, section)
            if not parts:
                continue
            if section.id != "cover" and not flow:
                parts, first_template = _drop_leading_break(parts)
            flow.extend(parts)
        return flow, first_template

    def render(self) -> PdfOutput:
        try:
            return self._render()
        finally:
            # A cancelled or failed export leaves no encoding running behind it.
            self._encoder.shutdown(wait=True, cancel_futures=True)

    def _render(self) -> PdfOutput:
        buffer = BytesIO()
        meta = self.meta
        doc = ReportDocTemplate(
            buffer,
            self,
            title=f"{meta.title}: {meta.client_name}",
            author=meta.author,
            subject=meta.subject,
            creator=PRODUCER,
            producer=PRODUCER,
            keywords="",
            lang="en",
            initialFontName=FONT,
            pageCompression=1,
        )
        story, first_template = self.story()
        story.append(PageCounter(doc))
        # The first page template is the one page 1 uses.
        doc.pageTemplates.sort(key=lambda t: t.id != first_template)

        def on_progress(kind: str, value: int) -> None:
            if kind == "PAGE":
                self.check()
            elif kind == "PASS":
                self.layout.number = value
                self.step(0.6 + 0.1 * min(value, 3), f"Building pages (pass {value})")

        doc.setProgressCallBack(on_progress)
        try:
            doc.multiBuild(story)
        except LayoutError as exc:  # a bug in a renderer, not the consultant's doing
            raise ScrmError(
                "The PDF could not be laid out (an element is larger than a page). "
                f"Export the Word document instead and report this problem: {exc}"
            ) from exc
        return PdfOutput(buffer.getvalue(), doc.page, self.coverage.warnings())


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _drop_leading_break(parts: list[Flowable]) -> tuple[list[Flowable], str]:
    template = "content"
    for index, part in enumerate(parts):
        if isinstance(part, NextPageTemplate):
            template = str(part.action[1])
            continue
        if isinstance(part, PageBreak):
            return parts[:index] + parts[index + 1 :], template
        break
    return parts, template


def render_pdf(
    content: ReportContent,
    *,
    dpi: int = 200,
    check: Callable[[], None] | None = None,
    step: Callable[[float, str], None] | None = None,
    font_finder: Callable[[str], Sequence[FontFile]] | None = None,
) -> PdfOutput:
    """The report as PDF bytes, with its page count and font warnings."""
    return PdfRenderer(content, dpi=dpi, check=check, step=step, font_finder=font_finder).render()


def encrypt_pdf(data: bytes, user_password: str, owner_password: str | None = None) -> bytes:
    """The PDF encrypted with AES-256 (pypdf); a random owner password when none is given.

    The owner password is never the user password: with the same one, anyone who can
    open the document could also lift its restrictions.
    """
    from pypdf import PdfReader, PdfWriter

    owner = owner_password or secrets.token_urlsafe(24)
    if owner == user_password:
        raise ValueError("the owner password must differ from the user password")
    writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))
    writer.add_metadata({"/Producer": PRODUCER, "/Creator": PRODUCER})
    writer.encrypt(user_password=user_password, owner_password=owner, algorithm="AES-256")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


# =========================================================================== sections


def _score_text(value: float | None) -> str:
    return fmt_score(value)


@pdf_renderer("cover")
def render_cover(r: PdfRenderer, section: CoverSection) -> list[Flowable]:
    """The title block; the page itself (band, logo, who and when) is drawn by
    :meth:`PdfRenderer.draw_cover_page` at fixed places."""
    s = r.styles
    flow: list[Flowable] = [
        Spacer(1, 52 * mm),
        r.para(section.report_title.upper(), s.cover_kicker),
        Spacer(1, 8),
        r.para(section.client_name, s.cover_title),
        r.para(section.engagement_title, s.cover_subtitle),
        Spacer(1, 12),
        _Rule(18 * mm, 2.2, s.brand),
    ]
    if section.draft_note:
        flow += [Spacer(1, 14), r.para(section.draft_note, s.small)]
    # A very long client name or title shrinks to fit rather than spill onto a second cover.
    return [KeepInFrame(COVER_FRAME_WIDTH, COVER_FRAME_HEIGHT - 2, flow, mode="shrink")]


class _Rule(Flowable):
    def __init__(self, width: float, thickness: float, colour: colors.Color) -> None:
        super().__init__()
        self.width = width
        self.thickness = thickness
        self.colour = colour

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.thickness

    def draw(self) -> None:
        self.canv.setFillColor(self.colour)
        self.canv.rect(0, 0, self.width, self.thickness, stroke=0, fill=1)


@pdf_renderer("toc")
def render_toc(r: PdfRenderer, section: TocSection) -> list[Flowable]:
    toc = TableOfContents(
        levelStyles=list(r.styles.toc_levels),
        tableStyle=_table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        dotsMinLevel=-1,
        rightColumnWidth=20 * mm,
    )
    return [
        NextPageTemplate("content"),
        PageBreak(),
        r.rich("&nbsp;", r.styles.kicker),
        Spacer(1, 3),
        r.para(section.title, r.styles.h1),
        Spacer(1, 6),
        toc,
    ]


def _index_panel(r: PdfRenderer, section: SummarySection) -> Flowable | None:
    figures = [f for f in section.indexes if f.score is not None]
    if not figures:
        return None
    s = r.styles
    cells = []
    for figure in figures:
        cells.append(
            [
                r.para(figure.lens.upper(), s.kicker),
                Spacer(1, 4),
                r.rich(
                    f"{fmt_score(figure.score)}"
                    f'<font size="10" color="{MUTED.hexval()}">  / 5</font>',
                    s.figure,
                ),
                Spacer(1, 2),
                r.para(
                    f"{figure.level_name} · {figure.scored_blocks} of {figure.core_blocks} "
                    "core blocks scored",
                    s.figure_label,
                ),
            ]
        )
    width = CONTENT_WIDTH / len(cells)
    table = Table([cells], colWidths=[width] * len(cells), hAlign="LEFT")
    table.setStyle(
        _table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.8, colors.white),
                ("LINEABOVE", (0, 0), (-1, 0), 2, s.brand),
            ]
        )
    )
    return table


@pdf_renderer("summary")
def render_summary(r: PdfRenderer, section: SummarySection) -> list[Flowable]:
    s = r.styles
    flow = r.section_heading(section)
    panel = _index_panel(r, section)
    if panel is not None:
        flow += [r.para(r.content.label("summary.index_heading"), s.h3), panel, Spacer(1, 12)]
    for i, paragraph in enumerate(section.paragraphs):
        flow.append(r.para(paragraph, s.lead if i == 0 else s.body))
    if section.risks:
        flow.append(r.para(r.content.label("summary.risks_heading"), s.h3))
        rows = []
        for number, item in enumerate(section.risks, start=1):
            rows.append(
                [
                    r.rich(
                        f'<font color="{s.brand_text.hexval()}">{number:02d}</font>', s.cell_bold
                    ),
                    [
                        r.para(item.title, s.cell_bold),
                        Spacer(1, 1.5),
                        r.para(item.evidence, s.cell),
                    ],
                ]
            )
        flow.append(
            r.table(
                rows,
                [10 * mm, CONTENT_WIDTH - 10 * mm],
                header=False,
                extra=[("LINEBEFORE", (0, 0), (0, -1), 2.4, SEVERITY_COLOURS["high"])],
            )
        )
        flow.append(r.para(r.content.label("summary.risks_more"), s.caption))
    if section.strengths:
        flow.append(r.para(r.content.label("summary.strengths_heading"), s.h3))
        rows = [
            [r.para(item.block or "", s.cell_bold), r.para(item.evidence, s.cell)]
            for item in section.strengths
        ]
        flow.append(r.table(rows, [45 * mm, CONTENT_WIDTH - 45 * mm], header=False))
    return flow


@pdf_renderer("approach")
def render_approach(r: PdfRenderer, section: ApproachSection) -> list[Flowable]:
    s = r.styles
    flow = r.section_heading(section)
    for note in section.notes:
        flow.append(_note_box(r, note))
        flow.append(Spacer(1, 10))
    for paragraph in section.paragraphs:
        flow.append(r.para(paragraph, s.body))
    if section.frameworks:
        flow.append(r.para(r.content.label("approach.frameworks_heading"), s.h3))
        for fw in section.frameworks:
            flow.append(r.para(f"{fw.name} (version {fw.version})", s.cell_bold))
            flow.append(r.para(fw.attribution, s.small))
    if section.groups:
        rows: list[list[Any]] = [
            [
                r.para("Group", s.header_cell),
                r.para("Name", s.header_cell),
                r.para("Role", s.header_cell),
            ]
        ]
        extra: list[tuple[Any, ...]] = [
            ("TOPPADDING", (0, 1), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 2),
        ]
        people = sum(len(g.people) for g in section.groups)
        for group in section.groups if people <= APPROACH_PEOPLE else ():
            first = len(rows)
            for index, person in enumerate(group.people):
                label = f"{group.group} ({len(group.people)})" if index == 0 else ""
                rows.append(
                    [
                        r.para(label, s.cell_bold),
                        r.para(person.name, s.cell),
                        r.para(person.role, s.cell),
                    ]
                )
            # Light rules between groups only, not between the people of a group.
            extra.append(("LINEBELOW", (0, first), (-1, len(rows) - 2), 0.25, colors.white))
        if people > APPROACH_PEOPLE:
            # Too many to list here: the count per group, and the names in the appendix.
            rows = [[r.para("Group", s.header_cell), r.para("Stakeholders", s.header_cell_right)]]
            rows += [
                [r.para(g.group, s.cell_bold), r.para(str(len(g.people)), s.cell_right)]
                for g in section.groups
            ]
            extra = []
        heading = r.para(r.content.label("approach.stakeholders_heading"), s.h3)
        widths = (
            [30 * mm, 55 * mm, CONTENT_WIDTH - 85 * mm]
            if people <= APPROACH_PEOPLE
            else [60 * mm, 25 * mm]
        )
        table = r.table(rows, widths, extra=extra)
        flow += [KeepTogether([heading, table])] if len(rows) <= 16 else [heading, table]
    if section.dates:
        rows = [[r.para(label, s.cell), r.para(value, s.cell)] for label, value in section.dates]
        flow += [
            KeepTogether(
                [
                    r.para(r.content.label("approach.dates_heading"), s.h3),
                    r.table(rows, [70 * mm, CONTENT_WIDTH - 70 * mm], header=False, extra=COMPACT),
                ]
            )
        ]
    if section.maturity_levels:
        rows = [
            [
                r.para("Level", s.header_cell),
                r.para("Name", s.header_cell),
                r.para("What it means", s.header_cell),
            ]
        ]
        for level in section.maturity_levels:
            rows.append(
                [
                    r.para(str(level.level), s.cell_bold),
                    r.para(level.name, s.cell_bold),
                    r.para(level.summary, s.cell),
                ]
            )
        flow += [
            r.para(r.content.label("approach.scale_heading"), s.h3),
            r.table(rows, [14 * mm, 28 * mm, CONTENT_WIDTH - 42 * mm], extra=COMPACT),
        ]
    return flow


def _note_box(r: PdfRenderer, text: str) -> Flowable:
    box = Table([[r.para(text, r.styles.body)]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    box.setStyle(
        _table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LINEBEFORE", (0, 0), (0, 0), 2.4, r.styles.brand),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return box


@pdf_renderer("overview")
def render_overview(r: PdfRenderer, section: OverviewSection) -> list[Flowable]:
    s = r.styles
    flow = r.section_heading(section)
    flow.append(r.para(section.intro, s.body))
    for i, lens in enumerate(section.lenses):
        if i:
            flow.append(PageBreak())
        index = lens.index
        heading = f"{lens.lens}: overall index {fmt_score(index.score)} ({index.level_name})"
        flow.append(r.para(heading, s.h3))
        flow.append(r.chart(lens.radar, width=CONTENT_WIDTH * 0.86))
        rows: list[list[Any]] = [
            [
                r.para("Building block", s.header_cell),
                r.para("Score", s.header_cell_right),
                r.para("", s.header_cell),
                r.para("Target", s.header_cell_right),
                r.para("Gap", s.header_cell_right),
                r.para("Answered", s.header_cell_right),
                r.para("Note", s.header_cell),
            ]
        ]
        for row in lens.rows:
            rows.append(
                [
                    r.para(row.name, s.cell_bold if not row.cross_cutting else s.cell),
                    r.para(_score_text(row.score), s.cell_right),
                    ScoreBar(row.score, row.target, width=24 * mm),
                    r.para(_score_text(row.target), s.cell_right),
                    r.para(fmt_gap(row.gap), s.cell_right),
                    r.para(fmt_share(row.completeness), s.cell_right),
                    r.para(", ".join(row.status), s.cell_small),
                ]
            )
        widths = [46 * mm, 11 * mm, 28 * mm, 13 * mm, 12 * mm, 17 * mm]
        widths.append(CONTENT_WIDTH - sum(widths))
        flow.append(r.table(rows, widths, extra=[("VALIGN", (0, 1), (-1, -1), "MIDDLE")]))
        flow.append(
            r.para(
                "Bars show the current level on the 1–5 scale; the dark tick marks the target.",
                s.caption,
            )
        )
    return flow


def _sub_table(r: PdfRenderer, page: BlockPage) -> Table | None:
    s = r.styles
    names: list[str] = []
    for lens in page.lenses:
        for item in lens.subs:
            if item.name not in names:
                names.append(item.name)
    if not names:
        return None
    header: list[Any] = [r.para("Sub-component", s.header_cell)]
    widths = [52 * mm]
    per_lens = (CONTENT_WIDTH - widths[0]) / len(page.lenses)
    for lens in page.lenses:
        header += [r.para(lens.lens, s.header_cell), ""]
        widths += [per_lens - 22 * mm, 22 * mm]
    rows: list[list[Any]] = [header]
    for name in names:
        row: list[Any] = [r.para(name, s.cell)]
        for lens in page.lenses:
            sub = next((x for x in lens.subs if x.name == name), None)
            if sub is None:
                row += ["", r.para("–", s.cell_small)]
                continue
            bar_width = max(18 * mm, per_lens - 30 * mm)
            row.append(ScoreBar(sub.score, sub.target, width=bar_width))
            counts = f"{sub.answered}/{sub.applicable}"
            row.append(
                r.rich(
                    f"{fmt_score(sub.score)} → {fmt_score(sub.target)}"
                    f'<font color="{FAINT.hexval()}">  {counts}</font>',
                    s.cell_small,
                )
            )
        rows.append(row)
    extra: list[tuple[Any, ...]] = [
        ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
    ]
    for i in range(len(page.lenses)):
        extra.append(("SPAN", (1 + 2 * i, 0), (2 + 2 * i, 0)))
    return r.table(rows, widths, extra=extra)


def _lens_strip(r: PdfRenderer, page: BlockPage) -> Table:
    s = r.styles
    cells = []
    for lens in page.lenses:
        cells.append(
            [
                r.para(lens.lens.upper(), s.kicker),
                Spacer(1, 3),
                r.rich(
                    f"{fmt_score(lens.score)}"
                    f'<font size="9" color="{MUTED.hexval()}">'
                    f"  target {fmt_score(lens.target)} · gap {fmt_gap(lens.gap)}</font>",
                    ParagraphStyle("strip", parent=s.figure, fontSize=18, leading=22),
                ),
                Spacer(1, 2),
                r.para(
                    f"{lens.level_name} · {fmt_share(lens.completeness)} answered",
                    s.figure_label,
                ),
                Spacer(1, 3),
                r.para(lens.level_descriptor, s.cell_small),
            ]
        )
    width = CONTENT_WIDTH / len(cells)
    table = Table([cells], colWidths=[width] * len(cells), hAlign="LEFT")
    table.setStyle(
        _table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.8, colors.white),
                ("LINEABOVE", (0, 0), (-1, 0), 2, r.styles.brand),
            ]
        )
    )
    return table


def _questions_box(r: PdfRenderer, page: BlockPage) -> Table | None:
    s = r.styles
    cells = []
    if page.guiding_question:
        cells.append(
            [
                r.para(r.content.label("blocks.guiding_question").upper(), s.kicker),
                Spacer(1, 3),
                r.para(page.guiding_question, s.cell),
            ]
        )
    if page.social_question:
        cells.append(
            [
                r.para(r.content.label("blocks.social_question").upper(), s.kicker),
                Spacer(1, 3),
                r.para(page.social_question, s.cell),
            ]
        )
    if not cells:
        return None
    width = CONTENT_WIDTH / len(cells)
    table = Table([cells], colWidths=[width] * len(cells), hAlign="LEFT")
    table.setStyle(
        _table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("LEFTPADDING", (1, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.5, RULE),
            ]
        )
    )
    return table


def _spread_table(r: PdfRenderer, page: BlockPage) -> list[Flowable] | None:
    """One compact table: a row per lens, a column per stakeholder group, then all."""
    s = r.styles
    if not page.spread:
        return None
    groups: list[str] = []
    for line in page.spread:
        for g in line.groups:
            if g.group not in groups:
                groups.append(g.group)
    header: list[Any] = [r.para("", s.header_cell)]
    header += [r.para(group, s.header_cell_right) for group in groups]
    header.append(r.para("All respondents", s.header_cell_right))
    rows: list[list[Any]] = [header]
    notes: list[str] = []
    for line in page.spread:
        row: list[Any] = [r.para(line.lens, s.cell)]
        for group in groups:
            found = next((g for g in line.groups if g.group == group), None)
            row.append(
                r.rich(
                    "–"
                    if found is None
                    else f'{found.mean:.1f}<font color="{FAINT.hexval()}"> ({found.n})</font>',
                    s.cell_right,
                )
            )
        row.append(
            r.rich(
                f"<b>{fmt_score(line.mean)}</b>"
                f'<font color="{MUTED.hexval()}">  {fmt_score(line.low)}–{fmt_score(line.high)}'
                f", σ {fmt_score(line.stdev)}</font>",
                s.cell_right,
            )
        )
        rows.append(row)
        if line.misaligned:
            notes.append(f"{line.lens}: business and IT differ by a level or more.")
        if line.high_spread:
            notes.append(f"{line.lens}: stakeholders disagree on some questions.")
    first = 24 * mm
    last = 42 * mm
    middle = (CONTENT_WIDTH - first - last) / max(1, len(groups))
    compact = [("TOPPADDING", (0, 1), (-1, -1), 3), ("BOTTOMPADDING", (0, 1), (-1, -1), 3)]
    flow: list[Flowable] = [r.table(rows, [first] + [middle] * len(groups) + [last], extra=compact)]
    caption = "Mean level by stakeholder group (respondents in brackets); range and spread σ."
    flow.append(r.para(" ".join([caption, *notes]), s.caption))
    return flow


def render_block_page(r: PdfRenderer, page: BlockPage, total: int) -> list[Flowable]:
    s = r.styles
    kicker = (
        "CROSS-CUTTING AREA" if page.cross_cutting else f"BUILDING BLOCK {page.number} OF {total}"
    )
    flow: list[Flowable] = [
        PageBreak(),
        r.para(kicker, s.kicker),
        Spacer(1, 3),
        Heading(r.markup(page.name), s.h2, level=1, plain=page.name, key=f"block-{page.area_id}"),
        r.para(page.why_it_matters, s.body),
        Spacer(1, 4),
    ]
    questions = _questions_box(r, page)
    if questions is not None:
        flow += [questions, Spacer(1, 9)]
    flow += [_lens_strip(r, page)]
    subs = _sub_table(r, page)
    if subs is not None:
        flow += [r.para(r.content.label("blocks.scores_heading"), s.h3), subs]
        flow.append(
            r.para(
                "Bar: current level on the 1–5 scale, tick: target. Figures: current → "
                "target, then questions answered of those applicable.",
                s.caption,
            )
        )
    spread = _spread_table(r, page)
    if spread is not None:
        flow += [r.para(r.content.label("blocks.spread_heading"), s.h3), *spread]
    if page.findings:
        flow.append(r.para(r.content.label("blocks.findings_heading"), s.h3))
        for item in page.findings:
            flow += [r.finding(item), Spacer(1, 5)]
    if page.quotes:
        quotes = [
            _quote_box(
                r,
                [
                    r.para(f"“{quote.text}”", s.quote),
                    r.para(f"{quote.who} · {quote.lens}", s.caption),
                ],
            )
            for quote in page.quotes
        ]
        heading = r.para(r.content.label("blocks.evidence_heading"), s.h3)
        flow += [KeepTogether([heading, quotes[0]])]
        for quote_box in quotes[1:]:
            flow += [Spacer(1, 6), quote_box]
        if page.more_quotes:
            flow.append(
                r.para(
                    r.content.label("blocks.more_evidence").format(count=page.more_quotes),
                    s.small,
                )
            )
    return flow


def _quote_box(r: PdfRenderer, parts: list[Flowable]) -> Flowable:
    box = Table([[parts]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    box.setStyle(
        _table_style(
            [
                ("LINEBEFORE", (0, 0), (0, -1), 1.6, r.styles.brand),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return box


@pdf_renderer("blocks")
def render_blocks(r: PdfRenderer, section: BlocksSection) -> list[Flowable]:
    flow = r.section_heading(section)
    flow.append(r.para(r.content.label("blocks.intro"), r.styles.body))
    if section.not_assessed:
        names = ", ".join(section.not_assessed)
        text = r.content.label("blocks.not_assessed", "{blocks}").replace("{blocks}", names)
        flow.append(r.para(text, r.styles.small))
    flow.append(Spacer(1, 8))
    core = section.core_blocks or sum(1 for p in section.pages if not p.cross_cutting)
    for index, page in enumerate(section.pages):
        r.check()
        parts = render_block_page(r, page, core)
        if index == 0:
            parts = parts[1:]  # the first block follows the section's introduction
        flow += parts
    return flow


@pdf_renderer("alignment")
def render_alignment(r: PdfRenderer, section: AlignmentSection) -> list[Flowable]:
    s = r.styles
    flow = r.section_heading(section)
    flow += [r.para(section.intro, s.body), r.para(section.groups_note, s.small)]
    for i, lens in enumerate(section.lenses):
        if i:
            flow.append(PageBreak())
        flow.append(r.para(lens.lens, s.h3))
        flow.append(r.chart(lens.chart))
        rows: list[list[Any]] = [
            [
                r.para("Building block", s.header_cell),
                r.para("Business", s.header_cell_right),
                r.para("IT", s.header_cell_right),
                r.para("Difference", s.header_cell_right),
                r.para("", s.header_cell),
            ]
        ]
        extra: list[tuple[Any, ...]] = []
        for n, row in enumerate(lens.rows, start=1):
            rows.append(
                [
                    r.para(row.name, s.cell_bold if row.misaligned else s.cell),
                    r.para(f"{fmt_score(row.business_mean)} (n={row.business_n})", s.cell_right),
                    r.para(f"{fmt_score(row.it_mean)} (n={row.it_n})", s.cell_right),
                    r.para(fmt_gap(row.difference), s.cell_right),
                    r.para("Misaligned" if row.misaligned else "", s.cell_bold),
                ]
            )
            if row.misaligned:
                extra.append(("BACKGROUND", (0, n), (-1, n), PANEL))
        widths = [60 * mm, 27 * mm, 27 * mm, 22 * mm]
        widths.append(CONTENT_WIDTH - sum(widths))
        flow.append(CondPageBreak(50 * mm))
        flow.append(r.table(rows, widths, extra=extra))
    return flow


@pdf_renderer("progress")
def render_progress(r: PdfRenderer, section: ProgressSection) -> list[Flowable]:
    s = r.styles
    flow = r.section_heading(section)
    flow.append(r.para(section.intro, s.body))
    for i, lens in enumerate(section.lenses):
        if i:
            flow.append(CondPageBreak(120 * mm))
        flow.append(r.para(lens.lens, s.h3))
        flow.append(r.chart(lens.chart))
        rows: list[list[Any]] = [
            [
                r.para("Building block", s.header_cell),
                r.para(section.baseline_name, s.header_cell_right),
                r.para(section.follow_up_name, s.header_cell_right),
                r.para("Change", s.header_cell_right),
            ]
        ]
        for row in (*lens.rows, lens.index):
            style = s.cell_bold if row is lens.index else s.cell
            rows.append(
                [
                    r.para(row.name, style),
                    r.para(fmt_score(row.baseline), s.cell_right),
                    r.para(fmt_score(row.follow_up), s.cell_right),
                    r.para(fmt_gap(row.change), s.cell_right),
                ]
            )
        flow.append(r.table(rows, [70 * mm, 30 * mm, 30 * mm, CONTENT_WIDTH - 130 * mm]))
    return flow


#: Respondents per appendix matrix (landscape); more are split over several tables.
MATRIX_RESPONDENTS: Final = 10


def _cell_text(row: ResponseRow) -> str:
    if row.level is None:
        return {"Not applicable": "n/a", "Don't know": "?"}.get(row.answer, row.answer or "–")
    text = str(row.level)
    if row.target is not None:
        text += f"→{row.target}"
    if row.confidence:
        text += f" {row.confidence[0]}"
    return text


def _matrix(
    r: PdfRenderer, rows: Sequence[ResponseRow], respondents: Sequence[str]
) -> list[Flowable]:
    """One table: a row per question and lens, a column per respondent."""
    s = r.styles
    keys: list[tuple[str, str]] = []
    question_text: dict[tuple[str, str], str] = {}
    cells: dict[tuple[str, str, str], str] = {}
    for row in rows:
        key = (row.question_id, row.lens)
        if key not in question_text:
            keys.append(key)
            question_text[key] = row.question
        cells[(row.question_id, row.lens, row.respondent)] = _cell_text(row)
    keys = [k for k in keys if any((k[0], k[1], name) in cells for name in respondents)]
    if not keys:
        return []
    col = 14.5 * mm
    lens_col = 7 * mm
    first = WIDE_WIDTH - col * len(respondents) - lens_col
    header: list[Any] = [r.para("Question", s.header_cell), r.para("", s.header_cell)]
    for name in respondents:
        header.append(r.para(_initials(name), s.header_cell))
    table_rows: list[list[Any]] = [header]
    for key in keys:
        line: list[Any] = [
            r.para(question_text[key], s.cell_small),
            "C" if key[1].startswith("Classic") else "S",
        ]
        for name in respondents:
            line.append(cells.get((key[0], key[1], name), ""))
        table_rows.append(line)
    extra: list[tuple[Any, ...]] = [
        ("FONTSIZE", (1, 1), (-1, -1), 7),
        ("TEXTCOLOR", (1, 1), (1, -1), MUTED),
        ("TOPPADDING", (0, 1), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 2.5),
        ("LEFTPADDING", (1, 0), (-1, -1), 3),
        ("RIGHTPADDING", (1, 0), (-1, -1), 2),
    ]
    widths = [first, lens_col] + [col] * len(respondents)
    return [r.table(table_rows, widths, extra=extra)]


def _initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    if len(parts) >= 2:
        return (parts[0][0] + parts[-1][0]).upper()
    return name[:3]


@pdf_renderer("appendix")
def render_appendix(r: PdfRenderer, section: AppendixSection) -> list[Flowable]:
    s = r.styles
    if not section.blocks:
        flow = r.section_heading(section)
    else:
        flow = r.section_heading(section, template="wide")
        flow.append(r.para(section.intro, s.body))
        respondents: list[str] = []
        for block in section.blocks:
            for row in block.responses:
                if row.respondent not in respondents:
                    respondents.append(row.respondent)
        legend = "; ".join(f"{_initials(name)}: {name}" for name in respondents)
        flow.append(
            r.para(
                "Each cell: current level → target level, then confidence (H high, M medium, "
                "L low); n/a: not applicable; ?: don't know. C: classic CRM question, S: its "
                f"Social CRM variant. {legend}.",
                s.small,
            )
        )
        chunks = [
            respondents[i : i + MATRIX_RESPONDENTS]
            for i in range(0, len(respondents), MATRIX_RESPONDENTS)
        ]
        for block in section.blocks:
            r.check()
            flow.append(CondPageBreak(40 * mm))
            flow.append(r.para(block.name, s.h3))
            for chunk in chunks:
                flow += _matrix(r, block.responses, chunk)
                flow.append(Spacer(1, 6))
        flow += [NextPageTemplate("content"), PageBreak()]
        evidence = [row for block in section.blocks for row in block.responses if row.evidence]
        if evidence:
            title = r.content.label("appendix.evidence_heading", "Evidence recorded")
            flow.append(
                Heading(r.markup(title), s.h2, level=1, plain=title, key="appendix-evidence")
            )
            current = None
            for row in evidence:
                if row.block != current:
                    current = row.block
                    flow.append(CondPageBreak(30 * mm))
                    flow.append(r.para(row.block, s.h3))
                level = row.answer + (f" → {row.target}" if row.target is not None else "")
                who = f"{row.respondent} ({row.group})" if row.group else row.respondent
                flow.append(
                    r.para(f"{row.question}  ·  {row.lens}  ·  {who}  ·  {level}", s.caption)
                )
                flow += _evidence_paragraphs(r, row.evidence)
                flow.append(Spacer(1, 5))
    if section.stakeholders:
        rows: list[list[Any]] = [
            [
                r.para("Name", s.header_cell),
                r.para("Role", s.header_cell),
                r.para("Group", s.header_cell),
            ]
        ]
        for person in section.stakeholders:
            rows.append(
                [
                    r.para(person.name, s.cell_bold),
                    r.para(person.role, s.cell),
                    r.para(person.group, s.cell),
                ]
            )
        title = r.content.label("appendix.stakeholders_heading")
        flow += [
            CondPageBreak(50 * mm),
            Heading(r.markup(title), s.h3, level=1, plain=title, key="appendix-stakeholders"),
            r.table(rows, [55 * mm, CONTENT_WIDTH - 85 * mm, 30 * mm]),
        ]
    return flow


def _evidence_paragraphs(r: PdfRenderer, text: str) -> list[Flowable]:
    """Evidence as paragraphs (each splits across pages), indented under their caption."""
    parts = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    style = ParagraphStyle("evidence_indent", parent=r.styles.evidence, leftIndent=8)
    return [r.para(p.strip(), style) for p in parts]


# The plan's sections (seven layers, posture, initiatives, starting points, roadmap).
from scrm_desk.reports import pdf_planning as _pdf_planning  # noqa: E402, F401
