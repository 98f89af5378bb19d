"""The one owner of the visitor's session, and the place other parts listen to.

Design: the `VisitorSession` (pure Python) is the single source of truth for language,
text size, screen, open card and chart taps. Widgets never change it themselves: they
ask this controller (`open_story`, `close_card`, `set_language` ...), which changes the
session and then says so with `changed`. The window draws whatever the session says
(`MainWindow.render`). The language itself lives in the session; the controller applies it
to gettext, babel and every registered `translateUI` (`kiosk.qt.language`).

An idle reset is a new visit: a new session in the default language (`new_visit`). A
content reload keeps the session and drops the ids the new content lacks (`set_content`);
a card the visitor closed is not in the session, so it can never come back.

Signals for listeners such as analytics (connect to them; no widget needs editing):

| signal | when |
| --- | --- |
| `visitStarted(visit)` / `visitEnded(visit, reason)` | a visit begins (start, after a reset) / ends (`idle`, `staff`) |
| `screenEntered(screen)` | `home` or `numbers` comes on screen |
| `storyOpened(id)` / `storyClosed(id)` | a timeline story's card opens / closes |
| `panelOpened(id)` / `panelClosed(id)` | a culture panel opens / closes |
| `chartOpened(series, index)` | a tapped chart value is shown (it stays until the visit ends) |
| `cardStepped(direction, how)` | the open card went to the next (+1) or previous (-1) item; how: `swipe`, `button` or `keypad` |
| `languageChanged(language)` | a switch, once every text has been re-read |
| `largeTextChanged(on)` | the visitor's text size |
| `reachChanged(on)` | reach mode: every control in the lower part of the screen |
| `contentReloaded(dropped)` | new content is shown; `dropped` lists what the session lost (`kind:id`) |
| `attractInterrupted()` | a touch ended the attract loop |
| `countdownSurvived()` / `countdownExpired()` | a touch answered "Still exploring?" / nobody did |

Pinches, swipes and flings as gestures are reported by `kiosk.qt.gestures.GestureEngine.recognized`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, SignalInstance

from kiosk.i18n import Catalogs
from kiosk.model import Content
from kiosk.qt.language import apply_language
from kiosk.qt.widgets.gallery import gallery_order
from kiosk.session import SCREENS, Screen, VisitorSession


class SessionController(QObject):
    changed = Signal()  # the session changed: views re-read it
    visitStarted = Signal(int)  # noqa: N815
    visitEnded = Signal(int, str)  # noqa: N815
    screenEntered = Signal(str)  # noqa: N815
    storyOpened = Signal(str)  # noqa: N815
    storyClosed = Signal(str)  # noqa: N815
    panelOpened = Signal(str)  # noqa: N815
    panelClosed = Signal(str)  # noqa: N815
    chartOpened = Signal(str, int)  # noqa: N815
    cardStepped = Signal(int, str)  # noqa: N815
    languageChanged = Signal(str)  # noqa: N815
    largeTextChanged = Signal(bool)  # noqa: N815
    reachChanged = Signal(bool)  # noqa: N815
    contentReloaded = Signal(list)  # noqa: N815
    attractInterrupted = Signal()  # noqa: N815
    countdownSurvived = Signal()  # noqa: N815
    countdownExpired = Signal()  # noqa: N815

    def __init__(self, catalogs: Catalogs, content: Content, default_language: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalogs = catalogs
        self.content = content
        self.default_language = default_language
        self.visitor = VisitorSession(language=default_language)  # the current visit's session
        apply_language(catalogs, default_language)

    # -- reading -----------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.visitor.language

    # -- the visitor's choices ---------------------------------------------------
    def set_language(self, language: str) -> None:
        if language == self.visitor.language:
            return
        self.visitor.language = language
        apply_language(self._catalogs, language)
        self.languageChanged.emit(language)

    def toggle_language(self) -> None:
        self.set_language("en" if self.visitor.language == "zh" else "zh")

    def set_large_text(self, on: bool) -> None:
        if on != self.visitor.large_text:
            self.visitor.large_text = on
            self.changed.emit()
            self.largeTextChanged.emit(on)

    def set_reach(self, on: bool) -> None:
        """Reach mode: every control moves into the lower part of the screen, until the idle reset."""
        if on != self.visitor.reach:
            self.visitor.reach = on
            self.changed.emit()
            self.reachChanged.emit(on)

    def show_screen(self, screen: Screen) -> None:
        if screen not in SCREENS:
            raise ValueError(f"no screen called {screen!r}")
        self._close_card()
        entered = screen != self.visitor.screen
        self.visitor.screen = screen
        self.changed.emit()
        if entered:
            self.screenEntered.emit(screen)

    def open_story(self, event_id: str) -> None:
        if self.content.event(event_id) is not None and self.visitor.story != event_id:
            self._close_card()
            self.visitor.open_story(event_id)
            self._opened(self.storyOpened, event_id)

    def open_panel(self, panel_id: str) -> None:
        if self.content.panel(panel_id) is not None and self.visitor.panel != panel_id:
            self._close_card()
            self.visitor.open_panel(panel_id)
            self._opened(self.panelOpened, panel_id)

    def _opened(self, signal: SignalInstance, item_id: str) -> None:
        self.changed.emit()
        signal.emit(item_id)

    def close_card(self) -> None:
        if self._close_card():
            self.changed.emit()

    def step_card(self, direction: int, how: str = "button") -> None:
        """The next (+1) or previous (-1) story or panel, in the order visitors read them (panels: the gallery's)."""
        session, content = self.visitor, self.content
        target = None
        if session.story is not None:
            neighbour = content.neighbour(session.story, direction)
            target = neighbour and ("story", neighbour.id)
        elif session.panel is not None:
            ids = [panel.id for panel in gallery_order(content)]
            index = ids.index(session.panel) + direction
            target = ("panel", ids[index]) if 0 <= index < len(ids) else None
        if not target:
            return
        kind, item_id = target
        (self.open_story if kind == "story" else self.open_panel)(item_id)
        self.cardStepped.emit(direction, how)

    def select_chart(self, series_id: str, index: int) -> None:
        if self.visitor.charts.get(series_id) != index:
            self.visitor.charts[series_id] = index
            self.changed.emit()
            self.chartOpened.emit(series_id, index)

    # -- visits and content ------------------------------------------------------------
    def start(self) -> None:
        """The first visit begins (once the window is built and listening)."""
        self.visitStarted.emit(self.visitor.visit)

    def new_visit(self, reason: str = "idle") -> None:
        """The next visitor: a new session, the home screen, the default language and text size."""
        ended = self.visitor
        self._close_card()
        self.visitor = VisitorSession.next_visit(ended, self.default_language)
        if ended.language != self.visitor.language:
            apply_language(self._catalogs, self.visitor.language)
            self.languageChanged.emit(self.visitor.language)
        self.visitEnded.emit(ended.visit, reason)
        self.changed.emit()
        if ended.large_text:
            self.largeTextChanged.emit(False)
        if ended.reach:
            self.reachChanged.emit(False)
        self.visitStarted.emit(self.visitor.visit)

    def set_content(self, content: Content) -> None:
        """New content (a curator's save, a staff reload): same visitor, ids resolved again."""
        self.content = content
        story, panel = self.visitor.story, self.visitor.panel
        dropped = self.visitor.resolve(content)
        self.contentReloaded.emit(dropped)  # views take the new content first ...
        self.changed.emit()  # ... then draw the session on it
        if story is not None and self.visitor.story is None:
            self.storyClosed.emit(story)
        if panel is not None and self.visitor.panel is None:
            self.panelClosed.emit(panel)

    def _close_card(self) -> bool:
        story, panel = self.visitor.story, self.visitor.panel
        self.visitor.close_card()
        if story is not None:
            self.storyClosed.emit(story)
        if panel is not None:
            self.panelClosed.emit(panel)
        return story is not None or panel is not None
