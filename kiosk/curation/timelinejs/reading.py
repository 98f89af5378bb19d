"""Reading a TimelineJS file, and pairing the slides of the Chinese and the English file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any

from kiosk.curation.timelinejs.report import LANGUAGE_NAMES, ImportReport
from kiosk.curation.timelinejs.text import html_to_text, shorten
from kiosk.model.loader import _json_error_words


class TimelineJSError(Exception):
    """An input the importer cannot read; the message is meant for a curator."""


def read_timeline(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TimelineJSError(f"{path}: the file does not exist") from None
    except UnicodeDecodeError as error:
        raise TimelineJSError(f"{path}: the file is not saved as UTF-8 text (odd byte at position {error.start + 1}); save it again as UTF-8") from None
    except OSError as error:
        raise TimelineJSError(f"{path}: the file cannot be read ({error.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message, hint = _json_error_words(error)
        raise TimelineJSError(f"{path}:{error.lineno}:{error.colno}: {message}\n    hint: {hint}") from None
    if not isinstance(data, dict):
        raise TimelineJSError(f"{path}: a TimelineJS file is one {{ … }} object with an \"events\" list, but this file holds a JSON {type(data).__name__}")
    if "events" not in data and isinstance(data.get("timeline"), dict):
        raise TimelineJSError(f"{path}: this is the older TimelineJS 2 format (\"timeline\" with a \"date\" list); save it from TimelineJS 3, whose file has an \"events\" list")
    if not isinstance(data.get("events"), list):
        raise TimelineJSError(f"{path}: there is no \"events\" list, which every TimelineJS file has")
    return data


@dataclass
class Pair:
    zh: dict[str, Any] | None
    en: dict[str, Any] | None
    label: str

    def side(self, language: str) -> dict[str, Any] | None:
        return self.zh if language == "zh" else self.en


def slide_uid(slide: Any) -> str | None:
    value = slide.get("unique_id") if isinstance(slide, dict) else None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def slide_headline(slide: Any) -> str:
    text = slide.get("text") if isinstance(slide, dict) else None
    return html_to_text(text.get("headline"), one_line=True) if isinstance(text, dict) else ""


def _label(slide: Any, number: int, language: str) -> str:
    uid = slide_uid(slide)
    name = f"slide '{uid}'" if uid else f"{LANGUAGE_NAMES[language]} slide {number}"
    headline = slide_headline(slide)
    return f"{name} “{shorten(headline, 60)}”" if headline else name


def pair_slides(zh_slides: list[Any], en_slides: list[Any], report: ImportReport) -> list[Pair]:
    """Pair by unique_id where both files have the id, and the remaining slides by order."""
    if len(zh_slides) != len(en_slides):
        report.warn(f"the Chinese file has {len(zh_slides)} slides and the English file {len(en_slides)}")

    def once(slides: list[Any]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for slide in slides:
            uid = slide_uid(slide)
            if uid:
                counts[uid] = counts.get(uid, 0) + 1
        return {uid: n for uid, n in counts.items() if n == 1}

    zh_ids, en_ids = once(zh_slides), once(en_slides)
    for slides, language in ((zh_slides, "zh"), (en_slides, "en")):
        for uid in sorted({u for u in map(slide_uid, slides) if u} - set(once(slides))):
            report.warn(f"the unique_id '{uid}' is used more than once in the {LANGUAGE_NAMES[language]} file; those slides are paired by order")
    shared = set(zh_ids) & set(en_ids)
    zh_by_id = {slide_uid(s): s for s in zh_slides if slide_uid(s) in shared}

    pairs: list[Pair] = []
    en_rest = [(i, s) for i, s in enumerate(en_slides, 1) if slide_uid(s) not in shared]
    zh_rest = [(i, s) for i, s in enumerate(zh_slides, 1) if slide_uid(s) not in shared]
    for i, slide in enumerate(en_slides, 1):
        uid = slide_uid(slide)
        if uid in shared:
            pairs.append(Pair(zh_by_id[uid], slide, _label(slide, i, "en")))
    if en_rest and zh_rest:
        if shared or any(slide_uid(s) for _, s in en_rest + zh_rest):
            report.warn(f"{len(en_rest)} English and {len(zh_rest)} Chinese slides have no unique_id found in both files; they are paired by order")
        else:
            report.warn("the slides have no unique_id, so they are paired by order: check that both files list the same stories in the same order")
    for en_item, zh_item in zip_longest(en_rest, zh_rest):
        en_slide = en_item[1] if en_item else None
        zh_slide = zh_item[1] if zh_item else None
        label = _label(en_slide, en_item[0], "en") if en_item else _label(zh_slide, zh_item[0], "zh")
        if en_item and zh_item:
            en_uid, zh_uid = slide_uid(en_slide), slide_uid(zh_slide)
            if en_uid and zh_uid and en_uid != zh_uid:
                report.warn(f"paired by order: English unique_id '{en_uid}' with Chinese '{zh_uid}'; check that they are the same story")
        else:
            missing = "Chinese" if en_item else "English"
            report.warn(f"{label} has no {missing} counterpart; the other language's text stands in")
        pairs.append(Pair(zh_slide, en_slide, label))
    return pairs
