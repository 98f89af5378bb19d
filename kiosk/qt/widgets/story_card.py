"""The big card a visitor reads: illustration, title, text, credits, previous/next.

Event cards and culture panels share it. The window calls `show_item` with the session's
open id (None hides the card); the visitor's close, swipe and step requests go out as
signals to the session's owner, never straight to the card.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import _, active_language, format_number
from kiosk.model import Content, Event, Panel
from kiosk.qt.gestures import ScrollSurface
from kiosk.qt.images import IllustrationView
from kiosk.qt.widgets.common import plain_label, touch_button
from kiosk.qt.widgets.overlay import Overlay
from kiosk.qt.widgets.qr import TakeHome
from kiosk.qt.widgets.references import CreditsLink, ReferencesOverlay


class StoryCard(Overlay):
    stepped = Signal(int, str)  # +1 next / -1 previous; how: "button" or "swipe"
    animated = True

    def __init__(self, content: Content, parent: QWidget, find: Callable[[Content, str], Event | Panel | None]) -> None:
        super().__init__(parent)
        self.content = content
        self._find = find  # where this kind of card looks its items up (Content.event, Content.panel)
        self.item: Event | Panel | None = None
        self._position = (0, 0)

        self.image = IllustrationView("CardImage", self.card)
        self.take_home = TakeHome()  # the story's web address as a QR code, when the museum has one

        self.kicker = plain_label("CardDate", wrap=False)
        self.close_button = touch_button("CloseButton")
        self.close_button.setText("✕")
        self.close_button.clicked.connect(self.close_overlay)
        self.title = plain_label("CardTitle")
        self.summary = plain_label("CardSummary")
        self.body = plain_label("CardBody")
        self.note = plain_label("CardNote")
        self.extra = QWidget()
        self.extra_layout = QVBoxLayout(self.extra)
        self.extra_layout.setContentsMargins(0, 0, 0, 0)
        self.extra_layout.setSpacing(10)
        self.credits = CreditsLink()
        self.credits.tapped.connect(self.show_references)
        self.references = ReferencesOverlay(self)

        text = QWidget()
        text_layout = QVBoxLayout(text)
        text_layout.setContentsMargins(0, 0, 16, 0)
        text_layout.setSpacing(16)
        for widget in (self.title, self.summary, self.body, self.note, self.extra, self.credits):
            text_layout.addWidget(widget)
        text_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(text)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.touch = ScrollSurface(self.scroll, "y", "card-text")

        self.previous_button = touch_button("NavButton")
        self.next_button = touch_button("NavButton")
        self.counter = plain_label("CardSources", wrap=False)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous_button.clicked.connect(lambda: self.stepped.emit(-1, "button"))
        self.next_button.clicked.connect(lambda: self.stepped.emit(1, "button"))

        header = QHBoxLayout()
        header.addWidget(self.kicker, 1)
        header.addWidget(self.close_button)
        footer = QHBoxLayout()
        footer.addWidget(self.previous_button)
        footer.addWidget(self.counter, 1)
        footer.addWidget(self.next_button)

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addLayout(header)
        column.addWidget(self.scroll, 1)
        column.addLayout(footer)

        self.main = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.card)
        self.main.setContentsMargins(32, 32, 32, 28)
        self.main.setSpacing(32)
        visual = QVBoxLayout()
        visual.setSpacing(20)
        visual.addWidget(self.image, 1)
        visual.addWidget(self.take_home)
        self.main.addLayout(visual, 5)
        self.main.addLayout(column, 6)

    def layout_changed(self, portrait: bool) -> None:
        self.main.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        self.main.setStretch(0, 4 if portrait else 5)
        self.main.setStretch(1, 7 if portrait else 6)

    def swipe(self, direction: int) -> None:
        """A swipe on the card: +1 = next (finger moved left), -1 = previous."""
        self.stepped.emit(direction, "swipe")

    def set_content(self, content: Content) -> None:
        self.content = content
        self.references.close_overlay()  # new content, perhaps other sources: the visitor starts from the card

    def show_item(self, item_id: str | None) -> None:
        """Show the card of `item_id`, or hide it for None; an item already shown is left as it is."""
        item = self._find(self.content, item_id) if item_id is not None else None
        if item is None:
            self.references.close_overlay()  # a closed card takes its references with it, for good
            self.hide()
            return
        if item is not self.item or not self.isVisible():
            self.item = item
            self.present(item)
            if not self.isVisible():
                self.open()

    def present(self, item: Event | Panel) -> None:
        """Fill the card for `item` (each kind of card adds its own parts, then calls `set_story`)."""
        raise NotImplementedError

    def set_story(self, item: Event | Panel, image: Path | None, position: tuple[int, int]) -> None:
        self._position = position
        self.references.close_overlay()
        self.translateUI()
        self.scroll.verticalScrollBar().setValue(0)
        self.image.set_image(image)
        self.image.setVisible(image is not None)

    def translateUI(self) -> None:
        if self.isVisible():  # the screen beneath speaks the new language too, once every view has switched
            QTimer.singleShot(0, self, self._retake_backdrop)
        language = active_language()
        item = self.item
        for name, label in (("title", self.title), ("summary", self.summary), ("body", self.body), ("note", self.note)):
            text = getattr(item, name) if item is not None else None
            label.setText(text.get(language) if text else "")
            label.setVisible(text is not None)
        self.close_button.setAccessibleName(_("Close"))
        self.image.setAccessibleName(_("Picture: {title}").format(title=item.title.get(language)) if item is not None else "")
        self.previous_button.setText("‹  " + _("Previous"))
        self.next_button.setText(_("Next") + "  ›")
        index, total = self._position
        self.counter.setText(f"{format_number(index + 1, language)} / {format_number(total, language)}")
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < total - 1)
        self.credits.set_credits(item.sources if item is not None else (), self.content)
        if self.references.isVisible():
            self.references.translateUI()

    def _retake_backdrop(self) -> None:
        if self.isVisible():
            self.take_backdrop()

    def show_references(self) -> None:
        """The full references of the story shown, over its card (the one card a visitor may stack)."""
        if self.item is not None:
            self.references.show_references(self.item.sources, self.content, self.item.title)

    def close_overlay(self) -> None:
        self.references.close_overlay()
        super().close_overlay()
