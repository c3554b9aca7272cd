"""The report's sections in order: each a function of the report context returning flowables.

Adding a section = adding a module here with one public function and listing it in
:data:`SECTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from calculators.cancel import checkpoint
from calculators.report.blocks import keep_headings
from calculators.report.context import Context
from calculators.report.sections.assumptions import assumptions
from calculators.report.sections.cash_flows import cash_flows
from calculators.report.sections.charts import charts
from calculators.report.sections.cover import cover
from calculators.report.sections.drivers import drivers
from calculators.report.sections.investment import investment
from calculators.report.sections.methodology import methodology
from calculators.report.sections.plan import plan
from calculators.report.sections.situation import situation
from calculators.report.sections.summary import summary

Section = Callable[[Context], list[Flowable]]

SECTIONS: tuple[Section, ...] = (
    cover,
    plan,
    summary,
    situation,
    drivers,
    charts,
    investment,
    cash_flows,
    assumptions,
    methodology,
)


def story(ctx: Context) -> list[Flowable]:
    """Every section's flowables, in order."""
    out: list[Flowable] = []
    for section in SECTIONS:
        checkpoint()  # the app's preview of a stale snapshot stops here (calculators.cancel)
        out += section(ctx)
    return keep_headings(out)
