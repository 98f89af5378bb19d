"""Numbers, dates and quantities written the way each language writes them (CLDR via babel)."""

from __future__ import annotations

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
