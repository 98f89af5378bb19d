"""The staff's way out: a hidden five-second press in the top-left corner, a PIN pad, a staff menu.

Visitors never see any of it. The PIN is checked against a salted scrypt hash from the
config, on a worker thread so the screen never waits for the hash, and wrong PINs lock the pad
for longer and longer (kiosk.pin.PinGate).
"""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QThreadPool, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.i18n import _, active_language, format_number
from kiosk.pin import PinGate
from kiosk.qt.language import translateUI
from kiosk.qt.widgets.common import plain_label, single_shot, touch_button
from kiosk.qt.widgets.overlay import Overlay

CORNER_PX = 90
HOLD_MS = 5000


class StaffCorner(QObject):
    """Watches for a press held still for five seconds in the window's top-left corner (fed by the input router)."""

    triggered = Signal()

    def __init__(self, window: QWidget, hold_ms: int = HOLD_MS) -> None:
        super().__init__(window)
        self.window = window
        self._timer = single_shot(self, hold_ms, self.triggered.emit)

    def _in_corner(self, global_pos: QPoint) -> bool:
        top_left = self.window.mapToGlobal(QPoint(0, 0))
        return QRect(top_left, top_left + QPoint(CORNER_PX, CORNER_PX)).contains(global_pos)

    def on_input(self, watched: QObject, event: QEvent) -> None:
        if not isinstance(event, QMouseEvent) or not isinstance(watched, QWidget) or watched.window() is not self.window:
            return
        if event.type() == QEvent.Type.MouseButtonPress:
            if self._in_corner(event.globalPosition().toPoint()):
                self._timer.start()
        elif event.type() == QEvent.Type.MouseMove and self._timer.isActive():
            if not self._in_corner(event.globalPosition().toPoint()):
                self._timer.stop()
        elif event.type() == QEvent.Type.MouseButtonRelease:
            self._timer.stop()


class _CheckDone(QObject):
    """Carries a worker thread's answer back to the GUI thread (a queued signal)."""

    finished = Signal(int, str)  # which check, its verdict


class PinPad(Overlay):
    accepted = Signal()

    def __init__(self, gate: PinGate, parent: QWidget) -> None:
        super().__init__(parent)
        self.gate = gate
        self.entered = ""
        self._verdict = ""  # what the last attempt said: ok, wrong, locked, unset or damaged
        self._check = 0  # number of the check under way, so a late answer for a closed pad is ignored
        self.checking = False
        self._done = _CheckDone(self)
        self._done.finished.connect(self._checked)
        self.title = plain_label("CardTitle", self.card)
        self.display = plain_label("PinDisplay", self.card, wrap=False)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = plain_label("CardSources", self.card)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        keys = QGridLayout()
        keys.setSpacing(12)
        self.digit_buttons = {}
        for index, digit in enumerate("123456789"):
            self.digit_buttons[digit] = self._key(digit, keys, index // 3, index % 3)
        self.clear_button = self._key("⌫", keys, 3, 0)
        self.digit_buttons["0"] = self._key("0", keys, 3, 1)
        self.ok_button = self._key("OK", keys, 3, 2)
        self.cancel_button = touch_button("NavButton", self.card)
        self.cancel_button.clicked.connect(self.close_overlay)
        self.clear_button.clicked.connect(lambda: self._set(self.entered[:-1]))
        self.ok_button.clicked.connect(self.submit)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.addWidget(self.title)
        layout.addWidget(self.display)
        layout.addWidget(self.message)
        layout.addLayout(keys, 1)
        layout.addWidget(self.cancel_button)
        translateUI(self)

    def _key(self, text: str, grid: QGridLayout, row: int, column: int):
        button = touch_button("PinKey", self.card)
        button.setText(text)
        button.setMinimumSize(96, 80)
        if text.isdigit():
            button.clicked.connect(lambda _checked=False, d=text: self._set((self.entered + d)[:12]))
        grid.addWidget(button, row, column)
        return button

    def card_size(self, portrait: bool) -> tuple[int, int]:
        return min(560, self.width() - 40), min(760, self.height() - 40)

    def open(self) -> None:
        self.entered = ""
        self._verdict = ""
        self._set_checking(False)
        self.translateUI()
        super().open()

    def close_overlay(self) -> None:
        self._check += 1  # an answer still on its way belongs to a pad that was closed
        self._set_checking(False)
        super().close_overlay()

    def _set(self, entered: str) -> None:
        self.entered = entered
        self.translateUI()

    def submit(self) -> None:
        """Check the PIN entered: at once when the gate can answer without hashing, else on a worker thread."""
        if self.checking:
            return
        pin, self.entered = self.entered, ""
        verdict = self.gate.before_check()
        if verdict:
            self._show_verdict(verdict)
            return
        self._check += 1
        check, gate, done = self._check, self.gate, self._done
        self._set_checking(True)
        self.translateUI()

        def work() -> None:
            verdict = gate.record(gate.matches(pin))  # hash and state file both off the screen's thread
            with suppress(RuntimeError):  # the pad is gone (the kiosk is closing)
                done.finished.emit(check, verdict)

        QThreadPool.globalInstance().start(work)

    def _checked(self, check: int, verdict: str) -> None:
        if check != self._check:  # the pad was closed meanwhile; the gate has counted the PIN all the same
            return
        self._set_checking(False)
        self._show_verdict(verdict)

    def _show_verdict(self, verdict: str) -> None:
        self._verdict = verdict
        if verdict == "ok":
            self.hide()
            self.accepted.emit()
        self.translateUI()

    def _set_checking(self, checking: bool) -> None:
        """The busy state: keys are off while the hash is computed, the rest of the screen keeps running."""
        self.checking = checking
        for button in (*self.digit_buttons.values(), self.clear_button, self.ok_button):
            button.setEnabled(not checking)

    def translateUI(self) -> None:
        self.title.setText(_("Staff PIN"))
        self.display.setText("●" * len(self.entered) or "—")
        self.cancel_button.setText(_("Cancel"))
        if self.checking:
            self.message.setText(_("Checking the PIN…"))
            return
        messages = {
            "wrong": _("Wrong PIN."),
            "locked": _("Too many wrong PINs. Try again in {seconds} s.").format(
                seconds=format_number(round(self.gate.seconds_locked()), active_language())
            ),
            "unset": _("No staff PIN is set. Run: hegang-kiosk set-pin"),
            "damaged": _("The staff PIN in the settings file is damaged; the kiosk log says why. Run: hegang-kiosk set-pin"),
        }
        self.message.setText(messages.get(self._verdict, ""))


class StaffMenu(Overlay):
    reloadRequested = Signal()  # noqa: N815
    windowedToggled = Signal()  # noqa: N815
    quitRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.title = plain_label("CardTitle", self.card)
        self.status = plain_label("CardSources", self.card)
        self.report = QPlainTextEdit(self.card)
        self.report.setObjectName("StaffReport")
        self.report.setReadOnly(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.buttons = {}
        row = QHBoxLayout()
        for name, signal in (("reload", self.reloadRequested), ("report", None), ("windowed", self.windowedToggled),
                             ("quit", self.quitRequested), ("back", None)):
            button = touch_button("NavButton", self.card)
            if signal is not None:
                button.clicked.connect(signal.emit)
            row.addWidget(button)
            self.buttons[name] = button
        self.buttons["back"].clicked.connect(self.close_overlay)
        self.buttons["report"].clicked.connect(lambda: self.report.setVisible(not self.report.isVisible()))
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.report, 1)
        self.report.hide()
        translateUI(self)

    def show_report(self, text: str) -> None:
        self.report.setPlainText(text)

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def translateUI(self) -> None:
        self.title.setText(_("Staff menu"))
        labels = {"reload": _("Reload content"), "report": _("Content report"), "windowed": _("Window / full screen"),
                  "quit": _("Quit the kiosk"), "back": _("Back to the exhibition")}
        for name, text in labels.items():
            self.buttons[name].setText(text)
