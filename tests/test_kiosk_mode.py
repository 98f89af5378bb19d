"""On the museum floor: the kiosk resets itself, invites the next visitor, and only staff get out."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel

from kiosk.config import Settings, load_settings
from kiosk.paths import CONTENT_DIR
from kiosk.pin import hash_pin

PIN = "2468"


def floor_kiosk(qtbot, **settings):
    from kiosk.qt.app import create_app

    chosen = Settings(**({"pin_hash": hash_pin(PIN)} | settings))
    kiosk = create_app(chosen, CONTENT_DIR)
    qtbot.waitUntil(kiosk.window.windowHandle().isExposed)  # waitExposed is a context manager: it would not wait here
    return kiosk


def enter_pin(qtbot, pad, pin: str) -> None:
    """Type a PIN on the pad and wait for its verdict (the hash is checked on a worker thread)."""
    for digit in pin:
        qtbot.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pad.checking, timeout=5000)


def close(kiosk) -> None:
    kiosk.close()


def test_an_idle_visitor_is_asked_then_the_kiosk_resets_and_invites_the_next(qtbot):
    kiosk = floor_kiosk(qtbot, idle_seconds=0.3, countdown_seconds=1, attract_seconds=1.6)
    try:
        window, mode = kiosk.window, kiosk.mode
        kiosk.session.set_language("en")
        kiosk.session.open_story("soviet-army-1945")
        qtbot.waitUntil(mode.countdown.isVisible, timeout=2000)
        assert "Still exploring?" in mode.countdown.question.text() and "还在看吗" in mode.countdown.question.text()
        with qtbot.waitSignal(kiosk.session.countdownExpired, timeout=3000):
            pass
        qtbot.waitUntil(lambda: not mode.countdown.isVisible(), timeout=3000)
        assert not window.event_card.isVisible()
        assert kiosk.session.language == "zh", "back to the default language"
        qtbot.waitUntil(mode.attract.isVisible, timeout=3000)
        assert "Touch to explore" in mode.attract.label.text()
        assert mode.tour.running
    finally:
        close(kiosk)


def test_a_touch_during_the_countdown_keeps_the_visitors_place(qtbot):
    kiosk = floor_kiosk(qtbot, idle_seconds=0.3, countdown_seconds=5, attract=False)
    try:
        window, mode = kiosk.window, kiosk.mode
        kiosk.session.open_story("railway-jiamusi-1926")
        qtbot.waitUntil(mode.countdown.isVisible, timeout=2000)
        with qtbot.waitSignal(kiosk.session.countdownSurvived, timeout=1000):
            qtbot.mouseClick(window.home.timeline, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        assert not mode.countdown.isVisible()
        assert window.event_card.isVisible() and window.event_card.event.id == "railway-jiamusi-1926"
    finally:
        close(kiosk)


def test_the_first_touch_ends_the_attract_loop_and_does_nothing_else(qtbot):
    kiosk = floor_kiosk(qtbot)
    try:
        window, mode = kiosk.window, kiosk.mode
        mode.idle.start_attract_now()
        assert mode.attract.isVisible()
        card = window.home.gallery.cards[0]
        with qtbot.waitSignal(kiosk.session.attractInterrupted, timeout=1000):
            qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(60, 60))
        assert not mode.attract.isVisible() and not mode.tour.running
        assert not window.panel_card.isVisible(), "the touch that woke the kiosk opened nothing"
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(60, 60))
        assert window.panel_card.isVisible(), "the next touch works as usual"
    finally:
        close(kiosk)


def test_keys_and_closing_are_locked_for_visitors(qtbot):
    kiosk = floor_kiosk(qtbot)
    try:
        window = kiosk.window
        qtbot.waitUntil(window.isFullScreen, timeout=2000)
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
        for key, modifiers in ((Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier), (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                               (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
                               (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier)):
            press = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
            assert kiosk.router.eventFilter(window, press) is True
            qtbot.keyClick(window, key, modifiers)
        window.close()
        qtbot.wait(100)
        assert window.isVisible() and window.isFullScreen()
    finally:
        close(kiosk)


def test_a_wrong_pin_is_refused_and_repeated_wrong_pins_lock_the_pad(qtbot):
    kiosk = floor_kiosk(qtbot)
    try:
        mode = kiosk.mode
        mode.corner.triggered.emit()
        pad = mode.pin_pad
        assert pad.isVisible() and mode.idle.state == "paused"
        for _attempt in range(3):
            enter_pin(qtbot, pad, "1111")
            assert not mode.menu.isVisible()
        assert "Too many wrong PINs" in pad.message.text() or "过多" in pad.message.text()
        enter_pin(qtbot, pad, PIN)
        assert not mode.menu.isVisible(), "while locked even the right PIN is not checked"
    finally:
        close(kiosk)


def test_the_right_pin_reaches_the_staff_menu_after_a_five_second_corner_press(qtbot):
    kiosk = floor_kiosk(qtbot)
    try:
        mode, window = kiosk.mode, kiosk.window
        mode.corner._timer.setInterval(300)  # the real hold is five seconds
        qtbot.mousePress(window.header, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
        qtbot.waitUntil(mode.pin_pad.isVisible, timeout=2000)
        qtbot.mouseRelease(window.header, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
        enter_pin(qtbot, mode.pin_pad, PIN)
        assert mode.menu.isVisible()
        assert "events" in mode.menu.status.text()
        qtbot.mouseClick(mode.menu.buttons["report"], Qt.MouseButton.LeftButton)
        assert "Translation report" in mode.menu.report.toPlainText()
        qtbot.mouseClick(mode.menu.buttons["back"], Qt.MouseButton.LeftButton)
        assert mode.idle.state == "active", "timers run again once staff are done"
    finally:
        close(kiosk)


def test_large_text_enlarges_reading_text_without_clipping(qtbot):
    kiosk = floor_kiosk(qtbot)
    try:
        window = kiosk.window
        kiosk.session.open_story("cheap-flats-2019")
        body = window.event_card.body
        normal = body.font().pixelSize()
        qtbot.mouseClick(window.header.text_size, Qt.MouseButton.LeftButton)
        assert body.font().pixelSize() >= normal * 1.2

        def clipped() -> list[str]:
            return [label.objectName() for label in window.findChildren(QLabel)
                    if label.isVisibleTo(window) and label.text() and label.wordWrap()
                    and label.height() < label.heightForWidth(label.width()) - 2]

        # the credits sit in a frame inside the text column: their new height takes a second layout pass
        qtbot.waitUntil(lambda: not clipped(), timeout=2000)
        kiosk.session.new_visit()
        assert body.font().pixelSize() == normal and not window.header.text_size.isChecked()
    finally:
        close(kiosk)


def test_a_staff_menu_left_open_closes_itself_and_the_kiosk_carries_on(qtbot):
    kiosk = floor_kiosk(qtbot)
    try:
        mode = kiosk.mode
        mode.staff_timeout.setInterval(300)  # two minutes on the floor
        mode.open_pin_pad()
        mode.pin_pad.accepted.emit()
        assert mode.menu.isVisible()
        qtbot.waitUntil(lambda: not mode.menu.isVisible(), timeout=2000)
        assert not mode.pin_pad.isVisible() and mode.idle.state == "active"
    finally:
        close(kiosk)


def test_the_next_visitor_does_not_see_the_last_ones_chart_tap_or_text_size(qtbot):
    kiosk = floor_kiosk(qtbot)
    try:
        window = kiosk.window
        kiosk.session.show_screen("numbers")
        card = window.numbers.cards[0]
        kiosk.session.select_chart(card.series.id, 0)
        assert "1,058,665" in card.detail.text()
        kiosk.session.set_large_text(True)
        kiosk.session.new_visit()
        assert card.selected is None and "1,058,665" not in card.detail.text()
        kiosk.session.set_large_text(True)
        kiosk.session.set_content(window.content.__class__(window.content.eras, window.content.events, window.content.panels, window.content.series))
        summaries = [label for label in window.home.gallery.findChildren(QLabel, "GallerySummary")]
        assert summaries and all(label.property("largeText") for label in summaries)
    finally:
        close(kiosk)


def test_the_pin_is_hashed_off_the_screen_thread_while_the_pad_shows_it_is_busy(qtbot):
    kiosk = floor_kiosk(qtbot)
    try:
        mode = kiosk.mode
        pad, gate = mode.pin_pad, mode.gate
        release = threading.Event()
        threads = []
        real_matches = gate.matches

        def slow_matches(pin: str) -> bool:
            threads.append(threading.current_thread())
            release.wait(5)
            return real_matches(pin)

        gate.matches = slow_matches
        ticks = []
        ticker = QTimer(kiosk.window)
        ticker.timeout.connect(lambda: ticks.append(1))
        ticker.start(5)
        mode.open_pin_pad()
        for digit in PIN:
            qtbot.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
        assert pad.checking and not pad.ok_button.isEnabled() and not pad.digit_buttons["1"].isEnabled()
        assert "Checking" in pad.message.text() or "核对" in pad.message.text()
        qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)  # the screen's event loop runs on meanwhile
        assert not mode.menu.isVisible()
        release.set()
        qtbot.waitUntil(mode.menu.isVisible, timeout=5000)
        assert threads and threads[0] is not threading.main_thread()
        ticker.stop()
    finally:
        close(kiosk)


def test_a_damaged_pin_hash_leaves_the_exhibition_running_and_tells_staff_plainly(qtbot, tmp_path):
    from kiosk.qt.app import create_app

    damaged = hash_pin(PIN).replace("scrypt$16384$", "scrypt$1048576$")  # a hand edit, or tampering
    path = tmp_path / "kiosk.toml"
    path.write_text(f'default_language = "en"\npin_hash = "{damaged}"\n', encoding="utf-8")
    settings, messages = load_settings(path)
    assert len(messages) == 1 and f"{path}, line 2" in messages[0] and "set-pin" in messages[0]
    kiosk = create_app(settings, CONTENT_DIR)
    qtbot.waitUntil(kiosk.window.windowHandle().isExposed)
    try:
        window, mode = kiosk.window, kiosk.mode
        kiosk.session.open_story("soviet-army-1945")
        assert window.event_card.isVisible(), "the exhibition runs"
        kiosk.session.close_card()
        mode.open_pin_pad()
        enter_pin(qtbot, mode.pin_pad, PIN)
        assert "damaged" in mode.pin_pad.message.text() and "set-pin" in mode.pin_pad.message.text()
        assert not mode.menu.isVisible()
    finally:
        close(kiosk)
