"""The PDF: rendered for the preview, and exported to a file in the background.

Preview and export call the same function (``desktop.report_bridge``) with the current
branding, and reuse the analysis the dashboard already made for the snapshot. A case that is
not ready to send (``calculators.readiness``) previews as a draft; exporting it shows the
readiness list first: each item leads to its field, or the rep exports a draft.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calculators.i18n import _
from desktop.ops.file import documents_folder, safe_name
from desktop.workers import LatestJob

if TYPE_CHECKING:
    from calculators.model import Case
    from desktop.ops import Host


def default_pdf_name(case: Case, today: dt.date) -> str:
    """'<buyer> - Cost of inaction - <date>.pdf', safe on every file system."""
    buyer = safe_name(case.buyer.company) or _("Business case")
    return f"{buyer} - {_('Cost of inaction')} - {today.isoformat()}.pdf"


class ExportOps:
    """One export at a time, in the background (``job``)."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.job = LatestJob(parent=host.window())
        self.job.ready.connect(self._exported)
        self.job.failed.connect(self._failed)
        self.job.busyChanged.connect(host.export_busy)

    def report_analysis(self, case: Case) -> Any:
        """The report analysis the dashboard made for ``case``, if it has one (else None)."""
        latest = self.host.latest_analysis
        return latest.analysis if latest is not None and latest.case is case else None

    def render_pdf(self, case: Case) -> bytes:
        """The PDF bytes of ``case`` with the current branding (preview and export alike);
        marked DRAFT while the case is not ready to send."""
        from calculators.readiness import is_ready
        from desktop import report_bridge

        ctx = self.host.ctx
        today = ctx.today()
        draft = not is_ready(case, today)
        return report_bridge.render(
            case, ctx.settings, self.report_analysis(case), today, draft=draft
        )

    def review(self, case: Case) -> bool | None:
        """Whether to export ``case`` as a draft (False: it is ready), or None to stop.

        When anything blocks, the readiness list comes first: "Fix" (or an item) shows the
        field and stops, "Export as draft" goes on with a draft.
        """
        from calculators.readiness import check

        items = check(case, self.host.ctx.today())
        if not any(item.blocking for item in items):
            return False
        choice = self.host.ctx.dialogs.review_readiness(self.host.window(), items)
        if choice.action == "draft":
            return True
        if choice.action == "fix" and choice.path:
            self.host.focus_field(choice.path)
        return None

    def export_pdf(self) -> None:
        """Ask for a file and write the PDF in the background; one export at a time.

        While an export runs, Export is disabled and a further request is refused with a
        message, so no export's result or error is ever replaced by a later one.
        """
        doc = self.host.document
        if doc is None or self._running():
            return
        draft = self.review(doc.case)
        if draft is None:
            return
        ctx = self.host.ctx
        session = ctx.settings.session
        folder = Path(
            session.last_export_folder
            or (str(doc.path.parent) if doc.path else "")
            or session.last_folder
            or documents_folder()
        )
        suggested = folder / default_pdf_name(doc.case, ctx.today())
        path = ctx.dialogs.export_pdf_path(self.host.window(), str(suggested))
        if path is None or self._running():
            return
        case = doc.case
        settings = ctx.settings
        self.host.statusBar().showMessage(_("Exporting {name}…").format(name=path.name))

        analysis = self.report_analysis(case)
        today = ctx.today()
        from desktop import report_bridge

        def job() -> Path:
            report_bridge.write(case, path, settings, analysis, today, draft=draft)
            return path

        self.job.request(job, ctx.ui_language, immediate=True)

    def _running(self) -> bool:
        if not self.job.busy:
            return False
        self.host.statusBar().showMessage(
            _("An export is still running; export again when it has finished."), 6000
        )
        return True

    def _exported(self, result: object) -> None:
        assert isinstance(result, Path)
        ctx = self.host.ctx
        session = ctx.settings.session.model_copy(update={"last_export_folder": str(result.parent)})
        ctx.save_settings(ctx.settings.model_copy(update={"session": session}))
        self.host.statusBar().showMessage(_("Exported {name}").format(name=result.name), 6000)
        if ctx.dialogs.ask_open_pdf(self.host.window(), result):
            ctx.dialogs.open_file(result)

    def _failed(self, error: object) -> None:
        from calculators.errors import CaseError

        self.host.statusBar().clearMessage()
        if isinstance(error, CaseError):
            text = str(error)
        elif isinstance(error, OSError):
            text = f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")
        else:
            text = str(error) or type(error).__name__
        self.host.ctx.dialogs.error(self.host.window(), _("Could not export the PDF"), text)
