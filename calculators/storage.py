"""Reading and writing ``.coi`` case files.

* UTF-8 JSON in a versioned envelope (``format``, ``schema_version``); money and rates are
  decimal strings, never JSON numbers.
* Files larger than :data:`MAX_FILE_BYTES` are refused before parsing.
* A file from a newer version of the app is refused with a clear message; older versions
  are upgraded by the ``migrate_vN_to_vN+1`` functions in :data:`MIGRATIONS`.
* Saving is atomic: a temporary file in the same folder, flushed and fsynced, then
  ``os.replace``; a failed save leaves the old file untouched and no stray temp file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from calculators.calendar import edate
from calculators.errors import CaseError, case_error
from calculators.model import FORMAT, SCHEMA_VERSION, Case

MAX_FILE_BYTES = 10 * 1024 * 1024
SUFFIX = ".coi"

# schema_version N -> function turning a version-N dict into a version-(N+1) dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Upgrade ``data`` to the current schema version, or raise CaseError."""
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise CaseError(["schema_version: must be a whole number (this app writes 1)"])
    if version > SCHEMA_VERSION:
        raise CaseError(
            [
                f"schema_version: this file was written by a newer version of Cost of "
                f"Inaction (format version {version}; this app reads up to "
                f"{SCHEMA_VERSION}); please update the app"
            ]
        )
    if version < 1:
        raise CaseError([f"schema_version: {version} is not a valid version"])
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise CaseError([f"schema_version: no upgrade from version {version}"])
        data = step(data)
        version += 1
        data["schema_version"] = version
    return data


def case_from_data(data: object) -> Case:
    """Validate JSON-like ``data`` (a parsed file) into a Case, migrating old versions."""
    if not isinstance(data, dict):
        raise CaseError(["the file must contain a JSON object"])
    if data.get("format") != FORMAT:
        raise CaseError([f"format: must be {FORMAT!r} (is this a Cost of Inaction case file?)"])
    data = migrate(dict(data))
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise case_error(exc) from None
    except RecursionError:
        raise CaseError(["the file is nested too deeply"]) from None


def case_from_json(text: str | bytes) -> Case:
    """Parse and validate the text of a case file."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise CaseError([f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"])
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CaseError([f"not UTF-8 text (byte {exc.start})"]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseError(
            [f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"]
        ) from None
    except RecursionError:
        raise CaseError(["not valid JSON (nested too deeply)"]) from None
    return case_from_data(data)


def load(path: str | os.PathLike[str]) -> Case:
    """Read a case file; every problem is a CaseError with a one-line message."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise CaseError([f"{file}: not a file"])
        if size > MAX_FILE_BYTES:
            raise CaseError(
                [f"{file}: the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"]
            )
        raw = file.read_bytes()
    except FileNotFoundError:
        raise CaseError([f"{file}: no such file"]) from None
    except PermissionError:
        raise CaseError([f"{file}: permission denied"]) from None
    except OSError as exc:
        raise CaseError([f"{file}: cannot read ({exc.strerror or exc})"]) from None
    try:
        return case_from_json(raw)
    except CaseError as exc:
        raise CaseError([f"{file}: {problem}" for problem in exc.problems]) from None


def case_to_data(case: Case) -> dict[str, Any]:
    """The JSON-ready dict of a case (decimals as strings, absent inputs left out)."""
    data: dict[str, Any] = case.model_dump(mode="json", exclude_none=True)
    return data


def case_to_json(case: Case) -> str:
    return json.dumps(case_to_data(case), indent=2, ensure_ascii=False) + "\n"


def atomic_write(path: str | os.PathLike[str], content: bytes) -> None:
    """Write ``content`` to ``path`` atomically; raise CaseError with a reason on failure."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else None
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise CaseError([f"{target}: the folder {folder} does not exist"]) from None
    except PermissionError:
        raise CaseError([f"{target}: permission denied"]) from None
    except OSError as exc:
        raise CaseError([f"{target}: cannot write ({exc.strerror or exc})"]) from None
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
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise CaseError([f"{target}: cannot write ({exc.strerror or exc})"]) from None
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
                    out[key] = edate(dt.date.fromisoformat(value), months).isoformat()
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
