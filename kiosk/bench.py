"""`hegang-kiosk bench`: figures museum IT can take on their own kiosk PC.

Each figure comes from fresh processes (probes) so one measurement never warms up the
next. Every probe runs the kiosk as deployed (`kiosk.qt.app.create_app`: full screen, kiosk
mode with lockdown and the input router, the start-up content report) and drives it by touch. The last line printed is one JSON object of figures named <what>_<unit>; those
names are a public interface: add figures, never rename or drop one.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kiosk.bench_content import generate
from kiosk.paths import OFFSCREEN_PLATFORM, OFFSCREEN_PLATFORM_4K

SIZE = (1920, 1080)
SIZE_4K = (3840, 2160)  # device pixels, at 200 %: the 1920x1080 layout drawn with four times the pixels
GENERATED_EVENTS = 10_000
TIMELINE_FIGURES = (
    ("pan_frame_p95_ms", "Pan frame time, 95th percentile of 300"),
    ("pan_frame_median_ms", "Pan frame time, median of 300"),
    ("zoom_frame_p95_ms", "Zoom frame time, 95th percentile of 300"),
    ("tap_to_card_ms", "Tap on an event until its card is painted"),
)


def _env(four_k: bool = False, offscreen: bool = False) -> dict[str, str]:
    """A display if there is one (paint and flush to a real window), Qt offscreen otherwise; 4K is 200 %."""
    env = dict(os.environ)
    headless = sys.platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY")
    if headless or offscreen:
        env["QT_QPA_PLATFORM"] = OFFSCREEN_PLATFORM_4K if four_k else env.get("QT_QPA_PLATFORM", OFFSCREEN_PLATFORM)
    if four_k:
        env["QT_SCALE_FACTOR"] = "2"
    if env.get("QT_QPA_PLATFORM") == "offscreen":  # a bare `offscreen` is an 800x800 screen: the kiosk's own instead
        env["QT_QPA_PLATFORM"] = OFFSCREEN_PLATFORM_4K if four_k else OFFSCREEN_PLATFORM
    return env


def _probe(name: str, content: Path, *extra: str, four_k: bool = False) -> tuple[dict, float]:
    """Run a probe in a fresh interpreter; return its figures and when it was launched.

    A 4K probe whose display is smaller than 3840x2160 runs again under an X server of its own
    with a 4K screen (Xvfb), or offscreen on a 4K screen: a window larger than its screen would
    flush only the part that shows.
    """
    figures, started = _run_probe(name, content, extra, _env(four_k))
    width, height = figures.get("screen_px", SIZE_4K)
    if four_k and width * height < SIZE_4K[0] * SIZE_4K[1]:
        xvfb = [] if figures.get("platform") == "offscreen" or not shutil.which("xvfb-run") else [
            "xvfb-run", "-a", "-s", f"-screen 0 {SIZE_4K[0]}x{SIZE_4K[1]}x24"]  # a 4K X screen of its own
        figures, started = _run_probe(name, content, extra, _env(four_k, offscreen=not xvfb), xvfb)
    return figures, started


def _run_probe(name: str, content: Path, extra: tuple[str, ...], env: dict[str, str], wrapper: list[str] | None = None) -> tuple[dict, float]:
    command = [*(wrapper or []), sys.executable, "-m", "kiosk", "--content", str(content), "bench-probe", name, *extra]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=7200, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"bench probe {name} failed:\n{done.stderr[-2000:]}")
    return json.loads(lines[-1]), started


def _where(figures: dict) -> str:
    """The table's last column: the screen in device pixels, its scale, and the Qt platform that drew it."""
    width, height = figures.get("screen_px", SIZE)
    scale = figures.get("scale", 1)
    return f"{width}x{height}" + (f" at {scale * 100:.0f} %" if scale != 1 else "") + f", {figures.get('platform', '?')}"


def run_bench(content: Path, runs: int, soak: int = 0) -> int:
    """Run every probe; their last-good content copies go to a scratch folder, not the user's cache."""
    names = ("XDG_CACHE_HOME", "XDG_STATE_HOME")  # nor the museum's analytics file and logs
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="hegang-bench-cache-") as cache:
        for name in names:
            os.environ[name] = str(Path(cache) / name.lower())
        try:
            return _run_bench(content, runs, soak)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _run_bench(content: Path, runs: int, soak: int) -> int:
    cold = []
    for _ in range(max(runs, 1)):
        figures, started = _probe("cold-start", content)
        cold.append((figures["painted_at"] - started) * 1000)
    switch, _ = _probe("language-switch", content)
    switch_4k, _ = _probe("language-switch", content, four_k=True)
    opening, _ = _probe("card-open", content, four_k=True)
    figures = {
        "cold_start_ms": round(statistics.median(cold), 1),
        "language_switch_ms": round(switch["language_switch_ms"], 2),
        "peak_rss_mb": round(switch["peak_rss_mb"], 1),
        "language_switch_ms_4k": round(switch_4k["language_switch_ms"], 2),
        "card_open_frame_p95_ms": round(opening["card_open_frame_p95_ms"], 2),
        "tap_to_card_rising_ms_4k": round(opening["tap_to_card_rising_ms"], 2),
    }
    rows = [
        ("Cold start (process start to first painted home screen, median)", f"{figures['cold_start_ms']:.0f} ms", f"{len(cold)} runs"),
        ("Language switch (until repainted, median of 20)", f"{figures['language_switch_ms']:.1f} ms", _where(switch)),
        ("Peak memory (resident)", f"{figures['peak_rss_mb']:.0f} MB", ""),
        ("Language switch at 4K (until repainted, median of 20)", f"{figures['language_switch_ms_4k']:.1f} ms", _where(switch_4k)),
        (f"Card opening animation frame, 95th percentile of {opening['frames']}", f"{figures['card_open_frame_p95_ms']:.1f} ms", _where(opening)),
        ("Tap until the card starts to rise over the dimmed screen (median)", f"{figures['tap_to_card_rising_ms_4k']:.1f} ms", _where(opening)),
    ]
    with tempfile.TemporaryDirectory(prefix="hegang-bench-") as scratch:
        generated = generate(Path(scratch) / "content-10k", GENERATED_EVENTS)
        for suffix, folder, four_k in (("", content, False), ("_10k", generated, False), ("_4k", generated, True)):
            timeline, _ = _probe("timeline-frames", folder, four_k=four_k)
            label = f"{timeline['events']:,} events"
            for name, what in TIMELINE_FIGURES:
                if four_k and name == "pan_frame_median_ms":
                    continue  # 4K adds the three figures the issue names; the median stays a 1080p figure
                figures[name + suffix] = round(timeline[name], 2)
                rows.append((f"{what} ({label})", f"{timeline[name]:.1f} ms", _where(timeline)))
        cold_taps, _ = _probe("tap-cold", content)
        figures["tap_to_card_cold_ms"] = round(cold_taps["tap_to_card_cold_ms"], 2)
        rows.append(("First tap on each story, picture not cached (median)",
                     f"{cold_taps['tap_to_card_cold_ms']:.1f} ms", f"{cold_taps['stories']} stories"))
        full, _ = _probe("rss-full", content)
        figures["peak_rss_full_mb"] = round(full["peak_rss_full_mb"], 1)
        rows.append(("Peak memory after every screen, story, panel and chart", f"{full['peak_rss_full_mb']:.0f} MB", "both languages"))
        validated, _ = _probe("validate", generated)
        figures["validate_10k_ms"] = round(validated["validate_ms"], 1)
        rows.append((f"Validate a content folder ({validated['events']:,} events)", f"{validated['validate_ms']:.0f} ms", f"{validated['problems']} problems"))
    if soak > 0:
        soaked, _ = _probe("soak", content, str(soak))
        for name in ("soak_actions", "soak_rss_growth_mb", "soak_exceptions"):
            figures[name] = round(soaked[name], 2)
        rows.append((f"Soak: {soak:,} visitor actions, memory growth after warm-up", f"{soaked['soak_rss_growth_mb']:.1f} MB",
                     f"{soaked['soak_exceptions']} exceptions"))
        for name in ("analytics_event_us", "analytics_db_kb_per_1k_actions"):
            figures[name] = round(soaked[name], 2)
        rows.append(("Analytics: GUI-thread cost of logging one event (median)", f"{soaked['analytics_event_us']:.1f} µs",
                     f"p99 {soaked['analytics_event_p99_us']:.0f} µs"))
        rows.append(("Analytics: file size per 1,000 visitor actions", f"{soaked['analytics_db_kb_per_1k_actions']:.1f} KB",
                     f"{soaked['analytics_rows']:,} rows, {soaked['analytics_dropped']} dropped"))
        idle, _ = _probe("idle-cpu", content)
        figures["idle_cpu_percent"] = round(idle["idle_cpu_percent"], 2)
        rows.append(("CPU while idle (one core, 10 s, attract loop off)", f"{idle['idle_cpu_percent']:.2f} %", ""))
        attract, _ = _probe("attract-cpu", content)
        figures["attract_cpu_percent"] = round(attract["attract_cpu_percent"], 2)
        rows.append(("CPU during the attract loop (one core, 10 s)", f"{attract['attract_cpu_percent']:.1f} %", ""))
    print(f"Hegang Coal Heritage Kiosk benchmark  ({os.cpu_count()} cores; the kiosk as deployed: full screen, kiosk mode;"
          " the last column says which screen and Qt platform drew each figure)")
    for label, value, detail in rows:
        print(f"  {label:<68} {value:>10}  {detail}")
    print(json.dumps(figures))
    return 0


def run_probe(name: str, content: Path, extra: list[str]) -> int:
    from kiosk.bench_probes import PROBES, soak

    figures = soak(content, int(extra[0])) if name == "soak" else PROBES[name](content)
    print(json.dumps(figures), flush=True)
    return 0
