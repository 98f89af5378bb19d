"""A tactile keypad beside the screen: arrow keys, Enter, Escape/Back and a few function keys.

The keypad moves a focus ring through rows of targets, top to bottom as the screen shows them:
the header; then on the home screen the timeline's stories (date order), the era chips and zoom
buttons, and the gallery; on "Hegang in numbers" one row per chart; with a card open, its close
button and its links. Left/Right move within a row (on an open card they step through its
stories), Up/Down between rows, Enter presses, Escape/Back closes the card or returns to the
timeline, F1 switches language, F2 large text, F3 reach mode.

The input router hands it the allowed keys (`keypad_keys`); lockdown swallows every other key.
What Enter does is what a screen reader's press does (`accessibility.AccessibleItem.press`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget

from kiosk.qt.accessibility import announce_focus
from kiosk.qt.theme import FOCUS_RING, PALETTE

if TYPE_CHECKING:
    from kiosk.qt.main_window import MainWindow

HALO = 2  # px of light halo outside the ring


def qt_key(name: str) -> int:
    """The Qt key code of a keypad key name from the settings ("Left", "Return", "F1" …)."""
    return int(getattr(Qt.Key, f"Key_{name}").value)


class Target(NamedTuple):
    """What the focus ring is on: a widget, or an item painted inside it (a story, a chart bar)."""

    widget: QWidget
    index: int = -1

    def rect(self) -> QRect:
        if self.index >= 0:
            return self.widget.accessible_items()[self.index].rect
        return self.widget.rect()

    def press(self) -> None:
        if self.index >= 0:
            self.widget.accessible_items()[self.index].press()
        elif hasattr(self.widget, "accessible_press"):
            self.widget.accessible_press()
        elif isinstance(self.widget, QAbstractButton):
            self.widget.click()


class FocusRing(QWidget):
    """A ring of FOCUS_RING px in the theme's focus colour with a light halo, drawn over whatever has focus."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def surround(self, widget: QWidget, rect: QRect) -> None:
        if rect.isEmpty() or not widget.isVisible():
            self.hide()
            return
        pad = FOCUS_RING + HALO + 2
        top_left = widget.mapTo(self.parentWidget(), rect.topLeft())
        self.setGeometry(QRect(top_left, rect.size()).adjusted(-pad, -pad, pad, pad))
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        outer = HALO / 2
        painter.setPen(QPen(QColor(PALETTE.halo), HALO))
        painter.drawRoundedRect(self.rect().toRectF().adjusted(outer, outer, -outer, -outer), 14, 14)
        inner = HALO + FOCUS_RING / 2
        painter.setPen(QPen(QColor(PALETTE.focus), FOCUS_RING))
        painter.drawRoundedRect(self.rect().toRectF().adjusted(inner, inner, -inner, -inner), 12, 12)
        painter.end()


class Keypad(QObject):
    """Made by `create_app` when keypad keys are allowed; the input router calls `handles` and `press`."""

    def __init__(self, window: MainWindow, keys: Iterable[str]) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.keys = {qt_key(name): name for name in keys}
        self.ring = FocusRing(window.centralWidget())
        self.row = ""
        self.col = 0
        self._memory: dict[str, int] = {}  # the column last used in each row
        self.session.storyOpened.connect(self._story_opened)
        self.session.visitStarted.connect(lambda _visit: self.hide_ring())
        self.session.changed.connect(self._follow)
        self.session.languageChanged.connect(lambda _language: self._follow())  # texts change width: the ring follows
        window.resized.connect(self._follow)

    # -- from the input router --------------------------------------------------------
    def handles(self, event: QKeyEvent) -> bool:
        """A keypad key without Ctrl, Alt or Meta (so Alt+F4 stays swallowed)."""
        held = event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        return event.key() in self.keys and held == Qt.KeyboardModifier.NoModifier

    def press(self, key: int) -> None:
        name = self.keys[key]
        session, visitor = self.session, self.session.visitor
        if name == "F1":
            session.toggle_language()
        elif name == "F2":
            session.set_large_text(not visitor.large_text)
        elif name == "F3":
            session.set_reach(not visitor.reach)
        elif name in ("Escape", "Back"):
            if self.references() is not None:
                self.references().close_overlay()
            elif visitor.story or visitor.panel:
                session.close_card()
            else:
                session.show_screen("home")
                self.row = "timeline"
        elif not self.ring.isVisible():
            pass  # the first press shows where the focus is before anything moves
        elif name in ("Left", "Right"):
            self._sideways(-1 if name == "Left" else 1)
        elif name in ("Up", "Down"):
            self._to_row(-1 if name == "Up" else 1)
        else:  # Return, Enter
            target = self.target()
            if target is not None:
                target.press()
        self._show()

    def hide_ring(self) -> None:
        """A touch (or a new visitor): the ring goes until the keypad is used again."""
        self.ring.hide()

    # -- where the focus is -------------------------------------------------------------
    def rows(self) -> list[tuple[str, list[Target]]]:
        """The rows of targets on screen now, top to bottom (reach mode moves the header below)."""
        w = self.window
        header = w.header
        top = [*header.nav_buttons.values(), *header.language_buttons.values(), header.text_size, header.reach_button]
        rows: list[tuple[str, list[Target]]] = []
        card = next((c for c in (w.event_card, w.panel_card) if c.isVisible()), None)
        references = self.references()
        if references is not None:  # over a card or a chart: only its close button until it goes
            rows.append(("references-close", [Target(references.close_button)]))
        elif card is not None:
            rows.append(("card-close", [Target(card.close_button)]))
            related = getattr(card, "_related", [])
            rows.extend((f"card-link-{i}", [Target(b)]) for i, b in enumerate(related) if b.isVisible())
            if card.credits.isVisible():
                rows.append(("card-credits", [Target(card.credits)]))
        elif self.session.visitor.screen == "numbers" and w.numbers is not None:
            for chart in w.numbers.cards:  # its values, then its credits once a value is shown
                credits = [Target(chart.credits)] if chart.credits.isVisible() else []
                rows.append((f"chart-{chart.series.id}", [*(Target(chart, i) for i in range(len(chart.series.points))), *credits]))
        else:
            home = w.home
            rows.append(("timeline", [Target(home.timeline, i) for i in range(len(self.session.content.events))]))
            rows.append(("controls", [Target(b) for b in (*home.era_chips, home.zoom_out, home.zoom_in, home.show_all)]))
            rows.append(("gallery", [Target(c) for c in home.gallery.cards]))
        header_row = ("header", [Target(b) for b in top])
        return [*rows, header_row] if self.session.visitor.reach else [header_row, *rows]

    def references(self) -> QWidget | None:
        """The full references open over a card or a chart, if any."""
        w = self.window
        layers = [w.event_card.references, w.panel_card.references, *([w.numbers.references] if w.numbers is not None else [])]
        return next((layer for layer in layers if layer.isVisible()), None)

    def target(self) -> Target | None:
        row = dict(self.rows()).get(self.row)
        return row[min(self.col, len(row) - 1)] if row else None

    def _sideways(self, step: int) -> None:
        visitor = self.session.visitor
        if (visitor.story or visitor.panel) and self.row != "header" and self.references() is None:
            self.session.step_card(step, "keypad")
            return
        row = dict(self.rows()).get(self.row, [])
        self.col = min(max(self.col + step, 0), max(len(row) - 1, 0))

    def _to_row(self, step: int) -> None:
        keys = [key for key, _targets in self.rows()]
        index = keys.index(self.row) if self.row in keys else 0
        self._memory[self.row] = self.col
        self._enter(keys[min(max(index + step, 0), len(keys) - 1)])

    def _enter(self, row: str) -> None:
        self.row = row
        remembered = self._memory.get(row)
        if row == "timeline":
            remembered = self._memory.get("story", self.window.home.timeline.nearest_story())
        self.col = remembered if remembered is not None else 0

    def _story_opened(self, event_id: str) -> None:
        index = self.session.content.index_of(event_id)
        if index is not None:
            self._memory["story"] = index
            if self.row == "timeline":
                self.col = index

    def _follow(self) -> None:
        """The session changed (a card opened or closed, a switch): keep the ring on something that exists."""
        if self.ring.isVisible():
            QTimer.singleShot(0, self, self._show)  # once the layouts have placed everything

    def _show(self) -> None:
        rows = dict(self.rows())
        if self.row not in rows or not rows[self.row]:
            visitor = self.session.visitor
            default = ("references-close" if self.references() is not None else "card-close" if visitor.story or visitor.panel
                       else "timeline" if visitor.screen == "home" else next(iter(rows)))
            self._enter(default if default in rows else next(iter(rows)))
        for key, targets in self.rows():  # timeline, charts: their own hooks show the focused item
            for widget in {t.widget for t in targets if t.index >= 0}:
                widget.keypad_index = self.col if key == self.row else -1
        target = self.target()
        if target is None:
            self.ring.hide()
            return
        self._bring_into_view(target)
        self.ring.surround(target.widget, target.rect())
        announce_focus(target.widget, target.index)

    def _bring_into_view(self, target: Target) -> None:
        focus_story = getattr(target.widget, "focus_story", None)
        if focus_story is not None:
            focus_story(target.index)
        parent = target.widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(target.widget, 24, 24)
            parent = parent.parentWidget()
