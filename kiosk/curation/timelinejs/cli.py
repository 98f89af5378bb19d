"""`hegang-kiosk import-timelinejs --zh ZH.json --en EN.json OUT_DIR`: the import, and its report on the console."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.curation.timelinejs.importer import import_timelinejs
from kiosk.curation.timelinejs.reading import TimelineJSError


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="import-timelinejs",
        description="Import a Knight Lab TimelineJS timeline (one JSON file per language) into a kiosk content folder.",
    )
    cli.add_argument("--zh", type=Path, required=True, metavar="ZH.json", help="the Chinese TimelineJS file")
    cli.add_argument("--en", type=Path, required=True, metavar="EN.json", help="the English TimelineJS file")
    cli.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="the content folder to write (created if needed)")
    cli.add_argument("--seed", action="append", default=[], metavar="NAME", help="a seed document the timeline is based on (repeat for more)")
    return cli


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as done:  # --help, or arguments argparse already explained
        return done.code if isinstance(done.code, int) else 2
    try:
        report = import_timelinejs(args.zh, args.en, args.out_dir, seeds=tuple(args.seed))
    except TimelineJSError as error:
        print(f"import-timelinejs: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"import-timelinejs: cannot write to {args.out_dir}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(report)
    return 0
