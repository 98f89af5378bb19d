"""Visitor analytics: what visitors do at the kiosk, recorded privately in a local SQLite file.

Each row holds only a time, a random visit id, an event kind, content ids or small enum values,
and the kiosk's name: never free text, never anything about a person. Pure Python, no Qt: the
Qt layer connects its signals to a `Recorder`, which hands rows to an `EventLog` that writes
them on its own thread.
"""

from kiosk.analytics.recorder import Recorder
from kiosk.analytics.store import SCHEMA_VERSION, open_database
from kiosk.analytics.summary import Summary, summarize
from kiosk.analytics.writer import EventLog

__all__ = ["SCHEMA_VERSION", "EventLog", "Recorder", "Summary", "open_database", "summarize"]
