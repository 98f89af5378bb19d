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
