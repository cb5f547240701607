"""Latency of typical searches (p50/p95 per query type) on the index of a larger corpus.

    python scripts/bench_search.py --corpus /tmp/big [--index DIR] [--reuse] [--repeat 3]

The corpus is a folder with archive/ (and queries.jsonl for the judged query mix). When
--corpus does not exist it is generated with the corpus generator (--make-corpus, default
../shared/corpus/make_corpus.py beside the project): 5000 text letters, seed 5, with
queries. Every query goes through `index.search` as the web and the CLI call it (first
page of 20 with facets and snippets); the first search, which opens the index, is timed
apart.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# What clerks type besides the judged queries: words, compounds, phrases, syntax, numbers.
TYPICAL = [
    ("box/word", "การประชุม", {}),
    ("box/word", "ประชาสัมพันธ์ผลงาน", {}),
    ("box/word", "เร่งรัดการเบิกจ่ายงบประมาณ", {}),
    ("box/inside", "มติ", {}),
    ("box/inside", "สัมพันธ์", {}),
    ("box/inside", "ครองชีพ", {}),
    ("box/phrase", '"ประจำปีงบประมาณ"', {}),
    ("box/phrase", '"ขอความร่วมมือ"', {}),
    ("box/syntax", "โควิด -วัคซีน", {}),
    ("box/syntax", "น้ำท่วม OR อุทกภัย", {}),
    ("box/syntax", '"ประชุม ((', {}),
    ("box/number", "เลขรับ 1234", {}),
    ("box/number", "2563", {}),
    ("box/meta", "สำนักเลขาธิการคณะรัฐมนตรี ต.ค. 2563 - ธ.ค. 2564", {}),
    ("box/meta", "กรมบัญชีกลาง 2562", {}),
    ("list", "", {}),
    ("list", "", {"sender": "สลค.", "date_from": "2563", "date_to": "2565"}),
]


def load_queries(corpus: Path) -> list[tuple[str, str, dict]]:
    out = list(TYPICAL)
    path = corpus / "queries.jsonl"
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    q = json.loads(line)
                    out.append((q["type"], q.get("q") or "", q.get("filters") or {}))
    return out


def ensure_corpus(corpus: Path, make: Path, count: int) -> None:
    if (corpus / "archive").is_dir():
        return
    if not make.exists():
        sys.exit(f"{corpus}/archive does not exist and the generator {make} is missing")
    print(f"generating {count} letters into {corpus} ...", file=sys.stderr)
    subprocess.run([sys.executable, str(make), "--out", str(corpus), "--count", str(count),
                    "--seed", "5", "--formats", "txt", "--queries"], check=True)


def ensure_index(corpus: Path, index: Path, reuse: bool) -> None:
    from scripts.reindex import run

    if reuse and (index / "CURRENT").exists():
        return
    t0 = time.monotonic()
    code, summary = run(corpus / "archive", index, jobs=2, quiet=True)
    print(f"indexed: {summary.line()} (exit {code}, {time.monotonic() - t0:.0f} s)",
          file=sys.stderr)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/saraban-bench"))
    ap.add_argument("--index", type=Path)
    ap.add_argument("--reuse", action="store_true", help="use the index as it is if present")
    ap.add_argument("--make-corpus", type=Path,
                    default=ROOT.parent / "shared" / "corpus" / "make_corpus.py")
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--per-page", type=int, default=20)
    args = ap.parse_args(argv)

    from index import search, stats

    ensure_corpus(args.corpus, args.make_corpus, args.count)
    index = args.index or args.corpus.parent / (args.corpus.name + "-index")
    ensure_index(args.corpus, index, args.reuse)
    queries = load_queries(args.corpus)

    t0 = time.perf_counter()
    search(index, "ประชุม")
    cold = time.perf_counter() - t0
    docs = stats(index)["documents"]

    # Wall-clock time, and the CPU time of this process (what the search costs when the
    # machine is shared with other work).
    times: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.repeat):
        for kind, q, filters in queries:
            t, c = time.perf_counter(), time.process_time()
            search(index, q, dict(filters), per_page=args.per_page)
            times[kind].append(time.perf_counter() - t)
            cpu[kind].append(time.process_time() - c)
    every = [x for xs in times.values() for x in xs]
    every_cpu = [x for xs in cpu.values() for x in xs]

    print(f"index {index}: {docs} letters; {len(queries)} queries x {args.repeat}; "
          f"first search (opens the index) {1000 * cold:.0f} ms")
    try:
        import os
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    except OSError:
        pass
    print(f"{'type':<14}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
          f"{'cpu p50':>9}{'cpu p95':>9}")
    rows = [(k, times[k], cpu[k]) for k in sorted(times)] + [("ALL", every, every_cpu)]
    for kind, xs, cs in rows:
        print(f"{kind:<14}{len(xs):>5}{1000 * statistics.median(xs):9.0f}"
              f"{1000 * pct(xs, 95):9.0f}{1000 * max(xs):9.0f}"
              f"{1000 * statistics.median(cs):9.0f}{1000 * pct(cs, 95):9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
