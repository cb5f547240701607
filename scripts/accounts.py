"""`saraban user ...` and `saraban audit`: who may sign in, and what they did (docs/interface.md,
"Command line"). The users file is `--users FILE`, else SARABAN_USERS, else users.db beside
the index folder; the audit log is kept beside it.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from datetime import datetime, time
from pathlib import Path

import click

import settings
from scripts.exits import fail

ADD_HINT = "saraban user add NAME --clearance none"


class ClearanceChoice(click.Choice):
    """click.Choice over index.CLEARANCES, looked up when first needed: importing the index
    package up front would slow down every `saraban` command."""

    def __init__(self):
        self.case_sensitive = True

    @property
    def choices(self):
        from index import CLEARANCES

        return CLEARANCES


class SortChoice(click.Choice):
    """click.Choice over index.SORTS, looked up when first needed (see ClearanceChoice)."""

    def __init__(self):
        self.case_sensitive = True

    @property
    def choices(self):
        from index import SORTS

        return SORTS


def _file_options(command):
    command = click.option("--index", "index_opt", type=click.Path(path_type=Path),
                           help="Index folder: users.db beside it [env SARABAN_INDEX].")(command)
    return click.option("--users", "users_opt", type=click.Path(path_type=Path),
                        help="The users file [env SARABAN_USERS].")(command)


def _users(path: Path):
    from web.users import Users

    return Users(path)


def _read_password() -> str:
    """Twice with hidden input on a terminal; otherwise one line of standard input (for
    scripts: `echo "$PW" | saraban user add ...`)."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline()
        password = password.removesuffix("\n").removesuffix("\r")
    if not password:
        fail("no password given: type it on a terminal, or give it as one line on "
              "standard input")
    return password   # web.users checks the rest (its length)


def _audit(users_path: Path, action: str, name: str, **what) -> None:
    from web.audit import AuditError, AuditLog

    try:
        AuditLog(settings.audit_file(users_path)).append(action, name, by="cli", **what)
    except AuditError as exc:
        fail(f"done, but not logged: {exc}", 1)


@click.group()
def user():
    """Manage who may sign in to the web UI (sign-in is on once there is a user)."""


@user.command("add")
@click.argument("name")
@click.option("--clearance", required=True, type=ClearanceChoice(),
              help="The most secret letters this user may see.")
@click.option("--admin", is_flag=True,
              help="May see the state of the index: files that failed and why.")
@_file_options
def add_user(name, clearance, admin, users_opt, index_opt):
    """Add a user NAME; the password is read from standard input (twice on a terminal)."""
    from web.users import UserError, check_name

    path = settings.users_file(users_opt, index_opt)
    users = _users(path)
    try:
        check_name(name)
    except UserError as exc:
        fail(str(exc))
    if users.get(name):  # said before asking for a password
        fail(f"a user named {name!r} already exists in {path}")
    password = _read_password()
    try:
        users.add(name, clearance, password, admin=admin)
    except UserError as exc:
        fail(str(exc))
    click.echo(f"added {name} (clearance {clearance}{', admin' if admin else ''}) to {path}")
    _audit(path, "user_add", name, clearance=clearance, admin=admin)


@user.command("admin")
@click.argument("name")
@click.option("--off", is_flag=True, help="Take the admin role away instead.")
@_file_options
def set_admin(name, off, users_opt, index_opt):
    """Let NAME see the state of the index (files that failed and why), or not (--off)."""
    path = settings.users_file(users_opt, index_opt)
    if not _users(path).set_admin(name, not off):
        fail(f"there is no user named {name!r} in {path}")
    click.echo(f"{name} is {'no longer ' if off else ''}an admin")
    _audit(path, "user_admin", name, admin=not off)


@user.command("remove")
@click.argument("name")
@_file_options
def remove_user(name, users_opt, index_opt):
    """Remove the user NAME and end their sessions."""
    path = settings.users_file(users_opt, index_opt)
    if not _users(path).remove(name):
        fail(f"there is no user named {name!r} in {path}")
    click.echo(f"removed {name} from {path}")
    _audit(path, "user_remove", name)


@user.command("password")
@click.argument("name")
@_file_options
def set_password(name, users_opt, index_opt):
    """Give NAME a new password (read as for `add`); their sessions end."""
    from web.users import UserError

    path = settings.users_file(users_opt, index_opt)
    users = _users(path)
    if not users.get(name):
        fail(f"there is no user named {name!r} in {path}")
    password = _read_password()
    try:
        users.set_password(name, password)
    except UserError as exc:
        fail(str(exc))
    click.echo(f"new password for {name}; their sessions have ended")
    _audit(path, "password", name)


@user.command("list")
@_file_options
def list_users(users_opt, index_opt):
    """List the users: name, clearance, created, last sign-in, admin."""
    path = settings.users_file(users_opt, index_opt)
    found = _users(path).list()
    if not found:
        click.echo(f"no users in {path}, so sign-in is off; add one with `{ADD_HINT}`")
        return
    rows = [("name", "clearance", "created", "last sign-in", "admin")]
    rows += [(u.name, u.clearance, u.created, u.last_login or "-", "yes" if u.admin else "-")
             for u in found]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)]
        click.echo("  ".join(cells + [row[-1]]))


def _width(text: str) -> int:
    """Columns on a terminal: Thai vowel and tone marks take none."""
    return sum(not unicodedata.combining(c) and unicodedata.category(c) != "Mn" for c in text)


@user.command("backup")
@click.argument("dest", type=click.Path(path_type=Path))
@_file_options
def backup_users(dest, users_opt, index_opt):
    """Copy the users file to DEST consistently, also while the server runs."""
    from web.users import UserError

    path = settings.users_file(users_opt, index_opt)
    try:
        _users(path).backup(dest)
    except UserError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {dest}: {exc.strerror or exc}", 1)
    click.echo(f"copied {path} to {dest}")


@click.command()
@click.option("--user", "user_name", help="Only the events of this user.")
@click.option("--doc", "doc_id", help="Only the events about this letter (its doc_id).")
@click.option("--since", help="From this day on (local midnight): YYYY-MM-DD, a พ.ศ. year "
                              "such as 2569-12-01, or 1 ธ.ค. 2569.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event per line.")
@_file_options
def audit(user_name, doc_id, since, as_json, users_opt, index_opt):
    """Print the audit log, oldest first: time, user, action and what."""
    from index import BadFilter, Filters
    from web.audit import AuditLog, format_event

    start = None
    if since:
        try:
            day = Filters.parse({"date_from": since}).date_from
        except BadFilter as exc:
            fail(exc.message({"date_from": "--since"}))
        start = datetime.combine(day, time.min).astimezone()
    log = AuditLog(settings.audit_file(settings.users_file(users_opt, index_opt)))
    for event in log.events(user=user_name, doc=doc_id, since=start):
        click.echo(json.dumps(event, ensure_ascii=False) if as_json else format_event(event))
