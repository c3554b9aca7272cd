"""The Windows and macOS packing steps of build.py and the artefact check (smoke.py), in the
parts that run on any OS: the zip, the signing and Inno Setup commands, finding artefacts."""

from __future__ import annotations

import importlib
import sys
import zipfile
from pathlib import Path

import pytest
import smoke

# packaging/build.py (not PyPI's ``build``); imported by name so that import sorting does not
# depend on whether a build/ folder happens to exist in the checkout.
build = importlib.import_module("build")


def test_the_zip_holds_the_folder_under_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "cost-of-inaction"
    (folder / "_internal" / "resources").mkdir(parents=True)
    (folder / "cost-of-inaction.exe").write_bytes(b"MZ app")
    (folder / "_internal" / "resources" / "a.txt").write_text("data")
    archive = build.zip_folder(folder, tmp_path / "out.zip")
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == [
            "cost-of-inaction/_internal/resources/a.txt",
            "cost-of-inaction/cost-of-inaction.exe",
        ]
        assert zf.read("cost-of-inaction/cost-of-inaction.exe") == b"MZ app"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_zip_refuses_links(tmp_path: Path) -> None:
    folder = tmp_path / "cost-of-inaction"
    folder.mkdir()
    (folder / "cost-of-inaction").write_bytes(b"")
    (folder / "coi").symlink_to("cost-of-inaction")
    with pytest.raises(build.BuildError, match="link cost-of-inaction/coi"):
        build.zip_folder(folder, tmp_path / "out.zip")


def test_signing_uses_a_thumbprint_and_a_timestamp_never_a_password() -> None:
    command = build.sign_command("signtool.exe", "AB12", "http://ts.example")
    assert command == [
        "signtool.exe",
        "sign",
        "/fd",
        "SHA256",
        "/sha1",
        "AB12",
        "/tr",
        "http://ts.example",
        "/td",
        "SHA256",
    ]


def test_inno_setup_signs_setup_and_uninstaller_only_when_asked(tmp_path: Path) -> None:
    plain = build.iscc_command("iscc", tmp_path / "bundle", tmp_path, None)
    assert plain[0] == "iscc" and plain[-1].endswith("cost-of-inaction.iss")
    assert not any(arg.startswith(("/S", "/DSignTool")) for arg in plain)
    tool = r"C:\Program Files (x86)\Windows Kits\10\bin\x64\signtool.exe"
    signed = build.iscc_command("iscc", tmp_path, tmp_path, build.sign_command(tool, "AB12"))
    (named,) = [arg for arg in signed if arg.startswith("/Ssigntool=")]
    assert named.startswith(f"/Ssigntool=$q{tool}$q sign /fd SHA256 /sha1 AB12 ")
    assert named.endswith(" $f")
    assert "/DSignTool=signtool" in signed
    assert signed[-1] == plain[-1]


def test_the_iss_script_takes_the_sign_tool_from_the_command_line() -> None:
    script = (build.HERE / "windows" / "cost-of-inaction.iss").read_text(encoding="utf-8")
    assert "#ifdef SignTool" in script and "SignTool={#SignTool}" in script


def test_a_missing_packing_tool_is_skipped_unless_required(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def missing() -> None:
        raise build.MissingTool("setup: ISCC.exe not found")

    build.optional(missing, require_tools=False)
    assert "setup: ISCC.exe not found; skipped" in capsys.readouterr().out
    with pytest.raises(build.MissingTool):
        build.optional(missing, require_tools=True)


def test_smoke_finds_exactly_one_artefact(tmp_path: Path) -> None:
    with pytest.raises(smoke.SmokeFailure, match="found none"):
        smoke.artefact(tmp_path, "cost-of-inaction-*-windows-*.zip")
    (tmp_path / "cost-of-inaction-0.1.0-windows-x86_64.zip").write_bytes(b"")
    assert smoke.artefact(tmp_path, "cost-of-inaction-*-windows-*.zip").name.endswith(".zip")
    (tmp_path / "cost-of-inaction-0.0.9-windows-x86_64.zip").write_bytes(b"")
    with pytest.raises(smoke.SmokeFailure, match=r"0\.0\.9.*0\.1\.0"):
        smoke.artefact(tmp_path, "cost-of-inaction-*-windows-*.zip")


def test_smoke_reports_a_missing_build_as_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert smoke.main(["--dist", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith(" failed")


def test_signtool_is_the_newest_sdk_one_unless_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for version in ("10.0.9200.0", "10.0.22621.0", "10.0.26100.0"):
        tool = tmp_path / "Windows Kits" / "10" / "bin" / version / "x64" / "signtool.exe"
        tool.parent.mkdir(parents=True)
        tool.write_bytes(b"")
    monkeypatch.setenv("PROGRAMFILES(X86)", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("COI_SIGNTOOL", raising=False)
    found = build.find_signtool()
    assert found is not None and Path(found).parent.parent.name == "10.0.26100.0"
    monkeypatch.setenv("COI_SIGNTOOL", "C:/tools/signtool.exe")
    assert build.find_signtool() == "C:/tools/signtool.exe"
