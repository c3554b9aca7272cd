"""Export PDF and the live preview: the file has the headline; errors become a dialog."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop import report_bridge
from tests.conftest import EXAMPLES, TEMPLATES
from tests.desktop.conftest import TODAY, field_of, settle

pytestmark = pytest.mark.gui


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_export_pdf_contains_the_headline(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    settle(qtbot, window)
    window.commands["preview"].trigger()
    qtbot.waitUntil(lambda: window.preview.shown_case is window.document.case, timeout=30_000)
    previewed = window.preview.pdf_bytes
    headline = window.dashboard.headline.text()
    target = tmp_path / "out.pdf"
    dialogs.paths["export"] = target
    dialogs.open_pdf = True
    window.commands["export"].trigger()
    [(suggested,)] = dialogs.asked("export_pdf_path")
    assert (
        Path(suggested).name == f"Acme Logistics GmbH - Cost of inaction - {TODAY.isoformat()}.pdf"
    )
    qtbot.waitUntil(lambda: bool(dialogs.asked("ask_open_pdf")), timeout=30_000)
    assert dialogs.asked("open_file") == [(target,)]
    assert target.read_bytes() == previewed  # exactly what the preview showed
    text = pdf_text(target.read_bytes())
    assert headline.replace("\xa0", " ") in text.replace("\xa0", " ")
    assert "Acme Logistics GmbH" in text
    assert not dialogs.asked("error")


def test_export_to_an_unwritable_folder_shows_an_error(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    window.files.new_from_template(TEMPLATES / "blank.coi")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        dialogs.paths["export"] = locked / "case.pdf"
        window.commands["export"].trigger()
        qtbot.waitUntil(lambda: bool(dialogs.asked("error")), timeout=30_000)
    finally:
        locked.chmod(0o700)
    [(title, text)] = dialogs.asked("error")
    assert "PDF" in title
    assert "permission denied" in text.lower()
    assert "Traceback" not in text
    assert not dialogs.asked("ask_open_pdf")
    assert window.commands["export"].isEnabled()


def test_export_into_a_missing_folder_shows_an_error(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    window.files.new_from_template(TEMPLATES / "blank.coi")
    dialogs.paths["export"] = tmp_path / "no such folder" / "case.pdf"
    window.commands["export"].trigger()
    qtbot.waitUntil(lambda: bool(dialogs.asked("error")), timeout=30_000)
    [(_title, text)] = dialogs.asked("error")
    assert "does not exist" in text
    assert not (tmp_path / "no such folder").exists()
    assert window.progress.isHidden()


def test_preview_shows_the_export_and_follows_edits(qtbot: Any, window: Any) -> None:
    window.files.new_from_template(TEMPLATES / "blank.coi")
    window.commands["preview"].trigger()
    preview = window.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.shown_case is window.document.case, timeout=30_000)
    assert preview.document.pageCount() > 1
    first = preview.pdf_bytes
    # The blank template is not ready to send: the preview shows the draft.
    assert first == report_bridge.render(
        window.document.case, window.ctx.settings, date=window.ctx.today(), draft=True
    )

    window.outline.select("driver:0")
    line = field_of(window, "people").expected
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "40")
    qtbot.waitUntil(lambda: preview.shown_case is window.document.case, timeout=30_000)
    assert preview.pdf_bytes != first
    assert window.dashboard.headline.text().replace("\xa0", " ") in pdf_text(
        preview.pdf_bytes
    ).replace("\xa0", " ")
    assert not preview.view.grab().isNull()


def test_a_second_export_while_one_runs_is_refused_visibly_and_none_is_lost(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    dialogs.paths["export"] = first
    window.commands["export"].trigger()
    assert window.export.job.busy  # the first export runs in the background
    window.outline.select("driver:0")  # anything that refreshes the actions meanwhile
    assert not window.commands["export"].isEnabled()
    dialogs.paths["export"] = second
    window.export.export_pdf()  # Ctrl+E pressed again anyway
    assert len(dialogs.asked("export_pdf_path")) == 1  # refused before asking for a file
    assert "still running" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: bool(dialogs.asked("ask_open_pdf")), timeout=30_000)
    assert dialogs.asked("ask_open_pdf") == [(first,)]  # the first completion is reported
    assert first.read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: not window.export.job.busy, timeout=30_000)
    assert window.commands["export"].isEnabled()

    window.commands["export"].trigger()  # once it has finished, the next export runs
    qtbot.waitUntil(lambda: len(dialogs.asked("ask_open_pdf")) == 2, timeout=30_000)
    assert dialogs.asked("ask_open_pdf") == [(first,), (second,)]
    assert second.read_bytes().startswith(b"%PDF")
    assert not dialogs.asked("error")
