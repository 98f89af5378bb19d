"""Wires the kiosk's signals to the pure analytics `Recorder`: the only Qt code that knows about analytics.

Every slot here runs on the GUI thread and only hands a row to the writer's queue. Visitor actions
are taken from the controls a visitor touches (a language button, a story on the timeline), never
from state changes, so the kiosk's own resets and reloads are not mistaken for a visitor.
"""

from __future__ import annotations

import datetime
import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject

from kiosk.analytics import EventLog, Recorder, Summary, summarize
from kiosk.analytics.store import NotAnalyticsFileError, open_for_reading
from kiosk.config import Settings, analytics_db_path, kiosk_name
from kiosk.qt.main_window import MainWindow

log = logging.getLogger(__name__)


def event_log(settings: Settings) -> EventLog | None:
    """The writer for these settings, or None when analytics is off (then no file is ever created)."""
    if not settings.analytics:
        return None
    path = analytics_db_path(settings)
    log.info("analytics: recording visits (no personal data) to %s as kiosk %s", path, kiosk_name(settings))
    return EventLog(path, kiosk_name(settings), settings.analytics_retention_days, settings.analytics_max_mb)


class AnalyticsRecorder(QObject):
    """Connects one window and its kiosk mode to a `Recorder`."""

    def __init__(self, window: MainWindow, events: EventLog | None, default_language: str) -> None:
        super().__init__(window)
        self.window = window
        self.events = events
        self.recorder = Recorder(events, default_language)
        self._charts: set[int] = set()
        if events is not None:
            window.destroyed.connect(lambda *_args: events.close())  # a closed kiosk (or test) leaves no writer thread behind
            self._connect_window(window)

    def _connect_window(self, window: MainWindow) -> None:
        recorder = self.recorder
        header, home = window.header, window.home
        for code, button in header.language_buttons.items():
            button.clicked.connect(lambda _checked=False, c=code: recorder.language_switched(c))
        header.nav_buttons["home"].clicked.connect(lambda: recorder.screen_entered("home"))
        header.nav_buttons["numbers"].clicked.connect(self._numbers_entered)
        header.text_size.clicked.connect(recorder.large_text)
        home.timeline.eventTapped.connect(lambda event_id: recorder.opened("story", event_id))
        home.gallery.panelTapped.connect(lambda panel_id: recorder.opened("panel", panel_id))
        window.panel_card.eventRequested.connect(lambda event_id: recorder.opened("story", event_id, "link"))
        home.zoom_in.clicked.connect(lambda: recorder.zoomed("button"))
        home.zoom_out.clicked.connect(lambda: recorder.zoomed("button"))
        home.show_all.clicked.connect(lambda: recorder.zoomed("all_years"))
        for kind, card in (("story", window.event_card), ("panel", window.panel_card)):
            card.closed.connect(lambda k=kind: recorder.closed(k))
            # each runs after the card's own step, so the card already shows where the visitor arrived
            card.swiped.connect(lambda direction, k=kind, c=card: self._stepped(k, c, direction, "swipe"))
            card.previous_button.clicked.connect(lambda _checked=False, k=kind, c=card: self._stepped(k, c, -1, "button"))
            card.next_button.clicked.connect(lambda _checked=False, k=kind, c=card: self._stepped(k, c, 1, "button"))

    def connect_kiosk_mode(self, mode) -> None:
        """The idle monitor and staff menu exist only in kiosk mode."""
        if self.events is None:
            return
        recorder = self.recorder
        mode.idle.touched.connect(recorder.touched)
        mode.idle.visitorReturned.connect(lambda: recorder.countdown("survived"))
        mode.idle.countdownExpired.connect(self._countdown_expired)
        mode.idle.attractInterrupted.connect(recorder.attract_interrupted)
        mode.pin_pad.accepted.connect(lambda: recorder.visit_ended("staff"))

    # -- slots ---------------------------------------------------------------------------------

    def _countdown_expired(self) -> None:
        self.recorder.countdown("expired")
        self.recorder.visit_ended("idle")

    def _stepped(self, kind: str, card, direction: int, by: str) -> None:
        shown = card.event if kind == "story" else card.panel
        if shown is not None:
            self.recorder.swiped(kind, shown.id, "next" if direction > 0 else "prev", by)

    def _numbers_entered(self) -> None:
        self.recorder.screen_entered("numbers")
        numbers = self.window.numbers
        for chart in numbers.cards if numbers is not None else ():
            if id(chart) not in self._charts:  # the screen is rebuilt after a content reload
                self._charts.add(id(chart))
                chart.valueTapped.connect(lambda series_id: self.recorder.opened("chart", series_id))

    # -- the kiosk's own events ---------------------------------------------------------------------

    def content_reloaded(self, ok: bool) -> None:
        self.recorder.content_reloaded("ok" if ok else "failed")

    def error(self) -> None:
        self.recorder.error("exception")

    def shutdown(self) -> None:
        """End the running visit and commit everything (the app is quitting)."""
        self.recorder.visit_ended("shutdown")
        if self.events is not None:
            self.events.close()

    def summary(self, since: datetime.date | None) -> Summary:
        """For the Visitors screen: what is queued is committed first, so the visit just ended counts."""
        if self.events is None:
            return Summary()
        self.events.flush(timeout=2.0)
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
