"""What a driver's spreadsheet formula may refer to: its named inputs and the month's cells."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class SheetRefs:
    """References for one driver in one month column of the Months sheet.

    ``part(lo, hi)`` is the share of the month's days inside [lo, hi), the driver's window
    and (for the row of the cost to the deadline) before the deadline: a monthly amount
    times it is the month's prorated cost (docs/methodology.md, sections 2 and 7).
    """

    names: Mapping[str, str]  # input key -> defined name of its value
    k: str  # the month number k
    y: str  # the year index floor((k-1)/12)
    start: str  # EDATE(start, k-1)
    end: str  # EDATE(start, k), exclusive
    days: str
    win_start: str  # the driver's window [win_start, win_end)
    win_end: str
    first_month: str  # the case month holding the driver's own start (churn's k)
    cut: str | None = None  # the deadline: only what lies before it counts

    def input(self, key: str) -> str:
        return self.names[key]

    def growth(self, key: str) -> str:
        return f"(1+{self.input(key)})^{self.y}"

    def period(self) -> str:
        """Months in the input ``period`` (month 1, quarter 3, year 12)."""
        period = self.input("period")
        return f'IF({period}="quarter",3,IF({period}="year",12,1))'

    def _bounds(self, lo: str | None, hi: str | None) -> tuple[str, str]:
        starts = [self.start, self.win_start] + ([lo] if lo else [])
        ends = [self.end, self.win_end] + ([hi] if hi else []) + ([self.cut] if self.cut else [])
        return f"MAX({','.join(starts)})", f"MIN({','.join(ends)})"

    def part(self, lo: str | None = None, hi: str | None = None) -> str:
        first, last = self._bounds(lo, hi)
        return f"MAX(0,{last}-{first})/{self.days}"

    def lump(self, date: str, amount: str) -> str:
        """``amount`` when ``date`` lies in the month, the window (and before the cut)."""
        first, last = self._bounds(None, None)
        return f"IF(ISNUMBER({date}),IF(AND({date}>={first},{date}<{last}),{amount},0),0)"

    def until(self, cut: str) -> SheetRefs:
        return replace(self, cut=cut)
