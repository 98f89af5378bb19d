"""The content model: bilingual eras, events, panels and figure series.

Pure Python on purpose (an import-linter contract forbids Qt here), so curators' tools,
the validator and tests can load content without a screen.
"""

from kiosk.model.content import Content, Era, Event, Panel, Point, Series
from kiosk.model.dates import ContentDate, DateError, parse_date
from kiosk.model.loader import LoadResult, load_content
from kiosk.model.problems import Problem, Severity
from kiosk.model.text import LANGUAGES, Bilingual

__all__ = [
    "LANGUAGES",
    "Bilingual",
    "Content",
    "ContentDate",
    "DateError",
    "Era",
    "Event",
    "LoadResult",
    "Panel",
    "Point",
    "Problem",
    "Series",
    "Severity",
    "load_content",
    "parse_date",
]
