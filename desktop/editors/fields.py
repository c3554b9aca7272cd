"""Field widgets generated from input declarations.

Each field shows a value of the case and emits ``edited(value)`` with what the person typed,
already parsed into the JSON-like form the case model validates (decimal strings, ISO dates,
text, or None for "use the default"). A field never changes the case itself; the form that
owns it builds the new snapshot and calls :meth:`Field.show_problem` when the model refuses.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from calculators.formatting import Formatter
from calculators.i18n import _
from calculators.inputs import Estimate, InputSpec, Unit, order_problem
from calculators.numbers import decimal_to_json
from desktop.editors.numberline import NumberLine
from desktop.numberio import display, field_help, unit_suffix
from desktop.plain import plain, plain_tip

CONFIDENCES = ("high", "medium", "low")


def confidence_label(value: str) -> str:
    return {"high": _("High"), "medium": _("Medium"), "low": _("Low")}.get(value, value)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class Field(QWidget):
    """Base of every field: a row of inputs and a message line under it."""

    edited = Signal(object)

    def __init__(self, key: str, label: str, help_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.label = label
        self.help_text = help_text
        self.session = 0
        self._updating = False
        self.problem: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        self.row = QHBoxLayout()
        self.row.setSpacing(6)
        outer.addLayout(self.row)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        plain(self.message)
        self.message.setAccessibleName(_("Problem with {label}").format(label=label))
        outer.addWidget(self.message)
        if help_text:
            self.setToolTip(help_text)

    @property
    def focus_target(self) -> QWidget:
        return self

    def watch(self, widget: QWidget) -> None:
        """Count typing sessions: a new focus on ``widget`` starts a new undo step."""
        widget.installEventFilter(self)
        widget.setAccessibleName(widget.accessibleName() or self.label)
        if self.help_text:
            widget.setToolTip(self.help_text)
            widget.setAccessibleDescription(self.help_text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.session += 1
        return super().eventFilter(watched, event)

    def show_problem(self, text: str | None, part: str = "") -> None:
        self.problem = text
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))
        for widget in self.part_widgets():
            set_invalid(widget, bool(text) and (not part or widget.objectName() == part))
        self.focus_target.setAccessibleDescription(text or self.help_text)

    def part_widgets(self) -> list[QWidget]:
        return [self.focus_target]

    def emit_value(self, value: Any) -> None:
        if not self._updating:
            self.edited.emit(value)

    def set_value(self, value: Any, fmt: Formatter, force: bool = False) -> None:
        raise NotImplementedError


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
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertWidget(1, self.more)
        self.widen = QToolButton(self)  # offered when the expected value leaves the range
        self.widen.setObjectName("widen")
        self.widen.setVisible(False)
        self.widen.clicked.connect(self._widen)
        outer.insertWidget(2, self.widen)
        self.widen_to: tuple[Decimal, Decimal] | None = None
        self.details = QWidget(self)
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
        self.source = QLineEdit(self.details)
        self.source.setObjectName("source")
        self.source.setPlaceholderText(_("Where the number comes from"))
        self.source.setAccessibleName(_("Source of {label}").format(label=self.label))
        self.source.textEdited.connect(self._changed)
        form.addRow(_("Source"), self.source)
        self.confidence = QComboBox(self.details)
        self.confidence.setObjectName("confidence")
        self.confidence.addItem(_("Not stated"), "")
        for value in CONFIDENCES:
            self.confidence.addItem(confidence_label(value), value)
        self.confidence.setAccessibleName(_("Confidence in {label}").format(label=self.label))
        self.confidence.activated.connect(self._changed)
        form.addRow(_("Confidence"), self.confidence)
        self.note = QLineEdit(self.details)
        self.note.setObjectName("note")
        self.note.setAccessibleName(_("Note on {label}").format(label=self.label))
        self.note.textEdited.connect(self._changed)
        form.addRow(_("Note"), self.note)
        self.details.setVisible(False)
        self.layout().addWidget(self.details)  # type: ignore[union-attr]
        for widget in (self.expected, self.low, self.high, self.source, self.confidence, self.note):
            self.watch(widget)
        self.expected.setAccessibleName(self.label)
        self._apply_formatter(fmt)

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
        default = self.spec.default if isinstance(self.spec.default, Decimal) else None
        if default is not None and self.optional:
            self.expected.setPlaceholderText(
                _("default {value}").format(value=display(default, self.spec.unit, fmt))
            )
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
        extras = {"source": source, "confidence": confidence, "note": note}
        expected = parts["expected"]
        if expected is None:
            if not self.optional:
                if any(parts.values()) or any(extras.values()):
                    return None, _("enter the expected value"), "expected"
                return "0", None, ""
            if parts["low"] is not None or parts["high"] is not None or any(extras.values()):
                return None, _("enter the expected value too"), "expected"
            return None, None, ""
        ordering = order_problem(expected, parts["low"], parts["high"], self.expected.shown_number)
        if ordering is not None:
            where, message = ordering
            shown = {"low": _("low"), "high": _("high")}.get(where, where)
            # Translators: a part of an input (low, high) and what is wrong with it.
            return None, _("{field}: {problem}").format(field=shown, problem=message), where
        if all(v is None for v in (parts["low"], parts["high"], *extras.values())):
            return decimal_to_json(expected), None, ""
        data: dict[str, str] = {"expected": decimal_to_json(expected)}
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
            for line in (self.source, self.note):
                line.setCursorPosition(0)
            index = self.confidence.findData((estimate.confidence if estimate else None) or "")
            self.confidence.setCurrentIndex(max(index, 0))
        finally:
            self._updating = False
        self.show_problem(None)


class NumberField(Field):
    """A single number (a rate shown as percent, a share): no range."""

    def __init__(
        self,
        key: str,
        label: str,
        help_text: str,
        unit: Unit,
        fmt: Formatter,
        minimum: Decimal | None = None,
        maximum: Decimal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(key, label, field_help(unit, help_text), parent)
        self.fmt = fmt
        self.line = NumberLine(unit, fmt, minimum, maximum, parent=self)
        self.line.setObjectName("value")
        self.line.textEdited.connect(self._changed)
        self.line.editingFinished.connect(self._tidy)
        self.unit_label = QLabel(unit_suffix(unit, fmt), self)
        self.row.addWidget(self.line, 2)
        self.row.addWidget(self.unit_label)
        self.row.addWidget(self.line.echo)
        self.row.addStretch(3)
        self.watch(self.line)

    @property
    def focus_target(self) -> QWidget:
        return self.line

    def _tidy(self) -> None:
        value, problem = self.line.value_or_problem()
        if value is not None and problem is None:
            self.line.show_value(value)
        elif problem is not None and self.line.pending():
            self.show_problem(problem)

    def _changed(self, _text: str) -> None:
        if self.line.pending():
            self.show_problem(None)
            return
        value, problem = self.line.value_or_problem()
        if problem:
            self.show_problem(problem)
            return
        if value is None:
            self.show_problem(_("enter a number"))
            return
        self.emit_value(decimal_to_json(value))

    def set_value(self, value: Any, fmt: Formatter, force: bool = False) -> None:
        refreshed = fmt != self.fmt
        if refreshed:
            self.fmt = fmt
            self.line.set_formatter(fmt)
            self.unit_label.setText(unit_suffix(self.line.unit, fmt))
        if not force and not refreshed:
            if self.problem is not None:
                return
            current, problem = self.line.value_or_problem()
            if problem is None and current == value:
                self.line.adopt(value)
                return
        self._updating = True
        try:
            self.line.show_value(value)
        finally:
            self._updating = False
        self.show_problem(None)


class TextField(Field):
    """Free text: one line, or several for the narrative."""

    def __init__(
        self,
        key: str,
        label: str,
        help_text: str = "",
        *,
        multiline: bool = False,
        placeholder: str = "",
        required: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(key, label, help_text, parent)
        self.multiline = multiline
        self.required = required
        self.editor: QLineEdit | QPlainTextEdit
        if multiline:
            self.editor = QPlainTextEdit(self)
            self.editor.setTabChangesFocus(True)
            self.editor.setMinimumHeight(90)
            self.editor.setPlaceholderText(placeholder)
            self.editor.textChanged.connect(self._changed)
        else:
            self.editor = QLineEdit(self)
            self.editor.setPlaceholderText(placeholder)
            self.editor.textEdited.connect(self._changed)
        self.editor.setObjectName("value")
        self.row.addWidget(self.editor)
        self.watch(self.editor)

    @property
    def focus_target(self) -> QWidget:
        return self.editor

    def text(self) -> str:
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        return self.editor.text()

    def _changed(self, *_args: object) -> None:
        if self._updating:
            return
        text = self.text()
        if self.required and not text.strip():
            self.show_problem(_("must not be empty"))
            return
        self.emit_value(text if text.strip() else None)

    def set_value(self, value: Any, fmt: Formatter, force: bool = False) -> None:
        shown = value or ""
        if not force and (self.problem is not None or self.text() == shown):
            return
        self._updating = True
        try:
            if isinstance(self.editor, QPlainTextEdit):
                self.editor.setPlainText(shown)
            else:
                self.editor.setText(shown)
                self.editor.setCursorPosition(0)
        finally:
            self._updating = False
        self.show_problem(None)


class ChoiceField(Field):
    """A choice among fixed values (labels translated, values as stored)."""

    def __init__(
        self,
        key: str,
        label: str,
        help_text: str,
        choices: list[tuple[str, Any]],
        *,
        editable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(key, label, help_text, parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName("value")
        self.combo.setEditable(editable)
        for text, data in choices:
            self.combo.addItem(text, data)
        self.combo.activated.connect(self._activated)
        if editable:
            line = self.combo.lineEdit()
            assert line is not None
            line.textEdited.connect(self._typed)
        self.row.addWidget(self.combo, 1)
        self.row.addStretch(1)
        self.watch(self.combo)

    @property
    def focus_target(self) -> QWidget:
        return self.combo

    def _activated(self, index: int) -> None:
        data = self.combo.itemData(index)
        self.emit_value(data if data is not None else self.combo.itemText(index))

    def _typed(self, text: str) -> None:
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        data = self.combo.itemData(index) if index >= 0 else None
        self.emit_value(data if data is not None else text.strip())

    def set_value(self, value: Any, fmt: Formatter, force: bool = False) -> None:
        if not force and self.problem is not None:
            return
        index = self.combo.findData(value)
        self._updating = True
        try:
            if index >= 0:
                self.combo.setCurrentIndex(index)
            elif self.combo.isEditable():
                if self.combo.currentText() != str(value or ""):
                    self.combo.setEditText(str(value or ""))
            else:
                self.combo.setCurrentIndex(-1)
        finally:
            self._updating = False
        self.show_problem(None)


class IntField(Field):
    """A whole number in a spin box (months)."""

    def __init__(
        self,
        key: str,
        label: str,
        help_text: str,
        minimum: int,
        maximum: int,
        suffix: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(key, label, help_text, parent)
        self.spin = QSpinBox(self)
        self.spin.setObjectName("value")
        self.spin.setRange(minimum, maximum)
        if suffix:
            self.spin.setSuffix(" " + suffix)
        self.spin.valueChanged.connect(self._changed)
        self.row.addWidget(self.spin)
        self.row.addStretch(1)
        self.watch(self.spin)

    @property
    def focus_target(self) -> QWidget:
        return self.spin

    def _changed(self, value: int) -> None:
        self.emit_value(value)

    def set_value(self, value: Any, fmt: Formatter, force: bool = False) -> None:
        if self.spin.value() == value and not force:
            return
        self._updating = True
        try:
            self.spin.setValue(int(value))
        finally:
            self._updating = False
        self.show_problem(None)


class CheckField(Field):
    def __init__(self, key: str, label: str, help_text: str, parent: QWidget | None = None):
        super().__init__(key, label, help_text, parent)
        self.box = QCheckBox(label, self)
        self.box.setObjectName("value")
        self.box.clicked.connect(self._changed)
        self.row.addWidget(self.box)
        self.row.addStretch(1)
        self.watch(self.box)

    @property
    def focus_target(self) -> QWidget:
        return self.box

    def _changed(self, checked: bool) -> None:
        self.emit_value(checked)

    def set_value(self, value: Any, fmt: Formatter, force: bool = False) -> None:
        self._updating = True
        try:
            self.box.setChecked(bool(value))
        finally:
            self._updating = False
