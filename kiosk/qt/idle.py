"""Idle handling, as museum practice recommends: a countdown, then a reset, then an attract loop.

Only one single-shot timer runs while nobody touches the screen, so an idle kiosk costs
almost no CPU. The input router hands it every visitor input (`on_input`). The first touch
during the attract loop only ends it: that touch (and the rest of its gesture) never
reaches the widget under the finger.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.qt.widgets.common import single_shot

INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.Wheel,
    QEvent.Type.KeyPress, QEvent.Type.Gesture,
}
GESTURE_START = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.MouseButtonDblClick, QEvent.Type.KeyPress}
GESTURE_END = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}


class IdleMonitor(QObject):
    countdownTick = Signal(int)  # noqa: N815 - seconds left
    visitorReturned = Signal()  # noqa: N815 - a touch during the countdown: keep their place
    resetRequested = Signal()  # noqa: N815
    attractStarted = Signal()  # noqa: N815
    attractEnded = Signal()  # noqa: N815
    attractInterrupted = Signal()  # noqa: N815 - a visitor's touch ended it (not staff)

    def __init__(self, idle_s: float, countdown_s: int, attract_s: float | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.countdown_s = countdown_s
        self.attract_after_reset_ms = None if attract_s is None else max(int((attract_s - idle_s - countdown_s) * 1000), 0)
        self.state = "active"  # active | countdown | rested | attract | paused
        self._idle = single_shot(self, int(idle_s * 1000), self._start_countdown)
        self._attract = single_shot(self, self.attract_after_reset_ms or 0, self._start_attract)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self._left = countdown_s
        self._swallowing = False
        self._idle.start()

    # -- staff menu -----------------------------------------------------------------
    def pause(self) -> None:
        for timer in (self._idle, self._attract, self._tick):
            timer.stop()
        if self.state == "attract":
            self.attractEnded.emit()
        self.state = "paused"

    def resume(self) -> None:
        self.state = "active"
        self._idle.start()

    # -- input ------------------------------------------------------------------------
    def on_input(self, event: QEvent) -> bool:
        """A visitor's input: restart the idle wait; True when it is swallowed (it ended the attract loop)."""
        kind = event.type()
        if kind not in INPUT_EVENTS and kind not in GESTURE_END:
            return False
        if self._swallowing:
            if kind in GESTURE_END:
                self._swallowing = False
            return True
        if self.state == "paused":
            return False
        if self.state == "attract" and kind in GESTURE_START:
            self._end_attract()
            self.attractInterrupted.emit()
            self._swallowing = kind not in (QEvent.Type.KeyPress,)
            return True
        if kind == QEvent.Type.MouseMove and not QApplication.mouseButtons():
            return False  # a cursor drifting over the screen is not a visitor
        if self.state == "countdown":
            self._tick.stop()
            self.state = "active"
            self.visitorReturned.emit()
        if self.state in ("active", "rested"):
            self.state = "active"
            self._attract.stop()
            self._idle.start()
        return False

    # -- stages -------------------------------------------------------------------------
    def _start_countdown(self) -> None:
        self.state = "countdown"
        self._left = self.countdown_s
        self.countdownTick.emit(self._left)
        self._tick.start()

    def _count_down(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.countdownTick.emit(self._left)
            return
        self._tick.stop()
        self.state = "rested"
        self.resetRequested.emit()
        if self.attract_after_reset_ms is not None:
            self._attract.start()

    def _start_attract(self) -> None:
        self.state = "attract"
        self.attractStarted.emit()

    def _end_attract(self) -> None:
        self.state = "active"
        self.attractEnded.emit()
        self._idle.start()

    def start_attract_now(self) -> None:
        """For the soak benchmark and staff: run the attract loop without waiting."""
        self._idle.stop()
        self._start_attract()
