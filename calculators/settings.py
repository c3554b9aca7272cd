"""Settings declared once: the rep's profile, the branding of the PDF, defaults for new cases.

The app's preferences (``desktop/settings.py``), a team folder's ``team.toml``
(``calculators/team.py``) and the report's branding all use these models and limits; they
differ only in strictness, set by subclass configuration (``STRICT`` for files a team lead
writes, ``TOLERANT`` for the app's stored settings, where an unknown key is ignored).

Every limit is one constant here, used both as a field bound and in messages; code that needs
a bound of a model field (a spin box's range, the team file's horizon) reads it from the field
with :func:`field_bounds` instead of repeating the number.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from calculators.formatting import FormatError, normalise_currency, normalise_locale, parse_locale
from calculators.i18n import _

TOLERANT = ConfigDict(frozen=True, extra="ignore")
STRICT = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

MAX_NAME_CHARS = 200  # a company or person's name, an email address
MAX_PHONE_CHARS = 100
MAX_DISCLAIMER_CHARS = 2000
DEFAULT_BRAND_COLOUR = "#1B4F72"  # the report's colour when nobody chose one
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# The logo printed on the PDF (a team's logo, the rep's own): checked where it is read.
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4096
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"


def field_bounds(model: type[BaseModel], name: str) -> tuple[int, int]:
    """The inclusive (low, high) bounds declared on an integer field of ``model``."""
    low: int | None = None
    high: int | None = None
    for item in model.model_fields[name].metadata:  # annotated_types Ge, Gt, Le, Lt
        if getattr(item, "ge", None) is not None:
            low = int(item.ge)
        elif getattr(item, "gt", None) is not None:
            low = int(item.gt) + 1
        elif getattr(item, "le", None) is not None:
            high = int(item.le)
        elif getattr(item, "lt", None) is not None:
            high = int(item.lt) - 1
    if low is None or high is None:
        raise ValueError(f"{model.__name__}.{name} declares no lower and upper bound")
    return low, high


def _colour(value: str) -> str:
    if not _COLOUR.match(value.strip()):
        raise ValueError(_("must be a colour like {example}").format(example=DEFAULT_BRAND_COLOUR))
    return value.strip().upper()


def _language(value: str) -> str:
    if value:
        try:
            parse_locale(value)
        except FormatError as exc:
            raise ValueError(str(exc)) from None
    return value.replace("-", "_")


def _path_text(value: Any) -> Any:
    return os.fspath(value) if isinstance(value, os.PathLike) else value


BrandColour = Annotated[str, AfterValidator(_colour)]
"""``#RRGGBB``, stored in upper case."""
CompanyName = Annotated[str, Field(max_length=MAX_NAME_CHARS)]
Disclaimer = Annotated[str, Field(max_length=MAX_DISCLAIMER_CHARS)]
UiLanguage = Annotated[str, AfterValidator(_language)]
"""A language code such as "de" or "pt_BR"; "" is the operating system's language."""


class RepProfile(BaseModel):
    """Who prepares the cases; fills the seller fields of new cases."""

    model_config = TOLERANT
    name: str = Field(default="", max_length=MAX_NAME_CHARS)
    email: str = Field(default="", max_length=MAX_NAME_CHARS)
    phone: str = Field(default="", max_length=MAX_PHONE_CHARS)


class Branding(BaseModel):
    """How the PDF presents the seller's company: name, logo, colour and disclaimer.

    ``logo_path`` is a file name ("" for none; a ``Path`` is accepted); the logo itself is
    checked where it is read (size, :data:`MAX_LOGO_BYTES`; image type).
    """

    model_config = TOLERANT
    company_name: CompanyName = ""
    logo_path: Annotated[str, BeforeValidator(_path_text)] = ""
    brand_colour: BrandColour = DEFAULT_BRAND_COLOUR
    disclaimer: Disclaimer = ""


class CaseDefaults(BaseModel):
    """Locale and currency of new cases."""

    model_config = TOLERANT
    locale: str = "en_US"
    currency: str = "USD"

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        return normalise_locale(value)

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        return normalise_currency(value)


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR chunk; None if ``data`` is not a PNG."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def logo_size_problem(file: object, size: int) -> str | None:
    """The message for a logo file of ``size`` bytes that is too large, else None."""
    if size <= MAX_LOGO_BYTES:
        return None
    return _("{file}: the logo is larger than {size} MiB").format(
        file=file, size=MAX_LOGO_BYTES // (1024 * 1024)
    )


def logo_pixels_problem(file: object, width: int, height: int) -> str | None:
    """The message for a logo image that is empty or too large in pixels, else None."""
    if 0 < width <= MAX_LOGO_PIXELS and 0 < height <= MAX_LOGO_PIXELS:
        return None
    return _(
        "{file}: the logo is {width}x{height} pixels; it must be at most {limit}x{limit}"
    ).format(file=file, width=width, height=height, limit=MAX_LOGO_PIXELS)


Confidence = Literal["low", "medium", "high"]  # as calculators.inputs.Confidence
Score = Annotated[int, Field(ge=0, le=2, strict=True)]  # 0 unknown, 1 claimed, 2 confirmed


class QualificationThresholds(BaseModel):
    """The adjustable thresholds of the qualification (docs/simulation.md, "Qualification").

    A team's ``team.toml`` may set any of them in a ``[qualification]`` table
    (``calculators.team``); the ``min_*_score`` keys ask for an element of the deal to be
    at least claimed by us (1) or confirmed by the buyer (2) before the verdict is strong.
    """

    model_config = TOLERANT
    min_deadline_share: Decimal = Field(default=Decimal("0.25"), ge=0)  # of the investment
    min_horizon_cost: Decimal = Field(default=Decimal("50000"), ge=0)  # without an investment
    min_evidenced_share: Decimal = Field(default=Decimal("0.5"), ge=0, le=1)
    confidences: tuple[Confidence, ...] = ("medium", "high")  # what counts as backed
    max_payback_months: int | None = Field(default=None, ge=1, le=600)  # None: the horizon
    min_event_score: Score = 0
    min_economic_buyer_score: Score = 0
    min_champion_score: Score = 0
    min_decision_process_score: Score = 0
    min_paper_process_score: Score = 0

    def min_score(self, element: str) -> int:
        """The minimum score asked of ``element`` ("economic_buyer", ...)."""
        return int(getattr(self, f"min_{element.removeprefix('compelling_')}_score"))
