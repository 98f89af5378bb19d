"""The bibliography of an import: the timeline itself as a source of kind "timeline", and any seed documents.

Every imported item cites the timeline with a quote from it (the slide's headline, as the museum wrote
it), so the imported folder validates as it is, `--strict` included.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kiosk.curation.timelinejs.reading import slide_headline
from kiosk.curation.timelinejs.text import MAX_ID, both, short_slug, slugify

QUOTE_LIMIT = 600  # the schema's longest quote


def seed_source(file_name: str) -> dict[str, Any]:
    """A seed document named with --seed: "000_….txt" becomes seed-000, as in the bundled bibliography."""
    stem = Path(file_name).stem
    number = re.match(r"(\d{3})_", file_name)
    source_id = f"seed-{number.group(1)}" if number else f"seed-{slugify(stem, MAX_ID - 5)}".rstrip("-")
    return {"id": source_id, "kind": "seed", "file": file_name, "title": {"zh": stem, "en": stem}}


class Bibliography:
    """The sources an import writes to sources.json, and the citation every imported item carries."""

    def __init__(self, zh_doc: dict[str, Any], en_doc: dict[str, Any], zh_path: Path, en_path: Path, seeds: tuple[str, ...]) -> None:
        headlines = {language: slide_headline(doc.get("title")) for language, doc in (("zh", zh_doc), ("en", en_doc))}
        #: the title slide's headline, which stands for the whole timeline where an item has no headline of its own
        self.title_quote = headlines["zh"] or headlines["en"]
        if not any(headlines.values()):
            headlines = {"zh": en_path.stem, "en": en_path.stem}
        title = both(headlines)
        slug = short_slug(title["en"]) or short_slug(en_path.stem) or "imported"
        self.timeline = {
            "id": f"timeline-{slug}",
            "kind": "timeline",
            "title": title,
            "note": {
                "zh": f"用 hegang-kiosk import-timelinejs 从 TimelineJS 文件 {zh_path.name} 和 {en_path.name} 导入。",
                "en": f"Imported with hegang-kiosk import-timelinejs from the TimelineJS files {zh_path.name} and {en_path.name}.",
            },
        }
        self.seeds = [seed_source(name) for name in dict.fromkeys(seeds)]

    @property
    def entries(self) -> list[dict[str, Any]]:
        return [self.timeline, *self.seeds]

    def cite(self, quote: str) -> list[str | dict[str, str]]:
        """An item's sources: the timeline with `quote` (the supporting words, verbatim), then the seeds."""
        quote = " ".join(quote.split())[:QUOTE_LIMIT]
        timeline: str | dict[str, str] = {"source": self.timeline["id"], "quote": quote} if quote else self.timeline["id"]
        return [timeline, *(seed["id"] for seed in self.seeds)]
