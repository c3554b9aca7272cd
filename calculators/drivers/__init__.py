"""The driver registry: every module in this package that defines ``DRIVER`` is a driver type.

Adding a calculator means adding one module here (plus its test); the case model, the
validation messages, the JSON Schema, the engine and the CLI pick it up from the registry.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from calculators.drivers.base import DriverType


@lru_cache(maxsize=1)
def registry() -> dict[str, DriverType]:
    """All driver types by key, in their declared ``order`` (then by key).

    Discovery walks this package, so adding a calculator is adding a module; PyInstaller
    bundles every module of ``calculators`` (``collect_submodules`` in the spec), and the
    bundle's self-test checks that all of them are found.
    """
    found: dict[str, DriverType] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        driver = getattr(module, "DRIVER", None)
        if isinstance(driver, DriverType):
            if driver.key in found:
                raise RuntimeError(f"driver key {driver.key!r} declared twice")
            found[driver.key] = driver
    return dict(sorted(found.items(), key=lambda item: (item[1].order, item[0])))


def driver_type(key: str) -> DriverType:
    return registry()[key]


def driver_keys() -> tuple[str, ...]:
    return tuple(registry())
