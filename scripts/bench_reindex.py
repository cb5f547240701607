"""Reindex benchmark: `saraban reindex` as cron runs it, on letters of the shared generator.

    python scripts/bench_reindex.py --letters 20000 [--pdf 500] [--jobs 2]   # generated letters
    python scripts/bench_reindex.py --corpus ../shared/corpus/dev --jobs 2    # an existing corpus
    python scripts/bench_reindex.py --files 100000                            # tiny letters

Times, each as a real `saraban reindex` process: a first run into an empty index, a no-change
pass, a pass after 1 % of the files changed, and a rebuild (`--full`) from the extraction
cache; prints letters/s, the floor (reading and tokenizing the same files once with newmm on
one core, measured on a sample) and the ratio to it, the peak RSS of all the reindex's
processes together, and the index's and the cache's size on disk. Generated corpora are kept
in --workdir and reused. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.benchutil import disk_mb, generate, run_measured, saraban_cmd  # noqa: E402

FLOOR_SAMPLE = 2000  # files read and tokenized for the floor


def make_tiny_archive(root: Path, count: int) -> None:
    """`count` small distinct letters in 1,000-file folders, as a shared drive holds them."""
    for i in range(count):
        folder = root / f"{2555 + i % 14}" / f"{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"letter-{i:06d}.txt").write_text(
            f"ที่ นร 0505/ว {i}\nวันที่ {1 + i % 28} ตุลาคม 2563\nเรื่อง ทดสอบหนังสือ {i}\n"
            f"เรียน ผู้ว่าราชการจังหวัด\nเนื้อความของหนังสือฉบับที่ {i}\n", encoding="utf-8")


def prepare(args) -> Path:
    """The archive folder to index."""
    if args.corpus:
        return args.corpus / "archive"
    if not args.letters:
        archive = args.workdir / f"tiny-{args.files}" / "archive"
        if not archive.exists():
            make_tiny_archive(archive, args.files)
        return archive
    folder = args.workdir / f"letters-{args.letters}-pdf-{args.pdf}-seed{args.seed}"
    archive = folder / "archive"
    if not archive.exists():
        txt = generate(args.workdir / f"txt-{args.letters}-seed{args.seed}", args.letters,
                       "txt", args.seed)
        archive.mkdir(parents=True)
        shutil.copytree(txt / "archive", archive / "txt", copy_function=_link)
        if args.pdf:
            pdf = generate(args.workdir / f"pdf-{args.pdf}-seed{args.seed + 1}", args.pdf,
                           "pdf", args.seed + 1)
            shutil.copytree(pdf / "archive", archive / "pdf", copy_function=_link)
    return archive


def _link(src, dst):
    """Hard links: the archive is a view of the generated corpora, not a copy."""
    import os
    os.link(src, dst)


def readable_files(archive: Path) -> list[Path]:
    from archive import is_readable
    return sorted(p for p in archive.rglob("*") if p.is_file() and is_readable(p))


def floor_seconds_per_letter(files: list[Path]) -> float:
    """Reading a file and tokenizing its text once with newmm, on one core."""
    from pythainlp.tokenize import word_tokenize

    from archive import read_text_of

    sample = random.Random(0).sample(files, min(FLOOR_SAMPLE, len(files)))
    started = time.perf_counter()
    for path in sample:
        _memo, raw = read_text_of(path, ocr=False)
        if raw:
            word_tokenize(raw, engine="newmm")
    return (time.perf_counter() - started) / max(1, len(sample))


def change_some(files: list[Path], share: float) -> int:
    """Append a line to `share` of the text files (a letter edited in place); PDFs are
    touched (copied again: same content, new time)."""
    from archive.textfile import read_text

    picked = random.Random(time.time_ns()).sample(files, max(1, int(len(files) * share)))
    for i, path in enumerate(picked):
        if path.suffix.lower() == ".txt":
            text = read_text(path)
            path.unlink()  # a hard link into the generated corpus: leave that as it is
            path.write_text(text + f"\nแก้ไขครั้งที่ {i}\n", encoding="utf-8")
        else:
            path.touch()
    return len(picked)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=0, help="generated text letters")
    ap.add_argument("--pdf", type=int, default=0, help="generated text PDFs besides them")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--files", type=int, default=10000, help="tiny letters, without --letters")
    ap.add_argument("--corpus", type=Path, help="a corpus folder with archive/")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/saraban-bench"))
    args = ap.parse_args(argv)

    args.workdir.mkdir(parents=True, exist_ok=True)
    archive = prepare(args)
    files = readable_files(archive)
    index = args.workdir / "reindex-bench" / "index"
    shutil.rmtree(index.parent, ignore_errors=True)
    index.parent.mkdir(parents=True)
    reindex = saraban_cmd("reindex", "--archive", archive, "--index", index, "--jobs", args.jobs,
                          "--quiet")
    print(f"archive {archive}: {len(files)} files; jobs {args.jobs}", flush=True)

    floor = floor_seconds_per_letter(files)
    print(f"floor (read + newmm once, one core, {min(FLOOR_SAMPLE, len(files))} files): "
          f"{1 / floor:.0f} letters/s", flush=True)

    secs, code, rss, _ = run_measured(reindex)
    rate = len(files) / secs
    print(f"first run:         {len(files)} letters in {secs:.1f} s = {rate:.1f} letters/s, "
          f"{secs / (floor * len(files)):.1f}x the floor; peak RSS {rss:.0f} MB (exit {code})",
          flush=True)
    secs, code, rss, _ = run_measured(reindex)
    print(f"no-change pass:    {secs:.2f} s; peak RSS {rss:.0f} MB (exit {code})", flush=True)
    changed = change_some(files, 0.01)
    secs, code, rss, _ = run_measured(reindex)
    print(f"1 % changed:       {changed} files in {secs:.1f} s; peak RSS {rss:.0f} MB (exit {code})",
          flush=True)
    secs, code, rss, _ = run_measured(reindex + ["--full"])
    print(f"--full from cache: {len(files) / secs:.1f} letters/s ({secs:.1f} s); peak RSS "
          f"{rss:.0f} MB (exit {code})", flush=True)
    cache = index.parent / (index.name + "-cache")
    print(f"on disk: index {disk_mb(index):.0f} MB, extraction cache {disk_mb(cache):.0f} MB")


if __name__ == "__main__":
    main()
