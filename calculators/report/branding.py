"""Checks of the seller's branding (``calculators.settings.Branding``) and the logo image."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image

from calculators.errors import CaseError
from calculators.files import FileReadError, FileTooLarge, read_capped
from calculators.i18n import _
from calculators.report.theme import parse_colour
from calculators.settings import (
    DEFAULT_BRAND_COLOUR,
    JPEG_SIGNATURE,
    MAX_LOGO_BYTES,
    PNG_SIGNATURE,
    Branding,
    logo_pixels_problem,
    logo_size_problem,
    png_size,
)


def _read_logo(file: Path) -> bytes:
    """The logo's bytes: a regular file of at most MAX_LOGO_BYTES (never a FIFO or device)."""
    try:
        return read_capped(file, MAX_LOGO_BYTES)
    except FileTooLarge as exc:
        raise CaseError([logo_size_problem(file, exc.size) or f"{file}: {exc.reason}"]) from None
    except FileReadError as exc:
        if exc.kind == "missing":
            raise CaseError([_("{file}: no such file (logo)").format(file=file)]) from None
        raise CaseError(
            [_("{file}: cannot read the logo ({reason})").format(file=file, reason=exc.reason)]
        ) from None


def load_logo(path: str | Path) -> Image:
    """The logo as an image flowable at most 48 × 16 mm; CaseError unless a real PNG/JPEG."""
    file = Path(path)
    data = _read_logo(file)
    if not data.startswith((PNG_SIGNATURE, JPEG_SIGNATURE)):
        raise CaseError([_("{file}: the logo must be a PNG or JPEG image").format(file=file)])
    header = png_size(data)
    if header is not None:  # refuse a huge PNG before any image library opens it
        too_many_pixels = logo_pixels_problem(file, *header)
        if too_many_pixels:
            raise CaseError([too_many_pixels])
    try:
        with warnings.catch_warnings():
            # PIL warns about large images when it reads the header; the pixel cap below
            # refuses them with our own message.
            warnings.simplefilter("ignore")
            reader = ImageReader(io.BytesIO(data))
            width, height = reader.getSize()
    except Exception:  # reportlab/PIL raise many kinds for a broken image
        raise CaseError(
            [_("{file}: the logo is not a readable PNG or JPEG image").format(file=file)]
        ) from None
    if width <= 0 or height <= 0:
        raise CaseError([_("{file}: the logo is empty").format(file=file)])
    # A 12000 x 12000 logo would cost seconds and a gigabyte on every page: refused.
    too_many_pixels = logo_pixels_problem(file, width, height)
    if too_many_pixels:
        raise CaseError([too_many_pixels])
    max_w, max_h = 48 * mm, 16 * mm
    scale = min(max_w / width, max_h / height)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def check_branding(branding: Branding) -> None:
    """Raise CaseError for a brand colour or logo the report cannot use.

    Called before the report switches to the buyer's language, so that the message is in
    the language of the person rendering it.
    """
    check_colour(branding.brand_colour)
    if branding.logo_path:
        load_logo(branding.logo_path)


def check_colour(colour: str | None) -> None:
    if colour is not None and parse_colour(colour) is None:
        raise CaseError(
            [
                _("brand colour: {value} is not a colour like {example}").format(
                    value=repr(colour[:40]), example=DEFAULT_BRAND_COLOUR
                )
            ]
        )
