"""The case outline: details, each driver (with its cost to the deadline), solution, narrative.

A driver with a required input that has no value is marked "⚠" (its tooltip names the
inputs); :func:`inputs_summary` counts the case's inputs by status for the line under it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from calculators.i18n import _
from desktop.plain import plain_tip

if TYPE_CHECKING:
    from decimal import Decimal

    from calculators.engine import Results
    from calculators.formatting import Formatter
    from calculators.model import Case

KEY = Qt.ItemDataRole.UserRole


from desktop.document import driver_index, driver_key  # noqa: E402

__all__ = ["Outline", "driver_index", "driver_key", "inputs_summary", "item_for_path"]

NEEDS_VALUE = "⚠ "


def item_for_path(path: str) -> str:
    """The outline item that edits field ``path`` ("drivers[2].inputs.hourly_cost")."""
    found = re.match(r"drivers\[(\d+)\]", path)
    if found:
        return driver_key(int(found.group(1)))
    head = path.split(".")[0]
    if head in ("drivers", "solution", "narrative"):
        return head
    if head == "discount_rate":
        return "solution"
    return "details"


def missing_inputs(case: Case, index: int) -> list[str]:
    """The labels of driver ``index``'s required inputs that have no value."""
    from calculators.readiness import Status, input_status

    driver = case.drivers[index]
    return [
        _(spec.label)
        for spec in driver.kind.inputs
        if input_status(spec, driver.input(spec.key)) is Status.MISSING
    ]


def inputs_summary(case: Case) -> str:
    """ "Inputs: 7 of 9 given · 2 confirmed · 2 need a value · 1 placeholder source"."""
    from calculators.i18n import ngettext
    from calculators.readiness import input_counts

    counts = input_counts(case)
    parts = [
        _("Inputs: {given} of {total} given").format(given=counts.given, total=counts.total),
        _("{count} confirmed").format(count=counts.confirmed),
    ]
    if counts.missing:
        parts.append(
            ngettext("{count} needs a value", "{count} need a value", counts.missing).format(
                count=counts.missing
            )
        )
    if counts.placeholders:
        parts.append(
            ngettext(
                "{count} placeholder source", "{count} placeholder sources", counts.placeholders
            ).format(count=counts.placeholders)
        )
    return " · ".join(parts)


class Outline(QTreeWidget):
    selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setAccessibleName(_("Case outline"))
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(14)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.currentItemChanged.connect(self._current_changed)
        self._building = False
        self._driver_count = -1
        self._rows: dict[int, tuple[object, ...]] = {}  # what each driver row shows
        self.details = QTreeWidgetItem([_("Case details"), ""])
        self.details.setData(0, KEY, "details")
        self.drivers = QTreeWidgetItem([_("Cost drivers"), ""])
        self.drivers.setData(0, KEY, "drivers")
        self.solution = QTreeWidgetItem([_("Solution"), ""])
        self.solution.setData(0, KEY, "solution")
        self.narrative = QTreeWidgetItem([_("Narrative"), ""])
        self.narrative.setData(0, KEY, "narrative")
        bold = QFont(self.font())
        bold.setBold(True)
        for item in (self.details, self.drivers, self.solution, self.narrative):
            item.setFont(0, bold)
        self.addTopLevelItems([self.details, self.drivers, self.solution, self.narrative])
        self.drivers.setExpanded(True)

    def current_key(self) -> str | None:
        item = self.currentItem()
        return None if item is None else str(item.data(0, KEY))

    def select(self, key: str) -> None:
        item = self.item_for(key)
        if item is not None:
            self.setCurrentItem(item)

    def select_quietly(self, key: str) -> None:
        """Select ``key`` without announcing it (the window already shows that item)."""
        self._building = True
        try:
            self.select(key)
        finally:
            self._building = False

    def reset(self) -> None:
        """A new document: rebuild the driver rows on the next update."""
        self._driver_count = -1
        self._rows.clear()

    def _show_driver(
        self,
        child: QTreeWidgetItem,
        i: int,
        case: Case,
        cost: Decimal | None,
        fmt: Formatter,
        normal: QBrush,
        muted: QBrush,
    ) -> None:
        driver = case.drivers[i]
        name = driver.name if driver.enabled else _("{name} (off)").format(name=driver.name)
        tip = f"{driver.name} — {_(driver.kind.label)}"
        missing = missing_inputs(case, i) if driver.enabled else []
        if missing:
            name = NEEDS_VALUE + name
            tip += "\n" + _("Needs a value: {inputs}").format(inputs=", ".join(missing))
        child.setText(0, name)
        child.setToolTip(0, plain_tip(tip))
        child.setData(1, KEY, bool(missing))
        child.setText(1, "—" if cost is None else fmt.money(cost))
        child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = QFont(self.font())
        font.setItalic(not driver.enabled)
        child.setFont(0, font)
        for column in (0, 1):
            child.setForeground(column, normal if driver.enabled else muted)

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        for item in (self.details, self.drivers, self.solution, self.narrative):
            if item.data(0, KEY) == key:
                return item
        index = driver_index(key)
        if index is not None and 0 <= index < self.drivers.childCount():
            return self.drivers.child(index)
        return None

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if self._building or current is None:
            return
        self.selected.emit(str(current.data(0, KEY)))

    def update_case(self, case: Case, results: Results) -> None:
        """Show ``case``; keeps the selection when the drivers stay the same."""
        from calculators.formatting import Formatter

        fmt = Formatter(case.locale, case.currency)
        self._building = True
        try:
            count = len(case.drivers)
            if count != self._driver_count:
                self.drivers.takeChildren()
                for i in range(count):
                    child = QTreeWidgetItem(["", ""])
                    child.setData(0, KEY, driver_key(i))
                    self.drivers.addChild(child)
                self._driver_count = count
                self._rows.clear()
            costs = {d.index: d.cost_to(case.deadline) for d in results.projection.drivers}
            muted = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
            normal = QBrush(self.palette().color(QPalette.ColorRole.Text))
            # A keystroke changes one driver: the other rows keep their texts (at 200 drivers,
            # formatting every row each time cost ~20 ms a keystroke). A row is rewritten when
            # its driver, its figure, the formats, the language or the palette changed.
            looks = (fmt.locale, fmt.currency, _("{name} (off)"), self.palette().cacheKey())
            for i, driver in enumerate(case.drivers):
                row = self.drivers.child(i)
                assert row is not None
                shown = (driver, costs.get(i), *looks)
                if self._rows.get(i) != shown:
                    self._show_driver(row, i, case, costs.get(i), fmt, normal, muted)
                    self._rows[i] = shown
            self.drivers.setText(1, str(count))
            self.drivers.setTextAlignment(
                1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.solution.setTextAlignment(
                1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.details.setText(1, "")
            self.solution.setText(
                1, fmt.money(results.solution.npv) if results.solution else _("none")
            )
            self.solution.setToolTip(1, _("Net present value") if results.solution else "")
        finally:
            self._building = False
