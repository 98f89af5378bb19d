"""TimelineJS's HTML as the plain text a card shows, summaries, and ids made from headlines."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

from kiosk.model.checks import CONTROL

SUMMARY_LIMIT = 200
MAX_ID = 64


class _PlainText(HTMLParser):
    BLOCKS = frozenset({
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article",
        "header", "footer", "aside", "figure", "figcaption", "table", "thead", "tbody", "tr", "pre", "hr", "address", "nav", "main",
    })  # fmt: skip
    HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "br" or tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(value: Any, *, one_line: bool = False) -> str:
    """Plain text of an HTML fragment: tags dropped, entities unescaped, whitespace collapsed.

    Paragraphs, list items and <br> become line breaks (the kiosk shows a line break as a new
    paragraph); with one_line they become spaces. Script and style content is dropped.
    """
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    parser = _PlainText()
    parser.feed(str(value))
    parser.close()
    text = CONTROL.sub("", "".join(parser.parts))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return (" " if one_line else "\n").join(line for line in lines if line)


_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*(?=\s|$)|[。！？][”’」』）)]*")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "gen", "lt", "col", "capt", "prof", "jr", "sr", "vs", "etc", "ca", "c", "approx"}


def first_sentence(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """The first sentence of a plain text, shortened at a word to about `limit` characters."""
    flat = " ".join(text.split())
    for match in _SENTENCE_END.finditer(flat):
        before = flat[: match.start()].rsplit(" ", 1)[-1]
        if match.group().startswith(".") and (before.lower().rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", before)):
            continue  # "Dr. Sun", "U.S. army": not the end of a sentence
        flat = flat[: match.end()]
        break
    return shorten(flat, limit)


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:、，；：") + "…"


def slugify(text: str, max_length: int = MAX_ID) -> str:
    """Lower-case ASCII letters, digits and hyphens, e.g. "Coal found, 1914" -> "coal-found-1914"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def short_slug(text: str, max_length: int = 40) -> str:
    """A slug of a headline, cut after a whole word: "Coal discovered at Haoli" -> "coal-discovered-at-haoli"."""
    slug = slugify(text)
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    return cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]


def unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
    taken.add(candidate)
    return candidate


def both(values: dict[str, str]) -> dict[str, str]:
    """A text in both languages, a missing side borrowing the other's text."""
    return {"zh": values["zh"] or values["en"], "en": values["en"] or values["zh"]}
