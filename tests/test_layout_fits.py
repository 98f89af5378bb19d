"""Every text a visitor can reach fits its place, on the screens museums hang.

1366×768 touch monitors, 1920×1080, 1080×1920 portrait, and 4K at 200 % in both
orientations; in Chinese and English, with large text off and on. One window per size;
language and text size switch in place, as a visitor switches them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kiosk.i18n.formatting import format_axis_value, format_axis_values, unit_name
from kiosk.paths import CONTENT_DIR, OFFSCREEN_PLATFORM_4K
from kiosk.viewport import place_labels


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080), (1080, 1920)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_no_label_button_or_era_name_is_cut_short(qtbot, size):
    from kiosk.config import Settings
    from kiosk.qt.app import create_app
    from kiosk.qt.layout_check import check

    kiosk = create_app(Settings(idle_seconds=3600, attract_seconds=3600), CONTENT_DIR, size=size, windowed=True)
    try:
        qtbot.waitUntil(kiosk.window.windowHandle().isExposed)
        assert check(kiosk, size) == {}
    finally:
        kiosk.close()


def test_on_a_4k_screen_at_200_percent_nothing_is_cut_short_either():
    """Fonts are hinted differently at twice the pixels: the 4K screens run in a process of their own."""
    env = dict(os.environ, QT_QPA_PLATFORM=OFFSCREEN_PLATFORM_4K, QT_SCALE_FACTOR="2")
    done = subprocess.run([sys.executable, "-m", "kiosk.qt.layout_check", "1920x1080", "1080x1920"],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.splitlines()[-1]) == {}


def test_a_narrow_eras_name_runs_on_over_its_neighbour_instead_of_being_cut():
    bands = [(0.0, 300.0, 200.0), (300.0, 360.0, 240.0), (360.0, 1000.0, 180.0)]  # the middle era is 60 px wide
    spots = place_labels(bands, 1000.0)
    assert [(spot.index, spot.width) for spot in spots] == [(0, 200.0), (1, 240.0), (2, 180.0)], "all three whole"
    assert (spots[1].left < 360.0 and spots[1].row != spots[2].row) or spots[2].left >= spots[1].left + 240.0


def test_an_era_name_no_row_has_room_for_is_left_to_the_chips_never_cut():
    bands = [(0.0, 230.0, 180.0), (230.0, 460.0, 180.0), (460.0, 700.0, 180.0)]  # three names, one row of room
    spots = place_labels(bands, 700.0, rows=1)
    assert all(spot.width == 180.0 for spot in spots) and len(spots) == 3
    crowded = place_labels([(0.0, 100.0, 250.0), (100.0, 200.0, 250.0), (200.0, 300.0, 250.0)], 300.0, rows=2)
    assert 1 not in [spot.index for spot in crowded], "the middle name has no room on either row"
    assert all(spot.width == 250.0 and spot.left >= 0 and spot.left + spot.width <= 300.0 for spot in crowded)


def test_chart_ticks_carry_numbers_and_the_axis_title_names_the_unit_once():
    assert format_axis_value(1_200_000, "people", "en") == "1.2 million"
    assert format_axis_value(1_200_000, "people", "zh") == "120万"
    assert (unit_name("people", "en"), unit_name("people", "zh")) == ("people", "人")
    assert format_axis_value(-15.8, "percent", "en") == "\u221215.8\u00a0%", "a true minus and a no-break space stay"
    assert unit_name("percent", "en") == "", "a percentage needs no axis title"


def test_a_charts_numbers_are_written_in_one_form_the_largest_picks():
    """The population chart in English: 1.06 million beside 0.89 million, never beside 891,271."""
    censuses = [1_058_665, 1_090_000, 891_271]
    assert format_axis_values(censuses, "people", "en") == ["1.06 million", "1.09 million", "0.89 million"]
    assert format_axis_values(censuses, "people", "zh") == ["105.9万", "109万", "89.1万"]
    assert format_axis_values([0, 500_000, 1_000_000], "people", "en") == ["0", "0.5 million", "1 million"]
    assert format_axis_values([120, 80], "rmb", "en") == ["120", "80"], "small numbers are written out"
    assert format_axis_values([-15.8, 3.2], "percent", "en") == ["\u221215.8\u00a0%", "3.2\u00a0%"]
