"""Everything that keeps the kiosk safe and fresh on the museum floor, wired to the window.

Lockdown (no keys, menus or ways out for visitors), the idle countdown, reset and attract
loop, and the staff corner with its PIN pad and menu. The input router sees the events;
this module says what they mean on the floor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.config import Settings
from kiosk.pin import PinGate, default_lock_path
from kiosk.qt.idle import IdleMonitor
from kiosk.qt.input_router import InputRouter
from kiosk.qt.main_window import MainWindow
from kiosk.qt.staff import PinPad, StaffCorner, StaffMenu
from kiosk.qt.widgets.common import single_shot
from kiosk.qt.widgets.idle_overlays import AttractOverlay, CountdownOverlay

log = logging.getLogger(__name__)
ATTRACT_STEP_MS = 9000
ATTRACT_GLIDE_MS = 6000
ATTRACT_FRAME_MS = 40  # 25 frames a second: a slow glide looks as smooth and costs far less than 60
STAFF_TIMEOUT_MS = 120_000  # the PIN pad and staff menu close after two minutes untouched
STAFF_QUIT_STATUS = 64  # the systemd unit does not restart on this status: staff left on purpose


def set_full_screen(window: QWidget, on: bool) -> None:
    """The one place the window's full-screen flags are set: frameless and on top, or a normal window."""
    if on:
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        screen = window.screen() or QApplication.primaryScreen()
        window.setGeometry(screen.geometry())
        window.showFullScreen()
    else:
        window.setWindowFlags(Qt.WindowType.Window)
        window.showNormal()
        window.resize(1280, 800)


class AttractTour(QObject):
    """A slow self-guided glide from era to era."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._index = 0
        self._timer = QTimer(self)
        self._timer.setInterval(ATTRACT_STEP_MS)
        self._timer.timeout.connect(self.step)

    def start(self) -> None:
        self._index = 0
        self.step()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def step(self) -> None:
        eras = self.window.content.eras
        if not eras:
            return
        era = eras[self._index % len(eras)]
        self._index += 1
        timeline = self.window.home.timeline
        end = era.end.start if era.end else timeline.viewport.upper
        pad = (end - era.start.start) * 0.06
        timeline.glide_to(era.start.start - pad, end + pad, ATTRACT_GLIDE_MS, ATTRACT_FRAME_MS)


class KioskMode(QObject):
    """The floor's parts, wired to the window and to the application's input router."""

    def __init__(self, window: MainWindow, settings: Settings, router: InputRouter, lockdown: bool, reload: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.router = router
        router.lockdown = lockdown
        self.countdown = CountdownOverlay(window.centralWidget())
        self.attract = AttractOverlay(window.centralWidget())
        self.tour = AttractTour(window)
        self.idle = IdleMonitor(settings.idle_seconds, settings.countdown_seconds, settings.attract_seconds if settings.attract else None, self)
        self.idle.countdownTick.connect(self.countdown.show_seconds)
        self.idle.visitorReturned.connect(self.countdown.hide)
        self.idle.visitorReturned.connect(window.session.countdownSurvived)
        self.idle.resetRequested.connect(window.session.countdownExpired)  # said before the visit ends
        self.idle.resetRequested.connect(self._reset)
        self.idle.attractInterrupted.connect(window.session.attractInterrupted)
        self.idle.attractStarted.connect(self._attract_on)
        self.idle.attractEnded.connect(self._attract_off)

        self.gate = PinGate(settings.pin_hash, default_lock_path())
        self.pin_pad = PinPad(self.gate, window.centralWidget())
        self.menu = StaffMenu(window.centralWidget())
        self.corner = StaffCorner(window)
        router.idle, router.corner = self.idle, self.corner
        self.corner.triggered.connect(self.open_pin_pad)
        self.pin_pad.accepted.connect(self.open_menu)
        self.pin_pad.closed.connect(self._staff_done)
        self.menu.closed.connect(self._staff_done)
        self.menu.reloadRequested.connect(reload)
        self.menu.windowedToggled.connect(self.toggle_windowed)
        self.menu.quitRequested.connect(self.quit)
        # staff who walk away must not leave the menu (and its Quit button) to visitors
        self.staff_timeout = single_shot(self, STAFF_TIMEOUT_MS, self.close_staff)
        for button in (*self.pin_pad.card.findChildren(QPushButton), *self.menu.card.findChildren(QPushButton)):
            button.clicked.connect(self._staff_busy)

    def allow_close(self) -> None:
        self.router.allow_close = True

    def _reset(self) -> None:
        self.countdown.hide()
        self.window.session.new_visit("idle")
        log.info("idle: reset for the next visitor")

    def _attract_on(self) -> None:
        self.window.session.close_card()
        self.attract.appear()
        self.tour.start()

    def _attract_off(self) -> None:
        self.tour.stop()
        self.attract.hide()

    def open_pin_pad(self) -> None:
        self.idle.pause()
        self.countdown.hide()
        self.pin_pad.open()
        self.staff_timeout.start()

    def open_menu(self) -> None:
        log.info("staff menu opened")
        self.menu.open()
        self.staff_timeout.start()

    def _staff_busy(self) -> None:
        if self.staff_timeout.isActive():
            self.staff_timeout.start()

    def close_staff(self) -> None:
        self.pin_pad.close_overlay()
        self.menu.close_overlay()

    def _staff_done(self) -> None:
        if not self.pin_pad.isVisible() and not self.menu.isVisible():
            self.staff_timeout.stop()
            self.idle.resume()

    def toggle_windowed(self) -> None:
        set_full_screen(self.window, not self.window.isFullScreen())

    def quit(self) -> None:
        log.info("staff quit the kiosk")
        self.allow_close()
        QApplication.instance().exit(STAFF_QUIT_STATUS)
