"""Meeting mode: a clean full-screen view for working through the figures with the buyer.

It shows the headline, what each month of delay costs, and the 6-10 inputs that move the
figure most (the core's sensitivity, ``calculators.analysis.sensitivity``: largest swing
first) as large spin boxes. Every change is an ordinary edit of the document, so it is on
the undo stack like any other; "Compare with the saved case" shows the saved figures beside
the current ones. Esc (or F11 again) returns to the normal window.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from calculators.i18n import _

# calculators.inputs (pydantic) is imported where it is used: the window shows before the
# case model has loaded (benchmarks/bench_startup.py).
if TYPE_CHECKING:
    from calculators.engine import Results
    from calculators.formatting import Formatter
    from calculators.inputs import Estimate, InputRef, InputSpec
    from calculators.model import Case
    from desktop.document import Document

MIN_ROWS = 6
MAX_ROWS = 10
LIMIT = 1e12  # the spin boxes' reach where an input declares no maximum


@dataclass(frozen=True)
class MeetingInput:
    """One input shown in meeting mode."""

    ref: InputRef
    spec: InputSpec
    owner: str  # the driver's name, or the solution's

    @property
    def where(self) -> str:
        """The outline item the input belongs to (shown again on undo)."""
        return "solution" if self.ref.is_solution else f"driver:{self.ref.owner}"


def _index(ref: InputRef) -> int:
    """The driver index of a driver's input."""
    assert not ref.is_solution and isinstance(ref.owner, int)
    return ref.owner


def current_estimate(case: Case, ref: InputRef, spec: InputSpec) -> Estimate:
    from calculators.inputs import Estimate

    if ref.is_solution:
        assert case.solution is not None
        return case.solution.estimate(ref.key)
    stored = case.drivers[_index(ref)].input(ref.key)
    return stored if isinstance(stored, Estimate) else Estimate(expected=spec.default_decimal)


def meeting_inputs(case: Case, ranked: tuple[InputRef, ...]) -> list[MeetingInput]:
    """The inputs with the largest swing first (``ranked``), then other inputs of the
    included drivers in case order until there are at least ``MIN_ROWS``; ``MAX_ROWS`` at most."""
    from calculators.case_fields import solution_input
    from calculators.inputs import InputRef, Kind

    chosen: list[MeetingInput] = []
    seen: set[InputRef] = set()

    def add(ref: InputRef) -> None:
        if ref in seen or len(chosen) >= MAX_ROWS:
            return
        if ref.is_solution:
            if case.solution is None:
                return
            spec, owner = solution_input(ref.key), case.solution.name or _("Solution")
        else:
            index = _index(ref)
            if index >= len(case.drivers) or not case.drivers[index].enabled:
                return
            driver = case.drivers[index]
            if not any(spec.key == ref.key for spec in driver.kind.inputs):
                return  # the addressable share: a property of the driver, edited in its editor
            spec, owner = driver.kind.spec(ref.key), driver.name
        if spec.kind is Kind.NUMBER:
            seen.add(ref)
            chosen.append(MeetingInput(ref, spec, owner))

    for ref in ranked:
        add(ref)
    for index, driver in enumerate(case.drivers):
        for spec in driver.kind.inputs:
            if len(chosen) < MIN_ROWS:
                add(InputRef(index, spec.key))
    return chosen


def with_expected(case: Case, item: MeetingInput, value: Decimal) -> Case:
    """``case`` with the input's expected value set; its range widened to take it in."""
    from calculators.numbers import decimal_to_json
    from desktop import edits

    old = current_estimate(case, item.ref, item.spec)
    data: dict[str, Any] = old.model_dump(mode="json", exclude_none=True)
    data["expected"] = decimal_to_json(value)
    if old.low is not None and old.low > value:
        data["low"] = decimal_to_json(value)
    if old.high is not None and old.high < value:
        data["high"] = decimal_to_json(value)
    if len(data) == 1:
        data_value: Any = data["expected"]
    else:
        data_value = data
    if item.ref.is_solution:
        return edits.set_section(case, "solution", **{item.ref.key: data_value})
    return edits.set_driver_input(case, _index(item.ref), item.ref.key, data_value)


class BigSpin(QDoubleSpinBox):
    """A large spin box for one input, in the case's locale; rates in percent.

    The float inside QDoubleSpinBox only carries the shown digits: the value handed on is
    the Decimal of the shown text's digits, so money stays Decimal in the case.
    """

    committed = Signal(object)  # Decimal: the stored value (a fraction for rates)

    def __init__(self, item: MeetingInput, fmt: Formatter, parent: QWidget | None = None):
        from desktop.numberio import scale, unit_suffix

        super().__init__(parent)
        self.item = item
        self.factor = scale(item.spec.unit)
        self.setKeyboardTracking(False)  # a half-typed number is never an edit
        self.setAccelerated(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.PlusMinus)
        spec = item.spec
        self.setDecimals(shown_decimals(spec, fmt.currency))
        self.setGroupSeparatorShown(True)
        low = float(spec.minimum * self.factor) if spec.minimum is not None else -LIMIT
        high = float(spec.maximum * self.factor) if spec.maximum is not None else LIMIT
        self.setRange(low, high)
        suffix = unit_suffix(spec.unit, fmt)
        self.setSuffix(f" {suffix}" if suffix else "")
        self.setAccessibleName(_(spec.label))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.setFont(font)
        self.setMinimumWidth(220)
        self.valueChanged.connect(self._changed)
        self._updating = False

    def show_stored(self, value: Decimal, fmt: Formatter) -> None:
        from PySide6.QtCore import QLocale

        self._updating = True
        try:
            self.setLocale(QLocale(fmt.locale))
            shown = value * self.factor
            self.setSingleStep(nice_step(shown, self.item.spec))
            self.setValue(float(shown))
        finally:
            self._updating = False

    def _changed(self, value: float) -> None:
        if self._updating:
            return
        shown = Decimal(f"{value:.{self.decimals()}f}")
        self.committed.emit(shown / self.factor if self.factor != 1 else shown)


def shown_decimals(spec: InputSpec, currency: str) -> int:
    """Digits after the decimal mark in a meeting spin box: what the unit needs, no more."""
    from calculators.formatting import minor_units
    from calculators.inputs import Unit

    if spec.integer or spec.unit is Unit.COUNT:
        return 0
    if spec.unit in (Unit.MONEY, Unit.MONEY_PER_HOUR):
        return max(minor_units(currency), 0)
    return 1


def nice_step(shown: Decimal, spec: InputSpec) -> float:
    """One click of the arrows: about a tenth of the value, a round number (1 at least for
    whole numbers, 1 percentage point for rates)."""
    from calculators.inputs import Unit

    if spec.unit is Unit.RATE:
        return 1.0
    magnitude = abs(shown)
    if magnitude < 10:
        return 1.0 if spec.integer or magnitude >= 1 else 0.1
    return float(Decimal(10) ** (len(str(int(magnitude))) - 2) * (5 if magnitude >= 50 else 1))


def _label(text: str, parent: QWidget, scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


class MeetingView(QScrollArea):
    """The page shown in meeting mode (built each time it is entered)."""

    leave_requested = Signal()

    def __init__(
        self, document: Document, inputs: list[MeetingInput], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meeting")
        self.document = document
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        body.setObjectName("meetingBody")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(10)
        top = QHBoxLayout()
        self.title = _label("", body, 1.4, bold=True)
        self.title.setObjectName("meetingTitle")
        top.addWidget(self.title, 1)
        self.compare = QPushButton(_("Compare with the saved case"), body)
        self.compare.setObjectName("compare")
        self.compare.setCheckable(True)
        self.compare.toggled.connect(lambda _on: self.refresh(document.case))
        top.addWidget(self.compare)
        leave = QPushButton(_("Leave meeting mode (Esc)"), body)
        leave.setObjectName("leaveMeeting")
        leave.clicked.connect(self.leave_requested.emit)
        top.addWidget(leave)
        layout.addLayout(top)
        self.caption = _label("", body, 1.2)
        self.headline = _label("—", body, 3.2, bold=True)
        self.headline.setObjectName("meetingHeadline")
        self.headline.setAccessibleName(_("Cost of inaction until the decision date"))
        self.delay = _label("", body, 1.6, bold=True)
        self.delay.setObjectName("meetingDelay")
        self.before = _label("", body, 1.1)
        self.before.setObjectName("meetingCompare")
        for widget in (self.caption, self.headline, self.delay, self.before):
            layout.addWidget(widget)
        layout.addSpacing(16)
        layout.addWidget(_label(_("What moves the figure most"), body, 1.2, bold=True))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(10)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self.spins: list[BigSpin] = []
        self._build_rows(body, inputs)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.leave_requested.emit)
        self.addAction(escape)

    def _build_rows(self, body: QWidget, inputs: list[MeetingInput]) -> None:
        from desktop.editors.forms import formatter

        fmt = formatter(self.document.case)
        columns = 2 if len(inputs) > 5 else 1
        for position, item in enumerate(inputs):
            row, column = divmod(position, columns)
            box = QVBoxLayout()
            name = _label(
                _("{input} · {owner}").format(input=_(item.spec.label), owner=item.owner), body, 1.1
            )
            spin = BigSpin(item, fmt, body)
            spin.setObjectName(f"meeting_{position}")
            spin.committed.connect(lambda value, item=item: self._edit(item, value))
            box.addWidget(name)
            box.addWidget(spin)
            self.grid.addLayout(box, row, column)
            self.spins.append(spin)
        if not inputs:
            self.grid.addWidget(_label(_("Add a cost driver to work with its inputs here."), body))

    def _edit(self, item: MeetingInput, value: Decimal) -> None:
        from desktop.edits import EditError

        try:
            new = with_expected(self.document.case, item, value)
        except EditError:
            self.refresh(self.document.case)  # refused: show the case's value again
            return
        self.document.apply(
            new, _("Change {what}").format(what=_(item.spec.label)), where=item.where
        )

    def refresh(self, case: Case, results: Results | None = None) -> None:
        from calculators.engine import summarise
        from desktop.editors.forms import formatter
        from desktop.language import ui_date

        fmt = formatter(case)
        results = results or summarise(case)
        self.title.setText(case.title or case.buyer.company)
        self.caption.setText(
            _("Doing nothing until {deadline} costs {buyer}").format(
                deadline=ui_date(case.deadline, case.locale), buyer=case.buyer.company
            )
        )
        self.headline.setText(fmt.money(results.projection.cost_to_deadline))
        self.delay.setText(delay_text(results, fmt))
        for spin in self.spins:
            item = spin.item
            if item.ref.is_solution and case.solution is None:
                continue
            if not item.ref.is_solution and _index(item.ref) >= len(case.drivers):
                continue
            value = current_estimate(case, item.ref, item.spec).expected
            spin.show_stored(value, fmt)
        self.before.setVisible(self.compare.isChecked())
        if self.compare.isChecked():
            self.before.setText(compare_text(self.document.saved, results, fmt))


def delay_text(results: Results, fmt: Formatter) -> str:
    solution = results.solution
    if solution is None:
        return _("Each month without a decision costs {amount}").format(
            amount=fmt.money(results.projection.cost_per_month)
        )
    delay = solution.cost_of_delay_per_month
    if delay >= 0:
        return _("Each month of delay costs {amount}").format(amount=fmt.money(delay))
    return _("Each month of waiting gains {amount}").format(amount=fmt.money(abs(delay)))


def compare_text(saved: Case, now: Results, fmt: Formatter) -> str:
    """The saved case's figures beside the current ones."""
    from calculators.engine import summarise

    before = summarise(saved)
    rows = [
        (
            _("Until the decision date"),
            before.projection.cost_to_deadline,
            now.projection.cost_to_deadline,
        ),
        (_("Per month"), before.projection.cost_per_month, now.projection.cost_per_month),
    ]
    if before.solution is not None and now.solution is not None:
        rows.append((_("Net present value"), before.solution.npv, now.solution.npv))
    lines = [
        # Translators: meeting mode's comparison: a figure, then saved value → current value.
        _("{figure}: saved {before} → now {after}").format(
            figure=figure, before=fmt.money(old), after=fmt.money(new)
        )
        for figure, old, new in rows
    ]
    return "\n".join(lines)
