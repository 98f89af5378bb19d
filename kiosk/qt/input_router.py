"""The application's one event filter: every visitor input passes here once, in a fixed order.

1. Idle: any input (a keypad key too) restarts the idle wait; the first touch of an attract
   loop only ends it.
2. Keys: the keypad's keys (the `keypad_keys` setting) go to the keypad navigator; lockdown
   swallows every other key, shortcut, context menu and drop, and the window refuses to close
   unless staff allow it. This is the one place that decides which keys a visitor may use.
3. The staff corner watches for its five-second press; a touch hides the keypad's focus ring.
4. Pointer events go to the gesture engine, which moves the surface under the finger.

Widgets install no filters of their own, so one Python call per event is the whole cost.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.qt.gestures import POINTER_EVENTS, GestureEngine, engine
from kiosk.qt.idle import INPUT_EVENTS, IdleMonitor
from kiosk.qt.keypad import Keypad
from kiosk.qt.staff import StaffCorner

BLOCKED = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
    QEvent.Type.ContextMenu, QEvent.Type.DragEnter, QEvent.Type.Drop,
})
WATCHED = frozenset(INPUT_EVENTS | POINTER_EVENTS | BLOCKED | {QEvent.Type.Close})
KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease})
PRESSES = frozenset({QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress})


class InputRouter(QObject):
    """Made once per kiosk by `create_app`, with the keypad; kiosk mode fills in the lockdown, idle monitor and staff corner."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.gestures: GestureEngine = engine()
        self.lockdown = False
        self.allow_close = False
        self.idle: IdleMonitor | None = None
        self.corner: StaffCorner | None = None
        self.keypad: Keypad | None = None
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in WATCHED:
            return False
        if kind == QEvent.Type.Close:
            if watched is self.window and self.lockdown and not self.allow_close:
                if isinstance(event, QCloseEvent):
                    event.ignore()
                return True
            return False
        mine = isinstance(watched, QWidget) and watched.window() is self.window
        if self.idle is not None and (mine or kind in BLOCKED) and self.idle.on_input(event):
            event.accept()  # swallowed whole: no mouse is made from a swallowed touch
            return True
        if kind in KEYS and mine and self.keypad is not None and isinstance(event, QKeyEvent) and self.keypad.handles(event):
            if kind == QEvent.Type.KeyPress:
                self.keypad.press(event.key())
            return True
        if kind in BLOCKED:
            return self.lockdown
        if not mine:
            return False
        if self.corner is not None:
            self.corner.on_input(watched, event)
        if kind in PRESSES and self.keypad is not None:
            self.keypad.hide_ring()
        return kind in POINTER_EVENTS and self.gestures.feed(watched, event)
