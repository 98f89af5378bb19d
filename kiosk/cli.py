"""`hegang-kiosk`: start the kiosk, validate content, or measure this PC with `bench`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.paths import CONTENT_DIR


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="hegang-kiosk", description="Hegang Coal Heritage Kiosk")
    root.add_argument("--windowed", action="store_true", help="a normal 1920x1080 window instead of full screen (for development)")
    root.add_argument("--content", type=Path, default=None, metavar="DIR", help="the content folder to show (default: the bundled content)")
    root.add_argument("--language", choices=("zh", "en"), default=None, help="the language the kiosk starts in and resets to")
    root.add_argument("--preview", action="store_true", help="for curators: reload the content folder whenever a file is saved")
    root.add_argument("--config", type=Path, default=None, metavar="FILE", help="the settings file (default: see README)")
    root.add_argument("--idle-seconds", type=int, default=None, help="seconds without a touch before the 'Still exploring?' countdown")
    root.add_argument("--attract-seconds", type=int, default=None, help="idle seconds before the attract loop")
    root.add_argument("--no-attract", action="store_true", help="never play the attract loop")
    root.add_argument("--show-cursor", action="store_true", help="keep the mouse pointer visible")
    commands = root.add_subparsers(dest="command")
    validate = commands.add_parser("validate", help="check a content folder and list every problem")
    validate.add_argument("folder", nargs="?", type=Path, default=None, metavar="DIR")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    report = commands.add_parser("report", help="what is missing or untranslated, per language, in content and interface")
    report.add_argument("folder", nargs="?", type=Path, default=None, metavar="DIR")
    importer = commands.add_parser("import-timelinejs", help="turn a pair of TimelineJS files (zh, en) into kiosk content", add_help=False)
    importer.add_argument("rest", nargs=argparse.REMAINDER)
    pin = commands.add_parser("set-pin", help="set the staff PIN (stored only as a salted hash)", add_help=False)
    pin.add_argument("rest", nargs=argparse.REMAINDER)
    bench = commands.add_parser("bench", help="measure start-up, language switch and memory on this PC")
    bench.add_argument("--runs", type=int, default=5, help="fresh processes for the cold-start figure")
    bench.add_argument("--soak", type=int, default=0, metavar="N", help="also drive N scripted visitor actions and measure idle CPU")
    probe = commands.add_parser("bench-probe", help=argparse.SUPPRESS)
    probe.add_argument("probe")
    probe.add_argument("extra", nargs="*")
    return root


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("import-timelinejs", "set-pin"):  # these parse their own options
        if argv[0] == "set-pin":
            from kiosk.pin import set_pin_main

            return set_pin_main(argv[1:])
        from kiosk.curation.timelinejs import main as import_main

        return import_main(argv[1:])
    args = parser().parse_args(argv)
    content = args.content or CONTENT_DIR
    if args.command == "validate":
        return validate(args.folder or content, args.strict)
    if args.command == "report":
        from kiosk.curation.report import main as report_main

        return report_main([str(args.folder or content)])
    if args.command == "bench":
        from kiosk.bench import run_bench

        return run_bench(content, args.runs, args.soak)
    if args.command == "bench-probe":
        from kiosk.bench import run_probe

        return run_probe(args.probe, content, args.extra)
    return start(args)


def start(args: argparse.Namespace) -> int:
    from kiosk.config import load_settings, with_overrides

    settings, messages = load_settings(args.config)
    for message in messages:
        print(f"hegang-kiosk: {message}", file=sys.stderr)
    settings = with_overrides(
        settings,
        default_language=args.language,
        idle_seconds=args.idle_seconds,
        attract_seconds=args.attract_seconds,
        attract=False if args.no_attract else None,
        hide_cursor=False if args.show_cursor else None,
    )
    content = args.content or (Path(settings.content_dir) if settings.content_dir else CONTENT_DIR)
    from kiosk.qt.app import run

    return run(content, settings, messages, windowed=args.windowed, preview=args.preview)


def validate(folder: Path, strict: bool) -> int:
    from kiosk.model import load_content

    result = load_content(folder)
    for problem in result.problems:
        print(problem)
    content = result.content
    print(
        f"{folder}: {len(result.files)} files, {len(content.sources)} sources, {len(content.eras)} eras, {len(content.events)} events, "
        f"{len(content.panels)} panels, {len(content.series)} series; "
        f"{_count(len(result.errors), 'error')}, {_count(len(result.warnings), 'warning')}"
    )
    return 1 if result.errors or (strict and result.warnings) else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


if __name__ == "__main__":
    sys.exit(main())
