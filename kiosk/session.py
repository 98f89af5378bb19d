"""One visitor's time at the kiosk: what they chose, kept in one place and free of Qt.

A `VisitorSession` is the single record of a visit: language, text size, the screen they
are on, the story or culture panel they have open and the chart values they tapped. The
Qt layer draws what the session says and changes it only through its one owner
(`kiosk.qt.session_controller.SessionController`). A new visitor gets a new session; a
content reload keeps the session and drops what the new content no longer has.

More visitor state is one more field here, reset by `next_visit`, and one more request and
signal on the controller (as `reach`, the reach mode for wheelchair users and children).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kiosk.model import Content

Screen = Literal["home", "numbers"]
SCREENS: tuple[Screen, ...] = ("home", "numbers")


@dataclass
class VisitorSession:
    """What one visitor has chosen. At most one card is open: a story or a panel, never both."""

    language: str
    visit: int = 1
    large_text: bool = False
    reach: bool = False  # reach mode: every control in the lower part of the screen
    screen: Screen = "home"
    story: str | None = None  # the open timeline event's id
    panel: str | None = None  # the open culture panel's id
    charts: dict[str, int] = field(default_factory=dict)  # series id -> index of the tapped point

    @classmethod
    def next_visit(cls, previous: VisitorSession, language: str) -> VisitorSession:
        """A fresh session for the next visitor: nothing of the last one's choices survives."""
        return cls(language=language, visit=previous.visit + 1)

    def open_story(self, event_id: str) -> None:
        self.story, self.panel = event_id, None

    def open_panel(self, panel_id: str) -> None:
        self.story, self.panel = None, panel_id

    def close_card(self) -> None:
        self.story = self.panel = None

    def resolve(self, content: Content) -> list[str]:
        """Keep only what still exists in `content`; return what was dropped, as 'kind:id'."""
        dropped = []
        if self.story is not None and content.event(self.story) is None:
            dropped.append(f"story:{self.story}")
            self.story = None
        if self.panel is not None and content.panel(self.panel) is None:
            dropped.append(f"panel:{self.panel}")
            self.panel = None
        points = {series.id: len(series.points) for series in content.series}
        for series_id, index in list(self.charts.items()):
            if index >= points.get(series_id, 0):
                dropped.append(f"chart:{series_id}")
                del self.charts[series_id]
        return dropped
