"""Clerks keep searching while cron reindexes: no request fails, and each commit shows."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.scripts.helpers import ROOT, saraban
from tests.conftest import wait_for
from tests.scripts.test_reindex_robustness import many_letters, start_reindex


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url, log=None):
    try:
        with urllib.request.urlopen(url, timeout=30) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"{exc.code} for {url}: {log.read_text()[-3000:] if log else ''}")


@pytest.mark.slow
def test_searches_during_incremental_and_full_reindex_never_fail(tmp_path):
    archive, index = tmp_path / "archive", tmp_path / "index"
    many_letters(archive, 15)
    saraban("reindex", "--archive", archive, "--index", index, check=0)
    many_letters(archive, 60)  # 45 more letters arrive

    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--archive", str(archive), "--index",
         str(index), "--port", str(port)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"))
    base = f"http://127.0.0.1:{port}"
    query = base + "/api/search?" + urlencode({"q": "รหัสทดสอบ", "per_page": 5})
    try:
        assert wait_for(lambda: _try(base + "/healthz"), 60), "server did not start"
        totals, statuses = [], []
        for extra in ((), ("--full",)):
            job = start_reindex(archive, index, "--batch-size", "10", *extra)
            while job.poll() is None:
                status, body = _get_json(query, tmp_path / "serve.log")
                statuses.append(status)
                totals.append(body["total"])
                time.sleep(0.05)
            assert job.returncode == 0, job.stderr.read()
        status, body = _get_json(query)
        assert status == 200 and body["total"] == 60
        assert set(statuses) == {200}, (tmp_path / "serve.log").read_text()[-3000:]
        assert totals[0] >= 15 and max(totals) == 60
        # incremental commits showed up while the run was going
        assert len(set(totals)) > 2
        health = _get_json(base + "/healthz")[1]
        assert health["documents"] == 60 and health["last_run"]["exit_code"] == 0
    finally:
        server.terminate()
        server.wait(10)


def _try(url):
    try:
        return _get_json(url)[0] == 200
    except OSError:
        return False
