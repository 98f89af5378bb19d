"""A visitor taps a story: its card rises into place in a blink, and sinks away when closed."""

from PySide6.QtCore import QEasingCurve, QPoint
from PySide6.QtGui import QColor

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



def test_the_screen_darkens_at_once_and_the_card_rises_once_it_is_drawn(kiosk, qtbot):
    """The first frame after a tap darkens the screen where it stands (nothing copied first);
    the card's picture is drawn after that frame, and the darkened screen stays as it was."""
    window = kiosk.window
    layer = motion_layer(window.stage)
    store = window.backingStore().paintDevice()
    spot = window.stage.mapTo(window, window.stage.rect().bottomLeft()) + QPoint(6, -6)  # beside the card
    ratio = store.devicePixelRatio()
    device_spot = QPoint(round(spot.x() * ratio), round(spot.y() * ratio))
    window.repaint()
    before = QColor(store.pixel(device_spot))

    kiosk.session.open_story(window.content.events[0].id)
    window.repaint()
    darkened = QColor(store.pixel(device_spot))
    assert darkened.lightness() < before.lightness() * 0.5, "the first frame answers the tap by darkening the screen"
    assert not layer.rising, "the card's face is drawn after that first frame"

    qtbot.waitUntil(lambda: layer.rising, timeout=2000)
    qtbot.waitUntil(lambda: not layer.isVisible(), timeout=2000)
    window.repaint()
    assert QColor(store.pixel(device_spot)) == darkened, "the screen behind the open card is darkened once, not twice"
