"""The card of one timeline event; previous/next walk the events in date order."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.i18n import _, active_language, format_date
from kiosk.model import Content, Event
from kiosk.qt.language import translateUI
from kiosk.qt.widgets.story_card import StoryCard


class EventCard(StoryCard):
    name = "story-card"

    def __init__(self, content: Content, parent: QWidget, story_url: str = "") -> None:
        super().__init__(content, parent, Content.event)
        self.story_url = story_url  # the `story_url` setting: a web address template with {id} and {lang}
        translateUI(self)

    @property
    def event(self) -> Event | None:
        return self.item

    def present(self, event: Event) -> None:
        era = self.content.era(event.era)
        image = event.illustration or (era.illustration if era else None)
        self.set_story(event, image, (self.content.index_of(event.id), len(self.content.events)))

    def translateUI(self) -> None:
        super().translateUI()
        if self.event is None:
            return
        language = active_language()
        era = self.content.era(self.event.era)
        era_title = era.title.get(language) if era else ""
        self.kicker.setText(f"{format_date(self.event.date, language)}  ·  {era_title}")
        self.take_home.set_url(self.story_url.format(id=self.event.id, lang=language) if self.story_url else "")
        self.setAccessibleName(_("Story card: {title}").format(title=self.event.title.get(language)))
