"""``coi render CASE -o OUT.pdf``: the business case as a PDF from the command line.

``calculators.cli`` adds the sub-command with :func:`add_parser` and calls :func:`run`; a
CaseError from here is printed by the CLI as one line naming the file, exit code 2. A case
that is not ready to send (``calculators.readiness``) is refused with its blocking items,
exit code 1, unless ``--draft`` asks for a PDF marked DRAFT on every page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from calculators.command_args import SCENARIOS, check_output, language_option
from calculators.errors import one_line
from calculators.i18n import _


def add_parser(subparsers: Any) -> None:
    """Add ``render`` to the CLI's sub-commands (``argparse`` sub-parsers action)."""
    render = subparsers.add_parser(
        "render",
        help=_("write the business case as a PDF"),
        description=_(
            "Write the customer-facing business case of CASE as a PDF, in the case's "
            "language and formats."
        ),
    )
    render.add_argument("file", type=Path, metavar="CASE", help=_("the case file (.coi)"))
    render.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT.pdf",
        help=_("the PDF file to write (replaced if it exists)"),
    )
    render.add_argument(
        "--scenario",
        choices=SCENARIOS,
        default="expected",
        help=_(
            "which input values the figures use: conservative, expected (most likely) "
            "or optimistic (default: expected)"
        ),
    )
    render.add_argument(
        "--language",
        metavar="CODE",
        help=_("language of the text, e.g. de or en_US (default: the case's language)"),
    )
    render.add_argument(
        "--branding",
        type=Path,
        metavar="FILE",
        help=_(
            "a TOML file with the team file's branding keys (company_name, brand_colour, "
            "disclaimer, logo) to brand the PDF"
        ),
    )
    render.add_argument(
        "--exact",
        action="store_true",
        help=_(
            "show running text and key figures to the cent instead of rounded (tables are "
            "always exact)"
        ),
    )
    render.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help=_("the date printed on the cover (default: today)"),
    )
    render.add_argument(
        "--draft",
        action="store_true",
        help=_("write a case that is not ready to send anyway, marked DRAFT on every page"),
    )


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): {value}").format(value=repr(text))
        ) from None


def run(args: argparse.Namespace) -> int:
    """Render ``args.file`` to ``args.output``; raises CaseError for bad input."""
    output: Path = args.output
    check_output(output, "case.pdf")
    language = language_option(args.language)
    # Only when rendering: reportlab, the engine and the model (the CLI imports this module
    # for its parser, whatever the command).
    from calculators.readiness import check
    from calculators.report.build import write_pdf
    from calculators.storage import load
    from calculators.team import read_branding_file

    branding = None if args.branding is None else read_branding_file(args.branding)
    case = load(args.file)
    date = args.date or dt.date.today()
    blocking = [item for item in check(case, date) if item.blocking]
    if blocking and not args.draft:
        for item in blocking:
            print(f"coi: {one_line(item.line(str(args.file)))}", file=sys.stderr)
        print(
            _("coi: {file} is not ready to send; fix the items above or use --draft").format(
                file=args.file
            ),
            file=sys.stderr,
        )
        return 1
    write_pdf(
        case,
        output,
        scenario=args.scenario,
        branding=branding,
        language=language,
        date=date,
        draft=args.draft,
        exact=args.exact,
    )
    print(_("Wrote {file}.").format(file=output))
    return 0
