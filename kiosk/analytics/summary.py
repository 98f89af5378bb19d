"""What curators ask of the log: how many visits, how long, in which language, what was read, where visits end.

`summarize` reads a database into a `Summary` (plain numbers and content ids); the Visitors screen
draws it, `format_summary` prints it for the command line and `export_csv` writes one CSV per table.
Days and hours are the local time of the computer reading the file.
"""

from __future__ import annotations

import csv
import datetime
import sqlite3
import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.analytics.store import COLUMNS, open_for_reading
from kiosk.i18n import N_, format_duration

LENGTH_BINS: tuple[tuple[float, str], ...] = (
    (30, N_("under 30 s")), (60, N_("30 s to 1 min")), (120, N_("1 to 2 min")), (300, N_("2 to 5 min")), (600, N_("5 to 10 min")),
    (float("inf"), N_("10 min or more")),
)
"""Upper bounds (seconds, exclusive) and labels of the visit-length bins (English here, translated on screen)."""
PLACE_LABELS = {"home": N_("timeline & culture"), "story": N_("a story card"), "panel": N_("a culture panel"),
                "numbers": N_("Hegang in numbers")}
"""Where a visit can end (`Summary.endings`), in words."""
TOP = 10


@dataclass(frozen=True, slots=True)
class ItemFigures:
    """One story, panel or chart: how often it was opened and how long it stayed open."""

    item: str
    opens: int
    dwell_s: float
    median_dwell_s: float


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything the Visitors screen and `hegang-kiosk analytics` show."""

    visits: int = 0
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None
    kiosks: tuple[tuple[str, int], ...] = ()
    per_day: tuple[tuple[datetime.date, int], ...] = ()
    """Every day from the first to the last, days without visits included."""
    per_hour: tuple[int, ...] = (0,) * 24
    median_length_s: float | None = None
    length_bins: tuple[int, ...] = (0,) * len(LENGTH_BINS)
    languages: tuple[tuple[str, int], ...] = ()
    """Visits by the language they were read in (the last one chosen), most first."""
    switched_visits: int = 0
    switches: int = 0
    opened: Mapping[str, int] = field(default_factory=dict)
    """"story", "panel", "chart": how often any of them was opened."""
    top: Mapping[str, tuple[ItemFigures, ...]] = field(default_factory=dict)
    """"story", "panel", "chart": the most opened first."""
    endings: tuple[tuple[str, int], ...] = ()
    """Where visits ended (home, story, panel, numbers), most first."""
    attract_per_hour: tuple[int, ...] = (0,) * 24
    countdowns: tuple[int, int] = (0, 0)
    """(survived, expired)"""
    reloads: int = 0
    errors: int = 0

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1 if self.first_day and self.last_day else 0

    def top_by_dwell(self, kind: str) -> tuple[ItemFigures, ...]:
        return tuple(sorted(self.top.get(kind, ()), key=lambda figures: -figures.dwell_s))


VISITS_SINCE = """
SELECT visit, kiosk, MIN(time),
       MAX(CASE WHEN kind = 'visit_end' THEN value END),
       MAX(CASE WHEN kind = 'visit_start' THEN item END),
       MAX(CASE WHEN kind = 'visit_end' THEN item END)
FROM events WHERE time >= ? AND visit IS NOT NULL
GROUP BY visit, kiosk HAVING SUM(kind = 'visit_start') > 0
"""
"""The `visits` view for the visits that started in the period, read through the time index."""


def summarize(connection: sqlite3.Connection, since: datetime.date | None = None) -> Summary:
    """The summary of every row from local midnight of `since` on (all rows without it)."""
    start = datetime.datetime.combine(since, datetime.time()).timestamp() if since else float("-inf")
    query = _Query(connection, start)
    visits = query.rows(VISITS_SINCE)
    if not visits:
        return Summary()
    local = {visit: datetime.datetime.fromtimestamp(started) for visit, _kiosk, started, *_rest in visits}
    days = sorted({moment.date() for moment in local.values()})
    per_day_count: dict[datetime.date, int] = {}
    per_hour = [0] * 24
    for moment in local.values():
        per_day_count[moment.date()] = per_day_count.get(moment.date(), 0) + 1
        per_hour[moment.hour] += 1
    span = (days[-1] - days[0]).days + 1
    per_day = tuple((days[0] + datetime.timedelta(offset), per_day_count.get(days[0] + datetime.timedelta(offset), 0))
                    for offset in range(span))
    lengths = [length / 1000 for *_head, length, _language, _place in visits if length is not None]
    bins = [0] * len(LENGTH_BINS)
    for seconds in lengths:
        bins[next(index for index, (upper, _label) in enumerate(LENGTH_BINS) if seconds < upper)] += 1
    kiosks: dict[str, int] = {}
    for _visit, kiosk, *_rest in visits:
        kiosks[kiosk] = kiosks.get(kiosk, 0) + 1
    last_language = dict(query.rows(
        "SELECT visit, item FROM events WHERE kind = 'language' AND time >= ? AND visit IS NOT NULL ORDER BY time"
    ))
    languages: dict[str, int] = {}
    for visit, _kiosk, _started, _length, language, _place in visits:
        read = last_language.get(visit, language) or "zh"
        languages[read] = languages.get(read, 0) + 1
    switched, switches = query.rows("SELECT COUNT(DISTINCT visit), COUNT(*) FROM events WHERE kind = 'language' AND time >= ?")[0]
    endings: dict[str, int] = {}
    for *_head, place in visits:
        if place is not None:
            endings[place] = endings.get(place, 0) + 1
    attract = [0] * 24
    for (moment,) in query.rows("SELECT time FROM events WHERE kind = 'attract_interrupted' AND time >= ?"):
        attract[datetime.datetime.fromtimestamp(moment).hour] += 1
    countdowns = dict(query.rows("SELECT item, COUNT(*) FROM events WHERE kind = 'countdown' AND time >= ? GROUP BY item"))
    kinds = dict(query.rows("SELECT kind, COUNT(*) FROM events WHERE kind IN ('reload', 'error', 'story_open', 'panel_open', "
                            "'chart_open') AND time >= ? GROUP BY kind"))
    return Summary(
        visits=len(visits),
        first_day=days[0],
        last_day=days[-1],
        kiosks=_most_first(kiosks),
        per_day=per_day,
        per_hour=tuple(per_hour),
        median_length_s=statistics.median(lengths) if lengths else None,
        length_bins=tuple(bins),
        languages=_most_first(languages),
        switched_visits=switched,
        switches=switches,
        opened={kind: kinds.get(f"{kind}_open", 0) for kind in ("story", "panel", "chart")},
        top={kind: query.top(kind) for kind in ("story", "panel", "chart")},
        endings=_most_first(endings),
        attract_per_hour=tuple(attract),
        countdowns=(countdowns.get("survived", 0), countdowns.get("expired", 0)),
        reloads=kinds.get("reload", 0),
        errors=kinds.get("error", 0),
    )


def _most_first(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))


@dataclass(frozen=True, slots=True)
class _Query:
    connection: sqlite3.Connection
    start: float

    def rows(self, sql: str) -> list[tuple]:
        return self.connection.execute(sql, (self.start,)).fetchall()

    def top(self, kind: str) -> tuple[ItemFigures, ...]:
        opens = dict(self.rows(f"SELECT item, COUNT(*) FROM events WHERE kind = '{kind}_open' AND time >= ? GROUP BY item"))
        dwells: dict[str, list[float]] = {}
        for item, value in self.rows(f"SELECT item, value FROM events WHERE kind = '{kind}_close' AND time >= ?"):
            dwells.setdefault(item, []).append((value or 0) / 1000)
        figures = [ItemFigures(item, count, sum(dwells.get(item, ())), statistics.median(dwells[item]) if item in dwells else 0.0)
                   for item, count in opens.items()]
        return tuple(sorted(figures, key=lambda f: (-f.opens, -f.dwell_s, f.item))[:TOP])


# -- text for the command line ---------------------------------------------------------------------

LANGUAGE_LABELS = {"zh": "Chinese", "en": "English"}
BAR_WIDTH = 30


def duration(seconds: float) -> str:
    """'45 s', '2 min 05 s', '3 h 20 min': short and exact enough for a curator."""
    return format_duration(seconds, "en")


def _bar(count: int, largest: int) -> str:
    return "█" * round(BAR_WIDTH * count / largest) if largest else ""


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def format_summary(summary: Summary, titles: Callable[[str], str] = lambda item: "") -> str:
    """The summary as text, English, for a terminal 100 columns wide; `titles` gives a story's title for its id."""
    if not summary.visits:
        return "No visits recorded yet."
    lines = [
        f"Visits            {summary.visits:,} from {summary.first_day} to {summary.last_day} ({summary.days} days, "
        f"{summary.visits / summary.days:.1f} a day)",
        "Kiosks            " + ", ".join(f"{name} ({count:,})" for name, count in summary.kiosks),
        "",
    ]
    busiest = max(summary.per_day, key=lambda pair: pair[1])
    lines.append(f"Visits per day    busiest {busiest[0]} ({busiest[1]:,}); last {min(14, len(summary.per_day))} days:")
    recent = summary.per_day[-14:]
    largest = max(count for _day, count in recent)
    lines += [f"  {day:%a %d %b}   {count:>6,}  {_bar(count, largest)}" for day, count in recent]
    lines += ["", "Visits by hour of day"]
    hours = [hour for hour, count in enumerate(summary.per_hour) if count]
    largest = max(summary.per_hour)
    lines += [f"  {hour:02d}:00        {summary.per_hour[hour]:>6,}  {_bar(summary.per_hour[hour], largest)}"
              for hour in range(hours[0], hours[-1] + 1)]
    completed = sum(summary.length_bins)
    lines += ["", f"Visit length      median {duration(summary.median_length_s or 0)} "
              f"(first to last touch; {completed:,} visits ended by the idle reset or staff)"]
    largest = max(summary.length_bins)
    lines += [f"  {label:<15} {count:>6,}  {_percent(count, completed):>5}  {_bar(count, largest)}"
              for (_upper, label), count in zip(LENGTH_BINS, summary.length_bins, strict=True)]
    lines += ["", "Language          " + ", ".join(f"{LANGUAGE_LABELS.get(code, code)} {_percent(count, summary.visits)}"
                                                   for code, count in summary.languages)
              + " of visits (the language read last)",
              f"Switched language {_percent(summary.switched_visits, summary.visits)} of visits "
              f"({summary.switches:,} switches, {summary.switches / summary.visits:.2f} a visit)"]
    for kind, heading in (("story", "Top stories"), ("panel", "Top culture panels"), ("chart", "Top charts (a value tapped)")):
        figures = summary.top.get(kind, ())
        if not figures:
            continue
        lines += ["", f"{heading} ({summary.opened.get(kind, 0):,} opened, {summary.opened.get(kind, 0) / summary.visits:.2f} a visit)"]
        lines += [f"{'':<44}  opens   dwell in all   median dwell   id"]
        for rank, item in enumerate(figures, 1):
            name = titles(item.item) or item.item
            name = name if len(name) <= 40 else name[:39] + "…"
            lines.append(f"  {rank:>2}. {name:<40} {item.opens:>6,}  {duration(item.dwell_s):>13}  {duration(item.median_dwell_s):>13}   {item.item}")
        longest = summary.top_by_dwell(kind)[0]
        lines.append(f"      read longest in all: {titles(longest.item) or longest.item} ({duration(longest.dwell_s)})")
    ended = sum(count for _place, count in summary.endings)
    lines += ["", "Where visits end  " + ", ".join(f"{PLACE_LABELS.get(place, place)} {_percent(count, ended)}"
                                                   for place, count in summary.endings)]
    interrupted = sum(summary.attract_per_hour)
    busiest_hour = max(range(24), key=lambda hour: summary.attract_per_hour[hour])
    lines.append(f"Attract loop      interrupted {interrupted:,} times"
                 + (f", most often at {busiest_hour:02d}:00 ({summary.attract_per_hour[busiest_hour]:,})" if interrupted else ""))
    survived, expired = summary.countdowns
    lines.append(f"Still exploring?  answered by a touch {survived:,} times, ran out {expired:,} times")
    lines.append(f"Kiosk             {summary.reloads:,} content reloads, {summary.errors:,} errors")
    return "\n".join(lines)


# -- CSV ----------------------------------------------------------------------------------------

def export_csv(connection: sqlite3.Connection, summary: Summary, folder: Path, since: datetime.date | None = None) -> list[Path]:
    """One CSV per table: the raw events and visits, and each table of the summary (UTF-8 with BOM, for Excel)."""
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime.datetime.combine(since, datetime.time()).timestamp() if since else float("-inf")
    iso = datetime.datetime.fromtimestamp
    events = connection.execute(f"SELECT {', '.join(COLUMNS)} FROM events WHERE time >= ? ORDER BY time", (start,))
    visits = connection.execute(
        "SELECT visit, kiosk, started, ended, length_ms, start_language, language_switches, last_place, end_reason "
        "FROM visits WHERE started >= ? ORDER BY started", (start,))
    tables: dict[str, tuple[tuple[str, ...], list]] = {
        "events": (("local_time", *COLUMNS[1:]), [(iso(row[0]).isoformat(timespec="milliseconds"), *row[1:]) for row in events]),
        "visits": (("visit", "kiosk", "started", "ended", "length_s", "start_language", "language_switches", "last_place", "end_reason"),
                   [(v, k, iso(s).isoformat(timespec="seconds"), iso(e).isoformat(timespec="seconds"),
                     None if length is None else round(length / 1000, 1), *rest) for v, k, s, e, length, *rest in visits]),
        "visits_per_day": (("day", "visits"), [(day.isoformat(), count) for day, count in summary.per_day]),
        "visits_per_hour": (("hour", "visits"), list(enumerate(summary.per_hour))),
        "visit_length": (("length", "visits"), [(label, count) for (_u, label), count in zip(LENGTH_BINS, summary.length_bins, strict=True)]),
        "languages": (("language", "visits"), list(summary.languages)),
        "visit_endings": (("last_place", "visits"), list(summary.endings)),
        "attract_interrupted_per_hour": (("hour", "interrupted"), list(enumerate(summary.attract_per_hour))),
    }
    for kind, name in (("story", "top_stories"), ("panel", "top_panels"), ("chart", "top_charts")):
        tables[name] = (("id", "opens", "dwell_s", "median_dwell_s"),
                                  [(f.item, f.opens, round(f.dwell_s, 1), round(f.median_dwell_s, 1)) for f in summary.top.get(kind, ())])
    written = []
    for name, (header, rows) in tables.items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written


def daily_export(database: Path) -> Callable[[Path, datetime.date], None]:
    """The outbox's daily analytics export: the day's summary tables as CSV files, in <folder>/analytics-<day>/."""

    def export(folder: Path, day: datetime.date) -> None:
        if not database.is_file():
            return  # no visitor has been recorded yet
        connection = open_for_reading(database)
        try:
            export_csv(connection, summarize(connection), folder / f"analytics-{day.isoformat()}")
        finally:
            connection.close()

    return export
