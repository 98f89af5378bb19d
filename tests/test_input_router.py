"""One input router, one gesture engine: the same finger does the same thing everywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.qt.gestures import engine


@pytest.fixture(scope="module")
def touchscreen():
    return QTest.createTouchDevice()


def one_finger(qtbot, widget, device, start: QPoint, end: QPoint, steps: int, pause_ms: int) -> None:
    QTest.touchEvent(widget, device).press(0, start, widget).commit()
    for step in range(1, steps + 1):
        QTest.touchEvent(widget, device).move(0, start + (end - start) * step / steps, widget).commit()
        qtbot.wait(pause_ms)
    QTest.touchEvent(widget, device).release(0, end, widget).commit()


def pinch(widget, device, centre: QPoint, spread_from: int, spread_to: int) -> None:
    QTest.touchEvent(widget, device).press(0, centre - QPoint(spread_from, 0), widget).press(1, centre + QPoint(spread_from, 0), widget).commit()
    for step in range(1, 9):
        spread = spread_from + (spread_to - spread_from) * step // 8
        QTest.touchEvent(widget, device).move(0, centre - QPoint(spread, 0), widget).move(1, centre + QPoint(spread, 0), widget).commit()
    QTest.touchEvent(widget, device).release(0, centre - QPoint(spread_to, 0), widget).release(1, centre + QPoint(spread_to, 0), widget).commit()


def test_a_pinch_a_swipe_and_a_fling_reach_the_one_gesture_engine_on_the_timeline_and_in_the_gallery(kiosk, qtbot, touchscreen):
    gestures = kiosk.router.gestures
    assert gestures is engine(), "the router feeds the application's one engine"
    heard: list[tuple[str, str]] = []
    gestures.recognized.connect(lambda kind, surface: heard.append((kind, surface)))
    home = kiosk.window.home
    surfaces = {"timeline": (home.timeline, 200), "gallery": (home.gallery.viewport(), home.gallery.viewport().height() // 2)}
    for name, (widget, y) in surfaces.items():
        heard.clear()
        span, scrolled = home.timeline.viewport.span, home.gallery.horizontalScrollBar().value()
        pinch(widget, touchscreen, QPoint(400, y), 60, 200)
        assert heard == [("pinch", name)]
        if name == "timeline":
            assert home.timeline.viewport.span == pytest.approx(span * 60 / 200, rel=0.05), "the pinch zoomed about its centre"

        heard.clear()
        one_finger(qtbot, widget, touchscreen, QPoint(600, y), QPoint(420, y), steps=18, pause_ms=60)  # slowly: no momentum
        assert ("swipe", name) in heard and ("fling", name) not in heard

        heard.clear()
        one_finger(qtbot, widget, touchscreen, QPoint(700, y), QPoint(300, y), steps=8, pause_ms=5)
        assert ("fling", name) in heard
        released = home.gallery.horizontalScrollBar().value(), home.timeline.viewport.start
        qtbot.waitUntil(lambda: not gestures.active, timeout=3000)
        moved = home.gallery.horizontalScrollBar().value(), home.timeline.viewport.start
        index = 0 if name == "gallery" else 1
        assert moved[index] > released[index], f"momentum carries the {name} on after the finger lifts"
        if name == "gallery":
            assert moved[0] > scrolled
    assert not kiosk.window.panel_card.isVisible() and not kiosk.window.event_card.isVisible(), "no gesture was a tap"


def test_a_touch_on_a_gallery_card_opens_its_panel(kiosk, qtbot, touchscreen):
    gallery = kiosk.window.home.gallery
    card = gallery.cards[1]
    spot = card.mapTo(gallery.viewport(), QPoint(100, 40))
    QTest.touchEvent(gallery.viewport(), touchscreen).press(0, spot, gallery.viewport()).commit()
    QTest.touchEvent(gallery.viewport(), touchscreen).release(0, spot, gallery.viewport()).commit()
    assert kiosk.window.panel_card.isVisible() and kiosk.session.visitor.panel == card.panel.id


def test_the_whole_kiosk_installs_one_application_wide_event_filter(qtbot, monkeypatch):
    from kiosk.qt.app import create_app

    installed = []
    original = QApplication.installEventFilter
    monkeypatch.setattr(QApplication, "installEventFilter", lambda app, obj: (installed.append(type(obj).__name__), original(app, obj)))
    kiosk = create_app(size=(1920, 1080))
    try:
        kiosk.session.show_screen("numbers")
        kiosk.session.open_story(kiosk.window.content.events[0].id)
        kiosk.session.open_panel(kiosk.window.content.panels[0].id)
        assert installed == ["InputRouter"]
    finally:
        kiosk.close()


def test_a_short_day_of_visitors_by_touch_raises_nothing(kiosk):
    from kiosk.bench_probes import run_soak

    figures = run_soak(kiosk, 42)  # every scripted action three times: drags, pinches, swipes, taps, attract
    assert (figures["soak_exceptions"], figures["first_error"]) == (0, "")
    assert not kiosk.mode.attract.isVisible()


def test_on_a_card_a_sideways_swipe_turns_the_page_and_an_upward_drag_scrolls_its_text(kiosk, qtbot, touchscreen):
    session, card = kiosk.session, kiosk.window.event_card
    events = kiosk.window.content.events
    longest = max(range(len(events) - 1), key=lambda i: len(events[i].body.en) + len(events[i].note.en if events[i].note else ""))
    session.set_language("en")
    session.set_large_text(True)
    session.open_story(events[longest].id)
    qtbot.wait(10)
    bar = card.scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the story is longer than its column"
    text = card.scroll.viewport()
    one_finger(qtbot, text, touchscreen, QPoint(200, text.height() - 40), QPoint(200, 40), steps=8, pause_ms=5)
    assert bar.value() > 0 and session.visitor.story == events[longest].id, "an upward drag scrolls the text"
    centre = card.card.geometry().center()
    one_finger(qtbot, card, touchscreen, centre + QPoint(200, 0), centre - QPoint(200, 0), steps=6, pause_ms=5)
    assert session.visitor.story == events[longest + 1].id and bar.value() == 0, "a sideways swipe turns to the next story, read from its top"
