"""The running kiosk and its inbox: a new release waits for the next idle reset, staff see why
a release was refused and can roll back, and a health line goes out each day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from releases_support import Gallery

from kiosk.config import Settings
from kiosk.model import load_content
from kiosk.paths import CONTENT_DIR
from kiosk.qt import releases_watcher
from kiosk.releases import Inbox


@pytest.fixture
def gallery(tmp_path: Path) -> Gallery:
    return Gallery(tmp_path)


@pytest.fixture
def floor(qtbot, gallery: Gallery, monkeypatch):
    """A kiosk in kiosk mode showing the release "Opening day", watching its inbox."""
    from kiosk.qt.app import create_app

    monkeypatch.setattr(releases_watcher, "DEBOUNCE_MS", 50)
    gallery.install("Opening day")
    kiosk = create_app(Settings(default_language="en"), CONTENT_DIR, size=(1920, 1080),
                       releases=Inbox(gallery.inbox, gallery.releases, gallery.keys))
    qtbot.waitUntil(kiosk.window.windowHandle().isExposed)
    kiosk.releases.wait_idle()
    yield kiosk
    kiosk.releases.wait_idle()
    kiosk.close()


def on_screen(kiosk) -> str:
    return kiosk.window.content.events[0].title.en


def test_a_release_landing_while_a_visitor_reads_waits_for_the_next_idle_reset(qtbot, floor, gallery: Gallery):
    assert on_screen(floor) == "Opening day"
    floor.session.open_story("soviet-army-1945")
    with qtbot.waitSignal(floor.releases.passFinished, timeout=10_000):
        spring = gallery.deliver(gallery.publish("Spring update", note="new photos of the Xingshan mine"))
    assert gallery.current == spring.name, "installed on disk at once"
    assert on_screen(floor) == "Opening day" and floor.window.event_card.isVisible(), "the visitor's screen did not change"
    floor.mode.idle.resetRequested.emit()
    assert on_screen(floor) == "Spring update"
    floor.mode.menu.translateUI()
    assert spring.name in floor.mode.menu.releases.text() and "new photos of the Xingshan mine" in floor.mode.menu.releases.text()


def test_staff_see_why_a_release_was_refused_in_both_languages_and_visitors_keep_the_previous_one(qtbot, floor, gallery: Gallery):
    arriving = gallery.deliver(gallery.publish("Spring update"))
    events = arriving / "events.json"
    events.write_bytes(events.read_bytes().replace(b"Spring update", b"Spring updatf"))
    with qtbot.waitSignal(floor.releases.passFinished, timeout=10_000):
        floor.releases.scan()
    floor.mode.idle.resetRequested.emit()
    assert on_screen(floor) == "Opening day"
    menu = floor.mode.menu
    assert "events.json differs from the signed manifest" in menu.releases.text()
    floor.session.set_language("zh")
    assert "events.json 与已签名的清单不一致" in menu.releases.text()
    assert menu.buttons["rollback"].text() == "回退到上一版本"


def test_staff_roll_back_from_the_menu_and_the_previous_release_shows_at_once(qtbot, floor, gallery: Gallery):
    with qtbot.waitSignal(floor.releases.passFinished, timeout=10_000):
        gallery.deliver(gallery.publish("Spring update"))
    floor.mode.idle.resetRequested.emit()
    assert on_screen(floor) == "Spring update"
    floor.mode.open_menu()
    button: QPushButton = floor.mode.menu.buttons["rollback"]
    button.click()
    assert on_screen(floor) == "Opening day"
    button.click()
    assert on_screen(floor) == "Opening day"
    assert "Cannot roll back: no earlier release is kept" in floor.mode.menu.releases.text()


def test_the_kiosk_writes_one_health_line_a_day_into_its_outbox(qtbot, tmp_path: Path):
    from kiosk.config import kiosk_name

    reporter = releases_watcher.HealthReporter(tmp_path / "outbox", kiosk_name(Settings(kiosk_name="hall-1")), lambda: "20261128T070100Z-abcdef12")
    reporter.write_if_new_day()
    reporter.stop()
    (path,) = (tmp_path / "outbox" / "hall-1").glob("health-*.jsonl")
    (line,) = [json.loads(text) for text in path.read_text(encoding="utf-8").splitlines()]
    assert line["kiosk"] == "hall-1" and line["release"] == "20261128T070100Z-abcdef12" and line["errors"] == 0


def test_a_new_kiosk_shows_its_content_folder_until_the_first_release_arrives(qtbot, tmp_path: Path, monkeypatch):
    from kiosk.qt.app import create_app

    monkeypatch.setattr(releases_watcher, "DEBOUNCE_MS", 50)
    gallery = Gallery(tmp_path)
    kiosk = create_app(Settings(), CONTENT_DIR, size=(1920, 1080), releases=Inbox(gallery.inbox, gallery.releases, gallery.keys))
    try:
        qtbot.waitUntil(lambda: kiosk.releases.last is not None, timeout=10_000)  # the pass at start finds an empty inbox
        first_story = load_content(CONTENT_DIR).content.events[0].title.en
        assert on_screen(kiosk) == first_story
        with qtbot.waitSignal(kiosk.releases.passFinished, timeout=10_000):
            gallery.deliver(gallery.publish("Opening day"))
        assert on_screen(kiosk) == first_story
        kiosk.mode.idle.resetRequested.emit()
        assert on_screen(kiosk) == "Opening day"
    finally:
        kiosk.releases.wait_idle()
        kiosk.close()
