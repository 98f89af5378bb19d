"""The one owner of the current language (Frescobaldi's translateUI pattern).

Widgets call `controller.register(self)` once; their `translateUI()` runs then and on
every switch. Registrations are weak, so a closed widget is simply forgotten.
"""

from __future__ import annotations

import weakref
from typing import Protocol

from PySide6.QtCore import QLocale, QObject, Signal

from kiosk.i18n import Catalogs, install
from kiosk.i18n.formatting import LOCALES


class Translatable(Protocol):
    def translateUI(self) -> None: ...


class LanguageController(QObject):
    languageChanged = Signal(str)  # noqa: N815

    def __init__(self, catalogs: Catalogs, language: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalogs = catalogs
        self._language = language
        self._widgets: list[weakref.WeakMethod] = []
        self._apply(language)

    @property
    def language(self) -> str:
        return self._language

    def register(self, widget: Translatable) -> None:
        self._widgets.append(weakref.WeakMethod(widget.translateUI))
        widget.translateUI()

    def set_language(self, language: str) -> None:
        if language == self._language:
            return
        self._apply(language)
        alive = []
        for ref in self._widgets:
            method = ref()
            if method is not None:
                method()
                alive.append(ref)
        self._widgets = alive
        self.languageChanged.emit(language)

    def toggle(self) -> None:
        self.set_language("en" if self._language == "zh" else "zh")

    def _apply(self, language: str) -> None:
        self._language = language
        install(self._catalogs, language)
        QLocale.setDefault(QLocale(LOCALES[language]))

    def registered_count(self) -> int:
        return sum(1 for ref in self._widgets if ref() is not None)
