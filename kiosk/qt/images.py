"""Illustrations as pixmaps, rendered once per size and cached.

Decoding is guarded: a huge or broken file yields an empty pixmap, never a crash or a
frozen frame on the visitor's screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImageReader, QPainter, QPixmap, QPixmapCache
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

QImageReader.setAllocationLimit(256)  # MB: refuse decompression bombs


def illustration(path: Path | None, size: QSize, device_ratio: float = 1.0, crop: bool = True) -> QPixmap:
    """The image at `path` filling `size` (logical pixels): cropped to fill, or whole and letterboxed."""
    if path is None or size.isEmpty():
        return QPixmap()
    key = f"illus:{path}:{size.width()}x{size.height()}@{device_ratio}:{crop}"
    cached = QPixmap()
    if QPixmapCache.find(key, cached):
        return cached
    target = QSize(round(size.width() * device_ratio), round(size.height() * device_ratio))
    pixmap = _render_svg(path, target, crop) if path.suffix.lower() == ".svg" else _read_raster(path, target, crop)
    if not pixmap.isNull():
        pixmap.setDevicePixelRatio(device_ratio)
        QPixmapCache.insert(key, pixmap)
    return pixmap


def _render_svg(path: Path, target: QSize, crop: bool) -> QPixmap:
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return QPixmap()
    natural = renderer.defaultSize()
    pick = max if crop else min
    scale = pick(target.width() / max(natural.width(), 1), target.height() / max(natural.height(), 1))
    drawn = QSize(round(natural.width() * scale), round(natural.height() * scale))
    pixmap = QPixmap(target)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    x = (target.width() - drawn.width()) / 2
    y = (target.height() - drawn.height()) / 2
    renderer.render(painter, QRectF(x, y, drawn.width(), drawn.height()))
    painter.end()
    return pixmap


def _read_raster(path: Path, target: QSize, crop: bool) -> QPixmap:
    reader = QImageReader(str(path))
    natural = reader.size()
    mode = Qt.AspectRatioMode.KeepAspectRatioByExpanding if crop else Qt.AspectRatioMode.KeepAspectRatio
    if natural.isValid():
        reader.setScaledSize(natural.scaled(target, mode))
    image = reader.read()
    if image.isNull():
        return QPixmap()
    pixmap = QPixmap.fromImage(image)
    if not crop:
        return pixmap
    x = max(0, (pixmap.width() - target.width()) // 2)
    y = max(0, (pixmap.height() - target.height()) // 2)
    return pixmap.copy(x, y, target.width(), target.height())


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

    def set_image(self, path: Path | None) -> None:
        self._path = path
        self._render()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        size = self.size()
        if self._path is None or size.width() < 10 or size.height() < 10:
            self.clear()
            return
        self.setPixmap(illustration(self._path, size, self.devicePixelRatioF(), crop=self._crop))
