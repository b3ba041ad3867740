"""One running Parley per user and data folder: the local-socket server and the hand-over.

The protocol and the address are in :mod:`app.core.instance_protocol`. This module needs
only QtCore and QtNetwork: :func:`hand_over` runs in the launching process before any
QApplication (or window) exists.

Start-up, as :func:`app.main.main` does it::

    result = hand_over(request)               # ≤ ~1 s; ACCEPTED → exit 0 at once
    if result.status is HandOver.NO_INSTANCE:
        server = InstanceServer()             # after QApplication exists
        if server.claim():                    # this process is the instance now
            server.requested.connect(app.handle_request)
        else:                                 # lost a start-up race (see below)
            hand_over(request, timeout=LATE_TIMEOUT)

Two launches at once: both find no instance and both call :meth:`InstanceServer.claim`.
``claim`` runs under a lock file (QLockFile next to the socket), so the second waits for
the first to be listening, then sees it alive and returns False; it hands its request to
the winner with a longer timeout (the winner's event loop may still be starting) and exits.
Without the lock the loser could remove the winner's fresh socket file as "stale".

Stale sockets (a Parley that crashed leaves its socket file on Unix): a connect that is
refused means nobody listens, so ``claim`` removes the file (QLocalServer.removeServer)
and listens again. The server is user-only (UserAccessOption: a 0700 socket on Unix, an
ACL for the user on Windows).

The server answers a request before acting on it: the reply is flushed, then
:attr:`InstanceServer.requested` is emitted from the event loop, so the second process
never waits for a window to open. If the instance's loop is blocked for longer than the
timeout, the launch reports NO_REPLY (exit 1 with a message); its request is already in
the socket and is carried out when the loop runs again.

Threading: GUI thread (the thread that owns the QApplication) for the server; the client
function blocks its caller for at most ``timeout`` seconds (holding the GIL: Qt's waits do
not release it) and is meant for the launching process's main thread before any loop runs;
never call it against the server in the same process.
"""

from __future__ import annotations

import enum
import logging
import os
import time
from dataclasses import dataclass

from PySide6.QtCore import QDir, QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.core.instance_protocol import (
    MAX_LINE,
    InstanceRequest,
    ProtocolViolation,
    decode_reply,
    encode_reply,
    instance_address,
)

log = logging.getLogger(__name__)

HAND_OVER_TIMEOUT = 1.0  # seconds: a launch that finds Parley running exits within this
LATE_TIMEOUT = 10.0  # seconds: after losing the start-up race, for the winner's loop to start
IDLE_TIMEOUT_MS = 3000  # a client that connects and says nothing is dropped after this


class HandOver(enum.Enum):
    ACCEPTED = "accepted"  # a running instance took the request: exit 0
    NO_INSTANCE = "no-instance"  # nobody listens: become the instance
    REFUSED = "refused"  # it answered "no" (other protocol version, unknown command)
    NO_REPLY = "no-reply"  # it is there but did not answer in time (busy or hung)


@dataclass(frozen=True)
class HandOverResult:
    status: HandOver
    message: str = ""  # for REFUSED / NO_REPLY: one line for stderr


def hand_over(request: InstanceRequest, *, address: str | None = None,
              timeout: float = HAND_OVER_TIMEOUT) -> HandOverResult:
    """Send ``request`` to the running instance and wait for its reply, at most ``timeout``
    seconds in all. Needs no QCoreApplication."""
    address = address or instance_address()
    deadline = time.monotonic() + timeout

    def left_ms() -> int:
        return max(1, int((deadline - time.monotonic()) * 1000))

    socket = QLocalSocket()
    socket.connectToServer(address)
    if not socket.waitForConnected(left_ms()):
        if socket.error() == QLocalSocket.LocalSocketError.SocketTimeoutError:
            return HandOverResult(HandOver.NO_REPLY, _late(timeout))
        return HandOverResult(HandOver.NO_INSTANCE)  # not found, refused (stale), no access
    try:
        socket.write(request.encode())
        socket.waitForBytesWritten(left_ms())
        reply = b""
        while b"\n" not in reply and len(reply) <= MAX_LINE and time.monotonic() < deadline:
            if socket.bytesAvailable() or socket.waitForReadyRead(left_ms()):
                reply += socket.readAll().data()
            elif socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                break
        if b"\n" not in reply:
            if time.monotonic() >= deadline:
                return HandOverResult(HandOver.NO_REPLY, _late(timeout))
            return HandOverResult(HandOver.REFUSED,
                                  "the running Parley closed the connection without answering")
        try:
            ok, error = decode_reply(reply.split(b"\n", 1)[0])
        except ProtocolViolation as exc:
            return HandOverResult(HandOver.REFUSED, f"the running Parley answered oddly ({exc})")
        if ok:
            return HandOverResult(HandOver.ACCEPTED)
        return HandOverResult(HandOver.REFUSED, f"the running Parley refused: {error}; "
                                                "quit it and start this version again")
    finally:
        socket.abort()


def _late(timeout: float) -> str:
    return (f"Parley is running but did not answer within {timeout:g} s; it will act on the "
            "request when it catches up (if it stays stuck, quit it and start it again)")


class InstanceServer(QObject):
    """The running instance's end: listens on the address and emits one
    :attr:`requested` per accepted request, on the GUI thread, after replying."""

    requested = Signal(object)  # InstanceRequest

    def __init__(self, address: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.address = address or instance_address()
        self.error = ""  # why listening failed, when claim() returned True without a server
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def claim(self, *, probe_timeout: float = 0.5) -> bool:
        """Become the instance. False: another live instance listens (hand over to it).
        True: this process is the instance — listening, or, if listening failed for
        another reason (``error`` says why), running alone without hand-over."""
        lock = QLockFile(self._lock_path())
        locked = lock.tryLock(3000)
        if not locked:  # someone holds it for 3 s or it cannot be created: go on unlocked
            log.warning("instance lock %s not taken (error %s)", self._lock_path(), lock.error())
        try:
            if _alive(self.address, probe_timeout):
                return False
            QLocalServer.removeServer(self.address)  # a stale socket file, if any
            if not self._server.listen(self.address):
                self.error = self._server.errorString()
                log.warning("cannot listen on %s: %s", self.address, self.error)
            return True
        finally:
            if locked:
                lock.unlock()

    def is_listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        """Stop listening and remove the socket file (at quit)."""
        self._server.close()

    def _lock_path(self) -> str:
        if os.path.isabs(self.address):
            return self.address + ".lock"
        return os.path.join(QDir.tempPath(), self.address + ".lock")

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            _Connection(self._server.nextPendingConnection(), self)

    def _deliver(self, request: InstanceRequest) -> None:
        # Emitted from the event loop, after the reply left: the client never waits for it.
        QTimer.singleShot(0, self, lambda: self.requested.emit(request))


class _Connection(QObject):
    """One client: read one line (capped), answer, close. Owns its socket."""

    def __init__(self, socket: QLocalSocket, server: InstanceServer) -> None:
        super().__init__(server)
        self._socket: QLocalSocket | None = socket
        self._server, self._buffer = server, b""
        self._answered = False
        socket.setParent(self)
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self._done)
        QTimer.singleShot(IDLE_TIMEOUT_MS, self, self._done)
        self._read()  # bytes may have arrived before the connection was picked up

    def _read(self) -> None:
        if self._socket is None or self._answered:
            return
        self._buffer += self._socket.readAll().data()
        if b"\n" in self._buffer:
            line = self._buffer.split(b"\n", 1)[0]
            try:
                request = InstanceRequest.decode(line)
            except ProtocolViolation as exc:
                log.info("ignored a malformed hand-over: %s", exc)
                self._answer(False, str(exc))
                return
            self._answer(True)
            self._server._deliver(request)
        elif len(self._buffer) > MAX_LINE:
            log.info("ignored a hand-over longer than %d bytes", MAX_LINE)
            self._answer(False, "message too long")

    def _answer(self, ok: bool, error: str = "") -> None:
        socket = self._socket
        if socket is None:  # already closed: nobody to answer
            return
        socket.write(encode_reply(ok, error))
        socket.flush()
        socket.disconnectFromServer()  # sends what is buffered, then closes
        self._answered, self._buffer = True, b""

    def _done(self) -> None:
        if self._socket is not None:
            self._socket.abort()
            self._socket = None
            self.deleteLater()


def _alive(address: str, timeout: float) -> bool:
    """Whether an instance accepts connections on ``address`` (a stale file refuses)."""
    socket = QLocalSocket()
    socket.connectToServer(address)
    alive = socket.waitForConnected(int(timeout * 1000))
    socket.abort()
    return alive
