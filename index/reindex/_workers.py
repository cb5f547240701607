"""A small supervised process pool: each file is read in a worker process that can be
killed when it takes too long, and whose address space is capped, so one bad file can
neither hang nor sink a reindex. Results come back in completion order."""
from __future__ import annotations

import multiprocessing as mp
import os
import resource
import time
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator

READY = "ready"
STARTUP_TIMEOUT_S = 300.0

# TaskFailed.kind for a worker that failed on an item without raising (else the class name
# of what it raised).
CRASHED, TIMED_OUT, OUT_OF_MEMORY = "crashed", "timed out", "out of memory"


class TaskFailed(Exception):
    """The worker failed on this item: `kind` says how (CRASHED, TIMED_OUT, OUT_OF_MEMORY,
    or the name of the exception it raised), str() says it in a clerk's words."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _worker_loop(conn, func, mem_bytes: int | None):
    if mem_bytes:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))
        except (ValueError, OSError):
            pass
    conn.send(READY)  # the time limit counts from here, not from a slow start-up
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        if item is None:
            return
        try:
            conn.send((True, func(item)))
        except MemoryError:
            conn.send((False, (OUT_OF_MEMORY,
                               "ran out of memory while reading (file too large or damaged)")))
        except Exception as exc:  # noqa: BLE001 - reported per item
            name = exc.__class__.__name__
            conn.send((False, (name, f"{name}: {exc}"[:300])))


class _Worker:
    def __init__(self, ctx, func, mem_bytes):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_loop, args=(child, func, mem_bytes), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.item: Any = None
        self.started = time.monotonic()

    def give(self, item):
        self.item, self.started = item, time.monotonic()
        self.conn.send(item)

    def kill(self):
        try:
            self.proc.kill()
        except OSError:
            pass
        self.proc.join(1)
        self.conn.close()

    def stop(self):
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.kill()


def supervised_map(func: Callable, items: Iterable, jobs: int = 1, timeout: float = 300.0,
                   mem_bytes: int | None = None,
                   preload: Iterable[str] = ()) -> Iterator[tuple[Any, Any]]:
    """Yield (item, result) as workers finish; result is a TaskFailed for an item whose
    worker crashed, ran out of memory, raised or exceeded `timeout` seconds. A worker sends
    back (True, result) or (False, (kind, message)): the kind is never read from a text."""
    # Not plain fork: a forked worker would inherit the reindex lock and the other
    # workers' pipes, and outlive a killed parent holding both.
    ctx = mp.get_context("forkserver" if os.name == "posix" else "spawn")
    if preload and os.name == "posix":
        ctx.set_forkserver_preload(list(preload))
    todo = list(items)
    todo.reverse()
    workers = {}

    def spawn():
        w = _Worker(ctx, func, mem_bytes)
        workers[w.conn] = w

    def retire(w):
        workers.pop(w.conn, None)
        w.kill()

    for _ in range(max(1, min(jobs, len(todo)))):
        spawn()
    try:
        while any(w.item is not None for w in workers.values()) or (todo and workers):
            for conn in wait(list(workers), timeout=1.0):
                w = workers[conn]
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    item, was_ready = w.item, w.ready
                    retire(w)
                    if not was_ready:
                        raise RuntimeError("a reader process failed to start") from None
                    if item is not None:
                        yield item, TaskFailed(
                            CRASHED, "the reader crashed on this file (out of memory?)")
                    spawn()
                    continue
                if message == READY:
                    w.ready = True
                else:
                    item, w.item = w.item, None
                    ok, value = message  # the result, or (kind, message)
                    yield item, (value if ok else TaskFailed(*value))
                if w.item is None:
                    if todo:
                        w.give(todo.pop())
            now = time.monotonic()
            for w in list(workers.values()):
                if w.item is not None and now - w.started > timeout:
                    item = w.item
                    retire(w)
                    yield item, TaskFailed(
                        TIMED_OUT, f"reading took longer than {timeout:.0f} s; skipped")
                    spawn()
                elif not w.ready and now - w.started > STARTUP_TIMEOUT_S:
                    raise RuntimeError("a reader process did not start; is the machine overloaded?")
    finally:
        for w in list(workers.values()):
            w.stop()
