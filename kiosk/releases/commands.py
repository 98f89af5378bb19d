"""The release commands: `keygen`, `publish` and `releases pull|list|rollback`, printing for people.

`releases pull` is the very pass the running kiosk makes, so staff (or a timer) can install a
release without the kiosk, and see why a folder was not installed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from kiosk.config import Settings, releases_dir
from kiosk.releases.inbox import Inbox, PassResult, ReleaseError, current_release, installed, last_status, rollback
from kiosk.releases.manifest import PublishError, publish
from kiosk.releases.signing import KeyFileError, generate


def keygen_main(keyfile: Path) -> int:
    try:
        public = generate(keyfile)
    except (KeyFileError, OSError) as error:
        print(f"hegang-kiosk keygen: {error}", file=sys.stderr)
        return 1
    print(f"private key: {keyfile} (keep it on the curators' PC only; readable by you alone)")
    print(f"public key:  {keyfile}.pub (key id {public.key_id}); put this line into each kiosk's trusted_keys:")
    print(f"  {public.text()}")
    return 0


def publish_main(content_dir: Path, out_dir: Path, keyfile: Path, note: str) -> int:
    try:
        folder, manifest = publish(content_dir, out_dir, keyfile, note)
    except PublishError as error:
        for problem in error.load.errors if error.load else []:
            print(problem, file=sys.stderr)
        print(f"hegang-kiosk publish: {error}", file=sys.stderr)
        return 1
    except (KeyFileError, OSError) as error:
        print(f"hegang-kiosk publish: {error}", file=sys.stderr)
        return 1
    print(f"published release {manifest.release}: {len(manifest.files)} files, signed with key {manifest.key_id}")
    print(f"  {folder}")
    return 0


def releases_main(action: str, release: str | None, settings: Settings) -> int:
    logging.getLogger("kiosk.releases").addHandler(logging.NullHandler())  # what happens is printed below, not twice
    root = releases_dir(settings)
    if action == "list":
        return _list(root)
    if action == "rollback":
        try:
            target = rollback(root, release)
        except ReleaseError as error:
            print(f"hegang-kiosk releases rollback: {error}", file=sys.stderr)
            return 1
        print(f"current release is now {target} (a running kiosk shows it after its next idle reset, or at once from the staff menu)")
        return 0
    inbox, problems = Inbox.from_settings(settings)
    for problem in problems:
        print(f"hegang-kiosk: {problem}", file=sys.stderr)
    if inbox is None:
        print("hegang-kiosk releases pull: no inbox is set; set `inbox` and `trusted_keys` in kiosk.toml", file=sys.stderr)
        return 2
    result = inbox.pull()
    if result.busy:
        print("another release pass is running (the kiosk's); try again in a moment", file=sys.stderr)
        return 1
    _print_pass(result)
    return 0


def _print_pass(result: PassResult) -> None:
    for verdict in result.verdicts:
        print(f"  {verdict.folder}: {verdict.message()}")
    if not result.verdicts:
        print("  the inbox holds no release folders")
    print(f"installed {result.installed}" if result.installed else "nothing new installed", f"· current: {result.current or 'none'}")


def _list(root: Path) -> int:
    current = current_release(root)
    kept = installed(root)
    if not kept:
        print(f"no releases installed in {root}")
    for release in reversed(kept):
        marker = "*" if release.release == current else " "
        print(f"{marker} {release.release}  {release.created}  {release.note}")
    status = last_status(root)
    if status:
        print(f"last pass {status.at}:")
        _print_pass(status)
    return 0

