"""The exhibition itself: 130 years told in order, every fact traced to a seed, every picture in place."""

from __future__ import annotations

import datetime
import re
import unicodedata
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


def series(series_id: str):
    return next(s for s in CONTENT.series if s.id == series_id)


def cited(item) -> set[str]:
    return {citation.source for citation in item.sources}


def test_where_sources_disagree_both_versions_are_shown_with_sources():
    discovered, founded = CONTENT.event("coal-discovered-1914"), CONTENT.event("mines-founded-1916")
    for note in (discovered.note, founded.note):
        assert {"1914", "1916"} <= set(re.findall(r"\d{4}", note.zh)) & set(re.findall(r"\d{4}", note.en))
    local_histories = {s.id for s in CONTENT.sources if s.kind == "local-history"}
    assert "seed-000" in cited(discovered) and cited(discovered) & local_histories
    assert "seed-000" in cited(founded) and "britannica-hegang" in cited(founded)

    blast = CONTENT.event("xinxing-mine-explosion-2009")
    assert "108" in blast.summary.zh and all(toll in blast.note.en for toll in ("42", "92", "104", "108"))
    assert {"xinhua-2009-11-21-xinxing-42-dead", "icem-2009-11-30-xinxing-108-dead"} <= cited(blast)

    population = series("population-2010-2020")
    assert [p.value for p in population.points] == [1058665, 891271], "one bar per census"
    assert "1.06 million" in population.note.en and "900,000" in population.note.en, "the rounded figures in the note"
    assert "106万" in population.note.zh and "90万" in population.note.zh and "seed-001" in cited(population)

    flats = series("flat-prices")
    assert {16000, 20000, 50000} == {p.value for p in flats.points}
    assert ("seed-001",) in {tuple(cited(p)) for p in flats.points}
    assert "5000" in flats.note.zh and "$5,000" in flats.note.en and "seed-002" in cited(flats)


def test_there_are_at_least_ten_culture_panels_and_their_links_lead_to_stories():
    assert len(CONTENT.panels_in("culture")) >= 10
    linked = [related for panel in CONTENT.panels for related in panel.related_events]
    assert len(linked) >= 10 and all(CONTENT.event(related) or CONTENT.panel(related) for related in linked)


REPEAT_CHARS = 16  # a name or a short phrase may recur (新中国建设的第一座大型竖井); a passage may not


def test_panels_tell_what_the_timeline_and_the_other_panels_do_not():
    """A visitor who reads a panel after the timeline finds something new: no passage of a
    panel's Chinese repeats an event's or another panel's (their links lead there instead)."""

    def passages(item) -> set[str]:
        texts = [text.get("zh") for text in (item.summary, item.body) if text is not None]
        return {text[i : i + REPEAT_CHARS] for text in texts for i in range(len(text) - REPEAT_CHARS + 1)}

    repeats = {}
    for panel in CONTENT.panels:
        mine = passages(panel)
        for other in [*CONTENT.events, *CONTENT.panels]:
            shared = mine & passages(other) if other is not panel else set()
            if shared:
                repeats[f"{panel.id} ~ {other.id}"] = sorted(shared)[0]
    assert repeats == {}


def test_stories_of_today_that_no_source_dates_are_in_the_gallery_not_on_the_timeline():
    today = {panel.id for panel in CONTENT.panels_in("today")}
    assert {"ageing-population-2020", "pandemic-newcomers", "viral-videos", "coworking-soviet-buildings"} <= today
    assert not today & {event.id for event in CONTENT.events}
    assert all(CONTENT.panel(panel_id).illustration for panel_id in today)


def test_no_year_carries_more_markers_than_its_sources_justify():
    per_year = Counter(event.date.year for event in CONTENT.events if event.date.precision in ("year", "month", "day"))
    assert max(per_year.values()) <= 5, per_year.most_common(3)


def test_every_text_is_written_in_both_languages_and_without_markup():
    bibliography = {text for source in CONTENT.sources for text in (source.title, source.publisher, source.note)}
    for text in CONTENT.texts():
        if text in bibliography:
            assert text.zh.strip() and text.en.strip() and "<" not in text.zh + text.en
            continue  # a reference may give an original title in its own language, in either text
        assert text.zh.strip() and text.en.strip()
        assert re.search(r"[\u4e00-\u9fff]", text.zh) or text.zh.isdigit(), text
        english = re.sub(r"\([^)]*\)", "", text.en)  # names may be given in characters, in brackets
        assert not re.search(r"[\u4e00-\u9fff]", english), text
        assert "<" not in text.zh + text.en


def test_a_visitor_walks_through_at_least_eighty_dated_stories():
    assert len(CONTENT.events) >= 80
    assert all(event.date for event in CONTENT.events)


# Every decade of the coal city holds at least three stories. The one exception is the 1970s:
# two researchers searched Chinese and English sources for it (power plant, new factories,
# Tangshan rescue teams, 工业学大庆 awards, output milestones, workforce) and found nothing
# dated that a museum may cite, only Britannica's "early 1970s" power plant and the 1977 change
# of leadership (/work/drafts/r2/notes.md "1970s" and r4/notes.md "1970s"). Two is the floor
# there, so losing either still fails, and every other decade must keep three.
DECADE_FLOOR = {decade: 3 for decade in range(1910, 2020, 10)} | {1970: 2}


def test_every_decade_from_the_1910s_to_the_2010s_tells_at_least_three_stories():
    per_decade = Counter(event.date.year // 10 * 10 for event in CONTENT.events)
    short = {decade: per_decade[decade] for decade, floor in DECADE_FLOOR.items() if per_decade[decade] < floor}
    assert short == {}, f"stories per decade: {sorted(per_decade.items())}"


def test_the_bibliography_reaches_beyond_the_seeds_and_every_citation_beyond_them_quotes_its_passage():
    others = [source for source in CONTENT.sources if source.kind != "seed"]
    assert len(CONTENT.sources) >= 25 and len(others) >= 20
    items = (*CONTENT.eras, *CONTENT.events, *CONTENT.panels, *CONTENT.series, *(p for s in CONTENT.series for p in s.points))
    unquoted = [item for item in items for c in item.sources if CONTENT.source(c.source).kind != "seed" and not (c.quote or "").strip()]
    assert unquoted == []


def test_the_population_chart_has_one_bar_per_census_and_nothing_today_stands_taller_than_the_2020_count():
    points = series("population-2010-2020").points
    assert [p.year for p in points].count(2010) == 1
    (census_2020,) = (p for p in points if p.year == 2020)
    today = [p for p in points if p is not census_2020 and (p.year is None or p.year >= 2020)]
    assert all(p.value <= census_2020.value for p in today)


def test_flat_prices_read_in_yuan_in_chinese():
    from kiosk.i18n.formatting import format_quantity

    flats = series("flat-prices")
    assert flats.unit == "rmb"
    assert all(format_quantity(p.value, flats.unit, "zh").endswith("元") for p in flats.points)
    chinese = " ".join(text.zh for text in (flats.title, flats.takeaway, *(p.label for p in flats.points)))
    assert "元" in chinese and not re.search(r"¥|￥|RMB|人民币", chinese)


def chinese_characters(text: str) -> int:
    """字 as a Chinese editor counts them: every character but spaces and punctuation."""
    return sum(1 for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


def test_every_label_is_short_enough_to_read_standing_at_the_kiosk():
    for item in (*CONTENT.eras, *CONTENT.events, *CONTENT.panels):
        assert chinese_characters(item.summary.zh) <= 40 and len(item.summary.en.split()) <= 25, item.id
        body = getattr(item, "body", None)
        if body is not None:
            assert chinese_characters(body.zh) <= 200 and len(body.en.split()) <= 120, item.id
    for chart in CONTENT.series:
        assert chinese_characters(chart.takeaway.zh) <= 40 and len(chart.takeaway.en.split()) <= 25, chart.id


def test_notes_name_a_reposted_copy_by_its_site_never_by_its_long_address():
    items = (*CONTENT.sources, *CONTENT.eras, *CONTENT.events, *CONTENT.panels, *CONTENT.series, *(p for s in CONTENT.series for p in s.points))
    notes = [item.note for item in items if getattr(item, "note", None)]
    assert len(notes) > 50
    assert [note for note in notes if re.search(r"https?://|www\.|\?\w+=", note.zh + note.en)] == []
    assert "wn.com" in CONTENT.source("chinadaily-2005-01-04-longmei-launched").note.en
