"""Team customisation: a folder with ``team.toml``, a logo and extra templates.

A team lead builds the installer with ``python3 dev.py installer --team DIR``; the folder is
validated at build time (every problem one line, ``team.toml: defaults.currency: ...``) and
baked into the bundle as ``resources/team/``. At run time :func:`load_team_defaults` returns
the team's settings, which the app uses as the defaults that a rep's own settings override.

``team.toml``::

    [team]
    company_name = "Northwind Software GmbH"    # required
    brand_colour = "#0B6E4F"                     # #RRGGBB
    disclaimer = "Estimates based on ..."       # printed at the foot of the PDF
    logo = "logo.png"                            # PNG in the team folder (optional)
    ui_language = "de"                           # optional; "" = the system's language

    [defaults]                                   # new cases
    locale = "de_DE"
    currency = "EUR"
    discount_rate = "0.08"                       # a decimal in quotes
    horizon_months = 36

    [rep]                                        # what each rep's profile starts with
    email = "sales@northwind.example"
    phone = "+49 30 1234567"

    [qualification]                              # the verdict's thresholds (optional)
    min_evidenced_share = "0.6"                  # decimals in quotes
    max_payback_months = 18
    min_economic_buyer_score = 2                 # 0 unknown, 1 claimed, 2 confirmed

Extra templates are ``templates/*.coi`` in the folder; each must load as a case and must not
reuse the name of a built-in template.
"""

from __future__ import annotations

import logging
import os
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from calculators import settings
from calculators.case_fields import case_field
from calculators.errors import CaseError, problems_from_validation
from calculators.files import FileReadError, FileTooLarge, inside, read_capped
from calculators.i18n import _, ngettext
from calculators.numbers import parse_decimal
from calculators.resources import MAX_TEAM_FILE_BYTES, TEAM_FILE, resource_path, team_folder
from calculators.settings import (
    DEFAULT_BRAND_COLOUR,
    STRICT,
    BrandColour,
    Branding,
    CompanyName,
    Disclaimer,
    UiLanguage,
    logo_pixels_problem,
    logo_size_problem,
)

log = logging.getLogger(__name__)
ModelT = TypeVar("ModelT", bound=BaseModel)

MAX_TEMPLATES = 100
# A team's default horizon is a case's horizon: the case model's bounds.
_HORIZON = case_field("horizon_months")
_MIN_HORIZON, _MAX_HORIZON = int(_HORIZON.minimum or 1), int(_HORIZON.maximum or 1)


class TeamError(CaseError):
    """A problem with a team folder; ``problems`` are one line each, naming the file/field."""


def _no_float(value: object) -> object:
    if isinstance(value, float):
        raise ValueError(_('must be a decimal in quotes, like "{value}"').format(value=value))
    # The same rule as a number in a case file (digits, places, magnitude; ASCII only).
    return parse_decimal(value)


DecimalText = Annotated[Decimal, BeforeValidator(_no_float)]


class TeamInfo(BaseModel):
    """The ``[team]`` table: the branding (with the logo as a file in the folder) and language."""

    model_config = STRICT
    company_name: Annotated[CompanyName, Field(min_length=1)]  # required in a team file
    brand_colour: BrandColour = DEFAULT_BRAND_COLOUR
    disclaimer: Disclaimer = ""
    logo: str = ""
    ui_language: UiLanguage = ""


class CaseDefaults(settings.CaseDefaults):
    """The ``[defaults]`` table: the app's defaults for new cases, and case fields."""

    model_config = STRICT
    discount_rate: DecimalText | None = None
    horizon_months: int | None = Field(default=None, ge=_MIN_HORIZON, le=_MAX_HORIZON, strict=True)

    @field_validator("discount_rate")
    @classmethod
    def _rate(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and not (value.is_finite() and 0 <= value <= 1):
            raise ValueError(
                _("must be between {low} and {high} (for example {example})").format(
                    low='"0"', high='"1"', example='"0.08"'
                )
            )
        return value


class RepDefaults(settings.RepProfile):
    """The ``[rep]`` table: what each rep's profile starts with."""

    model_config = STRICT


class QualificationTable(settings.QualificationThresholds):
    """The ``[qualification]`` table: the thresholds of the qualification's verdict."""

    model_config = STRICT

    @model_validator(mode="before")
    @classmethod
    def _decimals_in_quotes(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key, value in data.items():
                if isinstance(value, float):
                    message = _('must be a decimal in quotes, like "{value}"').format(value=value)
                    raise ValueError(f"{key}: {message}")
        return data


class TeamFile(BaseModel):
    """The contents of ``team.toml``."""

    model_config = STRICT
    team: TeamInfo
    defaults: CaseDefaults = CaseDefaults()
    rep: RepDefaults = RepDefaults()
    qualification: QualificationTable = QualificationTable()


class Team(BaseModel):
    """A validated team folder."""

    model_config = STRICT
    folder: Path
    branding: Branding  # its logo_path is the checked logo in the folder, or ""
    ui_language: str
    defaults: CaseDefaults
    rep: RepDefaults
    qualification: QualificationTable = QualificationTable()
    templates: tuple[Path, ...] = ()

    @property
    def company_name(self) -> str:
        return self.branding.company_name

    @property
    def brand_colour(self) -> str:
        return self.branding.brand_colour

    @property
    def disclaimer(self) -> str:
        return self.branding.disclaimer

    @property
    def logo(self) -> Path | None:
        return Path(self.branding.logo_path) if self.branding.logo_path else None

    def settings_defaults(self) -> dict[str, dict[str, str]]:
        """The team's values shaped like the app's settings sections (plain strings).

        ``{"branding": {...}, "defaults": {...}, "rep": {...}, "app": {...}}``; the app
        builds its default settings from this, and a rep's stored settings override it.
        """
        app_defaults = settings.CaseDefaults.model_fields
        return {
            "branding": self.branding.model_dump(),
            "defaults": {key: getattr(self.defaults, key) for key in app_defaults},
            "rep": {key: value for key, value in self.rep.model_dump().items() if value},
            "app": {"ui_language": self.ui_language} if self.ui_language else {},
        }


def _outside(name: str) -> str:
    return _("{name} is a link to a file outside the team folder; copy the file in").format(
        name=repr(name)
    )


def _check_logo(
    folder: Path, name: str, where: str = f"{TEAM_FILE}: team.logo"
) -> tuple[Path | None, list[str]]:
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        message = _("must be a file name inside the team folder, not {name}").format(
            name=repr(name)
        )
        return None, [f"{where}: {message}"]
    path = folder / relative
    if not path.is_file():
        message = _("file {name} not found in {folder}").format(name=repr(name), folder=folder)
        return None, [f"{where}: {message}"]
    if not inside(folder, path):
        return None, [f"{where}: {_outside(name)}"]
    try:
        data = read_capped(path, settings.MAX_LOGO_BYTES)
    except FileTooLarge as exc:
        return None, [logo_size_problem(name, exc.size) or f"{name}: {exc.reason}"]
    except FileReadError as exc:
        return None, [f"{where}: {name}: {exc.reason}"]
    dimensions = settings.png_size(data)
    if dimensions is None:
        return None, [_("{file}: not a PNG image (the logo must be a .png file)").format(file=name)]
    too_many_pixels = logo_pixels_problem(name, *dimensions)
    if too_many_pixels:
        return None, [too_many_pixels]
    return path.resolve(), []


def _builtin_template_names() -> set[str]:
    try:
        return {path.stem for path in resource_path("templates").glob("*.coi")}
    except FileNotFoundError:
        return set()


def _check_templates(folder: Path, builtin: set[str]) -> tuple[tuple[Path, ...], list[str]]:
    from calculators.storage import load  # storage imports the whole model: load it lazily

    base = folder / "templates"
    if not base.exists():
        return (), []
    if not base.is_dir():
        return (), ["templates: " + _("must be a folder of .coi files")]
    if not inside(folder, base):
        return (), [f"templates: {_outside('templates')}"]
    problems: list[str] = []
    found = sorted(base.iterdir())
    others = [p.name for p in found if p.suffix != ".coi" and not p.name.startswith(".")]
    if others:
        found_text = _("only .coi files belong here, found {files}").format(files=", ".join(others))
        problems.append(f"templates: {found_text}")
    templates = tuple(p for p in found if p.suffix == ".coi" and p.is_file())
    if len(templates) > MAX_TEMPLATES:
        too_many = ngettext(
            "at most {limit} template, found {count}",
            "at most {limit} templates, found {count}",
            MAX_TEMPLATES,
        ).format(limit=MAX_TEMPLATES, count=len(templates))
        problems.append(f"templates: {too_many}")
    for path in templates:
        where = f"templates/{path.name}"
        if path.stem in builtin:
            problems.append(f"{where}: " + _("a built-in template has this name; rename the file"))
            continue
        if not inside(folder, path):
            problems.append(f"{where}: {_outside(path.name)}")
            continue
        try:
            load(path)
        except CaseError as exc:
            problems.extend(
                p if p.startswith(str(path)) else f"{where}: {p}" for p in exc.problems[:5]
            )
    return templates, problems


def _read_toml(path: Path, label: str) -> dict[str, Any]:
    """The TOML table in ``path``; TeamError naming ``label`` when it cannot be read."""
    try:
        text = read_capped(path, MAX_TEAM_FILE_BYTES).decode("utf-8")
        data: dict[str, Any] = tomllib.loads(text)
    except FileTooLarge:
        message = _("larger than {size} KiB").format(size=MAX_TEAM_FILE_BYTES // 1024)
        raise TeamError([f"{label}: {message}"]) from None
    except FileReadError as exc:
        if exc.kind == "missing":
            message = _("not found in {folder}").format(folder=path.parent)
        else:
            message = _("cannot be read ({reason})").format(reason=exc.reason)
        raise TeamError([f"{label}: {message}"]) from None
    except UnicodeDecodeError:
        raise TeamError([f"{label}: " + _("not UTF-8 text")]) from None
    except tomllib.TOMLDecodeError as exc:
        message = _("not valid TOML: {reason}").format(reason=exc)
        raise TeamError([f"{label}: {message}"]) from None
    except RecursionError:
        message = _("not valid TOML: {reason}").format(reason=_("nested too deeply"))
        raise TeamError([f"{label}: {message}"]) from None
    except ValueError:  # e.g. an integer of thousands of digits
        message = _("not valid TOML: {reason}").format(reason=_("a number is too long"))
        raise TeamError([f"{label}: {message}"]) from None
    return data


def _validate(model: type[ModelT], data: dict[str, Any], label: str) -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{label}: " + problem.replace(": value error, ", ": ", 1)
            for problem in problems_from_validation(exc)
        ]
        raise TeamError(problems) from None


def read_team_file(path: Path) -> TeamFile:
    """Parse and validate one ``team.toml``; raises TeamError."""
    return _validate(TeamFile, _read_toml(path, TEAM_FILE), TEAM_FILE)


def read_branding_file(path: Path) -> Branding:
    """The branding in a TOML file with the team file's branding keys (``company_name``,
    ``brand_colour``, ``disclaimer``, ``logo``), at the top level or in a ``[team]`` table
    (so a team.toml works too); the logo is a PNG file beside it. Raises TeamError."""
    label = str(path)
    data = _read_toml(path, label)
    table = data.get("team", data)
    if not isinstance(table, dict):
        raise TeamError([f"{label}: team: " + _("must be a table")])
    info = _validate(TeamInfo, table, label)
    logo: Path | None = None
    if info.logo:
        logo, problems = _check_logo(path.parent, info.logo, f"{label}: logo")
        if problems:
            raise TeamError(problems)
    return _branding(info, logo)


def _branding(info: TeamInfo, logo: Path | None) -> Branding:
    return Branding(
        company_name=info.company_name,
        logo_path=logo or "",
        brand_colour=info.brand_colour,
        disclaimer=info.disclaimer,
    )


def load_team(folder: str | os.PathLike[str], *, check_templates: bool = True) -> Team:
    """Validate a team folder; raises TeamError listing every problem found."""
    base = Path(folder)
    if not base.is_dir():
        raise TeamError([_("{path}: not a folder").format(path=base)])
    parsed = read_team_file(base / TEAM_FILE)
    problems: list[str] = []
    logo: Path | None = None
    if parsed.team.logo:
        logo, logo_problems = _check_logo(base, parsed.team.logo)
        problems.extend(logo_problems)
    templates: tuple[Path, ...] = ()
    if check_templates:
        templates, template_problems = _check_templates(base, _builtin_template_names())
        problems.extend(template_problems)
    if problems:
        raise TeamError(problems)
    branding = _branding(parsed.team, logo)
    return Team(
        folder=base.resolve(),
        branding=branding,
        ui_language=parsed.team.ui_language,
        defaults=parsed.defaults,
        rep=parsed.rep,
        qualification=parsed.qualification,
        templates=templates,
    )


def load_team_defaults(*, strict: bool = False) -> Team | None:
    """The team's settings baked into this installation, or None when there are none.

    The app calls this once at start-up and uses the result as the defaults under the rep's
    own settings. A broken team folder (only possible if someone edits an installed bundle)
    is logged and ignored, unless ``strict`` (the self-test), which raises TeamError.
    Team templates are copied into ``resources/templates`` at build time, so they are not
    checked again here.
    """
    folder = team_folder()
    if folder is None:
        return None
    try:
        return load_team(folder, check_templates=False)
    except TeamError as exc:
        if strict:
            raise
        log.error("team settings ignored: %s", exc)
        return None
