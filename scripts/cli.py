"""The `saraban` command: extract, reindex, search, serve (docs/interface.md, "Command line")."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

import settings
from scripts.accounts import ClearanceChoice, SortChoice, audit, user
from scripts.exits import fail


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Saraban Search: find Thai government letters in an archive folder."""


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file per line.")
@click.option("--ocr", type=click.Choice(["auto", "off"]), default="auto", show_default=True)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def extract(as_json, ocr, files):
    """Print what the reader understood of FILES (exactly as reindex reads them)."""
    from archive import read_document

    failed = False
    for path in files:
        if not path.is_file():
            memo_json = {"path": str(path), "error": "no such file"}
        else:
            memo_json = read_document(path, display_path=str(path), ocr=(ocr == "auto")).to_json()
        failed |= bool(memo_json.get("error"))
        if as_json:
            click.echo(json.dumps(memo_json, ensure_ascii=False))
        else:
            _print_memo(memo_json)
        if memo_json.get("error"):
            click.echo(f"saraban: {path}: {memo_json['error']}", err=True)
    sys.exit(1 if failed else 0)


def _print_memo(m: dict):
    click.echo(f"== {m['path']}")
    if m.get("error"):
        return
    if m.get("needs_ocr"):
        click.echo("   needs OCR (a scan without a text layer)")
    for key in ("kind", "ref_no", "date", "sender", "sender_code", "recipient", "subject",
                "urgency", "secrecy", "signatory", "position", "received_no", "received_date"):
        if m.get(key):
            click.echo(f"   {key:<13} {m[key]}")
    for key in ("cites", "enclosures"):
        for value in m.get(key) or []:
            click.echo(f"   {key:<13} {value}")


@main.command()
@click.option("--archive", "archive_opt", type=click.Path(path_type=Path),
              help="Folder of documents [env SARABAN_ARCHIVE].")
@click.option("--index", "index_opt", type=click.Path(path_type=Path),
              help="Index folder [env SARABAN_INDEX].")
@click.option("--full", is_flag=True, help="Rebuild from scratch; the old index serves meanwhile.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes that read files.")
@click.option("--ocr", type=click.Choice(["auto", "off"]), default="auto", show_default=True)
@click.option("--quiet", is_flag=True, help="Print nothing when all went well (for cron).")
@click.option("--allow-mass-delete", is_flag=True,
              help="Remove documents even when most of the archive seems to be gone.")
@click.option("--timeout", type=click.FloatRange(1), default=settings.FILE_TIMEOUT_S,
              show_default=True, help="Seconds one file may take before it is skipped.")
@click.option("--log-file", type=click.Path(path_type=Path),
              help="Also append the summary and every error to this file.")
@click.option("--batch-size", type=click.IntRange(1), default=None,
              help=f"Commit every N documents [default: {settings.BATCH_DOCS}; "
                   f"{settings.FIRST_BUILD_BATCH_DOCS} on a first build].")
def reindex(archive_opt, index_opt, full, jobs, ocr, quiet, allow_mass_delete, timeout, log_file,
            batch_size):
    """Bring the index in line with the archive folder."""
    from index import Locked
    from index import reindex as job

    archive = settings.archive_dir(archive_opt)
    index = settings.index_dir(index_opt)

    def log(msg):
        if not quiet:
            click.echo(msg, err=True)

    try:
        code, summary = job.run(archive, index, full=full, jobs=jobs, ocr=ocr, quiet=quiet,
                                allow_mass_delete=allow_mass_delete, log=log, timeout=timeout,
                                batch_docs=batch_size)
    except Locked as exc:
        _append_log(log_file, [f"skipped: {exc}"])
        fail(f"{exc}; exiting", job.EXIT_LOCKED)
    except job.UsageError as exc:
        _append_log(log_file, [f"refused: {exc}"])
        fail(str(exc), job.EXIT_USAGE)
    lines = [f"{rel}: {reason}" for rel, reason in summary.errors]
    for line in lines:
        click.echo(f"saraban: {line}", err=True)
    if not quiet or code:
        click.echo(summary.line())
    _append_log(log_file, lines + [f"{summary.line()} (exit {code})"])
    sys.exit(code)


def _append_log(path: Path | None, lines: list[str]):
    if not path:
        return
    from datetime import datetime

    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        with open(path, "a", encoding="utf-8") as fh:
            for line in lines:
                fh.write(f"{stamp} {line}\n")
    except OSError as exc:
        click.echo(f"saraban: cannot write the log file {path}: {exc.strerror}", err=True)


@main.command()
@click.option("--index", "index_opt", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--subject")
@click.option("--sender")
@click.option("--date-from")
@click.option("--date-to")
@click.option("--ref-no")
@click.option("--received-no")
@click.option("--recipient", help="The letter's เรียน line contains this text.")
@click.option("--received-from", help="Received (a receiving stamp) on or after this date.")
@click.option("--received-to", help="Received on or before this date.")
@click.option("--kind")
@click.option("--urgency")
# default: index.DEFAULT_SORT, written out so that --help need not import the index
@click.option("--sort", type=SortChoice(), default="relevance", show_default=True)
@click.option("--as-typed", is_flag=True,
              help="Search the query as typed, even when it looks typed on the English layout.")
@click.option("--as-words", is_flag=True,
              help="Search an agency or a date in the query as words, not as a filter.")
@click.option("--clearance", type=ClearanceChoice(), default=None,
              help="Search as a user of this clearance would (default: every letter).")
@click.argument("query", nargs=-1)
def search(index_opt, as_json, limit, page, sort, as_typed, as_words, clearance, query,
           **filters):
    """Search the index. QUERY is what you would type in the search box."""
    from index import BadFilter, IndexMissing
    from index import search as run_search

    index = settings.index_dir(index_opt)
    text = " ".join(query)
    try:
        result = run_search(index, text, filters, sort=sort, page=page, per_page=limit,
                            with_facets=False, as_typed=as_typed, clearance=clearance,
                            as_words=as_words)
    except IndexMissing as exc:
        fail(str(exc))
    except BadFilter as exc:
        fail(str(exc))
    if as_json:
        out = {"total": result.total, "hits": [_hit_json(h) for h in result.hits]}
        if result.corrected:  # the query was searched as corrected (layout, spelling)
            out["corrected"] = result.corrected
        if result.suggestion:
            out["suggestion"] = result.suggestion
        if result.understood:  # words of the query that became a filter
            out["understood"] = result.understood
        if result.loosened:  # fewer of the words were required
            out["loosened"] = result.loosened
        click.echo(json.dumps(out, ensure_ascii=False))
        return
    if result.corrected:
        why = ("typed on the English keyboard layout?" if result.corrected["reason"] == "layout"
               else "mistyped?")
        click.echo(f"searched as {result.corrected['query']} ({why}); --as-typed searches "
                   f"{result.corrected['as_typed']} as typed")
    if result.understood:
        click.echo(f"read as {understood_text(result.understood)}; --as-words searches "
                   "them as words")
    click.echo(letters(result.total))
    if result.loosened:
        click.echo(loosened_text(result.loosened))
    if result.suggestion:
        click.echo(f"did you mean: {result.suggestion}")
    matches = [h for h in result.hits if not h.get("related")]
    related = [h for h in result.hits if h.get("related")]
    first = (page - 1) * limit + 1
    for n, hit in enumerate(matches, start=first):
        _print_hit(f"{n:>3}.", hit)
    if related:
        click.echo(f"related, not matching ({len(related)}):")
        for hit in related:
            _print_hit("  ~", hit)


def loosened_text(loosened: dict) -> str:
    """`no letter has every word: letters with at least 4 of the 5 words (some lack: สภา)`."""
    n = loosened["every_word"]
    head = (f"{letters(n)} with every word, then" if n else "no letter has every word:")
    lacking = f" (some lack: {', '.join(loosened['left_out'])})" if loosened["left_out"] else ""
    return (f"{head} letters with at least {loosened['required']} of the {loosened['of']} "
            f"words{lacking}")


def understood_text(understood: dict) -> str:
    """`sender สลค., date ต.ค. 2563 (2020-10-01 to 2020-10-31)`."""
    parts = []
    if understood.get("sender"):
        parts.append(f"sender {understood['sender']}")
    if understood.get("date_from"):
        parts.append(f"date {understood['date_text']} ({understood['date_from']} to "
                     f"{understood['date_to']})")
    return ", ".join(parts)


def letters(n: int) -> str:
    return f"{n:,} letter" + ("" if n == 1 else "s")


def _print_hit(number: str, hit: dict) -> None:
    date = hit["date"] or (f"{hit['filed_date']} (stamp)" if hit.get("filed_date") else "-")
    click.echo(f"{number} {hit['ref_no'] or '-'}  {date}  {hit['sender'] or '-'}")
    click.echo(f"     {hit.get('title') or hit['subject'] or '-'}")
    if hit.get("missing"):
        click.echo(f"     lacks: {', '.join(hit['missing'])}")
    click.echo(f"     {hit['path']}")


def _hit_json(hit: dict) -> dict:
    keys = ("path", "doc_id", "score", "kind", "ref_no", "date", "sender", "subject", "title",
            "snippet", "related", "date_source", "filed_date", "missing")
    return {k: hit.get(k) for k in keys}


@main.command()
@click.option("--archive", "archive_opt", type=click.Path(path_type=Path))
@click.option("--index", "index_opt", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=5000, show_default=True, envvar="PORT")
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Threads per worker process.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes (POSIX); default: one per core, at most 4.")
@click.option("--users", "users_opt", type=click.Path(path_type=Path),
              help="Users file [env SARABAN_USERS; default users.db beside the index]. "
                   "Sign-in is on when it holds a user.")
@click.option("--proxy", "proxies", multiple=True, envvar="SARABAN_TRUSTED_PROXY",
              help="Address of a reverse proxy whose X-Forwarded-* headers are trusted "
                   "(repeatable) [env SARABAN_TRUSTED_PROXY].")
@click.option("--user-header", envvar="SARABAN_USER_HEADER",
              help="A header the --proxy sets to the signed-in user's name (e.g. "
                   "X-Remote-User) [env SARABAN_USER_HEADER].")
def serve(archive_opt, index_opt, host, port, threads, workers, users_opt, proxies,
          user_header):
    """Serve the web UI and JSON API (waitress, in several processes on POSIX)."""
    from scripts.server import default_workers, is_loopback
    from scripts.server import serve as run_server
    from web import create_app
    from web.users import Users

    archive = settings.archive_dir(archive_opt)
    index = settings.index_dir(index_opt)
    users = settings.users_file(users_opt, index)
    proxies = [p for value in proxies for p in value.replace(",", " ").split()]
    if user_header and not proxies:
        fail("--user-header is trusted only from a reverse proxy: name its address with "
              "--proxy")
    signed = Users(users).has_users()
    if not signed and (not is_loopback(host) or proxies):
        where = f"address {host}" if not is_loopback(host) else "a reverse proxy"
        fail(f"sign-in is off (no user in {users}), so the archive is served only on a "
              f"loopback address (127.0.0.1), not to {where}. Add a user first: "
              f"`saraban user add NAME --clearance none --users {users}` (the password is "
              f"read from standard input), then start the server again.")
    app = create_app({"ARCHIVE": str(archive), "INDEX": str(index), "USERS": str(users),
                      # removing the last user while it runs must not open the archive
                      "REQUIRE_SIGN_IN": signed,
                      "TRUSTED_PROXIES": proxies, "USER_HEADER": user_header})
    click.echo(f"Saraban Search on http://{host}:{port}/  (archive {archive}, index {index})",
               err=True)
    click.echo(f"saraban: sign-in {'on' if signed else 'off (one local user, who sees every letter)'}"
               f"; users file {users}", err=True)
    warning = index_warning(archive, index)
    if warning:
        click.echo(f"saraban: warning: {warning}", err=True)
    run_server(app, host, port, threads, workers or default_workers(),
               log=lambda msg: click.echo(f"saraban: {msg}", err=True))


def index_warning(archive: Path, index: Path) -> str | None:
    """Why the server about to start cannot answer searches yet (one line), or None. The
    server starts anyway: it answers 503 until a reindex commits an index, and the next
    request after that sees it."""
    from index import IndexMissing, stats

    try:
        stats(index)  # opens the index as the first search would
    except IndexMissing as exc:
        if not (index / "CURRENT").is_file():
            return (f"no index at {index} yet: run `saraban reindex --archive {archive} "
                    f"--index {index}` first; searches answer 503 until then")
        return f"{exc}; searches answer 503 until then"
    except Exception as exc:  # noqa: BLE001 - reported, the server still starts
        return (f"cannot read the index at {index} ({exc.__class__.__name__}: {exc}): run "
                f"`saraban reindex --full --archive {archive} --index {index}`; searches "
                f"fail until then")
    return None


main.add_command(audit)
main.add_command(user)


if __name__ == "__main__":
    main()
