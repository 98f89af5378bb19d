"""The card of one timeline event; previous/next walk the events in date order."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.i18n import _, active_language, format_date
from kiosk.model import Content, Event
from kiosk.qt.widgets.story_card import StoryCard


class EventCard(StoryCard):
    eventShown = Signal(str)  # noqa: N815

    def __init__(self, content: Content, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.content = content
        self.event: Event | None = None
        self.stepped.connect(self.step)

    def show_event(self, event_id: str) -> None:
        event = self.content.event(event_id)
        if event is None:
            return
        self.event = event
        era = self.content.era(event.era)
        image = event.illustration or (era.illustration if era else None)
        texts = {"title": event.title, "summary": event.summary, "body": event.body, "note": event.note}
        self.set_story(texts, image, (self.content.index_of(event.id), len(self.content.events)), event.sources)
        if not self.isVisible():
            self.open()
        self.eventShown.emit(event.id)

    def step(self, direction: int) -> None:
        if self.event is not None:
            neighbour = self.content.neighbour(self.event.id, direction)
            if neighbour is not None:
                self.show_event(neighbour.id)

    def translateUI(self) -> None:
        super().translateUI()
        if self.event is None:
            return
        language = active_language()
        era = self.content.era(self.event.era)
        era_title = era.title.get(language) if era else ""
        self.kicker.setText(f"{format_date(self.event.date, language)}  ·  {era_title}")
        self.setAccessibleName(_("Story card"))
