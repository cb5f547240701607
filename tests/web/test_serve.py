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

from tests.conftest import ROOT
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
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
