"""The kiosk's window: header with the language toggle, the home screen, and story overlays."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.contrast import readable_on
from kiosk.i18n import N_, _, active_language
from kiosk.model import Content
from kiosk.qt.fonts import FontSet
from kiosk.qt.gestures import ScrollSurface
from kiosk.qt.language import translateUI
from kiosk.qt.session_controller import SessionController
from kiosk.qt.theme import PALETTE
from kiosk.qt.widgets.common import keep_whole, plain_label, touch_button
from kiosk.qt.widgets.event_card import EventCard
from kiosk.qt.widgets.gallery import Gallery
from kiosk.qt.widgets.overlay import cover_parent
from kiosk.qt.widgets.panel_card import PanelCard
from kiosk.qt.widgets.timeline import TimelineView
from kiosk.session import VisitorSession

LANGUAGE_LABELS = (("zh", "中文"), ("en", "English"))  # each in its own language, never translated
REACH_LABEL = "低位操作 · Low controls"  # in both languages at once: whoever needs it finds it in theirs


class Header(QWidget):
    _reach = False  # reach mode shows the title at the top of the screen instead
    def __init__(self, session: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = plain_label("AppTitle", wrap=False)
        # it never holds the window wider than the screen: below 1360 pixels the header takes two rows and the title its own
        self.title.setMinimumWidth(1)
        self.subtitle = plain_label("AppSubtitle")
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        self.nav = QButtonGroup(self)
        self.nav_buttons = {}
        nav = QHBoxLayout()
        nav.setSpacing(12)
        for name in ("home", "numbers"):
            button = touch_button("NavTab", checkable=True)
            self.nav.addButton(button)
            nav.addWidget(button)
            self.nav_buttons[name] = button
        self.nav_buttons["home"].setChecked(True)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        toggle = QHBoxLayout()
        toggle.setSpacing(0)
        self.language_buttons = {}
        for code, label in LANGUAGE_LABELS:
            button = touch_button("LangButton", checkable=True)
            button.setText(label)
            button.clicked.connect(lambda _checked=False, c=code: session.set_language(c))
            self.buttons.addButton(button)
            toggle.addWidget(button)
            self.language_buttons[code] = button
        self.text_size = touch_button("TextSizeButton", checkable=True)
        self.text_size.setText("A+")
        self.reach_button = touch_button("ReachButton", checkable=True)
        self.reach_button.setText(REACH_LABEL)
        self.reach_button.clicked.connect(lambda: session.set_reach(not session.visitor.reach))
        toggle.addSpacing(16)
        toggle.addWidget(self.text_size)
        reach = QHBoxLayout()
        reach.addWidget(self.reach_button)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(40, 12, 40, 12)
        self.grid.setHorizontalSpacing(32)
        self.parts = (titles, nav, toggle, reach)
        self._narrow: bool | None = None
        translateUI(self)

    def show_session(self, visit: VisitorSession) -> None:
        """The tab of the visitor's screen and their text size, as the buttons' checked states."""
        self.nav_buttons[visit.screen].setChecked(True)
        self.text_size.setChecked(visit.large_text)
        self.text_size.setText("A" if visit.large_text else "A+")
        self.reach_button.setChecked(visit.reach)
        self._reach = visit.reach
        self.title.setVisible(not visit.reach)  # in reach mode the title is shown large at the top instead
        self._show_subtitle()

    def _show_subtitle(self) -> None:
        """A header on two rows over a short screen (1366x768) leaves the subtitle out, to keep the height."""
        short = bool(self._narrow) and self.window().height() < 900
        self.subtitle.setVisible(not self._reach and not short)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        narrow = self.width() < 1400  # below this the title, tabs, languages, A+ and reach button take two rows
        compact = self.width() < 1500  # with a smaller title, so the tabs keep their whole names
        if compact != bool(self.property("compact")):
            self.setProperty("compact", compact)
            self.grid.setContentsMargins(*((28, 10, 28, 10) if compact else (40, 12, 40, 12)))
            self.grid.setHorizontalSpacing(16 if compact else 32)
            self._show_reach_label()
            for label in (self.title, self.subtitle):
                label.style().unpolish(label)
                label.style().polish(label)
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self._show_subtitle()
        titles, nav, toggle, reach = self.parts
        for part in self.parts:
            self.grid.removeItem(part)
        if narrow:  # portrait: the title and the reach button on one line, tabs and languages below
            self.grid.addLayout(titles, 0, 0, 1, 2)
            self.grid.addLayout(reach, 0, 2)
            self.grid.addLayout(nav, 1, 0)
            self.grid.addLayout(toggle, 1, 2)
        else:
            self.grid.addLayout(titles, 0, 0)
            self.grid.addLayout(nav, 0, 1)
            self.grid.addLayout(toggle, 0, 2)
            self.grid.addLayout(reach, 0, 3)
        self.grid.setColumnStretch(0, 0 if narrow else 1)
        self.grid.setColumnStretch(1, 1 if narrow else 0)

    def _show_reach_label(self) -> None:
        """Both languages at once where there is room; on a compact header, the visitor's language only."""
        compact = bool(self.property("compact"))
        self.reach_button.setText(_("Low controls") if compact else REACH_LABEL)

    def translateUI(self) -> None:
        self._show_reach_label()
        self.title.setText(_("Hegang: A Coal City's Story"))
        self.subtitle.setText(_("From wild land in the 1890s to a shrinking city today"))
        self.language_buttons[active_language()].setChecked(True)
        for name, text in (("home", _("Timeline & culture")), ("numbers", _("Hegang in numbers"))):
            self.nav_buttons[name].setText(text.replace("&", "&&"))  # a lone & would mark a keyboard shortcut
            keep_whole(self.nav_buttons[name])
        for code, button in self.language_buttons.items():
            button.setAccessibleName(_("Show the exhibition in Chinese") if code == "zh" else _("Show the exhibition in English"))
        self.text_size.setAccessibleName(_("Larger text"))
        self.reach_button.setAccessibleName(_("Low controls: move every control into the lower half of the screen"))
        for button in self.nav_buttons.values():
            button.setAccessibleName(button.text().replace("&&", "&"))


def chip_text_color(background: str) -> str:
    """Dark or light text, whichever reads better on an era's colour."""
    return readable_on(background, PALETTE.coal, PALETTE.card)


class ReachSpace(QWidget):
    """The top of the screen in reach mode: the exhibition's title, and where the controls went. Nothing to touch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label("ReachTitle")
        self.subtitle = plain_label("ReachNote")
        self.note = plain_label("ReachNote")
        for label in (self.title, self.subtitle, self.note):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 28)
        layout.setSpacing(14)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addStretch(3)
        layout.addWidget(self.note)
        translateUI(self)

    def translateUI(self) -> None:
        self.title.setText(_("Hegang: A Coal City's Story"))
        self.subtitle.setText(_("From wild land in the 1890s to a shrinking city today"))
        self.note.setText(_("Low controls are on: everything you can touch is below, within reach.") + "  ↓")


class HomeScreen(QWidget):
    _reach = False  # reach mode: the headings make room for the controls
    """Timeline on top, culture gallery below; works in landscape and portrait."""

    SECTION_TEXT = (
        ("timeline_title", N_("Timeline")),
        ("timeline_hint", N_("Drag to travel through time. Tap a story to read it.")),
        ("culture_title", N_("Culture and the city today")),
        ("culture_hint", N_("Life, food and warmth in China's far northeast, and Hegang now. Tap a picture.")),
    )

    def __init__(self, content: Content, fonts: FontSet, today: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Home")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.content = content
        self.labels = {}
        for name, _text in self.SECTION_TEXT:
            self.labels[name] = plain_label("SectionTitle" if name.endswith("title") else "SectionHint", wrap=name.endswith("hint"))
        self.timeline = TimelineView(content, today, fonts.sans, fonts.serif)

        self.zoom_out = touch_button("ZoomButton")
        self.zoom_out.setText("−")
        self.zoom_in = touch_button("ZoomButton")
        self.zoom_in.setText("+")
        self.show_all = touch_button("ZoomButton")
        self.zoom_out.clicked.connect(lambda: self.timeline.zoom_by(1 / 1.6))
        self.zoom_in.clicked.connect(lambda: self.timeline.zoom_by(1.6))
        self.show_all.clicked.connect(self.timeline.show_all)
        self.era_chips: list[QPushButton] = []
        self.chip_row = QHBoxLayout()
        self.chip_row.setContentsMargins(0, 0, 0, 0)
        self.chip_row.setSpacing(10)
        self.chips = QWidget()
        self.chips.setLayout(self.chip_row)
        self._fill_chips()
        chip_scroll = QScrollArea()
        chip_scroll.setWidget(self.chips)
        chip_scroll.setWidgetResizable(True)
        chip_scroll.setFixedHeight(64)
        chip_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        chip_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chip_touch = ScrollSurface(chip_scroll, "x", "era-chips")

        self.gallery = Gallery(content)

        heading = QHBoxLayout()
        heading.addWidget(self.labels["timeline_title"])
        heading.addSpacing(20)
        heading.addWidget(self.labels["timeline_hint"], 1)
        controls = QHBoxLayout()
        controls.setSpacing(10)
        controls.addWidget(chip_scroll, 1)
        for button in (self.zoom_out, self.zoom_in, self.show_all):
            controls.addWidget(button)
        culture_heading = QHBoxLayout()
        culture_heading.addWidget(self.labels["culture_title"])
        culture_heading.addSpacing(20)
        culture_heading.addWidget(self.labels["culture_hint"], 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 14, 40, 14)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(self.timeline, 1)
        layout.addLayout(controls)
        layout.addSpacing(4)
        layout.addLayout(culture_heading)
        layout.addWidget(self.gallery)
        translateUI(self)

    def _fill_chips(self) -> None:
        for chip in self.era_chips:
            self.chip_row.removeWidget(chip)
            chip.deleteLater()
        while self.chip_row.count():
            self.chip_row.takeAt(0)
        self.era_chips = []
        for era in self.content.eras:
            chip = touch_button("EraChip")
            chip.setStyleSheet(f"background: {era.color}; color: {chip_text_color(era.color)};")
            chip.clicked.connect(lambda _checked=False, e=era.id: self.timeline.glide_to_era(e))
            chip.setProperty("era_id", era.id)
            chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # its whole name, always
            self.chip_row.addWidget(chip)
            self.era_chips.append(chip)
        self.chip_row.addStretch(1)

    def set_content(self, content: Content) -> None:
        self.content = content
        self.timeline.set_content(content)
        self._fill_chips()
        self.gallery.set_content(content)
        self.translateUI()

    def resizeEvent(self, event) -> None:
        """On a short screen (1366x768) the gallery's row is lower and the timeline's heading gives
        its height to the timeline."""
        super().resizeEvent(event)
        self.gallery.set_compact(self.height() < 900)
        self._show_headings()

    def set_reach(self, on: bool) -> None:
        """Reach mode: the section headings make room, so every control fits in the lower half."""
        self._reach = on
        self._show_headings()
        self.timeline.setMinimumHeight(240 if on else 200)  # 200: what a 1366x768 screen leaves it

    def _show_headings(self) -> None:
        short = self.height() < 700
        for name, label in self.labels.items():
            label.setVisible(not self._reach and not (short and name in ("timeline_title", "timeline_hint")))

    def reset(self) -> None:
        """For the next visitor: all years on the timeline, the gallery at its start."""
        self.timeline.reset()
        self.gallery.reset()
        self.chip_touch.reset()

    def translateUI(self) -> None:
        for name, text in self.SECTION_TEXT:
            self.labels[name].setText(_(text))
        self.zoom_in.setAccessibleName(_("Zoom in"))
        self.zoom_out.setAccessibleName(_("Zoom out"))
        self.show_all.setText(_("All years"))
        for chip in self.era_chips:
            era = self.content.era(chip.property("era_id"))
            chip.setText(era.title.get(active_language()))
            chip.setAccessibleName(_("Go to the era {era}").format(era=era.title.get(active_language())))
            keep_whole(chip)
        self.chips.setMinimumWidth(self.chip_row.sizeHint().width())  # the strip scrolls; a chip never shrinks


class MainWindow(QMainWindow):
    """Header always on top; below it the screens and the story overlays, which never cover the header.

    It draws the visitor's session (`render`) and passes visitors' requests to its owner.
    """

    resized = Signal()  # the keypad's focus ring follows what it surrounds

    def __init__(self, session: SessionController, fonts: FontSet, today: float, story_url: str = "") -> None:
        super().__init__()
        self.session = session
        self.fonts = fonts
        content = session.content
        central = QWidget()
        central.setObjectName("Screen")
        self.header = Header(session)
        self.stage = QWidget()
        self.screens = QStackedLayout(self.stage)
        self.home = HomeScreen(content, fonts, today)
        self.screens.addWidget(self.home)
        self.numbers = None  # built on first visit, so pyqtgraph costs nothing at start
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._problems: list[str] = []
        self.banner = plain_label("ProblemBanner")
        self.banner.hide()
        self.reach_space = ReachSpace()
        self.reach_space.hide()
        self.layout_ = layout
        layout.addWidget(self.reach_space)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.stage, 1)
        self.setCentralWidget(central)

        self.event_card = EventCard(content, self.stage, story_url)
        self.panel_card = PanelCard(content, self.stage)
        self.home.timeline.eventTapped.connect(session.open_story)
        self.home.gallery.panelTapped.connect(session.open_panel)
        for card in (self.event_card, self.panel_card):
            card.closed.connect(session.close_card)
            card.stepped.connect(session.step_card)
        self.panel_card.eventRequested.connect(self.open_event_from_panel)
        self.panel_card.panelRequested.connect(session.open_panel)
        self.header.nav_buttons["home"].clicked.connect(lambda: session.show_screen("home"))
        self.header.nav_buttons["numbers"].clicked.connect(lambda: session.show_screen("numbers"))
        self.header.text_size.clicked.connect(lambda: session.set_large_text(not session.visitor.large_text))
        session.changed.connect(self.render)
        session.contentReloaded.connect(self._take_content)
        session.visitStarted.connect(self._reset_screens)
        self._large_text_shown: bool | None = False  # what the reading labels show; None: new labels to mark
        self._reach_shown = False
        translateUI(self)

    @property
    def content(self) -> Content:
        return self.session.content

    def _numbers_screen(self):
        if self.numbers is None:
            from kiosk.qt.numbers.screen import NumbersScreen

            self.numbers = NumbersScreen(self.content, self.fonts.sans)
            self.numbers.pointTapped.connect(self.session.select_chart)
            self.screens.addWidget(self.numbers)
            self._large_text_shown = None
        return self.numbers

    def render(self) -> None:
        """Make the screen show what the session says; what already matches is left alone."""
        visit = self.session.visitor
        screen = self._numbers_screen() if visit.screen == "numbers" else self.home
        if self.screens.currentWidget() is not screen:
            self.screens.setCurrentWidget(screen)
        self.header.show_session(visit)
        self.event_card.show_item(visit.story)
        self.panel_card.show_item(visit.panel)
        if self.numbers is not None:
            self.numbers.show_selection(visit.charts)
        if visit.large_text != self._large_text_shown:
            self._mark_reading_text(visit.large_text)
        if visit.reach != self._reach_shown:
            self._show_reach(visit.reach)

    def _show_reach(self, on: bool) -> None:
        """Reach mode: a quiet space fills the top, the screens sit below it and the header goes to the bottom."""
        self._reach_shown = on
        self.layout_.removeWidget(self.header)
        self.layout_.insertWidget(self.layout_.count() if on else 1, self.header)
        self.reach_space.setVisible(on)
        self.home.set_reach(on)
        self._size_reach_space()

    def _size_reach_space(self) -> None:
        """The top space takes half the window, or less where the screens need more (a landscape screen)."""
        if self._reach_shown:
            for part in (self.home, self.header):
                part.layout().activate()  # the hidden headings must be out of the minimum first
            height = self.centralWidget().height()
            needed = self.header.minimumSizeHint().height() + self.stage.minimumSizeHint().height()
            self.reach_space.setFixedHeight(max(min(height // 2, height - needed), 0))  # never more than there is room for

    def _mark_reading_text(self, on: bool) -> None:
        """Re-polish only the reading labels: restyling the whole app would take a second."""
        from kiosk.qt.theme import READING

        self._large_text_shown = on
        for label in self.findChildren(QLabel):
            if label.objectName() in READING and bool(label.property("largeText")) != on:
                label.setProperty("largeText", on)
                label.style().unpolish(label)
                label.style().polish(label)
                label.updateGeometry()

    def _take_content(self) -> None:
        content = self.content
        for view in (self.home, self.numbers, self.event_card, self.panel_card):
            if view is not None:
                view.set_content(content)
        self._large_text_shown = None  # new gallery and chart labels follow the visitor's text size

    def _reset_screens(self) -> None:
        for view in (self.home, self.numbers):
            if view is not None:
                view.reset()

    def show_problems(self, lines: list[str]) -> None:
        """The curator's banner (preview only): what is wrong and where; empty hides it."""
        self._problems = lines
        self.banner.setVisible(bool(lines))
        self.translateUI()

    def open_event_from_panel(self, event_id: str) -> None:
        self.home.timeline.center_on(event_id)
        self.session.open_story(event_id)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_reach_space()
        self.resized.emit()
        for overlay in (self.event_card, self.panel_card):
            if overlay.isVisible():
                cover_parent(overlay)

    def translateUI(self) -> None:
        self.setWindowTitle(_("Hegang: A Coal City's Story"))
        if self._problems:
            heading = _("The content has errors; the kiosk keeps showing the last good version. Fix these and save:")
            self.banner.setText("\n".join([heading, *self._problems]))
