"""The preferences dialog: rep profile, branding, defaults for new cases, language and look.

It edits a copy of the :class:`~desktop.settings.Settings`; every value is validated by the
settings model before OK is accepted, and a refused value is marked at its field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from calculators.i18n import _, ngettext
from calculators.settings import field_bounds
from desktop.dialogs import DialogService
from desktop.editors.fields import set_invalid
from desktop.editors.forms import COMMON_CURRENCIES, COMMON_LOCALES, LANGUAGES
from desktop.language import locale_name
from desktop.plain import plain
from desktop.settings import AppPrefs, Settings


def combo_code(combo: QComboBox) -> str:
    """The code of the chosen item ("de_DE" for "German (Germany)"), or the typed text."""
    index = combo.findText(combo.currentText())
    data = combo.itemData(index) if index >= 0 else None
    return str(data) if data else combo.currentText().strip()


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, dialogs: DialogService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle(_("Preferences"))
        self.settings = settings
        self.dialogs = dialogs
        self._result = settings
        layout = QVBoxLayout(self)
        tabs = QTabWidget(self)
        layout.addWidget(tabs)
        self._profile_page(tabs)
        self._branding_page(tabs)
        self._new_cases_page(tabs)
        self._general_page(tabs)
        self.message = QLabel("", self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        plain(self.message)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)

    # -- pages -------------------------------------------------------------------------------
    def _profile_page(self, tabs: QTabWidget) -> None:
        rep = self.settings.rep
        _page, form = self._page(tabs, _("Profile"))
        self._caption(form, _("Fills the “prepared by” part of new cases."))
        self.rep_name = self._line(form, _("Your name"), rep.name)
        self.rep_email = self._line(form, _("Email"), rep.email)
        self.rep_phone = self._line(form, _("Phone"), rep.phone)

    def _branding_page(self, tabs: QTabWidget) -> None:
        branding = self.settings.branding
        page, form = self._page(tabs, _("Branding"))
        self._caption(form, _("How the PDF looks: your company, logo, colour and disclaimer."))
        self.company = self._line(form, _("Company name"), branding.company_name)
        logo_row = QHBoxLayout()
        self.logo = QLineEdit(branding.logo_path, page)
        self.logo.setAccessibleName(_("Logo file"))
        self.logo.setPlaceholderText(_("PNG or JPEG"))
        choose = QPushButton(_("Choose…"), page)
        choose.clicked.connect(self._choose_logo)
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(choose)
        form.addRow(_("Logo"), logo_row)
        colour_row = QHBoxLayout()
        self.colour = QLineEdit(branding.brand_colour, page)
        self.colour.setAccessibleName(_("Brand colour"))
        self.colour.setMaximumWidth(110)
        self.swatch = QLabel(page)
        self.swatch.setFixedSize(28, 20)
        self.colour.textChanged.connect(self._update_swatch)
        pick = QPushButton(_("Pick…"), page)
        pick.clicked.connect(self._pick_colour)
        colour_row.addWidget(self.colour)
        colour_row.addWidget(self.swatch)
        colour_row.addWidget(pick)
        colour_row.addStretch(1)
        form.addRow(_("Brand colour"), colour_row)
        self.disclaimer = QPlainTextEdit(branding.disclaimer, page)
        self.disclaimer.setAccessibleName(_("Disclaimer"))
        self.disclaimer.setTabChangesFocus(True)
        self.disclaimer.setMinimumHeight(80)
        form.addRow(_("Disclaimer"), self.disclaimer)
        self._update_swatch(self.colour.text())

    def _new_cases_page(self, tabs: QTabWidget) -> None:
        defaults = self.settings.defaults
        _page, form = self._page(tabs, _("New cases"))
        self._caption(form, _("Locale and currency that new cases start with."))
        self.locale_box = self._combo(
            form, _("Number and date format"), COMMON_LOCALES, defaults.locale, locale_name
        )
        self.currency_box = self._combo(form, _("Currency"), COMMON_CURRENCIES, defaults.currency)

    def _general_page(self, tabs: QTabWidget) -> None:
        app = self.settings.app
        page, form = self._page(tabs, _("General"))
        self.language = QComboBox(page)
        self.language.setAccessibleName(_("Language of the app"))
        self.language.addItem(_("Same as the system"), "")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(app.ui_language), 0))
        form.addRow(_("Language of the app"), self.language)
        self.theme = QComboBox(page)
        self.theme.setAccessibleName(_("Appearance"))
        for label, value in (
            (_("Same as the system"), "system"),
            (_("Light"), "light"),
            (_("Dark"), "dark"),
        ):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(self.theme.findData(app.theme), 0))
        form.addRow(_("Appearance"), self.theme)
        self.autosave = QSpinBox(page)
        self.autosave.setAccessibleName(_("Autosave every"))
        self.autosave.setRange(*field_bounds(AppPrefs, "autosave_seconds"))
        self.autosave.valueChanged.connect(self._autosave_suffix)
        self.autosave.setValue(app.autosave_seconds)
        self._autosave_suffix(self.autosave.value())
        form.addRow(_("Autosave unsaved work every"), self.autosave)
        self.cases_folder = QLineEdit(app.cases_folder, page)
        self.cases_folder.setAccessibleName(_("Cases folder"))
        self.cases_folder.setPlaceholderText(_("The documents folder"))
        self.cases_folder.setToolTip(_("New cases are saved here; the pipeline lists this folder"))
        form.addRow(_("Cases folder"), self.cases_folder)

    # -- helpers -----------------------------------------------------------------------------
    def _autosave_suffix(self, seconds: int) -> None:
        # The unit after the number in the box ("30 seconds"); its form follows the number.
        # Translators: the unit after the number in the autosave box.
        self.autosave.setSuffix(" " + ngettext("second", "seconds", seconds))

    def _page(self, tabs: QTabWidget, title: str) -> tuple[QWidget, QFormLayout]:
        page = QWidget(tabs)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        tabs.addTab(page, title)
        return page, form

    def _caption(self, form: QFormLayout, text: str) -> None:
        label = QLabel(text)
        label.setObjectName("caption")
        label.setWordWrap(True)
        form.addRow(label)

    def _line(self, form: QFormLayout, label: str, value: str) -> QLineEdit:
        line = QLineEdit(value)
        line.setAccessibleName(label)
        form.addRow(label, line)
        return line

    def _combo(
        self,
        form: QFormLayout,
        label: str,
        values: tuple[str, ...],
        value: str,
        name: Callable[[str], str] = str,
    ) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        for code in values:
            combo.addItem(name(code), code)
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setCurrentText(value)
        combo.setAccessibleName(label)
        form.addRow(label, combo)
        return combo

    def _update_swatch(self, text: str) -> None:
        colour = QColor(text.strip())
        shown = colour.name() if colour.isValid() else "transparent"
        self.swatch.setStyleSheet(f"background: {shown}; border: 1px solid palette(mid);")

    def _pick_colour(self) -> None:
        colour = self.dialogs.pick_colour(self, self.colour.text().strip())
        if colour is not None:
            self.colour.setText(colour)

    def _choose_logo(self) -> None:
        path = self.dialogs.choose_logo(self, self.logo.text())
        if path is not None:
            self.logo.setText(str(path))

    # -- result ------------------------------------------------------------------------------
    def collect(self) -> Settings:
        """The edited settings, validated; raises ValueError naming the first bad field."""
        fields: list[tuple[str, dict[str, Any], dict[str, QWidget]]] = [
            (
                "rep",
                {
                    "name": self.rep_name.text().strip(),
                    "email": self.rep_email.text().strip(),
                    "phone": self.rep_phone.text().strip(),
                },
                {},
            ),
            (
                "branding",
                {
                    "company_name": self.company.text().strip(),
                    "logo_path": self.logo.text().strip(),
                    "brand_colour": self.colour.text().strip(),
                    "disclaimer": self.disclaimer.toPlainText().strip(),
                },
                {"brand_colour": self.colour, "logo_path": self.logo},
            ),
            (
                "defaults",
                {
                    "locale": combo_code(self.locale_box),
                    "currency": combo_code(self.currency_box),
                },
                {"locale": self.locale_box, "currency": self.currency_box},
            ),
            (
                "app",
                {
                    "ui_language": self.language.currentData() or "",
                    "theme": self.theme.currentData() or "system",
                    "autosave_seconds": self.autosave.value(),
                    "cases_folder": self.cases_folder.text().strip(),
                },
                {},
            ),
        ]
        settings = self.settings
        checked: tuple[QWidget, ...] = (self.colour, self.logo, self.locale_box, self.currency_box)
        for widget in checked:
            set_invalid(widget, False)
        for section, values, widgets in fields:
            try:
                settings = settings.updated(section, **values)
            except ValidationError as exc:
                error = exc.errors(include_url=False)[0]
                key = str(error["loc"][0]) if error["loc"] else ""
                bad = widgets.get(key)
                if bad is not None:
                    set_invalid(bad, True)
                    bad.setFocus()
                message = str(error.get("msg", "")).removeprefix("Value error, ")
                raise ValueError(message) from None
        logo = settings.branding.logo_path
        if logo:
            from pathlib import Path

            if not Path(logo).is_file():
                set_invalid(self.logo, True)
                raise ValueError(_("The logo file does not exist: {path}").format(path=logo))
        return settings

    def accept(self) -> None:
        try:
            self._result = self.collect()
        except ValueError as exc:
            self.message.setText(f"⚠ {exc}")
            return
        super().accept()

    def result_settings(self) -> Settings:
        return self._result
