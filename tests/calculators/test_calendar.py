"""Month arithmetic: EDATE as in spreadsheets and the months of a projection.

Every expected date below was checked against the spreadsheet rule: EDATE(start, n) is the
same day of the month n months later, clamped to that month's last day, always counted
from the *original* start (never chained month to month).
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.calendar import edate, month, months, months_to_cover

D = dt.date


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Plain mid-month: same day n months later, across a year end.
        (D(2027, 1, 15), 1, D(2027, 2, 15)),
        (D(2027, 12, 15), 1, D(2028, 1, 15)),
        (D(2027, 1, 15), 24, D(2029, 1, 15)),
        # Jan 31 + 1 month: February has no 31st -> its last day (28 in 2027, 29 in 2028).
        (D(2027, 1, 31), 1, D(2027, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        # Counted from the original day, not chained: Jan 31 + 2 months is Mar 31 (not Mar 28).
        (D(2027, 1, 31), 2, D(2027, 3, 31)),
        (D(2027, 1, 31), 3, D(2027, 4, 30)),  # April has 30 days
        (D(2027, 8, 31), 1, D(2027, 9, 30)),
        (D(2027, 1, 30), 1, D(2027, 2, 28)),
        (D(2027, 1, 29), 1, D(2027, 2, 28)),
        (D(2028, 1, 29), 1, D(2028, 2, 29)),
        # A start on Feb 29: the next year has no Feb 29 -> Feb 28; four years on it is back.
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2028, 2, 29), 13, D(2029, 3, 29)),
        (D(2028, 2, 29), 48, D(2032, 2, 29)),
        # 2100 is not a leap year (divisible by 100, not by 400); 2000 was.
        (D(2099, 2, 28), 12, D(2100, 2, 28)),
        (D(2096, 2, 29), 48, D(2100, 2, 28)),
        (D(1996, 2, 29), 48, D(2000, 2, 29)),
        # Zero and negative offsets behave like EDATE too.
        (D(2027, 3, 31), 0, D(2027, 3, 31)),
        (D(2027, 3, 31), -1, D(2027, 2, 28)),
        (D(2027, 1, 15), -1, D(2026, 12, 15)),
    ],
)
def test_edate_matches_spreadsheet_edate(start: dt.date, n: int, expected: dt.date) -> None:
    assert edate(start, n) == expected


def test_month_k_runs_from_edate_k_minus_1_to_edate_k() -> None:
    # Start on Jan 31 2027: month 1 = [Jan 31, Feb 28) = 28 days; month 2 = [Feb 28, Mar 31)
    # = 31 days (Feb 28 -> Mar 28 is 28 days, plus 3); month 3 = [Mar 31, Apr 30) = 30 days.
    first, second, third = months(D(2027, 1, 31), 3)
    assert (first.start, first.end, first.days) == (D(2027, 1, 31), D(2027, 2, 28), 28)
    assert (second.start, second.end, second.days) == (D(2027, 2, 28), D(2027, 3, 31), 31)
    assert (third.start, third.end, third.days) == (D(2027, 3, 31), D(2027, 4, 30), 30)
    assert [m.index for m in (first, second, third)] == [1, 2, 3]


def test_leap_year_start_on_jan_31() -> None:
    # 2028 is a leap year: month 1 = [Jan 31, Feb 29) = 29 days, month 2 = [Feb 29, Mar 31)
    # = 31 days.
    first, second = months(D(2028, 1, 31), 2)
    assert (first.end, first.days) == (D(2028, 2, 29), 29)
    assert (second.start, second.end, second.days) == (D(2028, 2, 29), D(2028, 3, 31), 31)


def test_case_starting_on_feb_29() -> None:
    span = months(D(2028, 2, 29), 49)
    # Month 1 = [2028-02-29, 2028-03-29): 29 days.
    assert (span[0].start, span[0].end, span[0].days) == (D(2028, 2, 29), D(2028, 3, 29), 29)
    # Month 12 = [2029-01-29, 2029-02-28): 30 days; month 13 = [2029-02-28, 2029-03-29): 29.
    assert (span[11].start, span[11].end, span[11].days) == (D(2029, 1, 29), D(2029, 2, 28), 30)
    assert (span[12].start, span[12].end, span[12].days) == (D(2029, 2, 28), D(2029, 3, 29), 29)
    # Month 48 ends on Feb 29 2032 (the next leap day), month 49 starts there.
    assert span[47].end == D(2032, 2, 29)
    assert span[48].start == D(2032, 2, 29)
    # 12 months from Feb 29 2028 cover 365 days (to Feb 28 2029), not 366.
    assert sum(m.days for m in span[:12]) == 365


def test_year_index_changes_after_every_12_months() -> None:
    span = months(D(2027, 1, 1), 25)
    assert [span[i].year_index for i in (0, 11, 12, 23, 24)] == [0, 0, 1, 1, 2]


def test_month_helper_is_one_based() -> None:
    assert month(D(2027, 1, 1), 1).start == D(2027, 1, 1)
    assert month(D(2027, 1, 1), 4).start == D(2027, 4, 1)
    assert month(D(2027, 1, 1), 4).end == D(2027, 5, 1)


@pytest.mark.parametrize(
    ("start", "day", "count"),
    [
        (D(2027, 1, 1), D(2027, 1, 1), 0),  # nothing to cover
        (D(2027, 1, 1), D(2027, 1, 2), 1),
        (D(2027, 1, 1), D(2027, 4, 1), 3),  # [Jan 1, Apr 1) = 3 whole months
        (D(2027, 1, 1), D(2027, 4, 15), 4),  # April is needed for Apr 1..14
        (D(2027, 1, 31), D(2027, 2, 28), 1),  # month 1 ends on Feb 28
        (D(2027, 1, 31), D(2027, 3, 1), 2),
        (D(2028, 2, 29), D(2029, 2, 28), 12),
        (D(2028, 2, 29), D(2029, 3, 1), 13),
    ],
)
def test_months_to_cover(start: dt.date, day: dt.date, count: int) -> None:
    assert months_to_cover(start, day) == count


dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2150, 12, 31))


@settings(max_examples=50)
@given(start=dates, n=st.integers(min_value=-240, max_value=240))
def test_edate_lands_in_the_right_month_on_the_clamped_day(start: dt.date, n: int) -> None:
    result = edate(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    last = stdlib_calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(start.day, last)


@settings(max_examples=50)
@given(start=dates, count=st.integers(min_value=1, max_value=120))
def test_months_tile_the_calendar_without_gaps(start: dt.date, count: int) -> None:
    span = months(start, count)
    assert span[0].start == start
    for before, after in itertools.pairwise(span):
        assert before.end == after.start
    assert all(28 <= m.days <= 31 for m in span)
    # Whatever the day of month, k months from start end on EDATE(start, k).
    assert span[-1].end == edate(start, count)


@settings(max_examples=50)
@given(start=dates, offset=st.integers(min_value=1, max_value=3000))
def test_months_to_cover_is_the_smallest_sufficient_count(start: dt.date, offset: int) -> None:
    day = start + dt.timedelta(days=offset)
    k = months_to_cover(start, day)
    assert edate(start, k) >= day
    assert edate(start, k - 1) < day


@pytest.mark.parametrize(
    ("start", "periods"),
    [
        # docs/methodology.md, section 1: first and last day (inclusive) and days of months 1-3
        (
            D(2027, 1, 1),
            [
                (D(2027, 1, 1), D(2027, 1, 31), 31),
                (D(2027, 2, 1), D(2027, 2, 28), 28),
                (D(2027, 3, 1), D(2027, 3, 31), 31),
            ],
        ),
        (
            D(2027, 1, 31),
            [
                (D(2027, 1, 31), D(2027, 2, 27), 28),
                (D(2027, 2, 28), D(2027, 3, 30), 31),
                (D(2027, 3, 31), D(2027, 4, 29), 30),
            ],
        ),
        (
            D(2028, 1, 31),
            [
                (D(2028, 1, 31), D(2028, 2, 28), 29),
                (D(2028, 2, 29), D(2028, 3, 30), 31),
                (D(2028, 3, 31), D(2028, 4, 29), 30),
            ],
        ),
        (
            D(2028, 2, 29),
            [
                (D(2028, 2, 29), D(2028, 3, 28), 29),
                (D(2028, 3, 29), D(2028, 4, 28), 31),
                (D(2028, 4, 29), D(2028, 5, 28), 30),
            ],
        ),
    ],
)
def test_methodology_month_table(
    start: dt.date, periods: list[tuple[dt.date, dt.date, int]]
) -> None:
    one_day = dt.timedelta(days=1)
    assert [(m.start, m.end - one_day, m.days) for m in months(start, 3)] == periods


def test_methodology_feb_29_start_months_12_and_13() -> None:
    span = months(D(2028, 2, 29), 13)
    assert span[11].end - dt.timedelta(days=1) == D(2029, 2, 27)  # month 12 ends Feb 27
    assert span[12].start == D(2029, 2, 28)
