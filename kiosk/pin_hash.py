"""The one format of a stored staff PIN, `scrypt$16384$8$1$<salt>$<digest>`, written and parsed here only.

The settings reader and the PIN pad both use `parse_pin_hash`, so a hash the settings accept is a hash
the pad can check. The scrypt cost is exactly what `hegang-kiosk set-pin` writes: a tampered hash that
asks for more memory or time is refused in plain words before any hashing, so it can never stall the
kiosk. Pure Python, no Qt.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_DKLEN = 32
SALT_BYTES = 16
#: scrypt needs 128·n·r bytes; a little headroom on top for hashlib's own bookkeeping.
SCRYPT_MAXMEM = 129 * SCRYPT_N * SCRYPT_R * SCRYPT_P + 2**20

_FIELDS = re.compile(r"([a-z0-9]+)\$([^$]*)\$([^$]*)\$([^$]*)\$([^$]*)\$([^$]*)")
_NUMBER = re.compile(r"[0-9]{1,10}")


class PinHashError(ValueError):
    """A stored PIN hash that cannot be used; the message says why, for museum IT."""


@dataclass(frozen=True, slots=True)
class PinHash:
    """A parsed PIN hash: the salt and the scrypt digest of the PIN, with set-pin's cost."""

    salt: bytes
    digest: bytes

    def __str__(self) -> str:
        salt, digest = base64.b64encode(self.salt).decode("ascii"), base64.b64encode(self.digest).decode("ascii")
        return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt}${digest}"


def parse_pin_hash(text: str) -> PinHash:
    """The PIN hash in `text` (surrounding whitespace from a hand edit is ignored); PinHashError if unusable."""
    if not isinstance(text, str):
        raise PinHashError("it is not text")
    match = _FIELDS.fullmatch(text.strip())
    if match is None:
        raise PinHashError("it does not have the six $-separated parts of a hash made by `hegang-kiosk set-pin`")
    method, n, r, p, salt_text, digest_text = match.groups()
    if method != "scrypt":
        raise PinHashError(f"it is a '{method}' hash; the kiosk only reads the scrypt hashes `hegang-kiosk set-pin` writes")
    for name, value, expected in (("n", n, SCRYPT_N), ("r", r, SCRYPT_R), ("p", p, SCRYPT_P)):
        if not _NUMBER.fullmatch(value) or int(value) != expected:
            shown = value if _NUMBER.fullmatch(value) else "not a number"
            raise PinHashError(
                f"its scrypt {name} is {shown}, not the {expected} that `hegang-kiosk set-pin` writes "
                "(a changed cost could stall the kiosk, so the hash is not used)"
            )
    salt, digest = _decode(salt_text, "salt"), _decode(digest_text, "digest")
    if len(salt) != SALT_BYTES:
        raise PinHashError(f"its salt is {len(salt)} bytes, not {SALT_BYTES}")
    if len(digest) != SCRYPT_DKLEN:
        raise PinHashError(f"its digest is {len(digest)} bytes, not {SCRYPT_DKLEN}")
    return PinHash(salt, digest)


def _decode(text: str, name: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise PinHashError(f"its {name} is not base64 text") from None
