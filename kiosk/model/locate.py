"""Map JSON pointers back to line and column, so every problem names where to look.

The source map is built only for files that have problems: a clean 10,000-event
folder never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from json_source_map import calculate


@dataclass
class SourceFile:
    name: str
    text: str
    _map: dict | None = field(default=None, repr=False)

    def position(self, pointer: str) -> tuple[int, int]:
        """1-based (line, column) of the value at `pointer`, or of its nearest existing parent."""
        if self._map is None:
            try:
                self._map = calculate(self.text)
            except Exception:  # the file parsed as JSON, so this is a source-map limitation
                self._map = {}
        while pointer:
            entry = self._map.get(pointer)
            if entry is not None:
                start = entry.key_start or entry.value_start
                return start.line + 1, start.column + 1
            pointer = pointer.rsplit("/", 1)[0]
        return 1, 1


def pointer_of(path: tuple | list) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def field_of(path: tuple | list) -> str:
    """events/3/title/zh -> events[3].title.zh, the way a curator reads it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(whole file)"
