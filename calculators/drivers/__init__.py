"""The driver registry: every module in this package that defines ``DRIVER`` is a driver type.

Adding a calculator means adding one module here (plus its test); the case model, the
validation messages, the JSON Schema, the engine and the CLI pick it up from the registry.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from calculators.drivers.base import DriverType

# Listed for bundlers that cannot walk packages (PyInstaller collects them as hidden
# imports); discovery below still finds any module added without updating this tuple.
KNOWN_MODULES = (
    "labor",
    "recurring_cost",
    "risk",
    "downtime",
    "errors",
    "revenue_leakage",
    "churn",
    "one_time",
    "price_increase",
    "delayed_benefit",
    "custom",
)


@lru_cache(maxsize=1)
def registry() -> dict[str, DriverType]:
    """All driver types by key, in a stable order (declaration order, then alphabetical)."""
    names = list(KNOWN_MODULES)
    for info in pkgutil.iter_modules(__path__):
        if info.name not in names and info.name != "base" and not info.name.startswith("_"):
            names.append(info.name)
    found: dict[str, DriverType] = {}
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        driver = getattr(module, "DRIVER", None)
        if isinstance(driver, DriverType):
            if driver.key in found:
                raise RuntimeError(f"driver key {driver.key!r} declared twice")
            found[driver.key] = driver
    return found


def driver_type(key: str) -> DriverType:
    return registry()[key]


def driver_keys() -> tuple[str, ...]:
    return tuple(registry())
