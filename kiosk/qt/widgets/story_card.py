"""The big card a visitor reads: illustration, title, text, credits, previous/next.

Event cards and culture panels share it; each says what to show in `show_item`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import _, active_language, format_number
from kiosk.model import Bilingual, Content
from kiosk.model.content import Citation
from kiosk.qt.images import IllustrationView
from kiosk.qt.widgets.common import plain_label, touch_button
from kiosk.qt.widgets.overlay import Overlay
from kiosk.qt.widgets.references import CreditsLink, ReferencesOverlay
from kiosk.qt.widgets.touch_scroll import TouchScroll


class StoryCard(Overlay):
    stepped = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._texts: dict[str, Bilingual | None] = {}
        self._position = (0, 0)
        self._citations: tuple[Citation, ...] = ()
        self.content: Content | None = None

        self.image = IllustrationView("CardImage", self.card)

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
        self.touch = TouchScroll(self.scroll, Qt.Orientation.Vertical)

        self.previous_button = touch_button("NavButton")
        self.next_button = touch_button("NavButton")
        self.counter = plain_label("CardSources", wrap=False)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous_button.clicked.connect(lambda: self.stepped.emit(-1))
        self.next_button.clicked.connect(lambda: self.stepped.emit(1))
        self.swiped.connect(self.stepped.emit)

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
        self.main.addWidget(self.image, 5)
        self.main.addLayout(column, 6)

    def layout_changed(self, portrait: bool) -> None:
        self.main.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        self.main.setStretch(0, 4 if portrait else 5)
        self.main.setStretch(1, 7 if portrait else 6)

    def set_story(self, texts: dict[str, Bilingual | None], image: Path | None, position: tuple[int, int], citations: tuple[Citation, ...]) -> None:
        self._texts = texts
        self._position = position
        self._citations = citations
        self.references.close_overlay()
        self.translateUI()
        self.scroll.verticalScrollBar().setValue(0)
        self.image.set_image(image)
        self.image.setVisible(image is not None)

    def translateUI(self) -> None:
        language = active_language()
        for name, label in (("title", self.title), ("summary", self.summary), ("body", self.body), ("note", self.note)):
            text = self._texts.get(name)
            label.setText(text.get(language) if text else "")
            label.setVisible(text is not None)
        self.close_button.setAccessibleName(_("Close"))
        self.previous_button.setText("‹  " + _("Previous"))
        self.next_button.setText(_("Next") + "  ›")
        index, total = self._position
        self.counter.setText(f"{format_number(index + 1, language)} / {format_number(total, language)}")
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < total - 1)
        if self.content is not None:
            self.credits.set_credits(self._citations, self.content)
        if self.references.isVisible():
            self.references.translateUI()

    def show_references(self) -> None:
        if self.content is not None:
            self.references.show_references(self._citations, self.content, self._texts.get("title"))

    def close_overlay(self) -> None:
        self.references.close_overlay()
        super().close_overlay()
