"""What an idle kiosk shows: the 'Still exploring?' countdown and the 'Touch to explore' attract layer.

Both speak both languages at once: the next visitor may read either.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

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
    """A band across the lower screen inviting a touch, over the slowly gliding timeline."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("AttractBand")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.label = plain_label("AttractText", self, wrap=False)
        self.label.setText("触摸探索  ·  Touch to explore")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.hide()

    def appear(self) -> None:
        parent = self.parentWidget().rect()
        height = 150
        self.setGeometry(0, parent.height() - height - 60, parent.width(), height)
        self.show()
        self.raise_()
