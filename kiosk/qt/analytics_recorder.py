"""Wires the kiosk's signals to the pure analytics `Recorder`: the only Qt code that knows about analytics.

Every slot here runs on the GUI thread and only hands a row to the writer's queue. The visit's
story comes from the `SessionController`'s signals; touches (a visit starts at the first one)
from the idle monitor. The kiosk's own reset is not mistaken for a visitor: the visit ends on
`countdownExpired`, before the reset closes the card and switches back the language.
"""

from __future__ import annotations

import datetime
import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.analytics.recorder import Recorder
from kiosk.analytics.writer import EventLog
from kiosk.config import Settings, analytics_db_path, kiosk_name
from kiosk.qt.gestures import engine
from kiosk.qt.main_window import MainWindow
from kiosk.qt.widgets.common import single_shot

if TYPE_CHECKING:
    from kiosk.analytics.summary import Summary

log = logging.getLogger(__name__)


def event_log(settings: Settings) -> EventLog | None:
    """The writer for these settings, or None when analytics is off (then no file is ever created)."""
    if not settings.analytics:
        return None
    path = analytics_db_path(settings)
    log.info("analytics: recording visits (no personal data) to %s as kiosk %s", path, kiosk_name(settings))
    return EventLog(path, kiosk_name(settings), settings.analytics_retention_days, settings.analytics_max_mb)


class AnalyticsRecorder(QObject):
    """Connects one window's session controller (and, in kiosk mode, its idle monitor) to a `Recorder`."""

    def __init__(self, window: MainWindow, events: EventLog | None) -> None:
        super().__init__(window)
        self.window = window
        self.events = events
        self.recorder = Recorder(events, window.session.default_language)
        self._arrived: tuple[str, str, str] | None = None  # a card just opened (kind, id, how): a tap, unless told next
        self._step: tuple[int, str] | None = None  # a step announced before its card opened
        self._settle = single_shot(self, 0, self._end_of_turn)  # what one visitor action reported is complete
        if events is not None:
            window.destroyed.connect(lambda *_args: events.close())  # a closed kiosk (or test) leaves no writer thread behind
            self._connect(window)

    def _connect(self, window: MainWindow) -> None:
        recorder, session, home = self.recorder, window.session, window.home

        def settled(slot):
            """Every report waits for a card that just opened to be written first, so rows stay in order."""
            return lambda *args: (self._settle_arrival(), slot(*args))

        session.languageChanged.connect(settled(recorder.language_switched))
        session.screenEntered.connect(settled(recorder.screen_entered))
        session.largeTextChanged.connect(settled(recorder.large_text))
        session.storyOpened.connect(lambda event_id: self._arrive("story", event_id))
        session.panelOpened.connect(lambda panel_id: self._arrive("panel", panel_id))
        session.cardStepped.connect(self._stepped)
        window.panel_card.eventRequested.connect(self._linked)
        session.storyClosed.connect(settled(lambda _id: recorder.closed("story")))
        session.panelClosed.connect(settled(lambda _id: recorder.closed("panel")))
        session.chartOpened.connect(settled(lambda series_id, _index: recorder.opened("chart", series_id)))
        session.attractInterrupted.connect(settled(recorder.attract_interrupted))
        session.countdownSurvived.connect(settled(lambda: recorder.countdown("survived")))
        session.countdownExpired.connect(settled(self._countdown_expired))  # before the reset closes anything
        session.visitEnded.connect(settled(lambda _visit, reason: recorder.visit_ended(reason)))
        home.zoom_in.clicked.connect(settled(lambda: recorder.zoomed("button")))
        home.zoom_out.clicked.connect(settled(lambda: recorder.zoomed("button")))
        home.show_all.clicked.connect(settled(lambda: recorder.zoomed("all_years")))
        engine().recognized.connect(self._gesture)
        self._connect_era_chips()
        session.contentReloaded.connect(lambda _dropped: self._connect_era_chips())  # after the window made new chips

    def _connect_era_chips(self) -> None:
        for chip in self.window.home.era_chips:
            if not chip.property("recorded"):  # each chip once, however often the content is reloaded
                chip.setProperty("recorded", True)
                chip.clicked.connect(lambda _checked=False: (self._settle_arrival(), self.recorder.zoomed("era")))

    def _gesture(self, kind: str, surface: str) -> None:
        """Pinches and double taps on the timeline zoom it; other gestures are reported by what they open."""
        if surface == "timeline" and kind in ("pinch", "double_tap"):
            self._settle_arrival()
            self.recorder.zoomed(kind)

    def connect_kiosk_mode(self, mode) -> None:
        """Touches come from the idle monitor, which exists only in kiosk mode; staff end a visit."""
        if self.events is not None:
            mode.idle.touched.connect(self.recorder.touched)
            mode.pin_pad.accepted.connect(lambda: self.recorder.visit_ended("staff"))

    # -- slots ---------------------------------------------------------------------------------

    def _arrive(self, kind: str, item: str) -> None:
        self._settle_arrival()
        if self._step is not None:
            self._swiped(kind, item, *self._step)
            return
        self._arrived = (kind, item, "tap")
        self._settle.start()

    def _stepped(self, direction: int, how: str) -> None:
        """A step to the next or previous card, announced after the card it arrived at opened (or before)."""
        if self._arrived is not None:
            kind, item, _how = self._arrived
            self._swiped(kind, item, direction, how)
        else:
            self._step = (direction, how)
            self._settle.start()

    def _swiped(self, kind: str, item: str, direction: int, how: str) -> None:
        self._arrived = self._step = None
        self.recorder.swiped(kind, item, "next" if direction > 0 else "prev", how)

    def _linked(self, event_id: str) -> None:
        """A panel's link to the timeline: its story has just opened."""
        if self._arrived == ("story", event_id, "tap"):
            self._arrived = ("story", event_id, "link")

    def _end_of_turn(self) -> None:
        self._step = None  # a step that opened nothing (at the last card) is no swipe
        self._settle_arrival()

    def _settle_arrival(self) -> None:
        if self._arrived is not None:
            kind, item, how = self._arrived
            self._arrived = None
            self.recorder.opened(kind, item, how)

    def _countdown_expired(self) -> None:
        self.recorder.countdown("expired")
        self.recorder.visit_ended("idle")

    # -- the kiosk's own events ---------------------------------------------------------------------

    def content_reloaded(self, ok: bool) -> None:
        self._settle_arrival()
        self.recorder.content_reloaded("ok" if ok else "failed")

    def error(self) -> None:
        self.recorder.error("exception")

    def shutdown(self) -> None:
        """End the running visit and commit everything (the app is quitting)."""
        self._settle_arrival()
        self.recorder.visit_ended("shutdown")
        if self.events is not None:
            self.events.close()

    def flush(self, timeout: float = 2.0) -> bool:
        """Commit every row so far (the Visitors screen and tests read the file right after)."""
        self._settle_arrival()
        return self.events.flush(timeout) if self.events is not None else True

    def read_summary(self, since: datetime.date | None) -> Summary:
        """For the Visitors screen, on a thread of its own (it opens its own read-only connection)."""
        from kiosk.analytics.store import NotAnalyticsFileError, open_for_reading
        from kiosk.analytics.summary import Summary, summarize

        if self.events is None:
            return Summary()
        try:
            connection = open_for_reading(Path(self.events.path))
        except (FileNotFoundError, NotAnalyticsFileError, sqlite3.DatabaseError):
            return Summary()
        try:
            return summarize(connection, since)
        except sqlite3.DatabaseError as error:
            log.warning("analytics: the summary could not be read (%s)", error)
            return Summary()
        finally:
            connection.close()
