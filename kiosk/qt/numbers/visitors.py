"""The staff's 'Visitors' screen: the analytics summary as charts in the exhibit's style.

Reached from the staff menu, never by visitors. Four key figures on top, eight charts below:
visits per day and per hour, visit length, the stories and panels read most (by opens or by
reading time), where visits end and when the attract loop was interrupted. Loaded with pyqtgraph
like the numbers screen, and only when staff open it.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.analytics.summary import LENGTH_BINS, PLACE_LABELS, Summary
from kiosk.i18n import _, active_language, format_day, format_duration, format_number, format_quantity
from kiosk.model import Content
from kiosk.qt.fonts import pixel_font
from kiosk.qt.language import translateUI
from kiosk.qt.numbers.chart import BAR_COLORS, exhibit_plot
from kiosk.qt.theme import PALETTE
from kiosk.qt.widgets.common import plain_label, touch_button

PERIODS = (("week", 7), ("month", 30), ("all", None))
RANKED_ROWS = 7


class CountAxis(pg.AxisItem):
    """Whole numbers written for the staff member's language; no ticks between them."""

    def tickStrings(self, values, scale, spacing):
        return [format_number(round(value * scale), active_language()) if float(value * scale).is_integer() else "" for value in values]


class _Panel(QFrame):
    """The rounded paper card of the numbers screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChartCard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)


class _Card(_Panel):
    """Title and one line of takeaway over a chart, as the numbers screen draws them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label("VisitorsChartTitle", wrap=False)
        self.takeaway = plain_label("VisitorsTakeaway", wrap=False)
        self.heading = QHBoxLayout()
        self.heading.setSpacing(8)
        self.heading.addWidget(self.title, 1)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(20, 14, 20, 10)
        self.column.setSpacing(2)
        self.column.addLayout(self.heading)
        self.column.addWidget(self.takeaway)

    def set_texts(self, title: str, takeaway: str) -> None:
        self.title.setText(title)
        self.takeaway.setText(takeaway)


class ColumnChart(_Card):
    """Upright bars with a label under each (or under every n-th)."""

    def __init__(self, sans: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tick_font = pixel_font(sans, 15)
        self.plot = exhibit_plot({"left": CountAxis("left")}, tick_font)
        self.plot.getPlotItem().getAxis("bottom").setHeight(36)
        self.plot.getPlotItem().getAxis("left").setWidth(48)
        self.color = color
        self.bars = pg.BarGraphItem(x=[0], height=[0], width=0.72, brush=color, pen=pg.mkPen(QColor(color).darker(125), width=1))
        self.plot.addItem(self.bars)
        self.column.addWidget(self.plot, 1)

    def set_bars(self, labels: Sequence[str], values: Sequence[int], every: int = 1, highlight: int | None = None) -> None:
        xs = list(range(len(values)))
        brushes = [PALETTE.brick if index == highlight else self.color for index in xs]
        self.bars.setOpts(x=xs, height=list(values), brushes=brushes)
        self.plot.getPlotItem().getAxis("bottom").setTicks([[(x, labels[x]) for x in xs if x % every == 0]])
        self.plot.setXRange(-0.6, max(len(values), 1) - 0.4, padding=0)
        self.plot.setYRange(0, max(max(values, default=0) * 1.12, 4), padding=0)


class RankedChart(_Card):
    """A ranked list drawn as bars: a name above each bar, its figures at the bar's right end."""

    def __init__(self, sans: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = exhibit_plot({}, pixel_font(sans, 15))
        item = self.plot.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.showGrid(x=False, y=False)
        self.color = color
        self.bars = pg.BarGraphItem(x0=[0], y=[0], width=[0], height=0.24, brush=color, pen=pg.mkPen(None))
        self.plot.addItem(self.bars)
        self.names: list[pg.TextItem] = []
        self.figures: list[pg.TextItem] = []
        for _row in range(RANKED_ROWS):
            name = pg.TextItem(anchor=(0, 1), color=PALETTE.coal)
            name.setFont(pixel_font(sans, 17))
            figure = pg.TextItem(anchor=(1, 1), color=PALETTE.ink_soft)
            figure.setFont(pixel_font(sans, 15, bold=True))
            for text in (name, figure):
                self.plot.addItem(text)
            self.names.append(name)
            self.figures.append(figure)
        self.column.addWidget(self.plot, 1)

    def set_rows(self, rows: Sequence[tuple[str, float, str]], fill: bool = False) -> None:
        """(name, value, figures) for each row, largest first; `fill` spreads a few rows over the whole card."""
        rows = rows[:RANKED_ROWS]
        largest = max((value for _name, value, _figures in rows), default=0) or 1
        self.bars.setOpts(x0=[0] * len(rows), y=[-index - 0.1 for index in range(len(rows))], width=[value for _n, value, _f in rows])
        for index, (name, figure) in enumerate(zip(self.names, self.figures, strict=True)):
            shown = index < len(rows)
            name.setVisible(shown)
            figure.setVisible(shown)
            if shown:
                name.setText(rows[index][0])
                name.setPos(QPointF(0, -index + 0.06))
                figure.setText(rows[index][2])
                figure.setPos(QPointF(largest, -index + 0.06))
        self.plot.setXRange(0, largest, padding=0.01)
        shown = max(len(rows), 3) if fill else RANKED_ROWS
        self.plot.setYRange(-(shown - 1) - 0.4, 0.75, padding=0)


class FigureTile(_Panel):
    """One key figure, big, with a line saying what it counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label("VisitorsTakeaway", wrap=False)
        self.figure = plain_label("VisitorsFigure", wrap=False)
        self.detail = plain_label("VisitorsTakeaway", wrap=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 12, 22, 12)
        layout.setSpacing(0)
        for label in (self.label, self.figure, self.detail):
            layout.addWidget(label)

    def set_texts(self, label: str, figure: str, detail: str) -> None:
        self.label.setText(label)
        self.figure.setText(figure)
        self.detail.setText(detail)


class SummarySource(Protocol):
    """Where the screen's figures come from (`kiosk.qt.analytics_recorder.AnalyticsRecorder`)."""

    def flush(self, timeout: float = 2.0) -> bool:
        """Commit what is queued (on the GUI thread), so the visit that just ended counts."""

    def read_summary(self, since: datetime.date | None) -> Summary:
        """Read the summary; runs on a thread of its own, as a year of rows takes seconds."""


class VisitorsScreen(QWidget):
    """Covers the whole window above the staff menu; 'Back' returns to the menu."""

    closed = Signal()
    summaryShown = Signal()  # noqa: N815 - the figures of the chosen period are on screen
    _delivered = Signal(int, object)  # from the reading thread: (request number, Summary)

    def __init__(self, source: SummarySource, content: Callable[[], Content], sans: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.source = source
        self.content = content
        self.summary = Summary()
        self.loading = False
        self._asked = 0
        self._delivered.connect(self._deliver)
        self.period = "month"
        self.by_dwell = {"story": False, "panel": False}
        self.title = plain_label("SectionTitle", wrap=False)
        self.hint = plain_label("SectionHint")
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps instead of widening the screen
        self.period_buttons = {}
        group = QButtonGroup(self)
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top.setSpacing(14)
        controls = QHBoxLayout()
        controls.setSpacing(10)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.hint)
        self.top.addLayout(titles, 1)
        for name, _days in PERIODS:
            button = touch_button("PeriodButton", checkable=True)
            button.clicked.connect(lambda _checked=False, n=name: self.show_period(n))
            group.addButton(button)
            controls.addWidget(button)
            self.period_buttons[name] = button
        self.back = touch_button("NavButton")
        self.back.clicked.connect(self.close_screen)
        controls.addSpacing(24)
        controls.addWidget(self.back)
        self.top.addLayout(controls)

        self.tiles = [FigureTile() for _ in range(4)]
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(18)
        self.per_day = ColumnChart(sans, PALETTE.ochre)
        self.per_hour = ColumnChart(sans, PALETTE.ochre)
        self.lengths = ColumnChart(sans, PALETTE.pine)
        self.attract = ColumnChart(sans, PALETTE.slate)
        self.stories = RankedChart(sans, BAR_COLORS[0])
        self.panels = RankedChart(sans, PALETTE.pine)
        self.endings = RankedChart(sans, PALETTE.sky)
        self.order_buttons = {}
        for kind, card in (("story", self.stories), ("panel", self.panels)):
            button = touch_button("OrderButton", checkable=True)
            button.toggled.connect(lambda on, k=kind: self._order(k, on))
            card.heading.addWidget(button)
            self.order_buttons[kind] = button
        self.grid = QGridLayout()
        self.grid.setSpacing(18)
        self._portrait: bool | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 24)
        layout.setSpacing(16)
        layout.addLayout(self.top)
        layout.addLayout(self.tile_grid)
        layout.addLayout(self.grid, 1)
        self.hide()
        translateUI(self)

    def resizeEvent(self, event) -> None:
        """Landscape: figures in a row, charts in four columns; portrait: two columns of each."""
        super().resizeEvent(event)
        portrait = self.height() > self.width()
        if portrait == self._portrait:
            return
        self._portrait = portrait
        self.top.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        columns = 2 if portrait else 4
        for index, tile in enumerate(self.tiles):
            self.tile_grid.addWidget(tile, index // columns, index % columns)
        charts = [self.per_hour, self.lengths, self.stories, self.panels, self.endings, self.attract]
        self.grid.addWidget(self.per_day, 0, 0, 1, 2)
        for index, chart in enumerate(charts, 2):  # the day chart takes the first two places
            self.grid.addWidget(chart, index // columns, index % columns)
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        stretches = (2, 2, 3, 2) if portrait else (1, 1, 0, 0)  # portrait: room for the ranked lists' rows
        for row, stretch in enumerate(stretches):
            self.grid.setRowStretch(row, stretch)

    # -- staff actions ------------------------------------------------------------------------

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show_period(self.period)
        self.show()
        self.raise_()

    def close_screen(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def show_period(self, name: str) -> None:
        """Ask for the period's figures; the charts keep the last ones until they arrive."""
        self.period = name
        self.period_buttons[name].setChecked(True)
        days = dict(PERIODS)[name]
        since = datetime.date.today() - datetime.timedelta(days=days - 1) if days else None
        self._asked += 1
        self.loading = True
        self.source.flush()
        self.translateUI()
        threading.Thread(target=self._read, args=(self._asked, since), name="visitors-summary", daemon=True).start()

    def _read(self, asked: int, since: datetime.date | None) -> None:
        summary = self.source.read_summary(since)
        with contextlib.suppress(RuntimeError):  # the screen was deleted meanwhile: nobody waits for it
            self._delivered.emit(asked, summary)

    def _deliver(self, asked: int, summary: Summary) -> None:
        if asked == self._asked:  # a later request wins
            self.summary = summary
            self.loading = False
            self.translateUI()
            self.summaryShown.emit()

    def _order(self, kind: str, by_dwell: bool) -> None:
        self.by_dwell[kind] = by_dwell
        self.translateUI()

    # -- texts and charts ---------------------------------------------------------------------

    def _name(self, item: str, language: str) -> str:
        content = self.content()
        found = content.event(item) or content.panel(item)
        name = found.title.get(language) if found else item
        return name if len(name) <= 28 else name[:27] + "…"

    def translateUI(self) -> None:
        language = active_language()
        summary = self.summary
        self.title.setText(_("Visitors"))
        self.back.setText(_("Back to the staff menu"))
        for name, text in (("week", _("Last 7 days")), ("month", _("Last 30 days")), ("all", _("Everything"))):
            self.period_buttons[name].setText(text)
        for kind, button in self.order_buttons.items():
            button.setText(_("By reading time") if self.by_dwell[kind] else _("By opens"))
        number = functools.partial(format_number, language=language)
        if self.loading:
            self.hint.setText(_("Reading the visits…"))
        elif not summary.visits:
            self.hint.setText(_("No visits recorded in this period."))
        else:
            kiosks = ", ".join(name for name, _count in summary.kiosks)
            self.hint.setText(_("{visits} visits from {first} to {last} · kiosks: {kiosks} · recorded privately on this kiosk, no personal data").format(
                visits=number(summary.visits), first=format_day(summary.first_day, language), last=format_day(summary.last_day, language),
                kiosks=kiosks))
        self._tiles(summary, language, number)
        self._charts(summary, language, number)

    def _tiles(self, summary: Summary, language: str, number: Callable[[float], str]) -> None:
        visits = summary.visits or 1
        per_day = summary.visits / summary.days if summary.days else 0
        english = dict(summary.languages).get("en", 0)
        reads = summary.opened.get("story", 0) + summary.opened.get("panel", 0)
        self.tiles[0].set_texts(_("Visits"), number(summary.visits), _("{count} a day on average").format(count=format_number(round(per_day, 1), language)))
        self.tiles[1].set_texts(_("Median visit length"), format_duration(summary.median_length_s or 0, language),
                                _("from the first to the last touch"))
        self.tiles[2].set_texts(_("Read in English"), _percent(english, visits, language),
                                _("{share} of visits switched language").format(share=_percent(summary.switched_visits, visits, language)))
        self.tiles[3].set_texts(_("Stories and panels per visit"), format_number(round(reads / visits, 1), language),
                                _("{count} opened in all").format(count=number(reads)))
        if not summary.visits:  # a median or share of nothing is no figure
            for tile in self.tiles[1:]:
                tile.figure.setText("–")
            for tile in self.tiles:
                tile.detail.setText("")

    def _charts(self, summary: Summary, language: str, number: Callable[[float], str]) -> None:
        days = summary.per_day
        busiest = max(range(len(days)), key=lambda index: days[index][1]) if days else None
        self.per_day.set_texts(_("Visits per day"), _("Busiest: {day}, {count} visits").format(
            day=format_day(days[busiest][0], language), count=number(days[busiest][1])) if days else "")
        self.per_day.set_bars([format_day(day, language) for day, _count in days], [count for _day, count in days],
                              every=max(1, len(days) // 8), highlight=busiest)
        first, last = 8, 19  # museum hours, widened when visits fall outside them
        hours = [hour for hour in range(24) if summary.per_hour[hour] or summary.attract_per_hour[hour]]
        if hours:
            first, last = min(first, hours[0]), max(last, hours[-1] + 1)
        span = range(first, last)
        peak = max(span, key=lambda hour: summary.per_hour[hour])
        self.per_hour.set_texts(_("Visits by hour of day"), _("Busiest hour: {hour}").format(hour=f"{peak}:00") if summary.visits else "")
        self.per_hour.set_bars([f"{hour}" for hour in span], [summary.per_hour[hour] for hour in span], every=2,
                               highlight=peak - first if summary.visits else None)
        self.lengths.set_texts(_("Visit length"), _("Median {length} · visits by minutes").format(
            length=format_duration(summary.median_length_s, language)) if summary.median_length_s is not None else "")
        self.lengths.set_bars([_bin_label(index, language) for index in range(len(LENGTH_BINS))], list(summary.length_bins))
        attract = [summary.attract_per_hour[hour] for hour in span]
        self.attract.set_texts(_("Attract loop interrupted"), _("by hour of day; {count} times in all").format(
            count=number(sum(summary.attract_per_hour))))
        self.attract.set_bars([f"{hour}" for hour in span], attract, every=2)
        for kind, card, title in (("story", self.stories, _("Top stories")), ("panel", self.panels, _("Top culture panels"))):
            figures = summary.top_by_dwell(kind) if self.by_dwell[kind] else summary.top.get(kind, ())
            if self.by_dwell[kind]:
                rows = [(self._name(f.item, language), f.dwell_s, format_duration(f.dwell_s, language)) for f in figures]
            else:
                rows = [(self._name(f.item, language), f.opens, number(f.opens)) for f in figures]
            card.set_texts(title, _("reading time in all") if self.by_dwell[kind] else _("times opened"))
            card.set_rows(rows)
        ended = sum(count for _place, count in summary.endings) or 1
        self.endings.set_texts(_("Where visits end"), _("the last screen before the idle reset"))
        self.endings.set_rows([(_sentence_case(_(PLACE_LABELS.get(place, place))), count, _percent(count, ended, language))
                               for place, count in summary.endings], fill=True)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _percent(part: int, whole: int, language: str) -> str:
    return format_quantity(round(100 * part / whole) if whole else 0, "percent", language)


def _bin_label(index: int, language: str) -> str:
    """A visit-length bin by its upper edge in minutes, short enough for the axis: <0.5, <1, <2 … ≥10."""
    last = index == len(LENGTH_BINS) - 1
    seconds = LENGTH_BINS[index - 1 if last else index][0]
    return ("≥" if last else "<") + format_number(seconds / 60, language, digits=1)
