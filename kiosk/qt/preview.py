"""Live preview for curators: reload within a second of a save, keep the last good content on errors.

Editors save in different ways: some write the file in place, many write a new file and
rename it over the old one (which drops the old file from a file watch). Watching the
folder as well as each file, and re-arming after every change, catches both.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from kiosk.model.last_good import load_with_fallback
from kiosk.model.loader import LoadResult
from kiosk.qt.widgets.common import single_shot

SETTLE_MS = 150  # editors write in bursts; reload once they are done


class ContentWatcher(QObject):
    #: (what to show, the failed load or None)
    reloaded = Signal(object, object)

    def __init__(self, folder: Path, cache: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.cache = cache
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._watcher.fileChanged.connect(self._changed)
        self._settle = single_shot(self, SETTLE_MS, self.reload)
        self._arm()

    def _arm(self) -> None:
        wanted = [str(self.folder)] + [str(p) for p in self.folder.glob("*.json")]
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [path for path in wanted if path not in watched]
        if missing:
            self._watcher.addPaths(missing)

    def _changed(self, _path: str) -> None:
        self._settle.start()

    def reload(self) -> None:
        self._arm()
        shown, failed = load_with_fallback(self.folder, self.cache)
        self.reloaded.emit(shown, failed)


def problem_lines(result: LoadResult, limit: int = 6) -> list[str]:
    lines = [str(problem).split("\n")[0] for problem in result.errors[:limit]]
    if len(result.errors) > limit:
        lines.append(f"… +{len(result.errors) - limit}")
    return lines
