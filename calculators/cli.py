"""``coi``: the command-line interface to cases.

    coi new [--template NAME] [--start DATE] -o FILE     start a case from a template
    coi new --list-templates                             list the templates
    coi validate FILE...                                 check case files
    coi summary FILE [--json] [--scenario S]             what the status quo costs
    coi schema                                           JSON Schema of the file format

Exit codes: 0 success, 2 bad input (one line per problem on stderr, naming the field),
1 an unexpected internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from calculators import __version__
from calculators.engine import summarise
from calculators.errors import CaseError
from calculators.i18n import _
from calculators.schema import case_schema
from calculators.storage import load, months_between, save, shift_dates
from calculators.summary import summary_data, summary_text
from calculators.templates import find_template, list_templates

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coi", description=_("Cost of Inaction: business cases from the command line.")
    )
    parser.add_argument("--version", action="version", version=f"coi {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    new = commands.add_parser("new", help=_("start a case from a template"))
    new.add_argument("--template", default="blank", help=_("template name (default: blank)"))
    new.add_argument("--list-templates", action="store_true", help=_("list the templates"))
    new.add_argument("-o", "--output", type=Path, help=_("file to write (.coi)"))
    new.add_argument(
        "--start",
        type=_parse_date,
        help=_(
            "start date of the case (default: the first day of next month); "
            "the template's other dates move with it"
        ),
    )
    new.add_argument("--force", action="store_true", help=_("overwrite an existing file"))

    validate = commands.add_parser("validate", help=_("check case files"))
    validate.add_argument("files", nargs="+", type=Path)

    summary = commands.add_parser("summary", help=_("what the status quo costs"))
    summary.add_argument("file", type=Path)
    summary.add_argument("--json", action="store_true", help=_("machine-readable output"))
    summary.add_argument(
        "--scenario",
        choices=("expected", "conservative", "optimistic"),
        default="expected",
        help=_("which input values to use (default: expected)"),
    )

    commands.add_parser("schema", help=_("print the JSON Schema of the case file format"))
    return parser


def _next_month_start(today: dt.date) -> dt.date:
    return dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)


def cmd_new(args: argparse.Namespace) -> int:
    if args.list_templates:
        for template in list_templates():
            print(f"{template.name:<24} {template.description}")
        return EXIT_OK
    if args.output is None:
        raise UsageError("new: -o/--output FILE is required (see 'coi new --help')")
    output: Path = args.output
    if output.exists() and not args.force:
        raise CaseError([f"{output}: already exists (use --force to overwrite)"])
    template = find_template(args.template)
    case = load(template.path)
    start = args.start or _next_month_start(dt.date.today())
    case = shift_dates(case, months_between(case.start_date, start))
    if case.start_date != start:
        case = case.model_copy(update={"start_date": start})
    save(case, output)
    print(_("Wrote {file} from template '{template}'.").format(file=output, template=template.name))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    failed = 0
    for file in args.files:
        try:
            case = load(file)
        except CaseError as exc:
            failed += 1
            for problem in exc.problems:
                print(f"coi: {problem}", file=sys.stderr)
            continue
        print(_("{file}: ok ({count} drivers)").format(file=file, count=len(case.drivers)))
    return EXIT_BAD_INPUT if failed else EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    case = load(args.file)
    results = summarise(case, args.scenario)
    if args.json:
        print(json.dumps(summary_data(results), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(summary_text(results))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(case_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def run(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    handler = {
        "new": cmd_new,
        "validate": cmd_validate,
        "summary": cmd_summary,
        "schema": cmd_schema,
    }[args.command]
    return handler(args)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        return run(arguments)
    except CaseError as exc:
        for problem in exc.problems[:20]:
            print(f"coi: {problem}", file=sys.stderr)
        if len(exc.problems) > 20:
            print(f"coi: ... and {len(exc.problems) - 20} more problems", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"coi: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the last line of defence: never a traceback for a user
        if os.environ.get("COI_DEBUG"):
            raise
        print(
            f"coi: internal error: {type(exc).__name__}: {exc} (set COI_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
