"""A smaller ICU data library for the Linux bundle.

The PySide6 wheel for Linux ships ICU with all of its data linked into ``libicudata.so.73``
(about 31 MB, the largest file of the bundle). Qt 6 calls ICU (see the undefined ``*_73``
symbols of libQt6Core; Gui, Widgets, Pdf and Network call none) for collation (ucol_*:
sorting names the way a German or Japanese reader expects), case mapping (u_strToUpper /
u_strToLower), time-zone ids and names (ucal_*) and legacy text codecs (ucnv_*); it formats
numbers and dates with its own CLDR tables, and the app formats everything a person reads
with babel. So most of ICU's data - display names of every
language, unit and currency in 200 locales, 200 legacy code pages, transliterators,
dictionaries for Thai and Khmer word breaking - is never read by this app.

This module reads the ICU "common data" package out of the library, keeps the items Qt can
reach in this app (see :func:`icu_item_kept`), writes a new package and links it into a new
``libicudata.so.73`` that exports the same symbol. If an item is missing at run time, ICU
reports a missing resource and Qt falls back (root collation, no codec), it does not crash.

Needs a C compiler (``cc``) to link; :func:`slim_icu_library` returns None without one and
the build keeps the original library.

ICU common-data layout (ucmndata.h): a data header (``headerSize`` u16, magic 0xda 0x27,
UDataInfo with data format "CmnD"), then the table of contents: u32 count, then count pairs
(u32 name offset, u32 data offset), offsets counted from the start of the table; names are
NUL-terminated ASCII ("icudt73l/coll/de.res"), sorted; each item is itself an ICU data file
starting on a 16-byte boundary; an item's size is the distance to the next item.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import elf

ICU_MAGIC = b"\xda\x27"
ALIGN = 16
PAD = b"\xaa"  # the filler ICU's own package tool writes between parts

# Locale data of these languages (plus root) is kept; collation for them matters most.
DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "ja")

# Subtrees with per-locale data Qt reads (collation): root, pool and the kept languages stay.
_LOCALE_TREES = frozenset({"coll"})
# Subtrees dropped whole: break-iterator rules and dictionaries (Qt does its own text
# boundaries and never calls ubrk_*), display names of languages, regions, currencies, units
# and time zones (Qt has its own CLDR tables; only QTimeZone::displayName would ask ICU, and
# the app shows no time-zone names), spelled-out numbers, transliteration.
_DROPPED_TREES = frozenset({"brkitr", "zone", "unit", "curr", "lang", "region", "rbnf", "translit"})
# Top-level items nothing in Qt reads: Unicode character names, spoof detection, IDNA and
# NFKC tables (Qt does IDNA itself; collation needs only NFC, which is built into libicuuc),
# and the language-matching data of LocaleMatcher.
_DROPPED_ITEMS = frozenset(
    {"unames.icu", "confusables.cfu", "uts46.nrm", "nfkc.nrm", "nfkc_cf.nrm", "langInfo.res"}
)
_LOCALE_ID = re.compile(r"^(?P<lang>[a-z]{2,3})(_[A-Za-z0-9]+)*$")
_ALWAYS = frozenset({"root", "pool", "res_index"})


class IcuDataError(ValueError):
    pass


@dataclass(frozen=True)
class CommonData:
    header: bytes  # the package's own data header, kept as is
    items: tuple[tuple[str, bytes], ...]  # (name, bytes) in table-of-contents order

    @property
    def size(self) -> int:
        return len(pack(self))


def unpack(blob: bytes) -> CommonData:
    """Split an ICU common-data package into its header and named items."""
    if len(blob) < 32 or blob[2:4] != ICU_MAGIC:
        raise IcuDataError("not ICU data (magic bytes missing)")
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[12:16] != b"CmnD":
        raise IcuDataError(f"not an ICU common-data package (format {blob[12:16]!r})")
    if blob[8] != 0:
        raise IcuDataError("big-endian ICU data is not supported")
    toc = blob[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * index) for index in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        name = toc[name_offset : toc.index(b"\0", name_offset)].decode("ascii")
        end = entries[index + 1][1] if index + 1 < count else len(toc)
        items.append((name, bytes(toc[data_offset:end])))
    return CommonData(bytes(blob[:header_size]), tuple(items))


def _pad(data: bytearray) -> None:
    data.extend(PAD * (-len(data) % ALIGN))


def pack(package: CommonData) -> bytes:
    """The bytes of a common-data package with ``package``'s items (names sorted)."""
    items = sorted(package.items)
    names = bytearray()
    name_offsets = []
    table_size = 4 + 8 * len(items)
    for name, _data in items:
        name_offsets.append(table_size + len(names))
        names.extend(name.encode("ascii") + b"\0")
    body = bytearray(struct.pack("<I", len(items)))
    data_start = table_size + len(names)
    data_start += -(len(package.header) + data_start) % ALIGN
    offset = data_start
    payload = bytearray()
    for (_name, data), name_offset in zip(items, name_offsets, strict=True):
        body.extend(struct.pack("<II", name_offset, offset))
        payload.extend(data)
        _pad(payload)
        offset = data_start + len(payload)
    body.extend(names)
    body.extend(PAD * (data_start - len(body)))
    return package.header + bytes(body) + bytes(payload)


def icu_item_kept(name: str, languages: Sequence[str] = DEFAULT_LANGUAGES) -> bool:
    """Whether the item ``icudt73l/<path>`` is kept in the slim package."""
    parts = name.split("/")[1:]
    if not parts:
        return False
    filename = parts[-1]
    stem, _, extension = filename.rpartition(".")
    if len(parts) == 1:
        if (
            extension == "cnv" or filename in _DROPPED_ITEMS
        ):  # legacy code pages; UTF-8/16/32 and Latin-1 need no data
            return False
        if extension == "res" and stem not in _ALWAYS:
            match = _LOCALE_ID.match(stem)
            if match and stem not in {"supplementalData", "likelySubtags"}:
                return match["lang"] in languages
        return True
    tree = parts[0]
    if tree in _DROPPED_TREES:
        return False
    if tree in _LOCALE_TREES:
        if extension != "res" or stem in _ALWAYS:
            return True
        match = _LOCALE_ID.match(stem)
        return match is None or match["lang"] in languages
    return True


def slim(package: CommonData, languages: Sequence[str] = DEFAULT_LANGUAGES) -> CommonData:
    kept = tuple(item for item in package.items if icu_item_kept(item[0], languages))
    return CommonData(package.header, kept)


# --- the shared library --------------------------------------------------------------------


def data_symbol(library: Path) -> str:
    """``icudt73_dat`` for ``libicudata.so.73``."""
    match = re.match(r"libicudata\.so\.(\d+)", library.name)
    if not match:
        raise IcuDataError(f"not an ICU data library name: {library.name}")
    return f"icudt{match[1]}_dat"


def read_package(library: Path) -> CommonData:
    return unpack(elf.read(library).symbol_bytes(data_symbol(library)))


def link_library(blob: bytes, symbol: str, output: Path, compiler: str = "cc") -> None:
    """Write a shared library that exports ``symbol`` pointing at ``blob`` (read-only)."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "data.bin").write_bytes(blob)
        (folder / "data.S").write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            "\t.balign 16\n"
            f"{symbol}:\n"
            '\t.incbin "data.bin"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(
            [
                compiler,
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{output.name}",
                "-o",
                str(output.resolve()),
                "data.S",
            ],
            cwd=folder,
            check=True,
            capture_output=True,
        )


def slim_icu_library(
    library: Path, output_dir: Path, languages: Iterable[str] = DEFAULT_LANGUAGES
) -> Path | None:
    """Write a slim copy of ``library`` into ``output_dir``; None without a C compiler."""
    compiler = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not compiler:
        return None
    package = slim(read_package(library), tuple(languages))
    output_dir.mkdir(parents=True, exist_ok=True)
    output = output_dir / library.name
    link_library(pack(package), data_symbol(library), output, compiler)
    check = read_package(output)
    if [name for name, _ in check.items] != sorted(name for name, _ in package.items):
        raise IcuDataError(f"{output}: the rebuilt ICU data does not read back")
    return output
