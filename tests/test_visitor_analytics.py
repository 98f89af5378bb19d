"""Visitors at the kiosk, and the rows their visits leave in the analytics file; staff read them as charts."""

from __future__ import annotations

import datetime
import sqlite3
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from test_input_router import pinch, touchscreen  # noqa: F401 - a fixture
from test_timeline import drag

from kiosk.analytics.sample import generate_month
from kiosk.config import Settings
from kiosk.paths import CONTENT_DIR


def floor_kiosk(qtbot, **settings):
    """The kiosk as on the museum floor (idle, attract, staff menu, analytics) in a 1920x1080 window."""
    from kiosk.qt.app import create_app

    kiosk = create_app(Settings(**settings), CONTENT_DIR, size=(1920, 1080))
    qtbot.waitUntil(kiosk.window.windowHandle().isExposed)
    return kiosk


def close(kiosk) -> None:
    kiosk.close()


def analytics_rows(kiosk) -> list[tuple]:
    """(kind, item, detail) of every row so far; checks each row's visit and kiosk on the way."""
    assert kiosk.analytics.flush()
    with closing(sqlite3.connect(kiosk.analytics.events.path)) as connection:
        rows = connection.execute("SELECT kind, item, detail, value, visit, kiosk, time FROM events ORDER BY rowid").fetchall()
    assert {row[5] for row in rows} <= {"hall-2-north"}
    return rows


def tap_story(qtbot, kiosk, index: int) -> str:
    """Tap the index-th story standing alone on the timeline; returns its id."""
    timeline = kiosk.window.home.timeline
    events = kiosk.window.content.events
    qtbot.waitUntil(lambda: any(group.count == 1 for _rect, group in timeline._hits))  # painted once
    singles: dict[int, object] = {}  # each story has a card and a marker to tap: one of them will do
    for rect, group in timeline._hits:
        if group.count == 1:
            singles.setdefault(group.first, rect)
    first, rect = list(singles.items())[index]
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    return events[first].id


def test_a_visitor_reads_two_stories_in_english_swipes_and_walks_away(qtbot, tmp_path, touchscreen):  # noqa: F811
    kiosk = floor_kiosk(qtbot, idle_seconds=2.5, countdown_seconds=1, attract=False, kiosk_name="hall-2-north",
                        analytics_db=str(tmp_path / "analytics.db"))
    try:
        window, mode = kiosk.window, kiosk.mode
        qtbot.mouseClick(window.header.language_buttons["en"], Qt.MouseButton.LeftButton)
        timeline = window.home.timeline
        pinch(timeline, touchscreen, QPoint(timeline.width() // 5, timeline.height() // 2), 60, 80)
        first = tap_story(qtbot, kiosk, 0)
        qtbot.mouseClick(window.event_card.close_button, Qt.MouseButton.LeftButton)
        second = tap_story(qtbot, kiosk, 1)
        centre = window.event_card.card.geometry().center()
        drag(qtbot, window.event_card, centre + QPoint(200, 0), centre - QPoint(200, 0))
        third = window.event_card.event.id
        assert third == window.content.neighbour(second, 1).id
        qtbot.waitUntil(lambda: mode.idle.state == "rested", timeout=5000)  # nobody touches: the countdown runs out
        rows = analytics_rows(kiosk)
    finally:
        close(kiosk)
    assert [row[:3] for row in rows] == [
        ("visit_start", "zh", "home"),
        ("language", "en", None),
        ("zoom", "pinch", None),
        ("story_open", first, "tap"),
        ("story_close", first, None),
        ("story_open", second, "tap"),
        ("story_close", second, None),
        ("swipe", "next", "swipe"),
        ("story_open", third, "swipe"),
        ("countdown", "expired", None),
        ("story_close", third, None),
        ("visit_end", "story", "idle"),
    ]
    assert len({row[4] for row in rows}) == 1, "one visit"
    dwells = {row[1]: row[3] for row in rows if row[0] == "story_close"}
    assert all(isinstance(ms, int) and ms >= 0 for ms in dwells.values())
    idle_wait_ms = 1000 * (rows[-1][6] - rows[0][6]) - rows[-1][3]  # from the last touch to the reset
    assert dwells[third] >= 3000, "the last story stayed open through the idle wait (2.5 s) and the countdown (1 s)"
    assert idle_wait_ms >= 3000, "the visit's length runs to the last touch, not to the reset"


def test_a_visitor_follows_a_panel_to_the_timeline_answers_the_countdown_once_then_leaves(qtbot, tmp_path):
    kiosk = floor_kiosk(qtbot, idle_seconds=1.0, countdown_seconds=1, attract=True, attract_seconds=3600, kiosk_name="hall-2-north",
                        analytics_db=str(tmp_path / "analytics.db"))
    try:
        window, mode = kiosk.window, kiosk.mode
        mode.idle.start_attract_now()
        gallery_card = window.home.gallery.cards[0]
        qtbot.mouseClick(gallery_card, Qt.MouseButton.LeftButton, pos=QPoint(60, 60))  # wakes the kiosk, opens nothing
        qtbot.mouseClick(gallery_card, Qt.MouseButton.LeftButton, pos=QPoint(60, 60))
        panel = window.panel_card.panel.id
        qtbot.waitUntil(mode.countdown.isVisible, timeout=3000)
        qtbot.mouseClick(window.home.timeline, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # "still here"
        assert window.panel_card.isVisible()
        link = next(button for button in window.panel_card._related if button.isVisible())
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton)  # "On the timeline": the panel's story
        story = window.event_card.event.id
        assert story == link.property("related_id") and not window.panel_card.isVisible()
        qtbot.waitUntil(lambda: mode.idle.state == "rested", timeout=6000)
        rows = analytics_rows(kiosk)
    finally:
        close(kiosk)
    assert [row[:3] for row in rows] == [
        ("visit_start", "zh", "home"),
        ("attract_interrupted", None, None),
        ("panel_open", panel, "tap"),
        ("countdown", "survived", None),
        ("panel_close", panel, None),
        ("story_open", story, "link"),
        ("countdown", "expired", None),
        ("story_close", story, None),
        ("visit_end", "story", "idle"),
    ]


def test_a_garbage_file_where_the_analytics_belong_is_moved_aside_and_the_kiosk_runs(qtbot, tmp_path, caplog):
    path = tmp_path / "analytics.db"
    path.write_bytes(bytes(range(256)) * 64)
    kiosk = floor_kiosk(qtbot, kiosk_name="hall-2-north", analytics_db=str(path))
    try:
        story = tap_story(qtbot, kiosk, 0)
        assert kiosk.window.event_card.isVisible() and kiosk.window.event_card.event.id == story
        rows = analytics_rows(kiosk)
    finally:
        close(kiosk)
    assert [row[:2] for row in rows] == [("visit_start", "zh"), ("story_open", story)]
    aside = list(tmp_path.glob("analytics.db.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == bytes(range(256)) * 64
    assert f"moved it to {aside[0]}" in caplog.text


def test_with_analytics_off_nothing_is_written_and_staff_see_no_visitors_button(qtbot, tmp_path):
    path = tmp_path / "analytics.db"
    kiosk = floor_kiosk(qtbot, analytics=False, analytics_db=str(path))
    try:
        tap_story(qtbot, kiosk, 0)
        qtbot.mouseClick(kiosk.window.header.language_buttons["en"], Qt.MouseButton.LeftButton)
        kiosk.mode.open_menu()
        assert kiosk.analytics.events is None
        assert not kiosk.mode.menu.buttons["visitors"].isVisible()
    finally:
        close(kiosk)
    assert not path.exists() and not list(tmp_path.iterdir())


def test_staff_open_the_visitors_screen_and_read_a_month_in_both_languages(qtbot, tmp_path):
    path = tmp_path / "analytics.db"
    kiosk = floor_kiosk(qtbot, kiosk_name="hall-2-north", analytics_db=str(path))
    try:
        content = kiosk.window.content
        visits = generate_month(path, [e.id for e in content.events], [p.id for p in content.panels], [s.id for s in content.series],
                                datetime.date.today(), kiosk="hall-2-north")
        mode = kiosk.mode
        mode.open_pin_pad()
        mode.pin_pad.accepted.emit()
        qtbot.mouseClick(mode.menu.buttons["visitors"], Qt.MouseButton.LeftButton)
        screen = mode.visitors
        qtbot.waitUntil(lambda: not screen.loading)  # read on a thread of its own
        assert screen.isVisible() and screen.geometry() == kiosk.window.centralWidget().rect()
        assert screen.title.text() == "观众统计"
        assert screen.tiles[0].figure.text() == f"{visits:,}"
        assert "hall-2-north" in screen.hint.text() and "不含任何个人信息" in screen.hint.text()
        top = screen.summary.top["story"][0]
        assert screen.stories.names[0].toPlainText().startswith(content.event(top.item).title.zh[:10])
        qtbot.mouseClick(screen.order_buttons["story"], Qt.MouseButton.LeftButton)
        longest = screen.summary.top_by_dwell("story")[0]
        assert screen.stories.names[0].toPlainText().startswith(content.event(longest.item).title.zh[:10])
        with qtbot.waitSignal(screen.summaryShown):
            qtbot.mouseClick(screen.period_buttons["week"], Qt.MouseButton.LeftButton)
        assert 0 < screen.summary.visits < visits and len(screen.summary.per_day) <= 7
        kiosk.session.set_language("en")
        assert screen.title.text() == "Visitors" and screen.per_day.title.text() == "Visits per day"
        assert screen.stories.names[0].toPlainText().startswith(content.event(screen.summary.top_by_dwell("story")[0].item).title.en[:10])
        qtbot.mouseClick(screen.back, Qt.MouseButton.LeftButton)
        assert not screen.isVisible() and mode.menu.isVisible()
    finally:
        close(kiosk)


def test_a_kiosk_that_quits_ends_the_visit_and_commits_it(qtbot, tmp_path):
    kiosk = floor_kiosk(qtbot, kiosk_name="hall-2-north", analytics_db=str(tmp_path / "analytics.db"))
    try:
        qtbot.mouseClick(kiosk.window.header.text_size, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(kiosk.window.home.zoom_in, Qt.MouseButton.LeftButton)
        kiosk.session.set_content(kiosk.window.content)  # a curator saved: the era chips are new ones
        kiosk.session.set_content(kiosk.window.content)
        qtbot.mouseClick(kiosk.window.home.era_chips[2], Qt.MouseButton.LeftButton)
        kiosk.analytics.shutdown()  # what the application's aboutToQuit runs
        with closing(sqlite3.connect(Path(tmp_path / "analytics.db"))) as connection:
            rows = connection.execute("SELECT kind, item, detail FROM events ORDER BY rowid").fetchall()
    finally:
        close(kiosk)
    assert rows == [("visit_start", "zh", "home"), ("large_text", "on", None), ("zoom", "button", None), ("zoom", "era", None),
                    ("visit_end", "home", "shutdown")]


def test_a_step_is_one_swipe_whichever_order_the_session_announces_it_in(qtbot, tmp_path):
    kiosk = floor_kiosk(qtbot, kiosk_name="hall-2-north", analytics_db=str(tmp_path / "analytics.db"))
    try:
        session = kiosk.session
        first, second, third = (event.id for event in kiosk.window.content.events[:3])
        session.storyOpened.emit(first)
        session.storyClosed.emit(first)
        session.storyOpened.emit(second)
        session.cardStepped.emit(1, "swipe")  # after the card it arrived at, as the controller does now
        session.cardStepped.emit(1, "button")  # before it: a controller that announces first
        session.storyClosed.emit(second)
        session.storyOpened.emit(third)
        session.cardStepped.emit(1, "button")  # at the last card nothing opens: no swipe
        qtbot.wait(1)
        rows = analytics_rows(kiosk)
    finally:
        close(kiosk)
    assert [row[:3] for row in rows] == [
        ("visit_start", "zh", "home"),
        ("story_open", first, "tap"),
        ("story_close", first, None),
        ("swipe", "next", "swipe"),
        ("story_open", second, "swipe"),
        ("story_close", second, None),
        ("swipe", "next", "button"),
        ("story_open", third, "swipe"),
    ]
