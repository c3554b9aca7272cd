"""About: the version, and the licences of the bundled fonts and libraries."""

from __future__ import annotations

import html
import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from calculators import __version__
from calculators.i18n import _
from calculators.resources import resource_path

# (distribution, licence as its authors state it); versions are read at run time.
LIBRARIES = (
    ("PySide6-Essentials", "LGPL-3.0-only (Qt for Python, The Qt Company)"),
    ("PySide6-Pdf", "LGPL-3.0-only (Qt PDF, The Qt Company)"),
    ("shiboken6", "LGPL-3.0-only"),
    ("reportlab", "BSD-3-Clause"),
    ("pydantic", "MIT"),
    ("pydantic-core", "MIT"),
    ("babel", "BSD-3-Clause (includes Unicode CLDR data, Unicode licence)"),
    ("numpy", "BSD-3-Clause"),
    ("pillow", "MIT-CMU (HPND)"),
    ("annotated-types", "MIT"),
    ("typing-extensions", "PSF-2.0"),
    ("typing-inspection", "MIT"),
)


def library_rows() -> list[tuple[str, str, str]]:
    rows = []
    for name, licence in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        rows.append((name, version, licence))
    return rows


def font_licences() -> list[tuple[str, str]]:
    """(file name, text) of every licence file in resources/fonts/."""
    try:
        folder = resource_path("fonts")
    except FileNotFoundError:
        return []
    found = []
    for path in sorted(folder.glob("*")):
        if path.suffix.lower() in (".txt", ".md") or path.name.upper().startswith(
            ("LICENSE", "OFL")
        ):
            try:
                found.append((path.name, path.read_text(encoding="utf-8", errors="replace")))
            except OSError:
                continue
    return found


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle(_("About Cost of Inaction"))
        layout = QVBoxLayout(self)
        title = QLabel(
            "<h2>"
            + html.escape(_("Cost of Inaction"))
            + "</h2><p>"
            + html.escape(_("Version {version}").format(version=__version__))
            + "</p><p>"
            + html.escape(
                _(
                    "Quantify what doing nothing costs a B2B buyer, "
                    "and turn it into a business case."
                )
            )
            + "</p>",
            self,
        )
        title.setObjectName("aboutTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        details = QLabel(
            html.escape(
                _("Qt {qt} · PySide6 {pyside} · Python {python}").format(
                    qt=qVersion(), pyside=pyside_version, python=platform.python_version()
                )
            ),
            self,
        )
        details.setObjectName("caption")
        layout.addWidget(details)
        tabs = QTabWidget(self)
        libraries = QTextBrowser(tabs)
        libraries.setObjectName("libraries")
        rows = "".join(
            f"<tr><td>{html.escape(n)}</td><td>{html.escape(v)}</td><td>{html.escape(lic)}</td></tr>"
            for n, v, lic in library_rows()
        )
        libraries.setHtml(
            "<p>"
            + html.escape(_("Libraries bundled with the app and their licences:"))
            + f"</p><table cellpadding='3'><tr><th align='left'>{html.escape(_('Library'))}</th>"
            f"<th align='left'>{html.escape(_('Version'))}</th>"
            f"<th align='left'>{html.escape(_('Licence'))}</th></tr>{rows}</table>"
        )
        tabs.addTab(libraries, _("Libraries"))
        fonts = QTextBrowser(tabs)
        fonts.setObjectName("fonts")
        licences = font_licences()
        if licences:
            fonts.setPlainText(
                "\n\n".join(f"== {name} ==\n\n{text.strip()}" for name, text in licences)
            )
        else:
            fonts.setPlainText(_("No bundled fonts."))
        tabs.addTab(fonts, _("Fonts"))
        layout.addWidget(tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 520)
