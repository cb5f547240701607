"""Work for worker processes in the tests: module functions, so that a worker can import
them by name."""
from __future__ import annotations

import errno
import os
import time
from unittest import mock

from index.reindex._extract import extract

DENIED = "denied"  # extract_denying: files whose name holds this may not be read


def double(n: int) -> int:
    return 2 * n


def fail(n: int) -> int:
    raise ValueError(f"no good: {n}")


def exhaust(n: int) -> int:
    raise MemoryError


def crash(n: int) -> int:
    os._exit(3)


def hang(n: int) -> int:
    time.sleep(60)
    return n


def extract_denying(job):
    """`extract`, as if the reindex could not read the files whose name holds DENIED:
    their open fails as the system fails it (a test as root cannot take the right away)."""
    rel = job[1]
    if DENIED not in rel:
        return extract(job)
    real_open = os.open

    def refusing(path, *args, **kwargs):
        if str(path).endswith(rel):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    with mock.patch("os.open", refusing):
        return extract(job)
