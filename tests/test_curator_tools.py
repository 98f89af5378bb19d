"""Curators' stories: every mistake is named exactly, and a broken save never blanks the kiosk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.model import load_content

BROKEN = Path(__file__).parent / "broken_content"
EXPECTED = {
    "bad-date.json": "bad-date.json:4:24: events[0].date: '1906-13' is not written the way the kiosk expects",
    "control-character.json": "control-character.json:5:30: events[0].title.en: contains an invisible control character",
    "date-outside-era.json": "date-outside-era.json:4:30: events[0].date: 1960 is outside the era 'early'",
    "duplicate-id.json": "duplicate-id.json:4:6: events[0].id: the id 'good-1906' is used twice (first at a-good.json:4)",
    "empty-chinese.json": "empty-chinese.json:5:16: events[0].title.zh: the Chinese text is empty",
    "markup.json": "markup.json:5:30: events[0].title.en: warning: contains markup such as <b> or &amp;",
    "missing-glyph.json": "missing-glyph.json:5:16: events[0].title.zh: the kiosk's font has no 𠀀: visitors would see empty boxes",
    "missing-image.json": "missing-image.json:8:6: events[0].illustration: the image 'pictures/missing.svg' does not exist",
    "misspelt-field.json": "misspelt-field.json:5:6: events[0].titel: 'titel' is not a field the kiosk knows",
    "out-of-range-date.json": "out-of-range-date.json:4:27: events[0].date: 2999 lies outside the exhibition's years",
    "path-escape.json": "path-escape.json:8:6: events[0].illustration: '../../../etc/passwd.png' points outside the content folder",
    "syntax-missing-comma.json": "syntax-missing-comma.json:4:41: (JSON syntax): a comma is missing between two entries",
    "unknown-era.json": "unknown-era.json:4:48: events[0].era: there is no era 'bronze-age'",
    "unknown-source.json": "unknown-source.json:8:18: events[0].sources[0]: there is no source 'wikipedia-hegang'",
}


@pytest.fixture(scope="module")
def reported() -> list[str]:
    return [str(problem).split("\n")[0] for problem in load_content(BROKEN).problems]


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_each_kind_of_mistake_is_named_with_file_line_column_and_plain_words(reported, file):
    assert EXPECTED[file] in reported


def test_every_problem_comes_with_a_hint():
    assert all(problem.hint for problem in load_content(BROKEN).problems)


def test_a_symlink_out_of_the_content_folder_is_refused(tmp_path: Path):
    outside = tmp_path / "outside.svg"
    outside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("eras.json", "a-good.json"):
        (folder / name).write_text((BROKEN / name).read_text(encoding="utf-8").replace("../../content/", ""), encoding="utf-8")
    (folder / "link.svg").symlink_to(outside)
    data = json.loads((folder / "a-good.json").read_text(encoding="utf-8"))
    data["events"][0]["illustration"] = "link.svg"
    (folder / "a-good.json").write_text(json.dumps(data), encoding="utf-8")
    (problem,) = load_content(folder).problems
    assert problem.message == "'link.svg' points outside the content folder"


def run_validate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "validate", *args], capture_output=True, text=True, check=False)


def test_validate_prints_every_problem_and_a_summary_and_fails():
    done = run_validate(str(BROKEN))
    assert done.returncode == 1
    assert done.stdout.count("    hint: ") == len(EXPECTED) + 1  # misspelt-field also reports the missing title
    assert done.stdout.rstrip().endswith("14 errors, 1 warning")


def test_warnings_fail_only_when_strict(tmp_path: Path):
    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("eras.json", "markup.json"):
        (folder / name).write_text((BROKEN / name).read_text(encoding="utf-8").replace("../../content/", ""), encoding="utf-8")
    assert run_validate(str(folder)).returncode == 0
    assert run_validate(str(folder), "--strict").returncode == 1


def save_atomically(path: Path, text: str) -> None:
    """As many editors save: write a new file, then rename it over the old one."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_the_kiosk_starts_on_the_last_good_content_after_a_broken_save(content_copy: Path, qtbot):
    from kiosk.qt.app import create_app

    first = create_app(content_dir=content_copy, size=(1920, 1080))
    count = len(first.window.content.events)
    first.close()
    save_atomically(content_copy / "events.json", "{ broken")
    again = create_app(content_dir=content_copy, size=(1920, 1080))
    qtbot.addWidget(again.window)
    assert len(again.window.content.events) == count
    assert not again.window.banner.isVisible(), "visitors never see the curator's banner"


def test_live_preview_follows_saves_and_keeps_the_last_good_content(content_copy: Path, qtbot):
    from kiosk.config import Settings
    from kiosk.qt.app import create_app

    kiosk = create_app(Settings(default_language="en"), content_copy, size=(1920, 1080), preview=True)
    qtbot.addWidget(kiosk.window)
    events_file = content_copy / "events.json"
    data = json.loads(events_file.read_text(encoding="utf-8"))
    data["events"][0]["title"]["en"] = "An empty land, retitled"
    save_atomically(events_file, json.dumps(data, ensure_ascii=False))
    qtbot.waitUntil(lambda: kiosk.window.content.events[0].title.en == "An empty land, retitled", timeout=1000)

    save_atomically(events_file, json.dumps(data, ensure_ascii=False)[:-20])
    qtbot.waitUntil(lambda: kiosk.window.banner.isVisible(), timeout=1000)
    assert "events.json:" in kiosk.window.banner.text()
    assert kiosk.window.content.events[0].title.en == "An empty land, retitled", "the last good content stays"
    assert kiosk.window.home.timeline.isVisible()

    save_atomically(events_file, json.dumps(data, ensure_ascii=False))
    qtbot.waitUntil(lambda: not kiosk.window.banner.isVisible(), timeout=1000)


@pytest.mark.parametrize("suffix", [".jpg", ".webp", ".png"])
def test_a_photo_too_many_pixels_wide_is_refused_whatever_its_format(tmp_path: Path, qapp, suffix):
    from PySide6.QtGui import QImage

    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("eras.json", "a-good.json"):
        (folder / name).write_text((BROKEN / name).read_text(encoding="utf-8").replace("../../content/", ""), encoding="utf-8")
    image = QImage(6400, 200, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    assert image.save(str(folder / f"wide{suffix}"))
    data = json.loads((folder / "a-good.json").read_text(encoding="utf-8"))
    data["events"][0]["illustration"] = f"wide{suffix}"
    (folder / "a-good.json").write_text(json.dumps(data), encoding="utf-8")
    (problem,) = load_content(folder).problems
    assert problem.message == f"'wide{suffix}' is 6400×200 pixels, more than the 6000 the kiosk accepts"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"series": [], "x": Infinity}', "the file holds something the kiosk cannot read (Infinity is not a number)"),
        ("[" * 100_000 + "]" * 100_000, "the file holds something the kiosk cannot read"),
        ("null", "should be a group in curly braces { }, but is null"),
    ],
)
def test_absurd_files_are_reported_never_raised(content_copy: Path, text: str, message: str):
    (content_copy / "odd.json").write_text(text, encoding="utf-8")
    problems = [p for p in load_content(content_copy).problems if p.file == "odd.json"]
    assert problems and problems[0].message.startswith(message)


def test_a_chart_value_too_large_to_draw_is_an_error(content_copy: Path):
    data = json.loads((content_copy / "figures.json").read_text(encoding="utf-8"))
    data["series"][0]["points"][0]["value"] = int("1" + "0" * 400)
    (content_copy / "figures.json").write_text(json.dumps(data), encoding="utf-8")
    result = load_content(content_copy)
    assert [p.message for p in result.errors] == ["100000000000000000000000000000 is not a number a chart can show"]
    assert data["series"][0]["id"] not in [s.id for s in result.content.series]


def test_an_unchanged_folder_is_not_copied_again_at_every_start(content_copy: Path, tmp_path: Path):
    from kiosk.model.last_good import _slot, load_with_fallback

    cache = tmp_path / "cache"
    load_with_fallback(content_copy, cache)
    copy = _slot(cache, content_copy) / "events.json"
    first = copy.stat().st_ino
    load_with_fallback(content_copy, cache)
    assert copy.stat().st_ino == first, "the second start found the copy current"
    (content_copy / "events.json").write_text((content_copy / "events.json").read_text(encoding="utf-8") + " ", encoding="utf-8")
    load_with_fallback(content_copy, cache)
    assert copy.read_text(encoding="utf-8").endswith(" ")
