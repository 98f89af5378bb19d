"""A card's opening and closing: a snapshot of it rises and fades in (or sinks and fades out).

At 4K a frame that lays out and paints a reading card, or repaints the timeline beneath a
translucent layer, costs more than a 60 Hz frame. So the motion animates pictures taken once:
the screen beneath (dimmed, as the open card shows it) and the card itself, both at the
screen's pixel ratio. Each frame repaints only the card's rectangle and blends one pixmap.
While it plays, the real card is already open beneath this layer (tests and the session see
it at once); the layer is transparent to touches, so a visitor's tap reaches the card.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEasingCurve, QEvent, QPoint, QRect, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

MOTION_MS = 180  # short enough never to keep a visitor waiting, long enough to read as movement
RISE = 28  # logical pixels the card travels while it fades
DIM = QColor(20, 22, 26, 200)  # the veil over the screen behind an open card (theme's #Overlay)


def device_rect(area: QRect, ratio: float) -> QRect:
    """`area` in a pixmap's own pixels, for drawing part of a picture taken at the screen's ratio."""
    return QRect(round(area.x() * ratio), round(area.y() * ratio), round(area.width() * ratio), round(area.height() * ratio))


def motion_layer(stage: QWidget) -> CardMotion:
    """The stage's one motion layer, made on first use."""
    layer = stage.findChild(CardMotion, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return layer if layer is not None else CardMotion(stage)


def snapshot(widget: QWidget, dim: bool = False, on_screen: bool = False) -> QPixmap:
    """`widget` drawn once into an opaque picture at the screen's pixel ratio (opaque pictures
    blend fastest), dimmed as it shows behind an open card if `dim`. `on_screen`: nothing covers
    it, so the window's own pixels may be copied instead of drawing it again."""
    ratio = widget.devicePixelRatioF()
    image = _from_backing_store(widget, ratio) if on_screen else None
    if image is None:
        image = QImage(round(widget.width() * ratio), round(widget.height() * ratio), QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(ratio)
        widget.render(image)
    if dim:
        painter = QPainter(image)
        painter.fillRect(image.rect(), DIM)
        painter.end()
    return QPixmap.fromImage(image)


def _from_backing_store(widget: QWidget, ratio: float) -> QImage | None:
    """What the window shows of `widget` right now, copied from the window's own pixels: four
    times cheaper at 4K than drawing it all again. None where the platform keeps no such image
    or the widget is not on screen as it is (hidden, or about to be repainted)."""
    window = widget.window()
    QCoreApplication.sendPostedEvents(window, QEvent.Type.UpdateRequest)  # what is waiting to be painted, first
    store = window.backingStore() if widget.isVisible() else None
    device = store.paintDevice() if store is not None else None
    if not isinstance(device, QImage) or device.isNull():
        return None
    place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    image = device.copy(device_rect(place, ratio))
    if image.size() != device_rect(QRect(QPoint(0, 0), widget.size()), ratio).size():
        return None
    image.reinterpretAsFormat(QImage.Format.Format_RGB32)  # a window's pixels are opaque: no blending when drawn
    image.setDevicePixelRatio(ratio)
    return image


def card_over(card: QWidget, backdrop: QPixmap) -> QPixmap:
    """The card drawn straight over its place on the backdrop, as one opaque picture: its rounded
    corners need no blending per frame, and fading an opaque picture is the raster engine's
    fastest blend. One pass: no transparent picture of the card to compose afterwards."""
    ratio = backdrop.devicePixelRatio()
    place = card.geometry()
    image = backdrop.copy(device_rect(place, ratio)).toImage().convertToFormat(QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    card.render(image)
    return QPixmap.fromImage(image)


class CardMotion(QWidget):
    """The layer that plays a card's motion above the stage, then hides itself."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)  # it paints every pixel: nothing beneath is redrawn
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self._backdrop = QPixmap()
        self._face = QPixmap()
        self._card = QRect()
        self._progress = 1.0  # 0: card gone, 1: card in place
        self._opening = True
        self.animation = QVariantAnimation(self)
        self.animation.setDuration(MOTION_MS)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.valueChanged.connect(self._step)
        self.animation.finished.connect(self.hide)
        self.hide()

    def play(self, backdrop: QPixmap, card: QWidget, opening: bool) -> None:
        """Animate a picture of `card` into or out of its place over `backdrop` (the whole layer)."""
        self.animation.stop()
        self._backdrop, self._face, self._card, self._opening = backdrop, card_over(card, backdrop), card.geometry(), opening
        self.animation.setEasingCurve(QEasingCurve.Type.OutCubic if opening else QEasingCurve.Type.InCubic)
        self._progress = 0.0 if opening else 1.0
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.animation.start()

    def _step(self, value: float) -> None:
        self._progress = value if self._opening else 1.0 - value
        self.update(self._card.adjusted(0, 0, 0, RISE + 1))  # only where the card moves

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = event.rect()
        painter.drawPixmap(area, self._backdrop, device_rect(area, self._backdrop.devicePixelRatio()))
        painter.setOpacity(self._progress)
        painter.drawPixmap(self._card.topLeft() + _offset(self._progress), self._face)
        painter.end()

    def hideEvent(self, event) -> None:
        self._backdrop, self._face = QPixmap(), QPixmap()  # two screenfuls at 4K: not kept between motions
        super().hideEvent(event)


def _offset(progress: float) -> QPoint:
    return QPoint(0, round((1.0 - progress) * RISE))
