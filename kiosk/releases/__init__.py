"""Signed content releases: published on the curators' PC, carried by Syncthing (or rsync, or a USB
stick) into each kiosk's inbox, installed atomically, rolled back by staff. Pure Python, no Qt.

`manifest.publish` writes a release, `inbox.pull` installs one, `outbox.write_daily` reports back.
"""

from kiosk.releases.inbox import (
    REASONS,
    Inbox,
    Installed,
    PassResult,
    ReleaseError,
    Verdict,
    current_path,
    current_release,
    installed,
    last_status,
    pull,
    rollback,
)
from kiosk.releases.manifest import Manifest, PublishError, publish
from kiosk.releases.signing import KeyFileError, PublicKey, generate, trusted_keys

__all__ = [
    "REASONS",
    "Inbox",
    "Installed",
    "KeyFileError",
    "Manifest",
    "PassResult",
    "PublicKey",
    "PublishError",
    "ReleaseError",
    "Verdict",
    "current_path",
    "current_release",
    "generate",
    "installed",
    "last_status",
    "publish",
    "pull",
    "rollback",
    "trusted_keys",
]
