"""Visitors drag, zoom and tap on the timeline; the view follows and stories open."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from kiosk.viewport import Viewport, group_events, place_cards


def test_the_viewport_stops_softly_at_both_ends():
    viewport = Viewport.covering(1890, 2026, 1000)
    viewport.zoom(4, 500)
    viewport.pan_pixels(100_000)  # fling far into the past
    assert viewport.start >= 1890 - viewport.span * 0.08 - 1e-9
    viewport.pan_pixels(-100_000)
    assert viewport.end <= 2026 + viewport.span * 0.08 + 1e-9


def test_zoom_keeps_the_year_under_the_fingers():
    viewport = Viewport.covering(1890, 2026, 1000)
    anchor = viewport.year_at(250)
    viewport.zoom(3, 250)
    assert viewport.year_at(250) == pytest.approx(anchor)
    assert viewport.tick_step() < 20


def test_grouping_counts_every_visible_event_once():
    starts = np.sort(np.random.default_rng(1).uniform(1890, 2026, 10_000))
    viewport = Viewport.covering(1890, 2026, 1920)
    groups = group_events(starts, viewport, 150)
    assert sum(g.count for g in groups) == 10_000
    assert len(groups) <= 1920 / 150 + 3


def test_event_labels_never_overlap_and_no_event_is_left_without_a_card():
    starts = np.sort(np.random.default_rng(7).uniform(1890, 2026, 400))
    for rows in (1, 2, 5, 8):
        viewport = Viewport.covering(1890, 2026, 1840)
        for zoom in (1, 3, 20, 200):
            viewport.zoom(zoom, 30)
            groups = group_events(starts, viewport, 24)
            placed = place_cards(groups, viewport, rows, 280, 210)
            for row in range(rows):
                spans = sorted((p.left, p.left + p.width) for p in placed if p.row == row)
                assert all(a[1] <= b[0] for a, b in pairwise(spans))
                assert all(a >= 0 and b <= 1840 for a, b in spans)
            assert sum(p.count for p in placed) == sum(g.count for g in groups)
            assert [p.first for p in placed] == sorted(p.first for p in placed)


def drag(qtbot, widget, start: QPoint, end: QPoint, steps: int = 8) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, steps + 1):
        qtbot.mouseMove(widget, start + (end - start) * i / steps)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_a_visitor_drags_left_to_see_later_years(kiosk, qtbot):
    timeline = kiosk.window.home.timeline
    timeline.viewport.show(1920, 1940)
    before = timeline.viewport.start
    middle = QPoint(timeline.width() // 2, timeline.height() // 2)
    drag(qtbot, timeline, middle, middle - QPoint(400, 0))
    shift = timeline.viewport.start - before
    assert shift == pytest.approx(400 / timeline.viewport.px_per_year, rel=0.05)
    assert not kiosk.window.event_card.isVisible(), "a drag is not a tap"


def test_the_wheel_zooms_about_the_pointer(kiosk, qtbot):
    timeline = kiosk.window.home.timeline
    span = timeline.viewport.span
    position = QPointF(timeline.width() * 0.3, timeline.height() / 2)
    year = timeline.viewport.year_at(position.x())
    event = QWheelEvent(position, timeline.mapToGlobal(position), QPoint(), QPoint(0, 360), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(timeline, event)
    assert timeline.viewport.span < span / 1.5
    assert timeline.viewport.year_at(position.x()) == pytest.approx(year)


def test_a_visitor_taps_1945_and_sees_the_soviet_entry_in_chinese(kiosk, qtbot):
    timeline = kiosk.window.home.timeline
    timeline.viewport.show(1944, 1947)
    timeline.repaint()
    events = kiosk.window.content.events
    hit = next(rect for rect, group in timeline._hits if events[group.first].date.year == 1945)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=hit.center().toPoint())
    card = kiosk.window.event_card
    assert card.isVisible()
    assert card.kicker.text().startswith("1945年8月11日"), "two stories share that day; the card opens on the first"
    while card.event.id != "soviet-army-1945" and card.next_button.isEnabled():
        qtbot.mouseClick(card.next_button, Qt.MouseButton.LeftButton)
    assert card.kicker.text().startswith("1945年8月11日")
    assert "苏联红军" in card.title.text()


def test_tapping_a_cluster_zooms_in_on_it(kiosk, qtbot):
    timeline = kiosk.window.home.timeline
    timeline.repaint()
    rect = next(r for r, g in timeline._hits if g.count > 1)
    span = timeline.viewport.span
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    qtbot.waitUntil(lambda: timeline._animation.state() == timeline._animation.State.Stopped, timeout=3000)
    assert timeline.viewport.span < span / 2
    assert not kiosk.window.event_card.isVisible()


def test_an_era_chip_glides_to_its_era(kiosk, qtbot):
    home = kiosk.window.home
    chip = next(c for c in home.era_chips if c.property("era_id") == "japanese-occupation")
    assert chip.height() >= 48
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: home.timeline._animation.state() == home.timeline._animation.State.Stopped, timeout=3000)
    era = kiosk.window.content.era("japanese-occupation")
    assert home.timeline.viewport.start < era.start.start < era.end.start < home.timeline.viewport.end
    assert home.timeline.viewport.span < 20


@pytest.fixture(scope="module")
def touchscreen():
    from PySide6.QtTest import QTest

    return QTest.createTouchDevice()


def test_two_fingers_pinch_zoom_about_their_centre(kiosk, qtbot, touchscreen):
    from PySide6.QtTest import QTest

    timeline = kiosk.window.home.timeline
    span = timeline.viewport.span
    centre = QPoint(400, timeline.height() // 2)
    year = timeline.viewport.year_at(centre.x())
    QTest.touchEvent(timeline, touchscreen).press(0, centre - QPoint(60, 0), timeline).press(1, centre + QPoint(60, 0), timeline).commit()
    for step in range(1, 11):
        spread = 60 + step * 24
        QTest.touchEvent(timeline, touchscreen).move(0, centre - QPoint(spread, 0), timeline).move(1, centre + QPoint(spread, 0), timeline).commit()
    QTest.touchEvent(timeline, touchscreen).release(0, centre - QPoint(300, 0), timeline).release(1, centre + QPoint(300, 0), timeline).commit()
    assert timeline.viewport.span == pytest.approx(span * 60 / 300, rel=0.02)
    assert timeline.viewport.year_at(centre.x()) == pytest.approx(year, abs=0.5)
    assert not kiosk.window.event_card.isVisible(), "a pinch is not a tap"


def test_one_finger_on_the_touchscreen_drags_and_flings_on(kiosk, qtbot, touchscreen):
    from PySide6.QtTest import QTest

    timeline = kiosk.window.home.timeline
    timeline.viewport.show(1930, 1950)
    start = timeline.viewport.start
    y = 200
    QTest.touchEvent(timeline, touchscreen).press(0, QPoint(700, y), timeline).commit()
    for x in range(660, 300, -40):
        QTest.touchEvent(timeline, touchscreen).move(0, QPoint(x, y), timeline).commit()
        qtbot.wait(5)
    QTest.touchEvent(timeline, touchscreen).release(0, QPoint(300, y), timeline).commit()
    released_at = timeline.viewport.start
    assert released_at > start
    qtbot.waitUntil(lambda: not kiosk.router.gestures.active, timeout=3000)
    assert timeline.viewport.start > released_at + 1, "momentum carries the view on after the finger lifts"


def test_a_double_tap_on_empty_timeline_zooms_in(kiosk, qtbot):
    timeline = kiosk.window.home.timeline
    span = timeline.viewport.span
    empty = QPoint(timeline.width() // 2, 30)
    qtbot.mouseDClick(timeline, Qt.MouseButton.LeftButton, pos=empty)
    assert timeline.viewport.span == pytest.approx(span / 2, rel=0.01)


def test_zoom_buttons_and_all_years_are_there_for_visitors_who_do_not_pinch(kiosk, qtbot):
    home = kiosk.window.home
    timeline = home.timeline
    span = timeline.viewport.span
    qtbot.mouseClick(home.zoom_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: timeline._animation.state() == timeline._animation.State.Stopped, timeout=3000)
    assert timeline.viewport.span == pytest.approx(span / 1.6, rel=0.01)
    qtbot.mouseClick(home.show_all, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: timeline._animation.state() == timeline._animation.State.Stopped, timeout=3000)
    assert timeline.viewport.span == pytest.approx(span, rel=0.01)
    assert min(b.height() for b in (home.zoom_in, home.zoom_out, home.show_all)) >= 48
