"""Writing the workbook: the four sheets, the names, the fingerprint (see the package)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os

import xlsxwriter

from calculators.engine import summarise
from calculators.i18n import _, language
from calculators.inputs import Scenario
from calculators.model import Case
from calculators.storage import atomic_write
from calculators.workbook.cells import Formats, Sheet
from calculators.workbook.figures import write_results
from calculators.workbook.inputs_sheet import FIRST_ROW, write_inputs
from calculators.workbook.months import write_months
from calculators.workbook.solution_sheet import FIRST_BLOCK_ROW, Writer, block_rows
from calculators.workbook.summary_sheet import status_quo_figures, write_summary

FORMAT = "cost-of-inaction/workbook"
KEY_SHEET = "_coi"


def fingerprint(case: Case) -> str:
    """What identifies a case whatever its input values: title, buyer, start, drivers."""
    identity = [
        case.title,
        case.buyer.company,
        case.start_date.isoformat(),
        [(d.type, d.name, d.enabled) for d in case.drivers],
        case.solution is not None,
    ]
    text = json.dumps(identity, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def workbook_bytes(
    case: Case, scenario: Scenario = "expected", language_code: str | None = None
) -> bytes:
    """The workbook of ``case`` in ``scenario`` as .xlsx bytes (the same case, the same bytes).

    Its labels are in ``language_code``, by default the case's language, like the PDF: it
    goes to the buyer's finance team, and the same case gives the same workbook whatever
    language the app or shell speaks.
    """
    code = language_code or case.language or case.locale
    with language(code):
        return _workbook_bytes(case, scenario, code)


def _workbook_bytes(case: Case, scenario: Scenario, code: str) -> bytes:
    results = summarise(case, scenario)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    created = dt.datetime(case.start_date.year, case.start_date.month, case.start_date.day)
    book.set_properties(
        {
            "title": case.title or case.buyer.company,
            "subject": _("Cost of inaction: the finance workbook"),
            "author": "Cost of Inaction",
            "created": created,
        }
    )
    book.set_custom_property("coi_fingerprint", fingerprint(case))
    fmt = Formats(book)
    names: list[tuple[str, str]] = []

    def sheet(title: str) -> Sheet:
        return Sheet(book.add_worksheet(title), fmt, title, names)

    inputs, months, solution_ws, summary = (
        sheet("Inputs"),
        sheet("Months"),
        sheet("Solution"),
        sheet("Summary"),
    )
    key = book.add_worksheet(KEY_SHEET)
    key.write_string(0, 0, FORMAT)
    key.write_string(1, 0, fingerprint(case))
    key.write_string(2, 0, scenario)
    key.write_string(3, 0, code)
    key.hide()
    input_names = write_inputs(inputs, case, scenario)
    inputs.ws.set_column(0, 1, 30)
    inputs.ws.set_column(2, 11, 13)
    inputs.ws.set_column(8, 8, 30)
    inputs.ws.set_row(FIRST_ROW - 1, 30)
    inputs.ws.set_column(12, 12, None, None, {"hidden": True})
    layout = write_months(months, results.projection, input_names)
    figures = status_quo_figures(results.projection, layout, input_names.drivers)
    if results.solution is not None:
        writer = Writer(solution_ws, results, input_names, layout)
        writer.header()
        blocks = block_rows(writer)
        below = (blocks.start.row if blocks.start else blocks.plan.row) + 5
        figures += write_results(writer, blocks, below, results.solution)
        solution_ws.ws.set_column(0, 0, 44)
        solution_ws.ws.set_column(1, 5, 14)
        solution_ws.ws.set_column(6, 7, 2)
        solution_ws.ws.set_row(FIRST_BLOCK_ROW - 1, 30)
        solution_ws.ws.freeze_panes(1, 1)
    else:
        solution_ws.value(0, 0, _("The case has no solution."), "note")
    write_summary(summary, figures, case.currency, case.title or case.buyer.company)
    for name, target in names:
        book.define_name(name, target)
    summary.ws.activate()
    book.close()
    return buffer.getvalue()


def write_workbook(
    case: Case,
    path: str | os.PathLike[str],
    scenario: Scenario = "expected",
    language_code: str | None = None,
) -> None:
    """Write the workbook of ``case`` to ``path`` (atomically: never a half-written file)."""
    atomic_write(path, workbook_bytes(case, scenario, language_code))
