"""Chinese renders on a bare PC, and UI strings come from catalogs that match the code."""

from __future__ import annotations

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from PySide6.QtGui import QRawFont

from kiosk.i18n import Catalogs
from kiosk.model import load_content
from kiosk.paths import CONTENT_DIR, FONTS_DIR, PACKAGE_DIR, TRANSLATIONS_DIR
from kiosk.qt.fonts import SANS_FILES, SERIF_FILES


def catalog(locale: str):
    with (TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "kiosk.po").open("rb") as handle:
        return read_po(handle)


def chinese_characters() -> set[str]:
    chars = set()
    for text in load_content(CONTENT_DIR).content.texts():
        chars.update(text.zh)
    for message in catalog("zh_CN"):
        chars.update(message.string or "")
    return {c for c in chars if not c.isspace()}


def test_every_chinese_character_is_in_every_bundled_font(qapp):
    chars = chinese_characters()
    assert len(chars) > 500
    for name in SANS_FILES + SERIF_FILES:
        font = QRawFont(str(FONTS_DIR / name), 24)
        assert font.isValid(), name
        # glyph 0 is .notdef, the "tofu" box (QRawFont.supportsCharacter misreads some CFF cmaps)
        missing = sorted(c for c in chars if 0 in font.glyphIndexesForString(c))
        assert missing == [], f"{name} lacks {''.join(missing)}"


def test_the_validators_list_of_drawable_characters_matches_the_fonts(qapp):
    from kiosk.model.glyphs import covered_characters

    covered = covered_characters()
    assert len(covered) > 7000
    font = QRawFont(str(FONTS_DIR / SANS_FILES[0]), 24)
    assert [c for c in sorted(covered) if 0 in font.glyphIndexesForString(c)] == []
    assert "𠀀" not in covered and 0 in font.glyphIndexesForString("𠀀"), "a rare character is in neither"


def test_the_font_licence_ships_with_the_fonts():
    assert "SIL OPEN FONT LICENSE" in (FONTS_DIR / "LICENSE-OFL.txt").read_text(encoding="utf-8")


def test_catalogs_hold_exactly_the_strings_the_code_uses():
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    in_code = {message for _file, _line, message, *_ in extract_from_dir(PACKAGE_DIR, keywords=keywords)}
    for locale in ("zh_CN", "en"):
        in_catalog = {m.id for m in catalog(locale) if m.id}
        assert in_catalog == in_code, f"run the catalog update in README for {locale}"
        untranslated = [m.id for m in catalog(locale) if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])]
        assert not [m.id for m in catalog(locale) if m.fuzzy and m.id]
        assert untranslated == []


def test_compiled_catalogs_translate_into_chinese():
    catalogs = Catalogs()
    assert catalogs.gettext("zh", "Timeline") == "时间轴"
    assert catalogs.gettext("en", "Timeline") == "Timeline"
