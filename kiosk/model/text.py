"""Bilingual text: every string a visitor reads exists in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Bilingual:
    zh: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.zh

    @classmethod
    def from_json(cls, value: dict[str, str]) -> Bilingual:
        return cls(zh=value["zh"], en=value["en"])
