"""PyInstaller runtime hook: babel reads its CLDR locale data from one zip archive.

babel keeps one pickle per locale (about 1,150 files, 35 MB) in ``babel/locale-data``. The
bundle must format any locale a case names, so all of them ship, but compressed into
``babel/locale-data.zip`` (LZMA, about 8 MB). This hook, run by the bundle before the app starts,
points babel's three file accesses (``open`` in ``load``, ``exists`` and
``locale_identifiers``) at the archive; a locale is decompressed only when first used.

babel is pinned in constraints.txt; the bundle's self-test formats money in several locales,
so a babel release that changes these functions fails the build, not a rep's laptop.
"""

from __future__ import annotations

import builtins
import functools
import io
import os
import sys
import threading
import zipfile
from typing import Any

ARCHIVE = "locale-data.zip"  # beside the babel package in the bundle


def install(archive: str) -> None:
    """Make babel read locale data from ``archive`` (a zip of ``<locale>.dat`` files)."""
    from babel import localedata

    bundle = zipfile.ZipFile(archive)
    names = frozenset(name[:-4] for name in bundle.namelist() if name.endswith(".dat"))
    folder = os.path.normcase(os.path.abspath(localedata._dirname))
    lock = threading.Lock()

    def open_locale_data(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        path = os.fspath(file)
        if isinstance(path, str) and mode == "rb":
            stem, extension = os.path.splitext(os.path.basename(path))
            here = os.path.normcase(os.path.dirname(os.path.abspath(path)))
            if here == folder and extension == ".dat" and stem in names:
                with lock:
                    return io.BytesIO(bundle.read(stem + ".dat"))
        return builtins.open(file, mode, *args, **kwargs)

    @functools.cache
    def exists(name: str) -> bool:
        if not name or not isinstance(name, str):
            return False
        if name in localedata._cache or os.path.basename(name) in names:
            return True
        return bool(localedata.normalize_locale(name))

    @functools.cache
    def locale_identifiers() -> list[str]:
        return sorted(name for name in names if name != "root")

    localedata.open = open_locale_data  # type: ignore[attr-defined]
    localedata.exists = exists
    localedata.locale_identifiers = locale_identifiers


def _install_in_bundle() -> None:
    base = getattr(sys, "_MEIPASS", None)
    if not base:
        return
    archive = os.path.join(base, "babel", ARCHIVE)
    if os.path.isfile(archive):
        install(archive)


_install_in_bundle()
