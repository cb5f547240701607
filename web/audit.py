"""The audit log: who searched, viewed, downloaded or signed in, and when.

JSON lines beside the users file (settings.audit_file). The log is only ever appended to:
a full file is renamed to `<stem>.<UTC timestamp>.jsonl` and a fresh one started, nothing
is rewritten or deleted. Several server processes append at once; a lock file serialises
them, so every event is one whole line.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import settings

ACTIONS = ("login", "login_failed", "logout", "search", "view", "original", "export",
           "password", "user_add", "user_remove", "user_admin")


class AuditError(OSError):
    """The log could not be written; the caller must not go on as if it had been."""


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _parse_time(text) -> datetime | None:
    try:
        when = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


class AuditLog:
    def __init__(self, path: Path, max_bytes: int = settings.AUDIT_MAX_BYTES):
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._rotated = re.compile(re.escape(self.path.stem) + r"\.(\d{8}T\d{12})"
                                   + re.escape(self.path.suffix) + "$")

    @contextmanager
    def _locked(self, kind: int, create: bool):
        flags = (os.O_WRONLY | os.O_CREAT) if create else os.O_RDONLY
        try:
            fd = os.open(self.lock_path, flags, 0o600)
        except FileNotFoundError:
            if create:
                raise
            yield  # nobody has written yet (or the folder is read-only): nothing to wait for
            return
        try:
            fcntl.flock(fd, kind)
            yield
        finally:
            os.close(fd)  # also releases the lock

    def append(self, action: str, user: str | None, *, address: str | None = None,
               **what) -> None:
        """Append one event. Raises AuditError when it could not be written."""
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        if "time" in what:
            raise ValueError("an audit event's time is the time of writing")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._locked(fcntl.LOCK_EX, create=True):
                # Timed under the lock, so the order of the lines is the order of the times.
                event = {"time": _now(), "user": user, "action": action, "address": address,
                         **what}
                line = (json.dumps(event, ensure_ascii=False, default=str) + "\n").encode()
                self._rotate_if_full()
                # O_APPEND: every write lands at the end; read access only to look at the
                # last byte.
                fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    size = os.fstat(fd).st_size
                    # A line torn by a crash is ended first, so it spoils no other event.
                    if size and os.pread(fd, 1, size - 1) != b"\n":
                        line = b"\n" + line
                    view = memoryview(line)
                    while view:
                        view = view[os.write(fd, view):]
                finally:
                    os.close(fd)
        except OSError as exc:
            error = AuditError(f"cannot write the audit log {self.path}: {exc.strerror or exc}")
            error.errno = exc.errno
            raise error from exc

    def _rotate_if_full(self) -> None:
        """Called with the lock held, so no other writer is between its check and rename."""
        try:
            if os.stat(self.path).st_size < self.max_bytes:
                return
        except FileNotFoundError:
            return
        while True:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
            target = self.path.with_name(f"{self.path.stem}.{stamp}{self.path.suffix}")
            if not target.exists():  # never rename over an older file
                break
        os.rename(self.path, target)

    def files(self) -> list[Path]:
        """The rotated files, oldest first (not the current one)."""
        if not self.path.parent.is_dir():
            return []
        found = [(m.group(1), p) for p in self.path.parent.iterdir()
                 if (m := self._rotated.match(p.name))]
        return [p for _, p in sorted(found)]

    def events(self, user: str | None = None, doc: str | None = None,
               since: datetime | None = None) -> Iterator[dict]:
        """Every event, oldest first, across the rotated files and the current one;
        filtered by exact user, exact doc_id and time >= since (naive: UTC)."""
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        # The list of files and the current file are taken under the lock, so a rotation
        # meanwhile neither hides a file nor shows one twice.
        with self._locked(fcntl.LOCK_SH, create=False):
            rotated = self.files()
            try:
                current = open(self.path, "rb")
            except FileNotFoundError:
                current = None
        try:
            for path in rotated:
                with open(path, "rb") as fh:
                    yield from _matching(_read(fh), user, doc, since)
            if current is not None:
                yield from _matching(_read(current), user, doc, since)
        finally:
            if current is not None:
                current.close()


def _matching(events: Iterator[dict], user, doc, since) -> Iterator[dict]:
    for event in events:
        if user is not None and event.get("user") != user:
            continue
        if doc is not None and event.get("doc_id") != doc:
            continue
        if since is not None:
            when = _parse_time(event.get("time"))
            if when is None or when < since:
                continue
        yield event


def _read(fh) -> Iterator[dict]:
    """The events of one file; a torn or garbled line is skipped."""
    for raw in fh:
        if not raw.endswith(b"\n"):
            continue  # being written right now, or torn by a crash
        try:
            event = json.loads(raw)
        except ValueError:  # also bad UTF-8
            continue
        if isinstance(event, dict):
            yield event


def format_event(event: dict) -> str:
    """`time  user  action  what` for people: the doc_id, or the query and its filters,
    then the other details (a failed sign-in's reason, a search's total)."""
    what = []
    if event.get("doc_id"):
        what.append(str(event["doc_id"]))
    if event.get("query"):
        what.append(json.dumps(event["query"], ensure_ascii=False))
    filters = event.get("filters")
    if isinstance(filters, dict):
        what += [f"{k}={v}" for k, v in filters.items() if v not in (None, "", [], {})]
    skip = {"time", "user", "action", "address", "doc_id", "query", "filters"}
    what += [f"{k}={v}" for k, v in event.items()
             if k not in skip and v not in (None, "", [], {})]
    if event.get("address"):
        what.append(f"from {event['address']}")
    return "  ".join([str(event.get("time", "-")), str(event.get("user") or "-"),
                      str(event.get("action", "-")), " ".join(what)]).rstrip()
