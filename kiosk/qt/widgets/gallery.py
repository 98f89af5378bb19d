"""The gallery: a row of illustrated cards that scrolls with one finger, group by group.

Each group (Dongbei culture, Hegang today) opens with a heading tile, so the row reads like
two rooms of an exhibition rather than one long shelf. The row is one gesture surface: it
takes every touch on it, scrolls on a drag or fling, and a tap opens the card under the
finger. The cards and headings themselves take no input.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, active_language, ngettext
from kiosk.model import Content, Panel
from kiosk.qt.gestures import ScrollSurface
from kiosk.qt.images import ImageSlot
from kiosk.qt.language import translateUI
from kiosk.qt.widgets.common import plain_label

CARD_SIZE = QSize(340, 350)
IMAGE_SIZE = QSize(340, 170)
HEADING_WIDTH = 260
# On a short screen (a 1366x768 touch monitor) the row is lower: each card's picture stands beside its text.
COMPACT_CARD_SIZE = QSize(480, 184)
COMPACT_IMAGE_SIZE = QSize(150, 184)
COMPACT_HEADING_WIDTH = 310

#: The gallery's groups in the order it shows them: (group, heading, one line under it).
GROUPS = (
    ("culture", N_("Dongbei culture"), N_("Food, stage and winter life of China's far northeast")),
    ("today", N_("Hegang today"), N_("The city as it is now, in stories without a date")),
)


def gallery_order(content: Content) -> tuple[Panel, ...]:
    """Panels as the gallery shows them: group by group, each in file order."""
    return tuple(panel for group, *_texts in GROUPS for panel in content.panels_in(group))


def group_title(group: str) -> str:
    """The group's heading in the current language."""
    return _(next((title for name, title, _line in GROUPS if name == group), GROUPS[0][1]))


class GroupHeading(QFrame):
    """The tile that opens a group: its name, a line about it and how many stories it holds."""

    def __init__(self, group: str, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GalleryHeading")
        self.setProperty("group", group)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.group, self.count = group, count
        self.setFixedSize(HEADING_WIDTH, CARD_SIZE.height())
        self.title = plain_label("GalleryHeadingTitle")
        self.line = plain_label("GalleryHeadingLine")
        self.counter = plain_label("GalleryHeadingCount", wrap=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 28, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.line)
        layout.addStretch(1)
        layout.addWidget(self.counter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)  # the gallery takes the touch
        translateUI(self)

    def translateUI(self) -> None:
        line = next(text for name, _title, text in GROUPS if name == self.group)
        self.title.setText(group_title(self.group))
        self.line.setText(_(line))
        self.counter.setText(ngettext("{count} story  →", "{count} stories  →", self.count).format(count=self.count))
        self.setAccessibleName(group_title(self.group))


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
        self.image_slot = ImageSlot(self.image)
        self.title = plain_label("GalleryTitle")
        self.summary = plain_label("GallerySummary")
        self.text = QVBoxLayout()
        self.text.setSpacing(6)
        for label in (self.title, self.summary):
            label.setContentsMargins(16, 0, 16, 0)
            self.text.addWidget(label)
        self.text.addStretch(1)
        self.main = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.main.setContentsMargins(0, 0, 0, 12)
        self.main.setSpacing(6)
        self.main.addWidget(self.image)
        self.main.addLayout(self.text, 1)
        self.compact = False
        translateUI(self)

    def set_compact(self, compact: bool) -> None:
        """Picture beside the text (short screens) or above it."""
        if compact == self.compact:
            return
        self.compact = compact
        self.setFixedSize(COMPACT_CARD_SIZE if compact else CARD_SIZE)
        self.image.setFixedSize(COMPACT_IMAGE_SIZE if compact else IMAGE_SIZE)
        self.main.setDirection(QBoxLayout.Direction.LeftToRight if compact else QBoxLayout.Direction.TopToBottom)
        self.main.setContentsMargins(0, 0, 0, 0 if compact else 12)
        self.text.setContentsMargins(0, 14 if compact else 0, 0, 10 if compact else 0)
        self.image.clear()
        self.load_image()

    def load_image(self) -> None:
        """Ask for the picture once; a placeholder shows until a worker has decoded it."""
        if self.image.pixmap().isNull():
            self.image_slot.load(self.panel.illustration, COMPACT_IMAGE_SIZE if self.compact else IMAGE_SIZE)

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

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # as high as its cards, or on a short screen (the home screen says) as high as its compact cards
        self.setMinimumHeight(COMPACT_CARD_SIZE.height() + 24)
        self.setMaximumHeight(CARD_SIZE.height() + 24)
        self.cards: list[GalleryCard] = []
        self.headings: list[GroupHeading] = []
        self._pending: list[GalleryCard] = []
        self._compact: bool | None = False
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.touch = ScrollSurface(self, "x", "gallery", on_tap=self._tapped)
        self.set_content(content)

    def set_content(self, content: Content) -> None:
        """A new row of cards, for new content: the old row goes as a whole."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        self.cards, self.headings = [], []
        for group, *_texts in GROUPS:
            panels = content.panels_in(group)
            if not panels:
                continue
            if self.headings:
                layout.addSpacing(32)  # a wider gap between the two rooms
            heading = GroupHeading(group, len(panels))
            layout.addWidget(heading)
            self.headings.append(heading)
            for panel in panels:
                card = GalleryCard(panel)
                card.pressed.connect(self.panelTapped)
                layout.addWidget(card)
                self.cards.append(card)
        layout.addStretch(1)
        compact, self._compact = bool(self._compact), None  # the new cards and headings take the row's height
        self.set_compact(compact)
        old = self.takeWidget()
        self.setWidget(row)
        if old is not None:
            old.deleteLater()
        self._pending = list(self.cards)
        if self.isVisible():
            QTimer.singleShot(0, self, self._load_next)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), CARD_SIZE.height() + 24)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.set_compact(self.height() < CARD_SIZE.height() + 24)

    def set_compact(self, compact: bool) -> None:
        """A lower row for short screens: cards with the picture beside the text."""
        if compact == self._compact:
            return
        height = (COMPACT_CARD_SIZE if compact else CARD_SIZE).height()
        self.setMaximumHeight(height + 24)  # its minimum stays the compact row's: the screen decides which it gets
        for heading in self.headings:
            heading.setFixedSize(COMPACT_HEADING_WIDTH if compact else HEADING_WIDTH, height)
            heading.layout().setContentsMargins(*((24, 16, 24, 14) if compact else (24, 28, 24, 24)))
            heading.setProperty("compact", compact)
            for label in (heading.title, heading.line):
                label.style().unpolish(label)
                label.style().polish(label)
        for card in self.cards:
            card.set_compact(compact)
        self._compact = compact

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
