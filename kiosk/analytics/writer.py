"""The one thread that writes analytics rows, so the visitor's screen never waits for a disk.

The GUI thread only puts a tuple on a queue (a microsecond or two). The writer thread commits
what arrived every `flush_seconds` (and at once on `flush()` or `close()`), checkpoints the WAL
every few seconds so a power cut loses at most those seconds, and trims the file to its retention
and size cap every hour. Nothing it meets stops the kiosk: a full disk drops rows and retries
a minute later; a corrupt file is moved aside and a new one started; every such event is logged.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.analytics.store import COLUMNS, enforce_limits, is_disk_full, move_aside, open_database

log = logging.getLogger(__name__)

Row = tuple[float, str | None, str, str | None, str | None, int | None, str]
INSERT = f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
RETRY_SECONDS = 60.0
MAX_BATCH = 5000
_STOP = object()


class EventLog:
    """A queue of rows and the thread that writes them to `path`."""

    def __init__(
        self,
        path: Path,
        kiosk: str,
        retention_days: int = 400,
        max_mb: int = 200,
        flush_seconds: float = 1.0,
        checkpoint_seconds: float = 5.0,
        limits_seconds: float = 3600.0,
        on_commit: Callable[[int], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.kiosk = kiosk
        self.retention_days = retention_days
        self.max_bytes = max_mb * 1024 * 1024
        self.flush_seconds = flush_seconds
        self.checkpoint_seconds = checkpoint_seconds
        self.limits_seconds = limits_seconds
        self.on_commit = on_commit
        self.written = 0
        """Rows committed so far."""
        self.dropped = 0
        """Rows given up (disk full, unwritable folder); the kiosk carried on without them."""
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._connection: sqlite3.Connection | None = None
        self._retry_at = 0.0
        self._troubled = False
        self._limits_at = 0.0
        self._checkpoint_at = 0.0
        self._unsynced = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="analytics-writer", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    # -- the GUI thread's side ---------------------------------------------------------------

    def write(self, when: float, visit: str | None, kind: str, item: str | None = None, detail: str | None = None,
              value: int | None = None) -> None:
        """Queue one row; returns at once."""
        if not self._closed:
            self._queue.put((when, visit, kind, item, detail, value, self.kiosk))

    def flush(self, timeout: float = 10.0) -> bool:
        """Commit everything queued so far; True when done within `timeout` seconds."""
        if self._closed:
            return True
        done = threading.Event()
        self._queue.put(done)
        return done.wait(timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Commit what is queued and stop the thread (on shutdown; also run at interpreter exit)."""
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        self._queue.put(_STOP)
        self._thread.join(timeout)

    # -- the writer thread -----------------------------------------------------------------------

    def _run(self) -> None:
        running = True
        while running:
            rows, markers, running = self._collect()
            try:
                if rows:
                    self._commit(rows)
                self._maintain(final=not running)
            except Exception:  # the writer must outlive anything; the kiosk never depends on it
                log.exception("analytics: unexpected error in the writer; carrying on")
            for marker in markers:
                marker.set()
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _collect(self) -> tuple[list[Row], list[threading.Event], bool]:
        """Rows arriving within one flush interval of the first (fewer on a flush request or at the batch
        limit). With nothing to write the thread sleeps until something comes: an idle kiosk costs nothing."""
        rows: list[Row] = []
        markers: list[threading.Event] = []
        deadline = None
        while len(rows) < MAX_BATCH:
            wait = None if deadline is None else deadline - time.monotonic()
            try:
                if wait is None:
                    item = self._queue.get(timeout=self.checkpoint_seconds if self._unsynced else None)
                else:
                    item = self._queue.get(timeout=wait) if wait > 0 else self._queue.get_nowait()
            except queue.Empty:
                break
            if deadline is None:
                deadline = time.monotonic() + self.flush_seconds
            if item is _STOP:
                return rows, markers, False
            if isinstance(item, threading.Event):
                markers.append(item)
                break
            rows.append(item)
        return rows, markers, True

    def _commit(self, rows: list[Row], retried: bool = False) -> None:
        if time.monotonic() < self._retry_at:
            self.dropped += len(rows)
            return
        if self._connection is None:
            try:
                self._connection = open_database(self.path)
                self._limits_at = 0.0  # trim a file that was left alone for a while
            except (OSError, sqlite3.Error) as error:
                self._trouble(error, rows)
                return
        connection = self._connection
        try:
            connection.execute("BEGIN")
            connection.executemany(INSERT, rows)
            connection.execute("COMMIT")
        except (OSError, sqlite3.Error) as error:
            if connection.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError) and not retried:
                self._replace_corrupt(error)
                self._commit(rows, retried=True)
                return
            self._trouble(error, rows)
            return
        self.written += len(rows)
        self._unsynced = True
        if self._troubled:
            self._troubled = False
            log.warning("analytics: writing to %s again", self.path)
        if self.on_commit is not None:
            self.on_commit(self.written)

    def _replace_corrupt(self, error: sqlite3.Error) -> None:
        """The file went bad under a running kiosk: move it aside; the next write starts a new one."""
        assert self._connection is not None
        self._connection.close()
        self._connection = None
        moved = move_aside(self.path)
        log.error("analytics: %s is corrupt (%s); moved it to %s and started a new one", self.path, error, moved)

    def _trouble(self, error: BaseException, rows: list[Row]) -> None:
        """Drop these rows, say why once, and try again in a minute."""
        self.dropped += len(rows)
        self._retry_at = time.monotonic() + RETRY_SECONDS
        if self._connection is not None and not is_disk_full(error):
            self._connection.close()  # reopened, and checked, at the next try
            self._connection = None
        if not self._troubled:
            self._troubled = True
            if is_disk_full(error):
                log.error("analytics: the disk is full (%s); visitor events are dropped and writing is retried every %d s",
                          error, RETRY_SECONDS)
            else:
                log.error("analytics: cannot write to %s (%s); visitor events are dropped and writing is retried every %d s",
                          self.path, error, RETRY_SECONDS)

    def _maintain(self, final: bool) -> None:
        """Checkpoint the WAL every few seconds (the power-cut bound) and trim the file every hour."""
        connection = self._connection
        if connection is None:
            return
        now = time.monotonic()
        if now >= self._limits_at:  # not at shutdown: closing stays quick however big the file
            self._limits_at = now + self.limits_seconds
            try:
                trimmed = enforce_limits(connection, self.retention_days, self.max_bytes, time.time())
            except (OSError, sqlite3.Error) as error:
                log.warning("analytics: could not trim %s (%s); trying again in an hour", self.path, error)
            else:
                if trimmed.old_rows or trimmed.size_rows:
                    log.info("analytics: removed %d rows older than %d days and %d rows over the %d MB cap",
                             trimmed.old_rows, self.retention_days, trimmed.size_rows, self.max_bytes // 2**20)
        if self._unsynced and (now >= self._checkpoint_at or final):
            self._checkpoint_at = now + self.checkpoint_seconds
            self._unsynced = False
            try:
                connection.execute(f"PRAGMA wal_checkpoint({'TRUNCATE' if final else 'PASSIVE'})").fetchone()
            except (OSError, sqlite3.Error) as error:
                log.warning("analytics: checkpoint of %s failed (%s)", self.path, error)
