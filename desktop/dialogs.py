"""Every question the app asks and every file it picks goes through one replaceable service.

The main window never calls QMessageBox or QFileDialog itself. Tests hand it a scripted
service, so no test ever blocks on a modal dialog.

Text from a case or a file (a title, a buyer, a file name, a message quoting either) is shown
as plain text: every message box is made by :func:`message_box`, which sets
``Qt.TextFormat.PlainText`` on its text and on its informative text, so ``<b>`` or
``<a href>`` in a case shows literally and is never a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from calculators.readiness import Item
    from desktop.readiness_dialog import ReadinessChoice

from calculators.i18n import _, ngettext

SaveChoice = Literal["save", "discard", "cancel"]
RecoverChoice = Literal["recover", "discard", "keep"]


MAX_RECOVERY_LINES = 8


def recovery_lines(items: Sequence[RecoveryItem]) -> list[str]:
    """The recovery question's list: the newest few, then "... and N more".

    300 orphaned autosaves must not make a dialog taller than the screen.
    """
    lines = [
        _("{title}, autosaved {when}").format(title=item.title, when=item.saved_at)
        for item in items[:MAX_RECOVERY_LINES]
    ]
    hidden = len(items) - MAX_RECOVERY_LINES
    if hidden > 0:
        more = ngettext("... and {count} more", "... and {count} more", hidden)
        lines.append(more.format(count=hidden))
    return lines


@dataclass(frozen=True)
class RecoveryItem:
    """One autosaved piece of unsaved work found at start-up."""

    title: str
    original: str | None  # the file it was edited from, if any
    saved_at: str  # already formatted for people


def message_box(
    parent: QWidget | None, icon: str, title: str, text: str, informative: str = ""
) -> QMessageBox:
    """A message box that shows every text as plain text (``icon``: a QMessageBox.Icon name)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QMessageBox

    box = QMessageBox(parent)
    box.setIcon(getattr(QMessageBox.Icon, icon))
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    # QMessageBox guesses the informative text's format; nothing from a case is rich text.
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setOpenExternalLinks(False)
    return box


class DialogService:
    """The real dialogs (modal, native where the platform has them).

    The Qt dialog classes are imported where used: none is needed before the first frame.
    """

    def ask_save_changes(self, parent: QWidget | None, name: str) -> SaveChoice:
        from PySide6.QtWidgets import QMessageBox

        box = message_box(
            parent,
            "Warning",
            _("Unsaved changes"),
            _("Save the changes to “{name}” before closing?").format(name=name),
            _("Your changes are lost if you don't save them."),
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def open_case_path(self, parent: QWidget | None, folder: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(
            parent, _("Open case"), folder, _("Cost of Inaction cases (*.coi);;All files (*)")
        )
        return Path(name) if name else None

    def save_case_path(self, parent: QWidget | None, suggested: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getSaveFileName(
            parent, _("Save case as"), suggested, _("Cost of Inaction cases (*.coi)")
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".coi")

    def export_pdf_path(self, parent: QWidget | None, suggested: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getSaveFileName(
            parent, _("Export PDF"), suggested, _("PDF documents (*.pdf)")
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def save_workbook_path(self, parent: QWidget | None, suggested: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getSaveFileName(
            parent, _("Export Workbook"), suggested, _("Excel workbooks (*.xlsx)")
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def open_workbook_path(self, parent: QWidget | None, folder: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(
            parent, _("Import Buyer's Answers"), folder, _("Excel workbooks (*.xlsx)")
        )
        return Path(name) if name else None

    def choose_logo(self, parent: QWidget | None, folder: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(
            parent, _("Choose logo"), folder, _("Images (*.png *.jpg *.jpeg)")
        )
        return Path(name) if name else None

    def pick_colour(self, parent: QWidget | None, current: str) -> str | None:
        from PySide6.QtGui import QColor
        from PySide6.QtWidgets import QColorDialog

        colour = QColorDialog.getColor(QColor(current), parent, _("Brand colour"))
        return str(colour.name()).upper() if colour.isValid() else None

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:

        box = message_box(parent, "Critical", title, text)
        if details:
            box.setDetailedText(details)
        box.exec()

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = message_box(parent, "Question", title, text)
        ok = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        box = message_box(parent, "Information", title, text)
        box.exec()

    def ask_recover(self, parent: QWidget | None, items: Sequence[RecoveryItem]) -> RecoverChoice:
        from PySide6.QtWidgets import QMessageBox

        box = message_box(
            parent,
            "Question",
            _("Recover unsaved work"),
            _("Cost of Inaction did not close normally. Recover your unsaved work?"),
            "\n".join(recovery_lines(items)),
        )
        recover = box.addButton(_("Recover"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("Decide later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(recover)
        box.exec()
        clicked = box.clickedButton()
        if clicked is recover:
            return "recover"
        if clicked is discard:
            return "discard"
        return "keep"

    def review_readiness(self, parent: QWidget | None, items: Sequence[Item]) -> ReadinessChoice:
        """Show what blocks sending the case: fix an item, export a draft, or cancel."""
        from desktop.readiness_dialog import ReadinessDialog

        dialog = ReadinessDialog(items, parent)
        dialog.exec()
        return dialog.choice

    def ask_open_pdf(self, parent: QWidget | None, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = message_box(
            parent,
            "Information",
            _("PDF exported"),
            _("Saved the business case as {name}.").format(name=path.name),
        )
        open_button = box.addButton(_("Open PDF"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_button)
        box.exec()
        return box.clickedButton() is open_button

    def open_file(self, path: Path) -> bool:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        """Open ``path`` in the system's viewer."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
