"""Turn mouse and touch input into pan, zoom, tap and double tap, with momentum after a fling.

One finger (or the mouse) drags; two fingers pinch about their centre and pan with it; a quick
second tap zooms in. The target only needs to know how to pan, zoom and take a tap.
"""

from __future__ import annotations

import math
import time
from typing import Protocol

from PySide6.QtCore import QEasingCurve, QEvent, QObject, QPointF, QVariantAnimation
from PySide6.QtGui import QMouseEvent, QTouchEvent

DRAG_THRESHOLD = 12.0  # px a finger may wobble and still tap
DOUBLE_TAP_S = 0.35
DOUBLE_TAP_PX = 40.0
FLING_MIN_SPEED = 250.0  # px/s
FLING_S = 0.45  # how far a fling carries, in seconds of its release speed


class GestureTarget(Protocol):
    def pan_by(self, dx: float) -> None: ...
    def zoom_about(self, factor: float, x: float) -> None: ...
    def tap(self, position: QPointF) -> None: ...
    def double_tap(self, position: QPointF) -> None: ...
    def gesture_ended(self) -> None: ...


class Gestures(QObject):
    def __init__(self, target: GestureTarget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self._press: QPointF | None = None
        self._last: QPointF | None = None
        self._dragging = False
        self._pinch: tuple[float, float] | None = None  # (finger distance, centre x) at the last update
        self._samples: list[tuple[float, float]] = []  # (time, x) of recent moves, for the fling speed
        self._last_tap: tuple[float, QPointF] | None = None
        self._fling = QVariantAnimation(self)
        self._fling.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._fling.valueChanged.connect(self._fling_step)
        self._fling.finished.connect(self.target.gesture_ended)
        self._fling_done = 0.0

    @property
    def active(self) -> bool:
        return self._press is not None or self._fling.state() == QVariantAnimation.State.Running

    def stop(self) -> None:
        self._fling.stop()

    # -- one pointer ------------------------------------------------------------
    def pointer_down(self, position: QPointF) -> None:
        self.stop()
        self._press = self._last = position
        self._dragging = False
        self._samples = [(time.monotonic(), position.x())]

    def pointer_move(self, position: QPointF) -> None:
        if self._press is None or self._pinch is not None:
            return
        if not self._dragging and (position - self._press).manhattanLength() > DRAG_THRESHOLD:
            self._dragging = True
        if self._dragging:
            self.target.pan_by(position.x() - self._last.x())
            self._last = position
            now = time.monotonic()
            self._samples = [s for s in self._samples if now - s[0] < 0.1] + [(now, position.x())]

    def pointer_up(self, position: QPointF) -> None:
        if self._press is None:
            return
        if self._dragging:
            self._start_fling()
        elif self._pinch is None:
            self._tapped(position)
        self._press = None
        self._dragging = False
        if not self.active:
            self.target.gesture_ended()

    def _tapped(self, position: QPointF) -> None:
        now = time.monotonic()
        previous = self._last_tap
        if previous and now - previous[0] < DOUBLE_TAP_S and (position - previous[1]).manhattanLength() < DOUBLE_TAP_PX:
            self._last_tap = None
            self.target.double_tap(position)
            return
        self._last_tap = (now, position)
        self.target.tap(position)

    def _start_fling(self) -> None:
        if len(self._samples) < 2:
            return
        (t0, x0), (t1, x1) = self._samples[0], self._samples[-1]
        speed = (x1 - x0) / max(t1 - t0, 1e-3)
        if abs(speed) < FLING_MIN_SPEED:
            return
        self._fling_done = 0.0
        self._fling.setDuration(int(FLING_S * 2000))
        self._fling.setStartValue(0.0)
        self._fling.setEndValue(speed * FLING_S)
        self._fling.start()

    def _fling_step(self, value: float) -> None:
        self.target.pan_by(value - self._fling_done)
        self._fling_done = value

    # -- events -------------------------------------------------------------------
    def handle(self, event: QEvent) -> bool:
        """Feed a widget event in; True when it was a pointer event this handled."""
        kind = event.type()
        if isinstance(event, QTouchEvent):
            return self._touch(event)
        if isinstance(event, QMouseEvent):
            if kind == QEvent.Type.MouseButtonPress:
                self.pointer_down(event.position())
            elif kind == QEvent.Type.MouseMove:
                self.pointer_move(event.position())
            elif kind == QEvent.Type.MouseButtonRelease:
                self.pointer_up(event.position())
            elif kind == QEvent.Type.MouseButtonDblClick:
                self.target.double_tap(event.position())
            else:
                return False
            return True
        return False

    def _touch(self, event: QTouchEvent) -> bool:
        points = [p for p in event.points() if p.state() != p.State.Released] if event.type() != QEvent.Type.TouchEnd else []
        if len(points) >= 2:
            a, b = points[0].position(), points[1].position()
            distance = math.hypot(a.x() - b.x(), a.y() - b.y())
            centre = (a.x() + b.x()) / 2
            if self._pinch is None:
                self.stop()
                self._press = self._press or a
                self._dragging = False
            else:
                previous_distance, previous_centre = self._pinch
                self.target.pan_by(centre - previous_centre)
                if previous_distance > 1:
                    self.target.zoom_about(distance / previous_distance, centre)
            self._pinch = (distance, centre)
        elif event.type() == QEvent.Type.TouchBegin and points:
            self.pointer_down(points[0].position())
        elif event.type() == QEvent.Type.TouchUpdate and points:
            if self._pinch is not None:  # a finger lifted: keep panning from where the other one is
                self._pinch = None
                self._last = points[0].position()
                self._dragging = True
            self.pointer_move(points[0].position())
        elif event.type() in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            released = event.points()[0].position() if event.points() else self._last or QPointF()
            was_pinch = self._pinch is not None
            self._pinch = None
            if was_pinch:
                self._press = None
                self._dragging = False
                self.target.gesture_ended()
            else:
                self.pointer_up(released)
        event.accept()
        return True
