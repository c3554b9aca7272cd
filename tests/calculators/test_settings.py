"""Settings declared once (calculators/settings.py): the app, the team file and the report
share the models, and every limit is one declaration that the others read."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, Field, ValidationError

from calculators import settings
from calculators.settings import Branding, field_bounds, logo_pixels_problem, logo_size_problem


def test_branding_has_the_reports_field_names_and_accepts_a_path(tmp_path: Path) -> None:
    branding = Branding(logo_path=tmp_path / "logo.png", brand_colour=" #aa3300 ")
    assert branding.logo_path == str(tmp_path / "logo.png")
    assert branding.brand_colour == "#AA3300"
    assert set(Branding.model_fields) == {"company_name", "logo_path", "brand_colour", "disclaimer"}
    with pytest.raises(ValidationError, match="must be a colour like #1B4F72"):
        Branding(brand_colour="red")


def test_the_app_tolerates_unknown_keys_the_team_file_does_not() -> None:
    from calculators.team import RepDefaults

    assert settings.RepProfile.model_validate({"name": "Max", "fax": "1"}).name == "Max"
    with pytest.raises(ValidationError):
        RepDefaults.model_validate({"name": "Max", "fax": "1"})


def test_field_bounds_read_the_declaration() -> None:
    class Sample(BaseModel):
        closed: int = Field(default=1, ge=1, le=9)
        open_: int = Field(default=1, gt=0, lt=10)
        free: int = 0

    assert field_bounds(Sample, "closed") == (1, 9)
    assert field_bounds(Sample, "open_") == (1, 9)
    with pytest.raises(ValueError, match="no lower and upper bound"):
        field_bounds(Sample, "free")


def test_the_team_horizon_is_bounded_by_the_case_model() -> None:
    from calculators.case_fields import case_field
    from calculators.team import CaseDefaults

    spec = case_field("horizon_months")
    assert field_bounds(CaseDefaults, "horizon_months") == (spec.minimum, spec.maximum)


def test_logo_limits() -> None:
    assert logo_size_problem("logo.png", settings.MAX_LOGO_BYTES) is None
    assert logo_size_problem("logo.png", settings.MAX_LOGO_BYTES + 1) == (
        "logo.png: the logo is larger than 2 MiB"
    )
    limit = settings.MAX_LOGO_PIXELS
    assert logo_pixels_problem("logo.png", limit, limit) is None
    assert logo_pixels_problem("logo.png", 0, 10) is not None
    assert logo_pixels_problem("logo.png", limit + 1, 10) == (
        f"logo.png: the logo is {limit + 1}x10 pixels; it must be at most {limit}x{limit}"
    )
