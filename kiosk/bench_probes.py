"""What runs inside a benchmark's fresh process. Imports are local: they are part of the cost."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path


def _peak_rss_mb() -> float:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except ImportError:  # Windows
        import psutil

        return psutil.Process().memory_info().peak_wset / 2**20


class _PaintCounter:
    """Counts paint events of one widget (the timeline: it changes with every action measured)."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Watch(QObject):
            def eventFilter(self, watched, event):  # noqa: N802
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self.count = 0
        self._widget = widget
        self._watch = Watch()
        widget.installEventFilter(self._watch)

    def stop(self) -> None:
        self._widget.removeEventFilter(self._watch)


def _until_painted(kiosk) -> float:
    """Process events until the timeline has painted once; return the monotonic time then."""
    painted = _PaintCounter(kiosk.window.home.timeline)
    deadline = time.monotonic() + 30
    while not painted.count and time.monotonic() < deadline:
        kiosk.app.processEvents()
    kiosk.app.processEvents()  # let the paint finish and reach the backing store
    painted.stop()  # the figures after this one must not pay for the watch
    return time.monotonic()


def cold_start(content: Path) -> dict:
    from kiosk.qt.app import create_app

    kiosk = create_app(content_dir=content, size=(1920, 1080))
    return {"painted_at": _until_painted(kiosk), "peak_rss_mb": _peak_rss_mb()}


def language_switch(content: Path) -> dict:
    from kiosk.qt.app import create_app

    kiosk = create_app(content_dir=content, size=(1920, 1080))
    _until_painted(kiosk)
    painted = _PaintCounter(kiosk.window.home.timeline)
    timings = []
    for _ in range(20):
        painted.count = 0
        started = time.perf_counter()
        kiosk.session.toggle_language()
        while not painted.count:  # new texts post layout requests, then the repaint; until the timeline is redrawn
            kiosk.app.processEvents()
        kiosk.app.processEvents()  # anything the relayout posted late
        timings.append((time.perf_counter() - started) * 1000)
    return {"language_switch_ms": statistics.median(timings), "peak_rss_mb": _peak_rss_mb()}


PROBES: dict[str, Callable[[Path], dict]] = {
    "cold-start": cold_start,
    "language-switch": language_switch,
}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timeline_frames(content: Path, frames: int = 300) -> dict:
    """Frame times while panning and zooming, and the time from a tap to a painted card."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kiosk.qt.app import create_app

    kiosk = create_app(content_dir=content, size=(1920, 1080))
    _until_painted(kiosk)
    timeline = kiosk.window.home.timeline
    viewport = timeline.viewport
    viewport.show(1930, 1960)
    timeline.repaint()

    def frame(action) -> float:
        started = time.perf_counter()
        action()
        timeline.repaint()
        return (time.perf_counter() - started) * 1000

    direction = -1
    pan = []
    for _ in range(frames):
        if viewport.end > viewport.upper or viewport.start < viewport.lower:
            direction = -direction
        pan.append(frame(lambda d=direction: timeline.pan_by(24 * d)))
    zoom = []
    for index in range(frames):
        factor = 1.03 if (index // 50) % 2 == 0 else 1 / 1.03
        zoom.append(frame(lambda f=factor: timeline.zoom_about(f, timeline.width() / 2)))

    taps: list[float] = []
    views = [(viewport.lower, viewport.upper)] + [(1945.6 - span / 2, 1945.6 + span / 2) for span in (4.0, 1.0, 0.25, 1 / 12)]
    for start, end in views:  # the whole span, then closer in, as a visitor zooms until stories stand apart
        viewport.show(start, end)
        timeline.repaint()
        for rect in [r for r, g in reversed(timeline._hits) if g.count == 1][: 15 - len(taps)]:
            QTest.qWait(400)  # apart enough not to count as a double tap; not timed
            started = time.perf_counter()
            QTest.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
            kiosk.window.repaint()
            taps.append((time.perf_counter() - started) * 1000)
            if not kiosk.window.event_card.isVisible():
                raise RuntimeError("a tap on an event did not open its card")
            kiosk.session.close_card()
    return {
        "pan_frame_p95_ms": _percentile(pan, 0.95),
        "pan_frame_median_ms": statistics.median(pan),
        "zoom_frame_p95_ms": _percentile(zoom, 0.95),
        "tap_to_card_ms": statistics.median(taps) if taps else float("nan"),
        "events": len(kiosk.window.content.events),
    }


def validate_folder(content: Path) -> dict:
    """Validate a folder as `hegang-kiosk validate` does, in a fresh process (schema compiled cold)."""
    from kiosk.model import load_content

    started = time.perf_counter()
    result = load_content(content)
    elapsed = (time.perf_counter() - started) * 1000
    return {"validate_ms": elapsed, "events": len(result.content.events), "problems": len(result.problems)}


PROBES["timeline-frames"] = timeline_frames
PROBES["validate"] = validate_folder


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _settle(app) -> None:
    """Run deferred deletions and collect garbage, so memory is measured at rest."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def soak(content: Path, actions: int) -> dict:
    """A long day of visitors in fast forward: every kind of action, again and again."""
    import random
    import sys

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from kiosk.config import Settings
    from kiosk.qt.app import create_app

    kiosk = create_app(Settings(idle_seconds=3600, attract_seconds=3600), content, size=(1920, 1080))
    _until_painted(kiosk)
    window, mode = kiosk.window, kiosk.mode
    timeline = window.home.timeline
    events = [event.id for event in window.content.events]
    panels = [panel.id for panel in window.content.panels]
    rng = random.Random(1945)
    errors: list[BaseException] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, value, trace: errors.append(value)

    def drag() -> None:
        y = timeline.height() // 2
        start = rng.randint(300, 1500)
        QTest.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(start, y))
        for step in range(1, 6):
            QTest.mouseMove(timeline, QPoint(start + step * rng.choice((-40, 40)), y))
        QTest.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(start, y))
        kiosk.router.gestures.stop()

    def numbers() -> None:
        kiosk.session.show_screen("numbers")
        window.repaint()
        kiosk.session.show_screen("home")

    def attract() -> None:
        mode.idle.start_attract_now()
        mode.tour.step()
        mode.idle._end_attract()

    script = [
        drag,
        lambda: timeline.zoom_about(rng.choice((1.5, 1 / 1.5)), rng.randint(100, 1800)),
        lambda: kiosk.session.open_story(rng.choice(events)),
        lambda: kiosk.session.step_card(1),
        lambda: kiosk.session.step_card(-1),
        kiosk.session.close_card,
        lambda: kiosk.session.open_panel(rng.choice(panels)),
        lambda: kiosk.session.step_card(1),
        kiosk.session.close_card,
        kiosk.session.toggle_language,
        numbers,
        lambda: kiosk.session.set_large_text(not kiosk.session.session.large_text),
        lambda: kiosk.session.new_visit(),
        attract,
    ]
    warm_up = min(2000, max(actions // 5, 1))
    baseline = None
    for index in range(actions):
        try:
            script[index % len(script)]()
            window.repaint()
            kiosk.app.processEvents()
        except Exception as error:  # counted, not fatal: a soak must finish to report
            errors.append(error)
        if index + 1 == warm_up:
            _settle(kiosk.app)
            baseline = _rss_mb()
    _settle(kiosk.app)
    sys.excepthook = previous_hook
    end = _rss_mb()
    return {
        "soak_actions": actions,
        "soak_rss_growth_mb": end - (baseline if baseline is not None else end),
        "soak_exceptions": len(errors),
        "soak_rss_end_mb": end,
        "first_error": repr(errors[0]) if errors else "",
    }


def idle_cpu(content: Path, seconds: float = 10.0) -> dict:
    """CPU use of one core while nobody touches the screen and the attract loop is off."""
    import psutil
    from PySide6.QtCore import QTimer

    from kiosk.config import Settings
    from kiosk.qt.app import create_app

    kiosk = create_app(Settings(attract=False), content, size=(1920, 1080))
    _until_painted(kiosk)
    QTimer.singleShot(3000, kiosk.app.quit)  # let the gallery pictures arrive first
    kiosk.app.exec()
    process = psutil.Process()
    before, started = process.cpu_times(), time.monotonic()
    QTimer.singleShot(int(seconds * 1000), kiosk.app.quit)
    kiosk.app.exec()
    after, elapsed = process.cpu_times(), time.monotonic() - started
    used = (after.user - before.user) + (after.system - before.system)
    return {"idle_cpu_percent": 100 * used / elapsed}


PROBES["idle-cpu"] = idle_cpu
