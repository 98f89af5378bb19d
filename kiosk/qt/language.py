"""Every text on screen follows the visitor's language: Frescobaldi's `app.translateUI(obj)`.

There is one way to take part: a widget calls `translateUI(self)` once, in its constructor.
Its `translateUI()` method runs at once and again after every switch, through a weak
reference, so a closed widget is simply forgotten. Like the gettext catalogs this module
installs, the registry is application-wide: there is one visitor language per process.

Which language that is belongs to the visitor's session (`kiosk.session.VisitorSession`);
only its owner, the `SessionController`, calls `apply_language`.
"""

from __future__ import annotations

import weakref
from typing import Protocol

import shiboken6
from PySide6.QtCore import QLocale, QObject

from kiosk.i18n import Catalogs, install
from kiosk.i18n.formatting import LOCALES


class Translatable(Protocol):
    def translateUI(self) -> None: ...


_registered: list[weakref.WeakMethod] = []


def translateUI(obj: Translatable) -> None:
    """Show `obj` in the current language now and after every switch."""
    obj.translateUI()
    _registered.append(weakref.WeakMethod(obj.translateUI))
    if len(_registered) % 256 == 0:  # content reloads make new cards: forget the closed ones now and then
        _registered[:] = [ref for ref in _registered if ref() is not None and _valid(ref().__self__)]


def apply_language(catalogs: Catalogs, language: str) -> None:
    """Install `language` for gettext, babel and Qt, then re-read every registered text in place."""
    install(catalogs, language)
    QLocale.setDefault(QLocale(LOCALES[language]))
    alive = []
    for ref in _registered:
        method = ref()
        if method is None or not _valid(method.__self__):
            continue  # closed and gone: forget it
        method()
        alive.append(ref)
    _registered[:] = alive


def registered_count() -> int:
    """How many live objects follow the language (tests check that closed ones are forgotten)."""
    return sum(1 for ref in _registered if ref() is not None and _valid(ref().__self__))


def _valid(obj: object) -> bool:
    return not isinstance(obj, QObject) or shiboken6.isValid(obj)
