"""Credits and full references, worded for visitors: titles and publishers, never file names.

A card ends with one short credit line; a tap opens the full references. Both are built here,
without Qt, so the words are the same on every screen and tests can read them directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n.catalogs import N_, _, ngettext
from kiosk.i18n.formatting import format_date
from kiosk.model.content import Citation, Content, Source

#: Kinds whose long headlines stay out of the credit line: publisher and date say enough there.
_CREDITED_BY_PUBLISHER = ("news", "statistics")

KIND_NAMES = {
    "seed": N_("Background text"),
    "encyclopedia": N_("Encyclopedia"),
    "statistics": N_("Official statistics"),
    "news": N_("News report"),
    "chronicle": N_("Chronicle"),
    "local-history": N_("Local history"),
    "journal": N_("Journal article"),
    "book": N_("Book"),
    "archive": N_("Archive"),
    "interview": N_("Interview"),
    "timeline": N_("Imported timeline"),
}


def quoted_title(title: str, language: str) -> str:
    return f"《{title}》" if language == "zh" else f"“{title}”"


def _short_credit(source: Source, language: str) -> str:
    """《鹤岗》，维基百科（英文版） / “Hegang”, Wikipedia (English); 新华社，2009年11月 for news."""
    publisher = source.publisher.get(language) if source.publisher else source.author
    if source.kind in _CREDITED_BY_PUBLISHER and publisher:
        parts = [publisher, format_date(source.date, language) if source.date else None]
    else:
        parts = [quoted_title(source.title.get(language), language), publisher]
    return ("，" if language == "zh" else ", ").join(part for part in parts if part)


def cited_sources(citations: tuple[Citation, ...], content: Content) -> list[Source]:
    """The sources behind citations, each once, in citation order; unknown ids are skipped."""
    found: dict[str, Source] = {}
    for citation in citations:
        source = content.source(citation.source)
        if source is not None:
            found.setdefault(source.id, source)
    return list(found.values())


def credit_line(citations: tuple[Citation, ...], content: Content, language: str) -> str:
    """来源：《鹤岗》，不列颠百科全书 · 新华社，2009年11月 — what a card ends with."""
    credits = list(dict.fromkeys(_short_credit(source, language) for source in cited_sources(citations, content)))
    if not credits:
        return ""
    return ngettext("Source: {credits}", "Sources: {credits}", len(credits)).format(credits=" · ".join(credits))


@dataclass(frozen=True, slots=True)
class Reference:
    """One full reference: a heading, then (label, value) lines, all plain text."""

    heading: str
    lines: tuple[tuple[str, str], ...]


def references(citations: tuple[Citation, ...], content: Content, language: str) -> list[Reference]:
    """Each cited source once, in full: title, kind, publisher, author, dates, URL, every quote
    the item takes from it (with its page), and the note."""
    quoted: dict[str, list[Citation]] = {}
    for citation in citations:
        quoted.setdefault(citation.source, []).append(citation)
    found = []
    for source in cited_sources(citations, content):
        lines: list[tuple[str, str | None]] = [
            (_("Kind"), _(KIND_NAMES.get(source.kind, source.kind))),
            (_("Publisher"), source.publisher.get(language) if source.publisher else None),
            (_("Author"), source.author),
            (_("Published"), format_date(source.date, language) if source.date else None),
            (_("Web address"), source.url),
            (_("Read on"), format_date(source.accessed, language) if source.accessed else None),
        ]
        for citation in quoted[source.id]:
            lines += [(_("Quote"), citation.quote), (_("Page or section"), citation.at)]
        lines.append((_("Note"), source.note.get(language) if source.note else None))
        found.append(Reference(quoted_title(source.title.get(language), language), tuple((k, v) for k, v in lines if v)))
    return found
