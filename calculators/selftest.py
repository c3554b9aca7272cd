"""The installer's self-test: does this installation have everything it needs to work?

``cost-of-inaction --self-test`` (the bundled app) and ``coi self-test``-style callers run
:func:`run_self_test`. It checks what a rep's first hour would touch: every template and
example loads and computes, every translation catalog loads, money formats in locales far
from the app's own languages (babel's data is complete), the Monte Carlo simulation runs
(numpy), the team settings baked into the bundle are valid, and a PDF business case renders
to a temporary folder and looks like a PDF with pages. The GUI part (building the main
window offscreen) is Qt code and so lives outside the core; the caller passes it in as
``gui_check``.

It prints one line: ``self-test ok: ...`` and returns 0, or ``self-test FAILED: <reason>``
and returns 1.
"""

from __future__ import annotations

import gettext
import re
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from calculators import __version__
from calculators.errors import CaseError
from calculators.i18n import DOMAIN
from calculators.resources import resource_path, resources_root

# Locales the formatting check uses: the app's languages plus scripts and conventions far
# from them, to show that babel's locale data is all there (Arabic digits, Indian grouping).
CHECK_LOCALES = ("en_US", "de_DE", "fr_CH", "es_MX", "ja_JP", "ar_EG", "hi_IN", "sw_KE")
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")

GuiCheck = Callable[[], str]


class SelfTestFailure(Exception):
    """One check failed; the message says which and why, in one line."""


def _fail(message: str) -> SelfTestFailure:
    return SelfTestFailure(" ".join(message.split()))


def check_resources() -> str:
    root = resources_root()
    for folder in ("templates", "examples", "fonts", "icons"):
        if not (root / folder).is_dir():
            raise _fail(f"resources/{folder} missing in {root}")
    return f"resources in {root}"


def check_cases() -> str:
    """Every template and example loads, validates and computes."""
    from calculators.engine import summarise
    from calculators.errors import CaseError
    from calculators.storage import load
    from calculators.templates import list_examples, list_templates

    templates, examples = list_templates(), list_examples()
    if not templates:
        raise _fail("no templates found")
    if not examples:
        raise _fail("no example cases found")
    for item in (*templates, *examples):
        try:
            summarise(load(item.path))
        except CaseError as exc:
            raise _fail(f"{item.path.name}: {exc}") from None
    return f"{len(templates)} templates, {len(examples)} examples"


def catalogs() -> list[Path]:
    base = resource_path("locale")
    return sorted(base.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")) if base.is_dir() else []


def check_catalogs() -> str:
    """Every compiled catalog parses (a corrupt .mo would silently show English)."""
    found = catalogs()
    for path in found:
        try:
            with path.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)
        except (OSError, ValueError) as exc:
            raise _fail(f"catalog {path.parent.parent.name}: {exc}") from None
        if not catalog.info():
            raise _fail(f"catalog {path.parent.parent.name}: no header (not compiled?)")
    languages = ",".join(path.parent.parent.name for path in found) or "none"
    return f"{len(found)} catalogs ({languages})"


def check_formatting() -> str:
    from calculators.formatting import Formatter

    amount = Decimal("1234567.891")
    for locale in CHECK_LOCALES:
        text = Formatter(locale, "EUR").money(amount)
        if not text or not any(ch.isdigit() for ch in text):
            raise _fail(f"formatting in {locale} gave {text!r}")
    return f"formatting in {len(CHECK_LOCALES)} locales"


def check_simulation() -> str:
    from calculators.simulation import simulate
    from calculators.storage import load
    from calculators.templates import list_examples

    case = load(list_examples()[0].path)
    simulate(case, samples=2_000, seed=1)
    return "simulation"


def check_team() -> str:
    from calculators.team import load_team_defaults

    team = load_team_defaults(strict=True)
    return f"team {team.company_name!r}" if team else "no team settings"


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF, by counting page objects; raises SelfTestFailure if not a PDF."""
    if not data.startswith(b"%PDF-"):
        raise _fail("the report does not start with %PDF-")
    if b"%%EOF" not in data[-1024:]:
        raise _fail("the report has no %%EOF trailer (truncated?)")
    pages = len(PDF_PAGE.findall(data))
    if pages < 1:
        raise _fail("the report has no pages")
    return pages


def check_pdf(folder: Path) -> str:
    """Render the first example as a PDF business case into ``folder`` and inspect it.

    With team settings, the PDF carries the team's branding (logo, colour, disclaimer), so
    the logo's image decoding is checked too.
    """
    from calculators.report import write_pdf
    from calculators.storage import load
    from calculators.team import load_team_defaults
    from calculators.templates import list_examples

    case = load(list_examples()[0].path)
    team = load_team_defaults(strict=True)
    branding = team.branding if team is not None else None
    target = folder / "self-test.pdf"
    write_pdf(case, target, branding=branding)
    data = target.read_bytes()
    pages = pdf_page_count(data)
    return f"PDF {pages} pages ({len(data) // 1024} KiB)"


def run_checks(gui_check: GuiCheck | None = None) -> list[str]:
    """Run every check; returns what each found. Raises SelfTestFailure on the first failure."""
    found = [check_resources(), check_cases(), check_catalogs(), check_formatting()]
    found += [check_simulation(), check_team()]
    with tempfile.TemporaryDirectory(prefix="coi-self-test-") as scratch:
        found.append(check_pdf(Path(scratch)))
    if gui_check is not None:
        found.append(gui_check())
    return found


def run_self_test(gui_check: GuiCheck | None = None, out: TextIO | None = None) -> int:
    """Run the checks and print one line; 0 if all passed, 1 otherwise."""
    stream = out if out is not None else sys.stdout
    started = time.perf_counter()
    try:
        found = run_checks(gui_check)
    except (SelfTestFailure, CaseError) as exc:  # CaseError: a broken template or team file
        message = " ".join(str(exc).split())
        print(f"self-test FAILED: {message}", file=stream, flush=True)
        return 1
    except Exception as exc:  # anything else is a failure too, reported in one line
        message = " ".join(f"{type(exc).__name__}: {exc}".split())
        print(f"self-test FAILED: {message}", file=stream, flush=True)
        return 1
    elapsed = time.perf_counter() - started
    details = "; ".join(item for item in found if not item.startswith("resources in"))
    print(
        f"self-test ok: cost-of-inaction {__version__}: {details} ({elapsed:.1f} s)",
        file=stream,
        flush=True,
    )
    return 0
