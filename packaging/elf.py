"""Just enough of ELF (64-bit, little-endian) to reason about the Linux bundle's libraries.

Reads the section table, the dynamic symbol table and the dynamic section: which symbols a
library defines and needs, which libraries it links against (DT_NEEDED) and its soname. The
build uses it to find ICU's data blob, to check that the reference BLAS exports everything
numpy imports from OpenBLAS, and to drop libraries nothing in the bundle links to any more.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

SHT_DYNSYM = 11
SHT_DYNAMIC = 6
SHT_NOBITS = 8
DT_NEEDED = 1
DT_SONAME = 14


class ElfError(ValueError):
    pass


@dataclass(frozen=True)
class Section:
    kind: int
    address: int
    offset: int
    size: int
    link: int


@dataclass(frozen=True)
class Symbol:
    name: str
    value: int
    size: int
    defined: bool


@dataclass(frozen=True)
class Elf:
    data: bytes
    sections: tuple[Section, ...]

    def _string(self, table: Section, offset: int) -> str:
        start = table.offset + offset
        return self.data[start : self.data.index(b"\0", start)].decode("utf-8", "replace")

    def symbols(self) -> list[Symbol]:
        found = []
        for section in self.sections:
            if section.kind != SHT_DYNSYM:
                continue
            strings = self.sections[section.link]
            for index in range(1, section.size // 24):
                name, _info, _other, shndx, value, size = struct.unpack_from(
                    "<IBBHQQ", self.data, section.offset + index * 24
                )
                found.append(Symbol(self._string(strings, name), value, size, shndx != 0))
        return found

    def defined(self) -> set[str]:
        return {symbol.name for symbol in self.symbols() if symbol.defined}

    def undefined(self) -> set[str]:
        return {symbol.name for symbol in self.symbols() if not symbol.defined}

    def _dynamic(self, tag: int) -> list[str]:
        values = []
        for section in self.sections:
            if section.kind != SHT_DYNAMIC:
                continue
            strings = self.sections[section.link]
            for index in range(section.size // 16):
                d_tag, d_val = struct.unpack_from("<qQ", self.data, section.offset + index * 16)
                if d_tag == 0:
                    break
                if d_tag == tag:
                    values.append(self._string(strings, d_val))
        return values

    def needed(self) -> list[str]:
        """The libraries this file links against (DT_NEEDED), in order."""
        return self._dynamic(DT_NEEDED)

    def soname(self) -> str | None:
        names = self._dynamic(DT_SONAME)
        return names[0] if names else None

    def symbol_bytes(self, name: str) -> bytes:
        """The bytes a defined data symbol points at (e.g. ICU's ``icudt73_dat``)."""
        for symbol in self.symbols():
            if symbol.name != name or not symbol.defined:
                continue
            for section in self.sections:
                end = section.address + section.size
                if section.kind != SHT_NOBITS and section.address <= symbol.value < end:
                    start = section.offset + symbol.value - section.address
                    return self.data[start : start + symbol.size]
            raise ElfError(f"symbol {name} points outside the file's sections")
        raise ElfError(f"symbol {name} not found")


def parse(data: bytes) -> Elf:
    if data[:4] != b"\x7fELF":
        raise ElfError("not an ELF file")
    if data[4] != 2 or data[5] != 1:
        raise ElfError("not a 64-bit little-endian ELF file")
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for index in range(shnum):
        base = shoff + index * shentsize
        _name, kind, _flags, address, offset, size, link = struct.unpack_from(
            "<IIQQQQI", data, base
        )
        sections.append(Section(kind, address, offset, size, link))
    return Elf(data, tuple(sections))


def read(path: Path) -> Elf:
    return parse(path.read_bytes())


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


PT_LOAD = 1
PAGE = 0x1000
MIN_GAP = 64 * 1024


def compact(data: bytes) -> bytes | None:
    """``data`` without the zero-filled gap some patched libraries carry; None if none.

    auditwheel's patchelf, when a library's dynamic strings grow, appends a new LOAD segment
    aligned to 2 MiB in the file, leaving up to 2 MiB of zeros (and its stale old section
    table) before it: pillow's vendored libXau is 2.1 MB for 15 KB of code. The segment's file
    offset only has to agree with its address modulo the page size, so it can move down to
    the first page after everything a header still points at; its address, and so everything
    the loader and the relocations see, stays the same. Only a last LOAD segment (with all
    that follows it in the file) is moved; anything else returns None.
    """
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", data, 0x36)
    headers = [
        list(struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize)) for i in range(phnum)
    ]
    loads = sorted((h for h in headers if h[0] == PT_LOAD), key=lambda h: h[2])
    if len(loads) < 2:
        return None
    last = loads[-1]
    _type, _flags, offset, vaddr, _paddr, _filesz, _memsz, align = last
    end_before = max(h[2] + h[5] for h in loads[:-1])
    for index in range(shnum):  # sections kept in the file before the segment (notes, names)
        kind, _f, _a, section_offset, size = struct.unpack_from(
            "<IQQQQ", data, shoff + index * shentsize + 4
        )
        if kind != SHT_NOBITS and section_offset < offset:
            end_before = max(end_before, section_offset + size)
    if shoff < offset:
        end_before = max(end_before, shoff + shnum * shentsize)
    if phoff + phnum * phentsize > end_before:
        return None
    target = -(-end_before // PAGE) * PAGE + vaddr % PAGE
    delta = offset - target
    if delta < MIN_GAP or any(h[2] >= offset for h in loads[:-1]):
        return None
    out = bytearray(data[:target] + data[offset:])
    for index, header in enumerate(headers):
        if header[2] >= offset:
            header[2] -= delta
        if header is last and align > PAGE:
            header[7] = PAGE
        struct.pack_into("<IIQQQQQQ", out, phoff + index * phentsize, *header)
    if shoff >= offset:
        shoff -= delta
        struct.pack_into("<Q", out, 0x28, shoff)
    for index in range(shnum):
        base = shoff + index * shentsize
        (section_offset,) = struct.unpack_from("<Q", out, base + 0x18)
        kind = struct.unpack_from("<I", out, base + 4)[0]
        if section_offset >= offset and kind != SHT_NOBITS:
            struct.pack_into("<Q", out, base + 0x18, section_offset - delta)
    return bytes(out)
