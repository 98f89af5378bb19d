"""Import a Knight Lab TimelineJS timeline, kept as one JSON file per language, into a content folder.

TimelineJS (https://timeline.knightlab.com/docs/json-format.html) keeps a timeline as one object:
`events` (a list of slides), an optional `title` slide, optional `eras` and a `scale`. A slide has
`start_date` and `end_date` (date objects: year, month, day, hour, minute, second, millisecond,
display_date), `text` (headline and text, both HTML), `media` (url, caption, credit, thumbnail, alt,
title, link, link_target), `group`, `display_date`, `background`, `autolink` and `unique_id`. An era
has `start_date`, `end_date` and `text` (only its headline is used).

A museum's timeline comes as two files, one Chinese and one English. Their slides are paired by
`unique_id`, and by order where ids are missing, then written as this kiosk's bilingual events (and
eras). Everything that has no place in the kiosk is listed in the report, never silently dropped.

Pure Python (no Qt), so it runs on a curator's laptop:
`python -m kiosk.curation.timelinejs --zh zh.json --en en.json OUT_DIR [--seed NAME ...]`.
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import json
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import zip_longest
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from kiosk.model.checks import CONTROL, IMAGE_SUFFIXES, resolve_image
from kiosk.model.dates import parse_date
from kiosk.model.loader import FIRST_YEAR, _json_error_words
from kiosk.paths import ASSETS_DIR, SCHEMA_PATH, SEEDS_DIR

#: Muted band colours for imported eras, in the spirit of the bundled ones; used in turn.
PALETTE = ("#D8C9A3", "#D1AE78", "#BFA58A", "#C08478", "#AEBB9F", "#A9B9C9", "#B5B8B1", "#B9CDB0")
IMPORTED_ERA_TITLE = {"zh": "导入的时间轴", "en": "Imported timeline"}
SUMMARY_LIMIT = 200
MAX_ID = 64

TOP_LEVEL_FIELDS = {"events", "title", "eras", "scale"}
SLIDE_FIELDS = {"start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id"}
ERA_FIELDS = {"start_date", "end_date", "text"}
TIME_PARTS = ("hour", "minute", "second", "millisecond")
MEDIA_NOT_MAPPED = {
    "thumbnail": "the kiosk's timeline markers show no thumbnails",
    "alt": "the kiosk's illustrations are decorative and have no alternative text",
    "title": "the kiosk shows no image titles",
    "link": "visitors cannot follow links on an offline kiosk",
    "link_target": "visitors cannot follow links on an offline kiosk",
}
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


class TimelineJSError(Exception):
    """An input the importer cannot read; the message is meant for a curator."""


# --------------------------------------------------------------------------------------------
# The report


@dataclass
class Skipped:
    slide: str
    reason: str

    def __str__(self) -> str:
        return f"{self.slide}: {self.reason}"


@dataclass
class Unmapped:
    field: str
    explanation: str
    items: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = f" ({', '.join(self.items)})" if self.items else ""
        return f"{self.field}{where}: {self.explanation}"


@dataclass
class ImportReport:
    """What the import did: every slide is either imported or skipped with a reason."""

    out_dir: Path | None = None
    imported: list[str] = field(default_factory=list)
    eras: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    missing_translation: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def skip(self, slide: str, reason: str) -> None:
        self.skipped.append(Skipped(slide, reason))

    def not_mapped(self, name: str, explanation: str, item: str | None = None) -> None:
        """Note a TimelineJS field the kiosk has no place for, once per (field, explanation)."""
        entry = next((u for u in self.unmapped if u.field == name and u.explanation == explanation), None)
        if entry is None:
            entry = Unmapped(name, explanation)
            self.unmapped.append(entry)
        if item and item not in entry.items:
            entry.items.append(item)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def __str__(self) -> str:
        where = f" into {self.out_dir}" if self.out_dir else ""
        lines = [f"Imported {len(self.imported)} events and {len(self.eras)} eras{where}."]
        if self.written:
            lines.append(f"Written: {', '.join(self.written)}")
        sections = (
            ("Events", "", self.imported),
            ("Eras", "", self.eras),
            ("Not imported", "", self.skipped),
            ("Missing translations", "the other language's text stands in; translate before the kiosk opens", self.missing_translation),
            ("Not mapped", "TimelineJS has these, the kiosk has no place for them", self.unmapped),
            ("To review", "", self.warnings),
        )
        for heading, explanation, entries in sections:
            if entries:
                lines.append(f"{heading} ({len(entries)})" + (f" – {explanation}:" if explanation else ":"))
                lines.extend(f"  - {entry}" for entry in entries)
        if self.out_dir:
            lines.append(f"Check the result with: hegang-kiosk validate {self.out_dir}")
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# HTML to plain text


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
    return _shorten(flat, limit)


def _shorten(text: str, limit: int) -> str:
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


def _short_slug(text: str, max_length: int = 40) -> str:
    """A slug of a headline, cut after a whole word: "Coal discovered at Haoli" -> "coal-discovered-at-haoli"."""
    slug = slugify(text)
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    return cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
    taken.add(candidate)
    return candidate


# --------------------------------------------------------------------------------------------
# Dates


class _UnusableDateError(ValueError):
    """A date that cannot become one of the kiosk's dates; the message says why, in plain words."""


@dataclass(frozen=True)
class _Ymd:
    year: int
    month: int | None = None
    day: int | None = None

    def text(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def position(self) -> float:
        return parse_date(self.text()).start


def _integer(value: Any) -> int | None:
    """A TimelineJS number, which spreadsheets export as text ("1926", " 8 "); None when blank."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        if not value.strip():
            return None
        if re.fullmatch(r"\s*[+-]?\d+(\.0*)?\s*", value):
            return int(float(value))
    raise ValueError(value)


def _ymd(raw: Any, name: str, notes: list[str]) -> _Ymd:
    """Year, month and day of a TimelineJS date object; parts the kiosk cannot use go to notes."""
    if not isinstance(raw, dict):
        raise _UnusableDateError(f"{name} is not a date object with a year")
    try:
        year = _integer(raw.get("year"))
    except ValueError:
        raise _UnusableDateError(f"{name} has the year {raw.get('year')!r}, which is not a number") from None
    if year is None:
        raise _UnusableDateError(f"{name} has no year")
    if year < 0:
        raise _UnusableDateError(f"{name} is in {-year} BCE; the kiosk writes dates as four-digit years (1000 to 9999)")
    if not 1000 <= year <= 9999:
        raise _UnusableDateError(f"{name} is in the year {year}; the kiosk writes dates as four-digit years (1000 to 9999)")
    month = day = None
    try:
        month = _integer(raw.get("month"))
    except ValueError:
        notes.append(f"{name}.month {raw.get('month')!r} is not a number; the year alone is used")
    if month is not None and not 1 <= month <= 12:
        notes.append(f"{name}.month {month} is not a month from 1 to 12; the year alone is used")
        month = None
    if month is not None:
        try:
            day = _integer(raw.get("day"))
        except ValueError:
            notes.append(f"{name}.day {raw.get('day')!r} is not a number; the month is used")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            notes.append(f"{name}.day {day} is not a day of {calendar.month_name[month]} {year}; the month is used")
            day = None
    elif raw.get("day") not in (None, ""):
        notes.append(f"{name} has a day but no month; the year alone is used")
    return _Ymd(year, month, day)


# --------------------------------------------------------------------------------------------
# Reading the files


def _read_timeline(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TimelineJSError(f"{path}: the file does not exist") from None
    except UnicodeDecodeError as error:
        raise TimelineJSError(f"{path}: the file is not saved as UTF-8 text (odd byte at position {error.start + 1}); save it again as UTF-8") from None
    except OSError as error:
        raise TimelineJSError(f"{path}: the file cannot be read ({error.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message, hint = _json_error_words(error)
        raise TimelineJSError(f"{path}:{error.lineno}:{error.colno}: {message}\n    hint: {hint}") from None
    if not isinstance(data, dict):
        raise TimelineJSError(f"{path}: a TimelineJS file is one {{ … }} object with an \"events\" list, but this file holds a JSON {type(data).__name__}")
    if "events" not in data and isinstance(data.get("timeline"), dict):
        raise TimelineJSError(f"{path}: this is the older TimelineJS 2 format (\"timeline\" with a \"date\" list); save it from TimelineJS 3, whose file has an \"events\" list")
    if not isinstance(data.get("events"), list):
        raise TimelineJSError(f"{path}: there is no \"events\" list, which every TimelineJS file has")
    return data


# --------------------------------------------------------------------------------------------
# Pairing the two languages


@dataclass
class _Pair:
    zh: dict[str, Any] | None
    en: dict[str, Any] | None
    label: str

    def side(self, language: str) -> dict[str, Any] | None:
        return self.zh if language == "zh" else self.en


def _uid(slide: Any) -> str | None:
    value = slide.get("unique_id") if isinstance(slide, dict) else None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _headline(slide: Any) -> str:
    text = slide.get("text") if isinstance(slide, dict) else None
    return html_to_text(text.get("headline"), one_line=True) if isinstance(text, dict) else ""


def _label(slide: Any, number: int, language: str) -> str:
    uid = _uid(slide)
    name = f"slide '{uid}'" if uid else f"{LANGUAGE_NAMES[language]} slide {number}"
    headline = _headline(slide)
    return f"{name} “{_shorten(headline, 60)}”" if headline else name


def _pair_slides(zh_slides: list[Any], en_slides: list[Any], report: ImportReport) -> list[_Pair]:
    """Pair by unique_id where both files have the id, and the remaining slides by order."""
    if len(zh_slides) != len(en_slides):
        report.warn(f"the Chinese file has {len(zh_slides)} slides and the English file {len(en_slides)}")

    def once(slides: list[Any]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for slide in slides:
            uid = _uid(slide)
            if uid:
                counts[uid] = counts.get(uid, 0) + 1
        return {uid: n for uid, n in counts.items() if n == 1}

    zh_ids, en_ids = once(zh_slides), once(en_slides)
    for slides, language in ((zh_slides, "zh"), (en_slides, "en")):
        for uid in sorted({u for u in map(_uid, slides) if u} - set(once(slides))):
            report.warn(f"the unique_id '{uid}' is used more than once in the {LANGUAGE_NAMES[language]} file; those slides are paired by order")
    shared = set(zh_ids) & set(en_ids)
    zh_by_id = {_uid(s): s for s in zh_slides if _uid(s) in shared}

    pairs: list[_Pair] = []
    en_rest = [(i, s) for i, s in enumerate(en_slides, 1) if _uid(s) not in shared]
    zh_rest = [(i, s) for i, s in enumerate(zh_slides, 1) if _uid(s) not in shared]
    for i, slide in enumerate(en_slides, 1):
        uid = _uid(slide)
        if uid in shared:
            pairs.append(_Pair(zh_by_id[uid], slide, _label(slide, i, "en")))
    if en_rest and zh_rest:
        if shared or any(_uid(s) for _, s in en_rest + zh_rest):
            report.warn(f"{len(en_rest)} English and {len(zh_rest)} Chinese slides have no unique_id found in both files; they are paired by order")
        else:
            report.warn("the slides have no unique_id, so they are paired by order: check that both files list the same stories in the same order")
    for en_item, zh_item in zip_longest(en_rest, zh_rest):
        en_slide = en_item[1] if en_item else None
        zh_slide = zh_item[1] if zh_item else None
        label = _label(en_slide, en_item[0], "en") if en_item else _label(zh_slide, zh_item[0], "zh")
        if en_item and zh_item:
            en_uid, zh_uid = _uid(en_slide), _uid(zh_slide)
            if en_uid and zh_uid and en_uid != zh_uid:
                report.warn(f"paired by order: English unique_id '{en_uid}' with Chinese '{zh_uid}'; check that they are the same story")
        else:
            missing = "Chinese" if en_item else "English"
            report.warn(f"{label} has no {missing} counterpart; the other language's text stands in")
        pairs.append(_Pair(zh_slide, en_slide, label))
    return pairs


# --------------------------------------------------------------------------------------------
# The importer


@dataclass
class _Event:
    data: dict[str, Any]
    position: float
    order: int


class _Importer:
    def __init__(self, zh_path: Path, en_path: Path, out_dir: Path, seeds: tuple[str, ...]) -> None:
        self.zh_path, self.en_path, self.out_dir = zh_path, en_path, out_dir
        self.report = ImportReport(out_dir=out_dir)
        self.today = datetime.date.today().year
        files = list(dict.fromkeys(seeds)) or [f"{en_path.stem}.txt"]
        #: the bibliography entries written beside the events, and the ids every item cites
        self.bibliography = [_seed_source(name) for name in files]
        self.sources = [source["id"] for source in self.bibliography]
        self.media: dict[str, Path] = {}
        self.event_ids: set[str] = set()

    # ---- fields the kiosk has no place for

    def _unmapped_slide_fields(self, slide: dict[str, Any], item: str) -> None:
        note = self.report.not_mapped
        for key in slide:
            if key not in SLIDE_FIELDS:
                note(key, "not a field of TimelineJS's documented slide format; ignored", item)
        group = slide.get("group")
        if isinstance(group, str) and group.strip():
            note(f"group '{group.strip()}'", "the kiosk has no groups (rows); every event is placed by its date and era", item)
        if slide.get("display_date") not in (None, ""):
            note("display_date", "the kiosk formats every date itself, in each language", item)
        if slide.get("background"):
            note("background", "the kiosk's cards use the exhibition's own colours and no background images", item)
        if "autolink" in slide:
            note("autolink", "the kiosk shows plain text; links cannot be followed on an offline kiosk", item)
        for which in ("start_date", "end_date"):
            raw = slide.get(which)
            if not isinstance(raw, dict):
                continue
            if any(raw.get(part) not in (None, "") for part in TIME_PARTS):
                note("time of day (hour, minute, second, millisecond)", "the kiosk dates events to the day at most", item)
            if raw.get("display_date") not in (None, ""):
                note("display_date", "the kiosk formats every date itself, in each language", item)
        text = slide.get("text")
        if isinstance(text, dict):
            markup = f"{text.get('headline') or ''} {text.get('text') or ''}"
            if re.search(r"<a\s[^>]*href", markup, re.IGNORECASE):
                note("links in text", "the kiosk shows plain text; the link text is kept, the address dropped", item)
            if re.search(r"<img\b", markup, re.IGNORECASE):
                note("images in text", "images inside the text are dropped; an event has one illustration (media)", item)
        media = slide.get("media")
        if isinstance(media, dict):
            for key in ("caption", "credit"):
                value = html_to_text(media.get(key), one_line=True)
                if value:
                    what = "no image captions" if key == "caption" else "no credit line; add the credit to the illustration credits or to a note"
                    note(f"media.{key} “{_shorten(value, 80)}”", f"the kiosk has {what}", item)
            for key, why in MEDIA_NOT_MAPPED.items():
                if media.get(key) not in (None, ""):
                    note(f"media.{key}", why, item)

    # ---- dates

    def _event_date(self, pair: _Pair, label: str) -> tuple[str, list[tuple[str, str]], str | None]:
        """(date, unmapped date parts, skip reason): the kiosk date of a slide, or why it has none."""
        dates: dict[str, str] = {}
        unmapped: list[tuple[str, str]] = []
        reasons: dict[str, str] = {}
        for language in ("en", "zh"):
            slide = pair.side(language)
            if slide is None:
                continue
            notes: list[str] = []
            try:
                dates[language] = self._slide_date(slide, notes, unmapped)
            except _UnusableDateError as error:
                reasons[language] = str(error)
                continue
            if language == "en" or "en" not in dates:
                for note in notes:
                    self.report.warn(f"{label}: {note}")
        if not dates:
            return "", [], reasons.get("en") or reasons.get("zh")
        if "en" in reasons:
            self.report.warn(f"{label}: the English file's date cannot be used ({reasons['en']}); the Chinese file's {dates['zh']} is used")
        elif "en" in dates and "zh" in dates and dates["en"] != dates["zh"]:
            self.report.warn(f"{label}: the English file dates it {dates['en']}, the Chinese file {dates['zh']}; the English date is used")
        date = dates.get("en") or dates["zh"]
        start_year = int(date[:4])
        if start_year < FIRST_YEAR:
            return "", [], f"{date} lies before {FIRST_YEAR}, where the kiosk's timeline begins"
        if start_year > self.today:
            return "", [], f"{date} lies in the future; the kiosk's timeline ends today"
        return date, unmapped, None

    def _slide_date(self, slide: dict[str, Any], notes: list[str], unmapped: list[tuple[str, str]]) -> str:
        start = _ymd(slide.get("start_date"), "start_date", notes)
        raw_end = slide.get("end_date")
        if not raw_end:
            return start.text()
        try:
            end = _ymd(raw_end, "end_date", notes)
        except _UnusableDateError as error:
            notes.append(f"{error}; the start date alone is used")
            return start.text()
        if end.year == start.year:
            if (end.month, end.day) != (start.month, start.day):
                unmapped.append(("end_date in the start's year", "the kiosk shows one date, or a span of whole years; the start date is used"))
            return start.text()
        if end.year < start.year:
            notes.append(f"end_date {end.text()} comes before start_date {start.text()}; the start date alone is used")
            return start.text()
        if end.year > self.today:
            notes.append(f"end_date {end.text()} lies in the future; the start date alone is used")
            return start.text()
        if start.month is not None or end.month is not None:
            unmapped.append(("months and days of a span", "a span is written in whole years (2010/2020), so its months and days are dropped"))
        return f"{start.year:04d}/{end.year:04d}"

    # ---- texts

    def _texts(self, pair: _Pair) -> dict[str, dict[str, str]]:
        """The headline and text of each language as plain text ("" where a side has none)."""
        raw: dict[str, dict[str, str]] = {"title": {}, "body": {}}
        for language in ("zh", "en"):
            slide = pair.side(language)
            text = slide.get("text") if isinstance(slide, dict) else None
            text = text if isinstance(text, dict) else {}
            raw["title"][language] = html_to_text(text.get("headline"), one_line=True)
            raw["body"][language] = html_to_text(text.get("text"))
        return raw

    def _event_texts(self, raw: dict[str, dict[str, str]], item: str) -> dict[str, dict[str, str]]:
        """title, summary and body of an event that has a headline or a text in some language."""
        titles, bodies = raw["title"], raw["body"]
        if not any(titles.values()):
            titles = {lang: _shorten(first_sentence(body), 80) if body else "" for lang, body in bodies.items()}
            self.report.warn(f"event '{item}' has no headline; its title was made from the text's first sentence (shorten it)")
        if not any(bodies.values()):
            bodies = dict(titles)
            self.report.warn(f"event '{item}' has no text; its headline stands in as summary and body")
        missing = {language: [name for name, values in (("title", titles), ("summary", bodies), ("body", bodies)) if not values[language]] for language in ("zh", "en")}
        self._missing(f"event '{item}'", missing)
        title, body = _both(titles), _both(bodies)
        summary = {language: first_sentence(body[language]) for language in ("zh", "en")}
        return {"title": title, "summary": summary, "body": body}

    def _missing(self, item: str, missing: dict[str, list[str]]) -> None:
        """List the fields of one language that borrow the other language's text."""
        for language, other in (("zh", "en"), ("en", "zh")):
            if missing[language]:
                names = missing[language]
                fields = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
                self.report.missing_translation.append(f"{item}: no {LANGUAGE_NAMES[language]} {fields}; the {LANGUAGE_NAMES[other]} text stands in")

    # ---- media

    def _illustration(self, pair: _Pair, item: str) -> str | None:
        urls = {}
        for language in ("en", "zh"):
            media = (pair.side(language) or {}).get("media")
            if isinstance(media, dict) and isinstance(media.get("url"), str) and media["url"].strip():
                urls[language] = media["url"].strip()
        if not urls:
            return None
        if len(set(urls.values())) > 1:
            self.report.warn(f"{item}: the two files show different media ({urls['en']} / {urls['zh']}); an event has one illustration, the English file's is used")
        language = "en" if "en" in urls else "zh"
        url = urls[language]
        base = (self.en_path if language == "en" else self.zh_path).parent
        parsed = urlparse(url)
        if parsed.netloc or len(parsed.scheme) > 1:
            self.report.not_mapped(
                f"media.url {_shorten(url, 80)}",
                "online media (web images, YouTube, maps, tweets …) cannot be shown on an offline kiosk; save an image into the content folder and set \"illustration\"",
                item,
            )
            return None
        local = Path(unquote(parsed.path))
        if local.is_absolute() or len(parsed.scheme) == 1:
            self.report.not_mapped(f"media.url {url}", "an absolute path on another computer; put the image next to the TimelineJS file and write a relative path", item)
            return None
        source = (base / local).resolve()
        if source.suffix.lower() not in IMAGE_SUFFIXES:
            self.report.not_mapped(f"media.url {url}", "the kiosk shows SVG, PNG, JPEG or WebP images only", item)
            return None
        if not source.is_file():
            self.report.warn(f"event '{item}': the image {url} is not in {base}, the TimelineJS file's folder; it was left out")
            return None
        found, message, hint = resolve_image(source.name, source.parent, ASSETS_DIR)
        if found is None:
            self.report.warn(f"event '{item}': media.url {url}: {message}" + (f" ({hint})" if hint else "") + "; it was left out")
            return None
        name = self._media_name(source)
        target = self.out_dir / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.resolve() != source:
            shutil.copyfile(source, target)
        return f"media/{name}"

    def _media_name(self, source: Path) -> str:
        for name, known in self.media.items():
            if known == source:
                return name
        stem = source.stem.strip() or "image"
        suffix = source.suffix.lower()
        name, number = f"{stem}{suffix}", 1
        while name in self.media:
            number += 1
            name = f"{stem}-{number}{suffix}"
        self.media[name] = source
        return name

    # ---- events

    def events(self, pairs: list[_Pair]) -> list[_Event]:
        events: list[_Event] = []
        for order, pair in enumerate(pairs):
            label = pair.label
            if not isinstance(pair.en, dict):
                pair.en = None
            if not isinstance(pair.zh, dict):
                pair.zh = None
            if pair.en is None and pair.zh is None:
                self.report.skip(label, "the slide is not a JSON object")
                continue
            date, date_parts, reason = self._event_date(pair, label)
            if reason:
                self.report.skip(label, reason)
                continue
            raw = self._texts(pair)
            if not any(raw["title"].values()) and not any(raw["body"].values()):
                self.report.skip(label, "it has no headline and no text in either language")
                continue
            uid = _uid(pair.en) or _uid(pair.zh)
            slug = slugify(uid) if uid else ""
            if not slug:
                words = _short_slug(raw["title"]["en"] or first_sentence(raw["body"]["en"]))
                slug = f"{words}-{date[:4]}" if words else f"event-{date[:4]}"
            event_id = _unique(slug, self.event_ids)
            texts = self._event_texts(raw, event_id)
            for name, explanation in date_parts:
                self.report.not_mapped(name, explanation, event_id)
            for side in (pair.en, pair.zh):
                if side is not None:
                    self._unmapped_slide_fields(side, event_id)
            data: dict[str, Any] = {"id": event_id, "date": date, "era": "", **texts}
            illustration = self._illustration(pair, event_id)
            if illustration:
                data["illustration"] = illustration
            data["sources"] = self.sources
            events.append(_Event(data, parse_date(date).start, order))
        events.sort(key=lambda e: (e.position, e.order))
        return events

    # ---- eras

    def eras(self, zh_doc: dict[str, Any], en_doc: dict[str, Any], events: list[_Event]) -> tuple[list[dict[str, Any]], bool]:
        """The eras, contiguous as the kiosk needs them, and whether the source had eras."""
        zh_eras = zh_doc.get("eras") if isinstance(zh_doc.get("eras"), list) else []
        en_eras = en_doc.get("eras") if isinstance(en_doc.get("eras"), list) else []
        if not zh_eras and not en_eras:
            self.report.warn("the TimelineJS files have no eras; one era 'imported' holds every event (rename it or divide it into eras)")
            return [self._imported_era(events)], False
        if len(zh_eras) != len(en_eras):
            self.report.warn(f"the Chinese file has {len(zh_eras)} eras and the English file {len(en_eras)}; they are paired by order")
        candidates: list[tuple[_Ymd, _Ymd | None, dict[str, Any]]] = []
        taken: set[str] = set()
        for number, (zh_era, en_era) in enumerate(zip_longest(zh_eras, en_eras), 1):
            main = en_era if isinstance(en_era, dict) else zh_era
            label = f"era {number}" + (f" “{_headline(main)}”" if _headline(main) else "")
            if not isinstance(main, dict):
                self.report.skip(label, "the era is not a JSON object")
                continue
            for key in main:
                if key not in ERA_FIELDS:
                    self.report.not_mapped(key, "not a field of TimelineJS's documented era format; ignored", label)
            text = main.get("text")
            if isinstance(text, dict) and html_to_text(text.get("text")):
                self.report.not_mapped("era text.text", "TimelineJS does not use an era's text either; the headline is the era's title and summary", label)
            notes: list[str] = []
            try:
                start = _ymd(main.get("start_date"), "start_date", notes)
            except _UnusableDateError as error:
                self.report.skip(label, str(error))
                continue
            try:
                end = _ymd(main.get("end_date"), "end_date", notes) if main.get("end_date") else None
            except _UnusableDateError as error:
                notes.append(f"{error}; it ends where the next era begins")
                end = None
            for note in notes:
                self.report.warn(f"{label}: {note}")
            if start.year > self.today:
                self.report.skip(label, f"it starts in {start.text()}, in the future")
                continue
            if start.year < FIRST_YEAR:
                if end is not None and end.position <= FIRST_YEAR:
                    self.report.skip(label, f"it lies before {FIRST_YEAR}, where the kiosk's timeline begins")
                    continue
                self.report.warn(f"{label}: starts {start.text()}, before the kiosk's timeline; it now starts in {FIRST_YEAR}")
                start = _Ymd(FIRST_YEAR)
            headlines = {"zh": _headline(zh_era), "en": _headline(en_era)}
            era_id = _unique(_short_slug(headlines["en"], 48) or f"era-{start.year}", taken)
            if not any(headlines.values()):
                span = f"{start.text()}–{end.text()}" if end else f"{start.text()}–"
                headlines = {"zh": span, "en": span}
                self.report.warn(f"era '{era_id}' has no headline; its dates stand in as title and summary")
            self._missing(f"era '{era_id}'", {language: [] if headlines[language] else ["title", "summary"] for language in ("zh", "en")})
            title = _both(headlines)
            candidates.append((start, end, {"id": era_id, "title": title, "summary": dict(title)}))
        if not candidates:
            self.report.warn("no era could be imported; one era 'imported' holds every event")
            return [self._imported_era(events)], True
        return self._contiguous(candidates, events), True

    def _imported_era(self, events: list[_Event]) -> dict[str, Any]:
        start = events[0].data["date"][:4] if events else str(FIRST_YEAR)
        title = dict(IMPORTED_ERA_TITLE)
        return {"id": "imported", "start": start, "end": None, "color": PALETTE[0], "title": title, "summary": dict(title), "sources": self.sources}

    def _contiguous(self, candidates: list[tuple[_Ymd, _Ymd | None, dict[str, Any]]], events: list[_Event]) -> list[dict[str, Any]]:
        candidates.sort(key=lambda c: c[0].position)
        kept: list[tuple[_Ymd, _Ymd | None, dict[str, Any]]] = []
        for candidate in candidates:
            if kept and kept[-1][0].position == candidate[0].position:
                self.report.skip(f"era '{candidate[2]['id']}'", f"it starts on the same date as the era '{kept[-1][2]['id']}' ({candidate[0].text()}); eras follow one another")
                continue
            kept.append(candidate)
        if events and events[0].position < kept[0][0].position:
            first = _Ymd(int(events[0].data["date"][:4]))
            self.report.warn(f"era '{kept[0][2]['id']}' now starts {first.text()} instead of {kept[0][0].text()}, so that it holds the event '{events[0].data['id']}'")
            kept[0] = (first, *kept[0][1:])
        eras: list[dict[str, Any]] = []
        for index, (start, end, texts) in enumerate(kept):
            following = kept[index + 1][0] if index + 1 < len(kept) else None
            era_id = texts["id"]
            if following is None:
                if end is not None:
                    self.report.warn(f"era '{era_id}': the last era lasts until today in the kiosk, so its end {end.text()} was dropped")
            elif end is None:
                self.report.warn(f"era '{era_id}' had no end; it now ends {following.text()}, where the era '{kept[index + 1][2]['id']}' begins")
            elif end.position != following.position:
                gap = "a gap" if end.position < following.position else "an overlap"
                self.report.warn(
                    f"era '{era_id}' ended {end.text()}, leaving {gap} before the era '{kept[index + 1][2]['id']}', which starts {following.text()}; "
                    f"it now ends {following.text()}"
                )
            eras.append(
                {
                    "id": era_id,
                    "start": start.text(),
                    "end": following.text() if following else None,
                    "color": PALETTE[index % len(PALETTE)],
                    "title": texts["title"],
                    "summary": texts["summary"],
                    "sources": self.sources,
                }
            )
        return eras


def _both(values: dict[str, str]) -> dict[str, str]:
    """A text in both languages, a missing side borrowing the other's text."""
    return {"zh": values["zh"] or values["en"], "en": values["en"] or values["zh"]}


def _assign_eras(events: list[_Event], eras: list[dict[str, Any]]) -> None:
    starts = [(parse_date(era["start"]).start, era["id"]) for era in eras]
    for event in events:
        inside = [era_id for start, era_id in starts if start <= event.position]
        event.data["era"] = inside[-1] if inside else starts[0][1]


def _seed_source(file_name: str) -> dict[str, Any]:
    """A bibliography entry for a seed document, titled by its file name until a curator retitles it."""
    stem = Path(file_name).stem
    return {"id": slugify(stem) or "seed", "kind": "seed", "file": file_name, "title": {"zh": stem, "en": stem}}


def _check_seeds(seeds: tuple[str, ...], report: ImportReport, en_path: Path) -> None:
    for seed in seeds:
        if not re.fullmatch(r"[^/\\]+\.txt", seed):
            raise TimelineJSError(f"the seed '{seed}' is not a seed file name: write the name of a file in seeds/, ending in .txt (e.g. 000_ca414db864f0f112.txt)")
    known = {p.name for p in SEEDS_DIR.glob("*.txt")} if SEEDS_DIR.is_dir() else set()
    for seed in seeds:
        if known and seed not in known:
            report.warn(f"the seed '{seed}' is not in {SEEDS_DIR}; the validator will report it until that file is there")
    if not seeds:
        report.warn(
            f"sources must be reviewed: no --seed was given, so every item names '{en_path.stem}.txt'; "
            "put that document in the seeds folder or replace it with the seed files the timeline is based on"
        )


def _dump(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def import_timelinejs(zh_path: Path, en_path: Path, out_dir: Path, *, seeds: tuple[str, ...] = ()) -> ImportReport:
    """Import a Chinese and an English TimelineJS file of one timeline into the content folder out_dir.

    Writes events.json, eras.json (when the source has eras; otherwise events.json also holds the one
    era 'imported'), a copy of the content schema and media/ with the local images. Raises
    TimelineJSError, worded for a curator, when an input file cannot be read or is not TimelineJS.
    """
    zh_path, en_path, out_dir = Path(zh_path), Path(en_path), Path(out_dir)
    zh_doc, en_doc = _read_timeline(zh_path), _read_timeline(en_path)
    outputs = {name: out_dir / name for name in ("events.json", "eras.json", SCHEMA_PATH.name)}
    for source in (zh_path, en_path):
        if any(source.resolve() == target.resolve() for target in outputs.values()):
            raise TimelineJSError(f"{source}: the import would overwrite its own input; choose another OUT_DIR")
    importer = _Importer(zh_path, en_path, out_dir, tuple(seeds))
    report = importer.report
    _check_seeds(tuple(seeds), report, en_path)

    for document in (en_doc, zh_doc):
        for key in document:
            if key not in TOP_LEVEL_FIELDS:
                report.not_mapped(key, "not a field of TimelineJS's documented format; ignored")
        if document.get("scale") not in (None, "", "human"):
            report.not_mapped(f"scale '{document.get('scale')}'", "the kiosk's timeline shows the years from 1890 to today")
    title = next((d["title"] for d in (en_doc, zh_doc) if isinstance(d.get("title"), dict)), None)
    if title is not None:
        headline = _headline(title) or "(no headline)"
        report.not_mapped(f"title slide “{_shorten(headline, 60)}”", "the kiosk has no title slide; its header and home screen are part of the exhibition design")

    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = _pair_slides(zh_doc["events"], en_doc["events"], report)
    events = importer.events(pairs)
    eras, source_has_eras = importer.eras(zh_doc, en_doc, events)
    _assign_eras(events, eras)

    others = sorted(p.name for p in out_dir.glob("*.json") if p.name not in outputs or (p.name == "eras.json" and not source_has_eras))
    for name in others:
        report.warn(f"{out_dir} also holds {name}; the kiosk loads every .json file of a content folder, so remove it if it is not part of this timeline")

    event_document: dict[str, Any] = {"$schema": f"./{SCHEMA_PATH.name}", "sources": importer.bibliography}
    if not source_has_eras:
        event_document["eras"] = eras
    event_document["events"] = [event.data for event in events]
    _dump(outputs["events.json"], event_document)
    report.written.append("events.json")
    if source_has_eras:
        _dump(outputs["eras.json"], {"$schema": f"./{SCHEMA_PATH.name}", "eras": eras})
        report.written.append("eras.json")
    shutil.copyfile(SCHEMA_PATH, outputs[SCHEMA_PATH.name])
    report.written.append(SCHEMA_PATH.name)
    report.written.extend(f"media/{name}" for name in importer.media)
    report.imported = [event.data["id"] for event in events]
    report.eras = [era["id"] for era in eras]
    return report


# --------------------------------------------------------------------------------------------
# Command line


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="import-timelinejs",
        description="Import a Knight Lab TimelineJS timeline (one JSON file per language) into a kiosk content folder.",
    )
    cli.add_argument("--zh", type=Path, required=True, metavar="ZH.json", help="the Chinese TimelineJS file")
    cli.add_argument("--en", type=Path, required=True, metavar="EN.json", help="the English TimelineJS file")
    cli.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="the content folder to write (created if needed)")
    cli.add_argument("--seed", action="append", default=[], metavar="NAME", help="a seed document the timeline is based on (repeat for more)")
    return cli


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as done:  # --help, or arguments argparse already explained
        return done.code if isinstance(done.code, int) else 2
    try:
        report = import_timelinejs(args.zh, args.en, args.out_dir, seeds=tuple(args.seed))
    except TimelineJSError as error:
        print(f"import-timelinejs: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"import-timelinejs: cannot write to {args.out_dir}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
