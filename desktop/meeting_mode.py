"""Meeting mode on and off for a window (F11). The view itself, :mod:`desktop.meeting`, loads
when it is first entered: the window shows before it and the case model it needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QToolBar

if TYPE_CHECKING:
    from desktop.document import Change
    from desktop.mainwindow import MainWindow
    from desktop.meeting import MeetingView


class MeetingMode:
    """Enters and leaves meeting mode for a window (``window.meeting``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.view: MeetingView | None = None
        self._was_maximized = False

    @property
    def active(self) -> bool:
        return self.view is not None

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        window = self.window
        doc = window.document
        if doc is None or self.active:
            return
        latest = window.latest_analysis
        ranked = tuple(row.ref for row in latest.sensitivity) if latest is not None else ()
        from desktop.meeting import MeetingView, meeting_inputs  # loaded on first use

        view = MeetingView(doc, meeting_inputs(doc.case, ranked), window.stack)
        view.leave_requested.connect(self.leave)
        self.view = view
        window.stack.addWidget(view)
        window.stack.setCurrentWidget(view)
        view.refresh(doc.case, window.results.get(doc.case))
        doc.changed.connect(self._changed)
        window.keys.watch(view)
        for bar in (window.menuBar(), window.statusBar(), *window.findChildren(QToolBar)):
            bar.setVisible(False)
        self._was_maximized = window.isMaximized()
        window.showFullScreen()
        if view.spins:
            view.spins[0].setFocus()

    def _changed(self, change: Change) -> None:
        if self.view is not None:
            self.view.refresh(change.case, self.window.results.get(change.case))

    def leave(self) -> None:
        window = self.window
        view = self.view
        if view is None:
            return
        self.view = None
        view.document.changed.disconnect(self._changed)
        window.stack.removeWidget(view)
        view.deleteLater()
        for bar in (window.menuBar(), window.statusBar(), *window.findChildren(QToolBar)):
            bar.setVisible(True)
        if self._was_maximized:
            window.showMaximized()
        else:
            window.showNormal()
        if window.workspace is not None and window.document is not None:
            window.stack.setCurrentWidget(window.workspace)
        else:
            window.stack.setCurrentWidget(window.start_page)
