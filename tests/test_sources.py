"""Curators' stories about sources: any document can be cited, and one mistake gives one message."""

from __future__ import annotations

import json
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


def cite_in_first_event(folder: Path, citation: str | dict) -> None:
    edit_json(folder / "events.json", lambda data: data["events"][0]["sources"].append(citation))


def test_a_curator_cites_a_news_report_with_its_quote_and_the_folder_stays_clean(content_copy: Path):
    add_source(content_copy, XINHUA)
    cite_in_first_event(content_copy, {"source": XINHUA["id"], "quote": QUOTE, "at": "第1段"})
    result = load_content(content_copy)
    assert result.problems == []
    event = result.content.events[0]
    assert event.sources[-1] == Citation(XINHUA["id"], QUOTE, "第1段")
    assert result.content.source(XINHUA["id"]).publisher.en == "Xinhua"


def test_a_citation_without_a_quote_is_a_warning_and_fails_only_strict_validation(content_copy: Path):
    add_source(content_copy, XINHUA)
    cite_in_first_event(content_copy, XINHUA["id"])
    (problem,) = load_content(content_copy).problems
    assert not problem.is_error
    assert problem.file == "events.json" and problem.line > 1 and problem.column > 1
    assert problem.message == f"the citation of '{XINHUA['id']}' has no quote"
    validate = [sys.executable, "-m", "kiosk", "validate", str(content_copy)]
    assert subprocess.run(validate, capture_output=True, check=False).returncode == 0
    assert subprocess.run([*validate, "--strict"], capture_output=True, check=False).returncode == 1


def test_an_unknown_source_id_is_an_error_at_its_place(content_copy: Path):
    cite_in_first_event(content_copy, {"source": "xinhua-2009-11-22-typo", "quote": QUOTE})
    (problem,) = load_content(content_copy).problems
    assert problem.is_error
    assert problem.field == "events[0].sources[1].source"
    assert problem.message == "there is no source 'xinhua-2009-11-22-typo'"


def test_a_source_nothing_cites_is_a_warning_in_the_bibliography(content_copy: Path):
    add_source(content_copy, XINHUA)
    (problem,) = load_content(content_copy).problems
    assert (problem.file, problem.field, problem.is_error) == ("sources.json", "sources[3].id", False)
    assert problem.message == f"nothing cites the source '{XINHUA['id']}'"


def test_a_seed_whose_file_is_missing_is_an_error(content_copy: Path, tmp_path: Path):
    seeds = tmp_path / "seeds"
    shutil.copytree(Path(__file__).parents[1] / "seeds", seeds)
    (seeds / "001_102279572c87c566.txt").unlink()
    (problem,) = load_content(content_copy, seeds_dir=seeds).problems
    assert problem.file == "sources.json" and problem.field == "sources[1].file" and problem.is_error
    assert problem.message == "the seed file '001_102279572c87c566.txt' is not in the seeds folder"


def test_an_old_file_name_citation_is_named_with_the_id_to_write(content_copy: Path):
    cite_in_first_event(content_copy, "002_01ff75bb23464736.txt")
    (problem,) = load_content(content_copy).problems
    assert problem.message == "'002_01ff75bb23464736.txt' is a file name, not a source id"
    assert "seed-000, seed-001 and seed-002" in problem.hint


def test_a_trailing_comma_in_the_events_file_gives_exactly_one_message(content_copy: Path):
    path = content_copy / "events.json"
    text = path.read_text(encoding="utf-8").rstrip()
    assert text.endswith("]\n}")
    path.write_text(text[: -len("]\n}")].rstrip() + ",\n  ]\n}\n", encoding="utf-8")
    (message,) = messages(content_copy)
    assert message.startswith("events.json:") and "(JSON syntax)" in message


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
    cite_in_first_event(content_copy, {"source": XINHUA["id"], "quote": QUOTE})
    content = load_content(content_copy).content
    event = content.events[0]
    speak("zh")
    assert credit_line(event.sources, content, "zh") == "来源：《鹤岗》，维基百科（英文版） · 新华社，2009年11月21日"
    speak("en")
    assert credit_line(event.sources, content, "en") == "Sources: “Hegang”, Wikipedia (English) · Xinhua, 21 November 2009"
    news = references(event.sources, content, "en")[-1]
    assert news.heading == "“Blast at the Xinxing mine in Hegang, Heilongjiang”"
    assert ("Quote", QUOTE) in news.lines and ("Web address", XINHUA["url"]) in news.lines
    assert ("Read on", "28 November 2026") in news.lines


def test_the_schema_every_editor_checks_knows_sources_and_groups():
    schema = json.loads((Path(__file__).parents[1] / "content" / "content.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["source"]["properties"]["kind"]["enum"][0] == "seed"
    assert schema["$defs"]["panel"]["properties"]["group"]["enum"] == ["culture", "today"]
