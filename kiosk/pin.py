"""The staff PIN: stored only as a salted scrypt hash, checked in constant time, rate-limited on the pad.

`hegang-kiosk set-pin` asks for a PIN and writes its hash as `pin_hash = "…"` into the settings file,
keeping everything else in the file as it was. Pure Python, no Qt.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import json
import logging
import math
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TextIO

from kiosk.config import default_config_path, default_state_dir, load_settings
from kiosk.pin_hash import SALT_BYTES, SCRYPT_DKLEN, SCRYPT_MAXMEM, SCRYPT_N, SCRYPT_P, SCRYPT_R, PinHash, PinHashError, parse_pin_hash

log = logging.getLogger(__name__)

LOCK_AFTER = 3
"""Consecutive wrong PINs before the pad locks."""
FIRST_LOCK_SECONDS = 30.0
MAX_LOCK_SECONDS = 15 * 60.0
MAX_LOCKS = 32

_PIN = re.compile(r"[0-9]{4,12}")


def valid_pin(pin: object) -> bool:
    """A PIN is 4 to 12 digits 0-9, nothing else."""
    return isinstance(pin, str) and _PIN.fullmatch(pin) is not None


def _scrypt(pin: str, salt: bytes) -> bytes:
    """The one place scrypt runs, always at set-pin's cost (seconds of CPU at most, 16 MB)."""
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=SCRYPT_DKLEN, maxmem=SCRYPT_MAXMEM)


def hash_pin(pin: str) -> str:
    """`scrypt$16384$8$1$<salt base64>$<hash base64>` with a fresh random 16-byte salt."""
    salt = os.urandom(SALT_BYTES)
    return str(PinHash(salt, _scrypt(pin, salt)))


def matches(pin: str, stored: PinHash) -> bool:
    """Whether `pin` is the PIN behind `stored`, compared in constant time. Slow on purpose: run it off the GUI thread."""
    try:
        actual = _scrypt(pin, stored.salt)
    except (ValueError, MemoryError, UnicodeError):
        return False
    return hmac.compare_digest(actual, stored.digest)


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the `stored` hash text; False for an empty or malformed `stored`, never raises."""
    if not isinstance(pin, str):
        return False
    try:
        parsed = parse_pin_hash(stored)
    except PinHashError:
        return False
    return matches(pin, parsed)


def default_lock_path() -> Path:
    """The pad's lock-out state, kept next to the kiosk's other state (logs) so a restart does not clear it."""
    return default_state_dir() / "pin-lock.json"


class PinGate:
    """The staff PIN pad's lock: after 3 wrong PINs in a row it locks for 30 s, each further lock
    twice as long (30 s, 1 min, 2 min, … at most 15 min). A right PIN resets both.

    The count and the lock are kept in `state_path` (when given), written atomically after each
    change, so restarting the kiosk does not give a guesser a fresh start. `clock` is wall-clock time
    for that reason. Wrong PINs and locks are logged; the PIN never is.

    The check is split so the slow hash can run on a worker thread: `before_check()` answers without
    hashing when it can ("unset": no staff PIN is configured; "damaged": the settings hold a hash that
    cannot be used, see `problem`; "locked": while locked the PIN is not even checked); otherwise
    `matches(pin)` hashes, and `record(matched)` answers "ok", "wrong" or "locked" (for the wrong PIN
    that starts a lock). `attempt(pin)` does all three in one call. All of it may run on a worker
    thread (the state file is written there too); a lock keeps two checks from mixing their counts.
    """

    def __init__(self, pin_hash: str, state_path: Path | None = None, clock: Callable[[], float] = time.time) -> None:
        self._stored = (pin_hash or "").strip()
        self._hash: PinHash | None = None
        self.problem = ""
        if self._stored:
            try:
                self._hash = parse_pin_hash(self._stored)
            except PinHashError as error:
                self.problem = str(error)
                log.error("the staff PIN hash in the settings cannot be used: %s; run hegang-kiosk set-pin", error)
        self._state_path = state_path
        self._clock = clock
        self._wrong = 0
        self._locks = 0
        self._locked_until = -math.inf
        self._lock = threading.Lock()
        if state_path is not None:
            self._load_state(state_path)

    @property
    def is_set(self) -> bool:
        return bool(self._stored)

    def seconds_locked(self) -> float:
        """Seconds until the pad takes PINs again; 0 when it is not locked."""
        return max(0.0, self._locked_until - self._clock())

    def before_check(self) -> str | None:
        """The verdict when no PIN can be checked now ("unset", "damaged", "locked"); None when `matches` should run."""
        if not self._stored:
            return "unset"
        if self._hash is None:
            return "damaged"
        if self.seconds_locked() > 0:
            log.info("staff PIN pad: a PIN was entered while the pad is locked; it was not checked")
            return "locked"
        return None

    def matches(self, pin: str) -> bool:
        """The slow scrypt check; touches no state, so it is safe on a worker thread."""
        return self._hash is not None and matches(pin, self._hash)

    def record(self, matched: bool) -> str:
        """Count the outcome of a check: "ok", "wrong", or "locked" when this wrong PIN starts a lock."""
        with self._lock:
            return self._record(matched)

    def _record(self, matched: bool) -> str:
        if matched:
            log.info("staff PIN pad: right PIN")
            if self._wrong or self._locks:
                self._wrong = self._locks = 0
                self._save_state()
            return "ok"
        self._wrong += 1
        if self._wrong < LOCK_AFTER:
            log.warning("staff PIN pad: wrong PIN (%d in a row; the pad locks at %d)", self._wrong, LOCK_AFTER)
            self._save_state()
            return "wrong"
        seconds = min(FIRST_LOCK_SECONDS * 2**self._locks, MAX_LOCK_SECONDS)
        self._wrong = 0
        self._locked_until = self._clock() + seconds
        self._locks = min(self._locks + 1, MAX_LOCKS)
        log.warning("staff PIN pad: wrong PIN (%d in a row); the pad is locked for %d s", LOCK_AFTER, seconds)
        self._save_state()
        return "locked"

    def attempt(self, pin: str) -> str:
        """Check `pin` on this thread: "ok", "wrong", "locked", "unset" or "damaged"."""
        return self.before_check() or self.record(self.matches(pin))

    # -- the state file

    def _load_state(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            log.warning("%s: the staff PIN lock-out state cannot be read (%s); starting without a lock-out", path, error)
            return
        wrong, locks, until = (data.get(key) if isinstance(data, dict) else None for key in ("wrong", "locks", "locked_until"))
        if not (_count(wrong, LOCK_AFTER - 1) and _count(locks, MAX_LOCKS) and isinstance(until, int | float) and not isinstance(until, bool)
                and math.isfinite(until)):
            log.warning("%s: the staff PIN lock-out state is damaged; starting without a lock-out", path)
            return
        self._wrong, self._locks = wrong, locks
        # a clock set back must not lock the pad for longer than the longest lock
        self._locked_until = min(float(until), self._clock() + MAX_LOCK_SECONDS)

    def _save_state(self) -> None:
        if self._state_path is None:
            return
        until = self._locked_until if math.isfinite(self._locked_until) else 0.0
        text = json.dumps({"wrong": self._wrong, "locks": self._locks, "locked_until": until}) + "\n"
        try:
            _write_atomically(self._state_path, text)
        except OSError as error:
            log.warning("%s: the staff PIN lock-out state cannot be written (%s); it lasts until the kiosk restarts", self._state_path, error)


def _count(value: object, highest: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= highest


# -- writing the hash into the settings file ---------------------------------------------------------

_HEADER = "# Hegang Coal Heritage Kiosk settings. Every setting is explained in kiosk.example.toml.\n"
_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_PIN_LINE = re.compile(r"""^([ \t]*(?:pin_hash|"pin_hash"|'pin_hash')[ \t]*=[ \t]*)("[^"\r\n]*"|'[^'\r\n]*'|[^#\r\n]*?)([ \t]*(?:#[^\r\n]*)?)(?=\r?$)""", re.MULTILINE)


def set_pin_in_config(path: Path, pin_hash: str) -> None:
    """Write `pin_hash = "…"` into the TOML file at `path`, keeping every other line and comment.

    An existing top-level `pin_hash = …` line gets the new value; otherwise the line is added at the
    end of the top-level settings. The file and its folder are created when missing. The file is
    replaced atomically and, on Linux, readable by its owner only.
    """
    parse_pin_hash(pin_hash)  # raises PinHashError (a ValueError) for anything hash_pin() did not make
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        text = _HEADER
    newline = "\r\n" if "\r\n" in text else "\n"
    line = f'pin_hash = "{pin_hash}"'
    table = _TABLE.search(text)
    top_end = table.start() if table else len(text)
    match = _PIN_LINE.search(text, 0, top_end)
    if match:
        text = text[: match.start(2)] + f'"{pin_hash}"' + text[match.end(2) :]
    elif table:
        text = text[:top_end] + line + newline + newline + text[top_end:]
    else:
        if text and not text.endswith("\n"):
            text += newline
        text += line + newline
    _write_atomically(path, text)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if os.name == "posix":
            os.chmod(temporary, 0o600)
            with suppress(OSError):  # run with sudo on the kiosk user's file: the file stays theirs
                owner = path.stat()
                os.chown(temporary, owner.st_uid, owner.st_gid)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


# -- `hegang-kiosk set-pin` ----------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hegang-kiosk set-pin",
        description="Set the staff PIN (4 to 12 digits). Only a salted hash of it is stored, in the settings file.",
    )
    parser.add_argument("--config", type=Path, default=None, metavar="PATH", help=f"the settings file to write (default: {str(default_config_path()).replace('%', '%%')})")
    parser.add_argument("--pin-stdin", action="store_true", help="read the PIN once from standard input, for scripted installs")
    return parser


def set_pin_main(
    argv: list[str] | None = None,
    *,
    prompt: Callable[[str], str] = getpass.getpass,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """`hegang-kiosk set-pin [--config PATH] [--pin-stdin]`: 0 when the PIN hash was written, else 1.

    `out`, `err` and `stdin` default to the process's streams at call time.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    path: Path = args.config.expanduser() if args.config else default_config_path()
    try:
        if args.pin_stdin:
            pin = (stdin or sys.stdin).readline().strip()
            again = pin
        else:
            pin = prompt("New staff PIN (4 to 12 digits): ")
            again = prompt("The same PIN again: ")
    except (EOFError, KeyboardInterrupt):
        print("Cancelled; the staff PIN was not changed.", file=err)
        return 1
    if not valid_pin(pin):
        print("A staff PIN is 4 to 12 digits (0-9) and nothing else; the staff PIN was not changed.", file=err)
        return 1
    if pin != again:
        print("The two PINs differ; the staff PIN was not changed. Please try again.", file=err)
        return 1
    try:
        set_pin_in_config(path, hash_pin(pin))
    except OSError as error:
        print(f"Could not write {path}: {error.strerror or error}; the staff PIN was not changed.", file=err)
        return 1
    print(f"The staff PIN is set. Its hash was written to {path}; the kiosk reads it when it starts.", file=out)
    _, messages = load_settings(path)
    for message in messages:
        print(f"Note: {message}", file=err)
    return 0
