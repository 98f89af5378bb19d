"""Numbers, dates and quantities written the way each language writes them (CLDR via babel)."""

from __future__ import annotations

import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from kiosk.model.dates import ContentDate

LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}


@lru_cache(maxsize=4)
def locale(language: str) -> Locale:
    return Locale.parse(LOCALES.get(language, "zh_Hans_CN"))


def format_number(value: float, language: str, digits: int = 2) -> str:
    pattern = "#,##0" if float(value).is_integer() else "#,##0." + "#" * digits
    return format_decimal(value, format=pattern, locale=locale(language))


def format_year(year: int, language: str) -> str:
    """Years without grouping separators in either language: 1945, not 1,945."""
    return f"{year}年" if language == "zh" else str(year)


def format_date(date: ContentDate, language: str) -> str:
    """1945年8月11日 / 11 August 1945; 19世纪90年代 / 1890s; 2010—2020年 / 2010–2020."""
    import datetime

    if date.precision == "day":
        return format_skeleton("yMMMMd", datetime.date(date.year, date.month, date.day), locale=locale(language))
    if date.precision == "month":
        return format_skeleton("yMMMM", datetime.date(date.year, date.month, 1), locale=locale(language))
    if date.precision == "decade":
        # One decade style in Chinese, as in the exhibition's texts (CONTRACT.md): 20世纪50年代.
        return f"{date.year // 100 + 1}世纪{date.year % 100:02d}年代" if language == "zh" else f"{date.year}s"
    if date.precision == "range":
        return f"{date.year}—{date.end_year}年" if language == "zh" else f"{date.year}–{date.end_year}"
    return format_year(date.year, language)


def format_day(day: datetime.date, language: str) -> str:
    """A day without its year, as charts label it: 11月2日 / 2 Nov."""
    return format_skeleton("MMMd", day, locale=locale(language))


def format_duration(seconds: float, language: str) -> str:
    """43秒 / 43 s; 2分05秒 / 2 min 05 s; 55分钟 / 55 min; 4小时10分 / 4 h 10 min: seconds only where they matter."""
    whole = round(seconds)
    zh = language == "zh"
    if whole < 60:
        return f"{whole}秒" if zh else f"{whole} s"
    if whole < 600:
        minutes, rest = divmod(whole, 60)
        return f"{minutes}分{rest:02d}秒" if zh else f"{minutes} min {rest:02d} s"
    if whole < 3600:
        return f"{whole // 60}分钟" if zh else f"{whole // 60} min"
    hours, minutes = divmod(whole // 60, 60)
    return f"{hours}小时{minutes:02d}分" if zh else f"{hours} h {minutes:02d} min"


_UNITS = {
    "people": ("{}人", "{} people"),
    "years": ("{}岁", "{} years"),
    "km2": ("{}平方千米", "{} km²"),
    "rmb": ("{}元", "{} yuan"),
    "usd": ("{}美元", "US${}"),
    "ratio": ("{}", "{}"),
    "tonnes": ("{}吨", "{} tonnes"),
}


def format_quantity(value: float, unit: str, language: str, compact: bool = True) -> str:
    """A value with its unit: 105.9万人 / 1.06 million people; 3.8‰; −45 %."""
    return _typeset(_format_quantity(value, unit, language, compact))


#: A chart's value axis names the unit once, in its title; its ticks and value labels carry only the numbers.
_UNIT_NAMES = {"people": ("人", "people"), "years": ("岁", "years"), "km2": ("平方千米", "km²"), "rmb": ("元", "yuan"),
               "usd": ("美元", "US$"), "tonnes": ("吨", "tonnes")}


def unit_name(unit: str, language: str) -> str:
    """The unit's name for an axis title ("people", "人"); empty where the numbers carry their sign (%, ‰)."""
    zh, en = _UNIT_NAMES.get(unit, ("", ""))
    return zh if language == "zh" else en


def format_axis_value(value: float, unit: str, language: str) -> str:
    """A value on a chart whose axis title names the unit: 1.2 million, 120万, −45 %, 3.8‰."""
    return format_quantity(value, unit if unit not in _UNIT_NAMES else "ratio", language)


def format_axis_values(values: list[float], unit: str, language: str) -> list[str]:
    """One chart's numbers in one form: 0.89 million beside 1.06 million, never 891,271 beside
    1.06 million, which reads as two kinds of number. The largest value picks the form."""
    top = max((abs(value) for value in values), default=0.0)
    step = None if unit in ("percent", "per_mille") else _compact_step(top, language)
    if step is None:
        return [format_axis_value(value, unit, language) for value in values]
    divisor, word, pattern = step
    loc = locale(language)
    return [_typeset("0" if value == 0 else format_decimal(value / divisor, format=pattern, locale=loc) + word) for value in values]


def _compact_step(top: float, language: str) -> tuple[float, str, str] | None:
    """(divisor, word, number pattern) for a chart whose largest value is `top`; None to write numbers out."""
    steps = ((1e8, "亿", "#,##0.##"), (1e4, "万", "#,##0.#")) if language == "zh" else (
        (1e9, " billion", "#,##0.##"), (1e6, " million", "#,##0.##"))
    return next((step for step in steps if top >= step[0]), None)


def _typeset(text: str) -> str:
    """The exhibition's typography (CONTRACT.md): a true minus (U+2212), a no-break space before %."""
    return text.replace("-", "\u2212").replace("%", "\u00a0%")


def _format_quantity(value: float, unit: str, language: str, compact: bool) -> str:
    loc = locale(language)
    if unit == "percent":
        return format_percent(value / 100, format="#,##0.#%", locale=loc)
    if unit == "per_mille":
        return format_decimal(value, format="#,##0.##", locale=loc) + "‰"
    if compact and abs(value) >= (10_000 if language == "zh" else 1_000_000):
        digits = 1 if language == "zh" else 2
        number = format_compact_decimal(value, format_type="short" if language == "zh" else "long", locale=loc, fraction_digits=digits)
    else:
        number = format_number(value, language)
    zh, en = _UNITS.get(unit, ("{}", "{}"))
    return (zh if language == "zh" else en).format(number)
