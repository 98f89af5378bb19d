"""TimelineJS eras as the kiosk's eras, which follow one another without gaps and hold every event."""

from __future__ import annotations

from itertools import zip_longest
from typing import Any

from kiosk.curation.timelinejs.dates import UnusableDateError, Ymd, ymd
from kiosk.curation.timelinejs.reading import slide_headline
from kiosk.curation.timelinejs.report import ImportReport
from kiosk.curation.timelinejs.slides import ImportedEvent
from kiosk.curation.timelinejs.sources import Bibliography
from kiosk.curation.timelinejs.text import both, html_to_text, short_slug, unique
from kiosk.model.dates import parse_date
from kiosk.model.loader import FIRST_YEAR

#: Muted band colours for imported eras, in the spirit of the bundled ones; used in turn.
PALETTE = ("#D8C9A3", "#D1AE78", "#BFA58A", "#C08478", "#AEBB9F", "#A9B9C9", "#B5B8B1", "#B9CDB0")
IMPORTED_ERA_TITLE = {"zh": "导入的时间轴", "en": "Imported timeline"}
ERA_FIELDS = {"start_date", "end_date", "text"}


class EraBuilder:
    """Builds the eras of one import; everything it had to change goes to the report."""

    def __init__(self, report: ImportReport, bibliography: Bibliography, today: int) -> None:
        self.report = report
        self.bibliography = bibliography
        self.today = today

    def eras(self, zh_doc: dict[str, Any], en_doc: dict[str, Any], events: list[ImportedEvent]) -> tuple[list[dict[str, Any]], bool]:
        """The eras, contiguous as the kiosk needs them, and whether the source had eras."""
        zh_eras = zh_doc.get("eras") if isinstance(zh_doc.get("eras"), list) else []
        en_eras = en_doc.get("eras") if isinstance(en_doc.get("eras"), list) else []
        if not zh_eras and not en_eras:
            self.report.warn("the TimelineJS files have no eras; one era 'imported' holds every event (rename it or divide it into eras)")
            return [self._imported_era(events)], False
        if len(zh_eras) != len(en_eras):
            self.report.warn(f"the Chinese file has {len(zh_eras)} eras and the English file {len(en_eras)}; they are paired by order")
        candidates: list[tuple[Ymd, Ymd | None, dict[str, Any]]] = []
        taken: set[str] = set()
        for number, (zh_era, en_era) in enumerate(zip_longest(zh_eras, en_eras), 1):
            main = en_era if isinstance(en_era, dict) else zh_era
            label = f"era {number}" + (f" “{slide_headline(main)}”" if slide_headline(main) else "")
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
                start = ymd(main.get("start_date"), "start_date", notes)
            except UnusableDateError as error:
                self.report.skip(label, str(error))
                continue
            try:
                end = ymd(main.get("end_date"), "end_date", notes) if main.get("end_date") else None
            except UnusableDateError as error:
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
                start = Ymd(FIRST_YEAR)
            headlines = {"zh": slide_headline(zh_era), "en": slide_headline(en_era)}
            era_id = unique(short_slug(headlines["en"], 48) or f"era-{start.year}", taken)
            sources = self.bibliography.cite(headlines["zh"] or headlines["en"] or self.bibliography.title_quote)
            if not any(headlines.values()):
                span = f"{start.text()}–{end.text()}" if end else f"{start.text()}–"
                headlines = {"zh": span, "en": span}
                self.report.warn(f"era '{era_id}' has no headline; its dates stand in as title and summary")
            self.report.missing(f"era '{era_id}'", {language: [] if headlines[language] else ["title", "summary"] for language in ("zh", "en")})
            title = both(headlines)
            candidates.append((start, end, {"id": era_id, "title": title, "summary": dict(title), "sources": sources}))
        if not candidates:
            self.report.warn("no era could be imported; one era 'imported' holds every event")
            return [self._imported_era(events)], True
        return self._contiguous(candidates, events), True

    def _imported_era(self, events: list[ImportedEvent]) -> dict[str, Any]:
        start = events[0].data["date"][:4] if events else str(FIRST_YEAR)
        title = dict(IMPORTED_ERA_TITLE)
        # the era is the whole timeline: its title supports it, or else the slide it opens with
        quote = self.bibliography.title_quote
        sources = self.bibliography.cite(quote) if quote or not events else events[0].data["sources"]
        return {"id": "imported", "start": start, "end": None, "color": PALETTE[0], "title": title, "summary": dict(title), "sources": sources}

    def _contiguous(self, candidates: list[tuple[Ymd, Ymd | None, dict[str, Any]]], events: list[ImportedEvent]) -> list[dict[str, Any]]:
        candidates.sort(key=lambda c: c[0].position)
        kept: list[tuple[Ymd, Ymd | None, dict[str, Any]]] = []
        for candidate in candidates:
            if kept and kept[-1][0].position == candidate[0].position:
                self.report.skip(f"era '{candidate[2]['id']}'", f"it starts on the same date as the era '{kept[-1][2]['id']}' ({candidate[0].text()}); eras follow one another")
                continue
            kept.append(candidate)
        if events and events[0].position < kept[0][0].position:
            first = Ymd(int(events[0].data["date"][:4]))
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
                    "sources": texts["sources"],
                }
            )
        return eras


def assign_eras(events: list[ImportedEvent], eras: list[dict[str, Any]]) -> None:
    """Put each event in the era it falls in (the first era for an event before all of them)."""
    starts = [(parse_date(era["start"]).start, era["id"]) for era in eras]
    for event in events:
        inside = [era_id for start, era_id in starts if start <= event.position]
        event.data["era"] = inside[-1] if inside else starts[0][1]
