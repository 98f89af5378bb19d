"""Render the kiosk to PNG at the screen sizes museums use, in both languages.

    python -m kiosk.tools.screenshots OUT_DIR [--event ID] [--panel ID] [--references]

Runs offscreen, so it works on a build machine without a screen.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920), "4k": (1920, 1080)}
SCALE = {"4k": 2}  # 3840x2160 pixels at 200% scaling: 1920x1080 logical pixels


def main() -> None:
    from kiosk.paths import OFFSCREEN_PLATFORM

    os.environ.setdefault("QT_QPA_PLATFORM", OFFSCREEN_PLATFORM)
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--content", type=Path, default=None)
    parser.add_argument("--event", action="append", default=[])
    parser.add_argument("--panel", action="append", default=[])
    parser.add_argument("--numbers", action="store_true", help="also shoot every chart of the numbers screen")
    parser.add_argument("--references", action="store_true", help="also shoot each event's and panel's full references")
    parser.add_argument("--floor", action="store_true", help="also shoot large text, the idle countdown, the attract loop and the PIN pad")
    parser.add_argument("--decade", type=int, action="append", default=[], help="also shoot the timeline zoomed into this decade")
    parser.add_argument("--sizes", nargs="*", default=["landscape", "portrait"], choices=list(SIZES))
    args = parser.parse_args()
    scales = {SCALE.get(name, 1) for name in args.sizes}
    if len(scales) > 1:
        parser.error("shoot 4k in its own run: the scale factor is fixed when Qt starts")
    os.environ["QT_SCALE_FACTOR"] = str(scales.pop())
    from kiosk.config import Settings
    from kiosk.paths import CONTENT_DIR
    from kiosk.qt.app import create_app

    args.out.mkdir(parents=True, exist_ok=True)
    kiosk = None
    for size_name in args.sizes:
        for language in ("zh", "en"):
            if kiosk is None:
                kiosk = create_app(Settings(default_language=language), args.content or CONTENT_DIR, size=SIZES[size_name], kiosk_mode=args.floor)
            kiosk.window.resize(*SIZES[size_name])
            kiosk.session.set_language(language)
            kiosk.app.processEvents()
            kiosk.window.resize(*SIZES[size_name])  # again: the header only narrows once it has been resized
            kiosk.app.processEvents()
            timeline = kiosk.window.home.timeline
            shots = [("home", None, None)] + [(f"event-{e}", e, None) for e in args.event] + [(f"panel-{p}", None, p) for p in args.panel]
            shots += [(f"decade-{d}", None, None) for d in args.decade]
            for name, event_id, panel_id in shots:
                if name.startswith("decade-"):
                    decade = int(name.split("-")[1])
                    timeline.viewport.show(decade - 0.3, decade + 10.3)
                else:
                    timeline.viewport.show(timeline.viewport.lower - 3, timeline.viewport.upper + 3)
                if event_id:
                    kiosk.session.open_story(event_id)
                if panel_id:
                    kiosk.session.open_panel(panel_id)
                settle(kiosk.app)
                path = args.out / f"{name}-{size_name}-{language}.png"
                kiosk.window.grab().save(str(path))
                print(path)
                card = kiosk.window.event_card if event_id else kiosk.window.panel_card if panel_id else None
                if args.references and card is not None:
                    card.show_references()
                    kiosk.app.processEvents()
                    path = args.out / f"{name}-references-{size_name}-{language}.png"
                    kiosk.window.grab().save(str(path))
                    print(path)
                kiosk.session.close_card()
            if args.floor:
                shoot_floor(kiosk, args.out, f"{size_name}-{language}")
            if args.numbers:
                shoot_numbers(kiosk, args.out / f"numbers-{size_name}-{language}")
                kiosk.session.show_screen("home")


def settle(app) -> None:
    """Let every picture asked for arrive: the kiosk shows placeholders first, a screenshot should not."""
    from kiosk.qt.images import ImageLoader

    loader = ImageLoader.shared()
    quiet = 0
    while quiet < 5:  # the gallery asks for one picture per event-loop turn: a few quiet turns in a row
        app.processEvents()
        quiet = 0 if loader.busy else quiet + 1
        loader.wait()


def shoot_floor(kiosk, out: Path, suffix: str) -> None:
    window, mode = kiosk.window, kiosk.mode

    def save(name: str) -> None:
        settle(kiosk.app)
        path = out / f"{name}-{suffix}.png"
        window.grab().save(str(path))
        print(path)

    kiosk.session.open_story("cheap-flats-2019")
    kiosk.session.set_large_text(True)
    save("large-text")
    kiosk.session.set_large_text(False)
    kiosk.session.close_card()
    mode.countdown.show_seconds(7)
    save("countdown")
    mode.countdown.hide()
    mode.idle.start_attract_now()
    save("attract")
    mode.idle._end_attract()
    mode.open_pin_pad()
    save("pin-pad")
    mode.pin_pad.close_overlay()


def shoot_numbers(kiosk, stem: Path) -> None:
    """The numbers screen page by page, until every chart has been on screen."""
    kiosk.session.show_screen("numbers")
    kiosk.app.processEvents()
    bar = kiosk.window.numbers.scroll.verticalScrollBar()
    page, value = 0, 0
    while True:
        bar.setValue(value)
        kiosk.app.processEvents()
        path = Path(f"{stem}-{page}.png")
        kiosk.window.grab().save(str(path))
        print(path)
        if value >= bar.maximum():
            break
        page, value = page + 1, min(value + bar.pageStep(), bar.maximum())


if __name__ == "__main__":
    main()
