"""Curators' stories: the bundled exhibition loads cleanly, and mistakes are named precisely."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import edit_json

from kiosk.model import load_content, parse_date
from kiosk.paths import CONTENT_DIR, ROOT


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in load_content(folder).problems]


def test_the_bundled_exhibition_loads_without_errors_or_warnings():
    result = load_content(CONTENT_DIR)
    assert result.problems == []
    content = result.content
    assert len(content.events) >= 20
    assert len(content.panels) >= 20
    assert content.series
    assert [e.date.start for e in content.events] == sorted(e.date.start for e in content.events)


def test_a_visitor_finds_the_soviet_arrival_in_both_languages():
    event = load_content(CONTENT_DIR).content.event("soviet-army-1945")
    assert event is not None
    assert event.date == parse_date("1945-08-11")
    assert event.title.zh and event.title.en and event.title.zh != event.title.en


def test_dates_are_placed_on_the_timeline_by_fraction_of_year():
    assert parse_date("1890s").start == 1890 and parse_date("1890s").end == 1900
    assert 1945.6 < parse_date("1945-08-11").start < 1945.62
    assert parse_date("2010/2020").end == 2021


def test_a_missing_comma_names_file_line_and_column(content_copy: Path):
    path = content_copy / "eras.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines) if line.strip().startswith('"color"'))
    lines[line_no] = lines[line_no].rstrip().rstrip(",")
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = problems_of(content_copy)
    assert len(problems) == 1 + sum(1 for p in problems if "eras" not in p.split(":")[0])
    syntax = problems[0]
    assert syntax.startswith(f"eras.json:{line_no + 2}:")
    assert "a comma is missing" in syntax


def test_an_empty_chinese_title_is_named_by_its_field(content_copy: Path):
    edit_json(content_copy / "events.json", lambda d: d["events"][3]["title"].update(zh=""))
    (problem,) = [p for p in load_content(content_copy).problems if p.file == "events.json"]
    assert problem.field == "events[3].title.zh"
    assert problem.message == "the Chinese text is empty"
    assert problem.line > 1 and problem.column > 1


def test_a_misspelt_field_and_a_bad_date_are_explained_in_plain_words(content_copy: Path):
    def change(data):
        data["events"][0]["titel"] = data["events"][0].pop("title")
        data["events"][1]["date"] = "1906-13"

    edit_json(content_copy / "events.json", change)
    messages = {p.field: p for p in load_content(content_copy).problems}
    assert messages["events[0].title"].message == "'title' is missing"
    assert messages["events[0].titel"].message == "'titel' is not a field the kiosk knows"
    assert "1945-08-11" in messages["events[1].date"].hint


def test_an_unknown_era_and_a_duplicate_id_are_errors(content_copy: Path):
    def change(data):
        data["events"][2]["era"] = "bronze-age"
        data["events"][5]["id"] = data["events"][4]["id"]

    edit_json(content_copy / "events.json", change)
    text = "\n".join(problems_of(content_copy))
    assert "there is no era 'bronze-age'" in text
    assert "is used twice (first at events.json:" in text


def test_markup_is_a_warning_and_stays_plain_text(content_copy: Path):
    edit_json(content_copy / "events.json", lambda d: d["events"][0]["body"].update(en="<b>Bold</b> claim"))
    result = load_content(content_copy)
    assert [p.message for p in result.warnings] == ["contains markup such as <b> or &amp;"]
    assert result.content.events[0].body.en == "<b>Bold</b> claim"


def test_images_that_escape_the_content_folder_or_are_huge_are_refused(content_copy: Path):
    (content_copy / "huge.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 8 + (20000).to_bytes(4, "big") * 2)

    def change(data):
        data["events"][0]["illustration"] = "../../etc/passwd.png"
        data["events"][1]["illustration"] = "huge.png"
        data["events"][2]["illustration"] = "missing.svg"

    edit_json(content_copy / "events.json", change)
    result = load_content(content_copy)
    text = "\n".join(str(p) for p in result.problems)
    assert "points outside the content folder" in text
    assert "20000×20000 pixels" in text
    assert "the image 'missing.svg' does not exist" in text
    assert result.content.event(result.content.events[0].id) is not None, "the story stays, without its image"


def test_a_broken_file_keeps_the_other_files(content_copy: Path):
    (content_copy / "panels.json").write_text("{ not json", encoding="utf-8")
    result = load_content(content_copy)
    assert result.errors and result.errors[0].file == "panels.json"
    assert len(result.content.events) >= 20
    assert result.content.panels == ()


def test_validate_command_prints_problems_and_fails(content_copy: Path):
    edit_json(content_copy / "events.json", lambda d: d["events"][0]["sources"].append("nope"))
    done = subprocess.run([sys.executable, "-m", "kiosk", "validate", str(content_copy)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "events.json:" in done.stdout and "there is no source 'nope'" in done.stdout


def test_the_model_never_imports_qt():
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_a_character_the_font_lacks_is_reported_before_visitors_see_a_box(content_copy: Path):
    edit_json(content_copy / "events.json", lambda d: d["events"][0]["title"].update(zh="荒无人烟之地𠀀"))
    (problem,) = [p for p in load_content(content_copy).problems]
    assert problem.field == "events[0].title.zh"
    assert problem.message == "the kiosk's font has no 𠀀: visitors would see empty boxes"


def test_a_text_of_only_spaces_counts_as_empty(content_copy: Path):
    edit_json(content_copy / "events.json", lambda d: d["events"][2]["summary"].update(en="   "))
    (problem,) = load_content(content_copy).problems
    assert (problem.field, problem.message) == ("events[2].summary.en", "the English text is empty")
