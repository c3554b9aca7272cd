"""``coi workbook CASE -o OUT.xlsx`` and ``coi import-inputs CASE WORKBOOK.xlsx [-o NEW.coi]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from calculators.command_args import SCENARIOS, check_output, language_option
from calculators.i18n import _, ngettext

# The model, the engine and openpyxl/xlsxwriter load when a command runs: the CLI imports this
# module for its parser, whatever the command.


def add_parsers(subparsers: Any) -> None:
    """Add ``workbook`` and ``import-inputs`` to the CLI's sub-commands."""
    workbook = subparsers.add_parser(
        "workbook",
        help=_("write the finance workbook (.xlsx with live formulas)"),
        description=_(
            "Write CASE as an .xlsx workbook whose formulas reproduce the figures: Inputs, "
            "Months, Solution and Summary sheets."
        ),
    )
    workbook.add_argument("file", type=Path, metavar="CASE", help=_("the case file (.coi)"))
    workbook.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT.xlsx",
        help=_("the workbook to write (replaced if it exists)"),
    )
    workbook.add_argument(
        "--scenario",
        choices=SCENARIOS,
        default="expected",
        help=_("which input values the formulas use (default: expected)"),
    )
    workbook.add_argument(
        "--language",
        metavar="CODE",
        help=_("language of the labels, e.g. de or en_US (default: the case's language)"),
    )
    answers = subparsers.add_parser(
        "import-inputs",
        help=_("read the buyer's answers back from a workbook"),
        description=_(
            "Read the input cells of WORKBOOK's Inputs sheet into CASE and show each change; "
            "with -o, write the case with them."
        ),
    )
    answers.add_argument("file", type=Path, metavar="CASE", help=_("the case file (.coi)"))
    answers.add_argument("workbook", type=Path, metavar="WORKBOOK.xlsx")
    answers.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="NEW.coi",
        help=_("the case file to write with the answers (without it, only show them)"),
    )


def run_workbook(args: argparse.Namespace) -> int:
    from calculators.storage import load
    from calculators.workbook.build import write_workbook

    check_output(args.output, "case.xlsx")
    language = language_option(args.language)
    case = load(args.file)
    write_workbook(case, args.output, args.scenario, language)
    print(_("Wrote {file}").format(file=args.output))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from calculators.storage import load, save
    from calculators.workbook.importer import read_answers

    if args.output is not None:
        check_output(args.output, "case.coi")
    case = load(args.file)
    updated, changes = read_answers(case, args.workbook)
    if not changes:
        print(_("No input changed."))
        return 0
    for change in changes:
        print(change.line())
    count = ngettext("{count} value changed", "{count} values changed", len(changes))
    print(count.format(count=len(changes)))
    if args.output is None:
        print(_("Nothing written; give -o NEW.coi to write the case with these values."))
        return 0
    save(updated, args.output)
    print(_("Wrote {file}").format(file=args.output))
    return 0
