"""Find text that does not fit: a label, button or era name cut short on any screen.

A visitor never sees "tier s" for "Qing frontier settlement": every visible label must be
at least as wide (and, when it wraps, as tall) as its text, every button as wide as its
caption, and the timeline may shorten an era's name only where no room is left for it.

    python -m kiosk.qt.layout_check 1920x1080 1080x1920   (QT_SCALE_FACTOR=2 for 4K at 200 %)

prints one JSON object: for each size, language and text size, what did not fit.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel, QPushButton, QStyle, QStyleOptionButton, QWidget

SLACK = 1.0  # a pixel of rounding between measuring and drawing


def clipped_texts(root: QWidget) -> list[str]:
    """Every visible text under `root` that is wider (or taller) than the widget showing it."""
    problems = [f"{label.objectName()}: {label.text()!r}" for label in _visible(root, QLabel) if _label_clipped(label)]
    problems += [f"{button.objectName()}: {button.text()!r}" for button in _visible(root, QPushButton) if _button_clipped(button)]
    timeline = getattr(getattr(root, "home", None), "timeline", None)
    if timeline is not None and timeline.isVisibleTo(root):
        timeline.repaint()
        metrics = QFontMetricsF(timeline._fonts["era"])
        problems += [f"era band: {title!r}" for title, rect in timeline.era_labels
                     if metrics.horizontalAdvance(title) > rect.width() + SLACK or rect.right() > timeline.width()]
    return problems


def _visible(root: QWidget, kind: type) -> Iterator:
    return (widget for widget in root.findChildren(kind) if widget.isVisibleTo(root) and widget.text() and widget.width() > 0)


def _label_clipped(label: QLabel) -> bool:
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    metrics = QFontMetricsF(label.font())
    if label.wordWrap():
        needed = metrics.boundingRect(QRect(0, 0, room.width(), 100_000).toRectF(), int(Qt.TextFlag.TextWordWrap | label.alignment()), label.text())
        return needed.height() > room.height() + SLACK or needed.width() > room.width() + SLACK
    lines = label.text().split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    return width > room.width() + SLACK or metrics.height() * len(lines) > room.height() + metrics.leading() * len(lines) + SLACK


def _button_clipped(button: QPushButton) -> bool:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    text = button.text().replace("&&", "&")
    return QFontMetricsF(button.font()).horizontalAdvance(text) > room.width() + SLACK


def screens(kiosk) -> Iterator[str]:
    """Show each screen a visitor can reach in turn, naming it: home, a story, a panel, the numbers, the attract loop."""
    session, window = kiosk.session, kiosk.window
    content = window.content
    session.show_screen("home")
    yield "home"
    longest = max(content.events, key=lambda event: len(event.title.get("en")) + len(event.summary.get("en")))
    for event in (content.events[0], longest):
        session.open_story(event.id)
        yield f"story {event.id}"
    session.close_card()
    if content.panels:
        session.open_panel(content.panels[0].id)
        yield f"panel {content.panels[0].id}"
        session.close_card()
    session.show_screen("numbers")
    yield "numbers"
    session.show_screen("home")
    if kiosk.mode is not None:
        kiosk.mode.idle.start_attract_now()
        yield "attract"
        kiosk.mode.attract.hide()
        kiosk.mode.tour.stop()


def check(kiosk, size: tuple[int, int]) -> dict[str, list[str]]:
    """What did not fit at `size`, per screen, in both languages, with large text off and on."""
    window = kiosk.window
    window.resize(*size)
    found: dict[str, list[str]] = {}
    kiosk.app.processEvents()
    window.resize(*size)
    if (window.width(), window.height()) != tuple(size):
        found[f"{size[0]}x{size[1]}"] = [f"the window needs {window.width()}x{window.height()}: part of it would be off the screen"]
    for language in ("zh", "en"):
        kiosk.session.set_language(language)
        for large in (False, True):
            kiosk.session.set_large_text(large)
            for screen in screens(kiosk):
                kiosk.app.processEvents()
                window.resize(*size)  # the header narrows only once it has been resized
                kiosk.app.processEvents()
                problems = clipped_texts(window)
                if (window.width(), window.height()) != tuple(size):
                    problems.append(f"the window needs {window.width()}x{window.height()}: part of it would be off the screen")
                if problems:
                    found[f"{size[0]}x{size[1]} {language} {'large' if large else 'normal'} text, {screen}"] = problems
    kiosk.session.set_large_text(False)
    return found


def main() -> None:
    from kiosk.config import Settings
    from kiosk.paths import OFFSCREEN_PLATFORM
    from kiosk.qt.app import create_app

    os.environ.setdefault("QT_QPA_PLATFORM", OFFSCREEN_PLATFORM)
    found: dict[str, list[str]] = {}
    for argument in sys.argv[1:]:
        size = tuple(int(part) for part in argument.split("x"))
        kiosk = create_app(Settings(idle_seconds=3600, attract_seconds=3600), size=size, kiosk_mode=True, windowed=True)
        found.update(check(kiosk, size))
        kiosk.close()
    print(json.dumps(found, ensure_ascii=False))


if __name__ == "__main__":
    main()
