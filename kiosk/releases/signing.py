"""Ed25519 keys and signatures for content releases.

The curators' PC holds the private key; every kiosk holds only public keys (`trusted_keys`), so a
kiosk can tell a reviewed release from a tampered or stray folder without any network service.
A public key is one line of text, `hegang-ed25519 <base64 of the 32 key bytes> [comment]`, short
enough to paste into `kiosk.toml`. The signature covers a fixed prefix and the exact bytes of
`manifest.json`, which in turn holds the sha256 of every file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_KIND = "hegang-ed25519"
SIGNED_PREFIX = b"hegang-kiosk release manifest v1\n"  # a signature made for anything else never fits


class KeyFileError(ValueError):
    """A key file or key text that cannot be used; the message says why in plain words."""


@dataclass(frozen=True)
class PublicKey:
    key: Ed25519PublicKey
    comment: str = ""

    @property
    def raw(self) -> bytes:
        return self.key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def key_id(self) -> str:
        """A short name for the key, written into manifests and shown to staff."""
        return hashlib.sha256(self.raw).hexdigest()[:16]

    def text(self) -> str:
        line = f"{KEY_KIND} {base64.b64encode(self.raw).decode()}"
        return f"{line} {self.comment}" if self.comment else line


def generate(keyfile: Path, comment: str = "") -> PublicKey:
    """A new key pair: the private key as PKCS#8 PEM readable only by its owner (0600), the public
    key beside it as `KEYFILE.pub`. Never overwrites an existing key: a lost key means re-keying every kiosk."""
    keyfile = Path(keyfile)
    public_file = keyfile.with_name(keyfile.name + ".pub")
    for path in (keyfile, public_file):
        if path.exists():
            raise KeyFileError(f"{path} already exists; choose another file name (an existing key is never overwritten)")
    keyfile.parent.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    descriptor = os.open(keyfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    public = PublicKey(private.public_key(), comment or keyfile.stem)
    public_file.write_text(public.text() + "\n", encoding="utf-8")
    return public


def load_private(keyfile: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(keyfile).read_bytes(), password=None)
    except OSError as error:
        raise KeyFileError(f"{keyfile}: cannot read the key ({error.strerror})") from error
    except (ValueError, TypeError) as error:
        raise KeyFileError(f"{keyfile}: not a private key made by `hegang-kiosk keygen`") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{keyfile}: not an Ed25519 key; make one with `hegang-kiosk keygen`")
    return key


def parse_public(text: str) -> PublicKey:
    """A key line as `keygen` writes it."""
    parts = text.strip().split(maxsplit=2)
    if len(parts) < 2 or parts[0] != KEY_KIND:
        raise KeyFileError(f"a public key starts with '{KEY_KIND} ' followed by the key, as in the .pub file from `hegang-kiosk keygen`")
    try:
        raw = base64.b64decode(parts[1], validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as error:
        raise KeyFileError("the key text is damaged (it must be 32 bytes in base64); copy the whole line from the .pub file again") from error
    return PublicKey(key, parts[2] if len(parts) > 2 else "")


def trusted_keys(entries: tuple[str, ...] | list[str]) -> tuple[dict[str, PublicKey], list[str]]:
    """The usable keys by key id, and a message for each entry that is neither a key line nor a readable .pub file."""
    keys: dict[str, PublicKey] = {}
    problems: list[str] = []
    for entry in entries:
        try:
            if entry.strip().startswith(KEY_KIND + " "):
                key = parse_public(entry)
            else:
                path = Path(entry).expanduser()
                try:
                    text = path.read_text(encoding="utf-8-sig")
                except OSError as error:
                    raise KeyFileError(f"cannot read the key file ({error.strerror})") from error
                key = parse_public(text)
        except KeyFileError as error:
            problems.append(f"trusted_keys entry {entry[:60]!r}: {error}")
            continue
        keys[key.key_id] = key
    return keys, problems


def sign(private: Ed25519PrivateKey, manifest: bytes) -> str:
    """The signature file's text: kind, key id and base64 signature on one line."""
    public = PublicKey(private.public_key())
    signature = private.sign(SIGNED_PREFIX + manifest)
    return f"{KEY_KIND} {public.key_id} {base64.b64encode(signature).decode()}\n"


def verify(signature_text: str, manifest: bytes, keys: dict[str, PublicKey]) -> tuple[str, str]:
    """("ok" | "unknown-key" | "bad-signature", the key id named by the signature)."""
    parts = signature_text.split()
    if len(parts) != 3 or parts[0] != KEY_KIND:
        return "bad-signature", ""
    key_id = parts[1]
    key = keys.get(key_id)
    if key is None:
        return "unknown-key", key_id
    try:
        key.key.verify(base64.b64decode(parts[2], validate=True), SIGNED_PREFIX + manifest)
    except (InvalidSignature, binascii.Error, ValueError):
        return "bad-signature", key_id
    return "ok", key_id
