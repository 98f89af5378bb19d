"""Every test runs offscreen on one 1920x1080 screen with the bundled fonts, a fresh kiosk and no real config."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from kiosk.paths import CONTENT_DIR, OFFSCREEN_PLATFORM

os.environ["QT_QPA_PLATFORM"] = OFFSCREEN_PLATFORM
os.environ.setdefault("QT_QUICK_BACKEND", "software")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """No test reads or writes the real last-good cache or state (the PIN pad's lock-out)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path_factory.mktemp("local-app-data")))


@pytest.fixture
def kiosk(qtbot):
    """The kiosk as deployed (kiosk mode, lockdown, input router) in a 1920x1080 window, in Chinese."""
    from kiosk.config import Settings
    from kiosk.qt.app import create_app

    built = create_app(Settings(default_language="zh"), CONTENT_DIR, size=(1920, 1080))
    qtbot.waitUntil(built.window.windowHandle().isExposed)  # waitExposed is a context manager: it would not wait here
    yield built
    built.close()
    qtbot.wait(1)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the bundled content a test may break."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder)
    return folder


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
