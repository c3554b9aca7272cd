"""The open case: an immutable snapshot, its file, and an undo stack of snapshot swaps.

Every edit builds a new validated :class:`~calculators.model.Case` and pushes a
:class:`SnapshotCommand` that holds the case before and after; undo and redo just swap them.
Consecutive edits of one field in one typing session merge into one undo step.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from calculators.i18n import _

if TYPE_CHECKING:
    from calculators.model import Case

Origin = Literal["edit", "undo", "redo", "load"]

MERGE_ID = 1
_counter = itertools.count(1)


@dataclass(frozen=True)
class Change:
    """What :attr:`Document.changed` reports: the new snapshot, why it changed, and where.

    ``where`` is the outline item the edit was made in, for an undo or redo to show it again
    (None when not known, e.g. for a load).
    """

    case: Case
    origin: Origin
    where: str | None = None


def driver_key(index: int) -> str:
    """The outline key of driver ``index``."""
    return f"driver:{index}"


def driver_index(key: str | None) -> int | None:
    if key and key.startswith("driver:"):
        return int(key.split(":", 1)[1])
    return None


class SnapshotCommand(QUndoCommand):
    """Replace the document's case ``before`` with ``after`` (and back on undo)."""

    def __init__(
        self,
        document: Document,
        before: Case,
        after: Case,
        text: str,
        merge_key: str | None,
        where: str | None = None,
    ) -> None:
        super().__init__(text)
        self.document = document
        self.before = before
        self.after = after
        self.merge_key = merge_key
        self.where = where  # the outline item the edit was made in (shown again on undo)
        self._pushed = False

    def id(self) -> int:
        return MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SnapshotCommand) or other.merge_key != self.merge_key:
            return False
        if other.before is not self.after:
            return False
        self.after = other.after
        if self.after == self.before:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        origin: Origin = "redo" if self._pushed else "edit"
        self._pushed = True
        self.document._set_case(Change(self.after, origin, self.where))

    def undo(self) -> None:
        self.document._set_case(Change(self.before, "undo", self.where))


class Document(QObject):
    """One case being edited. ``changed`` fires with a :class:`Change` after every change."""

    changed = Signal(object)
    pathChanged = Signal()
    dirtyChanged = Signal(bool)

    def __init__(
        self,
        case: Case,
        path: Path | None = None,
        *,
        origin_name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._case = case
        self._path = path
        self.origin_name = origin_name  # template/example it came from, for an untitled case
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._forced_dirty = False
        self.id = next(_counter)
        # (mtime_ns, size) of the file when it was opened or last saved here; None = unknown.
        self.stamp: tuple[int, int] | None = None
        self.saved = case  # the case as last saved or opened (meeting mode compares with it)

    def _clean_changed(self, clean: bool) -> None:
        self.dirtyChanged.emit(not clean or self._forced_dirty)

    @property
    def case(self) -> Case:
        return self._case

    @property
    def path(self) -> Path | None:
        return self._path

    @path.setter
    def path(self, value: Path | None) -> None:
        self._path = value
        self.pathChanged.emit()

    @property
    def dirty(self) -> bool:
        return self._forced_dirty or not self.undo_stack.isClean()

    def mark_dirty(self) -> None:
        """Unsaved although no edit was made (a recovered or a new, never saved case)."""
        self._forced_dirty = True
        self.dirtyChanged.emit(True)

    def mark_clean(self) -> None:
        self._forced_dirty = False
        self.saved = self._case
        self.undo_stack.setClean()
        self.dirtyChanged.emit(False)

    def apply(
        self, case: Case, text: str, merge_key: str | None = None, where: str | None = None
    ) -> bool:
        """Make ``case`` the current snapshot as one undoable edit; False if nothing changed."""
        if case == self._case:
            return False
        self.undo_stack.push(SnapshotCommand(self, self._case, case, text, merge_key, where))
        return True

    def replace_all(self, case: Case) -> None:
        """Revert/reload: a new base snapshot, the undo history cleared."""
        self.undo_stack.clear()
        self._set_case(Change(case, "load"))

    def _set_case(self, change: Change) -> None:
        self._case = change.case
        self.changed.emit(change)

    @property
    def display_name(self) -> str:
        if self._path is not None:
            return self._path.name
        return self._case.buyer.company or self.origin_name or _("Untitled")
