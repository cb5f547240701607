"""The users file (web.users): accounts, sign-in with lock-out, sessions, the secret key."""
from __future__ import annotations

import sqlite3
import stat

import pytest
from argon2 import PasswordHasher

import settings
from web.users import SignIn, User, UserError, Users

PASSWORD = "correct horse"
# Cheap hashing keeps the tests fast; the default stays the library's.
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
T0 = 1_800_000_000.0


@pytest.fixture
def path(tmp_path):
    return tmp_path / "var" / "users.db"


@pytest.fixture
def users(path):
    return Users(path, hasher=FAST)


@pytest.fixture
def somchai(users):
    users.add("สมชาย", "ลับ", PASSWORD)
    return users


def test_add_list_get_remove(users):
    assert not users.has_users() and users.list() == []
    added = users.add("สมชาย", "ลับ", PASSWORD)
    assert isinstance(added, User) and added.name == "สมชาย" and added.clearance == "ลับ"
    assert added.created.endswith("Z") and added.last_login is None
    users.add("anna", "none", PASSWORD)
    assert users.has_users()
    assert [u.name for u in users.list()] == ["anna", "สมชาย"]
    assert users.get("สมชาย") == added
    assert users.get("nobody") is None
    assert users.remove("anna") is True
    assert users.remove("anna") is False
    assert [u.name for u in users.list()] == ["สมชาย"]


@pytest.mark.parametrize("name, clearance, password, says", [
    ("สมชาย", "ลับ", PASSWORD, "already exists"),
    ("anna", "secret", PASSWORD, "clearance"),
    ("anna", "none", "short", "at least"),
    ("", "none", PASSWORD, "empty"),
    ("an na", "none", PASSWORD, "spaces"),
    ("an\u200bna", "none", PASSWORD, "control"),
    ("anna\n", "none", PASSWORD, "control"),
    ("a" * 65, "none", PASSWORD, "at most"),
])
def test_add_refuses_with_a_clear_message(somchai, name, clearance, password, says):
    with pytest.raises(UserError, match=says):
        somchai.add(name, clearance, password)
    assert [u.name for u in somchai.list()] == ["สมชาย"]


def test_password_is_kept_as_an_argon2id_hash_only(somchai, path):
    with sqlite3.connect(path) as db:
        (hashed,) = db.execute("SELECT hash FROM users").fetchone()
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert PASSWORD.encode() not in path.read_bytes()


def test_default_hasher_is_the_library_default(tmp_path):
    default = PasswordHasher()
    hasher = Users(tmp_path / "u.db").hasher
    assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
        default.time_cost, default.memory_cost, default.parallelism)


def test_check_right_and_wrong_password_and_unknown_name(somchai):
    ok = somchai.check("สมชาย", PASSWORD, now=T0)
    assert ok.ok and ok.reason == "ok" and ok.user.name == "สมชาย" and ok.user.clearance == "ลับ"
    assert somchai.get("สมชาย").last_login == ok.user.last_login is not None
    assert somchai.check("สมชาย", "wrong password", now=T0) == SignIn(False, None, "bad", None)
    assert somchai.check("nobody", PASSWORD, now=T0) == SignIn(False, None, "bad", None)
    assert somchai.check("bad name", PASSWORD, now=T0).reason == "bad"


def test_five_failures_lock_the_name_until_the_time_is_up(somchai):
    for n in range(settings.LOCK_AFTER_FAILURES - 1):
        assert somchai.check("สมชาย", "wrong", now=T0 + n).locked_until is None
    last = somchai.check("สมชาย", "wrong", now=T0 + 10)
    assert last.reason == "bad" and last.locked_until == T0 + 10 + settings.LOCK_SECONDS
    locked = somchai.check("สมชาย", PASSWORD, now=T0 + 20)
    assert not locked.ok and locked.reason == "locked" and locked.locked_until == last.locked_until
    after = somchai.check("สมชาย", PASSWORD, now=last.locked_until + 1)
    assert after.ok


def test_after_a_lock_runs_out_the_count_starts_again(somchai):
    for _ in range(settings.LOCK_AFTER_FAILURES):
        somchai.check("สมชาย", "wrong", now=T0)
    later = T0 + settings.LOCK_SECONDS + 1
    assert somchai.check("สมชาย", "wrong", now=later).reason == "bad"  # count is 1, not 6
    assert somchai.check("สมชาย", PASSWORD, now=later + 1).ok


def test_a_success_resets_the_count(somchai):
    for _ in range(settings.LOCK_AFTER_FAILURES - 1):
        somchai.check("สมชาย", "wrong", now=T0)
    assert somchai.check("สมชาย", PASSWORD, now=T0).ok
    for _ in range(settings.LOCK_AFTER_FAILURES - 1):
        somchai.check("สมชาย", "wrong", now=T0)
    assert somchai.check("สมชาย", PASSWORD, now=T0).ok


def test_unknown_names_are_locked_too(somchai):
    for _ in range(settings.LOCK_AFTER_FAILURES):
        somchai.check("ghost", "wrong", now=T0)
    assert somchai.check("ghost", "wrong", now=T0 + 1).reason == "locked"
    assert somchai.check("สมชาย", PASSWORD, now=T0 + 1).ok  # other names are not


def test_sign_in_rehashes_an_outdated_hash(path):
    Users(path, hasher=FAST).add("anna", "none", PASSWORD)
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    assert Users(path, hasher=stronger).check("anna", PASSWORD).ok
    with sqlite3.connect(path) as db:
        (hashed,) = db.execute("SELECT hash FROM users").fetchone()
    assert "m=16,t=2" in hashed
    assert Users(path, hasher=stronger).check("anna", PASSWORD).ok


def test_sessions_open_and_look_up(somchai):
    token = somchai.open_session("สมชาย", "10.0.0.7", now=T0)
    assert len(token) >= 40
    assert somchai.session_user(token, now=T0 + 1).name == "สมชาย"
    assert somchai.session_user("not a token", now=T0) is None
    assert somchai.session_user(None) is None
    with pytest.raises(UserError):
        somchai.open_session("nobody", None)


def test_session_token_is_stored_only_as_its_hash(somchai, path):
    token = somchai.open_session("สมชาย", None)
    assert token.encode() not in path.read_bytes()
    with sqlite3.connect(path) as db:
        assert token not in {r[0] for r in db.execute("SELECT token_hash FROM sessions")}


def test_sessions_end_when_idle(path):
    users = Users(path, hasher=FAST, idle_seconds=600, max_seconds=3600)
    users.add("anna", "none", PASSWORD)
    token = users.open_session("anna", None, now=T0)
    assert users.session_user(token, now=T0 + 500)        # also counts as activity ...
    assert users.session_user(token, now=T0 + 1000)       # ... so this is 500 s idle
    assert users.session_user(token, now=T0 + 1601) is None
    assert users.session_user(token, now=T0 + 1000) is None  # deleted, not only refused


def test_sessions_end_after_the_absolute_limit(path):
    users = Users(path, hasher=FAST, idle_seconds=600, max_seconds=3600)
    users.add("anna", "none", PASSWORD)
    token = users.open_session("anna", None, now=T0)
    for t in range(0, 3600, 300):
        assert users.session_user(token, now=T0 + t)
    assert users.session_user(token, now=T0 + 3601) is None


def test_last_seen_is_written_at_most_every_30_seconds(somchai, path):
    token = somchai.open_session("สมชาย", None, now=T0)

    def last_seen():
        with sqlite3.connect(path) as db:
            return db.execute("SELECT last_seen FROM sessions").fetchone()[0]
    somchai.session_user(token, now=T0 + 10)
    assert last_seen() == T0
    somchai.session_user(token, now=T0 + 31)
    assert last_seen() == T0 + 31


def test_close_session_and_sessions(somchai):
    one = somchai.open_session("สมชาย", None)
    two = somchai.open_session("สมชาย", None)
    somchai.close_session(one)
    assert somchai.session_user(one) is None and somchai.session_user(two)
    three = somchai.open_session("สมชาย", None)
    somchai.close_sessions("สมชาย", keep=three)
    assert somchai.session_user(two) is None and somchai.session_user(three)
    somchai.close_sessions("สมชาย")
    assert somchai.session_user(three) is None


def test_remove_ends_the_users_sessions(somchai):
    token = somchai.open_session("สมชาย", None)
    somchai.remove("สมชาย")
    assert somchai.session_user(token) is None
    somchai.add("สมชาย", "none", PASSWORD)  # the same name again is a new account
    assert somchai.session_user(token) is None


def test_set_password_ends_other_sessions_but_the_kept_one(somchai):
    mine = somchai.open_session("สมชาย", None)
    other = somchai.open_session("สมชาย", None)
    somchai.set_password("สมชาย", "a new password", keep_session=mine)
    assert somchai.session_user(mine) and somchai.session_user(other) is None
    assert somchai.check("สมชาย", PASSWORD).reason == "bad"
    assert somchai.check("สมชาย", "a new password").ok
    somchai.set_password("สมชาย", "yet another one")
    assert somchai.session_user(mine) is None
    with pytest.raises(UserError, match="at least"):
        somchai.set_password("สมชาย", "short")
    with pytest.raises(UserError, match="no user"):
        somchai.set_password("nobody", "long enough")


def test_secret_key_is_made_once_and_shared(path):
    key = Users(path).secret_key()
    assert isinstance(key, bytes) and len(key) == 32
    assert Users(path).secret_key() == key
    assert Users(path.with_name("other.db")).secret_key() != key


def test_read_only_calls_never_create_the_file(path):
    users = Users(path, hasher=FAST)
    assert not users.has_users() and users.list() == [] and users.get("anna") is None
    assert users.check("anna", PASSWORD).reason == "bad"
    assert users.session_user("token") is None
    assert users.remove("anna") is False
    users.close_session("token")
    users.close_sessions("anna")
    with pytest.raises(UserError):
        users.set_password("anna", PASSWORD)
    with pytest.raises(UserError):
        users.open_session("anna", None)
    assert not path.exists() and not path.parent.exists()


def test_the_file_is_private(path, users):
    users.add("anna", "none", PASSWORD)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for extra in path.parent.glob("users.db-*"):
        assert stat.S_IMODE(extra.stat().st_mode) == 0o600


def test_backup_is_a_consistent_private_copy(somchai, tmp_path):
    token = somchai.open_session("สมชาย", None)
    dest = tmp_path / "backups" / "users.db"
    somchai.backup(dest)
    somchai.backup(dest)  # over an older backup
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert [p.name for p in dest.parent.iterdir()] == ["users.db"]  # one whole file
    copy = Users(dest, hasher=FAST)
    assert [u.name for u in copy.list()] == ["สมชาย"]
    assert copy.check("สมชาย", PASSWORD).ok and copy.session_user(token)
    with pytest.raises(UserError):
        Users(tmp_path / "missing.db").backup(tmp_path / "b.db")


def test_two_instances_see_each_others_writes(path):
    a, b = Users(path, hasher=FAST), Users(path, hasher=FAST)
    a.add("anna", "none", PASSWORD)
    assert b.get("anna")
    token = b.open_session("anna", None)
    assert a.session_user(token)
    for _ in range(settings.LOCK_AFTER_FAILURES):
        (a if _ % 2 else b).check("anna", "wrong", now=T0)
    assert a.check("anna", PASSWORD, now=T0).reason == "locked"
