"""A visitor taps English (or 中文) and everything changes in place, keeping their place."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

CJK = re.compile(r"[\u4e00-\u9fff]")
LANGUAGE_INDEPENDENT = {"LangButton", "ZoomButton", "CloseButton", "TextSizeButton", "ReachButton"}  # the reach label is bilingual


def visible_texts(window) -> dict[int, tuple[str, str]]:
    texts = {}
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.isVisibleTo(window) and widget.text() and widget.objectName() not in LANGUAGE_INDEPENDENT:
            if re.fullmatch(r"[\d\s/,.]+", widget.text()):
                continue  # a counter such as "12 / 38" reads the same in both languages
            texts[id(widget)] = (widget.objectName(), widget.text())
    return texts


def test_every_visible_text_changes_language_in_place(kiosk, qtbot):
    window = kiosk.window
    kiosk.session.open_story("soviet-army-1945")
    before = visible_texts(window)
    assert len(before) > 30
    assert all(CJK.search(text) for _name, text in before.values())
    qtbot.mouseClick(window.header.language_buttons["en"], Qt.MouseButton.LeftButton)
    after = visible_texts(window)
    assert after.keys() == before.keys(), "no widget was rebuilt or lost"
    unchanged = [before[key] for key in before if before[key] == after[key]]
    assert unchanged == []
    assert not [text for _name, text in after.values() if CJK.search(text)]


def test_switching_keeps_the_open_story_and_the_timeline_view(kiosk, qtbot):
    window = kiosk.window
    timeline = window.home.timeline
    timeline.viewport.show(1940, 1950)
    kiosk.session.open_story("soviet-army-1945")
    title_zh = window.event_card.title.text()
    kiosk.session.set_language("en")
    assert window.event_card.isVisible()
    assert window.event_card.event.id == "soviet-army-1945"
    assert window.event_card.title.text() != title_zh
    assert window.event_card.kicker.text().startswith("11 August 1945")
    assert (round(timeline.viewport.start, 3), round(timeline.viewport.end, 3)) == (1940.0, 1950.0)
    kiosk.session.set_language("zh")
    assert window.event_card.kicker.text().startswith("1945年8月11日")
    assert window.event_card.title.text() == title_zh


def test_the_language_toggle_shows_which_language_is_on(kiosk, qtbot):
    buttons = kiosk.window.header.language_buttons
    assert buttons["zh"].isChecked() and not buttons["en"].isChecked()
    qtbot.mouseClick(buttons["en"], Qt.MouseButton.LeftButton)
    assert kiosk.session.language == "en"
    assert buttons["en"].isChecked() and not buttons["zh"].isChecked()
    assert buttons["zh"].height() >= 48 and buttons["en"].width() >= 48


def test_widgets_that_close_are_forgotten_by_the_language_owner(kiosk):
    from kiosk.qt.language import registered_count, translateUI
    from kiosk.qt.widgets.common import plain_label

    count = registered_count()

    class Temporary:
        def __init__(self):
            self.label = plain_label("Temp")

        def translateUI(self):
            self.label.setText(kiosk.session.language)

    temporary = Temporary()
    translateUI(temporary)
    assert registered_count() == count + 1
    del temporary
    kiosk.session.toggle_language()
    assert registered_count() == count


def test_content_text_is_never_rendered_as_html(kiosk):
    labels = kiosk.window.findChildren(QLabel)
    assert labels
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_a_story_dated_by_decade_reads_as_a_chinese_curator_writes_decades(kiosk):
    card = kiosk.window.event_card
    kiosk.session.open_story("coal-workforce-1950s")
    assert card.kicker.text().startswith("20世纪50年代")
    kiosk.session.set_language("en")
    assert card.kicker.text().startswith("1950s")
