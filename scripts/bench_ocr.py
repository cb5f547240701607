"""OCR benchmark on the scans of a generated corpus (truth.jsonl rows with format "scan").

    python scripts/bench_ocr.py [--corpus DIR] [--limit N] [--jobs 2] [--dpi 200] [--psm 3]
                                [--config "textord_min_linesize=2.5"] [--json out.json]
    OMP_THREAD_LIMIT=1 python scripts/bench_ocr.py --versus-plain --limit 10 --jobs 2

Prints CER (edit distance of whitespace-free texts / reference length, as the corpus's
check_extraction.py) of Tesseract's raw text, after archive.ocr's fixes and after
archive.repair (when present), the CER of the digits alone, seconds per page (wall and
Tesseract CPU), and the settings used. `--versus-plain` instead times reading the scans as
reindex does (every step after OCR included) against plain `tesseract` on the same pages.
"""
from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import re
import resource
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import settings as app_settings

DEFAULT_CORPUS = app_settings.corpus_dir()
_DIGITS = re.compile(r"[0-9๐-๙]")


def levenshtein(a: str, b: str) -> int:
    """Bit-parallel edit distance (Myers 1999 / Hyyro 2001), exact; as check_extraction.py."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    peq: dict[str, int] = {}
    for i, c in enumerate(b):
        peq[c] = peq.get(c, 0) | (1 << i)
    m = len(b)
    full, top = (1 << m) - 1, 1 << (m - 1)
    pv, mv, score = full, 0, m
    for c in a:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return score


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def cer(ref: str, hyp: str) -> float:
    ref, hyp = squash(ref), squash(hyp)
    return levenshtein(ref, hyp) / max(1, len(ref))


def digit_cer(ref: str, hyp: str) -> float | None:
    """Errors in the digits alone (Thai digits are the OCR model's weak spot)."""
    rd = "".join(_DIGITS.findall(ref))
    if not rd:
        return None
    trans = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
    return levenshtein(rd.translate(trans), "".join(_DIGITS.findall(hyp)).translate(trans)) / len(rd)


def _ocr_settings(settings: dict):  # noqa: ANN202 - archive.ocr.OcrSettings
    from archive import ocr

    return dataclasses.replace(
        ocr.DEFAULT_SETTINGS, render_dpi=settings["dpi"], psm=settings["psm"],
        tesseract_config=tuple(x for c in settings["config"] if c for x in ("-c", c)),
        remove_leaders=settings["leaders"],
        second_pass_config=ocr.DEFAULT_SETTINGS.second_pass_config if settings["second_pass"] else None)


def _run(path: str, cfg) -> dict:  # noqa: ANN001 - archive.ocr.OcrSettings
    from archive import ocr
    from archive.ocr._render import render_pdfium

    t0 = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    import pypdfium2 as pdfium

    n = len(pdfium.PdfDocument(path))
    raw_pages = []
    for _number, img in render_pdfium(Path(path), list(range(1, n + 1)), cfg.render_dpi):
        raw_pages.append(ocr.recognize(img, cfg.render_dpi, cfg) if img is not None else "")
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"pages": n, "raw": "\n".join(raw_pages), "wall": time.perf_counter() - t0,
            "cpu": (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)}


def _read_whole(path: str) -> int:
    """The product's reading of one scan (OCR, numbers read again, marks put back)."""
    from archive import read_document

    return read_document(Path(path)).pages or 0


def _plain_tesseract(png: str) -> None:
    import subprocess

    from archive import ocr
    cfg = ocr.DEFAULT_SETTINGS
    subprocess.run(["tesseract", png, "-", "-l", cfg.language, "--psm", str(cfg.psm)],
                   capture_output=True, check=False)


def versus_plain(paths: list[str], jobs: int) -> None:
    """Pages/s of reading the scans as reindex does, against plain `tesseract` on the same
    pages rendered at the same resolution (rendering not timed)."""
    import tempfile

    from archive import ocr
    from archive.ocr._render import render_pdfium

    cfg = ocr.DEFAULT_SETTINGS
    with tempfile.TemporaryDirectory() as tmp:
        pngs = []
        for k, path in enumerate(paths):
            import pypdfium2 as pdfium
            n = len(pdfium.PdfDocument(path))
            for number, img in render_pdfium(Path(path), list(range(1, n + 1)), cfg.render_dpi):
                if img is not None:
                    png = f"{tmp}/{k}-{number}.png"
                    img.save(png)
                    pngs.append(png)
        t0 = time.perf_counter()
        with ProcessPoolExecutor(jobs) as ex:
            pages = sum(ex.map(_read_whole, paths))
        ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        with ProcessPoolExecutor(jobs) as ex:
            list(ex.map(_plain_tesseract, pngs))
        plain = time.perf_counter() - t0
    print(f"{len(paths)} scans, {pages} pages, {jobs} jobs, OMP_THREAD_LIMIT="
          f"{app_settings.child_env().get('OMP_THREAD_LIMIT', '(unset)')}")
    print(f"reading as reindex does: {pages / ours:.2f} pages/s ({ours:.0f} s)")
    print(f"plain tesseract {cfg.language} --psm {cfg.psm} at {cfg.render_dpi} dpi: "
          f"{len(pngs) / plain:.2f} pages/s ({plain:.0f} s)")
    print(f"ratio: {ours / plain * len(pngs) / max(pages, 1):.2f}x the time of plain tesseract")


def _stats(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"mean {statistics.mean(values):.4f} median {statistics.median(values):.4f} max {max(values):.4f}"


def main(argv: list[str] | None = None) -> int:
    from archive import ocr
    from archive.ocr._engine import tesseract_has_thai

    default = ocr.DEFAULT_SETTINGS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="an evenly spread subset of N scans")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dpi", type=int, default=default.render_dpi)
    ap.add_argument("--psm", type=int, default=default.psm)
    ap.add_argument("--config", action="append", default=None,
                    help="Tesseract -c setting (repeatable); default: archive.ocr's")
    ap.add_argument("--leaders", choices=["on", "off"], default="on" if default.remove_leaders else "off",
                    help="remove dotted leader lines before OCR")
    ap.add_argument("--second-pass", choices=["on", "off"], default="on",
                    help="read pages with junk lines again with OcrSettings.second_pass_config")
    ap.add_argument("--json", type=Path, help="write per-file results here")
    ap.add_argument("--versus-plain", action="store_true",
                    help="only time reading the scans as reindex does against plain tesseract")
    args = ap.parse_args(argv)

    if not tesseract_has_thai():
        print("Tesseract with Thai data is not installed (apt-get install tesseract-ocr tesseract-ocr-tha)",
              file=sys.stderr)
        return 2
    try:
        from archive.repair import repair_text
    except ImportError:
        repair_text = None
    truth = [json.loads(line) for line in open(args.corpus / "truth.jsonl", encoding="utf-8")]
    clean = {}
    for line in open(args.corpus / "clean_text.jsonl", encoding="utf-8"):
        row = json.loads(line)
        clean[row["path"]] = row["text"]
    scans = [r for r in truth if r["format"] == "scan"]
    if args.limit and args.limit < len(scans):
        step = len(scans) / args.limit
        scans = [scans[int(i * step)] for i in range(args.limit)]
    config = args.config if args.config is not None else [
        v for k, v in zip(default.tesseract_config[::2], default.tesseract_config[1::2]) if k == "-c"]
    config = [c for c in config if c]
    settings = {"dpi": args.dpi, "psm": args.psm, "config": config, "leaders": args.leaders == "on",
                "second_pass": args.second_pass == "on"}
    cfg = _ocr_settings(settings)
    print(f"settings: lang={cfg.language} dpi={args.dpi} psm={args.psm} config={config} leaders={args.leaders} "
          f"second_pass={' '.join(cfg.second_pass_config or ()) or 'off'} "
          f"preprocess=grayscale scans={len(scans)} jobs={args.jobs}", flush=True)

    paths = [str(args.corpus / "archive" / r["path"]) for r in scans]
    if args.versus_plain:
        versus_plain(paths, args.jobs)
        return 0
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as ex:
        results = list(ex.map(_run, paths, itertools.repeat(cfg)))
    wall = time.perf_counter() - t0

    rows, groups = [], {}
    for rec, res in zip(scans, results):
        ref = clean[rec["path"]]
        fixed = ocr.postprocess(res["raw"], cfg)
        row = {"path": rec["path"], "producer": rec["producer"], "pages": res["pages"],
               "cer_raw": cer(ref, res["raw"]), "cer_ocr": cer(ref, fixed),
               "digits": digit_cer(ref, fixed), "wall": res["wall"], "cpu": res["cpu"]}
        if repair_text is not None:
            repaired = repair_text(fixed)
            row["cer_repair"] = cer(ref, repaired)
            row["text"] = repaired
        else:
            row["text"] = fixed
        rows.append(row)
        kind = "bilevel" if "bilevel" in rec["producer"] else "grey-jpeg"
        groups.setdefault(kind, []).append(row.get("cer_repair", row["cer_ocr"]))

    pages = sum(r["pages"] for r in rows)
    print(f"CER raw Tesseract    : {_stats([r['cer_raw'] for r in rows])}")
    print(f"CER after OCR fixes  : {_stats([r['cer_ocr'] for r in rows])}")
    if repair_text is not None:
        print(f"CER after repair     : {_stats([r['cer_repair'] for r in rows])}")
    else:
        print("CER after repair     : archive.repair not available")
    for kind, values in sorted(groups.items()):
        print(f"  {kind:10s} n={len(values):3d} final {_stats(values)}")
    print(f"digit CER            : {_stats([r['digits'] for r in rows if r['digits'] is not None])}")
    print(f"pages {pages}; seconds/page: wall {sum(r['wall'] for r in rows) / pages:.2f} per worker, "
          f"Tesseract CPU {sum(r['cpu'] for r in rows) / pages:.2f}; total wall {wall:.0f}s")
    if args.json:
        args.json.write_text(json.dumps({"settings": settings, "rows": rows}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
