"""A culture panel, full screen, with buttons that jump to its related timeline events."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.i18n import _, active_language
from kiosk.i18n.credits import credit_line
from kiosk.model import Content, Panel
from kiosk.qt.widgets.common import plain_label, touch_button
from kiosk.qt.widgets.story_card import StoryCard


class PanelCard(StoryCard):
    eventRequested = Signal(str)  # noqa: N815

    def __init__(self, content: Content, parent: QWidget) -> None:
        super().__init__(parent)
        self.content = content
        self.panel: Panel | None = None
        self.related_title = plain_label("CardDate", wrap=False)
        self.extra_layout.addWidget(self.related_title)
        self._related: list[QPushButton] = []
        self.stepped.connect(self.step)

    def show_panel(self, panel_id: str) -> None:
        panel = self.content.panel(panel_id)
        if panel is None:
            return
        self.panel = panel
        while len(self._related) < len(panel.related_events):  # a pool of buttons, reused panel after panel
            button = touch_button("RelatedButton")
            button.clicked.connect(lambda _checked=False, b=button: self.eventRequested.emit(b.property("event_id")))
            self.extra_layout.addWidget(button)
            self._related.append(button)
        for index, button in enumerate(self._related):
            button.setProperty("event_id", panel.related_events[index] if index < len(panel.related_events) else "")
            button.setVisible(index < len(panel.related_events))
        texts = {"title": panel.title, "summary": panel.summary, "body": panel.body, "note": panel.note}
        index = self.content.panels.index(panel)
        self.set_story(texts, panel.illustration, (index, len(self.content.panels)))
        if not self.isVisible():
            self.open()

    def step(self, direction: int) -> None:
        if self.panel is None:
            return
        index = self.content.panels.index(self.panel) + direction
        if 0 <= index < len(self.content.panels):
            self.show_panel(self.content.panels[index].id)

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
        self.sources.setText(credit_line(self.panel.sources, self.content, language))
        self.setAccessibleName(_("Culture panel"))
