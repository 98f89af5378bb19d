"""One pass over the inbox: install the newest complete, signed, valid release, atomically.

The inbox is filled by Syncthing, rsync or a USB stick and is never written to: anything that is
not ready or not trustworthy stays there untouched, with a reason in the log and in `status.json`
for the staff menu and `hegang-kiosk releases list`.

Layout of `releases_dir`:

    <id>/            installed releases (content files, manifest.json, manifest.sig); the newest 3 are kept
    current          which release the kiosk shows: a symlink to <id> (on Windows, and where links are
                     refused, a one-line file naming <id>), always replaced in one `os.replace`
    status.json      the last pass: current release and a verdict per inbox folder
    rollback.json    the release staff rolled back from; that one and older are not installed again
    .staging-*, .current-*, .trash-*, .tmp-*   leftovers of a pass that was killed; the next pass removes them

A pass copies a release into `.staging-…` while hashing what it copies, validates the copy, renames
it to `<id>/` and only then points `current` at it. Killed at any moment, `current` still names a
complete release. Pure Python, no Qt: the kiosk runs it off the GUI thread, the CLI runs it directly.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.config import Settings, releases_dir
from kiosk.i18n import N_
from kiosk.model import load_content
from kiosk.releases.manifest import MANIFEST, RELEASE_ID, SIGNATURE, Manifest, copy_hashed, file_entry, parse_manifest
from kiosk.releases.signing import PublicKey, trusted_keys, verify

log = logging.getLogger("kiosk.releases")
KEEP = 3
CURRENT = "current"
STATUS = "status.json"
ROLLBACK = "rollback.json"
LEFTOVERS = (".staging-", ".current-", ".trash-", ".tmp-")
SYNC_TEMPORARY = ((".syncthing.", ".tmp"), ("~syncthing~", ".tmp"))  # Syncthing's part files on Linux/macOS and Windows

REASONS: dict[str, str] = {
    "installed": N_("Installed."),
    "no-manifest": N_("Still arriving: no manifest yet."),
    "no-signature": N_("Still arriving: the manifest is here, its signature not yet."),
    "missing-files": N_("Still arriving: files missing: {count}, e.g. {name}."),
    "syncing": N_("Still arriving: {name} is being synced."),
    "bad-manifest": N_("Refused: the manifest is damaged ({detail})."),
    "unknown-key": N_("Refused: signed with key {key}, which this kiosk does not trust."),
    "bad-signature": N_("Refused: the signature does not fit the manifest (changed after signing, or damaged)."),
    "checksum": N_("Refused: {name} differs from the signed manifest."),
    "unexpected-file": N_("Refused: {name} is not in the signed manifest, and the kiosk would load it."),
    "invalid": N_("Refused: the content fails validation (errors: {count}); the first: {detail}"),
    "older": N_("Not installed: not newer than the current release {current}."),
    "rolled-back": N_("Not installed: staff rolled back from release {current}; publish a newer release."),
    "superseded": N_("Not installed: the newer release {current} was installed in the same pass."),
    "failed": N_("Not installed: a file could not be read or copied ({detail}); it is tried again on the next pass."),
}


@dataclass(frozen=True)
class Verdict:
    """What one pass decided about one inbox folder."""

    folder: str
    release: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def waiting(self) -> bool:
        return self.code in ("no-manifest", "no-signature", "missing-files", "syncing")

    def message(self, translate: Callable[[str], str] = str) -> str:
        return translate(REASONS[self.code]).format(**self.params)

    def to_json(self) -> dict[str, Any]:
        return {"folder": self.folder, "release": self.release, "code": self.code, "params": self.params}


@dataclass
class PassResult:
    current: str | None
    installed: str | None = None
    verdicts: list[Verdict] = field(default_factory=list)
    at: str = ""
    busy: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at, "current": self.current, "installed": self.installed,
                "verdicts": [verdict.to_json() for verdict in self.verdicts]}


@dataclass(frozen=True)
class Installed:
    """A release kept in `releases_dir`."""

    release: str
    created: str
    note: str
    path: Path


class ReleaseError(Exception):
    """A rollback or lookup that cannot be done; the message is for staff."""


@dataclass(frozen=True)
class Inbox:
    """Where releases come from and go to, and whose signatures count: what the kiosk and the CLI pass share."""

    folder: Path
    root: Path
    keys: dict[str, PublicKey]

    @classmethod
    def from_settings(cls, settings: Settings) -> tuple[Inbox | None, list[str]]:
        """None when `inbox` is not set; else the inbox and a message for every unusable trusted key."""
        if not settings.inbox:
            return None, []
        keys, problems = trusted_keys(settings.trusted_keys)
        if not keys:
            problems.append("no usable trusted_keys: releases in the inbox are listed but none can be installed")
        folder = Path(settings.inbox).expanduser()
        if not folder.is_dir():
            problems.append(f"inbox {folder} is not a folder (yet); releases are taken once it exists")
        return cls(folder, releases_dir(settings), keys), problems

    def pull(self, in_use: str | None = None) -> PassResult:
        return pull(self.folder, self.root, self.keys, in_use)


# -- the pass --------------------------------------------------------------------------------


def pull(inbox: Path, releases_dir: Path, keys: dict[str, PublicKey], in_use: str | None = None) -> PassResult:
    """One pass over `inbox`; installs at most one release (the newest that is fit) and keeps the newest 3.

    `in_use` is the release on screen right now (the kiosk switches only at the next idle reset):
    it is never pruned, even if newer releases have pushed it out of the newest 3.
    """
    releases_dir.mkdir(parents=True, exist_ok=True)
    with _locked(releases_dir) as ok:
        if not ok:
            return PassResult(current_release(releases_dir), busy=True)
        _recover(releases_dir)
        current = current_release(releases_dir)
        floor = max(filter(None, (current, _rolled_back_from(releases_dir))), default="")
        result = PassResult(current, at=_now())
        candidates: list[tuple[Manifest, Path, bytes, str]] = []
        for folder in _inbox_folders(inbox):
            try:
                verdict, found = _inspect(folder, keys, floor, current)
            except OSError as error:  # a file vanished or turned unreadable mid-look (a sync at work): next pass
                verdict, found = Verdict(folder.name, "", "failed", {"detail": error.strerror or str(error)}), None
            if found is None:
                result.verdicts.append(verdict)
            else:
                candidates.append(found)
        for manifest, folder, raw, signature in sorted(candidates, key=lambda found: found[0].release, reverse=True):
            if result.installed:
                result.verdicts.append(Verdict(folder.name, manifest.release, "superseded", {"current": result.installed}))
                continue
            verdict = _install(releases_dir, folder, manifest, raw, signature)
            result.verdicts.append(verdict)
            if verdict.code == "installed":
                result.installed = result.current = manifest.release
        _prune(releases_dir, {result.current, in_use})
        result.verdicts.sort(key=lambda verdict: verdict.folder)
        before = last_status(releases_dir)
        _write_json(releases_dir / STATUS, result.to_json())
    for verdict in result.verdicts:
        if before is not None and verdict in before.verdicts:
            continue  # the periodic rescan repeats itself; the log says only what changed
        level = logging.INFO if verdict.code in ("installed", "older", "superseded") or verdict.waiting else logging.WARNING
        log.log(level, "release inbox %s: %s", verdict.folder, verdict.message())
    return result


def _inbox_folders(inbox: Path) -> list[Path]:
    """Release folders in the inbox; hidden entries (Syncthing's .stfolder, .stversions) and files are not releases."""
    try:
        entries = sorted(inbox.iterdir())
    except OSError:
        return []
    return [entry for entry in entries if entry.is_dir() and not entry.name.startswith((".", "~"))]


def _inspect(folder: Path, keys: dict[str, PublicKey], floor: str, current: str | None) -> tuple[Verdict, tuple | None]:
    """The cheap checks, in the order a sync fills a folder: temporary files, manifest, signature, age, presence."""
    name = folder.name
    syncing = _sync_temporary(folder)
    if syncing:
        return Verdict(name, "", "syncing", {"name": syncing}), None
    try:
        raw = (folder / MANIFEST).read_bytes()
    except OSError:
        return Verdict(name, "", "no-manifest"), None
    try:
        manifest = parse_manifest(raw)
    except ValueError as error:
        return Verdict(name, "", "bad-manifest", {"detail": str(error)}), None
    release = manifest.release
    try:
        signature = (folder / SIGNATURE).read_text(encoding="ascii", errors="replace")
    except OSError:
        return Verdict(name, release, "no-signature"), None
    outcome, key_id = verify(signature, raw, keys)
    if outcome == "unknown-key":
        return Verdict(name, release, "unknown-key", {"key": key_id}), None
    if outcome != "ok":
        return Verdict(name, release, "bad-signature"), None
    if floor and release <= floor:
        if current and release <= current:
            return Verdict(name, release, "older", {"current": current}), None
        return Verdict(name, release, "rolled-back", {"current": floor}), None
    missing = [file for file in manifest.files if not (folder / file).is_file()]
    if missing:
        return Verdict(name, release, "missing-files", {"count": len(missing), "name": missing[0]}), None
    for file, entry in manifest.files.items():
        size = (folder / file).stat().st_size
        if size < entry.size:  # rsync or a file manager still writing it in place
            return Verdict(name, release, "syncing", {"name": file}), None
        if size > entry.size:
            return Verdict(name, release, "checksum", {"name": file}), None
    extra = sorted(path.name for path in folder.glob("*.json") if path.name != MANIFEST and path.name not in manifest.files)
    if extra:
        return Verdict(name, release, "unexpected-file", {"name": extra[0]}), None
    return Verdict(name, release, "installed"), (manifest, folder, raw, signature)


def _sync_temporary(folder: Path) -> str:
    for path in folder.rglob("*"):
        if any(path.name.startswith(start) and path.name.endswith(end) for start, end in SYNC_TEMPORARY):
            return path.relative_to(folder).as_posix()
    return ""


def _install(root: Path, folder: Path, manifest: Manifest, raw: bytes, signature: str) -> Verdict:
    """Copy into a staging folder hashing every byte copied, validate the copy, rename it, switch `current`."""
    release = manifest.release
    staging = root / f".staging-{release}-{os.getpid()}"
    try:
        staging.mkdir()
        for file, entry in manifest.files.items():
            if copy_hashed(folder / file, staging / file) != entry:
                shutil.rmtree(staging)
                return Verdict(folder.name, release, "checksum", {"name": file})
        (staging / MANIFEST).write_bytes(raw)
        (staging / SIGNATURE).write_text(signature, encoding="ascii")
        loaded = load_content(staging)
        if loaded.errors:
            shutil.rmtree(staging)
            return Verdict(folder.name, release, "invalid", {"count": len(loaded.errors), "detail": str(loaded.errors[0]).splitlines()[0]})
        target = root / release
        if target.exists():  # left by a pass killed between the rename and the switch: replace it with the fresh copy
            _remove(target)
        os.rename(staging, target)
        _sync_dir(root)
        _point_current(root, release)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        return Verdict(folder.name, release, "failed", {"detail": error.strerror or str(error)})
    log.info("release %s installed (%s)", release, manifest.note or "no note")
    return Verdict(folder.name, release, "installed")


# -- current, rollback, listing ------------------------------------------------------------------


_replace = os.replace  # the one step that switches releases; a test kills a pass right before it


def _point_current(root: Path, release: str) -> None:
    """Make `current` name `release` in one atomic rename of a new link (or pointer file) over the old one."""
    temporary = root / f".current-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    try:
        if sys.platform == "win32":  # Windows cannot rename a directory link over another: always the pointer file
            raise OSError("no directory links on Windows")
        os.symlink(release, temporary, target_is_directory=True)
    except OSError:  # and where links are refused (FAT, some network shares): a pointer file, replaced just as atomically
        with temporary.open("w", encoding="ascii") as handle:
            handle.write(release + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    _replace(temporary, root / CURRENT)
    _sync_dir(root)


def current_release(root: Path) -> str | None:
    """The release `current` names, if it is a complete installed release."""
    link = root / CURRENT
    try:
        name = Path(os.readlink(link)).name if link.is_symlink() else link.read_text(encoding="ascii").strip()
    except OSError:
        return None
    return name if RELEASE_ID.fullmatch(name) and (root / name / SIGNATURE).is_file() else None


def current_path(root: Path) -> Path | None:
    """The folder of the current release, resolved: what the kiosk loads, so a later switch never changes it underfoot."""
    release = current_release(root)
    return (root / release).resolve() if release else None


def installed(root: Path) -> list[Installed]:
    """Kept releases, oldest first."""
    found = []
    for path in sorted(root.glob("*")) if root.is_dir() else []:
        if not (RELEASE_ID.fullmatch(path.name) and path.is_dir() and (path / SIGNATURE).is_file()):
            continue
        try:
            manifest = parse_manifest((path / MANIFEST).read_bytes())
        except (OSError, ValueError):
            continue
        found.append(Installed(path.name, manifest.created, manifest.note, path))
    return found


def rollback(root: Path, target: str | None = None) -> str:
    """Show an earlier kept release (the one before the current, or `target`); returns its id.

    The release rolled back from, and anything older, is not installed again from the inbox, so the
    next pass does not undo the rollback; a newer published release is installed as usual.
    """
    with _locked(root) as ok:
        if not ok:
            raise ReleaseError("a release pass is running; try again in a moment")
        current = current_release(root)
        kept = [release.release for release in installed(root)]
        if target is None:
            earlier = [release for release in kept if current is None or release < current]
            if not earlier:
                raise ReleaseError("no earlier release is kept to roll back to")
            target = earlier[-1]
        if target not in kept:
            raise ReleaseError(f"release {target} is not kept here; kept: {', '.join(kept) or 'none'}")
        if not _complete(root / target):
            raise ReleaseError(f"release {target} is damaged on disk (a file differs from its manifest)")
        _point_current(root, target)
        floor = max(filter(None, (current, _rolled_back_from(root))), default="")
        if floor:
            _write_json(root / ROLLBACK, {"from": floor, "to": target, "at": _now()})
    log.warning("releases: rolled back from %s to %s", current, target)
    return target


def last_status(root: Path) -> PassResult | None:
    """The last pass as written to status.json (for the staff menu and `releases list`)."""
    try:
        data = json.loads((root / STATUS).read_text(encoding="utf-8"))
        verdicts = [Verdict(v["folder"], v["release"], v["code"], dict(v["params"])) for v in data["verdicts"] if v["code"] in REASONS]
        return PassResult(data["current"], data["installed"], verdicts, data["at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _rolled_back_from(root: Path) -> str | None:
    try:
        value = json.loads((root / ROLLBACK).read_text(encoding="utf-8")).get("from")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and RELEASE_ID.fullmatch(value) else None


def _complete(path: Path) -> bool:
    try:
        manifest = parse_manifest((path / MANIFEST).read_bytes())
        return all(file_entry(path / name) == entry for name, entry in manifest.files.items())
    except (OSError, ValueError):
        return False


# -- housekeeping ---------------------------------------------------------------------------------


def _recover(root: Path) -> None:
    """Remove what a killed pass left, and if `current` names no complete release, point it at the newest complete one."""
    for path in root.iterdir():
        if path.name.startswith(LEFTOVERS):
            _remove(path)
    if current_release(root) is None:
        complete = [release.release for release in installed(root) if _complete(release.path)]
        if complete:
            log.warning("releases: 'current' named no complete release; now %s", complete[-1])
            _point_current(root, complete[-1])


def _prune(root: Path, keep: set[str | None]) -> None:
    kept = [release.release for release in installed(root)]
    for release in kept[:-KEEP]:
        if release not in keep:
            _remove(root / release)


def _remove(path: Path) -> None:
    """Rename first, then delete: a half-deleted release never looks like a release."""
    if path.is_symlink() or path.is_file():
        path.unlink()
        return
    trash = path if path.name.startswith(".trash-") else path.with_name(f".trash-{path.name}-{os.getpid()}")
    if trash != path:
        os.rename(path, trash)
    shutil.rmtree(trash, ignore_errors=True)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_name(f".tmp-{path.name}-{os.getpid()}")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _sync_dir(folder: Path) -> None:
    """Make a rename durable across a power cut (POSIX; Windows has no directory handles to flush)."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[bool]:
    """One pass at a time across processes (the kiosk and a `releases pull` by staff); the OS frees it if the holder dies."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("a+b") as handle:
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True
