"""A full-screen layer over the home screen: tapping outside its card closes it.

The layer is a gesture surface that leaves presses to the buttons on its card: a tap
outside the card closes it, a horizontal swipe on the card asks for the next or previous item.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QFrame, QWidget

from kiosk.qt.gestures import Surface, register


class Overlay(QWidget, Surface):
    """Dims the screen behind a centred card; swipes on the card step through items."""

    closed = Signal()
    name = "overlay"

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = QFrame(self)
        self.card.setObjectName("Card")
        register(self, self)
        self.hide()

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self._place_card()
        self.show()
        self.raise_()

    def close_overlay(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def resizeEvent(self, event) -> None:
        self._place_card()
        super().resizeEvent(event)

    def _place_card(self) -> None:
        width, height = self.width(), self.height()
        portrait = height > width
        card_w = min(width - 60, 1600) if not portrait else width - 48
        card_h = min(height - 48, 900) if not portrait else min(height - 80, 1500)
        self.card.setGeometry((width - card_w) // 2, (height - card_h) // 2, card_w, card_h)
        self.layout_changed(portrait)

    def layout_changed(self, portrait: bool) -> None:
        """Subclasses rearrange their card for portrait or landscape screens."""

    def tap(self, position: QPointF) -> None:
        if not self.card.geometry().contains(position.toPoint()):
            self.close_overlay()
