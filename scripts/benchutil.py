"""What the benchmarks share: percentiles, the memory of a process tree, generated corpora.

Linux only (memory is read from /proc); the benchmarks print figures and assert nothing.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import settings

ROOT = Path(__file__).resolve().parent.parent
MAKE_CORPUS = ROOT.parent / "shared" / "corpus" / "make_corpus.py"


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `values`."""
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def tree_pids(root: int) -> list[int]:
    """`root` and all its descendants that are alive now."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _kb(path: str, key: str) -> int:
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory(root: int) -> tuple[float, float]:
    """(RSS, PSS) in MB of `root` and its descendants together. PSS shares pages that
    several processes map (one index read by several server workers) between them."""
    pids = tree_pids(root)
    rss = sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
    pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
    return rss / 1024, pss / 1024


class PeakMemory:
    """Polls the memory of a process tree in a thread; `.rss` is the peak of the sum."""

    def __init__(self, root: int, every: float = 0.2):
        self.root, self.every, self.rss = root, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self):
        while not self._stop.is_set():
            self.rss = max(self.rss, tree_memory(self.root)[0])
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_measured(cmd: list[str], **kw) -> tuple[float, int, float, str]:
    """Run a command; (seconds, exit code, peak RSS MB of its process tree, stderr)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=settings.child_env(PYTHONPATH=str(ROOT)), **kw)
    with PeakMemory(proc.pid) as peak:
        out, err = proc.communicate()
    return time.perf_counter() - started, proc.returncode, peak.rss, out + err


def saraban_cmd(*args) -> list[str]:
    return [sys.executable, "-m", "scripts.cli", *map(str, args)]


def generate(out: Path, count: int, formats: str = "txt", seed: int = 5,
             queries: bool = False) -> Path:
    """A corpus of `count` letters from the shared generator (kept when it exists)."""
    if (out / "archive").is_dir():
        return out
    if not MAKE_CORPUS.exists():
        sys.exit(f"the corpus generator {MAKE_CORPUS} is missing")
    print(f"generating {count} {formats} letters into {out} ...", file=sys.stderr, flush=True)
    cmd = [sys.executable, str(MAKE_CORPUS), "--out", str(out), "--count", str(count),
           "--seed", str(seed), "--formats", formats]
    subprocess.run(cmd + (["--queries"] if queries else []), check=True,
                   stdout=subprocess.DEVNULL)
    return out


def disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) / 1024**2
