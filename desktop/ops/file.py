"""The case's file: new (from a template or an example), open, save, save as, revert, close,
recent files, and recovering autosaved work after a crash.

Every question goes through the dialog service; loading and saving are
``calculators.storage``. The core is imported where it is used, not before the first frame.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths

from calculators.i18n import _
from desktop.autosave import find_orphans
from desktop.dialogs import DialogService, RecoveryItem
from desktop.document import Document

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from calculators.model import Case
    from desktop.ops import Host

UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str) -> str:
    """``text`` without the characters a file name may not hold (may be empty)."""
    return UNSAFE_NAME.sub("-", text).strip(" .-")


def problem_text(exc: BaseException) -> str:
    """What a dialog says about a case that cannot be opened: the problems, or one line."""
    from calculators.errors import CaseError

    if isinstance(exc, CaseError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return _("the file is nested too deeply")
    return _("a number in the file is too large or too precise to compute with")


def problem_list(exc: BaseException) -> list[str]:
    """The problems of a case that cannot be opened, one line each."""
    from calculators.errors import CaseError

    return list(exc.problems) if isinstance(exc, CaseError) else [problem_text(exc)]


def documents_folder() -> str:
    """The user's documents folder (their home folder when there is none): where the first
    Save and Export dialogs open, never the folder the app happened to start in."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return location
    return str(Path.home())


class FileOps:
    def __init__(self, host: Host) -> None:
        self.host = host

    @property
    def dialogs(self) -> DialogService:
        return self.host.ctx.dialogs

    # -- leaving the current document -------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or clean)."""
        doc = self.host.document
        if doc is None or not doc.dirty:
            return True
        answer = self.dialogs.ask_save_changes(self.host.window(), doc.display_name)
        if answer == "cancel":
            return False
        if answer == "save":
            return self.save()
        return True

    def close_case(self) -> bool:
        if not self.maybe_save():
            return False
        self.host.show_start_page()
        return True

    def new_case(self) -> None:
        """File > New: back to the start page, where the templates are."""
        self.close_case()

    # -- opening ----------------------------------------------------------------------------
    def new_from_template(self, path: Path) -> bool:
        from calculators.errors import CaseError
        from desktop import edits
        from desktop.store import team_case_fields

        if not self.maybe_save():
            return False
        ctx = self.host.ctx
        settings = ctx.settings
        seller = {
            "company": settings.branding.company_name,
            "rep": settings.rep.name,
            "email": settings.rep.email,
            "phone": settings.rep.phone,
        }
        try:
            case = edits.case_from_template(
                path,
                today=ctx.today(),
                locale=settings.defaults.locale,
                currency=settings.defaults.currency,
                seller=seller,
                team_fields=team_case_fields(),
            )
        except (CaseError, ArithmeticError, RecursionError) as exc:
            self._cannot_open(_("Could not start from the template"), Path(path), problem_list(exc))
            return False
        name = Path(path).stem.replace("-", " ").capitalize()
        self.host.set_document(Document(case, None, origin_name=name))
        return True

    def open_example(self, path: Path) -> bool:
        """Examples open as untitled copies, so the bundled file is never overwritten."""
        from calculators.errors import CaseError
        from calculators.storage import load

        if not self.maybe_save():
            return False
        try:
            case = load(path)
        except (CaseError, ArithmeticError, RecursionError) as exc:
            self._cannot_open(_("Could not open the example"), Path(path), problem_list(exc))
            return False
        self.host.set_document(Document(case, None, origin_name=Path(path).stem))
        return True

    def cases_folder(self) -> str:
        """The rep's cases folder (preference), else the documents folder."""
        return self.host.ctx.settings.app.cases_folder or documents_folder()

    def set_cases_folder(self, folder: str) -> None:
        ctx = self.host.ctx
        ctx.save_settings(ctx.settings.updated("app", cases_folder=folder))

    def open_dialog(self) -> None:
        ctx = self.host.ctx
        folder = ctx.settings.session.last_folder or self.cases_folder()
        path = self.dialogs.open_case_path(self.host.window(), folder)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path | str) -> bool:
        from calculators.errors import CaseError
        from calculators.storage import file_stamp, load, remove_stray_temps

        ctx = self.host.ctx
        path = Path(path)
        document = self.host.document
        if document is not None and document.path == path.resolve():
            return True
        if not self.maybe_save():
            return False
        try:
            case = load(path)
        except (CaseError, ArithmeticError, RecursionError) as exc:
            if not path.exists():
                ctx.save_settings(ctx.settings.without_recent(path))
                self.host.recent_changed()
            self._cannot_open(_("Could not open the case"), path, problem_list(exc))
            return False
        resolved = path.resolve()
        document = Document(case, resolved)
        document.stamp = file_stamp(resolved)
        self.host.set_document(document)
        self.remember(resolved)
        remove_stray_temps(resolved.parent)
        return True

    def _cannot_open(self, title: str, path: Path, problems: list[str]) -> None:
        from desktop.messages import open_problem

        locale = self.host.ctx.settings.defaults.locale
        text, details = open_problem(path, problems, locale)
        self.dialogs.error(self.host.window(), title, text, details)

    # -- recent files -----------------------------------------------------------------------
    def remember(self, path: Path) -> None:
        ctx = self.host.ctx
        settings = ctx.settings.with_recent(path)
        session = settings.session.model_copy(update={"last_folder": str(path.parent)})
        ctx.save_settings(settings.model_copy(update={"session": session}))
        self.host.recent_changed()

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.host.ctx.recent_files
        for i, text in enumerate(recent):
            label = f"&{i + 1} {Path(text).name}" if i < 9 else Path(text).name
            action = menu.addAction(label)
            action.setStatusTip(text)
            action.triggered.connect(lambda _c=False, p=text: self.open_path(p))
        if not recent:
            menu.addAction(_("No recent files")).setEnabled(False)

    # -- saving -----------------------------------------------------------------------------
    def save(self) -> bool:
        doc = self.host.document
        if doc is None:
            return False
        if doc.path is None:
            return self.save_as()
        return self._write(doc.path)

    def save_as(self) -> bool:
        doc = self.host.document
        if doc is None:
            return False
        if doc.path is not None:
            suggested = str(doc.path)
        else:
            folder = Path(self.cases_folder())  # new cases go to the cases folder
            suggested = str(folder / f"{safe_name(doc.case.buyer.company) or 'case'}.coi")
        path = self.dialogs.save_case_path(self.host.window(), suggested)
        if path is None:
            return False
        return self._write(path)

    def _may_replace(self, path: Path) -> bool:
        """Ask before replacing a file changed elsewhere since we read it, or a read-only one."""
        from calculators.storage import file_stamp

        doc = self.host.document
        assert doc is not None
        stamp = file_stamp(path)
        if stamp is None:
            return True
        window = self.host.window()
        if doc.path == path.resolve() and doc.stamp is not None and stamp != doc.stamp:
            text = _(
                "“{name}” was changed by another window or program since it was opened here. "
                "Replace it with this version?"
            ).format(name=path.name)
            if not self.dialogs.confirm(window, _("File changed elsewhere"), text, _("Replace")):
                return False
        if not os.access(path, os.W_OK) or not os.stat(path).st_mode & 0o222:
            text = _("“{name}” is read-only. Replace it anyway?").format(name=path.name)
            if not self.dialogs.confirm(window, _("Read-only file"), text, _("Replace")):
                return False
        return True

    def _write(self, path: Path) -> bool:
        from calculators.errors import CaseError
        from calculators.storage import file_stamp, save

        doc = self.host.document
        assert doc is not None
        if not self._may_replace(path):
            return False
        try:
            save(doc.case, path)
        except CaseError as exc:
            self.dialogs.error(self.host.window(), _("Could not save the case"), str(exc))
            return False
        doc.stamp = file_stamp(path)
        resolved = path.resolve()
        if doc.path != resolved:
            doc.path = resolved
        doc.mark_clean()
        self.host.autosaver.clear()
        self.remember(resolved)
        self.host.statusBar().showMessage(_("Saved {name}").format(name=resolved.name), 4000)
        self.host.refresh_chrome()
        return True

    def revert(self) -> None:
        from calculators.errors import CaseError
        from calculators.storage import file_stamp, load

        doc = self.host.document
        if doc is None or doc.path is None:
            return
        if doc.dirty and not self.dialogs.confirm(
            self.host.window(),
            _("Revert to saved"),
            _("Discard all changes since “{name}” was last saved?").format(name=doc.path.name),
            _("Revert"),
        ):
            return
        try:
            case = load(doc.path)
        except (CaseError, ArithmeticError, RecursionError) as exc:
            self._cannot_open(_("Could not revert"), doc.path, problem_list(exc))
            return
        doc.stamp = file_stamp(doc.path)
        key = self.host.current_item() or "details"
        doc.replace_all(case)
        doc.mark_clean()
        self.host.autosaver.clear()
        self.host.show_item(key)
        self.host.refresh_chrome()

    # -- autosave and recovery --------------------------------------------------------------
    def unsaved_work(self) -> tuple[Case, Path | None] | None:
        """What the autosaver keeps: the case and its file, while it has unsaved changes."""
        doc = self.host.document
        if doc is None or not doc.dirty:
            return None
        return doc.case, doc.path

    def check_recovery(self) -> bool:
        """Offer autosaved work of a crashed session; True if something was recovered."""
        host = self.host
        orphans = find_orphans(host.autosaver.folder, host.autosaver.session)
        if not orphans:
            return False
        from calculators.errors import CaseError
        from calculators.formatting import Formatter

        defaults = host.ctx.settings.defaults
        fmt = Formatter(defaults.locale, defaults.currency)
        items = [
            RecoveryItem(
                orphan.title,
                None if orphan.original is None else str(orphan.original),
                f"{fmt.date(orphan.saved_at.date(), 'medium')} {orphan.saved_at:%H:%M}",
            )
            for orphan in orphans
        ]
        answer = self.dialogs.ask_recover(host.window(), items)
        if answer == "discard":
            for orphan in orphans:
                orphan.remove()
            return False
        if answer != "recover":
            return False
        newest = orphans[0]
        try:
            case = newest.load()
        except (CaseError, ArithmeticError, RecursionError) as exc:
            self.dialogs.error(host.window(), _("Could not recover"), problem_text(exc))
            return False
        if host.document is not None and not self.maybe_save():
            return False
        document = Document(case, newest.original, origin_name=newest.title)
        document.mark_dirty()
        host.set_document(document)
        newest.remove()
        host.autosaver.tick()
        host.statusBar().showMessage(_("Recovered unsaved work. Save it to keep it."), 8000)
        return True
