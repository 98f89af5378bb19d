"""What a screen reader (Orca through AT-SPI, Narrator through UI Automation) reads of the kiosk.

Qt gives every widget an accessible interface; this module adds what Qt cannot know:

- a widget with `accessible_role` is announced with that role (a gallery picture as a button,
  a story card as a dialog), and pressed with `accessible_press()` when it has one;
- a widget with `accessible_items()` paints what visitors tap (the timeline's stories, a chart's
  bars) and exposes each as a child: the timeline's stories in date order, each named by its
  date and title in the visitor's language.

Names are read when a reader asks, so they follow a language switch without being stored.
`walk` lists the tree as a reader sees it (tests use it to find controls without a name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget


class AccessibleItem(NamedTuple):
    """One thing painted inside a widget that a visitor can tap."""

    name: str
    rect: QRect  # in the widget's coordinates; empty when it is scrolled out of view
    press: Callable[[], None]


INTERACTIVE = frozenset({
    QAccessible.Role.Button, QAccessible.Role.PushButton, QAccessible.Role.CheckBox, QAccessible.Role.RadioButton,
    QAccessible.Role.ListItem, QAccessible.Role.Link, QAccessible.Role.PageTab, QAccessible.Role.MenuItem,
    QAccessible.Role.ComboBox, QAccessible.Role.EditableText, QAccessible.Role.Slider, QAccessible.Role.SpinBox,
    QAccessible.Role.Dialog, QAccessible.Role.List, QAccessible.Role.Chart, QAccessible.Role.Graphic,
})
"""Roles a visitor acts on or must be told about: each needs a name."""


class ItemAccessible(QAccessibleInterface):
    """A story marker or chart bar: a child with no widget of its own, read from its owner on every call."""

    def __init__(self, owner: WidgetAccessible, index: int) -> None:
        super().__init__()
        self.owner = owner
        self.index = index

    def _item(self) -> AccessibleItem | None:
        items = self.owner.items()
        return items[self.index] if 0 <= self.index < len(items) else None

    def isValid(self) -> bool:
        return self.owner.isValid() and self._item() is not None

    def object(self) -> QObject | None:
        return None

    def window(self):
        return self.owner.window()

    def relations(self, match=None) -> list:
        return []

    def focusChild(self) -> QAccessibleInterface | None:
        return None

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:
        return None

    def parent(self) -> QAccessibleInterface:
        return self.owner

    def child(self, index: int) -> QAccessibleInterface | None:
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def text(self, kind: QAccessible.Text) -> str:
        item = self._item()
        return item.name if item is not None and kind == QAccessible.Text.Name else ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        """Names come from the content; a reader cannot change them."""

    def rect(self) -> QRect:
        item = self._item()
        widget = self.owner.widget()
        if item is None or item.rect.isEmpty():
            return QRect()
        return QRect(widget.mapToGlobal(item.rect.topLeft()), item.rect.size())

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.Button

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.focusable = True
        state.invisible = self.rect().isEmpty()
        state.focused = getattr(self.owner.widget(), "keypad_index", -1) == self.index
        return state


class WidgetAccessible(QAccessibleWidget):
    """A widget's own interface with the role it declares, its painted items as children and a press action."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, getattr(widget, "accessible_role", QAccessible.Role.Client))
        self._children: list[ItemAccessible] = []

    def items(self) -> list[AccessibleItem]:
        widget = self.widget()
        provider = getattr(widget, "accessible_items", None)
        return provider() if provider is not None else []

    def _item_children(self) -> list[ItemAccessible]:
        count = len(self.items())
        while len(self._children) < count:
            self._children.append(ItemAccessible(self, len(self._children)))
        return self._children[:count]

    def childCount(self) -> int:
        return super().childCount() + len(self._item_children())

    def child(self, index: int) -> QAccessibleInterface | None:
        own = super().childCount()
        if index < own:
            return super().child(index)
        items = self._item_children()
        return items[index - own] if index - own < len(items) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, ItemAccessible):
            return super().childCount() + child.index if child.owner is self else -1
        return super().indexOfChild(child)

    def actionNames(self) -> list[str]:
        names = super().actionNames()
        if hasattr(self.widget(), "accessible_press"):
            names.insert(0, QAccessibleActionInterface.pressAction())
        return names

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction() and hasattr(self.widget(), "accessible_press"):
            self.widget().accessible_press()
        else:
            super().doAction(name)


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QWidget) and (hasattr(obj, "accessible_role") or hasattr(obj, "accessible_items")):
        return WidgetAccessible(obj)
    return None


_installed = False


def install() -> None:
    """Once per process, before the first window is built (create_app calls it)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def announce_focus(widget: QWidget, item: int = -1) -> None:
    """Tell a screen reader that the keypad moved to `widget` (or to its painted item `item`)."""
    event = QAccessibleEvent(widget, QAccessible.Event.Focus)
    if item >= 0:
        event.setChild(QAccessible.queryAccessibleInterface(widget).childCount() - len(widget.accessible_items()) + item)
    QAccessible.updateAccessibility(event)


def walk(interface: QAccessibleInterface, depth: int = 0) -> Iterator[tuple[int, QAccessibleInterface]]:
    """Every node under `interface`, depth first, as a screen reader walks it."""
    yield depth, interface
    for index in range(interface.childCount()):
        child = interface.child(index)
        if child is not None and child.isValid():
            yield from walk(child, depth + 1)
