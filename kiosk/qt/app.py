"""Build the running kiosk: Qt application, fonts, catalogs, content, window."""

from __future__ import annotations

import datetime
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.i18n import Catalogs
from kiosk.model import LoadResult
from kiosk.model.last_good import default_cache, load_with_fallback
from kiosk.qt.fonts import FontSet
from kiosk.qt.language import LanguageController
from kiosk.qt.main_window import MainWindow
from kiosk.qt.preview import ContentWatcher, problem_lines
from kiosk.qt.theme import style_sheet

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    app: QApplication
    window: MainWindow
    language: LanguageController
    loaded: LoadResult
    watcher: ContentWatcher | None = None


def today_as_year(now: datetime.date | None = None) -> float:
    now = now or datetime.date.today()
    return now.year + (now.timetuple().tm_yday - 1) / 365.0


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("hegang-kiosk")
    app.setApplicationDisplayName("Hegang Coal Heritage Kiosk")
    return app


def build(
    content_dir: Path, language: str = "zh", windowed: bool = False, size: tuple[int, int] | None = None, preview: bool = False
) -> Kiosk:
    app = application()
    fonts = FontSet.shared()
    sheet = style_sheet(fonts.sans, fonts.serif)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    loaded, failed = load_with_fallback(Path(content_dir), default_cache())
    for problem in (failed or loaded).problems:
        log.warning("%s", problem)
    controller = LanguageController(Catalogs(), language)
    window = MainWindow(loaded.content, fonts, controller, today_as_year())
    if size:
        window.resize(*size)
    if windowed or size:
        window.show()
    else:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.showFullScreen()
    kiosk = Kiosk(app, window, controller, loaded)
    if preview:
        kiosk.watcher = ContentWatcher(Path(content_dir), default_cache(), window)
        kiosk.watcher.reloaded.connect(lambda shown, bad: _apply(window, shown, bad))
        _apply(window, loaded, failed)
    return kiosk


def _apply(window: MainWindow, shown: LoadResult, failed: LoadResult | None) -> None:
    if shown.content != window.content:
        window.set_content(shown.content)
    window.show_problems(problem_lines(failed) if failed else [])


def run(content_dir: Path, language: str, windowed: bool, preview: bool = False) -> int:
    kiosk = build(content_dir, language, windowed, (1920, 1080) if windowed else None, preview=preview)
    return kiosk.app.exec()
