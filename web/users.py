"""The users file: who may sign in, their clearance, failed sign-ins and open sessions.

One SQLite file (docs/interface.md, "Configuration": `--users FILE`, else SARABAN_USERS,
else users.db beside the index folder), shared by every server process and the `saraban
user` commands. Passwords are kept only as argon2id hashes; session tokens only as their
SHA-256, so a copy of the file lets nobody sign in.

Pure storage: nothing here knows about HTTP.
"""
from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import threading
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

import settings
from index import CLEARANCES

MAX_NAME_CHARS = 64
# A session's last_seen is written at most this often, so that browsing is mostly reads.
TOUCH_SECONDS = 30
# Failure counts of names that stopped failing a day ago are forgotten (an attacker trying
# many names must not grow the file without end).
FORGET_FAILURES_SECONDS = 24 * 3600

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    clearance TEXT NOT NULL,
    hash TEXT NOT NULL,
    created TEXT NOT NULL,
    last_login TEXT,
    admin INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS failures (
    name TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    last REAL NOT NULL,
    locked_until REAL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created REAL NOT NULL,
    last_seen REAL NOT NULL,
    address TEXT
);
CREATE INDEX IF NOT EXISTS sessions_by_name ON sessions (name);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
"""


# The columns a User is read from (u.: in a join with sessions).
USER_COLUMNS = "name, clearance, created, last_login, admin"


class UserError(ValueError):
    """A request the users file cannot honour; the message says why."""


@dataclass(frozen=True)
class User:
    name: str
    clearance: str
    created: str              # ISO 8601 UTC, seconds
    last_login: str | None    # the same, None when never signed in
    admin: bool = False       # sees the state of the index (files that failed, and why)


@dataclass(frozen=True)
class SignIn:
    """The outcome of `Users.check`. `reason` is "ok", "bad" (an unknown name or a wrong
    password, on purpose the same) or "locked". `locked_until` (epoch seconds) is set when
    the name is locked, also by the failure that just locked it (its reason is "bad")."""
    ok: bool
    user: User | None
    reason: str
    locked_until: float | None = None


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_name(name: str) -> None:
    """Raise UserError unless `name` can be a user name (Thai letters are fine)."""
    if not isinstance(name, str) or not name:
        raise UserError("a user name cannot be empty")
    if len(name) > MAX_NAME_CHARS:
        raise UserError(f"a user name has at most {MAX_NAME_CHARS} characters")
    # Category C: control, format (zero-width space), private use, unassigned.
    if any(c.isspace() or unicodedata.category(c).startswith("C") for c in name):
        raise UserError(f"the user name {name!r} has spaces or control characters")


def check_password(password: str) -> None:
    if not isinstance(password, str) or len(password) < settings.MIN_PASSWORD_CHARS:
        raise UserError(f"a password needs at least {settings.MIN_PASSWORD_CHARS} characters")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _upgrade(conn: sqlite3.Connection) -> None:
    """Columns later versions added, for a users file made before them."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(users)")}
    if "admin" not in have:
        conn.execute("ALTER TABLE users ADD COLUMN admin INTEGER NOT NULL DEFAULT 0")


class Users:
    """The users file at `path`. Safe to share between threads; after a fork each process
    opens its own connection. Nothing creates the file but `add` and `secret_key`."""

    def __init__(self, path: Path, idle_seconds: float | None = None,
                 max_seconds: float | None = None, hasher: PasswordHasher | None = None):
        self.path = Path(path)
        self.idle_seconds = settings.SESSION_IDLE_SECONDS if idle_seconds is None else idle_seconds
        self.max_seconds = settings.SESSION_MAX_SECONDS if max_seconds is None else max_seconds
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None
        self._local = threading.local()
        # SQLite forbids using a connection inherited across fork, and closing one could
        # disturb the parent's locks: such connections are kept here, unused, never closed.
        self._inherited: list[sqlite3.Connection] = []

    # -- connections --------------------------------------------------------------------

    def _db(self, create: bool = False) -> sqlite3.Connection | None:
        """This thread's connection, or None when the file does not exist and `create` is
        false (read-only calls never create it)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid != os.getpid():
            self._inherited.append(conn)
            conn = None
        if conn is None:
            if not self.path.exists():
                if not create:
                    return None
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # Made 0600 before SQLite opens it; SQLite gives its -wal and -shm files
                # the same mode.
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
            conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(SCHEMA)
            _upgrade(conn)
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    @contextmanager
    def _write(self, create: bool = False):
        """A write transaction, taken at once so that read-modify-write steps of several
        processes (counting failures) do not interleave. Yields None when the file does not
        exist and `create` is false."""
        db = self._db(create)
        if db is None:
            yield None
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        """Close this thread's connection (it is opened again when needed)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid == os.getpid():
            conn.close()
        self._local.conn = None

    # -- users --------------------------------------------------------------------------

    @staticmethod
    def _user(row) -> User:
        return User(name=row[0], clearance=row[1], created=row[2], last_login=row[3],
                    admin=bool(row[4]))

    def has_users(self) -> bool:
        db = self._db()
        return bool(db and db.execute("SELECT 1 FROM users LIMIT 1").fetchone())

    def list(self) -> list[User]:
        db = self._db()
        if db is None:
            return []
        rows = db.execute(f"SELECT {USER_COLUMNS} FROM users ORDER BY name")
        return [self._user(r) for r in rows]

    def get(self, name: str) -> User | None:
        db = self._db()
        row = db and db.execute(f"SELECT {USER_COLUMNS} FROM users WHERE name = ?",
                                (name,)).fetchone()
        return self._user(row) if row else None

    def password_stamp(self, name: str) -> str | None:
        """What changes whenever the user's password does (None: no such user), for a
        caller that remembers a good password a while (web.signin, HTTP Basic)."""
        db = self._db()
        row = db and db.execute("SELECT hash FROM users WHERE name = ?", (name,)).fetchone()
        return hashlib.sha256(row[0].encode()).hexdigest()[:16] if row else None

    def add(self, name: str, clearance: str, password: str, admin: bool = False) -> User:
        check_name(name)
        if clearance not in CLEARANCES:
            raise UserError(f"clearance must be one of {', '.join(CLEARANCES)}, "
                            f"not {clearance!r}")
        check_password(password)
        hashed = self.hasher.hash(password)  # before the transaction: it takes a while
        user = User(name, clearance, iso(time.time()), None, admin)
        with self._write(create=True) as db:
            if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise UserError(f"a user named {name!r} already exists")
            db.execute("INSERT INTO users (name, clearance, hash, created, admin) "
                       "VALUES (?, ?, ?, ?, ?)", (name, clearance, hashed, user.created, int(admin)))
        return user

    def set_admin(self, name: str, admin: bool) -> bool:
        """Make the user an admin or not; False when there is no such user."""
        with self._write() as db:
            return bool(db and db.execute("UPDATE users SET admin = ? WHERE name = ?",
                                          (int(admin), name)).rowcount)

    def remove(self, name: str) -> bool:
        """Remove the user and end their sessions; False when there was no such user."""
        with self._write() as db:
            if db is None:
                return False
            gone = db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount
            db.execute("DELETE FROM sessions WHERE name = ?", (name,))
        return bool(gone)

    def set_password(self, name: str, new_password: str, keep_session: str | None = None) -> None:
        """Give `name` a new password and end their sessions but `keep_session` (the one of
        a user who just changed their own). A new password also lifts a lock-out."""
        check_password(new_password)
        hashed = self.hasher.hash(new_password)
        with self._write() as db:
            if db is None or not db.execute("UPDATE users SET hash = ? WHERE name = ?",
                                            (hashed, name)).rowcount:
                raise UserError(f"there is no user named {name!r}")
            db.execute("DELETE FROM failures WHERE name = ?", (name,))
            self._close_sessions(db, name, keep_session)

    # -- sign-in ------------------------------------------------------------------------

    def _verify(self, hashed: str | None, password: str) -> bool:
        # An unknown name is checked against a dummy hash, so that it costs as much time as
        # a known one. The dummy is made on the first check of any name, which therefore
        # takes longer whatever the name.
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))
        try:
            return self.hasher.verify(hashed or self._dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def check(self, name: str, password: str, now: float | None = None) -> SignIn:
        """Check a sign-in. LOCK_AFTER_FAILURES failures in a row for one name (known or
        not) lock it for LOCK_SECONDS; while locked even the right password is refused."""
        now = time.time() if now is None else now
        try:
            check_name(name)
        except UserError:
            self._verify(None, password)  # not a name anyone has: nothing to count
            return SignIn(False, None, "bad")
        db = self._db()
        if db is None:
            self._verify(None, password)
            return SignIn(False, None, "bad")
        locked = self._locked_until(db, name, now)
        if locked:
            return SignIn(False, None, "locked", locked)
        row = db.execute("SELECT hash FROM users WHERE name = ?", (name,)).fetchone()
        good = self._verify(row[0] if row else None, password) and row is not None
        # The slow verify ran outside the transaction; the lock is looked at again inside
        # it, as another process may have locked the name meanwhile.
        with self._write() as db:
            locked = self._locked_until(db, name, now)
            if locked:
                return SignIn(False, None, "locked", locked)
            if good:
                db.execute("DELETE FROM failures WHERE name = ?", (name,))
                db.execute("UPDATE users SET last_login = ? WHERE name = ?", (iso(now), name))
                if self.hasher.check_needs_rehash(row[0]):
                    db.execute("UPDATE users SET hash = ? WHERE name = ?",
                               (self.hasher.hash(password), name))
                user = db.execute(f"SELECT {USER_COLUMNS} FROM users WHERE name = ?",
                                  (name,)).fetchone()
                if user:  # (not removed meanwhile)
                    return SignIn(True, self._user(user), "ok")
            return SignIn(False, None, "bad", self._count_failure(db, name, now))

    @staticmethod
    def _locked_until(db, name: str, now: float) -> float | None:
        row = db.execute("SELECT locked_until FROM failures WHERE name = ?", (name,)).fetchone()
        return row[0] if row and row[0] and row[0] > now else None

    @staticmethod
    def _count_failure(db, name: str, now: float) -> float | None:
        """Count one failure; the time the name is now locked until, if this locked it."""
        db.execute("DELETE FROM failures WHERE last < ? AND (locked_until IS NULL "
                   "OR locked_until < ?)", (now - FORGET_FAILURES_SECONDS, now))
        row = db.execute("SELECT count, locked_until FROM failures WHERE name = ?",
                         (name,)).fetchone()
        # After a lock has run out the count starts again.
        count = 0 if row is None or row[1] else row[0]
        count += 1
        locked = now + settings.LOCK_SECONDS if count >= settings.LOCK_AFTER_FAILURES else None
        db.execute("INSERT OR REPLACE INTO failures (name, count, last, locked_until) "
                   "VALUES (?, ?, ?, ?)", (name, count, now, locked))
        return locked

    # -- sessions -----------------------------------------------------------------------

    def open_session(self, name: str, address: str | None, now: float | None = None) -> str:
        """A new session for `name`; the token goes to the browser, only its hash is kept."""
        now = time.time() if now is None else now
        token = secrets.token_urlsafe(32)
        with self._write() as db:
            if db is None or not db.execute("SELECT 1 FROM users WHERE name = ?",
                                            (name,)).fetchone():
                raise UserError(f"there is no user named {name!r}")
            db.execute("INSERT INTO sessions (token_hash, name, created, last_seen, address) "
                       "VALUES (?, ?, ?, ?, ?)", (_token_hash(token), name, now, now, address))
        return token

    def session_user(self, token: str | None, now: float | None = None) -> User | None:
        """The user of a live session, or None (unknown, idle too long, or too old)."""
        if not token:
            return None
        db = self._db()
        if db is None:
            return None
        now = time.time() if now is None else now
        key = _token_hash(token)
        row = db.execute(
            f"SELECT {', '.join('u.' + c for c in USER_COLUMNS.split(', '))}, s.created, s.last_seen "
            "FROM sessions s JOIN users u ON u.name = s.name WHERE s.token_hash = ?",
            (key,)).fetchone()
        if row is None:
            return None
        created, last_seen = row[5], row[6]
        if now - last_seen > self.idle_seconds or now - created > self.max_seconds:
            with self._write() as db:
                db.execute("DELETE FROM sessions WHERE last_seen < ? OR created < ?",
                           (now - self.idle_seconds, now - self.max_seconds))
                db.execute("DELETE FROM sessions WHERE token_hash = ?", (key,))
            return None
        if now - last_seen >= TOUCH_SECONDS:
            db.execute("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", (now, key))
        return self._user(row)

    def close_session(self, token: str | None) -> None:
        db = self._db()
        if db is not None and token:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))

    def close_sessions(self, name: str, keep: str | None = None) -> None:
        """End every session of `name` but `keep` (a token)."""
        with self._write() as db:
            if db is not None:
                self._close_sessions(db, name, keep)

    @staticmethod
    def _close_sessions(db, name: str, keep: str | None) -> None:
        db.execute("DELETE FROM sessions WHERE name = ? AND token_hash != ?",
                   (name, _token_hash(keep) if keep else ""))

    # -- the rest -----------------------------------------------------------------------

    def secret_key(self) -> bytes:
        """32 random bytes made once, so every server process and restart signs alike."""
        with self._write(create=True) as db:
            db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('secret_key', ?)",
                       (secrets.token_bytes(32),))
            return bytes(db.execute("SELECT value FROM meta WHERE key = 'secret_key'")
                         .fetchone()[0])

    def backup(self, dest: Path) -> None:
        """A consistent copy of the file at `dest` (mode 0600), also while servers write."""
        db = self._db()
        if db is None:
            raise UserError(f"there is no users file at {self.path}")
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        # Written beside `dest` and renamed over it: an old backup stays whole until then.
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        try:
            copy = sqlite3.connect(tmp)
            try:
                db.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                copy.close()
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
