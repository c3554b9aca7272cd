"""The PySide6 desktop app. It only shows and edits; every number comes from calculators/.

Importing the package first keeps ``None`` alive for the life of the process: PySide6 6.12.0
returns ``None`` from every void method without taking a reference (``QLabel.setText``,
``QTreeWidgetItem.setData``, ... each lower ``None``'s reference count by one; measured in
tests/desktop/test_none_refcount.py). On CPython 3.12 and later ``None`` is immortal and nothing
happens; on 3.11, which the installers use, a long editing session reaches zero and the app
dies with "deallocating None". Until PySide6 is fixed, ``None`` gets the very large reference
count CPython 3.12 gives immortal objects, so no number of calls can bring it down to zero.
"""

from __future__ import annotations

import sys


def _keep_none_alive() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the object's first field
    if count.value < 1 << 40:
        count.value += 1 << 40


_keep_none_alive()
