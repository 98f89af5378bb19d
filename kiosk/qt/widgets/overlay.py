"""A full-screen layer over the home screen: tapping outside its card closes it.

The layer is a gesture surface that leaves presses to the buttons on its card: a tap
outside the card closes it, a horizontal swipe on the card asks for the next or previous item.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAccessible, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QWidget

from kiosk.qt.gestures import Surface, register
from kiosk.qt.widgets.card_motion import device_rect, motion_layer


class Overlay(QWidget, Surface):
    """Dims the screen behind a centred card; swipes on the card step through items."""

    closed = Signal()
    name = "overlay"
    animated = False  # story cards open and close with a motion over a snapshot of the screen beneath
    accessible_role = QAccessible.Role.Dialog

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self._pictured = False  # whether the motion layer holds this card's backdrop
        if self.animated:  # it paints its own picture of the screen beneath: opaque, nothing under it is redrawn
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        else:
            self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = QFrame(self)
        self.card.setObjectName("Card")
        register(self, self)
        self.hide()

    def open(self) -> None:
        cover_parent(self)
        self._place_card()
        layer = motion_layer(self.parentWidget()) if self.animated else None
        moving = layer is not None and self.window().isVisible()
        in_place = moving and not layer.isVisible() and layer.can_dim_in_place()
        if layer is not None and not in_place:
            self.take_backdrop()
        self._pictured = self.animated
        self.show()
        self.raise_()
        if moving:
            layer.play(self.card, opening=True, dim_in_place=in_place)

    def close_overlay(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def hideEvent(self, event) -> None:
        if self.animated and not event.spontaneous() and self.window().isVisible() and self._pictured:
            self._picture_beneath()
            motion_layer(self.parentWidget()).play(self.card, opening=False)
        self._pictured = False
        super().hideEvent(event)

    def take_backdrop(self) -> None:
        """Picture the screen beneath once, dimmed: the layer paints it instead of letting Qt
        repaint the timeline under a translucent veil whenever anything on the card changes."""
        layer = motion_layer(self.parentWidget())
        self._picture_beneath(dim=True, on_screen=not self.isVisible() and not layer.isVisible())
        self._pictured = True
        self.update()

    def _picture_beneath(self, dim: bool = False, on_screen: bool = False) -> None:
        """The screen beneath into the motion layer's backdrop: one picture the stage's one open
        story card and its motions share (a visitor has one story open at a time)."""
        motion_layer(self.parentWidget()).take_backdrop(dim, on_screen)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.animated:
            super().paintEvent(event)
            return
        backdrop = motion_layer(self.parentWidget()).backdrop
        painter = QPainter(self)
        area = event.rect()
        painter.drawImage(area, backdrop, device_rect(area, backdrop.devicePixelRatio()))
        painter.end()

    def resizeEvent(self, event) -> None:
        self._place_card()
        if self.animated and self.isVisible():
            self.take_backdrop()
        super().resizeEvent(event)

    def _place_card(self) -> None:
        portrait = self.height() > self.width()
        centre_card(self, self.card, *self.card_size(portrait))
        self.layout_changed(portrait)

    def card_size(self, portrait: bool) -> tuple[int, int]:
        """A reading card fills most of the screen; smaller cards (the PIN pad) say their own size."""
        width, height = self.width(), self.height()
        if portrait:
            return width - 48, min(height - 80, 1500)
        return min(width - 60, 1600), min(height - 48, 900)

    def layout_changed(self, portrait: bool) -> None:
        """Subclasses rearrange their card for portrait or landscape screens."""

    def tap(self, position: QPointF) -> None:
        if not self.card.geometry().contains(position.toPoint()):
            self.close_overlay()


def cover_parent(layer: QWidget) -> None:
    """A layer over the whole of its parent (the stage or the window's centre)."""
    layer.setGeometry(layer.parentWidget().rect())


def centre_card(layer: QWidget, card: QWidget, width: int, height: int) -> None:
    """The one placement of every layer's card: centred on the layer."""
    card.setGeometry((layer.width() - width) // 2, (layer.height() - height) // 2, width, height)
