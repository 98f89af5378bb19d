"""A curators' PC and one kiosk in a temporary folder, for the release tests.

Each published version differs from the bundled exhibition only in the English title of the
first story, so a test can tell at a glance which release a kiosk would show.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

from kiosk.model import load_content
from kiosk.paths import CONTENT_DIR
from kiosk.releases import current_path, current_release, generate, pull, trusted_keys
from kiosk.releases.manifest import MANIFEST, SIGNATURE, Manifest, content_files, file_entry, publish, release_id
from kiosk.releases.signing import PublicKey, load_private, sign

START = datetime.datetime(2026, 11, 28, 7, 0, tzinfo=datetime.UTC)


class Gallery:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.key = root / "curators" / "curators.key"
        generate(self.key)
        self.keys, problems = trusted_keys([str(self.key) + ".pub"])
        assert not problems
        self.published = root / "curators" / "published"
        self.inbox = root / "kiosk" / "inbox"
        self.inbox.mkdir(parents=True)
        self.releases = root / "kiosk" / "releases"
        self._versions = 0

    def edit(self, title: str) -> Path:
        """The curators' working copy of the content, with the first story retitled."""
        folder = self.root / "curators" / f"content-{title}"
        shutil.copytree(CONTENT_DIR, folder)
        path = folder / "events.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["events"][0]["title"]["en"] = title
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return folder

    def publish(self, title: str, key: Path | None = None, note: str = "") -> Path:
        """A release of the exhibition with the first story called `title`, a minute after the previous one."""
        self._versions += 1
        folder, _ = publish(self.edit(title), self.published, key or self.key, note or title,
                            now=START + datetime.timedelta(minutes=self._versions))
        return folder

    def sign_as_is(self, folder: Path, key: Path | None = None) -> Path:
        """Sign a folder without validating it: what an older, laxer kiosk version's publish would have made."""
        self._versions += 1
        private = load_private(key or self.key)
        files = {name: file_entry(folder / name) for name in content_files(folder)}
        now = START + datetime.timedelta(minutes=self._versions)
        manifest = Manifest(release_id(files, now), f"{now:%Y-%m-%dT%H:%M:%SZ}", "0.0.1", "unchecked", PublicKey(private.public_key()).key_id, files)
        target = self.published / manifest.release
        shutil.copytree(folder, target)
        (target / MANIFEST).write_bytes(manifest.to_json())
        (target / SIGNATURE).write_text(sign(private, manifest.to_json()), encoding="ascii")
        return target

    def deliver(self, release: Path) -> Path:
        """The whole release arrives in the kiosk's inbox (a finished sync)."""
        return Path(shutil.copytree(release, self.inbox / release.name))

    def install(self, title: str) -> str:
        """Publish, deliver and pull: the kiosk now shows `title`."""
        release = self.deliver(self.publish(title))
        result = self.pull()
        assert result.installed == release.name, result.verdicts
        return release.name

    def pull(self, in_use: str | None = None):
        return pull(self.inbox, self.releases, self.keys, in_use)

    @property
    def current(self) -> str | None:
        return current_release(self.releases)

    def shown_title(self) -> str:
        """The first story's English title in the release the kiosk would load now (it must load cleanly)."""
        folder = current_path(self.releases)
        assert folder is not None, "no current release"
        loaded = load_content(folder)
        assert not loaded.problems, loaded.problems
        return loaded.content.events[0].title.en


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: the inbox must be exactly this after a pass."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
