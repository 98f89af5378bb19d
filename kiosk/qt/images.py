"""Illustrations as pixmaps, rendered once per size and cached.

Decoding is guarded: a huge or broken file yields an empty pixmap, never a crash or a
frozen frame on the visitor's screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImageReader, QPainter, QPixmap, QPixmapCache
from PySide6.QtSvg import QSvgRenderer

QImageReader.setAllocationLimit(256)  # MB: refuse decompression bombs


def illustration(path: Path | None, size: QSize, device_ratio: float = 1.0) -> QPixmap:
    """The image at `path`, cropped to fill `size` (logical pixels)."""
    if path is None or size.isEmpty():
        return QPixmap()
    key = f"illus:{path}:{size.width()}x{size.height()}@{device_ratio}"
    cached = QPixmap()
    if QPixmapCache.find(key, cached):
        return cached
    target = QSize(round(size.width() * device_ratio), round(size.height() * device_ratio))
    pixmap = _render_svg(path, target) if path.suffix.lower() == ".svg" else _read_raster(path, target)
    if not pixmap.isNull():
        pixmap.setDevicePixelRatio(device_ratio)
        QPixmapCache.insert(key, pixmap)
    return pixmap


def _render_svg(path: Path, target: QSize) -> QPixmap:
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return QPixmap()
    natural = renderer.defaultSize()
    scale = max(target.width() / max(natural.width(), 1), target.height() / max(natural.height(), 1))
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


def _read_raster(path: Path, target: QSize) -> QPixmap:
    reader = QImageReader(str(path))
    natural = reader.size()
    if natural.isValid():
        reader.setScaledSize(natural.scaled(target, Qt.AspectRatioMode.KeepAspectRatioByExpanding))
    image = reader.read()
    if image.isNull():
        return QPixmap()
    pixmap = QPixmap.fromImage(image)
    x = max(0, (pixmap.width() - target.width()) // 2)
    y = max(0, (pixmap.height() - target.height()) // 2)
    return pixmap.copy(x, y, target.width(), target.height())
