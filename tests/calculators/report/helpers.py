"""Building cases and reading PDFs for the report tests."""

from __future__ import annotations

import copy
import io
import json
import re
from functools import lru_cache
from typing import Any

import pypdf

from calculators.analysis import Analysis, analyse
from calculators.model import Case
from calculators.report import render_pdf
from calculators.storage import case_from_data, load
from tests.conftest import EXAMPLES

ACME = EXAMPLES / "acme-order-automation.coi"  # de_DE, EUR
NORTHWIND = EXAMPLES / "northwind-legacy-erp.coi"  # en_US, USD

STANDARD_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-BoldOblique",
    "Courier-Oblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-BoldOblique",
    "Helvetica-Oblique",
    "Symbol",
    "Times-Bold",
    "Times-BoldItalic",
    "Times-Italic",
    "Times-Roman",
    "ZapfDingbats",
}


def example_data(path: Any = ACME) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def case_with(path: Any = ACME, **changes: Any) -> Case:
    """An example case with top-level fields replaced (dicts merged one level deep).

    The text is in English (``language: "en"``) unless the change says otherwise, so that
    the tests can read the report's wording; numbers and dates keep the case's locale.
    """
    data = copy.deepcopy(example_data(path))
    data.setdefault("language", "en")
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return case_from_data(data)


@lru_cache(maxsize=8)
def example_case(name: str) -> Case:
    """A bundled example with English text (its locale's formats stay)."""
    return load(EXAMPLES / name).model_copy(update={"language": "en"})


@lru_cache(maxsize=8)
def example_analysis(name: str) -> Analysis:
    return analyse(example_case(name))


@lru_cache(maxsize=8)
def example_pdf(name: str) -> bytes:
    return render_pdf(example_case(name), analysis=example_analysis(name))


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(data).pages]


def text_of(data: bytes) -> str:
    return "\n".join(page_texts(data))


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces removed (wrapped lines joined back)."""
    return re.sub(r"\s+", "", text)


def body_texts(data: bytes) -> list[str]:
    """Each page's text without its header and footer (drawn last: the last four lines)."""
    out = []
    for text in page_texts(data):
        lines = [line for line in text.split("\n") if line.strip()]
        out.append("\n".join(lines[:-4]))
    return out


def decor_lines(data: bytes) -> list[list[str]]:
    """Each page's header and footer lines: buyer, document, seller, page X of Y."""
    out = []
    for text in page_texts(data):
        lines = [line for line in text.split("\n") if line.strip()]
        out.append(lines[-4:])
    return out


def fonts_of(data: bytes) -> list[Any]:
    """Every font dictionary used on any page (pages and form XObjects)."""
    found: dict[int, Any] = {}

    def visit(resources: Any) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        fonts = resources.get("/Font")
        if fonts is not None:
            for ref in fonts.get_object().values():
                font = ref.get_object()
                found[id(font)] = font
        xobjects = resources.get("/XObject")
        if xobjects is not None:
            for ref in xobjects.get_object().values():
                xobject = ref.get_object()
                if xobject.get("/Subtype") == "/Form":
                    visit(xobject.get("/Resources"))

    for page in reader(data).pages:
        visit(page.get("/Resources"))
    return list(found.values())
