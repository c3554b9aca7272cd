"""The finance workbook: File › Export Workbook, and File › Import Buyer's Answers.

Export writes ``calculators.workbook.build.write_workbook`` of the current case (a fraction
of a second, so in the foreground). Import reads a workbook's input cells back
(``calculators.workbook.importer.read_answers``), shows each change "old -> new" with who
confirmed it, and applies them all as one undoable edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from calculators.errors import CaseError
from calculators.i18n import _, ngettext
from desktop.ops.file import documents_folder, safe_name

if TYPE_CHECKING:
    from calculators.model import Case
    from desktop.ops import Host


def default_workbook_name(case: Case) -> str:
    """'<buyer> - Cost of inaction.xlsx', safe on every file system."""
    buyer = safe_name(case.buyer.company) or _("Business case")
    return f"{buyer} - {_('Cost of inaction')}.xlsx"


class WorkbookOps:
    def __init__(self, host: Host) -> None:
        self.host = host

    def _folder(self) -> Path:
        doc = self.host.document
        session = self.host.ctx.settings.session
        return Path(
            session.last_export_folder
            or (str(doc.path.parent) if doc is not None and doc.path else "")
            or session.last_folder
            or documents_folder()
        )

    def export_workbook(self) -> None:
        """Ask for a file and write the workbook of the current case."""
        from calculators.workbook.build import write_workbook

        doc = self.host.document
        if doc is None:
            return
        ctx = self.host.ctx
        suggested = self._folder() / default_workbook_name(doc.case)
        path = ctx.dialogs.save_workbook_path(self.host.window(), str(suggested))
        if path is None:
            return
        try:
            write_workbook(doc.case, path)
        except (CaseError, OSError) as exc:
            text = str(exc) if isinstance(exc, CaseError) else f"{path}: {exc.strerror or exc}"
            ctx.dialogs.error(self.host.window(), _("Could not export the workbook"), text)
            return
        self.host.statusBar().showMessage(_("Exported {name}").format(name=path.name), 6000)

    def import_answers(self) -> None:
        """Read a workbook's input cells back; show the changes; apply them as one edit."""
        from calculators.workbook.importer import read_answers

        doc = self.host.document
        if doc is None:
            return
        ctx, window = self.host.ctx, self.host.window()
        path = ctx.dialogs.open_workbook_path(window, str(self._folder()))
        if path is None:
            return
        title = _("Import the buyer's answers")
        try:
            updated, changes = read_answers(doc.case, path)
        except CaseError as exc:
            ctx.dialogs.error(window, _("Could not import the buyer's answers"), str(exc))
            return
        if not changes:
            ctx.dialogs.info(window, title, _("No input changed."))
            return
        text = "\n".join(change.line() for change in changes)
        if ctx.dialogs.confirm(window, title, text, _("Apply")):
            doc.apply(updated, _("Import Buyer's Answers"))
            self.host.statusBar().showMessage(
                ngettext("{count} value changed", "{count} values changed", len(changes)).format(
                    count=len(changes)
                ),
                6000,
            )
