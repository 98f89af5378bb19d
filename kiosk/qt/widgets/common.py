"""Small building blocks every screen uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
