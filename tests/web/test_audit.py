"""The audit log (web.audit): append-only JSON lines, rotation, several writers, reading."""
from __future__ import annotations

import json
import multiprocessing
import os
import re
import stat
from datetime import datetime, timedelta, timezone

import pytest

from web.audit import ACTIONS, AuditError, AuditLog, format_event


@pytest.fixture
def log(tmp_path):
    return AuditLog(tmp_path / "users-audit.jsonl")


def test_append_writes_one_json_line_per_event(log):
    log.append("login", "สมชาย", address="10.0.0.7")
    log.append("search", "สมชาย", address="10.0.0.7", query="ประชุม",
               filters={"sender": "สลค.", "date_from": None}, total=3)
    lines = log.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "สมชาย" in lines[0]  # Thai kept readable
    first, second = map(json.loads, lines)
    assert list(first) == ["time", "user", "action", "address"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", first["time"])
    assert list(second) == ["time", "user", "action", "address", "query", "filters", "total"]
    assert second["filters"]["sender"] == "สลค." and second["total"] == 3
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600
    assert list(log.events()) == [first, second]


def test_unknown_action_is_refused(log):
    assert "export" in ACTIONS and "user_add" in ACTIONS
    with pytest.raises(ValueError):
        log.append("hack", "x")
    assert not log.path.exists()


def test_events_filter_by_user_doc_and_since(log):
    log.append("view", "anna", doc_id="d1")
    log.append("view", "bo", doc_id="d2")
    log.append("original", "anna", doc_id="d2")
    log.append("logout", "anna")
    assert [e["action"] for e in log.events(user="anna")] == ["view", "original", "logout"]
    assert [e["user"] for e in log.events(doc="d2")] == ["bo", "anna"]
    assert [e["action"] for e in log.events(user="anna", doc="d2")] == ["original"]
    assert list(log.events(user="nobody")) == []
    now = datetime.now(timezone.utc)
    assert len(list(log.events(since=now - timedelta(minutes=1)))) == 4
    assert list(log.events(since=now + timedelta(minutes=1))) == []
    naive = (now + timedelta(minutes=1)).replace(tzinfo=None)  # naive is UTC
    assert list(log.events(since=naive)) == []


def test_since_compares_times_not_text(log):
    old = {"time": "2026-11-30T23:59:59.999Z", "user": "a", "action": "login", "address": None}
    new = dict(old, time="2026-12-01T00:00:00.000Z")
    log.path.write_text(json.dumps(old) + "\n" + json.dumps(new) + "\n")
    since = datetime(2026, 12, 1, 7, tzinfo=timezone(timedelta(hours=7)))  # Bangkok midnight
    assert list(log.events(since=since)) == [new]


def test_no_log_yet_gives_no_events(tmp_path):
    assert list(AuditLog(tmp_path / "none" / "audit.jsonl").events()) == []
    assert not (tmp_path / "none").exists()


def test_rotation_keeps_every_event_and_never_rewrites_old_files(tmp_path):
    log = AuditLog(tmp_path / "users-audit.jsonl", max_bytes=300)
    for n in range(10):
        log.append("view", "anna", doc_id=f"d{n}")
    rotated = log.files()
    assert len(rotated) >= 2
    for p in rotated:
        assert re.fullmatch(r"users-audit\.\d{8}T\d{12}\.jsonl", p.name)
    before = {p: p.read_bytes() for p in rotated}
    for n in range(10, 20):
        log.append("view", "anna", doc_id=f"d{n}")
    for p, data in before.items():
        assert p.read_bytes() == data
    assert [e["doc_id"] for e in log.events()] == [f"d{n}" for n in range(20)]
    lines = sum(len(p.read_bytes().splitlines()) for p in [*log.files(), log.path])
    assert lines == 20


def _writer(path, who, n):
    log = AuditLog(path, max_bytes=4000)
    for i in range(n):
        log.append("search", who, query="ค้นหา " * 10, filters={"i": i})


def test_two_processes_append_whole_lines(tmp_path):
    path = tmp_path / "users-audit.jsonl"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(path, who, 200)) for who in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    log = AuditLog(path)
    raw = [line for f in [*log.files(), path] for line in f.read_bytes().splitlines()]
    assert len(raw) == 400 and all(json.loads(line) for line in raw)
    events = list(log.events())
    for who in ("a", "b"):
        assert [e["filters"]["i"] for e in events if e["user"] == who] == list(range(200))


def test_a_garbled_line_is_skipped(log):
    log.append("login", "anna")
    with open(log.path, "ab") as fh:
        fh.write(b'{"time": "2026-12-01T00:00:00.000Z", "us\n\xff\xfe not json\n[1, 2]\n')
    log.append("logout", "anna")
    assert [e["action"] for e in log.events()] == ["login", "logout"]


def test_a_torn_last_line_spoils_no_later_event(log):
    log.append("login", "anna")
    with open(log.path, "ab") as fh:
        fh.write(b'{"time": "2026-12-01T00:00:00.000Z", "user": "an')  # a crash mid-write
    log.append("logout", "anna")
    assert [e["action"] for e in log.events()] == ["login", "logout"]


def test_a_failed_write_raises_audit_error(tmp_path):
    if os.geteuid() == 0:  # root writes anywhere: a path under a regular file fails for all
        blocker = tmp_path / "a-file"
        blocker.write_text("")
        path = blocker / "audit.jsonl"
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
        path = folder / "audit.jsonl"
    with pytest.raises(AuditError, match="cannot write the audit log") as caught:
        AuditLog(path).append("login", "anna")
    assert isinstance(caught.value, OSError)


def test_format_event():
    t = "2026-12-02T07:20:17.123Z"
    assert format_event({"time": t, "user": "anna", "action": "view", "address": "10.0.0.7",
                         "doc_id": "abc123"}) == f"{t}  anna  view  abc123 from 10.0.0.7"
    line = format_event({"time": t, "user": "anna", "action": "search", "address": None,
                         "query": "ประชุม", "filters": {"sender": "สลค.", "kind": ""},
                         "total": 2})
    assert line == f'{t}  anna  search  "ประชุม" sender=สลค. total=2'
    line = format_event({"time": t, "user": "ghost", "action": "login_failed",
                         "address": None, "reason": "bad"})
    assert line == f"{t}  ghost  login_failed  reason=bad"
    assert format_event({"time": t, "user": None, "action": "logout"}) == f"{t}  -  logout"
