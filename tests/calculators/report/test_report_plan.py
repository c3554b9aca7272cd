"""Issue 11's figures in the PDF: plan, avoidable, one-time list, classes, cash-only NPV,
yearly cash flows and break-even, read back from the rendered text."""

from __future__ import annotations

import re
from decimal import Decimal

from calculators.engine import summarise
from calculators.formatting import Formatter
from calculators.report import render_pdf
from calculators.storage import case_from_data, load
from tests.calculators.report.helpers import (
    NORTHWIND,
    example_case,
    example_data,
    example_pdf,
    flat,
    page_texts,
    text_of,
)
from tests.conftest import TEMPLATES

FMT = Formatter("en_US", "USD")


def _northwind() -> tuple[str, object]:
    results = summarise(example_case(NORTHWIND.name))
    return flat(text_of(example_pdf(NORTHWIND))), results


def _amounts(line: str) -> list[Decimal]:
    return [
        Decimal(m.replace("$", "").replace(",", ""))
        for m in re.findall(r"-?\$[\d,]+(?:\.\d+)?", line)
    ]


def _year_rows(text: str) -> dict[str, list[Decimal]]:
    """The cash-flow table's rows: label -> the amounts after it (whole dollars)."""
    body = text.split("Cash flows by year", 1)[1].split("The investment and the buyer", 1)[0]
    rows: dict[str, list[Decimal]] = {}
    for part in re.split(r"\n(?=Year \d|Total)", body)[1:]:
        label, _newline, rest = part.partition("\n")
        rows[label.strip()] = _amounts(rest)
    return rows


def test_the_yearly_table_sums_to_the_flows_and_its_total_is_the_npv() -> None:
    results = summarise(example_case(NORTHWIND.name))
    solution = results.solution
    assert solution is not None
    page = next(p for p in page_texts(example_pdf(NORTHWIND)) if "Cash flows by year" in p)
    rows = _year_rows(page)
    assert list(rows) == ["Year 1", "Year 2", "Year 3", "Year 4", "Total"]
    years = [rows[f"Year {n}"] for n in range(1, 5)]
    for row, year in zip(years, solution.years, strict=True):
        investment, internal, benefits, recurring, net, cumulative, _discounted = row
        assert investment == round(year.investment)
        # net = benefits - recurring - investment - internal, within the whole-unit rounding
        assert abs(net - (benefits - recurring - investment - internal)) <= 2
        assert cumulative == round(year.cumulative)
    total = rows["Total"]
    for column in range(5):
        assert abs(total[column] - sum(r[column] for r in years)) <= 4
    assert total[0] == Decimal(420000)  # the whole investment, paid at the decision
    assert total[-1] == round(solution.npv)  # the discounted total is the NPV
    assert abs(sum(r[-1] for r in years) - total[-1]) <= 4
    assert round(solution.net_over_horizon) == total[4]


def test_break_even_sentence_and_investment() -> None:
    text, results = _northwind()
    even = results.solution.break_even  # type: ignore[attr-defined]
    share = FMT.percent(even.benefit_share)
    assert share == "60%"  # 59.96 % of the modelled benefits
    assert flat(f"The solution pays off as long as it delivers at least {share} of the") in text
    # running text: rounded to the headline precision (tables stay exact)
    investment = FMT.headline_money(even.investment)
    assert flat(f"net present value is 0 at an investment of {investment}") in text


def test_cash_benefits_only_beside_all_benefits() -> None:
    text, results = _northwind()
    solution = results.solution  # type: ignore[attr-defined]
    cash = FMT.money(solution.cash_only.npv)  # the investment table: exact
    assert flat(f"Net present value, cash benefits only {cash}") in text
    assert flat("Payback, cash benefits only not within the horizon") in text
    rounded = FMT.headline_money(solution.cash_only.npv)  # running text: rounded
    assert flat(f"Counting cash benefits only, the net present value is {rounded}") in text
    assert flat("Net present value, all benefits (discounted at 10% a year)") in text
    assert flat("payback, all benefits") in text


def test_the_plan_wording_and_the_start_date_gain() -> None:
    text, results = _northwind()
    solution = results.solution  # type: ignore[attr-defined]
    delay = FMT.headline_money(solution.cost_of_delay_per_month)
    assert flat(f"deciding as planned on September 30, 2027: each month later costs {delay}") in (
        text
    )
    gain = FMT.headline_money(solution.decide_at_start.gain)
    assert flat("Deciding at the start date, February 1, 2027, instead would give a net") in text
    assert flat(f"{gain} more than deciding as planned.") in text
    assert flat("Decision timing, relative to the plan") in text
    assert flat("As planned September 30, 2027") in text
    assert flat("12 months later September 30, 2028") in text


def test_avoidable_beside_the_status_quo() -> None:
    text, results = _northwind()
    p = results.projection  # type: ignore[attr-defined]
    assert (
        flat(
            f"Until the decision date {FMT.money(p.cost_to_deadline)} "
            f"{FMT.money(p.avoidable_to_deadline)}"
        )
        in text
    )
    assert (
        flat(
            f"Over 48 months {FMT.money(p.cost_over_horizon)} {FMT.money(p.avoidable_over_horizon)}"
        )
        in text
    )
    assert (
        flat(
            f"Per month (recurring) {FMT.money(p.cost_per_month)} "
            f"{FMT.money(p.avoidable_per_month)}"
        )
        in text
    )
    avoid = FMT.headline_money(p.avoidable_to_deadline)
    assert flat(f"The solution can avoid {avoid} of the cost") in text


def test_cost_per_savings_class_in_plain_words() -> None:
    text, results = _northwind()
    classes = results.projection.by_class()  # type: ignore[attr-defined]
    assert list(classes) == ["cash", "capacity", "risk"]
    cash = classes["cash"]
    assert (
        flat(
            f"Cash (spend that stops) {FMT.money(cash.cost_to_deadline)} "
            f"{FMT.money(cash.cost_over_horizon)} {FMT.money(cash.avoidable_over_horizon)}"
        )
        in text
    )
    assert flat("Capacity (time freed)") in text
    assert flat("Risk (loss weighted by probability)") in text
    assert flat("Revenue (revenue kept)") not in text  # no revenue driver in this case


def test_one_time_amounts_are_listed_where_the_run_rates_are() -> None:
    case = load(TEMPLATES / "legacy-end-of-support.coi")
    results = summarise(case)
    [item] = results.projection.one_time
    assert item.amount == Decimal(60000)
    text = flat(text_of(render_pdf(case)))
    assert flat("One-time amounts (not in the run rates)") in text
    assert flat(f"October 1, 2027 {item.driver} $60,000.00") in text
    # beside the run-rate tiles on the summary page, too
    assert flat(
        f"Left out of these run rates, one-time amounts: $60,000 on October 1, 2027 "
        f"({item.driver})."
    ) in (text)
    assert flat("per month, recurring") in text


def test_no_one_time_amounts_no_list() -> None:
    text = flat(text_of(example_pdf(NORTHWIND)))
    assert flat("One-time amounts (not in the run rates)") not in text
    assert flat("Left out of these run rates") not in text


def test_mean_and_range_beside_most_likely() -> None:
    text = flat(text_of(example_pdf(NORTHWIND)))
    assert flat("Doing nothing until September 30, 2027 most likely costs") in text
    assert flat("(range $324,800–$428,300, mean $375,400)") in text


def test_the_internal_costs_are_the_buyers() -> None:
    text = flat(text_of(example_pdf(NORTHWIND)))
    assert flat("Buyer's internal one-time cost $0.00") in text
    assert flat("Buyer's internal recurring cost per month $0.00") in text


def test_the_range_chart_names_most_likely_mean_and_p10_p90() -> None:
    text = flat(text_of(example_pdf(NORTHWIND)))
    assert (
        flat(
            "Until the decision date: most likely $364,300, mean $375,400, P10 to P90 "
            "$324,800 to $428,300."
        )
        in text
    )


def test_more_than_three_one_time_amounts_on_the_summary_point_to_the_list() -> None:
    data = example_data(TEMPLATES / "legacy-end-of-support.coi")
    lump = next(d for d in data["drivers"] if d["type"] == "one_time")
    for n in range(3):
        copy = {**lump, "name": f"Extra lump {n}"}
        data["drivers"].append(copy)
    case = case_from_data(data)
    assert len(summarise(case).projection.one_time) == 4
    pages = page_texts(render_pdf(case))
    summary = flat(next(page for page in pages if page.startswith("Executive summary")))
    assert flat("and 1 more (listed under Cost of inaction by driver).") in summary
    assert summary.count(flat("on October 1, 2027 (")) == 3
    listed = flat(text_of(render_pdf(case)))
    assert flat("Total $240,000.00") in listed  # the one-time list's total row


def test_a_case_without_cash_benefits_says_so() -> None:
    case = load(TEMPLATES / "customer-churn.coi")
    results = summarise(case)
    assert "cash" not in results.projection.by_class()
    npv = FMT.headline_money(results.solution.cash_only.npv)  # type: ignore[union-attr]
    pages = page_texts(render_pdf(case))
    summary = flat(next(page for page in pages if page.startswith("Executive summary")))
    assert (
        flat(
            "None of the modelled benefits is cash (spend that stops): counting cash benefits "
            f"only, the net present value is {npv}."
        )
        in summary
    )
