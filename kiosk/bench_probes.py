"""What runs inside a benchmark's fresh process. Imports are local: they are part of the cost.

Every probe starts the kiosk as a museum runs it (`create_app`: full screen, kiosk mode,
lockdown, the input router, the start-up content report) and drives it the way visitors
do: touches and clicks through the router, never by calling widgets' methods.
"""

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


def _kiosk(content: Path, settings=None):
    """The kiosk as deployed, painted once."""
    from kiosk.config import Settings
    from kiosk.qt.app import create_app

    kiosk = create_app(settings or Settings(), content)
    _until_painted(kiosk)
    return kiosk


def _close_card(kiosk) -> None:
    """Close the open card and let its closing motion end: the layer covers the screen while it plays."""
    from kiosk.qt.widgets.card_motion import MOTION_MS, motion_layer

    kiosk.session.close_card()
    layer = motion_layer(kiosk.window.stage)
    layer.animation.setCurrentTime(MOTION_MS)
    kiosk.app.processEvents()


def _screen(kiosk) -> dict:
    """Which Qt platform drew the figures, on a screen of how many device pixels, at what scale."""
    screen = kiosk.window.screen()
    ratio = screen.devicePixelRatio()
    size = screen.size()
    return {"platform": kiosk.app.platformName(), "screen_px": [round(size.width() * ratio), round(size.height() * ratio)], "scale": ratio}


def cold_start(content: Path) -> dict:
    from kiosk.qt.app import create_app

    kiosk = create_app(content_dir=content)
    return {"painted_at": _until_painted(kiosk), "peak_rss_mb": _peak_rss_mb()}


def language_switch(content: Path) -> dict:
    kiosk = _kiosk(content)
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
    return {"language_switch_ms": statistics.median(timings), "peak_rss_mb": _peak_rss_mb(), **_screen(kiosk)}


PROBES: dict[str, Callable[[Path], dict]] = {
    "cold-start": cold_start,
    "language-switch": language_switch,
}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class _Fingers:
    """Touches sent through the application, as a touchscreen's driver sends them."""

    def __init__(self, window) -> None:
        from PySide6.QtTest import QTest

        self.window = window
        self.device = QTest.createTouchDevice()
        self.then_process = True  # False while timing frames: the probe waits for the one paint itself

    def _send(self, widget, moves) -> None:
        from PySide6.QtTest import QTest

        sequence = QTest.touchEvent(widget, self.device)
        for action, finger, point in moves:
            getattr(sequence, action)(finger, point, widget)
        sequence.commit(self.then_process)  # delivered at once; processing the queue would paint a frame too

    def press(self, widget, *points) -> None:
        self._send(widget, [("press", i, p) for i, p in enumerate(points)])

    def move(self, widget, *points) -> None:
        self._send(widget, [("move", i, p) for i, p in enumerate(points)])

    def release(self, widget, *points) -> None:
        self._send(widget, [("release", i, p) for i, p in enumerate(points)])

    def drag(self, widget, start, end, steps: int = 6) -> None:
        self.press(widget, start)
        for step in range(1, steps + 1):
            self.move(widget, start + (end - start) * step / steps)
        self.release(widget, end)

    def pinch(self, widget, centre, spread_from: int, spread_to: int, steps: int = 6) -> None:
        from PySide6.QtCore import QPoint

        def fingers(spread: int):
            return centre - QPoint(spread, 0), centre + QPoint(spread, 0)

        self.press(widget, *fingers(spread_from))
        for step in range(1, steps + 1):
            self.move(widget, *fingers(spread_from + (spread_to - spread_from) * step // steps))
        self.release(widget, *fingers(spread_to))

    def tap(self, widget, point) -> None:
        self.press(widget, point)
        self.release(widget, point)


def timeline_frames(content: Path, frames: int = 300) -> dict:
    """Frame times while a finger pans and two fingers zoom the timeline, and the time from a tap to a painted card."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    kiosk = _kiosk(content)
    timeline = kiosk.window.home.timeline
    viewport = timeline.viewport
    viewport.show(1930, 1960)
    timeline.repaint()
    fingers = _Fingers(kiosk.window)
    fingers.then_process = False
    y = timeline.height() // 2
    painted = _PaintCounter(timeline)

    def frame(send) -> float:
        """From a touch until the timeline is painted once with its effect."""
        painted.count = 0
        started = time.perf_counter()
        send()
        while not painted.count:
            kiosk.app.processEvents()
        return (time.perf_counter() - started) * 1000

    x, direction = 960, -1
    fingers.press(timeline, QPoint(x, y))
    pan = []
    for _ in range(frames):
        if viewport.end > viewport.upper or viewport.start < viewport.lower or not 100 < x < timeline.width() - 100:
            direction = -direction
            fingers.release(timeline, QPoint(x, y))
            x = timeline.width() // 2
            fingers.press(timeline, QPoint(x, y))
        x += 24 * direction
        point = QPoint(x, y)
        pan.append(frame(lambda p=point: fingers.move(timeline, p)))
    fingers.release(timeline, QPoint(x, y))
    kiosk.router.gestures.stop()

    centre, spread = QPoint(timeline.width() // 2, y), 100.0
    fingers.press(timeline, centre - QPoint(round(spread), 0), centre + QPoint(round(spread), 0))
    zoom = []
    for index in range(frames):
        spread *= 1.03 if (index // 50) % 2 == 0 else 1 / 1.03
        apart = QPoint(round(spread), 0)
        zoom.append(frame(lambda a=apart: fingers.move(timeline, centre - a, centre + a)))
    fingers.release(timeline, centre - QPoint(round(spread), 0), centre + QPoint(round(spread), 0))
    painted.stop()
    kiosk.app.processEvents()

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
            _close_card(kiosk)
    return {
        "pan_frame_p95_ms": _percentile(pan, 0.95),
        "pan_frame_median_ms": statistics.median(pan),
        "zoom_frame_p95_ms": _percentile(zoom, 0.95),
        "tap_to_card_ms": statistics.median(taps) if taps else float("nan"),
        "events": len(kiosk.window.content.events),
        **_screen(kiosk),
    }


def tap_to_card_cold(content: Path) -> dict:
    """The first tap that opens each story, its picture not drawn before (no cache), until its card is painted.

    Stories of the same day stand in one stack: a tap on the stack opens the first, a tap
    on Next each of the others, as a visitor reads them.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPixmapCache
    from PySide6.QtTest import QTest

    kiosk = _kiosk(content)
    window, timeline, card = kiosk.window, kiosk.window.home.timeline, kiosk.window.event_card
    events = window.content.events
    taps: list[float] = []

    def timed_tap(widget, point) -> None:
        QPixmapCache.clear()
        started = time.perf_counter()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
        window.repaint()
        taps.append((time.perf_counter() - started) * 1000)

    index = 0
    while index < len(events):
        event = events[index]
        span = 1 / 12  # a month: stories stand apart unless they share their days
        lead = (0.2 + 0.15 * (index % 5)) * span  # a different spot each time: never a double tap
        timeline.viewport.show(event.date.start - lead, event.date.start - lead + span)
        timeline.repaint()
        rect, group = next((rect, group) for rect, group in timeline._hits if group.first <= index < group.first + group.count)
        timed_tap(timeline, rect.center().toPoint())
        for _other in range(1, group.count):
            timed_tap(card.next_button, card.next_button.rect().center())
        if card.event is not events[group.first + group.count - 1]:
            raise RuntimeError(f"the tap on {event.id} did not lead through its stack")
        _close_card(kiosk)
        index = group.first + group.count
    return {"tap_to_card_cold_ms": statistics.median(taps), "stories": len(taps)}


def card_open(content: Path, opens: int = 12) -> dict:
    """Frame times of cards' opening motion: from each step of the motion until it is painted.

    Stories are opened by taps on the timeline. The first frame shows the screen dimmed; then
    the card's face is drawn and the motion begins (`tap_to_card_rising_ms`: from the tap until
    then). The probe then steps the motion frame by frame as its timer would. The hand-over to
    the real card, which looks the same as the motion's last frame, is reported apart
    (`card_handover_ms`).
    """
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kiosk.qt.widgets.card_motion import MOTION_MS, motion_layer

    kiosk = _kiosk(content)
    window, timeline = kiosk.window, kiosk.window.home.timeline
    events = window.content.events
    layer = motion_layer(window.stage)
    frames: list[float] = []
    handovers: list[float] = []
    rising: list[float] = []

    def timed(widget, at: int) -> float:
        painted = _PaintCounter(widget)
        started = time.perf_counter()
        layer.animation.setCurrentTime(at)
        while not painted.count:
            kiosk.app.processEvents()
        painted.stop()
        return (time.perf_counter() - started) * 1000

    for index in range(0, len(events), max(len(events) // opens, 1)):
        start = events[index].date.start
        timeline.viewport.show(start - 1 / 48, start + 1 / 24)
        timeline.repaint()
        spot = next((rect.center().toPoint() for rect, group in timeline._hits if group.first <= index < group.first + group.count), None)
        if spot is None:
            continue
        started = time.perf_counter()
        QTest.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=spot)
        window.repaint()
        while not layer.rising:  # the dimmed screen is shown; the card's face is drawn, then it rises
            kiosk.app.processEvents()
        rising.append((time.perf_counter() - started) * 1000)
        layer.animation.pause()
        frames.extend(timed(layer, at) for at in range(16, MOTION_MS, 16))
        handovers.append(timed(window.event_card, MOTION_MS))
        _close_card(kiosk)
        QTest.qWait(400)  # the next tap is no double tap
    return {"card_open_frame_p95_ms": _percentile(frames, 0.95), "card_open_frame_median_ms": statistics.median(frames),
            "card_handover_ms": statistics.median(handovers), "tap_to_card_rising_ms": statistics.median(rising),
            "frames": len(frames), **_screen(kiosk)}


def peak_rss_full(content: Path) -> dict:
    """Peak memory once a visitor has seen every screen, story, panel and chart, in both languages.

    Each card is looked at as a visitor would: until its picture has arrived and been painted.
    """
    from kiosk.qt.images import ImageLoader

    kiosk = _kiosk(content)
    session, window, app = kiosk.session, kiosk.window, kiosk.app
    loader = ImageLoader.shared()

    def look() -> None:
        deadline = time.monotonic() + 5
        app.processEvents()
        while loader.busy and time.monotonic() < deadline:
            loader.wait(20)
            app.processEvents()
        window.repaint()

    for language in ("zh", "en"):
        session.set_language(language)
        for event in window.content.events:
            session.open_story(event.id)
            look()
        for panel in window.content.panels:
            session.open_panel(panel.id)
            look()
        session.show_screen("numbers")
        for card in window.numbers.cards:
            window.numbers.scroll.ensureWidgetVisible(card)
            session.select_chart(card.series.id, 0)
            look()
        session.show_screen("home")
        look()
    return {"peak_rss_full_mb": _peak_rss_mb()}


def validate_folder(content: Path) -> dict:
    """Validate a folder as `hegang-kiosk validate` does, in a fresh process (schema compiled cold)."""
    from kiosk.model import load_content

    started = time.perf_counter()
    result = load_content(content)
    elapsed = (time.perf_counter() - started) * 1000
    return {"validate_ms": elapsed, "events": len(result.content.events), "problems": len(result.problems)}


PROBES["timeline-frames"] = timeline_frames
PROBES["tap-cold"] = tap_to_card_cold
PROBES["rss-full"] = peak_rss_full
PROBES["card-open"] = card_open
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
    """A long day of visitors in fast forward (the idle timers never fire on their own), with its
    analytics written as on the floor, into a scratch file."""
    import tempfile

    from kiosk.config import Settings

    with tempfile.TemporaryDirectory(prefix="hegang-soak-analytics-") as scratch:
        settings = Settings(idle_seconds=3600, attract_seconds=3600, analytics_db=str(Path(scratch) / "analytics.db"))
        kiosk = _kiosk(content, settings)
        return run_soak(kiosk, actions) | _analytics_figures(kiosk, actions, Path(scratch))


def run_soak(kiosk, actions: int) -> dict:
    """Every kind of visitor action, again and again, by touch and click through the input router."""
    import random
    import sys

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    window, mode, session = kiosk.window, kiosk.mode, kiosk.session
    timeline, gallery = window.home.timeline, window.home.gallery
    fingers = _Fingers(window)
    rng = random.Random(1945)
    errors: list[BaseException] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, value, trace: errors.append(value)

    def click(widget, point=None) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point or widget.rect().center())

    def middle(widget) -> QPoint:
        return QPoint(rng.randint(widget.width() // 5, widget.width() * 4 // 5), widget.height() // 2)

    def drag() -> None:
        start = middle(timeline)
        fingers.drag(timeline, start, start + QPoint(rng.choice((-240, 240)), 0))
        kiosk.router.gestures.stop()

    def pinch() -> None:
        fingers.pinch(timeline, middle(timeline), 80, rng.choice((40, 160)))

    def open_story() -> None:
        singles = [rect for rect, group in timeline._hits if group.count == 1]
        if not singles:  # every story gathered in stacks: a tap on one zooms in
            singles = [rect for rect, _group in timeline._hits]
        fingers.tap(timeline, rng.choice(singles).center().toPoint())
        timeline.repaint()

    def swipe(card, direction: int) -> None:
        if card.isVisible():
            centre = card.card.geometry().center()
            fingers.drag(card, centre + QPoint(200 * direction, 0), centre - QPoint(200 * direction, 0))
            kiosk.router.gestures.stop()

    def close_card() -> None:
        for card in (window.event_card, window.panel_card):
            if card.isVisible():
                fingers.tap(card, QPoint(8, card.height() - 8))  # outside the card

    def open_panel() -> None:
        viewport = gallery.viewport()
        spots = [card.mapTo(viewport, QPoint(80, 60)) for card in gallery.cards]
        fingers.tap(viewport, rng.choice([spot for spot in spots if viewport.rect().contains(spot)]))  # a card in view

    def numbers() -> None:
        click(window.header.nav_buttons["numbers"])
        screen = window.numbers
        fingers.drag(screen.scroll.viewport(), QPoint(400, 500), QPoint(400, 200))
        kiosk.router.gestures.stop()
        card = rng.choice(screen.cards)
        screen.scroll.ensureWidgetVisible(card)
        click(card, QPoint(card.width() // 2, card.height() // 2))
        window.repaint()
        click(window.header.nav_buttons["home"])

    def attract() -> None:
        mode.idle.start_attract_now()
        mode.tour.step()
        fingers.tap(timeline, middle(timeline))  # the first touch only ends the attract loop
        if mode.attract.isVisible():
            raise RuntimeError("a touch did not end the attract loop")

    script = [
        drag,
        pinch,
        open_story,
        lambda: swipe(window.event_card, 1),
        lambda: swipe(window.event_card, -1),
        close_card,
        open_panel,
        lambda: swipe(window.panel_card, 1),
        close_card,
        lambda: click(window.header.language_buttons["en" if session.language == "zh" else "zh"]),
        numbers,
        lambda: click(window.header.text_size),
        lambda: session.new_visit("idle"),  # what the countdown does when nobody answers
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


def _analytics_figures(kiosk, actions: int, scratch: Path) -> dict:
    """The soak's analytics file per 1,000 actions, and the GUI thread's cost of logging one event.

    The cost is timed after the soak on a recorder of its own, with its writer thread committing
    every second as on the floor: each report of a visit (touch, language, open, swipe, close,
    chart, end) is timed on its own, from the call until the row is on the writer's queue."""
    from kiosk.analytics.recorder import Recorder
    from kiosk.analytics.writer import EventLog

    stories = [event.id for event in kiosk.window.content.events]
    charts = [series.id for series in kiosk.window.content.series]
    kiosk.analytics.flush(timeout=30)
    rows = kiosk.analytics.events.written
    kiosk.analytics.events.close()
    size_kb = sum(part.stat().st_size for part in scratch.glob("analytics.db*")) / 1024
    timed = EventLog(scratch / "timed.db", "bench")
    recorder = Recorder(timed)
    calls = [
        recorder.touched,
        lambda: recorder.language_switched("en"),
        lambda: recorder.opened("story", stories[0]),
        lambda: recorder.swiped("story", stories[1], "next"),
        lambda: recorder.closed("story"),
        lambda: recorder.screen_entered("numbers"),
        lambda: recorder.opened("chart", charts[0] if charts else stories[2]),
        lambda: recorder.visit_ended("idle"),
    ]
    timings = []
    for index in range(16_000):
        started = time.perf_counter_ns()
        calls[index % len(calls)]()
        timings.append((time.perf_counter_ns() - started) / 1000)
    timed.close()
    return {
        "analytics_event_us": statistics.median(timings),
        "analytics_event_p99_us": _percentile(timings, 0.99),
        "analytics_db_kb_per_1k_actions": size_kb * 1000 / max(actions, 1),
        "analytics_rows": rows,
        "analytics_dropped": kiosk.analytics.events.dropped,
    }


def _cpu_percent(kiosk, seconds: float) -> float:
    """CPU of this process over `seconds` of the kiosk's own event loop, as a share of one core."""
    import psutil
    from PySide6.QtCore import QTimer

    process = psutil.Process()
    before, started = process.cpu_times(), time.monotonic()
    QTimer.singleShot(int(seconds * 1000), lambda: kiosk.app.exit(0))  # quit() would ask the locked window to close
    kiosk.app.exec()
    after, elapsed = process.cpu_times(), time.monotonic() - started
    return 100 * ((after.user - before.user) + (after.system - before.system)) / elapsed


def _settled_kiosk(content: Path, settings):
    from PySide6.QtCore import QTimer

    kiosk = _kiosk(content, settings)
    QTimer.singleShot(3000, lambda: kiosk.app.exit(0))  # let the gallery pictures arrive first
    kiosk.app.exec()
    return kiosk


def idle_cpu(content: Path, seconds: float = 10.0) -> dict:
    """CPU use of one core while nobody touches the screen and the attract loop is off."""
    from kiosk.config import Settings

    kiosk = _settled_kiosk(content, Settings(attract=False))
    return {"idle_cpu_percent": _cpu_percent(kiosk, seconds)}


def attract_cpu(content: Path, seconds: float = 10.0) -> dict:
    """CPU use of one core while the attract loop glides through the eras, as an unattended kiosk spends its day."""
    from kiosk.config import Settings

    kiosk = _settled_kiosk(content, Settings())
    kiosk.mode.idle.start_attract_now()
    return {"attract_cpu_percent": _cpu_percent(kiosk, seconds)}


PROBES["idle-cpu"] = idle_cpu
PROBES["attract-cpu"] = attract_cpu
