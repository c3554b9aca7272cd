"""Changes to the list of drivers: add, duplicate, move, include/exclude, delete.

Each builds the next case with one function of :mod:`desktop.edits` and pushes it onto the
document's undo stack; the window then shows the driver the change is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from calculators.i18n import _
from desktop.document import driver_index, driver_key

if TYPE_CHECKING:
    from calculators.model import Case
    from desktop.ops import Host


class DriverOps:
    def __init__(self, host: Host) -> None:
        self.host = host

    def current(self) -> int | None:
        """The index of the driver shown, or None when the outline is on another item."""
        document = self.host.document
        if document is None:
            return None
        index = driver_index(self.host.current_item())
        if index is None or index >= len(document.case.drivers):
            return None
        return index

    def _apply(
        self, case: Case, text: str, select: str | None = None, where: str = "drivers"
    ) -> None:
        """Push ``case`` as one undo step made in outline item ``where``; then show ``select``."""
        document = self.host.document
        assert document is not None
        document.apply(case, text, where=where)
        if select is not None:
            self.host.show_item(select)

    def add(self, type_key: str) -> None:
        from calculators.errors import CaseError
        from desktop import edits

        document = self.host.document
        if document is None:
            return
        try:
            case = edits.add_driver(document.case, type_key)
        except CaseError as exc:
            self.host.ctx.dialogs.error(self.host.window(), _("Could not add the driver"), str(exc))
            return
        self._apply(case, _("Add driver"), driver_key(len(case.drivers) - 1))
        self.host.focus_editor()

    def duplicate(self) -> None:
        from calculators.errors import CaseError
        from desktop import edits

        index = self.current()
        document = self.host.document
        if index is None or document is None:
            return
        try:
            case = edits.duplicate_driver(document.case, index)
        except CaseError as exc:
            self.host.ctx.dialogs.error(
                self.host.window(), _("Could not duplicate the driver"), str(exc)
            )
            return
        self._apply(case, _("Duplicate driver"), driver_key(index + 1))

    def move_up(self) -> None:
        self.move(-1)

    def move_down(self) -> None:
        self.move(1)

    def move(self, delta: int) -> None:
        from desktop import edits

        index = self.current()
        document = self.host.document
        if index is None or document is None:
            return
        case = edits.move_driver(document.case, index, delta)
        if case is not document.case:
            self._apply(case, _("Move driver"), driver_key(index + delta))

    def toggle(self) -> None:
        from desktop import edits

        index = self.current()
        document = self.host.document
        if index is None or document is None:
            return
        case = edits.toggle_driver(document.case, index)
        text = _("Include driver") if case.drivers[index].enabled else _("Exclude driver")
        self._apply(case, text, where=driver_key(index))

    def delete(self) -> None:
        from desktop import edits

        index = self.current()
        document = self.host.document
        if index is None or document is None:
            return
        case = edits.delete_driver(document.case, index)
        after = driver_key(min(index, len(case.drivers) - 1)) if case.drivers else "drivers"
        self._apply(case, _("Delete driver"), after)
        self.host.statusBar().showMessage(_("Driver deleted. Undo brings it back."), 5000)
