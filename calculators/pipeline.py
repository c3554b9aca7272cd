"""The pipeline: every case under some folders, one row each, ranked by the buyer's need to act.

``coi pipeline`` and the app's pipeline view (``desktop/pipeline.py``) both read cases with
:func:`scan`: each ``.coi`` file under the folders (recursively) becomes a :class:`Row` with
the figures of the expected scenario (no Monte Carlo), the qualification's verdict, the
readiness to send and the top thing to do next; a file that is broken or not a case becomes a
:class:`Skipped` with a one-line reason, and never stops the listing.

Money in rows is exact (Decimal, the engine's figures); :func:`row_data` gives it as the
decimal strings of the ``coi summary --json`` contract, rounded to the currency's minor units.
The CSV columns (:data:`CSV_COLUMNS`) are documented in the README and stay stable.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calculators.errors import CaseError, one_line
from calculators.i18n import _, ngettext

if TYPE_CHECKING:  # the qualification (engine, model) loads only when cases are read
    from calculators.qualification import Verdict

SUFFIX = ".coi"
MAX_FILES = 10_000  # a folder with more .coi files than this is listed up to here
VERDICTS: tuple[Verdict, ...] = ("strong", "weak", "no compelling need")


@dataclass(frozen=True)
class Row:
    """One case of the pipeline (expected scenario, on ``today``)."""

    file: Path
    buyer: str
    title: str
    currency: str
    locale: str
    deadline: dt.date
    days_left: int  # negative once the decision date has passed
    cost_to_deadline: Decimal
    cost_of_delay: Decimal | None  # per month of delay relative to the plan; None: no solution
    npv: Decimal | None  # None: no solution
    verdict: Verdict
    blocking: int  # readiness items that block sending
    next_step: str  # "" when nothing is left to do

    @property
    def ready(self) -> bool:
        return self.blocking == 0


@dataclass(frozen=True)
class Skipped:
    """A file that is not listed, and why (one line)."""

    file: Path
    reason: str

    def line(self) -> str:
        return _("{file}: skipped: {reason}").format(file=self.file, reason=self.reason)


def find_cases(places: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The ``.coi`` files under each folder (recursively, sorted), or the files themselves."""
    found: list[Path] = []
    for place in places:
        path = Path(place)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file()))
        else:
            found.append(path)
    return list(dict.fromkeys(found))[:MAX_FILES]


def _next_step(next_steps: tuple[str, ...], first_blocking: str, strong: bool) -> str:
    """A weak deal's most useful step first; a strong deal that cannot be sent: the blocker."""
    if strong and first_blocking:
        return first_blocking
    return next_steps[0] if next_steps else first_blocking


def read_row(path: Path, today: dt.date) -> Row | Skipped:
    """The row of the case in ``path``, or why it is skipped; never raises for a bad file."""
    from calculators.engine import summarise
    from calculators.qualification import qualify
    from calculators.readiness import check
    from calculators.storage import load

    try:
        case = load(path)
    except CaseError as exc:
        problem = exc.problems[0] if exc.problems else _("not a case file")
        prefix = f"{path}: "
        return Skipped(path, one_line(problem.removeprefix(prefix)))
    try:
        results = summarise(case)
        qualification = qualify(case, results=results, today=today)
        blocking = [item for item in check(case, today, results) if item.blocking]
    except (ArithmeticError, RecursionError):
        return Skipped(path, _("the figures are too large to compute"))
    solution = results.solution
    return Row(
        file=path,
        buyer=case.buyer.company,
        title=case.title,
        currency=case.currency,
        locale=case.locale,
        deadline=case.deadline,
        days_left=(case.deadline - today).days,
        cost_to_deadline=results.projection.cost_to_deadline,
        cost_of_delay=None if solution is None else solution.cost_of_delay_per_month,
        npv=None if solution is None else solution.npv,
        verdict=qualification.verdict,
        blocking=len(blocking),
        next_step=_next_step(
            qualification.next_steps,
            blocking[0].message if blocking else "",
            qualification.verdict == "strong",
        ),
    )


def read_rows(paths: Iterable[Path], today: dt.date) -> Iterator[Row | Skipped]:
    for path in paths:
        yield read_row(path, today)


FileKey = tuple[int, int]  # (modification time in ns, size): a file not changed since


def file_key(path: Path) -> FileKey | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def rescan(
    places: Iterable[str | os.PathLike[str]],
    today: dt.date,
    cache: dict[Path, tuple[FileKey, Row | Skipped]],
) -> tuple[list[Row | Skipped], dict[Path, tuple[FileKey, Row | Skipped]]]:
    """Like :func:`scan`, reading again only the files changed since ``cache`` was made
    (for the same ``today``); returns everything found and the new cache."""
    found: list[Row | Skipped] = []
    fresh: dict[Path, tuple[FileKey, Row | Skipped]] = {}
    for path in find_cases(places):
        key = file_key(path)
        if key is None:
            continue
        known = cache.get(path)
        entry = known[1] if known is not None and known[0] == key else read_row(path, today)
        fresh[path] = (key, entry)
        found.append(entry)
    return found, fresh


def scan(
    places: Iterable[str | os.PathLike[str]], today: dt.date | None = None
) -> tuple[list[Row], list[Skipped]]:
    """Rows for every case under ``places`` (default order) and the files skipped."""
    rows: list[Row] = []
    skipped: list[Skipped] = []
    for found in read_rows(find_cases(places), today or dt.date.today()):
        (rows if isinstance(found, Row) else skipped).append(found)  # type: ignore[arg-type]
    return sort_rows(rows), skipped


# --- sorting ---------------------------------------------------------------------------------

SORT_KEYS: dict[str, Callable[[Row], Any]] = {
    # verdict (strong first), then the cost of a month's delay, largest first
    "verdict": lambda r: (VERDICTS.index(r.verdict), _delay_key(r), str(r.file)),
    "cost_of_delay": lambda r: (_delay_key(r), str(r.file)),
    "cost_to_deadline": lambda r: (-r.cost_to_deadline, str(r.file)),
    "npv": lambda r: (_npv_key(r), str(r.file)),
    "days_left": lambda r: (r.days_left, str(r.file)),
    "decision_date": lambda r: (r.deadline, str(r.file)),
    "readiness": lambda r: (r.blocking, str(r.file)),
    "buyer": lambda r: (r.buyer.casefold(), str(r.file)),
    "title": lambda r: (r.title.casefold(), str(r.file)),
    "file": lambda r: str(r.file),
}
DEFAULT_SORT = "verdict"


def _delay_key(row: Row) -> tuple[int, Decimal]:
    """Largest cost of delay first, rows without a solution last."""
    return (1, Decimal(0)) if row.cost_of_delay is None else (0, -row.cost_of_delay)


def _npv_key(row: Row) -> tuple[int, Decimal]:
    return (1, Decimal(0)) if row.npv is None else (0, -row.npv)


def sort_rows(rows: Iterable[Row], field: str = DEFAULT_SORT) -> list[Row]:
    """Rows in the order of ``field`` (a key of :data:`SORT_KEYS`); money largest first."""
    return sorted(rows, key=SORT_KEYS[field])


# --- output ----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "file",
    "buyer",
    "title",
    "currency",
    "decision_date",
    "days_left",
    "cost_to_deadline",
    "cost_of_delay_per_month",
    "npv",
    "verdict",
    "ready",
    "blocking",
    "next_step",
)


def row_data(row: Row) -> dict[str, Any]:
    """The row as JSON-ready values: money as decimal strings (``coi summary --json``)."""
    from calculators.formatting import money_string  # babel: not for the CLI's parser

    def money(value: Decimal | None) -> str | None:
        return None if value is None else money_string(value, row.currency)

    return {
        "file": str(row.file),
        "buyer": row.buyer,
        "title": row.title,
        "currency": row.currency,
        "decision_date": row.deadline.isoformat(),
        "days_left": row.days_left,
        "cost_to_deadline": money(row.cost_to_deadline),
        "cost_of_delay_per_month": money(row.cost_of_delay),
        "npv": money(row.npv),
        "verdict": row.verdict,
        "ready": row.ready,
        "blocking": row.blocking,
        "next_step": row.next_step,
    }


def csv_record(row: Row) -> list[str]:
    """The row's CSV cells in :data:`CSV_COLUMNS` order ("" for none, true/false)."""
    data = row_data(row)
    cells: list[str] = []
    for column in CSV_COLUMNS:
        value = data[column]
        if value is None:
            cells.append("")
        elif isinstance(value, bool):
            cells.append("true" if value else "false")
        else:
            cells.append(str(value))
    return cells


def readiness_text(row: Row) -> str:
    """ "ready", or "n blocking"."""
    if row.ready:
        return _("ready")
    return ngettext("{count} blocking", "{count} blocking", row.blocking).format(count=row.blocking)


def verdict_text(verdict: Verdict) -> str:
    return {
        "strong": _("strong"),
        "weak": _("weak"),
        "no compelling need": _("no compelling need"),
    }[verdict]


TEXT_WIDTHS = (36, 28, 36, 10, 9, 16, 16, 16, 18, 12, 0)  # 0: as long as it is


def row_texts(row: Row, name: str, deadline: str) -> list[str]:
    """A row's cells as people read them (the text listing and the app's view), with the
    file shown as ``name`` and the decision date written as ``deadline``."""
    from calculators.formatting import Formatter  # babel: only when rows are shown
    from calculators.templates import shown_title

    fmt = Formatter(row.locale, row.currency)
    return [
        name,
        row.buyer,
        shown_title(row.title),
        deadline,
        str(row.days_left),
        fmt.money(row.cost_to_deadline),
        "" if row.cost_of_delay is None else fmt.money(row.cost_of_delay),
        "" if row.npv is None else fmt.money(row.npv),
        verdict_text(row.verdict),
        readiness_text(row),
        row.next_step,
    ]


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    if not width:
        return text
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.ljust(width)


def text_lines(rows: Iterable[Row]) -> list[str]:
    """The listing for a terminal: a header, then one line per case in aligned columns (long
    names cut with "…"; the next step, last, in full)."""
    header = [
        _("file"),
        _("buyer"),
        _("title"),
        _("decision"),
        _("days left"),
        _("cost to deadline"),
        _("delay/month"),
        _("NPV"),
        _("verdict"),
        _("readiness"),
        _("next step"),
    ]
    table = [header]
    for row in rows:
        table.append(row_texts(row, str(row.file), row.deadline.isoformat()))
    return [
        "  ".join(
            _cell(text, width) for text, width in zip(cells, TEXT_WIDTHS, strict=True)
        ).rstrip()
        for cells in table
    ]
