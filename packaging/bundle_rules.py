"""What goes into the bundle: plain decisions over PyInstaller's table of contents.

PyInstaller's analysis finds every module, shared library and data file the two entry
scripts can reach; most of it is never used by this app (Qt plugins for kiosks and VNC,
translations of Qt Designer, GTK through the GTK theme plugin, X11 libraries that every
desktop already has). The spec file (``cost-of-inaction.spec``) passes the analysis result
through :func:`filter_binaries` and :func:`filter_datas`; the decisions live here, with no
PyInstaller import, so the tests in ``tests/packaging`` can check them without a build.

A table-of-contents entry is ``(dest_name, src_name, typecode)``: ``dest_name`` is the path
inside the bundle (``PySide6/Qt/plugins/platforms/libqxcb.so``), ``src_name`` the file it is
copied from.
"""

from __future__ import annotations

import fnmatch
import pickle
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

TocEntry = tuple[str, str, str]

# The languages the app's own catalogs exist for; Qt's translations of its standard dialogs
# (file dialogs, message box buttons) are shipped for these only. English needs none.
APP_LANGUAGES: tuple[str, ...] = ("de", "es", "fr", "ja")

# Pillow's readers for formats no logo comes in (reportlab reads PNG, JPEG and GIF logos).
PIL_PLUGINS_DROPPED: tuple[str, ...] = (
    *("Blp", "BufrStub", "Cur", "Dcx", "Dds", "Eps", "Fits", "Fli", "Fpx", "Ftex", "Gbr"),
    *("GribStub", "Hdf5Stub", "Icns", "Im", "Imt", "Iptc", "Jpeg2K", "McIdas", "Mic"),
    *("Mpeg", "Msp", "Palm", "Pcd", "Pcx", "Pdf", "Pixar", "Psd", "Qoi", "Sgi", "Spider"),
    *("Sun", "Tga", "Wmf", "Xbm", "Xpm", "XVThumb"),
)

# Python modules nobody in the app imports at run time, which PyInstaller would otherwise
# pull in through optional imports of the libraries (test runners, type checkers, Tk).
EXCLUDED_MODULES: tuple[str, ...] = (
    "tkinter",
    "_tkinter",
    "turtle",
    "idlelib",
    "pydoc_data",
    "lib2to3",
    "ensurepip",
    "venv",
    "distutils",
    "setuptools",
    "pkg_resources",
    "pip",
    "wheel",
    "curses",
    "_curses",
    "readline",
    "sqlite3",
    "xmlrpc",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "mypyc",
    "ast_serialize",
    "librt",
    "ruff",
    "grimp",
    "importlinter",
    "pypdf",
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    # No network: without ssl/_hashlib the bundle needs no OpenSSL (hashlib falls back to
    # Python's own md5/sha implementations, which is all reportlab uses).
    "ssl",
    "_ssl",
    "_hashlib",
    "IPython",
    "matplotlib",
    "pandas",
    "scipy",
    "numpy.f2py",
    "numpy.distutils",
    "numpy.testing",
    # Imported lazily by numpy 2 and used by nothing here (numpy.ma is: percentile needs it).
    "numpy.fft",
    "numpy.polynomial",
    "numpy._core._multiarray_tests",
    "pydantic.mypy",
    "pydantic.v1",
    # Legacy East Asian codecs (Shift-JIS, GB2312, Big5, EUC-KR): cases and catalogs are
    # UTF-8, fonts are TrueType, and Qt has its own converters.
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_cn",
    "_codecs_tw",
    "_codecs_hk",
    "_codecs_iso2022",
    # Never needed by a running app.
    "pydoc",
    "doctest",
    "pdb",
    "unittest",
    "_pydecimal",  # decimal uses the C implementation (_decimal)
    "asyncio",
    "multiprocessing",  # the app uses threads (QThreadPool), never processes
    "tarfile",
    "ftplib",
    "charset_normalizer",  # only reportlab's legacy XML parser (rparsexml) asks for it
    # reportlab parts the report does not use (it draws its charts from shapes).
    "reportlab.graphics.charts",
    "reportlab.graphics.widgets",
    "reportlab.graphics.barcode",
    "reportlab.graphics.renderPS",
    "reportlab.graphics.testshapes",
    "reportlab.lib.randomtext",
    "reportlab.lib.corp",
    "reportlab.lib.testutils",
    "reportlab.lib.pygments2xpre",
    # Pillow: reportlab needs only the core (_imaging) to read PNG/JPEG logos.
    "PIL.ImageQt",
    "PIL.ImageTk",
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingft",
    "PIL._imagingcms",
    "PIL._imagingtk",
    "PIL._imagingmath",
    "PIL._imagingmorph",
    "PIL.AvifImagePlugin",
    "PIL.WebPImagePlugin",
    *(f"PIL.{name}ImagePlugin" for name in PIL_PLUGINS_DROPPED),
    "PIL.PdfParser",
    "PIL.ImageShow",
    "PIL.ImageGrab",
    # Qt bindings the app does not import (the Qt libraries some of them wrap may still be
    # needed as dependencies of the ones it does: QtPdf needs libQt6Network).
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.scripts",
)

# Linux only: plists are a macOS thing.
EXCLUDED_MODULES_LINUX: tuple[str, ...] = ("plistlib",)

# Qt plugins kept, by folder below PySide6/Qt/plugins (PySide6/plugins on Windows), as file
# stems without "lib" and extension (libqxcb.so, qwindows.dll and libqcocoa.dylib are qxcb,
# qwindows, qcocoa). Everything else is dropped: eglfs, linuxfb, vnc, the GTK3 theme with its
# cairo/pango/gdk tree, TLS backends, network information, SQL drivers, QML tooling, and the
# OpenGL integrations (the app paints with the raster engine: widgets, QPainter charts, the
# PDF view; leaving them out also leaves out libQt6OpenGL).
QT_PLUGINS: dict[str, frozenset[str]] = {
    # offscreen: the self-test and CI; xcb: X11, and Wayland desktops through XWayland;
    # windows / cocoa: the other two systems.
    "platforms": frozenset({"qxcb", "qoffscreen", "qminimal", "qwindows", "qcocoa"}),
    "imageformats": frozenset({"qjpeg", "qsvg", "qico", "qgif"}),
    "iconengines": frozenset({"qsvgicon"}),
    # Native file dialogs through the desktop portal (Flatpak, GNOME, KDE).
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Dead keys and input methods (accents in German/French/Spanish, Japanese IMEs).
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    # The native look on Windows 10/11 and macOS.
    "styles": frozenset({"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"}),
}

# Native Wayland (COI_WAYLAND=1 at build time): 1.4 MB with libQt6WaylandClient. Without it
# Qt falls back to xcb, which every Wayland desktop serves through XWayland.
QT_PLUGINS_WAYLAND: dict[str, frozenset[str]] = {
    "platforms": frozenset({"qwayland"}),
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": frozenset({"bradient"}),
}

# Qt libraries that must never be in the bundle even if a plugin drags them in.
QT_LIBS_DROPPED: tuple[str, ...] = (
    "libQt6Quick*",
    "libQt6Qml*",
    "libQt6EglFS*",
    "libQt6EglFsKmsSupport*",
    "libQt6Designer*",
    "libQt6Test*",
    "libQt6WlShellIntegration*",
)

# Shared libraries of the operating system that the PySide6 wheel itself expects the system
# to provide (it does not vendor them: a machine that can show any Qt window has them), plus
# the C/C++ runtime of the manylinux policy. Bundling copies of them only adds megabytes and
# risks clashes with the system's graphics drivers (an old bundled libstdc++ breaks new Mesa).
# Matched against the file name of libraries that come from a system folder.
LINUX_SYSTEM_LIBS: tuple[str, ...] = (
    "libstdc++.so*",
    "libgcc_s.so*",
    "libX11*.so*",
    "libXau.so*",
    "libXdmcp.so*",
    "libXext.so*",
    "libXrender.so*",
    "libXi.so*",
    "libxcb*.so*",
    "libxkbcommon*.so*",
    "libEGL.so*",
    "libGL*.so*",
    "libOpenGL.so*",
    "libwayland-*.so*",
    "libfontconfig.so*",
    "libfreetype.so*",
    "libharfbuzz.so*",
    "libgraphite2.so*",
    "libpng16.so*",
    "libbrotli*.so*",
    "libglib-2.0.so*",
    "libgobject-2.0.so*",
    "libgthread-2.0.so*",
    "libgio-2.0.so*",
    "libgmodule-2.0.so*",
    "libpcre2-*.so*",
    "libdbus-1.so*",
    "libsystemd.so*",
    "libcap.so*",
    "libgcrypt.so*",
    "libgpg-error.so*",
    "liblz4.so*",
    "libzstd.so*",
    "libbsd.so*",
    "libmd.so*",
    "libexpat.so*",
    "libmount.so*",
    "libblkid.so*",
    "libselinux.so*",
    "libuuid.so*",
    "libkrb5*.so*",
    "libk5crypto.so*",
    "libgssapi_krb5.so*",
    "libcom_err.so*",
    "libkeyutils.so*",
    "libdrm.so*",
    "libgbm.so*",
    "libmtdev.so*",
    "libinput.so*",
    "libudev.so*",
    "libts.so*",
)

# Folders a library must come from to count as "of the system" for LINUX_SYSTEM_LIBS.
SYSTEM_LIB_DIRS: tuple[str, ...] = (
    "/lib/",
    "/lib64/",
    "/usr/lib/",
    "/usr/lib64/",
    "/usr/local/lib/",
)

# Data files never needed at run time.
DATA_DROPPED: tuple[str, ...] = (
    "*.pyi",
    "*/py.typed",
    "*.pxd",
    "*.h",
    "*.c",
    "*/tests/*",
    "*/include/*",
    "PySide6/Qt/qml/*",
    "PySide6/Qt/metatypes/*",
    "PySide6/Qt/resources/qtwebengine*",
    "PySide6/typesystems/*",
    "PySide6/glue/*",
    # Replaced by one compressed archive (see babel_locale_archive and the runtime hook).
    "babel/locale-data/*.dat",
)

_QT_TRANSLATION = re.compile(r"^(?P<catalog>[a-z_]+?)_(?P<lang>[a-z]{2,3})(_[A-Z]{2})?\.qm$")
# Catalogs of Qt itself (qt_xx.qm is a meta-catalog loading qtbase_xx.qm and friends).
_QT_CATALOGS = frozenset({"qt", "qtbase"})


def _posix(dest: str) -> str:
    return dest.replace("\\", "/")


def _matches(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def qt_plugin_kept(dest: str, wayland: bool = False) -> bool | None:
    """True/False for a Qt plugin path, None if ``dest`` is not a Qt plugin."""
    parts = PurePosixPath(_posix(dest)).parts
    try:
        index = parts.index("plugins")
    except ValueError:
        return None
    if parts[:1] != ("PySide6",) or parts[1:index] not in ((), ("Qt",)) or len(parts) != index + 3:
        return None
    folder, filename = parts[index + 1], parts[index + 2]
    stem = filename.split(".")[0].removeprefix("lib")
    extra = QT_PLUGINS_WAYLAND.get(folder, frozenset()) if wayland else frozenset()
    return stem in QT_PLUGINS.get(folder, frozenset()) | extra


def qt_translation_kept(dest: str, languages: Sequence[str] = APP_LANGUAGES) -> bool | None:
    """True/False for a Qt translation catalog, None if ``dest`` is not one."""
    path = PurePosixPath(_posix(dest))
    if path.parent.as_posix() not in ("PySide6/Qt/translations", "PySide6/translations"):
        return None
    match = _QT_TRANSLATION.match(path.name)
    if not match:
        return False
    return match["catalog"] in _QT_CATALOGS and match["lang"] in languages


def is_system_library(src: str) -> bool:
    source = _posix(src)
    return source.startswith(SYSTEM_LIB_DIRS) and "site-packages" not in source


def binary_kept(entry: TocEntry, platform: str = "linux", wayland: bool = False) -> bool:
    """Whether a shared library / extension module of the analysis goes into the bundle."""
    dest, src, _typecode = entry
    dest = _posix(dest)
    plugin = qt_plugin_kept(dest, wayland)
    if plugin is not None:
        return plugin
    name = PurePosixPath(dest).name
    if _matches(name, QT_LIBS_DROPPED):
        return False
    return not (
        platform == "linux" and is_system_library(src) and _matches(name, LINUX_SYSTEM_LIBS)
    )


def data_kept(entry: TocEntry, languages: Sequence[str] = APP_LANGUAGES) -> bool:
    """Whether a data file of the analysis goes into the bundle."""
    dest = _posix(entry[0])
    translation = qt_translation_kept(dest, languages)
    if translation is not None:
        return translation
    plugin = qt_plugin_kept(dest)
    if plugin is not None:
        return plugin
    return not _matches(dest, DATA_DROPPED)


def filter_binaries(
    toc: Iterable[TocEntry], platform: str = "linux", wayland: bool = False
) -> list[TocEntry]:
    return [entry for entry in toc if binary_kept(entry, platform, wayland)]


def filter_datas(
    toc: Iterable[TocEntry], languages: Sequence[str] = APP_LANGUAGES
) -> list[TocEntry]:
    return [entry for entry in toc if data_kept(entry, languages)]


def dropped(before: Iterable[TocEntry], after: Iterable[TocEntry]) -> list[str]:
    """Destination names present in ``before`` but not in ``after`` (for the build log)."""
    kept = {_posix(entry[0]) for entry in after}
    return sorted({_posix(entry[0]) for entry in before} - kept)


# CLDR data babel keeps per locale that this app never reads: names of time zones and
# metazones, and unit patterns (format_unit / format_timedelta). About 37% of the compressed
# locale data. calculators/formatting.py (and the two symbol look-ups in desktop/numberio.py)
# are the only users of babel; tests/packaging/test_babel_archive.py keeps that true by
# checking which babel functions the project imports.
CLDR_KEYS_DROPPED: frozenset[str] = frozenset(
    {
        "time_zones",
        "meta_zones",
        "zone_formats",
        "unit_patterns",
        "unit_display_names",
        "compound_unit_patterns",
    }
)


def write_locale_archive(
    locale_data: Path, output: Path, drop_keys: Iterable[str] = CLDR_KEYS_DROPPED
) -> int:
    """Compress babel's ``locale-data/*.dat`` into one zip (LZMA, sorted, fixed dates).

    Every locale ships (a case may name any locale babel knows), each without ``drop_keys``.
    Returns the archive's size: about 5 MB instead of 35 MB of files. Reading a locale from
    it costs about 2 ms the first time. The runtime hook ``rthook_babel_archive.py`` makes
    babel read from it in the bundle.
    """
    files = sorted(locale_data.glob("*.dat"))
    if not files:
        raise FileNotFoundError(f"no babel locale data in {locale_data}")
    dropped_keys = frozenset(drop_keys)
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_LZMA) as archive:
        for file in files:
            data = file.read_bytes()
            if dropped_keys:
                content = pickle.loads(data)
                for key in dropped_keys:
                    content.pop(key, None)
                data = pickle.dumps(content, protocol=2)
            info = zipfile.ZipInfo(file.name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_LZMA
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return output.stat().st_size


# Source files in resources/ that are not needed at run time (catalog sources, notes).
# (.ico and .icns are the executables' icons on Windows and macOS, embedded by the spec.)
RESOURCE_DROPPED: tuple[str, ...] = ("*.po", "*.pot", "*.pyc", ".*", "*~", "*.ico", "*.icns")


def resource_entries(resources: Path, bundle_dir: str = "resources") -> list[TocEntry]:
    """Data entries for everything under ``resources/`` the app reads at run time.

    Fonts, compiled catalogs (``.mo``), templates, examples and icons; catalog sources and
    hidden files stay out. Font licence texts ship with the fonts.
    """
    entries = []
    for path in sorted(resources.rglob("*")):
        relative = path.relative_to(resources)
        if not path.is_file() or any(part.startswith((".", "__")) for part in relative.parts):
            continue
        if _matches(path.name, RESOURCE_DROPPED):
            continue
        entries.append((f"{bundle_dir}/{relative.as_posix()}", str(path), "DATA"))
    return entries


def team_entries(
    team_folder: Path, logo: Path | None, templates: Iterable[Path], bundle_dir: str = "resources"
) -> list[TocEntry]:
    """Data entries that bake a validated team folder into the bundle.

    ``team.toml`` and the logo (at the same place relative to it) go to ``resources/team/``,
    where ``calculators.team`` finds them; the team's templates join the built-in ones in
    ``resources/templates/``.
    """
    folder = team_folder.resolve()
    entries = [(f"{bundle_dir}/team/team.toml", str(folder / "team.toml"), "DATA")]
    if logo is not None:
        relative = logo.resolve().relative_to(folder).as_posix()
        entries.append((f"{bundle_dir}/team/{relative}", str(logo), "DATA"))
    entries += [(f"{bundle_dir}/templates/{t.name}", str(t), "DATA") for t in sorted(templates)]
    return entries


def replace_entries(toc: list[TocEntry], extra: Iterable[TocEntry]) -> list[TocEntry]:
    """``toc`` with ``extra`` added; an extra entry replaces one with the same destination."""
    added = list(extra)
    taken = {_posix(entry[0]) for entry in added}
    return [entry for entry in toc if _posix(entry[0]) not in taken] + added


def _is_prunable(entry: TocEntry) -> bool:
    """Shared libraries that are only ever loaded because another binary links to them."""
    dest, src, typecode = entry
    name = PurePosixPath(_posix(dest)).name
    if typecode != "BINARY" or name.startswith("libpython") or ".cpython-" in name:
        return False
    if name.endswith(".abi3.so"):  # Python extension modules (PySide6, shiboken6)
        return False
    if qt_plugin_kept(dest) is not None:  # plugins are loaded by Qt at run time
        return False
    parts = PurePosixPath(_posix(dest)).parts
    vendored = len(parts) > 1 and parts[-2].endswith(".libs")  # numpy.libs, pillow.libs
    qt_library = parts[:3] == ("PySide6", "Qt", "lib")
    return vendored or qt_library or is_system_library(src)


def symlink_target(entry: TocEntry) -> str:
    """The bundle path a SYMLINK entry points at."""
    dest, target, _typecode = entry
    parent = PurePosixPath(_posix(dest)).parent
    return posixpath.normpath((parent / _posix(target)).as_posix())


def prune_unreferenced(
    toc: Iterable[TocEntry], needed_of: Callable[[TocEntry], Iterable[str]]
) -> list[TocEntry]:
    """Drop libraries no remaining binary links to (DT_NEEDED), until nothing changes.

    Removing a Qt plugin or an excluded extension module leaves the libraries only it needed
    (the GTK theme plugin brings cairo, pango and gdk-pixbuf); this removes them. Libraries
    something may load by name at run time (Python extensions, Qt plugins, libpython) are
    never pruned. ``needed_of`` returns the sonames an entry links to. SYMLINK entries go
    with their target.
    """
    kept = list(toc)
    needs = {entry[0]: set(needed_of(entry)) for entry in kept if entry[2] != "SYMLINK"}
    while True:
        wanted = set().union(*(needs.get(entry[0], set()) for entry in kept))
        pruned = [
            entry
            for entry in kept
            if not _is_prunable(entry) or PurePosixPath(_posix(entry[0])).name in wanted
        ]
        present = {_posix(entry[0]) for entry in pruned}
        pruned = [
            entry for entry in pruned if entry[2] != "SYMLINK" or symlink_target(entry) in present
        ]
        if len(pruned) == len(kept):
            return pruned
        kept = pruned


def drop_dangling_symlinks(
    binaries: list[TocEntry], datas: list[TocEntry]
) -> tuple[list[TocEntry], list[TocEntry]]:
    """Both lists without SYMLINK entries whose target is in neither (PyInstaller puts the
    top-level links to libraries in subfolders into ``datas`` as well)."""
    present = {_posix(e[0]) for e in (*binaries, *datas) if e[2] != "SYMLINK"}

    def keep(entry: TocEntry) -> bool:
        return entry[2] != "SYMLINK" or symlink_target(entry) in present

    return [e for e in binaries if keep(e)], [e for e in datas if keep(e)]
