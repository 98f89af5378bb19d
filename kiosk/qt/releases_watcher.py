"""The running kiosk takes releases from its inbox, and writes its daily health line to the outbox.

Syncthing fills the inbox file by file, so a change starts a short debounce and then one pass
(kiosk.releases) on a worker thread: copying and hashing a large release never stalls a visitor's
swipe. File watchers miss events (a USB stick mounted over the folder, inotify limits, network
file systems), so a slow periodic pass runs as well. A new release is only *recorded* here; the
kiosk shows it at the next idle reset, never in front of a visitor.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.i18n import _
from kiosk.qt.widgets.common import single_shot
from kiosk.releases import Inbox, PassResult, ReleaseError, current_path, current_release, installed, rollback
from kiosk.releases.outbox import ErrorCounter, write_daily

log = logging.getLogger("kiosk.releases")
DEBOUNCE_MS = 2000  # Syncthing writes a release as a burst of renames; pass once it settles
RESCAN_MS = 5 * 60 * 1000
HEALTH_CHECK_MS = 60 * 60 * 1000
SHOWN_VERDICTS = 4


class ReleasesWatcher(QObject):
    """Runs the inbox pass when the inbox changes (and every few minutes), off the GUI thread."""

    passFinished = Signal(object)  # noqa: N815 - the PassResult
    _done = Signal(object)  # a finished Future, delivered to the GUI thread

    def __init__(self, inbox: Inbox, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.in_use = current_release(inbox.root)
        """The release on screen; the pass never prunes it."""
        self.last: PassResult | None = None
        self.rollback_problem = ""
        """Why staff's last rollback could not be done (plain English from kiosk.releases), until one succeeds."""
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="release-pass")
        self._running = False
        self._again = False
        self._files = QFileSystemWatcher(self)
        self._files.directoryChanged.connect(self._changed)
        self._debounce = single_shot(self, DEBOUNCE_MS, self.scan)
        self._rescan = QTimer(self)
        self._rescan.setInterval(RESCAN_MS)
        self._rescan.timeout.connect(self.scan)
        self._rescan.start()
        self._done.connect(self._finished)
        self._arm()

    @property
    def pending(self) -> Path | None:
        """The folder of a release installed since the one on screen, waiting for the next idle reset."""
        release = current_release(self.inbox.root)
        return current_path(self.inbox.root) if release and release != self.in_use else None

    def take(self, path: Path) -> None:
        """The kiosk now shows the release at `path`."""
        self.in_use = path.name

    def _arm(self) -> None:
        """Watch the inbox and every folder in it: Syncthing renames each finished file inside a release folder."""
        folder = self.inbox.folder
        if not folder.is_dir():
            return
        wanted = {str(folder)} | {str(path) for path in folder.rglob("*") if path.is_dir() and not path.name.startswith(".")}
        missing = sorted(wanted - set(self._files.directories()))
        if missing:
            self._files.addPaths(missing)

    def _changed(self, _path: str) -> None:
        self._debounce.start()

    def scan(self) -> None:
        """Start a pass now, or right after the one that is running."""
        if self._running:
            self._again = True
            return
        self._running = True
        future = self._pool.submit(self.inbox.pull, self.in_use)
        future.add_done_callback(self._done.emit)

    def _finished(self, future: Future) -> None:
        self._running = False
        try:
            result = future.result()
        except Exception:  # a pass must never take the kiosk down; the next change or rescan tries again
            log.exception("releases: the inbox pass failed")
            result = None
        self._arm()
        if result is not None and not result.busy:
            self.last = result
            self.passFinished.emit(result)
        if self._again:
            self._again = False
            self.scan()

    def roll_back(self) -> Path:
        """Staff's rollback to the release before the current one; returns its folder (ReleaseError when there is none)."""
        rollback(self.inbox.root)
        self.rollback_problem = ""
        path = current_path(self.inbox.root)
        if path is None:
            raise ReleaseError("the release rolled back to vanished")
        return path

    def wait_idle(self) -> None:
        """Finish the pass that is running (tests, and quitting without leaving a staging folder to clean up)."""
        self._pool.shutdown(wait=True)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="release-pass")

    def describe(self) -> str:
        """For the staff menu, in the current language: the release on screen and its note, and the last pass's refusals."""
        kept = {release.release: release for release in installed(self.inbox.root)}
        shown = kept.get(self.in_use or "")
        lines = [_("Release on screen: {release}").format(release=shown.release) + (f" — {shown.note}" if shown.note else "")
                 if shown else _("Release on screen: none yet (the content folder is shown)")]
        if self.rollback_problem:
            lines.append(_("Cannot roll back: {reason}").format(reason=self.rollback_problem))
        waiting = self.pending
        if waiting is not None:
            lines.append(_("Installed, shown after the next idle reset: {release}").format(release=waiting.name))
        if self.last is not None:
            notable = [verdict for verdict in self.last.verdicts if verdict.code not in ("installed", "older", "superseded")]
            for verdict in notable[:SHOWN_VERDICTS]:
                lines.append(f"{verdict.folder}: {verdict.message(_)}")
            if len(notable) > SHOWN_VERDICTS:
                lines.append(f"… +{len(notable) - SHOWN_VERDICTS}")
        return "\n".join(lines)


class HealthReporter(QObject):
    """Writes the daily health line (and registered exports) into the outbox: at start, then once each new day."""

    def __init__(self, outbox: Path, name: str, release: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outbox, self.name = outbox, name
        self._release = release
        self._started = time.monotonic()
        self._errors = ErrorCounter()
        logging.getLogger().addHandler(self._errors)
        self._written: datetime.date | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(HEALTH_CHECK_MS)
        self._timer.timeout.connect(self.write_if_new_day)
        self._timer.start()
        self.write_if_new_day()

    def stop(self) -> None:
        self._timer.stop()
        logging.getLogger().removeHandler(self._errors)

    def write_if_new_day(self) -> None:
        today = datetime.datetime.now(datetime.UTC).date()
        if self._written == today:
            return
        try:
            write_daily(self.outbox, self.name, self._release(), time.monotonic() - self._started, self._errors.count)
            self._written = today
        except OSError as error:
            log.warning("outbox: cannot write the health line to %s (%s)", self.outbox, error.strerror or error)
