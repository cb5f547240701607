"""Measure field extraction against a corpus's truth.jsonl (and PDF text against
clean_text.jsonl). Runs archive.read_document, exactly what `saraban extract` uses.

    python scripts/eval_extraction.py --corpus /work/shared/corpus/dev [--formats txt,pdf]
    python scripts/eval_extraction.py --truth tests/fixtures/real_scans/truth.jsonl \
        --archive /work/shared/corpus/real --formats scan

A truth line may list the fields that were `judged` (real scans read by eye: handwriting is
not judged); only those are counted for it, and each such letter gets a line of its own.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

from pythainlp.util import thai_digit_to_arabic_digit

FIELDS = ("kind", "ref_no", "date", "subject", "sender", "recipient", "urgency", "secrecy",
          "ref_no_raw", "date_raw", "sender_code", "signatory", "position", "owner_division",
          "phone", "fax", "email", "received_no", "received_date", "received_time", "cites",
          "enclosures")
NEAR = ("subject", "recipient")  # also counted within 10 % character error, as "subject~"
TARGET = ("kind", "ref_no", "date", "subject", "sender", "recipient", "urgency", "secrecy")


def norm(field: str, value):  # noqa: ANN001, ANN201
    """Compare after mapping Thai digits and collapsing whitespace (phone: digits only)."""
    if isinstance(value, list):
        return tuple(sorted(norm(field, v) for v in value))
    if value is None or value == "":
        return None
    s = re.sub(r"\s+", " ", thai_digit_to_arabic_digit(str(value))).strip()
    if field in ("phone", "fax"):
        s = re.sub(r"\D", "", s)
    return s


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def edit_distance(ref: str, hyp: str) -> int:
    """Edit distance from difflib's alignment (exact for the sparse errors measured here,
    an upper bound otherwise); pure Python Levenshtein is too slow on whole letters."""
    sm = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
    dist = 0
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op != "equal":
            dist += max(a1 - a0, b1 - b0)
    return dist


def _run_one(job: tuple[str, str, dict, str | None]) -> dict:
    archive_dir, rel, truth, clean = job
    from archive import read_document
    t0 = time.perf_counter()
    memo = read_document(Path(archive_dir) / rel, display_path=rel)
    out = {"path": rel, "seconds": time.perf_counter() - t0, "error": memo.error, "pages": memo.pages,
           "needs_ocr": memo.needs_ocr, "got": {f: getattr(memo, f, None) for f in FIELDS}}
    if clean is not None and memo.text is not None:
        ref = squash(clean)
        out["cer"] = edit_distance(ref, squash(memo.text)) / max(1, len(ref))
    return out


def _tally(stats: dict, groups: tuple[str, ...], key: str, ok: bool, present: bool) -> None:
    """Count one letter's field: [right, letters, right where present, present]."""
    for g in groups:
        s = stats[g][key]
        s[0] += ok
        s[1] += 1
        if present:
            s[2] += ok
            s[3] += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="a folder with archive/ and truth.jsonl")
    ap.add_argument("--truth", type=Path, help="truth lines (default CORPUS/truth.jsonl)")
    ap.add_argument("--archive", type=Path, help="the files (default CORPUS/archive)")
    ap.add_argument("--formats", default="txt,pdf", help="comma list of txt,pdf,scan")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--worst", type=int, default=5, help="examples of errors shown per field")
    ap.add_argument("--fields", default=",".join(FIELDS))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", type=Path, help="write per-document results here")
    a = ap.parse_args(argv)
    if a.corpus is None and (a.truth is None or a.archive is None):
        ap.error("give --corpus, or both --truth and --archive")
    truth_file = a.truth or a.corpus / "truth.jsonl"
    archive_dir = a.archive or a.corpus / "archive"

    formats = set(a.formats.split(","))
    fields = [f for f in a.fields.split(",") if f]
    truths = [json.loads(line) for line in open(truth_file, encoding="utf-8")]
    truths = [t for t in truths if t.get("format") in formats]
    if a.limit:
        truths = truths[: a.limit]
    clean = {}
    clean_path = a.corpus / "clean_text.jsonl" if a.corpus else None
    if clean_path is not None and clean_path.exists():
        for line in open(clean_path, encoding="utf-8"):
            row = json.loads(line)
            clean[row["path"]] = row["text"]
    jobs = [(str(archive_dir), t["path"], t,
             clean.get(t["path"]) if t["format"] in ("pdf", "scan") else None) for t in truths]
    t0 = time.time()
    with Pool(a.jobs) as pool:
        results = pool.map(_run_one, jobs, chunksize=4)
    elapsed = time.time() - t0

    by_path = {t["path"]: t for t in truths}
    # stats[group][field] = [ok_all, n_all, ok_present, n_present]
    stats: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    errors: dict[str, list[tuple]] = defaultdict(list)
    failed = []
    per_letter = []   # (path, right, judged) of letters whose truth lists what was judged
    for r in results:
        t = by_path[r["path"]]
        if r["error"]:
            failed.append((r["path"], r["error"]))
        groups = ("ALL", f"format={t['format']}", f"kind={t['kind']}")
        judged = [f for f in fields if f in t["judged"]] if "judged" in t else fields
        right = 0
        for f in judged:
            want, got = norm(f, t.get(f)), norm(f, r["got"].get(f))
            ok = want == got
            right += ok
            _tally(stats, groups, f, ok, want not in (None, ()))
            if not ok:
                errors[f].append((r["path"], t.get(f), r["got"].get(f)))
            if f in NEAR and want is not None:
                # OCR'd text: a subject with a wrong character or two still finds the letter.
                close = got is not None and edit_distance(want, got) <= 0.1 * len(want)
                _tally(stats, groups, f + "~", close, True)
        if "judged" in t:
            per_letter.append((r["path"], right, len(judged)))

    print(f"{len(results)} documents ({', '.join(sorted(formats))}) in {elapsed:.1f}s, "
          f"{len(failed)} failed")
    for path, err in failed[:10]:
        print(f"  FAILED {path}: {err}")
    groups = ["ALL"] + sorted(g for g in stats if g.startswith("format=")) + \
        sorted(g for g in stats if g.startswith("kind="))
    print("\nper-field accuracy: all letters / letters where the field is present in truth (n)")
    for g in groups:
        print(f"\n== {g}")
        for f in fields + [f + "~" for f in NEAR if f in fields]:
            if f not in stats[g]:
                continue
            ok, n, okp, np_ = stats[g][f]
            mark = " *" if f in TARGET and (ok < 0.99 * n or okp < 0.99 * np_) else ""
            pres = f"{okp / np_:7.2%} (n={np_})" if np_ else "    -"
            print(f"  {f:15s} {ok / n:7.2%} (n={n})  present {pres}{mark}")

    if per_letter:
        print("\nper letter: fields right of those judged")
        for path, right, n in sorted(per_letter):
            print(f"  {right}/{n}  {path}")

    scans = [r for r in results if by_path[r["path"]]["format"] == "scan"]
    scan_cers = [r["cer"] for r in scans if "cer" in r]
    if scan_cers:
        ordered = sorted(scan_cers)
        print(f"\nscan OCR CER (whitespace-free, vs clean_text.jsonl): n={len(scan_cers)} "
              f"mean {sum(scan_cers) / len(scan_cers):.4f} median {ordered[len(ordered) // 2]:.4f} "
              f"max {ordered[-1]:.4f}")
        pages = sum(r.get("pages") or 1 for r in scans)
        secs = sum(r["seconds"] for r in scans)
        print(f"  {secs / max(1, pages):.2f} s per scanned page ({pages} pages, {a.jobs} jobs)")
    cers = [(r["cer"], r["path"]) for r in results if "cer" in r and by_path[r["path"]]["format"] == "pdf"]
    if cers:
        clean_c = [c for c, p in cers if not by_path[p].get("noisy")]
        print(f"\nPDF CER (whitespace-free, vs clean_text.jsonl): all n={len(cers)} "
              f"mean {sum(c for c, _ in cers) / len(cers):.4f}; clean n={len(clean_c)} "
              f"mean {sum(clean_c) / max(1, len(clean_c)):.4f}; max {max(cers)[0]:.4f} {max(cers)[1]}")
        by_prod: dict[str, list[float]] = defaultdict(list)
        for c, p in cers:
            if not by_path[p].get("noisy"):
                by_prod[by_path[p].get("producer") or "?"].append(c)
        for prod, cs in sorted(by_prod.items()):
            print(f"  clean {prod:28s} n={len(cs):3d} mean {sum(cs) / len(cs):.4f} max {max(cs):.4f}")

    if a.worst:
        print("\nerrors (truth -> got):")
        for f in fields:
            if errors[f]:
                print(f"\n-- {f}: {len(errors[f])} errors")
                for path, want, got in errors[f][: a.worst]:
                    print(f"  {path}\n      want {want!r}\n      got  {got!r}")
    slow = sorted(results, key=lambda r: -r["seconds"])[:3]
    print("\nslowest: " + ", ".join(f"{r['path']} {r['seconds']:.2f}s" for r in slow))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            for r in results:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
