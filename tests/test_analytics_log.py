"""The analytics file on a museum PC for months: it keeps what was committed, trims itself, survives
a corrupt file, a full disk and a killed kiosk, and tells curators what visitors did."""

from __future__ import annotations

import datetime
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.analytics import writer as writer_module
from kiosk.analytics.cli import main as analytics_main
from kiosk.analytics.recorder import Recorder
from kiosk.analytics.sample import generate_month
from kiosk.analytics.store import enforce_limits, merge, open_database, open_for_reading, used_bytes
from kiosk.analytics.summary import LENGTH_BINS, summarize
from kiosk.analytics.writer import EventLog
from kiosk.config import load_settings
from kiosk.model import load_content
from kiosk.paths import CONTENT_DIR

ROOT = Path(__file__).resolve().parent.parent
LAST_DAY = datetime.date(2026, 11, 27)


@pytest.fixture(scope="module")
def ids():
    content = load_content(CONTENT_DIR).content
    return [e.id for e in content.events], [p.id for p in content.panels], [s.id for s in content.series]


def rows(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT kind, item, detail, value, visit, kiosk FROM events ORDER BY rowid").fetchall()


class Clock:
    """Today, moved on by hand (rows older than the retention would be trimmed away)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_a_visit_leaves_only_ids_and_fixed_words_never_free_text(tmp_path):
    events = EventLog(tmp_path / "a.db", "hall-1")
    clock = Clock()
    recorder = Recorder(events, "zh", clock)
    recorder.touched()
    clock.now += 4
    recorder.opened("story", "soviet-army-1945")
    clock.now += 30
    recorder.closed("story")
    with pytest.raises(ValueError):
        recorder.opened("story", "Dear diary, my name is Li")  # not a content id: refused, never written
    with pytest.raises(ValueError):
        recorder.zoomed("a visitor's remark")
    recorder.visit_ended("idle")
    events.close()
    written = rows(tmp_path / "a.db")
    assert [row[:4] for row in written] == [
        ("visit_start", "zh", "home", None),
        ("story_open", "soviet-army-1945", "tap", None),
        ("story_close", "soviet-army-1945", None, 30_000),
        ("visit_end", "home", "idle", 34_000),
    ]
    assert len({row[4] for row in written}) == 1 and len(written[0][4]) == 16
    assert {row[5] for row in written} == {"hall-1"}


def test_the_next_visit_gets_a_new_random_id(tmp_path):
    events = EventLog(tmp_path / "a.db", "hall-1")
    recorder = Recorder(events)
    visits = set()
    for _ in range(50):
        recorder.touched()
        visits.add(recorder.visit)
        recorder.visit_ended("idle")
    events.close()
    assert len(visits) == 50


def test_old_rows_go_after_the_retention_and_the_oldest_go_when_the_file_is_too_big(tmp_path):
    connection = open_database(tmp_path / "a.db")
    now = 1_700_000_000.0
    day = 86400
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO events VALUES (?, 'v', 'zoom', 'pinch', NULL, NULL, 'hall-1')",
                           [(now - age * day,) for age in (500, 401, 399, 10, 0)])
    connection.execute("COMMIT")
    trimmed = enforce_limits(connection, retention_days=400, max_bytes=200 * 2**20, now=now)
    assert trimmed.old_rows == 2
    assert [round((now - t) / day) for (t,) in connection.execute("SELECT time FROM events ORDER BY time")] == [399, 10, 0]

    connection.execute("BEGIN")
    connection.executemany("INSERT INTO events VALUES (?, ?, 'story_open', 'soviet-army-1945', 'tap', NULL, 'hall-1')",
                           [(now - 300 * day + index, f"{index:016x}") for index in range(20_000)])
    connection.execute("COMMIT")
    assert used_bytes(connection) > 600_000
    trimmed = enforce_limits(connection, retention_days=400, max_bytes=600_000, now=now)
    assert trimmed.size_rows > 0 and used_bytes(connection) <= 600_000
    newest = connection.execute("SELECT COUNT(*) FROM events WHERE time >= ?", (now - 10 * day,)).fetchone()[0]
    assert newest == 2, "the newest rows are kept"
    connection.close()


def test_a_garbage_file_is_moved_aside_and_a_new_file_started(tmp_path, caplog):
    path = tmp_path / "analytics.db"
    path.write_bytes(b"this is not a database, it is what a broken disk left behind" * 50)
    events = EventLog(path, "hall-1")
    Recorder(events).touched()
    with caplog.at_level(logging.ERROR, logger="kiosk.analytics"):
        assert events.flush()
    events.close()
    aside = list(tmp_path.glob("analytics.db.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    assert [row[0] for row in rows(path)] == ["visit_start"]
    assert "moved it to" in caplog.text and str(aside[0]) in caplog.text


def test_a_full_disk_is_logged_events_are_dropped_and_writing_resumes(tmp_path, caplog, monkeypatch):
    opened: list[sqlite3.Connection] = []

    def full_disk(path):
        connection = open_database(path)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")  # not one page more: "database or disk is full"
        opened.append(connection)
        return connection

    monkeypatch.setattr(writer_module, "open_database", full_disk)
    monkeypatch.setattr(writer_module, "RETRY_SECONDS", 0.2)
    events = EventLog(tmp_path / "analytics.db", "hall-1")
    recorder = Recorder(events)
    with caplog.at_level(logging.ERROR, logger="kiosk.analytics"):
        for _ in range(300):
            recorder.touched()
            recorder.visit_ended("idle")
        assert events.flush()
    assert "the disk is full" in caplog.text
    assert events.dropped == 600 and events.written == 0
    opened[0].execute("PRAGMA max_page_count = 1000000")  # the museum's IT made room
    time.sleep(0.25)
    recorder.touched()
    assert events.flush()
    events.close()
    assert events.written == 1
    assert [row[0] for row in rows(tmp_path / "analytics.db")] == ["visit_start"]


def test_a_folder_that_cannot_be_written_is_logged_and_nothing_raises(tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    events = EventLog(blocker / "analytics.db", "hall-1")
    with caplog.at_level(logging.ERROR, logger="kiosk.analytics"):
        Recorder(events).touched()
        assert events.flush()
    events.close()
    assert events.dropped == 1 and "cannot write to" in caplog.text


KILLED_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from kiosk.analytics.writer import EventLog

    log = EventLog(Path(sys.argv[1]), "hall-1", flush_seconds=0.05,
                   on_commit=lambda written: print(f"committed {written}", flush=True))
    index = 0
    while True:
        log.write(time.time(), "0123456789abcdef", "zoom", "pinch", None, index)
        index += 1
        time.sleep(0.0002)
""")


def test_a_kiosk_killed_while_writing_leaves_a_sound_file_missing_at_most_the_last_batch(tmp_path):
    path = tmp_path / "analytics.db"
    process = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                               env=dict(os.environ, PYTHONPATH=str(ROOT)))
    committed = 0
    try:
        while committed < 2000:
            line = process.stdout.readline()
            assert line, "the writer stopped on its own"
            committed = int(line.split()[1])
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        values = [value for (value,) in connection.execute("SELECT value FROM events ORDER BY value")]
    assert len(values) >= committed, "every committed batch is there"
    assert values == list(range(len(values))), "only the tail is missing: the batch being written when the kiosk died"


def test_the_summary_of_a_month_adds_up(tmp_path, ids):
    path = tmp_path / "month.db"
    visits = generate_month(path, *ids, last_day=LAST_DAY)
    with closing(open_for_reading(path)) as connection:
        summary = summarize(connection)
        recent = summarize(connection, since=LAST_DAY - datetime.timedelta(days=6))
    assert summary.visits == visits > 500
    assert sum(count for _day, count in summary.per_day) == sum(summary.per_hour) == summary.visits
    assert sum(summary.length_bins) == summary.visits and len(summary.length_bins) == len(LENGTH_BINS)
    assert summary.first_day == LAST_DAY - datetime.timedelta(days=29) and summary.last_day == LAST_DAY
    assert all(count == 0 for day, count in summary.per_day if day.weekday() == 0), "closed on Mondays"
    assert sum(count for _language, count in summary.languages) == summary.visits
    assert 0 < summary.switched_visits < summary.visits
    assert sum(count for _place, count in summary.endings) == summary.visits
    stories = summary.top["story"]
    assert [f.opens for f in stories] == sorted((f.opens for f in stories), reverse=True)
    assert summary.top_by_dwell("story")[0].dwell_s == max(f.dwell_s for f in stories)
    assert sum(summary.attract_per_hour) > 0 and summary.countdowns[1] == summary.visits
    assert recent.visits < summary.visits and recent.first_day >= LAST_DAY - datetime.timedelta(days=6)


def test_curators_read_the_summary_and_take_the_tables_to_a_spreadsheet(tmp_path, ids, capsys):
    path = tmp_path / "month.db"
    visits = generate_month(path, *ids, last_day=LAST_DAY)
    assert analytics_main(["--db", str(path), "--csv", str(tmp_path / "csv")]) == 0
    text = capsys.readouterr().out
    assert f"Visits            {visits:,} from 2026-10-29 to 2026-11-27" in text
    for heading in ("Visits by hour of day", "Visit length      median", "Language          Chinese", "Switched language",
                    "Top stories", "Top culture panels", "Where visits end", "Attract loop      interrupted"):
        assert heading in text
    content = load_content(CONTENT_DIR).content
    with closing(open_for_reading(path)) as connection:
        top_panel = summarize(connection).top["panel"][0].item
    assert content.panel(top_panel).title.en in text, "names, not only ids"
    tables = {p.name for p in (tmp_path / "csv").iterdir()}
    assert {"events.csv", "visits.csv", "visits_per_day.csv", "visits_per_hour.csv", "visit_length.csv", "languages.csv",
            "top_stories.csv", "top_panels.csv", "top_charts.csv", "visit_endings.csv", "attract_interrupted_per_hour.csv"} <= tables
    visit_rows = (tmp_path / "csv" / "visits.csv").read_text(encoding="utf-8-sig").splitlines()
    assert visit_rows[0].startswith("visit,kiosk,started") and len(visit_rows) == visits + 1
    assert analytics_main(["--db", str(tmp_path / "missing.db")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_merged_kiosks_keep_their_names_and_distinct_visits(tmp_path, ids, capsys):
    north, south = tmp_path / "north.db", tmp_path / "south.db"
    generate_month(north, *ids, last_day=LAST_DAY, kiosk="hall-1-north", seed=1)
    generate_month(south, *ids, last_day=LAST_DAY, kiosk="hall-2-south", seed=2)
    with closing(sqlite3.connect(north)) as a, closing(sqlite3.connect(south)) as b:  # the same visit id by chance on both kiosks
        shared = a.execute("SELECT visit FROM events LIMIT 1").fetchone()[0]
        clashing = b.execute("SELECT visit FROM events LIMIT 1").fetchone()[0]
        b.execute("UPDATE events SET visit = ? WHERE visit = ?", (shared, clashing))
        b.commit()
    out = tmp_path / "museum.db"
    assert analytics_main(["merge", str(out), str(north), str(south)]) == 0
    assert "1 visit ids already used by another kiosk were given new ids" in capsys.readouterr().out
    merge(out, [north, south])  # a second time adds nothing
    with closing(open_for_reading(out)) as merged, closing(open_for_reading(north)) as a, closing(open_for_reading(south)) as b:
        total = summarize(merged)
        assert total.visits == summarize(a).visits + summarize(b).visits
        assert dict(total.kiosks) == {"hall-1-north": summarize(a).visits, "hall-2-south": summarize(b).visits}
        assert merged.execute("SELECT COUNT(*) FROM events").fetchone()[0] == sum(
            c.execute("SELECT COUNT(*) FROM events").fetchone()[0] for c in (a, b))
        owners = merged.execute("SELECT COUNT(DISTINCT kiosk) FROM events WHERE visit = ?", (shared,)).fetchone()[0]
    assert owners == 1


def test_analytics_settings_are_checked_and_a_wrong_value_names_its_line(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('idle_seconds = 90\nanalytics = "yes"\nanalytics_max_mb = 0\nkiosk_name = "Hall 2 (north)"\nanalytics_retention_days = 30\n',
                    encoding="utf-8")
    settings, messages = load_settings(path)
    assert settings.analytics is True and settings.analytics_max_mb == 200 and settings.kiosk_name == ""
    assert settings.analytics_retention_days == 30
    assert any("analytics" in m and "line 2" in m and "true or false" in m for m in messages)
    assert any("analytics_max_mb" in m and "line 3" in m and "1 to 100000 MB" in m for m in messages)
    assert any("kiosk_name" in m and "line 4" in m and "hall-2-north" in m for m in messages)


def test_a_kiosk_nobody_touched_records_nothing_when_its_countdown_runs_out(tmp_path):
    events = EventLog(tmp_path / "a.db", "hall-1")
    recorder = Recorder(events)
    recorder.countdown("expired")  # the kiosk was switched on; nobody came
    recorder.visit_ended("idle")
    events.close()
    assert events.written == 0 and not (tmp_path / "a.db").exists(), "no row, so not even a file"


def test_the_command_finds_the_file_the_settings_name(tmp_path, ids, capsys):
    from kiosk.cli import main

    database = tmp_path / "hall.db"
    assert generate_month(database, *ids, last_day=LAST_DAY, days=7) > 0
    settings = tmp_path / "kiosk.toml"
    settings.write_text(f"analytics_db = '{database}'\n", encoding="utf-8")
    assert main(["--config", str(settings), "analytics", "--since", "2026-11-21"]) == 0
    text = capsys.readouterr().out
    assert f"Visitor analytics from {database}, since 2026-11-21" in text and "from 2026-11-21 to 2026-11-27" in text
    with pytest.raises(SystemExit):
        main(["analytics", "--since", "yesterday"])
    assert "is not a date written as YYYY-MM-DD" in capsys.readouterr().err


def test_the_outbox_carries_the_days_analytics_tables_to_the_curators(tmp_path, ids):
    from kiosk.analytics.summary import daily_export

    path = tmp_path / "month.db"
    generate_month(path, *ids, last_day=LAST_DAY)
    export = daily_export(path)
    export(tmp_path / "outbox" / "hall-1", LAST_DAY)
    tables = {p.name for p in (tmp_path / "outbox" / "hall-1" / f"analytics-{LAST_DAY.isoformat()}").iterdir()}
    assert {"visits_per_day.csv", "top_stories.csv", "visit_endings.csv"} <= tables
    daily_export(tmp_path / "no-visitor-yet.db")(tmp_path / "empty", LAST_DAY)
    assert not (tmp_path / "empty").exists(), "no file, no export"
