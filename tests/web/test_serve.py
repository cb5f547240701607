"""`saraban serve` for real: a waitress server on a free port, queried over HTTP."""
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

from tests.conftest import ROOT, wait_for
from tests.web.helpers import SEED, sample_file_count


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.mark.slow
def test_saraban_serve_over_http(sample_archive, sample_index, tmp_path):
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("SARABAN_ARCHIVE", None)
    env.pop("SARABAN_INDEX", None)
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--archive", str(sample_archive),
         "--index", str(sample_index), "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = _get(base + "/healthz", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                assert proc.poll() is None, "server exited: " + open(tmp_path / "serve.log").read()
                assert time.monotonic() < deadline, "server did not start in 60 s"
                time.sleep(0.2)
        assert status == 200
        health = json.loads(body)
        assert health["status"] == "ok" and health["documents"] == sample_file_count()
        assert "werkzeug" not in headers.get("Server", "").lower()   # not the dev server

        status, headers, body = _get(base + "/api/search?" + urlencode({"q": "นร0505/ว500"}))
        assert status == 200 and headers["Content-Type"].startswith("application/json")
        data = json.loads(body)
        assert data["hits"][0]["path"] == SEED

        status, headers, body = _get(base + "/search?" + urlencode({"q": "ที่ นร ๐๕๐๕/ว ๕๐๐"}))
        assert status == 200 and "การประชาสัมพันธ์เผยแพร่ผลงาน" in body.decode()
        assert headers["X-Content-Type-Options"] == "nosniff"

        doc_id = data["hits"][0]["doc_id"]
        status, headers, body = _get(f"{base}/documents/{doc_id}/original?download=1")
        assert status == 200 and body == (sample_archive / SEED).read_bytes()

        status, _, body = _get(base + "/api/search?date_from=notadate")
        assert status == 400 and "date" in json.loads(body)["error"]
    finally:
        stopped = _stop(proc)
        log.close()
    assert stopped, "the server did not stop on SIGTERM"


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True)
    return [int(x) for x in out.stdout.split()]


@pytest.mark.slow
def test_serve_with_worker_processes_answers_and_restarts_a_dead_worker(sample_archive,
                                                                        sample_index, tmp_path):
    import signal
    from concurrent.futures import ThreadPoolExecutor

    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--archive", str(sample_archive),
         "--index", str(sample_index), "--port", str(port), "--workers", "2"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/healthz", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        workers = _children(proc.pid)
        assert len(workers) == 2
        url = base + "/api/search?" + urlencode({"q": "นร0505/ว500"})
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: _get(url), range(32)))
        assert all(status == 200 and json.loads(body)["hits"][0]["path"] == SEED
                   for status, _h, body in answers)
        os.kill(workers[0], signal.SIGKILL)
        assert wait_for(lambda: len(_children(proc.pid)) == 2
                        and workers[0] not in _children(proc.pid), 20)
        assert _get(url)[0] == 200
    finally:
        stopped = _stop(proc)
    assert stopped, "the server did not stop: " + (tmp_path / "serve.log").read_text()
    assert not _children(proc.pid)


@pytest.mark.slow
def test_workers_end_when_the_server_process_is_killed(sample_archive, sample_index):
    import signal

    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--archive", str(sample_archive),
         "--index", str(sample_index), "--port", str(port), "--workers", "2"],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(lambda: len(_children(proc.pid)) == 2, 60)
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert wait_for(lambda: not any(_alive(pid) for pid in workers), 20)


def _alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _stop(proc) -> bool:
    """SIGTERM, as systemd stops it; whether it stopped within 15 s (else it is killed)."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
        return True
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return False
