"""gettext catalogs: complete, not fuzzy, same placeholders, compiled, and up to date."""

from __future__ import annotations

import gettext
import logging
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from calculators.i18n import _, language, translation
from tests.conftest import ROOT

LOCALE_DIR = ROOT / "resources" / "locale"
LANGUAGES = ("de", "fr", "es", "ja")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "tr": None}
PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*(?:[:!][^{}]*)?\}")


def catalog_path(code: str, suffix: str = "po") -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"coi.{suffix}"


def source_messages() -> set[str]:
    found: set[str] = set()
    for folder in ("calculators", "desktop"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, keywords=KEYWORDS, comment_tags=()
        ):
            if isinstance(message, tuple):
                found.update(m for m in message if m)
            elif message:
                found.add(message)
    return found


def placeholders(text: str) -> set[str]:
    return {re.sub(r"[:!].*", "}", p) for p in PLACEHOLDER.findall(text)}


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_is_complete_and_consistent(code: str) -> None:
    with catalog_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {ids[0]!r}")
        if not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = placeholders(ids[-1]) | placeholders(ids[0])
        for text in strings:
            if placeholders(text) - wanted or (
                len(ids) == 1 and placeholders(text) != placeholders(ids[0])
            ):
                problems.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    assert problems == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_covers_every_string_in_the_source(code: str) -> None:
    with catalog_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code)
    known = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        known.update(ids)
    missing = sorted(source_messages() - known)
    assert missing == [], "run: python3 dev.py i18n, then translate"


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalog_matches_its_source(code: str) -> None:
    with catalog_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code)
    with catalog_path(code, "mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue
        assert compiled.gettext(message.id) == message.string, "run: python3 dev.py i18n"


@pytest.mark.parametrize("code", LANGUAGES)
def test_language_switch_translates_at_the_point_of_use(code: str) -> None:
    with language(code):
        translated = _("Executive summary")
    assert translated and translated != "Executive summary"
    assert _("Executive summary") == "Executive summary"


def test_missing_catalog_warns_and_falls_back_to_english(caplog: pytest.LogCaptureFixture) -> None:
    translation.cache_clear()
    with caplog.at_level(logging.WARNING, logger="calculators.i18n"), language("sw"):
        assert _("Executive summary") == "Executive summary"
    assert any("falling back to English" in r.getMessage() for r in caplog.records)


def test_broken_catalog_warns_and_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "locale" / "de" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / "coi.mo").write_bytes(b"this is not a catalog")
    (tmp_path / "examples").mkdir()
    monkeypatch.setenv("COI_RESOURCES", str(tmp_path))
    from calculators import resources

    resources.resources_root.cache_clear()
    translation.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="calculators.i18n"), language("de"):
            assert _("Executive summary") == "Executive summary"
        assert any("falling back to English" in r.getMessage() for r in caplog.records)
    finally:
        monkeypatch.delenv("COI_RESOURCES")
        resources.resources_root.cache_clear()
        translation.cache_clear()


def test_plural_forms_follow_the_language() -> None:
    with catalog_path("de").open("rb") as handle:
        catalog = read_po(handle, locale="de")
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert plurals, "counts shown to people use ngettext"
    german = translation("de")
    singular, plural = plurals[0].id
    assert german.ngettext(singular, plural, 1) == plurals[0].string[0]
    assert german.ngettext(singular, plural, 5) == plurals[0].string[1]
