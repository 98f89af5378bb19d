"""The code stays ruff clean, so every developer reads one style."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.paths import PACKAGE_DIR


def test_ruff_finds_nothing():
    root = PACKAGE_DIR.parent
    done = subprocess.run([str(Path(sys.executable).parent / "ruff"), "check", "kiosk", "tests"], capture_output=True, text=True, cwd=root, check=False)
    assert done.returncode == 0, done.stdout
