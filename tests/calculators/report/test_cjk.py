"""Chinese, Japanese and Korean typesetting: line breaks, bold runs, sentence joins, titles."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Any

import pytest

from calculators.engine import summarise
from calculators.formatting import Formatter
from calculators.i18n import translation
from calculators.report import render_pdf
from calculators.report.fonts import CJK, CJK_BOLD, HANGUL, SANS, SANS_BOLD, register_base
from calculators.report.linebreak import can_break, has_cjk
from calculators.report.markup import Markup, bold, esc, fill, join_sentences, sentences
from calculators.report.rl import Para
from calculators.report.theme import make_theme
from tests.calculators.report.helpers import (
    ACME,
    case_with,
    flat,
    fonts_of,
    page_texts,
    reader,
    text_of,
)

STYLES = make_theme(None).styles


def lines_of(paragraph: Para, width: float) -> list[str]:
    """The text of each line the paragraph is broken into at ``width`` points."""
    paragraph.wrap(width, 10_000)
    blocks = paragraph.blPara
    if blocks.kind == 0:
        return [" ".join(words) for _space, words in blocks.lines]
    return ["".join(word.text for word in line.words) for line in blocks.lines]


@pytest.fixture(scope="module")
def japanese() -> Any:
    case = case_with(ACME, locale="ja_JP", currency="JPY", language=None)
    return case, render_pdf(case)


# --- 1. numbers, dates and Latin words stay whole ----------------------------------------


def test_headline_figure_and_deadline_stay_on_one_line(japanese: Any) -> None:
    case, pdf = japanese
    fmt = Formatter("ja_JP", "JPY")
    projection = summarise(case).projection
    wanted = [
        fmt.money(projection.cost_to_deadline),
        fmt.money(projection.cost_over_horizon),  # was cut "￥327,|695" on page 2
        fmt.date(case.deadline),
        fmt.date(case.start_date),  # was cut "202|7年1月1日" on page 3
    ]
    lines = [line.strip() for text in page_texts(pdf) for line in text.split("\n")]
    for value in wanted:
        assert any(value in line for line in lines), value
        # and never the first part of it at a line's end with the rest on the next line
        for a, b in itertools.pairwise(lines):
            for cut in range(1, len(value)):
                assert not (a.endswith(value[:cut]) and b.startswith(value[cut:])), (a, b)


def test_no_space_creeps_in_between_japanese_sentences(japanese: Any) -> None:
    _case, pdf = japanese
    text = text_of(pdf)
    assert not re.search(r"[。！？] +\S", text)
    assert "。この範囲は" in flat(text)


@pytest.mark.parametrize("width", [60, 90, 130, 200, 333])
def test_japanese_lines_break_between_characters_not_inside_numbers(width: float) -> None:
    sentence = (
        "これは、2027年1月1日から意思決定日までの現状維持のコストです。36か月の分析期間"
        "全体では￥327,695に達します。Acme Logistics GmbHは71.4%を負担します。"
    )
    lines = lines_of(Para(esc(sentence), STYLES.body), width)
    assert "".join(lines) == sentence  # nothing lost, nothing added
    whole = ["2027年", "1月", "1日", "36か", "￥327,695", "71.4%", "Acme", "Logistics", "GmbHは"]
    for token in whole:
        assert any(token in line for line in lines), (token, lines)
    for line in lines[1:]:
        assert not line.startswith(("。", "、", "％", "%", ")", "）"))
    # every line but the last is full enough: breaks are not wasted
    for line in lines[:-1]:
        assert len(line) >= 2


def test_a_paragraph_split_over_two_pages_keeps_its_text() -> None:
    sentence = "受注入力に毎週￥12,345,678のコストがかかっています。" * 30
    paragraph = Para(esc(sentence), STYLES.body)
    paragraph.wrap(200, 10_000)
    first, rest = paragraph.split(200, STYLES.body.leading * 4.5)
    assert lines_of(first, 200) and lines_of(rest, 200)
    joined = "".join("".join(w.text for w in line.words) for line in first.blPara.lines) + "".join(
        lines_of(rest, 200)
    )
    assert joined == sentence
    assert " " not in joined
    # re-wrapped at another width, the rest still keeps the amounts whole
    assert all("￥12,345,678" in line or "￥" not in line for line in lines_of(rest, 150))


def test_latin_paragraphs_still_break_at_spaces() -> None:
    text = "Doing nothing until 15 April 2027 costs Acme Logistics an estimated €30,299."
    paragraph = Para(esc(text), STYLES.body)
    assert not paragraph._cjk
    assert all(" " not in w for line in lines_of(paragraph, 120) for w in line.split(" "))


def test_a_japanese_name_in_an_english_sentence_wraps_by_words() -> None:
    text = "Doing nothing until 15 April 2027 costs 株式会社山田製作所 an estimated €30,299."
    lines = lines_of(Para(esc(text), STYLES.body), 150)
    assert flat("".join(lines)) == flat(text)
    for word in ("Doing", "nothing", "April", "2027", "estimated", "€30,299."):
        assert any(word in line for line in lines)


def test_break_rules() -> None:
    assert can_break("す", "る")
    assert can_break("は", "2")
    assert can_break(" ", "A")
    assert not can_break("3", "2")
    assert not can_break("￥", "3")
    assert not can_break(",", "6")
    assert not can_break("7", "年")  # a number keeps its counter
    assert not can_break("す", "。")  # no full stop at a line's start
    assert not can_break("「", "既")  # no opening bracket at a line's end
    assert not can_break("A", "b")
    assert not can_break("한", "국")  # Korean breaks at spaces
    assert has_cjk("東京") and has_cjk("カタカナ") and not has_cjk("서울") and not has_cjk("€5")


# --- 2. bold runs: CJK faux bold next to bold Latin ----------------------------------------


def _fonts(paragraph: Para) -> dict[str, str]:
    return {f.text: f.fontName for f in paragraph.frags}


def test_bold_cjk_runs_use_the_faux_bold_alias() -> None:
    register_base()
    heading = Para(esc("上位3つの要因"), STYLES.h2)
    assert _fonts(heading) == {"上位": CJK_BOLD, "3": SANS_BOLD, "つの要因": CJK_BOLD}
    body = Para(fill("合計{amount}です", amount=bold(esc("￥30,299"))), STYLES.body)
    fonts = _fonts(body)
    assert fonts["合計"] == CJK and fonts["です"] == CJK
    assert fonts["30,299"] == SANS_BOLD and fonts["￥"] == CJK_BOLD
    assert _fonts(Para(esc("上位3つ"), STYLES.body)) == {"上位": CJK, "3": SANS, "つ": CJK}
    hangul = Para(esc("한국어 3"), STYLES.h2)
    assert hangul.frags[0].fontName == "COI-Hangul-Bold"
    assert HANGUL in {f.fontName for f in Para(esc("한국어"), STYLES.body).frags}


def _content(pdf: bytes) -> str:
    out = []
    for page in reader(pdf).pages:
        contents = page.get_contents()
        out.append(contents.get_data().decode("latin-1") if contents is not None else "")
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            data = ref.get_object().get_data()
            out.append(data.decode("latin-1"))
    return "\n".join(out)


def test_bold_japanese_is_outlined_and_regular_text_is_not(japanese: Any) -> None:
    _case, pdf = japanese
    content = _content(pdf)
    assert re.search(r"\b2 Tr\b", content), "no faux-bold text at all"
    assert re.search(r"\b0 Tr\b", content), "faux bold never switched off"
    # One font program for the CJK face, whatever the weight.
    fonts = {str(f["/BaseFont"]).split("+")[-1] for f in fonts_of(pdf)}
    assert "DroidSansFallback" in fonts
    assert not any("Bold" in name and "Droid" in name for name in fonts)
    text = text_of(pdf)
    assert "上位3つの要因" in flat(text)  # the outline leaves the text layer alone


def test_english_report_draws_no_outlined_text() -> None:
    pdf = render_pdf(case_with(ACME))
    assert not re.search(r"\b2 Tr\b", _content(pdf))


# --- 3. sentences --------------------------------------------------------------------------


def test_sentences_join_without_a_space_after_a_cjk_full_stop() -> None:
    assert join_sentences(["It costs €5.", "That is all."]) == "It costs €5. That is all."
    assert join_sentences(["コストです。", "この範囲は"]) == "コストです。この範囲は"
    assert join_sentences(["本当？", "はい！", "次"]) == "本当？はい！次"
    assert join_sentences(["成本。", "这个"]) == "成本。这个"
    assert join_sentences([]) == ""
    joined = sentences([esc("コストです。"), esc("この範囲は")])
    assert isinstance(joined, Markup)
    assert "。</font><font" in joined  # the full stop sat inside a font tag: no space
    assert sentences([esc("It costs."), esc("Next.")]) == "It costs. Next."


# --- 5. bundled titles ---------------------------------------------------------------------


def test_a_bundled_example_title_is_shown_in_the_report_language(japanese: Any) -> None:
    case, pdf = japanese
    translated = translation("ja").gettext(case.title)
    assert translated != case.title
    assert flat(translated) in flat(text_of(pdf))
    assert reader(pdf).metadata.title == translated


def test_a_reps_own_title_is_shown_as_typed() -> None:
    own = "The cost of waiting on order automation (draft)"
    case = case_with(ACME, locale="ja_JP", currency="JPY", language=None, title=own)
    pdf = render_pdf(case)
    assert reader(pdf).metadata.title == own
    english = case_with(ACME)
    assert reader(render_pdf(english)).metadata.title == english.title


# --- Chinese and Korean cases ----------------------------------------------------------------


@pytest.mark.parametrize(("locale", "currency"), [("zh_CN", "CNY"), ("ko_KR", "KRW")])
def test_chinese_and_korean_cases_render_with_real_glyphs(locale: str, currency: str) -> None:
    case = case_with(
        ACME,
        locale=locale,
        currency=currency,
        language=None,
        buyer={"company": "上海物流有限公司" if locale == "zh_CN" else "서울물류 주식회사"},
    )
    pdf = render_pdf(case)
    text = flat(text_of(pdf))
    fmt = Formatter(locale, currency)
    projection = summarise(case).projection
    assert flat(fmt.money(projection.cost_to_deadline)) in text
    assert flat(case.buyer.company) in text
    assert "\ufffd" not in text  # no character fell back to a stand-in glyph
    fonts = {str(f["/BaseFont"]).split("+")[-1] for f in fonts_of(pdf)}
    assert ("DroidSansFallback" if locale == "zh_CN" else "NanumSquareR") in fonts


def test_a_korean_date_is_never_split_over_two_lines() -> None:
    case = case_with(ACME, locale="ko_KR", currency="KRW", language=None)
    pdf = render_pdf(case)
    date = Formatter("ko_KR", "KRW").date(case.deadline)  # "2027년 4월 15일": with spaces
    assert " " in date
    lines = [" ".join(line.split()) for text in page_texts(pdf) for line in text.split("\n")]
    # the cover's narrow "Decision date" column used to end a line after "2027년 4월"
    assert not any(line.endswith(date.rsplit(" ", 1)[0]) for line in lines)
    assert sum(date in line for line in lines) >= 3


@pytest.mark.parametrize("width", [80, 100, 120])
def test_a_french_amount_is_not_broken_at_its_thin_spaces(width: float) -> None:
    amount = Formatter("fr_FR", "EUR").money(Decimal("1234567.89"))
    assert "\u202f" in amount  # babel groups French thousands with a narrow no-break space
    paragraph = Para(esc(f"Le coût est de {amount} par an."), STYLES.body)
    lines = lines_of(paragraph, width)
    assert any(amount.replace("\u202f", "\u00a0") in line for line in lines), lines
