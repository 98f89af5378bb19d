"""Eras, events, culture panels and figure series, and the queries the screens need."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.model.dates import ContentDate
from kiosk.model.text import Bilingual

#: Kinds of source, in the order the curator's guide explains them.
SOURCE_KINDS = ("seed", "encyclopedia", "statistics", "news", "chronicle", "local-history", "journal", "book", "archive", "interview", "timeline")
#: Panel groups: the Dongbei culture gallery, and stories of today that no source dates.
PANEL_GROUPS = ("culture", "today")


@dataclass(frozen=True, slots=True)
class Citation:
    """One item's use of one source: the id, and for non-seed sources the supporting passage."""

    source: str
    quote: str | None = None
    at: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the bibliography; visitors see it as credits and full references, never as a file."""

    id: str
    kind: str
    title: Bilingual
    publisher: Bilingual | None = None
    author: str | None = None
    date: ContentDate | None = None
    url: str | None = None
    accessed: ContentDate | None = None
    language: str | None = None
    note: Bilingual | None = None
    file: str | None = None


@dataclass(frozen=True, slots=True)
class Era:
    id: str
    start: ContentDate
    end: ContentDate | None
    color: str
    title: Bilingual
    summary: Bilingual
    illustration: Path | None
    sources: tuple[Citation, ...]

    def contains(self, date: ContentDate) -> bool:
        return self.start.start <= date.start and (self.end is None or date.start < self.end.start)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: ContentDate
    era: str
    title: Bilingual
    summary: Bilingual
    body: Bilingual
    note: Bilingual | None
    illustration: Path | None
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Panel:
    id: str
    title: Bilingual
    summary: Bilingual
    body: Bilingual
    note: Bilingual | None
    illustration: Path | None
    related_events: tuple[str, ...]
    sources: tuple[Citation, ...]
    group: str = "culture"


@dataclass(frozen=True, slots=True)
class Point:
    value: float
    label: Bilingual | None
    year: int | None
    note: Bilingual | None
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    chart: str
    unit: str
    title: Bilingual
    takeaway: Bilingual
    points: tuple[Point, ...]
    note: Bilingual | None
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class Content:
    """All content of one load; immutable so a reload can swap it whole."""

    eras: tuple[Era, ...] = ()
    events: tuple[Event, ...] = ()
    panels: tuple[Panel, ...] = ()
    series: tuple[Series, ...] = ()
    sources: tuple[Source, ...] = ()
    _source_index: dict[str, Source] = field(init=False, repr=False, compare=False)
    _event_index: dict[str, int] = field(init=False, repr=False, compare=False)
    _starts: list[float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.events, key=lambda e: (e.date.start, e.date.end, e.id)))
        object.__setattr__(self, "events", ordered)
        object.__setattr__(self, "eras", tuple(sorted(self.eras, key=lambda e: e.start.start)))
        object.__setattr__(self, "_event_index", {e.id: i for i, e in enumerate(ordered)})
        object.__setattr__(self, "_source_index", {s.id: s for s in self.sources})
        object.__setattr__(self, "_starts", [e.date.start for e in ordered])

    def event(self, event_id: str) -> Event | None:
        index = self._event_index.get(event_id)
        return None if index is None else self.events[index]

    def source(self, source_id: str) -> Source | None:
        return self._source_index.get(source_id)

    def panels_in(self, group: str) -> tuple[Panel, ...]:
        """The panels of one gallery group, in file order."""
        return tuple(panel for panel in self.panels if panel.group == group)

    def index_of(self, event_id: str) -> int:
        return self._event_index[event_id]

    def era(self, era_id: str) -> Era | None:
        return next((era for era in self.eras if era.id == era_id), None)

    def panel(self, panel_id: str) -> Panel | None:
        return next((panel for panel in self.panels if panel.id == panel_id), None)

    def neighbour(self, event_id: str, step: int) -> Event | None:
        """The event `step` places before or after, in date order; None past either end."""
        index = self._event_index[event_id] + step
        return self.events[index] if 0 <= index < len(self.events) else None

    def event_starts(self) -> list[float]:
        return self._starts

    def span(self, today: float) -> tuple[float, float]:
        """The years the timeline covers: the first era's start to today."""
        first = self.eras[0].start.start if self.eras else (self._starts[0] if self._starts else today - 1)
        return first, today

    def texts(self) -> list[Bilingual]:
        """Every bilingual string, for font coverage and translation reports."""
        found: list[Bilingual] = []
        for item in (*self.eras, *self.events, *self.panels, *self.series):
            for name in ("title", "summary", "body", "note", "takeaway"):
                value = getattr(item, name, None)
                if value is not None:
                    found.append(value)
        for source in self.sources:
            found.extend(text for text in (source.title, source.publisher, source.note) if text)
        for series in self.series:
            found.extend(text for point in series.points for text in (point.label, point.note) if text)
        return found
