"""The consulting firm's branding, kept in the workspace: name, logo, colour, wording.

A logo is never stored as given. It is decoded and re-encoded with Pillow, so metadata
(EXIF with camera, location and author, text chunks, colour profiles) is dropped and a
malformed or hostile file is refused before it reaches the report. SVG logos are
sanitised (no scripts, event handlers, external references or entity declarations) and
then rasterised when an SVG renderer is available; the stored logo is always PNG or
JPEG.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from xml.etree import ElementTree

from scrm_desk.changes import Saved
from scrm_desk.errors import ValidationError

if TYPE_CHECKING:
    from scrm_desk.workspace import Workspace

SETTINGS_KEY: Final = "branding"
#: Logos larger than this are refused before they are decoded.
MAX_LOGO_BYTES: Final = 10 * 1024 * 1024
#: Decoding stops above this many pixels (a guard against decompression bombs).
MAX_LOGO_PIXELS: Final = 40_000_000
#: The stored logo's longest side; plenty for 60 mm at 600 dpi.
STORED_LOGO_SIDE: Final = 1400
DEFAULT_COLOUR: Final = "#1d4e89"
DEFAULT_CONFIDENTIALITY: Final = "Confidential"
MAX_FIRM_NAME: Final = 120
MAX_CONFIDENTIALITY: Final = 160

_COLOUR_RE: Final = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True, slots=True)
class Logo:
    """A logo as stored: clean PNG or JPEG bytes and their pixel size."""

    data: bytes
    #: ``"png"`` or ``"jpeg"``.
    format: str
    width: int
    height: int

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height else 1.0


@dataclass(frozen=True, slots=True)
class Branding:
    """How the firm's deliverables look; stored under the ``"branding"`` setting."""

    firm_name: str = ""
    logo: Logo | None = None
    primary_colour: str = DEFAULT_COLOUR
    confidentiality: str = DEFAULT_CONFIDENTIALITY

    def to_setting(self) -> dict[str, Any]:
        logo = None
        if self.logo is not None:
            logo = {
                "format": self.logo.format,
                "width": self.logo.width,
                "height": self.logo.height,
                "data": base64.b64encode(self.logo.data).decode("ascii"),
            }
        return {
            "firm_name": self.firm_name,
            "primary_colour": self.primary_colour,
            "confidentiality": self.confidentiality,
            "logo": logo,
        }

    @classmethod
    def from_setting(cls, value: object) -> Branding:
        """Branding from stored JSON; anything unreadable falls back to the default."""
        if not isinstance(value, dict):
            return cls()
        logo = None
        raw = value.get("logo")
        if isinstance(raw, dict):
            try:
                data = base64.b64decode(str(raw.get("data", "")), validate=True)
                logo = Logo(data, str(raw["format"]), int(raw["width"]), int(raw["height"]))
            except (KeyError, ValueError, TypeError, binascii.Error):
                logo = None
            if logo is not None and logo.format not in ("png", "jpeg"):
                logo = None
        colour = value.get("primary_colour")
        return cls(
            firm_name=str(value.get("firm_name") or ""),
            logo=logo,
            primary_colour=(
                colour.lower()
                if isinstance(colour, str) and _COLOUR_RE.fullmatch(colour)
                else DEFAULT_COLOUR
            ),
            confidentiality=str(value.get("confidentiality") or DEFAULT_CONFIDENTIALITY),
        )


# --------------------------------------------------------------------------- workspace


def load_branding(ws: Workspace) -> Branding:
    """The workspace's branding, or the default when none is saved."""
    return Branding.from_setting(ws.settings.get(SETTINGS_KEY))


_KEEP: Final = object()


def save_branding(
    ws: Workspace,
    *,
    firm_name: str | None = None,
    logo: bytes | str | os.PathLike[str] | Logo | object | None = _KEEP,
    primary_colour: str | None = None,
    confidentiality: str | None = None,
) -> Saved[Branding]:
    """Change the branding; arguments left out keep their saved values.

    ``logo`` is the file's bytes or path (PNG, JPEG or SVG, at most 10 MB), a
    :class:`Logo` already cleaned by :func:`clean_logo`, or ``None`` to remove it.
    Raises :class:`ValidationError` with a message for the consultant.
    """
    current = load_branding(ws)
    changes: dict[str, Any] = {}
    if firm_name is not None:
        changes["firm_name"] = _short(firm_name, "firm_name", MAX_FIRM_NAME)
    if primary_colour is not None:
        changes["primary_colour"] = validate_colour(primary_colour)
    if confidentiality is not None:
        changes["confidentiality"] = (
            _short(confidentiality, "confidentiality", MAX_CONFIDENTIALITY)
            or DEFAULT_CONFIDENTIALITY
        )
    if logo is not _KEEP:
        if logo is None or isinstance(logo, Logo):
            changes["logo"] = logo
        elif isinstance(logo, bytes | str | os.PathLike):
            changes["logo"] = clean_logo(logo)
        else:
            raise ValidationError("logo", "must be image bytes, a file path or None")
    branding = replace(current, **changes)
    saved = ws.settings.set(SETTINGS_KEY, branding.to_setting())
    return Saved(branding, saved)


def validate_colour(value: str) -> str:
    """``#rrggbb`` in lower case, or :class:`ValidationError`."""
    text = value.strip()
    if not _COLOUR_RE.fullmatch(text):
        raise ValidationError(
            "primary_colour", f"must be a colour written #rrggbb (like #1d4e89), not {value!r}"
        )
    return text.lower()


def _short(value: str, field: str, limit: int) -> str:
    text = " ".join(str(value).split())
    if len(text) > limit:
        raise ValidationError(field, f"is longer than {limit} characters")
    return text


# --------------------------------------------------------------------------- logos


def clean_logo(source: bytes | str | os.PathLike[str]) -> Logo:
    """Read, check and re-encode a logo (PNG, JPEG or SVG) without its metadata."""
    data = _read_source(source)
    if _looks_like_svg(data):
        data = rasterise_svg(sanitise_svg(data))
    return _reencode(data)


def _read_source(source: bytes | str | os.PathLike[str]) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > MAX_LOGO_BYTES:
                raise _too_large(size)
            with path.open("rb") as handle:
                data = handle.read(MAX_LOGO_BYTES + 1)
        except ValidationError:
            raise
        except IsADirectoryError:
            raise ValidationError("logo", f"{path.name} is a folder, not an image") from None
        except OSError as exc:
            raise ValidationError(
                "logo", f"cannot read {path.name}: {exc.strerror or exc}"
            ) from None
    if len(data) > MAX_LOGO_BYTES:
        raise _too_large(len(data))
    if not data:
        raise ValidationError("logo", "the file is empty")
    return data


def _too_large(size: int) -> ValidationError:
    return ValidationError(
        "logo",
        f"the file is {size / (1024 * 1024):.1f} MB; a logo may be at most "
        f"{MAX_LOGO_BYTES // (1024 * 1024)} MB. Save a smaller PNG or JPEG.",
    )


def _reencode(data: bytes) -> Logo:
    from PIL import Image, ImageOps, UnidentifiedImageError

    unreadable = ValidationError(
        "logo", "the file is not a readable PNG, JPEG or SVG image; choose another file"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as opened:
                if opened.format not in ("PNG", "JPEG"):
                    raise ValidationError(
                        "logo",
                        f"{opened.format or 'this'} images are not supported; use PNG, JPEG or SVG",
                    )
                width, height = opened.size
                if width * height > MAX_LOGO_PIXELS:
                    raise ValidationError(
                        "logo",
                        f"the image is {width} × {height} pixels, too large for a logo; "
                        "save a smaller version",
                    )
                source_format = opened.format
                opened.load()
                image = ImageOps.exif_transpose(opened)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        ValueError,
        SyntaxError,
    ) as exc:
        raise unreadable from exc
    if image.width < 1 or image.height < 1:
        raise unreadable
    image.thumbnail((STORED_LOGO_SIDE, STORED_LOGO_SIDE), Image.Resampling.LANCZOS)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    converted = image.convert(mode)
    # A fresh image holds pixels only: no EXIF, XMP, text chunks or colour profile can
    # travel from the original into the stored copy.
    clean = Image.frombytes(mode, converted.size, converted.tobytes())
    out = BytesIO()
    if source_format == "JPEG" and not has_alpha:
        clean.save(out, format="JPEG", quality=90, optimize=True)
        fmt = "jpeg"
    else:
        clean.save(out, format="PNG", optimize=True)
        fmt = "png"
    return Logo(out.getvalue(), fmt, clean.width, clean.height)


# --------------------------------------------------------------------------- SVG

_SVG_NS: Final = "http://www.w3.org/2000/svg"
_XLINK: Final = "{http://www.w3.org/1999/xlink}href"
_DANGEROUS_ELEMENTS: Final = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "audio",
        "video",
        "handler",
        "listener",
        "animate",
        "set",
        "animatemotion",
        "animatetransform",
        "animatecolor",
    }
)
_SAFE_DATA_URL: Final = re.compile(r"data:image/(png|jpeg|jpg|gif);base64,", re.IGNORECASE)
_CSS_URL: Final = re.compile(r"url\(\s*['\"]?\s*(?!#)[^)]*\)|@import", re.IGNORECASE)


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<svg", b"<?xml", b"<!--")) and b"<svg" in data[:65536].lower()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def sanitise_svg(data: bytes) -> bytes:
    """The SVG with anything active or external removed; raises for what cannot be trusted.

    Refused outright: a DOCTYPE or entity declaration (entity expansion attacks and
    external entities). Removed: scripts, foreign content, animation (which can rewrite
    links), ``on*`` event attributes, links that are not in-document (``#id``) or
    inline raster images, and CSS that loads anything from outside.
    """
    lowered = data.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise ValidationError(
            "logo", "SVG files with a DOCTYPE or entities are not accepted; export a plain SVG"
        )
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ValidationError("logo", f"the SVG file is not valid XML ({exc})") from None
    if _local(root.tag) != "svg":
        raise ValidationError("logo", "the file is not an SVG image")

    def clean(element: ElementTree.Element) -> None:
        for child in list(element):
            if not isinstance(child.tag, str) or _local(child.tag) in _DANGEROUS_ELEMENTS:
                element.remove(child)
                continue
            if _local(child.tag) == "style" and _CSS_URL.search(child.text or ""):
                element.remove(child)
                continue
            clean(child)
        for name in list(element.attrib):
            local = _local(name)
            value = element.attrib[name].strip()
            if (
                local.startswith("on")
                or (local == "href" and not (value.startswith("#") or _SAFE_DATA_URL.match(value)))
                or (local == "style" and _CSS_URL.search(value))
            ):
                del element.attrib[name]

    clean(root)
    ElementTree.register_namespace("", _SVG_NS)
    ElementTree.register_namespace("xlink", _XLINK[1:].split("}")[0])
    return ElementTree.tostring(root, encoding="utf-8")


def rasterise_svg(data: bytes, *, width: int = STORED_LOGO_SIDE) -> bytes:
    """PNG bytes of a sanitised SVG, with the first renderer available here.

    Tried in order: svglib with reportlab's renderPM, then ``rsvg-convert``. Without
    either, a :class:`ValidationError` asks for a PNG instead (the app can rasterise the
    SVG itself with Qt and pass the PNG).
    """
    for renderer in (_rasterise_with_svglib, _rasterise_with_rsvg):
        png = renderer(data, width)
        if png is not None:
            return png
    raise ValidationError(
        "logo",
        "SVG logos cannot be converted on this computer (no SVG renderer is installed). "
        "Export the logo as PNG and choose that file instead.",
    )


def _rasterise_with_svglib(data: bytes, width: int) -> bytes | None:
    try:
        from reportlab.graphics import renderPM
        from svglib.svglib import svg2rlg  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    try:
        drawing = svg2rlg(BytesIO(data))
        if drawing is None or not drawing.width:
            return None
        scale = width / float(drawing.width)
        drawing.scale(scale, scale)
        drawing.width *= scale
        drawing.height *= scale
        png: bytes = renderPM.drawToString(drawing, fmt="PNG", bg=0xFFFFFF)
        return png
    except Exception:  # svglib raises many kinds; any failure means "try the next"
        return None


def _rasterise_with_rsvg(data: bytes, width: int) -> bytes | None:
    tool = shutil.which("rsvg-convert")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "logo.svg"
        source.write_bytes(data)
        try:
            done = subprocess.run(
                [tool, "--width", str(width), "--keep-aspect-ratio", str(source)],
                capture_output=True,
                timeout=20,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    return done.stdout if done.returncode == 0 and done.stdout else None
