"""The 'Hegang in numbers' screen: every figure series in content/ becomes a chart card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.model import Content
from kiosk.qt.numbers.chart import ChartCard
from kiosk.qt.widgets.common import plain_label
from kiosk.qt.widgets.references import ReferencesOverlay
from kiosk.qt.widgets.touch_scroll import TouchScroll


class NumbersScreen(QWidget):
    def __init__(self, content: Content, sans: str, register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading = plain_label("SectionTitle")
        self.hint = plain_label("SectionHint")
        self.cards = [ChartCard(series, content, sans) for series in content.series]
        self.references = ReferencesOverlay(self)
        for card in self.cards:
            register(card)
            card.referencesRequested.connect(lambda citations, subject: self.references.show_references(citations, content, subject))
        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setContentsMargins(0, 0, 12, 0)
        self.grid.setSpacing(24)
        self.scroll = QScrollArea()
        self.scroll.setWidget(grid_host)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.touch = TouchScroll(self.scroll, Qt.Orientation.Vertical)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 14, 40, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.scroll, 1)
        self._columns = 0
        register(self)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        columns = 2 if self.width() > self.height() else 1
        if columns != self._columns:
            self._columns = columns
            for index, card in enumerate(self.cards):
                self.grid.addWidget(card, index // columns, index % columns)
                card.setMinimumHeight(480 if columns == 2 else 520)

    def hideEvent(self, event) -> None:
        self.references.close_overlay()  # the next visit to this screen starts without it
        super().hideEvent(event)

    def translateUI(self) -> None:
        if self.references.isVisible():
            self.references.translateUI()
        self.heading.setText(_("Hegang in numbers"))
        self.hint.setText(_("The figures behind the coal boom and the shrinking city. Tap a bar to see its source."))
