"""Search benchmark: latency and throughput of `/api/search` as `saraban serve` serves it.

    python scripts/bench_search.py --letters 20000 [--clients 1,8] [--repeat 3]
    python scripts/bench_search.py --thaigov 20000          # real government texts
    python scripts/bench_search.py --corpus DIR --in-process # index.search in this process
    python scripts/bench_search.py --letters 20000 --reuse --sign-in none   # a signed-in user

Generates (and keeps, in --workdir) a corpus with the shared generator (text letters, seed
5, with its judged queries) or unpacks the thaigov texts, indexes it once (--reuse keeps the
index), starts `saraban serve` on it as shipped and sends a fixed mix (TYPICAL below plus the
corpus's judged queries: rare and frequent words, compounds, phrases, syntax, numbers,
sender and date filters, date-sorted lists, the empty query) to /api/search, first from one
client, then from several at once. Prints p50/p95/p99 per query type (for one client, the
first pass over the mix apart from the repeats: a server keeps what a commit's searches
read, so the first pass is what a query nobody asked before costs; the several clients come
after it), requests/s, and the RSS and PSS of all server processes after the load.
`--in-process` calls index.search directly instead (for profiling with py-spy or
pyinstrument). Prints figures; asserts nothing.

`--sign-in CLEARANCE` serves with sign-in on: a users file in --workdir with one user of
that clearance (made afresh each run), and every request sends that user's HTTP Basic
credentials, as a script calling the API does. It also prints, once, what the first Basic
request (the password check) and a sign-in through the form cost, and checks that a
request without credentials gets 401. With `--in-process` the clearance is passed to
index.search. Without it the server is started with a users file that does not exist, so
sign-in is off whatever lies beside the index.
"""
from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tarfile
import threading
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index import CLEARANCES  # noqa: E402
from scripts.benchutil import PeakMemory, generate, pct, saraban_cmd, tree_memory  # noqa: E402

THAIGOV = ROOT.parent / "shared" / "corpus" / "thaigov" / "thaigov-20k.tar.xz"

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
    ("list/date", "ประชุม", {"sort": "date"}),
    ("list/date", "", {"kind": "คำสั่ง", "sort": "date_asc"}),
    ("list/date", "", {"date_from": "2566", "date_to": "2566", "sort": "date", "page": "3"}),
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


def thaigov_corpus(workdir: Path, count: int) -> Path:
    """The first `count` thaigov texts as an archive (headline, blank line, body)."""
    out = workdir / f"thaigov-{count}"
    archive = out / "archive"
    if archive.is_dir():
        return out
    print(f"unpacking {count} thaigov texts into {archive} ...", file=sys.stderr, flush=True)
    done = 0
    with tarfile.open(THAIGOV) as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            target = archive / Path(*Path(member.name).parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tar.extractfile(member).read())
            done += 1
            if done >= count:
                break
    return out


def ensure_index(archive: Path, index: Path, reuse: bool) -> None:
    if reuse and (index / "CURRENT").exists():
        return
    t0 = time.monotonic()
    proc = subprocess.run(saraban_cmd("reindex", "--archive", archive, "--index", index,
                                      "--jobs", 2, "--quiet"),
                          cwd=ROOT, capture_output=True, text=True)
    print(f"indexed {archive} in {time.monotonic() - t0:.0f} s (exit {proc.returncode})",
          file=sys.stderr, flush=True)


def split(params: dict) -> tuple[dict, str, int]:
    """(filters, sort, page) of a query's parameters."""
    filters = {k: v for k, v in params.items() if k not in ("sort", "page")}
    return filters, params.get("sort", "relevance"), int(params.get("page", 1))


def table(times: dict[str, list[float]]) -> str:
    every = [x for xs in times.values() for x in xs]
    lines = [f"{'type':<14}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"]
    for kind, xs in [(k, times[k]) for k in sorted(times)] + [("ALL", every)]:
        lines.append(f"{kind:<14}{len(xs):>5}{1000 * statistics.median(xs):9.0f}"
                     f"{1000 * pct(xs, 95):9.0f}{1000 * pct(xs, 99):9.0f}{1000 * max(xs):9.0f}")
    return "\n".join(lines)


def in_process(index: Path, queries, repeat: int, per_page: int,
               clearance: str | None = None) -> None:
    from index import search

    t0 = time.perf_counter()
    search(index, "ประชุม", clearance=clearance)
    print(f"first search (opens the index) {1000 * (time.perf_counter() - t0):.0f} ms")
    rounds: list[dict[str, list[float]]] = []
    for _ in range(repeat):
        times: dict[str, list[float]] = defaultdict(list)
        for kind, q, params in queries:
            filters, sort, page = split(params)
            t = time.perf_counter()
            search(index, q, filters, sort=sort, page=page, per_page=per_page,
                   clearance=clearance)
            times[kind].append(time.perf_counter() - t)
        rounds.append(times)
    print_rounds(rounds)


def print_rounds(rounds: list[dict[str, list[float]]]) -> None:
    """The first pass over the mix apart from the repeats: a search keeps what it read of
    a commit (postings, phrases) for the next ones, so the first pass is what a query
    nobody asked before costs."""
    print("first pass:")
    print(table(rounds[0]))
    if len(rounds) > 1:
        merged: dict[str, list[float]] = defaultdict(list)
        for times in rounds[1:]:
            for kind, xs in times.items():
                merged[kind] += xs
        print(f"repeat pass{'es' if len(rounds) > 2 else ''}:")
        print(table(merged))


def _url(base: str, q: str, params: dict, per_page: int) -> str:
    return base + "/api/search?" + urllib.parse.urlencode({"q": q, **params, "per_page": per_page})


# Sent with every request when the benchmark signs in (HTTP Basic, as scripts do).
HEADERS: dict[str, str] = {}
USER = "bench"


def _get(url: str, signed: bool = True) -> float:
    t = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers=HEADERS if signed else {}),
                                timeout=120) as resp:
        resp.read()
        if resp.status != 200:
            raise RuntimeError(f"{resp.status} for {url}")
    return time.perf_counter() - t


def users_file(workdir: Path, clearance: str | None) -> tuple[Path, str | None]:
    """A fresh users file in `workdir` (and its audit log beside it) holding one user of
    `clearance`, and the user's password; for sign-in off, a path where there is no file."""
    folder = workdir / "bench-signin"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "users.db"
    for old in folder.iterdir():
        if old.name.startswith("users"):   # the file, its -wal/-shm, the audit log
            old.unlink()
    if clearance is None:
        return path, None
    from web.users import Users

    password = secrets.token_urlsafe(18)
    users = Users(path)
    users.add(USER, clearance, password)
    users.close()
    return path, password


def _status(port: int, method: str, path: str, body: str | None = None,
            headers: dict | None = None) -> tuple[float, int, http.client.HTTPResponse, bytes]:
    """(seconds, status, response, body) of one request, redirects not followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        t = time.perf_counter()
        conn.request(method, path, body=body and body.encode(), headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return time.perf_counter() - t, resp.status, resp, data
    finally:
        conn.close()


def _search_path(per_page: int) -> str:
    return "/api/search?" + urllib.parse.urlencode({"q": "ประชุม", "per_page": per_page})


def check_basic(port: int, per_page: int) -> None:
    """Prints what HTTP Basic costs, once: no credentials (must be 401), the first Basic
    request (the server checks the password, then remembers it a while in that worker
    process) and the ones after it."""
    took, status, resp, _ = _status(port, "GET", _search_path(per_page))
    challenge = resp.getheader("WWW-Authenticate") or ""
    if status != 401 or not challenge.startswith("Basic"):
        sys.exit(f"a search without credentials got {status} {challenge!r}, not 401 Basic")
    print(f"without credentials: {status} ({challenge.split(',')[0]}) in {1000 * took:.0f} ms")
    # A route that checks the credentials but reads nothing of the index (no such letter).
    probe = "/api/documents/" + urllib.parse.quote("no such letter")
    basic = []
    for _ in range(11):
        took, status, _resp, _ = _status(port, "GET", probe, headers=HEADERS)
        if status != 404:
            sys.exit(f"a Basic request got {status}, not 404")
        basic.append(took)
    print(f"HTTP Basic: first request {1000 * basic[0]:.0f} ms (checks the password); next 10: "
          f"median {1000 * statistics.median(basic[1:]):.1f} ms, max {1000 * max(basic[1:]):.0f} ms"
          f" (every worker process checks it at its first, then once a minute)", flush=True)


def check_session(port: int, password: str, per_page: int) -> None:
    """Prints what a sign-in through the form costs (GET /login for the CSRF token, POST
    /login), and a search with the session cookie it sets (after the first search)."""
    t0 = time.perf_counter()
    took_get, status, resp, page = _status(port, "GET", "/login")
    cookies = [c.split(";", 1)[0] for c in resp.msg.get_all("Set-Cookie") or []]
    token = re.search(rb'name="csrf_token" value="([^"]+)"', page)
    if status != 200 or not token or not cookies:
        sys.exit(f"GET /login gave {status}, no csrf_token or no cookie")
    form = urllib.parse.urlencode({"username": USER, "password": password,
                                   "csrf_token": token.group(1).decode(), "next": "/"})
    took_post, status, resp, _ = _status(
        port, "POST", "/login", form,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(cookies)})
    signed = [c.split(";", 1)[0] for c in resp.msg.get_all("Set-Cookie") or []]
    if status != 302 or not signed:
        sys.exit(f"POST /login gave {status}, not a redirect with a session cookie")
    total = time.perf_counter() - t0
    took_search, status, _resp, _ = _status(port, "GET", _search_path(per_page),
                                            headers={"Cookie": signed[0]})
    if status != 200:
        sys.exit(f"a search with the session cookie got {status}")
    print(f"session sign-in: GET /login {1000 * took_get:.0f} ms + POST /login "
          f"{1000 * took_post:.0f} ms = {1000 * total:.0f} ms; a search with the cookie "
          f"{1000 * took_search:.0f} ms", flush=True)


def over_http(index: Path, archive: Path, queries, repeat: int, per_page: int,
              clients: list[int], port: int, users: Path, password: str | None) -> None:
    server = subprocess.Popen(saraban_cmd("serve", "--archive", archive, "--index", index,
                                          "--port", port, "--users", users),
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    HEADERS.clear()
    if password is not None:
        HEADERS["Authorization"] = "Basic " + base64.b64encode(
            f"{USER}:{password}".encode()).decode()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/healthz", signed=False)   # as monitoring asks: no credentials
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("the server did not start: " + server.stderr.read().decode()[-2000:])
                time.sleep(0.3)
        if password is not None:
            check_basic(port, per_page)
        first = _get(_url(base, "ประชุม", {}, per_page))
        rss, pss = tree_memory(server.pid)
        print(f"server up: RSS {rss:.0f} MB, PSS {pss:.0f} MB; first search {1000 * first:.0f} ms",
              flush=True)
        if password is not None:
            check_session(port, password, per_page)
        urls = [(kind, _url(base, q, params, per_page)) for kind, q, params in queries]
        with PeakMemory(server.pid) as peak:
            for n in clients:
                rounds = [defaultdict(list) for _ in range(repeat if n == 1 else 1)]
                lock = threading.Lock()

                def client(offset: int):
                    for times in rounds:
                        for i in range(len(urls)):
                            kind, url = urls[(i + offset * 7) % len(urls)]
                            took = _get(url)
                            with lock:
                                times[kind].append(took)

                started = time.perf_counter()
                threads = [threading.Thread(target=client, args=(k,)) for k in range(n)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                wall = time.perf_counter() - started
                done = sum(len(xs) for times in rounds for xs in times.values())
                print(f"\n{n} client{'s' if n > 1 else ''}: {done} requests in {wall:.1f} s = "
                      f"{done / wall:.1f} requests/s", flush=True)
                if n == 1:
                    print_rounds(rounds)
                else:
                    print(table(rounds[0]), flush=True)
        rss, pss = tree_memory(server.pid)
        print(f"\nserver memory after the load: RSS {rss:.0f} MB, PSS {pss:.0f} MB "
              f"(all processes); peak RSS during the load {peak.rss:.0f} MB")
        if password is not None:
            audit = users.with_name(users.stem + "-audit.jsonl")
            with open(audit, "rb") as fh:
                events = sum(1 for _ in fh)
            print(f"audit log: {events} events")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--letters", type=int, default=5000, help="generated text letters")
    ap.add_argument("--thaigov", type=int, default=0, help="thaigov texts instead of letters")
    ap.add_argument("--corpus", type=Path, help="an existing corpus folder with archive/")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/saraban-bench"))
    ap.add_argument("--index", type=Path)
    ap.add_argument("--reuse", action="store_true", help="use the index as it is if present")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of the mix for one client")
    ap.add_argument("--clients", default="1,8", help="concurrent clients, a run each")
    ap.add_argument("--per-page", type=int, default=20)
    ap.add_argument("--port", type=int, default=5099)
    ap.add_argument("--in-process", action="store_true", help="call index.search directly")
    ap.add_argument("--sign-in", choices=CLEARANCES, metavar="CLEARANCE",
                    help="sign-in on, as a user of this clearance (%(choices)s); default off")
    args = ap.parse_args(argv)

    if args.corpus:
        corpus = args.corpus
    elif args.thaigov:
        corpus = thaigov_corpus(args.workdir, args.thaigov)
    else:
        corpus = generate(args.workdir / f"txt-{args.letters}-seed5-q", args.letters, "txt", 5,
                          queries=True)
    index = args.index or corpus / "index"
    ensure_index(corpus / "archive", index, args.reuse)
    queries = load_queries(corpus)
    files = sum(1 for p in (corpus / "archive").rglob("*") if p.is_file())
    print(f"index {index}: {files} files; {len(queries)} queries; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    if args.in_process:
        print(f"sign-in: {'off' if args.sign_in is None else 'on'}; index.search(clearance="
              f"{args.sign_in!r})", flush=True)
        in_process(index, queries, args.repeat, args.per_page, args.sign_in)
    else:
        users, password = users_file(args.workdir, args.sign_in)
        print(f"sign-in: on, clearance {args.sign_in} (HTTP Basic on every request); users "
              f"file {users}" if args.sign_in else f"sign-in: off (no users file at {users})",
              flush=True)
        over_http(index, corpus / "archive", queries, args.repeat, args.per_page,
                  [int(n) for n in args.clients.split(",")], args.port, users, password)
    return 0


if __name__ == "__main__":
    sys.exit(main())
