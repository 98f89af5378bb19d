"""Reading stories: next and previous, swipes, closing, and culture panels that lead to the timeline."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from test_timeline import drag


def test_next_and_previous_walk_the_events_in_date_order(kiosk, qtbot):
    card = kiosk.window.event_card
    events = kiosk.window.content.events
    kiosk.session.open_story(events[0].id)
    assert not card.previous_button.isEnabled()
    qtbot.mouseClick(card.next_button, Qt.MouseButton.LeftButton)
    assert card.event.id == events[1].id
    qtbot.mouseClick(card.previous_button, Qt.MouseButton.LeftButton)
    assert card.event.id == events[0].id
    assert card.next_button.height() >= 48 and card.close_button.width() >= 48


def test_a_swipe_on_the_card_turns_the_page(kiosk, qtbot):
    card = kiosk.window.event_card
    events = kiosk.window.content.events
    kiosk.session.open_story(events[5].id)
    centre = card.card.geometry().center()
    drag(qtbot, card, centre + QPoint(200, 0), centre - QPoint(200, 0))
    assert card.event.id == events[6].id
    drag(qtbot, card, centre - QPoint(200, 0), centre + QPoint(200, 0))
    assert card.event.id == events[5].id


def test_tapping_outside_the_card_returns_to_the_same_view(kiosk, qtbot):
    timeline = kiosk.window.home.timeline
    timeline.viewport.show(1926, 1936)
    view = (timeline.viewport.start, timeline.viewport.end)
    card = kiosk.window.event_card
    kiosk.session.open_story("railway-jiamusi-1926")
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(10, card.height() - 10))
    assert not card.isVisible()
    assert (timeline.viewport.start, timeline.viewport.end) == view


def test_a_culture_panel_opens_and_leads_to_its_timeline_story(kiosk, qtbot):
    window = kiosk.window
    gallery_card = window.home.gallery.cards[0]
    qtbot.mouseClick(gallery_card, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    panel = window.panel_card
    assert panel.isVisible()
    assert panel.title.text() == gallery_card.panel.title.zh
    related = [b for b in panel.findChildren(type(panel.next_button)) if b.objectName() == "RelatedButton"]
    assert related
    qtbot.mouseClick(related[0], Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    assert window.event_card.isVisible()
    assert window.event_card.event.id == gallery_card.panel.related_events[0]


def test_dragging_the_gallery_scrolls_it_without_opening_a_panel(kiosk, qtbot):
    gallery = kiosk.window.home.gallery
    card = gallery.cards[2]
    start = card.rect().center()
    drag(qtbot, card, start, start - QPoint(300, 0))
    assert gallery.horizontalScrollBar().value() > 200
    assert not kiosk.window.panel_card.isVisible()


def test_a_panel_lists_only_its_own_stories_in_the_visitors_language(kiosk, qtbot):
    from PySide6.QtWidgets import QPushButton

    panel = kiosk.window.panel_card
    kiosk.session.set_language("en")
    for panel_id in ("hot-pot", "errenzhuan"):
        kiosk.session.open_panel(panel_id)
        shown = [b.text() for b in panel.findChildren(QPushButton, "RelatedButton") if b.isVisibleTo(panel)]
        content = kiosk.window.content
        expected = [f"→  {(content.event(r) or content.panel(r)).title.en}" for r in panel.panel.related_events]
        assert shown == expected


def test_every_gallery_picture_arrives_soon_after_the_first_frame(kiosk, qtbot):
    cards = kiosk.window.home.gallery.cards
    qtbot.waitUntil(lambda: all(not card.image.pixmap().isNull() and not card.image_slot.waiting for card in cards), timeout=5000)
    placeholder_colour = cards[0].image.pixmap().toImage().pixelColor(0, 0)
    assert any(card.image.pixmap().toImage().pixelColor(170, 85) != placeholder_colour for card in cards), "the pictures, not placeholders"


def test_the_gallery_shows_dongbei_culture_then_hegang_today_under_their_headings(kiosk, qtbot):
    gallery = kiosk.window.home.gallery
    content = kiosk.window.content
    assert [heading.title.text() for heading in gallery.headings] == ["东北文化", "今日鹤岗"]
    culture, today = gallery.headings
    assert culture.x() < min(card.x() for card in gallery.cards if card.panel.group == "culture")
    assert max(card.x() for card in gallery.cards if card.panel.group == "culture") < today.x()
    assert today.x() < min(card.x() for card in gallery.cards if card.panel.group == "today")
    assert today.counter.text() == f"{len(content.panels_in('today'))}个故事  →"
    kiosk.session.set_language("en")
    assert today.title.text() == "Hegang today"


def test_a_culture_panel_leads_to_a_story_of_today_which_opens_in_place(kiosk, qtbot):
    from PySide6.QtWidgets import QPushButton

    panel = kiosk.window.panel_card
    kiosk.session.open_panel("industrial-heritage")
    assert panel.kicker.text() == "东北文化"
    button = next(b for b in panel.findChildren(QPushButton, "RelatedButton") if b.property("related_id") == "coal-tourism")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.isVisible() and panel.panel.id == "coal-tourism"
    assert panel.kicker.text() == "今日鹤岗"
    assert not kiosk.window.event_card.isVisible()
