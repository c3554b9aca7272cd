"""Every command of the main window, declared once: id, text, shortcut, icon, handler.

The table below is the only place where a menu or toolbar command is described. The window
makes one :class:`~PySide6.QtGui.QAction` per entry (:class:`ActionRegistry`) and only decides
where each one appears (menus, toolbar, the outline's buttons). A handler is named by its
path from the window (``"files.save"`` is ``window.files.save``) and looked up when the action
is triggered, so an action can be declared before the part that runs it exists.

Texts are marked with ``N_()`` here and translated with ``_()`` when the actions are made,
i.e. in the language of the window that shows them.

Keys are given to the actions right after the first frame
(:meth:`ActionRegistry.install_shortcuts`): setting the first QKeySequence makes PySide6 build
its ``Qt`` enum namespace, about 30 ms that need not delay the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

import shiboken6
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from calculators.i18n import N_, _

STANDARD = "std:"  # a shortcut "std:Save" is QKeySequence.StandardKey.Save (the platform's key)

# A platform without a standard key for these gets the usual one.
FALLBACK_KEYS = {
    "Preferences": "Ctrl+,",
    "Quit": "Ctrl+Q",
    "SaveAs": "Ctrl+Shift+S",
    "HelpContents": "F1",
}


@dataclass(frozen=True)
class ActionSpec:
    """One command. ``text`` and ``tip`` are message ids (translated when the action is made)."""

    id: str
    text: str
    handler: str  # attribute path from the window, e.g. "files.save"
    shortcut: str = ""  # "Ctrl+E", or STANDARD + a QKeySequence.StandardKey name
    tip: str = ""
    icon: str = ""  # a freedesktop theme icon name; none is set today (the toolbar shows text)
    role: str = ""  # a QAction.MenuRole name, for the macOS application menu
    checkable: bool = False  # a checkable action starts checked
    window_wide: bool = False  # its key works even while a text field has the focus


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("new", N_("&New…"), "files.new_case", STANDARD + "New"),
    ActionSpec("open", N_("&Open…"), "files.open_dialog", STANDARD + "Open"),
    ActionSpec("save", N_("&Save"), "files.save", STANDARD + "Save", window_wide=True),
    ActionSpec("save_as", N_("Save &As…"), "files.save_as", STANDARD + "SaveAs"),
    ActionSpec("revert", N_("Re&vert to Saved"), "files.revert"),
    ActionSpec(
        "export",
        N_("&Export PDF…"),
        "export.export_pdf",
        "Ctrl+E",
        tip=N_("Write the business case as a PDF"),
        window_wide=True,
    ),
    ActionSpec(
        "export_workbook",
        N_("Export &Workbook…"),
        "workbook.export_workbook",
        "Ctrl+Shift+E",
        tip=N_("Write the finance workbook: an .xlsx whose formulas reproduce the figures"),
    ),
    ActionSpec(
        "import_answers",
        N_("&Import Buyer's Answers…"),
        "workbook.import_answers",
        tip=N_("Read the input cells of a workbook the buyer filled in back into the case"),
    ),
    ActionSpec("close", N_("&Close Case"), "files.close_case", STANDARD + "Close"),
    ActionSpec(
        "preferences",
        N_("&Preferences…"),
        "show_preferences",
        STANDARD + "Preferences",
        role="PreferencesRole",
    ),
    ActionSpec("quit", N_("&Quit"), "close", STANDARD + "Quit", role="QuitRole"),
    # Edit (enabled and named by the window's undo group)
    ActionSpec("undo", N_("&Undo"), "undo_group.undo", STANDARD + "Undo", window_wide=True),
    ActionSpec("redo", N_("&Redo"), "undo_group.redo", STANDARD + "Redo", window_wide=True),
    # Driver
    ActionSpec("duplicate", N_("&Duplicate Driver"), "drivers.duplicate", "Ctrl+D"),
    ActionSpec("move_up", N_("Move Driver &Up"), "drivers.move_up", "Ctrl+Shift+Up"),
    ActionSpec("move_down", N_("Move Driver Do&wn"), "drivers.move_down", "Ctrl+Shift+Down"),
    ActionSpec("toggle", N_("&Include/Exclude Driver"), "drivers.toggle", "Ctrl+T"),
    ActionSpec("delete", N_("De&lete Driver"), "drivers.delete", STANDARD + "Delete"),
    # View
    ActionSpec("dashboard", N_("&Dashboard"), "show_dashboard", "Ctrl+1", window_wide=True),
    ActionSpec("preview", N_("PDF &Preview"), "show_preview", "Ctrl+2", window_wide=True),
    ActionSpec("outline", N_("Go to &Outline"), "focus_outline", "Ctrl+L", window_wide=True),
    ActionSpec(
        "meeting",
        N_("&Meeting Mode"),
        "meeting.toggle",
        "F11",
        tip=N_("A clean full-screen view to work through the figures with the buyer"),
        window_wide=True,
    ),
    ActionSpec(
        "pipeline",
        N_("&Pipeline"),
        "show_pipeline",
        "Ctrl+3",
        tip=N_("All the cases in your cases folder, ranked by the buyer's need to act"),
    ),
    ActionSpec(
        "qualification",
        N_("Show &Qualification"),
        "toggle_qualification",
        "Ctrl+Shift+Q",
        tip=N_("The verdict for you; hide it while the buyer watches your screen"),
        checkable=True,
    ),
    ActionSpec(
        "deal",
        N_("&Deal Qualification…"),
        "edit_deal",
        "Ctrl+Shift+K",
        tip=N_("The compelling event, economic buyer, champion and processes; only for you"),
    ),
    # Help
    ActionSpec(
        "help",
        N_("&Getting Started"),
        "show_help",
        STANDARD + "HelpContents",
        tip=N_("How to build a case, and what the figures mean"),
        window_wide=True,
    ),
    ActionSpec("glossary", N_("G&lossary"), "show_glossary"),
    ActionSpec("about", N_("&About Cost of Inaction"), "show_about", role="AboutRole"),
)

ADD_DRIVER_SHORTCUT = "Ctrl+Shift+N"  # the first "Add Driver" action (one per driver type)


class ActionRegistry:
    """The window's actions, made from :data:`ACTIONS`; ``registry["save"]`` is one QAction."""

    def __init__(self, owner: QWidget, specs: tuple[ActionSpec, ...] = ACTIONS) -> None:
        self.owner = owner
        self.pending: list[tuple[QAction, str]] = []  # shortcuts not installed yet
        self._specs = {spec.id: spec for spec in specs}
        self._actions = {spec.id: self._make(spec) for spec in specs}

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def handler(self, action_id: str) -> Callable[[], object]:
        """What ``action_id`` runs, looked up on the window now."""
        function: Callable[[], object] = attrgetter(self._specs[action_id].handler)(self.owner)
        return function

    def _make(self, spec: ActionSpec) -> QAction:
        action = QAction(_(spec.text), self.owner)
        action.triggered.connect(lambda _checked=False, key=spec.id: self.handler(key)())
        if spec.shortcut:
            self.pending.append((action, spec.shortcut))
        if spec.tip:
            action.setStatusTip(_(spec.tip))
        if spec.icon:
            action.setIcon(QIcon.fromTheme(spec.icon))
        if spec.role:
            action.setMenuRole(getattr(QAction.MenuRole, spec.role))
        if spec.checkable:
            action.setCheckable(True)
            action.setChecked(True)
        if spec.window_wide:
            # On the window itself: its key works while the menus are hidden (meeting mode).
            self.owner.addAction(action)
        return action

    def extra(self, text: str, slot: Callable[[], object], tip: str = "") -> QAction:
        """An action made at run time (one per driver type), not kept in the registry."""
        action = QAction(text, self.owner)
        action.triggered.connect(lambda _checked=False: slot())
        if tip:
            action.setStatusTip(tip)
        return action

    def window_keys(self) -> tuple[list[QKeySequence], list[QKeySequence]]:
        """(keys of the window-wide commands, keys of undo and redo): see desktop.keys."""
        wide = [
            key
            for spec in self._specs.values()
            if spec.window_wide and spec.id not in ("undo", "redo")
            for key in self._actions[spec.id].shortcuts()
        ]
        undo = [key for name in ("undo", "redo") for key in self._actions[name].shortcuts()]
        return wide, undo

    def install_shortcuts(self) -> None:
        """Give the actions their keys (after the first frame; see the module's docstring)."""
        pending, self.pending = self.pending, []
        if not shiboken6.isValid(self.owner):
            return  # the window closed before its first frame was done (a short test)
        for action, shortcut in pending:
            if shortcut.startswith(STANDARD):
                name = shortcut.removeprefix(STANDARD)
                action.setShortcuts(getattr(QKeySequence.StandardKey, name))
                if not action.shortcuts() and name in FALLBACK_KEYS:
                    action.setShortcut(QKeySequence(FALLBACK_KEYS[name]))
            else:
                action.setShortcut(QKeySequence(shortcut))


# Menus and toolbar, by action id ("-" a separator, "@name" a submenu the window fills).
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        N_("&File"),
        (
            *("new", "@templates", "open", "@recent", "-"),
            *("save", "save_as", "revert", "-", "export", "export_workbook", "import_answers"),
            *("-", "close", "quit"),
        ),
    ),
    (N_("&Edit"), ("undo", "redo", "-", "preferences")),
    (N_("&Driver"), ("@add", "duplicate", "move_up", "move_down", "toggle", "delete")),
    (
        N_("&View"),
        (
            "outline",
            "dashboard",
            "preview",
            "pipeline",
            "-",
            "meeting",
            "-",
            "qualification",
            "deal",
        ),
    ),
    (N_("&Help"), ("help", "glossary", "-", "about")),
)


def submenu_title(name: str) -> str:
    """The title of MENUS' submenu "@name"."""
    titles = {
        "templates": _("New from &Template"),
        "recent": _("Open &Recent"),
        "add": _("&Add Driver"),
    }
    return titles[name]


TOOLBAR = ("new", "open", "save", "-", "undo", "redo", "-", "export", "meeting")
DRIVER_COMMANDS = ("duplicate", "move_up", "move_down", "toggle", "delete")
NEEDS_DOCUMENT = (
    *("save", "save_as", "export", "export_workbook", "import_answers", "close"),
    *("dashboard", "preview", "outline", "meeting", "deal"),
)
