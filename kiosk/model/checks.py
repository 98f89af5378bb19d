"""Checks beyond the schema: references, era coverage, text a card can show, safe image paths."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.model.text import Bilingual

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&[a-zA-Z]+;|&#\d+;")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e]")
IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp"}
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 6000

#: How much text each kind of field can show on a card (English words, Chinese characters).
TEXT_LIMITS = {
    "title": (10, 24),
    "summary": (45, 110),
    "body": (160, 420),
    "note": (80, 200),
    "takeaway": (25, 60),
}


def text_problems(name: str, text: Bilingual) -> list[tuple[str, str, str, bool]]:
    """(language, message, hint, is_error) for markup, control characters and overlong text."""
    found = []
    for language in ("zh", "en"):
        value = text.get(language)
        if not value.strip():
            what = "Chinese" if language == "zh" else "English"
            found.append((language, f"the {what} text is empty", f"Write the {what} text; visitors switch languages at any time.", True))
        if CONTROL.search(value):
            found.append((language, "contains an invisible control character", "Retype the text or delete the odd character; the kiosk shows text exactly as written.", True))
        if MARKUP.search(value):
            found.append((language, "contains markup such as <b> or &amp;", "Write plain text: the kiosk shows tags literally, it never renders HTML.", False))
    words, chars = TEXT_LIMITS.get(name, (None, None))
    if words and len(text.en.split()) > words:
        found.append(("en", f"is {len(text.en.split())} words, more than the {words} a card can show", "Shorten it.", False))
    if chars and len(text.zh) > chars:
        found.append(("zh", f"is {len(text.zh)} characters, more than the {chars} a card can show", "Shorten it.", False))
    return found


def contained_path(reference: str, base: Path, relative: Path | None = None, where: str = "the content folder") -> tuple[Path | None, str, str]:
    """`relative` (default: `reference`) resolved inside `base`: (path, message, hint); path is None when it
    is absolute or leaves `base` through '..' or a link. The one containment rule for every path a curator writes."""
    if "\x00" in reference:
        return None, "the image path contains an invisible control character", "Retype the path."
    raw = Path(reference)
    if raw.is_absolute() or reference.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:", reference):
        return None, f"'{reference}' is an absolute path", "Write the path relative to the content folder, or as assets/illustrations/NAME."
    target = (base / (raw if relative is None else relative)).resolve()
    if not target.is_relative_to(base.resolve()):
        return None, f"'{reference}' points outside {where}", f"Keep images inside {where}; '..' and links to elsewhere are not allowed."
    return target, "", ""


def image_file_problem(target: Path, reference: str) -> tuple[str, str]:
    """(message, hint) when the file at `target` is not an image the kiosk shows; empty strings when it is."""
    if not target.exists():
        return f"the image '{reference}' does not exist", "Check the file name and that the file is in place."
    if not target.is_file():
        return f"'{reference}' is not a file", ""
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        return f"'{reference}' is not an image the kiosk shows", "Use SVG, PNG, JPEG or WebP."
    size = target.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"the image '{reference}' is {size / 1e6:.0f} MB, too large for the kiosk", f"Save it smaller than {MAX_IMAGE_BYTES // 2**20} MB (about 2000 pixels wide is plenty)."
    try:
        with target.open("rb") as handle:
            head = handle.read(65536)  # enough for a JPEG's frame header after its metadata
    except OSError:
        return f"the image '{reference}' cannot be read", "Check the file's permissions."
    problem = _image_content_problem(target.suffix.lower(), head)
    if problem:
        return f"'{reference}' {problem}", "Export the image again from your editor."
    return "", ""


def resolve_image(reference: str, content_dir: Path, assets_dir: Path) -> tuple[Path | None, str, str]:
    """Resolve an illustration path safely: (path, message, hint); path is None on a problem."""
    if reference.startswith("assets/"):
        target, message, hint = contained_path(reference, assets_dir, Path(reference).relative_to("assets"))
    else:
        target, message, hint = contained_path(reference, content_dir)
    if target is None:
        return None, message, hint
    message, hint = image_file_problem(target, reference)
    return (None, message, hint) if message else (target, "", "")


def _image_content_problem(suffix: str, head: bytes) -> str:
    if suffix == ".png":
        if not head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "is not a PNG image"
        return _too_large((int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")))
    elif suffix in (".jpg", ".jpeg"):
        if not head.startswith(b"\xff\xd8\xff"):
            return "is not a JPEG image"
        return _too_large(_jpeg_size(head))
    elif suffix == ".webp":
        if not (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
            return "is not a WebP image"
        return _too_large(_webp_size(head))
    elif b"<svg" not in head:
        return "is not an SVG image"
    return ""


def _too_large(size: tuple[int, int] | None) -> str:
    if size and max(size) > MAX_IMAGE_PIXELS:
        return f"is {size[0]}×{size[1]} pixels, more than the {MAX_IMAGE_PIXELS} the kiosk accepts"
    return ""


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first frame header (SOF0–SOF15, not DHT/JPG/DAC)."""
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = int.from_bytes(data[position + 5 : position + 7], "big")
            return int.from_bytes(data[position + 7 : position + 9], "big"), height
        position += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    if chunk == b"VP8 " and len(data) >= 30:
        return int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(data[28:30], "little") & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None
