"""``coi``: the command-line interface to cases.

    coi new [--template NAME] [--start DATE] -o FILE     start a case from a template
    coi new --list-templates                             list the templates
    coi validate FILE...                                 check case files
    coi check FILE... [--date D]                         ready to send? (calculators.readiness)
    coi summary FILE [--json] [--scenario S]             what the status quo costs
    coi pipeline DIR... [--json | --csv] [--sort FIELD]  all cases, ranked by need to act
    coi schema                                           JSON Schema of the file format
    coi workbook FILE -o OUT.xlsx [--scenario S]         the finance workbook
    coi import-inputs FILE WORKBOOK.xlsx [-o NEW.coi]    the buyer's answers back in

Exit codes: 0 success, 2 bad input (one line per problem on stderr, naming the field),
1 an unexpected internal error. ``coi check`` and ``coi render`` exit 1 when a case is not
ready to send (a blocking item; ``render --draft`` writes it anyway, marked DRAFT).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import decimal
import gc
import importlib
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from calculators import __version__
from calculators.errors import CaseError, one_line
from calculators.i18n import _, ngettext, set_language
from calculators.report import command as render_command
from calculators.text import neutralise
from calculators.workbook import command as workbook_command

# Each command imports what it needs when it runs: `coi validate` and `coi summary` never load
# reportlab (or Qt), `coi validate` and `coi schema` not the engine or numpy, `coi --help` not
# the case model. The modules above (and the parsers of render, workbook and pipeline) are
# light; tests/calculators/test_hardening_cli.py checks sys.modules after each command, and
# benchmarks/bench_cli.py times them.

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
# 128 + SIGPIPE: what a shell reports for a program whose reader went away (`| head`).
EXIT_BROKEN_PIPE = 141
MAX_PROBLEMS_SHOWN = 20


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(
            # Translators: {message} is argparse's own English error; {command} e.g. coi new.
            _("{message} (see '{command} --help')").format(message=message, command=self.prog)
        )


def _debugging() -> bool:
    """COI_DEBUG=1 (any value but empty or 0) shows tracebacks instead of one-line errors."""
    return os.environ.get("COI_DEBUG", "") not in ("", "0")


def report(problems: Sequence[str], total: int | None = None) -> None:
    """Print problems to stderr, one line each, at most MAX_PROBLEMS_SHOWN of them.

    ``total`` is how many there are (more than ``problems`` when only the first were formatted).
    """
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(f"coi: {one_line(problem)}", file=sys.stderr)
    hidden = max(total or 0, len(problems)) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        more = ngettext("... and {count} more problem", "... and {count} more problems", hidden)
        print(f"coi: {more.format(count=hidden)}", file=sys.stderr)


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): {text}").format(text=repr(text))
        ) from None


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

    check = commands.add_parser(
        "check",
        help=_("is the case ready to send? (exit 0 ready, 1 something blocks, 2 invalid file)"),
    )
    check.add_argument("files", nargs="+", type=Path)
    check.add_argument(
        "--date",
        type=_parse_date,
        metavar="YYYY-MM-DD",
        help=_("the report date the decision date is checked against (default: today)"),
    )

    summary = commands.add_parser("summary", help=_("what the status quo costs"))
    summary.add_argument("file", type=Path)
    summary.add_argument("--json", action="store_true", help=_("machine-readable output"))
    summary.add_argument(
        "--scenario",
        choices=("expected", "conservative", "optimistic"),
        default="expected",
        help=_(
            "which input values to use: conservative, expected (most likely) or "
            "optimistic (default: expected)"
        ),
    )

    render_command.add_parser(commands)
    workbook_command.add_parsers(commands)
    commands.add_parser("schema", help=_("print the JSON Schema of the case file format"))
    _add_pipeline_parser(commands)
    return parser


def _add_pipeline_parser(commands: Any) -> None:
    from calculators.pipeline import DEFAULT_SORT, SORT_KEYS

    pipeline = commands.add_parser(
        "pipeline", help=_("list every case under the folders, ranked by the buyer's need to act")
    )
    pipeline.add_argument("folders", nargs="+", type=Path, metavar="DIR")
    output = pipeline.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=_("machine-readable output"))
    output.add_argument("--csv", action="store_true", help=_("CSV for a CRM import"))
    pipeline.add_argument(
        "--sort",
        choices=tuple(SORT_KEYS),
        default=DEFAULT_SORT,
        metavar="FIELD",
        help=_("order of the cases: {fields} (default: verdict, then cost of delay)").format(
            fields=", ".join(SORT_KEYS)
        ),
    )
    pipeline.add_argument(
        "--date",
        type=_parse_date,
        metavar="YYYY-MM-DD",
        help=_("the date the days left count from (default: today)"),
    )


def cmd_pipeline(args: argparse.Namespace) -> int:
    """One line per case; a file that is broken or not a case is noted on stderr, exit 0."""
    import csv
    import io

    from calculators.pipeline import CSV_COLUMNS, csv_record, row_data, scan, sort_rows, text_lines

    rows, skipped = scan(args.folders, args.date)
    rows = sort_rows(rows, args.sort)
    for note in skipped:
        print(f"coi: {terminal_safe(note.line())}", file=sys.stderr)
    if args.json:
        data = {
            "cases": [row_data(row) for row in rows],
            "skipped": [{"file": str(note.file), "reason": note.reason} for note in skipped],
        }
        write_utf8(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif args.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_record(row) for row in rows)
        write_utf8(buffer.getvalue())
    else:
        sys.stdout.write("".join(terminal_safe(line) + "\n" for line in text_lines(rows)))
    return EXIT_OK


def _next_month_start(today: dt.date) -> dt.date:
    return dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)


def cmd_new(args: argparse.Namespace) -> int:
    from calculators.templates import find_template, list_templates

    if args.list_templates:
        templates = list_templates()
        width = max((len(t.name) for t in templates), default=0) + 2
        for template in templates:
            print(f"{template.name:<{width}}{template.shown_description}")
        return EXIT_OK
    if args.output is None:
        # Translators: {option} is -o/--output FILE, {command} is coi new.
        message = _("{option} is required (see '{command} --help')").format(
            option="-o/--output FILE", command="coi new"
        )
        raise UsageError(f"new: {message}")
    output: Path = args.output
    if output.is_dir():
        raise CaseError([_("{file}: is a folder; give a file name").format(file=output)])
    if output.exists() and not args.force:
        raise CaseError(
            [_("{file}: already exists (use --force to overwrite)").format(file=output)]
        )
    from calculators.model import FIRST_DATE, LAST_DATE  # not for --list-templates
    from calculators.storage import (
        case_from_data,
        case_to_data,
        load,
        months_between,
        save,
        shift_dates,
    )

    template = find_template(args.template)
    case = load(template.path)
    start = args.start or _next_month_start(dt.date.today())
    if not FIRST_DATE <= start <= LAST_DATE:
        message = _("must be between {low} and {high}").format(low=FIRST_DATE, high=LAST_DATE)
        raise UsageError(f"--start: {message}")
    case = shift_dates(case, months_between(case.start_date, start))
    if case.start_date != start:
        # Validated again: the start moves within its month, so check it still fits.
        case = case_from_data({**case_to_data(case), "start_date": start.isoformat()})
    save(case, output)
    print(_("Wrote {file} from template '{template}'.").format(file=output, template=template.name))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from calculators.storage import load

    failed = 0
    for file in args.files:
        try:
            case = load(file)
        except CaseError as exc:
            failed += 1
            report(exc.problems, exc.total)
            continue
        count = len(case.drivers)
        print(
            ngettext("{file}: ok ({count} driver)", "{file}: ok ({count} drivers)", count).format(
                file=file, count=count
            )
        )
    return EXIT_BAD_INPUT if failed else EXIT_OK


EXIT_NOT_READY = 1


def cmd_check(args: argparse.Namespace) -> int:
    """Each file's readiness items, one line each (``file: path: message``)."""
    from calculators.readiness import check
    from calculators.storage import load

    today = args.date or dt.date.today()
    invalid = blocked = False
    for file in args.files:
        try:
            case = load(file)
        except CaseError as exc:
            invalid = True
            report(exc.problems)
            continue
        items = check(case, today)
        for item in items:
            message = (
                item.message
                if item.blocking
                else _("warning: {message}").format(message=item.message)
            )
            print(terminal_safe(f"{file}: {item.path}: {message}"))
        blocking = sum(item.blocking for item in items)
        warnings = len(items) - blocking
        if blocking:
            blocked = True
            verdict = ngettext(
                "{file}: not ready ({count} blocking item)",
                "{file}: not ready ({count} blocking items)",
                blocking,
            ).format(file=file, count=blocking)
        else:
            verdict = ngettext(
                "{file}: ready ({count} warning)", "{file}: ready ({count} warnings)", warnings
            ).format(file=file, count=warnings)
        print(terminal_safe(verdict))
    if invalid:
        return EXIT_BAD_INPUT
    return EXIT_NOT_READY if blocked else EXIT_OK


_UNSAFE_ON_A_TERMINAL = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def terminal_safe(text: str) -> str:
    """Text from a case file made harmless for a terminal: no escape sequences or bidi tricks.

    Case files travel between reps; a name could carry ESC sequences that clear the screen or
    retitle the window. Such characters are U+FFFD, as in the app and the PDF
    (:func:`calculators.text.neutralise`); bidi marks left over are shown escaped (\\u200f).
    """
    return _UNSAFE_ON_A_TERMINAL.sub(lambda m: repr(m.group())[1:-1], neutralise(text))


def cmd_summary(args: argparse.Namespace) -> int:
    from calculators.engine import summarise
    from calculators.storage import load
    from calculators.summary import summary_data, summary_text

    case = load(args.file)
    try:
        results = summarise(case, args.scenario)
        output = (
            json.dumps(summary_data(results), indent=2, ensure_ascii=False) + "\n"
            if args.json
            else terminal_safe(summary_text(results))
        )
    except (decimal.InvalidOperation, decimal.Overflow):
        # A valid case whose figures outgrow what can be rounded and shown (e.g. a growth
        # rate of 1000 % a year compounding for 20 years).
        if _debugging():
            raise
        raise CaseError(
            [
                _(
                    "{file}: the results are too large to show; check the growth and "
                    "escalation rates and the horizon"
                ).format(file=args.file)
            ]
        ) from None
    if args.json:
        write_utf8(output)
    else:
        sys.stdout.write(output)
    return EXIT_OK


def write_utf8(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 bytes, whatever the console's encoding.

    JSON is UTF-8 by definition; a cp1252 console (Windows, redirected) would otherwise get
    "\\xfc" escapes or "?" in place of "ü" and the output would not be the JSON it claims.
    """
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (tests, IDEs): already Unicode
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def cmd_schema(args: argparse.Namespace) -> int:
    from calculators.schema import case_schema

    write_utf8(json.dumps(case_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


# The modules each command needs. In the `coi` process they are loaded before the command runs,
# with the cyclic garbage collector paused: pydantic's schemas and numpy allocate a few hundred
# thousand objects that live as long as the process, and the collector would otherwise walk
# them over and over (some 100 collections; 30-60 ms of a `coi summary`, bench_cli.py). They are
# then frozen (left out of every later collection); reading the case and the work run with the
# collector on as usual. A module missing here costs only time (the command imports it itself).
_COMMAND_MODULES = {
    "validate": ("calculators.storage",),
    "check": ("calculators.readiness", "calculators.storage"),
    "summary": ("calculators.storage", "calculators.summary", "numpy.random"),
    "schema": ("calculators.schema",),
    "pipeline": ("calculators.readiness", "calculators.storage", "calculators.qualification"),
    "render": ("calculators.readiness", "calculators.storage", "calculators.report.build"),
    "workbook": ("calculators.storage", "calculators.workbook.build"),
    "import-inputs": ("calculators.storage", "calculators.workbook.importer"),
}


def _load_modules(command: str) -> None:
    """Import ``command``'s modules with the garbage collector paused, then freeze them."""
    modules = _COMMAND_MODULES.get(command, ())
    if not modules or not gc.isenabled():  # nothing to load, or paused by whoever runs us
        return
    gc.disable()
    try:
        for name in modules:
            importlib.import_module(name)
        gc.freeze()
    finally:
        gc.enable()


def run(argv: Sequence[str], *, process: bool = False) -> int:
    """Run the command in ``argv``; ``process``: this is the `coi` process (see main)."""
    args = build_parser().parse_args(list(argv))
    if process:
        _load_modules(args.command)
    handler = {
        "new": cmd_new,
        "validate": cmd_validate,
        "check": cmd_check,
        "summary": cmd_summary,
        "pipeline": cmd_pipeline,
        "schema": cmd_schema,
        "render": render_command.run,
        "workbook": workbook_command.run_workbook,
        "import-inputs": workbook_command.run_import,
    }[args.command]
    return handler(args)


def _tolerant_streams() -> None:
    """Never fail on a character the console cannot show (e.g. "ü" on a cp1252 console)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


def environment_language() -> str:
    """The language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        code = value.split(":")[0].split(".")[0].split("@")[0]
        if code:
            return "en" if code in ("C", "POSIX") else code
    return "en"


def _too_large_to_compute(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return _("the file is nested too deeply")
    return _("a number in the case is too large or too precise to compute with")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``coi``; returns the exit code (0 ok, 1 internal error, 2 bad input)."""
    if argv is None:
        _tolerant_streams()
        # Messages in the language the shell asks for (e.g. LANG=de_DE.UTF-8); the PDF's
        # language follows the case, not this.
        set_language(environment_language())
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        # Only a process of its own loads a command's modules ahead and freezes them: a caller
        # such as a test session keeps its garbage collection as it was.
        code = run(arguments, process=argv is None)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        # `coi schema | head -c 10`: the reader has gone; say nothing, like other tools do.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except CaseError as exc:
        report(exc.problems, exc.total)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        report([str(exc)])
        return EXIT_BAD_INPUT
    except OSError as exc:  # the file system refused a path given on the command line
        where = exc.filename if exc.filename is not None else ""
        reason = exc.strerror or str(exc)
        report([f"{where}: {reason}" if where else reason])
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # argparse after --help / --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except KeyboardInterrupt:
        return 130
    except (ArithmeticError, RecursionError) as exc:  # decimal Overflow etc.: never "internal"
        if _debugging():
            raise
        report([_too_large_to_compute(exc)])
        return EXIT_BAD_INPUT
    except Exception as exc:  # the last line of defence: never a traceback for a user
        if _debugging():
            raise
        detail = one_line(f"{type(exc).__name__}: {exc}", limit=300)
        print(
            _("coi: internal error: {detail} (set COI_DEBUG=1 for details)").format(detail=detail),
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
