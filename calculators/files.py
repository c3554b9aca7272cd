"""Reading files that come from outside: only regular files, never more than a cap.

Case files, ``team.toml``, logos, autosaves and their sidecars all go through
:func:`read_capped`: the file is opened without blocking (a FIFO in place of a case file must
not hang the app), checked to be a regular file (not ``/dev/zero``, a FIFO or a folder) and
to be no larger than the cap, and only then read, at most ``limit + 1`` bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from calculators.i18n import _


class FileReadError(OSError):
    """A file that cannot be read; ``reason`` is a short translated phrase (no file name)."""

    def __init__(self, reason: str, kind: str = "other") -> None:
        super().__init__(reason)
        self.reason = reason
        # "missing", "denied", "folder", "special" (FIFO, device ...), "too_large" or "other"
        self.kind = kind


class FileTooLarge(FileReadError):
    """A regular file above the cap; ``size`` is its size in bytes."""

    def __init__(self, reason: str, size: int) -> None:
        super().__init__(reason, "too_large")
        self.size = size


def _size_text(limit: int) -> str:
    if limit >= 1024 * 1024:
        return _("{size} MiB").format(size=limit // (1024 * 1024))
    return _("{size} KiB").format(size=max(limit // 1024, 1))


def regular_file_problem(mode: int) -> str | None:
    """Why a file with ``st_mode`` ``mode`` is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("is a folder, not a file")
    return _("not a regular file")


def read_capped(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path`` if it has at most ``limit`` bytes.

    Raises :class:`FileTooLarge` (a regular file above ``limit``) or :class:`FileReadError`
    (missing, a folder, a FIFO or device, no permission, a bad name ...), each with a reason.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(os.fspath(path), flags)
    except FileNotFoundError:
        raise FileReadError(_("no such file"), "missing") from None
    except IsADirectoryError:
        raise FileReadError(_("is a folder, not a file"), "folder") from None
    except PermissionError:
        if Path(path).is_dir():
            raise FileReadError(_("is a folder, not a file"), "folder") from None
        raise FileReadError(_("permission denied"), "denied") from None
    except OSError as exc:
        raise FileReadError(
            _("cannot read ({reason})").format(reason=exc.strerror or exc)
        ) from None
    except ValueError:  # a NUL character in the name
        raise FileReadError(_("not a valid file name")) from None
    try:
        info = os.fstat(fd)
        problem = regular_file_problem(info.st_mode)
        if problem:
            raise FileReadError(problem, "folder" if stat.S_ISDIR(info.st_mode) else "special")
        if info.st_size > limit:
            raise FileTooLarge(_("larger than {size}").format(size=_size_text(limit)), info.st_size)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except FileReadError:
        raise
    except OSError as exc:
        raise FileReadError(
            _("cannot read ({reason})").format(reason=exc.strerror or exc)
        ) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while being read
        raise FileTooLarge(_("larger than {size}").format(size=_size_text(limit)), len(data))
    return data


def inside(folder: Path, path: Path) -> bool:
    """True if ``path``, with every symbolic link followed, lies within ``folder``."""
    try:
        resolved = path.resolve(strict=True)
        base = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return resolved == base or base in resolved.parents
