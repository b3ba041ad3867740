"""The gateway's balance in the status bar: fetched at start, after each answer and when the
user clicks it; hidden cleanly for a gateway that has no balance endpoint.

Threading: GUI thread; the request runs on the Qt loop.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.core.errors import ParleyError, Unsupported
from app.ui.runtime.tasks import start_task
from app.ui.window.main_window import MainWindow


class BalanceMonitor(QObject):
    def __init__(self, window: MainWindow, connection, parent: QObject | None = None) -> None:
        """``connection``: has ``async gateway() -> Gateway | None``."""
        super().__init__(parent)
        self.window = window
        self.connection = connection
        self._running = False
        self._again = False  # asked again while a request was out: its answer may be stale
        window.balanceRequested.connect(self.refresh)

    def refresh(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        start_task(self._refresh(), name="balance")

    async def _refresh(self) -> None:
        try:
            gateway = await self.connection.gateway()
            if gateway is None or not gateway.profile.has("balance"):
                self.window.show_balance("")
                return
            balance = await gateway.balance()
        except Unsupported:
            self.window.show_balance("")
        except ParleyError as error:
            self.window.show_balance(self.tr("Balance: unavailable"), str(error))
        else:
            # "Balance: 87.5 HKD · …", not "Balance: balance 87.5 HKD · …"
            summary = balance.summary.removeprefix("balance ")
            self.window.show_balance(self.tr("Balance: %1").replace("%1", summary),
                                     self.tr("Click to refresh"))
        finally:
            self._running = False
        if self._again:
            self._again = False
            self.refresh()
