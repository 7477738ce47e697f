"""Which characters of a report the embedded font can show, and what to do about the rest.

DejaVu Sans covers Latin, Greek and Cyrillic, which is what most client names, quotes
and evidence use. For any other script (Chinese, Japanese, Arabic, Thai ...) this module
asks fontconfig (``fc-list``, when present) for an installed TrueType font that covers
the characters; the PDF then switches to that font for those characters only. Whatever
no usable font covers is named in a warning, so the consultant knows before the client
sees empty boxes.

reportlab can embed TrueType outlines only: fonts with PostScript (CFF) outlines, such
as the usual Noto CJK files, are skipped.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Final

#: Scripts reportlab lays out left to right only: shown, but with a warning.
_RIGHT_TO_LEFT: Final = ("ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO")
#: How many characters fontconfig is asked about one by one, at most, per report.
_MAX_SINGLE_QUERIES: Final = 40
#: How many characters a warning lists before "and N more".
_SHOWN_IN_WARNING: Final = 20


@dataclass(frozen=True, slots=True)
class FontFile:
    """An installed font file (``index`` picks the face inside a ``.ttc`` collection)."""

    path: Path
    index: int = 0
    family: str = ""

    @property
    def key(self) -> str:
        """A stable name to register the font under (no path leaks into the PDF)."""
        digest = hashlib.sha1(f"{self.path}|{self.index}".encode()).hexdigest()[:8]
        return f"SCRMFallback-{digest}"


@dataclass(frozen=True, slots=True)
class CoveragePlan:
    """The outcome of checking a report's text against its fonts."""

    #: Characters the primary font lacks, mapped to the installed font that shows them.
    fallback_for: dict[str, FontFile] = field(default_factory=dict)
    #: Characters no usable font shows, sorted.
    unrenderable: tuple[str, ...] = ()
    #: True when the text has right-to-left script (shown, but not shaped).
    right_to_left: bool = False

    def fonts(self) -> tuple[FontFile, ...]:
        """Every fallback font the text needs, each once, in a stable order."""
        seen: dict[str, FontFile] = {}
        for font in self.fallback_for.values():
            seen.setdefault(font.key, font)
        return tuple(seen[key] for key in sorted(seen))

    def families(self) -> tuple[str, ...]:
        """Family names of the fallback fonts (for matplotlib's font fallback)."""
        return tuple(dict.fromkeys(f.family for f in self.fonts() if f.family))

    def runs(self, text: str) -> list[tuple[FontFile | None, str]]:
        """``text`` cut into runs, each with its fallback font (``None``: the primary)."""
        if not self.fallback_for:
            return [(None, text)] if text else []
        runs: list[tuple[FontFile | None, str]] = []
        current: FontFile | None = None
        start = 0
        for position, char in enumerate(text):
            font = self.fallback_for.get(char)
            if position and font != current:
                runs.append((current, text[start:position]))
                start = position
            current = font
        if text:
            runs.append((current, text[start:]))
        return runs

    def warnings(self) -> tuple[str, ...]:
        found: list[str] = []
        if self.unrenderable:
            shown = " ".join(f"{c} (U+{ord(c):04X})" for c in self.unrenderable[:_SHOWN_IN_WARNING])
            more = len(self.unrenderable) - _SHOWN_IN_WARNING
            found.append(
                "Some characters cannot be shown with the fonts installed on this computer "
                f"and appear as empty boxes in the PDF: {shown}"
                + (f" and {more} more" if more > 0 else "")
                + ". Install a TrueType font that covers them (for example one of the Noto "
                "fonts in .ttf form) and export again, or use the Word document."
            )
        if self.right_to_left:
            found.append(
                "The report contains right-to-left text (for example Arabic or Hebrew). The "
                "PDF shows its letters, but not joined or ordered right to left: check "
                "those passages, or use the Word document."
            )
        return tuple(found)


FontFinder = Callable[[str], Sequence[FontFile]]


def plan_coverage(
    texts: Iterable[str],
    primary: Path,
    *,
    finder: FontFinder | None = None,
    primary_charset: frozenset[int] | None = None,
) -> CoveragePlan:
    """Check every character of ``texts`` against ``primary`` and find fallbacks.

    ``finder`` returns installed fonts covering all the characters it is given (the
    default asks fontconfig); tests pass their own. ``primary_charset`` spares reading
    the primary font again when the caller has it parsed already.
    """
    finder = finder or find_fonts_covering
    chars: set[str] = set()
    for text in texts:
        chars.update(text)
    covered = primary_charset if primary_charset is not None else font_charset(primary)
    missing = sorted(c for c in chars if ord(c) not in covered and not _ignorable(c))
    right_to_left = any(_script(c) in _RIGHT_TO_LEFT for c in chars if not c.isascii())
    if not missing:
        return CoveragePlan(right_to_left=right_to_left)

    fallback: dict[str, FontFile] = {}
    by_script: dict[str, list[str]] = {}
    for char in missing:
        by_script.setdefault(_script(char), []).append(char)
    singles_left = _MAX_SINGLE_QUERIES
    for group in by_script.values():
        left = _assign(group, finder, fallback)
        for char in left:
            if singles_left <= 0:
                break
            singles_left -= 1
            _assign([char], finder, fallback)
    unrenderable = tuple(c for c in missing if c not in fallback)
    return CoveragePlan(fallback, unrenderable, right_to_left)


def _assign(chars: list[str], finder: FontFinder, fallback: dict[str, FontFile]) -> list[str]:
    """Give ``chars`` the best candidate font; return those still without one."""
    best: tuple[int, FontFile | None, frozenset[int]] = (0, None, frozenset())
    for candidate in _cached_find("".join(chars[:64]), finder):
        try:
            charset = font_charset(candidate.path, candidate.index)
        except Exception:  # an unreadable font file is simply not a candidate
            continue
        score = sum(1 for c in chars if ord(c) in charset)
        if score > best[0]:
            best = (score, candidate, charset)
    _, chosen, charset = best
    if chosen is None:
        return list(chars)
    font = chosen
    left = []
    for char in chars:
        if ord(char) in charset:
            fallback[char] = font
        else:
            left.append(char)
    return left


_find_cache: dict[tuple[str, int], tuple[FontFile, ...]] = {}
_find_lock = threading.Lock()


def _cached_find(chars: str, finder: FontFinder) -> tuple[FontFile, ...]:
    key = (chars, id(finder))
    with _find_lock:
        if key in _find_cache:
            return _find_cache[key]
    found = tuple(finder(chars))
    with _find_lock:
        _find_cache[key] = found
    return found


def find_fonts_covering(chars: str) -> list[FontFile]:
    """Installed TrueType fonts that cover every character of ``chars`` (via fontconfig)."""
    tool = shutil.which("fc-list")
    if tool is None or not chars:
        return []
    charset = " ".join(f"{ord(c):x}" for c in sorted(set(chars)))
    try:
        done = subprocess.run(
            [
                tool,
                "--format",
                "%{file}|%{index}|%{fontformat}|%{family[0]}|%{style[0]}\n",
                f":charset={charset}",
            ],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode != 0:
        return []
    fonts: list[tuple[int, FontFile]] = []
    for line in done.stdout.splitlines():
        parts = line.split("|")
        if len(parts) != 5:
            continue
        path, index, fmt, family, style = parts
        if fmt != "TrueType" or Path(path).suffix.lower() not in (".ttf", ".ttc"):
            continue
        if family.startswith("DejaVu Sans"):
            continue  # the primary font itself: it does not cover these characters
        # Regular faces of sans families first: they sit best beside DejaVu Sans.
        rank = (0 if style.lower() in ("regular", "book", "normal") else 2) + (
            1 if "serif" in family.lower() and "sans" not in family.lower() else 0
        )
        try:
            fonts.append((rank, FontFile(Path(path), int(index or 0), family)))
        except ValueError:
            continue
    fonts.sort(key=lambda item: (item[0], str(item[1].path)))
    return [font for _, font in fonts]


@lru_cache(maxsize=64)
def font_charset(path: Path, index: int = 0) -> frozenset[int]:
    """The code points a font file maps to glyphs."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped, unused-ignore]

    with TTFont(str(path), fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def _ignorable(char: str) -> bool:
    """Whitespace and invisible formatting characters need no glyph."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return "UNKNOWN"
