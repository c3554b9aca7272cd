"""Check the installer that ``python3 dev.py installer`` left in ``dist/``, as a rep gets it.

    python3 packaging/smoke.py [--dist DIR] [--example FILE] [--install]

Unpacks this OS's artefact into a scratch folder and runs, in a bare environment (no
virtualenv, no settings; Qt offscreen), the app's ``--self-test`` and ``coi summary`` of an
example; checks that the native Qt platform plugin is in the bundle (the self-test runs
offscreen, so it cannot load it):

- Linux: ``cost-of-inaction-*-linux-*.tar.gz``, and the ``.deb`` registers the .coi MIME type;
- Windows: ``cost-of-inaction-*-windows-*.zip``; with ``--install`` also the setup, silently
  for the current user into a scratch folder, then the installed copy, then its uninstaller;
- macOS: the ``.app`` inside ``cost-of-inaction-*-macos-*.dmg`` (mounted read-only).

Standard library only (CI runs it with any Python 3.11). Ends with ``installer: N passed,
M failed``; exit code 0 when nothing failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
APP = "cost-of-inaction"
MAC_APP = "Cost of Inaction.app"
EXAMPLE = ROOT / "resources" / "examples" / "acme-order-automation.coi"
LINUX = sys.platform.startswith("linux")
MACOS = sys.platform == "darwin"
WINDOWS = sys.platform == "win32"
# The Qt platform plugin a rep's desktop needs, by OS (file stem, as in the bundle).
NATIVE_PLUGIN = {"linux": "libqxcb", "win32": "qwindows", "darwin": "libqcocoa"}


class SmokeFailure(Exception):
    pass


def say(message: str) -> None:
    print(f"smoke: {message}", flush=True)


def artefact(dist: Path, pattern: str) -> Path:
    """The one file in ``dist`` matching ``pattern``; fails on none or several."""
    found = sorted(dist.glob(pattern))
    if len(found) != 1:
        names = ", ".join(p.name for p in found) or "none"
        raise SmokeFailure(f"expected one {pattern} in {dist}, found {names}")
    return found[0]


def bare_environment(home: Path) -> dict[str, str]:
    """What a freshly logged-in user has: no virtualenv, no PYTHON* variables, no settings."""
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = {"HOME": str(home), "LANG": "C.UTF-8", "XDG_RUNTIME_DIR": str(home)}
    if WINDOWS:
        system_root = os.environ.get("SYSTEMROOT", "C:\\Windows")
        temp = home / "AppData" / "Local" / "Temp"
        temp.mkdir(parents=True, exist_ok=True)
        env.update(
            SYSTEMROOT=system_root,
            PATH=f"{system_root}\\System32;{system_root}",
            USERPROFILE=str(home),
            APPDATA=str(home / "AppData" / "Roaming"),
            LOCALAPPDATA=str(home / "AppData" / "Local"),
            TEMP=str(temp),
            TMP=str(temp),
        )
    else:
        env["PATH"] = "/usr/bin:/bin"
    return env


def programs(folder: Path) -> tuple[Path, Path]:
    """(app, coi) in a bundle folder (on macOS: the .app's Contents/MacOS)."""
    suffix = ".exe" if WINDOWS else ""
    return folder / f"{APP}{suffix}", folder / f"coi{suffix}"


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, capture_output=True, text=True, check=False, timeout=600
    )


def self_test(folder: Path, home: Path) -> str:
    app, _ = programs(folder)
    env = {**bare_environment(home), "QT_QPA_PLATFORM": "offscreen"}
    result = run([str(app), "--self-test"], env)
    line = (result.stdout.strip().splitlines() or [""])[-1]
    if result.returncode != 0 or not line.startswith("self-test ok"):
        detail = line or result.stderr.strip()[-2000:]
        raise SmokeFailure(f"{app} --self-test (exit {result.returncode}): {detail}")
    return line


def coi_summary(folder: Path, home: Path, example: Path) -> str:
    _, coi = programs(folder)
    result = run([str(coi), "summary", str(example)], bare_environment(home))
    if result.returncode != 0 or not result.stdout.strip():
        raise SmokeFailure(f"{coi} summary (exit {result.returncode}): {result.stderr[-2000:]}")
    return f"coi summary {example.name}: {len(result.stdout.splitlines())} lines"


def native_plugin(bundle: Path) -> str:
    stem = NATIVE_PLUGIN.get(sys.platform)
    if stem is None:
        return "no native Qt platform plugin known for this OS"
    found = [p for p in bundle.rglob(f"{stem}.*") if p.parent.name == "platforms"]
    if not found:
        raise SmokeFailure(f"the Qt platform plugin {stem} is not in {bundle}")
    return f"Qt platform plugin {found[0].relative_to(bundle).as_posix()}"


# --- where the bundle is, per OS ---------------------------------------------------------------


@contextmanager
def linux_bundle(dist: Path, scratch: Path) -> Iterator[Path]:
    archive = artefact(dist, f"{APP}-*-linux-*.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(scratch / "unpacked", filter="tar")
    (top,) = (scratch / "unpacked").iterdir()
    yield top / APP


@contextmanager
def windows_bundle(dist: Path, scratch: Path) -> Iterator[Path]:
    archive = artefact(dist, f"{APP}-*-windows-*.zip")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(scratch / "unpacked")
    yield scratch / "unpacked" / APP


@contextmanager
def macos_bundle(dist: Path, scratch: Path) -> Iterator[Path]:
    dmg = artefact(dist, f"{APP}-*-macos-*.dmg")
    mount = scratch / "dmg"
    mount.mkdir()
    attach = ["hdiutil", "attach", "-nobrowse", "-readonly", "-noautoopen"]
    subprocess.run([*attach, "-mountpoint", str(mount), str(dmg)], check=True)
    try:
        yield mount / MAC_APP / "Contents" / "MacOS"
    finally:
        subprocess.run(["hdiutil", "detach", str(mount), "-force"], check=False)


@contextmanager
def windows_installed(dist: Path, scratch: Path) -> Iterator[Path]:
    """The setup installed silently for this user into ``scratch``; uninstalled afterwards."""
    setup = artefact(dist, f"{APP}-*-setup.exe")
    target = scratch / "installed"
    log = scratch / "setup.log"
    command = [
        str(setup),
        "/VERYSILENT",
        "/SUPPRESSMSGBOXES",
        "/NORESTART",
        "/CURRENTUSER",
        f"/DIR={target}",
        f"/LOG={log}",
    ]
    result = subprocess.run(command, check=False, timeout=600)
    if result.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise SmokeFailure(f"the setup failed (exit {result.returncode}): {tail}")
    try:
        yield target
    finally:
        uninstallers = sorted(target.glob("unins*.exe"))
        if uninstallers:
            subprocess.run(
                [str(uninstallers[0]), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"],
                check=False,
                timeout=600,
            )


def deb_registers_mime(dist: Path) -> str:
    deb = artefact(dist, f"{APP}_*.deb")
    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    wanted = f"usr/share/mime/packages/{APP}.xml"
    if wanted not in contents:
        raise SmokeFailure(f"{deb.name} does not install {wanted}")
    return f"{deb.name} installs {wanted}"


# --- main --------------------------------------------------------------------------------------


def check_bundle(
    label: str,
    opener: Callable[[Path, Path], AbstractContextManager[Path]],
    dist: Path,
    example: Path,
    plugin_root: Callable[[Path], Path] = lambda folder: folder,
) -> tuple[int, int]:
    """Open one bundle and run the checks on it; (passed, failed)."""
    passed = failed = 0
    # ignore_cleanup_errors: on Windows an uninstaller may still hold files for a moment.
    with tempfile.TemporaryDirectory(
        prefix="coi-smoke-", ignore_cleanup_errors=True
    ) as scratch_name:
        scratch = Path(scratch_name)
        try:
            with opener(dist, scratch) as folder:
                checks: list[tuple[str, Callable[[], str]]] = [
                    ("self-test", lambda: self_test(folder, scratch / "home-app")),
                    ("coi summary", lambda: coi_summary(folder, scratch / "home-cli", example)),
                    ("Qt platform plugin", lambda: native_plugin(plugin_root(folder))),
                ]
                for name, check in checks:
                    try:
                        say(f"{label}: {check()}")
                        passed += 1
                    except (SmokeFailure, OSError, subprocess.SubprocessError) as exc:
                        say(f"{label}: {name} FAILED: {exc}")
                        failed += 1
        except (SmokeFailure, OSError, subprocess.SubprocessError) as exc:
            say(f"{label}: FAILED: {exc}")
            failed += 1
    return passed, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check this OS's built installer.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the build put it")
    parser.add_argument("--example", type=Path, default=EXAMPLE, help="a .coi for coi summary")
    parser.add_argument(
        "--install", action="store_true", help="Windows: also run the setup and the installed copy"
    )
    args = parser.parse_args(argv)
    dist, example = args.dist.resolve(), args.example.resolve()
    passed = failed = 0
    if LINUX:
        p, f = check_bundle("tar.gz", linux_bundle, dist, example)
        passed, failed = passed + p, failed + f
        if shutil.which("dpkg-deb"):
            try:
                say(f"deb: {deb_registers_mime(dist)}")
                passed += 1
            except (SmokeFailure, OSError, subprocess.SubprocessError) as exc:
                say(f"deb: FAILED: {exc}")
                failed += 1
    elif WINDOWS:
        p, f = check_bundle("zip", windows_bundle, dist, example)
        passed, failed = passed + p, failed + f
        if args.install:
            p, f = check_bundle("setup", windows_installed, dist, example)
            passed, failed = passed + p, failed + f
    elif MACOS:
        p, f = check_bundle(
            "dmg", macos_bundle, dist, example, plugin_root=lambda macos: macos.parent
        )
        passed, failed = passed + p, failed + f
    else:
        say(f"no installer is built on {sys.platform}")
        failed += 1
    print(f"installer: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
