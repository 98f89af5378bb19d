"""Rebuild the bundled font subsets from Debian's fonts-noto-cjk.

Run after content or catalogs gain new characters:
    python -m kiosk.tools.subset_fonts
The subsets cover GB 2312, Latin, punctuation and every character in content/ and
translations/, which keeps them small enough to commit (OFL permits subsetting).
"""

from __future__ import annotations

import argparse
from contextlib import suppress
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection

from kiosk.model.glyphs import COVERAGE_FILE
from kiosk.paths import CONTENT_DIR, FONTS_DIR, TRANSLATIONS_DIR

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
#: (collection file, output file): the Simplified Chinese member of each collection.
FONTS = (
    ("NotoSansCJK-Regular.ttc", "NotoSansSC-Regular.otf"),
    ("NotoSansCJK-Bold.ttc", "NotoSansSC-Bold.otf"),
    ("NotoSerifCJK-Bold.ttc", "NotoSerifSC-Bold.otf"),
)
EXTRA_RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x17F),  # Latin-1 and Latin Extended-A (pinyin, European names)
    (0x2000, 0x206F),  # general punctuation
    (0x2070, 0x209F),  # super- and subscripts (km², CO₂)
    (0x2190, 0x21FF),  # arrows
    (0x2212, 0x2212),  # the true minus sign (−30 °C, −16 %)
    (0x3000, 0x303F),  # CJK punctuation
    (0xFF00, 0xFFEF),  # full-width forms
)


def gb2312() -> set[str]:
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with suppress(UnicodeDecodeError):
                chars.add(bytes([high, low]).decode("gb2312"))
    return chars


def wanted_characters() -> set[str]:
    chars = gb2312()
    for start, end in EXTRA_RANGES:
        chars.update(chr(c) for c in range(start, end + 1))
    for folder in (CONTENT_DIR, TRANSLATIONS_DIR):
        for path in list(folder.rglob("*.json")) + list(folder.rglob("*.po")):
            chars.update(path.read_text(encoding="utf-8"))
    chars.update("‰²₂€¥…—–·×")
    return {c for c in chars if c.isprintable()}


def simplified_member(collection: TTCollection):
    for font in collection.fonts:
        if font["name"].getDebugName(1).endswith(" SC"):
            return font
    raise LookupError("no SC member in the collection")


PROPORTIONAL = "‘’“”"


def proportional_quotes(font) -> None:
    """Map curly quotes to the font's proportional forms (its 'pwid' feature).

    Noto CJK SC draws them full-width, which leaves wide gaps in English text; proportional
    quotes read well in both languages (as common Chinese UI fonts draw them).
    """
    gsub = font["GSUB"].table
    swaps: dict[str, str] = {}
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "pwid":
            for index in record.Feature.LookupListIndex:
                for table in gsub.LookupList.Lookup[index].SubTable:
                    swaps.update(getattr(table, "mapping", {}) or {})
    for subtable in font["cmap"].tables:
        for char in PROPORTIONAL:
            glyph = subtable.cmap.get(ord(char))
            if glyph in swaps:
                subtable.cmap[ord(char)] = swaps[glyph]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=NOTO_DIR)
    parser.add_argument("--out", type=Path, default=FONTS_DIR)
    args = parser.parse_args()
    chars = wanted_characters()
    options = Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    for source, target in FONTS:
        font = simplified_member(TTCollection(str(args.source / source)))
        subsetter = Subsetter(options)
        subsetter.populate(text="".join(sorted(chars)))
        subsetter.subset(font)
        proportional_quotes(font)
        font.save(str(args.out / target))
        print(f"{target}: {len(chars)} characters, {(args.out / target).stat().st_size / 1e6:.1f} MB")
    covered = sorted(chr(code) for code in font.getBestCmap() if chr(code).isprintable())
    (args.out / COVERAGE_FILE).write_text("".join(covered), encoding="utf-8")


if __name__ == "__main__":
    main()
