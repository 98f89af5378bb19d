"""A visitor taps a story: its card rises into place in a blink, and sinks away when closed."""

from PySide6.QtCore import QEasingCurve

from kiosk.qt.widgets.card_motion import MOTION_MS, motion_layer


def test_a_card_opens_with_a_short_eased_motion_and_is_open_from_the_first_frame(kiosk, qtbot):
    window = kiosk.window
    story = window.content.events[0]
    layer = motion_layer(window.stage)
    kiosk.session.open_story(story.id)
    assert window.event_card.isVisible() and window.event_card.event is story, "open at once, under the motion"
    assert layer.isVisible() and layer.animation.duration() == MOTION_MS <= 200
    assert layer.animation.easingCurve().type() == QEasingCurve.Type.OutCubic
    qtbot.waitUntil(lambda: not layer.isVisible(), timeout=2000)
    assert window.event_card.isVisible(), "the real card takes over when the motion ends"


def test_a_closed_card_is_gone_at_once_while_its_picture_sinks_away(kiosk, qtbot):
    window = kiosk.window
    layer = motion_layer(window.stage)
    kiosk.session.open_story(window.content.events[0].id)
    qtbot.waitUntil(lambda: not layer.isVisible(), timeout=2000)
    kiosk.session.close_card()
    assert not window.event_card.isVisible()
    assert layer.isVisible() and layer.animation.easingCurve().type() == QEasingCurve.Type.InCubic
    qtbot.waitUntil(lambda: not layer.isVisible(), timeout=2000)

