"""The field of a numeric input: expected value, range, source, confidence, confirmation.

Empty means empty: a required input without a value shows its declared default as a
suggestion (placeholder text, and a button that accepts it) and says "needs a value"; an
optional one says "optional". The line under the value shows the input's status
(``calculators.readiness``): given, suggested default, template placeholder, confirmed by
whom and when.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from calculators.formatting import Formatter
from calculators.i18n import _
from calculators.inputs import Estimate, InputSpec, order_problem
from calculators.numbers import decimal_to_json
from desktop.editors.fields import CONFIDENCES, Field, confidence_label
from desktop.editors.numberline import NumberLine
from desktop.numberio import display, field_help, unit_suffix
from desktop.plain import plain, plain_tip


class EstimateField(Field):
    """A numeric input with expected value, optional low/high, source, confidence and note."""

    def __init__(
        self,
        spec: InputSpec,
        fmt: Formatter,
        *,
        optional: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(spec.key, _(spec.label), field_help(spec.unit, _(spec.help)), parent)
        self.spec = spec
        self.fmt = fmt
        self.optional = optional
        self.expected = self._number("expected")
        self.expected.setAccessibleName(self.label)
        self.unit_label = QLabel(self)
        self.unit_label.setMinimumWidth(24)
        self.expected.setMaximumWidth(200)
        self.row.addWidget(self.expected, 1)
        self.row.addWidget(self.unit_label)
        self.row.addWidget(self.expected.echo)
        self.row.addStretch(1)
        self.more = QToolButton(self)
        self.more.setCheckable(True)
        self.more.setAutoRaise(True)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more.setArrowType(Qt.ArrowType.RightArrow)
        self.more.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.more.setAccessibleName(_("Range and source of {label}").format(label=self.label))
        self.more.toggled.connect(self._toggle_details)
        self.accept_button = QToolButton(self)
        self.accept_button.setObjectName("acceptSuggestion")
        self.accept_button.setAutoRaise(True)
        self.accept_button.clicked.connect(self.accept_suggestion)
        self.accept_button.setVisible(False)
        self.row.insertWidget(2, self.accept_button)
        self.status = QLabel(self)
        self.status.setObjectName("inputStatus")
        self.status.setWordWrap(True)
        plain(self.status)  # "confirmed by <name>": text from the case file
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertWidget(1, self.status)
        outer.insertWidget(2, self.more)
        self.widen = QToolButton(self)  # offered when the expected value leaves the range
        self.widen.setObjectName("widen")
        self.widen.setVisible(False)
        self.widen.clicked.connect(self._widen)
        outer.insertWidget(3, self.widen)
        self.widen_to: tuple[Decimal, Decimal] | None = None
        self.details = QWidget(self)
        self._build_details()
        self.details.setVisible(False)
        outer.addWidget(self.details)
        for widget in (
            self.expected,
            self.low,
            self.high,
            self.source,
            self.confidence,
            self.note,
            self.confirmed_by,
            self.confirmed_on,
        ):
            self.watch(widget)
        self.expected.setAccessibleName(self.label)
        self.stored: Estimate | None = None
        self._apply_formatter(fmt)

    def _line(self, name: str, accessible: str, placeholder: str = "") -> QLineEdit:
        line = QLineEdit(self.details)
        line.setObjectName(name)
        line.setAccessibleName(accessible.format(label=self.label))
        line.setPlaceholderText(placeholder)
        line.textEdited.connect(self._changed)
        return line

    def _build_details(self) -> None:
        form = QFormLayout(self.details)
        form.setContentsMargins(18, 2, 0, 4)
        # Nested in the editor's own form: put labels above their fields when space is short,
        # so the details never make the editor wider than its pane.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        range_row = QHBoxLayout()
        self.low = self._number("low")
        self.low.setAccessibleName(_("Low estimate of {label}").format(label=self.label))
        self.high = self._number("high")
        self.high.setAccessibleName(_("High estimate of {label}").format(label=self.label))
        range_row.addWidget(self.low)
        range_row.addWidget(QLabel("–"))
        range_row.addWidget(self.high)
        self.range_unit = QLabel(self)
        range_row.addWidget(self.range_unit)
        form.addRow(_("Range (low – high)"), range_row)
        self.source = self._line("source", _("Source of {label}"), _("Where the number comes from"))
        form.addRow(_("Source"), self.source)
        self.confidence = QComboBox(self.details)
        self.confidence.setObjectName("confidence")
        self.confidence.addItem(_("Not stated"), "")
        for value in CONFIDENCES:
            self.confidence.addItem(confidence_label(value), value)
        self.confidence.setAccessibleName(_("Confidence in {label}").format(label=self.label))
        self.confidence.activated.connect(self._changed)
        form.addRow(_("Confidence"), self.confidence)
        self.note = self._line("note", _("Note on {label}"))
        form.addRow(_("Note"), self.note)
        self.confirmed_by = self._line(
            "confirmed_by", _("Who confirmed {label}"), _("Name or role on the buyer's side")
        )
        form.addRow(_("Confirmed by"), self.confirmed_by)
        self.confirmed_on = self._line(
            "confirmed_on", _("When {label} was confirmed"), _("YYYY-MM-DD")
        )
        form.addRow(_("Confirmed on"), self.confirmed_on)

    @property
    def suggestion(self) -> Decimal | None:
        """The declared default, offered as a suggestion for a required input."""
        default = self.spec.default
        if self.spec.optional or not isinstance(default, Decimal) or not self.optional:
            return None
        return default

    def accept_suggestion(self) -> None:
        """Take the suggested value (the declared default) as this input's value."""
        suggestion = self.suggestion
        if suggestion is None:
            return
        self.session += 1  # one undo step of its own
        self.expected.show_value(suggestion)
        self._changed()

    def focus_part(self, part: str) -> None:
        """Show and focus ``part`` (expected, low, high, source, confidence, note...)."""
        widget = self.findChild(QWidget, part) if part else None
        if widget is None or widget is self.expected:
            self.expected.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.more.setChecked(True)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def focus_target(self) -> QWidget:
        return self.expected

    def part_widgets(self) -> list[QWidget]:
        return [self.expected, self.low, self.high]

    def _number(self, name: str) -> NumberLine:
        line = NumberLine(
            self.spec.unit,
            self.fmt,
            self.spec.minimum,
            self.spec.maximum,
            self.spec.integer,
            self,
            echo=name == "expected",
        )
        line.setObjectName(name)
        line.textEdited.connect(self._changed)
        line.editingFinished.connect(lambda line=line: self._tidy(line))
        return line

    def _apply_formatter(self, fmt: Formatter) -> None:
        self.fmt = fmt
        suffix = unit_suffix(self.spec.unit, fmt)
        for line in (self.expected, self.low, self.high):
            line.set_formatter(fmt)
            line.suffix_symbol = suffix.split(" ")[0] if suffix else ""
        self.unit_label.setText(suffix)
        self.range_unit.setText(suffix)
        suggestion = self.suggestion
        if suggestion is not None:
            shown = display(suggestion, self.spec.unit, fmt)
            self.expected.setPlaceholderText(_("suggested: {value}").format(value=shown))
            self.accept_button.setText(_("Use {value}").format(value=shown))
            self.accept_button.setToolTip(
                _("Take the suggested value; confirm it with the buyer before sending")
            )
        elif self.spec.optional and self.optional:
            self.expected.setPlaceholderText(_("optional"))
        self.low.setPlaceholderText(_("low"))
        self.high.setPlaceholderText(_("high"))

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.more.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _tidy(self, line: NumberLine) -> None:
        """After editing, show the value the way the locale writes it."""
        value, problem = line.value_or_problem()
        if value is not None and problem is None and self.problem is None:
            line.show_value(value)
        elif problem is not None and line.pending():  # left half-typed: say what is missing
            self.show_problem(problem, line.objectName())

    def collect(self) -> tuple[Any, str | None, str]:
        """(JSON-like value, problem, part): what the fields say now."""
        parts: dict[str, Decimal | None] = {}
        for line in (self.expected, self.low, self.high):
            value, problem = line.value_or_problem()
            if problem:
                return None, problem, line.objectName()
            parts[line.objectName()] = value
        source = self.source.text().strip() or None
        confidence = self.confidence.currentData() or None
        note = self.note.text().strip() or None
        extras: dict[str, Any] = {"source": source, "confidence": confidence, "note": note}
        extras["confirmed_by"] = self.confirmed_by.text().strip() or None
        extras["confirmed_on"] = self.confirmed_on.text().strip() or None
        stored = self.stored
        # The template's placeholder mark stays only while its source is left as it was.
        keep = stored is not None and stored.placeholder and source == stored.source
        extras["placeholder"] = True if keep else None
        expected = parts["expected"]
        if expected is None:
            if not self.optional:
                if any(parts.values()) or any(extras.values()):
                    return None, _("enter the most likely value"), "expected"
                return "0", None, ""
            if parts["low"] is not None or parts["high"] is not None or any(extras.values()):
                return None, _("enter the most likely value too"), "expected"
            return None, None, ""
        ordering = order_problem(expected, parts["low"], parts["high"], self.expected.shown_number)
        if ordering is not None:
            where, message = ordering
            shown = {"low": _("low"), "high": _("high")}.get(where, where)
            # Translators: a part of an input (low, high) and what is wrong with it.
            return None, _("{field}: {problem}").format(field=shown, problem=message), where
        if all(v is None for v in (parts["low"], parts["high"], *extras.values())):
            return decimal_to_json(expected), None, ""
        data: dict[str, Any] = {"expected": decimal_to_json(expected)}
        for name in ("low", "high"):
            part = parts[name]
            if part is not None:
                data[name] = decimal_to_json(part)
        data.update({k: v for k, v in extras.items() if v is not None})
        return data, None, ""

    def _changed(self, *_args: object) -> None:
        if self._updating:
            return
        if any(line.pending() for line in (self.expected, self.low, self.high)):
            self.show_problem(None)  # "1," is not 1: wait for the rest, commit nothing
            return
        value, problem, part = self.collect()
        self.widen_to = self._widen_offer() if part in ("low", "high") else None
        if self.widen_to is not None and not self.details.isVisible():
            # The range fields are folded away: say what is wrong in terms of what is shown.
            shown = [line.value_or_problem()[0] for line in (self.expected, self.low, self.high)]
            value, low, high = (self.expected.shown_number(v or Decimal(0)) for v in shown)
            problem = _("{value} is outside the range {low} – {high}").format(
                value=value, low=low, high=high
            )
        if self.widen_to is not None:
            low, high = (self.expected.shown_number(v) for v in self.widen_to)
            self.widen.setText(_("Widen the range to {low} – {high}").format(low=low, high=high))
        self.widen.setVisible(self.widen_to is not None)
        if problem:
            self.show_problem(problem, part)
            return
        self.emit_value(value)

    def _widen_offer(self) -> tuple[Decimal, Decimal] | None:
        """The range widened to take the expected value in, if all three are numbers."""
        values = [line.value_or_problem() for line in (self.expected, self.low, self.high)]
        if any(value is None or problem for value, problem in values):
            return None
        expected, low, high = (value for value, _problem in values)
        assert expected is not None and low is not None and high is not None
        return min(low, expected), max(high, expected)

    def _widen(self) -> None:
        if self.widen_to is None:
            return
        for line, value in zip((self.low, self.high), self.widen_to, strict=True):
            line.show_value(value)
        self.widen.setVisible(False)
        self._changed()

    def _summary(self, estimate: Estimate | None) -> str:
        if estimate is None or estimate.is_plain:
            return _("Range & source")
        bits = []
        if estimate.is_ranged:
            bits.append(
                f"{display(estimate.low_value, self.spec.unit, self.fmt)}–"
                f"{display(estimate.high_value, self.spec.unit, self.fmt)}"
            )
        if estimate.confidence:
            bits.append(confidence_label(estimate.confidence))
        if estimate.source:
            source = estimate.source
            bits.append(source if len(source) <= 48 else source[:47] + "…")
        return " · ".join(bits) if bits else _("Range & source")

    def _current(self) -> Estimate | None:
        value, problem, _part = self.collect()
        if problem:
            raise ValueError(problem)
        return None if value is None else Estimate.model_validate(value)

    def set_value(self, value: Any, fmt: Formatter, force: bool = False) -> None:
        estimate: Estimate | None = value
        refreshed = fmt != self.fmt
        if refreshed:
            self._apply_formatter(fmt)
        self.stored = estimate
        self._show_status(estimate)
        # A literal "&" in a button text would become a keyboard mnemonic: double it.
        self.more.setText(self._summary(estimate).replace("&", "&&"))
        self.more.setToolTip(plain_tip(self._summary(estimate)))
        parts = {
            self.expected: None if estimate is None else estimate.expected,
            self.low: None if estimate is None else estimate.low,
            self.high: None if estimate is None else estimate.high,
        }
        if not force and not refreshed:
            if self.problem is not None:
                return
            try:
                if self._current() == estimate:
                    # Equal, but perhaps written differently ("42.50" for "42.5"): from now
                    # on read the case's own value back while the text stays as it is.
                    for number, part in parts.items():
                        number.adopt(part)
                    return
            except ValueError:
                return
        self._updating = True
        try:
            for number, part in parts.items():
                number.show_value(part)
            self.source.setText("" if estimate is None else estimate.source or "")
            self.note.setText("" if estimate is None else estimate.note or "")
            self.confirmed_by.setText("" if estimate is None else estimate.confirmed_by or "")
            day = None if estimate is None else estimate.confirmed_on
            self.confirmed_on.setText("" if day is None else day.isoformat())
            for line in (self.source, self.note, self.confirmed_by):
                line.setCursorPosition(0)
            index = self.confidence.findData((estimate.confidence if estimate else None) or "")
            self.confidence.setCurrentIndex(max(index, 0))
        finally:
            self._updating = False
        self.show_problem(None)

    def _show_status(self, estimate: Estimate | None) -> None:
        """The status line and the suggestion button for the stored ``estimate``."""
        from calculators.readiness import Status, input_status, status_text

        status = input_status(self.spec, estimate)
        if not self.optional and status is Status.EMPTY:
            status = Status.GIVEN  # a solution number: empty is a plain 0
        self.accept_button.setVisible(estimate is None and self.suggestion is not None)
        warn = status in (Status.MISSING, Status.PLACEHOLDER)
        text = status_text(self.spec, estimate, self.fmt)
        self.status.setText(f"⚠ {text}" if warn else text)
        self.status.setVisible(bool(text))
        if bool(self.status.property("needsValue")) != warn:
            self.status.setProperty("needsValue", warn)
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)
        self.status.setAccessibleName(text)
        self.setProperty("status", status.value)
