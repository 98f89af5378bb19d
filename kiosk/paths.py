"""Where the bundled content, assets, seeds and catalogs live.

In a clone they sit beside the package; in an installed wheel they are packed into
`kiosk/_bundled` (see pyproject.toml), so an offline kiosk PC needs nothing else.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _root() -> Path:
    clone = PACKAGE_DIR.parent
    if (clone / "content" / "content.schema.json").is_file() and (clone / "seeds").is_dir():
        return clone
    return PACKAGE_DIR / "_bundled"


ROOT = _root()
CONTENT_DIR = ROOT / "content"
ASSETS_DIR = ROOT / "assets"
SEEDS_DIR = ROOT / "seeds"
TRANSLATIONS_DIR = ROOT / "translations"
FONTS_DIR = ASSETS_DIR / "fonts"
SCHEMA_PATH = CONTENT_DIR / "content.schema.json"
# Without a display (tests, the benchmark, CI) Qt draws offscreen on one 1920x1080 screen,
# the size of a kiosk's, so the window is laid out, touched and measured full screen as on the floor.
OFFSCREEN_PLATFORM = f"offscreen:configfile={PACKAGE_DIR / 'offscreen-1920x1080.json'}"
# A 4K screen at 200 % (QT_SCALE_FACTOR=2 over 3840x2160 device pixels): the same 1920x1080 layout,
# four times the pixels, for the benchmark's 4K figures when no real display is large enough.
OFFSCREEN_PLATFORM_4K = f"offscreen:configfile={PACKAGE_DIR / 'offscreen-3840x2160.json'}"
