"""TimelineJS date objects (year, month, day as numbers or text) as the kiosk's dates, or why not."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

from kiosk.model.dates import parse_date


class UnusableDateError(ValueError):
    """A date that cannot become one of the kiosk's dates; the message says why, in plain words."""


@dataclass(frozen=True)
class Ymd:
    year: int
    month: int | None = None
    day: int | None = None

    def text(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def position(self) -> float:
        return parse_date(self.text()).start


def _integer(value: Any) -> int | None:
    """A TimelineJS number, which spreadsheets export as text ("1926", " 8 "); None when blank."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        if not value.strip():
            return None
        if re.fullmatch(r"\s*[+-]?\d+(\.0*)?\s*", value):
            return int(float(value))
    raise ValueError(value)


def ymd(raw: Any, name: str, notes: list[str]) -> Ymd:
    """Year, month and day of a TimelineJS date object; parts the kiosk cannot use go to notes."""
    if not isinstance(raw, dict):
        raise UnusableDateError(f"{name} is not a date object with a year")
    try:
        year = _integer(raw.get("year"))
    except ValueError:
        raise UnusableDateError(f"{name} has the year {raw.get('year')!r}, which is not a number") from None
    if year is None:
        raise UnusableDateError(f"{name} has no year")
    if year < 0:
        raise UnusableDateError(f"{name} is in {-year} BCE; the kiosk writes dates as four-digit years (1000 to 9999)")
    if not 1000 <= year <= 9999:
        raise UnusableDateError(f"{name} is in the year {year}; the kiosk writes dates as four-digit years (1000 to 9999)")
    month = day = None
    try:
        month = _integer(raw.get("month"))
    except ValueError:
        notes.append(f"{name}.month {raw.get('month')!r} is not a number; the year alone is used")
    if month is not None and not 1 <= month <= 12:
        notes.append(f"{name}.month {month} is not a month from 1 to 12; the year alone is used")
        month = None
    if month is not None:
        try:
            day = _integer(raw.get("day"))
        except ValueError:
            notes.append(f"{name}.day {raw.get('day')!r} is not a number; the month is used")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            notes.append(f"{name}.day {day} is not a day of {calendar.month_name[month]} {year}; the month is used")
            day = None
    elif raw.get("day") not in (None, ""):
        notes.append(f"{name} has a day but no month; the year alone is used")
    return Ymd(year, month, day)
