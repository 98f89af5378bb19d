"""The analytics database: schema, opening it safely, keeping it small, and merging kiosks' files.

One table, `events`, holds every row; the view `visits` sums each visit up. The file is in WAL
mode with synchronous=NORMAL: a crashed kiosk loses nothing committed, a power cut at most what
was written since the last checkpoint (the writer checkpoints every few seconds). A file that
is not a sound analytics database is moved aside, never deleted, and a fresh one is started.
"""

from __future__ import annotations

import datetime
import errno
import hashlib
import logging
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
COLUMNS = ("time", "visit", "kind", "item", "detail", "value", "kiosk")
SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    time REAL NOT NULL,  -- seconds since 1970-01-01 UTC
    visit TEXT,          -- random id of one visit; NULL for the kiosk's own events (reloads, errors)
    kind TEXT NOT NULL,  -- what happened: one of kiosk.analytics.recorder.KINDS
    item TEXT,           -- a content id (story, panel, chart) or a small enum value (language, screen)
    detail TEXT,         -- a small enum value (how a story was opened, why a visit ended)
    value INTEGER,       -- milliseconds: dwell on a story, length of a visit
    kiosk TEXT NOT NULL  -- the kiosk's name, so merged files keep each visit's kiosk
);
CREATE INDEX IF NOT EXISTS events_time ON events (time);
CREATE VIEW IF NOT EXISTS visits AS
SELECT visit,
       kiosk,
       MIN(time) AS started,
       MAX(time) AS ended,
       MAX(CASE WHEN kind = 'visit_end' THEN value END) AS length_ms,
       MAX(CASE WHEN kind = 'visit_start' THEN item END) AS start_language,
       SUM(kind = 'language') AS language_switches,
       MAX(CASE WHEN kind = 'visit_end' THEN item END) AS last_place,
       MAX(CASE WHEN kind = 'visit_end' THEN detail END) AS end_reason
FROM events WHERE visit IS NOT NULL GROUP BY visit, kiosk;
"""


class NotAnalyticsFileError(Exception):
    """The file exists but is not an analytics database this kiosk can write to."""


def is_disk_full(error: BaseException) -> bool:
    """SQLite's "database or disk is full", or the operating system's ENOSPC / EDQUOT."""
    if isinstance(error, sqlite3.OperationalError):
        return "full" in str(error).lower()
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the kiosk's pragmas; raises sqlite3.DatabaseError on a file that is not SQLite."""
    connection = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA auto_vacuum = INCREMENTAL")  # only takes effect on a new file
        connection.execute("PRAGMA journal_mode = WAL").fetchone()
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA cache_size = -512")  # 512 KB: the writer appends, it needs little cache
        connection.execute("PRAGMA journal_size_limit = 4194304")  # the WAL shrinks back to 4 MB after a checkpoint
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection


def open_database(path: Path) -> sqlite3.Connection:
    """The database at `path`, created if missing; a corrupt or foreign file is moved aside first.

    Raises OSError or sqlite3.OperationalError when the folder or disk cannot take a file (the
    writer logs that and retries later)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _open_checked(path)
    except (sqlite3.DatabaseError, NotAnalyticsFileError) as error:
        if isinstance(error, sqlite3.OperationalError) and (is_disk_full(error) or "locked" in str(error)):
            raise
        moved = move_aside(path)
        log.error("analytics: %s is not a sound analytics database (%s); moved it to %s and started a new one", path, error, moved)
        return _open_checked(path)


def _open_checked(path: Path) -> sqlite3.Connection:
    connection = connect(path)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version > SCHEMA_VERSION:
            raise NotAnalyticsFileError(f"it was written by a newer kiosk (schema version {version}, this kiosk knows {SCHEMA_VERSION})")
        if tables and "events" not in tables:
            raise NotAnalyticsFileError("it is an SQLite file without an events table")
        check = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
        if check != "ok":
            raise NotAnalyticsFileError(f"the integrity check says: {check}")
        connection.executescript(SCHEMA)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        connection.close()
        raise
    return connection


def move_aside(path: Path, now: datetime.datetime | None = None) -> Path:
    """Rename `path` (and its -wal and -shm files) to `<name>.corrupt-<UTC time>`; returns the new name."""
    stamp = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.rename(Path(f"{target}{suffix}"))
    return target


@dataclass(frozen=True, slots=True)
class Trimmed:
    """What `enforce_limits` removed."""

    old_rows: int
    size_rows: int


def used_bytes(connection: sqlite3.Connection) -> int:
    """Bytes in use by rows and indexes (free pages not counted)."""
    page_size, pages, free = (connection.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_size", "page_count", "freelist_count"))
    return page_size * (pages - free)


def enforce_limits(connection: sqlite3.Connection, retention_days: int, max_bytes: int, now: float) -> Trimmed:
    """Delete rows older than `retention_days`, then the oldest rows until the file fits `max_bytes`."""
    old = connection.execute("DELETE FROM events WHERE time < ?", (now - retention_days * 86400,)).rowcount
    by_size = 0
    while used_bytes(connection) > max_bytes:
        rows = connection.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        if not rows:
            break
        cut = max(rows // 20, 1)  # the oldest 5 % at a time
        by_size += connection.execute("DELETE FROM events WHERE rowid IN (SELECT rowid FROM events ORDER BY time LIMIT ?)", (cut,)).rowcount
        connection.execute("PRAGMA incremental_vacuum")
    if old:
        connection.execute("PRAGMA incremental_vacuum")
    return Trimmed(old, by_size)


def open_for_reading(path: Path) -> sqlite3.Connection:
    """An existing analytics file for the summary; raises FileNotFoundError or NotAnalyticsFileError."""
    if not path.is_file():
        raise FileNotFoundError(path)
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        connection.close()
        raise NotAnalyticsFileError(str(error)) from error
    if "events" not in tables:
        connection.close()
        raise NotAnalyticsFileError("it has no events table")
    if "visits" not in tables:  # a file being created right now: its view is still missing
        connection.close()
        raise NotAnalyticsFileError("it has no visits view")
    return connection


@dataclass(frozen=True, slots=True)
class Merged:
    """What `merge` did with one input file."""

    path: Path
    rows: int
    renamed_visits: int


def merge(out: Path, inputs: Iterable[Path]) -> list[Merged]:
    """Add the rows of every input to `out` (created if missing).

    Each row keeps its kiosk name. A visit id that `out` already holds for another kiosk gets a
    new id, so visits stay distinct; rows `out` already holds are skipped, so merging a
    file twice changes nothing."""
    connection = open_database(out)
    results = []
    try:
        for path in inputs:
            source = open_for_reading(path)  # checks the file before attaching it
            source.close()
            connection.execute("ATTACH DATABASE ? AS source", (f"{Path(path).resolve().as_uri()}?mode=ro",))
            try:
                results.append(_merge_one(connection, Path(path)))
            finally:
                connection.execute("DETACH DATABASE source")
    finally:
        connection.close()
    return results


def _merge_one(connection: sqlite3.Connection, path: Path) -> Merged:
    connection.execute("BEGIN")
    try:
        connection.execute("CREATE TEMP TABLE owners (visit TEXT PRIMARY KEY, kiosk TEXT) WITHOUT ROWID")
        connection.execute("INSERT OR IGNORE INTO owners SELECT DISTINCT visit, kiosk FROM main.events WHERE visit IS NOT NULL")
        clashes = connection.execute(
            "SELECT DISTINCT s.visit, s.kiosk FROM source.events s JOIN owners o ON o.visit = s.visit WHERE o.kiosk <> s.kiosk"
        ).fetchall()
        connection.execute("CREATE TEMP TABLE renamed (visit TEXT, kiosk TEXT, new TEXT, PRIMARY KEY (visit, kiosk)) WITHOUT ROWID")
        connection.executemany("INSERT INTO renamed VALUES (?, ?, ?)", [(visit, kiosk, _renamed(visit, kiosk)) for visit, kiosk in clashes])
        before = connection.execute("SELECT COUNT(*) FROM main.events").fetchone()[0]
        connection.execute(
            f"""INSERT INTO main.events ({', '.join(COLUMNS)})
            SELECT s.time, COALESCE(r.new, s.visit), s.kind, s.item, s.detail, s.value, s.kiosk
            FROM source.events s LEFT JOIN renamed r ON r.visit = s.visit AND r.kiosk = s.kiosk
            EXCEPT SELECT {', '.join(COLUMNS)} FROM main.events"""
        )
        after = connection.execute("SELECT COUNT(*) FROM main.events").fetchone()[0]
        connection.execute("DROP TABLE temp.owners")
        connection.execute("DROP TABLE temp.renamed")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return Merged(path, after - before, len(clashes))


def _renamed(visit: str, kiosk: str) -> str:
    """A new id for a visit whose id another kiosk used too: as random as the old one, and the same on every
    merge, so merging a file twice still adds nothing."""
    return hashlib.sha256(f"{kiosk}\0{visit}".encode()).hexdigest()[:16]


def new_visit_id() -> str:
    """64 random bits as hex: never derived from anything about the visitor or the time."""
    return secrets.token_hex(8)
