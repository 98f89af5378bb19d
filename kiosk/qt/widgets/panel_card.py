"""A culture panel, full screen, with buttons that jump to its related timeline events."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.i18n import _, active_language
from kiosk.model import Content, Panel
from kiosk.qt.language import translateUI
from kiosk.qt.widgets.common import plain_label, touch_button
from kiosk.qt.widgets.story_card import StoryCard


class PanelCard(StoryCard):
    eventRequested = Signal(str)  # noqa: N815
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
            button.clicked.connect(lambda _checked=False, b=button: self.eventRequested.emit(b.property("event_id")))
            self.extra_layout.addWidget(button)
            self._related.append(button)
        for index, button in enumerate(self._related):
            button.setProperty("event_id", panel.related_events[index] if index < len(panel.related_events) else "")
            button.setVisible(index < len(panel.related_events))
        index = self.content.panels.index(panel)
        self.set_story(panel, panel.illustration, (index, len(self.content.panels)))

    def translateUI(self) -> None:
        super().translateUI()
        if self.panel is None:
            return
        language = active_language()
        self.kicker.setText(_("Dongbei culture"))
        self.related_title.setText(_("On the timeline"))
        self.related_title.setVisible(bool(self.panel.related_events))
        for button in self._related:
            event = self.content.event(button.property("event_id") or "")
            button.setText("→  " + event.title.get(language) if event else "")
        self.sources.setText(self.sources_text(self.panel.sources))
        self.setAccessibleName(_("Culture panel: {title}").format(title=self.panel.title.get(language)))
