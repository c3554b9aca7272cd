"""Light, dark or the system's look; a small style sheet derived from the active palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

ROLE = QPalette.ColorRole


def dark_palette() -> QPalette:
    palette = QPalette()
    window = QColor("#202124")
    base = QColor("#2b2d31")  # fields a little lighter than the window: they stand out
    text = QColor("#e8eaed")
    button = QColor("#33363b")
    highlight = QColor("#3d7bd9")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, ROLE.Window, window)
        palette.setColor(group, ROLE.WindowText, text)
        palette.setColor(group, ROLE.Base, base)
        palette.setColor(group, ROLE.AlternateBase, QColor("#303238"))
        palette.setColor(group, ROLE.ToolTipBase, QColor("#303134"))
        palette.setColor(group, ROLE.ToolTipText, text)
        palette.setColor(group, ROLE.PlaceholderText, QColor("#9aa0a6"))
        palette.setColor(group, ROLE.Text, text)
        palette.setColor(group, ROLE.Button, button)
        palette.setColor(group, ROLE.ButtonText, text)
        palette.setColor(group, ROLE.BrightText, QColor("#ff8a80"))
        palette.setColor(group, ROLE.Light, QColor("#3c4043"))
        palette.setColor(group, ROLE.Midlight, QColor("#33363a"))
        palette.setColor(group, ROLE.Mid, QColor("#2a2c30"))
        palette.setColor(group, ROLE.Dark, QColor("#111214"))
        palette.setColor(group, ROLE.Shadow, QColor("#000000"))
        palette.setColor(group, ROLE.Highlight, highlight)
        palette.setColor(group, ROLE.HighlightedText, QColor("#ffffff"))
        palette.setColor(group, ROLE.Link, QColor("#8ab4f8"))
        palette.setColor(group, ROLE.LinkVisited, QColor("#c58af9"))
    disabled = QPalette.ColorGroup.Disabled
    for role in (ROLE.WindowText, ROLE.Text, ROLE.ButtonText):
        palette.setColor(disabled, role, QColor("#7f8389"))
    palette.setColor(disabled, ROLE.Window, window)
    palette.setColor(disabled, ROLE.Base, QColor("#25272b"))
    palette.setColor(disabled, ROLE.Button, button)
    palette.setColor(disabled, ROLE.Highlight, QColor("#3c4043"))
    return palette


def _mix(a: QColor, b: QColor, share: float) -> str:
    """``share`` of ``a`` mixed into ``b``, as #rrggbb."""
    mixed = QColor(
        round(a.red() * share + b.red() * (1 - share)),
        round(a.green() * share + b.green() * (1 - share)),
        round(a.blue() * share + b.blue() * (1 - share)),
    )
    return str(mixed.name())


def is_dark(palette: QPalette) -> bool:
    return palette.color(ROLE.Window).lightness() < 128


def style_sheet(palette: QPalette) -> str:
    text = palette.color(ROLE.WindowText)
    window = palette.color(ROLE.Window)
    dark = is_dark(palette)
    muted = _mix(text, window, 0.62)
    error = "#ff8a80" if dark else "#b3261e"
    tile = _mix(text, window, 0.06)
    base = str(palette.color(ROLE.Base).name())
    highlight = str(palette.color(ROLE.Highlight).name())
    border = _mix(text, window, 0.18)
    strong = "#81c995" if dark else "#1e7b34"
    weak = "#fdd663" if dark else "#8a5a00"
    return f"""
QPushButton#card {{
    text-align: left; border: 1px solid {border}; border-radius: 6px; background: {base};
}}
QPushButton#card:hover {{ border-color: {highlight}; }}
QPushButton#card:focus {{ border: 2px solid {highlight}; }}
QPushButton#card:pressed {{ background: {tile}; }}
QScrollArea#cards {{ border: none; background: transparent; }}
QWidget#cardsBody {{ background: transparent; }}
QLabel#caption, QLabel#previewStatus, QLabel#notice {{ color: {muted}; }}
QLabel#fieldMessage {{ color: {error}; }}
QLabel#inputStatus {{ color: {muted}; }}
QLabel#inputStatus[needsValue="true"] {{ color: {error}; }}
QLabel#explanation {{ color: {muted}; padding: 2px 0 6px 0; }}
QLabel#range {{ color: {muted}; }}
QFrame#tile, QFrame#qualification {{
    background: {tile}; border: 1px solid {border}; border-radius: 6px;
}}
QFrame#tile QLabel, QFrame#qualification QLabel {{ background: transparent; border: none; }}
QLabel#verdict[verdict="strong"] {{ color: {strong}; }}
QLabel#verdict[verdict="weak"] {{ color: {weak}; }}
QLabel#verdict[verdict="no-compelling-need"] {{ color: {error}; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QDateEdit[invalid="true"],
QPlainTextEdit[invalid="true"], QSpinBox[invalid="true"] {{
    border: 1px solid {error}; border-radius: 3px; padding: 2px;
}}
"""


_platform_style: str | None = None


def apply_theme(app: QApplication, mode: str) -> None:
    """``mode``: "system" (the platform's look), "light" or "dark" (Fusion with a palette)."""
    global _platform_style
    if _platform_style is None:
        _platform_style = app.style().name()
    if mode in ("light", "dark"):
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
        if mode == "dark":
            app.setPalette(dark_palette())
        else:
            app.setPalette(app.style().standardPalette())
    else:
        if app.style().name() != _platform_style:
            platform = QStyleFactory.create(_platform_style)
            if platform is not None:
                app.setStyle(platform)
        app.setPalette(QPalette())  # no explicit roles: the platform's own palette
    app.setStyleSheet(style_sheet(app.palette()))
