"""The finance workbook: an .xlsx whose live formulas reproduce the case's figures.

``build.write_workbook(case, path)`` writes four sheets (README, "The finance workbook"):

* **Inputs**: one row per input with its most likely, low and high value, source, confidence
  and who confirmed it; each value a defined name; the input cells styled as inputs;
* **Months**: one column per month (EDATE bounds, days, year index), one row per driver with
  its type's formula (``DriverType.sheet_cost``) over the named inputs, the part of it before
  the deadline, totals and the avoidable cost;
* **Solution**: benefits with the ramp, costs, net flows and NPV for the plan, the cash-only
  plan, each delay and deciding at the start; IRR, payback, ROI, the years, break-even;
* **Summary**: each headline figure as a formula, the app's figure beside it.

Every formula cell caches the engine's value; the bytes depend on the case alone (fixed
document dates). A hidden sheet holds the case's fingerprint for ``import-inputs``.
"""
