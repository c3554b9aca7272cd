"""The date field: shown in the case's locale, its calendar starting on the locale's first day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QCheckBox, QDateEdit, QWidget

from calculators.formatting import Formatter
from calculators.i18n import _
from desktop.editors.fields import Field


class DateField(Field):
    """A date; optional dates have a check box that switches them on."""

    def __init__(
        self,
        key: str,
        label: str,
        help_text: str,
        *,
        optional: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(key, label, help_text, parent)
        self.optional = optional
        self.check: QCheckBox | None = None
        if optional:
            self.check = QCheckBox(_("Set"), self)
            self.check.setAccessibleName(_("Use a date for {label}").format(label=label))
            self.check.toggled.connect(self._changed)
            self.row.addWidget(self.check)
        self.edit = QDateEdit(self)
        self.edit.setObjectName("value")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(QDate(1900, 1, 1))
        self.edit.setDate(self.edit.minimumDate())
        self.locale_code = ""
        self.edit.dateChanged.connect(self._changed)
        self.row.addWidget(self.edit)
        self.row.addStretch(1)
        self.watch(self.edit)

    @property
    def focus_target(self) -> QWidget:
        return self.edit

    def set_display_locale(self, locale_code: str) -> None:
        qlocale = QLocale(locale_code)
        self.edit.setLocale(qlocale)
        pattern = qlocale.dateFormat(QLocale.FormatType.ShortFormat)
        if "yyyy" not in pattern:
            pattern = pattern.replace("yy", "yyyy")
        self.edit.setDisplayFormat(pattern)
        calendar = self.edit.calendarWidget()
        if calendar is not None:  # the US week starts on Sunday, the German one on Monday
            calendar.setLocale(qlocale)
            calendar.setFirstDayOfWeek(qlocale.firstDayOfWeek())

    def value(self) -> dt.date | None:
        if self.check is not None and not self.check.isChecked():
            return None
        date = self.edit.date()
        return dt.date(date.year(), date.month(), date.day())

    def _changed(self, *_args: object) -> None:
        if self._updating:
            return
        self.edit.setEnabled(self.check is None or self.check.isChecked())
        value = self.value()
        self.emit_value(None if value is None else value.isoformat())

    def set_value(self, value: Any, fmt: Formatter, force: bool = False) -> None:
        if fmt.locale != self.locale_code:
            self.locale_code = fmt.locale
            self.set_display_locale(fmt.locale)
        if not force and (self.problem is not None or self.value() == value):
            return
        self._updating = True
        try:
            if value is None and self.edit.date() == self.edit.minimumDate():
                today = dt.date.today()
                self.edit.setDate(QDate(today.year, today.month, today.day))
            if self.check is not None:
                self.check.setChecked(value is not None)
            self.edit.setEnabled(value is not None or self.check is None)
            if value is not None:
                self.edit.setDate(QDate(value.year, value.month, value.day))
        finally:
            self._updating = False
        self.show_problem(None)
