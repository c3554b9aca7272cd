"""The main window: start page, or the case outline beside its editor and the live dashboard.

The window wires the parts together and lays them out; it does not run commands itself:

- :mod:`desktop.actions` declares every command (text, shortcut, handler); the window only
  places the actions in menus, the toolbar and the outline's buttons;
- :mod:`desktop.ops` runs them: ``files`` (:class:`~desktop.ops.file.FileOps`), ``drivers``
  (:class:`~desktop.ops.driver.DriverOps`) and ``export``
  (:class:`~desktop.ops.export.ExportOps`), through the window's small
  :class:`~desktop.ops.Host` interface;
- the window shows the document: it picks the editor for the outline item, passes every new
  snapshot to the outline, the editor, the dashboard and the preview, and starts the analysis.

Questions and file pickers go through the replaceable :class:`~desktop.dialogs.DialogService`.

Start-up speed: the start page needs nothing of the core but the list of templates, so this
module imports the case model, the engine, the editors and the dashboard only when a case is
opened (``desktop.app`` warms those imports up in the background right after the first
frame). Imports inside methods below are deliberate.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
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
from desktop.actions import (
    ADD_DRIVER_SHORTCUT,
    DRIVER_COMMANDS,
    MENUS,
    NEEDS_DOCUMENT,
    TOOLBAR,
    ActionRegistry,
    submenu_title,
)
from desktop.autosave import Autosaver
from desktop.context import AppContext
from desktop.document import Change, Document, driver_index
from desktop.keys import WindowKeys, chain_tab_order
from desktop.meeting_mode import MeetingMode
from desktop.ops.driver import DriverOps
from desktop.ops.export import ExportOps
from desktop.ops.file import FileOps
from desktop.ops.workbook import WorkbookOps
from desktop.start_page import StartPage, listing
from desktop.workers import LatestJob

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from calculators.model import Case
    from desktop.compute import Background, ResultsCache
    from desktop.editors.forms import Form
    from desktop.settings import Settings

APP_NAME = N_("Cost of Inaction")  # shown with _(): the product's name in the UI language
AFTER_FIRST_FRAME_MS = 50


class MainWindow(QMainWindow):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, opening: bool = False
    ) -> None:
        """``opening``: a case opens next (a double-click): no start page unless needed."""
        super().__init__(parent)
        self.ctx = ctx
        self.document: Document | None = None
        self._results: ResultsCache | None = None
        self.undo_group = QUndoGroup(self)
        self.editor: Form | None = None
        self.editor_signature: tuple[Any, ...] = ()
        self.analysis_job = LatestJob(delay_ms=120, parent=self)
        self.analysis_job.ready.connect(self._analysis_ready)
        self.analysis_job.failed.connect(self._analysis_failed)
        self.preview: Any = None  # desktop.preview.PreviewPane, made when first needed
        self.latest_analysis: Background | None = None
        self.files = FileOps(self)
        self.drivers = DriverOps(self)
        self.autosaver = Autosaver(ctx.data_dir / "autosave", ctx.boot.autosave_seconds, self)
        self.autosaver.start(self.files.unsaved_work)
        self.successor: MainWindow | None = None  # after a language switch
        self._handed_over = False
        self.setAcceptDrops(True)
        self.setObjectName("mainWindow")
        self.setWindowTitle(_(APP_NAME))
        self.commands = ActionRegistry(self)
        self.keys = WindowKeys(self.commands.window_keys, self)  # Ctrl+E from any field
        self.meeting = MeetingMode(self)
        self.export = ExportOps(self)
        self.workbook = WorkbookOps(self)
        self._wire_undo()
        self._create_menus()
        self._build_start(opening)
        # Keys, the crash-recovery check and the like wait until the first frame is up.
        QTimer.singleShot(AFTER_FIRST_FRAME_MS, self, self.commands.install_shortcuts)
        self._restore_geometry()
        self.refresh_chrome()

    # == building ==========================================================================
    def _build_start(self, opening: bool) -> None:
        self.stack = QStackedWidget(self)
        self._start_page: StartPage | None = None
        if not opening:
            self.stack.addWidget(self.start_page)
        self.workspace: QWidget | None = None  # made when the first case opens
        self.setCentralWidget(self.stack)
        self._progress: QProgressBar | None = None

    @property
    def start_page(self) -> StartPage:
        if self._start_page is None:
            page = self._start_page = StartPage(self.stack)
            page.template_chosen.connect(self.files.new_from_template)
            page.example_chosen.connect(self.files.open_example)
            page.recent_chosen.connect(self.files.open_path)
            page.open_requested.connect(self.files.open_dialog)
            page.pipeline_requested.connect(self.show_pipeline)
            page.set_recent(list(self.ctx.recent_files))
            self.stack.addWidget(page)
        return self._start_page

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

    def _wire_undo(self) -> None:
        """Undo and redo follow the active document's undo stack."""
        group = self.undo_group
        for action, can_change in (
            (self.commands["undo"], group.canUndoChanged),
            (self.commands["redo"], group.canRedoChanged),
        ):
            action.setEnabled(False)
            can_change.connect(action.setEnabled)
        # Qt would glue "&Undo" and the edit's name together; a translation may need another order.
        group.undoTextChanged.connect(self._undo_text)
        group.redoTextChanged.connect(self._redo_text)

    def _undo_text(self, text: str) -> None:
        # Translators: {edit} names the edit, e.g. Change Hourly cost.
        undo = _("&Undo {edit}").format(edit=text) if text else _("&Undo")
        self.commands["undo"].setText(undo)

    def _redo_text(self, text: str) -> None:
        redo = _("&Redo {edit}").format(edit=text) if text else _("&Redo")
        self.commands["redo"].setText(redo)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        submenus: dict[str, QMenu] = {}
        for title, entries in MENUS:
            menu = bar.addMenu(_(title))
            for entry in entries:
                if entry == "-":
                    menu.addSeparator()
                elif entry.startswith("@"):
                    submenus[entry[1:]] = menu.addMenu(submenu_title(entry[1:]))
                else:
                    menu.addAction(self.commands[entry])
        self.template_menu = submenus["templates"]
        for template in listing("templates"):
            action = self.template_menu.addAction(template.name)
            action.setStatusTip(template.description)
            action.triggered.connect(partial(self.files.new_from_template, template.path))
        self.recent_menu = submenus["recent"]
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.add_menu = submenus["add"]
        self.add_actions: list[QAction] = []  # one per driver type, with the workspace
        toolbar = self.addToolBar(_("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for entry in TOOLBAR:
            if entry == "-":
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.commands[entry])

    def _fill_recent_menu(self) -> None:
        self.files.fill_recent_menu(self.recent_menu)

    @property
    def results(self) -> ResultsCache:
        """``summarise`` per case snapshot."""
        if self._results is None:
            from desktop.compute import ResultsCache

            self._results = ResultsCache()
        return self._results

    def _ensure_workspace(self) -> QWidget:
        """Outline, editor and dashboard: built when the first case opens."""
        if self.workspace is not None:
            return self.workspace
        from calculators.drivers import registry

        for type_key, kind in registry().items():
            action = self.commands.extra(
                _(kind.label), partial(self.drivers.add, type_key), _(kind.description)
            )
            self.add_actions.append(action)
        if self.add_actions:
            self.commands.pending.append((self.add_actions[0], ADD_DRIVER_SHORTCUT))
        self.commands.install_shortcuts()
        self.add_menu.addActions(self.add_actions)
        self.workspace = self._create_workspace()
        self.stack.addWidget(self.workspace)
        if self._splitter_state is not None:
            self.splitter.restoreState(self._splitter_state)
        return self.workspace

    def _create_workspace(self) -> QWidget:
        from PySide6.QtCore import Qt

        from desktop.dashboard import Dashboard

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("workspace")
        splitter.setChildrenCollapsible(False)
        left = self._create_outline_pane(splitter)
        self.editor_host = QStackedWidget(splitter)
        self.editor_host.setObjectName("editorHost")
        self.tabs = QTabWidget(splitter)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.dashboard = Dashboard(self.tabs)
        self.tabs.addTab(self.dashboard, _("Dashboard"))
        shown = self.ctx.settings.app.show_qualification
        self.commands["qualification"].setChecked(shown)
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

    def _create_outline_pane(self, parent: QWidget) -> QWidget:
        """The outline with the driver commands as buttons under it."""
        from PySide6.QtCore import Qt

        from desktop.outline import Outline

        left = QWidget(parent)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.setSpacing(4)
        self.outline = Outline(left)
        self.outline.selected.connect(self._select)
        # Delete acts on the outline only: in a text field it must delete text.
        delete = self.commands["delete"]
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.outline.addAction(delete)
        self.outline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.outline.customContextMenuRequested.connect(self._outline_menu)
        left_layout.addWidget(self.outline, 1)
        self.inputs_status = QLabel(left)
        self.inputs_status.setObjectName("inputsStatus")
        self.inputs_status.setWordWrap(True)
        left_layout.addWidget(self.inputs_status)
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
        short_texts = (_("Duplicate"), "↑", "↓", _("On/Off"), _("Delete"))
        for action_id, text in zip(DRIVER_COMMANDS, short_texts, strict=True):
            buttons.addWidget(self._command_button(self.commands[action_id], text, left))
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        return left

    @staticmethod
    def _command_button(action: QAction, text: str, parent: QWidget) -> QToolButton:
        # A button of its own (not setDefaultAction, which would show the long menu text).
        button = QToolButton(parent)
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
        return button

    def _outline_menu(self, position: Any) -> None:
        menu = QMenu(self)
        menu.addMenu(self.add_menu)
        for action_id in DRIVER_COMMANDS:
            menu.addAction(self.commands[action_id])
        menu.popup(self.outline.viewport().mapToGlobal(position))

    # == geometry & title ==================================================================
    def _restore_geometry(self) -> None:
        from desktop.store import clamped

        geometry, state, splitter = self.ctx.store.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1320, 820)
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None and not self.isMaximized():  # never larger than the screen
            self.setGeometry(clamped(self.geometry(), screen.availableGeometry()))
        if state is not None:
            self.restoreState(state)
        self._splitter_state: QByteArray | None = splitter

    def _save_geometry(self) -> None:
        splitter = self.splitter.saveState() if self.workspace is not None else None
        self.ctx.store.save_geometry(
            self.saveGeometry(), self.saveState(), splitter or self._splitter_state or QByteArray()
        )

    def refresh_chrome(self) -> None:
        """The title and which actions are enabled, after any change."""
        self._update_title()
        self._update_actions()

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
        doc = self.document
        for action in (*(self.commands[name] for name in NEEDS_DOCUMENT), *self.add_actions):
            action.setEnabled(doc is not None)
        self.commands["export"].setEnabled(doc is not None and not self.export.job.busy)
        self.add_menu.setEnabled(doc is not None)
        self.commands["revert"].setEnabled(doc is not None and doc.path is not None and doc.dirty)
        index = self.drivers.current()
        count = len(doc.case.drivers) if doc is not None else 0
        on_driver = index is not None
        for name in ("duplicate", "toggle", "delete"):
            self.commands[name].setEnabled(on_driver)
        self.commands["move_up"].setEnabled(index is not None and index > 0)
        self.commands["move_down"].setEnabled(index is not None and index < count - 1)

    # == what the operations ask of the window (desktop.ops.Host) ===========================
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
        self.outline.reset()
        self._case_changed(Change(document.case, "load"))
        self.outline.select(select)
        if self.outline.current_key() != select:
            self._select(select)
        self.refresh_chrome()
        if document.dirty:
            self.autosaver.tick()

    def show_start_page(self) -> None:
        self._drop_document()
        self.recent_changed()
        self.stack.setCurrentWidget(self.start_page)
        self.refresh_chrome()

    def recent_changed(self) -> None:
        if self._start_page is not None:  # else it reads them when it is made
            self._start_page.set_recent(list(self.ctx.recent_files))

    def current_item(self) -> str | None:
        return self.outline.current_key() if self.workspace is not None else None

    def show_item(self, key: str) -> None:
        self._select(key if self.outline.item_for(key) else "details")

    def focus_editor(self) -> None:
        if self.editor is not None:
            self.editor.focus_first()

    def focus_field(self, path: str) -> None:
        """Show the editor of field ``path`` (a readiness item's) and focus the field."""
        from desktop.outline import item_for_path

        self.show_item(item_for_path(path))
        if self.editor is not None:
            self.editor.focus_path(path)

    def export_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.commands["export"].setEnabled(not busy and self.document is not None)

    # == documents =========================================================================
    def _detach_document(self) -> Document | None:
        """Stop showing the document (it lives on: closed, or moved to another window)."""
        doc = self.document
        if doc is None:
            return None
        self.meeting.leave()
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
        self.editor_signature = ()  # the next case builds its editor, whatever it shows

    # == change propagation ================================================================
    def _case_changed(self, change: Change) -> None:
        from desktop.compute import background
        from desktop.outline import inputs_summary

        case = change.case
        results = self.results.get(case)
        self.dashboard.show_results(results)
        wanted = self.outline.current_key() or "details"
        if change.origin in ("undo", "redo") and change.where is not None:
            wanted = change.where  # show what the undo changed
        self.outline.update_case(case, results)
        self.inputs_status.setText(inputs_summary(case))
        if self.outline.item_for(wanted) is None:
            wanted = "drivers"
        if self.outline.current_key() != wanted:
            self.outline.select_quietly(wanted)
        if self._editor_signature(wanted, case) != self.editor_signature:
            self._select(wanted)
        elif self.editor is not None:
            self.editor.refresh(case, change.origin, results)
        language = self.ctx.ui_language
        brand = self.ctx.settings.branding.brand_colour
        self.analysis_job.request(lambda: background(case, results, language, brand), language)
        if self.preview is not None:
            self.preview.set_case(case)
        if change.origin != "load":
            self.autosaver.soon()  # a few seconds after the last change, not up to 30 s later
        self.refresh_chrome()  # the title names the buyer of an untitled case

    def _dirty_changed(self, _dirty: bool) -> None:
        self.refresh_chrome()

    def _analysis_ready(self, analysis: object) -> None:
        from desktop.compute import Background

        assert isinstance(analysis, Background)
        self.latest_analysis = analysis
        if self.document is not None and analysis.case is self.document.case:
            self.dashboard.show_analysis(analysis)

    def _analysis_failed(self, error: object) -> None:
        self.dashboard.show_analysis_error(str(error))

    @staticmethod
    def _editor_signature(key: str, case: Case) -> tuple[Any, ...]:
        index = driver_index(key)
        if index is not None and index < len(case.drivers):
            return (key, case.drivers[index].type)
        return (key,)

    def _select(self, key: str) -> None:
        from desktop.editors.forms import editor_for

        doc = self.document
        if doc is None:
            return
        editor, key = editor_for(doc, key, self.editor_host, self.drivers.add)
        self._clear_editor()
        self.editor = editor
        self.editor_signature = self._editor_signature(key, doc.case)
        self.editor_host.addWidget(editor)
        self.editor_host.setCurrentWidget(editor)
        self.keys.watch(editor)
        chain_tab_order(self.outline.parentWidget() or self.outline, editor, self.tabs)
        editor.refresh(doc.case, "load", self.results.get(doc.case))
        if self.outline.current_key() != key:
            self.outline.select_quietly(key)
        self._update_actions()

    # == view ==============================================================================
    def show_tab(self, index: int) -> None:
        if self.document is not None:
            self.tabs.setCurrentIndex(index)

    def show_dashboard(self) -> None:
        self.show_tab(0)

    def show_preview(self) -> None:
        self.show_tab(1)

    def show_pipeline(self) -> None:
        """The pipeline of the rep's cases folder, in a window of its own."""
        from PySide6.QtCore import Qt

        from desktop.pipeline import PipelineView

        if getattr(self, "pipeline", None) is None:
            self.pipeline = PipelineView(self.files.cases_folder(), self.ctx.ui_language, self)
            self.pipeline.setWindowFlag(Qt.WindowType.Window)
            self.pipeline.resize(1100, 520)
            self.pipeline.open_requested.connect(self.files.open_path)
            self.pipeline.folder_chosen.connect(self.files.set_cases_folder)
        self.pipeline.show()
        self.pipeline.raise_()

    def edit_deal(self) -> None:
        from desktop.deal_dialog import open_for

        self.deal_dialog = open_for(self)

    def toggle_qualification(self) -> None:
        shown = self.commands["qualification"].isChecked()
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
                self.export.render_pdf,
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

    # == preferences, language & about =====================================================
    def show_preferences(self) -> None:
        from desktop.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.ctx.settings, self.ctx.dialogs, self)
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

    def show_help(self) -> None:
        from desktop.help import HelpDialog

        self.help_dialog = HelpDialog.show_page(self, "start")

    def show_glossary(self) -> None:
        from desktop.help import HelpDialog

        self.help_dialog = HelpDialog.show_page(self, "glossary")

    def show_about(self) -> None:
        from desktop.about import AboutDialog

        dialog = AboutDialog(self)
        dialog.open()
        self.about_dialog = dialog

    # == window events =====================================================================
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().lower().endswith(".coi") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            local = url.toLocalFile()
            if local.lower().endswith(".coi"):
                event.acceptProposedAction()
                QTimer.singleShot(0, lambda p=local: self.files.open_path(p))
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._handed_over and not self.files.maybe_save():
            event.ignore()
            return
        self._save_geometry()
        self.analysis_job.cancel()
        self.autosaver.stop()
        if self.preview is not None:
            self.preview.job.cancel()
        event.accept()
