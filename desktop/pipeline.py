"""The pipeline view: every case in the rep's cases folder, ranked by the buyer's need to act.

The same rows as ``coi pipeline`` (:mod:`calculators.pipeline`), read in the background
(:class:`~desktop.workers.LatestJob`, only files changed since the last read are read again)
so the window stays responsive; a :class:`~PySide6.QtCore.QFileSystemWatcher` on the folder
and its cases reads again when a file is saved, added or removed. The table sorts on any
column, filters by verdict and days left, colours rows by verdict; a double click opens the
case. The line at the bottom totals the cost of a
month's delay across the strong deals, per currency.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QFileSystemWatcher,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from calculators.formatting import Formatter
from calculators.i18n import N_, _, ngettext
from calculators.pipeline import (
    VERDICTS,
    FileKey,
    Row,
    Skipped,
    rescan,
    row_texts,
    sort_rows,
    verdict_text,
)
from calculators.templates import shown_title
from desktop.language import ui_date
from desktop.workers import LatestJob

# (title, what the column shows); the order of the table's columns.
COLUMNS = (
    ("file", N_("File")),
    ("buyer", N_("Buyer")),
    ("title", N_("Title")),
    ("decision_date", N_("Decision date")),
    ("days_left", N_("Days left")),
    ("cost_to_deadline", N_("Cost to the deadline")),
    ("cost_of_delay", N_("Cost of a month's delay")),
    ("npv", N_("NPV")),
    ("verdict", N_("Verdict")),
    ("readiness", N_("Readiness")),
    ("next_step", N_("Next step")),
)
COLUMN = {key: n for n, (key, _title) in enumerate(COLUMNS)}
MONEY_COLUMNS = {COLUMN["cost_to_deadline"], COLUMN["cost_of_delay"], COLUMN["npv"]}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
# Translucent, so that the text stays readable in the light and the dark theme.
VERDICT_COLOURS = {
    "strong": QColor(46, 160, 67, 70),
    "weak": QColor(230, 160, 30, 70),
    "no compelling need": QColor(200, 60, 60, 60),
}
RELOAD_DELAY_MS = 400  # quiet time after a change on disk before reading again
MAX_WATCHED = 2000  # folders and files watched (the operating system's limit is near)
_ROOT = QModelIndex()  # the table's root: no parent
_MISSING = Decimal("-Infinity")  # no solution: sorts after every amount


def _money_key(value: Decimal | None) -> Decimal:
    return _MISSING if value is None else value


def _sort_key(row: Row, column: int) -> Any:
    key = COLUMNS[column][0]
    if key == "verdict":  # strong first, then the cost of delay (largest first)
        return (-VERDICTS.index(row.verdict), _money_key(row.cost_of_delay))
    return {
        "file": str(row.file).casefold(),
        "buyer": row.buyer.casefold(),
        "title": shown_title(row.title).casefold(),
        "decision_date": row.deadline,
        "days_left": row.days_left,
        "cost_to_deadline": row.cost_to_deadline,
        "cost_of_delay": _money_key(row.cost_of_delay),
        "npv": _money_key(row.npv),
        "readiness": -row.blocking,
        "next_step": row.next_step.casefold(),
    }[key]


def _texts(row: Row, folder: Path | None) -> list[str]:
    try:
        name = str(row.file.relative_to(folder)) if folder is not None else str(row.file)
    except ValueError:
        name = str(row.file)
    return row_texts(row, name, ui_date(row.deadline, row.locale))


class PipelineModel(QAbstractTableModel):
    """The rows of the pipeline, with their shown texts worked out once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._texts: list[list[str]] = []

    def set_rows(self, rows: list[Row], folder: Path | None) -> None:
        self.beginResetModel()
        self.rows = rows
        self._texts = [_texts(row, folder) for row in rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.file}\n{row.next_step}" if row.next_step else str(row.file)
        if role == Qt.ItemDataRole.BackgroundRole:
            return VERDICT_COLOURS[row.verdict]
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            column in MONEY_COLUMNS or column == COLUMN["days_left"]
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return _sort_key(row, column)
        if role == PATH_ROLE:
            return str(row.file)
        return None


class PipelineFilter(QSortFilterProxyModel):
    """Sorts on :data:`SORT_ROLE` (Python comparison) and keeps the rows the filters allow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict: str = ""  # "" = every verdict
        self.max_days: int = 0  # 0 = any number of days left

    def set_filters(self, verdict: str, max_days: int) -> None:
        self.beginFilterChange()
        self.verdict = verdict
        self.max_days = max_days
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, PipelineModel):
            return True
        row = model.rows[source_row]
        if self.verdict and row.verdict != self.verdict:
            return False
        return not self.max_days or row.days_left <= self.max_days

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        a = left.data(SORT_ROLE)
        b = right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return False


def strong_totals(rows: list[Row]) -> dict[str, Decimal]:
    """The cost of a month's delay summed over the strong deals, per currency."""
    totals: dict[str, Decimal] = {}
    for row in rows:
        if row.verdict == "strong" and row.cost_of_delay is not None:
            totals[row.currency] = totals.get(row.currency, Decimal(0)) + row.cost_of_delay
    return totals


def _load(folder: Path, today: dt.date, cache: dict[Path, Any]) -> tuple[Any, ...]:
    """The background job: rows, skipped files, the new cache and the folders to watch."""
    found, fresh = rescan([folder], today, cache)
    folders = [str(folder)]
    for root, dirs, _files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        folders.extend(os.path.join(root, d) for d in dirs)
    rows = sort_rows([f for f in found if isinstance(f, Row)])
    skipped = [f for f in found if isinstance(f, Skipped)]
    return rows, skipped, fresh, folders


class PipelineView(QWidget):
    """The pipeline of one folder; ``open_requested`` carries the path of a double-clicked case."""

    open_requested = Signal(object)  # Path
    folder_chosen = Signal(str)
    loaded = Signal()

    def __init__(self, folder: str, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipeline")
        self.language = language
        self.setWindowTitle(_("Pipeline"))
        self.folder = Path(folder)
        self._cache: dict[Path, tuple[FileKey, Row | Skipped]] = {}
        self._today = dt.date.today()
        self.skipped: list[Skipped] = []
        self.model = PipelineModel(self)
        self.proxy = PipelineFilter(self)
        self.proxy.setSourceModel(self.model)
        self.job = LatestJob(parent=self)
        self.job.ready.connect(self._loaded)
        self.job.failed.connect(self._failed)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        self.watcher.fileChanged.connect(self._changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(RELOAD_DELAY_MS)
        self._debounce.timeout.connect(self.reload)
        self._build()
        self.set_folder(folder)

    # == building ==========================================================================
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("caption")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton(_("Change Folder…"), self)
        choose.clicked.connect(self._choose_folder)
        self.verdict_box = QComboBox(self)
        self.verdict_box.setAccessibleName(_("Verdict"))
        self.verdict_box.addItem(_("All verdicts"), "")
        for verdict in VERDICTS:
            self.verdict_box.addItem(verdict_text(verdict), verdict)
        self.days_box = QSpinBox(self)
        self.days_box.setAccessibleName(_("Decision within"))
        self.days_box.setRange(0, 9999)
        self.days_box.setSpecialValueText(_("any time"))
        self.days_box.setSuffix(" " + _("days"))
        self.verdict_box.currentIndexChanged.connect(self._filter)
        self.days_box.valueChanged.connect(self._filter)
        top.addWidget(self.folder_label, 1)
        top.addWidget(choose)
        top.addWidget(QLabel(_("Verdict"), self))
        top.addWidget(self.verdict_box)
        top.addWidget(QLabel(_("Decision within"), self))
        top.addWidget(self.days_box)
        layout.addLayout(top)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(False)
        self.table.doubleClicked.connect(self._open)
        self.table.setAccessibleName(_("Cases"))
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.totals = QLabel(self)
        self.totals.setObjectName("pipelineTotals")
        self.status = QLabel(self)
        self.status.setObjectName("caption")
        bottom.addWidget(self.totals, 1)
        bottom.addWidget(self.status)
        layout.addLayout(bottom)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    # == loading ===========================================================================
    def set_folder(self, folder: str) -> None:
        self.folder = Path(folder)
        self._cache = {}
        self.folder_label.setText(_("Cases in {folder}").format(folder=self.folder))
        self.reload()

    def reload(self) -> None:
        """Read the folder again in the background (only changed files are read)."""
        folder, today, cache = self.folder, dt.date.today(), dict(self._cache)
        if today != self._today:
            self._today, cache = today, {}
        self.status.setText(_("Reading cases…"))
        self.job.request(lambda: _load(folder, today, cache), self.language, immediate=True)

    def _loaded(self, result: tuple[Any, ...]) -> None:
        rows, skipped, cache, folders = result
        self._cache = cache
        self.skipped = skipped
        self.model.set_rows(rows, self.folder)
        self._watch(folders, [str(path) for path in cache])
        self._show_totals(rows)
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.loaded.emit()

    def _failed(self, error: object) -> None:
        self.status.setText(_("The folder could not be read: {error}").format(error=error))

    def _watch(self, folders: list[str], files: list[str]) -> None:
        watched = self.watcher.directories() + self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        wanted = (folders + files)[:MAX_WATCHED]
        if wanted and self.folder.is_dir():
            self.watcher.addPaths(wanted)

    def _changed(self, _path: str) -> None:
        self._debounce.start()

    def _show_totals(self, rows: list[Row]) -> None:
        totals = strong_totals(rows)
        strong = sum(row.verdict == "strong" for row in rows)
        locales = {row.currency: row.locale for row in reversed(rows)}  # a case's own format
        amounts = " + ".join(
            Formatter(locales[currency], currency).money(amount)
            for currency, amount in sorted(totals.items())
        )
        self.totals.setText(
            _("Strong deals: {count} · a month's delay costs them {amount}").format(
                count=strong, amount=amounts or "—"
            )
        )
        status = ngettext("{count} case", "{count} cases", len(rows)).format(count=len(rows))
        if self.skipped:
            count = len(self.skipped)
            skipped = ngettext("{count} file skipped", "{count} files skipped", count)
            status += " · " + skipped.format(count=count)
        self.status.setText(status)
        self.status.setToolTip("\n".join(note.line() for note in self.skipped))

    # == interaction =======================================================================
    def _filter(self) -> None:
        self.proxy.set_filters(self.verdict_box.currentData() or "", self.days_box.value())

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.proxy.sort(column, order)

    def sort_by(self, key: str, descending: bool = True) -> None:
        """Sort on column ``key`` (a key of :data:`COLUMN`)."""
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(COLUMN[key], order)

    def path_at(self, row: int) -> Path:
        return Path(self.proxy.index(row, 0).data(PATH_ROLE))

    def _open(self, index: QModelIndex) -> None:
        self.open_requested.emit(Path(index.siblingAtColumn(0).data(PATH_ROLE)))

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Cases Folder"), str(self.folder))
        if chosen:
            self.folder_chosen.emit(chosen)
            self.set_folder(chosen)

    def stop(self) -> None:
        self.job.cancel()
        self._debounce.stop()
