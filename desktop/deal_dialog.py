"""The deal's qualification (rep-only, never in the PDF): a dialog editing ``Case.qualification``.

One group per element of the deal (:data:`calculators.qualification.ELEMENTS`), declared in
:data:`ELEMENT_FIELDS`: its own texts and dates, then how sure we are (unknown, claimed by us,
confirmed by the buyer) and who confirmed it when. A process's steps are typed one per line,
``YYYY-MM-DD step`` or just the step. On OK the section is validated by the case model; a
problem is shown in one line naming the field and the dialog stays open.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from calculators.errors import problems_from_validation
from calculators.i18n import N_, _
from calculators.model import Case, DealQualification

# element -> (its title, its own fields as (key, label, kind)); kind "text", "date" or "steps"
ELEMENT_FIELDS: dict[str, tuple[str, tuple[tuple[str, str, str], ...]]] = {
    "compelling_event": (
        N_("Compelling event"),
        (
            ("event", N_("What happens"), "text"),
            ("date", N_("On (YYYY-MM-DD)"), "date"),
            ("owner", N_("Owner at the buyer"), "text"),
            ("consequence", N_("Consequence if missed"), "text"),
        ),
    ),
    "economic_buyer": (
        N_("Economic buyer"),
        (("name", N_("Name"), "text"), ("role", N_("Role"), "text")),
    ),
    "champion": (N_("Champion"), (("name", N_("Name"), "text"), ("role", N_("Role"), "text"))),
    "decision_process": (N_("Decision process"), (("steps", N_("Steps"), "steps"),)),
    "paper_process": (N_("Paper process"), (("steps", N_("Steps"), "steps"),)),
}
SCORES = ((0, N_("unknown")), (1, N_("claimed by us")), (2, N_("confirmed by the buyer")))
_STEP = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+(.*)$")


def steps_text(steps: Any) -> str:
    return "\n".join(f"{s.date.isoformat()} {s.step}" if s.date else s.step for s in steps)


def parse_steps(text: str) -> list[dict[str, str]]:
    steps = []
    for line in text.splitlines():
        if not line.strip():
            continue
        found = _STEP.match(line)
        if found:
            steps.append({"date": found.group(1), "step": found.group(2).strip()})
        else:
            steps.append({"step": line.strip()})
    return steps


class DealDialog(QDialog):
    """Edit the qualification section of ``case``; :meth:`section` is the result."""

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Deal Qualification"))
        self.setObjectName("dealDialog")
        self.widgets: dict[tuple[str, str], QLineEdit | QPlainTextEdit | QComboBox] = {}
        self.result_section: DealQualification | None = case.qualification
        layout = QVBoxLayout(self)
        note = QLabel(_("Only you see this; it is never part of the PDF."), self)
        note.setObjectName("caption")
        layout.addWidget(note)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        body = QWidget(area)
        body_layout = QVBoxLayout(body)
        for element, (title, fields) in ELEMENT_FIELDS.items():
            current = getattr(case.qualification, element) if case.qualification else None
            body_layout.addWidget(self._group(element, _(title), fields, current, body))
        area.setWidget(body)
        layout.addWidget(area, 1)
        self.problem = QLabel("", self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def _group(
        self,
        element: str,
        title: str,
        fields: tuple[tuple[str, str, str], ...],
        current: Any,
        parent: QWidget,
    ) -> QGroupBox:
        group = QGroupBox(title, parent)
        form = QFormLayout(group)
        for key, label, kind in fields:
            value = getattr(current, key, None) if current is not None else None
            widget: QLineEdit | QPlainTextEdit
            if kind == "steps":
                widget = QPlainTextEdit(steps_text(value or ()), group)
                widget.setPlaceholderText(_("One step a line: YYYY-MM-DD what happens"))
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(70)
            else:
                text = value.isoformat() if kind == "date" and value else str(value or "")
                widget = QLineEdit(text, group)
            widget.setAccessibleName(f"{title}: {_(label)}")
            form.addRow(_(label), widget)
            self.widgets[(element, key)] = widget
        score = QComboBox(group)
        for number, text in SCORES:
            score.addItem(_(text), number)
        score.setCurrentIndex(getattr(current, "score", 0) if current is not None else 0)
        score.setAccessibleName(f"{title}: {_('How sure')}")
        form.addRow(_("How sure"), score)
        self.widgets[(element, "score")] = score
        for key, label in (("confirmed_by", N_("Confirmed by")), ("confirmed_on", N_("On"))):
            value = getattr(current, key, None) if current is not None else None
            line = QLineEdit(value.isoformat() if key == "confirmed_on" and value else value or "")
            line.setParent(group)
            if key == "confirmed_on":
                line.setPlaceholderText("YYYY-MM-DD")
            line.setAccessibleName(f"{title}: {_(label)}")
            form.addRow(_(label), line)
            self.widgets[(element, key)] = line
        return group

    def _element_data(self, element: str) -> dict[str, Any] | None:
        data: dict[str, Any] = {}
        for (owner, key), widget in self.widgets.items():
            if owner != element:
                continue
            if isinstance(widget, QComboBox):
                if widget.currentData():
                    data[key] = int(widget.currentData())
            elif isinstance(widget, QPlainTextEdit):
                steps = parse_steps(widget.toPlainText())
                if steps:
                    data[key] = steps
            elif widget.text().strip():
                data[key] = widget.text().strip()
        return data or None

    def collect(self) -> DealQualification | None:
        """The section as typed (None when everything is empty); raises ValueError naming the
        first bad field."""
        data = {element: self._element_data(element) for element in ELEMENT_FIELDS}
        data = {key: value for key, value in data.items() if value is not None}
        if not data:
            return None
        try:
            return DealQualification.model_validate(data)
        except ValidationError as exc:
            raise ValueError(problems_from_validation(exc, prefix="qualification")[0]) from None

    def accept(self) -> None:
        try:
            self.result_section = self.collect()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()


def open_for(window: Any) -> DealDialog | None:
    """Open the dialog for the window's case; OK applies the section as one undoable edit."""
    document = window.document
    if document is None:
        return None
    dialog = DealDialog(document.case, window)

    def apply() -> None:
        if window.document is document:
            case = document.case.model_copy(update={"qualification": dialog.result_section})
            document.apply(case, _("Edit Deal Qualification"))

    dialog.accepted.connect(apply)
    dialog.open()
    return dialog
