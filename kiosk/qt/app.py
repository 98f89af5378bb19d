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
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QStandardPaths, Qt, QTimer, qInstallMessageHandler
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from kiosk import systemd
from kiosk.config import Settings, default_log_dir
from kiosk.i18n import Catalogs
from kiosk.model import LoadResult
from kiosk.model.last_good import default_cache, load_with_fallback
from kiosk.paths import CONTENT_DIR
from kiosk.qt import accessibility
from kiosk.qt.fonts import FontSet
from kiosk.qt.input_router import InputRouter
from kiosk.qt.keypad import Keypad
from kiosk.qt.kiosk_mode import KioskMode, set_full_screen
from kiosk.qt.main_window import MainWindow
from kiosk.qt.preview import ContentWatcher, problem_lines
from kiosk.qt.session_controller import SessionController
from kiosk.qt.theme import style_sheet

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
    keep: list = field(default_factory=list)

    def reload(self) -> None:
        """Staff's 'reload content': the new content if it is sound, the last good otherwise."""
        shown, failed = load_with_fallback(self.content_dir, default_cache())
        _apply(self, shown, failed, banner=self.watcher is not None)
        if self.mode is not None:
            self.mode.menu.set_status(_status(shown, failed))
            self.mode.menu.show_report(_report(self.content_dir, failed or shown))

    def close(self) -> None:
        """Close the window for good (tests, tools): a locked-down kiosk refuses visitors' attempts."""
        if self.mode is not None:
            self.mode.allow_close()
        self.window.close()
        self.window.deleteLater()


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
) -> Kiosk:
    """The kiosk as a museum runs it; `run()`, the tests, the tools and every bench probe start here.

    `kiosk_mode` adds the idle countdown and attract loop, the staff corner and the content
    report of the staff menu, and (unless `windowed`) the lockdown. `size` sets the window
    size instead of full screen (tests and the benchmark); `windowed` is the developer's window.
    """
    settings = settings or Settings()
    app = application()
    fonts = FontSet.shared()
    sheet = style_sheet(fonts.sans, fonts.serif, settings.large_text_scale)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    content_dir = Path(content_dir)
    loaded, failed = load_with_fallback(content_dir, default_cache())
    for problem in (failed or loaded).problems:
        log.warning("%s", problem)
    session = SessionController(Catalogs(), loaded.content, settings.default_language)
    accessibility.install()
    window = MainWindow(session, fonts, today_as_year(), settings.story_url)
    session.setParent(window)
    kiosk = Kiosk(app, window, session, loaded, content_dir, router=InputRouter(window))
    if settings.keypad_keys:
        kiosk.router.keypad = Keypad(window, settings.keypad_keys)
    if kiosk_mode:
        kiosk.mode = KioskMode(window, settings, kiosk.router, lockdown=not windowed, reload=kiosk.reload)
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
    session.start()
    return kiosk


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


def keep_running_on_errors() -> None:
    """An exception in a slot is logged; the visitor screen stays up."""

    def hook(kind, value, traceback) -> None:
        log.error("uncaught exception", exc_info=(kind, value, traceback))

    sys.excepthook = hook


def single_instance() -> QLockFile | None:
    """A lock in the runtime folder; a stale lock from a crashed kiosk is taken over."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation) or QDir.tempPath()
    lock = QLockFile(str(Path(folder) / "hegang-kiosk.lock"))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(100) else None


def run(content_dir: Path, settings: Settings, messages: list[str], windowed: bool = False, preview: bool = False) -> int:
    log_file = setup_logging(Path(settings.log_dir) if settings.log_dir else default_log_dir())
    for message in messages:
        log.warning("settings: %s", message)
    app = application()
    lock = single_instance()
    if lock is None:
        log.error("another hegang-kiosk is already running; this one stops")
        return 3
    keep_running_on_errors()
    kiosk = create_app(settings, content_dir, windowed=windowed, size=(1920, 1080) if windowed else None, preview=preview)
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
    lock.unlock()
    return status
