"""Reindex benchmarks: throughput of a first run and the time of a no-change pass.

    python scripts/bench_reindex.py --files 100000            # tiny letters, no-change pass
    python scripts/bench_reindex.py --corpus ../shared/corpus/dev --jobs 2   # real letters

Prints figures; asserts nothing (targets are checked by reading them).
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts import reindex  # noqa: E402


def make_tiny_archive(root: Path, count: int) -> None:
    """`count` small distinct letters in 1,000-file folders, as a shared drive holds them."""
    for i in range(count):
        folder = root / f"{2555 + i % 14}" / f"{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"letter-{i:06d}.txt").write_text(
            f"ที่ นร 0505/ว {i}\nวันที่ {1 + i % 28} ตุลาคม 2563\nเรื่อง ทดสอบหนังสือ {i}\n"
            f"เรียน ผู้ว่าราชการจังหวัด\nเนื้อความของหนังสือฉบับที่ {i}\n", encoding="utf-8")


def timed_run(archive: Path, index: Path, jobs: int, **kw):
    started = time.perf_counter()
    code, summary = reindex.run(archive, index, jobs=jobs, quiet=True, **kw)
    return time.perf_counter() - started, code, summary


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10000, help="tiny letters to generate")
    ap.add_argument("--corpus", type=Path, help="a corpus folder with archive/ (real letters)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="saraban-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    index = work / "index"
    shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(work / "index-cache", ignore_errors=True)
    if args.corpus:
        archive = args.corpus / "archive"
    else:
        archive = work / "archive"
        if not archive.exists():
            t = time.perf_counter()
            make_tiny_archive(archive, args.files)
            print(f"generated {args.files} files in {time.perf_counter() - t:.1f} s")
    try:
        secs, code, s = timed_run(archive, index, args.jobs)
        n = s.added
        print(f"first run:      {n} documents in {secs:.1f} s = {n / secs:.1f} docs/s "
              f"(jobs {args.jobs}, failed {s.failed}, needs OCR {s.needs_ocr}, exit {code})")
        secs, code, s = timed_run(archive, index, args.jobs)
        print(f"no-change pass: {s.unchanged} files in {secs:.2f} s (read again: "
              f"{s.added + s.updated}, exit {code})")
        shutil.rmtree(index)
        secs, code, s = timed_run(archive, index, args.jobs)
        print(f"rebuild from the extraction cache: {s.added} documents in {secs:.1f} s = "
              f"{s.added / secs:.1f} docs/s")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory: main process {rss:.0f} MB, largest worker {kids:.0f} MB")
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
