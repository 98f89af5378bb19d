"""Load the bundled Noto CJK subsets, so Chinese never renders as boxes on a bare PC."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from kiosk.paths import FONTS_DIR

SANS_FILES = ("NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf")
SERIF_FILES = ("NotoSerifSC-Bold.otf",)


class FontSet:
    """Families actually loaded; falls back to the system's if a file is missing.

    Use `FontSet.shared()`: adding the same 10 MB of fonts twice would slow every text layout.
    """

    _shared: FontSet | None = None

    @classmethod
    def shared(cls) -> FontSet:
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def __init__(self, folder: Path = FONTS_DIR) -> None:
        self.sans = self._load(folder, SANS_FILES) or QFont().family()
        self.serif = self._load(folder, SERIF_FILES) or self.sans

    @staticmethod
    def _load(folder: Path, names: tuple[str, ...]) -> str | None:
        family = None
        for name in names:
            font_id = QFontDatabase.addApplicationFont(str(folder / name))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            family = family or (families[0] if families else None)
        return family


def pixel_font(family: str, pixels: int, bold: bool = False) -> QFont:
    """A font sized in pixels, as the painted timeline and charts need it (points would follow the screen's DPI)."""
    font = QFont(family)
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font
