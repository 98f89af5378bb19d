"""The staff PIN: stored only as a salted scrypt hash, checked in constant time, rate-limited on the pad.

`hegang-kiosk set-pin` asks for a PIN and writes its hash as `pin_hash = "…"` into the settings file,
keeping everything else in the file as it was. Pure Python, no Qt.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import getpass
import hashlib
import hmac
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TextIO

from kiosk.config import default_config_path, load_settings

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_DKLEN = 32
SALT_BYTES = 16

LOCK_AFTER = 3
"""Consecutive wrong PINs before the pad locks."""
FIRST_LOCK_SECONDS = 30.0
MAX_LOCK_SECONDS = 15 * 60.0

_PIN = re.compile(r"[0-9]{4,12}")
_HASH = re.compile(r"scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)")
# Limits for hashes read back from a file, so a tampered file cannot make a check take minutes or gigabytes.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16


def valid_pin(pin: object) -> bool:
    """A PIN is 4 to 12 digits 0-9, nothing else."""
    return isinstance(pin, str) and _PIN.fullmatch(pin) is not None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=129 * n * r * p + 2**20)


def hash_pin(pin: str) -> str:
    """`scrypt$16384$8$1$<salt base64>$<hash base64>` with a fresh random 16-byte salt."""
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_DKLEN)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the `stored` hash; False for an empty or malformed `stored`, never raises."""
    if not isinstance(pin, str) or not isinstance(stored, str):
        return False
    match = _HASH.fullmatch(stored.strip())
    if not match:
        return False
    n, r, p = (int(group) for group in match.group(1, 2, 3))
    if n < 2 or n & (n - 1) or n > _MAX_N or not 1 <= r <= _MAX_R or not 1 <= p <= _MAX_P:
        return False
    try:
        salt = base64.b64decode(match.group(4), validate=True)
        expected = base64.b64decode(match.group(5), validate=True)
    except (binascii.Error, ValueError):
        return False
    if len(salt) < SALT_BYTES or len(expected) != SCRYPT_DKLEN:
        return False
    try:
        actual = _scrypt(pin, salt, n, r, p, len(expected))
    except (ValueError, MemoryError, UnicodeError):
        return False
    return hmac.compare_digest(actual, expected)


class PinGate:
    """The staff PIN pad's lock: after 3 wrong PINs in a row it locks for 30 s, each further lock
    twice as long (30 s, 1 min, 2 min, … at most 15 min). A right PIN resets both.

    `attempt()` answers "ok", "wrong", "locked" (also for the wrong PIN that starts a lock; while
    locked the PIN is not even checked) or "unset" when no staff PIN is configured, so the UI can say
    "no staff PIN is set; run hegang-kiosk set-pin".
    """

    def __init__(self, pin_hash: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._pin_hash = pin_hash or ""
        self._clock = clock
        self._wrong = 0
        self._locks = 0
        self._locked_until = float("-inf")

    @property
    def is_set(self) -> bool:
        return bool(self._pin_hash)

    def seconds_locked(self) -> float:
        """Seconds until the pad takes PINs again; 0 when it is not locked."""
        return max(0.0, self._locked_until - self._clock())

    def attempt(self, pin: str) -> str:
        if not self._pin_hash:
            return "unset"
        if self.seconds_locked() > 0:
            return "locked"
        if verify_pin(pin, self._pin_hash):
            self._wrong = 0
            self._locks = 0
            return "ok"
        self._wrong += 1
        if self._wrong < LOCK_AFTER:
            return "wrong"
        self._wrong = 0
        self._locked_until = self._clock() + min(FIRST_LOCK_SECONDS * 2**self._locks, MAX_LOCK_SECONDS)
        self._locks = min(self._locks + 1, 32)
        return "locked"


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
    if not _HASH.fullmatch(pin_hash):
        raise ValueError("pin_hash must be a hash made by hash_pin()")
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
