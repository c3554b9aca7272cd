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
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from calculators.formatting import Formatter
from calculators.i18n import _
from calculators.inputs import Unit
from calculators.numbers import decimal_to_json
from desktop.editors.numberline import NumberLine
from desktop.numberio import field_help, unit_suffix
from desktop.plain import plain

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
