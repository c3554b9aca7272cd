"""Situation templates (``resources/templates/*.coi``) and bundled examples."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from calculators.errors import CaseError
from calculators.resources import resource_path


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    path: Path


def _describe(path: Path) -> str:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return str(data.get("title") or "")
    except (OSError, ValueError):
        return ""


def _listing(folder: str) -> list[Template]:
    base = resource_path(folder)
    return [Template(path.stem, _describe(path), path) for path in sorted(base.glob("*.coi"))]


def list_templates() -> list[Template]:
    return _listing("templates")


def list_examples() -> list[Template]:
    return _listing("examples")


def find_template(name: str) -> Template:
    for template in list_templates():
        if template.name == name:
            return template
    known = ", ".join(t.name for t in list_templates())
    raise CaseError([f"--template: unknown template {name!r} (known: {known})"])
