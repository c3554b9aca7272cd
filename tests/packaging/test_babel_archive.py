"""babel's locale data as one compressed archive, read through the bundle's runtime hook."""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import babel
import bundle_rules as rules
import pytest
from babel import localedata

from calculators.formatting import Formatter, parse_locale
from tests.conftest import ROOT

LOCALE_DATA = Path(babel.__file__).parent / "locale-data"
SUBSET = ("root", "en", "en_US", "de", "de_CH", "ja", "ja_JP", "ar", "ar_EG")
HOOK = ROOT / "packaging" / "rthook_babel_archive.py"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("locale-data")
    for name in SUBSET:
        (source / f"{name}.dat").write_bytes((LOCALE_DATA / f"{name}.dat").read_bytes())
    output = tmp_path_factory.mktemp("bundle") / "locale-data.zip"
    rules.write_locale_archive(source, output)
    return output


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rthook_babel_archive", HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # outside a bundle it installs nothing by itself
    return module


CASES = (("de_CH", "CHF"), ("ja_JP", "JPY"), ("en_US", "USD"), ("ar_EG", "EGP"))
AMOUNT = Decimal("1234567.891")


def formatted() -> list[tuple[str, str, str]]:
    today = dt.date(2027, 3, 14)
    return [
        (Formatter(loc, cur).money(AMOUNT), Formatter(loc, cur).percent(Decimal("0.125")),
         Formatter(loc, cur).date(today))
        for loc, cur in CASES
    ]  # fmt: skip


@pytest.fixture(scope="module")
def from_files() -> list[tuple[str, str, str]]:
    return formatted()


@pytest.fixture
def hooked(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """babel as the bundle sees it: no locale-data folder, only the archive."""
    empty = tmp_path / "locale-data"
    empty.mkdir()
    for name in ("exists", "locale_identifiers"):
        monkeypatch.setattr(localedata, name, getattr(localedata, name))
    monkeypatch.setattr(localedata, "open", open, raising=False)
    monkeypatch.setattr(localedata, "_dirname", str(empty))
    monkeypatch.setattr(localedata, "_cache", {})
    monkeypatch.setattr(localedata, "_dict_cache", {}, raising=False)
    parse_locale.cache_clear()
    load_hook().install(str(archive))
    yield
    parse_locale.cache_clear()


def test_archive_is_sorted_lzma_with_fixed_dates(archive: Path) -> None:
    with zipfile.ZipFile(archive) as opened:
        infos = opened.infolist()
    assert [info.filename for info in infos] == sorted(f"{name}.dat" for name in SUBSET)
    assert {info.compress_type for info in infos} == {zipfile.ZIP_LZMA}
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_archive_drops_the_unused_cldr_keys(archive: Path) -> None:
    import pickle

    with zipfile.ZipFile(archive) as opened:
        data = pickle.loads(opened.read("de.dat"))
    assert not rules.CLDR_KEYS_DROPPED & set(data)
    assert {"currency_formats", "number_symbols", "months", "languages"} <= set(data)


def test_formatting_from_the_archive_matches_the_files(
    from_files: list[tuple[str, str, str]], hooked: None
) -> None:
    assert formatted() == from_files
    assert localedata._cache, "nothing was read through the archive"


def test_locales_outside_the_archive_are_unknown(hooked: None) -> None:
    assert localedata.exists("de_CH")
    assert not localedata.exists("fr_FR")
    assert "ja_JP" in localedata.locale_identifiers()
    assert "root" not in localedata.locale_identifiers()
    with pytest.raises(babel.UnknownLocaleError):
        babel.Locale.parse("fr_FR")


def test_the_hook_does_nothing_outside_a_bundle() -> None:
    before = localedata.open if hasattr(localedata, "open") else None
    load_hook()
    assert (localedata.open if hasattr(localedata, "open") else None) is before


BABEL_API_ALLOWED = {
    # These read number, currency and date data only, all kept in the archive.
    "babel",
    "babel.Locale",
    "babel.UnknownLocaleError",
    "babel.dates.format_date",
    "babel.numbers.format_compact_currency",
    "babel.numbers.format_currency",
    "babel.numbers.format_decimal",
    "babel.numbers.format_percent",
    "babel.numbers.get_currency_precision",
    "babel.numbers.list_currencies",
    "babel.numbers.get_currency_symbol",
    "babel.numbers.get_decimal_symbol",
    "babel.numbers.get_group_symbol",
}


def test_the_project_uses_no_babel_function_that_needs_the_dropped_data() -> None:
    """Time-zone names and unit patterns are not in the bundle: a new use of babel must be
    checked against CLDR_KEYS_DROPPED (format_timedelta, format_unit, get_timezone_name and
    format_datetime with zone names would fail there) and then added here."""
    used = set()
    for path in [*(ROOT / "calculators").rglob("*.py"), *(ROOT / "desktop").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("babel"):
                used.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                used.update(a.name for a in node.names if a.name.startswith("babel"))
    assert used, "the project stopped using babel?"
    assert used <= BABEL_API_ALLOWED, sorted(used - BABEL_API_ALLOWED)
