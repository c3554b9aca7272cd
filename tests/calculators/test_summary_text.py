"""The text summary's tables line up in a terminal, Japanese and Chinese labels included."""

from __future__ import annotations

import copy
import json

from calculators.engine import summarise
from calculators.i18n import _, language
from calculators.storage import case_from_data
from calculators.summary import _table, clip, display_width, summary_text
from tests.conftest import EXAMPLES


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("Acme") == 4
    assert display_width("受注入力") == 8
    assert display_width("￥327,695") == 9  # the fullwidth yen sign is wide
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    assert display_width("") == 0


def test_clip_cuts_by_columns() -> None:
    assert clip("short", 40) == "short"
    assert clip("x" * 50, 40) == "x" * 39 + "…"
    cut = clip("手作業での受注入力" * 5, 20)
    assert cut.endswith("…") and display_width(cut) <= 20
    assert clip("手作業", 6) == "手作業"


def test_table_columns_line_up_by_display_width() -> None:
    rows = [
        ["要因", "意思決定日まで", "1か月あたり"],
        ["手作業での受注入力", "￥21,632", "￥6,240"],
        ["Error corrections", "￥5,200", "￥1,500"],
    ]
    lines = _table(rows)
    ends = {display_width(line) for line in lines}
    assert len(ends) == 1, lines  # right-aligned last column ends in one column
    # the second column starts after the same number of columns in every row
    starts = set()
    for line, row in zip(lines, rows, strict=True):
        before = line[: line.index(row[1].strip()[0], len(row[0]) + 2)]
        starts.add(display_width(before) + display_width(row[1]))
    assert len(starts) == 1, lines


def test_japanese_summary_aligns_the_driver_table() -> None:
    data = json.loads((EXAMPLES / "acme-order-automation.coi").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["locale"], data["currency"] = "ja_JP", "JPY"
    data["drivers"][0]["name"] = "手作業での受注入力"
    case = case_from_data(data)
    with language("ja"):
        text = summary_text(summarise(case), include_analysis=False)
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if "手作業での受注入力" in line)
    table = [lines[row - 1], lines[row], lines[row + 1], lines[row + 2]]
    assert len({display_width(line) for line in table}) == 1, "\n".join(table)


def test_a_bundled_title_is_shown_in_the_summary_language() -> None:
    data = json.loads((EXAMPLES / "acme-order-automation.coi").read_text(encoding="utf-8"))
    case = case_from_data(data)
    with language("ja"):
        first = summary_text(summarise(case), include_analysis=False).split("\n")[0]
        assert first == _(case.title) != case.title
    data["title"] = "Our own title"
    with language("ja"):
        own = summary_text(summarise(case_from_data(data)), include_analysis=False)
    assert own.split("\n")[0] == "Our own title"
