"""The PDF business case: what a reader finds in it, page by page."""

from __future__ import annotations

import copy
import re
from decimal import Decimal

import pytest

from calculators.analysis import analyse
from calculators.engine import summarise
from calculators.formatting import Formatter
from calculators.qualification import qualify
from calculators.report import Branding, render_pdf
from calculators.simulation import simulate
from calculators.storage import case_from_data, load
from calculators.templates import list_examples, list_templates
from tests.calculators.report.helpers import (
    ACME,
    NORTHWIND,
    STANDARD_14,
    body_texts,
    case_with,
    decor_lines,
    example_analysis,
    example_case,
    example_data,
    example_pdf,
    flat,
    fonts_of,
    page_texts,
    reader,
    text_of,
)
from tests.conftest import TEMPLATES

SECTIONS = [
    "Executive summary",
    "The situation",
    "Cost of inaction by driver",
    "The cost of waiting in charts",
    "Investment and return",
    "Appendix A: Assumptions",
    "Appendix B: Methodology",
]
CHARTS = [
    "Cumulative cost of inaction",
    "Cost by driver and year",
    "Decision timing",
    "What moves the figure most",
    "Scenario range",
]


def test_german_example_headline_uses_german_formats() -> None:
    pdf = example_pdf(ACME.name)
    summary = flat(body_texts(pdf)[2])
    # Pinned by hand: German grouping, euro sign after the amount, English month names; the
    # headline rounded to four significant digits.
    assert flat("Doing nothing until 15 April 2027 most likely costs Acme Logistics GmbH") in (
        summary
    )
    assert flat("30.300 €") in summary
    assert flat("8.740 €") in summary  # per month


@pytest.mark.parametrize("name", [ACME.name, NORTHWIND.name])
def test_headline_figures_formatted_for_the_case_locale(name: str) -> None:
    case = example_case(name)
    fmt = Formatter(case.locale, case.currency, "en")
    projection = summarise(case).projection
    sim = simulate(case)
    summary = flat(body_texts(example_pdf(name))[2])
    headline = (
        f"Doing nothing until {fmt.date(case.deadline)} most likely costs "
        f"{case.buyer.company} {fmt.headline_money(projection.cost_to_deadline)} (range "
        f"{fmt.headline_money(sim.cost_to_deadline.p10)}–"
        f"{fmt.headline_money(sim.cost_to_deadline.p90)}, "
        f"mean {fmt.headline_money(sim.cost_to_deadline.mean)})."
    )
    assert flat(headline) in summary
    for amount in (projection.cost_per_month, projection.cost_per_week, projection.cost_per_day):
        assert flat(fmt.headline_money(amount)) in summary
    result = summarise(case).solution
    assert result is not None
    assert flat(fmt.headline_money(result.npv)) in summary
    assert flat(fmt.headline_money(result.cost_of_delay_per_month)) in summary
    # the table of the largest drivers is exact
    top = max(projection.drivers, key=lambda d: d.cost_to(case.deadline))
    assert flat(fmt.money(top.cost_to(case.deadline))) in summary


def test_english_example_pinned_figures() -> None:
    summary = flat(body_texts(example_pdf(NORTHWIND.name))[2])
    assert flat("until September 30, 2027 most likely costs Northwind Health Supplies, Inc.") in (
        summary
    )
    assert "$364,300" in summary
    assert "$48,390" in summary
    assert "$364,299.73" not in summary  # no false precision in running text and tiles
    assert "$134,222.40" in summary  # the table of the largest drivers stays exact


def test_the_three_largest_drivers_are_on_the_summary_in_order() -> None:
    summary = body_texts(example_pdf(NORTHWIND.name))[2]
    names = [
        "Month-end close done in spreadsheets",
        "Extended support for the legacy ERP",
        "IT staff keeping custom interfaces alive",
    ]
    positions = [summary.find(n) for n in names]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert "Security breach through unpatched components" not in summary


@pytest.mark.parametrize("name", [ACME.name, NORTHWIND.name])
def test_every_section_title_and_chart_title_appears(name: str) -> None:
    text = text_of(example_pdf(name))
    for title in SECTIONS + CHARTS + ["Disclaimer", "Prepared for", "Prepared by"]:
        assert title in text, title


@pytest.mark.parametrize("name", [ACME.name, NORTHWIND.name])
def test_every_page_has_header_and_page_x_of_y_footer(name: str) -> None:
    pdf = example_pdf(name)
    case = example_case(name)
    decor = decor_lines(pdf)
    total = len(decor)
    assert total >= 8
    for number, (buyer, document, seller, page) in enumerate(decor, start=1):
        assert buyer == case.buyer.company
        assert document == "Business case: the cost of inaction"
        assert seller == f"Prepared by {case.seller.company} · {case.seller.rep}"
        assert page == f"Page {number} of {total}"


def test_executive_summary_is_one_page() -> None:
    bodies = body_texts(example_pdf(NORTHWIND.name))
    assert bodies[2].startswith("Executive summary")
    assert "How sure is this figure?" in bodies[2]
    assert bodies[3].startswith("The situation")


def test_fonts_are_embedded_truetype_and_never_standard_14() -> None:
    for name in (ACME.name, NORTHWIND.name):
        fonts = fonts_of(example_pdf(name))
        assert fonts
        for font in fonts:
            base = str(font["/BaseFont"]).lstrip("/")
            assert base.split("+")[-1] not in STANDARD_14, base
            assert font["/Subtype"] == "/TrueType", base
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, base
            assert "/ToUnicode" in font, base


def test_outline_has_every_section_pointing_at_its_page() -> None:
    pdf = example_pdf(ACME.name)
    pdf_reader = reader(pdf)
    bodies = body_texts(pdf)
    entries = {}
    for item in pdf_reader.outline:
        if isinstance(item, list):
            continue
        entries[item.title] = pdf_reader.get_destination_page_number(item)
    assert entries["Cover"] == 0
    for title in SECTIONS:
        page = entries[title]
        # a section starts a page or follows the previous one on a page with room left
        assert bodies[page].startswith(title) or f"\n{title}\n" in bodies[page], (title, page)
    children = [i for i in pdf_reader.outline if isinstance(i, list)]
    chart_titles = {
        item.title: pdf_reader.get_destination_page_number(item) for item in children[0]
    }
    for title in CHARTS:
        assert title in bodies[chart_titles[title]]


def test_metadata() -> None:
    pdf = example_pdf(ACME.name)
    meta = reader(pdf).metadata
    assert meta is not None
    assert meta.title == "The cost of waiting on order automation"
    assert meta.author == "Max Weber, Example Software AG"
    assert meta.subject is not None and "Acme Logistics GmbH" in meta.subject
    assert meta.creation_date is not None and meta.creation_date.date().isoformat() == "2027-01-01"
    catalog = reader(pdf).trailer["/Root"]
    assert catalog["/Lang"] == "en"  # the text's language (this test case asks for English)
    assert catalog["/PageMode"] == "/UseOutlines"
    german = reader(render_pdf(load(ACME)))
    assert german.trailer["/Root"]["/Lang"] == "de-DE"


def test_same_case_renders_byte_identical_pdfs() -> None:
    case = load(ACME)
    first = render_pdf(case)
    second = render_pdf(load(ACME))  # a fresh load and a fresh analysis
    assert first == second
    assert render_pdf(case, analysis=analyse(case)) == first


def test_different_input_changes_the_bytes() -> None:
    changed = case_with(ACME, buyer={"company": "Acme Logistics AG"})
    assert render_pdf(changed) != example_pdf(ACME.name)


@pytest.mark.parametrize(
    "path",
    [t.path for t in list_templates()] + [t.path for t in list_examples()],
    ids=lambda p: p.stem,
)
def test_every_template_and_example_renders(path: object) -> None:
    case = load(path)  # type: ignore[arg-type]
    pdf = render_pdf(case, language="en")
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    assert "Executive summary" in text
    assert "Appendix A: Assumptions" in text


def test_case_without_solution_or_narrative_omits_the_investment_section() -> None:
    case = case_with(ACME, solution=None, narrative=None)
    text = text_of(render_pdf(case))
    assert "Investment and return" not in text
    assert "Decision timing" not in text
    assert "payback" not in text
    assert "The situation" in text
    assert "The figures in the following sections describe the situation." in text


def test_case_without_ranges_has_no_range_in_the_headline() -> None:
    data = example_data(ACME)
    data["drivers"] = [
        data["drivers"][2] | {"inputs": {"annual_probability": "0.1", "impact": "90000"}}
    ]
    data["solution"] = None
    pdf = render_pdf(case_from_data(data), language="en")
    summary = flat(body_texts(pdf)[1])  # no solution, no plan: no plan page
    # 0.1 × 90,000 ÷ 12 = 750 a month: January to March, plus 14 of 30 April days
    assert flat("an estimated 2.600 €.") in summary
    assert "range" not in summary.split("Thelargestdriver")[0]  # one driver: "The largest driver"


def test_scenario_changes_the_figures_and_is_named() -> None:
    case = example_case(ACME.name)
    pdf = render_pdf(case, scenario="conservative", analysis=example_analysis(ACME.name))
    fmt = Formatter(case.locale, case.currency)
    conservative = summarise(case, "conservative").projection.cost_to_deadline
    bodies = body_texts(pdf)
    assert flat(f"an estimated {fmt.headline_money(conservative)}.") in flat(bodies[2])
    assert "Scenario: conservative" in bodies[0]
    assert "All figures use the conservative scenario." in flat_spaces(bodies[2])


def flat_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_assumptions_list_every_input_and_mark_defaults() -> None:
    case = load(ACME)
    pdf = example_pdf(ACME.name)
    bodies = body_texts(pdf)
    text = "\n".join(bodies)
    appendix = text[text.index("\nAppendix A") : text.index("\nAppendix B")]
    defaults = 0
    for driver in case.drivers:
        for spec in driver.kind.inputs:
            assert flat(spec.label) in flat(appendix), spec.label
            if driver.input(spec.key) is None:
                defaults += 1
    assert defaults == 2  # the risk driver leaves after_date and probability_after unset
    # Both are optional: no "not given" beyond the intro's explanation, no "default" at all.
    assert len(re.findall("notgiven", flat(appendix))) == 1
    assert not re.findall(r"\bdefault\b", appendix)
    for source in ("Interview with Jana Müller, 2026-11-12", "3PL invoices Q1-Q3 2026"):
        assert flat(source) in flat(appendix)
    assert flat("42,00 € – 55,00 €") in flat(appendix)  # a range, German formats
    assert "One-time investment" in appendix and "Quote EX-2026-118" in appendix


def test_each_driver_explains_its_formula_with_the_case_numbers() -> None:
    text = flat(text_of(example_pdf(ACME.name)))
    assert flat("6 people × 5 h/week × 48,00 € per hour × 52/12 weeks, growing 5 % a year") in text
    assert flat("4.500,00 € per quarter, rising 3 % a year") in text
    assert flat("15 % a year × 80.000,00 € per incident ÷ 12") in text


def test_qualification_never_appears_in_the_pdf() -> None:
    for name in (ACME.name, NORTHWIND.name):
        case = example_case(name)
        text = flat(text_of(example_pdf(name)))
        qualification = qualify(case)
        assert qualification.reasons
        for reason in qualification.reasons:
            assert flat(reason.message) not in text
        assert "qualif" not in text.lower()
        assert "compellingneed" not in text.lower()


def test_language_argument_changes_text_language_not_formats() -> None:
    case = example_case(ACME.name)
    pdf = render_pdf(case, language="en_US", analysis=example_analysis(ACME.name))
    summary = flat(body_texts(pdf)[2])
    assert flat("30.300 €") in summary  # formats follow the case's locale
    assert reader(pdf).trailer["/Root"]["/Lang"] == "en-US"


def test_analysis_for_another_case_is_refused() -> None:
    with pytest.raises(ValueError, match="different case"):
        render_pdf(example_case(NORTHWIND.name), analysis=example_analysis(ACME.name))


def test_branding_colour_company_and_disclaimer() -> None:
    branding = Branding(
        company_name="Brand & Co <GmbH>",
        brand_colour="#C0392B",
        disclaimer="Figures are estimates.\n\nNo <b>warranty</b>.",
    )
    pdf = render_pdf(
        example_case(ACME.name), branding=branding, analysis=example_analysis(ACME.name)
    )
    text = text_of(pdf)
    assert "Prepared by Brand & Co <GmbH> · Max Weber" in text
    assert "No <b>warranty</b>." in text
    # The brand colour fills the cover band: 0.75294 0.22353 0.16863 rg
    raw = reader(pdf).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    assert b".752941 .223529 .168627 rg" in raw


def test_long_content_paginates_cleanly() -> None:
    data = copy.deepcopy(example_data(ACME))
    drivers = []
    for i in range(40):
        driver = copy.deepcopy(data["drivers"][i % 3])
        driver["name"] = f"Driver {i + 1:02d} " + driver["name"]
        drivers.append(driver)
    sentence = "The order desk re-keys every order by hand, and every error costs money. "
    paragraph = (sentence * 12).strip()
    narrative = "\n\n".join([paragraph] * 22)  # about five pages
    data.update(drivers=drivers, horizon_months=120)
    data["narrative"] = {"situation": narrative, "consequences": "Costs rise."}
    pdf = render_pdf(case_from_data(data), language="en")
    bodies = body_texts(pdf)
    text = "\n".join(bodies)
    for i in range(40):
        assert f"Driver {i + 1:02d}" in text
    assert flat(narrative) in flat(text)
    situation = [i for i, b in enumerate(bodies) if paragraph[:60] in b]
    assert len(situation) >= 5
    # The driver table splits over pages and repeats its header on each.
    table_pages = [
        b for b in bodies if "Driver 01 Manual" in b or "Driver 40 Manual" in b or "Driver 20" in b
    ]
    headed = [b for b in bodies if "Over 120" in b and "Driver" in b]
    assert len(headed) >= 2 and table_pages
    # The summary still fits on one page.
    assert bodies[2].startswith("Executive summary") and "How sure is this figure?" in bodies[2]
    assert "Year 10" in text
    pages = page_texts(pdf)
    assert pages[-1].rstrip().endswith(f"Page {len(pages)} of {len(pages)}")


def test_no_drivers_still_renders() -> None:
    case = case_with(ACME, drivers=[], solution=None)
    text = text_of(render_pdf(case))
    assert "No drivers are enabled in this case." in text
    assert flat("an estimated 0 €") in flat(text)


def test_money_in_japanese_yen_and_korean_locale() -> None:
    case = case_with(NORTHWIND, locale="ja_JP", currency="JPY", language="en")
    pdf = render_pdf(case)
    fmt = Formatter("ja_JP", "JPY")
    cost = summarise(case).projection.cost_to_deadline
    assert flat(fmt.money(cost)) in flat(text_of(pdf))
    assert fmt.money(Decimal(1)).startswith("￥")  # a CJK-font glyph in every figure


def test_case_without_any_range_says_so_and_skips_the_range_chart() -> None:
    text = text_of(render_pdf(load(TEMPLATES / "blank.coi")))
    assert "No input has a range yet" in flat_spaces(text)
    assert "Scenario range" not in text
    assert "(conservative)" not in text
