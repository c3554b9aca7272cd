"""What the spec keeps and drops from PyInstaller's analysis, checked without a build."""

from __future__ import annotations

import ast
from pathlib import Path

import bundle_rules as rules
import pytest

from tests.conftest import ROOT

SITE = "/venv/lib/python3.11/site-packages"


def binary(dest: str, src: str | None = None, kind: str = "BINARY") -> rules.TocEntry:
    return (dest, src or f"{SITE}/{dest}", kind)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),  # the self-test needs it
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),  # XWayland (COI_WAYLAND=1)
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),  # Windows wheel layout
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ],
)
def test_qt_plugins(dest: str, kept: bool) -> None:
    assert rules.binary_kept(binary(dest)) is kept


def test_native_wayland_on_request() -> None:
    for dest in (
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    ):
        assert not rules.binary_kept(binary(dest))
        assert rules.binary_kept(binary(dest), wayland=True)


def test_non_plugins_are_not_judged_as_plugins() -> None:
    assert rules.qt_plugin_kept("PySide6/QtCore.abi3.so") is None
    assert rules.qt_plugin_kept("otherpkg/plugins/platforms/libqxcb.so") is None


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("qtbase_de.qm", True),
        ("qt_ja.qm", True),
        ("qtbase_fr.qm", True),
        ("qtbase_es.qm", True),
        ("qtbase_it.qm", False),  # not an app language
        ("designer_de.qm", False),
        ("qt_help_de.qm", False),
        ("linguist_ja.qm", False),
        ("qtbase_pt_BR.qm", False),
    ],
)
def test_qt_translations(name: str, kept: bool) -> None:
    entry = (f"PySide6/Qt/translations/{name}", f"{SITE}/PySide6/Qt/translations/{name}", "DATA")
    assert rules.data_kept(entry) is kept


def test_system_libraries_are_left_to_the_system_but_vendored_copies_stay() -> None:
    system = "/usr/lib/x86_64-linux-gnu"
    assert not rules.binary_kept(binary("libstdc++.so.6", f"{system}/libstdc++.so.6"))
    assert not rules.binary_kept(
        binary("libfontconfig.so.1", "/lib/x86_64-linux-gnu/libfontconfig.so.1")
    )
    assert not rules.binary_kept(binary("libxcb-cursor.so.0", f"{system}/libxcb-cursor.so.0"))
    # Python's own dependencies ship: a laptop without Python may lack them.
    assert rules.binary_kept(binary("libffi.so.8", f"{system}/libffi.so.8"))
    assert rules.binary_kept(binary("libz.so.1", f"{system}/libz.so.1"))
    # Pillow's private copies have hashed names and live in site-packages.
    assert rules.binary_kept(binary("pillow.libs/libxcb-9065bb12.so.1.1.0"))
    # On Windows and macOS nothing is judged by the Linux list.
    assert rules.binary_kept(binary("libstdc++.so.6", f"{system}/libstdc++.so.6"), "windows")


def test_unused_qt_libraries_are_dropped() -> None:
    assert not rules.binary_kept(binary("PySide6/Qt/lib/libQt6Quick.so.6"))
    assert not rules.binary_kept(binary("libQt6EglFSDeviceIntegration.so.6", kind="SYMLINK"))
    assert rules.binary_kept(binary("PySide6/Qt/lib/libQt6Pdf.so.6"))


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("babel/locale-data/de_DE.dat", False),  # shipped in the compressed archive instead
        ("babel/locale-data/LICENSE.unicode", True),  # the data's licence stays
        ("babel/global.dat", True),
        ("PySide6/QtCore.pyi", False),
        ("numpy/py.typed", False),
        ("PySide6/Qt/qml/QtQuick/qmldir", False),
        ("PySide6/typesystems/typesystem_core.xml", False),
        ("reportlab/fonts/Vera.ttf", True),
        ("resources/fonts/DejaVuSans.ttf", True),
    ],
)
def test_data_files(dest: str, kept: bool) -> None:
    assert rules.data_kept((dest, f"{SITE}/{dest}", "DATA")) is kept


def test_pruning_follows_links_between_libraries() -> None:
    gtk = "PySide6/Qt/plugins/platformthemes/libqgtk3.so"
    toc = [
        binary("PySide6/QtGui.abi3.so", kind="EXTENSION"),
        binary("PySide6/Qt/lib/libQt6Gui.so.6"),
        binary("PySide6/Qt/lib/libQt6Quick.so.6"),
        binary("libcairo.so.2", "/usr/lib/x86_64-linux-gnu/libcairo.so.2"),
        binary("libpixman-1.so.0", "/usr/lib/x86_64-linux-gnu/libpixman-1.so.0"),
        binary("libpython3.11.so.1.0", "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0"),
        binary("numpy.libs/libgfortran-1.so.5"),
        binary("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", kind="EXTENSION"),
        binary("numpy.libs/libopenblas.so"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    links = {
        "PySide6/QtGui.abi3.so": ["libQt6Gui.so.6"],
        gtk: ["libcairo.so.2", "libQt6Gui.so.6"],
        "libcairo.so.2": ["libpixman-1.so.0"],
        "numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so": ["libopenblas.so"],
    }
    kept = rules.prune_unreferenced(toc, lambda entry: links.get(entry[0], []))
    names = [entry[0] for entry in kept]
    # Nothing links to Quick, cairo (its only user, the GTK plugin, was dropped before),
    # and so pixman, nor to gfortran (the reference BLAS needs no Fortran runtime).
    assert names == [
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libpython3.11.so.1.0",  # loaded by the bootloader, never pruned
        "numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so",
        "numpy.libs/libopenblas.so",
        "libQt6Gui.so.6",
    ]


def test_dangling_symlinks_are_dropped_from_both_lists() -> None:
    binaries = [binary("PySide6/Qt/lib/libQt6Core.so.6")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libgfortran.so.5", "numpy.libs/libgfortran.so.5", "SYMLINK"),
        ("resources/x.txt", "/src/x.txt", "DATA"),
    ]
    kept_binaries, kept_datas = rules.drop_dangling_symlinks(binaries, datas)
    assert kept_binaries == binaries
    assert [entry[0] for entry in kept_datas] == ["libQt6Core.so.6", "resources/x.txt"]


def test_resource_entries(tmp_path: Path) -> None:
    files = [
        "fonts/DejaVuSans.ttf",
        "fonts/LICENSE-DejaVu.txt",
        "locale/de/LC_MESSAGES/coi.mo",
        "locale/de/LC_MESSAGES/coi.po",
        "locale/coi.pot",
        "templates/blank.coi",
        "icons/cost-of-inaction.svg",
        "icons/cost-of-inaction.ico",
        "icons/.DS_Store",
        "__pycache__/x.pyc",
    ]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    dests = [entry[0] for entry in rules.resource_entries(tmp_path)]
    assert dests == [
        "resources/fonts/DejaVuSans.ttf",
        "resources/fonts/LICENSE-DejaVu.txt",
        "resources/icons/cost-of-inaction.svg",
        "resources/locale/de/LC_MESSAGES/coi.mo",
        "resources/templates/blank.coi",
    ]


def test_the_real_resources_are_all_collected() -> None:
    dests = {entry[0] for entry in rules.resource_entries(ROOT / "resources")}
    for folder in ("examples", "templates", "fonts", "icons"):
        expected = {
            f"resources/{folder}/{p.name}"
            for p in (ROOT / "resources" / folder).iterdir()
            if p.suffix not in (".ico", ".icns") and not p.name.startswith(".")
        }
        assert expected <= dests, folder


def test_team_entries_keep_the_logo_where_team_toml_says(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    logo = tmp_path / "images" / "brand.png"
    logo.write_bytes(b"png")
    template = tmp_path / "templates" / "house.coi"
    entries = rules.team_entries(tmp_path, logo, [template])
    assert [entry[0] for entry in entries] == [
        "resources/team/team.toml",
        "resources/team/images/brand.png",
        "resources/templates/house.coi",
    ]


def test_replace_entries_lets_the_team_override_a_file() -> None:
    toc = [("resources/templates/a.coi", "/src/a", "DATA"), ("x", "/src/x", "DATA")]
    merged = rules.replace_entries(toc, [("resources/templates/a.coi", "/team/a", "DATA")])
    assert merged == [("x", "/src/x", "DATA"), ("resources/templates/a.coi", "/team/a", "DATA")]


# The packaging scripts that run inside the bundle (the others run at build time).
BUNDLED_SCRIPTS = (
    "app_entry.py",
    "cli_entry.py",
    "launcher.py",
    "rthook_babel_archive.py",
)


def _imported_modules(paths: list[Path]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_nothing_the_project_imports_is_excluded_from_the_bundle() -> None:
    excluded = [*rules.EXCLUDED_MODULES, *rules.EXCLUDED_MODULES_LINUX]
    sources = [*(ROOT / "calculators").rglob("*.py"), *(ROOT / "desktop").rglob("*.py")]
    sources += [ROOT / "packaging" / name for name in BUNDLED_SCRIPTS]
    imported = _imported_modules(sources)
    assert "PySide6.QtWidgets" in imported and "calculators.engine" in imported
    clashes = sorted(
        name
        for name in imported
        for gone in excluded
        if name == gone or name.startswith(gone + ".")
    )
    assert clashes == [], f"imported by the project but excluded from the bundle: {clashes}"
