"""Team folders: what a team lead gets told when team.toml, the logo or a template is wrong,
and what the app reads from a valid one."""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.errors import CaseError
from calculators.resources import TEAM_DIR_ENV, team_folder
from calculators.team import TeamError, load_team, load_team_defaults
from tests.conftest import ROOT, TEMPLATES

EXAMPLE = ROOT / "packaging" / "team-example"

VALID = """
[team]
company_name = "Acme Sales Tools"
brand_colour = "#aa3300"
disclaimer = "Indicative only."
logo = "logo.png"

[defaults]
locale = "fr-CH"
currency = "chf"
discount_rate = "0.06"
horizon_months = 48

[rep]
email = "sales@acme.example"
"""


def png(width: int, height: int) -> bytes:
    """A real (tiny, grey) PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "team.toml").write_text(VALID, encoding="utf-8")
    (folder / "logo.png").write_bytes(png(40, 20))
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(TeamError) as caught:
        load_team(folder)
    assert isinstance(caught.value, CaseError)  # the CLI and the build print it the same way
    return caught.value.problems


def test_valid_folder_normalises_values(team_dir: Path) -> None:
    team = load_team(team_dir)
    assert team.company_name == "Acme Sales Tools"
    assert team.brand_colour == "#AA3300"
    assert team.defaults.locale == "fr_CH"
    assert team.defaults.currency == "CHF"
    assert team.defaults.discount_rate == Decimal("0.06")
    assert team.defaults.horizon_months == 48
    assert team.logo == (team_dir / "logo.png").resolve()
    assert team.rep.email == "sales@acme.example"
    assert team.templates == ()


def test_settings_defaults_have_the_shape_of_the_apps_settings(team_dir: Path) -> None:
    from desktop.settings import Settings

    sections = load_team(team_dir).settings_defaults()
    settings = Settings.model_validate(sections)  # the app builds its defaults this way
    assert settings.branding.company_name == "Acme Sales Tools"
    assert settings.branding.brand_colour == "#AA3300"
    assert settings.branding.logo_path == str((team_dir / "logo.png").resolve())
    assert settings.defaults.locale == "fr_CH"
    assert settings.defaults.currency == "CHF"
    assert settings.rep.email == "sales@acme.example"
    assert settings.rep.name == ""  # not set by the team: the app's default stays


def test_the_example_team_folder_is_valid() -> None:
    team = load_team(EXAMPLE)
    assert team.company_name
    assert team.logo is not None and team.logo.name == "logo.png"
    assert [t.name for t in team.templates] == ["paper-goods-receipt.coi"]


def test_every_field_problem_is_reported_on_its_own_line(team_dir: Path) -> None:
    (team_dir / "team.toml").write_text(
        """
[team]
company_name = "  "
brand_colour = "red"
slogan = "We sell"

[defaults]
locale = "xx_YY"
currency = "EURO"
discount_rate = 0.08
horizon_months = 0
""",
        encoding="utf-8",
    )
    found = problems(team_dir)
    assert found == [
        "team.toml: team.company_name: must not be empty",
        "team.toml: team.brand_colour: must be a colour like #1B4F72",
        "team.toml: team.slogan: is not a known field",
        "team.toml: defaults.locale: unknown locale 'xx_YY' (use a code like en_US or de_DE)",
        "team.toml: defaults.currency: unknown currency 'EURO' "
        "(use an ISO 4217 code like EUR or USD)",
        'team.toml: defaults.discount_rate: must be a decimal in quotes, like "0.08"',
        "team.toml: defaults.horizon_months: must be >= 1",
    ]
    assert all("\n" not in problem and "http" not in problem for problem in found)


def test_rate_outside_zero_to_one(team_dir: Path) -> None:
    text = VALID.replace('discount_rate = "0.06"', 'discount_rate = "8"')
    (team_dir / "team.toml").write_text(text, encoding="utf-8")
    assert problems(team_dir) == [
        'team.toml: defaults.discount_rate: must be between "0" and "1" (for example "0.08")'
    ]


def test_missing_company_name_and_missing_file(team_dir: Path) -> None:
    (team_dir / "team.toml").write_text("[team]\n", encoding="utf-8")
    assert problems(team_dir) == ["team.toml: team.company_name: is required"]
    (team_dir / "team.toml").unlink()
    assert problems(team_dir) == [f"team.toml: not found in {team_dir}"]


def test_toml_syntax_error_names_line_and_column(team_dir: Path) -> None:
    (team_dir / "team.toml").write_text('[team\ncompany_name = "x"\n', encoding="utf-8")
    (problem,) = problems(team_dir)
    assert problem.startswith("team.toml: not valid TOML: ")
    assert "line 1" in problem


def test_not_a_folder(tmp_path: Path) -> None:
    assert problems(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: not a folder"]


@pytest.mark.parametrize(
    ("logo", "content", "expected"),
    [
        ("missing.png", None, "team.toml: team.logo: file 'missing.png' not found in"),
        ("../logo.png", None, "team.toml: team.logo: must be a file name inside the team folder"),
        ("logo.png", b"GIF89a not a png", "logo.png: not a PNG image"),
        ("logo.png", png(5000, 10), "logo.png: the logo is 5000x10 pixels; it must be at most"),
    ],
)
def test_logo_problems(team_dir: Path, logo: str, content: bytes | None, expected: str) -> None:
    text = VALID.replace('logo = "logo.png"', f'logo = "{logo}"')
    (team_dir / "team.toml").write_text(text, encoding="utf-8")
    if content is not None:
        (team_dir / "logo.png").write_bytes(content)
    (problem,) = problems(team_dir)
    assert problem.startswith(expected), problem


def test_logo_is_optional(team_dir: Path) -> None:
    text = VALID.replace('logo = "logo.png"\n', "")
    (team_dir / "team.toml").write_text(text, encoding="utf-8")
    assert load_team(team_dir).logo is None


def test_templates_are_checked_as_cases(team_dir: Path) -> None:
    templates = team_dir / "templates"
    templates.mkdir()
    good = json.loads((TEMPLATES / "blank.coi").read_text(encoding="utf-8"))
    (templates / "house-template.coi").write_text(json.dumps(good), encoding="utf-8")
    assert [t.name for t in load_team(team_dir).templates] == ["house-template.coi"]

    bad = dict(good, horizon_months=0)
    (templates / "broken.coi").write_text(json.dumps(bad), encoding="utf-8")
    shutil.copy(TEMPLATES / "blank.coi", templates / "blank.coi")
    (templates / "notes.txt").write_text("not a template", encoding="utf-8")
    found = problems(team_dir)
    assert "templates: only .coi files belong here, found notes.txt" in found
    assert "templates/blank.coi: a built-in template has this name; rename the file" in found
    broken = [p for p in found if "broken.coi" in p]
    assert broken and "horizon_months: must be >= 1" in broken[0]


def test_load_team_defaults_reads_the_folder_named_by_the_environment(
    team_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TEAM_DIR_ENV, str(team_dir))
    assert team_folder() == team_dir
    team = load_team_defaults()
    assert team is not None and team.company_name == "Acme Sales Tools"


def test_load_team_defaults_without_team_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TEAM_DIR_ENV, raising=False)
    # A checkout has no resources/team: the app runs with its own defaults.
    assert not (ROOT / "resources" / "team").exists()
    assert load_team_defaults() is None


def test_broken_installed_team_is_ignored_by_the_app_but_fails_the_self_test(
    team_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (team_dir / "team.toml").write_text('[team]\ncompany_name = ""\n', encoding="utf-8")
    monkeypatch.setenv(TEAM_DIR_ENV, str(team_dir))
    assert load_team_defaults() is None
    assert "team settings ignored: team.toml: team.company_name: must not be empty" in caplog.text
    with pytest.raises(TeamError):
        load_team_defaults(strict=True)
