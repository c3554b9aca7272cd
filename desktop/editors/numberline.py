"""A line edit for one number, shown and parsed in the case's locale, and its validator.

Used by the number fields of the editors (:mod:`desktop.editors.fields`).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget

from calculators.formatting import Formatter
from calculators.i18n import _
from calculators.inputs import Unit, bounds_problem
from desktop.numberio import Incomplete, ParseError, display, parse_for_unit, unit_suffix


class NumberValidator(QValidator):
    """Intermediate while the text is not a number in the bounds; never refuses a keystroke.

    Letters are let through ("12k", "1,5 Mio") and anything not understood gets a message
    under the field instead of being dropped silently.
    """

    def __init__(self, field: NumberLine) -> None:
        super().__init__(field)
        self.field = field

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip():
            return QValidator.State.Intermediate, text, pos
        try:
            value = self.field.parse(text)
        except ParseError:
            return QValidator.State.Intermediate, text, pos
        if self.field.bounds_problem(value):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos


class NumberLine(QLineEdit):
    """A line edit for one number of a given unit, shown and parsed in the case's locale.

    It remembers the value it was last given together with the text that shows it: while the
    text is unchanged, that value is read back exactly as it was given, so editing another part
    of an input (its source, its note, the low estimate) never rewrites this one.
    """

    def __init__(
        self,
        unit: Unit,
        fmt: Formatter,
        minimum: Decimal | None = None,
        maximum: Decimal | None = None,
        integer: bool = False,
        parent: QWidget | None = None,
        *,
        echo: bool = True,
    ) -> None:
        super().__init__(parent)
        self.unit = unit
        self.fmt = fmt
        self.minimum = minimum
        self.maximum = maximum
        self.integer = integer
        self.suffix_symbol = ""
        self.kept: tuple[str, Decimal] | None = None  # (text shown, the exact value it shows)
        self.setValidator(NumberValidator(self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumWidth(90)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # What the field understood ("= $12,000.00"), beside it while the text differs.
        self.echo = QLabel(parent)
        self.echo.setObjectName("echo")
        self.echo.setTextFormat(Qt.TextFormat.PlainText)
        self.echo.setVisible(False)
        if echo:
            self.textChanged.connect(self._update_echo)

    def set_formatter(self, fmt: Formatter) -> None:
        self.fmt = fmt

    def parse(self, text: str) -> Decimal:
        return parse_for_unit(text, self.unit, self.fmt.locale, self.fmt.currency)

    def shown_text(self, value: Decimal | None) -> str:
        return "" if value is None else display(value, self.unit, self.fmt)

    def show_value(self, value: Decimal | None) -> None:
        """Show ``value`` and remember it exactly (the caller blocks edit signals)."""
        text = self.shown_text(value)
        self.kept = None if value is None else (text, value)
        if self.text() != text:
            self.setText(text)

    def adopt(self, value: Decimal | None) -> None:
        """Remember ``value`` as what the current text means, if the text says exactly that."""
        if value is None or not self.text().strip():
            return
        try:
            typed = self.parse(self.text())
        except ParseError:
            return
        if typed == value:
            self.kept = (self.text(), value)

    def shown_number(self, value: Decimal) -> str:
        """``value`` as this field shows it (percent for rates), for messages."""
        return display(value, self.unit, self.fmt) + (" %" if self.unit is Unit.RATE else "")

    def bounds_problem(self, value: Decimal) -> str | None:
        """The file loader's message when ``value`` is out of bounds, in the field's units."""
        return bounds_problem(value, self.minimum, self.maximum, self.integer, self.shown_number)

    def pending(self) -> bool:
        """True while the text is a number still being typed ("1,", "-"): not committed."""
        if self.kept is not None and self.kept[0] == self.text():
            return False
        try:
            self.parse(self.text())
        except Incomplete:
            return True
        except ParseError:
            return False
        return False

    def understood(self, value: Decimal) -> str:
        """``value`` written out in full, with its unit: what the echo shows."""
        if self.unit in (Unit.MONEY,):
            return self.fmt.money(value)
        suffix = unit_suffix(self.unit, self.fmt)
        return f"{display(value, self.unit, self.fmt)} {suffix}".strip()

    def _update_echo(self, text: str) -> None:
        value: Decimal | None = None
        if text.strip():
            try:
                value = self.parse(text)
            except ParseError:
                value = None
        shown = value is not None and display(value, self.unit, self.fmt) != text.strip()
        if value is not None and shown:
            # Translators: what a number field understood from the typed text, e.g. "= $12,000.00".
            self.echo.setText(_("= {value}").format(value=self.understood(value)))
        self.echo.setVisible(shown)

    def value_or_problem(self) -> tuple[Decimal | None, str | None]:
        """(value, None), or (None, message); an empty field is (None, None)."""
        text = self.text()
        if not text.strip():
            return None, None
        if self.kept is not None and self.kept[0] == text:
            value = self.kept[1]
            return value, self.bounds_problem(value)
        try:
            value = self.parse(text)
        except ParseError as exc:
            return None, str(exc)
        return value, self.bounds_problem(value)
