"""Month arithmetic: EDATE as in spreadsheets, and the months of a projection."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

from calculators.drivers.base import Month


def edate(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's last day (spreadsheet EDATE)."""
    years, month0 = divmod(start.month - 1 + months, 12)
    year = start.year + years
    month = month0 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def month(start: dt.date, k: int) -> Month:
    """Month k (1-based): [EDATE(start, k-1), EDATE(start, k))."""
    return Month(k, edate(start, k - 1), edate(start, k))


@lru_cache(maxsize=64)
def months(start: dt.date, count: int) -> tuple[Month, ...]:
    """Months 1..count from ``start`` (immutable, so cached: every projection of a case and
    every re-projection for sensitivity asks for the same ones)."""
    return tuple(month(start, k) for k in range(1, count + 1))


def months_to_cover(start: dt.date, day: dt.date) -> int:
    """How many months from ``start`` are needed so that [start, day) lies inside them."""
    k = max(0, (day.year - start.year) * 12 + day.month - start.month - 1)
    while edate(start, k) < day:
        k += 1
    return k
