"""The culture gallery: a row of illustrated cards that scrolls with one finger.

The row is one gesture surface: it takes every touch on it, scrolls on a drag or fling,
and a tap opens the card under the finger. The cards themselves take no input.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import _, active_language
from kiosk.model import Panel
from kiosk.qt.gestures import ScrollSurface
from kiosk.qt.images import illustration
from kiosk.qt.language import translateUI
from kiosk.qt.widgets.common import plain_label

CARD_SIZE = QSize(340, 350)
IMAGE_SIZE = QSize(340, 170)


class GalleryCard(QFrame):
    """One culture panel in the row; a screen reader announces it as a button that opens the panel."""

    pressed = Signal(str)  # a reader's or the keypad's press: the panel's id
    accessible_role = QAccessible.Role.Button

    def __init__(self, panel: Panel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GalleryCard")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)  # the gallery takes the touch
        self.panel = panel
        self.setFixedSize(CARD_SIZE)
        self.image = plain_label("GalleryImage", wrap=False)
        self.image.setFixedSize(IMAGE_SIZE)
        self.title = plain_label("GalleryTitle")
        self.summary = plain_label("GallerySummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.setSpacing(6)
        layout.addWidget(self.image)
        for label in (self.title, self.summary):
            label.setContentsMargins(16, 0, 16, 0)
            layout.addWidget(label)
        layout.addStretch(1)
        translateUI(self)

    def load_image(self) -> None:
        if self.image.pixmap().isNull():
            self.image.setPixmap(illustration(self.panel.illustration, IMAGE_SIZE, self.devicePixelRatioF()))

    def translateUI(self) -> None:
        language = active_language()
        self.title.setText(self.panel.title.get(language))
        self.summary.setText(self.panel.summary.get(language))
        self.setAccessibleName(self.panel.title.get(language))
        self.setAccessibleDescription(self.panel.summary.get(language))
        self.image.setAccessibleName(_("Picture: {title}").format(title=self.panel.title.get(language)))

    def accessible_press(self) -> None:
        self.pressed.emit(self.panel.id)


class Gallery(QScrollArea):
    panelTapped = Signal(str)  # noqa: N815

    def __init__(self, panels: tuple[Panel, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(CARD_SIZE.height() + 24)
        self.cards: list[GalleryCard] = []
        self._pending: list[GalleryCard] = []
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.touch = ScrollSurface(self, "x", "gallery", on_tap=self._tapped)
        self.set_panels(panels)

    def set_panels(self, panels: tuple[Panel, ...]) -> None:
        """A new row of cards, for new content: the old row goes as a whole."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        self.cards = []
        for panel in panels:
            card = GalleryCard(panel)
            card.pressed.connect(self.panelTapped)
            layout.addWidget(card)
            self.cards.append(card)
        layout.addStretch(1)
        old = self.takeWidget()
        self.setWidget(row)
        if old is not None:
            old.deleteLater()
        self._pending = list(self.cards)
        if self.isVisible():
            QTimer.singleShot(0, self, self._load_next)

    def _tapped(self, position: QPointF) -> None:
        card = next((card for card in self.cards if card.geometry().contains(card.parentWidget().mapFrom(self, position.toPoint()))), None)
        if card is not None:
            self.panelTapped.emit(card.panel.id)

    def reset(self) -> None:
        self.touch.reset()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._load_next)  # with self as context: never after it is gone

    def _load_next(self) -> None:
        """Draw one card's picture per turn of the event loop: the first frame never waits for them."""
        if self._pending:
            self._pending.pop(0).load_image()
            QTimer.singleShot(0, self, self._load_next)  # with self as context: never after it is gone
