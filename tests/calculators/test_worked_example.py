"""The README/methodology example, pinned to the cent."""

from __future__ import annotations

from decimal import Decimal

from calculators.engine import summarise
from calculators.storage import load
from tests.conftest import EXAMPLES


def test_acme_labor_driver_to_deadline() -> None:
    results = summarise(load(EXAMPLES / "acme-order-automation.coi"))
    labor = results.projection.drivers[0]
    # 6 people x 5 h x 48 EUR x 52 / 12 = 6,240 EUR a month; Jan-Mar in full plus 14 of
    # April's 30 days before the 15 April deadline: 3 x 6,240 + 6,240 x 14 / 30.
    assert labor.monthly[0] == Decimal("6240")
    assert labor.cost_to(results.case.deadline) == Decimal("21632")
