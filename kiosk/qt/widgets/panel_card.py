"""A gallery panel, full screen, with buttons that jump to its related stories.

A related id names a timeline event (the card closes and the timeline goes there) or, where
no event has that id, another panel (a story of today, say), which opens in place.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.i18n import _, active_language
from kiosk.model import Content, Panel
from kiosk.qt.language import translateUI
from kiosk.qt.widgets.common import plain_label, touch_button
from kiosk.qt.widgets.gallery import gallery_order, group_title
from kiosk.qt.widgets.story_card import StoryCard


class PanelCard(StoryCard):
    eventRequested = Signal(str)  # noqa: N815 - a related timeline story
    panelRequested = Signal(str)  # noqa: N815 - a related panel, opened in place
    name = "panel-card"

    def __init__(self, content: Content, parent: QWidget) -> None:
        super().__init__(content, parent, Content.panel)
        self.related_title = plain_label("CardDate", wrap=False)
        self.extra_layout.addWidget(self.related_title)
        self._related: list[QPushButton] = []
        translateUI(self)

    @property
    def panel(self) -> Panel | None:
        return self.item

    def present(self, panel: Panel) -> None:
        while len(self._related) < len(panel.related_events):  # a pool of buttons, reused panel after panel
            button = touch_button("RelatedButton")
            button.clicked.connect(lambda _checked=False, b=button: self.follow(b.property("related_id")))
            self.extra_layout.addWidget(button)
            self._related.append(button)
        for index, button in enumerate(self._related):
            button.setProperty("related_id", panel.related_events[index] if index < len(panel.related_events) else "")
            button.setVisible(index < len(panel.related_events))
        order = gallery_order(self.content)
        self.set_story(panel, panel.illustration, (order.index(panel), len(order)))

    def follow(self, related_id: str) -> None:
        """A related story opens on the timeline; a related panel (today's Hegang) opens in place."""
        if self.content.event(related_id) is not None:
            self.eventRequested.emit(related_id)
        elif self.content.panel(related_id) is not None:
            self.panelRequested.emit(related_id)

    def translateUI(self) -> None:
        super().translateUI()
        if self.panel is None:
            return
        language = active_language()
        self.kicker.setText(group_title(self.panel.group))
        self.related_title.setText(_("Related stories"))
        self.related_title.setVisible(bool(self.panel.related_events))
        for button in self._related:
            related_id = button.property("related_id") or ""
            item = self.content.event(related_id) or self.content.panel(related_id)
            button.setText("→  " + item.title.get(language) if item else "")
        kind = _("Culture panel: {title}") if self.panel.group == "culture" else _("Story of Hegang today: {title}")
        self.setAccessibleName(kind.format(title=self.panel.title.get(language)))
