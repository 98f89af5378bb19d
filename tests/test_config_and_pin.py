"""Museum IT sets the kiosk up with one settings file, a staff PIN and a systemd unit; none of it may stop the exhibition."""

from __future__ import annotations

import configparser
import hashlib
import io
import json
import logging
import os
import socket
import stat
import sys
from pathlib import Path

import pytest

from kiosk import config, systemd
from kiosk.config import Settings, default_config_path, default_log_dir, load_settings, with_overrides
from kiosk.paths import ASSETS_DIR
from kiosk.pin import MAX_LOCK_SECONDS, PinGate, default_lock_path, hash_pin, set_pin_in_config, set_pin_main, valid_pin, verify_pin
from kiosk.pin_hash import PinHashError, parse_pin_hash

DEPLOY = ASSETS_DIR / "deploy"


@pytest.fixture(autouse=True)
def private_places(tmp_path, monkeypatch):
    """No test reads or writes the real ~/.config, ~/.local/state or a real systemd socket."""
    for name in ("HEGANG_KIOSK_CONFIG", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
        monkeypatch.delenv(name, raising=False)
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.setenv(name, str(tmp_path / "env" / name))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- the settings file -------------------------------------------------------------------------


def test_without_a_settings_file_the_kiosk_uses_the_defaults(tmp_path):
    assert load_settings(tmp_path / "nowhere.toml") == (Settings(), [])
    assert load_settings() == (Settings(), [])  # the default place, empty in this test


def test_the_settings_file_lives_where_museum_it_expects_it(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "_windows", lambda: False)
    assert default_config_path() == tmp_path / "env" / "XDG_CONFIG_HOME" / "hegang-kiosk" / "kiosk.toml"
    assert default_log_dir() == tmp_path / "env" / "XDG_STATE_HOME" / "hegang-kiosk" / "logs"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.delenv("XDG_STATE_HOME")
    assert default_config_path() == tmp_path / "home" / ".config" / "hegang-kiosk" / "kiosk.toml"
    assert default_log_dir() == tmp_path / "home" / ".local" / "state" / "hegang-kiosk" / "logs"

    monkeypatch.setattr(config, "_windows", lambda: True)
    assert default_config_path() == tmp_path / "env" / "APPDATA" / "hegang-kiosk" / "kiosk.toml"
    assert default_log_dir() == tmp_path / "env" / "LOCALAPPDATA" / "hegang-kiosk" / "logs"

    monkeypatch.setenv("HEGANG_KIOSK_CONFIG", str(tmp_path / "elsewhere.toml"))
    assert default_config_path() == tmp_path / "elsewhere.toml"


def test_a_typo_in_the_config_falls_back_to_defaults_with_a_message_naming_the_line(tmp_path):
    path = write(tmp_path / "kiosk.toml", "# the entrance kiosk\nidle_seconds = 120\nattract = yes\n")
    settings, messages = load_settings(path)
    assert settings == Settings()
    assert len(messages) == 1
    assert messages[0].startswith(f"{path}:3:11: ")
    assert "not valid TOML" in messages[0] and "quotes" in messages[0]
    assert "default" in messages[0]

    write(path, 'content_dir = "/srv/content\n')
    settings, messages = load_settings(path)
    assert settings == Settings()
    assert messages[0].startswith(f"{path}:1:") and "closing quote" in messages[0]

    for text in ("idle_seconds = 120\nidle_seconds = 130\n", "idle_seconds = 120\nidle_seconds = 130"):
        message = load_settings(write(path, text))[1][0]
        assert message.startswith(f"{path}:2") and "given twice" in message


def test_a_wrong_value_keeps_the_other_settings(tmp_path):
    path = write(
        tmp_path / "kiosk.toml",
        'idle_seconds = "ninety"\ncountdown_seconds = 2\ndefault_language = "fr"\nattract = "no"\n'
        "large_text_scale = 3\nhide_cursor = false\nattract_seconds = 600\n"
        'content_dir = "/srv/hegang"\nlog_dir = 7\n',
    )
    settings, messages = load_settings(path)
    assert settings == Settings(hide_cursor=False, attract_seconds=600, content_dir="/srv/hegang")
    assert len(messages) == 6
    by_setting = {message.split(" = ")[0]: message for message in messages}
    assert set(by_setting) == {"idle_seconds", "countdown_seconds", "default_language", "attract", "large_text_scale", "log_dir"}
    assert f"{path}, line 1" in by_setting["idle_seconds"] and "whole number" in by_setting["idle_seconds"]
    assert "minimum" in by_setting["countdown_seconds"] and "3 to 120" in by_setting["countdown_seconds"]
    assert '"zh"' in by_setting["default_language"] and '"en"' in by_setting["default_language"]
    assert "true or false" in by_setting["attract"]
    assert "1.0 to 2.0" in by_setting["large_text_scale"]
    assert all("using the default" in message for message in messages)

    write(path, "idle_seconds = 2\nlarge_text_scale = 1\nattract = true\n")
    settings, messages = load_settings(path)
    assert settings == Settings(large_text_scale=1.0)
    assert isinstance(settings.large_text_scale, float)
    assert len(messages) == 1 and "minimum" in messages[0] and "10 to 3600" in messages[0]

    write(path, "idle_seconds = true\n")  # TOML's true is not a number of seconds
    assert load_settings(path)[0] == Settings() and load_settings(path)[1]


def test_the_attract_loop_cannot_start_before_the_idle_reset(tmp_path):
    path = write(tmp_path / "kiosk.toml", "idle_seconds = 300\nattract_seconds = 120\n")
    settings, messages = load_settings(path)
    assert settings.idle_seconds == 300 and settings.attract_seconds == 300
    assert len(messages) == 1 and "attract_seconds" in messages[0] and "line 2" in messages[0]


def test_unknown_settings_are_named(tmp_path):
    path = write(tmp_path / "kiosk.toml", "idle_seconds = 60\n\nidel_seconds = 30\n[kiosk]\nhide_cursor = false\n")
    settings, messages = load_settings(path)
    assert settings == Settings(idle_seconds=60)
    assert len(messages) == 2
    typo, section = messages
    assert typo.startswith(f"unknown setting 'idel_seconds' in {path}, line 3")
    assert "did you mean 'idle_seconds'?" in typo
    assert "known settings: idle_seconds, countdown_seconds, attract_seconds" in typo
    assert "[kiosk]" in section and "line 4" in section and "hide_cursor" in section


def test_an_unreadable_settings_file_never_stops_the_kiosk(tmp_path):
    folder = tmp_path / "kiosk.toml"
    folder.mkdir()
    settings, messages = load_settings(folder)
    assert settings == Settings() and len(messages) == 1 and "could not be read" in messages[0]

    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('# café\ncontent_dir = "/srv/café"\n'.encode("latin-1"))
    settings, messages = load_settings(latin1)
    assert settings == Settings() and "UTF-8" in messages[0] and messages[0].startswith(f"{latin1}:1:")

    notepad = tmp_path / "notepad.toml"
    notepad.write_bytes(b"\xef\xbb\xbfidle_seconds = 45\r\n")  # Windows Notepad's UTF-8 with BOM
    assert load_settings(notepad) == (Settings(idle_seconds=45), [])


def test_command_line_flags_override_the_settings_file():
    settings = Settings(default_language="en", hide_cursor=True)
    changed = with_overrides(settings, default_language="zh", content_dir=None, hide_cursor=False)
    assert changed == Settings(default_language="zh", hide_cursor=False)
    assert with_overrides(settings, content_dir=None) is settings


def test_the_shipped_example_config_is_valid_and_equals_the_defaults():
    path = DEPLOY / "kiosk.example.toml"
    assert load_settings(path) == (Settings(), [])
    text = path.read_text(encoding="utf-8")
    for name in config.FIELDS:  # every setting is there, with a comment just above it
        lines = text.splitlines()
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{name} = "))
        assert lines[index - 1].startswith("#"), name
    assert "hegang-kiosk set-pin" in text and "%APPDATA%" in text and ".config/hegang-kiosk" in text


# -- the staff PIN ---------------------------------------------------------------------------------


def test_pins_are_stored_only_as_salted_scrypt_hashes(tmp_path):
    first, second = hash_pin("482916"), hash_pin("482916")
    assert first != second  # a fresh salt each time
    for stored in (first, second):
        parts = stored.split("$")
        assert parts[:4] == ["scrypt", "16384", "8", "1"] and len(parts) == 6
        assert "482916" not in stored
        assert verify_pin("482916", stored)
        assert not verify_pin("482917", stored)
    path = tmp_path / "kiosk.toml"
    set_pin_in_config(path, first)
    assert "482916" not in path.read_text(encoding="utf-8")
    settings, messages = load_settings(path)
    assert settings.pin_hash == first and messages == []


def test_a_damaged_pin_hash_never_opens_the_pad():
    good = hash_pin("1234")
    _, _, _, _, salt, digest = good.split("$")
    for stored in ("", "1234", "scrypt$16384$8$1$", good[:-4], good.replace("scrypt", "bcrypt"),
                   f"scrypt$16384$8$1${salt}$!!!", f"scrypt$1000$8$1${salt}${digest}", f"scrypt$1073741824$8$1${salt}${digest}"):
        assert not verify_pin("1234", stored), stored
    assert verify_pin("1234", good + "\n")  # a trailing newline from a hand edit is harmless


def test_a_staff_pin_is_4_to_12_digits():
    assert all(valid_pin(pin) for pin in ("0000", "1234", "123456789012"))
    assert not any(valid_pin(pin) for pin in ("", "123", "1234567890123", "12a4", "12 34", "１２３４", "١٢٣٤", "1234\n", None, 1234))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def staff_hash() -> str:
    return hash_pin("2468")


def test_three_wrong_pins_lock_the_pad_and_the_lock_grows(staff_hash):
    clock = Clock()
    gate = PinGate(staff_hash, clock=clock)
    for expected_lock in (30, 60, 120, 240, 480, 900, 900):
        assert [gate.attempt("0000"), gate.attempt("1111")] == ["wrong", "wrong"]
        assert gate.seconds_locked() == 0
        assert gate.attempt("9999") == "locked"
        assert gate.seconds_locked() == expected_lock
        clock.now += 10
        assert gate.attempt("2468") == "locked"  # not even the right PIN is checked while locked
        assert gate.seconds_locked() == expected_lock - 10
        clock.now += expected_lock - 10
        assert gate.seconds_locked() == 0


def test_a_right_pin_resets_the_count_and_the_lock(staff_hash):
    clock = Clock()
    gate = PinGate(staff_hash, clock=clock)
    assert [gate.attempt("0000"), gate.attempt("0000"), gate.attempt("2468")] == ["wrong", "wrong", "ok"]
    assert [gate.attempt("0000"), gate.attempt("0000")] == ["wrong", "wrong"]  # counting starts again
    assert gate.attempt("0000") == "locked" and gate.seconds_locked() == 30
    clock.now += 30
    assert gate.attempt("2468") == "ok"
    for _ in range(3):
        gate.attempt("0000")
    assert gate.seconds_locked() == 30  # the right PIN also reset the growth


def test_without_a_staff_pin_the_pad_says_so():
    gate = PinGate("", clock=Clock())
    assert [gate.attempt("1234") for _ in range(5)] == ["unset"] * 5
    assert gate.seconds_locked() == 0 and not gate.is_set


def tampered(good: str, **parts: str) -> str:
    """`good` with some of its six $-parts replaced, as a hand edit or an attacker would."""
    names = ("method", "n", "r", "p", "salt", "digest")
    values = dict(zip(names, good.split("$"), strict=True)) | parts
    return "$".join(values[name] for name in names)


def test_a_hash_the_settings_accept_is_exactly_a_hash_the_pad_can_check(tmp_path, staff_hash):
    salt = staff_hash.split("$")[4]
    candidates = [
        staff_hash, f"  {staff_hash}\n", tampered(staff_hash, n="1024"), tampered(staff_hash, r="08"), tampered(staff_hash, p="2"),
        tampered(staff_hash, method="bcrypt"), tampered(staff_hash, salt=salt[:-4]), tampered(staff_hash, digest="!!!!"),
        tampered(staff_hash, salt="AAAA" + salt), staff_hash + "$extra", "1234", "scrypt$16384$8$1$$",
    ]
    for stored in candidates:
        path = write(tmp_path / "kiosk.toml", f'pin_hash = "{stored.strip()}"\n')
        settings, messages = load_settings(path)
        gate = PinGate(settings.pin_hash)
        accepted = messages == []
        assert accepted == (gate.before_check() is None), stored
        assert accepted == verify_pin("2468", stored), stored
    assert [verify_pin("2468", c) for c in candidates].count(True) == 3  # "08" is still eight


def test_a_tampered_hash_with_a_huge_cost_is_refused_in_plain_words_and_never_computed(staff_hash, monkeypatch):
    calls = []
    monkeypatch.setattr(hashlib, "scrypt", lambda *args, **kwargs: calls.append(kwargs) or b"")
    for part, value in (("n", "1048576"), ("n", "1073741824"), ("r", "4096"), ("p", "64"), ("n", "99999999999")):
        stored = tampered(staff_hash, **{part: value})
        with pytest.raises(PinHashError) as raised:
            parse_pin_hash(stored)
        assert f"scrypt {part} is" in str(raised.value) and "set-pin" in str(raised.value)
        gate = PinGate(stored)
        assert gate.attempt("2468") == "damaged" and f"scrypt {part}" in gate.problem
        assert not verify_pin("2468", stored)
    assert calls == [], "no hash with a tampered cost is ever computed"


def test_a_corrupt_pin_hash_in_the_settings_names_the_file_and_line_and_the_rest_still_applies(tmp_path, staff_hash):
    damaged = tampered(staff_hash, n="1048576")
    path = write(tmp_path / "kiosk.toml", f'idle_seconds = 120\n# set by IT\npin_hash = "{damaged}"\ndefault_language = "en"\n')
    settings, messages = load_settings(path)
    assert settings.idle_seconds == 120 and settings.default_language == "en"
    assert len(messages) == 1
    assert f"{path}, line 3" in messages[0] and "1048576" in messages[0] and "hegang-kiosk set-pin" in messages[0]
    assert damaged not in messages[0], "a hash (or a PIN typed in its place) is never copied into the log"
    assert PinGate(settings.pin_hash).attempt("2468") == "damaged", "staff are told the hash is damaged, not only 'Wrong PIN'"

    write(path, "pin_hash = 2468\n")  # a PIN typed where its hash belongs
    settings, messages = load_settings(path)
    assert f"{path}, line 1" in messages[0] and "2468" not in messages[0]
    assert PinGate(settings.pin_hash).attempt("2468") == "damaged"


def test_the_lock_out_survives_a_restart_of_the_kiosk(tmp_path, staff_hash):
    clock, state = Clock(), tmp_path / "state" / "pin-lock.json"
    gate = PinGate(staff_hash, state, clock=clock)
    assert [gate.attempt("0000"), gate.attempt("1111")] == ["wrong", "wrong"]
    gate = PinGate(staff_hash, state, clock=clock)  # the kiosk restarts: the count goes on
    assert gate.attempt("2222") == "locked" and gate.seconds_locked() == 30
    clock.now += 10
    gate = PinGate(staff_hash, state, clock=clock)  # and the lock too
    assert gate.attempt("2468") == "locked" and gate.seconds_locked() == 20
    clock.now += 20
    gate = PinGate(staff_hash, state, clock=clock)
    for _ in range(3):
        gate.attempt("0000")
    assert gate.seconds_locked() == 60, "the next lock is twice as long, restart or not"
    assert sorted(path.name for path in state.parent.iterdir()) == ["pin-lock.json"], "written atomically, no temporary files left"
    assert "2468" not in state.read_text() and "0000" not in state.read_text()
    assert default_lock_path().parent == default_log_dir().parent, "kept next to the logs"


def test_a_damaged_lock_out_file_is_reported_and_the_pad_works_again(tmp_path, staff_hash, caplog):
    clock, state = Clock(), tmp_path / "pin-lock.json"
    for text in ("{not json", '{"wrong": "two", "locks": 0, "locked_until": 0}', "[]", '{"wrong": 1, "locks": 0, "locked_until": NaN}'):
        state.write_text(text, encoding="utf-8")
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="kiosk.pin"):
            gate = PinGate(staff_hash, state, clock=clock)
        assert str(state) in caplog.text and "lock-out" in caplog.text, text
        assert gate.attempt("2468") == "ok"
    gate.attempt("0000")
    assert json.loads(state.read_text(encoding="utf-8"))["wrong"] == 1, "a sound file replaces the damaged one"

    state.write_text(json.dumps({"wrong": 0, "locks": 3, "locked_until": clock.now + 10**9}), encoding="utf-8")
    assert PinGate(staff_hash, state, clock=clock).seconds_locked() == MAX_LOCK_SECONDS, "a clock set back never locks for longer"


def test_wrong_pins_are_logged_but_never_the_pin(staff_hash, caplog):
    gate = PinGate(staff_hash, clock=Clock())
    with caplog.at_level(logging.INFO, logger="kiosk.pin"):
        for pin in ("0000", "1357", "9753", "2468"):
            gate.attempt(pin)
    wrong = [record for record in caplog.records if "wrong PIN" in record.getMessage()]
    assert len(wrong) == 3 and "locked for 30 s" in wrong[-1].getMessage()
    assert "while the pad is locked" in caplog.text
    for secret in ("0000", "1357", "9753", "2468", staff_hash.split("$")[5]):
        assert secret not in caplog.text


COMMENTED = """\
# Entrance hall kiosk, set up by IT on 2024-05-02
idle_seconds = 120   # visitors read slowly here

# staff PIN: see the binder
pin_hash = ""  # filled by set-pin
default_language = "en"
"""


def test_set_pin_keeps_the_comments_of_the_config_file(tmp_path):
    path = write(tmp_path / "kiosk.toml", COMMENTED)
    stored = hash_pin("13579")
    set_pin_in_config(path, stored)
    assert path.read_text(encoding="utf-8") == COMMENTED.replace('pin_hash = ""', f'pin_hash = "{stored}"')
    again = hash_pin("97531")
    set_pin_in_config(path, again)
    assert path.read_text(encoding="utf-8") == COMMENTED.replace('pin_hash = ""', f'pin_hash = "{again}"')
    assert load_settings(path) == (Settings(idle_seconds=120, default_language="en", pin_hash=again), [])
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.toml"]  # no temporary file left behind

    no_pin_yet = write(tmp_path / "other.toml", "# lobby\r\nhide_cursor = false")  # Windows line ends, no final one
    set_pin_in_config(no_pin_yet, stored)
    assert no_pin_yet.read_bytes().decode() == f'# lobby\r\nhide_cursor = false\r\npin_hash = "{stored}"\r\n'


def test_set_pin_creates_a_private_settings_file(tmp_path):
    path = tmp_path / "new" / "folder" / "kiosk.toml"
    stored = hash_pin("13579")
    set_pin_in_config(path, stored)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and lines[-1] == f'pin_hash = "{stored}"'
    assert load_settings(path) == (Settings(pin_hash=stored), [])
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(ValueError):
        set_pin_in_config(path, '1234"\nidle_seconds = 10')


def test_set_pin_refuses_mismatched_or_non_digit_pins(tmp_path):
    path = tmp_path / "kiosk.toml"
    for answers, words in ((["1234", "1243"], "differ"), (["12ab", "12ab"], "4 to 12 digits"), (["123", "123"], "4 to 12 digits")):
        out, err = io.StringIO(), io.StringIO()
        replies = iter(answers)
        assert set_pin_main(["--config", str(path)], prompt=lambda _text, r=replies: next(r), out=out, err=err) == 1
        assert words in err.getvalue() and "not changed" in err.getvalue()
        assert not path.exists()

    def cancel(_text: str) -> str:
        raise KeyboardInterrupt

    err = io.StringIO()
    assert set_pin_main(["--config", str(path)], prompt=cancel, out=io.StringIO(), err=err) == 1
    assert "Cancelled" in err.getvalue() and not path.exists()

    out = io.StringIO()
    assert set_pin_main(["--config", str(path)], prompt=lambda _text: "864213", out=out, err=io.StringIO()) == 0
    assert str(path) in out.getvalue()
    assert verify_pin("864213", load_settings(path)[0].pin_hash)


def test_set_pin_writes_to_the_usual_place_and_reads_stdin_for_scripted_installs(tmp_path, monkeypatch):
    monkeypatch.setenv("HEGANG_KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    out = io.StringIO()
    assert set_pin_main(["--pin-stdin"], stdin=io.StringIO("5555\n"), out=out, err=io.StringIO()) == 0
    assert verify_pin("5555", load_settings()[0].pin_hash)
    assert str(tmp_path / "kiosk.toml") in out.getvalue()
    err = io.StringIO()
    assert set_pin_main(["--pin-stdin"], stdin=io.StringIO(""), out=io.StringIO(), err=err) == 1
    assert "4 to 12 digits" in err.getvalue()


# -- systemd ---------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets on this platform")
def test_sd_notify_reaches_a_listening_socket(tmp_path, monkeypatch):
    address = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(str(address))
        listener.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", str(address))
        assert systemd.notify("READY=1")
        assert listener.recv(4096) == b"READY=1"
        assert systemd.notify("STATUS=Showing the timeline")
        assert listener.recv(4096) == b"STATUS=Showing the timeline"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract sockets are Linux only")
def test_sd_notify_reaches_an_abstract_socket(monkeypatch):
    name = f"hegang-kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind("\0" + name)
        listener.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert systemd.notify("WATCHDOG=1")
        assert listener.recv(4096) == b"WATCHDOG=1"


def test_outside_systemd_notify_does_nothing(tmp_path, monkeypatch):
    assert systemd.notify("READY=1") is False
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "nobody-listens.sock"))
    assert systemd.notify("READY=1") is False


def test_the_watchdog_is_pinged_twice_as_often_as_systemd_asks(monkeypatch):
    assert systemd.watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    assert systemd.watchdog_interval() == 15.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert systemd.watchdog_interval() == 15.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid() + 1))
    assert systemd.watchdog_interval() is None
    monkeypatch.delenv("WATCHDOG_PID")
    monkeypatch.setenv("WATCHDOG_USEC", "soon")
    assert systemd.watchdog_interval() is None


def test_the_shipped_service_and_autostart_files_start_the_kiosk():
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read(DEPLOY / "hegang-kiosk.service", encoding="utf-8")
    assert unit["Service"]["Type"] == "notify" and unit["Service"]["NotifyAccess"] == "main"
    assert unit["Service"]["WatchdogSec"] == "30" and unit["Service"]["Restart"] == "always"
    assert unit["Service"]["ExecStart"].endswith("/bin/hegang-kiosk")
    assert unit["Unit"]["PartOf"] == "graphical-session.target"
    assert unit["Install"]["WantedBy"] == "graphical-session.target"

    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str
    entry.read(DEPLOY / "hegang-kiosk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"] == "hegang-kiosk" and desktop["Terminal"] == "false"
    assert "systemd" in (DEPLOY / "hegang-kiosk.desktop").read_text(encoding="utf-8")


def test_keypad_keys_and_the_story_address_are_checked_with_plain_words(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('keypad_keys = ["Left", "Right", "Return"]\nstory_url = "https://museum.example/hegang/{id}?lang={lang}"\n', encoding="utf-8")
    settings, messages = load_settings(path)
    assert messages == [] and settings.keypad_keys == ("Left", "Right", "Return")
    assert settings.story_url.format(id="soviet-army-1945", lang="en") == "https://museum.example/hegang/soviet-army-1945?lang=en"
    path.write_text('keypad_keys = ["Left", "Delete"]\nstory_url = "museum.example/{name}"\n', encoding="utf-8")
    settings, messages = load_settings(path)
    assert settings == Settings()
    assert "does not know Delete" in messages[0] and "line 1" in messages[0]
    assert "must start with https://" in messages[1]
    path.write_text('story_url = "https://museum.example/hegang/{id}/{page}"\n', encoding="utf-8")
    assert "only {id} and {lang}" in load_settings(path)[1][0]
