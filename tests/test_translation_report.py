"""Curators' stories: the translation report counts what is left to translate and names where."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from kiosk.curation.report import AreaCounts, main, translation_report
from kiosk.model import load_content
from kiosk.paths import CONTENT_DIR, TRANSLATIONS_DIR

ZH_CATALOG = "zh_CN/LC_MESSAGES/kiosk.po"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the bundled content and translations a test may break."""
    content = tmp_path / "content"
    translations = tmp_path / "translations"
    shutil.copytree(CONTENT_DIR, content)
    shutil.copytree(TRANSLATIONS_DIR, translations)
    return content, translations


def edit(path: Path, change) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return data


def edit_catalog(path: Path, change) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    change(catalog)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def first_simple_message(catalog):
    return next(m for m in catalog if m.id and not m.pluralizable)


def interface_total() -> int:
    with (TRANSLATIONS_DIR / ZH_CATALOG).open("rb") as handle:
        return sum(1 for m in read_po(handle) if m.id)


def test_the_bundled_exhibition_and_interface_are_fully_translated():
    report = translation_report(CONTENT_DIR, TRANSLATIONS_DIR)
    shown = len(load_content(CONTENT_DIR).content.texts())
    assert report.findings == [] and report.skipped == [] and report.complete
    for language in ("zh", "en"):
        assert report.counts[language]["content"] == AreaCounts(shown, 0, 0)
        assert report.counts[language]["interface"] == AreaCounts(interface_total(), 0, 0)
        assert report.counts[language]["content"].percent == 100.0
        assert report.counts[language]["interface"].percent == 100.0
    assert report.on_screen == shown
    text = str(report)
    assert f"zh  content    {shown}/{shown}  100.0%  (0 missing, 0 identical)" in text
    assert "nothing to do" in text


def test_percentages_are_rounded_down_so_100_means_nothing_is_left():
    assert AreaCounts(40, 1, 0).percent == 97.5
    assert AreaCounts(40, 0, 1).complete == 39
    assert AreaCounts(412, 0, 0).percent == 100.0
    assert AreaCounts(4120, 1, 0).percent == 99.9
    assert AreaCounts(0, 0, 0).percent == 100.0


def test_a_curators_slips_are_counted_and_named_by_file_and_item(folders: tuple[Path, Path]):
    content, translations = folders
    total = len(load_content(CONTENT_DIR).content.texts())
    messages = interface_total()

    def slip(data: dict) -> None:
        data["events"][3]["title"]["zh"] = ""
        data["events"][5]["summary"]["en"] = data["events"][5]["summary"]["zh"]

    events = edit(content / "events.json", slip)
    blanked, copied = events["events"][3]["id"], events["events"][5]["id"]
    deleted = {}

    def delete_one(catalog) -> None:
        message = first_simple_message(catalog)
        deleted["id"] = message.id
        message.string = ""

    edit_catalog(translations / ZH_CATALOG, delete_one)

    report = translation_report(content, translations)
    assert report.counts["zh"]["content"] == AreaCounts(total, 1, 0)
    assert report.counts["en"]["content"] == AreaCounts(total, 0, 1)
    assert report.counts["zh"]["interface"] == AreaCounts(messages, 1, 0)
    assert report.counts["en"]["interface"] == AreaCounts(messages, 0, 0)
    assert report.counts["zh"]["content"].percent == (1000 * (total - 1) // total) / 10
    assert report.counts["zh"]["interface"].percent == (1000 * (messages - 1) // messages) / 10
    assert report.counts["en"]["interface"].percent == 100.0

    (title,) = report.findings_in("zh", "content")
    assert (title.file, title.item, title.field, title.kind) == ("events.json", blanked, "title", "missing")
    assert title.line > 1 and title.detail == "not on screen"  # the loader leaves the event out
    (summary,) = report.findings_in("en", "content")
    assert (summary.file, summary.item, summary.field, summary.kind) == ("events.json", copied, "summary", "identical")
    assert summary.detail == ""  # an untranslated copy is still shown
    (message,) = report.findings_in("zh", "interface")
    assert (message.file, message.item, message.kind) == (ZH_CATALOG, deleted["id"], "missing")
    assert report.findings_in("en", "interface") == []
    assert report.on_screen < total

    text = str(report)
    assert f"zh  content    {total - 1}/{total}" in text and "(1 missing, 0 identical)" in text
    assert f"missing    events.json:{title.line}:{title.column}  {blanked}  title  (not on screen)" in text
    assert f"identical  events.json:{summary.line}:{summary.column}  {copied}  summary" in text
    assert f'missing    {ZH_CATALOG}:{message.line}  "{deleted["id"]}"' in text
    assert text.index("Chinese (zh): 2 to do") < text.index(blanked) < text.index("English (en): 1 to do") < text.index(copied)
    assert all(len(line) < 100 for line in text.splitlines())


def test_a_text_without_its_english_key_is_missing_in_english_only(folders: tuple[Path, Path]):
    content, translations = folders
    figures = edit(content / "figures.json", lambda d: d["series"][0]["points"][1]["label"].pop("en"))
    report = translation_report(content, translations)
    (finding,) = report.findings
    assert (finding.language, finding.kind, finding.file) == ("en", "missing", "figures.json")
    assert (finding.item, finding.field) == (figures["series"][0]["id"], "points[1].label")
    assert report.counts["zh"]["content"].missing == 0


def test_a_text_of_only_spaces_is_missing_though_the_kiosk_still_shows_its_item(folders: tuple[Path, Path]):
    content, translations = folders
    events = edit(content / "events.json", lambda d: d["events"][2]["body"].update(zh="   "))
    (finding,) = translation_report(content, translations).findings
    assert (finding.language, finding.kind, finding.item, finding.field) == ("zh", "missing", events["events"][2]["id"], "body")
    assert finding.detail == ""  # on screen, with an empty body


def test_a_fuzzy_or_untranslated_interface_string_is_not_counted_as_translated(folders: tuple[Path, Path]):
    content, translations = folders
    chosen = {}

    def change(catalog) -> None:
        fuzzy, same = [m for m in catalog if m.id and not m.pluralizable][:2]
        fuzzy.flags.add("fuzzy")
        same.string = same.id
        chosen.update(fuzzy=fuzzy.id, same=same.id)

    edit_catalog(translations / ZH_CATALOG, change)
    report = translation_report(content, translations)
    assert report.counts["zh"]["interface"] == AreaCounts(interface_total(), 1, 1)
    found = {(f.kind, f.item, f.detail) for f in report.findings}
    assert found == {("missing", chosen["fuzzy"], "fuzzy"), ("identical", chosen["same"], "")}


def test_a_file_that_is_not_json_is_named_and_the_rest_still_counted(folders: tuple[Path, Path], capsys):
    content, translations = folders
    (content / "panels.json").write_text('{"panels": [', encoding="utf-8")
    report = translation_report(content, translations)
    assert any("panels.json" in reason for reason in report.skipped)
    assert 0 < report.counts["zh"]["content"].total < len(load_content(CONTENT_DIR).content.texts())
    assert main([str(content), "--translations", str(translations)]) == 0
    assert "Not counted: panels.json cannot be read as JSON" in capsys.readouterr().out


def test_the_report_command_exits_0_even_with_work_left_and_2_for_a_missing_folder(folders: tuple[Path, Path], capsys, tmp_path: Path):
    content, translations = folders
    assert main([]) == 0
    assert "zh  content" in capsys.readouterr().out
    edit(content / "events.json", lambda d: d["events"][0]["title"].update(en=""))
    assert main([str(content), "--translations", str(translations)]) == 0
    assert "English (en): 1 to do" in capsys.readouterr().out
    assert main([str(tmp_path / "nowhere")]) == 2
    captured = capsys.readouterr()
    assert "the content folder does not exist" in captured.err and captured.out == ""
