"""Run the fake gateway in the foreground for manual trials.

    python -m tests.gateway --port 8765 --key KEY [--host 127.0.0.1]

Only loopback addresses are accepted: the gateway takes any request and must never be
reachable from a network.
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from .server import DEFAULT_KEY, FakeGateway, check_loopback


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.gateway", description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8765, help="TCP port (0 = any free port)")
    ap.add_argument("--key", default=DEFAULT_KEY, help="the API key the gateway expects")
    ap.add_argument("--host", default="127.0.0.1", help="loopback address: 127.0.0.0/8 or ::1")
    ap.add_argument("--transcript", type=Path, help="SSE file to replay for streamed chat")
    ap.add_argument("-q", "--quiet", action="store_true", help="do not log requests")
    args = ap.parse_args(argv)
    try:
        check_loopback(args.host)
    except ValueError as exc:
        ap.error(str(exc))

    gw = FakeGateway(key=args.key, host=args.host, port=args.port)
    if args.transcript is not None:
        gw.transcript = args.transcript.read_bytes()
    if not args.quiet:
        gw.on_request = lambda r: print(f"{r.method} {r.path}", file=sys.stderr, flush=True)
    try:
        gw.start()
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(gw.url, flush=True)

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        while not stopping.wait(0.5):  # short waits keep Ctrl-C responsive everywhere
            pass
    except KeyboardInterrupt:
        pass
    finally:
        gw.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
