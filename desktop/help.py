"""Help: a short getting-started page and a glossary, built in (offline) and translated.

Every text is a message id translated when the page is shown; the pages are assembled as
simple HTML from escaped text, and the browser opens no links (there are none to follow).
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from calculators.i18n import _


def getting_started() -> list[tuple[str, str]]:
    """(step title, what to do) in order."""
    return [
        (
            _("Start a case"),
            _(
                "On the start page, pick the template closest to the buyer's situation, or "
                "open an example to see a finished case."
            ),
        ),
        (
            _("Describe the buyer"),
            _(
                "In Case details, enter the buyer's company, the decision date and the "
                "buyer's number format and currency."
            ),
        ),
        (
            _("Enter the cost drivers"),
            _(
                "Each driver is one way the status quo costs money. Type the most likely "
                "value of each input; under “Range & source” add a low and a high estimate "
                "and where the number comes from."
            ),
        ),
        (
            _("Type numbers the way you say them"),
            _(
                "12k, 1.5M and 1,5 Mio are understood; the field shows what it read. Percent "
                "fields take percent: type 5 for 5 %."
            ),
        ),
        (
            _("Add the solution"),
            _(
                "Under Solution, enter the investment, the recurring cost and the lead time: "
                "the dashboard adds the cost of each month of delay, NPV and payback."
            ),
        ),
        (
            _("Share it"),
            _(
                "Export the PDF with Ctrl+E. In the meeting, press F11 for meeting mode: the "
                "headline and the inputs that matter most, large enough for the buyer to "
                "follow and change. Esc returns; Ctrl+Z undoes any change."
            ),
        ),
    ]


def glossary() -> list[tuple[str, str]]:
    """(term, meaning) in alphabetical order of the English terms."""
    return [
        (
            _("Addressable"),
            _(
                "The share of a cost that the solution can remove. When it removes 60 percent "
                "of a driver's cost, only that part counts in the solution's benefits."
            ),
        ),
        (
            _("Cost of delay"),
            _(
                "What each month of waiting before deciding costs: the net value lost by "
                "starting the solution one month later."
            ),
        ),
        (
            _("Cost of inaction"),
            _(
                "What the status quo costs the buyer: the headline is the cost from the "
                "start date until the decision date."
            ),
        ),
        (
            _("IRR"),
            _(
                "Internal rate of return: the yearly discount rate at which the solution's "
                "NPV is zero. Higher is better."
            ),
        ),
        (
            _("Most likely"),
            _(
                "The value an input most probably has (its expected value). Every figure on "
                "the dashboard is computed from the most likely values; the range comes from "
                "the low and high estimates."
            ),
        ),
        (
            _("NPV"),
            _(
                "Net present value: the solution's benefits minus its costs over the horizon, "
                "each month discounted at the case's discount rate. Above zero, deciding now "
                "pays."
            ),
        ),
        (
            _("P10–P90"),
            _(
                "The likely range: in the simulation of the low–high estimates, one outcome "
                "in ten is below P10 and one in ten above P90."
            ),
        ),
        (
            _("Payback"),
            _("The number of months until the solution's savings have repaid its costs."),
        ),
    ]


def page_html(title: str, entries: list[tuple[str, str]], numbered: bool) -> str:
    tag = "ol" if numbered else "dl"
    items = "".join(
        f"<li><b>{html.escape(head)}</b><br>{html.escape(text)}</li>"
        if numbered
        else f"<dt><b>{html.escape(head)}</b></dt><dd>{html.escape(text)}</dd>"
        for head, text in entries
    )
    return f"<h2>{html.escape(title)}</h2><{tag}>{items}</{tag}>"


class HelpDialog(QDialog):
    """Getting started and the glossary, as two tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help")
        self.setWindowTitle(_("Help"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.start = self._browser(page_html(_("Getting started"), getting_started(), True))
        self.glossary = self._browser(page_html(_("Glossary"), glossary(), False))
        self.tabs.addTab(self.start, _("Getting started"))
        self.tabs.addTab(self.glossary, _("Glossary"))
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browser(self, text: str) -> QTextBrowser:
        browser = QTextBrowser(self)
        browser.setOpenLinks(False)
        browser.setOpenExternalLinks(False)
        browser.setHtml(text)
        return browser

    @classmethod
    def show_page(cls, parent: QWidget, page: str) -> HelpDialog:
        dialog = cls(parent)
        dialog.tabs.setCurrentIndex(1 if page == "glossary" else 0)
        dialog.show()
        return dialog
