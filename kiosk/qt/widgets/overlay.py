"""A full-screen layer over the home screen: tapping outside its card closes it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QWidget

SWIPE_PX = 120.0


class Overlay(QWidget):
    """Dims the screen behind a centred card; swipes on the card step through items."""

    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = QFrame(self)
        self.card.setObjectName("Card")
        self._press: QPointF | None = None
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

    def swipe(self, direction: int) -> None:
        """A swipe on the card: +1 = next (finger moved left), -1 = previous; cards that page act on it."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        dx = event.position().x() - self._press.x()
        inside = self.card.geometry().contains(self._press.toPoint())
        self._press = None
        if inside and abs(dx) >= SWIPE_PX:
            self.swipe(1 if dx < 0 else -1)
        elif not inside:
            self.close_overlay()
