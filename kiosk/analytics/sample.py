"""A generated month of museum visitors, for the tests, the screenshots and trying the commands.

The visits go through the real `Recorder`, so the rows are exactly the ones a kiosk writes. The
museum opens 9:00 to 17:00 and is closed on Mondays; weekends are busier; popular stories are
opened far more often than the rest (a Zipf-like spread).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from pathlib import Path

from kiosk.analytics.recorder import Recorder
from kiosk.analytics.store import COLUMNS, open_database


class _Rows:
    """A sink that keeps rows in memory for one executemany."""

    def __init__(self, kiosk: str) -> None:
        self.kiosk = kiosk
        self.rows: list[tuple] = []

    def write(self, when, visit, kind, item=None, detail=None, value=None) -> None:
        self.rows.append((when, visit, kind, item, detail, value, self.kiosk))


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def generate_month(
    path: Path,
    stories: Sequence[str],
    panels: Sequence[str],
    charts: Sequence[str],
    last_day: datetime.date,
    days: int = 30,
    kiosk: str = "hall-1",
    seed: int = 1945,
) -> int:
    """Write `days` days of visits ending on `last_day` into the database at `path`; returns the number of visits."""
    rng = random.Random(seed)
    stories, panels, charts = (rng.sample(list(items), len(items)) for items in (stories, panels, charts))  # popularity is not content order
    sink, clock = _Rows(kiosk), _Clock()
    recorder = Recorder(sink, "zh", clock)
    visits = 0
    for offset in range(days):
        day = last_day - datetime.timedelta(days=days - 1 - offset)
        if day.weekday() == 0:  # closed on Mondays
            continue
        busy = 1.6 if day.weekday() >= 5 else 1.0
        arrivals = sorted(_arrival(rng) for _ in range(round(rng.gauss(52, 10) * busy)))
        for hour in arrivals:
            start = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=hour)
            if clock.now and start.timestamp() < clock.now + 60:
                continue  # the kiosk was still busy with the previous visitor
            clock.now = start.timestamp()
            _visit(recorder, clock, rng, stories, panels, charts)
            visits += 1
    connection = open_database(path)
    try:
        connection.execute("BEGIN")
        connection.executemany(f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)", sink.rows)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return visits


def _arrival(rng: random.Random) -> float:
    """An hour of the day between 9 and 17, busiest late morning and mid-afternoon."""
    while True:
        hour = rng.choice((rng.gauss(10.8, 0.9), rng.gauss(14.8, 1.1)))
        if 9.0 <= hour < 16.9:
            return hour


def _pick(rng: random.Random, items: Sequence[str]) -> str:
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(items))]
    return rng.choices(items, weights)[0]


def _visit(recorder: Recorder, clock: _Clock, rng: random.Random, stories: Sequence[str], panels: Sequence[str],
           charts: Sequence[str]) -> None:
    def wait(low: float, typical: float) -> None:
        clock.now += max(low, rng.lognormvariate(0, 0.6) * typical)

    if rng.random() < 0.7:  # most visitors find the kiosk in its attract loop
        recorder.attract_interrupted()
    else:
        recorder.touched()
    if rng.random() < 0.28:
        wait(2, 4)
        recorder.language_switched("en")
    if rng.random() < 0.05:
        recorder.large_text(True)
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4, 6))):
        wait(3, 8)
        action = rng.random()
        if action < 0.55:
            recorder.opened("story", _pick(rng, stories))
            wait(5, 35)
            while rng.random() < 0.35:
                recorder.swiped("story", _pick(rng, stories), rng.choice(("next", "next", "prev")), rng.choice(("swipe", "button")))
                wait(4, 25)
            if rng.random() < 0.6:
                recorder.closed("story")
        elif action < 0.8:
            recorder.opened("panel", _pick(rng, panels))
            wait(5, 40)
            if rng.random() < 0.6:
                recorder.closed("panel")
        elif action < 0.92:
            recorder.screen_entered("numbers")
            for _ in range(rng.choice((0, 1, 2))):
                wait(3, 10)
                recorder.opened("chart", _pick(rng, charts))
            wait(5, 20)
            if rng.random() < 0.5:
                recorder.screen_entered("home")
        else:
            recorder.zoomed(rng.choice(("pinch", "pinch", "double_tap", "button", "era")))
        recorder.touched()
    clock.now += 90  # idle_seconds without a touch
    if rng.random() < 0.12:
        recorder.countdown("survived")
        wait(5, 20)
        recorder.touched()
        clock.now += 90
    clock.now += 10
    recorder.countdown("expired")
    recorder.visit_ended("idle")

