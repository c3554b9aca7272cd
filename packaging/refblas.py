"""Build ``refblas.c`` in place of numpy's OpenBLAS for the Linux bundle (see that file).

:func:`build_reference_blas` compiles the library under the same file name and soname as the
OpenBLAS it replaces, then checks that it defines every symbol the bundled numpy modules
import from OpenBLAS; a numpy release that starts calling a new routine fails the build with
the routine's name instead of failing on a rep's laptop.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import elf

SOURCE = Path(__file__).resolve().parent / "refblas.c"


class ReferenceBlasError(RuntimeError):
    pass


def compiler() -> str | None:
    return os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")


def compile_library(soname: str, output: Path, cc: str) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    command = [
        cc,
        "-O2",
        "-shared",
        "-fPIC",
        "-fvisibility=hidden",
        "-std=gnu11",
        f"-Wl,-soname,{soname}",
        "-o",
        str(output),
        str(SOURCE),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ReferenceBlasError(f"compiling {SOURCE.name} failed: {result.stderr.strip()}")


def missing_symbols(library: Path, replaced: Path, consumers: Iterable[Path]) -> set[str]:
    """Symbols the consumers import from ``replaced`` that ``library`` does not define."""
    offered = elf.read(replaced).defined()
    wanted: set[str] = set()
    for consumer in consumers:
        binary = elf.read(consumer)
        if replaced.name in binary.needed():
            wanted |= binary.undefined() & offered
    return wanted - elf.read(library).defined()


def build_reference_blas(
    openblas: Path, consumers: Iterable[Path], output_dir: Path
) -> Path | None:
    """A reference BLAS named like ``openblas``; None without a C compiler."""
    cc = compiler()
    if cc is None:
        return None
    soname = elf.read(openblas).soname() or openblas.name
    output = output_dir / openblas.name
    compile_library(soname, output, cc)
    missing = missing_symbols(output, openblas, consumers)
    if missing:
        raise ReferenceBlasError(
            "numpy needs BLAS/LAPACK routines refblas.c does not provide: "
            + ", ".join(sorted(missing))
        )
    return output
