"""Run the real `saraban` command as cron and users do."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_archive"


def saraban(*args, check=None, env_path=None, **kw):
    """Run the real `saraban` command in a subprocess (`env_path`: its PATH, to run it
    without some program, such as Tesseract)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if env_path is not None:
        env["PATH"] = env_path
    env.pop("SARABAN_ARCHIVE", None)
    env.pop("SARABAN_INDEX", None)
    proc = subprocess.run([sys.executable, "-m", "scripts.cli", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, **kw)
    if check is not None:
        assert proc.returncode == check, proc.stderr + proc.stdout
    return proc


def search_json(index, *args):
    return json.loads(saraban("search", "--index", index, "--json", *args, check=0).stdout)
