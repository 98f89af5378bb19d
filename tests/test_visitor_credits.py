"""Visitors see credits, not files: every card ends with who published its facts, and a tap tells more."""

from __future__ import annotations

import re

from conftest import edit_json
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.paths import SEEDS_DIR

FILE_NAME = re.compile(r"\S+\.txt\b")
SEED_FILES = [path.name for path in SEEDS_DIR.glob("*.txt")]


def seen_by_visitor(window: QWidget) -> list[str]:
    """Every text and accessible name of a widget the visitor can see right now."""
    texts = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        texts.append(widget.accessibleName())
    return [text for text in texts if text]


def assert_no_file_names(texts: list[str], where: str) -> None:
    for text in texts:
        assert not FILE_NAME.search(text), f"{where}: {text!r}"
        assert not any(name in text for name in SEED_FILES), f"{where}: {text!r}"


def test_a_story_ends_with_credits_and_a_tap_opens_the_full_references_in_both_languages(kiosk, qtbot):
    window = kiosk.window
    card = window.event_card
    kiosk.session.open_story("civil-war-coal-1945-1949")  # a story told from the encyclopedia article alone
    assert card.credits.isVisibleTo(window)
    assert card.credits.text.text() == "来源：《鹤岗》，维基百科（英文版）"
    assert card.credits.text.textFormat() == Qt.TextFormat.PlainText

    qtbot.mouseClick(card.credits, Qt.MouseButton.LeftButton)
    references = card.references
    assert references.isVisible()
    assert references.heading.text() == "参考资料"
    assert references.subject.text() == card.title.text()
    entry = references.entries[0]
    assert entry.heading.text() == "《鹤岗》"
    lines = {label.text(): value.text() for label, value in entry.rows if label.isVisibleTo(window)}
    assert lines["出版者"] == "维基百科（英文版）"
    assert lines["网址"] == "https://en.wikipedia.org/wiki/Hegang"
    assert lines["类别"] == "背景资料"

    kiosk.session.set_language("en")
    assert references.isVisible(), "the references stay open and change language in place"
    assert references.heading.text() == "References"
    assert entry.heading.text() == "“Hegang”"
    assert {label.text() for label, _value in entry.rows if label.isVisibleTo(window)} >= {"Publisher", "Web address"}
    assert card.credits.text.text() == "Source: “Hegang”, Wikipedia (English)"

    qtbot.mouseClick(references.close_button, Qt.MouseButton.LeftButton)
    assert not references.isVisible() and card.isVisible(), "closing the references returns to the story"


def test_a_chart_point_tells_its_credits_and_opens_its_references(kiosk, qtbot):
    window = kiosk.window
    kiosk.session.show_screen("numbers")
    card = next(c for c in window.numbers.cards if c.series.id == "population-2010-2020")
    kiosk.session.select_chart(card.series.id, 0)
    assert card.credits.isVisibleTo(window)
    qtbot.mouseClick(card.credits, Qt.MouseButton.LeftButton)
    assert window.numbers.references.isVisible()
    assert window.numbers.references.subject.text().startswith(card.series.title.zh)
    kiosk.session.show_screen("home")
    kiosk.session.show_screen("numbers")
    assert not window.numbers.references.isVisible(), "the next visit starts without the last one's references"


def test_no_visitor_ever_reads_a_file_name_on_any_card_panel_or_chart(kiosk, qtbot):
    window, content = kiosk.window, kiosk.window.content
    session = kiosk.session
    session.show_screen("numbers")
    session.show_screen("home")
    for language in ("zh", "en"):
        session.set_language(language)
        for event in content.events:
            session.open_story(event.id)
            window.event_card.show_references()
            assert_no_file_names(seen_by_visitor(window), f"event {event.id} ({language})")
            session.close_card()
        for panel in content.panels:
            session.open_panel(panel.id)
            window.panel_card.show_references()
            assert_no_file_names(seen_by_visitor(window), f"panel {panel.id} ({language})")
            session.close_card()
        session.show_screen("numbers")
        for card in window.numbers.cards:
            for index in range(len(card.series.points)):
                session.select_chart(card.series.id, index)
                card.credits.tapped.emit()
                assert window.numbers.references.isVisible()
                assert_no_file_names(seen_by_visitor(window), f"chart {card.series.id}[{index}] ({language})")
                window.numbers.references.close_overlay()
        session.show_screen("home")


def test_the_next_visitor_finds_no_references_left_open(kiosk, qtbot):
    window = kiosk.window
    kiosk.session.open_story("soviet-army-1945")
    window.event_card.show_references()
    kiosk.session.new_visit()
    assert not window.event_card.isVisible() and not window.event_card.references.isVisible()
    kiosk.session.open_story("soviet-army-1945")
    assert window.event_card.isVisible() and not window.event_card.references.isVisible()


def test_the_references_close_when_new_content_arrives_and_the_story_stays(content_copy, qtbot):
    from kiosk.config import Settings
    from kiosk.qt.app import create_app

    kiosk = create_app(Settings(default_language="zh"), content_copy, size=(1920, 1080))
    qtbot.addWidget(kiosk.window)
    window, session = kiosk.window, kiosk.session

    def curator_saves(title: str) -> None:
        edit_json(content_copy / "events.json", lambda data: data["events"][0]["title"].update(en=title))
        kiosk.reload()

    session.show_screen("numbers")
    session.select_chart("population-2010-2020", 0)
    next(c for c in window.numbers.cards if c.series.id == "population-2010-2020").credits.tapped.emit()
    assert window.numbers.references.isVisible()
    curator_saves("An empty land")
    assert not window.numbers.references.isVisible(), "the chart's sources may have changed: its references close"
    session.show_screen("home")
    session.open_story("soviet-army-1945")
    window.event_card.show_references()
    curator_saves("An empty land, retitled")
    assert window.event_card.isVisible(), "the visitor's story is still in the new content"
    assert not window.event_card.references.isVisible(), "its references may have changed: they close"
    kiosk.close()


def test_references_belong_to_their_story_and_a_closed_story_never_comes_back(kiosk, qtbot):
    window = kiosk.window
    kiosk.session.open_story("soviet-army-1945")
    window.event_card.show_references()
    assert window.event_card.isVisible() and window.event_card.references.isVisible(), "references over their story"
    kiosk.session.open_panel("hot-pot")  # the visitor taps a related panel's link elsewhere: one card at a time
    assert window.panel_card.isVisible()
    assert not window.event_card.isVisible() and not window.event_card.references.isVisible()
    qtbot.mouseClick(window.panel_card.close_button, Qt.MouseButton.LeftButton)
    kiosk.reload()
    assert not window.event_card.isVisible() and not window.panel_card.isVisible()
    assert not window.event_card.references.isVisible()
