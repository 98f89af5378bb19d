"""Credits a visitor can tap, and the full references they open, over the card they belong to.

Both show plain text only: titles, publishers, quotes and addresses are content, never HTML.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import _, active_language
from kiosk.i18n.credits import credit_line, references
from kiosk.model import Bilingual, Content
from kiosk.model.content import Citation
from kiosk.qt.gestures import ScrollSurface, Tappable
from kiosk.qt.widgets.common import plain_label, touch_button
from kiosk.qt.widgets.overlay import Overlay

MARGINS = (40, 32, 32, 32)  # of the references card: left, top, right, bottom


class CreditsLink(QFrame, Tappable):
    """'来源：《鹤岗》，维基百科 · 新华社，2009年11月   参考资料 ›' — one tap opens the references.

    The gesture engine hands it the tap, so a drag that starts on the credits scrolls the card instead.
    """

    tapped = Signal()
    accessible_role = QAccessible.Role.Link  # a screen reader or the keypad presses it like a tap

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Credits")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.text = plain_label("CardSources")
        self.more = plain_label("CreditsMore", wrap=False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(16)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumHeight(56)

    def set_credits(self, citations: tuple[Citation, ...], content: Content) -> None:
        line = credit_line(citations, content, active_language())
        self.text.setText(line)
        self.more.setText(_("Full references") + "  ›")
        self.setAccessibleName(f"{line} {_('Full references')}")
        self.setVisible(bool(line))

    def tapped_at(self, position: QPointF) -> None:
        self.tapped.emit()

    def accessible_press(self) -> None:
        self.tapped.emit()


class _Entry(QWidget):
    """One reference: its title, then label and value lines; a pool of rows, refilled in place."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = plain_label("RefTitle")
        self.rows: list[tuple[QLabel, QLabel]] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(20)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addLayout(self.grid)

    def fill(self, heading: str, lines: tuple[tuple[str, str], ...]) -> None:
        self.heading.setText(heading)
        while len(self.rows) < len(lines):  # rows are added when a source has more quotes, never removed
            label, value = plain_label("RefLabel", wrap=False), plain_label("RefValue")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(label, len(self.rows), 0)
            self.grid.addWidget(value, len(self.rows), 1)
            self.rows.append((label, value))
        for index, (label, value) in enumerate(self.rows):
            shown = index < len(lines)
            label.setText(lines[index][0] if shown else "")
            value.setText(lines[index][1] if shown else "")
            label.setVisible(shown)
            value.setVisible(shown)


class ReferencesOverlay(Overlay):
    """The full references of one card, over it; a language switch rewrites them in place."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("ReferencesOverlay")
        self.card.setObjectName("ReferencesCard")
        self._citations: tuple[Citation, ...] = ()
        self._content: Content | None = None
        self._subject: Bilingual | None = None
        self.heading = plain_label("RefHeading", wrap=False)
        self.subject = plain_label("RefSubject")
        self.close_button = touch_button("CloseButton")
        self.close_button.setText("✕")
        self.close_button.clicked.connect(self.close_overlay)
        self.entries: list[_Entry] = []
        self.separators: list[QFrame] = []
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 16, 0)
        self.list_layout.setSpacing(24)
        self.list_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.list)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.touch = ScrollSurface(self.scroll, "y", "references")
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(self.heading)
        titles.addWidget(self.subject)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.header = header
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(*MARGINS)
        layout.setSpacing(20)
        layout.addLayout(header)
        layout.addWidget(self.scroll, 1)

    def card_size(self, portrait: bool) -> tuple[int, int]:
        """As tall as the references need, up to nearly the whole stage; they scroll beyond that."""
        width, height = self.width(), self.height()
        card_w = width - 64 if portrait else min(width - 160, 1240)
        tallest = min(height - 160, 1400) if portrait else height - 72
        inner = card_w - MARGINS[0] - MARGINS[2]
        self.card.ensurePolished()  # measure in the style sheet's fonts, even before the first show
        needed = self.header.heightForWidth(inner) if self.header.hasHeightForWidth() else self.header.sizeHint().height()
        # the scroll area never makes the list shorter than its minimum, which wrapped text can raise
        listed = max(self.list.heightForWidth(inner), self.list.minimumSizeHint().height())
        needed += 20 + listed + 8 + MARGINS[1] + MARGINS[3]
        return card_w, max(min(needed, tallest), min(420, tallest))

    def show_references(self, citations: tuple[Citation, ...], content: Content, subject: Bilingual | None) -> None:
        self._citations, self._content, self._subject = citations, content, subject
        self.translateUI()
        self.scroll.verticalScrollBar().setValue(0)
        self.open()

    def translateUI(self) -> None:
        if self._content is None:
            return
        language = active_language()
        found = references(self._citations, self._content, language)
        while len(self.entries) < len(found):  # a pool: entries are refilled, never rebuilt
            if self.entries:
                line = QFrame()
                line.setObjectName("RefRule")
                line.setFixedHeight(2)
                self.separators.append(line)
                self.list_layout.insertWidget(self.list_layout.count() - 1, line)
            entry = _Entry()
            self.entries.append(entry)
            self.list_layout.insertWidget(self.list_layout.count() - 1, entry)
        for index, entry in enumerate(self.entries):
            shown = index < len(found)
            if shown:
                entry.fill(found[index].heading, found[index].lines)
            entry.setVisible(shown)
            if index:
                self.separators[index - 1].setVisible(shown)
        self.heading.setText(_("References"))
        self.subject.setText(self._subject.get(language) if self._subject else "")
        self.subject.setVisible(self._subject is not None)
        self.close_button.setAccessibleName(_("Close"))
        self.setAccessibleName(_("References"))
        if self.isVisible():
            self._place_card()  # another language, another height
