"""Import a Knight Lab TimelineJS timeline, kept as one JSON file per language, into a content folder.

TimelineJS (https://timeline.knightlab.com/docs/json-format.html) keeps a timeline as one object:
`events` (a list of slides), an optional `title` slide, optional `eras` and a `scale`. A slide has
`start_date` and `end_date` (date objects: year, month, day, hour, minute, second, millisecond,
display_date), `text` (headline and text, both HTML), `media` (url, caption, credit, thumbnail, alt,
title, link, link_target), `group`, `display_date`, `background`, `autolink` and `unique_id`. An era
has `start_date`, `end_date` and `text` (only its headline is used).

A museum's timeline comes as two files, one Chinese and one English. Their slides are paired by
`unique_id`, and by order where ids are missing, then written as this kiosk's bilingual events (and
eras). Everything that has no place in the kiosk is listed in the report, never silently dropped.

Pure Python (no Qt), so it runs on a curator's laptop:
`python -m kiosk.curation.timelinejs --zh zh.json --en en.json OUT_DIR [--seed NAME ...]`.

reading (files, pairing) → slides (events, with media) and eras → importer (writes the folder); report
holds what the curator is told, text and dates the conversions, cli the command line.
"""

from kiosk.curation.timelinejs.cli import main, parser
from kiosk.curation.timelinejs.importer import import_timelinejs
from kiosk.curation.timelinejs.reading import TimelineJSError
from kiosk.curation.timelinejs.report import ImportReport
from kiosk.curation.timelinejs.text import first_sentence, html_to_text, slugify

__all__ = ["ImportReport", "TimelineJSError", "first_sentence", "html_to_text", "import_timelinejs", "main", "parser", "slugify"]
