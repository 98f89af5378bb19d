"""Pictures never freeze the screen: a curator's giant scan or a monstrous SVG shows a placeholder, not a stall."""

from __future__ import annotations

import gc
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from conftest import edit_json
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor

from kiosk.qt.images import MAX_SVG_DEPTH, MAX_SVG_ELEMENTS, svg_problem
from kiosk.qt.theme import PALETTE

EVENT = "soviet-army-1945"
FRAME_BUDGET_S = 0.050  # the bound: no frame waits longer than 50 ms


def png(width: int, height: int) -> bytes:
    """A valid 1-bit grey PNG of any size, written by hand: the rows are zeros, so it compresses to almost nothing."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)
    rows = zlib.compressobj(1)
    body = b"".join(rows.compress(row) for _ in range(height)) + rows.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def svg(elements: int) -> bytes:
    rect = b'<rect x="1" y="1" width="5" height="5" fill="#a4452c"/>\n'
    return b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">\n' + rect * elements + b"</svg>\n"


class FrameGaps:
    """The longest time the screen's event loop went without a turn, sampled by a 1 ms timer."""

    def __init__(self, parent) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(parent)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def kiosk_with_picture(qtbot, content_copy: Path):
    """The kiosk on a content folder whose 1945 story shows the curator's own picture, media/picture.*"""
    from kiosk.config import Settings
    from kiosk.qt.app import create_app

    def start(suffix: str):
        media = content_copy / "media"
        media.mkdir()
        picture = media / f"picture{suffix}"
        picture.write_bytes(png(64, 48) if suffix == ".png" else svg(3))

        def use_picture(data: dict) -> None:
            next(event for event in data["events"] if event["id"] == EVENT)["illustration"] = f"media/picture{suffix}"

        edit_json(content_copy / "events.json", use_picture)
        built = create_app(Settings(default_language="en"), content_copy, size=(1920, 1080))
        qtbot.waitUntil(built.window.windowHandle().isExposed)
        card = built.window.event_card
        built.session.open_story(EVENT)  # a visitor has read it once: the card is laid out, the small picture cached
        qtbot.waitUntil(lambda: not card.image.slot.waiting, timeout=5000)
        assert not card.image.pixmap().isNull()
        built.session.close_card()
        started.append(built)
        return built, picture

    started: list = []
    yield start
    for built in started:
        built.close()
    qtbot.wait(1)


@pytest.mark.parametrize(
    ("suffix", "replacement"),
    [(".png", lambda: png(20_000, 20_000)), (".svg", lambda: svg(50 * 2**20 // 56))],
    ids=["20000x20000-png", "50mb-svg"],
)
def test_a_giant_picture_swapped_in_by_a_curator_never_freezes_a_frame(kiosk_with_picture, qtbot, suffix, replacement):
    kiosk, picture = kiosk_with_picture(suffix)
    picture.write_bytes(replacement())  # after the check at load time, as a curator's late save would
    card = kiosk.window.event_card
    longest: list[float] = []
    # up to three visitors open the story: a busy test machine may pause the process once, but a picture
    # decoded on the screen's thread would hold the frame every time
    for _visitor in range(3):
        os.utime(picture)  # a newer file each time, so it is looked at afresh, not refused from memory
        gc.collect()
        gaps = FrameGaps(kiosk.window)
        qtbot.wait(20)
        kiosk.session.open_story(EVENT)
        assert card.isVisible()
        assert card.image.slot.waiting, "the picture is decoded on a worker thread"
        assert card.image.pixmap().toImage().pixelColor(5, 5) == QColor(PALETTE.paper), "a placeholder holds its place"
        qtbot.waitUntil(lambda: not card.image.slot.waiting, timeout=10_000)
        qtbot.wait(30)
        gaps.stop()
        assert card.image.pixmap().isNull(), "a refused picture is left out"
        assert card.title.text() == kiosk.window.content.event(EVENT).title.en
        kiosk.session.close_card()
        longest.append(gaps.longest)
        if gaps.longest < FRAME_BUDGET_S:
            break
    assert min(longest) < FRAME_BUDGET_S, f"a frame waited {', '.join(f'{gap * 1000:.0f}' for gap in longest)} ms"


def test_an_svg_is_refused_before_rendering_when_it_is_too_complex():
    assert svg_problem(svg(10)) == ""
    assert "elements" in svg_problem(svg(MAX_SVG_ELEMENTS + 1))
    deep = b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * MAX_SVG_DEPTH + b"</g>" * MAX_SVG_DEPTH + b"</svg>"
    assert "deep" in svg_problem(deep)
    laughs = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg>&b;</svg>'
    assert "entities" in svg_problem(laughs)
    assert "not well-formed" in svg_problem(b"<svg><rect></svg>")
