"""gettext catalogs compiled from the .po sources at start, so they can never drift from them."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kiosk.paths import TRANSLATIONS_DIR

DOMAIN = "kiosk"
#: The language code of this package -> the catalog folder under translations/.
CATALOG_LOCALES = {"zh": "zh_CN", "en": "en"}


class Catalogs:
    """One compiled gettext catalog per language."""

    def __init__(self, folder: Path = TRANSLATIONS_DIR) -> None:
        self._translations: dict[str, gettext.NullTranslations] = {}
        for language, locale in CATALOG_LOCALES.items():
            po = folder / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
            self._translations[language] = _compile(po) if po.is_file() else gettext.NullTranslations()

    def gettext(self, language: str, message: str) -> str:
        return self._translations.get(language, gettext.NullTranslations()).gettext(message)

    def ngettext(self, language: str, singular: str, plural: str, count: int) -> str:
        return self._translations.get(language, gettext.NullTranslations()).ngettext(singular, plural, count)


def _compile(po: Path) -> gettext.GNUTranslations:
    with po.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


_state: dict[str, object] = {"catalogs": None, "language": "zh"}


def install(catalogs: Catalogs, language: str) -> None:
    """Called only by kiosk.qt.language.apply_language, for the session controller that owns the language."""
    _state["catalogs"] = catalogs
    _state["language"] = language


def active_language() -> str:
    return str(_state["language"])


def _(message: str) -> str:
    catalogs = _state["catalogs"]
    if catalogs is None:
        return message
    return catalogs.gettext(str(_state["language"]), message)  # type: ignore[union-attr]


def ngettext(singular: str, plural: str, count: int) -> str:
    catalogs = _state["catalogs"]
    if catalogs is None:
        return singular if count == 1 else plural
    return catalogs.ngettext(str(_state["language"]), singular, plural, count)  # type: ignore[union-attr]


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message
