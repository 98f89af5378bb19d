"""Curators' stories: a museum's TimelineJS timeline, one file per language, becomes kiosk content."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from kiosk.curation.timelinejs import first_sentence, html_to_text, import_timelinejs, main, slugify
from kiosk.model import load_content
from kiosk.paths import SCHEMA_PATH

SEED = "000_timeline.txt"
SEED_ID = "seed-000"  # the bibliography id the import gives the seed file "000_…"
TIMELINE = "timeline-hegang-a-coal-city"  # the timeline itself, named after its title slide


def cited(quote: str, *seeds: str) -> list:
    return [{"source": TIMELINE, "quote": quote}, *seeds]


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")


def write(path: Path, document: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


ENGLISH = {
    "title": {"text": {"headline": "Hegang: a coal city", "text": "<p>From wilderness to coal city.</p>"}},
    "eras": [
        {"start_date": {"year": "1914"}, "end_date": {"year": "1945", "month": "8", "day": "11"}, "text": {"headline": "Coal &amp; warlords"}},
        {"start_date": {"year": 1945, "month": 8, "day": 11}, "end_date": {"year": 1949}, "text": {"headline": "Liberation"}},
        {"start_date": {"year": 1950}, "end_date": {"year": 2000}, "text": {"headline": "Planned economy"}},
    ],
    "events": [
        {
            "unique_id": "Coal_Found_1914",
            "start_date": {"year": "1914"},
            "group": "Mining",
            "text": {
                "headline": "Coal <b>discovered</b>",
                "text": "<p>A coalfield was found at <a href='https://example.org/haoli'>Haoli</a>. Miners &amp; farmers came.</p>"
                "<p>The town grew.</p><script>track()</script>",
            },
            "media": {"url": "images/first pit.PNG", "caption": "The first pit", "credit": "Hegang Museum"},
        },
        {
            "unique_id": "soviet-army",
            "start_date": {"year": 1945, "month": 8, "day": 11, "hour": 9},
            "display_date": "11 Aug 1945",
            "text": {"headline": "The Soviet army arrives", "text": "Soviet troops entered Hegang."},
            "media": {"url": "https://www.youtube.com/watch?v=abc123"},
        },
        {
            "unique_id": "mines-rebuilt",
            "start_date": {"year": 1950},
            "end_date": {"year": 1960, "month": 5},
            "text": {"headline": "Mines rebuilt", "text": "<p>The mines were rebuilt in the 1950s.<br>Output doubled.</p>"},
        },
        {
            "unique_id": "occupation",
            "start_date": {"year": 1932, "month": "8"},
            "end_date": {"year": 1932, "month": 12},
            "text": {"headline": "Occupation", "text": "Japan seized the mines."},
        },
        {"unique_id": "qin", "start_date": {"year": -221}, "text": {"headline": "Qin unifies China", "text": "Long before the mines."}},
        {"unique_id": "railway", "start_date": {"year": 1926}, "text": {"headline": "The railway", "text": "A railway reached Jiamusi."}},
    ],
}

# The same timeline in Chinese, its slides in another order: they are paired by unique_id.
CHINESE = {
    "title": {"text": {"headline": "鹤岗：一座煤城"}},
    "eras": [
        {"start_date": {"year": "1914"}, "end_date": {"year": "1945", "month": "8", "day": "11"}, "text": {"headline": "煤与军阀"}},
        {"start_date": {"year": 1945, "month": 8, "day": 11}, "end_date": {"year": 1949}, "text": {"headline": "解放"}},
        {"start_date": {"year": 1950}, "end_date": {"year": 2000}, "text": {"headline": "计划经济"}},
    ],
    "events": [
        {"unique_id": "soviet-army", "start_date": {"year": 1945, "month": 8, "day": 11}, "text": {"headline": "苏联红军到来", "text": "苏联军队进入鹤岗。"}},
        {
            "unique_id": "Coal_Found_1914",
            "start_date": {"year": "1914"},
            "group": "采矿",
            "text": {"headline": "发现<b>煤田</b>", "text": "<p>鹤立发现了煤田。矿工&amp;农民随之而来。</p>"},
        },
        {"unique_id": "mines-rebuilt", "start_date": {"year": 1950}, "end_date": {"year": 1960}, "text": {"headline": "矿山重建", "text": "五十年代矿山得到重建。"}},
        {"unique_id": "occupation", "start_date": {"year": 1932, "month": 8}, "text": {"headline": "日本占领", "text": "日本侵占煤矿。"}},
        {"unique_id": "qin", "start_date": {"year": -221}, "text": {"headline": "秦统一", "text": "远在煤矿之前。"}},
        {"unique_id": "railway", "start_date": {"year": 1926}, "text": {"headline": "", "text": ""}},
    ],
}


@pytest.fixture
def timeline(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A museum's bilingual TimelineJS export with a local image, and a seeds folder."""
    source = tmp_path / "museum"
    (source / "images").mkdir(parents=True)
    (source / "images" / "first pit.PNG").write_bytes(tiny_png())
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / SEED).write_text("The museum's research notes.", encoding="utf-8")
    return write(source / "zh.json", CHINESE), write(source / "en.json", ENGLISH), seeds


def texts(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def test_a_curator_imports_a_bilingual_timelinejs_pair_and_the_kiosk_loads_it(timeline, tmp_path: Path):
    zh, en, seeds = timeline
    out = tmp_path / "imported"

    report = import_timelinejs(zh, en, out, seeds=(SEED,))

    assert report.imported == ["coal-found-1914", "railway", "occupation", "soviet-army", "mines-rebuilt"]
    events = json.loads((out / "events.json").read_text(encoding="utf-8"))
    assert events["$schema"] == "./content.schema.json"
    assert "eras" not in events
    by_id = {event["id"]: event for event in events["events"]}
    assert by_id["coal-found-1914"] == {
        "id": "coal-found-1914",
        "date": "1914",
        "era": "coal-warlords",
        "title": texts("发现煤田", "Coal discovered"),
        "summary": texts("鹤立发现了煤田。", "A coalfield was found at Haoli."),
        "body": texts("鹤立发现了煤田。矿工&农民随之而来。", "A coalfield was found at Haoli. Miners & farmers came.\nThe town grew."),
        "illustration": "media/first pit.png",
        "sources": cited("发现煤田", SEED_ID),  # the museum's own headline supports the story
    }
    assert {event["id"]: (event["date"], event["era"]) for event in events["events"]} == {
        "coal-found-1914": ("1914", "coal-warlords"),
        "railway": ("1926", "coal-warlords"),
        "occupation": ("1932-08", "coal-warlords"),  # ends the same year: the start date alone
        "soviet-army": ("1945-08-11", "liberation"),
        "mines-rebuilt": ("1950/1960", "planned-economy"),  # ends in another year: a span of years
    }
    assert by_id["mines-rebuilt"]["body"]["en"] == "The mines were rebuilt in the 1950s.\nOutput doubled."
    assert by_id["soviet-army"]["title"] == texts("苏联红军到来", "The Soviet army arrives")
    assert "illustration" not in by_id["soviet-army"]

    eras = json.loads((out / "eras.json").read_text(encoding="utf-8"))
    assert eras["$schema"] == "./content.schema.json"
    assert [(era["id"], era["start"], era["end"], era["color"]) for era in eras["eras"]] == [
        ("coal-warlords", "1914", "1945-08-11", "#D8C9A3"),
        ("liberation", "1945-08-11", "1950", "#D1AE78"),  # the gap 1949-1950 is closed
        ("planned-economy", "1950", None, "#BFA58A"),  # the last era lasts until today
    ]
    assert eras["eras"][0]["title"] == eras["eras"][0]["summary"] == texts("煤与军阀", "Coal & warlords")
    assert [era["sources"] for era in eras["eras"]] == [cited(quote, SEED_ID) for quote in ("煤与军阀", "解放", "计划经济")]
    sources = json.loads((out / "sources.json").read_text(encoding="utf-8"))
    assert sources["sources"] == [
        {
            "id": TIMELINE,
            "kind": "timeline",
            "title": texts("鹤岗：一座煤城", "Hegang: a coal city"),
            "note": texts("用 hegang-kiosk import-timelinejs 从 TimelineJS 文件 zh.json 和 en.json 导入。",
                          "Imported with hegang-kiosk import-timelinejs from the TimelineJS files zh.json and en.json."),
        },
        {"id": SEED_ID, "kind": "seed", "file": SEED, "title": texts("000_timeline", "000_timeline")},
    ]

    assert (out / "content.schema.json").read_bytes() == SCHEMA_PATH.read_bytes()
    assert (out / "media" / "first pit.png").read_bytes() == tiny_png()

    result = load_content(out, seeds_dir=seeds)
    assert [str(p) for p in result.problems] == []
    assert [event.id for event in result.content.events] == report.imported
    assert result.content.event("soviet-army").era == "liberation"
    assert result.content.event("coal-found-1914").illustration == (out / "media" / "first pit.png").resolve()


def test_the_report_tells_the_curator_what_the_kiosk_cannot_show(timeline, tmp_path: Path):
    zh, en, _ = timeline

    report = import_timelinejs(zh, en, tmp_path / "imported", seeds=(SEED,))

    assert [(s.slide, s.reason) for s in report.skipped] == [
        ("slide 'qin' “Qin unifies China”", "start_date is in 221 BCE; the kiosk writes dates as four-digit years (1000 to 9999)")
    ]
    unmapped = {u.field: u.items for u in report.unmapped}
    assert unmapped["group 'Mining'"] == ["coal-found-1914"]
    assert unmapped["group '采矿'"] == ["coal-found-1914"]
    assert unmapped["media.url https://www.youtube.com/watch?v=abc123"] == ["soviet-army"]
    assert unmapped["media.caption “The first pit”"] == ["coal-found-1914"]
    assert unmapped["media.credit “Hegang Museum”"] == ["coal-found-1914"]
    assert unmapped["display_date"] == ["soviet-army"]
    assert unmapped["time of day (hour, minute, second, millisecond)"] == ["soviet-army"]
    assert unmapped["links in text"] == ["coal-found-1914"]
    assert unmapped["end_date in the start's year"] == ["occupation"]
    assert unmapped["months and days of a span"] == ["mines-rebuilt"]
    assert unmapped["title slide “Hegang: a coal city”"] == []
    display = next(u for u in report.unmapped if u.field == "display_date")
    assert "formats every date itself" in display.explanation
    assert len(report.unmapped) == len({(u.field, u.explanation) for u in report.unmapped})

    assert "era 'liberation' ended 1949, leaving a gap before the era 'planned-economy', which starts 1950; it now ends 1950" in report.warnings
    assert "era 'planned-economy': the last era lasts until today in the kiosk, so its end 2000 was dropped" in report.warnings
    assert any(w.startswith(f"the seed '{SEED}' is not in ") for w in report.warnings)  # a made-up seed for this test

    printed = str(report)
    assert printed.startswith("Imported 5 events and 3 eras into ")
    for heading in ("Not imported (1)", "Missing translations (1)", "Not mapped (11)", "To review (3)"):
        assert heading in printed
    assert "  - group 'Mining' (coal-found-1914): the kiosk has no groups" in printed


def test_a_slide_without_its_chinese_text_borrows_the_english_and_is_listed(timeline, tmp_path: Path):
    zh, en, seeds = timeline
    out = tmp_path / "imported"

    report = import_timelinejs(zh, en, out, seeds=(SEED,))

    assert report.missing_translation == ["event 'railway': no Chinese title, summary and body; the English text stands in"]
    railway = next(e for e in json.loads((out / "events.json").read_text(encoding="utf-8"))["events"] if e["id"] == "railway")
    assert railway["title"] == texts("The railway", "The railway")
    assert railway["body"] == texts("A railway reached Jiamusi.", "A railway reached Jiamusi.")
    assert load_content(out, seeds_dir=seeds).ok


def test_slides_without_unique_id_are_paired_by_order_under_one_imported_era(tmp_path: Path):
    english = {
        "events": [
            {"start_date": {"year": 1914}, "text": {"headline": "Coal discovered at Haoli", "text": "Coal was found. Miners came."}},
            {"start_date": {"year": "1926", "month": "", "day": ""}, "text": {"headline": "The railway", "text": "A railway reached Jiamusi."}},
            {"start_date": {"year": 1930, "month": 5}, "text": {"headline": "Coal fleet", "text": "Ships carried the coal."}},
        ]
    }
    chinese = {
        "events": [
            {"start_date": {"year": 1914}, "text": {"headline": "发现煤田", "text": "发现了煤田。矿工随之而来。"}},
            {"start_date": {"year": 1926}, "text": {"headline": "铁路通车", "text": "铁路通到佳木斯。"}},
        ]
    }
    zh, en = write(tmp_path / "zh.json", chinese), write(tmp_path / "hegang_en.json", english)
    out = tmp_path / "imported"

    report = import_timelinejs(zh, en, out)

    document = json.loads((out / "events.json").read_text(encoding="utf-8"))
    assert not (out / "eras.json").exists()
    assert document["eras"] == [
        {
            "id": "imported",
            "start": "1914",
            "end": None,
            "color": "#D8C9A3",
            "title": texts("导入的时间轴", "Imported timeline"),
            "summary": texts("导入的时间轴", "Imported timeline"),
            "sources": [{"source": "timeline-hegang-en", "quote": "发现煤田"}],  # no title slide: the first slide stands in
        }
    ]
    assert [(e["id"], e["date"], e["title"]["zh"], e["title"]["en"]) for e in document["events"]] == [
        ("coal-discovered-at-haoli-1914", "1914", "发现煤田", "Coal discovered at Haoli"),
        ("the-railway-1926", "1926", "铁路通车", "The railway"),
        ("coal-fleet-1930", "1930-05", "Coal fleet", "Coal fleet"),
    ]
    assert all(e["era"] == "imported" for e in document["events"])
    assert [e["sources"][0]["quote"] for e in document["events"]] == ["发现煤田", "铁路通车", "Coal fleet"]
    assert "the Chinese file has 2 slides and the English file 3" in report.warnings
    assert any("paired by order" in warning for warning in report.warnings)
    assert json.loads((out / "sources.json").read_text(encoding="utf-8"))["sources"][0]["title"] == texts("hegang_en", "hegang_en")
    assert report.missing_translation == ["event 'coal-fleet-1930': no Chinese title, summary and body; the English text stands in"]

    assert [str(p) for p in load_content(out).problems] == [], "no seed needed: the timeline is the source"


def test_overlapping_eras_are_made_to_follow_one_another_and_hold_every_event(tmp_path: Path):
    def era(start: int, end: int, headline: str) -> dict:
        return {"start_date": {"year": start}, "end_date": {"year": end}, "text": {"headline": headline}}

    def slide(year: int, headline: str) -> dict:
        return {"start_date": {"year": year}, "text": {"headline": headline, "text": f"{headline}."}}

    document = {"eras": [era(1930, 1960, "Later"), era(1914, 1935, "Early")], "events": [slide(1910, "Before"), slide(1932, "Overlap")]}
    zh, en = write(tmp_path / "zh.json", document), write(tmp_path / "en.json", document)
    out = tmp_path / "imported"

    report = import_timelinejs(zh, en, out, seeds=(SEED,))

    eras = json.loads((out / "eras.json").read_text(encoding="utf-8"))["eras"]
    assert [(e["id"], e["start"], e["end"]) for e in eras] == [("early", "1910", "1930"), ("later", "1930", None)]
    assert "era 'early' now starts 1910 instead of 1914, so that it holds the event 'before-1910'" in report.warnings
    assert any(w.startswith("era 'early' ended 1935, leaving an overlap") for w in report.warnings)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / SEED).write_text("notes", encoding="utf-8")
    assert [str(p) for p in load_content(out, seeds_dir=seeds).problems] == []


def test_html_becomes_plain_text_a_card_can_show():
    assert html_to_text("<p>Miners &amp; farmers<br/>came</p><ul><li>coal</li><li>wood</li></ul><style>p {}</style>") == "Miners & farmers\ncame\ncoal\nwood"
    assert html_to_text("  <b>Coal</b>&nbsp;found<br>at Haoli ", one_line=True) == "Coal found at Haoli"
    assert html_to_text("<script>alert('x')</script>鹤岗&#x7164;城\u200b") == "鹤岗煤城"
    assert html_to_text(None) == ""
    assert first_sentence("Dr. Sun came to the U.S. mines. He stayed.") == "Dr. Sun came to the U.S. mines."
    assert first_sentence("鹤立发现了煤田。矿工随之而来。") == "鹤立发现了煤田。"
    assert first_sentence("word " * 100).endswith("…") and len(first_sentence("word " * 100)) <= 200
    assert slugify("Coal_Found 1914!") == "coal-found-1914"
    assert slugify("煤田") == ""


def test_a_json_syntax_error_is_named_by_file_line_and_column(tmp_path: Path, capsys):
    broken = tmp_path / "zh.json"
    broken.write_text('{\n  "events": [\n    {"start_date": {"year": 1914}}\n    {"start_date": {"year": 1926}}\n  ]\n}\n', encoding="utf-8")
    en = write(tmp_path / "en.json", {"events": []})

    code = main(["--zh", str(broken), "--en", str(en), str(tmp_path / "out")])

    captured = capsys.readouterr()
    assert code == 2
    assert f"{broken}:4:5: a comma is missing between two entries" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not (tmp_path / "out").exists()


def test_a_missing_file_or_a_file_that_is_not_timelinejs_exits_2_in_plain_words(tmp_path: Path, capsys):
    en = write(tmp_path / "en.json", {"events": []})
    assert main(["--zh", str(tmp_path / "nowhere.json"), "--en", str(en), str(tmp_path / "out")]) == 2
    assert f"{tmp_path / 'nowhere.json'}: the file does not exist" in capsys.readouterr().err
    old = write(tmp_path / "old.json", {"timeline": {"headline": "x", "date": []}})
    assert main(["--zh", str(old), "--en", str(en), str(tmp_path / "out")]) == 2
    assert "older TimelineJS 2 format" in capsys.readouterr().err


def test_the_command_line_imports_and_prints_the_report(timeline, tmp_path: Path, capsys):
    zh, en, _ = timeline
    out = tmp_path / "imported"

    code = main(["--zh", str(zh), "--en", str(en), str(out), "--seed", SEED])

    printed = capsys.readouterr().out
    assert code == 0
    assert printed.startswith(f"Imported 5 events and 3 eras into {out}.")
    assert "slide 'qin' “Qin unifies China”: start_date is in 221 BCE" in printed
    assert f"Check the result with: hegang-kiosk validate {out}" in printed


def test_the_importer_never_imports_qt():
    code = "import sys, kiosk.curation.timelinejs; print(any(m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_media_paths_that_leave_the_timelines_folder_are_never_copied(tmp_path: Path):
    secret = tmp_path / "elsewhere" / "private.png"
    secret.parent.mkdir()
    secret.write_bytes(tiny_png())
    museum = tmp_path / "exports" / "museum"
    (museum / "images").mkdir(parents=True)
    (museum / "images" / "linked.png").symlink_to(secret)
    (museum / "images" / "own.png").write_bytes(tiny_png())
    urls = {"up": "../../elsewhere/private.png", "link": "images/linked.png", "own": "images/own.png"}
    slides = [
        {"unique_id": name, "start_date": {"year": 1950 + number}, "text": {"headline": name, "text": "A story."}, "media": {"url": url}}
        for number, (name, url) in enumerate(urls.items())
    ]
    zh, en = write(museum / "zh.json", {"events": slides}), write(museum / "en.json", {"events": slides})
    out = tmp_path / "imported"
    report = import_timelinejs(zh, en, out, seeds=(SEED,))
    events = {event["id"]: event for event in json.loads((out / "events.json").read_text(encoding="utf-8"))["events"]}
    assert "illustration" not in events["up"] and "illustration" not in events["link"]
    assert events["own"]["illustration"] == "media/own.png"
    assert sorted(path.name for path in (out / "media").iterdir()) == ["own.png"]
    outside = [warning for warning in report.warnings if "points outside" in warning]
    assert len(outside) == 2 and all("left out" in warning and str(museum) in warning for warning in outside)


def test_a_knight_lab_timeline_imports_into_a_folder_that_validates_strictly_as_it_is(tmp_path: Path, capsys):
    """Shaped like Knight Lab's documented example and its Google Sheets export: strings for every date part, a title
    slide with <br/>, credits with links, protocol-relative and YouTube media, one local picture, groups, eras."""
    from kiosk.cli import main as kiosk_main

    example = Path(__file__).parent / "timelinejs_example"
    out = tmp_path / "imported"
    assert kiosk_main(["import-timelinejs", "--zh", str(example / "hegang-zh.json"), "--en", str(example / "hegang-en.json"), str(out)]) == 0
    capsys.readouterr()
    assert kiosk_main(["validate", "--strict", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.strip().splitlines() == [f"{out}: 3 files, 1 sources, 3 eras, 7 events, 0 panels, 0 series; 0 errors, 0 warnings"]
    events = {event["id"]: event for event in json.loads((out / "events.json").read_text(encoding="utf-8"))["events"]}
    timeline = "timeline-hegang-a-coal-city-1914-today"  # named after the title slide
    assert all(event["sources"] == [{"source": timeline, "quote": event["title"]["zh"]}] for event in events.values())
    assert events["state-mines"]["illustration"] == "media/headframe.svg"  # the one local picture; web media stay out
    assert (out / "media" / "headframe.svg").read_bytes() == (example / "img" / "headframe.svg").read_bytes()
