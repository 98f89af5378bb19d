"""A story to take home: its web address as a QR code, drawn offline with segno.

The code is drawn square by square into a pixmap, black on white with the standard quiet
zone of four modules, at a whole number of device pixels per module so every phone reads it.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.i18n import _
from kiosk.qt.widgets.common import plain_label

MODULE_PX = 5  # logical px per module: a 33-module code is 205 px with its quiet zone
QUIET_ZONE = 4


def qr_pixmap(text: str, module_px: int = MODULE_PX, ratio: float = 1.0) -> QPixmap:
    """`text` as a QR code (error correction M), `module_px` logical px per module."""
    code = segno.make_qr(text, error="m")
    rows = list(code.matrix_iter(scale=1, border=QUIET_ZONE))
    device = max(round(module_px * ratio), 1)
    pixmap = QPixmap(len(rows[0]) * device, len(rows) * device)
    pixmap.fill(QColor("#ffffff"))
    painter = QPainter(pixmap)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(QRect(x * device, y * device, device, device), QColor("#000000"))
    painter.end()
    pixmap.setDevicePixelRatio(device / module_px)
    return pixmap


class TakeHome(QWidget):
    """The QR code of a story's web address with a line that says what it is for; hidden without an address."""

    accessible_role = QAccessible.Role.Graphic

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = ""
        self.code = QLabel()
        self.code.setObjectName("CardQRCode")
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.caption = plain_label("CardQR")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.caption, 1, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def set_url(self, url: str) -> None:
        """Show `url` as a code (drawn again only when it changes); an empty url hides it."""
        if url and url != self.url:
            self.code.setPixmap(qr_pixmap(url, ratio=self.devicePixelRatioF()))
        self.url = url
        self.caption.setText(_("Scan to read this story on your phone") if url else "")
        self.setAccessibleName(_("QR code of this story's web page: {url}").format(url=url) if url else "")
        self.setVisible(bool(url))
