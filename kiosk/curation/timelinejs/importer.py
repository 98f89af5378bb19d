"""One import, start to end: read both files, pair slides, build events and eras, write the content folder."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path
from typing import Any

from kiosk.curation.timelinejs.eras import EraBuilder, assign_eras
from kiosk.curation.timelinejs.media import MediaCopier
from kiosk.curation.timelinejs.reading import TimelineJSError, pair_slides, read_timeline, slide_headline
from kiosk.curation.timelinejs.report import ImportReport
from kiosk.curation.timelinejs.slides import SlideImporter
from kiosk.curation.timelinejs.sources import Bibliography
from kiosk.curation.timelinejs.text import shorten
from kiosk.paths import SCHEMA_PATH, SEEDS_DIR

TOP_LEVEL_FIELDS = {"events", "title", "eras", "scale"}


def _check_seeds(seeds: tuple[str, ...], report: ImportReport) -> None:
    for seed in seeds:
        if not re.fullmatch(r"[^/\\]+\.txt", seed):
            raise TimelineJSError(f"the seed '{seed}' is not a seed file name: write the name of a file in seeds/, ending in .txt (e.g. 000_ca414db864f0f112.txt)")
    known = {p.name for p in SEEDS_DIR.glob("*.txt")} if SEEDS_DIR.is_dir() else set()
    for seed in seeds:
        if known and seed not in known:
            report.warn(f"the seed '{seed}' is not in {SEEDS_DIR}; the validator will report it until that file is there")


def dump(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def import_timelinejs(zh_path: Path, en_path: Path, out_dir: Path, *, seeds: tuple[str, ...] = ()) -> ImportReport:
    """Import a Chinese and an English TimelineJS file of one timeline into the content folder out_dir.

    Writes sources.json (the timeline itself as a source of kind "timeline", which every item cites with
    its headline as the quote, and the --seed documents), events.json, eras.json (when the source has
    eras; otherwise events.json also holds the one era 'imported'), a copy of the content schema and
    media/ with the local images. Raises
    TimelineJSError, worded for a curator, when an input file cannot be read or is not TimelineJS.
    """
    zh_path, en_path, out_dir = Path(zh_path), Path(en_path), Path(out_dir)
    zh_doc, en_doc = read_timeline(zh_path), read_timeline(en_path)
    outputs = {name: out_dir / name for name in ("sources.json", "events.json", "eras.json", SCHEMA_PATH.name)}
    for source in (zh_path, en_path):
        if any(source.resolve() == target.resolve() for target in outputs.values()):
            raise TimelineJSError(f"{source}: the import would overwrite its own input; choose another OUT_DIR")
    report = ImportReport(out_dir=out_dir)
    today = datetime.date.today().year
    _check_seeds(tuple(seeds), report)
    bibliography = Bibliography(zh_doc, en_doc, zh_path, en_path, tuple(seeds))
    media = MediaCopier(report, zh_path, en_path, out_dir)

    for document in (en_doc, zh_doc):
        for key in document:
            if key not in TOP_LEVEL_FIELDS:
                report.not_mapped(key, "not a field of TimelineJS's documented format; ignored")
        if document.get("scale") not in (None, "", "human"):
            report.not_mapped(f"scale '{document.get('scale')}'", "the kiosk's timeline shows the years from 1890 to today")
    title = next((d["title"] for d in (en_doc, zh_doc) if isinstance(d.get("title"), dict)), None)
    if title is not None:
        headline = slide_headline(title) or "(no headline)"
        report.not_mapped(f"title slide “{shorten(headline, 60)}”", "the kiosk has no title slide; its headline is the timeline's title in sources.json")

    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = pair_slides(zh_doc["events"], en_doc["events"], report)
    events = SlideImporter(report, bibliography, today, media).events(pairs)
    eras, source_has_eras = EraBuilder(report, bibliography, today).eras(zh_doc, en_doc, events)
    assign_eras(events, eras)

    others = sorted(p.name for p in out_dir.glob("*.json") if p.name not in outputs or (p.name == "eras.json" and not source_has_eras))
    for name in others:
        report.warn(f"{out_dir} also holds {name}; the kiosk loads every .json file of a content folder, so remove it if it is not part of this timeline")

    dump(outputs["sources.json"], {"$schema": f"./{SCHEMA_PATH.name}", "sources": bibliography.entries})
    report.written.append("sources.json")
    event_document: dict[str, Any] = {"$schema": f"./{SCHEMA_PATH.name}"}
    if not source_has_eras:
        event_document["eras"] = eras
    event_document["events"] = [event.data for event in events]
    dump(outputs["events.json"], event_document)
    report.written.append("events.json")
    if source_has_eras:
        dump(outputs["eras.json"], {"$schema": f"./{SCHEMA_PATH.name}", "eras": eras})
        report.written.append("eras.json")
    shutil.copyfile(SCHEMA_PATH, outputs[SCHEMA_PATH.name])
    report.written.append(SCHEMA_PATH.name)
    report.written.extend(f"media/{name}" for name in media.copied)
    report.imported = [event.data["id"] for event in events]
    report.eras = [era["id"] for era in eras]
    return report
