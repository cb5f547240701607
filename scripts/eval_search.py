"""Measure retrieval on a generated corpus: index DIR/archive, run DIR/queries.jsonl through
the one search function (`index.search`: `q` in the box, `filters` as structured
constraints), judge the letters it gives as matches (not the related ones after them), print per query type success@1, recall@10, nDCG@10, MRR and, for structured
filter queries, precision and recall of the whole result set; list the failing queries.

    python scripts/eval_search.py --corpus /work/shared/corpus/dev [--index DIR] [--reuse]
                                  [--with-scans] [--with-related] [--facets] [--mistakes]
                                  [--json OUT] [--show N]
    python scripts/eval_search.py --corpus /tmp/saraban-bench/thaigov-3000 --reuse \
                                  --title-queries 120
    python scripts/eval_search.py --corpus /tmp/saraban-bench/thaigov-5000 --reuse \
                                  --known-items 300

By default only txt and pdf letters are judged: scans (truth `format == "scan"`) are removed
from the judgments and from result lists, and queries left with nothing relevant are skipped.
`--mistakes` also searches every query as mistyped in each way of MISTAKES, and
`--title-queries` does only that, for a corpus without judged queries. `--known-items`
looks for texts of such a corpus by their headline (see `known_items`), with this project
and with the plain baseline of `scripts/plain_baseline.py` built on the same files.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

K = 10


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def group_of(q: dict) -> str:
    """The row a query is reported in: its type, split by how it was asked."""
    t = q["type"]
    f = q.get("filters") or {}
    if t == "subject":
        return "subject/filter" if f.get("subject") else "subject/box"
    if t in ("sender_date", "received", "refno"):
        return f"{t}/box" if q.get("q") else f"{t}/filter"
    return t


def is_set_query(q: dict) -> bool:
    """Structured filter queries: the whole result set is the answer."""
    t = q["type"]
    if t in ("sender_date", "received"):
        return True
    return t == "subject" and bool((q.get("filters") or {}).get("subject"))


def ranked_metrics(ranked: list[str], relevant: set[str]) -> dict:
    top = ranked[:K]
    hits = [1 if p in relevant else 0 for p in top]
    dcg = sum(h / math.log2(i + 2) for i, h in enumerate(hits))
    idcg = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), K)))
    rr = 0.0
    for i, p in enumerate(ranked):
        if p in relevant:
            rr = 1.0 / (i + 1)
            break
    # recall@10 is capped: with more than 10 relevant letters, 10 of them in the top 10
    # is full recall (else a query with 54 relevant letters could never exceed 0.19).
    found = sum(1 for p in ranked if p in relevant)
    return {"s1": float(bool(hits and hits[0])), "r10": sum(hits) / min(len(relevant), K),
            "rall": found / len(relevant),
            "ndcg10": dcg / idcg if idcg else 0.0, "mrr": rr}


def set_metrics(results: list[str], relevant: set[str]) -> dict:
    got = set(results)
    inter = len(got & relevant)
    return {"P": inter / len(got) if got else (1.0 if not relevant else 0.0),
            "R": inter / len(relevant) if relevant else 1.0}


def build_index(corpus: Path, index: Path | None, reuse: bool) -> Path:
    from index.reindex import run

    if index is None:
        index = Path(tempfile.mkdtemp(prefix="saraban-eval-")) / "index"
    if reuse and (index / "CURRENT").exists():
        print(f"reusing index {index}", file=sys.stderr)
        return index
    t0 = time.monotonic()
    code, summary = run(corpus / "archive", index, jobs=2, quiet=True)
    print(f"indexed {corpus / 'archive'} -> {index}: {summary.line()} "
          f"(exit {code}, {time.monotonic() - t0:.1f} s)", file=sys.stderr)
    return index


def evaluate(corpus: Path, index: Path, with_scans: bool = False,
             with_related: bool = False) -> list[dict]:
    from index import search

    truth = {t["path"]: t for t in load_jsonl(corpus / "truth.jsonl")}
    scans = set() if with_scans else {p for p, t in truth.items() if t.get("format") == "scan"}
    rows = []
    for q in load_jsonl(corpus / "queries.jsonl"):
        relevant = set(q["relevant"]) - scans
        if not relevant:
            continue
        t0 = time.perf_counter()
        res = search(index, q.get("q") or "", dict(q.get("filters") or {}),
                     per_page=100000, with_facets=False)
        seconds = time.perf_counter() - t0
        # Only matches are judged: related letters (offered after them, counted nowhere)
        # are not an answer the search gives; `with_related` judges the list as the page
        # shows it, related letters after the matches.
        hits = [h for h in res.hits if (with_related or not h.get("related"))
                and h["path"] not in scans]
        ranked = [h["path"] for h in hits]
        row = {"id": q["id"], "type": q["type"], "group": group_of(q), "q": q.get("q"),
               "filters": q.get("filters") or {}, "n_relevant": len(relevant),
               "total": len(ranked), "seconds": seconds,
               "top": [(h["path"], h["path"] in relevant, h.get("subject"), h.get("score"))
                       for h in hits][:5],
               "missed": sorted(relevant - set(ranked[:K]))[:5]}
        row.update(ranked_metrics(ranked, relevant))
        if is_set_query(q):
            row.update(set_metrics(ranked, relevant))
        rows.append(row)
    return rows


def facet_mismatches(corpus: Path, index: Path) -> tuple[int, list[str]]:
    """Every facet entry of every judged query, clicked: its count must be the total of
    the search with that facet as a filter (a year within the query's own dates).
    Returns (entries checked, entries whose count is not what clicking gives)."""
    from index import Filters, search, year_range

    checked, wrong = 0, []
    for q in load_jsonl(corpus / "queries.jsonl"):
        filters = dict(q.get("filters") or {})
        res = search(index, q.get("q") or "", filters, per_page=1)
        parsed = Filters.parse(filters)
        for name, entries in res.facets.items():
            for entry in entries:
                value = str(entry["value"])
                narrowed = dict(filters)
                if name == "year":
                    lo, hi = year_range(int(value), parsed.date_from, parsed.date_to)
                    narrowed.update(date_from=lo.isoformat(), date_to=hi.isoformat())
                else:
                    narrowed[name] = value
                got = search(index, q.get("q") or "", narrowed, per_page=1,
                             with_facets=False).total
                checked += 1
                if got != entry["count"]:
                    wrong.append(f"{q['id']}: {name}={value} shows {entry['count']}, "
                                 f"clicking gives {got}")
    return checked, wrong


# Kinds of mistake, each made the same way for every query (see `mistaken`).
MISTAKES = ("tone", "wrong_tone", "vowel", "lower_vowel", "lookalike", "layout")
_WRONG_TONE = {"\u0e48": "\u0e49", "\u0e49": "\u0e48", "\u0e4a": "\u0e49", "\u0e4b": "\u0e4a"}


def mistaken(q: str, kind: str) -> str | None:
    """The query as a clerk might mistype it, made the same way for every query; None when
    the mistake cannot happen to it. One character of the query's Thai changes, the one a
    hash of the query picks among those the kind can change (reproducible, not chosen):
    `tone` a tone mark or ์ left out, `wrong_tone` a tone mark typed as another,
    `vowel` an upper vowel left out, `lower_vowel` a lower vowel left out, `lookalike` a
    consonant typed as its look-alike or sound-alike; `layout` the whole query typed on the
    English keyboard layout (PyThaiNLP's Kedmanee map; digits stay, as a number pad types
    them)."""
    import zlib

    from pythainlp.util import thai_to_eng

    if kind == "layout":
        if not re.search("[\u0e01-\u0e4e]", q):
            return None
        return " ".join(w if re.fullmatch(r"[0-9][0-9.,:/]*", w) else thai_to_eng(w)
                        for w in q.split())
    if kind not in MISTAKES:
        raise ValueError(kind)
    # Reference numbers keep their letters: a mistyped number is another letter's number.
    from archive.refno import find_ref_numbers

    inside_ref = {i for s, e, _n in find_ref_numbers(q) for i in range(s, e)}
    from index._spelling import LOWER_VOWELS, PARTNERS, TONE_MARKS, UPPER_VOWELS

    # a consonant as the first of the letters a clerk mistakes it for (ข/ช, บ/ป, น/ณ)
    change = {"tone": {c: "" for c in TONE_MARKS}, "wrong_tone": _WRONG_TONE,
              "vowel": {c: "" for c in UPPER_VOWELS},
              "lower_vowel": {c: "" for c in LOWER_VOWELS},
              "lookalike": {c: others[0] for c, others in PARTNERS.items() if c != "ใ"}}[kind]
    at = [i for i, c in enumerate(q) if c in change and i not in inside_ref]
    if not at:
        return None
    i = at[zlib.crc32(q.encode("utf-8")) % len(at)]
    return q[:i] + change[q[i]] + q[i + 1:]


def title_queries(corpus: Path, count: int, seed: int = 7) -> list[dict]:
    """Queries for a corpus without judged ones (thaigov): a word of the headline of
    `count` texts picked at random (a run of Thai of 4+ characters; of a longer run, three
    of its words), the way a clerk types what a letter is about."""
    import random

    from pythainlp.tokenize import word_tokenize

    rng = random.Random(seed)
    files = sorted((corpus / "archive").rglob("*.txt"))
    out = []
    for path in rng.sample(files, min(count, len(files))):
        lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        head = re.sub(r"^\S*-ข่าวทำเนียบรัฐบาล-", " ", lines[0] if lines else "")
        words = [w for w in head.split() if re.fullmatch(r"[\u0e01-\u0e4e]{4,}", w)]
        if not words:
            continue
        word = rng.choice(words)
        if len(word) > 24:
            toks = word_tokenize(word)
            at = rng.randrange(max(1, len(toks) - 2))
            word = "".join(toks[at:at + 3])
        out.append({"id": f"title-{len(out):03d}", "type": "subject", "q": word, "filters": {}})
    return out


# Known-item search over texts without judged queries (thaigov): a text is looked for by its
# headline as its authors wrote it (the first line, without the site's running head),
# typed whole, typed up to the middle of a word, and by a few words of it.
KNOWN_ITEM_KINDS = ("headline", "cut", "fragment")
HEADLINE_CHARS = 120                            # a headline typed whole is cut here
_RUNNING_HEAD = re.compile(r"^\S*-ข่าวทำเนียบรัฐบาล-\s*")
_COMBINING = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def headline(path: Path) -> str:
    """The first line of a text as a person would type it (spaces collapsed)."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        first = next((line for line in fh if line.strip()), "")
    return " ".join(_RUNNING_HEAD.sub("", first.strip()).split())


def known_items(corpus: Path, count: int, seed: int = 19) -> list[dict]:
    """For `count` texts picked at random, one query of each KNOWN_ITEM_KINDS: `headline`
    (the first HEADLINE_CHARS characters), `cut` (the headline up to the middle of one of its
    words of 4+ characters, not the first ones: typing stopped there), `fragment` (2-4
    consecutive words of it, as written). Each query's relevant texts are those with the
    same headline (a text published twice)."""
    import random

    from pythainlp.tokenize import word_tokenize

    rng = random.Random(seed)
    archive = corpus / "archive"
    files = sorted(archive.rglob("*.txt"))
    heads = {p: headline(p) for p in files}
    same: dict[str, set[str]] = defaultdict(set)
    for p, h in heads.items():
        same[h].add(str(p.relative_to(archive)))
    out = []
    for path in rng.sample(files, min(count, len(files))):
        head = heads[path]
        relevant = same[head]
        spans, at = [], 0
        for tok in word_tokenize(head, engine="newmm", keep_whitespace=True):
            spans.append((at, at + len(tok), tok))
            at += len(tok)
        words = [(s, e) for s, e, t in spans if re.search(r"[^\W_]", t)]
        if len(words) < 3:
            continue
        queries = {"headline": head[:HEADLINE_CHARS]}
        inside = [(s, e) for s, e in words if e - s >= 4 and s >= 20 and s < HEADLINE_CHARS - 4]
        if inside:
            s, e = rng.choice(inside)
            cut = s + max(2, (e - s) // 2)
            while cut < e and _COMBINING.match(head[cut]):
                cut += 1  # typing stops after a whole character, marks included
            if cut < e:
                queries["cut"] = head[:cut]
        size = rng.randint(2, min(4, len(words)))
        first = rng.randrange(len(words) - size + 1)
        queries["fragment"] = head[words[first][0]:words[first + size - 1][1]]
        for kind, q in queries.items():
            out.append({"id": f"{kind}-{len(out):04d}", "type": kind, "q": q,
                        "relevant": sorted(relevant)})
    return out


def known_item_rows(queries: list[dict], ranked_by) -> list[dict]:
    """Per query: success@1, reciprocal rank within the first K, and whether nothing came
    back; `ranked_by(q)` gives the paths found, best first."""
    rows = []
    for q in queries:
        t0 = time.perf_counter()
        ranked = ranked_by(q["q"])[:K]
        seconds = time.perf_counter() - t0
        at = next((i for i, p in enumerate(ranked) if p in q["relevant"]), None)
        rows.append({"id": q["id"], "type": q["type"], "q": q["q"], "seconds": seconds,
                     "s1": float(at == 0), "mrr": 0.0 if at is None else 1.0 / (at + 1),
                     "empty": not ranked, "first": ranked[0] if ranked else None,
                     "relevant": q["relevant"]})
    return rows


def known_item_table(results: dict[str, list[dict]]) -> str:
    """success@1, MRR@10, queries that found nothing, and the median time, per kind of
    query and per search compared."""
    head = f"{'':<22}" + "".join(f"{kind:>26}" for kind in KNOWN_ITEM_KINDS)
    sub = f"{'search':<22}" + f"{'n':>5}{'s@1':>6}{'MRR':>6}{'empty':>6}{'ms':>5}" * len(
        KNOWN_ITEM_KINDS)
    lines = [head, sub, "-" * len(sub)]
    for name, rows in results.items():
        line = f"{name:<22}"
        for kind in KNOWN_ITEM_KINDS:
            rs = [r for r in rows if r["type"] == kind]
            if not rs:
                line += f"{'':>26}"
                continue
            ms = sorted(r["seconds"] for r in rs)[len(rs) // 2] * 1000
            line += (f"{len(rs):>5}{sum(r['s1'] for r in rs) / len(rs):6.3f}"
                     f"{sum(r['mrr'] for r in rs) / len(rs):6.3f}"
                     f"{sum(r['empty'] for r in rs):>6}{ms:5.0f}")
        lines.append(line)
    return "\n".join(lines)


def print_known_items(corpus: Path, index: Path, count: int, baseline: Path | None,
                      reuse: bool, show: int) -> list[dict]:
    """The known-item queries of `count` texts, searched by the project and by the plain
    baseline (scripts.plain_baseline) built on the same files."""
    from index import search

    from scripts import plain_baseline

    queries = known_items(corpus, count)
    base_dir = baseline or index.parent / "plain-baseline"
    plain = plain_baseline.build(corpus / "archive", base_dir, reuse)

    def ours(text):
        found = search(index, text, per_page=K, with_facets=False, snippets=False)
        return [h["path"] for h in found.hits if not h["related"]]

    with plain.searcher() as s:
        results = {"saraban": known_item_rows(queries, ours),
                   "plain newmm + Whoosh": known_item_rows(
                       queries, lambda text: plain_baseline.search(s, text, K))}
    print(f"\nknown-item queries, {count} texts of {corpus} (success@1, MRR@{K}, queries "
          "that found nothing, median ms):")
    print(known_item_table(results))
    for name, rows in results.items():
        missed = [r for r in rows if r["s1"] < 1.0]
        print(f"\n{name}: {len(missed)} not first")
        for r in missed[:show]:
            print(f"  {r['id']} {'EMPTY' if r['empty'] else 'rr=%.2f' % r['mrr']} "
                  f"q={r['q']!r}\n      first {r['first']}\n      want  {r['relevant'][0]}")
    return [dict(r, search=name) for name, rows in results.items() for r in rows]


def mistake_rates(queries: list[dict], index: Path, kinds: tuple[str, ...] = MISTAKES) -> dict:
    """Per kind of mistake: of the judged queries whose correct form finds letters, how
    many reach the correct form's first letter among their first 10, as searched (the
    corrected results included) or by following the offered suggestion; how many of
    those through the suggestion; the added time (median, ms); the queries that do not."""
    from index import search

    out = {}
    for kind in kinds:
        reached = tried = suggested = 0
        extra, missed = [], []
        for q in queries:
            typed = mistaken(q.get("q") or "", kind)
            filters = q.get("filters") or {}
            if typed is None:
                continue
            right = search(index, q["q"], filters, per_page=1, with_facets=False)
            if not right.total:  # (a related letter is no match)
                continue
            target = right.hits[0]["path"]
            t = time.perf_counter()
            wrong = search(index, typed, filters, per_page=10)
            extra.append(time.perf_counter() - t)
            t = time.perf_counter()
            search(index, q["q"], filters, per_page=10)
            extra[-1] -= time.perf_counter() - t
            tried += 1
            if target in [h["path"] for h in wrong.hits if not h["related"]]:
                reached += 1
            elif wrong.suggestion and target in [h["path"] for h in search(
                    index, wrong.suggestion, filters, per_page=10).hits if not h["related"]]:
                reached += 1
                suggested += 1
            else:
                missed.append(f"{q['id']}: {typed!r} (for {q['q']!r}) -> "
                              f"{(wrong.corrected or {}).get('query') or wrong.suggestion!r}, "
                              f"{wrong.total} letters")
        extra.sort()
        out[kind] = {"reached": reached, "tried": tried, "suggested": suggested,
                     "ms": 1000 * extra[len(extra) // 2] if extra else 0.0, "missed": missed}
    return out


def false_corrections(queries: list[dict], index: Path) -> list[str]:
    """Queries, typed correctly, that the search corrected or offered a correction for (a
    correct query's results never change; a suggestion there is noise)."""
    from index import search

    out = []
    for q in queries:
        found = search(index, q.get("q") or "", q.get("filters") or {}, per_page=1,
                       with_facets=False)
        if found.corrected or found.suggestion:
            out.append(f"{q['id']}: {q.get('q')!r} -> corrected {found.corrected}, "
                       f"suggestion {found.suggestion!r}")
    return out


def print_mistakes(queries: list[dict], index: Path, show: int) -> None:
    print(f"\nmistyped queries, {len(queries)} queries (the correct query's first letter "
          "among the first 10, as searched or through the suggestion):")
    for kind, r in mistake_rates(queries, index).items():
        print(f"  {kind:<12} {r['reached']:>3} of {r['tried']:<3} "
              f"({r['suggested']} through the suggestion); added time, median "
              f"{r['ms']:.1f} ms")
        for line in r["missed"][:show]:
            print(f"      {line}")
    wrong = false_corrections(queries, index)
    print(f"  correct queries corrected or offered a correction: {len(wrong)}")
    for line in wrong[:show]:
        print(f"      {line}")


def failing(row: dict) -> str | None:
    """Why a query counts as failing, or None."""
    if "P" in row and (row["P"] < 1.0 or row["R"] < 1.0):
        return f"set P={row['P']:.2f} R={row['R']:.2f}"
    if row["type"] in ("refno", "received", "sender_date") and row["s1"] < 1.0:
        return "not first"
    if row["type"] == "phrase" and row["r10"] < 1.0:
        return f"recall@10={row['r10']:.2f}"
    if row["ndcg10"] < 0.8:
        return f"nDCG@10={row['ndcg10']:.2f}"
    return None


def table(rows: list[dict]) -> str:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r["group"]].append(r)
        groups[f"= {r['type']}"].append(r) if r["type"] != r["group"] else None
    groups["= ALL"] = list(rows)
    head = f"{'type':<20}{'n':>4}{'s@1':>7}{'R@10':>7}{'nDCG':>7}{'MRR':>7}{'Rall':>7}{'setP':>7}{'setR':>7}{'ms':>7}"
    lines = [head, "-" * len(head)]

    def order(name):
        base = name[2:] if name.startswith("= ") else name.split("/")[0]
        return (base == "ALL", base, name.startswith("= "), name)

    for name in sorted(groups, key=order):
        rs = groups[name]
        if name.startswith("= ") and name != "= ALL" and len(
                {r["group"] for r in rs}) < 2:
            continue
        n = len(rs)
        avg = lambda key: sum(r[key] for r in rs) / n  # noqa: E731
        sets = [r for r in rs if "P" in r]
        sp = f"{sum(r['P'] for r in sets) / len(sets):7.3f}" if sets else f"{'':>7}"
        sr = f"{sum(r['R'] for r in sets) / len(sets):7.3f}" if sets else f"{'':>7}"
        lines.append(f"{name:<20}{n:>4}{avg('s1'):7.3f}{avg('r10'):7.3f}{avg('ndcg10'):7.3f}"
                     f"{avg('mrr'):7.3f}{avg('rall'):7.3f}{sp}{sr}{1000 * avg('seconds'):7.0f}")
    return "\n".join(lines)


def compare_segmenters(corpus: Path, engines: list[str], sample: int = 60) -> None:
    """The measurement behind the analyzer's choice: for each engine, how many of the
    everyday compound probes (tests/index/test_compounds.py) a phrase of its tokens misses,
    and its speed on letters of the corpus."""
    from index._segment import terms
    from tests.index.test_compounds import PROBES

    texts = []
    clean = corpus / "clean_text.jsonl"
    if clean.exists():
        texts = [r["text"] for r in load_jsonl(clean)[:sample]]
    print(f"{'engine':<10}{'probe misses':>14}{'chars/s':>10}{'tokens/letter':>15}")
    for engine in engines:
        misses = []
        for word, sentence in PROBES:
            seq, toks = terms(word, engine), terms(sentence, engine)
            if not any(toks[i:i + len(seq)] == seq for i in range(len(toks) - len(seq) + 1)):
                misses.append(word)
        t0, n_tok = time.perf_counter(), 0
        for text in texts:
            n_tok += len(terms(text + " " + engine, engine))  # defeat the run cache
        dt = time.perf_counter() - t0
        chars = sum(len(t) for t in texts)
        speed = f"{chars / dt:10.0f}" if texts else f"{'':>10}"
        per = f"{n_tok / len(texts):15.0f}" if texts else f"{'':>15}"
        print(f"{engine:<10}{len(misses):>8}/{len(PROBES):<5}{speed}{per}  {' '.join(misses[:8])}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--index", type=Path, help="index folder (default: a temporary one)")
    ap.add_argument("--reuse", action="store_true", help="use the index as it is if present")
    ap.add_argument("--with-scans", action="store_true", help="judge scan documents too")
    ap.add_argument("--json", type=Path, help="write per-query rows here")
    ap.add_argument("--show", type=int, default=40, help="failing queries to list")
    ap.add_argument("--with-related", action="store_true",
                    help="judge the related letters shown after the matches too")
    ap.add_argument("--facets", action="store_true",
                    help="also click every facet of every query and check its count")
    ap.add_argument("--mistakes", action="store_true",
                    help="also search each query as mistyped (see MISTAKES) and report how "
                    "many still reach the letters the correct query finds")
    ap.add_argument("--title-queries", type=int, metavar="N",
                    help="for a corpus without judged queries (thaigov): only --mistakes, "
                    "over a word of N texts' headlines")
    ap.add_argument("--known-items", type=int, metavar="N",
                    help="for a corpus of texts without judged queries (thaigov): look for N "
                    "texts by their headline (whole, cut inside a word, a few words of it) "
                    "and compare with a plain newmm + Whoosh index of the same files")
    ap.add_argument("--baseline-index", type=Path,
                    help="where the plain baseline's index is kept (default: beside --index)")
    ap.add_argument("--segmenters", help="compare segmentation engines (e.g. newmm,icu,"
                    "longest) on the compound probes and the corpus text, then stop")
    args = ap.parse_args(argv)
    if args.segmenters:
        compare_segmenters(args.corpus, args.segmenters.split(","))
        return 0

    index = build_index(args.corpus, args.index, args.reuse)
    if args.title_queries or args.known_items:
        if args.title_queries:
            print_mistakes(title_queries(args.corpus, args.title_queries), index, args.show)
        if args.known_items:
            rows = print_known_items(args.corpus, index, args.known_items,
                                     args.baseline_index, args.reuse, args.show)
            if args.json:
                args.json.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                             for r in rows))
        return 0
    rows = evaluate(args.corpus, index, args.with_scans, args.with_related)
    print(f"corpus {args.corpus} ({'all formats' if args.with_scans else 'txt+pdf judged'}"
          f"{', related letters too' if args.with_related else ', matches only'}), "
          f"{len(rows)} queries")
    print(table(rows))
    fails = [(r, why) for r in rows if (why := failing(r))]
    print(f"\nfailing: {len(fails)}")
    for r, why in fails[:args.show]:
        print(f"  {r['id']:<16} {why:<22} q={r['q']!r} filters={json.dumps(r['filters'], ensure_ascii=False)}"
              f" relevant={r['n_relevant']} returned={r['total']}")
        for path, ok, subject, score in r["top"][:3]:
            print(f"      {'+' if ok else '-'} {score} {path} | {subject}")
        if r["missed"]:
            print(f"      missed: {', '.join(r['missed'][:3])}")
    if args.facets:
        checked, wrong = facet_mismatches(args.corpus, index)
        print(f"\nfacets: {checked} entries clicked, {len(wrong)} counts differ from what "
              "clicking gives")
        for line in wrong[:args.show]:
            print(f"  {line}")
    if args.mistakes:
        print_mistakes(load_jsonl(args.corpus / "queries.jsonl"), index, args.show)
    if args.json:
        args.json.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
