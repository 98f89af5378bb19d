"""Small building blocks every screen uses."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget


def plain_label(name: str, parent: QWidget | None = None, wrap: bool = True) -> QLabel:
    """A label that shows text literally: content is never interpreted as HTML."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def touch_button(name: str, parent: QWidget | None = None, checkable: bool = False) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setCheckable(checkable)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def keep_whole(button: QPushButton) -> None:
    """Never narrower than its caption: the style sheet's min-width would let a layout squeeze it
    into fragments. Call after each new caption (its style sheet font is polished first)."""
    button.ensurePolished()
    button.setMinimumWidth(button.sizeHint().width())


def single_shot(parent: QObject, msec: int, slot: Callable[[], object]) -> QTimer:
    """A restartable one-off timer owned by `parent` (so it never fires after it is gone)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msec)
    timer.timeout.connect(slot)
    return timer
