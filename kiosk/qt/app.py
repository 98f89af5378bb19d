"""Build and run the kiosk: Qt application, fonts, catalogs, content, session, window, kiosk mode.

`create_app` is the one factory: `run`, the tests, the tools and the benchmark all build
the kiosk with it, so what is measured and tested is what runs on the museum floor. `run`
adds what a museum PC needs around it: a rotating log, one instance only, a hidden cursor,
a watchdog for systemd, and a handler that logs any exception and keeps the screen alive.
"""

from __future__ import annotations

import datetime
import logging
import logging.handlers
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QLockFile, QStandardPaths, Qt, QTimer, qInstallMessageHandler
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from kiosk import systemd
from kiosk.config import Settings, analytics_db_path, default_log_dir, kiosk_name
from kiosk.i18n import Catalogs
from kiosk.model import LoadResult
from kiosk.model.last_good import default_cache, load_with_fallback
from kiosk.paths import CONTENT_DIR
from kiosk.qt import accessibility
from kiosk.qt.analytics_recorder import AnalyticsRecorder, event_log
from kiosk.qt.fonts import FontSet
from kiosk.qt.images import fit_cache_to_screen
from kiosk.qt.input_router import InputRouter
from kiosk.qt.keypad import Keypad
from kiosk.qt.kiosk_mode import KioskMode, set_full_screen
from kiosk.qt.main_window import MainWindow
from kiosk.qt.preview import ContentWatcher, problem_lines
from kiosk.qt.session_controller import SessionController
from kiosk.qt.theme import style_sheet

if TYPE_CHECKING:  # kiosk.releases (and cryptography) load only on kiosks that take releases
    from kiosk.qt.releases_watcher import ReleasesWatcher
    from kiosk.releases import Inbox

log = logging.getLogger("kiosk")


@dataclass
class Kiosk:
    app: QApplication
    window: MainWindow
    session: SessionController
    loaded: LoadResult
    content_dir: Path
    watcher: ContentWatcher | None = None
    router: InputRouter | None = None
    mode: KioskMode | None = None
    analytics: AnalyticsRecorder | None = None
    keep: list = field(default_factory=list)
    releases: ReleasesWatcher | None = None
    cache: Path | None = field(default_factory=default_cache)  # None for a release: it was validated before it was installed

    def reload(self) -> None:
        """Staff's 'reload content': the new content if it is sound, the last good otherwise."""
        shown, failed = load_with_fallback(self.content_dir, self.cache)
        _apply(self, shown, failed, banner=self.watcher is not None)
        if self.analytics is not None:
            self.analytics.content_reloaded(failed is None)
        if self.mode is not None:
            self.mode.menu.set_status(_status(shown, failed))
            self.mode.menu.show_report(_report(self.content_dir, failed or shown))

    def close(self) -> None:
        """Close the window for good (tests, tools): a locked-down kiosk refuses visitors' attempts."""
        if self.mode is not None:
            self.mode.allow_close()
        self.window.close()
        self.window.deleteLater()

    # -- releases from the inbox (kiosk.releases; see README, "Several kiosks") --------------------

    def watch_releases(self, inbox: Inbox) -> None:
        from kiosk.qt.releases_watcher import ReleasesWatcher

        self.releases = ReleasesWatcher(inbox, self.window)
        if self.mode is not None:
            self.mode.idle.resetRequested.connect(self.show_pending_release)  # after KioskMode's own reset
            self.mode.menu.set_releases(self.releases.describe)
            self.mode.menu.rollbackRequested.connect(self.roll_back)
            self.releases.passFinished.connect(lambda _result: self.mode.menu.translateUI())
        self.releases.scan()

    def show_pending_release(self) -> None:
        """At an idle reset, with nobody in front of the screen: switch to a release installed since the last one."""
        path = self.releases.pending if self.releases else None
        if path is not None:
            self.show_release(path)

    def show_release(self, path: Path) -> None:
        self.releases.take(path)
        self.content_dir, self.cache = path, None
        self.reload()
        log.info("releases: now showing %s", path.name)

    def roll_back(self) -> None:
        """Staff's rollback, shown at once: staff are at the screen because the release on it is wrong."""
        from kiosk.releases import ReleaseError

        try:
            path = self.releases.roll_back()
        except ReleaseError as error:
            log.warning("releases: rollback refused: %s", error)
            self.releases.rollback_problem = str(error)
        else:
            self.show_release(path)
        if self.mode is not None:
            self.mode.menu.translateUI()


def today_as_year(now: datetime.date | None = None) -> float:
    now = now or datetime.date.today()
    return now.year + (now.timetuple().tm_yday - 1) / 365.0


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("hegang-kiosk")
    app.setApplicationDisplayName("Hegang Coal Heritage Kiosk")
    return app


def create_app(
    settings: Settings | None = None,
    content_dir: Path = CONTENT_DIR,
    *,
    kiosk_mode: bool = True,
    windowed: bool = False,
    size: tuple[int, int] | None = None,
    preview: bool = False,
    releases: Inbox | None = None,
) -> Kiosk:
    """The kiosk as a museum runs it; `run()`, the tests, the tools and every bench probe start here.

    `kiosk_mode` adds the idle countdown and attract loop, the staff corner and the content
    report of the staff menu, and (unless `windowed`) the lockdown. `size` sets the window
    size instead of full screen (tests and the benchmark); `windowed` is the developer's window.
    With `releases`, the kiosk shows the current installed release (`content_dir` only until the first
    one) and takes new ones from the inbox.
    """
    settings = settings or Settings()
    app = application()
    fonts = FontSet.shared()
    sheet = style_sheet(fonts.sans, fonts.serif, settings.large_text_scale)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    content_dir, cache = Path(content_dir), default_cache()
    release = _current_release(releases)
    if release is not None:
        content_dir, cache = release, None
    loaded, failed = load_with_fallback(content_dir, cache)
    for problem in (failed or loaded).problems:
        log.warning("%s", problem)
    session = SessionController(Catalogs(), loaded.content, settings.default_language)
    accessibility.install()
    fit_cache_to_screen(app.primaryScreen().devicePixelRatio())
    window = MainWindow(session, fonts, today_as_year(), settings.story_url)
    session.setParent(window)
    kiosk = Kiosk(app, window, session, loaded, content_dir, router=InputRouter(window), cache=cache)
    if settings.keypad_keys:
        kiosk.router.keypad = Keypad(window, settings.keypad_keys)
    if kiosk_mode:
        kiosk.analytics = AnalyticsRecorder(window, event_log(settings))
        kiosk.mode = KioskMode(window, settings, kiosk.router, lockdown=not windowed, reload=kiosk.reload,
                               visitors=kiosk.analytics if settings.analytics else None)
        kiosk.analytics.connect_kiosk_mode(kiosk.mode)
        app.aboutToQuit.connect(kiosk.analytics.shutdown)
        kiosk.mode.menu.set_status(_status(loaded, failed))
        kiosk.mode.menu.show_report(_report(content_dir, failed or loaded))
    if size:
        window.resize(*size)
    if windowed or size:
        window.show()
    else:
        set_full_screen(window, True)
    if preview:
        kiosk.watcher = ContentWatcher(content_dir, default_cache(), window)
        kiosk.watcher.reloaded.connect(lambda shown, bad: _apply(kiosk, shown, bad, banner=True))
        _apply(kiosk, loaded, failed, banner=True)
    if releases is not None:
        kiosk.watch_releases(releases)
    session.start()
    return kiosk


def _current_release(releases: Inbox | None) -> Path | None:
    if releases is None:
        return None
    from kiosk.releases import current_path

    return current_path(releases.root)


def _apply(kiosk: Kiosk, shown: LoadResult, failed: LoadResult | None, banner: bool) -> None:
    if shown.content != kiosk.session.content:
        kiosk.session.set_content(shown.content)
    if banner:
        kiosk.window.show_problems(problem_lines(failed) if failed else [])


def _status(shown: LoadResult, failed: LoadResult | None) -> str:
    content = shown.content
    text = f"{len(content.events)} events, {len(content.panels)} panels, {len(content.series)} charts."
    if failed:
        text += f" The content folder has {len(failed.errors)} errors: showing the last good version."
    return text


def _report(folder: Path, result: LoadResult) -> str:
    from kiosk.curation.report import translation_report

    problems = "\n".join(str(problem) for problem in result.problems) or "No problems found."
    try:
        translations = str(translation_report(folder))
    except Exception as error:  # a report must never take the staff menu down
        translations = f"The translation report failed: {error}"
    return f"Content check\n\n{problems}\n\n{translations}"


# -- running on the museum floor -------------------------------------------------------------


def setup_logging(folder: Path) -> Path | None:
    """A rotating log (5 × 2 MB), so months of running never fill the disk."""
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    path = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "kiosk.log"
        handlers.append(logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"))
    except OSError as error:
        print(f"hegang-kiosk: cannot write logs to {folder} ({error.strerror}); logging to the console only", file=sys.stderr)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=handlers, force=True)
    qInstallMessageHandler(lambda mode, context, message: log.info("qt: %s", message))
    return path


def keep_running_on_errors(counted: Callable[[], None] = lambda: None) -> None:
    """An exception in a slot is logged (and `counted`, for the analytics); the visitor screen stays up."""

    def hook(kind, value, traceback) -> None:
        log.error("uncaught exception", exc_info=(kind, value, traceback))
        counted()

    sys.excepthook = hook


def single_instance() -> QLockFile | None:
    """A lock in the runtime folder; a stale lock from a crashed kiosk is taken over."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation) or QDir.tempPath()
    lock = QLockFile(str(Path(folder) / "hegang-kiosk.lock"))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(100) else None


def run(content_dir: Path, settings: Settings, messages: list[str], windowed: bool = False, preview: bool = False,
        releases: bool = False) -> int:
    log_file = setup_logging(Path(settings.log_dir) if settings.log_dir else default_log_dir())
    for message in messages:
        log.warning("settings: %s", message)
    inbox, problems = None, []
    if releases:
        from kiosk.releases import Inbox

        inbox, problems = Inbox.from_settings(settings)
    for problem in problems:
        log.warning("settings: %s", problem)
    if settings.inbox and not releases:
        log.info("releases: --content was given, so this run shows that folder and takes no releases from %s", settings.inbox)
    app = application()
    lock = single_instance()
    if lock is None:
        log.error("another hegang-kiosk is already running; this one stops")
        return 3
    kiosk = create_app(settings, content_dir, windowed=windowed, size=(1920, 1080) if windowed else None, preview=preview,
                       releases=inbox)
    keep_running_on_errors(kiosk.analytics.error if kiosk.analytics else lambda: None)
    if settings.outbox:
        from kiosk.analytics.summary import daily_export
        from kiosk.qt.releases_watcher import HealthReporter
        from kiosk.releases.outbox import register_export

        on_screen = (lambda: kiosk.releases.in_use) if kiosk.releases else (lambda: None)
        if kiosk.analytics:
            register_export(daily_export(analytics_db_path(settings)))
        kiosk.keep.append(HealthReporter(Path(settings.outbox).expanduser(), kiosk_name(settings), on_screen, app))
    if settings.hide_cursor and not windowed:
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    interval = systemd.watchdog_interval()
    if interval:
        watchdog = QTimer(app)
        watchdog.timeout.connect(lambda: systemd.notify("WATCHDOG=1"))
        watchdog.start(int(interval * 1000))
        kiosk.keep.append(watchdog)
    systemd.notify("READY=1")
    log.info("kiosk started on %s (log: %s)", content_dir, log_file)
    status = app.exec()
    if kiosk.releases is not None:
        kiosk.releases.wait_idle()  # a pass copying a release finishes, instead of leaving a staging folder behind
    lock.unlock()
    return status
