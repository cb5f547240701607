"""`saraban serve` without an index starts anyway, and says so on stderr in one line."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from scripts.cli import index_warning
from tests.scripts.helpers import ROOT, SAMPLE


def test_no_warning_when_the_index_is_there(sample_archive, sample_index):
    assert index_warning(sample_archive, sample_index) is None


@pytest.mark.parametrize("made", [False, True], ids=["no folder", "empty folder"])
def test_a_missing_index_is_named_with_the_command_that_builds_it(tmp_path, made):
    index = tmp_path / "index"
    if made:
        index.mkdir()
    warning = index_warning(SAMPLE, index)
    assert "\n" not in warning
    assert f"no index at {index} yet" in warning
    assert f"saraban reindex --archive {SAMPLE} --index {index}" in warning
    assert "503" in warning


def test_an_index_built_by_another_version_is_named(tmp_path, sample_index):
    index = tmp_path / "index"
    shutil.copytree(sample_index, index)
    gen = index / (index / "CURRENT").read_text().strip()
    settings = json.loads((gen / "settings.json").read_text())
    settings["schema_version"] = "0"
    (gen / "settings.json").write_text(json.dumps(settings))
    warning = index_warning(SAMPLE, index)
    assert "another version" in warning and str(index) in warning
    assert "503" in warning and "\n" not in warning


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as res:
            return res.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


@pytest.mark.slow
def test_serve_warns_on_stderr_and_answers_503_until_there_is_an_index(tmp_path):
    index = tmp_path / "index"
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--archive", str(SAMPLE), "--index",
         str(index), "--port", str(port)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while _status(base + "/healthz") is None:
            assert server.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        assert _status(base + "/healthz") == 503
        assert _status(base + "/api/search?q=x") == 503
    finally:
        server.terminate()
        try:
            _out, err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _out, err = server.communicate()
    warnings = [line for line in err.splitlines() if line.startswith("saraban: warning:")]
    assert len(warnings) == 1, err
    assert f"no index at {index} yet" in warnings[0]
    assert "saraban reindex" in warnings[0]
