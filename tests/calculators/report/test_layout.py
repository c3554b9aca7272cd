"""Layout that cannot break (issue 13): whole tile amounts, distinct axis ticks, long content,
scenario charts, one precision rule, the report's language for words, fixed gain/loss colours
and the CLI's branding."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from reportlab.graphics.shapes import Group, Rect
from reportlab.platypus import BaseDocTemplate

from calculators import cli
from calculators.analysis import Analysis, analyse
from calculators.engine import summarise
from calculators.formatting import Formatter
from calculators.i18n import _
from calculators.i18n import language as use_language
from calculators.model import Case
from calculators.report import chart_drawings, charts, render_pdf
from calculators.report.charts import axis_labels, compact_money, nice_ticks
from calculators.report.hyphenate import break_points
from calculators.report.markup import shorten
from calculators.report.theme import NEGATIVE, POSITIVE
from calculators.settings import Branding
from calculators.storage import case_from_data, load
from tests.calculators.report.helpers import (
    ACME,
    NORTHWIND,
    body_texts,
    example_data,
    flat,
    page_texts,
    text_of,
)
from tests.conftest import EXAMPLES

BUNDLED = sorted(EXAMPLES.glob("*.coi")) + sorted((EXAMPLES.parent / "templates").glob("*.coi"))
LANGUAGES = ("en", "de", "fr", "es", "ja")


@lru_cache(maxsize=16)
def bundled(path: Path) -> tuple[Case, Analysis]:
    case = load(path)
    return case, analyse(case)


def _lines(text: str) -> set[str]:
    return {
        " ".join(line.replace("\u00a0", " ").replace("\u202f", " ").split())
        for line in text.splitlines()
    }


def _tile_amounts(case: Case, language: str) -> Iterator[tuple[str, str]]:
    """(whole amount, compact form) of every money tile on the summary page."""
    fmt = Formatter(case.locale, case.currency, language)
    results = summarise(case)
    projection = results.projection
    amounts = [
        projection.cost_per_month,
        projection.cost_per_week,
        projection.cost_per_day,
        projection.cost_per_year,
    ]
    if results.solution is not None and case.solution is not None:
        amounts += [results.solution.npv, abs(results.solution.cost_of_delay_per_month)]
    for amount in amounts:
        yield fmt.headline_money(amount), compact_money(fmt, amount)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_no_tile_amount_is_split_across_lines(path: Path) -> None:
    case, analysis = bundled(path)
    page = 2 if case.solution or case.plan else 1  # the plan page comes first
    for language in LANGUAGES:
        summary = body_texts(render_pdf(case, language=language, analysis=analysis))[page]
        lines = _lines(summary)
        for whole, compact in _tile_amounts(case, language):
            shown = {" ".join(whole.replace("\u00a0", " ").replace("\u202f", " ").split())}
            shown.add(" ".join(compact.replace("\u00a0", " ").replace("\u202f", " ").split()))
            assert shown & lines, (path.stem, language, whole, sorted(lines)[:40])


def test_a_seven_digit_tile_shrinks_instead_of_splitting() -> None:
    data = example_data(NORTHWIND)
    data["language"] = "en"
    for driver in data["drivers"]:
        if driver["type"] == "recurring_cost":
            driver["inputs"]["amount"] = {"expected": "41062927.49"}
    data["solution"]["investment"] = {"expected": "999999999.99"}
    case = case_from_data(data)
    summary = body_texts(render_pdf(case, analysis=analyse(case)))[2]
    results = summarise(case)
    assert results.solution is not None and results.solution.npv < -100_000_000
    fmt = Formatter(case.locale, case.currency, "en")
    lines = _lines(summary)
    assert fmt.headline_money(results.projection.cost_per_year) in lines
    assert fmt.headline_money(results.solution.npv) in lines


class _Spy:
    def __init__(self) -> None:
        self.seen: list[list[str]] = []

    def __call__(self, fmt: Formatter, ticks: Any) -> list[str]:
        labels = axis_labels(fmt, ticks)
        self.seen.append(labels)
        return labels


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_no_chart_has_two_equal_adjacent_tick_labels(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, analysis = bundled(path)
    spy = _Spy()
    monkeypatch.setattr(charts, "axis_labels", spy)
    for language in ("en", "de", "ja"):
        assert chart_drawings(case, analysis, language=language)
    if summarise(case).projection.cost_over_horizon:  # a case that costs nothing: "No cost"
        assert spy.seen
    for labels in spy.seen:
        assert all(a != b for a, b in pairwise(labels)), labels


@pytest.mark.parametrize(
    ("low", "high", "locale", "currency"),
    [
        (3_600_000, 3_700_000, "en_US", "USD"),
        (2_500_000, 2_600_000, "de_DE", "EUR"),
        (0.0, 3.0, "en_US", "USD"),
        (1_000_000.5, 1_000_001.5, "ja_JP", "JPY"),
        (12_345_678, 12_345_679, "fr_FR", "EUR"),
    ],
)
def test_axis_labels_are_distinct_for_narrow_ranges(
    low: float, high: float, locale: str, currency: str
) -> None:
    fmt = Formatter(locale, currency)
    labels = axis_labels(fmt, nice_ticks(low, high, unit=charts.money_unit(fmt)))
    assert all(a != b for a, b in pairwise(labels)), labels


def test_a_case_without_cost_says_no_cost_instead_of_an_empty_chart() -> None:
    data = example_data(ACME)
    data["language"] = "en"
    for driver in data["drivers"]:
        driver["enabled"] = False
    data["drivers"].append(
        {"type": "custom", "name": "Nothing yet", "inputs": {"amount": "0", "period": "month"}}
    )
    data["solution"] = None
    case = case_from_data(data)
    text = text_of(render_pdf(case))
    assert "No cost: every figure in this chart is zero." in text
    assert "€1" not in text and "1 €" not in text


def _stress_data() -> dict[str, Any]:
    data = copy.deepcopy(example_data(NORTHWIND))
    data["language"] = "en"
    base = data["drivers"]
    drivers = []
    for i in range(40):
        driver = copy.deepcopy(base[i % len(base)])
        driver["name"] = f"Manual re-keying of customer orders at distribution centre {i + 1}"
        drivers.append(driver)
    data["drivers"] = drivers
    data["horizon_months"] = 120
    return data


def _render_cli(tmp_path: Path, data: dict[str, Any], *extra: str) -> bytes:
    source = tmp_path / "case.coi"
    source.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "case.pdf"
    assert cli.main(["render", str(source), "-o", str(out), *extra]) == 0
    return out.read_bytes()


def _paginated(pdf: bytes) -> list[str]:
    pages = page_texts(pdf)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    return pages


def test_forty_drivers_over_120_months_render_and_paginate(tmp_path: Path) -> None:
    pdf = _render_cli(tmp_path, _stress_data(), "--scenario", "conservative")
    pages = _paginated(pdf)
    text = "\n".join(pages)
    # The stacked chart's legend names the six largest in full and sums the rest.
    assert "34 other drivers" in text
    assert "at distribution centre 40" in text
    assert "…" not in text.split("Cost by driver and year")[1].split("Decision timing")[0]


def test_long_unbroken_names_explanations_and_sources_render(tmp_path: Path) -> None:
    data = copy.deepcopy(example_data(NORTHWIND))
    data["language"] = "en"
    data["buyer"]["company"] = "N" * 50_000
    data["solution"]["name"] = "S" * 5_000
    for driver in data["drivers"]:
        for value in driver["inputs"].values():
            if isinstance(value, dict):
                value["source"] = "Q" * 500
    explanation = " ".join(["explanation"] * 66)[:800]
    data["drivers"].append(
        {
            "type": "custom",
            "name": "A custom cost",
            "inputs": {
                "amount": {"expected": "1000", "low": "900", "high": "1500", "source": "U" * 500},
                "period": "month",
                "formula": explanation,
            },
        }
    )
    pdf = _render_cli(tmp_path, data)
    pages = _paginated(pdf)
    assert len(pages) > 10
    assert pages[1].startswith("The plan")  # the cover stayed on one page
    assert "Executive summary" in pages[2]  # and so did the plan


def test_a_long_legal_name_wraps_in_full() -> None:
    name = (
        "Müller Präzisionsteile Gesellschaft mit beschränkter Haftung & Compagnie "
        "Kommanditgesellschaft (Zweigniederlassung Süddeutschland, Werk Ingolstadt-Nord)"
    )
    data = example_data(ACME)
    data["language"] = "en"
    data["buyer"]["company"] = name
    text = flat(text_of(render_pdf(case_from_data(data))))
    assert flat(name) in text


def test_shorten_cuts_between_words_and_closes_a_parenthesis() -> None:
    assert shorten("Acme Holding (Europe North West)", 25) == "Acme Holding (Europe…)"
    assert shorten("short", 25) == "short"


def test_scenario_pdfs_name_and_centre_every_chart_on_the_scenario() -> None:
    case = load(NORTHWIND).model_copy(update={"language": "en"})
    analysis = analyse(case)
    pdf = render_pdf(case, scenario="conservative", analysis=analysis)
    text = text_of(pdf)
    charts_text = text.split("The cost of waiting in charts")[1].split("Investment and return")[0]
    assert "Expected" not in charts_text
    assert charts_text.count("Conservative") >= 3  # the line, the tornado's base, the range
    assert "all others at their conservative values" in flat_spaces(charts_text)
    fmt = Formatter(case.locale, case.currency, "en")
    conservative = analysis.scenarios["conservative"].cost_to_deadline
    # the range chart marks the scenario's own figure
    assert compact_money(fmt, conservative) in charts_text


def flat_spaces(text: str) -> str:
    return " ".join(text.split())


def test_headline_is_rounded_tables_exact_and_exact_on_request(tmp_path: Path) -> None:
    data = example_data(NORTHWIND)
    rounded = body_texts(_render_cli(tmp_path, data, "--language", "en"))[2]
    exact = body_texts(_render_cli(tmp_path, data, "--language", "en", "--exact"))[2]
    assert "$364,300" in rounded and "$364,299.73" not in rounded
    assert "$364,299.73" in exact
    assert "$134,222.40" in rounded and "$134,222.40" in exact  # the table
    # one rule for percentages: whole from 10 % (the return on investment's tile)
    solution = summarise(case_from_data(data)).solution
    assert solution is not None and solution.roi is not None and solution.roi >= Decimal("0.1")
    roi = Formatter("en_US", "USD").headline_percent(solution.roi)
    assert roi.endswith("%") and "." not in roi and roi in rounded


def test_percentages_and_money_follow_one_rule() -> None:
    fmt = Formatter("en_US", "USD")
    assert fmt.headline_percent(Decimal("1.675")) == "168%"
    assert fmt.headline_percent(Decimal("2.44")) == "244%"
    assert fmt.headline_percent(Decimal("0.0534")) == "5.3%"
    assert fmt.headline_money(Decimal("1924062.27")) == "$1,924,000"
    assert fmt.headline_money(Decimal("-48394.67")) == "-$48,390"
    assert fmt.headline_money(Decimal("826.40")) == "$826"


def test_an_english_report_of_a_german_case_has_english_months_and_german_numbers() -> None:
    case = load(ACME)
    pdf = render_pdf(case, language="en")
    text = flat(text_of(pdf))
    assert flat("15 April 2027") in text
    assert "Januar2027" not in text and "April2027kostet" not in text
    assert flat("8.740 €") in text
    with use_language("de"):
        assert Formatter("de_DE", "EUR", "de").date(case.deadline) == "15. April 2027"


def test_gains_never_take_a_red_brand_colour(tmp_path: Path) -> None:
    case = load(NORTHWIND).model_copy(update={"language": "en"})
    analysis = analyse(case)
    drawings = {
        c.key: c.drawing
        for c in chart_drawings(case, analysis, language="en", brand_colour="#D32F2F")
    }
    fills = {
        shape.fillColor.hexval().upper()
        for shape in _shapes(drawings["timing"])
        if isinstance(shape, Rect) and shape.fillColor is not None
    }
    assert "0XD32F2F" not in fills
    assert "0X" + POSITIVE[1:].upper() in fills
    assert NEGATIVE != POSITIVE


def _shapes(group: Any) -> Iterator[Any]:
    for shape in group.contents:
        if isinstance(shape, Group):
            yield from _shapes(shape)
        else:
            yield shape


def test_render_with_a_branding_file(tmp_path: Path) -> None:
    branding = tmp_path / "brand.toml"
    branding.write_text('company_name = "Redline Software"\nbrand_colour = "#d32f2f"\n')
    pdf = _render_cli(tmp_path, example_data(NORTHWIND), "--branding", str(branding))
    assert "Prepared by Redline Software" in text_of(pdf)
    table = tmp_path / "team.toml"
    table.write_text('[team]\ncompany_name = "Team Table Ltd"\n')
    assert "Team Table Ltd" in text_of(
        _render_cli(tmp_path, example_data(ACME), "--branding", str(table))
    )


def test_a_bad_branding_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    branding = tmp_path / "brand.toml"
    branding.write_text('company_name = "X"\nbrand_colour = "red"\n')
    source = tmp_path / "case.coi"
    source.write_text(json.dumps(example_data(ACME)), encoding="utf-8")
    out = tmp_path / "out.pdf"
    assert cli.main(["render", str(source), "-o", str(out), "--branding", str(branding)]) == 2
    err = capsys.readouterr().err
    assert "brand.toml" in err and "brand_colour" in err and "Traceback" not in err
    assert not out.exists()


def test_branding_models_are_the_settings_models() -> None:
    from calculators.team import read_branding_file

    assert read_branding_file.__annotations__["return"] in ("Branding", Branding)


@pytest.mark.parametrize(
    ("word", "language", "parts"),
    [
        ("Personalkostenübersicht", "de", ["Per", "so", "nal", "kos", "te", "nü", "ber", "sicht"]),
        ("Rechnungsprüfung", "de", ["Rech", "nungs", "prü", "fung"]),
        ("Implementation", "en", ["Im", "ple", "men", "ta", "tion"]),
        ("presupuesto", "es", ["pre", "su", "pues", "to"]),
    ],
)
def test_hyphenation_points(word: str, language: str, parts: list[str]) -> None:
    points = break_points(word, language)
    cut = [word[a:b] for a, b in zip([0, *points], [*points, len(word)], strict=True)]
    assert cut == parts


def test_narrow_columns_hyphenate_words_but_never_numbers_or_dates() -> None:
    data = example_data(ACME)
    data["language"] = "de"
    source = "Personalkostenübersicht der Buchhaltung, Rechnungsnummer 1234567890123"
    for driver in data["drivers"]:
        for value in driver["inputs"].values():
            if isinstance(value, dict):
                value["source"] = source
    text = text_of(render_pdf(case_from_data(data)))
    assert "Personalkostenüber-\nsicht" in text or "Personalkosten-\n" in text
    assert "1234567890123" in text.replace("\n", "") and "123-\n" not in text


def test_a_japanese_title_keeps_more_than_one_character_on_its_last_line() -> None:
    case = load(ACME)
    cover = body_texts(render_pdf(case, language="ja"))[0]
    last = [line for line in cover.splitlines() if line.strip()]
    title_end = next(line for line in last if line.strip().endswith("コスト"))
    assert len(title_end.strip()) >= 3


def test_two_drivers_are_not_called_three() -> None:
    data = example_data(ACME)
    data["language"] = "en"
    data["drivers"] = data["drivers"][:2]
    summary = body_texts(render_pdf(case_from_data(data)))[2]
    assert "The three largest drivers" not in summary
    assert "The 2 largest drivers" in summary


def test_the_cumulative_chart_is_not_titled_month_by_month() -> None:
    pdf = render_pdf(load(NORTHWIND).model_copy(update={"language": "en"}))
    assert "month by month" not in body_texts(pdf)[2]


def _page_fills(case: Case, monkeypatch: pytest.MonkeyPatch, **options: Any) -> list[float]:
    """The share of each page's text frame the report used (reportlab's frame position at
    the end of each page)."""
    fills: list[float] = []
    original = BaseDocTemplate.handle_pageEnd

    def record(doc: Any) -> None:
        frame = doc.frame
        top = frame._y1 + frame._height
        fills.append((top - frame._y) / frame._height)
        original(doc)

    monkeypatch.setattr(BaseDocTemplate, "handle_pageEnd", record)
    render_pdf(case, **options)
    return fills


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.coi")), ids=lambda p: p.stem)
def test_no_page_but_the_last_is_less_than_a_quarter_full(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, analysis = bundled(path)
    for language in ("en", "de", "ja"):
        fills = _page_fills(case, monkeypatch, language=language, analysis=analysis)
        # the cover (two frames) and the last page are exempt
        assert all(fill >= 0.25 for fill in fills[1:-1]), (language, fills)


def test_forty_drivers_leave_no_page_nearly_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    case = case_from_data(_stress_data())
    for scenario in ("expected", "optimistic"):
        fills = _page_fills(case, monkeypatch, scenario=scenario)
        assert all(fill >= 0.25 for fill in fills[1:-1]), (scenario, fills)


SECTION_TITLES = {
    "The situation",
    "Cost of inaction by driver",
    "The cost of waiting in charts",
    "Investment and return",
    "Appendix A: Assumptions",
    "Appendix B: Methodology",
}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_no_page_ends_with_a_section_title(path: Path) -> None:
    case, analysis = bundled(path)
    for code in LANGUAGES:
        with use_language(code):
            titles = {_(title) for title in SECTION_TITLES}
            document = _("Business case: the cost of inaction")
            prepared = _("Prepared by {seller}").split("{")[0].strip()
        pdf = render_pdf(case, language=code, analysis=analysis)
        pages = page_texts(pdf)
        for number, page in enumerate(pages, start=1):
            body = [
                line.strip()
                for line in page.splitlines()
                if line.strip()
                and line.strip() not in (case.buyer.company, document)
                and not (prepared and line.strip().startswith(prepared))
                and str(len(pages)) not in line.strip().split()[-1:]
            ]
            assert not body or body[-1] not in titles, (path.stem, code, number, body[-3:])


def test_headings_are_kept_with_what_follows() -> None:
    pdf = render_pdf(case_from_data(_stress_data()))
    for page in body_texts(pdf):
        lines = [line for line in page.splitlines() if line.strip()]
        assert lines, page
        # no page ends on a section or chart heading
        assert lines[-1].strip() not in {
            "How each figure is calculated",
            "Decision timing",
            "What moves the figure most",
            "Scenario range",
            "The case",
        }, page[-200:]
