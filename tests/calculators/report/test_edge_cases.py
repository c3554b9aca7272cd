"""Edge cases a finance reader would catch: dates beyond the horizon, waiting that pays."""

from __future__ import annotations

from calculators.report import render_pdf
from tests.calculators.report.helpers import NORTHWIND, body_texts, case_with, flat, text_of


def test_a_decision_date_beyond_the_horizon_stays_at_its_real_date() -> None:
    # 12-month horizon, decision 18 months out: the cumulative chart runs on to the decision
    # date, so its axis reaches July 2028 and the marker is labelled with the real date.
    case = case_with(NORTHWIND, horizon_months=12, start_date="2027-01-31", deadline="2028-07-31")
    text = text_of(render_pdf(case))
    assert "Decision date Jul 31, 2028" in text
    assert "Jul 31, 2028" in text.replace("Decision date Jul 31, 2028", "")


def test_when_waiting_raises_the_npv_the_report_does_not_call_it_a_loss() -> None:
    # A solution far dearer than what it removes: deciding later *raises* the NPV.
    case = case_with(
        NORTHWIND,
        solution={"investment": "10000000", "recurring_cost": "100000"},
    )
    summary = flat(body_texts(render_pdf(case))[2])
    assert "lowersthenetpresentvalueby-" not in summary
    assert flat("with these figures, deciding later changes the net present value by +") in summary
    assert flat("gain from each month of waiting") in flat(text_of(render_pdf(case)))
