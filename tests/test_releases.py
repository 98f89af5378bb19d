"""Signed content releases: a curators' PC publishes, a kiosk's inbox fills, one pass installs.

Every story that goes wrong ends the same way: `current` still names the release the visitors
were seeing, that release still loads cleanly, and the inbox is exactly as it arrived.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from releases_support import Gallery, snapshot

from kiosk.cli import main
from kiosk.config import load_settings
from kiosk.releases import KeyFileError, ReleaseError, generate, installed, last_status, outbox, rollback, trusted_keys
from kiosk.releases.manifest import MANIFEST, SIGNATURE
from kiosk.releases.outbox import ErrorCounter, register_export, write_daily


@pytest.fixture
def gallery(tmp_path: Path) -> Gallery:
    return Gallery(tmp_path)


def verdict_of(result, folder: Path):
    (verdict,) = [verdict for verdict in result.verdicts if verdict.folder == folder.name]
    return verdict


def refused_and_unchanged(gallery: Gallery, folder: Path, code: str, was: str) -> None:
    """The pass refuses `folder` with `code`, the inbox stays as it was, and visitors keep seeing `was`."""
    before = snapshot(gallery.inbox)
    current = gallery.current
    result = gallery.pull()
    assert verdict_of(result, folder).code == code, result.verdicts
    assert result.installed is None
    assert gallery.current == current
    assert gallery.shown_title() == was
    assert snapshot(gallery.inbox) == before
    assert last_status(gallery.releases).verdicts == result.verdicts


# -- keys ----------------------------------------------------------------------------------------


def test_keygen_keeps_the_private_key_private_and_writes_a_public_line_for_kiosk_toml(tmp_path: Path, capsys):
    assert main(["keygen", str(tmp_path / "keys" / "curators.key")]) == 0
    private = tmp_path / "keys" / "curators.key"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    line = (tmp_path / "keys" / "curators.key.pub").read_text(encoding="utf-8").strip()
    assert line.startswith("hegang-ed25519 ") and line in capsys.readouterr().out
    keys, problems = trusted_keys([line, str(private) + ".pub"])
    assert len(keys) == 1 and not problems
    assert main(["keygen", str(private)]) == 1, "an existing key is never overwritten"
    assert "already exists" in capsys.readouterr().err


def test_unusable_trusted_keys_are_reported_and_the_good_ones_still_count(tmp_path: Path):
    good = generate(tmp_path / "good.key")
    keys, problems = trusted_keys([good.text(), "hegang-ed25519 not-base64!", str(tmp_path / "missing.pub"), "ssh-ed25519 AAAA"])
    assert list(keys) == [good.key_id]
    assert len(problems) == 3
    with pytest.raises(KeyFileError):
        generate(tmp_path / "good.key")


# -- publishing ----------------------------------------------------------------------------------


def test_publish_refuses_content_with_errors_and_prints_them(gallery: Gallery, capsys):
    broken = gallery.edit("Broken")
    (broken / "events.json").write_text((broken / "events.json").read_text(encoding="utf-8").replace('"1890s"', '"189x"', 1), encoding="utf-8")
    out = gallery.root / "out"
    assert main(["publish", str(broken), str(out), "--key", str(gallery.key)]) == 1
    err = capsys.readouterr().err
    assert "events.json:" in err and "nothing was published" in err
    assert not out.exists() or not any(out.iterdir())


def test_a_published_release_lists_every_file_with_its_checksum_and_is_signed_last(gallery: Gallery, capsys):
    source = gallery.edit("Spring opening")
    out = gallery.root / "out"
    assert main(["publish", str(source), str(out), "--key", str(gallery.key), "--note", "spring opening"]) == 0
    (release,) = out.iterdir()
    manifest = json.loads((release / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["release"] == release.name and manifest["note"] == "spring opening"
    assert set(manifest["files"]) == {path.name for path in source.iterdir()}
    assert all(len(entry["sha256"]) == 64 and entry["size"] > 0 for entry in manifest["files"].values())
    assert (release / SIGNATURE).stat().st_mtime_ns >= max(path.stat().st_mtime_ns for path in release.iterdir() if path.name != SIGNATURE)
    assert not [path for path in release.iterdir() if path.name.startswith(".")], "no temporary signature is left behind"
    assert release.name in capsys.readouterr().out


# -- the pass --------------------------------------------------------------------------------------


def test_a_complete_signed_release_is_installed_and_becomes_current(gallery: Gallery):
    release = gallery.install("Opening day")
    assert gallery.current == release
    assert (gallery.releases / "current").is_symlink()
    assert gallery.shown_title() == "Opening day"
    assert [kept.note for kept in installed(gallery.releases)] == ["Opening day"]
    again = gallery.pull()
    assert [verdict.code for verdict in again.verdicts] == ["older"], "the same release is not installed twice"


def test_a_release_copied_file_by_file_manifest_first_waits_until_the_last_file_arrives(gallery: Gallery):
    gallery.install("Opening day")
    release = gallery.publish("Spring update")
    arriving = gallery.inbox / release.name
    arriving.mkdir()
    order = [MANIFEST, SIGNATURE, *sorted(path.name for path in release.iterdir() if path.name not in (MANIFEST, SIGNATURE))]
    shutil.copy2(release / MANIFEST, arriving / MANIFEST)
    refused_and_unchanged(gallery, arriving, "no-signature", was="Opening day")
    for name in order[1:]:
        (arriving / f".syncthing.{name}.tmp").write_bytes((release / name).read_bytes()[:100])
        refused_and_unchanged(gallery, arriving, "syncing", was="Opening day")
        (arriving / f".syncthing.{name}.tmp").rename(arriving / name)
        shutil.copy2(release / name, arriving / name)
        if name != order[-1]:
            refused_and_unchanged(gallery, arriving, "missing-files", was="Opening day")
    assert gallery.pull().installed == release.name
    assert gallery.shown_title() == "Spring update"


def test_a_flipped_byte_is_refused(gallery: Gallery):
    gallery.install("Opening day")
    arriving = gallery.deliver(gallery.publish("Spring update"))
    events = arriving / "events.json"
    data = bytearray(events.read_bytes())
    data[500] ^= 0x01
    events.write_bytes(bytes(data))
    refused_and_unchanged(gallery, arriving, "checksum", was="Opening day")


def test_a_release_signed_by_another_key_is_refused(gallery: Gallery):
    gallery.install("Opening day")
    stranger = gallery.root / "stranger" / "stranger.key"
    generate(stranger)
    arriving = gallery.deliver(gallery.publish("Not ours", key=stranger))
    refused_and_unchanged(gallery, arriving, "unknown-key", was="Opening day")


def test_a_manifest_changed_after_signing_is_refused(gallery: Gallery):
    gallery.install("Opening day")
    arriving = gallery.deliver(gallery.publish("Spring update"))
    manifest = arriving / MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"note": "Spring update"', '"note": "Spring updatf"'), encoding="utf-8")
    refused_and_unchanged(gallery, arriving, "bad-signature", was="Opening day")


def test_a_file_still_being_written_in_place_by_a_usb_copy_waits(gallery: Gallery):
    gallery.install("Opening day")
    arriving = gallery.deliver(gallery.publish("Spring update"))
    events = arriving / "events.json"
    whole = events.read_bytes()
    events.write_bytes(whole[: len(whole) // 2])
    refused_and_unchanged(gallery, arriving, "syncing", was="Opening day")
    events.write_bytes(whole)
    assert gallery.pull().installed == arriving.name


def test_a_signed_release_with_a_content_error_is_refused(gallery: Gallery):
    gallery.install("Opening day")
    broken = gallery.edit("Broken")
    (broken / "events.json").write_text((broken / "events.json").read_text(encoding="utf-8").replace('"1890s"', '"189x"', 1), encoding="utf-8")
    arriving = gallery.deliver(gallery.sign_as_is(broken))
    refused_and_unchanged(gallery, arriving, "invalid", was="Opening day")
    assert "events.json" in verdict_of(gallery.pull(), arriving).message()


def test_an_extra_content_file_that_is_not_in_the_manifest_is_refused(gallery: Gallery):
    gallery.install("Opening day")
    arriving = gallery.deliver(gallery.publish("Spring update"))
    shutil.copy2(arriving / "events.json", arriving / "more-events.json")
    refused_and_unchanged(gallery, arriving, "unexpected-file", was="Opening day")


def test_an_older_release_arriving_late_is_not_installed(gallery: Gallery):
    late = gallery.publish("Opening day")
    gallery.install("Spring update")
    arriving = gallery.deliver(late)
    refused_and_unchanged(gallery, arriving, "older", was="Spring update")


def test_of_several_complete_releases_only_the_newest_is_installed(gallery: Gallery):
    first = gallery.deliver(gallery.publish("Opening day"))
    second = gallery.deliver(gallery.publish("Spring update"))
    result = gallery.pull()
    assert result.installed == second.name
    assert verdict_of(result, first).code == "superseded"


def test_the_newest_three_releases_are_kept_and_the_one_on_screen_is_never_removed(gallery: Gallery):
    on_screen = gallery.install("One")
    for title in ("Two", "Three"):
        gallery.install(title)
    gallery.deliver(gallery.publish("Four"))
    gallery.pull(in_use=on_screen)
    assert [kept.note for kept in installed(gallery.releases)] == ["One", "Two", "Three", "Four"]
    gallery.deliver(gallery.publish("Five"))
    gallery.pull()
    assert [kept.note for kept in installed(gallery.releases)] == ["Three", "Four", "Five"]
    assert not [path for path in gallery.releases.iterdir() if path.name.startswith(".trash-")]


def test_where_symlinks_are_refused_current_is_a_pointer_file_replaced_just_as_atomically(gallery: Gallery, monkeypatch):
    def no_symlinks(*args, **kwargs):
        raise OSError("symbolic links need a privilege on Windows")

    monkeypatch.setattr(os, "symlink", no_symlinks)
    first = gallery.install("Opening day")
    assert (gallery.releases / "current").read_text(encoding="ascii").strip() == first
    gallery.install("Spring update")
    assert gallery.shown_title() == "Spring update"


# -- a pass killed half way ------------------------------------------------------------------------

KILLED_PASS = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from kiosk.releases import inbox, manifest, trusted_keys

    ready = Path(sys.argv[4])
    def hang(*args, **kwargs):
        ready.write_text("at the hook")
        time.sleep(60)
    if sys.argv[5] == "switch":
        inbox._replace = hang  # the link to the new release exists; current is not yet replaced
    else:
        copy = manifest.copy_hashed
        def copy_one_then_hang(source, target):
            entry = copy(source, target)
            hang()
            return entry
        inbox.copy_hashed = copy_one_then_hang
    keys, _ = trusted_keys([sys.argv[3]])
    inbox.pull(Path(sys.argv[1]), Path(sys.argv[2]), keys)
""")


@pytest.mark.parametrize("moment", ["copy", "switch"])
def test_a_pass_killed_in_the_middle_leaves_current_whole_and_the_next_pass_recovers(gallery: Gallery, moment: str):
    gallery.install("Opening day")
    arriving = gallery.deliver(gallery.publish("Spring update"))
    ready = gallery.root / "ready"
    process = subprocess.Popen([sys.executable, "-c", KILLED_PASS, str(gallery.inbox), str(gallery.releases),
                                str(gallery.key) + ".pub", str(ready), moment])
    try:
        while not ready.exists():
            assert process.poll() is None, "the pass ended before reaching the hook"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert gallery.shown_title() == "Opening day", "killed mid-pass, visitors still get the previous release"
    leftovers = [path.name for path in gallery.releases.iterdir() if path.name.startswith((".staging-", ".current-"))]
    assert leftovers, "the kill really happened in the middle"
    result = gallery.pull()
    assert result.installed == arriving.name
    assert gallery.shown_title() == "Spring update"
    assert not [path for path in gallery.releases.iterdir() if path.name.startswith((".staging-", ".current-", ".trash-"))]


def test_a_current_link_to_a_vanished_release_is_pointed_at_the_newest_complete_one(gallery: Gallery):
    gallery.install("Opening day")
    second = gallery.install("Spring update")
    shutil.rmtree(gallery.releases / second)
    shutil.rmtree(gallery.inbox / second)
    gallery.pull()
    assert gallery.shown_title() == "Opening day"


# -- rollback -------------------------------------------------------------------------------------


def test_rollback_restores_the_previous_release_and_the_inbox_does_not_undo_it(gallery: Gallery):
    first = gallery.install("Opening day")
    second = gallery.install("Spring update")
    assert rollback(gallery.releases) == first
    assert gallery.shown_title() == "Opening day"
    refused_and_unchanged(gallery, gallery.inbox / second, "rolled-back", was="Opening day")
    gallery.install("Spring update, corrected")
    assert gallery.shown_title() == "Spring update, corrected"
    assert rollback(gallery.releases, second) == second, "staff may also pick any kept release"
    with pytest.raises(ReleaseError):
        rollback(gallery.releases, "20990101T000000Z-00000000")


def test_the_releases_command_pulls_lists_and_rolls_back(gallery: Gallery, tmp_path: Path, capsys):
    config = tmp_path / "kiosk.toml"
    config.write_text(f'inbox = "{gallery.inbox}"\ntrusted_keys = ["{gallery.key}.pub"]\nreleases_dir = "{gallery.releases}"\n', encoding="utf-8")
    first = gallery.deliver(gallery.publish("Opening day")).name
    assert main(["--config", str(config), "releases", "pull"]) == 0
    assert f"installed {first}" in capsys.readouterr().out
    second = gallery.deliver(gallery.publish("Spring update")).name
    main(["--config", str(config), "releases", "pull"])
    capsys.readouterr()
    assert main(["releases", "list", "--config", str(config)]) == 0
    listing = capsys.readouterr().out
    assert f"* {second}" in listing and f"  {first}" in listing
    assert main(["--config", str(config), "releases", "rollback"]) == 0
    assert first in capsys.readouterr().out
    assert gallery.shown_title() == "Opening day"
    assert main(["--config", str(config), "releases", "rollback"]) == 1
    assert "no earlier release" in capsys.readouterr().err


# -- settings and the way back ---------------------------------------------------------------------


def test_trusted_keys_must_be_a_list_of_texts(tmp_path: Path):
    config = tmp_path / "kiosk.toml"
    config.write_text('inbox = "/srv/inbox"\ntrusted_keys = "hegang-ed25519 AAAA"\n', encoding="utf-8")
    settings, messages = load_settings(config)
    assert settings.inbox == "/srv/inbox" and settings.trusted_keys == ()
    assert "must be a list" in messages[0]


def test_each_day_the_kiosk_writes_a_health_line_and_runs_the_registered_exports(tmp_path: Path, caplog, monkeypatch):
    monkeypatch.setattr(outbox, "_EXPORTS", [])
    counter = ErrorCounter()
    counter.handle(_record("disk full"))
    days = []
    register_export(lambda folder, day: days.append((folder.name, day)))
    register_export(_broken_export)
    when = datetime.datetime(2026, 11, 28, 8, 0, tzinfo=datetime.UTC)
    path = write_daily(tmp_path / "outbox", "hall-2", "20261128T070100Z-abcdef12", 3600.4, counter.count, now=when)
    path = write_daily(tmp_path / "outbox", "hall-2", "20261128T070100Z-abcdef12", 7200, counter.count, now=when)
    assert path == tmp_path / "outbox" / "hall-2" / "health-2026-11-28.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["uptime_s"] for line in lines] == [3600, 7200]
    assert lines[0]["release"] == "20261128T070100Z-abcdef12" and lines[0]["errors"] == 1 and lines[0]["version"]
    assert ("hall-2", when.date()) in days
    assert "daily export" in caplog.text, "a failing export is logged, and the health line is still written"


def _broken_export(folder: Path, day) -> None:
    raise OSError("no space left")


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("kiosk", logging.ERROR, __file__, 1, message, None, None)


def test_the_log_tells_each_verdict_once_not_on_every_rescan(gallery: Gallery, caplog):
    gallery.install("Opening day")
    stranger = gallery.root / "stranger" / "stranger.key"
    generate(stranger)
    gallery.deliver(gallery.publish("Not ours", key=stranger))
    with caplog.at_level(logging.INFO, logger="kiosk.releases"):
        gallery.pull()
        gallery.pull()
    assert caplog.text.count("does not trust") == 1


def test_releases_live_in_the_state_folder_unless_the_settings_say_otherwise(tmp_path: Path, monkeypatch):
    from kiosk.config import Settings, releases_dir

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert releases_dir(Settings()) == tmp_path / "state" / "hegang-kiosk" / "releases"
    assert releases_dir(Settings(releases_dir=str(tmp_path / "elsewhere"))) == tmp_path / "elsewhere"
