"""`hegang-kiosk bench`: figures museum IT can take on their own kiosk PC.

Each figure comes from fresh processes (probes) so one measurement never warms up the
next. Every probe runs the kiosk as deployed (`kiosk.qt.app.create_app`: full screen, kiosk
mode with lockdown and the input router, the start-up content report) and drives it by touch. The last line printed is one JSON object of figures named <what>_<unit>; those
names are a public interface: add figures, never rename or drop one.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kiosk.bench_content import generate
from kiosk.paths import OFFSCREEN_PLATFORM

SIZE = (1920, 1080)
GENERATED_EVENTS = 10_000
TIMELINE_FIGURES = (
    ("pan_frame_p95_ms", "Pan frame time, 95th percentile of 300"),
    ("pan_frame_median_ms", "Pan frame time, median of 300"),
    ("zoom_frame_p95_ms", "Zoom frame time, 95th percentile of 300"),
    ("tap_to_card_ms", "Tap on an event until its card is painted"),
)


def _env() -> dict[str, str]:
    """Probes measure at 1920x1080: without a display, and for a bare `offscreen` (an 800x800 screen), the kiosk's offscreen screen."""
    env = dict(os.environ)
    if sys.platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", OFFSCREEN_PLATFORM)
    if env.get("QT_QPA_PLATFORM") == "offscreen":
        env["QT_QPA_PLATFORM"] = OFFSCREEN_PLATFORM
    return env


def _probe(name: str, content: Path, *extra: str) -> tuple[dict, float]:
    """Run a probe in a fresh interpreter; return its figures and when it was launched."""
    command = [sys.executable, "-m", "kiosk", "--content", str(content), "bench-probe", name, *extra]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=7200, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"bench probe {name} failed:\n{done.stderr[-2000:]}")
    return json.loads(lines[-1]), started


def run_bench(content: Path, runs: int, soak: int = 0) -> int:
    """Run every probe; their last-good content copies go to a scratch folder, not the user's cache."""
    saved = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory(prefix="hegang-bench-cache-") as cache:
        os.environ["XDG_CACHE_HOME"] = cache
        try:
            return _run_bench(content, runs, soak)
        finally:
            if saved is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = saved


def _run_bench(content: Path, runs: int, soak: int) -> int:
    cold = []
    for _ in range(max(runs, 1)):
        figures, started = _probe("cold-start", content)
        cold.append((figures["painted_at"] - started) * 1000)
    switch, _ = _probe("language-switch", content)
    figures = {
        "cold_start_ms": round(statistics.median(cold), 1),
        "language_switch_ms": round(switch["language_switch_ms"], 2),
        "peak_rss_mb": round(switch["peak_rss_mb"], 1),
    }
    rows = [
        ("Cold start (process start to first painted home screen, median)", f"{figures['cold_start_ms']:.0f} ms", f"{len(cold)} runs"),
        ("Language switch (until repainted, median of 20)", f"{figures['language_switch_ms']:.1f} ms", f"{SIZE[0]}x{SIZE[1]}"),
        ("Peak memory (resident)", f"{figures['peak_rss_mb']:.0f} MB", ""),
    ]
    with tempfile.TemporaryDirectory(prefix="hegang-bench-") as scratch:
        generated = generate(Path(scratch) / "content-10k", GENERATED_EVENTS)
        for suffix, folder in (("", content), ("_10k", generated)):
            timeline, _ = _probe("timeline-frames", folder)
            label = f"{timeline['events']:,} events"
            for name, what in TIMELINE_FIGURES:
                figures[name + suffix] = round(timeline[name], 2)
                rows.append((f"{what} ({label})", f"{timeline[name]:.1f} ms", f"{SIZE[0]}x{SIZE[1]}"))
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
        idle, _ = _probe("idle-cpu", content)
        figures["idle_cpu_percent"] = round(idle["idle_cpu_percent"], 2)
        rows.append(("CPU while idle (one core, 10 s, attract loop off)", f"{idle['idle_cpu_percent']:.2f} %", ""))
        attract, _ = _probe("attract-cpu", content)
        figures["attract_cpu_percent"] = round(attract["attract_cpu_percent"], 2)
        rows.append(("CPU during the attract loop (one core, 10 s)", f"{attract['attract_cpu_percent']:.1f} %", ""))
    platform = _env().get("QT_QPA_PLATFORM", "native").split(":")[0]
    print(f"Hegang Coal Heritage Kiosk benchmark  ({os.cpu_count()} cores, Qt platform {platform}; the kiosk as deployed: full screen, kiosk mode)")
    for label, value, detail in rows:
        print(f"  {label:<68} {value:>10}  {detail}")
    print(json.dumps(figures))
    return 0


def run_probe(name: str, content: Path, extra: list[str]) -> int:
    from kiosk.bench_probes import PROBES, soak

    figures = soak(content, int(extra[0])) if name == "soak" else PROBES[name](content)
    print(json.dumps(figures), flush=True)
    return 0
