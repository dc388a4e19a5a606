"""Accounts (issue 15 item 1): the roles, Argon2id hashes in the database, and `users add|list|disable|password`."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from asn_metrics.accounts import AccountError, verify_password
from asn_metrics.store import accounts
from tests.test_cli import ROOT
from tests.test_import import staffed  # noqa: F401  (the fixture)

NOW = dt.datetime(2026, 12, 4, 9, 0)
SECRET = "kata-sandi-rahasia"


def test_passwords_are_kept_as_argon2id_hashes_and_verified(staffed: Engine) -> None:  # noqa: F811
    accounts.add_account(staffed, "sari.dewi", "evaluator", SECRET, ["17.DUKCAPIL", "17.04.DUKCAPIL"], now=NOW)
    stored = accounts.password_hash(staffed, "sari.dewi")
    assert stored is not None and stored.startswith("$argon2id$") and SECRET not in stored
    assert verify_password(stored, SECRET) and not verify_password(stored, SECRET + "x")
    assert not verify_password(None, SECRET) and not verify_password("bukan-hash", SECRET)
    listed = accounts.list_accounts(staffed)
    assert listed.to_dict("records") == [
        {
            "nama": "sari.dewi",
            "peran": "evaluator",
            "aktif": True,
            "dibuat_pada": NOW,
            "instansi": "17.04.DUKCAPIL, 17.DUKCAPIL",
        }
    ]
    assert "password_hash" not in listed.columns
    accounts.set_password(staffed, "sari.dewi", "sandi-baru-yang-panjang", now=NOW)
    assert verify_password(accounts.password_hash(staffed, "sari.dewi"), "sandi-baru-yang-panjang")
    accounts.disable_account(staffed, "sari.dewi", now=NOW)
    assert accounts.list_accounts(staffed)["aktif"].tolist() == [False]


@pytest.mark.parametrize(
    ("name", "role", "password", "agencies", "says"),
    [
        ("Budi", "admin", SECRET, [], "tidak sah"),  # capitals
        ("budi", "raja", SECRET, [], "tidak dikenal"),
        ("budi", "evaluator", SECRET, [], "paling sedikit satu --instansi"),
        ("budi", "pimpinan", SECRET, ["17.DUKCAPIL"], "hanya untuk evaluator"),
        ("budi", "evaluator", SECRET, ["17.TIDAKADA"], "belum terdaftar: 17.TIDAKADA"),
        ("budi", "tamu", "pendek", [], "terlalu pendek"),
    ],
)
def test_a_bad_account_is_refused_with_its_reason_and_nothing_written(
    staffed: Engine,  # noqa: F811
    name: str,
    role: str,
    password: str,
    agencies: list[str],
    says: str,
) -> None:
    with pytest.raises(AccountError, match=says):
        accounts.add_account(staffed, name, role, password, agencies, now=NOW)
    assert accounts.list_accounts(staffed).empty


def _users(*args: str, db_url: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASN_DB_URL": db_url}
    return subprocess.run(
        [sys.executable, "-m", "asn_metrics", "users", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_users_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'akun.db'}"
    assert (
        subprocess.run(
            [sys.executable, "-m", "asn_metrics", "init-db"], cwd=ROOT, env={**os.environ, "ASN_DB_URL": url}
        ).returncode
        == 0
    )
    added = _users("add", "kepala.bkd", "--role", "pimpinan", "--password-stdin", db_url=url, stdin=SECRET + "\n")
    assert added.returncode == 0 and added.stdout.strip() == "Akun kepala.bkd (pimpinan) ditambahkan."
    again = _users("add", "kepala.bkd", "--role", "pimpinan", "--password-stdin", db_url=url, stdin=SECRET + "\n")
    assert again.returncode == 2 and "sudah ada" in again.stderr and "Traceback" not in again.stderr
    no_tty = _users("add", "tamu.rapat", "--role", "tamu", db_url=url)
    assert no_tty.returncode == 2 and "--password-stdin" in no_tty.stderr
    listed = json.loads(_users("list", "--json", db_url=url).stdout)
    assert [(a["nama"], a["peran"], a["aktif"]) for a in listed] == [("kepala.bkd", "pimpinan", True)]
    assert SECRET not in json.dumps(listed) and "argon2" not in json.dumps(listed)
    assert _users("disable", "kepala.bkd", db_url=url).returncode == 0
    assert "nonaktif" in _users("list", db_url=url).stdout
    missing = _users("password", "siapa", "--password-stdin", db_url=url, stdin=SECRET + "\n")
    assert missing.returncode == 2 and "tidak ada" in missing.stderr
    # `audit --json`: the account changes, newest first, by the system user the CLI runs as.
    env = {**os.environ, "ASN_DB_URL": url}
    printed = subprocess.run(
        [sys.executable, "-m", "asn_metrics", "audit", "--json"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    log = json.loads(printed.stdout)
    assert [r["aksi"] for r in log] == ["akun_nonaktif", "akun_tambah"]
    assert log[1]["rincian"] == {"akun": "kepala.bkd", "peran": "pimpinan", "instansi": []}


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(staffed: Engine) -> None:  # noqa: F811
    # Issue 15 item 3. Four wrong passwords and then the right one: in (the count starts again).
    from asn_metrics.store.audit import load_audit

    accounts.add_account(staffed, "kepala.bkd", "pimpinan", SECRET, now=NOW)
    for minute in range(4):
        assert not accounts.authenticate(staffed, "kepala.bkd", "salah", now=NOW + dt.timedelta(minutes=minute)).ok
    assert accounts.authenticate(staffed, "kepala.bkd", SECRET, now=NOW + dt.timedelta(minutes=4)).ok
    # Five in a row lock it: even the right password is refused until 15 minutes after the fifth.
    start = NOW + dt.timedelta(hours=1)
    for minute in range(5):
        wrong = accounts.authenticate(staffed, "kepala.bkd", "salah", now=start + dt.timedelta(minutes=minute))
        assert wrong.message == "Nama akun atau kata sandi salah."
    fifth = start + dt.timedelta(minutes=4)
    locked = accounts.authenticate(staffed, "kepala.bkd", SECRET, now=fifth + dt.timedelta(minutes=14))
    assert not locked.ok and locked.message.startswith(f"Akun terkunci sampai pukul {fifth + accounts.LOCKOUT:%H.%M}")
    opened = accounts.authenticate(
        staffed, "kepala.bkd", SECRET, now=fifth + accounts.LOCKOUT + dt.timedelta(seconds=1)
    )
    assert opened.ok and (opened.peran, opened.instansi) == ("pimpinan", ())
    log = load_audit(staffed, aksi="akun_terkunci")
    assert len(log) == 1 and log.iloc[0]["pengguna"] == "kepala.bkd"


def test_an_unknown_or_disabled_account_is_told_the_same_as_a_wrong_password(staffed: Engine) -> None:  # noqa: F811
    accounts.add_account(staffed, "sari.dewi", "evaluator", SECRET, ["17.DUKCAPIL"], now=NOW)
    signed_in = accounts.authenticate(staffed, "sari.dewi", SECRET, now=NOW)
    assert signed_in.ok and signed_in.instansi == ("17.DUKCAPIL",)
    accounts.disable_account(staffed, "sari.dewi", now=NOW)
    for name in ("sari.dewi", "tidak.ada"):
        refused = accounts.authenticate(staffed, name, SECRET, now=NOW)
        assert not refused.ok and refused.message == "Nama akun atau kata sandi salah."
