"""`hegang-kiosk analytics`: the visitor summary as text and CSV, and merging several kiosks' files."""

from __future__ import annotations

import argparse
import datetime
import sqlite3
import sys
from pathlib import Path

from kiosk.analytics.store import NotAnalyticsFileError, merge, open_for_reading
from kiosk.analytics.summary import export_csv, format_summary, summarize


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written as YYYY-MM-DD, e.g. 2026-11-01") from None


def main(argv: list[str], config: Path | None = None, content: Path | None = None) -> int:
    if argv and argv[0] == "merge":
        return merge_main(argv[1:])
    parser = argparse.ArgumentParser(
        prog="hegang-kiosk analytics",
        description="Print what visitors did at the kiosk, from its analytics file. "
                    "`hegang-kiosk analytics merge OUT.db IN.db...` combines several kiosks' files.",
    )
    parser.add_argument("--db", type=Path, default=None, metavar="FILE", help="the analytics file (default: the one in the settings)")
    parser.add_argument("--since", type=_date, default=None, metavar="DATE", help="only visits from this day on (YYYY-MM-DD)")
    parser.add_argument("--csv", type=Path, default=None, metavar="DIR", help="also write one CSV file per table into DIR")
    parser.add_argument("--config", type=Path, default=config, metavar="FILE", help="the settings file (default: see README)")
    args = parser.parse_args(argv)
    from kiosk.config import analytics_db_path, load_settings

    settings, _messages = load_settings(args.config)
    path = args.db or analytics_db_path(settings)
    try:
        connection = open_for_reading(path)
    except FileNotFoundError:
        print(f"hegang-kiosk analytics: {path} does not exist (no visits recorded yet, or analytics = false in the settings)",
              file=sys.stderr)
        return 1
    except (NotAnalyticsFileError, sqlite3.DatabaseError) as error:
        print(f"hegang-kiosk analytics: {path} is not a kiosk analytics file ({error})", file=sys.stderr)
        return 1
    try:
        summary = summarize(connection, args.since)
        print(f"Visitor analytics from {path}" + (f", since {args.since}" if args.since else ""))
        print()
        print(format_summary(summary, _titles(content or (Path(settings.content_dir) if settings.content_dir else None))))
        if args.csv:
            written = export_csv(connection, summary, args.csv, args.since)
            print(f"\nWrote {len(written)} CSV files to {args.csv}: {', '.join(path.name for path in written)}")
    finally:
        connection.close()
    return 0


def _titles(folder: Path | None):
    """English titles of the stories, panels and charts, so the summary shows names and not only ids."""
    from kiosk.model import load_content
    from kiosk.paths import CONTENT_DIR

    content = load_content(folder or CONTENT_DIR).content
    names = {item.id: item.title.en for group in (content.events, content.panels, content.series) for item in group}
    return lambda item: names.get(item, "")


def merge_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="hegang-kiosk analytics merge",
        description="Add the visits of several kiosks' analytics files to OUT.db (created if missing). "
                    "Each visit keeps its kiosk's name; merging a file twice adds nothing.",
    )
    parser.add_argument("out", type=Path, metavar="OUT.db")
    parser.add_argument("inputs", type=Path, nargs="+", metavar="IN.db")
    args = parser.parse_args(argv)
    for path in args.inputs:
        if path.resolve() == args.out.resolve():
            parser.error(f"{path} is the output file; name it only once, as OUT.db")
    try:
        results = merge(args.out, args.inputs)
    except FileNotFoundError as error:
        print(f"hegang-kiosk analytics merge: {error.args[0]} does not exist; nothing was merged", file=sys.stderr)
        return 1
    except (NotAnalyticsFileError, sqlite3.DatabaseError) as error:
        print(f"hegang-kiosk analytics merge: an input is not a kiosk analytics file ({error}); nothing more was merged", file=sys.stderr)
        return 1
    for result in results:
        renamed = f"; {result.renamed_visits:,} visit ids already used by another kiosk were given new ids" if result.renamed_visits else ""
        print(f"{result.path}: {result.rows:,} rows added{renamed}")
    print(f"{args.out}: merged {len(results)} files")
    return 0
