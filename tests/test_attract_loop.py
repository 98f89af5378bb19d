"""A passer-by sees one story at a time, era after era, in Chinese above English."""

from kiosk.attract import first_sentence, story_order
from kiosk.model import load_content
from kiosk.paths import CONTENT_DIR


def test_the_loop_meets_every_era_before_it_shows_any_era_twice():
    content = load_content(CONTENT_DIR).content
    order = story_order(content)
    eras_with_stories = [era.id for era in content.eras if any(event.era == era.id for event in content.events)]
    assert [event.era for event in order[: len(eras_with_stories)]] == eras_with_stories
    assert sorted(event.id for event in order) == sorted(event.id for event in content.events), "every story has its turn"


def test_an_era_leads_with_its_illustrated_stories():
    content = load_content(CONTENT_DIR).content
    order = story_order(content)
    for era in content.eras:
        stories = [event for event in order if event.era == era.id]
        pictured = [event.illustration is not None for event in stories]
        assert pictured == sorted(pictured, reverse=True)


def test_the_opening_line_is_the_first_sentence_in_either_language():
    assert first_sentence("煤田被发现。随后修了铁路。") == "煤田被发现。"
    assert first_sentence("Coal was found in 1914. A railway followed.") == "Coal was found in 1914."
    assert first_sentence("A town of 2.5 km² grew.") == "A town of 2.5 km² grew."
