"""Build the installer for this operating system (run by ``python3 dev.py installer``).

    python packaging/build.py [--team DIR] [--dist DIR] [--work DIR] [--no-archives]

1. validates the team folder (``--team``), every problem on its own line;
2. runs PyInstaller on ``packaging/cost-of-inaction.spec`` (one folder, two executables);
3. checks the folder (no dangling links), prints its unpacked size and fails above the limit
   (Linux: 110 MiB);
4. runs the bundle's ``--self-test`` and ``coi --version`` with a bare environment (no
   virtualenv, no user settings, offscreen);
5. packs it: Linux ``.tar.gz`` (with a .desktop file, icons, the .coi MIME type and an
   installer script) and a ``.deb`` when dpkg-deb is there; Windows a ``.zip`` of the folder
   and an Inno Setup installer when ``iscc`` is there (both signed first when
   ``COI_WINDOWS_CERT_SHA1`` names a certificate); macOS ``Cost of Inaction.app`` and a
   ``.dmg`` (make-dmg.sh, which signs and notarises when told to). ``--require-tools`` (CI)
   turns a missing dpkg-deb or iscc into a failure instead of a skipped step.

Must run with the project's virtualenv Python (PyInstaller bundles the interpreter it runs
in); packaging/README.md has the details for each OS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

APP = "cost-of-inaction"
SPEC = HERE / f"{APP}.spec"
LINUX = sys.platform.startswith("linux")
MACOS = sys.platform == "darwin"
WINDOWS = sys.platform == "win32"
MAX_LINUX_MIB = 110.0
MIB = 1024 * 1024

# Runtime libraries of the Debian package: the system libraries the bundle leaves out
# (bundle_rules.LINUX_SYSTEM_LIBS), as Debian package names; "a | b" spans old and new names.
DEB_DEPENDS = (
    "libc6 (>= 2.28)",
    "libstdc++6",
    "libgcc-s1",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0t64 | libglib2.0-0",
    "libx11-6",
    "libx11-xcb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libzstd1",
    "shared-mime-info",
)


def deb_depends() -> tuple[str, ...]:
    wayland = os.environ.get("COI_WAYLAND") == "1"  # the spec's switch for native Wayland
    return (*DEB_DEPENDS, *(("libwayland-client0", "libwayland-cursor0") if wayland else ()))


class BuildError(Exception):
    pass


class MissingTool(BuildError):
    """A packing tool is not installed: a skipped step, or a failure with --require-tools."""


def say(message: str) -> None:
    print(f"installer: {message}", flush=True)


def version() -> str:
    from calculators import __version__

    return __version__


def machine() -> str:
    import platform

    return {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "arm64", "arm64": "arm64"}.get(
        platform.machine().lower(), platform.machine().lower()
    )


# --- steps -----------------------------------------------------------------------------------


def validate_team(folder: Path) -> None:
    from calculators.team import TeamError, load_team

    try:
        team = load_team(folder)
    except TeamError as exc:
        for problem in exc.problems:
            print(f"installer: team folder {folder}: {problem}", file=sys.stderr)
        raise BuildError(f"the team folder {folder} has {len(exc.problems)} problem(s)") from None
    extra = f", {len(team.templates)} extra template(s)" if team.templates else ""
    say(f"team: {team.company_name} ({folder}){extra}")


def run_pyinstaller(dist: Path, work: Path, team: Path | None) -> None:
    env = dict(os.environ)
    env.pop("COI_TEAM_DIR", None)
    if team is not None:
        env["COI_TEAM_DIR"] = str(team.resolve())
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    say("running PyInstaller (about a minute)")
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise BuildError(f"PyInstaller failed with exit code {result.returncode}")


def bundle_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of a folder as unpacked: file sizes, links not followed."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        total += path.stat().st_size
        files += 1
    return total, files


def check_bundle(folder: Path, limit_mib: float | None) -> int:
    dangling = [p for p in folder.rglob("*") if p.is_symlink() and not p.exists()]
    if dangling:
        names = ", ".join(str(p.relative_to(folder)) for p in dangling[:5])
        raise BuildError(f"{len(dangling)} broken link(s) in the bundle: {names}")
    size, files = bundle_size(folder)
    say(f"bundle: {folder} ({size / MIB:.1f} MiB unpacked, {size / 1e6:.1f} MB, {files} files)")
    if limit_mib is not None and size > limit_mib * MIB:
        raise BuildError(
            f"the bundle is {size / MIB:.1f} MiB, over the {limit_mib:.0f} MiB limit; "
            "see packaging/README.md (Size) for what to trim"
        )
    return size


def check_catalogs(folder: Path) -> None:
    """Every translation in resources/locale is in the bundle, compiled."""
    sources = sorted((ROOT / "resources" / "locale").glob("*/LC_MESSAGES/*.po"))
    internal = folder / "_internal" if (folder / "_internal").is_dir() else folder
    missing = [
        po.parent.parent.name
        for po in sources
        if not (internal / "resources" / "locale" / po.relative_to(ROOT / "resources" / "locale"))
        .with_suffix(".mo")
        .is_file()
    ]
    if missing:
        raise BuildError(
            f"no compiled catalog (.mo) in the bundle for: {', '.join(missing)} "
            "(run python3 dev.py i18n compile)"
        )
    say(f"catalogs: {len(sources)} ({', '.join(po.parent.parent.name for po in sources)})")


def bare_environment(home: Path) -> dict[str, str]:
    """What a freshly logged-in user has: no virtualenv, no PYTHON* variables, no settings."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    if WINDOWS:
        temp = home / "AppData" / "Local" / "Temp"
        temp.mkdir(parents=True, exist_ok=True)
        env.update(
            USERPROFILE=str(home),
            APPDATA=str(home / "AppData" / "Roaming"),
            LOCALAPPDATA=str(home / "AppData" / "Local"),
            TEMP=str(temp),
            TMP=str(temp),
        )
        system_root = os.environ.get("SYSTEMROOT", "C:\\Windows")
        env["SYSTEMROOT"] = system_root
        env["PATH"] = f"{system_root}\\System32;{system_root}"
    (home / "runtime").mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def executables(folder: Path) -> tuple[Path, Path]:
    suffix = ".exe" if WINDOWS else ""
    if MACOS:
        app = folder.parent / "Cost of Inaction.app" / "Contents" / "MacOS"
        if app.is_dir():
            folder = app
    return folder / f"{APP}{suffix}", folder / f"coi{suffix}"


def self_test(folder: Path) -> str:
    """Run the bundle's self-test and CLI in a bare environment; the self-test's line."""
    app, cli = executables(folder)
    with tempfile.TemporaryDirectory(prefix="coi-home-") as scratch:
        env = bare_environment(Path(scratch))
        started = time.monotonic()
        result = subprocess.run(
            [str(app), "--self-test"], env=env, capture_output=True, text=True, check=False
        )
        elapsed = time.monotonic() - started
        line = (result.stdout.strip().splitlines() or [""])[-1]
        if result.returncode != 0 or not line.startswith("self-test ok"):
            detail = line or result.stderr.strip()[-2000:]
            raise BuildError(f"the bundle's self-test failed (exit {result.returncode}): {detail}")
        say(f"{line} [process {elapsed:.1f} s]")
        check = subprocess.run(
            [str(cli), "--version"], env=env, capture_output=True, text=True, check=False
        )
        if check.returncode != 0 or not check.stdout.startswith("coi "):
            raise BuildError(f"'coi --version' failed: {check.stdout}{check.stderr}".strip())
        say(f"cli: {check.stdout.strip()}")
    return line


# --- Linux archives ---------------------------------------------------------------------------


def desktop_entry(exec_path: str, icon: str) -> str:
    template = (HERE / "linux" / f"{APP}.desktop").read_text(encoding="utf-8")
    return template.replace("@EXEC@", exec_path).replace("@ICON@", icon)


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or info.mtime
    return info


def linux_tarball(folder: Path, dist: Path) -> Path:
    """``cost-of-inaction-<version>-linux-<arch>.tar.gz``: the bundle plus desktop integration."""
    name = f"{APP}-{version()}-linux-{machine()}"
    with tempfile.TemporaryDirectory(prefix="coi-tar-") as scratch:
        top = Path(scratch) / name
        shutil.copytree(folder, top / APP, symlinks=True)
        share = top / "share"
        (share / "applications").mkdir(parents=True)
        (share / "applications" / f"{APP}.desktop").write_text(
            desktop_entry(APP, APP), encoding="utf-8"
        )
        (share / "mime" / "packages").mkdir(parents=True)
        shutil.copy2(HERE / "linux" / f"{APP}-mime.xml", share / "mime" / "packages" / f"{APP}.xml")
        icons = ROOT / "resources" / "icons"
        for size_dir, source in (("256x256", f"{APP}.png"), ("scalable", f"{APP}.svg")):
            target = share / "icons" / "hicolor" / size_dir / "apps"
            target.mkdir(parents=True)
            shutil.copy2(icons / source, target / source)
            mime_icon = target / f"application-x-{APP}{Path(source).suffix}"
            shutil.copy2(icons / source, mime_icon)
        shutil.copy2(HERE / "linux" / "install.sh", top / "install.sh")
        (top / "install.sh").chmod(0o755)
        shutil.copy2(HERE / "linux" / "README.txt", top / "README.txt")
        archive = dist / f"{name}.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(top, arcname=name, filter=_tar_filter)
    say(f"archive: {archive} ({archive.stat().st_size / MIB:.1f} MiB)")
    return archive


def linux_deb(folder: Path, dist: Path, size: int) -> Path | None:
    """A ``.deb`` installing to /opt/cost-of-inaction, with menu entry and .coi MIME type."""
    dpkg_deb = shutil.which("dpkg-deb")
    if dpkg_deb is None:
        raise MissingTool("deb: dpkg-deb not found")
    arch = {"x86_64": "amd64", "arm64": "arm64"}.get(machine(), machine())
    with tempfile.TemporaryDirectory(prefix="coi-deb-") as scratch:
        root = Path(scratch) / "pkg"
        shutil.copytree(folder, root / "opt" / APP, symlinks=True)
        bin_dir = root / "usr" / "bin"
        bin_dir.mkdir(parents=True)
        for name in (APP, "coi"):
            (bin_dir / name).symlink_to(f"/opt/{APP}/{name}")
        share = root / "usr" / "share"
        (share / "applications").mkdir(parents=True)
        (share / "applications" / f"{APP}.desktop").write_text(
            desktop_entry(f"/opt/{APP}/{APP}", APP), encoding="utf-8"
        )
        (share / "mime" / "packages").mkdir(parents=True)
        shutil.copy2(HERE / "linux" / f"{APP}-mime.xml", share / "mime" / "packages" / f"{APP}.xml")
        icons = ROOT / "resources" / "icons"
        for size_dir, source in (("256x256", f"{APP}.png"), ("scalable", f"{APP}.svg")):
            target = share / "icons" / "hicolor" / size_dir / "apps"
            target.mkdir(parents=True)
            shutil.copy2(icons / source, target / source)
            shutil.copy2(icons / source, target / f"application-x-{APP}{Path(source).suffix}")
        control = root / "DEBIAN"
        control.mkdir()
        (control / "control").write_text(
            "\n".join(
                [
                    f"Package: {APP}",
                    f"Version: {version()}",
                    f"Architecture: {arch}",
                    "Maintainer: Cost of Inaction team <sales-tools@example.com>",
                    f"Installed-Size: {size // 1024}",
                    f"Depends: {', '.join(deb_depends())}",
                    "Section: office",
                    "Priority: optional",
                    "Description: Business cases for the cost of doing nothing",
                    " Cost of Inaction quantifies what it costs a B2B buyer to postpone a",
                    " decision and exports the business case as a PDF. Includes the 'coi'",
                    " command line.",
                    "",
                ]
            ),
            encoding="utf-8",
        )
        deb = dist / f"{APP}_{version()}_{arch}.deb"
        result = subprocess.run(
            [dpkg_deb, "--root-owner-group", "-Zxz", "-z6", "--build", str(root), str(deb)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BuildError(f"dpkg-deb failed: {result.stderr.strip()}")
    say(f"deb: {deb} ({deb.stat().st_size / MIB:.1f} MiB)")
    return deb


# --- Windows and macOS ------------------------------------------------------------------------

TIMESTAMP_URL = "http://timestamp.digicert.com"


def zip_folder(folder: Path, archive: Path) -> Path:
    """``archive`` holding ``folder`` under its own name (what a rep unzips and runs)."""
    archive.unlink(missing_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder.parent).as_posix()
            if path.is_symlink():
                raise BuildError(f"a zip cannot hold the link {name}; use the .tar.gz on Linux")
            if path.is_file():
                zf.write(path, name)
    say(f"zip: {archive} ({archive.stat().st_size / MIB:.1f} MiB)")
    return archive


def windows_zip(folder: Path, dist: Path) -> Path:
    return zip_folder(folder, dist / f"{APP}-{version()}-windows-{machine()}.zip")


def sdk_version(name: str) -> tuple[int, ...]:
    """``10.0.22621.0`` as numbers, so that 10.0.100000 would sort after 10.0.99999."""
    return tuple(int(part) if part.isdigit() else -1 for part in name.split("."))


def find_signtool() -> str | None:
    """signtool.exe: ``COI_SIGNTOOL``, PATH, or the newest x64 one in the Windows SDK."""
    explicit = os.environ.get("COI_SIGNTOOL")
    if explicit:
        return explicit
    found = shutil.which("signtool")
    if found:
        return found
    kits = Path(os.environ.get("PROGRAMFILES(X86)", "C:\\Program Files (x86)")) / "Windows Kits"
    candidates = sorted(
        kits.glob("10/bin/10.*/x64/signtool.exe"), key=lambda p: sdk_version(p.parent.parent.name)
    )
    return str(candidates[-1]) if candidates else None


def sign_command(signtool: str, thumbprint: str, timestamp: str = TIMESTAMP_URL) -> list[str]:
    """signtool's arguments for the certificate ``thumbprint`` in the user's store; no secret
    is on the command line (CI imports the certificate first, packaging/README.md)."""
    return [
        signtool,
        "sign",
        "/fd",
        "SHA256",
        "/sha1",
        thumbprint,
        "/tr",
        timestamp,
        "/td",
        "SHA256",
    ]


def windows_sign(folder: Path, command: list[str]) -> None:
    programs = [str(p) for p in executables(folder)]
    say(f"signing {', '.join(Path(p).name for p in programs)}")
    if subprocess.run([*command, *programs], check=False).returncode != 0:
        raise BuildError("signtool failed")


def find_iscc() -> str | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is not None:
        return iscc
    for variable, fallback in (
        ("PROGRAMFILES(X86)", "C:\\Program Files (x86)"),
        ("PROGRAMFILES", "C:\\Program Files"),
        ("LOCALAPPDATA", ""),
    ):
        base = os.environ.get(variable, fallback)
        programs = Path(base) / "Programs" if variable == "LOCALAPPDATA" else Path(base)
        candidate = programs / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.exists():
            return str(candidate)
    return None


def iscc_command(iscc: str, folder: Path, dist: Path, sign: list[str] | None) -> list[str]:
    """The Inno Setup compiler's command; with ``sign``, it signs setup and uninstaller."""
    command = [
        iscc,
        f"/DAppVersion={version()}",
        f"/DSourceDir={folder}",
        f"/DOutputDir={dist}",
        f"/DIconFile={ROOT / 'resources' / 'icons' / f'{APP}.ico'}",
    ]
    if sign is not None:
        # ISCC runs this for each file it signs: $q is a quote, $f the file.
        tool = " ".join(f"$q{part}$q" if " " in part else part for part in sign)
        command += [f"/Ssigntool={tool} $f", "/DSignTool=signtool"]
    return [*command, str(HERE / "windows" / f"{APP}.iss")]


def windows_installer(folder: Path, dist: Path, sign: list[str] | None) -> Path:
    iscc = find_iscc()
    if iscc is None:
        raise MissingTool("setup: Inno Setup's ISCC.exe not found (see packaging/README.md)")
    if subprocess.run(iscc_command(iscc, folder, dist, sign), check=False).returncode != 0:
        raise BuildError("Inno Setup failed")
    setup = dist / f"{APP}-{version()}-setup.exe"
    say(f"setup: {setup}")
    return setup


def windows_signing() -> list[str] | None:
    """The signing command when ``COI_WINDOWS_CERT_SHA1`` is set, else None (unsigned)."""
    thumbprint = os.environ.get("COI_WINDOWS_CERT_SHA1", "").strip()
    if not thumbprint:
        say("signing: skipped (COI_WINDOWS_CERT_SHA1 not set; the programs are unsigned)")
        return None
    signtool = find_signtool()
    if signtool is None:
        raise BuildError("COI_WINDOWS_CERT_SHA1 is set but signtool.exe was not found")
    timestamp = os.environ.get("COI_TIMESTAMP_URL") or TIMESTAMP_URL
    return sign_command(signtool, thumbprint, timestamp)


def macos_dmg(dist: Path) -> Path:
    app = dist / "Cost of Inaction.app"
    if not app.is_dir():
        raise BuildError(f"{app} was not built")
    script = HERE / "macos" / "make-dmg.sh"
    dmg = dist / f"{APP}-{version()}-macos-{machine()}.dmg"
    if subprocess.run(["bash", str(script), str(app), str(dmg)], check=False).returncode != 0:
        raise BuildError("make-dmg.sh failed")
    say(f"dmg: {dmg}")
    return dmg


def optional(step: Callable[[], object], require_tools: bool) -> None:
    """Run a packing step; a missing tool skips it, unless ``require_tools``."""
    try:
        step()
    except MissingTool as exc:
        if require_tools:
            raise
        say(f"{exc}; skipped")


def pack(folder: Path, dist: Path, size: int, require_tools: bool) -> None:
    """The archives for this OS (Windows: signed first when a certificate is named)."""
    if LINUX:
        linux_tarball(folder, dist)
        optional(lambda: linux_deb(folder, dist, size), require_tools)
    elif WINDOWS:
        sign = windows_signing()
        if sign is not None:
            windows_sign(folder, sign)
        windows_zip(folder, dist)
        optional(lambda: windows_installer(folder, dist, sign), require_tools)
    elif MACOS:
        macos_dmg(dist)


# --- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the installer for this OS.")
    parser.add_argument("--team", type=Path, help="team folder (team.toml, logo, templates/)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="scratch folder")
    parser.add_argument("--no-archives", action="store_true", help="only build the folder")
    parser.add_argument("--no-self-test", action="store_true", help="skip the self-test")
    parser.add_argument(
        "--require-tools",
        action="store_true",
        help="fail when a packing tool (dpkg-deb, iscc) is missing instead of skipping (CI)",
    )
    parser.add_argument(
        "--max-mib",
        type=float,
        default=MAX_LINUX_MIB if LINUX else 0,
        help="fail above this unpacked size in MiB (Linux default %(default)s; 0: no limit)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        if args.team is not None:
            validate_team(args.team)
        run_pyinstaller(args.dist, args.work / "pyinstaller", args.team)
        folder = args.dist / APP
        built = time.monotonic() - started
        say(f"built in {built:.0f} s")
        size = check_bundle(folder, args.max_mib or None)
        check_catalogs(folder)
        if not args.no_self_test:
            self_test(folder)
        if not args.no_archives:
            pack(folder, args.dist, size, args.require_tools)
    except BuildError as exc:
        print(f"installer: FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    say(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
