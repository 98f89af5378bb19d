"""What an idle kiosk shows: the 'Still exploring?' countdown and the 'Touch to explore' attract loop.

Both speak both languages at once: the next visitor may read either.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.attract import first_sentence
from kiosk.i18n import format_date
from kiosk.model import Era, Event
from kiosk.qt.images import IllustrationView
from kiosk.qt.widgets.common import plain_label
from kiosk.qt.widgets.overlay import centre_card, cover_parent


class CountdownOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)  # any touch reaches the idle monitor
        card = QFrame(self)
        card.setObjectName("Card")
        self.card = card
        self.question = plain_label("IdleQuestion")
        self.question.setText("还在看吗？\nStill exploring?")
        self.seconds = plain_label("IdleSeconds", wrap=False)
        self.hint = plain_label("IdleHint")
        self.hint.setText("触摸屏幕任意处继续浏览\nTouch anywhere to carry on")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(60, 48, 60, 48)
        layout.setSpacing(18)
        for label in (self.question, self.seconds, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        self.seconds.setText(str(seconds))
        if not self.isVisible():
            cover_parent(self)
            centre_card(self, self.card, min(760, self.width() - 60), 460)
            self.show()
            self.raise_()


class AttractOverlay(QWidget):
    """The whole screen while nobody is near: one story's picture, its title and opening line in
    Chinese above English, and the invitation. It changes story only when told (every few
    seconds), so between turns it costs nothing; any touch ends it (the idle monitor sees it)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Attract")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.image = IllustrationView("AttractImage", crop=True)
        self.era = plain_label("AttractEra", wrap=True)
        self.titles = {"zh": plain_label("AttractTitleZh"), "en": plain_label("AttractTitleEn")}
        self.lines = {"zh": plain_label("AttractLineZh"), "en": plain_label("AttractLineEn")}
        self.label = plain_label("AttractText")
        self.label.setText("触摸探索  ·  Touch to explore")
        text = QVBoxLayout()
        text.setSpacing(14)
        text.addStretch(1)
        text.addWidget(self.era)
        text.addSpacing(10)
        for language in ("zh", "en"):  # Chinese above English: the exhibition's first language leads
            text.addWidget(self.titles[language])
            text.addWidget(self.lines[language])
            text.addSpacing(18)
        text.addStretch(1)
        text.addWidget(self.label)
        self.main = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.main.setContentsMargins(0, 0, 0, 0)
        self.main.setSpacing(0)
        self.main.addWidget(self.image, 11)
        self.text = QWidget()
        self.text.setLayout(text)
        self.main.addWidget(self.text, 9)
        self.hide()

    def show_story(self, event: Event, era: Era | None) -> None:
        """One story, in both languages at once: the next visitor may read either."""
        self.image.set_image(event.illustration)
        self.image.setVisible(event.illustration is not None)
        kicker = [format_date(event.date, "zh")]
        if era is not None:
            kicker = [f"{era.title.get('zh')} · {format_date(event.date, 'zh')}", f"{era.title.get('en')} · {format_date(event.date, 'en')}"]
        self.era.setText("\n".join(kicker))
        self.era.setStyleSheet(f"color: {era.color};" if era else "")  # the era's own colour, as on the timeline
        for language in ("zh", "en"):
            self.titles[language].setText(event.title.get(language))
            self.lines[language].setText(first_sentence(event.summary.get(language)))

    def appear(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        portrait = self.height() > self.width()
        short = self.height() < 900  # a 1366x768 screen: the same page in smaller type
        if short != bool(self.property("short")):
            self.setProperty("short", short)
            for label in self.findChildren(QLabel):
                label.style().unpolish(label)
                label.style().polish(label)
        self.main.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        margins = (64, 24, 64, 56) if portrait else (56, 48, 72, 56)
        self.text.layout().setContentsMargins(*margins)
        self.show()
        self.raise_()
