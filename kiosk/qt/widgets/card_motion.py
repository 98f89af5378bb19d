"""A card's opening and closing: a snapshot of it rises and fades in (or sinks and fades out).

At 4K a frame that lays out and paints a reading card, or repaints the timeline beneath a
translucent layer, costs more than a 60 Hz frame. So the motion animates pictures taken once:
the screen beneath (dimmed, as the open card shows it) and the card itself, both at the
screen's pixel ratio. Each frame repaints only the card's rectangle and blends one pixmap.
While it plays, the real card is already open beneath this layer (tests and the session see
it at once); the layer is transparent to touches, so a visitor's tap reaches the card.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEasingCurve, QEvent, QPoint, QRect, QSize, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QStackedLayout, QWidget

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


def screen_beneath(stage: QWidget) -> QWidget:
    """The screen a card opens over: the stage's current page (home or numbers), or the stage itself."""
    stack = stage.layout()
    screen = stack.currentWidget() if isinstance(stack, QStackedLayout) else None
    return screen or stage


def _canvas(size: QSize, ratio: float, into: QImage | None) -> QImage:
    """An opaque picture of `size` device pixels at `ratio`: `into` again when it has that size."""
    image = into if into is not None and not into.isNull() and into.size() == size else QImage(size, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    return image


def _window_pixels(window: QWidget) -> QImage | None:
    """The picture the window keeps of what it shows (Qt's raster windows keep one), or None."""
    store = window.backingStore()
    device = store.paintDevice() if store is not None else None
    return device if isinstance(device, QImage) and not device.isNull() else None


def snapshot(widget: QWidget, dim: bool = False, on_screen: bool = False, into: QImage | None = None) -> QImage:
    """`widget` drawn once into an opaque picture at the screen's pixel ratio (opaque pictures
    blend fastest), dimmed as it shows behind an open card if `dim`. `on_screen`: nothing covers
    it, so the window's own pixels may be copied instead of drawing it again. `into`: a picture
    of the right size to draw over, so a screenful (33 MB at 4K) is not allocated, and its memory
    touched for the first time, at every tap."""
    ratio = widget.devicePixelRatioF()
    image = _canvas(device_rect(QRect(QPoint(0, 0), widget.size()), ratio).size(), ratio, into)
    if not (on_screen and _copy_backing_store(widget, ratio, image)):
        widget.render(image)
    if dim:
        painter = QPainter(image)
        painter.fillRect(image.rect(), DIM)
        painter.end()
    return image


def _copy_backing_store(widget: QWidget, ratio: float, image: QImage) -> bool:
    """Copy what the window shows of `widget` right now from the window's own pixels into
    `image`: four times cheaper at 4K than drawing it all again. False where the platform keeps
    no such picture or the widget is not on screen as it is (hidden, or about to be repainted)."""
    window = widget.window()
    QCoreApplication.sendPostedEvents(window, QEvent.Type.UpdateRequest)  # what is waiting to be painted, first
    device = _window_pixels(window) if widget.isVisible() else None
    if device is None:
        return False
    place = device_rect(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()), ratio)
    if not device.rect().contains(place):
        return False
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)  # a plain copy: a window's pixels are opaque
    painter.drawImage(QRect(QPoint(0, 0), image.deviceIndependentSize().toSize()), device, place)
    painter.end()
    return True


def card_over(card: QWidget, backdrop: QImage, into: QImage | None = None) -> QImage:
    """The card drawn straight over its place on the backdrop, as one opaque picture: its rounded
    corners need no blending per frame, and fading an opaque picture is the raster engine's
    fastest blend. One pass: no transparent picture of the card to compose afterwards."""
    ratio = backdrop.devicePixelRatio()
    place = card.geometry()
    image = _canvas(device_rect(QRect(QPoint(0, 0), place.size()), ratio).size(), ratio, into)
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    painter.drawImage(QRect(QPoint(0, 0), place.size()), backdrop, device_rect(place, ratio))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    card.render(painter, QPoint(0, 0))
    painter.end()
    return image


class CardMotion(QWidget):
    """The layer that plays a card's motion above the stage, then hides itself.

    It keeps the two pictures a motion needs (the screen beneath and the card's face) and draws
    them again over the same memory at each motion: at 4K they are screenfuls, and a new one at
    every tap costs more than copying the pixels into it.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)  # it paints every pixel: nothing beneath is redrawn
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.backdrop = QImage()  # the screen beneath the open card (the card's layer paints it too)
        self._face = QImage()
        self._face_due = False  # an opening card whose face is drawn after the first frame
        self._dim_due = False  # an opening whose first frame darkens the window's pixels in place
        self._painted = False  # whether a frame has been painted since the motion was set up
        self._card_widget: QWidget | None = None
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

    def take_backdrop(self, dim: bool, on_screen: bool) -> None:
        """Picture the screen beneath as the backdrop of the next motion (see `snapshot`)."""
        self.backdrop = snapshot(screen_beneath(self.parentWidget()), dim, on_screen, into=self.backdrop)

    def can_dim_in_place(self) -> bool:
        """Whether the window keeps its pixels where this layer can read them back, so an opening
        can darken the screen as it stands instead of copying it first."""
        return _window_pixels(self.window()) is not None

    def play(self, card: QWidget, opening: bool, dim_in_place: bool = False) -> None:
        """Animate a picture of `card` into or out of its place over the backdrop (the whole layer).

        An opening shows the dimmed screen at once, with the card not yet there (its first frame
        would show it at no opacity anyway); the card's face is drawn just after that frame, and
        the card then rises. At 4K the face costs most of a frame: the visitor sees the screen
        answer the tap a frame sooner, and no frame of the motion waits for the face.

        `dim_in_place`: the first frame darkens the window's pixels where they stand (this layer
        is opaque, so Qt draws nothing beneath it and keeps what was there); the darkened screen
        is then copied as the backdrop, with the face, after that frame. Nothing is copied before
        the visitor sees the answer to the tap.
        """
        self.animation.stop()
        self._card_widget, self._card, self._opening = card, card.geometry(), opening
        self.animation.setEasingCurve(QEasingCurve.Type.OutCubic if opening else QEasingCurve.Type.InCubic)
        self._progress = 0.0 if opening else 1.0
        self._face_due, self._painted = opening, False
        self._dim_due = opening and dim_in_place
        if not opening:
            self._draw_face()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        if opening:
            QTimer.singleShot(0, self, self._start)
        else:
            self.animation.start()

    @property
    def rising(self) -> bool:
        """Whether the card's motion has begun (its face is drawn)."""
        return self.isVisible() and not self._face_due

    def _start(self) -> None:
        """After the first frame: draw the card's face, then let it rise."""
        if not self._face_due or not self.isVisible():
            return
        if not self._painted:
            self.repaint()  # the dimmed screen first, as the visitor's answer to the tap
        if self._dim_due:
            screen = screen_beneath(self.parentWidget())
            ratio = screen.devicePixelRatioF()
            canvas = _canvas(device_rect(QRect(QPoint(0, 0), screen.size()), ratio).size(), ratio, self.backdrop)
            # the window's pixels, as darkened in place; until they are copied, a paint of this
            # layer leaves them as they are (see paintEvent), never drawing the half-made picture
            copied = _copy_backing_store(screen, ratio, canvas)
            self.backdrop, self._dim_due = canvas, False
            if not copied:
                self.take_backdrop(dim=True, on_screen=False)
        self._draw_face()
        self._face_due = False
        self.animation.start()

    def _draw_face(self) -> None:
        self._face = card_over(self._card_widget, self.backdrop, into=self._face)

    def _step(self, value: float) -> None:
        self._progress = value if self._opening else 1.0 - value
        self.update(self._card.adjusted(0, 0, 0, RISE + 1))  # only where the card moves

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._dim_due and self._painted:
            return  # darkened already, and kept: darkening again would double the veil
        painter = QPainter(self)
        area = event.rect()
        if self._dim_due:
            painter.fillRect(area, DIM)
            painter.end()
            self._painted = True
            return
        painter.drawImage(area, self.backdrop, device_rect(area, self.backdrop.devicePixelRatio()))
        if not self._face_due:
            painter.setOpacity(self._progress)
            painter.drawImage(self._card.topLeft() + _offset(self._progress), self._face)
        painter.end()
        self._painted = True


def _offset(progress: float) -> QPoint:
    return QPoint(0, round((1.0 - progress) * RISE))
