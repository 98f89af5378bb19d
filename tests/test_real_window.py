"""The real app in a real X window (Xvfb): it starts, paints Chinese, and can be photographed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = r"""
import sys, time
from kiosk.qt.app import create_app
kiosk = create_app(windowed=True, size=(1920, 1080))
deadline = time.monotonic() + 20
while not (kiosk.window.windowHandle() and kiosk.window.windowHandle().isExposed()) and time.monotonic() < deadline:
    kiosk.app.processEvents()
for _ in range(50):
    kiosk.app.processEvents()
    time.sleep(0.01)
shot = kiosk.app.primaryScreen().grabWindow(0)
shot.save(sys.argv[1])
print(kiosk.app.platformName(), shot.width(), shot.height())
"""


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Debian's xvfb (installed by .ci/run)")
def test_the_kiosk_starts_in_a_real_window_and_is_photographed(tmp_path: Path):
    shot = Path(os.environ.get("KIOSK_SCREENSHOT_DIR", tmp_path)) / "xvfb-home-zh.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"} | {"QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", sys.executable, "-c", SCRIPT, str(shot)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split()[:3] == ["xcb", "1920", "1080"]
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert image.width() == 1920
    colours = {image.pixel(x, y) for x in range(0, 1920, 97) for y in range(0, 1080, 53)}
    assert len(colours) > 20, "the screen shows a painted exhibit, not a blank window"
