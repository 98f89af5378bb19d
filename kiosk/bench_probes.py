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


def _until_painted(kiosk) -> float:
    """Process events until the timeline has painted once; return the monotonic time then."""
    from PySide6.QtCore import QEvent, QObject

    painted: list[float] = []

    class Watch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(0.0)
            return False

    watch = Watch()
    kiosk.window.home.timeline.installEventFilter(watch)
    deadline = time.monotonic() + 30
    while not painted and time.monotonic() < deadline:
        kiosk.app.processEvents()
    kiosk.app.processEvents()  # let the paint finish and reach the backing store
    kiosk.window.home.timeline.removeEventFilter(watch)
    return time.monotonic()


def cold_start(content: Path) -> dict:
    from kiosk.qt.app import build

    kiosk = build(content, size=(1920, 1080))
    return {"painted_at": _until_painted(kiosk), "peak_rss_mb": _peak_rss_mb()}


def language_switch(content: Path) -> dict:
    from kiosk.qt.app import build

    kiosk = build(content, size=(1920, 1080))
    _until_painted(kiosk)
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        kiosk.language.toggle()
        kiosk.app.processEvents()  # layout changes after new text are posted events
        kiosk.window.repaint()
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

    from kiosk.qt.app import build

    kiosk = build(content, size=(1920, 1080))
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
            kiosk.window.event_card.close_overlay()
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
