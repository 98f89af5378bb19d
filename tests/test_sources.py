"""Curators' stories about sources: any document can be cited, and one mistake gives one message."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import edit_json

from kiosk.i18n import Catalogs, catalogs, install
from kiosk.i18n.credits import credit_line, references
from kiosk.model import load_content
from kiosk.model.content import Citation
from kiosk.model.dates import parse_date

XINHUA = {
    "id": "xinhua-2009-11-21-xinxing-blast",
    "kind": "news",
    "title": {"zh": "黑龙江鹤岗新兴煤矿发生爆炸事故", "en": "Blast at the Xinxing mine in Hegang, Heilongjiang"},
    "publisher": {"zh": "新华社", "en": "Xinhua"},
    "date": "2009-11-21",
    "url": "https://example.org/xinhua/2009-11/21/xinxing.htm",
    "accessed": "2026-11-28",
    "language": "zh",
}
QUOTE = "新兴煤矿21日凌晨发生瓦斯爆炸事故。"


def messages(folder: Path) -> list[str]:
    return [str(problem).split("\n")[0] for problem in load_content(folder).problems]


def add_source(folder: Path, source: dict) -> None:
    edit_json(folder / "sources.json", lambda data: data["sources"].append(source))


STORY = "tangyuan-county-1906"  # the second story, which cites the encyclopedia article alone
STORY_FIELD = "events[1].sources[1]"  # where the next citation of that story stands


def cite_in_story(folder: Path, citation: str | dict) -> None:
    def cite(data: dict) -> None:
        (story,) = (event for event in data["events"] if event["id"] == STORY)
        story["sources"].append(citation)

    edit_json(folder / "events.json", cite)


def next_source_index(folder: Path) -> int:
    """Where the next entry added to the bibliography will stand."""
    return len(json.loads((folder / "sources.json").read_text(encoding="utf-8"))["sources"])


def test_a_curator_cites_a_news_report_with_its_quote_and_the_folder_stays_clean(content_copy: Path):
    add_source(content_copy, XINHUA)
    cite_in_story(content_copy, {"source": XINHUA["id"], "quote": QUOTE, "at": "第1段"})
    result = load_content(content_copy)
    assert result.problems == []
    event = result.content.event(STORY)
    assert event.sources[-1] == Citation(XINHUA["id"], QUOTE, "第1段")
    assert result.content.source(XINHUA["id"]).publisher.en == "Xinhua"


def test_a_citation_without_a_quote_is_a_warning_and_fails_only_strict_validation(content_copy: Path):
    add_source(content_copy, XINHUA)
    cite_in_story(content_copy, XINHUA["id"])
    (problem,) = load_content(content_copy).problems
    assert not problem.is_error
    assert problem.file == "events.json" and problem.line > 1 and problem.column > 1
    assert problem.message == f"the citation of '{XINHUA['id']}' has no quote"
    validate = [sys.executable, "-m", "kiosk", "validate", str(content_copy)]
    assert subprocess.run(validate, capture_output=True, check=False).returncode == 0
    assert subprocess.run([*validate, "--strict"], capture_output=True, check=False).returncode == 1


def test_an_unknown_source_id_is_an_error_at_its_place(content_copy: Path):
    cite_in_story(content_copy, {"source": "xinhua-2009-11-22-typo", "quote": QUOTE})
    (problem,) = load_content(content_copy).problems
    assert problem.is_error
    assert problem.field == f"{STORY_FIELD}.source"
    assert problem.message == "there is no source 'xinhua-2009-11-22-typo'"


def test_a_source_nothing_cites_is_a_warning_in_the_bibliography(content_copy: Path):
    index = next_source_index(content_copy)
    add_source(content_copy, XINHUA)
    (problem,) = load_content(content_copy).problems
    assert (problem.file, problem.field, problem.is_error) == ("sources.json", f"sources[{index}].id", False)
    assert problem.message == f"nothing cites the source '{XINHUA['id']}'"


def test_a_seed_whose_file_is_missing_is_an_error(content_copy: Path, tmp_path: Path):
    seeds = tmp_path / "seeds"
    shutil.copytree(Path(__file__).parents[1] / "seeds", seeds)
    (seeds / "001_102279572c87c566.txt").unlink()
    (problem,) = load_content(content_copy, seeds_dir=seeds).problems
    assert problem.file == "sources.json" and problem.field == "sources[1].file" and problem.is_error
    assert problem.message == "the seed file '001_102279572c87c566.txt' is not in the seeds folder"


def test_an_old_file_name_citation_is_named_with_the_id_to_write(content_copy: Path):
    cite_in_story(content_copy, "002_01ff75bb23464736.txt")
    (problem,) = load_content(content_copy).problems
    assert problem.message == "'002_01ff75bb23464736.txt' is a file name, not a source id"
    assert "seed-000, seed-001 and seed-002" in problem.hint


@pytest.mark.parametrize("file", ["events.json", "eras.json", "panels.json", "sources.json", "figures.json"])
def test_a_trailing_comma_in_any_file_gives_exactly_one_message(content_copy: Path, file: str):
    path = content_copy / file
    text = path.read_text(encoding="utf-8").rstrip()
    assert text.endswith("]\n}")
    path.write_text(text[: -len("]\n}")].rstrip() + ",\n  ]\n}\n", encoding="utf-8")
    (message,) = messages(content_copy)
    assert message.startswith(f"{file}:") and "(JSON syntax)" in message


def test_a_backup_copy_left_in_the_folder_gives_exactly_one_message(content_copy: Path):
    stories = len(load_content(content_copy).content.events)
    shutil.copyfile(content_copy / "events.json", content_copy / "events-copy.json")
    result = load_content(content_copy)
    assert [str(p).split("\n")[0] for p in result.problems] == [
        "events-copy.json:1:1: (whole file): every id in this file is also in events.json: it looks like a copy of it"
    ]
    assert "Move the copy out of the content folder" in result.problems[0].hint
    assert len(result.content.events) == stories, "the copy is left out, the original kept whole"


def test_a_panel_may_lead_to_a_story_of_today_but_not_to_nothing(content_copy: Path):
    def link(data):
        data["panels"][0]["related_events"] = ["pandemic-newcomers", "no-such-story"]

    edit_json(content_copy / "panels.json", link)
    result = load_content(content_copy)
    assert [p.message for p in result.problems] == ["there is no event or other panel 'no-such-story'"]
    assert result.content.panels[0].related_events == ("pandemic-newcomers",)
    assert result.content.panel("pandemic-newcomers").group == "today"


@pytest.fixture
def speak(monkeypatch):
    """Switch the interface language as the language owner would, and restore it afterwards."""
    monkeypatch.setattr(catalogs, "_state", dict(catalogs._state))
    bundled = Catalogs()
    return lambda language: install(bundled, language)


def test_credits_name_titles_and_publishers_and_news_by_publisher_and_month(content_copy: Path, speak):
    add_source(content_copy, XINHUA)
    cite_in_story(content_copy, {"source": XINHUA["id"], "quote": QUOTE})
    content = load_content(content_copy).content
    event = content.event(STORY)
    speak("zh")
    assert credit_line(event.sources, content, "zh") == "来源：《鹤岗》，维基百科（英文版） · 新华社，2009年11月21日"
    speak("en")
    assert credit_line(event.sources, content, "en") == "Sources: “Hegang”, Wikipedia (English) · Xinhua, 21 November 2009"
    news = references(event.sources, content, "en")[-1]
    assert news.heading == "“Blast at the Xinxing mine in Hegang, Heilongjiang”"
    assert ("Quote", QUOTE) in news.lines and ("Web address", XINHUA["url"]) in news.lines
    assert ("Read on", "28 November 2026") in news.lines


def test_a_source_quoted_twice_is_one_reference_with_both_passages(content_copy: Path, speak):
    add_source(content_copy, XINHUA)
    cite_in_story(content_copy, {"source": XINHUA["id"], "quote": QUOTE, "at": "第1段"})
    cite_in_story(content_copy, {"source": XINHUA["id"], "quote": "事故原因正在调查中。"})
    content = load_content(content_copy).content
    speak("zh")
    seed, news = references(content.event(STORY).sources, content, "zh")
    assert seed.heading == "《鹤岗》" and news.heading == "《黑龙江鹤岗新兴煤矿发生爆炸事故》"
    assert [line for line in news.lines if line[0] in ("原文摘录", "页码或章节")] == [
        ("原文摘录", QUOTE), ("页码或章节", "第1段"), ("原文摘录", "事故原因正在调查中。")]
    assert credit_line(content.event(STORY).sources, content, "zh").count("新华社") == 1


def test_the_schema_every_editor_checks_knows_sources_and_groups():
    schema = json.loads((Path(__file__).parents[1] / "content" / "content.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["source"]["properties"]["kind"]["enum"][0] == "seed"
    assert schema["$defs"]["panel"]["properties"]["group"]["enum"] == ["culture", "today"]


def place(items: list[dict], example: dict) -> int:
    """Where the guide tells a curator to put the example: an event in date order, anything else at the end."""
    if "date" not in example:
        return len(items)
    start = parse_date(example["date"]).start
    return sum(parse_date(item["date"]).start <= start for item in items)


def test_the_curators_guide_examples_check_cleanly_when_added(content_copy: Path):
    guide = (Path(__file__).parents[1] / "content" / "README.md").read_text(encoding="utf-8")
    examples = [json.loads(block) for block in re.findall(r"```json\n(\{.*?\})\n```", guide, re.S)]
    lists = {"chart": ("figures.json", "series"), "date": ("events.json", "events"), "body": ("panels.json", "panels")}
    added = 0
    for example in examples:
        if "kind" in example or "$schema" in example:
            continue  # bibliography entries with placeholders, and the empty file template
        file, key = next(lists[field] for field in lists if field in example)
        if example["id"] in {item["id"] for item in json.loads((content_copy / file).read_text(encoding="utf-8"))[key]}:
            continue  # a real item shown as it stands in the files
        edit_json(content_copy / file, lambda data, e=example, k=key: data[k].insert(place(data[k], e), e))
        added += 1
    assert added >= 4
    assert [str(p) for p in load_content(content_copy).problems] == []


def test_a_quote_the_font_cannot_draw_is_reported_before_a_visitor_opens_the_references(content_copy: Path):
    add_source(content_copy, XINHUA)
    cite_in_story(content_copy, {"source": XINHUA["id"], "quote": "新兴煤矿𠀀发生事故。"})
    (problem,) = load_content(content_copy).problems
    assert problem.field == f"{STORY_FIELD}.quote"
    assert problem.message == "the kiosk's font has no 𠀀: visitors would see empty boxes"


def test_a_bibliography_entry_written_wrongly_is_explained_field_by_field(content_copy: Path):
    first = next_source_index(content_copy)
    add_source(content_copy, {**XINHUA, "file": "xinhua.txt"})
    add_source(content_copy, {**XINHUA, "id": "xinhua-2009-11-22-follow-up", "url": "www.xinhuanet.com/2009-11/22", "accessed": "2026-02-30"})
    add_source(content_copy, {**XINHUA, "id": "xinhua-2009-11-23-list", "accessed": "2026-02-30"})
    found = {p.field: p for p in load_content(content_copy).problems if p.is_error}
    assert found[f"sources[{first}].file"].message == "only a seed document names a file"
    assert found[f"sources[{first + 1}].url"].hint.startswith("Write the whole address, starting with https://")
    assert found[f"sources[{first + 2}].accessed"].message == "'2026-02-30' is not a day of the calendar: February 2026 has fewer days"


def test_a_broken_bibliography_gives_one_message_not_one_per_citation(content_copy: Path):
    path = content_copy / "sources.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"id": "seed-001",', '"id": "seed-001",,'), encoding="utf-8")
    (message,) = messages(content_copy)
    assert message.startswith("sources.json:") and "(JSON syntax)" in message
