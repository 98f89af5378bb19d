"""Every visitor can use the kiosk: a screen reader reads it, a keypad drives it, controls come within reach."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.config import Settings
from kiosk.paths import CONTENT_DIR
from kiosk.qt.accessibility import INTERACTIVE, walk

KEY = Qt.Key


def reader_view(window) -> list[tuple[QAccessible.Role, str, bool]]:
    """What a screen reader finds under the window: role, name and whether it is shown, for every node."""
    root = QAccessible.queryAccessibleInterface(window)
    return [(node.role(), node.text(QAccessible.Text.Name), not node.state().invisible) for _depth, node in walk(root)]


def nameless(window) -> list[str]:
    return [f"{role.name} (nameless)" for role, name, shown in reader_view(window) if shown and role in INTERACTIVE and not name.strip()]


def screens(kiosk):
    """The visitor's screens in turn: home, a story and its references, a culture panel, the numbers."""
    session = kiosk.session
    yield "home"
    session.open_story("soviet-army-1945")
    yield "story"
    kiosk.window.event_card.show_references()
    yield "references"
    session.open_panel(session.content.panels[0].id)
    yield "panel"
    session.show_screen("numbers")
    yield "numbers"
    session.show_screen("home")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_screen_reader_finds_a_name_for_every_control_on_every_screen(kiosk, qtbot, language):
    kiosk.session.set_language(language)
    for screen in screens(kiosk):
        qtbot.wait(1)
        assert nameless(kiosk.window) == [], f"{screen} in {language}"
    names = {name for _role, name, _shown in reader_view(kiosk.window)}
    gallery = kiosk.window.home.gallery.cards
    assert all(card.image.accessibleName() in names for card in gallery), "every gallery picture has a name"


def test_the_timeline_reads_its_stories_in_date_order_in_the_visitors_language(kiosk):
    content = kiosk.session.content
    timeline = QAccessible.queryAccessibleInterface(kiosk.window.home.timeline)
    assert timeline.role() == QAccessible.Role.List and timeline.text(QAccessible.Text.Name) == "鹤岗时间轴"
    stories = [timeline.child(i) for i in range(timeline.childCount())]
    assert len(stories) == len(content.events)
    assert all(story.role() == QAccessible.Role.Button for story in stories)
    index_1945 = content.index_of("soviet-army-1945")
    title = content.event("soviet-army-1945").title
    assert stories[index_1945].text(QAccessible.Text.Name) == f"1945年8月11日：{title.zh}"
    starts = [content.events[i].date.start for i in range(len(stories))]
    assert starts == sorted(starts), "date order"
    kiosk.session.set_language("en")
    assert stories[index_1945].text(QAccessible.Text.Name) == f"11 August 1945: {title.en}"
    assert timeline.text(QAccessible.Text.Name) == "Timeline of Hegang"
    shown = [story for story in stories if not story.state().invisible]
    assert shown and all(kiosk.window.geometry().contains(story.rect().center()) for story in shown)


def test_chart_bars_are_read_with_their_value(kiosk, qtbot):
    kiosk.session.show_screen("numbers")
    qtbot.wait(1)
    card = next(card for card in kiosk.window.numbers.cards if card.plot is not None)
    chart = QAccessible.queryAccessibleInterface(card)
    bars = [chart.child(i) for i in range(chart.childCount()) if chart.child(i).object() is None]  # the painted bars
    assert len(bars) == len(card.series.points)
    first = card.series.points[0]
    assert bars[0].role() == QAccessible.Role.Button
    assert bars[0].text(QAccessible.Text.Name) == card.detail_reading(0, "zh"), "read as the detail line writes it"
    assert first.label is None or first.label.zh in bars[0].text(QAccessible.Text.Name)


# -- the keypad ----------------------------------------------------------------------------------


def press(qtbot, window, *keys: KEY) -> None:
    """Keys as a keypad sends them: real key events, through the input router."""
    for key in keys:
        qtbot.keyClick(window, key)


def test_a_keypad_only_visit_opens_the_1945_story_switches_to_english_and_returns_home(kiosk, qtbot):
    window, session, keypad = kiosk.window, kiosk.session, kiosk.router.keypad
    timeline = window.home.timeline
    goal = session.content.index_of("soviet-army-1945")
    press(qtbot, window, KEY.Key_Right)
    assert keypad.ring.isVisible() and keypad.row == "timeline", "the first press shows where the focus is"
    for _step in range(len(session.content.events)):
        if timeline.keypad_index == goal:
            break
        press(qtbot, window, KEY.Key_Right if timeline.keypad_index < goal else KEY.Key_Left)
    assert timeline.keypad_index == goal
    press(qtbot, window, KEY.Key_Return)
    assert session.visitor.story == "soviet-army-1945" and window.event_card.isVisible()
    press(qtbot, window, KEY.Key_Up)
    assert keypad.row == "header"
    for _step in range(8):
        if keypad.target().widget is window.header.language_buttons["en"]:
            break
        press(qtbot, window, KEY.Key_Right)
    press(qtbot, window, KEY.Key_Enter)
    assert session.language == "en" and window.event_card.title.text() == session.content.event("soviet-army-1945").title.en
    press(qtbot, window, KEY.Key_Down)
    assert keypad.target().widget is window.event_card.close_button
    press(qtbot, window, KEY.Key_Return)
    assert session.visitor.story is None and session.visitor.screen == "home" and not window.event_card.isVisible()
    assert keypad.row == "timeline" and timeline.keypad_index == goal, "back on the timeline, at the story just read"


def test_the_keypad_steps_through_a_cards_stories_and_its_function_keys_switch_language_text_size_and_reach(kiosk, qtbot):
    window, session = kiosk.window, kiosk.session
    session.open_story("soviet-army-1945")
    press(qtbot, window, KEY.Key_Right, KEY.Key_Right)
    assert session.visitor.story == session.content.neighbour("soviet-army-1945", 1).id
    press(qtbot, window, KEY.Key_Left)
    assert session.visitor.story == "soviet-army-1945"
    card = window.event_card
    press(qtbot, window, KEY.Key_Down)
    assert kiosk.router.keypad.target().widget is card.credits
    press(qtbot, window, KEY.Key_Return)
    assert card.references.isVisible(), "the credits open the full references"
    press(qtbot, window, KEY.Key_Escape)
    assert not card.references.isVisible() and session.visitor.story == "soviet-army-1945", "Escape closes one layer at a time"
    press(qtbot, window, KEY.Key_Escape)
    assert session.visitor.story is None
    press(qtbot, window, KEY.Key_F1, KEY.Key_F2, KEY.Key_F3)
    assert session.language == "en" and session.visitor.large_text and session.visitor.reach


def test_the_keypad_moves_between_timeline_gallery_and_numbers(kiosk, qtbot):
    window, session, keypad = kiosk.window, kiosk.session, kiosk.router.keypad
    press(qtbot, window, KEY.Key_Down, KEY.Key_Down, KEY.Key_Down)
    assert keypad.row == "gallery"
    press(qtbot, window, KEY.Key_Right, KEY.Key_Return)
    assert session.visitor.panel == session.content.panels[1].id
    press(qtbot, window, KEY.Key_Back)
    assert session.visitor.panel is None
    for _step in range(4):
        press(qtbot, window, KEY.Key_Up)
    assert keypad.row == "header"
    press(qtbot, window, KEY.Key_Left, KEY.Key_Left, KEY.Key_Left, KEY.Key_Left, KEY.Key_Left, KEY.Key_Left)
    press(qtbot, window, KEY.Key_Right, KEY.Key_Return)
    assert session.visitor.screen == "numbers"
    press(qtbot, window, KEY.Key_Down, KEY.Key_Right, KEY.Key_Return)
    assert list(session.visitor.charts.values()) == [1], "the second value of the first chart is shown"


def test_the_focus_ring_is_at_least_3_px_and_a_touch_hides_it(kiosk, qtbot):
    from kiosk.qt.theme import FOCUS_RING

    keypad = kiosk.router.keypad
    press(qtbot, kiosk.window, KEY.Key_Down)
    ring = keypad.ring
    assert FOCUS_RING >= 3 and ring.isVisible()
    target = keypad.target()
    around = ring.geometry()
    assert around.contains(QWidget.mapTo(target.widget, ring.parentWidget(), target.rect().center()))
    qtbot.mouseClick(kiosk.window.home.timeline, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not ring.isVisible()


def test_lockdown_swallows_every_key_but_the_keypads_and_a_keypad_press_keeps_the_visit_alive(qtbot):
    from kiosk.qt.app import create_app

    kiosk = create_app(Settings(keypad_keys=("Left", "Right", "Return"), idle_seconds=10), CONTENT_DIR, size=(1920, 1080))
    try:
        window, router = kiosk.window, kiosk.router
        for key, modifiers in ((KEY.Key_F1, Qt.KeyboardModifier.NoModifier), (KEY.Key_A, Qt.KeyboardModifier.NoModifier),
                               (KEY.Key_Left, Qt.KeyboardModifier.AltModifier)):
            assert router.eventFilter(window, QKeyEvent(QEvent.Type.KeyPress, key, modifiers)) is True
        assert kiosk.session.language == "zh", "F1 is not an allowed key here: swallowed, nothing happens"
        idle = kiosk.mode.idle
        idle._start_countdown()
        with qtbot.waitSignal(kiosk.session.countdownSurvived, timeout=1000):
            press(qtbot, window, KEY.Key_Right)
        assert idle.state == "active"
    finally:
        kiosk.close()


# -- reach mode ----------------------------------------------------------------------------------


def interactive_widgets(window) -> list[QWidget]:
    """Everything a visitor touches: buttons, credits links, the timeline and the gallery's pictures."""
    from kiosk.qt.widgets.references import CreditsLink

    home = window.home
    widgets = [w for w in window.findChildren(QAbstractButton) + window.findChildren(CreditsLink) if w.isVisibleTo(window)]
    return [*widgets, home.timeline, *home.gallery.cards]


def test_reach_mode_moves_every_control_below_the_midline_of_a_portrait_screen(qtbot):
    from kiosk.qt.app import create_app

    kiosk = create_app(Settings(), CONTENT_DIR, size=(1080, 1920))
    try:
        window, session = kiosk.window, kiosk.session
        qtbot.waitUntil(window.windowHandle().isExposed)
        assert window.height() == 1920
        qtbot.mouseClick(window.header.reach_button, Qt.MouseButton.LeftButton)
        qtbot.wait(1)
        assert session.visitor.reach and window.height() == 1920
        midline = window.height() / 2

        def above_midline() -> list[str]:
            return [f"{w.objectName() or type(w).__name__} at y={w.mapTo(window, QPoint(0, 0)).y()}"
                    for w in interactive_widgets(window) if w.mapTo(window, QPoint(0, 0)).y() < midline]

        assert above_midline() == []
        session.open_story("soviet-army-1945")
        qtbot.wait(1)
        assert above_midline() == [], "an open card's buttons too"
        session.set_language("en")
        assert session.visitor.reach, "a language switch keeps reach mode"
        session.new_visit()
        qtbot.wait(1)
        assert not session.visitor.reach and not window.reach_space.isVisible(), "the idle reset ends it"
        assert window.header.mapTo(window, QPoint(0, 0)).y() == 0
    finally:
        kiosk.close()


# -- contrast and sizes --------------------------------------------------------------------------


def test_every_text_in_the_theme_has_enough_contrast_in_normal_and_large_text():
    from kiosk.contrast import ratio, required
    from kiosk.qt.theme import text_styles

    failures = []
    for style in text_styles():
        for scale in (1.0, Settings().large_text_scale):
            px = style.px * scale
            measured = ratio(style.color, style.background, style.behind)
            if measured < required(px, style.bold):
                failures.append(f"{style.name}: {style.color} on {style.background} at {px:.0f}px is {measured:.2f}:1, needs {required(px, style.bold)}:1")
    assert failures == []


def test_the_era_chips_and_the_focus_ring_stand_out_from_what_is_behind_them():
    from kiosk.contrast import LARGE_TEXT, NORMAL_TEXT, ratio
    from kiosk.model import load_content
    from kiosk.qt.main_window import chip_text_color
    from kiosk.qt.theme import PALETTE

    eras = load_content(CONTENT_DIR).content.eras
    chips = {era.id: round(ratio(chip_text_color(era.color), era.color), 2) for era in eras}
    assert {era: value for era, value in chips.items() if value < NORMAL_TEXT} == {}
    around = (("paper", PALETTE.paper), ("card", PALETTE.card), ("coal", PALETTE.coal), ("note", PALETTE.note))  # the ring sits outside its target
    rings = {name: max(ratio(PALETTE.focus, back), ratio(PALETTE.halo, back)) for name, back in around}
    assert {name: value for name, value in rings.items() if value < LARGE_TEXT} == {}


def test_every_text_is_at_least_16_px_and_every_styled_text_is_measured():
    import re

    from kiosk.qt.theme import MIN_TEXT, style_sheet, text_styles

    sheet = style_sheet("Sans", "Serif")
    sizes = [int(px) for px in re.findall(r"font-size: (\d+)px", sheet)]
    assert sizes and min(sizes) >= MIN_TEXT
    assert min(style.px for style in text_styles()) >= MIN_TEXT
    styled = set(re.findall(r"^#(\w+(?::\w+)?)[^{]*\{[^}]*font-size", sheet, re.MULTILINE))
    measured_elsewhere = {"EraChip"}  # in each era's own colour: the era chip test measures every one
    assert styled - measured_elsewhere - {style.name for style in text_styles()} == set(), "a styled text the contrast test does not know"


def test_every_touch_target_is_at_least_48_px(kiosk, qtbot):
    from kiosk.qt.theme import MIN_TOUCH

    window = kiosk.window
    small = []
    for _screen in screens(kiosk):
        qtbot.wait(1)
        for widget in interactive_widgets(window):
            if widget.isVisible() and (widget.width() < MIN_TOUCH or widget.height() < MIN_TOUCH):
                small.append(f"{widget.objectName()} {widget.width()}x{widget.height()}")
        for item in window.home.timeline.accessible_items():
            if not item.rect.isEmpty() and min(item.rect.width(), item.rect.height()) < MIN_TOUCH:
                small.append(f"timeline story {item.name} {item.rect.width()}x{item.rect.height()}")
    kiosk.session.show_screen("numbers")
    qtbot.wait(1)
    for card in window.numbers.cards:
        if card.plot is not None:
            column = card.plot.viewport().width() / len(card.series.points)  # a tap picks the nearest bar or point
            if column < MIN_TOUCH:
                small.append(f"chart {card.series.id}: {column:.0f}px per value")
    assert small == []


# -- take the story home -------------------------------------------------------------------------


def decode(widget: QWidget) -> list[str]:
    """Read QR codes as a phone would, from the widget as drawn on screen, with an independent decoder (zxing-cpp)."""
    import numpy as np
    import zxingcpp
    from PySide6.QtGui import QImage

    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())[:, : image.width()]
    return [code.text for code in zxingcpp.read_barcodes(np.ascontiguousarray(pixels))]


def test_a_story_card_shows_a_qr_code_that_a_phone_reads_as_the_storys_address_in_both_languages(qtbot):
    from kiosk.qt.app import create_app

    kiosk = create_app(Settings(story_url="https://museum.example/hegang/{id}?lang={lang}"), CONTENT_DIR, size=(1920, 1080))
    try:
        card = kiosk.window.event_card
        kiosk.session.open_story("soviet-army-1945")
        qtbot.wait(1)
        assert card.take_home.isVisible() and card.take_home.code.width() >= 150
        assert decode(card.card) == ["https://museum.example/hegang/soviet-army-1945?lang=zh"]
        kiosk.session.set_language("en")
        assert decode(card.card) == ["https://museum.example/hegang/soviet-army-1945?lang=en"]
        assert "https://museum.example/hegang/soviet-army-1945?lang=en" in card.take_home.accessibleName()
    finally:
        kiosk.close()


def test_without_a_story_address_no_code_is_shown(kiosk, qtbot):
    kiosk.session.open_story("soviet-army-1945")
    qtbot.wait(1)
    assert not kiosk.window.event_card.take_home.isVisible()
    assert decode(kiosk.window.event_card.card) == []


def test_a_screen_reader_walking_through_content_reloads_meets_only_live_controls(kiosk, qtbot):
    import dataclasses
    import gc

    session = kiosk.session
    session.show_screen("numbers")
    for dropped in (1, 2):
        before = len(reader_view(kiosk.window))
        content = session.content
        session.set_content(dataclasses.replace(content, panels=content.panels[:-1], series=content.series[:-1]))
        qtbot.wait(20)
        gc.collect()
        assert len(reader_view(kiosk.window)) < before, f"reload {dropped}: the dropped gallery card and chart are gone from the tree"
        assert nameless(kiosk.window) == []
