"""A kiosk calls update() millions of times a day: the Qt binding must not leak references."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_void_qt_calls_keep_python_reference_counts_balanced(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(500):
        widget.update()
    assert abs(sys.getrefcount(None) - before) < 50, "this PySide6 release corrupts reference counts; see pyproject.toml"
