"""`saraban user ...` and `saraban audit` (docs/interface.md, "Command line")."""
from __future__ import annotations

import json

import pytest

from scripts.cli import main
from tests.scripts.helpers import saraban
from web.audit import AuditLog
from web.users import Users

PASSWORD = "correct horse"


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    for name in ("SARABAN_USERS", "SARABAN_INDEX"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "users.db"


def invoke(runner, *args, input=None, env=None):
    return runner.invoke(main, [str(a) for a in args], input=input, env=env)


def add(runner, db, name="สมชาย", clearance="ลับ", password=PASSWORD):
    return invoke(runner, "user", "add", name, "--clearance", clearance, "--users", db,
                  input=password + "\n")


def test_add_reads_the_password_from_stdin(runner, db):
    result = add(runner, db)
    assert result.exit_code == 0, result.output
    assert "สมชาย" in result.output
    users = Users(db)
    assert users.get("สมชาย").clearance == "ลับ"
    assert users.check("สมชาย", PASSWORD).ok
    assert not users.check("สมชาย", PASSWORD + "\n").ok  # only the newline was stripped


def test_add_refuses_a_second_user_of_the_same_name(runner, db):
    add(runner, db)
    result = add(runner, db, clearance="none")
    assert result.exit_code == 2 and "already exists" in result.output
    assert Users(db).get("สมชาย").clearance == "ลับ"


def test_add_refuses_a_bad_clearance_with_a_usage_error(runner, db):
    result = add(runner, db, clearance="secret")
    assert result.exit_code == 2 and "--clearance" in result.output
    assert not db.exists()


@pytest.mark.parametrize("password", ["short", ""])
def test_add_refuses_a_short_or_empty_password(runner, db, password):
    result = add(runner, db, password=password)
    assert result.exit_code == 2 and "password" in result.output
    assert not Users(db).has_users()


def test_add_refuses_a_bad_name(runner, db):
    result = add(runner, db, name="two words")
    assert result.exit_code == 2 and "spaces" in result.output


def test_list_shows_name_clearance_created_and_last_sign_in(runner, db):
    result = invoke(runner, "user", "list", "--users", db)
    assert result.exit_code == 0 and "saraban user add NAME --clearance none" in result.output
    add(runner, db)
    add(runner, db, name="anna", clearance="none")
    Users(db).check("anna", PASSWORD)
    lines = invoke(runner, "user", "list", "--users", db).output.splitlines()
    assert lines[0].split() == ["name", "clearance", "created", "last", "sign-in", "admin"]
    anna, somchai = (line.split() for line in lines[1:])
    assert anna[:2] == ["anna", "none"] and anna[3].endswith("Z")
    assert somchai[:2] == ["สมชาย", "ลับ"] and somchai[3] == "-"
    assert lines[1].index("none") == lines[2].index("ลับ")  # columns line up


def test_an_admin_is_made_at_add_or_later_and_listed(runner, db):
    result = invoke(runner, "user", "add", "anna", "--clearance", "none", "--admin",
                    "--users", db, input=PASSWORD + "\n")
    assert result.exit_code == 0 and "admin" in result.output
    add(runner, db)
    assert Users(db).get("anna").admin and not Users(db).get("สมชาย").admin
    assert invoke(runner, "user", "admin", "สมชาย", "--users", db).exit_code == 0
    assert invoke(runner, "user", "admin", "anna", "--off", "--users", db).exit_code == 0
    listed = {line.split()[0]: line.split()[-1]
              for line in invoke(runner, "user", "list", "--users", db).output.splitlines()[1:]}
    assert listed == {"anna": "-", "สมชาย": "yes"}
    missing = invoke(runner, "user", "admin", "nobody", "--users", db)
    assert missing.exit_code == 2 and "no user named" in missing.output
    logged = [(e["action"], e.get("admin")) for e in AuditLog(db.parent / "users-audit.jsonl").events()]
    assert ("user_admin", True) in logged and ("user_admin", False) in logged


def test_remove(runner, db):
    add(runner, db)
    result = invoke(runner, "user", "remove", "nobody", "--users", db)
    assert result.exit_code == 2 and "no user named" in result.output
    result = invoke(runner, "user", "remove", "สมชาย", "--users", db)
    assert result.exit_code == 0 and not Users(db).has_users()


def test_password_sets_a_new_one_and_ends_sessions(runner, db):
    add(runner, db)
    token = Users(db).open_session("สมชาย", None)
    result = invoke(runner, "user", "password", "สมชาย", "--users", db,
                    input="a new password\n")
    assert result.exit_code == 0, result.output
    users = Users(db)
    assert users.check("สมชาย", "a new password").ok and users.session_user(token) is None
    result = invoke(runner, "user", "password", "nobody", "--users", db, input=PASSWORD + "\n")
    assert result.exit_code == 2 and "no user named" in result.output


def test_backup(runner, db, tmp_path):
    add(runner, db)
    result = invoke(runner, "user", "backup", tmp_path / "copy.db", "--users", db)
    assert result.exit_code == 0
    assert [u.name for u in Users(tmp_path / "copy.db").list()] == ["สมชาย"]
    result = invoke(runner, "user", "backup", tmp_path / "b.db", "--users", tmp_path / "none.db")
    assert result.exit_code == 2


def test_user_commands_are_audited(runner, db):
    add(runner, db)
    invoke(runner, "user", "password", "สมชาย", "--users", db, input="a new password\n")
    invoke(runner, "user", "remove", "สมชาย", "--users", db)
    events = list(AuditLog(db.with_name("users-audit.jsonl")).events())
    assert [(e["action"], e["user"], e["by"]) for e in events] == [
        ("user_add", "สมชาย", "cli"), ("password", "สมชาย", "cli"),
        ("user_remove", "สมชาย", "cli")]
    assert events[0]["clearance"] == "ลับ"
    assert all("correct" not in json.dumps(e) and "new password" not in json.dumps(e)
               for e in events)


def test_audit_prints_the_log(runner, db):
    assert invoke(runner, "audit", "--users", db).output == ""  # no log yet
    add(runner, db)
    log = AuditLog(db.with_name("users-audit.jsonl"))
    log.append("view", "สมชาย", address="10.0.0.7", doc_id="d1")
    plain = invoke(runner, "audit", "--users", db)
    assert plain.exit_code == 0
    first, second = plain.output.splitlines()
    assert "สมชาย  user_add" in first and "clearance=ลับ" in first
    assert "สมชาย  view  d1" in second
    lines = invoke(runner, "audit", "--users", db, "--json").output.splitlines()
    assert [json.loads(x)["action"] for x in lines] == ["user_add", "view"]
    only = invoke(runner, "audit", "--users", db, "--doc", "d1", "--json").output.splitlines()
    assert [json.loads(x)["action"] for x in only] == ["view"]
    assert invoke(runner, "audit", "--users", db, "--user", "anna").output == ""


def test_audit_since_reads_thai_dates(runner, db):
    log = db.with_name("users-audit.jsonl")
    lines = [{"time": "2026-11-29T12:00:00.000Z", "user": "a", "action": "login"},
             {"time": "2026-12-02T12:00:00.000Z", "user": "b", "action": "login"}]
    log.write_text("".join(json.dumps(x) + "\n" for x in lines))
    for since in ("2569-12-01", "2026-12-01", "1 ธ.ค. 2569", "๑ ธันวาคม ๒๕๖๙"):
        result = invoke(runner, "audit", "--users", db, "--since", since, "--json")
        assert result.exit_code == 0, result.output
        assert [json.loads(x)["user"] for x in result.output.splitlines()] == ["b"], since
    result = invoke(runner, "audit", "--users", db, "--since", "yesterday-ish")
    assert result.exit_code == 2 and "--since" in result.output
    assert "--since: cannot read the date 'yesterday-ish'; use YYYY-MM-DD, a พ.ศ. year such " \
           "as 2563, or 22 ต.ค. 2563" in result.output


def test_users_file_from_the_environment_and_beside_the_index(runner, tmp_path):
    env_db = tmp_path / "env" / "people.db"
    # no --users: SARABAN_USERS decides (over the index folder)
    result = invoke(runner, "user", "add", "anna", "--clearance", "none",
                    input=PASSWORD + "\n", env={"SARABAN_USERS": str(env_db),
                                                "SARABAN_INDEX": str(tmp_path / "x" / "i")})
    assert result.exit_code == 0 and Users(env_db).get("anna")
    assert not (tmp_path / "x" / "users.db").exists()
    listed = invoke(runner, "user", "list", env={"SARABAN_USERS": str(env_db)})
    assert "anna" in listed.output

    index = tmp_path / "var" / "index"
    result = invoke(runner, "user", "add", "bo", "--clearance", "none", "--index", index,
                    input=PASSWORD + "\n")
    assert result.exit_code == 0 and Users(tmp_path / "var" / "users.db").get("bo")
    assert (tmp_path / "var" / "users-audit.jsonl").exists()
    assert "bo" in invoke(runner, "user", "list", "--index", index).output
    assert "user_add" in invoke(runner, "audit", "--index", index).output
    # --users beats the environment
    other = tmp_path / "other.db"
    invoke(runner, "user", "add", "cy", "--clearance", "none", "--users", other,
           input=PASSWORD + "\n", env={"SARABAN_USERS": str(env_db)})
    assert Users(other).get("cy") and not Users(env_db).get("cy")


def test_the_real_command_reads_a_password_piped_in(tmp_path):
    db = tmp_path / "users.db"
    saraban("user", "add", "anna", "--clearance", "ลับมาก", "--users", db,
            input=PASSWORD + "\n", check=0)
    assert Users(db).check("anna", PASSWORD).ok
    proc = saraban("user", "list", "--users", db, check=0)
    assert "anna" in proc.stdout and "ลับมาก" in proc.stdout
    proc = saraban("user", "add", "anna", "--clearance", "none", "--users", db,
                   input=PASSWORD + "\n")
    assert proc.returncode == 2 and "already exists" in proc.stderr
