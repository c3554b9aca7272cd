"""Reading and writing ``.coi`` case files.

* UTF-8 JSON in a versioned envelope (``format``, ``schema_version``); money and rates are
  decimal strings, never JSON numbers.
* Files larger than :data:`MAX_FILE_BYTES` are refused before parsing.
* A file from a newer version of the app is refused with a clear message; older versions
  are upgraded by the ``migrate_vN_to_vN+1`` functions in :data:`MIGRATIONS` (tests
  exercise the mechanism by lowering :data:`OLDEST_VERSION` and registering a step).
* Repeated keys, integers of thousands of digits and lone ``\\ud800`` escapes are refused
  while parsing, each with a one-line message naming the place.
* Saving is atomic: a temporary file in the same folder, flushed and fsynced, then
  ``os.replace``; a failed save leaves the old file untouched and no stray temp file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from calculators.calendar import edate
from calculators.errors import CaseError, case_error, format_path, shown
from calculators.files import FileReadError, FileTooLarge, read_capped
from calculators.i18n import _, ngettext
from calculators.model import FORMAT, SCHEMA_VERSION, Case

MAX_FILE_BYTES = 10 * 1024 * 1024
# The first format version there ever was; nothing older can be upgraded.
OLDEST_VERSION = 1
# Longer integers than this are refused while parsing (Python's own limit is 4300 digits).
MAX_INT_DIGITS = 4000
# No object or list in a valid case comes near these (100 drivers, a few dozen fields): a file
# with 500,000 keys is refused in one pass instead of producing 500,000 validation errors.
MAX_OBJECT_KEYS = 1000
MAX_LIST_ITEMS = 1000

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# schema_version N -> function turning a version-N dict into a version-(N+1) dict,
# named ``migrate_vN_to_vN+1``. The version number itself is updated by :func:`migrate`.
MIGRATIONS: dict[int, Migration] = {}


def _at(path: str, message: str) -> str:
    """A problem as "path: message"; the path names a field and is never translated."""
    return f"{path}: {message}"


def _too_large() -> str:
    return _("the file is larger than {size} MiB").format(size=MAX_FILE_BYTES // (1024 * 1024))


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Upgrade ``data`` to the current schema version, or raise CaseError."""
    if "schema_version" not in data:
        raise CaseError(
            [
                _at(
                    "schema_version",
                    _("is required (this app writes {version})").format(version=SCHEMA_VERSION),
                )
            ]
        )
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise CaseError(
            [
                _at(
                    "schema_version",
                    _("must be a whole number such as {version} (got {value})").format(
                        version=SCHEMA_VERSION, value=shown(version)
                    ),
                )
            ]
        )
    if version > SCHEMA_VERSION:
        raise CaseError(
            [
                _at(
                    "schema_version",
                    _(
                        "this file was written by a newer version of Cost of Inaction (file "
                        "format {version}; this app reads up to {known}); please update the "
                        "app to open it"
                    ).format(version=version, known=SCHEMA_VERSION),
                )
            ]
        )
    if version < OLDEST_VERSION:
        raise CaseError(
            [
                _at(
                    "schema_version",
                    _("{version} is not a valid version").format(version=version),
                )
            ]
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise CaseError(
                [
                    _at(
                        "schema_version",
                        _("cannot upgrade a file from format {version}").format(version=version),
                    )
                ]
            )
        try:
            upgraded = step(data)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise CaseError(
                [
                    _at(
                        "schema_version",
                        _("cannot upgrade this file from format {version} ({problem})").format(
                            version=version, problem=f"{type(exc).__name__}: {exc}"
                        ),
                    )
                ]
            ) from None
        if not isinstance(upgraded, dict):
            raise TypeError(f"migration from version {version} returned {type(upgraded)}")
        data = upgraded
        version += 1
        data["schema_version"] = version
    return data


def case_from_data(data: object) -> Case:
    """Validate JSON-like ``data`` (a parsed file) into a Case, migrating old versions."""
    if not isinstance(data, dict):
        kind = _("a list") if isinstance(data, list) else _("a single value")
        raise CaseError(
            [_("the file must contain a JSON object {{...}}, not {kind}").format(kind=kind)]
        )
    if data.get("format") != FORMAT:
        message = (
            _("is required (is this a Cost of Inaction case file?)")
            if "format" not in data
            else _("must be {value} (is this a Cost of Inaction case file?)").format(
                value=repr(FORMAT)
            )
        )
        raise CaseError([_at("format", message)])
    data = migrate(dict(data))
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise case_error(exc, Case) from None
    except RecursionError:
        raise CaseError([_("the file is nested too deeply")]) from None


class _Duplicates(dict[str, Any]):
    """A JSON object in which some keys appeared more than once."""

    duplicates: list[str]


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    marked = _Duplicates(out)
    seen: set[str] = set()
    marked.duplicates = []
    for key, _value in pairs:
        if key in seen:
            marked.duplicates.append(key)
        seen.add(key)
    return marked


def _integer(text: str) -> int:
    if len(text) <= MAX_INT_DIGITS:
        return int(text)
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise CaseError(
            [
                ngettext(
                    "not valid JSON (a number has more than {count} digit)",
                    "not valid JSON (a number has more than {count} digits)",
                    MAX_INT_DIGITS,
                ).format(count=MAX_INT_DIGITS)
            ]
        )
    return int(text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _many(path: tuple[int | str, ...], count: int, limit: int) -> str:
    where = format_path(path) or _("the file")
    return _("{path}: has {count} entries; a case has at most {limit} in one place").format(
        path=where, count=count, limit=limit
    )


def _check_parsed(data: object) -> None:
    """Refuse repeated keys and text that cannot be written back as UTF-8 (lone \\ud800)."""
    stack: list[tuple[object, tuple[int | str, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            if len(node) > MAX_OBJECT_KEYS:
                raise CaseError([_many(path, len(node), MAX_OBJECT_KEYS)])
            if isinstance(node, _Duplicates):
                where = format_path([*path, node.duplicates[0]])
                raise CaseError([_("{path}: appears more than once").format(path=where)])
            for key, value in node.items():
                if _SURROGATE.search(key):
                    raise CaseError(
                        [
                            _("{path}: a field name contains an invalid \\u escape").format(
                                path=format_path(path) or _("the file")
                            )
                        ]
                    )
                stack.append((value, (*path, key)))
        elif isinstance(node, list):
            if len(node) > MAX_LIST_ITEMS:
                raise CaseError([_many(path, len(node), MAX_LIST_ITEMS)])
            stack.extend((item, (*path, index)) for index, item in enumerate(node))
        elif isinstance(node, str) and _SURROGATE.search(node):
            raise CaseError(
                [_("{path}: contains an invalid \\u escape").format(path=format_path(path))]
            )


def case_from_json(text: str | bytes) -> Case:
    """Parse and validate the text of a case file (bytes: UTF-8, a BOM is allowed)."""
    if len(text) > MAX_FILE_BYTES:
        raise CaseError([_too_large()])
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CaseError(
                [
                    _("not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8").format(
                        offset=exc.start
                    )
                ]
            ) from None
    if not text.strip():
        raise CaseError([_("the file is empty")])
    try:
        data = json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise CaseError(
            [
                _("not valid JSON (line {line}, column {column}: {reason})").format(
                    line=exc.lineno, column=exc.colno, reason=exc.msg
                )
            ]
        ) from None
    except RecursionError:
        raise CaseError([_("not valid JSON (nested too deeply)")]) from None
    _check_parsed(data)
    return case_from_data(data)


def load(path: str | os.PathLike[str]) -> Case:
    """Read a case file; every problem is a CaseError with a one-line message.

    Only a regular file is read (a FIFO or device is refused without blocking), and only if
    it has at most :data:`MAX_FILE_BYTES`.
    """
    file = Path(path)
    try:
        if file.is_dir():
            raise CaseError([_("{file}: is a folder, not a case file").format(file=file)])
        raw = read_capped(file, MAX_FILE_BYTES)
    except FileTooLarge:
        raise CaseError([_at(str(file), _too_large())]) from None
    except FileReadError as exc:
        message = {
            "missing": _("{file}: no such file"),
            "denied": _("{file}: permission denied"),
            "folder": _("{file}: is a folder, not a case file"),
            "special": _("{file}: not a regular file"),
        }.get(exc.kind)
        raise CaseError(
            [message.format(file=file) if message else f"{file}: {exc.reason}"]
        ) from None
    except (OSError, ValueError):  # is_dir on a name the system refuses
        raise CaseError([_("{file}: not a valid file name").format(file=file)]) from None
    try:
        return case_from_json(raw)
    except CaseError as exc:
        raise CaseError([f"{file}: {problem}" for problem in exc.problems], exc.total) from None


def case_to_data(case: Case) -> dict[str, Any]:
    """The JSON-ready dict of a case (decimals as strings, absent inputs left out)."""
    data: dict[str, Any] = case.model_dump(mode="json", exclude_none=True)
    return data


def case_to_json(case: Case) -> str:
    return json.dumps(case_to_data(case), indent=2, ensure_ascii=False) + "\n"


def atomic_write(path: str | os.PathLike[str], content: bytes) -> None:
    """Write ``content`` to ``path`` atomically; raise CaseError with a reason on failure.

    The content goes to a temporary file in the same folder, which is flushed, fsynced and
    then renamed over ``path``: a reader sees the old file or the new one, never a part.
    Whatever goes wrong, the old file stays as it was and the temporary file is removed.
    """
    shown = Path(path)
    # Saving through a symbolic link replaces the file it points to, not the link.
    target = Path(os.path.realpath(shown)) if os.path.islink(shown) else shown
    folder = target.parent if str(target.parent) else Path(".")

    def failed(reason: object) -> CaseError:
        return CaseError([_("{file}: cannot write ({reason})").format(file=shown, reason=reason)])

    try:
        if target.is_dir():
            raise CaseError([_("{file}: is a folder; give a file name").format(file=shown)])
        if target.exists() and not target.is_file():
            raise CaseError([_("{file}: is not a regular file").format(file=shown)])
    except OSError as exc:
        raise failed(exc.strerror or exc) from None
    except ValueError:  # e.g. a NUL character in the name
        raise CaseError([_("{file}: not a valid file name").format(file=shown)]) from None
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else None
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise CaseError(
            [_("{file}: the folder {folder} does not exist").format(file=target, folder=folder)]
        ) from None
    except PermissionError:
        raise CaseError([_("{file}: permission denied").format(file=target)]) from None
    except OSError as exc:
        raise failed(exc.strerror or exc) from None
    except ValueError:  # e.g. a NUL character in the name
        raise CaseError([_("{file}: not a valid file name").format(file=target)]) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise failed(exc.strerror or exc) from None
        raise
    if hasattr(os, "O_DIRECTORY"):
        try:
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)


def file_stamp(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(modification time in ns, size) of ``path``, None if it does not exist.

    The app keeps the stamp of the file it opened or saved; a different stamp at the next
    save means someone else (another window, a sync tool) changed the file meanwhile.
    """
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_mtime_ns, info.st_size


# The temporary files atomic_write makes: ".<name>.<random>.tmp" next to the target.
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")


def remove_stray_temps(folder: str | os.PathLike[str], older_than_s: float = 600.0) -> int:
    """Remove temporary files of :func:`atomic_write` left in ``folder`` by a killed process.

    Only our own pattern, only regular files, only those older than ``older_than_s`` (a save
    in progress elsewhere is never touched). Returns how many were removed.
    """
    removed = 0
    now = dt.datetime.now().timestamp()
    try:
        entries = list(os.scandir(folder))
    except (OSError, ValueError):
        return 0
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > older_than_s:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def save(case: Case, path: str | os.PathLike[str]) -> None:
    """Save ``case`` to ``path`` atomically."""
    atomic_write(path, case_to_json(case).encode("utf-8"))


_DATE_KEYS = re.compile(r"(^|_)(date|deadline)$")


def shift_dates(case: Case, months: int) -> Case:
    """The case with every date moved ``months`` later (EDATE), e.g. to refresh a template."""
    if months == 0:
        return case

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if isinstance(value, str) and _DATE_KEYS.search(key):
                    try:
                        out[key] = edate(dt.date.fromisoformat(value), months).isoformat()
                    except (ValueError, OverflowError):
                        message = ngettext(
                            "moving {date} by {months} month leaves the calendar",
                            "moving {date} by {months} months leaves the calendar",
                            abs(months),
                        ).format(date=value, months=months)
                        raise CaseError([_at(key, message)]) from None
                else:
                    out[key] = walk(value)
            return out
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return case_from_data(walk(case_to_data(case)))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier``'s month to ``later``'s month."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month
