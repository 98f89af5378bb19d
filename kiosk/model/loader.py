"""Load a content folder into a Content, collecting every problem instead of stopping at one.

Items with errors are left out and the rest is kept, so one typo never blanks the kiosk.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from kiosk.model.checks import resolve_image, text_problems
from kiosk.model.content import Citation, Content, Era, Event, Panel, Point, Series, Source
from kiosk.model.dates import ContentDate, DateError, parse_date
from kiosk.model.glyphs import missing_characters
from kiosk.model.locate import SourceFile, field_of, pointer_of
from kiosk.model.problems import Problem, Severity
from kiosk.model.schema import schema_errors
from kiosk.model.text import Bilingual
from kiosk.paths import ASSETS_DIR, SCHEMA_PATH, SEEDS_DIR

KINDS = ("sources", "eras", "events", "panels", "series")
_ID_IN_TEXT = re.compile(r'"id"\s*:\s*"([^"\\]*)"')
FIRST_YEAR = 1890


@dataclass
class LoadResult:
    content: Content
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Item:
    kind: str
    index: int
    data: dict[str, Any]
    source: SourceFile

    @property
    def path(self) -> list:
        return [self.kind, self.index]


class _Loader:
    def __init__(self, folder: Path, seeds_dir: Path, assets_dir: Path, schema_path: Path, today: int, documents: Path) -> None:
        self.folder = folder
        self.documents = documents
        self.seeds = {p.name for p in seeds_dir.glob("*.txt")} if seeds_dir.is_dir() else set()
        self.seeds_known = seeds_dir.is_dir()
        #: ids of items that exist but were left out over a problem already reported (a file that could
        #: not be read, a schema error): references to them are not reported a second time
        self.unavailable: set[str] = set()
        self.unreadable_texts: list[str] = []
        self.cited: set[str] = set()
        self.bibliography: dict[str, Source] = {}
        self.assets_dir = assets_dir
        self.schema_path = schema_path
        self.today = today
        self.problems: list[Problem] = []

    def report(self, source: SourceFile, path: list, message: str, hint: str = "", severity: Severity = Severity.ERROR) -> None:
        line, column = source.position(pointer_of(path))
        self.problems.append(Problem(source.name, line, column, field_of(path), message, hint, severity))

    def read_files(self) -> tuple[list[_Item], list[str]]:
        items: list[_Item] = []
        names: list[str] = []
        if not self.documents.is_dir():
            self.problems.append(Problem(str(self.documents), 1, 1, "(folder)", "the content folder does not exist", "Check the folder's path."))
            return items, names
        for path in sorted(self.documents.glob("*.json")):
            if path.name.endswith(".schema.json"):
                continue
            names.append(path.name)
            document, source = self._parse(path)
            if document is _UNREADABLE:
                self.unreadable_texts.append(source.text)
                self.unavailable.update(_ID_IN_TEXT.findall(source.text))
                continue
            bad = set()
            for error_path, message, hint in schema_errors(document, self.schema_path):
                self.report(source, error_path, message, hint)
                bad.add(tuple(error_path[:2]))
            if not isinstance(document, dict):
                continue
            for kind in KINDS:
                entries = document.get(kind)
                if not isinstance(entries, list):
                    continue
                for i, entry in enumerate(entries):
                    if not isinstance(entry, dict):
                        continue
                    if (kind, i) in bad:
                        if isinstance(entry.get("id"), str):
                            self.unavailable.add(entry["id"])
                    else:
                        items.append(_Item(kind, i, entry, source))
        if not names:
            self.problems.append(Problem(str(self.folder), 1, 1, "(folder)", "the content folder has no .json files", "Copy the bundled content folder as a start."))
        return items, names

    def _parse(self, path: Path) -> tuple[Any, SourceFile]:
        source = SourceFile(path.name, "")
        try:
            source.text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            self.problems.append(Problem(path.name, 1, error.start + 1, "(whole file)", "the file is not saved as UTF-8 text", "Save it again as UTF-8 in your editor."))
            return _UNREADABLE, source
        except OSError as error:
            self.problems.append(Problem(path.name, 1, 1, "(whole file)", f"the file cannot be read ({error.strerror})", "Check that it exists and that the kiosk may read it."))
            return _UNREADABLE, source
        try:
            return json.loads(source.text, parse_constant=_no_constant), source
        except json.JSONDecodeError as error:
            message, hint = _json_error_words(error)
            self.problems.append(Problem(path.name, error.lineno, error.colno, "(JSON syntax)", message, hint))
        except (ValueError, RecursionError) as error:  # NaN/Infinity, 4,300-digit numbers, absurd nesting
            self.problems.append(Problem(path.name, 1, 1, "(JSON syntax)", f"the file holds something the kiosk cannot read ({error})",
                                         "Check the numbers in the file: write ordinary numbers such as 1058665 or 3.8."))
        return _UNREADABLE, source

    def build(self, items: list[_Item]) -> Content:
        unique = self._unique(self._without_copies(items))
        sources = [self._source(item) for item in unique["sources"]]
        self.bibliography = {source.id: source for source in sources}
        eras = [era for era in (self._era(item) for item in unique["eras"]) if era]
        self._check_era_coverage(eras, unique["eras"])
        era_ids = {era.id: era for era in eras}
        self.unavailable.update(item.data["id"] for item in unique["eras"] if item.data["id"] not in era_ids)
        events = [event for event in (self._event(item, era_ids) for item in unique["events"]) if event]
        self._check_order(unique["events"], events)
        event_ids = {event.id for event in events}
        self.unavailable.update(item.data["id"] for item in unique["events"] if item.data["id"] not in event_ids)
        panel_ids = {item.data["id"] for item in unique["panels"]}
        panels = [panel for panel in (self._panel(item, event_ids, panel_ids) for item in unique["panels"]) if panel]
        series = [s for s in (self._series(item) for item in unique["series"]) if s]
        self._check_uncited(unique["sources"])
        return Content(tuple(eras), tuple(events), tuple(panels), tuple(series), tuple(sources))

    def _without_copies(self, items: list[_Item]) -> list[_Item]:
        """Leave out a file whose ids all repeat another file's (a backup copy), with one message for it.

        A file of one item gets the ordinary "used twice" message: that is one message already.
        """
        by_file: dict[str, set[tuple[str, str]]] = {}
        for item in items:
            by_file.setdefault(item.source.name, set()).add((item.kind, item.data["id"]))
        copies: dict[str, str] = {}
        for name, ids in by_file.items():
            for other, other_ids in by_file.items():
                if other == name or other in copies or len(ids) < 2 or not ids <= other_ids:
                    continue
                if ids == other_ids and not _looks_like_copy(name, other):
                    continue
                copies[name] = other
                self.problems.append(Problem(name, 1, 1, "(whole file)", f"every id in this file is also in {other}: it looks like a copy of it",
                                             "Move the copy out of the content folder (the kiosk reads every .json file there); it is left out until then."))
                break
        return [item for item in items if item.source.name not in copies]

    def _unique(self, items: list[_Item]) -> dict[str, list[_Item]]:
        seen: dict[tuple[str, str], _Item] = {}
        kept: dict[str, list[_Item]] = {kind: [] for kind in KINDS}
        for item in items:
            key = (item.kind, item.data["id"])
            if key in seen:
                first = seen[key]
                where = f"{first.source.name}:{first.source.position(pointer_of(first.path + ['id']))[0]}"
                self.report(item.source, item.path + ["id"], f"the id '{key[1]}' is used twice (first at {where})", "Give every item its own id.")
                continue
            seen[key] = item
            kept[item.kind].append(item)
        return kept

    def _texts(self, item: _Item, names: tuple[str, ...]) -> dict[str, Bilingual | None]:
        texts: dict[str, Bilingual | None] = {}
        for name in names:
            raw = item.data.get(name)
            texts[name] = Bilingual.from_json(raw) if raw else None
            if texts[name]:
                for language, message, hint, is_error in text_problems(name, texts[name]):
                    self.report(item.source, item.path + [name, language], message, hint, Severity.ERROR if is_error else Severity.WARNING)
                for language in ("zh", "en"):
                    self._check_glyphs(item.source, item.path + [name, language], texts[name].get(language))
        return texts

    def _check_glyphs(self, source: SourceFile, path: list, text: str) -> None:
        missing = missing_characters(text)
        if missing:
            self.report(source, path, f"the kiosk's font has no {' '.join(missing)}: visitors would see empty boxes",
                        "Use another character, or rebuild the fonts as the README's Fonts section says.")

    def _sources(self, item: _Item, path: list, raw: list[str | dict[str, str]]) -> tuple[Citation, ...]:
        """The item's citations; an unknown id is an error, a non-seed citation without a quote a warning."""
        citations = []
        for i, entry in enumerate(raw):
            citation = Citation(entry) if isinstance(entry, str) else Citation(entry["source"], entry.get("quote"), entry.get("at"))
            where = path + ["sources", i] + ([] if isinstance(entry, str) else ["source"])
            self.cited.add(citation.source)
            source = self.bibliography.get(citation.source)
            if source is None:
                if citation.source not in self.unavailable:
                    known = ", ".join(sorted(self.bibliography)[:8]) or "(none yet)"
                    self.report(item.source, where, f"there is no source '{citation.source}'", f"Add it to sources.json, or use the id of a source there, e.g. {known}.")
                continue
            for name, text in (("quote", citation.quote), ("at", citation.at)):
                self._check_glyphs(item.source, path + ["sources", i, name], text or "")
            if source.kind != "seed" and not citation.quote:
                self.report(item.source, path + ["sources", i], f"the citation of '{citation.source}' has no quote",
                            f'Write it as {{"source": "{citation.source}", "quote": "…"}} with the passage that supports the text, in its original language.',
                            Severity.WARNING)
            citations.append(citation)
        return tuple(citations)

    def _source(self, item: _Item) -> Source:
        """A bibliography entry; its problems are reported, but it stays, so citations of it still resolve."""
        data = item.data
        date, accessed = self._optional_date(item, "date"), self._optional_date(item, "accessed")
        texts = self._texts(item, ("title", "publisher", "note"))
        self._check_glyphs(item.source, item.path + ["author"], data.get("author", ""))
        if data["kind"] == "seed" and self.seeds_known and data.get("file") not in self.seeds:
            named = ", ".join(sorted(self.seeds)) or "(the folder is empty)"
            self.report(item.source, item.path + ["file"], f"the seed file '{data.get('file')}' is not in the seeds folder", f"Name one of: {named}.")
        return Source(data["id"], data["kind"], texts["title"], texts["publisher"], data.get("author"), date, data.get("url"),
                      accessed, data.get("language"), texts["note"], data.get("file"))

    def _optional_date(self, item: _Item, name: str) -> ContentDate | None:
        """A source's publication or reading date; any year is fine, but it must be a real day."""
        if name not in item.data:
            return None
        try:
            return parse_date(item.data[name])
        except DateError as error:
            self.report(item.source, item.path + [name], str(error))
            return None

    def _check_uncited(self, items: list[_Item]) -> None:
        for item in items:
            source_id = item.data["id"]
            if source_id in self.cited or any(f'"{source_id}"' in text for text in self.unreadable_texts):
                continue
            self.report(item.source, item.path + ["id"], f"nothing cites the source '{source_id}'",
                        "Cite it from the item it supports, or remove it from the bibliography.", Severity.WARNING)

    def _image(self, item: _Item) -> Path | None:
        """The illustration, or None: a broken image is reported but never hides the story."""
        reference = item.data.get("illustration")
        if not reference:
            return None
        path, message, hint = resolve_image(reference, self.folder, self.assets_dir)
        if path is None:
            self.report(item.source, item.path + ["illustration"], message, hint)
        return path

    def _date(self, item: _Item, name: str) -> ContentDate | None:
        try:
            date = parse_date(item.data[name])
        except DateError as error:
            self.report(item.source, item.path + [name], str(error))
            return None
        if not FIRST_YEAR <= date.year <= self.today or date.last_year > self.today:
            self.report(item.source, item.path + [name], f"{item.data[name]} lies outside the exhibition's years", f"Use dates from {FIRST_YEAR} to {self.today}.")
            return None
        return date

    def _era(self, item: _Item) -> Era | None:
        start = self._date(item, "start")
        end = self._date(item, "end") if item.data.get("end") else None
        image = self._image(item)
        texts = self._texts(item, ("title", "summary"))
        sources = self._sources(item, item.path, item.data["sources"])
        if start is None or (item.data.get("end") and end is None):
            return None
        if end is not None and end.start <= start.start:
            self.report(item.source, item.path + ["end"], "the era ends before it starts", "Check start and end.")
            return None
        return Era(item.data["id"], start, end, item.data["color"], texts["title"], texts["summary"], image, sources)

    def _check_era_coverage(self, eras: list[Era], items: list[_Item]) -> None:
        by_id = {item.data["id"]: item for item in items}
        ordered = sorted(eras, key=lambda era: era.start.start)
        for before, after in pairwise(ordered):
            item = by_id[before.id]
            if before.end is None:
                self.report(item.source, item.path + ["end"], f"only the last era may last until today, but '{after.id}' comes after it", f"Give it the end date {by_id[after.id].data['start']}.")
            elif before.end.start != after.start.start:
                gap = "a gap" if before.end.start < after.start.start else "an overlap"
                self.report(item.source, item.path + ["end"], f"leaves {gap} before the era '{after.id}', which starts {by_id[after.id].data['start']}", "An era must end where the next one starts.")
        if ordered and ordered[-1].end is not None:
            item = by_id[ordered[-1].id]
            self.report(item.source, item.path + ["end"], "the last era should last until today", "Write \"end\": null.", Severity.WARNING)

    def _event(self, item: _Item, eras: dict[str, Era]) -> Event | None:
        date = self._date(item, "date")
        image = self._image(item)
        texts = self._texts(item, ("title", "summary", "body", "note"))
        sources = self._sources(item, item.path, item.data["sources"])
        era = eras.get(item.data["era"])
        if era is None and item.data["era"] in self.unavailable:
            return None
        if era is None:
            self.report(item.source, item.path + ["era"], f"there is no era '{item.data['era']}'", f"Use one of: {', '.join(eras)}.")
            return None
        if date is None:
            return None
        if not era.contains(date):
            self.report(item.source, item.path + ["date"], f"{item.data['date']} is outside the era '{era.id}'", "Pick the era the date falls in, or check the date.")
        return Event(item.data["id"], date, era.id, texts["title"], texts["summary"], texts["body"], texts["note"], image, sources)

    def _check_order(self, items: list[_Item], events: list[Event]) -> None:
        dated = {event.id: event.date for event in events}
        previous: tuple[float, str] | None = None
        for item in items:
            date = dated.get(item.data["id"])
            if date is None:
                continue
            if previous and (date.start < previous[0]) and item.source.name == previous[1]:
                self.report(item.source, item.path + ["date"], "the event comes before the one above it in the file", "Keep events in date order so the file reads like the timeline.", Severity.WARNING)
            previous = (date.start, item.source.name)

    def _panel(self, item: _Item, event_ids: set[str], panel_ids: set[str]) -> Panel | None:
        """A panel; its related_events name timeline events or, where no event has the id, other panels."""
        image = self._image(item)
        texts = self._texts(item, ("title", "summary", "body", "note"))
        sources = self._sources(item, item.path, item.data["sources"])
        related = item.data.get("related_events", [])
        linkable = event_ids | (panel_ids - {item.data["id"]})
        for i, related_id in enumerate(related):
            if related_id not in linkable and related_id not in self.unavailable:
                self.report(item.source, item.path + ["related_events", i], f"there is no event or other panel '{related_id}'", "Use the id of an event on the timeline or of another panel.")
        known = tuple(e for e in related if e in linkable)
        return Panel(item.data["id"], texts["title"], texts["summary"], texts["body"], texts["note"], image, known, sources, item.data.get("group", "culture"))

    def _series(self, item: _Item) -> Series | None:
        texts = self._texts(item, ("title", "takeaway", "note"))
        sources = self._sources(item, item.path, item.data["sources"])
        points = []
        for i, raw in enumerate(item.data["points"]):
            point_item = _Item(item.kind, item.index, raw, item.source)
            path = item.path + ["points", i]
            value = _finite(raw["value"])
            if value is None:
                self.report(item.source, path + ["value"], f"{str(raw['value'])[:30]} is not a number a chart can show",
                            f"Write an ordinary number smaller than {MAX_VALUE:,.0f}.")
                return None
            label = Bilingual.from_json(raw["label"]) if "label" in raw else None
            note = Bilingual.from_json(raw["note"]) if "note" in raw else None
            year = int(raw["year"]) if "year" in raw else None
            points.append(Point(value, label, year, note, self._sources(point_item, path, raw["sources"])))
        return Series(item.data["id"], item.data["chart"], item.data["unit"], texts["title"], texts["takeaway"], tuple(points), texts["note"], sources)


_UNREADABLE = object()  # a file that is not JSON (a file holding just `null` still is)
MAX_VALUE = 1e15


def _looks_like_copy(name: str, other: str) -> bool:
    """Of two files with the same ids, which is the copy: events-copy.json of events.json; else the later name."""
    stem, other_stem = Path(name).stem, Path(other).stem
    if other_stem in stem or stem in other_stem:
        return other_stem in stem
    return name > other


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number")


def _finite(value: float) -> float | None:
    try:
        number = float(value)
    except (OverflowError, ValueError):
        return None
    return number if math.isfinite(number) and abs(number) < MAX_VALUE else None


#: json's own messages -> (what is wrong, how to fix it), in a curator's words
JSON_ERROR_WORDS = (
    ("Expecting ',' delimiter", "a comma is missing between two entries", "Put a comma after the previous value or closing bracket."),
    ("Expecting property name", "expected a field name in double quotes", "Remove a trailing comma before } or ], or put the name in \"double quotes\"."),
    ("Expecting ':' delimiter", "a colon is missing after a field name", "Write \"field\": value."),
    ("Expecting value", "expected a value here", "Remove a trailing comma, or write text in \"double quotes\"."),
    ("Unterminated string", "a text is not closed with a double quote", "Add the closing \" (use “ ” or 「」 inside Chinese text, not \")."),
    ("Invalid control character", "a line break or tab inside a text", "Keep each text on one line; write \\n for a new paragraph."),
    ("Extra data", "there is more after the end of the file's content", "Make sure the file is one { … } group."),
    ("Invalid \\escape", "a backslash starts an unknown escape", "Write \\\\ for a backslash."),
)


def _json_error_words(error: json.JSONDecodeError) -> tuple[str, str]:
    for prefix, message, hint in JSON_ERROR_WORDS:
        if error.msg.startswith(prefix):
            return message, hint
    return f"the file is not valid JSON ({error.msg})", "Check brackets, commas and quotes around this place."


def load_content(
    folder: Path,
    *,
    seeds_dir: Path = SEEDS_DIR,
    assets_dir: Path = ASSETS_DIR,
    schema_path: Path = SCHEMA_PATH,
    today: int | None = None,
    documents: Path | None = None,
) -> LoadResult:
    """Load the content of `folder`; `documents` reads the JSON from elsewhere (a last-good copy)
    while images still resolve inside `folder`."""
    folder = Path(folder)
    loader = _Loader(folder, seeds_dir, assets_dir, schema_path, today or datetime.date.today().year, Path(documents or folder))
    items, names = loader.read_files()
    content = loader.build(items)
    problems = sorted(loader.problems, key=lambda p: (p.file, p.line, p.column))
    return LoadResult(content, problems, names)
