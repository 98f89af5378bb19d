"""One-finger drag scrolling with momentum that still lets taps reach buttons and cards.

QScroller's press delay swallows the release of a quick tap on a child widget, so taps on
gallery cards were lost. This filter watches the whole area instead: a press passes
through untouched; only once the finger has travelled past a threshold does it take over,
scroll, cancel the child's press and, on release, glide on with the finger's speed.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEasingCurve, QEvent, QObject, QPointF, Qt, QVariantAnimation
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

THRESHOLD = 14.0  # px before a touch becomes a drag
GLIDE_MS = 900


class TouchScroll(QObject):
    def __init__(self, area: QAbstractScrollArea, orientation: Qt.Orientation) -> None:
        super().__init__(area)
        self.area = area
        self.horizontal = orientation == Qt.Orientation.Horizontal
        self._press: QPointF | None = None
        self._last: tuple[float, float] | None = None  # (position along the axis, time)
        self._speed = 0.0
        self._target: QWidget | None = None
        self._cancelling = False
        self.dragging = False
        self._glide = QVariantAnimation(self)
        self._glide.setDuration(GLIDE_MS)
        self._glide.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._glide.valueChanged.connect(lambda value: self._bar().setValue(round(value)))
        QApplication.instance().installEventFilter(self)

    def reset(self) -> None:
        """Back to the start, for the next visitor."""
        self._glide.stop()
        self._bar().setValue(self._bar().minimum())

    def _bar(self):
        return self.area.horizontalScrollBar() if self.horizontal else self.area.verticalScrollBar()

    def _along(self, point: QPointF) -> float:
        return point.x() if self.horizontal else point.y()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._cancelling or kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            return False
        if not isinstance(watched, QWidget) or not isinstance(event, QMouseEvent):
            return False
        if kind == QEvent.Type.MouseButtonPress:
            if watched is self.area.viewport() or self.area.viewport().isAncestorOf(watched):
                self._glide.stop()
                self._press = event.globalPosition()
                self._last = (self._along(self._press), time.monotonic())
                self._target = watched
                self.dragging = False
            return False
        if self._press is None:
            return False
        position = event.globalPosition()
        if kind == QEvent.Type.MouseMove:
            travelled = abs(self._along(position) - self._along(self._press))
            if not self.dragging and travelled > THRESHOLD:
                self.dragging = True
                self._cancel_child_press(position)
            if self.dragging:
                along, now = self._along(position), time.monotonic()
                delta = along - self._last[0]
                self._speed = delta / max(now - self._last[1], 1e-3)
                self._last = (along, now)
                self._bar().setValue(round(self._bar().value() - delta))
                return True
            return False
        was_dragging = self.dragging
        self._press, self.dragging = None, False
        if was_dragging:
            if abs(self._speed) > 200:
                bar = self._bar()
                end = bar.value() - self._speed * 0.35
                self._glide.setStartValue(float(bar.value()))
                self._glide.setEndValue(float(min(max(end, bar.minimum()), bar.maximum())))
                self._glide.start()
            return True
        return False

    def _cancel_child_press(self, position: QPointF) -> None:
        """Release the pressed child far away, so a button that saw the press does not click."""
        target = self._target
        if target is None or target is self.area.viewport():
            return
        outside = QPointF(-10_000, -10_000)
        release = QMouseEvent(QEvent.Type.MouseButtonRelease, outside, outside, Qt.MouseButton.LeftButton,
                              Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        self._cancelling = True
        try:
            QApplication.sendEvent(target, release)
        finally:
            self._cancelling = False
