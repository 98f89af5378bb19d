"""Visitors see credits, not files: every card ends with who published its facts, and a tap tells more."""

from __future__ import annotations

import re

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
    card.show_event("civil-war-coal-1945-1949")  # a story told from the encyclopedia article alone
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

    kiosk.language.set_language("en")
    assert references.isVisible(), "the references stay open and change language in place"
    assert references.heading.text() == "References"
    assert entry.heading.text() == "“Hegang”"
    assert {label.text() for label, _value in entry.rows if label.isVisibleTo(window)} >= {"Publisher", "Web address"}
    assert card.credits.text.text() == "Source: “Hegang”, Wikipedia (English)"

    qtbot.mouseClick(references.close_button, Qt.MouseButton.LeftButton)
    assert not references.isVisible() and card.isVisible(), "closing the references returns to the story"


def test_a_chart_point_tells_its_credits_and_opens_its_references(kiosk, qtbot):
    window = kiosk.window
    window.show_numbers()
    card = next(c for c in window.numbers.cards if c.series.id == "population-2010-2020")
    card.select(0)
    assert card.credits.isVisibleTo(window)
    qtbot.mouseClick(card.credits, Qt.MouseButton.LeftButton)
    assert window.numbers.references.isVisible()
    assert window.numbers.references.subject.text().startswith(card.series.title.zh)
    window.go_home()
    window.show_numbers()
    assert not window.numbers.references.isVisible(), "the next visit starts without the last one's references"


def test_no_visitor_ever_reads_a_file_name_on_any_card_panel_or_chart(kiosk, qtbot):
    window, content = kiosk.window, kiosk.window.content
    window.show_numbers()
    window.go_home()
    for language in ("zh", "en"):
        kiosk.language.set_language(language)
        for event in content.events:
            window.event_card.show_event(event.id)
            window.event_card.show_references()
            assert_no_file_names(seen_by_visitor(window), f"event {event.id} ({language})")
            window.event_card.close_overlay()
        for panel in content.panels:
            window.panel_card.show_panel(panel.id)
            window.panel_card.show_references()
            assert_no_file_names(seen_by_visitor(window), f"panel {panel.id} ({language})")
            window.panel_card.close_overlay()
        window.show_numbers()
        for card in window.numbers.cards:
            for index in range(len(card.series.points)):
                card.select(index)
                card.credits.tapped.emit()
                assert window.numbers.references.isVisible()
                assert_no_file_names(seen_by_visitor(window), f"chart {card.series.id}[{index}] ({language})")
                window.numbers.references.close_overlay()
            card.select(None)
        window.go_home()


def test_the_next_visitor_finds_no_references_left_open(kiosk, qtbot):
    window = kiosk.window
    window.event_card.show_event("soviet-army-1945")
    window.event_card.show_references()
    window.reset_for_next_visitor("zh")
    window.event_card.show_event("soviet-army-1945")
    assert window.event_card.isVisible() and not window.event_card.references.isVisible()
