"""The one gesture engine: drag, fling, pinch, swipe, tap and double tap, with one set of thresholds.

Every surface a finger can move (the timeline, the gallery, a card, the charts and every
scrolling column) registers here with `register(widget, surface)`. The application's input
router feeds each pointer event to `engine().feed()`, which finds the surface under the
finger and turns the events into calls on it: `pan_by`, `zoom_about`, `tap`,
`double_tap`, `swipe` and `gesture_ended`. So a pinch, a swipe or a fling feels the same
wherever it lands, and every recognised gesture is reported once, by `recognized`.

Two kinds of surface:
- `owns_input`: the surface takes every touch under it (the timeline, the gallery).
- otherwise its children (buttons, charts) get presses and taps as usual; once a finger has
  travelled past the drag threshold the surface takes over and the child's press is cancelled,
  so a drag that starts on a button scrolls instead of clicking.
Surfaces nest: a drag goes to the innermost surface that moves along the finger's main
direction (a vertical drag on a card's text scrolls it; a horizontal one swipes the card).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEasingCurve, QEvent, QObject, QPointF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

DRAG_THRESHOLD = 12.0  # px a finger may wobble and still tap
DOUBLE_TAP_S = 0.35
DOUBLE_TAP_PX = 40.0
SWIPE_PX = 120.0  # a horizontal drag this long turns a card's page
FLING_MIN_SPEED = 250.0  # px/s at release for momentum
FLING_S = 0.45  # how far a fling carries, in seconds of its release speed
FLING_MS = 900

SURFACE = "gesture_surface"  # the attribute a registered widget carries
POINTER_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel,
})


class Surface:
    """What a gesture can do to a widget; a surface overrides the parts it uses."""

    name = "surface"  # how `recognized` reports it
    axis = "x"  # the direction one finger pans: "x" or "y"
    owns_input = False

    def pan_by(self, dx: float, dy: float) -> None:
        """The finger (or a fling) moved by dx, dy pixels."""

    def zoom_about(self, factor: float, x: float) -> None:
        """Two fingers spread (factor > 1) or closed about x (surface coordinates)."""

    def tap(self, position: QPointF) -> None:
        """A touch that did not move, at `position` in the surface's coordinates."""

    def double_tap(self, position: QPointF) -> None:
        """Two taps in quick succession at about the same place."""

    def swipe(self, direction: int) -> None:
        """A horizontal drag of at least SWIPE_PX: +1 when the finger moved left (next), -1 right."""

    def gesture_ended(self) -> None:
        """The finger lifted and any fling has stopped."""


@dataclass
class _Track:
    """One gesture in progress: where it began, on which surfaces, what it has become."""

    chain: list[tuple[QWidget, Surface]]
    key: tuple
    press: QPointF
    last: QPointF
    child: QWidget
    surface: tuple[QWidget, Surface]
    samples: list[tuple[float, float, float]]  # (time, x, y) of recent moves, for the fling speed
    dragging: bool = False
    pinch: tuple[float, QPointF] | None = None  # (finger distance, centre) at the last update
    pinched: bool = False


class GestureEngine(QObject):
    recognized = Signal(str, str)  # kind (tap, double_tap, drag, swipe, fling, pinch), surface name

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._track: _Track | None = None
        self._last_tap: tuple[float, QPointF, Surface] | None = None
        self._fling = QVariantAnimation(self)
        self._fling.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._fling.setDuration(FLING_MS)
        self._fling.valueChanged.connect(self._fling_step)
        self._fling.finished.connect(self._fling_done)
        self._fling_target: tuple[QWidget, Surface, str] | None = None
        self._fling_travelled = 0.0

    # -- surfaces -----------------------------------------------------------------
    def _chain(self, widget: QWidget | None) -> list[tuple[QWidget, Surface]]:
        chain = []
        while widget is not None:
            surface = getattr(widget, SURFACE, None)
            if surface is not None:
                chain.append((widget, surface))
            widget = widget.parentWidget()
        return chain

    @property
    def active(self) -> bool:
        return self._track is not None or self._fling.state() == QVariantAnimation.State.Running

    def stop(self, surface: Surface | None = None) -> None:
        """End a fling (only the one on `surface`, when given)."""
        if self._fling_target is not None and surface in (None, self._fling_target[1]):
            self._fling.stop()
            self._fling_target = None

    # -- events -------------------------------------------------------------------
    def feed(self, watched: QWidget, event: QEvent) -> bool:
        """Take a pointer event for `watched`; True when a surface used it up."""
        if _cancelling:
            return False  # the release that cancels a child's press is not the finger's
        if isinstance(event, QTouchEvent):
            return self._touch(watched, event)
        if not isinstance(event, QMouseEvent) or event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton):
            return False
        kind, position = event.type(), event.globalPosition()
        chain = self._chain(watched) if kind == QEvent.Type.MouseButtonDblClick else []
        if chain and _double_taps(chain[0][1]):
            self._double_tap(chain[0], position)
            return chain[0][1].owns_input
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):  # a second click is a press where double taps mean nothing
            return self._down(watched, (event.timestamp(), position.x(), position.y()), position)
        if kind == QEvent.Type.MouseMove:
            return self._move(position) if event.buttons() & Qt.MouseButton.LeftButton else False
        return self._up(position)

    def _down(self, watched: QWidget, key: tuple, position: QPointF) -> bool:
        track = self._track
        if track is not None and track.key == key:  # the same press, passed on to a parent: one gesture
            return track.surface[1].owns_input
        chain = self._chain(watched)
        self.stop()
        if not chain:
            self._track = None
            return False
        self._track = _Track(chain, key, position, position, watched, chain[0], [(time.monotonic(), position.x(), position.y())])
        return chain[0][1].owns_input

    def _move(self, position: QPointF) -> bool:
        track = self._track
        if track is None or track.pinch is not None:
            return track is not None
        if not track.dragging:
            dx, dy = position.x() - track.press.x(), position.y() - track.press.y()
            if abs(dx) + abs(dy) <= DRAG_THRESHOLD:
                return track.surface[1].owns_input
            track.dragging = True
            axis = "x" if abs(dx) >= abs(dy) else "y"
            track.surface = next((pair for pair in track.chain if pair[1].axis == axis), track.chain[0])
            if not track.surface[1].owns_input:
                _cancel_press(track.child)
        delta = position - track.last
        track.last = position
        track.surface[1].pan_by(delta.x(), delta.y())
        now = time.monotonic()
        track.samples = [s for s in track.samples if now - s[0] < 0.1] + [(now, position.x(), position.y())]
        return True

    def _up(self, position: QPointF) -> bool:
        track, self._track = self._track, None
        if track is None:
            return False
        surface = track.surface[1]
        if track.pinched:
            surface.gesture_ended()
            return True
        if not track.dragging:
            self._tapped(track.surface, position, track.child)
            return surface.owns_input
        self.recognized.emit("drag", surface.name)
        dx, dy = position.x() - track.press.x(), position.y() - track.press.y()
        if surface.axis == "x" and abs(dx) >= SWIPE_PX and abs(dx) >= 2 * abs(dy):
            surface.swipe(1 if dx < 0 else -1)
            self.recognized.emit("swipe", surface.name)
        if not self._start_fling(track.surface, track.samples):
            surface.gesture_ended()
        return True

    def _tapped(self, pair: tuple[QWidget, Surface], position: QPointF, child: QWidget) -> None:
        """A tap goes to the widget under the finger that answers taps (a chart), else to the surface."""
        widget, surface = pair
        now = time.monotonic()
        previous = self._last_tap
        if previous and previous[2] is surface and _double_taps(surface) and now - previous[0] < DOUBLE_TAP_S and (position - previous[1]).manhattanLength() < DOUBLE_TAP_PX:
            self._double_tap(pair, position)
            return
        self._last_tap = (now, position, surface)
        while child is not None and child is not widget and not isinstance(child, Tappable):
            child = child.parentWidget()
        if isinstance(child, Tappable):
            child.tapped_at(child.mapFromGlobal(position))
        else:
            surface.tap(widget.mapFromGlobal(position))
        self.recognized.emit("tap", surface.name)

    def _double_tap(self, pair: tuple[QWidget, Surface], position: QPointF) -> None:
        widget, surface = pair
        self._last_tap = None
        surface.double_tap(widget.mapFromGlobal(position))
        self.recognized.emit("double_tap", surface.name)

    # -- two fingers ----------------------------------------------------------------
    def _touch(self, watched: QWidget, event: QTouchEvent) -> bool:
        kind = event.type()
        ending = kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)
        points = [] if ending else [p for p in event.points() if p.state() != p.State.Released]
        if kind == QEvent.Type.TouchBegin:
            if not points or not self._chain(watched):
                return False
            first = points[0].globalPosition()
            self._down(watched, (event.timestamp(), first.x(), first.y()), first)
        track = self._track
        if track is None:
            return False
        if len(points) >= 2:
            self._pinch(track, points[0].globalPosition(), points[1].globalPosition())
        elif points:
            if track.pinch is not None:  # a finger lifted: carry on panning from the one left
                track.pinch = None
                track.last = points[0].globalPosition()
            self._move(points[0].globalPosition())
        elif ending:
            released = event.points()[0].globalPosition() if event.points() else track.last
            self._up(released)
        event.accept()
        return True

    def _pinch(self, track: _Track, a: QPointF, b: QPointF) -> None:
        distance = math.hypot(a.x() - b.x(), a.y() - b.y())
        centre = (a + b) / 2
        if track.pinch is None:
            self.stop()
            track.pinched = track.dragging = True
            track.surface = next((pair for pair in track.chain if type(pair[1]).zoom_about is not Surface.zoom_about), track.chain[0])
            self.recognized.emit("pinch", track.surface[1].name)
        else:
            widget, surface = track.surface
            previous_distance, previous_centre = track.pinch
            surface.pan_by(centre.x() - previous_centre.x(), centre.y() - previous_centre.y())
            if previous_distance > 1:
                surface.zoom_about(distance / previous_distance, widget.mapFromGlobal(centre).x())
        track.pinch = (distance, centre)

    # -- momentum -------------------------------------------------------------------
    def _start_fling(self, pair: tuple[QWidget, Surface], samples: list[tuple[float, float, float]]) -> bool:
        widget, surface = pair
        if len(samples) < 2:
            return False
        (t0, x0, y0), (t1, x1, y1) = samples[0], samples[-1]
        axis = surface.axis
        speed = ((x1 - x0) if axis == "x" else (y1 - y0)) / max(t1 - t0, 1e-3)
        if abs(speed) < FLING_MIN_SPEED:
            return False
        self._fling.stop()
        self._fling.setStartValue(0.0)
        self._fling.setEndValue(speed * FLING_S)
        self._fling_target = None  # starting reports the last fling's value once: not a step of this one
        self._fling.start()
        self._fling_target = (widget, surface, axis)
        self._fling_travelled = 0.0
        self.recognized.emit("fling", surface.name)
        return True

    def _fling_step(self, value: float) -> None:
        if self._fling_target is None or not shiboken6.isValid(self._fling_target[0]):
            self.stop()  # its widget has gone (a window closed mid-fling)
            return
        _widget, surface, axis = self._fling_target
        step, self._fling_travelled = value - self._fling_travelled, value
        surface.pan_by(step if axis == "x" else 0.0, step if axis == "y" else 0.0)

    def _fling_done(self) -> None:
        target, self._fling_target = self._fling_target, None
        if target is not None and shiboken6.isValid(target[0]):
            target[1].gesture_ended()


def _double_taps(surface: Surface) -> bool:
    """Whether `surface` does something with a double tap; where it does not, the second tap is a tap."""
    return type(surface).double_tap is not Surface.double_tap


class ScrollSurface(QObject, Surface):
    """A scrolling column or row (card text, chart list, era chips, the gallery) moved by the engine.

    With `on_tap` it owns every touch on it and hands taps over (the gallery's cards take no
    input); without, its children (buttons, charts) keep their presses and taps.
    """

    def __init__(self, area: QAbstractScrollArea, axis: str, name: str, on_tap: Callable[[QPointF], None] | None = None) -> None:
        super().__init__(area)
        self.area = area
        self.axis = axis
        self.name = name
        self.owns_input = on_tap is not None
        self._on_tap = on_tap
        register(area, self)

    def _bar(self):
        return self.area.horizontalScrollBar() if self.axis == "x" else self.area.verticalScrollBar()

    def pan_by(self, dx: float, dy: float) -> None:
        bar = self._bar()
        bar.setValue(round(bar.value() - (dx if self.axis == "x" else dy)))

    def tap(self, position: QPointF) -> None:
        if self._on_tap is not None:
            self._on_tap(position)

    def reset(self) -> None:
        """Back to the start, for the next visitor."""
        engine().stop(self)
        self._bar().setValue(self._bar().minimum())


class Tappable:
    """A widget on a surface that answers taps itself (a chart): the engine hands it the tap."""

    def tapped_at(self, position: QPointF) -> None: ...


def _cancel_press(target: QWidget) -> None:
    """Release the pressed child far away, so a button that saw the press does not click."""
    outside = QPointF(-10_000, -10_000)
    release = QMouseEvent(QEvent.Type.MouseButtonRelease, outside, outside, Qt.MouseButton.LeftButton,
                          Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    global _cancelling
    _cancelling = True
    try:
        QApplication.sendEvent(target, release)
    finally:
        _cancelling = False


_cancelling = False  # True while that release is on its way


def engine() -> GestureEngine:
    """The application's one gesture engine (made on first use, owned by the application)."""
    global _engine
    if _engine is None or not shiboken6.isValid(_engine):
        _engine = GestureEngine(QApplication.instance())
    return _engine


def register(widget: QWidget, surface: Surface) -> None:
    """Make `widget` (and what is inside it) a surface the engine moves; it lives as long as the widget."""
    setattr(widget, SURFACE, surface)


_engine: GestureEngine | None = None
