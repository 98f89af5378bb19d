"""What a visit is, and which rows it leaves: the Qt layer reports actions, the recorder writes rows.

A visit runs from the first touch to the idle reset and has a random id that is never reused.
Every value the recorder writes is either a content id (checked against the id pattern) or one
of a few fixed words, so no free text can ever reach the file. Without an `EventLog` (analytics
turned off) the recorder does nothing at all.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kiosk.analytics.store import new_visit_id

KINDS = frozenset({
    "visit_start", "visit_end", "language", "screen", "story_open", "story_close", "panel_open", "panel_close",
    "chart_open", "chart_close", "swipe", "zoom", "large_text", "attract_interrupted", "countdown", "reload", "error",
})
LANGUAGES = frozenset({"zh", "en"})
SCREENS = frozenset({"home", "numbers"})
CARDS = ("story", "panel", "chart")
OPENED_BY = frozenset({"tap", "swipe", "link"})
"""How a story, panel or chart came up: a tap, a swipe or ‹ › from the one before, a panel's link to the timeline."""
STEPS = frozenset({"next", "prev"})
STEPPED_BY = frozenset({"swipe", "button", "keypad"})  # keypad: the accessibility keypad's arrows
ZOOMS = frozenset({"pinch", "wheel", "double_tap", "button", "era", "all_years"})
COUNTDOWN = frozenset({"survived", "expired"})
END_REASONS = frozenset({"idle", "staff", "shutdown"})
RELOADS = frozenset({"ok", "failed"})
ERRORS = frozenset({"exception", "content"})
CONTENT_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


class Sink(Protocol):
    def write(self, when: float, visit: str | None, kind: str, item: str | None = None, detail: str | None = None,
              value: int | None = None) -> None: ...


@dataclass(slots=True)
class _Open:
    kind: str
    item: str
    since: float


def _word(value: str, allowed: frozenset[str]) -> str:
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {sorted(allowed)}")
    return value


def _content_id(value: str) -> str:
    if not CONTENT_ID.fullmatch(value):
        raise ValueError(f"{value!r} is not a content id")
    return value


class Recorder:
    """Turns the kiosk's reports into rows; keeps the visit, its language, screen and open cards."""

    def __init__(self, sink: Sink | None, default_language: str = "zh", clock: Callable[[], float] = time.time) -> None:
        self.sink = sink
        self.default_language = _word(default_language, LANGUAGES)
        self.clock = clock
        self.visit: str | None = None
        self.language = default_language
        self.screen = "home"
        self.large = False
        self._started = 0.0
        self._last_touch = 0.0
        self._open: dict[str, _Open] = {}  # "card": the story or panel card; "chart": a chart's tapped value

    # -- visits -----------------------------------------------------------------------------------

    def touched(self) -> None:
        """Any touch: starts a visit when none is running, and moves its last-touch time."""
        if self.sink is None:
            return
        now = self.clock()
        if self.visit is None:
            self.visit = new_visit_id()
            self._started = now
            self._write("visit_start", self.language, self.screen, when=now)
        self._last_touch = now

    def visit_ended(self, reason: str) -> None:
        """The idle reset (or staff, or shutdown) ends the visit: dwell of what is open, then where and how long.

        Its length runs from the first to the last touch; the idle wait before the reset is not counted."""
        _word(reason, END_REASONS)
        if self.visit is not None and self.sink is not None:
            place = self._open["card"].kind if "card" in self._open else self.screen
            self._close("card")
            self._close("chart")
            self._write("visit_end", place, reason, round((self._last_touch - self._started) * 1000))
        self.visit = None
        self._open.clear()
        self.language = self.default_language
        self.screen = "home"
        self.large = False

    # -- what visitors do -------------------------------------------------------------------------

    def language_switched(self, language: str) -> None:
        _word(language, LANGUAGES)
        if language != self.language:
            self.touched()
            self.language = language
            self._write("language", language)

    def screen_entered(self, screen: str) -> None:
        _word(screen, SCREENS)
        if screen != self.screen:
            self.touched()
            self._close("card")
            self._close("chart")
            self.screen = screen
            self._write("screen", screen)

    def opened(self, kind: str, item: str, how: str = "tap") -> None:
        """A story or panel card, or a chart's detail, came up; whatever card was open before is closed."""
        _word(kind, frozenset(CARDS))
        _content_id(item)
        _word(how, OPENED_BY)
        slot = "chart" if kind == "chart" else "card"
        current = self._open.get(slot)
        if current is not None and current.kind == kind and current.item == item:
            return
        self.touched()
        self._close(slot)
        self._open[slot] = _Open(kind, item, self.clock())
        self._write(f"{kind}_open", item, how)

    def closed(self, kind: str) -> None:
        _word(kind, frozenset(CARDS))
        slot = "chart" if kind == "chart" else "card"
        if slot in self._open and self._open[slot].kind == kind:
            self._close(slot)

    def swiped(self, kind: str, item: str, direction: str, by: str = "swipe") -> None:
        """A swipe (or ‹ ›) from one story or panel to `item`: the step, then the card it arrived at.

        At the first or last card nothing moves, and nothing is written."""
        _word(kind, frozenset(CARDS[:2]))
        current = self._open.get("card")
        if current is not None and current.kind == kind and current.item == _content_id(item):
            return
        self.touched()
        self._write("swipe", _word(direction, STEPS), _word(by, STEPPED_BY))
        self.opened(kind, item, "swipe")

    def zoomed(self, how: str) -> None:
        self.touched()
        self._write("zoom", _word(how, ZOOMS))

    def large_text(self, on: bool) -> None:
        if on != self.large:
            self.touched()
            self.large = on
            self._write("large_text", "on" if on else "off")

    def attract_interrupted(self) -> None:
        """The touch that ends the attract loop starts a visit."""
        self.touched()
        self._write("attract_interrupted")

    def countdown(self, outcome: str) -> None:
        """'Still exploring?' was answered by a touch (survived) or ran out (expired). Only a visit's
        countdown counts: the one a freshly started kiosk shows before anybody came is no visitor's."""
        _word(outcome, COUNTDOWN)
        if self.visit is None:
            return
        if outcome == "survived":
            self.touched()
        self._write("countdown", outcome)

    # -- what the kiosk does ----------------------------------------------------------------------

    def content_reloaded(self, outcome: str) -> None:
        self._write("reload", _word(outcome, RELOADS))

    def error(self, what: str) -> None:
        self._write("error", _word(what, ERRORS))

    # -- rows -----------------------------------------------------------------------------------------

    def _close(self, slot: str) -> None:
        """Write the dwell of what is open in `slot` (in milliseconds) and forget it."""
        shown = self._open.pop(slot, None)
        if shown is not None:
            self._write(f"{shown.kind}_close", shown.item, value=round((self.clock() - shown.since) * 1000))

    def _write(self, kind: str, item: str | None = None, detail: str | None = None, value: int | None = None,
               when: float | None = None) -> None:
        if self.sink is not None:
            self.sink.write(self.clock() if when is None else when, self.visit, kind, item, detail, value)
