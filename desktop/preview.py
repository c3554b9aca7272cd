"""The PDF preview tab: the exact export, re-rendered in the background after edits.

Rendering runs in a :class:`~desktop.workers.LatestJob` (debounced, newest wins, stale results
dropped) only while the tab is visible; a hidden preview just remembers that it is stale. The
finished bytes go to a QPdfDocument through an in-memory QBuffer; the reader's place in the
document is kept across refreshes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from calculators.i18n import _
from calculators.model import Case
from desktop import report_bridge
from desktop.plain import plain
from desktop.workers import LatestJob


class PreviewPane(QWidget):
    def __init__(
        self,
        render: Callable[[Case], bytes],
        language: Callable[[], str],
        delay_ms: int = 700,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.render_case = render
        self.language = language
        self.case: Case | None = None
        self.shown_case: Case | None = None
        self.pdf_bytes: bytes | None = None
        self.render_seconds = 0.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 4)
        self.status = QLabel("", self)
        self.status.setObjectName("previewStatus")
        self.status.setAccessibleName(_("Preview status"))
        bar.addWidget(self.status, 1)
        layout.addLayout(bar)
        self.stack = QStackedWidget(self)
        self.message = QLabel("", self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        plain(self.status, self.message)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName(_("PDF preview"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)
        self.buffer: QBuffer | None = None
        self.job = LatestJob(delay_ms=delay_ms, parent=self)
        self.job.ready.connect(self._rendered)
        self.job.failed.connect(self._failed)
        self.job.busyChanged.connect(self._busy)
        self._show_message(_("The preview appears here once a case is open."))

    def set_delay(self, delay_ms: int) -> None:
        self.job.set_delay(delay_ms)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    @property
    def stale(self) -> bool:
        return self.case is not None and self.case is not self.shown_case

    def set_case(self, case: Case | None, immediate: bool = False) -> None:
        """The case to preview; rendered now if the tab is visible, else when it is shown."""
        self.case = case
        if case is None:
            self.job.cancel()
            self.shown_case = None
            self._show_message(_("The preview appears here once a case is open."))
            return
        if self.isVisible():
            self._request(immediate)

    def refresh_now(self) -> None:
        """Re-render even if nothing changed (e.g. new branding)."""
        self.shown_case = None
        if self.case is not None:
            self._request(True)

    def _request(self, immediate: bool) -> None:
        case = self.case
        if case is None or case is self.shown_case:
            return
        if not report_bridge.available():
            self._show_message(_("The PDF report is not available in this installation."))
            return
        render = self.render_case

        def job() -> tuple[Case, bytes, float]:
            started = time.perf_counter()
            data = render(case)
            return case, data, time.perf_counter() - started

        self.job.request(job, self.language(), immediate=immediate)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self.stale:
            self._request(True)

    def _busy(self, busy: bool) -> None:
        if busy:
            self.status.setText(_("Updating the preview…"))

    def _rendered(self, result: object) -> None:
        case, data, seconds = cast(tuple[Case, bytes, float], result)
        self.render_seconds = seconds
        scroll = self.view.verticalScrollBar().value()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self.buffer is not None:
            self.buffer.close()
            self.buffer.deleteLater()
        self.buffer = buffer
        self.pdf_bytes = data
        self.shown_case = case
        self.stack.setCurrentWidget(self.view)
        QTimer.singleShot(0, lambda: self.view.verticalScrollBar().setValue(scroll))
        pages = self.document.pageCount()
        self.status.setText(
            _("Exactly what Export PDF writes · {pages} pages · rendered in {ms} ms").format(
                pages=pages, ms=round(seconds * 1000)
            )
        )
        if self.case is not case and self.isVisible():
            self._request(False)

    def _failed(self, error: object) -> None:
        self.status.setText(_("The preview could not be made: {error}").format(error=error))
        if self.shown_case is None:
            self._show_message(str(error))
