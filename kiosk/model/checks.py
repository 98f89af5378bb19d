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


def resolve_image(reference: str, content_dir: Path, assets_dir: Path) -> tuple[Path | None, str, str]:
    """Resolve an illustration path safely: (path, message, hint); path is None on a problem."""
    raw = Path(reference)
    if raw.is_absolute() or reference.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:", reference):
        return None, f"'{reference}' is an absolute path", "Write the path relative to the content folder, or as assets/illustrations/NAME."
    if reference.startswith("assets/"):
        base, relative = assets_dir, Path(reference).relative_to("assets")
    else:
        base, relative = content_dir, raw
    target = (base / relative).resolve()
    if not target.is_relative_to(base.resolve()):
        return None, f"'{reference}' points outside the content folder", "Keep images inside the content folder; '..' and links to elsewhere are not allowed."
    if not target.exists():
        return None, f"the image '{reference}' does not exist", "Check the file name and that the file is in place."
    if not target.is_file():
        return None, f"'{reference}' is not a file", ""
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        return None, f"'{reference}' is not an image the kiosk shows", "Use SVG, PNG, JPEG or WebP."
    size = target.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return None, f"the image '{reference}' is {size / 1e6:.0f} MB, too large for the kiosk", f"Save it smaller than {MAX_IMAGE_BYTES // 2**20} MB (about 2000 pixels wide is plenty)."
    try:
        head = target.read_bytes()[:4096] if size < 65536 else target.open("rb").read(4096)
    except OSError:
        return None, f"the image '{reference}' cannot be read", "Check the file's permissions."
    problem = _image_content_problem(target.suffix.lower(), head)
    if problem:
        return None, f"'{reference}' {problem}", "Export the image again from your editor."
    return target, "", ""


def _image_content_problem(suffix: str, head: bytes) -> str:
    if suffix == ".png":
        if not head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "is not a PNG image"
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        if max(width, height) > MAX_IMAGE_PIXELS:
            return f"is {width}×{height} pixels, more than the {MAX_IMAGE_PIXELS} the kiosk accepts"
    elif suffix in (".jpg", ".jpeg"):
        if not head.startswith(b"\xff\xd8\xff"):
            return "is not a JPEG image"
    elif suffix == ".webp":
        if not (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
            return "is not a WebP image"
    elif b"<svg" not in head:
        return "is not an SVG image"
    return ""
