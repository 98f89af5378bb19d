"""The way back to the curators: a daily health line per kiosk in the `outbox` folder.

The outbox is a folder the sync engine carries from every kiosk to the curators' PC (send-only on
the kiosk). Each kiosk writes into `outbox/<kiosk name>/`, so several kiosks never write the same
file. `health-YYYY-MM-DD.jsonl` gets one JSON line per day (and one per start, since a restart is
itself worth knowing): release, uptime, errors logged, kiosk version.

Other daily exports (visitor analytics, when that module is installed) hook in with
`register_export`: each registered function is called with the kiosk's outbox folder and the day,
right after the health line. Pure Python, no Qt.
"""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Callable
from pathlib import Path

from kiosk import __version__

log = logging.getLogger("kiosk.outbox")
Export = Callable[[Path, datetime.date], None]
_EXPORTS: list[Export] = []


def register_export(export: Export) -> None:
    """Add a daily export (e.g. the analytics module's): called as export(kiosk_outbox_folder, day)."""
    if export not in _EXPORTS:
        _EXPORTS.append(export)


class ErrorCounter(logging.Handler):
    """Counts ERROR records since the kiosk started, for the health line."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def write_daily(outbox: Path, name: str, release: str | None, uptime_s: float, errors: int,
                now: datetime.datetime | None = None) -> Path:
    """Append today's health line, then run the registered exports; returns the health file.

    An export that fails is logged and never stops the health line or the kiosk.
    """
    now = now or datetime.datetime.now(datetime.UTC)
    folder = Path(outbox) / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"health-{now:%Y-%m-%d}.jsonl"
    line = {"at": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "kiosk": name, "release": release, "uptime_s": round(uptime_s),
            "errors": errors, "version": __version__}
    with path.open("a", encoding="utf-8") as handle:  # one write of one line: a sync never sees half a line
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    for export in _EXPORTS:
        try:
            export(folder, now.date())
        except Exception:
            log.exception("outbox: the daily export %s failed", getattr(export, "__qualname__", export))
    return path
