"""Illustrations as pixmaps: decoded on worker threads, within limits, rendered once per size and cached.

A picture is never decoded on the screen's thread. A view asks `ImageLoader.shared()` for a size; it
gets the pixmap at once when it is cached, and a placeholder otherwise, and the picture arrives a few
event-loop turns later. What a worker refuses without decoding: a raster image larger than
`MAX_DECODE_PIXELS`, any file larger than the validator's `MAX_IMAGE_BYTES`, and an SVG with more
than `MAX_SVG_ELEMENTS` elements, nested deeper than `MAX_SVG_DEPTH`, or declaring XML entities.
A refused or broken file yields no picture and one line in the log; the frame never waits for it.
"""

from __future__ import annotations

import logging
import os
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QObject, QSize, Qt, QThread, QThreadPool, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPixmap, QPixmapCache
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from kiosk.model.checks import MAX_IMAGE_BYTES
from kiosk.qt.theme import PALETTE

log = logging.getLogger(__name__)

QImageReader.setAllocationLimit(256)  # MB: refuse decompression bombs, whatever else slips through
MAX_DECODE_PIXELS = 40_000_000
"""Largest raster image decoded (e.g. 8000 × 5000); the validator already asks for at most 6000 px a side."""
MAX_SVG_ELEMENTS = 20_000
MAX_SVG_DEPTH = 64
WORKERS = max(1, min(2, (os.cpu_count() or 2) - 1))  # a core stays free for the screen's thread
CACHE_KB_AT_100_PERCENT = 10_240  # Qt's own default: the gallery's pictures and a few story cards' at 1920x1080


def fit_cache_to_screen(device_ratio: float) -> None:
    """Keep as many pictures at 200 % (4K) as at 100 %: each has four times the pixels, and a
    cache of Qt's default size would hold one card picture, decoding every story's again."""
    QPixmapCache.setCacheLimit(round(CACHE_KB_AT_100_PERCENT * max(device_ratio, 1.0) ** 2))


def svg_problem(data: bytes) -> str:
    """Why an SVG is too complex (or not SVG) to render on a kiosk; empty when it may be rendered."""
    if len(data) > MAX_IMAGE_BYTES:
        return f"is {len(data) / 1e6:.0f} MB, more than the {MAX_IMAGE_BYTES // 2**20} MB allowed"
    if b"<!ENTITY" in data:
        return "declares XML entities, which can make a small file expand without limit"
    parser = ElementTree.XMLPullParser(events=("start", "end"))
    elements = depth = 0
    try:
        for start in range(0, len(data), 65536):
            parser.feed(data[start : start + 65536])
            for event, element in parser.read_events():
                if event == "end":
                    depth -= 1
                    element.clear()  # keep memory flat on large files
                    continue
                elements += 1
                depth += 1
                if elements > MAX_SVG_ELEMENTS:
                    return f"has more than {MAX_SVG_ELEMENTS:,} elements"
                if depth > MAX_SVG_DEPTH:
                    return f"nests elements more than {MAX_SVG_DEPTH} deep"
        parser.close()
    except ElementTree.ParseError as error:
        return f"is not well-formed XML ({error})"
    return "" if elements else "is empty"


def _decode(path: Path, target: QSize, crop: bool) -> tuple[QImage, str]:
    """The picture at `path` drawn to fill `target` device pixels, or a null image and why. Runs on a worker."""
    try:
        size = path.stat().st_size
    except OSError as error:
        return QImage(), f"cannot be read ({error.strerror})"
    if size > MAX_IMAGE_BYTES:
        return QImage(), f"is {size / 1e6:.0f} MB, more than the {MAX_IMAGE_BYTES // 2**20} MB allowed"
    if path.suffix.lower() == ".svg":
        return _render_svg(path, target, crop)
    return _read_raster(path, target, crop)


def _render_svg(path: Path, target: QSize, crop: bool) -> tuple[QImage, str]:
    """Checked in Python, then drawn by Qt's SVG image reader: a reader's `read()` lets go of
    Python's lock while it draws, where drawing with QSvgRenderer from Python would hold it and
    stall the screen's thread for the whole picture (about 20 ms at 4K)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return QImage(), f"cannot be read ({error.strerror})"
    problem = svg_problem(data)
    if problem:
        return QImage(), problem
    source = QBuffer()
    source.setData(QByteArray(data))
    return _read(QImageReader(source, b"svg"), target, crop, "is not an SVG image Qt can draw")


def _read_raster(path: Path, target: QSize, crop: bool) -> tuple[QImage, str]:
    reader = QImageReader(str(path))
    natural = reader.size()
    if natural.isValid() and natural.width() * natural.height() > MAX_DECODE_PIXELS:
        return QImage(), f"is {natural.width()}×{natural.height()} pixels, more than the {MAX_DECODE_PIXELS:,} the kiosk decodes"
    return _read(reader, target, crop, "is not an image Qt can read")


def _read(reader: QImageReader, target: QSize, crop: bool, unreadable: str) -> tuple[QImage, str]:
    """Decode at the size that fills `target` (cropping the overflow) or fits in it (`crop` False)."""
    natural = reader.size()
    if not natural.isValid():
        return QImage(), f"{unreadable} ({reader.errorString()})"
    mode = Qt.AspectRatioMode.KeepAspectRatioByExpanding if crop else Qt.AspectRatioMode.KeepAspectRatio
    reader.setScaledSize(natural.scaled(target, mode))
    image = reader.read()
    if image.isNull():
        return QImage(), f"cannot be decoded ({reader.errorString()})"
    if not crop:
        return image, ""
    x = max(0, (image.width() - target.width()) // 2)
    y = max(0, (image.height() - target.height()) // 2)
    return image.copy(x, y, target.width(), target.height()), ""


def placeholder(size: QSize, device_ratio: float = 1.0) -> QPixmap:
    """A quiet paper-coloured panel that holds a picture's place until it arrives."""
    key = f"placeholder:{size.width()}x{size.height()}@{device_ratio}"
    cached = QPixmap()
    if QPixmapCache.find(key, cached):
        return cached
    pixmap = QPixmap(QSize(round(size.width() * device_ratio), round(size.height() * device_ratio)))
    pixmap.fill(QColor(PALETTE.paper))
    pixmap.setDevicePixelRatio(device_ratio)
    QPixmapCache.insert(key, pixmap)
    return pixmap


class ImageLoader(QObject):
    """Decodes pictures on worker threads and hands them to the screen's thread as cached pixmaps."""

    loaded = Signal(str, QPixmap)  # key, pixmap (null when the file was refused or broken)
    _decoded = Signal(str, QImage, str)  # from a worker: key, image, problem

    _shared: ImageLoader | None = None

    def __init__(self) -> None:
        super().__init__()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(WORKERS)
        self.pool.setThreadPriority(QThread.Priority.LowPriority)  # a frame never waits behind a picture being decoded
        self._pending: dict[str, tuple[Path, float]] = {}  # key: (file, device pixel ratio) while a worker decodes it
        self._refused: set[str] = set()
        self._decoded.connect(self._arrived)

    @classmethod
    def shared(cls) -> ImageLoader:
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def request(self, path: Path, size: QSize, device_ratio: float = 1.0, crop: bool = True) -> tuple[str, QPixmap | None]:
        """(key, pixmap) at once when it is cached; else (key, None) and `loaded(key, …)` follows."""
        try:
            stat = path.stat()
            version = f"{stat.st_mtime_ns}:{stat.st_size}"  # a replaced file is decoded again
        except OSError:
            version = "missing"
        key = f"illus:{path}:{version}:{size.width()}x{size.height()}@{device_ratio}:{crop}"
        cached = QPixmap()
        if QPixmapCache.find(key, cached):
            return key, cached
        if key in self._refused:
            return key, QPixmap()
        if key not in self._pending:
            self._pending[key] = (path, device_ratio)
            target = QSize(round(size.width() * device_ratio), round(size.height() * device_ratio))
            signal = self._decoded

            def work() -> None:
                image, problem = _decode(path, target, crop)
                with suppress(RuntimeError):  # the loader is gone: the application is closing
                    signal.emit(key, image, problem)

            self.pool.start(work)
        return key, None

    def _arrived(self, key: str, image: QImage, problem: str) -> None:
        path, ratio = self._pending.pop(key)
        pixmap = QPixmap()
        if problem or image.isNull():
            self._refused.add(key)
            log.warning("picture %s %s; it is not shown", path, problem or "cannot be decoded")
        else:
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            QPixmapCache.insert(key, pixmap)
        self.loaded.emit(key, pixmap)

    @property
    def busy(self) -> bool:
        """Whether any picture is still being decoded."""
        return bool(self._pending)

    def is_pending(self, key: str) -> bool:
        return key in self._pending

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the workers (for tools that save screenshots); the kiosk itself never waits."""
        return self.pool.waitForDone(msecs)


class ImageSlot(QObject):
    """Shows one picture in a label: the placeholder first, the picture when its worker is done."""

    def __init__(self, label: QLabel, show: Callable[[QPixmap], None] | None = None) -> None:
        super().__init__(label)
        self.label = label
        self._show = show or label.setPixmap
        self._key = ""
        ImageLoader.shared().loaded.connect(self._loaded)

    def load(self, path: Path | None, size: QSize, crop: bool = True) -> None:
        """Ask for `path` at `size`; None or an empty size clears the label."""
        if path is None or size.isEmpty():
            self._key = ""
            self.label.clear()
            return
        ratio = self.label.devicePixelRatioF()
        self._key, pixmap = ImageLoader.shared().request(path, size, ratio, crop)
        self._show(pixmap if pixmap is not None else placeholder(size, ratio))

    @property
    def waiting(self) -> bool:
        """Whether the picture asked for last is still being decoded (the placeholder shows)."""
        return ImageLoader.shared().is_pending(self._key)

    def _loaded(self, key: str, pixmap: QPixmap) -> None:
        if key == self._key:
            self._show(pixmap)


class IllustrationView(QLabel):
    """Shows an illustration (whole, or cropped to fill) at whatever size the layout gives it, redrawn when that changes."""

    def __init__(self, name: str, parent: QWidget | None = None, crop: bool = False) -> None:
        super().__init__(parent)
        self._crop = crop  # fill the view, cutting the picture's edges, instead of showing it whole
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._path: Path | None = None
        self.slot = ImageSlot(self)

    def set_image(self, path: Path | None) -> None:
        self._path = path
        self._render()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        size = self.size()
        usable = self._path is not None and size.width() >= 10 and size.height() >= 10
        self.slot.load(self._path if usable else None, size, crop=self._crop)
