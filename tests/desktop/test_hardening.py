"""Issue 17 in the app: cases it cannot open, two windows on one file, read-only files,
untrusted autosave sidecars, many orphans, numbers typed in foreign digits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calculators.storage import load
from tests.conftest import EXAMPLES, deadline
from tests.desktop.conftest import field_of

pytestmark = pytest.mark.gui
ACME = EXAMPLES / "acme-order-automation.coi"


def bad_case(path: Path, value: str = "1e1000000") -> Path:
    data = json.loads(ACME.read_text(encoding="utf-8"))
    data["drivers"][0]["inputs"]["hourly_cost"]["expected"] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def edit_people(qtbot: Any, window: Any, text: str) -> None:
    window.outline.select("driver:0")
    line = field_of(window, "people").expected
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.waitUntil(lambda: window.document.case.drivers[0].input("people").expected == int(text))


def test_gui_numbers_follow_the_file_rule() -> None:
    from calculators.numbers import NumberError, parse_decimal
    from desktop.numberio import ParseError, parse_number

    for text in ("４８", "٤٨", "4_8"):
        with pytest.raises(NumberError):
            parse_decimal(text)
        with pytest.raises(ParseError):
            parse_number(text, "en_US", "USD")
    with pytest.raises(ParseError, match="at most 34 digits after the decimal point"):
        parse_number("0," + "0" * 34 + "1", "de_DE", "EUR")
    with pytest.raises(ParseError, match="must be between"):
        parse_number("10000000000000000", "en_US", "USD")
    assert parse_number("48", "en_US", "USD") == Decimal(48)


@pytest.mark.parametrize("value", ["1e1000000", "1e-999999999", "４８"])
def test_a_case_that_cannot_be_opened_is_a_dialog_from_open_and_template(
    window: Any, dialogs: Any, tmp_path: Path, value: str
) -> None:
    path = bad_case(tmp_path / "bad.coi", value)
    assert not window.files.open_path(path)  # a file argument, a double-click, File > Open
    assert not window.files.new_from_template(path)  # a (team) template
    assert not window.files.open_example(path)
    errors = dialogs.asked("error")
    assert [title for title, _text in errors] == [
        "Could not open the case",
        "Could not start from the template",
        "Could not open the example",
    ]
    # Named by its label, not its key (issue 14): "Driver 1 · Loaded hourly cost (most likely)".
    assert all("Driver 1 · Loaded hourly cost (most likely)" in text for _t, text in errors)
    assert window.document is None


def test_an_autosave_that_cannot_be_opened_is_a_dialog(
    make_window: Any, dialogs: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "data" / "autosave"
    folder.mkdir(parents=True)
    bad_case(folder / "dead.coi")
    window = make_window()
    assert not window.files.check_recovery()
    assert [title for title, _text in dialogs.asked("error")] == ["Could not recover"]


def test_two_windows_on_one_file_ask_before_overwriting(
    qtbot: Any, make_window: Any, dialogs: Any, tmp_path: Path
) -> None:
    path = tmp_path / "acme.coi"
    path.write_bytes(ACME.read_bytes())
    first, second = make_window(), make_window()
    assert first.files.open_path(path) and second.files.open_path(path)
    edit_people(qtbot, second, "7")
    second.commands["save"].trigger()
    assert not dialogs.asked("confirm")  # nobody else changed it
    edit_people(qtbot, first, "5")
    dialogs.confirm_answer = False
    first.commands["save"].trigger()
    assert [title for title, _text in dialogs.asked("confirm")] == ["File changed elsewhere"]
    assert load(path).drivers[0].input("people").expected == 7  # the other save survives
    assert first.isWindowModified()
    dialogs.confirm_answer = True
    first.commands["save"].trigger()
    assert load(path).drivers[0].input("people").expected == 5


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_read_only_file_is_not_replaced_without_asking(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    path = tmp_path / "acme.coi"
    path.write_bytes(ACME.read_bytes())
    path.chmod(0o444)
    assert window.files.open_path(path)
    edit_people(qtbot, window, "7")
    dialogs.confirm_answer = False
    window.commands["save"].trigger()
    assert [title for title, _text in dialogs.asked("confirm")] == ["Read-only file"]
    assert load(path).drivers[0].input("people").expected == 6


def test_autosave_sidecar_is_not_trusted(tmp_path: Path) -> None:
    from desktop.autosave import find_orphans, trusted_original

    assert trusted_original("/home/someone/.bashrc") is None
    assert trusted_original("relative.coi") is None
    assert trusted_original(["/x.coi"]) is None
    assert trusted_original(str(tmp_path)) is None
    assert trusted_original(str(tmp_path / "case.coi")) == tmp_path / "case.coi"
    folder = tmp_path / "autosave"
    folder.mkdir()
    (folder / "a.coi").write_bytes(ACME.read_bytes())
    (folder / "a.json").write_text(json.dumps({"original": "/etc/passwd", "title": "x" * 5000}))
    (folder / "b.coi").write_bytes(ACME.read_bytes())
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "b.json")  # a FIFO sidecar must not hang the start
    with deadline(20):
        orphans = find_orphans(folder)
    assert len(orphans) == 2
    assert all(orphan.original is None for orphan in orphans)
    assert all(len(orphan.title) <= 120 for orphan in orphans)


def test_many_orphans_make_a_short_question(tmp_path: Path) -> None:
    from desktop.dialogs import MAX_RECOVERY_LINES, RecoveryItem, recovery_lines

    items = [RecoveryItem(f"Case {i}", None, "today") for i in range(300)]
    lines = recovery_lines(items)
    assert len(lines) == MAX_RECOVERY_LINES + 1
    assert lines[-1] == "... and 292 more"


def test_stray_temp_files_are_cleaned_on_start(make_window: Any, tmp_path: Path) -> None:
    folder = tmp_path / "data" / "autosave"
    folder.mkdir(parents=True)
    stray = folder / ".0123abcd.coi.k2j3h4g5.tmp"
    stray.write_bytes(b"half a save")
    os.utime(stray, (1_000_000, 1_000_000))
    window = make_window()
    window.files.check_recovery()
    assert not stray.exists()


def test_bidi_overrides_show_the_same_in_app_cli_and_pdf(
    qtbot: Any, window: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from calculators import cli
    from calculators.report import render_pdf
    from tests.calculators.report.helpers import text_of
    from tests.desktop.conftest import settle

    data = json.loads(ACME.read_text(encoding="utf-8"))
    data["drivers"][0]["name"] = "Invoice \u202egnp.exe\u202c \x1b[2J"
    path = tmp_path / "bidi.coi"
    path.write_text(json.dumps(data), encoding="utf-8")
    shown = "Invoice \ufffdgnp.exe\ufffd \ufffd[2J"
    assert window.files.open_path(path)
    settle(qtbot, window)
    assert window.outline.item_for("driver:0").text(0) == shown  # the app
    assert cli.main(["summary", str(path)]) == 0
    assert shown in capsys.readouterr().out  # the CLI
    assert shown in text_of(render_pdf(load(path)))  # the PDF


# The real start-up with a case argument (a double-click); the dialog service prints instead
# of showing a modal dialog.
STARTUP_CHILD = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import desktop.dialogs as dialogs

class Printing(dialogs.DialogService):
    def error(self, parent, title, text, details=""):
        print("ERROR", title, "|", text, flush=True)

        def after():  # what the window shows once the dialog is closed
            print("PAGE", type(window.centralWidget().currentWidget()).__name__, flush=True)
            QApplication.instance().quit()

        QTimer.singleShot(0, after)

dialogs.DialogService = Printing
from desktop.app import start
app, window = start([sys.argv[1]])
print("SHOWN", window.isVisible(), window.document is None, flush=True)
def opened():
    if window.document is not None:
        print("OPENED", window.document.case.buyer.company, flush=True)
        app.quit()
    else:
        QTimer.singleShot(20, opened)
QTimer.singleShot(0, opened)
QTimer.singleShot(30_000, app.quit)
app.exec()
"""


def start_with(tmp_path: Path, case: Path) -> list[str]:
    from tests.desktop.test_recovery import environment

    done = subprocess.run(
        [sys.executable, "-c", STARTUP_CHILD, str(case)],
        cwd=tmp_path,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout.splitlines()


def test_double_click_shows_the_window_first_then_opens_the_case(tmp_path: Path) -> None:
    lines = start_with(tmp_path, ACME)
    assert lines[0] == "SHOWN True True"  # shown before the core and the case are loaded
    assert lines[1] == "OPENED Acme Logistics GmbH"


def test_double_click_on_a_case_it_cannot_open_is_a_dialog(tmp_path: Path) -> None:
    lines = start_with(tmp_path, bad_case(tmp_path / "bad.coi"))
    assert lines[0] == "SHOWN True True"
    assert lines[1].startswith("ERROR Could not open the case | ")
    assert "Driver 1 · Loaded hourly cost (most likely): must be between" in lines[1]
    assert lines[2] == "PAGE StartPage"  # not an empty window
