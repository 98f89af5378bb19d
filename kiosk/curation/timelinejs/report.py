"""What an import did, for the curator: every slide imported or skipped with a reason, and every field the kiosk has no place for."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


@dataclass
class Skipped:
    slide: str
    reason: str

    def __str__(self) -> str:
        return f"{self.slide}: {self.reason}"


@dataclass
class Unmapped:
    field: str
    explanation: str
    items: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = f" ({', '.join(self.items)})" if self.items else ""
        return f"{self.field}{where}: {self.explanation}"


@dataclass
class ImportReport:
    """What the import did: every slide is either imported or skipped with a reason."""

    out_dir: Path | None = None
    imported: list[str] = field(default_factory=list)
    eras: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    missing_translation: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def skip(self, slide: str, reason: str) -> None:
        self.skipped.append(Skipped(slide, reason))

    def not_mapped(self, name: str, explanation: str, item: str | None = None) -> None:
        """Note a TimelineJS field the kiosk has no place for, once per (field, explanation)."""
        entry = next((u for u in self.unmapped if u.field == name and u.explanation == explanation), None)
        if entry is None:
            entry = Unmapped(name, explanation)
            self.unmapped.append(entry)
        if item and item not in entry.items:
            entry.items.append(item)

    def missing(self, item: str, missing: dict[str, list[str]]) -> None:
        """List the fields of one language that borrow the other language's text."""
        for language, other in (("zh", "en"), ("en", "zh")):
            if missing[language]:
                names = missing[language]
                fields = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
                self.missing_translation.append(f"{item}: no {LANGUAGE_NAMES[language]} {fields}; the {LANGUAGE_NAMES[other]} text stands in")

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def __str__(self) -> str:
        where = f" into {self.out_dir}" if self.out_dir else ""
        lines = [f"Imported {len(self.imported)} events and {len(self.eras)} eras{where}."]
        if self.written:
            lines.append(f"Written: {', '.join(self.written)}")
        sections = (
            ("Events", "", self.imported),
            ("Eras", "", self.eras),
            ("Not imported", "", self.skipped),
            ("Missing translations", "the other language's text stands in; translate before the kiosk opens", self.missing_translation),
            ("Not mapped", "TimelineJS has these, the kiosk has no place for them", self.unmapped),
            ("To review", "", self.warnings),
        )
        for heading, explanation, entries in sections:
            if entries:
                lines.append(f"{heading} ({len(entries)})" + (f" – {explanation}:" if explanation else ":"))
                lines.extend(f"  - {entry}" for entry in entries)
        if self.out_dir:
            lines.append(f"Check the result with: hegang-kiosk validate {self.out_dir}")
        return "\n".join(lines)
