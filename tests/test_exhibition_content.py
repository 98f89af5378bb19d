"""The exhibition itself: 130 years told in order, every fact traced to a seed, every picture in place."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from itertools import pairwise

import pytest

from kiosk.model import load_content
from kiosk.paths import CONTENT_DIR, SEEDS_DIR

CONTENT = load_content(CONTENT_DIR).content
SEEDS = {path.name for path in SEEDS_DIR.glob("*.txt")}
TODAY = datetime.date.today().year


def test_the_seeds_are_the_three_source_documents():
    assert len(SEEDS) == 3


def test_eras_cover_the_whole_span_without_gaps():
    eras = CONTENT.eras
    assert eras[0].start.year == 1890
    assert all(before.end == after.start for before, after in pairwise(eras))
    assert eras[-1].end is None


def test_every_event_is_dated_1890_to_today_ordered_and_in_its_era():
    events = CONTENT.events
    assert len(events) >= 20
    assert [e.date.start for e in events] == sorted(e.date.start for e in events)
    for event in events:
        assert 1890 <= event.date.year <= event.date.last_year <= TODAY, event.id
        assert CONTENT.era(event.era).contains(event.date), event.id


@pytest.mark.parametrize("year", [1906, 1914, 1916, 1926, 1930, 1932, 1945, 1949, 2010, 2012, 2013, 2018, 2019])
def test_every_dated_fact_of_the_seeds_has_an_event(year: int):
    assert any(event.date.year == year for event in CONTENT.events)


def test_every_item_cites_the_bibliography_and_the_seeds_are_sources_with_their_files():
    seeds = {source.id: source.file for source in CONTENT.sources if source.kind == "seed"}
    assert set(seeds) == {"seed-000", "seed-001", "seed-002"}
    assert set(seeds.values()) == SEEDS
    items = (*CONTENT.eras, *CONTENT.events, *CONTENT.panels, *CONTENT.series)
    citations = [c for item in items for c in item.sources] + [c for s in CONTENT.series for p in s.points for c in p.sources]
    assert all(item.sources for item in items)
    assert all(CONTENT.source(citation.source) for citation in citations)
    assert all(citation.quote for citation in citations if CONTENT.source(citation.source).kind != "seed")


def test_every_era_and_panel_has_an_illustration_that_exists():
    for item in (*CONTENT.eras, *CONTENT.panels):
        assert item.illustration is not None and item.illustration.is_file(), item.id
    for event in CONTENT.events:
        assert event.illustration is None or event.illustration.is_file(), event.id


def test_where_seeds_disagree_both_versions_are_shown_with_sources():
    discovered, founded = CONTENT.event("coal-discovered-1914"), CONTENT.event("mines-founded-1916")
    assert "1916" in discovered.note.en and "1914" in founded.note.en
    population = next(s for s in CONTENT.series if s.id == "population-2010-2020")
    assert {1058665, 1060000, 891000, 900000} <= {p.value for p in population.points}
    flats = next(s for s in CONTENT.series if s.id == "flat-prices")
    assert {5000, 7000, 10000} == {p.value for p in flats.points}
    assert {tuple(c.source for c in p.sources) for p in flats.points} >= {("seed-001",), ("seed-002",)}


def test_there_are_at_least_ten_culture_panels_and_their_links_lead_to_stories():
    assert len(CONTENT.panels_in("culture")) >= 10
    linked = [related for panel in CONTENT.panels for related in panel.related_events]
    assert len(linked) >= 10 and all(CONTENT.event(related) or CONTENT.panel(related) for related in linked)


def test_stories_of_today_that_no_source_dates_are_in_the_gallery_not_on_the_timeline():
    today = {panel.id for panel in CONTENT.panels_in("today")}
    assert {"ageing-population-2020", "pandemic-newcomers", "viral-videos", "community-gardens"} <= today
    assert not today & {event.id for event in CONTENT.events}
    assert all(CONTENT.panel(panel_id).illustration for panel_id in today)


def test_no_year_carries_more_markers_than_its_sources_justify():
    per_year = Counter(event.date.year for event in CONTENT.events if event.date.precision in ("year", "month", "day"))
    assert max(per_year.values()) <= 5, per_year.most_common(3)


def test_every_text_is_written_in_both_languages_and_without_markup():
    for text in CONTENT.texts():
        assert text.zh.strip() and text.en.strip()
        assert re.search(r"[\u4e00-\u9fff]", text.zh) or text.zh.isdigit(), text
        english = re.sub(r"\([^)]*\)", "", text.en)  # names may be given in characters, in brackets
        assert not re.search(r"[\u4e00-\u9fff]", english), text
        assert "<" not in text.zh + text.en
