"""The main window: start page, or the case outline beside its editor and the live dashboard.

The window is thin: it turns intent (an edit, a menu command) into a new case snapshot or a
core call, and shows results. Numbers come from ``calculators``; questions and file pickers
go through the replaceable :class:`~desktop.dialogs.DialogService`.

Start-up speed: the start page needs nothing of the core but the list of templates, so this
module imports the case model, the engine, the editors and the dashboard only when a case is
opened (``desktop.app`` warms those imports up in the background right after the first
frame). Imports inside methods below are deliberate.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QStandardPaths, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from calculators.i18n import N_, _
from desktop.autosave import Autosaver, find_orphans
from desktop.context import AppContext
from desktop.dialogs import RecoveryItem
from desktop.document import Document, driver_index, driver_key
from desktop.start_page import StartPage, listing
from desktop.workers import LatestJob

if TYPE_CHECKING:
    from calculators.model import Case
    from desktop.compute import Background, ResultsCache
    from desktop.editors.forms import Form
    from desktop.settings import Settings

log = logging.getLogger(__name__)

APP_NAME = N_("Cost of Inaction")  # shown with _(): the product's name in the UI language
AFTER_FIRST_FRAME_MS = 50
UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def default_pdf_name(case: Case, today: dt.date) -> str:
    """'<buyer> - Cost of inaction - <date>.pdf', safe on every file system."""
    buyer = UNSAFE_NAME.sub("-", case.buyer.company).strip(" .-") or _("Business case")
    return f"{buyer} - {_('Cost of inaction')} - {today.isoformat()}.pdf"


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialogs = ctx.dialogs
        self.document: Document | None = None
        self._results: ResultsCache | None = None
        self.undo_group = QUndoGroup(self)
        self.editor: Form | None = None
        self.editor_key: str | None = None
        self.editor_signature: tuple[Any, ...] = ()
        self.analysis_job = LatestJob(delay_ms=120, parent=self)
        self.analysis_job.ready.connect(self._analysis_ready)
        self.analysis_job.failed.connect(self._analysis_failed)
        self.export_job = LatestJob(parent=self)
        self.export_job.ready.connect(self._exported)
        self.export_job.failed.connect(self._export_failed)
        self.export_job.busyChanged.connect(self._export_busy)
        self.preview: Any = None  # desktop.preview.PreviewPane, made when first needed
        self.latest_analysis: Background | None = None
        self.autosaver = Autosaver(ctx.data_dir / "autosave", ctx.boot.autosave_seconds, self)
        self.autosaver.start(self._unsaved_work)
        self.last_export: Path | None = None
        self.successor: MainWindow | None = None  # after a language switch
        self._handed_over = False
        self.setAcceptDrops(True)
        self.setObjectName("mainWindow")
        self.setWindowTitle(_(APP_NAME))
        self._build_ui()
        # Keys, the crash-recovery check and the like wait until the first frame is up.
        QTimer.singleShot(AFTER_FIRST_FRAME_MS, self.install_shortcuts)
        self._restore_geometry()
        self._update_title()
        self._update_actions()

    # == building ==========================================================================
    def _build_ui(self) -> None:
        self._shortcuts: list[tuple[QAction, QKeySequence.StandardKey | str]] = []
        self._create_actions()
        self._create_menus()
        self.stack = QStackedWidget(self)
        self.start_page = StartPage(self.stack)
        self.start_page.template_chosen.connect(self.new_from_template)
        self.start_page.example_chosen.connect(self.open_example)
        self.start_page.recent_chosen.connect(self.open_path)
        self.start_page.open_requested.connect(self.open_dialog)
        self.start_page.set_recent(list(self.ctx.recent_files))
        self.stack.addWidget(self.start_page)
        self.workspace: QWidget | None = None  # made when the first case opens
        self.setCentralWidget(self.stack)
        self._progress: QProgressBar | None = None

    @property
    def progress(self) -> QProgressBar:
        """The busy indicator in the status bar (made on the first export)."""
        if self._progress is None:
            status = self.statusBar()
            self._progress = QProgressBar(status)
            self._progress.setRange(0, 0)
            self._progress.setMaximumWidth(160)
            self._progress.setVisible(False)
            self._progress.setAccessibleName(_("Export in progress"))
            status.addPermanentWidget(self._progress)
        return self._progress

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        if tip:
            action.setStatusTip(tip)
        return action

    def install_shortcuts(self) -> None:
        """Give the actions their keys; runs right after the first frame.

        Setting the first QKeySequence makes PySide6 build its ``Qt`` enum namespace, about
        30 ms that need not delay the window.
        """
        pending, self._shortcuts = self._shortcuts, []
        for action, shortcut in pending:
            if isinstance(shortcut, QKeySequence.StandardKey):
                action.setShortcuts(shortcut)
                if not action.shortcuts():
                    fallback = {
                        QKeySequence.StandardKey.Preferences: "Ctrl+,",
                        QKeySequence.StandardKey.Quit: "Ctrl+Q",
                        QKeySequence.StandardKey.SaveAs: "Ctrl+Shift+S",
                    }.get(shortcut)
                    if fallback:
                        action.setShortcut(QKeySequence(fallback))
            else:
                action.setShortcut(QKeySequence(shortcut))

    def _create_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.act_new = self._action(_("&New…"), self.new_case, key.New)
        self.act_open = self._action(_("&Open…"), self.open_dialog, key.Open)
        self.act_save = self._action(_("&Save"), self.save, key.Save)
        self.act_save_as = self._action(_("Save &As…"), self.save_as, key.SaveAs)
        self.act_revert = self._action(_("Re&vert to Saved"), self.revert)
        self.act_export = self._action(
            _("&Export PDF…"),
            self.export_pdf,
            "Ctrl+E",
            _("Write the business case as a PDF"),
        )
        self.act_close = self._action(_("&Close Case"), self.close_case, key.Close)
        self.act_prefs = self._action(_("&Preferences…"), self.show_preferences, key.Preferences)
        self.act_prefs.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.act_quit = self._action(_("&Quit"), self.close, key.Quit)
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_undo = self.undo_group.createUndoAction(self, _("&Undo"))
        self._shortcuts.append((self.act_undo, key.Undo))
        self.act_redo = self.undo_group.createRedoAction(self, _("&Redo"))
        self._shortcuts.append((self.act_redo, key.Redo))
        # Qt glues "&Undo" and the edit's name together; a translation may need another order.
        self.undo_group.undoTextChanged.connect(self._undo_text)
        self.undo_group.redoTextChanged.connect(self._redo_text)
        self.act_duplicate = self._action(_("&Duplicate Driver"), self.duplicate_driver, "Ctrl+D")
        self.act_up = self._action(
            _("Move Driver &Up"), lambda: self.move_driver(-1), "Ctrl+Shift+Up"
        )
        self.act_down = self._action(
            _("Move Driver Do&wn"), lambda: self.move_driver(1), "Ctrl+Shift+Down"
        )
        self.act_toggle = self._action(_("&Include/Exclude Driver"), self.toggle_driver, "Ctrl+T")
        self.act_delete = self._action(_("De&lete Driver"), self.delete_driver, key.Delete)
        self.act_dashboard = self._action(_("&Dashboard"), lambda: self.show_tab(0), "Ctrl+1")
        self.act_preview = self._action(_("PDF &Preview"), lambda: self.show_tab(1), "Ctrl+2")
        self.act_outline = self._action(_("Go to &Outline"), self.focus_outline, "Ctrl+L")
        self.act_qualification = self._action(
            _("Show &Qualification"),
            self._toggle_qualification,
            "Ctrl+Shift+Q",
            _("The verdict for you; hide it while the buyer watches your screen"),
        )
        self.act_qualification.setCheckable(True)
        self.act_qualification.setChecked(True)
        self.act_about = self._action(_("&About Cost of Inaction"), self.show_about)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.add_actions: list[QAction] = []  # one per driver type, with the workspace

    def _undo_text(self, text: str) -> None:
        # Translators: {edit} names the edit, e.g. Change Hourly cost.
        self.act_undo.setText(_("&Undo {edit}").format(edit=text) if text else _("&Undo"))

    def _redo_text(self, text: str) -> None:
        self.act_redo.setText(_("&Redo {edit}").format(edit=text) if text else _("&Redo"))

    def _create_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(self.act_new)
        self.template_menu = file_menu.addMenu(_("New from &Template"))
        for template in listing("templates"):
            action = self.template_menu.addAction(template.name)
            action.setStatusTip(template.description)
            action.triggered.connect(partial(self._template_action, template.path))
        file_menu.addAction(self.act_open)
        self.recent_menu = file_menu.addMenu(_("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.act_save)
        file_menu.addAction(self.act_save_as)
        file_menu.addAction(self.act_revert)
        file_menu.addSeparator()
        file_menu.addAction(self.act_export)
        file_menu.addSeparator()
        file_menu.addAction(self.act_close)
        file_menu.addAction(self.act_quit)
        edit_menu = bar.addMenu(_("&Edit"))
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_prefs)
        driver_menu = bar.addMenu(_("&Driver"))
        self.add_menu = driver_menu.addMenu(_("&Add Driver"))
        driver_menu.addAction(self.act_duplicate)
        driver_menu.addAction(self.act_up)
        driver_menu.addAction(self.act_down)
        driver_menu.addAction(self.act_toggle)
        driver_menu.addAction(self.act_delete)
        view_menu = bar.addMenu(_("&View"))
        view_menu.addAction(self.act_outline)
        view_menu.addAction(self.act_dashboard)
        view_menu.addAction(self.act_preview)
        view_menu.addSeparator()
        view_menu.addAction(self.act_qualification)
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self.act_about)
        toolbar = self.addToolBar(_("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for action in (self.act_new, self.act_open, self.act_save):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.act_undo)
        toolbar.addAction(self.act_redo)
        toolbar.addSeparator()
        toolbar.addAction(self.act_export)
        self.toolbar = toolbar

    @property
    def results(self) -> ResultsCache:
        """``summarise`` per case snapshot."""
        if self._results is None:
            from desktop.compute import ResultsCache

            self._results = ResultsCache()
        return self._results

    def _template_action(self, path: Path) -> None:
        self.new_from_template(path)

    def _ensure_workspace(self) -> QWidget:
        """Outline, editor and dashboard: built when the first case opens."""
        if self.workspace is not None:
            return self.workspace
        from calculators.drivers import registry

        for type_key, kind in registry().items():
            action = self._action(_(kind.label), partial(self.add_driver, type_key))
            action.setStatusTip(_(kind.description))
            self.add_actions.append(action)
        if self.add_actions:
            self._shortcuts.append((self.add_actions[0], "Ctrl+Shift+N"))
        self.install_shortcuts()
        self.add_menu.addActions(self.add_actions)
        self.workspace = self._create_workspace()
        self.stack.addWidget(self.workspace)
        if self._splitter_state is not None:
            self.splitter.restoreState(self._splitter_state)
        return self.workspace

    def _create_workspace(self) -> QWidget:
        from PySide6.QtCore import Qt

        from desktop.dashboard import Dashboard
        from desktop.outline import Outline

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("workspace")
        splitter.setChildrenCollapsible(False)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.setSpacing(4)
        self.outline = Outline(left)
        self.outline.selected.connect(self._select)
        # Delete acts on the outline only: in a text field it must delete text.
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.outline.addAction(self.act_delete)
        self.outline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.outline.customContextMenuRequested.connect(self._outline_menu)
        left_layout.addWidget(self.outline, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        add = QToolButton(left)
        add.setText(_("Add"))
        add.setToolTip(_("Add a cost driver"))
        add.setAccessibleName(_("Add a cost driver"))
        add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        add.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        add_menu = QMenu(add)
        add_menu.addActions(self.add_actions)
        add.setMenu(add_menu)
        buttons.addWidget(add)
        for action, text in (
            (self.act_duplicate, _("Duplicate")),
            (self.act_up, "↑"),
            (self.act_down, "↓"),
            (self.act_toggle, _("On/Off")),
            (self.act_delete, _("Delete")),
        ):
            # A button of its own (not setDefaultAction, which would show the long menu text).
            button = QToolButton(left)
            button.setText(text)
            name = action.text().replace("&", "")
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(
                # Translators: a tooltip: a menu action and its keyboard shortcut.
                _("{action} ({shortcut})").format(action=name, shortcut=keys) if keys else name
            )
            button.setAccessibleName(name)
            button.setEnabled(action.isEnabled())
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            buttons.addWidget(button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        self.editor_host = QStackedWidget(splitter)
        self.editor_host.setObjectName("editorHost")
        self.tabs = QTabWidget(splitter)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.dashboard = Dashboard(self.tabs)
        self.tabs.addTab(self.dashboard, _("Dashboard"))
        shown = self.ctx.settings.app.show_qualification
        self.act_qualification.setChecked(shown)
        self.dashboard.qualification.setVisible(shown)
        self.preview_host = QWidget(self.tabs)
        QVBoxLayout(self.preview_host).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.preview_host, _("PDF Preview"))
        self.tabs.currentChanged.connect(self._tab_changed)
        splitter.addWidget(left)
        splitter.addWidget(self.editor_host)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([290, 470, 600])
        self.splitter = splitter
        return splitter

    def _outline_menu(self, position: Any) -> None:
        menu = QMenu(self)
        menu.addMenu(self.add_menu)
        for action in (
            self.act_duplicate,
            self.act_up,
            self.act_down,
            self.act_toggle,
            self.act_delete,
        ):
            menu.addAction(action)
        menu.popup(self.outline.viewport().mapToGlobal(position))

    # == geometry & title ==================================================================
    def _restore_geometry(self) -> None:
        geometry, state, splitter = self.ctx.store.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1320, 820)
        if state is not None:
            self.restoreState(state)
        self._splitter_state: QByteArray | None = splitter

    def _save_geometry(self) -> None:
        splitter = self.splitter.saveState() if self.workspace is not None else None
        self.ctx.store.save_geometry(
            self.saveGeometry(), self.saveState(), splitter or self._splitter_state or QByteArray()
        )

    def _update_title(self) -> None:
        doc = self.document
        if doc is None:
            self.setWindowTitle(_(APP_NAME))
            self.setWindowModified(False)
            self.setWindowFilePath("")
            return
        # "[*]" is where Qt shows that the document has unsaved changes.
        # Translators: the window title: the open case, then the app's name.
        title = _("{document} — {application}").format(
            document=f"{doc.display_name}[*]", application=_(APP_NAME)
        )
        self.setWindowTitle(title)
        self.setWindowFilePath(str(doc.path) if doc.path else "")
        self.setWindowModified(doc.dirty)

    def _update_actions(self) -> None:
        has_doc = self.document is not None
        for action in (
            self.act_save,
            self.act_save_as,
            self.act_export,
            self.act_close,
            self.act_dashboard,
            self.act_preview,
            self.act_outline,
            *self.add_actions,
        ):
            action.setEnabled(has_doc)
        self.act_export.setEnabled(has_doc and not self.export_job.busy)
        self.add_menu.setEnabled(has_doc)
        self.act_revert.setEnabled(
            has_doc
            and self.document is not None
            and self.document.path is not None
            and self.document.dirty
        )
        index = driver_index(self.outline.current_key()) if has_doc and self.workspace else None
        count = len(self.document.case.drivers) if self.document is not None else 0
        on_driver = index is not None and index < count
        for action in (self.act_duplicate, self.act_toggle, self.act_delete):
            action.setEnabled(on_driver)
        self.act_up.setEnabled(on_driver and index is not None and index > 0)
        self.act_down.setEnabled(on_driver and index is not None and index < count - 1)

    # == documents =========================================================================
    def set_document(self, document: Document, select: str = "details") -> None:
        if self.document is not None:
            self._drop_document()
        self._ensure_workspace()
        self.document = document
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.changed.connect(self._case_changed)
        document.dirtyChanged.connect(self._dirty_changed)
        document.pathChanged.connect(self._update_title)
        self.stack.setCurrentWidget(self._ensure_workspace())
        self.editor_key = None
        self.outline.reset()
        self._case_changed(document.case, "load")
        self.outline.select(select)
        if self.outline.current_key() != select:
            self._select(select)
        self._update_title()
        self._update_actions()
        if document.dirty:
            self.autosaver.tick()

    def _detach_document(self) -> Document | None:
        """Stop showing the document (it lives on: closed, or moved to another window)."""
        doc = self.document
        if doc is None:
            return None
        doc.changed.disconnect(self._case_changed)
        doc.dirtyChanged.disconnect(self._dirty_changed)
        doc.pathChanged.disconnect(self._update_title)
        self.undo_group.removeStack(doc.undo_stack)
        self.document = None
        self.analysis_job.cancel()
        if self.preview is not None:
            self.preview.set_case(None)
        self._clear_editor()
        return doc

    def _drop_document(self) -> None:
        doc = self._detach_document()
        if doc is not None:
            self.autosaver.clear()
            doc.deleteLater()

    def _clear_editor(self) -> None:
        if self.editor is not None:
            self.editor_host.removeWidget(self.editor)
            self.editor.deleteLater()
        self.editor = None
        self.editor_key = None

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or clean)."""
        doc = self.document
        if doc is None or not doc.dirty:
            return True
        answer = self.dialogs.ask_save_changes(self, doc.display_name)
        if answer == "cancel":
            return False
        if answer == "save":
            return self.save()
        return True

    def close_case(self) -> bool:
        if not self.maybe_save():
            return False
        self._drop_document()
        self.start_page.set_recent(list(self.ctx.recent_files))
        self.stack.setCurrentWidget(self.start_page)
        self._update_title()
        self._update_actions()
        return True

    def new_case(self) -> None:
        """File > New: back to the start page, where the templates are."""
        self.close_case()

    def new_from_template(self, path: Path) -> bool:
        from calculators.errors import CaseError
        from desktop import edits
        from desktop.store import team_case_fields

        if not self.maybe_save():
            return False
        settings = self.ctx.settings
        seller = {
            "company": settings.branding.company_name,
            "rep": settings.rep.name,
            "email": settings.rep.email,
            "phone": settings.rep.phone,
        }
        try:
            case = edits.case_from_template(
                path,
                today=self.ctx.today(),
                locale=settings.defaults.locale,
                currency=settings.defaults.currency,
                seller=seller,
                team_fields=team_case_fields(),
            )
        except CaseError as exc:
            self.dialogs.error(self, _("Could not start from the template"), str(exc))
            return False
        name = Path(path).stem.replace("-", " ").capitalize()
        self.set_document(Document(case, None, origin_name=name))
        return True

    def open_example(self, path: Path) -> bool:
        """Examples open as untitled copies, so the bundled file is never overwritten."""
        from calculators.errors import CaseError
        from calculators.storage import load

        if not self.maybe_save():
            return False
        try:
            case = load(path)
        except CaseError as exc:
            self.dialogs.error(self, _("Could not open the example"), str(exc))
            return False
        self.set_document(Document(case, None, origin_name=Path(path).stem))
        return True

    def open_dialog(self) -> None:
        folder = self.ctx.settings.session.last_folder or documents_folder()
        path = self.dialogs.open_case_path(self, folder)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path | str) -> bool:
        from calculators.errors import CaseError
        from calculators.storage import load

        path = Path(path)
        if self.document is not None and self.document.path == path.resolve():
            return True
        if not self.maybe_save():
            return False
        try:
            case = load(path)
        except CaseError as exc:
            if not path.exists():
                self.ctx.save_settings(self.ctx.settings.without_recent(path))
                self.start_page.set_recent(list(self.ctx.recent_files))
            self.dialogs.error(self, _("Could not open the case"), str(exc))
            return False
        resolved = path.resolve()
        self.set_document(Document(case, resolved))
        self._remember(resolved)
        return True

    def _remember(self, path: Path) -> None:
        settings = self.ctx.settings.with_recent(path)
        session = settings.session.model_copy(update={"last_folder": str(path.parent)})
        self.ctx.save_settings(settings.model_copy(update={"session": session}))
        self.start_page.set_recent(list(self.ctx.recent_files))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.ctx.recent_files
        for i, text in enumerate(recent):
            label = f"&{i + 1} {Path(text).name}" if i < 9 else Path(text).name
            action = self.recent_menu.addAction(label)
            action.setStatusTip(text)
            action.triggered.connect(lambda _c=False, p=text: self.open_path(p))
        if not recent:
            self.recent_menu.addAction(_("No recent files")).setEnabled(False)

    def save(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        if doc.path is None:
            return self.save_as()
        return self._write(doc.path)

    def save_as(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        if doc.path is not None:
            suggested = str(doc.path)
        else:
            folder = Path(self.ctx.settings.session.last_folder or documents_folder())
            name = UNSAFE_NAME.sub("-", doc.case.buyer.company).strip(" .-") or "case"
            suggested = str(folder / f"{name}.coi")
        path = self.dialogs.save_case_path(self, suggested)
        if path is None:
            return False
        return self._write(path)

    def _write(self, path: Path) -> bool:
        from calculators.errors import CaseError
        from calculators.storage import save

        doc = self.document
        assert doc is not None
        try:
            save(doc.case, path)
        except CaseError as exc:
            self.dialogs.error(self, _("Could not save the case"), str(exc))
            return False
        resolved = path.resolve()
        if doc.path != resolved:
            doc.path = resolved
        doc.mark_clean()
        self.autosaver.clear()
        self._remember(resolved)
        self.statusBar().showMessage(_("Saved {name}").format(name=resolved.name), 4000)
        self._update_title()
        self._update_actions()
        return True

    def revert(self) -> None:
        from calculators.errors import CaseError
        from calculators.storage import load

        doc = self.document
        if doc is None or doc.path is None:
            return
        if doc.dirty and not self.dialogs.confirm(
            self,
            _("Revert to saved"),
            _("Discard all changes since “{name}” was last saved?").format(name=doc.path.name),
            _("Revert"),
        ):
            return
        try:
            case = load(doc.path)
        except CaseError as exc:
            self.dialogs.error(self, _("Could not revert"), str(exc))
            return
        key = self.outline.current_key() or "details"
        doc.replace_all(case)
        doc.mark_clean()
        self.autosaver.clear()
        self.editor_key = None
        self._select(key if self.outline.item_for(key) else "details")
        self._update_title()
        self._update_actions()

    # == change propagation ================================================================
    def _case_changed(self, case: Case, origin: str) -> None:
        from desktop.compute import background

        results = self.results.get(case)
        self.dashboard.show_results(results)
        wanted = self.outline.current_key() or "details"
        where = self.document.last_where if self.document is not None else None
        if origin in ("undo", "redo") and where is not None:
            wanted = where  # show what the undo changed
        self.outline.update_case(case, results)
        if self.outline.item_for(wanted) is None:
            wanted = "drivers"
        if self.outline.current_key() != wanted:
            self.outline.select_quietly(wanted)
        if self._editor_signature(wanted, case) != self.editor_signature:
            self._select(wanted)
        elif self.editor is not None:
            self.editor.refresh(case, origin, results)
        language = self.ctx.ui_language
        brand = self.ctx.settings.branding.brand_colour
        self.analysis_job.request(lambda: background(case, results, language, brand), language)
        if self.preview is not None:
            self.preview.set_case(case)
        self._update_actions()

    def _dirty_changed(self, _dirty: bool) -> None:
        self._update_title()
        self._update_actions()

    def _analysis_ready(self, analysis: object) -> None:
        from desktop.compute import Background

        assert isinstance(analysis, Background)
        self.latest_analysis = analysis
        if self.document is not None and analysis.case is self.document.case:
            self.dashboard.show_analysis(analysis)

    def _analysis_failed(self, error: object) -> None:
        self.dashboard.show_analysis_error(str(error))

    def _editor_signature(self, key: str, case: Case) -> tuple[Any, ...]:
        index = driver_index(key)
        if index is not None and index < len(case.drivers):
            return (key, case.drivers[index].type)
        return (key,)

    def _select(self, key: str) -> None:
        from desktop.editors.forms import (
            DetailsEditor,
            DriverEditor,
            DriversOverview,
            NarrativeEditor,
            SolutionEditor,
        )

        doc = self.document
        if doc is None:
            return
        case = doc.case
        index = driver_index(key)
        editor: Form
        if index is not None and index < len(case.drivers):
            editor = DriverEditor(doc, index, self.editor_host)
        elif key == "solution":
            editor = SolutionEditor(doc, self.editor_host)
        elif key == "narrative":
            editor = NarrativeEditor(doc, self.editor_host)
        elif key == "drivers":
            overview = DriversOverview(doc, self.editor_host)
            overview.add_requested.connect(self.add_driver)
            editor = overview
        else:
            key = "details"
            editor = DetailsEditor(doc, self.editor_host)
        self._clear_editor()
        self.editor = editor
        self.editor_key = key
        self.editor_signature = self._editor_signature(key, case)
        self.editor_host.addWidget(editor)
        self.editor_host.setCurrentWidget(editor)
        editor.refresh(case, "load", self.results.get(case))
        if self.outline.current_key() != key:
            self.outline.select_quietly(key)
        self._update_actions()

    # == drivers ===========================================================================
    def _current_driver(self) -> int | None:
        if self.document is None or self.workspace is None:
            return None
        index = driver_index(self.outline.current_key())
        if index is None or index >= len(self.document.case.drivers):
            return None
        return index

    def _edit(
        self, case: Case, text: str, select: str | None = None, where: str = "drivers"
    ) -> None:
        assert self.document is not None
        self.document.apply(case, text, where=where)
        if select is not None:
            self._select(select)

    def add_driver(self, type_key: str) -> None:
        from calculators.errors import CaseError
        from desktop import edits

        if self.document is None:
            return
        try:
            case = edits.add_driver(self.document.case, type_key)
        except CaseError as exc:
            self.dialogs.error(self, _("Could not add the driver"), str(exc))
            return
        self._edit(case, _("Add driver"), driver_key(len(case.drivers) - 1))
        if self.editor is not None:
            self.editor.focus_first()

    def duplicate_driver(self) -> None:
        from calculators.errors import CaseError
        from desktop import edits

        index = self._current_driver()
        if index is None or self.document is None:
            return
        try:
            case = edits.duplicate_driver(self.document.case, index)
        except CaseError as exc:
            self.dialogs.error(self, _("Could not duplicate the driver"), str(exc))
            return
        self._edit(case, _("Duplicate driver"), driver_key(index + 1))

    def move_driver(self, delta: int) -> None:
        index = self._current_driver()
        if index is None or self.document is None:
            return
        from desktop import edits

        case = edits.move_driver(self.document.case, index, delta)
        if case is not self.document.case:
            self._edit(case, _("Move driver"), driver_key(index + delta))

    def toggle_driver(self) -> None:
        index = self._current_driver()
        if index is None or self.document is None:
            return
        from desktop import edits

        case = edits.toggle_driver(self.document.case, index)
        text = _("Include driver") if case.drivers[index].enabled else _("Exclude driver")
        self._edit(case, text, where=driver_key(index))

    def delete_driver(self) -> None:
        index = self._current_driver()
        if index is None or self.document is None:
            return
        from desktop import edits

        case = edits.delete_driver(self.document.case, index)
        after = driver_key(min(index, len(case.drivers) - 1)) if case.drivers else "drivers"
        self._edit(case, _("Delete driver"), after)
        self.statusBar().showMessage(_("Driver deleted. Undo brings it back."), 5000)

    # == view ==============================================================================
    def show_tab(self, index: int) -> None:
        if self.document is not None:
            self.tabs.setCurrentIndex(index)

    def _toggle_qualification(self) -> None:
        shown = self.act_qualification.isChecked()
        if self.workspace is not None:
            self.dashboard.qualification.setVisible(shown)
        if self.ctx.settings.app.show_qualification != shown:
            self.ctx.save_settings(self.ctx.settings.updated("app", show_qualification=shown))

    def focus_outline(self) -> None:
        self.outline.setFocus()

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.ensure_preview()

    def ensure_preview(self) -> Any:
        if self.preview is None:
            from desktop.preview import PreviewPane

            self.preview = PreviewPane(
                self.render_pdf,
                lambda: self.ctx.ui_language,
                self.ctx.settings.app.preview_delay_ms,
                self.preview_host,
            )
            layout = self.preview_host.layout()
            assert layout is not None
            layout.addWidget(self.preview)
            self.preview.show()
        if self.document is not None:
            self.preview.set_case(self.document.case, immediate=True)
        return self.preview

    def report_analysis(self, case: Case) -> Any:
        """The report analysis the dashboard made for ``case``, if it has one (else None)."""
        latest = self.latest_analysis
        return latest.analysis if latest is not None and latest.case is case else None

    def render_pdf(self, case: Case) -> bytes:
        from desktop import report_bridge

        """The PDF bytes of ``case`` with the current branding (preview and export alike)."""
        return report_bridge.render(
            case, self.ctx.settings, self.report_analysis(case), self.ctx.today()
        )

    # == export ============================================================================
    def export_pdf(self) -> None:
        """Ask for a file and write the PDF in the background; one export at a time.

        While an export runs, Export is disabled and a further request is refused with a
        message, so no export's result or error is ever replaced by a later one.
        """
        doc = self.document
        if doc is None or self._export_running():
            return
        session = self.ctx.settings.session
        folder = Path(
            session.last_export_folder
            or (str(doc.path.parent) if doc.path else "")
            or session.last_folder
            or documents_folder()
        )
        suggested = folder / default_pdf_name(doc.case, self.ctx.today())
        path = self.dialogs.export_pdf_path(self, str(suggested))
        if path is None or self._export_running():
            return
        case = doc.case
        settings = self.ctx.settings
        self.statusBar().showMessage(_("Exporting {name}…").format(name=path.name))

        analysis = self.report_analysis(case)
        today = self.ctx.today()
        from desktop import report_bridge

        def job() -> Path:
            report_bridge.write(case, path, settings, analysis, today)
            return path

        self.export_job.request(job, self.ctx.ui_language, immediate=True)

    def _export_running(self) -> bool:
        if not self.export_job.busy:
            return False
        self.statusBar().showMessage(
            _("An export is still running; export again when it has finished."), 6000
        )
        return True

    def _export_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.act_export.setEnabled(not busy and self.document is not None)

    def _exported(self, result: object) -> None:
        assert isinstance(result, Path)
        self.last_export = result
        session = self.ctx.settings.session.model_copy(
            update={"last_export_folder": str(result.parent)}
        )
        self.ctx.save_settings(self.ctx.settings.model_copy(update={"session": session}))
        self.statusBar().showMessage(_("Exported {name}").format(name=result.name), 6000)
        if self.dialogs.ask_open_pdf(self, result):
            self.dialogs.open_file(result)

    def _export_failed(self, error: object) -> None:
        from calculators.errors import CaseError

        self.statusBar().clearMessage()
        if isinstance(error, CaseError):
            text = str(error)
        elif isinstance(error, OSError):
            text = f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")
        else:
            text = str(error) or type(error).__name__
        self.dialogs.error(self, _("Could not export the PDF"), text)

    # == preferences & about ===============================================================
    def show_preferences(self) -> None:
        from desktop.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.ctx.settings, self.dialogs, self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.result_settings()))
        dialog.open()
        self.preferences_dialog = dialog

    def apply_settings(self, settings: Settings) -> None:
        old = self.ctx.settings
        self.ctx.save_settings(settings)
        self.autosaver.set_interval(settings.app.autosave_seconds)
        if self.preview is not None:
            self.preview.set_delay(settings.app.preview_delay_ms)
            if settings.branding != old.branding:
                self.preview.refresh_now()
        if settings.app.theme != old.app.theme:
            from desktop.theme import apply_theme

            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, settings.app.theme)
        if settings.app.ui_language != old.app.ui_language:
            self.switch_language(settings.app.ui_language)

    def switch_language(self, preference: str) -> MainWindow:
        """Show the app in another language without losing work.

        Every string is translated where it is shown, so a window is rebuilt in the new
        language and the open document (with its undo history) moves over to it.
        """
        from desktop.language import apply_language

        self.ctx.ui_language = apply_language(preference)
        successor = MainWindow(self.ctx)
        successor.restoreGeometry(self.saveGeometry())
        document = self.document
        if document is not None:
            key = self.outline.current_key() or "details"
            tab = self.tabs.currentIndex()
            self._detach_document()
            successor.set_document(document, select=key)
            successor.show_tab(tab)
        successor.show()
        self.successor = successor  # keeps it alive; this window only closes
        self._handed_over = True
        self.close()
        return successor

    def show_about(self) -> None:
        from desktop.about import AboutDialog

        dialog = AboutDialog(self)
        dialog.open()
        self.about_dialog = dialog

    # == autosave & recovery ===============================================================
    def _unsaved_work(self) -> tuple[Case, Path | None] | None:
        doc = self.document
        if doc is None or not doc.dirty:
            return None
        return doc.case, doc.path

    def check_recovery(self) -> bool:
        """Offer autosaved work of a crashed session; True if something was recovered."""
        orphans = find_orphans(self.autosaver.folder, self.autosaver.session)
        if not orphans:
            return False
        from calculators.errors import CaseError
        from calculators.formatting import Formatter

        fmt = Formatter(self.ctx.settings.defaults.locale, self.ctx.settings.defaults.currency)
        items = [
            RecoveryItem(
                orphan.title,
                None if orphan.original is None else str(orphan.original),
                f"{fmt.date(orphan.saved_at.date(), 'medium')} {orphan.saved_at:%H:%M}",
            )
            for orphan in orphans
        ]
        answer = self.dialogs.ask_recover(self, items)
        if answer == "discard":
            for orphan in orphans:
                orphan.remove()
            return False
        if answer != "recover":
            return False
        newest = orphans[0]
        try:
            case = newest.load()
        except CaseError as exc:
            self.dialogs.error(self, _("Could not recover"), str(exc))
            return False
        if self.document is not None and not self.maybe_save():
            return False
        document = Document(case, newest.original, origin_name=newest.title)
        document.mark_dirty()
        self.set_document(document)
        newest.remove()
        self.autosaver.tick()
        self.statusBar().showMessage(_("Recovered unsaved work. Save it to keep it."), 8000)
        return True

    # == window events =====================================================================
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().lower().endswith(".coi") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            local = url.toLocalFile()
            if local.lower().endswith(".coi"):
                event.acceptProposedAction()
                QTimer.singleShot(0, lambda p=local: self.open_path(p))
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._handed_over and not self.maybe_save():
            event.ignore()
            return
        self._save_geometry()
        self.analysis_job.cancel()
        self.autosaver.stop()
        if self.preview is not None:
            self.preview.job.cancel()
        event.accept()
