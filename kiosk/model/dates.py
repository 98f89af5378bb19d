"""Dates as curators write them: a year, a month, a day, a decade or a range of years.

The timeline needs a position on a continuous axis, so every date also gives a
fractional year (1945-08-11 -> 1945.61).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year", "decade", "range"]

_PATTERN = re.compile(
    r"^(?:(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"
    r"|(?P<decade>\d{3}0)s"
    r"|(?P<start>\d{4})/(?P<end>\d{4}))$"
)

DATE_FORMS = "a year (1926), a month (1932-08), a day (1945-08-11), a decade (1890s) or a range of years (2010/2020)"


class DateError(ValueError):
    """A date a curator wrote that the kiosk cannot place; the message is meant for them."""


@dataclass(frozen=True, slots=True, order=True)
class ContentDate:
    year: int
    month: int = 0
    day: int = 0
    end_year: int = 0
    precision: Precision = "year"
    start: float = field(init=False, compare=False, repr=False)
    end: float = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # computed once: sorting and placing 10,000 events reads them many times
        object.__setattr__(self, "start", self._start())
        object.__setattr__(self, "end", self._end())

    def _start(self) -> float:
        """Fractional year where the date begins on the timeline."""
        if self.precision in ("day", "month"):
            days = 366 if calendar.isleap(self.year) else 365
            day_of_year = _day_of_year(self.year, self.month, self.day or 1)
            return self.year + (day_of_year - 1) / days
        return float(self.year)

    def _end(self) -> float:
        """Fractional year where the date ends (exclusive)."""
        if self.precision == "decade":
            return float(self.year + 10)
        if self.precision == "range":
            return float(self.end_year + 1)
        if self.precision == "year":
            return float(self.year + 1)
        days = 366 if calendar.isleap(self.year) else 365
        if self.precision == "month":
            return self.start + calendar.monthrange(self.year, self.month)[1] / days
        return self.start + 1 / days

    @property
    def last_year(self) -> int:
        return {"decade": self.year + 9, "range": self.end_year}.get(self.precision, self.year)


_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def _day_of_year(year: int, month: int, day: int) -> int:
    leap_day = 1 if month > 2 and calendar.isleap(year) else 0
    return _DAYS_BEFORE_MONTH[month] + leap_day + day


def parse_date(text: str) -> ContentDate:
    match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise DateError(f"'{text}' is not a date the kiosk understands: write {DATE_FORMS}")
    if match["decade"]:
        return ContentDate(int(match["decade"]), precision="decade")
    if match["start"]:
        start, end = int(match["start"]), int(match["end"])
        if end <= start:
            raise DateError(f"the range '{text}' ends before it starts: write the earlier year first")
        return ContentDate(start, end_year=end, precision="range")
    year = int(match["year"])
    if not match["month"]:
        return ContentDate(year)
    month = int(match["month"])
    if not match["day"]:
        return ContentDate(year, month, precision="month")
    day = int(match["day"])
    if day > calendar.monthrange(year, month)[1]:
        raise DateError(f"'{text}' is not a day of the calendar: {calendar.month_name[month]} {year} has fewer days")
    return ContentDate(year, month, day, precision="day")
