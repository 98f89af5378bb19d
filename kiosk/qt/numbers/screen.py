"""The 'Hegang in numbers' screen: every figure series in content/ becomes a chart card."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.model import Bilingual, Content
from kiosk.model.content import Citation
from kiosk.qt.gestures import ScrollSurface
from kiosk.qt.language import translateUI
from kiosk.qt.numbers.chart import ChartCard
from kiosk.qt.widgets.common import plain_label
from kiosk.qt.widgets.references import ReferencesOverlay


class NumbersScreen(QWidget):
    pointTapped = Signal(str, int)  # noqa: N815 - a visitor tapped a value: series id, point index

    def __init__(self, content: Content, sans: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.sans = sans
        self.heading = plain_label("SectionTitle")
        self.hint = plain_label("SectionHint")
        self.cards: list[ChartCard] = []
        self.references = ReferencesOverlay(self)
        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setContentsMargins(0, 0, 12, 0)
        self.grid.setSpacing(24)
        self.scroll = QScrollArea()
        self.scroll.setWidget(grid_host)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.touch = ScrollSurface(self.scroll, "y", "charts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 14, 40, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.scroll, 1)
        self._columns = 0
        self.set_content(content)
        translateUI(self)

    def set_content(self, content: Content) -> None:
        """One chart card per series of the new content; the old cards go (unless the series are the same)."""
        self.content = content
        self.references.close_overlay()  # its citations may be gone from the new content
        if self.cards and tuple(card.series for card in self.cards) == content.series:
            for card in self.cards:
                card.set_content(content)  # same charts, perhaps other sources behind their credits
            return
        for card in self.cards:
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards = [ChartCard(series, content, self.sans) for series in content.series]
        for card in self.cards:
            card.pointTapped.connect(self.pointTapped)
            card.referencesRequested.connect(self.show_references)
        self._columns = 0
        self._arrange()

    def show_references(self, citations: tuple[Citation, ...], subject: Bilingual) -> None:
        """A chart value's full references, over the numbers screen."""
        self.references.show_references(citations, self.content, subject)

    def reset(self) -> None:
        self.references.close_overlay()
        self.touch.reset()

    def show_selection(self, charts: dict[str, int]) -> None:
        """The values the visitor tapped, as the session holds them."""
        for card in self.cards:
            card.select(charts.get(card.series.id))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        screen = self.window()  # the screen's shape, not this page's: reach mode makes a portrait page wide and low
        columns = 2 if screen.width() > screen.height() else 1
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
