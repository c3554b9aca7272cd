"""Text from a case comes out literally: never markup, never a file read, never a link."""

from __future__ import annotations

import builtins
import copy
import io
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from calculators.errors import CaseError
from calculators.report import Branding, render_pdf
from calculators.report import fonts as report_fonts
from calculators.report.markup import Markup, esc, fill, link, safe_url, tag
from calculators.storage import case_from_data
from calculators.text import neutralise
from tests.calculators.report.helpers import (
    ACME,
    body_texts,
    decor_lines,
    example_analysis,
    example_case,
    example_data,
    flat,
    fonts_of,
    reader,
    text_of,
)

HOSTILE = {
    "img": '<img src="/etc/passwd"/>',
    "font-color": "<font color=\"[[getattr(pow,Word('__globals__'))]]\">x</font>",
    "javascript-link": '<a href="javascript:alert(1)">x</a>',
    "unbalanced": "Unbalanced <b> bold and </i> stray",
    "ampersand": "Smith & Sons",
    "entity": "A &amp; B &lt;c&gt; &#169;",
    "invisible": (
        "zero\u200bwidth\u200cjoin\u200d rtl \u202egnp.exe\u202c iso\u2066x\u2069 \u200fmark"
    ),
    "emoji": "Launch 🚀 smile 😀 think 🤔 ok ✅ thumbs 👍🏽",
}


def hostile_case(value: str) -> Any:
    data = copy.deepcopy(example_data(ACME))
    data["buyer"]["company"] = value
    data["drivers"][0]["name"] = value
    data["drivers"][1]["inputs"]["amount"]["source"] = value
    data["narrative"]["situation"] = value
    return case_from_data(data)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path opened while the test runs."""
    seen: list[str] = []
    real_open = builtins.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    return seen


def links_of(pdf: bytes) -> list[str]:
    out = []
    for page in reader(pdf).pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            if action is not None:
                action = action.get_object()
                out.append(str(action.get("/URI") or action.get("/JS") or action.get("/S")))
    return out


def has_images(pdf: bytes) -> bool:
    for page in reader(pdf).pages:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            if ref.get_object().get("/Subtype") == "/Image":
                return True
    return False


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_strings_come_out_literally(value: str, opened: list[str]) -> None:
    pdf = render_pdf(hostile_case(value))
    value = neutralise(value)  # bidi overrides are U+FFFD, as in the app and the CLI
    bodies = body_texts(pdf)
    text = "\n".join(bodies)
    lines = [line for body in bodies for line in body.split("\n")]
    # As buyer and driver name (short enough to stay on one line in several places), as the
    # source in the assumptions table and as the narrative.
    assert sum(line.strip() == value for line in lines) >= 2 or text.count(value) >= 3
    assert flat(value) in flat(text)
    assert text.count(value) + flat(text).count(flat(value)) >= 6
    for buyer, *_rest in decor_lines(pdf):
        assert buyer == value  # the header carries the name literally
    assert not any("passwd" in path for path in opened)
    assert links_of(pdf) == ["mailto:max@example.com"]
    assert not has_images(pdf)


def test_unbalanced_markup_does_not_bold_or_swallow_text() -> None:
    value = HOSTILE["unbalanced"]
    pdf = render_pdf(hostile_case(value))
    assert value in text_of(pdf)


def test_emoji_and_invisible_characters_survive_in_the_text_layer_bidi_neutralised() -> None:
    pdf = render_pdf(hostile_case(HOSTILE["emoji"] + " " + HOSTILE["invisible"]))
    text = text_of(pdf)
    for part in ("🚀", "😀", "🤔", "✅", "👍🏽", "\ufffdgnp.exe\ufffd", "\ufffdx\ufffd", "\u200b"):
        assert part in text
    assert "\u202e" not in text and "\u2066" not in text  # shown as in the app: neutralised


def test_fifty_thousand_characters_wrap_or_are_cut_visibly() -> None:
    long = "x" * 50_000
    data = copy.deepcopy(example_data(ACME))
    data["buyer"]["company"] = "B" * 50_000
    data["drivers"][0]["name"] = "D" * 50_000
    data["drivers"][1]["inputs"]["amount"]["source"] = "S" * 50_000
    data["narrative"]["situation"] = long
    pdf = render_pdf(case_from_data(data))
    bodies = body_texts(pdf)
    # The narrative is shown in full, wrapped over pages.
    runs = [len(r) for r in re.findall(r"x+", flat("\n".join(bodies)))]
    assert max(runs) == 50_000
    # Names in the header, tables and headlines are cut with a visible ellipsis.
    for buyer, *_rest in decor_lines(pdf):
        assert buyer.startswith("BBBB") and buyer.endswith("…") and len(buyer) < 200
    text = "\n".join(bodies)
    assert re.search(r"D{100,}…", flat(text))
    assert re.search(r"S{500,}…", flat(text))
    assert len(reader(pdf).pages) > 10


def test_control_characters_are_replaced_visibly() -> None:
    data = copy.deepcopy(example_data(ACME))
    data["narrative"]["situation"] = "bell\x07 null\x00 escape\x1b end"
    pdf = render_pdf(case_from_data(data))
    assert "bell\ufffd null\ufffd escape\ufffd end" in text_of(pdf)
    # The case model refuses lone surrogates; a string from elsewhere is cleaned too.
    assert report_fonts.clean("a\ud800b\ufffec") == "a\ufffdb\ufffdc"


def test_mixed_scripts_come_out_with_real_glyphs() -> None:
    data = copy.deepcopy(example_data(ACME))
    data["buyer"]["contact"] = "山田太郎（やまだ たろう）, カタカナ部長"
    data["drivers"][0]["name"] = "Ελληνικά δεδομένα και Кириллица текст"
    data["drivers"][1]["name"] = "한국어 비용 (Korean) 中文成本"
    data["narrative"]["situation"] = "Gemischt: Müller 山田 김민수 Ωμέγα Жук."
    pdf = render_pdf(case_from_data(data))
    text = text_of(pdf)
    for value in (
        data["buyer"]["contact"],
        data["drivers"][0]["name"],
        data["drivers"][1]["name"],
        data["narrative"]["situation"],
    ):
        assert value in text
    bases = {str(f["/BaseFont"]).split("+")[-1] for f in fonts_of(pdf)}
    assert {"DejaVuSans", "DejaVuSans-Bold", "DroidSansFallback", "NanumSquareR"} <= bases


def test_every_character_of_the_test_strings_has_a_real_glyph() -> None:
    """No box: each letter is in the font its run is drawn with."""
    sample = "Müller Ωμέγα Жук 山田太郎 やまだ カタカナ 김민수 한국어 中文"
    for face, part in report_fonts.iter_faces(sample):
        font: Any = report_fonts.pdfmetrics.getFont(face)
        for ch in part:
            if ch.strip():
                assert ord(ch) in report_fonts._register(face).coverage, (face, ch)
                assert font.face.charToGlyph[ord(ch)] != 0


def _png(width: int = 4, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x1b\x4f\x72" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_logo_is_embedded_when_it_is_a_real_image(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    pdf = render_pdf(
        example_case(ACME.name),
        branding=Branding(logo_path=logo),
        analysis=example_analysis(ACME.name),
    )
    assert has_images(pdf)


@pytest.mark.parametrize(
    "content",
    [b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"not an image", b"\x89PNG\r\n\x1a\nbroken"],
    ids=["svg", "text", "broken-png"],
)
def test_a_logo_that_is_not_a_png_or_jpeg_is_refused(tmp_path: Path, content: bytes) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(content)
    with pytest.raises(CaseError, match="logo"):
        render_pdf(
            example_case(ACME.name),
            branding=Branding(logo_path=logo),
            analysis=example_analysis(ACME.name),
        )


def test_missing_logo_and_bad_colour_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="no such file"):
        render_pdf(example_case(ACME.name), branding=Branding(logo_path=tmp_path / "nope.png"))
    with pytest.raises(CaseError, match="brand colour"):
        render_pdf(
            example_case(ACME.name), branding=Branding.model_construct(brand_colour="red;<x>")
        )


# --- the markup functions ---------------------------------------------------------------------


def test_esc_escapes_every_markup_character() -> None:
    assert esc("<b>&'\"") == "&lt;b&gt;&amp;&#39;&quot;"
    assert isinstance(esc("x"), Markup)


def test_esc_wraps_cjk_runs_in_bundled_fonts_only() -> None:
    out = esc("A山<b>")
    assert out == 'A<font face="COI-CJK">山</font>&lt;b&gt;'


def test_fill_escapes_the_template_and_plain_values() -> None:
    out = fill("<i>{name}</i> {amount}", name="<b>x</b>", amount=tag("b", esc("5 €")))
    assert out == "&lt;i&gt;&lt;b&gt;x&lt;/b&gt;&lt;/i&gt; <b>5 €</b>"
    assert fill("{missing} and {{braces}}") == "{missing} and {braces}"
    assert fill("unbalanced {") == "unbalanced {"


def test_markup_concatenation_escapes_plain_strings() -> None:
    assert esc("a") + "<b>" == "a&lt;b&gt;"


def test_tag_allows_only_known_tags_and_checked_attributes() -> None:
    with pytest.raises(ValueError):
        tag("img", esc("x"))
    with pytest.raises(ValueError):
        tag("font", esc("x"), color="[[getattr(pow,Word('__globals__'))]]")
    with pytest.raises(ValueError):
        tag("font", esc("x"), face="Helvetica")
    assert tag("font", esc("x"), color="#1B4F72") == '<font color="#1B4F72">x</font>'


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/a?b=c&d=e", "https://example.com/a?b=c&d=e"),
        ("mailto:max@example.com", "mailto:max@example.com"),
        ("javascript:alert(1)", None),
        ("http://example.com", None),
        ("file:///etc/passwd", None),
        ('https://example.com/"onmouseover="x', None),
        ("mailto:a@b.com?subject=<x>", None),
    ],
)
def test_links_only_https_and_plain_mailto(url: str, safe: str | None) -> None:
    assert safe_url(url) == safe
    text = esc("x")
    linked = link(url, text)
    if safe is None:
        assert linked == text
    else:
        assert linked.startswith('<a href="') and "javascript" not in linked


def test_tounicode_fix_writes_surrogate_pairs() -> None:
    from reportlab.pdfbase import ttfonts

    report_fonts.register_base()
    cmap = ttfonts.makeToUnicodeCMap("X", [0, 65, 0x1F680])
    assert "<02> <D83DDE80>" in cmap and "<01> <0041>" in cmap


def test_runs_keep_latin_in_the_base_face() -> None:
    assert report_fonts.runs("Hello Wörld") == ((report_fonts.SANS, "Hello Wörld"),)
    assert [f for f, _ in report_fonts.runs("ab 山田 cd 김")] == [
        report_fonts.SANS,
        report_fonts.CJK,
        report_fonts.SANS,
        report_fonts.HANGUL,
    ]


def test_fit_text_cuts_with_an_ellipsis() -> None:
    cut = report_fonts.fit_text("x" * 1000, 100, 8)
    assert cut.endswith("…") and report_fonts.string_width(cut, 8) <= 100
    assert report_fonts.fit_text("short", 100, 8) == "short"


def test_bytes_stream_is_a_valid_pdf() -> None:
    pdf = render_pdf(hostile_case(HOSTILE["font-color"]))
    assert reader(io.BytesIO(pdf).getvalue()).pages


def test_paragraphs_refuse_unescaped_strings() -> None:
    from calculators.report.rl import Para
    from calculators.report.theme import make_theme

    style = make_theme(None).styles.body
    with pytest.raises(TypeError, match="Markup"):
        Para('<img src="/etc/passwd"/>', style)
    assert Para(esc('<img src="/etc/passwd"/>'), style).getPlainText() == '<img src="/etc/passwd"/>'
