"""`hegang-kiosk`: start the kiosk, validate content, or measure this PC with `bench`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.paths import CONTENT_DIR


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="hegang-kiosk", description="Hegang Coal Heritage Kiosk")
    root.add_argument("--windowed", action="store_true", help="a normal 1920x1080 window instead of full screen (for development)")
    root.add_argument("--content", type=Path, default=CONTENT_DIR, metavar="DIR", help="the content folder to show (default: the bundled content)")
    root.add_argument("--language", choices=("zh", "en"), default="zh", help="the language the kiosk starts in")
    root.add_argument("--preview", action="store_true", help="for curators: reload the content folder whenever a file is saved")
    commands = root.add_subparsers(dest="command")
    validate = commands.add_parser("validate", help="check a content folder and list every problem")
    validate.add_argument("folder", nargs="?", type=Path, default=None, metavar="DIR")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    report = commands.add_parser("report", help="what is missing or untranslated, per language, in content and interface")
    report.add_argument("folder", nargs="?", type=Path, default=None, metavar="DIR")
    bench = commands.add_parser("bench", help="measure start-up, language switch and memory on this PC")
    bench.add_argument("--runs", type=int, default=5, help="fresh processes for the cold-start figure")
    probe = commands.add_parser("bench-probe", help=argparse.SUPPRESS)
    probe.add_argument("probe")
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.folder or args.content, args.strict)
    if args.command == "report":
        from kiosk.curation.report import main as report_main

        return report_main([str(args.folder or args.content)])
    if args.command == "bench":
        from kiosk.bench import run_bench

        return run_bench(args.content, args.runs)
    if args.command == "bench-probe":
        from kiosk.bench import run_probe

        return run_probe(args.probe, args.content)
    from kiosk.qt.app import run

    return run(args.content, args.language, args.windowed, args.preview)


def validate(folder: Path, strict: bool) -> int:
    from kiosk.model import load_content

    result = load_content(folder)
    for problem in result.problems:
        print(problem)
    content = result.content
    print(
        f"{folder}: {len(result.files)} files, {len(content.eras)} eras, {len(content.events)} events, "
        f"{len(content.panels)} panels, {len(content.series)} series; "
        f"{_count(len(result.errors), 'error')}, {_count(len(result.warnings), 'warning')}"
    )
    return 1 if result.errors or (strict and result.warnings) else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


if __name__ == "__main__":
    sys.exit(main())
