"""Slides as the kiosk's bilingual events: dates, texts, illustration, and what has no place on a card."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kiosk.curation.timelinejs.dates import UnusableDateError, ymd
from kiosk.curation.timelinejs.media import MediaCopier
from kiosk.curation.timelinejs.reading import Pair, slide_uid
from kiosk.curation.timelinejs.report import ImportReport
from kiosk.curation.timelinejs.sources import QUOTE_LIMIT, Bibliography
from kiosk.curation.timelinejs.text import both, first_sentence, html_to_text, short_slug, shorten, slugify, unique
from kiosk.model.dates import parse_date
from kiosk.model.loader import FIRST_YEAR

SLIDE_FIELDS = {"start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id"}
TIME_PARTS = ("hour", "minute", "second", "millisecond")
MEDIA_NOT_MAPPED = {
    "thumbnail": "the kiosk's timeline markers show no thumbnails",
    "alt": "the kiosk's illustrations are decorative and have no alternative text",
    "title": "the kiosk shows no image titles",
    "link": "visitors cannot follow links on an offline kiosk",
    "link_target": "visitors cannot follow links on an offline kiosk",
}


@dataclass
class ImportedEvent:
    data: dict[str, Any]
    position: float
    order: int


class SlideImporter:
    """Turns paired slides into events; everything it cannot map goes to the report."""

    def __init__(self, report: ImportReport, bibliography: Bibliography, today: int, media: MediaCopier) -> None:
        self.report = report
        self.bibliography = bibliography
        self.today = today
        self.media = media
        self.event_ids: set[str] = set()

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
                    note(f"media.{key} “{shorten(value, 80)}”", f"the kiosk has {what}", item)
            for key, why in MEDIA_NOT_MAPPED.items():
                if media.get(key) not in (None, ""):
                    note(f"media.{key}", why, item)

    # ---- dates

    def _event_date(self, pair: Pair, label: str) -> tuple[str, list[tuple[str, str]], str | None]:
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
            except UnusableDateError as error:
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
        start = ymd(slide.get("start_date"), "start_date", notes)
        raw_end = slide.get("end_date")
        if not raw_end:
            return start.text()
        try:
            end = ymd(raw_end, "end_date", notes)
        except UnusableDateError as error:
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

    def _texts(self, pair: Pair) -> dict[str, dict[str, str]]:
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
            titles = {lang: shorten(first_sentence(body), 80) if body else "" for lang, body in bodies.items()}
            self.report.warn(f"event '{item}' has no headline; its title was made from the text's first sentence (shorten it)")
        if not any(bodies.values()):
            bodies = dict(titles)
            self.report.warn(f"event '{item}' has no text; its headline stands in as summary and body")
        missing = {language: [name for name, values in (("title", titles), ("summary", bodies), ("body", bodies)) if not values[language]] for language in ("zh", "en")}
        self.report.missing(f"event '{item}'", missing)
        title, body = both(titles), both(bodies)
        summary = {language: first_sentence(body[language]) for language in ("zh", "en")}
        return {"title": title, "summary": summary, "body": body}

    # ---- events

    def events(self, pairs: list[Pair]) -> list[ImportedEvent]:
        events: list[ImportedEvent] = []
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
            uid = slide_uid(pair.en) or slide_uid(pair.zh)
            slug = slugify(uid) if uid else ""
            if not slug:
                words = short_slug(raw["title"]["en"] or first_sentence(raw["body"]["en"]))
                slug = f"{words}-{date[:4]}" if words else f"event-{date[:4]}"
            event_id = unique(slug, self.event_ids)
            texts = self._event_texts(raw, event_id)
            for name, explanation in date_parts:
                self.report.not_mapped(name, explanation, event_id)
            for side in (pair.en, pair.zh):
                if side is not None:
                    self._unmapped_slide_fields(side, event_id)
            data: dict[str, Any] = {"id": event_id, "date": date, "era": "", **texts}
            illustration = self.media.illustration(pair, event_id)
            if illustration:
                data["illustration"] = illustration
            # the museum's own words for the story: its headline, else the first sentence of its text
            quote = raw["title"]["zh"] or raw["title"]["en"] or first_sentence(raw["body"]["zh"] or raw["body"]["en"], QUOTE_LIMIT)
            data["sources"] = self.bibliography.cite(quote)
            events.append(ImportedEvent(data, parse_date(date).start, order))
        events.sort(key=lambda e: (e.position, e.order))
        return events
