"""A tiny sd_notify client, so systemd knows when the kiosk is up and restarts it when it hangs.

Under the user unit in `assets/deploy/hegang-kiosk.service` (Type=notify, WatchdogSec=30) the kiosk
sends "READY=1" once the home screen is painted and "WATCHDOG=1" every `watchdog_interval()` seconds
from the UI thread. Outside systemd (or on Windows) every call does nothing. Pure Python, no Qt.
"""

from __future__ import annotations

import os
import socket


def notify(message: str) -> bool:
    """Send `message` (e.g. "READY=1", "WATCHDOG=1", "STATUS=…") to $NOTIFY_SOCKET.

    False when not started by systemd (no socket), on a platform without Unix sockets, or when
    sending fails; never raises.
    """
    address = os.environ.get("NOTIFY_SOCKET", "")
    family = getattr(socket, "AF_UNIX", None)
    if not address or family is None or address[0] not in "/@":
        return False  # also "vsock:…" addresses, which a desktop session never uses
    if address[0] == "@":
        address = "\0" + address[1:]  # a Linux abstract socket
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.sendto(message.encode("utf-8"), address)
    except (OSError, ValueError):
        return False
    return True


def watchdog_interval() -> float | None:
    """Seconds between "WATCHDOG=1" pings: half of systemd's $WATCHDOG_USEC, for safety.

    None when systemd set no watchdog, or set it for another process ($WATCHDOG_PID).
    """
    pid = os.environ.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return None
    try:
        usec = int(os.environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    return usec / 1_000_000 / 2 if usec > 0 else None
