"""The one resource locator: real paths for fonts, catalogs, templates, examples and icons.

It works from a source checkout, an installed wheel (resources shipped beside the packages
under ``share/cost-of-inaction``) and a PyInstaller bundle (``sys._MEIPASS``). Set
``COI_RESOURCES`` to point at another folder (tests, team builds).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path


def _candidates() -> list[Path]:
    found: list[Path] = []
    override = os.environ.get("COI_RESOURCES")
    if override:
        found.append(Path(override))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    found.append(Path(__file__).resolve().parent.parent / "resources")
    found.append(Path(sys.prefix) / "share" / "cost-of-inaction" / "resources")
    return found


@lru_cache(maxsize=1)
def resources_root() -> Path:
    for candidate in _candidates():
        if (candidate / "examples").is_dir():
            return candidate
    tried = ", ".join(str(p) for p in _candidates())
    raise FileNotFoundError(f"resources folder not found (looked in {tried})")


def resource_path(*parts: str) -> Path:
    """Path of a resource below the resources folder, e.g. ``resource_path("fonts")``."""
    return resources_root().joinpath(*parts)


TEAM_FILE = "team.toml"
# team.toml is small; a larger file is refused before it is read.
MAX_TEAM_FILE_BYTES = 64 * 1024
TEAM_DIR_ENV = "COI_TEAM_DIR"  # points the app at a team folder outside the bundle (testing)


def team_folder() -> Path | None:
    """The team folder the app uses: ``$COI_TEAM_DIR``, else the bundle's ``resources/team``.

    Kept here, beside the resource locator, so the app can look for it before the first frame
    without importing the settings models (``calculators.team`` validates the folder).
    """
    override = os.environ.get(TEAM_DIR_ENV)
    if override:
        return Path(override)
    try:
        folder = resource_path("team")
    except FileNotFoundError:
        return None
    return folder if (folder / TEAM_FILE).is_file() else None
