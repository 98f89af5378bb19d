"""WCAG 2 contrast arithmetic, free of Qt: the theme's tests and the era chips' text colour use it.

Colours are "#rrggbb" or "#rrggbbaa"-free "rgba(r, g, b, a)" strings as the style sheet writes
them; a translucent colour is first laid over what is behind it, as the screen shows it.
"""

from __future__ import annotations

import re

NORMAL_TEXT = 4.5  # WCAG 1.4.3 AA, normal text
LARGE_TEXT = 3.0  # ... and large text; also 1.4.11 for a focus ring against what surrounds it
LARGE_PX = 24.0  # 18 pt
LARGE_BOLD_PX = 18.66  # 14 pt bold

RGB = tuple[float, float, float]
_RGBA = re.compile(r"rgba\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)")


def parse(color: str, behind: str | None = None) -> RGB:
    """A style-sheet colour as 0..255 channels; `rgba(…)` is composited over `behind`."""
    match = _RGBA.fullmatch(color.strip())
    if match:
        r, g, b, a = (int(part) for part in match.groups())
        if behind is None:
            raise ValueError(f"{color} is translucent: say what is behind it")
        under = parse(behind)
        alpha = a / 255
        return tuple(alpha * top + (1 - alpha) * low for top, low in zip((r, g, b), under, strict=True))  # type: ignore[return-value]
    text = color.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"not a colour: {color!r}")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


def luminance(rgb: RGB) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str, behind: str | None = None) -> float:
    """The contrast ratio of two colours, 1 to 21; `behind` is what shows through a translucent background."""
    back = parse(background, behind)
    fore = parse(foreground, _hex(back))
    lighter, darker = sorted((luminance(fore), luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_large(px: float, bold: bool) -> bool:
    return px >= LARGE_PX or (bold and px >= LARGE_BOLD_PX)


def required(px: float, bold: bool) -> float:
    """The contrast a text of this size and weight needs."""
    return LARGE_TEXT if is_large(px, bold) else NORMAL_TEXT


def readable_on(background: str, dark: str, light: str) -> str:
    """Of a dark and a light text colour, the one that reads better on `background` (era chips)."""
    return dark if ratio(dark, background) >= ratio(light, background) else light


def _hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(v):02x}" for v in rgb)
