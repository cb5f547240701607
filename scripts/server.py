"""`saraban serve`: the web app under waitress, in several processes on POSIX.

One Python process answers one search at a time (the GIL): with 8 clients at once it gave
no more requests per second than with one. So the listening socket is opened once and
`workers` forked processes each run waitress on it; the kernel hands every connection to
one of them. All read the same index (each opens its own searchers after the fork: file
positions must not be shared), and what was loaded before the fork (the Thai dictionaries)
is shared between them. Where there is no fork (Windows) it is one waitress process.
"""
from __future__ import annotations

import os
import signal
import socket
import sys
import time
from pathlib import Path

RESTART_PAUSE_S = 1.0  # a worker that dies is started again after this
_STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}
PARENT_CHECK_S = 1.0


def is_loopback(host: str) -> bool:
    """Whether `host` is an address only this machine reaches (127.0.0.0/8, ::1)."""
    import ipaddress

    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False   # a host name: it may resolve to any address


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4)) if hasattr(os, "fork") else 1


def serve(app, host: str, port: int, threads: int, workers: int, log=print) -> None:
    from waitress import serve as waitress_serve

    if workers <= 1 or not hasattr(os, "fork"):
        waitress_serve(app, host=host, port=port, threads=threads, ident="saraban")
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=1024)
    _preload(app)
    children: dict[int, int] = {}   # pid -> worker number
    stopping = False

    def start(number: int) -> None:
        # Signals wait until the books are straight: a worker must not run the parent's
        # handler, and the parent must know every worker it has to stop.
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            if stopping:
                return
            pid = os.fork()
            if pid == 0:  # the worker
                for signum in _STOP_SIGNALS:
                    signal.signal(signum, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
                _exit_with(os.getppid())
                try:
                    waitress_serve(app, sockets=[sock], threads=threads, ident="saraban")
                finally:
                    os._exit(0)
            children[pid] = number
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)

    def stop_all() -> None:
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def stop(signum, _frame):
        nonlocal stopping
        stopping = True
        stop_all()

    for signum in _STOP_SIGNALS:
        signal.signal(signum, stop)
    for number in range(workers):
        start(number)
    log(f"{workers} worker processes, {threads} threads each")
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        number = children.pop(pid, None)
        if stopping:
            stop_all()
        elif number is not None:
            log(f"worker {number} (pid {pid}) exited with status {status}; starting it again")
            time.sleep(RESTART_PAUSE_S)
            start(number)
    sock.close()
    sys.exit(0)


def _exit_with(parent: int) -> None:
    """A worker ends when its parent is gone (killed with SIGKILL, it could not stop us)."""
    import threading

    def watch():
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _preload(app) -> None:
    """Load what every worker needs before the fork, so the processes share it: the Thai
    dictionaries and the arrays of the index's current commit (at 100,000 letters, seconds
    of work that each worker's first search would do again)."""
    import index

    folder = app.config.get("INDEX") if hasattr(app, "config") else None
    index.preload(folder and Path(folder))
