"""Recalculating a workbook in LibreOffice, headless, as a finance team's spreadsheet would.

The profile forces a hard recalculation on load (``OOXMLRecalcMode`` 0 = always), so the
values read back are LibreOffice's own, never the cached values the workbook was written
with. CI installs LibreOffice Calc (``.ci/apt-packages``: libreoffice-calc-nogui) and sets
``COI_REQUIRE_LIBREOFFICE=1`` (``.ci/run``): there the tests fail rather than skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str:
    """The soffice binary, or skip (fail where LibreOffice is required)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("COI_REQUIRE_LIBREOFFICE") or os.environ.get("CI"):
            pytest.fail(
                "LibreOffice (soffice) is required here: apt-get install libreoffice-calc-nogui"
            )
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
        )
    return found


def recalculate(files: Sequence[Path], folder: Path) -> dict[Path, Path]:
    """Each workbook opened (hard recalculation) and saved again as .xlsx into ``folder``."""
    binary = soffice()
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    out = folder / "recalculated"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    result = {f: out / f.name for f in files}
    missing = [str(f) for f, r in result.items() if not r.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return result
