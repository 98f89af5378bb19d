"""What the attract loop shows, in what order: one story at a time, era after era.

No Qt: the order and the texts are plain data, so they are tested without a screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kiosk.model import Content, Event

_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+")


def story_order(content: Content) -> list[Event]:
    """Stories era by era, one era's story at a time: the first story of each era, then the second
    of each, and so on, so a passer-by meets every era within a few turns. Illustrated stories
    come first within each era: the loop is led by its pictures."""
    per_era: list[list[Event]] = []
    for era in content.eras:
        stories = [event for event in content.events if event.era == era.id]
        stories.sort(key=lambda event: event.illustration is None)  # stable: date order within each kind
        if stories:
            per_era.append(stories)
    order: list[Event] = []
    for turn in range(max((len(stories) for stories in per_era), default=0)):
        order.extend(stories[turn] for stories in per_era if turn < len(stories))
    return order


def cycle(content: Content) -> Iterator[Event]:
    """The stories in the loop's order, for ever (nothing if there are none)."""
    order = story_order(content)
    while order:
        yield from order


def first_sentence(text: str) -> str:
    """The opening sentence of a summary, Chinese (ending 。！？) or English (. ! ? and a space)."""
    parts = _SENTENCE_END.split(text.strip(), maxsplit=1)
    return parts[0].strip() if parts else ""
