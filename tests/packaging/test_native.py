"""The Linux bundle's native-library work: slim ICU data, the reference BLAS standing in for
OpenBLAS, and compacting patched libraries. Each is checked against the real libraries of
the virtualenv; the parts that link code need a C compiler (as the build does)."""

from __future__ import annotations

import ctypes
import subprocess
import sys
import textwrap
from pathlib import Path

import elf
import icu_slim
import numpy as np
import pytest
import refblas

SITE = Path(np.__file__).resolve().parent.parent
ICU = SITE / "PySide6" / "Qt" / "lib" / "libicudata.so.73"
OPENBLAS = next(iter(sorted((SITE / "numpy.libs").glob("libscipy_openblas*.so"))), None)
XAU = next(iter(sorted((SITE / "pillow.libs").glob("libXau-*.so*"))), None)
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle only")
needs_cc = pytest.mark.skipif(refblas.compiler() is None, reason="no C compiler")


# --- ICU ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def icu_package() -> icu_slim.CommonData:
    if not ICU.exists():
        pytest.skip("no ICU data library in this PySide6")
    return icu_slim.read_package(ICU)


@linux
def test_icu_package_round_trips_byte_for_byte(icu_package: icu_slim.CommonData) -> None:
    original = elf.read(ICU).symbol_bytes("icudt73_dat")
    assert icu_slim.pack(icu_package) == original
    assert len(icu_package.items) > 3000


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/coll/root.res", True),
        ("icudt73l/coll/de.res", True),
        ("icudt73l/coll/ja.res", True),
        ("icudt73l/coll/zh.res", False),
        ("icudt73l/cnvalias.icu", True),  # resolves "UTF-8" and friends
        ("icudt73l/ibm-943_P15A-2003.cnv", False),
        ("icudt73l/de_CH.res", True),
        ("icudt73l/sw.res", False),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/translit/root.res", False),
        ("icudt73l/lang/de.res", False),
        ("icudt73l/unames.icu", False),
    ],
)
def test_icu_items_kept(name: str, kept: bool) -> None:
    assert icu_slim.icu_item_kept(name) is kept


@linux
@needs_cc
def test_slim_icu_library_reads_back_and_sorts_german(
    icu_package: icu_slim.CommonData, tmp_path: Path
) -> None:
    slim = icu_slim.slim_icu_library(ICU, tmp_path)
    assert slim is not None
    assert slim.stat().st_size < ICU.stat().st_size / 5
    names = [name for name, _ in icu_slim.read_package(slim).items]
    assert "icudt73l/coll/de.res" in names and "icudt73l/brkitr/cjdict.dict" not in names
    # Qt with the slim data (preloaded under the same soname) still collates German.
    script = textwrap.dedent(
        """
        from PySide6.QtCore import QCollator, QLocale
        words = ["Zebra", "Öl", "Apfel", "Ähre"]
        print(sorted(words, key=QCollator(QLocale("de_DE")).sortKey))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env={"LD_PRELOAD": str(slim), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "['Ähre', 'Apfel', 'Öl', 'Zebra']"


def test_unpack_refuses_other_data() -> None:
    with pytest.raises(icu_slim.IcuDataError):
        icu_slim.unpack(b"\x00" * 64)


# --- reference BLAS ---------------------------------------------------------------------------

BLAS_CHECK = textwrap.dedent(
    """
    import sys
    import numpy as np
    rng = np.random.default_rng(7)
    out = {}
    for dt in (np.float32, np.float64, np.complex64, np.complex128):
        def r(*shape):
            a = rng.standard_normal(shape)
            if np.dtype(dt).kind == "c":
                a = a + 1j * rng.standard_normal(shape)
            return a.astype(dt)
        A, B = r(7, 5), r(5, 4)
        k = np.dtype(dt).name
        out[k + "mm"] = A @ B
        out[k + "mmF"] = np.asfortranarray(A) @ B
        out[k + "mmT"] = A.T @ r(7, 3)
        out[k + "mv"] = A @ r(5)
        out[k + "vm"] = r(7) @ A
        out[k + "strided"] = A[::2, ::2] @ B[::2, :]
        out[k + "dot"] = np.dot(r(18)[::2], r(27)[::3])
        out[k + "vdot"] = np.vdot(r(6), r(6))
        out[k + "syrk"] = A @ A.T
        out[k + "syrkT"] = A.T @ A
        out[k + "big"] = r(40, 33) @ r(33, 50)
        out[k + "tensordot"] = np.tensordot(r(3, 4, 5), r(4, 5, 2), axes=2)
    np.savez(sys.argv[1], **out)
    """
)


@linux
@needs_cc
def test_reference_blas_gives_openblas_results(tmp_path: Path) -> None:
    if OPENBLAS is None:
        pytest.skip("numpy without scipy-openblas")
    consumers = list((SITE / "numpy").rglob("*.so"))
    library = refblas.build_reference_blas(OPENBLAS, consumers, tmp_path / "blas")
    assert library is not None and library.name == OPENBLAS.name
    assert library.stat().st_size < 200_000
    assert elf.read(library).soname() == elf.read(OPENBLAS).soname()
    script = tmp_path / "check.py"
    script.write_text(BLAS_CHECK, encoding="utf-8")
    subprocess.run([sys.executable, str(script), str(tmp_path / "real.npz")], check=True)
    env = {"LD_PRELOAD": str(library), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, str(script), str(tmp_path / "ref.npz")], env=env, check=True)
    real, ours = np.load(tmp_path / "real.npz"), np.load(tmp_path / "ref.npz")
    assert sorted(real) == sorted(ours)
    for key in real:
        single = real[key].dtype in (np.float32, np.complex64)
        np.testing.assert_allclose(
            ours[key], real[key], rtol=2e-4 if single else 1e-10, err_msg=key
        )


@linux
@needs_cc
def test_reference_blas_refuses_linalg_with_an_error_not_a_crash(tmp_path: Path) -> None:
    if OPENBLAS is None:
        pytest.skip("numpy without scipy-openblas")
    library = refblas.build_reference_blas(OPENBLAS, [], tmp_path)
    assert library is not None
    script = (
        "import numpy as np\n"
        "try:\n    np.linalg.inv(np.eye(3))\nexcept np.linalg.LinAlgError:\n    print('refused')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"LD_PRELOAD": str(library), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "refused"
    assert "numpy.linalg is not included in this bundle (dgesv called)" in result.stderr


@linux
def test_missing_routines_fail_the_build(tmp_path: Path) -> None:
    if OPENBLAS is None:
        pytest.skip("numpy without scipy-openblas")
    consumer = next((SITE / "numpy" / "_core").glob("_multiarray_umath*.so"))
    assert refblas.missing_symbols(OPENBLAS, OPENBLAS, [consumer]) == set()
    if not ICU.exists():
        pytest.skip("no unrelated library to compare with")
    # A library that defines none of them: every routine numpy imports is reported missing.
    missing = refblas.missing_symbols(ICU, OPENBLAS, [consumer])
    assert {"scipy_cblas_dgemm64_", "scipy_cblas_ddot64_"} <= missing
    assert len(missing) == 22


# --- compacting patched libraries --------------------------------------------------------------


@linux
def test_compact_removes_patchelf_padding_and_the_library_still_loads(tmp_path: Path) -> None:
    if XAU is None:
        pytest.skip("pillow without a vendored libXau")
    data = XAU.read_bytes()
    compacted = elf.compact(data)
    assert compacted is not None and len(compacted) < len(data) / 10
    target = tmp_path / XAU.name
    target.write_bytes(compacted)
    assert elf.read(target).defined() == elf.read(XAU).defined()
    library = ctypes.CDLL(str(target))
    library.XauFileName.restype = ctypes.c_char_p
    assert library.XauFileName() is not None


@linux
def test_compact_leaves_ordinary_libraries_alone() -> None:
    consumer = next((SITE / "numpy" / "_core").glob("_multiarray_umath*.so"))
    assert elf.compact(consumer.read_bytes()) is None
    assert elf.compact(b"not an elf file") is None
