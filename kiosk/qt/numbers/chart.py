"""One figure series as a chart in the exhibit's style: bars, a line, or a comparison.

Values and axes are formatted with babel for the current language. There is no hover: a
tap on a bar or point shows its value, note and source under the chart.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QAccessible, QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import _, active_language, format_quantity, format_year
from kiosk.i18n.formatting import format_axis_values, unit_name
from kiosk.model import Bilingual, Content, Series
from kiosk.qt.accessibility import AccessibleItem
from kiosk.qt.gestures import Tappable
from kiosk.qt.language import translateUI
from kiosk.qt.theme import PALETTE
from kiosk.qt.widgets.common import plain_label
from kiosk.qt.widgets.references import CreditsLink

pg.setConfigOptions(antialias=True, background=PALETTE.card, foreground=PALETTE.coal)
BAR_COLORS = (PALETTE.ochre, PALETTE.slate, PALETTE.pine, PALETTE.brick, PALETTE.sky)


def exhibit_plot(axes: dict[str, pg.AxisItem], tick_font: QFont) -> pg.PlotWidget:
    """A chart in the exhibit's style that a finger cannot pan, zoom or open a menu on."""
    plot = pg.PlotWidget(axisItems=axes)
    plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    item = plot.getPlotItem()
    item.showGrid(x=False, y=True, alpha=0.16)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(PALETTE.slate, width=1.5))
        axis.setTextPen(pg.mkPen(PALETTE.coal))
        axis.setStyle(tickFont=tick_font, maxTickLevel=0, tickTextOffset=10)
    item.getAxis("bottom").setHeight(52)
    return plot


class ValueAxis(pg.AxisItem):
    """Y axis whose tick labels are written for the visitor's language (105.9万人 / 1.06 million people)."""

    def __init__(self, unit: str, font: QFont) -> None:
        super().__init__("left")
        self.unit = unit
        self.setStyle(tickFont=font, tickTextOffset=10, autoExpandTextSpace=True)

    def tickStrings(self, values, scale, spacing):
        return format_axis_values([value * scale for value in values], self.unit, active_language())  # the unit: once, in the title

    def relabel(self) -> None:
        self.picture = None  # pyqtgraph caches the drawn axis; drop it so labels are redrawn
        self.update()


class YearAxis(pg.AxisItem):
    def __init__(self, font: QFont) -> None:
        super().__init__("bottom")
        self.setStyle(tickFont=font, tickTextOffset=8)

    def tickStrings(self, values, scale, spacing):
        return [format_year(round(value), active_language()) for value in values]


def _two_lines(text: str, metrics: QFontMetricsF, width: float) -> str:
    """`text` on two lines, broken at the space nearest its middle, if it is wider than `width`."""
    if metrics.horizontalAdvance(text) <= width or " " not in text:
        return text
    middle = len(text) / 2
    cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]


class ChartCard(QFrame, Tappable):
    """Title, takeaway, the chart and what a tap revealed; re-reads all of it on a language switch.

    A tap asks for a point (`pointTapped`); what is shown selected is the session's choice (`select`).
    """

    pointTapped = Signal(str, int)  # noqa: N815 - series id, point index
    accessible_role = QAccessible.Role.Chart  # its bars or points are its children

    referencesRequested = Signal(object, object)  # noqa: N815 - (the point's citations, a Bilingual naming the point)

    def __init__(self, series: Series, content: Content, sans: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChartCard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.series = series
        self.content = content
        self.selected: int | None = None
        self.keypad_index = -1  # the bar or point the keypad's focus ring is on
        self.title = plain_label("ChartTitle")
        self.takeaway = plain_label("ChartTakeaway")
        self.detail = plain_label("ChartDetail")
        self.detail.setMinimumHeight(56)
        self.credits = CreditsLink()
        self.credits.hide()
        self.credits.tapped.connect(self._request_references)
        tick_font = QFont(sans)
        tick_font.setPixelSize(17)
        self._label_font = QFont(sans)
        self._label_font.setPixelSize(20)
        self._label_font.setBold(True)
        self.is_line = series.chart == "line" and all(p.year is not None for p in series.points)
        self.value_labels: list[pg.TextItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.takeaway)
        if len(series.points) == 1:  # one figure reads best as a big number, not a lone bar
            self.plot = None
            self.figure = plain_label("BigFigure")  # wraps before its unit on a narrow card: "14,679.88 / km²"
            self.figure.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.figure_label = plain_label("BigFigureLabel")
            self.figure_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addStretch(1)
            layout.addWidget(self.figure)
            layout.addWidget(self.figure_label)
            layout.addStretch(1)
            layout.addWidget(self.detail)
            layout.addWidget(self.credits)
            translateUI(self)
            return
        self.unit = plain_label("ChartUnit", wrap=False)
        layout.addWidget(self.unit)
        self._tick_font = tick_font
        self.value_axis = ValueAxis(series.unit, tick_font)
        axes = {"left": self.value_axis}
        if self.is_line:
            axes["bottom"] = YearAxis(tick_font)
        self.plot = exhibit_plot(axes, tick_font)
        self.plot.setMinimumHeight(300)
        self._draw()
        self.plot.getPlotItem().getViewBox().sigResized.connect(self._fit_labels)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.credits)
        translateUI(self)

    def tapped_at(self, position: QPointF) -> None:
        """A tap on the card (from the gesture engine): the nearest bar or point, or the one figure."""
        if self.plot is None:
            self.pointTapped.emit(self.series.id, 0)
            return
        scene = self.plot.mapToScene(self.plot.viewport().mapFrom(self, position.toPoint()))  # the view's own coordinates
        point = self.plot.getPlotItem().vb.mapSceneToView(scene)
        self.pointTapped.emit(self.series.id, min(range(len(self._xs)), key=lambda i: abs(self._xs[i] - point.x())))

    # -- accessibility hooks: a screen reader and the keypad reach every bar --------
    def accessible_items(self) -> list[AccessibleItem]:
        """One item per bar or point, named by its label and value as the detail line writes them."""
        language = active_language()
        return [
            AccessibleItem(self.detail_reading(index, language), self.point_rect(index), lambda i=index: self.pointTapped.emit(self.series.id, i))
            for index in range(len(self.series.points))
        ]

    def point_rect(self, index: int) -> QRect:
        """Where bar or point `index` is drawn, in the card's coordinates (the big figure: the figure)."""
        if self.plot is None:
            return self.figure.geometry()
        x, value = self._xs[index], self.series.points[index].value
        half = 0.31 if not self.is_line else 0.0
        view = self.plot.getPlotItem().vb
        scene = view.mapViewToScene(QRectF(x - half, min(value, 0.0), 2 * half, abs(value))).boundingRect()
        local = self.plot.mapFromScene(scene).boundingRect()
        rect = QRect(self.plot.viewport().mapTo(self, local.topLeft()), local.size())
        return rect.adjusted(-14, -14, 14, 14) if self.is_line else rect.adjusted(-4, -4, 4, 4)

    def detail_reading(self, index: int, language: str) -> str:
        """'2020年：89.1万人' / '2020: 891,000 people', as the detail line and a screen reader say it."""
        point = self.series.points[index]
        colon = "：" if language == "zh" else ": "
        return f"{self._point_name(point, language)}{colon}{format_quantity(point.value, self.series.unit, language, compact=False)}"

    def _draw(self) -> None:
        points = self.series.points
        values = [p.value for p in points]
        if self.is_line:
            xs = [float(p.year) for p in points]
            self.plot.plot(xs, values, pen=pg.mkPen(PALETTE.brick, width=4),
                           symbol="o", symbolSize=18, symbolBrush=PALETTE.brick, symbolPen=pg.mkPen(PALETTE.card, width=2))
            pad = max((max(xs) - min(xs)) * 0.12, 0.8)
            self.plot.setXRange(min(xs) - pad, max(xs) + pad, padding=0)
        else:
            xs = list(range(len(points)))
            colors = [BAR_COLORS[0] if i == 0 or self.series.chart != "comparison" else BAR_COLORS[1] for i in range(len(points))]
            bars = pg.BarGraphItem(x=xs, height=values, width=0.62, brushes=colors, pens=[pg.mkPen(QColor(c).darker(125), width=1.5) for c in colors])
            self.plot.addItem(bars)
            self.plot.setXRange(-0.6, len(points) - 0.4, padding=0)
        low, high = min(0.0, *values), max(0.0, *values)
        span = (high - low) or abs(high) or 1.0
        self.plot.setYRange(low - (0.14 * span if low < 0 else 0), high + 0.2 * span, padding=0)
        self._xs = xs
        for x, value in zip(xs, values, strict=True):
            label = pg.TextItem(anchor=(0.5, 1.1 if value >= 0 else -0.1), color=PALETTE.coal)
            label.setFont(self._label_font)
            label.setPos(QPointF(x, value))
            self.plot.addItem(label)
            self.value_labels.append(label)

    def set_content(self, content: Content) -> None:
        """The same series in reloaded content: its credits name the new content's sources."""
        self.content = content
        self._translate_detail(active_language())

    def select(self, index: int | None) -> None:
        if index != self.selected:
            self.selected = index
            self._translate_detail(active_language())

    def translateUI(self) -> None:
        language = active_language()
        series = self.series
        self.title.setText(series.title.get(language))
        self.takeaway.setText(series.takeaway.get(language))
        self.setAccessibleName(series.title.get(language))
        if self.plot is None:
            point = series.points[0]
            self.figure.setText(format_quantity(point.value, series.unit, language, compact=False))
            self.figure_label.setText(point.label.get(language) if point.label else format_year(point.year, language))
        else:
            self._translate_plot(language)
        self._translate_detail(language)

    def _translate_plot(self, language: str) -> None:
        series = self.series
        name = unit_name(series.unit, language)
        self.unit.setText(_("Unit: {unit}").format(unit=name) if name else "")
        self.unit.setVisible(bool(name))
        values = format_axis_values([point.value for point in series.points], series.unit, language)
        for label, text in zip(self.value_labels, values, strict=True):
            label.setText(text)
        self.value_axis.relabel()
        self._fit_labels()

    def _fit_labels(self) -> None:
        """Value labels and category names that fit the chart's width as it is now: a name wider
        than its bar's share goes on two lines; a value label that would touch its neighbour
        stays hidden (a tap shows every value); the end labels stay inside the chart."""
        view = self.plot.getPlotItem().getViewBox()
        language = active_language()
        metrics = QFontMetricsF(self._label_font)
        left, right = view.sceneBoundingRect().left(), view.sceneBoundingRect().right()
        shown_until = -math.inf
        for x, label, point in zip(self._xs, self.value_labels, self.series.points, strict=True):
            at = view.mapViewToScene(QPointF(x, point.value)).x()
            half = metrics.horizontalAdvance(label.toPlainText()) / 2
            side = 0.0 if at - half < left else 1.0 if at + half > right else 0.5
            label.setAnchor((side, 1.1 if point.value >= 0 else -0.1))
            start = at - half * 2 * side
            label.setVisible(start >= shown_until + 8)
            if label.isVisible():
                shown_until = start + half * 2
        if not self.is_line:
            share = (right - left) / max(len(self._xs), 1) - 12
            ticks_metrics = QFontMetricsF(self._tick_font)
            ticks = [(i, _two_lines(self._point_name(p, language), ticks_metrics, share)) for i, p in enumerate(self.series.points)]
            self.plot.getPlotItem().getAxis("bottom").setTicks([ticks])
        bottom = self.plot.getPlotItem().getAxis("bottom")
        bottom.picture = None
        bottom.update()

    def _translate_detail(self, language: str) -> None:
        series = self.series
        if self.selected is None:
            self.detail.setText(_("Tap a bar or point to see its value and source.") if self.plot else _("Tap to see the source."))
            self.credits.hide()
            return
        point = series.points[self.selected]
        parts = [self.detail_reading(self.selected, language)]
        if point.note:
            parts.append(point.note.get(language))
        self.detail.setText("  ·  ".join(parts))
        self.credits.set_credits(point.sources, self.content)

    def _request_references(self) -> None:
        if self.selected is not None:
            point = self.series.points[self.selected]
            subject = Bilingual(*(f"{self.series.title.get(lang)}{colon}{self._point_name(point, lang)}" for lang, colon in (("zh", "："), ("en", ": "))))
            self.referencesRequested.emit(point.sources, subject)

    @staticmethod
    def _point_name(point, language: str) -> str:
        return point.label.get(language) if point.label else format_year(point.year, language)
