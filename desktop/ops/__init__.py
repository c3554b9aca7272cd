"""What the person does to a case or its file, one module per kind of operation.

In the style of Anki's ``aqt/operations``: each operation asks through the dialog service,
calls one core function (``calculators.storage``, ``desktop.edits``, the report bridge),
and tells the window what changed. The operations know the window only through
:class:`Host`, the few things they need from it.

- :mod:`desktop.ops.file`: new, open, save, save as, revert, close, recent files, recovery;
- :mod:`desktop.ops.driver`: add, duplicate, move, include/exclude and delete a driver;
- :mod:`desktop.ops.export`: the PDF for the preview, and exporting it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QWidget

    from desktop.autosave import Autosaver
    from desktop.compute import Background
    from desktop.context import AppContext
    from desktop.document import Document


class Host(Protocol):
    """The window an operation runs in (``desktop.mainwindow.MainWindow``)."""

    ctx: AppContext
    document: Document | None
    autosaver: Autosaver
    latest_analysis: Background | None

    def window(self) -> QWidget:
        """The parent for dialogs."""
        ...

    def statusBar(self) -> QStatusBar: ...

    def set_document(self, document: Document, select: str = "details") -> None:
        """Show ``document`` (the current one is dropped) with outline item ``select``."""
        ...

    def show_start_page(self) -> None:
        """Drop the current document and show the start page."""
        ...

    def recent_changed(self) -> None:
        """The list of recent files changed."""
        ...

    def refresh_chrome(self) -> None:
        """Update the title and which actions are enabled."""
        ...

    def current_item(self) -> str | None:
        """The outline item shown (None before a case is open)."""
        ...

    def show_item(self, key: str) -> None:
        """Select outline item ``key`` (the case details if it is gone) in a new editor."""
        ...

    def focus_editor(self) -> None: ...

    def focus_field(self, path: str) -> None:
        """Show the editor of field ``path`` ("drivers[0].inputs.people") and focus it."""
        ...

    def export_busy(self, busy: bool) -> None:
        """An export started (True) or ended (False)."""
        ...
