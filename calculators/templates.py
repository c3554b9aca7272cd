"""Situation templates (``resources/templates/*.coi``) and bundled examples.

Kept light (no case model): the desktop start page lists the templates before anything
else is loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from calculators.i18n import N_, _
from calculators.resources import resource_path

# The titles of the bundled templates and examples, marked for translation. The files hold
# the English source; :func:`shown_title` translates these and leaves any other title (a
# team's own template) as written. A template title reads "Name: what it is about".
BUNDLED_TITLES = frozenset(
    (
        # Translators: keep the form "Name: what it is about" (the start page splits there).
        N_("Blank case: one driver of each basic kind to fill in"),
        N_("Compliance deadline: the cost of not being ready in time"),
        N_("Contract renewal with a price rise: the cost of renewing as is"),
        N_("Customer churn: the cost of losing customers month after month"),
        N_("Legacy system reaching end of support: the cost of staying on it"),
        N_("Manual back-office process: the cost of keeping it manual"),
        N_("Security exposure: the cost of leaving the gaps open"),
        N_("The cost of waiting on order automation"),
        N_("What staying on the legacy ERP costs Northwind"),
    )
)


def shown_title(title: str) -> str:
    """A template's or example's title in the active language (bundled titles only)."""
    return _(title) if title in BUNDLED_TITLES else title


@dataclass(frozen=True)
class Template:
    name: str
    description: str  # the title as written in the file (English for the bundled ones)
    path: Path

    @property
    def shown_description(self) -> str:
        return shown_title(self.description)


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
    from calculators.errors import CaseError  # the case model, loaded only when needed

    for template in list_templates():
        if template.name == name:
            return template
    known = ", ".join(t.name for t in list_templates())
    message = _("unknown template {name} (known: {known})").format(name=repr(name), known=known)
    raise CaseError([f"--template: {message}"])
