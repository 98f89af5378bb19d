"""UI strings and locale formatting, without Qt.

Everything imports `_` and `N_` from here. `_` translates into the language the
visitor's session last set (kiosk.qt.language.apply_language); strings made at import time are marked with `N_` and
translated where they are shown, so a language switch reaches them.
"""

from kiosk.i18n.catalogs import N_, Catalogs, _, active_language, install, ngettext
from kiosk.i18n.formatting import format_date, format_number, format_quantity, format_year

__all__ = [
    "N_",
    "Catalogs",
    "_",
    "active_language",
    "format_date",
    "format_number",
    "format_quantity",
    "format_year",
    "install",
    "ngettext",
]
