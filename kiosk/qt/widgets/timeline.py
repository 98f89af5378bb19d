"""The timeline: era bands, an adaptive year axis and event markers that gather into clusters.

Painting costs grow with what is on screen (a few dozen groups), never with the number
of events: positions are looked up with numpy in a sorted array.
"""

from __future__ import annotations

import numpy as np
from babel.dates import get_month_names
from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QAccessible, QColor, QFontMetricsF, QPainter, QPaintEvent, QPen, QPixmap, QStaticText, QTransform, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.i18n import _, active_language, format_date, format_number, format_year, ngettext
from kiosk.i18n.formatting import locale
from kiosk.model import Content, ContentDate
from kiosk.qt.accessibility import AccessibleItem
from kiosk.qt.fonts import pixel_font
from kiosk.qt.gestures import Surface, engine, register
from kiosk.qt.language import translateUI
from kiosk.qt.theme import PALETTE
from kiosk.viewport import MIN_SPAN, Group, Viewport, group_events, place_cards, place_labels

CARD_W = 280.0  # an event card; neighbouring bins put theirs on different rows so they never overlap
CARD_H = 84.0
STACK_W = 210.0  # a stack of cards standing for several events
MARKER_BOX = 24.0  # a story's dot (9 px across its middle, a 2 px ring) with room for its antialiased edge
PAD = 10.0  # room around a cached card frame for its border and the stack's offset cards
BIN_PX = 24.0  # events closer than this on screen always share a card
MAX_ROWS = 8
ERA_ROW = 30.0  # era names stand in rows above the cards, so a narrow era's name can run on over its neighbour
TEXT_CACHE = 2000  # laid-out labels kept: a few hundred bytes each
FACE_CACHE = 160  # card faces kept drawn: a screenful several times over, about 80 MB at 4K (200 %)


class TimelineView(QWidget, Surface):
    """A gesture surface that takes every touch on it: drag and fling pan, pinch and double tap zoom."""

    eventTapped = Signal(str)  # noqa: N815
    name = "timeline"
    owns_input = True
    accessible_role = QAccessible.Role.List  # its stories, in date order, are its children

    def __init__(self, content: Content, today: float, sans: str, serif: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Timeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(200)  # a 1366x768 screen leaves it little more; larger screens give it far more
        self._today = today
        self._fonts = {
            "era": pixel_font(serif, 20, bold=True),
            "date": pixel_font(sans, 16, bold=True),
            "title": pixel_font(sans, 17),
            "axis": pixel_font(sans, 16),
            "count": pixel_font(sans, 20, bold=True),
        }
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        # it paints every pixel of its rectangle: Qt need not draw the home screen's background under it first
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._backgrounds: dict[tuple[str, str, float], QPixmap] = {}
        self._faces: dict[tuple[int, int, str, float], QPixmap] = {}  # in the order last drawn
        self._texts: dict[tuple[str, str], QStaticText] = {}  # laid-out labels, in the order last drawn
        self._era_widths: dict[str, float] = {}
        self._hits: list[tuple[QRectF, Group]] = []
        self.era_labels: list[tuple[str, QRectF]] = []  # the era names the last frame drew, and where
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(650)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._animation.valueChanged.connect(self._animate_step)
        self._animation.finished.connect(self.update)
        self.keypad_index = -1  # the story the keypad's focus ring is on
        self.set_content(content)
        register(self, self)
        translateUI(self)

    # -- data -------------------------------------------------------------
    def set_content(self, content: Content) -> None:
        self._content = content
        self._hits = []  # they index the old events until the next paint
        self._faces = {}
        self._starts = np.asarray(content.event_starts(), dtype=float)
        lower, upper = content.span(self._today)
        old = getattr(self, "viewport", None)
        self.viewport = Viewport.covering(lower, upper, max(self.width(), 1))
        if old is not None:
            self.viewport.show(old.start, old.end)
        self.update()

    def reset(self) -> None:
        """All years, as the next visitor first sees them."""
        self._animation.stop()
        engine().stop(self)
        self.viewport.show(self.viewport.lower - 3, self.viewport.upper + 3)
        self.update()

    def translateUI(self) -> None:
        self.setAccessibleName(_("Timeline of Hegang"))
        self.update()

    # -- accessibility hooks: a screen reader and the keypad reach every story --------
    def accessible_items(self) -> list[AccessibleItem]:
        """One item per story in date order, named by its date and title as the card shows them."""
        language = active_language()
        colon = "：" if language == "zh" else ": "
        return [
            AccessibleItem(f"{format_date(event.date, language)}{colon}{event.title.get(language)}", self.story_rect(index).toAlignedRect(),
                           lambda event_id=event.id: self.eventTapped.emit(event_id))
            for index, event in enumerate(self._content.events)
        ]

    def story_rect(self, index: int) -> QRectF:
        """Where story `index` (or the stack holding it) was last painted; empty when it is off screen."""
        return next((QRectF(rect) for rect, group in self._hits if group.first <= index < group.first + group.count), QRectF())

    def focus_story(self, index: int) -> None:
        """The keypad's focus moves to story `index` (-1: off the timeline); the view follows it."""
        self.keypad_index = index
        if 0 <= index < len(self._content.events):
            event = self._content.events[index]
            x = self.viewport.x_of(event.date.start)
            if not CARD_W / 2 <= x <= self.width() - CARD_W / 2:
                self._animation.stop()
                self.center_on(event.id)
            self.repaint()  # the hit rectangles the focus ring reads are made while painting
            for _step in range(8):  # a story inside a stack: zoom in until it stands alone, as a tap on the stack does
                group = next((group for _rect, group in self._hits if group.first <= index < group.first + group.count), None)
                if group is None or group.count == 1 or self.viewport.span <= MIN_SPAN * 1.01:
                    break
                if self._starts[group.first] == self._starts[group.first + group.count - 1]:
                    break  # stories of one day never come apart: the stack is as close as it gets
                self._animation.stop()
                half = self.viewport.span / 4
                self.viewport.show(event.date.start - half, event.date.start + half)
                self.repaint()

    def nearest_story(self) -> int:
        """The story nearest the middle of the view: where keypad focus enters the timeline."""
        if not len(self._starts):
            return -1
        middle = (self.viewport.start + self.viewport.end) / 2
        return int(np.argmin(np.abs(self._starts - middle)))

    # -- navigation ---------------------------------------------------------
    def glide_to(self, start: float, end: float, duration_ms: int = 650) -> None:
        """Glide the view to [start, end]."""
        self._animation.stop()
        self._animation.setDuration(duration_ms)
        self._animation.setStartValue(QPointF(self.viewport.start, self.viewport.end))
        self._animation.setEndValue(QPointF(start, end))
        self._animation.start()

    def glide_to_era(self, era_id: str) -> None:
        era = self._content.era(era_id)
        if era is not None:
            end = era.end.start if era.end else self._today
            pad = (end - era.start.start) * 0.06
            self.glide_to(era.start.start - pad, end + pad)

    def center_on(self, event_id: str) -> None:
        event = self._content.event(event_id)
        if event is not None:
            half = max(min(self.viewport.span, 12.0), 4.0) / 2
            self.viewport.show(event.date.start - half, event.date.start + half)
            self.update()

    def zoom_by(self, factor: float) -> None:
        self.glide_to(*self.viewport.zoomed(factor, self.width() / 2))

    def show_all(self) -> None:
        margin = (self.viewport.upper - self.viewport.lower) * 0.02
        self.glide_to(self.viewport.lower - margin, self.viewport.upper + margin)

    def _animate_step(self, value: QPointF) -> None:
        self.viewport.show(value.x(), value.y())
        self.update()

    # -- input ----------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        self.zoom_about(1.2**steps, event.position().x())

    def pan_by(self, dx: float, dy: float = 0.0) -> None:
        self._animation.stop()
        self.viewport.pan_pixels(dx)
        self.update()

    def zoom_about(self, factor: float, x: float) -> None:
        self._animation.stop()
        self.viewport.zoom(factor, x)
        self.update()

    def double_tap(self, position: QPointF) -> None:
        if self._hit(position) is None:
            self.zoom_about(2.0, position.x())

    def gesture_ended(self) -> None:
        """After a drag or fling past either end, glide back so the exhibit's span fills the view."""
        vp = self.viewport
        margin = (vp.upper - vp.lower) * 0.02
        if vp.start < vp.lower - margin:
            self.glide_to(vp.lower - margin, vp.lower - margin + vp.span)
        elif vp.end > vp.upper + margin:
            self.glide_to(vp.upper + margin - vp.span, vp.upper + margin)

    def tap(self, position: QPointF) -> None:
        group = self._hit(position)
        if group is None:
            return
        if group.count == 1:
            self.eventTapped.emit(self._content.events[group.first].id)
            return
        first = self._content.events[group.first].date.start
        last = self._content.events[group.first + group.count - 1].date.start
        if (last - first) * self.viewport.px_per_year < 2 or self.viewport.span <= MIN_SPAN * 1.01:
            self.eventTapped.emit(self._content.events[group.first].id)  # cannot split further: read them in turn
            return
        pad = max((last - first) * 0.25, 0.5)
        self.glide_to(first - pad, last + pad)

    def _hit(self, position: QPointF) -> Group | None:
        return next((group for rect, group in reversed(self._hits) if rect.contains(position)), None)

    def resizeEvent(self, event) -> None:
        center = (self.viewport.start + self.viewport.end) / 2
        span = self.viewport.span
        self.viewport.width = max(self.width(), 1)
        self.viewport.show(center - span / 2, center + span / 2)
        super().resizeEvent(event)

    # -- painting ---------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        language = active_language()
        height = self.height()
        axis_y = height - 56.0
        self._paint_eras(painter, language, axis_y)
        self._paint_axis(painter, language, axis_y)
        self._paint_events(painter, language, axis_y)
        painter.end()

    def _paint_eras(self, painter: QPainter, language: str, axis_y: float) -> None:
        vp = self.viewport
        width = float(self.width())
        bands = []
        painted = 0.0  # the paper shows only where no era's band lies: every pixel is filled once
        for era in self._content.eras:
            x0 = vp.x_of(era.start.start)
            x1 = vp.x_of(era.end.start if era.end else self._today)
            title = era.title.get(language)
            bands.append((x0, x1, self._era_width(title)))
            if x1 < 0 or x0 > width:
                continue
            left, right = max(float(round(x0)), painted), min(float(round(x1)), width)  # whole pixels: no seam between bands
            if left > painted:
                painter.fillRect(QRectF(painted, 0, left - painted, axis_y), QColor(PALETTE.paper))
            if right > left:
                color = QColor(era.color)
                painter.fillRect(QRectF(left, 0, right - left, axis_y), _over_paper(color, 70 / 255))
                painter.fillRect(QRectF(left, 0, right - left, 8), color)
                painted = right
        if painted < width:
            painter.fillRect(QRectF(painted, 0, width - painted, axis_y), QColor(PALETTE.paper))
        painter.setPen(QColor(PALETTE.coal))
        self.era_labels = []
        for spot in place_labels(bands, float(self.width()), self._era_rows()):
            label = QRectF(spot.left, 12 + spot.row * ERA_ROW, spot.width + 2, ERA_ROW)
            title = self._content.eras[spot.index].title.get(language)
            self._text(painter, label, title, "era")
            self.era_labels.append((title, label))

    def _era_width(self, title: str) -> float:
        """An era name's width, measured once (an era's name is measured at every frame otherwise)."""
        width = self._era_widths.get(title)
        if width is None:
            width = self._era_widths[title] = QFontMetricsF(self._fonts["era"]).horizontalAdvance(title)
        return width

    def _paint_axis(self, painter: QPainter, language: str, axis_y: float) -> None:
        vp = self.viewport
        painter.fillRect(QRectF(0, axis_y, self.width(), self.height() - axis_y), QColor(PALETTE.coal))
        step = vp.tick_step()
        for tick in vp.ticks():
            x = vp.x_of(tick)
            painter.setPen(QPen(QColor(PALETTE.card), 2))
            painter.drawLine(QPointF(x, axis_y), QPointF(x, axis_y + 10))
            self._text(painter, QRectF(x - 70, axis_y + 12, 140, 34), _tick_label(tick, step, language), "axis", centred=True)
        now = vp.x_of(self._today)
        if 0 <= now <= self.width():
            painter.setPen(QPen(QColor(PALETTE.ember), 3))
            painter.drawLine(QPointF(now, 0), QPointF(now, axis_y))

    def _era_rows(self) -> int:
        """Rows for era names: a portrait screen is narrow but tall, so its names take three; a short
        timeline (1366x768) has room for one, and the era chips below name every era anyway."""
        if self.height() < 280:
            return 1
        return 3 if self.height() > self.width() * 0.8 else 2

    def _cards_top(self) -> float:
        return 12 + self._era_rows() * ERA_ROW + 8

    def _rows(self, axis_y: float) -> int:
        """Rows of cards the height allows: portrait screens stack more, so fewer events cluster."""
        return int(min(max((axis_y - self._cards_top()) // (CARD_H + 18), 1), MAX_ROWS))

    def _paint_events(self, painter: QPainter, language: str, axis_y: float) -> None:
        self._hits = []
        if not len(self._starts):
            return
        rows = self._rows(axis_y)
        groups = group_events(self._starts, self.viewport, BIN_PX)
        placements = place_cards(groups, self.viewport, rows, CARD_W, STACK_W)
        base_y = axis_y - 26
        pitch = (base_y - 40 - self._cards_top() - CARD_H) / max(rows - 1, 1)  # spread the rows over the height
        cards = []
        for placed in placements:
            year = float(self._starts[placed.first] + self._starts[placed.first + placed.count - 1]) / 2
            group = Group(placed.first, placed.count, year)
            rect = QRectF(placed.left, self._cards_top() + placed.row * pitch, placed.width, CARD_H)
            x = self.viewport.x_of(year)
            cards.append((group, rect, x))
            stem_top = QPointF(min(max(x, rect.left() + 14), rect.right() - 14), rect.bottom())
            painter.setPen(QPen(QColor(PALETTE.slate), 2, Qt.PenStyle.SolidLine if placed.count == 1 else Qt.PenStyle.DashLine))
            painter.drawLine(stem_top, QPointF(x, base_y))
        for group, rect, x in cards:  # cards over every stem
            if group.count == 1:
                self._paint_event_card(painter, language, group, rect)
            else:
                self._paint_cluster(painter, language, group, rect)
            self._paint_marker(painter, group, x, base_y)

    def _paint_event_card(self, painter: QPainter, language: str, group: Group, rect: QRectF) -> None:
        painter.drawPixmap(rect.topLeft() - QPointF(PAD, PAD), self._face(group, language))
        self._hits.append((rect, group))

    def _face(self, group: Group, language: str) -> QPixmap:
        """A story's card drawn once with its texts at the screen's pixel ratio: text is the costliest
        part of a frame at 4K, and while a visitor pans the same cards come round frame after frame."""
        ratio = self.devicePixelRatioF()
        key = (group.first, group.count, language, ratio)
        face = self._faces.pop(key, None)
        if face is None:
            face = self._draw_face(group, language, ratio)
            while len(self._faces) >= FACE_CACHE:
                self._faces.pop(next(iter(self._faces)))  # the least recently drawn
        self._faces[key] = face
        return face

    def _draw_face(self, group: Group, language: str, ratio: float) -> QPixmap:
        event = self._content.events[group.first]
        era = self._content.era(event.era)
        face = QPixmap(self._background("card", QColor(era.color if era else PALETTE.ochre).name()))
        face.setDevicePixelRatio(ratio)
        painter = QPainter(face)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_card_text(painter, language, event, QRectF(PAD, PAD, CARD_W, CARD_H))
        painter.end()
        return face

    def _paint_card_text(self, painter: QPainter, language: str, event, rect: QRectF) -> None:
        card_h = rect.height()
        painter.setPen(QColor(PALETTE.brick))
        painter.setFont(self._fonts["date"])
        painter.drawText(rect.adjusted(18, 8, -12, -card_h + 32), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, format_date(event.date, language))
        painter.setPen(QColor(PALETTE.coal))
        painter.setFont(self._fonts["title"])
        metrics = QFontMetricsF(self._fonts["title"])
        title = metrics.elidedText(event.title.get(language), Qt.TextElideMode.ElideRight, (CARD_W - 30) * 2 - 20)
        painter.drawText(rect.adjusted(18, 31, -12, -2), Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)

    def _text(self, painter: QPainter, rect: QRectF, text: str, font: str, centred: bool = False) -> None:
        """One line in `rect`, centred on its height (and width if `centred`), laid out once: era
        names, year ticks and stack labels come round frame after frame while a visitor pans,
        and at 4K laying their glyphs out again is a large part of a frame."""
        key = (text, font)
        static = self._texts.pop(key, None)
        if static is None:
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self._fonts[font])
            while len(self._texts) >= TEXT_CACHE:
                self._texts.pop(next(iter(self._texts)))  # the least recently drawn
        self._texts[key] = static
        size = static.size()
        x = rect.center().x() - size.width() / 2 if centred else rect.left()
        painter.setFont(self._fonts[font])
        painter.drawStaticText(QPointF(x, rect.center().y() - size.height() / 2), static)

    def _background(self, kind: str, color: str) -> QPixmap:
        """A shape drawn once per colour at the screen's pixel ratio: a card's or a stack's frame, or a story's dot."""
        key = (kind, color, self.devicePixelRatioF())
        if key not in self._backgrounds:
            render = _render_marker if kind == "marker" else _render_background
            self._backgrounds[key] = render(kind, color, key[2])
        return self._backgrounds[key]

    def _paint_marker(self, painter: QPainter, group: Group, x: float, base_y: float) -> None:
        era = self._content.era(self._content.events[group.first].era) if group.count == 1 else None
        dot = self._background("marker", QColor(era.color if era else PALETTE.slate).name())
        painter.drawPixmap(QPointF(x - MARKER_BOX / 2, base_y - MARKER_BOX / 2), dot)
        self._hits.append((QRectF(x - 24, base_y - 24, 48, 48), group))

    def _paint_cluster(self, painter: QPainter, language: str, group: Group, rect: QRectF) -> None:
        """A stack of cards: how many stories, and the years they span; a tap zooms in on them.

        Drawn on its cached frame each time: stacks change with every zoom step, and their two
        short lines cost less than a cache that would miss."""
        painter.drawPixmap(rect.topLeft() - QPointF(PAD, PAD), self._background("stack", PALETTE.ochre))
        self._paint_cluster_text(painter, language, group, rect)
        self._hits.append((rect.adjusted(0, -8, 8, 0), group))

    def _paint_cluster_text(self, painter: QPainter, language: str, group: Group, rect: QRectF) -> None:
        first = self._content.events[group.first]
        last = self._content.events[group.first + group.count - 1]
        card_h = rect.height()
        painter.setPen(QColor(PALETTE.ochre))
        self._text(painter, rect.adjusted(16, 8, -12, -card_h + 32), _span_label(first.date, last.date, language), "date")
        painter.setPen(QColor(PALETTE.card))
        count = ngettext("{count} story", "{count} stories", group.count).format(count=format_number(group.count, language))
        self._text(painter, rect.adjusted(16, 34, -12, -6), count, "count")


def _canvas(width: float, height: float, ratio: float) -> tuple[QPixmap, QPainter]:
    """A transparent picture of `width` x `height` logical pixels at `ratio`, and an antialiased painter on it."""
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def _render_marker(_kind: str, color: str, ratio: float) -> QPixmap:
    """A story's dot on the axis: dozens are on screen, each an antialiased circle that costs
    more to draw than to copy."""
    pixmap, painter = _canvas(MARKER_BOX, MARKER_BOX, ratio)
    painter.setBrush(QColor(color))
    painter.setPen(QPen(QColor(PALETTE.coal), 2))
    painter.drawEllipse(QPointF(MARKER_BOX / 2, MARKER_BOX / 2), 9, 9)
    painter.end()
    return pixmap


def _render_background(kind: str, color: str, ratio: float) -> QPixmap:
    """A card's frame drawn once: antialiased rounded shapes are the costliest part of a frame."""
    width = CARD_W if kind == "card" else STACK_W
    pixmap, painter = _canvas(width + 2 * PAD, CARD_H + 2 * PAD, ratio)
    rect = QRectF(PAD, PAD, width, CARD_H)
    accent = QColor(color)
    if kind == "card":
        painter.setBrush(QColor(PALETTE.card))
        painter.setPen(QPen(accent.darker(120), 2))
        painter.drawRoundedRect(rect, 12, 12)
        painter.fillRect(QRectF(rect.left() + 1, rect.top() + 12, 6, CARD_H - 24), accent)
    else:
        for offset in (8.0, 4.0):
            painter.setPen(QPen(QColor(PALETTE.slate), 1.5))
            painter.setBrush(QColor(PALETTE.card).darker(106))
            painter.drawRoundedRect(rect.translated(offset, -offset), 12, 12)
        painter.setBrush(QColor(PALETTE.coal))
        painter.setPen(QPen(accent, 2))
        painter.drawRoundedRect(rect, 12, 12)
    painter.end()
    return pixmap


def _over_paper(color: QColor, alpha: float) -> QColor:
    """The colour a translucent band shows over the paper, as one opaque colour: no blending per pixel."""
    paper = QColor(PALETTE.paper)
    return QColor.fromRgbF(*(alpha * c + (1 - alpha) * p for c, p in zip(color.getRgbF()[:3], paper.getRgbF()[:3], strict=True)))


def _span_label(first: ContentDate, last: ContentDate, language: str) -> str:
    if first == last:
        return format_date(first, language)
    if first.year == last.last_year:
        return format_year(first.year, language)
    return format_date(ContentDate(first.year, end_year=last.last_year, precision="range"), language)


def _tick_label(tick: float, step: float, language: str) -> str:
    year = int(tick // 1)
    month = round((tick - year) * 12) + 1
    if step >= 1 or month == 1:
        return format_year(year, language)
    return get_month_names("abbreviated", locale=locale(language))[month]
