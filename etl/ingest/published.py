"""Publication dates as given by inputs → `datetime.date`."""

from __future__ import annotations

from datetime import date, datetime

import regex

# news of these years only: a date outside them is a typo or a placeholder (0001-01-01, 9999-12-31)
FIRST_YEAR, LAST_YEAR = 1900, 2100
_YMD = regex.compile(r"^\s*(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})")


def parse_published(value: object) -> tuple[date | None, str | None]:
    """(date, warning). Unparseable or impossible dates give (None, reason), never an exception."""
    parsed, warning = _parse(value)
    if parsed is not None and not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        return None, f"published_at {parsed.isoformat()} outside {FIRST_YEAR}..{LAST_YEAR} ignored"
    return parsed, warning


def _parse(value: object) -> tuple[date | None, str | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if not isinstance(value, str):
        return None, f"published_at of type {type(value).__name__} ignored"
    m = _YMD.match(value)
    if m is None:
        return None, f"unparseable published_at {value[:40]!r}"
    try:
        return date(int(m[1]), int(m[2]), int(m[3])), None
    except ValueError:
        return None, f"impossible published_at {value[:40]!r}"
