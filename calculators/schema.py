"""JSON Schema of the case file format, derived from the model and the driver declarations."""

from __future__ import annotations

from typing import Any

from calculators import __version__
from calculators.model import Case


def case_schema() -> dict[str, Any]:
    schema = Case.model_json_schema(mode="validation")
    # The loader requires the envelope even though the model has defaults for it.
    schema["required"] = ["format", "schema_version", *schema.get("required", [])]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://cost-of-inaction.invalid/schema/case-v1-{__version__}.json",
        "title": "Cost of Inaction case file (format version 1)",
        **{k: v for k, v in schema.items() if k != "title"},
    }
