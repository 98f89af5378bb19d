"""'Hegang in numbers': every series becomes a chart, a tap tells value and source, both languages."""

from __future__ import annotations

import subprocess
import sys

from conftest import edit_json
from PySide6.QtCore import QPoint, QPointF, Qt


def open_numbers(kiosk, qtbot):
    qtbot.mouseClick(kiosk.window.header.nav_buttons["numbers"], Qt.MouseButton.LeftButton)
    return kiosk.window.numbers


def test_pyqtgraph_is_not_loaded_until_a_visitor_opens_the_numbers():
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen';"
        "from kiosk.qt.app import create_app;"
        "k = create_app(size=(1920, 1080)); k.app.processEvents();"
        "print('pyqtgraph' in sys.modules); k.session.show_screen('numbers'); print('pyqtgraph' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_every_series_in_the_content_has_a_chart(kiosk, qtbot):
    screen = open_numbers(kiosk, qtbot)
    assert [card.series.id for card in screen.cards] == [s.id for s in kiosk.window.content.series]
    assert screen.isVisible()
    assert kiosk.window.header.isVisible(), "the header with the language toggle stays on screen"


def test_tapping_a_bar_shows_its_value_and_source(kiosk, qtbot):
    screen = open_numbers(kiosk, qtbot)
    card = next(c for c in screen.cards if c.series.id == "population-2010-2020")
    screen.scroll.ensureWidgetVisible(card)
    target = card.plot.mapFromScene(card.plot.getPlotItem().vb.mapViewToScene(QPointF(0, 500_000)))
    qtbot.mouseClick(card.plot.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert card.selected == 0
    assert "105.9万" not in card.detail.text() and "1,058,665" in card.detail.text()
    assert card.credits.text.text().startswith("来源：《鹤岗》，维基百科（英文版）")


def test_a_single_figure_is_a_big_number_that_tells_its_source_on_tap(kiosk, qtbot):
    screen = open_numbers(kiosk, qtbot)
    card = next(c for c in screen.cards if c.series.id == "co2-change-since-2012")
    assert card.figure.text() == "\u221245\u00a0%", "a true minus, and a no-break space before %"
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    assert card.credits.text.text().startswith("来源：《鹤岗：一座煤城的衰落与转型》")


def test_switching_language_relabels_axes_and_numbers(kiosk, qtbot):
    screen = open_numbers(kiosk, qtbot)
    card = next(c for c in screen.cards if c.series.id == "population-2010-2020")
    zh_labels = [label.toPlainText() for label in card.value_labels]
    zh_ticks = card.value_axis.tickStrings([1_000_000], 1, 200_000)
    assert zh_labels[0] == "105.9万人" and zh_ticks == ["100万人"]
    kiosk.session.select_chart(card.series.id, 1)
    kiosk.session.set_language("en")
    assert card.value_labels[0].toPlainText() == "1.06 million people"
    assert card.value_axis.tickStrings([1_000_000], 1, 200_000) == ["1 million people"]
    assert card.title.text() == card.series.title.en
    assert card.detail.text().startswith("2020 census: 891,271 people")


def test_a_curator_adds_a_series_and_a_chart_appears(content_copy, qtbot):
    from kiosk.config import Settings
    from kiosk.qt.app import create_app

    def add(data):
        data["series"].append({
            "id": "test-line", "chart": "line", "unit": "people",
            "title": {"zh": "测试折线", "en": "A test line"}, "takeaway": {"zh": "人口下降。", "en": "People left."},
            "points": [
                {"year": 2010, "value": 1058665, "sources": ["seed-000"]},
                {"year": 2020, "value": 891000, "sources": ["seed-001"]},
            ],
            "sources": ["seed-000"],
        })

    edit_json(content_copy / "figures.json", add)
    kiosk = create_app(Settings(default_language="en"), content_copy, size=(1920, 1080))
    try:
        screen = open_numbers(kiosk, qtbot)
        card = screen.cards[-1]
        assert card.series.id == "test-line" and card.is_line
        assert card.title.text() == "A test line"
        assert card.plot.getPlotItem().getAxis("bottom").tickStrings([2010.0], 1, 5) == ["2010"]
    finally:
        kiosk.close()
