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


def index_holds(index, text: str) -> bool:
    """Whether `text` reached the index anywhere: a stored field of any document (the
    record, its text and snippets' source), a word of any field, or the extraction cache."""
    from index._store import open_index
    from settings import cache_dir

    ix = open_index(index)
    try:
        with ix.reader() as reader:
            if any(text in str(value) for fields in reader.all_stored_fields()
                   for value in fields.values()):
                return True
            word = text.lower().encode()
            if any(word in term for _field, term in reader.all_terms()):
                return True
    finally:
        ix.close()
    cache = cache_dir(Path(index))
    return any(text.encode() in f.read_bytes() for f in cache.rglob("*") if f.is_file())


def named(stderr: str) -> dict[str, list[str]]:
    """The files a reindex named on stderr, each with its reasons (one per naming)."""
    out: dict[str, list[str]] = {}
    for line in stderr.splitlines():
        if line.startswith("saraban: ") and ": " in line[9:]:
            path, reason = line[9:].split(": ", 1)
            out.setdefault(path, []).append(reason)
    return out
