"""A release on disk: its id, its manifest, and `publish`, which writes one for the curators.

A release folder holds the content files, `manifest.json` (id, time, kiosk version, note, key id,
and the sha256 and size of every file) and `manifest.sig`. Publishing writes the signature last,
under a temporary name renamed into place, so a kiosk that sees the signature sees a finished
release on the curators' side; whether every file has reached the kiosk yet is then checked
against the manifest.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk import __version__
from kiosk.model import LoadResult, load_content
from kiosk.model.loader import RELEASE_MANIFEST
from kiosk.releases.signing import PublicKey, load_private, sign

MANIFEST = RELEASE_MANIFEST
SIGNATURE = "manifest.sig"
FORMAT = 1
RELEASE_ID = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{8}")
"""UTC time, then a short hash of the files: ids sort by age, and two releases in one second still differ."""
CHUNK = 1 << 20


class PublishError(Exception):
    """Publishing stopped; the message is for the curator."""

    def __init__(self, message: str, load: LoadResult | None = None) -> None:
        super().__init__(message)
        self.load = load


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    release: str
    created: str
    kiosk_version: str
    note: str
    key_id: str
    files: dict[str, FileEntry]

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "release": self.release,
            "created": self.created,
            "kiosk_version": self.kiosk_version,
            "note": self.note,
            "key_id": self.key_id,
            "files": {name: {"sha256": entry.sha256, "size": entry.size} for name, entry in sorted(self.files.items())},
        }
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse_manifest(raw: bytes) -> Manifest:
    """The manifest in `raw`; ValueError with a plain reason when it is not one this kiosk understands."""
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"manifest.json is not readable JSON ({error})") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"manifest.json is not a release manifest of format {FORMAT}")
    release = data.get("release")
    if not isinstance(release, str) or not RELEASE_ID.fullmatch(release):
        raise ValueError("manifest.json has no valid release id")
    files = data.get("files")
    if not isinstance(files, dict) or not files:
        raise ValueError("manifest.json lists no files")
    entries: dict[str, FileEntry] = {}
    for name, entry in files.items():
        if not safe_name(name):
            raise ValueError(f"manifest.json lists a file outside the release: {name!r}")
        if not isinstance(entry, dict) or not re.fullmatch(r"[0-9a-f]{64}", str(entry.get("sha256"))) \
                or not isinstance(entry.get("size"), int) or isinstance(entry.get("size"), bool) or entry["size"] < 0:
            raise ValueError(f"manifest.json has no valid sha256 and size for {name}")
        entries[name] = FileEntry(entry["sha256"], entry["size"])
    texts = {key: data.get(key, "") for key in ("created", "kiosk_version", "note", "key_id")}
    if not all(isinstance(value, str) for value in texts.values()):
        raise ValueError("manifest.json has a non-text created, kiosk_version, note or key_id")
    return Manifest(release, texts["created"], texts["kiosk_version"], texts["note"], texts["key_id"], entries)


def safe_name(name: object) -> bool:
    """A relative POSIX path inside the release, not hidden, not the manifest or signature itself."""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return False
    path = PurePosixPath(name)
    return (not path.is_absolute() and all(part not in ("", ".", "..") and not part.startswith(".") for part in path.parts)
            and name not in (MANIFEST, SIGNATURE))


def content_files(folder: Path) -> list[str]:
    """Every regular file a release carries: all of the folder except hidden files and folders (editor and sync clutter)."""
    names = []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not path.is_symlink() and safe_name(name):
            names.append(name)
    return names


def file_entry(path: Path) -> FileEntry:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return FileEntry(digest.hexdigest(), size)


def copy_hashed(source: Path, target: Path) -> FileEntry:
    """Copy a file and hash what was copied in the same read, so what is checked is exactly what is kept."""
    digest = hashlib.sha256()
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as reader, target.open("wb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return FileEntry(digest.hexdigest(), size)


def release_id(files: dict[str, FileEntry], now: datetime.datetime) -> str:
    listing = json.dumps({name: entry.sha256 for name, entry in sorted(files.items())}).encode()
    return f"{now.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}-{hashlib.sha256(listing).hexdigest()[:8]}"


def publish(content_dir: Path, out_dir: Path, keyfile: Path, note: str = "", now: datetime.datetime | None = None) -> tuple[Path, Manifest]:
    """Validate `content_dir` and write it as a signed release into `out_dir/<release id>/`."""
    content_dir, out_dir = Path(content_dir), Path(out_dir)
    private = load_private(keyfile)
    loaded = load_content(content_dir)
    if loaded.errors:
        raise PublishError(f"{content_dir} has {len(loaded.errors)} errors; fix them first (nothing was published)", loaded)
    names = content_files(content_dir)
    files = {name: file_entry(content_dir / name) for name in names}
    now = now or datetime.datetime.now(datetime.UTC)
    manifest = Manifest(
        release_id(files, now), now.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), __version__, note,
        PublicKey(private.public_key()).key_id, files,
    )
    target = out_dir / manifest.release
    if target.exists():
        raise PublishError(f"{target} already exists: this content was published in this second already")
    target.mkdir(parents=True)
    for name in names:
        copied = copy_hashed(content_dir / name, target / name)
        if copied != files[name]:
            shutil.rmtree(target)
            raise PublishError(f"{content_dir / name} changed while it was being published; publish again")
    raw = manifest.to_json()
    (target / MANIFEST).write_bytes(raw)
    temporary = target / f".{SIGNATURE}.tmp"
    temporary.write_text(sign(private, raw), encoding="ascii")
    os.replace(temporary, target / SIGNATURE)
    return target, manifest
