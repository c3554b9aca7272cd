"""Editors for the items of the outline: case details, one driver, the solution, the narrative.

A form binds each field to a *read* (case -> shown value) and a *write* (case, typed value ->
new validated case). On an edit it builds the next snapshot and pushes it onto the
document's undo stack; when the case model refuses, the field shows the message and the case
(and so the dashboard) keeps its last valid state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from calculators.case_fields import SOLUTION_INPUTS, case_field, driver_field
from calculators.drivers import registry
from calculators.engine import Results
from calculators.formatting import Formatter
from calculators.i18n import _
from calculators.inputs import InputSpec, Kind, Unit
from calculators.model import Case
from desktop import edits
from desktop.document import Document, driver_index, driver_key
from desktop.editors.datefield import DateField
from desktop.editors.estimate import EstimateField
from desktop.editors.fields import (
    CheckField,
    ChoiceField,
    Field,
    IntField,
    NumberField,
    TextField,
)
from desktop.language import locale_name, ui_date
from desktop.plain import plain

Read = Callable[[Case], Any]
Write = Callable[[Case, Any], Case]

COMMON_LOCALES = (
    "en_US",
    "en_GB",
    "en_CA",
    "en_AU",
    "de_DE",
    "de_AT",
    "de_CH",
    "fr_FR",
    "fr_CH",
    "es_ES",
    "es_MX",
    "it_IT",
    "nl_NL",
    "pt_BR",
    "sv_SE",
    "pl_PL",
    "ja_JP",
    "zh_CN",
    "ko_KR",
    "hi_IN",
)
COMMON_CURRENCIES = (
    "USD",
    "EUR",
    "GBP",
    "CHF",
    "JPY",
    "CAD",
    "AUD",
    "SEK",
    "PLN",
    "BRL",
    "MXN",
    "INR",
    "CNY",
    "KRW",
)
LANGUAGES = (
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ja", "日本語"),
)


def section_reader(section: str, key: str, absent: Any = None) -> Read:
    """Read ``case.<section>.<key>`` (``absent`` while the section is absent)."""

    def read(case: Case) -> Any:
        part = getattr(case, section)
        return absent if part is None else getattr(part, key)

    return read


def section_writer(section: str, key: str) -> Write:
    def write(case: Case, value: Any) -> Case:
        return edits.set_section(case, section, **{key: value})

    return write


def whole_field(spec: InputSpec) -> IntField:
    """A spin box for a declared whole number (horizon, lead time), bounds as declared."""
    assert spec.minimum is not None and spec.maximum is not None, spec.key
    suffix = _("months") if spec.unit is Unit.MONTHS else ""
    return IntField(
        spec.key, _(spec.label), _(spec.help), int(spec.minimum), int(spec.maximum), suffix
    )


def plain_number_field(spec: InputSpec, fmt: Formatter) -> NumberField:
    """A single declared number (discount rate, addressable share), bounds as declared."""
    return NumberField(
        spec.key, _(spec.label), _(spec.help), spec.unit, fmt, spec.minimum, spec.maximum
    )


def formatter(case: Case) -> Formatter:
    return Formatter(case.locale, case.currency)


class Binding:
    def __init__(self, field: Field, read: Read, write: Write, what: str) -> None:
        self.field = field
        self.read = read
        self.write = write
        self.what = what


class Form(QScrollArea):
    """A scrollable form of bound fields for one outline item."""

    def __init__(self, document: Document, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.key = key
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stops at the fields, not the pane
        self.body = QWidget(self)
        self.body.setObjectName("editorBody")
        self.setWidget(self.body)
        self.outer = QVBoxLayout(self.body)
        self.outer.setContentsMargins(16, 12, 16, 16)
        self.outer.setSpacing(8)
        self.bindings: list[Binding] = []
        self.current_form: QFormLayout | None = None
        self.fmt = formatter(document.case)

    # -- building ----------------------------------------------------------------------------
    def title(self, text: str, subtitle: str = "") -> QLabel:
        label = QLabel(text, self.body)
        label.setObjectName("editorTitle")
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        label.setFont(font)
        label.setWordWrap(True)
        self.outer.addWidget(label)
        if subtitle:
            sub = QLabel(subtitle, self.body)
            sub.setObjectName("caption")
            sub.setWordWrap(True)
            self.outer.addWidget(sub)
        return label

    def group(self, text: str) -> QFormLayout:
        box = QGroupBox(text, self.body)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.outer.addWidget(box)
        self.current_form = form
        return form

    def bind(self, field: Field, read: Read, write: Write, *, label: bool = True) -> Field:
        assert self.current_form is not None
        if label:
            caption = QLabel(field.label, self.body)
            caption.setBuddy(field.focus_target)
            caption.setToolTip(field.help_text)
            caption.setWordWrap(True)
            caption.setMinimumWidth(120)
            self.current_form.addRow(caption, field)
        else:
            self.current_form.addRow(field)
        binding = Binding(field, read, write, field.label)
        self.bindings.append(binding)
        field.edited.connect(lambda value, b=binding: self._edited(b, value))
        field.set_value(read(self.document.case), self.fmt, force=True)
        return field

    def finish(self) -> None:
        self.outer.addStretch(1)

    # -- editing -----------------------------------------------------------------------------
    def _edited(self, binding: Binding, value: Any) -> None:
        case = self.document.case
        try:
            new = binding.write(case, value)
        except edits.EditError as exc:
            path, message = edits.split_problem(exc.problems[0])
            binding.field.show_problem(
                self.describe_problem(binding, path, message), self._part(path)
            )
            return
        binding.field.show_problem(None)
        merge = f"{self.key}/{binding.field.key}/{binding.field.session}"
        self.document.apply(
            new, _("Change {what}").format(what=binding.what), merge, where=self.key
        )

    @staticmethod
    def _part(path: str) -> str:
        last = path.rsplit(".", 1)[-1]
        return last if last in ("low", "high", "expected") else ""

    def describe_problem(self, binding: Binding, path: str, message: str) -> str:
        from desktop.messages import plain_message

        return plain_message(message, self.fmt.locale)

    def refresh(self, case: Case, origin: str, results: Results) -> None:
        fmt = formatter(case)
        force = origin in ("undo", "redo", "load") or fmt != self.fmt
        self.fmt = fmt
        for binding in self.bindings:
            binding.field.set_value(binding.read(case), fmt, force=force)

    def focus_first(self) -> None:
        if self.bindings:
            self.bindings[0].field.focus_target.setFocus()

    def focus_path(self, path: str) -> bool:
        """Focus the field of ``path`` ("drivers[0].inputs.people.source", "buyer.company").

        The longest run of the path's parts that names a field wins; what follows it is the
        part of an estimate (source, low, ...). False when no field here matches.
        """
        parts = [p for p in path.split(".") if p and p != "inputs" and not p.startswith("drivers[")]
        fields = {binding.field.key: binding.field for binding in self.bindings}
        for start in range(len(parts)):
            for end in range(len(parts), start, -1):
                field = fields.get(".".join(parts[start:end]))
                if field is None:
                    continue
                self.ensureWidgetVisible(field)
                focus_part = getattr(field, "focus_part", None)
                if focus_part is not None:
                    focus_part(".".join(parts[end:]))
                else:
                    field.focus_target.setFocus()
                return True
        self.focus_first()
        return False


class DetailsEditor(Form):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, "details", parent)
        self.title(_("Case details"), _("Who the case is for, and the dates it is built on."))
        self._buyer()
        self._dates()
        self._seller()
        self._formats()
        self.group(_("Notes"))
        self.bind(
            TextField("notes", _("Notes"), _("Your own notes on the case."), multiline=True),
            lambda c: c.notes,
            lambda c, v: edits.set_case_fields(c, notes=v),
        )
        self.finish()

    def _buyer(self) -> None:
        self.group(_("Buyer"))
        self.bind(
            TextField("company", _("Company"), _("The buyer's company name."), required=True),
            lambda c: c.buyer.company,
            lambda c, v: edits.set_section(c, "buyer", company=v or ""),
        )
        self.bind(
            TextField("contact", _("Contact"), _("Who the case is addressed to.")),
            lambda c: c.buyer.contact,
            lambda c, v: edits.set_section(c, "buyer", contact=v),
        )
        self.bind(
            TextField("title", _("Case title"), _("The title on the PDF's cover.")),
            lambda c: c.title,
            lambda c, v: edits.set_case_fields(c, title=v or ""),
        )

    def _dates(self) -> None:
        self.group(_("Dates"))
        self.bind(
            DateField(
                "start_date", _("Start date"), _("The day the cost of inaction starts counting.")
            ),
            lambda c: c.start_date,
            lambda c, v: edits.set_case_fields(c, start_date=v),
        )
        self.bind(
            DateField(
                "deadline",
                _("Decision date"),
                _("The buyer's deadline: the headline is the cost of doing nothing until then."),
            ),
            lambda c: c.deadline,
            lambda c, v: edits.set_case_fields(c, deadline=v),
        )
        self.bind(
            whole_field(case_field("horizon_months")),
            lambda c: c.horizon_months,
            lambda c, v: edits.set_case_fields(c, horizon_months=v),
        )

    def _seller(self) -> None:
        self.group(_("Seller"))
        for key, label in (
            ("company", _("Company")),
            ("rep", _("Prepared by")),
            ("email", _("Email")),
            ("phone", _("Phone")),
        ):
            self.bind(
                TextField(f"seller.{key}", label),
                section_reader("seller", key),
                section_writer("seller", key),
            )

    def _formats(self) -> None:
        self.group(_("Language and formats"))
        self.bind(
            ChoiceField(
                "locale",
                _("Number and date format"),
                _("The buyer's locale: how money, numbers and dates are written."),
                [(locale_name(code), code) for code in COMMON_LOCALES],
                editable=True,
            ),
            lambda c: c.locale,
            lambda c, v: edits.set_case_fields(c, locale=v),
        )
        self.bind(
            ChoiceField(
                "currency",
                _("Currency"),
                _("ISO 4217 code, e.g. EUR, USD, JPY."),
                [(code, code) for code in COMMON_CURRENCIES],
                editable=True,
            ),
            lambda c: c.currency,
            lambda c, v: edits.set_case_fields(c, currency=str(v).upper()),
        )
        self.bind(
            ChoiceField(
                "language",
                _("Report language"),
                _("The language of the PDF; by default the language of the locale."),
                [(_("Same as the locale"), "")] + [(name, code) for code, name in LANGUAGES],
            ),
            lambda c: c.language or "",
            lambda c, v: edits.set_case_fields(c, language=v or None),
        )


class DriverEditor(Form):
    """Editor generated from a driver type's input declarations."""

    def __init__(self, document: Document, index: int, parent: QWidget | None = None) -> None:
        super().__init__(document, driver_key(index), parent)
        self.index = index
        driver = document.case.drivers[index]
        kind = driver.kind
        self.labels = {spec.key: _(spec.label) for spec in kind.inputs}
        self.title(_(kind.label), _(kind.description))
        self.explanation = QLabel("", self.body)
        self.explanation.setObjectName("explanation")
        self.explanation.setWordWrap(True)
        plain(self.explanation)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation.setAccessibleName(_("How this driver is calculated"))
        self.outer.addWidget(self.explanation)
        self.group(_("Driver"))
        self.bind(
            TextField("name", _("Name"), _("What this cost is called in the PDF."), required=True),
            lambda c: c.drivers[index].name,
            lambda c, v: edits.set_driver_fields(c, index, name=v or ""),
        )
        self.bind(
            CheckField(
                "enabled",
                _("Included in the case"),
                _("Switch off to leave this driver out of every figure without deleting it."),
            ),
            lambda c: c.drivers[index].enabled,
            lambda c, v: edits.set_driver_fields(c, index, enabled=v),
            label=False,
        )
        self.group(_("Inputs"))
        for spec in kind.inputs:
            self.bind_input(spec, index)
        self.group(_("Scope and timing"))
        self.bind(
            EstimateField(driver_field("addressable"), self.fmt, optional=False),
            lambda c: c.drivers[index].addressable,
            lambda c, v: edits.set_driver_fields(c, index, addressable=v),
        )
        self.bind(
            DateField(
                "start_date",
                _("Starts on"),
                _("Optional: the cost starts later than the case."),
                optional=True,
            ),
            lambda c: c.drivers[index].start_date,
            lambda c, v: edits.set_driver_fields(c, index, start_date=v),
        )
        self.bind(
            DateField(
                "end_date",
                _("Ends on"),
                _("Optional: the cost stops on this date (exclusive)."),
                optional=True,
            ),
            lambda c: c.drivers[index].end_date,
            lambda c, v: edits.set_driver_fields(c, index, end_date=v),
        )
        self.bind(
            TextField("notes", _("Notes"), _("Your notes on this driver."), multiline=True),
            lambda c: c.drivers[index].notes,
            lambda c, v: edits.set_driver_fields(c, index, notes=v),
        )
        self.finish()

    def bind_input(self, spec: Any, index: int) -> None:
        key = spec.key
        read: Read = lambda c: c.drivers[index].input(key)  # noqa: E731
        write: Write = lambda c, v: edits.set_driver_input(c, index, key, v)  # noqa: E731
        field: Field
        if spec.kind is Kind.NUMBER:
            field = EstimateField(spec, self.fmt)
        elif spec.kind is Kind.DATE:
            # Always with its "Set" box: a required date without a value must look empty.
            field = DateField(key, _(spec.label), _(spec.help), optional=True)
        elif spec.kind is Kind.CHOICE:
            field = ChoiceField(
                key,
                _(spec.label),
                _(spec.help),
                [(_(spec.choice_label(choice)), choice) for choice in spec.choices],
            )
            read = lambda c: c.drivers[index].input(key) or spec.default  # noqa: E731
        else:
            field = TextField(key, _(spec.label), _(spec.help), multiline=False)
        self.bind(field, read, write)

    def _mark_missing_dates(self, driver: Any) -> None:
        """A required date without a value says so under its field (numbers say it
        themselves, see ``desktop.editors.estimate``)."""
        for binding in self.bindings:
            field = binding.field
            if not isinstance(field, DateField) or field.problem is not None:
                continue
            spec = next((s for s in driver.kind.inputs if s.key == field.key), None)
            missing = spec is not None and not spec.optional and driver.input(spec.key) is None
            field.message.setText("⚠ " + _("needs a value") if missing else "")
            field.message.setVisible(missing)

    def describe_problem(self, binding: Binding, path: str, message: str) -> str:
        # "inputs.probability_after: is required ..." while editing another input: name it.
        parts = path.split(".")
        message = super().describe_problem(binding, path, message)
        if len(parts) >= 2 and parts[0] == "inputs" and parts[1] != binding.field.key:
            label = self.labels.get(parts[1], parts[1])
            # Translators: a field's label and what is wrong with its value.
            return _("{field}: {problem}").format(field=label, problem=message)
        return message

    def refresh(self, case: Case, origin: str, results: Results) -> None:
        if self.index >= len(case.drivers):
            return
        super().refresh(case, origin, results)
        fmt = formatter(case)
        driver = case.drivers[self.index]
        self._mark_missing_dates(driver)
        projected = next((d for d in results.projection.drivers if d.index == self.index), None)
        if projected is None:
            self.explanation.setText(_("Switched off: not included in any figure."))
            return
        explained = driver.kind.explain(projected.values, fmt)
        cost = projected.cost_to(case.deadline)
        self.explanation.setText(
            _("{explanation}\n{cost} until {deadline} · {monthly} per month").format(
                explanation=explained,
                cost=fmt.money(cost),
                deadline=ui_date(case.deadline, case.locale),
                monthly=fmt.money(results.projection.driver_cost_per_month(projected)),
            )
        )


class SolutionEditor(Form):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, "solution", parent)
        self.title(
            _("Solution"),
            _("What you propose. It adds NPV, ROI, payback and the cost of each month of delay."),
        )
        self.group(_("Proposal"))
        self.bind(
            CheckField("enabled", _("This case proposes a solution"), ""),
            lambda c: c.solution is not None,
            lambda c, v: edits.set_case_fields(c, solution={} if v else None),
            label=False,
        )
        # The fields of the solution itself: enabled only while the case proposes one.
        self.solution_fields: list[Field] = [
            self.bind(
                TextField("name", _("Name"), _("What the solution is called.")),
                lambda c: c.solution.name if c.solution else None,
                lambda c, v: edits.set_section(c, "solution", name=v),
            )
        ]
        for spec in SOLUTION_INPUTS:
            if spec.ranged:
                field: Field = EstimateField(spec, self.fmt, optional=False)
                reader = section_reader("solution", spec.key)
            else:
                field = whole_field(spec)
                reader = section_reader("solution", spec.key, int(spec.default_decimal))
            self.solution_fields.append(
                self.bind(field, reader, section_writer("solution", spec.key))
            )
        self.group(_("Finance"))
        self.bind(
            plain_number_field(case_field("discount_rate"), self.fmt),
            lambda c: c.discount_rate,
            lambda c, v: edits.set_case_fields(c, discount_rate=v),
        )
        self.bind(
            plain_number_field(case_field("simulation_correlation"), self.fmt),
            lambda c: c.correlation,
            lambda c, v: edits.set_case_fields(c, simulation_correlation=v),
        )
        self.finish()
        self._enable(document.case)

    def _enable(self, case: Case) -> None:
        for field in self.solution_fields:
            field.setEnabled(case.solution is not None)

    def refresh(self, case: Case, origin: str, results: Results) -> None:
        super().refresh(case, origin, results)
        self._enable(case)


class NarrativeEditor(Form):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, "narrative", parent)
        self.title(
            _("Narrative"),
            _("The story in the buyer's words: it opens the PDF before any number."),
        )
        self.group(_("Story"))
        for key, label, help_text in (
            ("situation", _("Situation"), _("How things are done today and what it costs.")),
            (
                "compelling_event",
                _("Compelling event"),
                _("The dated event that forces a decision: a deadline, a price rise, a peak."),
            ),
            ("consequences", _("Consequences"), _("What happens if nothing changes.")),
            (
                "ask",
                _("The ask"),
                _(
                    'What you ask the buyer to decide, on page one of the PDF ("Decide by '
                    '15 April to ..."). Empty: a sentence from the plan.'
                ),
            ),
        ):
            self.bind(
                TextField(key, label, help_text, multiline=True),
                section_reader("narrative", key),
                section_writer("narrative", key),
            )
        self.finish()


class DriversOverview(Form):
    """The "Cost drivers" item: what each driver type is, with a button to add one."""

    add_requested = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, "drivers", parent)
        self.title(
            _("Cost drivers"),
            _("Each driver is one way the status quo costs money. Add as many as apply."),
        )
        box = QGroupBox(_("Add a driver"), self.body)
        layout = QVBoxLayout(box)
        for key, kind in registry().items():
            button = QPushButton(f"+  {_(kind.label)}", box)
            button.setObjectName(f"add_{key}")
            button.setToolTip(_(kind.description))
            button.setAccessibleName(_("Add driver: {label}").format(label=_(kind.label)))
            button.setStyleSheet("text-align: left; padding: 4px 8px;")
            button.clicked.connect(lambda _checked=False, key=key: self.add_requested.emit(key))
            description = QLabel(_(kind.description), box)
            description.setObjectName("caption")
            description.setWordWrap(True)
            description.setContentsMargins(22, 0, 0, 6)
            layout.addWidget(button)
            layout.addWidget(description)
        self.outer.addWidget(box)
        self.finish()


def editor_for(
    document: Document, key: str, parent: QWidget, add_driver: Callable[[str], object]
) -> tuple[Form, str]:
    """The editor of outline item ``key``, and the key it edits (an unknown key or a driver
    that is gone gives the case details). ``add_driver`` runs the overview's add buttons."""
    case = document.case
    index = driver_index(key)
    if index is not None and index < len(case.drivers):
        return DriverEditor(document, index, parent), key
    if key == "solution":
        return SolutionEditor(document, parent), key
    if key == "narrative":
        return NarrativeEditor(document, parent), key
    if key == "drivers":
        overview = DriversOverview(document, parent)
        overview.add_requested.connect(add_driver)
        return overview, key
    return DetailsEditor(document, parent), "details"
