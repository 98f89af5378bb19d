"""Everything that keeps the kiosk safe and fresh on the museum floor, wired to the window.

Lockdown (no keys, menus or ways out for visitors), the idle countdown, reset and attract
loop, and the staff corner with its PIN pad and menu. The input router sees the events;
this module says what they mean on the floor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.attract import cycle
from kiosk.config import Settings
from kiosk.pin import PinGate, default_lock_path
from kiosk.qt.idle import IdleMonitor
from kiosk.qt.input_router import InputRouter
from kiosk.qt.main_window import MainWindow
from kiosk.qt.staff import PinPad, StaffCorner, StaffMenu
from kiosk.qt.widgets.common import single_shot
from kiosk.qt.widgets.idle_overlays import AttractOverlay, CountdownOverlay

if TYPE_CHECKING:
    from kiosk.qt.numbers.visitors import SummarySource, VisitorsScreen

log = logging.getLogger(__name__)
ATTRACT_STEP_MS = 9000  # a calm pace: time to read a title in both languages from a few steps away
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
    """The attract loop's turns: a story from each era in turn, a new one every few seconds.

    Nothing moves between turns: a still, full screen costs next to no CPU all day long.
    """

    def __init__(self, window: MainWindow, layer: AttractOverlay) -> None:
        super().__init__(window)
        self.window = window
        self.layer = layer
        self._stories = iter(())
        self._timer = QTimer(self)
        self._timer.setInterval(ATTRACT_STEP_MS)
        self._timer.timeout.connect(self.step)

    def start(self) -> None:
        self._stories = cycle(self.window.content)
        self.step()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def step(self) -> None:
        story = next(self._stories, None)
        if story is not None:
            self.layer.show_story(story, self.window.content.era(story.era))


class KioskMode(QObject):
    """The floor's parts, wired to the window and to the application's input router."""

    def __init__(self, window: MainWindow, settings: Settings, router: InputRouter, lockdown: bool, reload: Callable[[], None],
                 visitors: SummarySource | None = None) -> None:
        """`visitors` gives the analytics summaries; without it the staff menu has no Visitors screen."""
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.visitors_summary = visitors
        self.visitors: VisitorsScreen | None = None  # built when staff first open it: pyqtgraph costs nothing before
        self.router = router
        router.lockdown = lockdown
        self.countdown = CountdownOverlay(window.centralWidget())
        self.attract = AttractOverlay(window.centralWidget())
        self.tour = AttractTour(window, self.attract)
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
        self.menu.visitorsRequested.connect(self.open_visitors)
        self.menu.buttons["visitors"].setVisible(visitors is not None)
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
        self.tour.start()
        self.attract.appear()

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

    def open_visitors(self) -> None:
        if self.visitors_summary is None:
            return
        if self.visitors is None:
            from kiosk.qt.numbers.visitors import VisitorsScreen

            window = self.window
            self.visitors = VisitorsScreen(self.visitors_summary, lambda: window.content, window.fonts.sans, window.centralWidget())
            for button in self.visitors.findChildren(QPushButton):
                button.clicked.connect(self._staff_busy)
        self.visitors.open()
        self.staff_timeout.start()

    def close_staff(self) -> None:
        if self.visitors is not None:
            self.visitors.close_screen()
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
