"""Keep a copy of the last content that loaded without errors, so a broken edit never blanks the kiosk.

After every clean load the JSON files are copied to a cache folder; when a later load has
errors, the kiosk shows that copy instead, with the images of the live folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from contextlib import suppress
from pathlib import Path

from kiosk.model.loader import LoadResult, load_content


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "hegang-kiosk" / "last-good"


def _slot(cache: Path, folder: Path) -> Path:
    return cache / hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]


def remember(folder: Path, cache: Path) -> None:
    """Copy the folder's JSON files atomically: a crash mid-copy leaves the previous copy whole."""
    slot = _slot(cache, folder)
    if _same_files(folder, slot):
        return  # the usual start: nothing changed since the copy, so no disk writes
    slot.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=slot.parent))
    for path in folder.glob("*.json"):
        shutil.copy2(path, staging / path.name)
    old = slot.with_name(slot.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if slot.exists():
        slot.rename(old)
    staging.rename(slot)
    shutil.rmtree(old, ignore_errors=True)


def _same_files(folder: Path, slot: Path) -> bool:
    """The copy is current when names, sizes and modification times match (copy2 keeps times)."""

    def listing(where: Path) -> dict[str, tuple[int, int]]:
        return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in where.glob("*.json")}

    return slot.is_dir() and listing(folder) == listing(slot)


def load_with_fallback(folder: Path, cache: Path | None) -> tuple[LoadResult, LoadResult | None]:
    """(what the kiosk shows, the failed load or None). Without errors the live content is shown."""
    live = load_content(folder)
    if cache is None:
        return live, None
    if not live.errors:
        with suppress(OSError):  # a read-only disk must not stop the exhibition
            remember(folder, cache)
        return live, None
    slot = _slot(cache, folder)
    if slot.is_dir():
        kept = load_content(folder, documents=slot)
        if not kept.errors:
            return kept, live
    return live, live
