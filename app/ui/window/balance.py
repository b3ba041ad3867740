"""The gateway's balance in the status bar: fetched at start, after each answer and when the
user clicks it; hidden cleanly for a gateway that has no balance endpoint.

Threading: GUI thread; the request runs on the Qt loop.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject

from app.core.errors import ParleyError, Unsupported
from app.core.gateway.services import join_fields
from app.ui.runtime.tasks import start_task
from app.ui.window.main_window import MainWindow


def _labels() -> dict[str, str]:
    """The field names core's summary uses (app.core.gateway.services), in the UI's words."""
    return {
        "quota": QCoreApplication.translate("BalanceMonitor", "quota"),
        "limit": QCoreApplication.translate("BalanceMonitor", "limit"),
        "used": QCoreApplication.translate("BalanceMonitor", "used"),
        "usage": QCoreApplication.translate("BalanceMonitor", "usage"),
        "total usage": QCoreApplication.translate("BalanceMonitor", "total usage"),
        "remaining": QCoreApplication.translate("BalanceMonitor", "remaining"),
        "remaining balance": QCoreApplication.translate("BalanceMonitor", "remaining balance"),
        "available": QCoreApplication.translate("BalanceMonitor", "available"),
        "total available": QCoreApplication.translate("BalanceMonitor", "total available"),
        "credit": QCoreApplication.translate("BalanceMonitor", "credit"),
        "credits": QCoreApplication.translate("BalanceMonitor", "credits"),
        "spent": QCoreApplication.translate("BalanceMonitor", "spent"),
        "expires": QCoreApplication.translate("BalanceMonitor", "expires"),
        "expires at": QCoreApplication.translate("BalanceMonitor", "expires at"),
    }


def translated_summary(fields: Sequence[tuple[str, str]]) -> str:
    """"87.5 HKD · 配額 100 · 已用 12.5": core's balance fields, the names the window knows
    translated; the amount itself goes without its name ("Balance: %1" says it); a
    gateway's own field stays as it came."""
    labels = _labels()
    return join_fields(tuple(("" if name == "balance" else labels.get(name, name), value)
                             for name, value in fields))


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
            summary = translated_summary(balance.fields)
            self.window.show_balance(self.tr("Balance: %1").replace("%1", summary),
                                     self.tr("Click to refresh"))
        finally:
            self._running = False
        if self._again:
            self._again = False
            self.refresh()
