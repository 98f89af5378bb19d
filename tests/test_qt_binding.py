"""A kiosk calls update() millions of times a day: it must run on a Qt binding that does not over-release None.

PySide6 6.12.0 drops a reference to None on every void call; on Python 3.11 None's count reaches zero and
the kiosk crashes within minutes. From Python 3.12 None is immortal, so counting its references proves
nothing there: what protects every kiosk is the version range in pyproject.toml, checked here against
the binding actually installed.
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import PySide6
import pytest
from packaging.requirements import Requirement
from PySide6.QtWidgets import QWidget

LEAKING_RELEASES = ("6.12.0",)


def pinned_binding() -> Requirement:
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = [Requirement(line) for line in project["dependencies"] if Requirement(line).name.lower().startswith("pyside6")]
    assert len(found) == 1, "exactly one PySide6 requirement"
    return found[0]


def test_the_kiosk_runs_on_a_qt_binding_inside_the_range_that_shuts_out_the_leaking_release():
    requirement = pinned_binding()
    for release in LEAKING_RELEASES:
        assert release not in requirement.specifier, f"pyproject.toml allows PySide6 {release}, which over-releases None"
    installed = version(requirement.name)
    assert installed in requirement.specifier, f"PySide6 {installed} is installed, outside {requirement}: run assets/deploy/setup.sh"
    assert PySide6.__version__ == installed, "the PySide6 imported is the one installed"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12; the version range guards instead")
def test_void_qt_calls_keep_the_reference_count_of_none_balanced(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(500):
        widget.update()
    assert abs(sys.getrefcount(None) - before) < 50, "this PySide6 release over-releases None; see pyproject.toml"
