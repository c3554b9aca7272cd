"""The PySide6 desktop app. It only shows and edits; every number comes from calculators/."""
