"""One visitor, one session: a closed story stays closed, a new visitor starts afresh."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from test_curator_tools import save_atomically

from kiosk.config import Settings


def retitle_first_event(folder, title: str) -> None:
    events = folder / "events.json"
    data = json.loads(events.read_text(encoding="utf-8"))
    data["events"][0]["title"]["en"] = title
    save_atomically(events, json.dumps(data, ensure_ascii=False))


def test_a_story_the_visitor_closed_does_not_come_back_when_a_curator_saves(content_copy, qtbot):
    from kiosk.qt.app import create_app

    kiosk = create_app(Settings(default_language="en"), content_copy, size=(1920, 1080), preview=True)
    qtbot.addWidget(kiosk.window)
    qtbot.waitUntil(kiosk.window.windowHandle().isExposed)  # waitExposed is a context manager: it would not wait here
    card, timeline = kiosk.window.event_card, kiosk.window.home.timeline
    timeline.viewport.show(1926, 1936)
    timeline.repaint()
    story = next(rect for rect, group in timeline._hits if group.count == 1)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=story.center().toPoint())
    assert card.isVisible()
    qtbot.mouseClick(card.close_button, Qt.MouseButton.LeftButton)
    assert not card.isVisible()
    retitle_first_event(content_copy, "An empty land, retitled")
    qtbot.waitUntil(lambda: kiosk.window.content.events[0].title.en == "An empty land, retitled", timeout=2000)
    assert not card.isVisible(), "the closed story stays closed"
    assert not kiosk.window.panel_card.isVisible()


def test_after_a_reload_an_idle_reset_shows_the_home_screen_in_the_default_language(content_copy, qtbot):
    from kiosk.qt.app import create_app

    kiosk = create_app(Settings(default_language="zh", idle_seconds=1, countdown_seconds=1, attract=False), content_copy, size=(1920, 1080))
    qtbot.addWidget(kiosk.window)
    window, session = kiosk.window, kiosk.session
    qtbot.mouseClick(window.header.language_buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.header.text_size, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.header.nav_buttons["numbers"], Qt.MouseButton.LeftButton)
    session.open_story("soviet-army-1945")
    retitle_first_event(content_copy, "An empty land, retitled")
    kiosk.reload()
    assert window.event_card.isVisible() and window.event_card.event.id == "soviet-army-1945", "a reload keeps the visitor's place"
    assert window.screens.currentWidget() is window.numbers and session.language == "en"
    with qtbot.waitSignal(session.visitStarted, timeout=4000):
        pass  # nobody touches the screen: countdown, then the next visit
    assert window.screens.currentWidget() is window.home and window.header.nav_buttons["home"].isChecked()
    assert session.language == "zh" and window.header.language_buttons["zh"].isChecked()
    assert window.home.labels["timeline_title"].text() == "时间轴"
    assert not window.event_card.isVisible() and not window.header.text_size.isChecked()
    assert window.content.events[0].title.en == "An empty land, retitled"
    assert session.visitor.visit == 2, "a new visit, a new session"


def test_a_story_the_curator_removes_closes_and_the_rest_of_the_visit_stays(content_copy, qtbot):
    from kiosk.qt.app import create_app

    kiosk = create_app(content_dir=content_copy, size=(1920, 1080))
    qtbot.addWidget(kiosk.window)
    kiosk.session.set_language("en")
    kiosk.session.open_story("soviet-army-1945")
    events = content_copy / "events.json"
    data = json.loads(events.read_text(encoding="utf-8"))
    data["events"] = [event for event in data["events"] if event["id"] != "soviet-army-1945"]
    panels = json.loads((content_copy / "panels.json").read_text(encoding="utf-8"))
    for panel in panels["panels"]:
        panel["related_events"] = [e for e in panel.get("related_events", []) if e != "soviet-army-1945"]
    (content_copy / "panels.json").write_text(json.dumps(panels, ensure_ascii=False), encoding="utf-8")
    save_atomically(events, json.dumps(data, ensure_ascii=False))
    with qtbot.waitSignal(kiosk.session.contentReloaded) as reloaded:
        kiosk.reload()
    assert reloaded.args == [["story:soviet-army-1945"]]
    assert not kiosk.window.event_card.isVisible()
    assert kiosk.session.language == "en" and kiosk.window.home.labels["timeline_title"].text() == "Timeline"


def test_a_visit_is_reported_step_by_step_for_whoever_listens(kiosk, qtbot):
    heard: list[tuple] = []
    session = kiosk.session
    for name in ("visitStarted", "visitEnded", "screenEntered", "storyOpened", "storyClosed", "panelOpened", "panelClosed",
                 "chartOpened", "cardStepped", "languageChanged", "largeTextChanged"):
        getattr(session, name).connect(lambda *args, n=name: heard.append((n, *args)))
    window = kiosk.window
    first, second = (event.id for event in window.content.events[:2])
    session.open_story(first)
    qtbot.mouseClick(window.event_card.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.event_card.close_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.home.gallery.cards[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.header.nav_buttons["numbers"], Qt.MouseButton.LeftButton)
    session.select_chart(window.numbers.cards[0].series.id, 0)
    qtbot.mouseClick(window.header.language_buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.header.text_size, Qt.MouseButton.LeftButton)
    session.new_visit()
    panel = window.content.panels[0].id
    series = window.numbers.cards[0].series.id
    assert heard == [
        ("storyOpened", first), ("storyClosed", first), ("storyOpened", second), ("cardStepped", 1, "button"),
        ("storyClosed", second), ("panelOpened", panel), ("panelClosed", panel), ("screenEntered", "numbers"),
        ("chartOpened", series, 0), ("languageChanged", "en"), ("largeTextChanged", True),
        ("languageChanged", "zh"), ("visitEnded", 1, "idle"), ("largeTextChanged", False), ("visitStarted", 2),
    ]
    assert window.numbers.cards[0].selected is None, "the next visitor does not see the last one's tap"


def test_a_session_keeps_only_what_new_content_still_has():
    from kiosk.model import load_content
    from kiosk.paths import CONTENT_DIR
    from kiosk.session import VisitorSession

    content = load_content(CONTENT_DIR).content
    visit = VisitorSession(language="en")
    visit.open_panel(content.panels[0].id)
    visit.charts = {content.series[0].id: 0, "gone-series": 1, content.series[1].id: 99}
    assert visit.resolve(content) == ["chart:gone-series", f"chart:{content.series[1].id}"]
    assert visit.panel == content.panels[0].id and visit.charts == {content.series[0].id: 0}
    visit.open_story("no-such-story")
    assert visit.resolve(content) == ["story:no-such-story"] and visit.story is None and visit.panel is None
    following = VisitorSession.next_visit(visit, "zh")
    assert (following.visit, following.language, following.charts, following.large_text) == (2, "zh", {}, False)
