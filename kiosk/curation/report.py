"""How complete the Chinese and English are: the content folder and the interface catalogs.

`hegang-kiosk report [DIR]` (or `python -m kiosk.curation.report [DIR]`) prints, per language and
area, how many texts are translated, then every text that is missing or the same in both languages.

Content: every object with "zh"/"en" keys in the content files is one bilingual text. The raw JSON
is read here, not only the loaded content, because the loader leaves out an item with an empty text
and a report must still count it (and say that the item is not on screen now).
Interface: the gettext catalogs; an empty msgstr (or plural form) or a fuzzy entry is missing.

A text counts as complete when it is neither missing nor identical: an untranslated copy is not
a translation. Pure Python, no Qt, so it runs on a curator's laptop without a screen.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from kiosk.i18n.catalogs import CATALOG_LOCALES, DOMAIN
from kiosk.model import LANGUAGES, Bilingual, Content, load_content
from kiosk.model.locate import SourceFile, field_of, pointer_of
from kiosk.paths import CONTENT_DIR, TRANSLATIONS_DIR

AREAS = ("content", "interface")
KINDS = ("sources", "eras", "events", "panels", "series")
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
WIDTH = 99  # every line of the printed report is shorter than 100 characters

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class AreaCounts:
    """Texts of one area (content or interface) in one language."""

    total: int = 0
    missing: int = 0
    identical: int = 0

    @property
    def complete(self) -> int:
        return self.total - self.missing - self.identical

    @property
    def percent(self) -> float:
        """Share complete, rounded down to 0.1, so 100.0 is shown only when nothing is left."""
        if self.total == 0:
            return 100.0
        return math.floor(1000 * self.complete / self.total) / 10


@dataclass(frozen=True, slots=True)
class Finding:
    """One text that is missing or the same in both languages."""

    area: str  # "content" or "interface"
    language: str  # "zh" or "en"
    kind: str  # "missing" or "identical"
    file: str  # "events.json", or "zh_CN/LC_MESSAGES/kiosk.po" in the translations folder
    line: int  # 1-based; 0 where the text has no line (a message absent from a catalog)
    column: int
    item: str  # the item's id, or the msgid of an interface message
    field: str = ""  # "title", "points[2].label"; empty for interface messages
    detail: str = ""  # e.g. "fuzzy", "not on screen"

    @property
    def where(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"

    @property
    def what(self) -> str:
        return f"{self.item}  {self.field}" if self.field else f'"{self.item}"'

    def __str__(self) -> str:
        suffix = f"  ({self.detail})" if self.detail else ""
        return _fit(f"{self.kind:<10} {self.where}  ", self.what, suffix)


@dataclass
class TranslationReport:
    content_dir: Path
    translations_dir: Path
    #: counts[language][area], e.g. counts["zh"]["content"].percent
    counts: dict[str, dict[str, AreaCounts]]
    findings: list[Finding] = field(default_factory=list)
    #: files that could not be read, with the reason; their texts are not counted
    skipped: list[str] = field(default_factory=list)
    #: how many content texts the kiosk shows now (an item with an error is left out)
    on_screen: int = 0

    @property
    def complete(self) -> bool:
        return not self.findings and not self.skipped

    def findings_in(self, language: str, area: str | None = None) -> list[Finding]:
        return [f for f in self.findings if f.language == language and (area is None or f.area == area)]

    def __str__(self) -> str:
        lines = ["Translation report", _fit("  content:      ", str(self.content_dir), ""),
                 _fit("  interface:    ", str(self.translations_dir), ""), ""]
        rows = [(language, area, self.counts[language][area]) for language in LANGUAGES for area in AREAS]
        number = max(len(str(c.total)) for _l, _a, c in rows)
        for language, area, c in rows:
            share = f"{c.complete:>{number}}/{c.total:<{number}}"
            lines.append(f"{language:<4}{area:<11}{share}  {c.percent:>5.1f}%  ({c.missing} missing, {c.identical} identical)")
        content_total = self.counts[LANGUAGES[0]]["content"].total
        if self.on_screen < content_total:
            lines += ["", f"The kiosk shows {self.on_screen} of the {content_total} content texts now: an item with an",
                      "error is left out until it is fixed. Run `hegang-kiosk validate` to see why."]
        for reason in self.skipped:
            lines += ["", _fit("Not counted: ", reason, "")]
        for language in LANGUAGES:
            found = self.findings_in(language)
            lines += ["", f"{LANGUAGE_NAMES[language]} ({language}): " + (f"{len(found)} to do" if found else "nothing to do")]
            lines += [f"  {finding}" for finding in found]
        if self.findings:
            lines += ["", "missing: a text is absent, empty or (interface) marked fuzzy; write it.",
                      "identical: the same in both languages, usually an untranslated copy; translate it."]
        return "\n".join(lines)


def translation_report(content_dir: Path, translations_dir: Path = TRANSLATIONS_DIR) -> TranslationReport:
    """Count and list missing and untranslated texts in a content folder and the UI catalogs."""
    content_dir, translations_dir = Path(content_dir), Path(translations_dir)
    counts = {language: {area: AreaCounts() for area in AREAS} for language in LANGUAGES}
    findings: list[Finding] = []
    skipped: list[str] = []

    loaded = load_content(content_dir).content
    shown = set(_loaded_texts(loaded))
    content_counts, content_findings, content_skipped = _content(content_dir, shown)
    findings += content_findings
    skipped += content_skipped
    interface_counts, interface_findings, interface_skipped = _interface(translations_dir)
    findings += interface_findings
    skipped += interface_skipped
    for language in LANGUAGES:
        counts[language]["content"] = content_counts[language]
        counts[language]["interface"] = interface_counts[language]
    order = {area: i for i, area in enumerate(AREAS)}
    findings.sort(key=lambda f: (f.language, order[f.area], f.file, f.line, f.column, f.item))
    return TranslationReport(content_dir, translations_dir, counts, findings, skipped, len(loaded.texts()))


# --- content ---------------------------------------------------------------------------------


def _loaded_texts(content: Content) -> Iterator[tuple[str, str, str]]:
    """(kind, item id, field) of every text the kiosk shows now: the same texts as Content.texts()."""
    for kind, items in (("sources", content.sources), ("eras", content.eras), ("events", content.events), ("panels", content.panels), ("series", content.series)):
        for item in items:
            for name in ("title", "publisher", "summary", "body", "note", "takeaway"):
                if isinstance(getattr(item, name, None), Bilingual):
                    yield kind, item.id, name
    for series in content.series:
        for i, point in enumerate(series.points):
            for name in ("label", "note"):
                if getattr(point, name) is not None:
                    yield "series", series.id, f"points[{i}].{name}"


def _content(folder: Path, shown: set[tuple[str, str, str]]) -> tuple[dict[str, AreaCounts], list[Finding], list[str]]:
    total = 0
    missing = dict.fromkeys(LANGUAGES, 0)
    identical = dict.fromkeys(LANGUAGES, 0)
    findings: list[Finding] = []
    skipped: list[str] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        if path.name.endswith(".schema.json"):
            continue
        try:
            source = SourceFile(path.name, path.read_text(encoding="utf-8-sig"))
            document = json.loads(source.text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            skipped.append(f"{path.name} cannot be read as JSON; run `hegang-kiosk validate`.")
            continue
        for json_path, value in _texts_in(document, []):
            total += 1
            kind, item, name = _item_of(document, json_path)
            on_screen = (kind, item, name) in shown
            empty = [language for language in LANGUAGES if not _written(value.get(language))]
            for language in empty:
                missing[language] += 1
                findings.append(_finding(source, json_path, language, "missing", item, name, on_screen))
            if not empty and value["zh"].strip() == value["en"].strip():
                for language in _untranslated_side(value["zh"]):
                    identical[language] += 1
                    findings.append(_finding(source, json_path, language, "identical", item, name, on_screen))
    counts = {language: AreaCounts(total, missing[language], identical[language]) for language in LANGUAGES}
    return counts, findings, skipped


def _texts_in(value: Any, path: list) -> Iterator[tuple[list, dict]]:
    """Every object with a "zh" or "en" key, with its JSON path, in file order."""
    if isinstance(value, dict):
        if "zh" in value or "en" in value:
            yield path, value
            return
        for key, child in value.items():
            yield from _texts_in(child, [*path, key])
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _texts_in(child, [*path, i])


def _item_of(document: Any, path: list) -> tuple[str, str, str]:
    """(kind, item id, field) for a text at `path`, e.g. ("events", "soviet-army-1945", "title")."""
    if len(path) >= 3 and path[0] in KINDS and isinstance(path[1], int):
        kind, index = path[0], path[1]
        raw_id = document[kind][index].get("id") if isinstance(document[kind][index], dict) else None
        item = raw_id if isinstance(raw_id, str) and raw_id else f"{kind}[{index}]"
        return kind, item, field_of(path[2:])
    return "", "", field_of(path)


def _written(text: Any) -> bool:
    return isinstance(text, str) and bool(text.strip())


def _untranslated_side(text: str) -> tuple[str, ...]:
    """Which language holds a copy: Chinese text in "en" is an untranslated en, and vice versa."""
    if _CJK.search(text):
        return ("en",)
    if _LATIN.search(text):
        return ("zh",)
    return LANGUAGES  # digits or signs only: cannot tell, so both are named


def _finding(source: SourceFile, path: list, language: str, kind: str, item: str, name: str, on_screen: bool) -> Finding:
    line, column = source.position(pointer_of([*path, language]))
    return Finding("content", language, kind, source.name, line, column, item, name, "" if on_screen else "not on screen")


# --- interface -------------------------------------------------------------------------------


def _interface(folder: Path) -> tuple[dict[str, AreaCounts], list[Finding], list[str]]:
    counts: dict[str, AreaCounts] = {}
    findings: list[Finding] = []
    skipped: list[str] = []
    template = _read_catalog(folder / f"{DOMAIN}.pot")
    expected = [m.id for m in template if m.id] if template is not None else []
    for language in LANGUAGES:
        relative = f"{CATALOG_LOCALES[language]}/LC_MESSAGES/{DOMAIN}.po"
        catalog = _read_catalog(folder / relative)
        if catalog is None:
            skipped.append(f"{relative} is missing or cannot be read.")
            absent = [Finding("interface", language, "missing", relative, 0, 0, _singular(m), "", "no catalog") for m in expected]
            findings += absent
            counts[language] = AreaCounts(len(absent), len(absent), 0)
            continue
        messages = [m for m in catalog if m.id]
        known = {m.id for m in messages}
        missing = identical = 0
        for message in messages:
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            forms = tuple(form or "" for form in forms)
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            empty = not forms or any(not form.strip() for form in forms) or (message.pluralizable and len(forms) < catalog.num_plurals)
            if empty or message.fuzzy:
                missing += 1
                detail = "fuzzy" if message.fuzzy and not empty else ""
                findings.append(Finding("interface", language, "missing", relative, message.lineno or 0, 0, _singular(message), "", detail))
            elif language == "zh" and all(form.strip() in {i.strip() for i in ids} for form in forms):
                identical += 1  # the English catalog repeats its msgids by design
                findings.append(Finding("interface", language, "identical", relative, message.lineno or 0, 0, _singular(message)))
        absent = [m for m in template or [] if m.id and m.id not in known]
        for message in absent:
            missing += 1
            findings.append(Finding("interface", language, "missing", relative, 0, 0, _singular(message), "", "not in the catalog; update it"))
        counts[language] = AreaCounts(len(messages) + len(absent), missing, identical)
    return counts, findings, skipped


def _read_catalog(path: Path):
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            return read_po(handle)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _singular(message) -> str:
    return message.id[0] if isinstance(message.id, tuple) else message.id


# --- output ----------------------------------------------------------------------------------


def _fit(head: str, middle: str, tail: str) -> str:
    """head + middle + tail, shortening the middle with … so the line stays within WIDTH."""
    room = WIDTH - len(head) - len(tail)
    if len(middle) > room:
        middle = middle[: max(room - 1, 0)] + "…"
    return (head + middle + tail)[:WIDTH]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hegang-kiosk report", description="How complete the Chinese and English texts are.")
    parser.add_argument("folder", nargs="?", type=Path, default=CONTENT_DIR, metavar="DIR", help="the content folder (default: the bundled content)")
    parser.add_argument("--translations", type=Path, default=TRANSLATIONS_DIR, metavar="DIR", help="the interface catalogs (default: the bundled ones)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: the content folder does not exist. Check the path.", file=sys.stderr)
        return 2
    print(translation_report(args.folder, args.translations))
    return 0


if __name__ == "__main__":
    sys.exit(main())
