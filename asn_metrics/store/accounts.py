"""Accounts in the database: add, list, disable, change a password (``asn_metrics.accounts`` holds the rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select, update

from asn_metrics.accounts import (
    PERSONAL_ROLES,
    SCOPED_ROLES,
    AccountError,
    account_scope,
    check_name,
    check_role,
    hash_password,
    verify_password,
)
from asn_metrics.db.schema import akun, akun_instansi, instansi
from asn_metrics.store import audit


def add_account(
    engine: Engine,
    name: str,
    role: str,
    password: str,
    agencies: Sequence[str] = (),
    *,
    now: dt.datetime,
    actor: str = "sistem",
) -> int:
    """A new account; its agencies (codes) must exist. Returns its id. Raises ``AccountError``."""
    check_name(name)
    codes = sorted(set(agencies))
    check_role(role, codes)
    hashed = hash_password(password)
    with engine.begin() as conn:
        if conn.scalar(select(func.count()).select_from(akun).where(akun.c.nama == name)):
            raise AccountError(f"Akun {name} sudah ada.")
        ids = dict(conn.execute(select(instansi.c.kode, instansi.c.id).where(instansi.c.kode.in_(codes))).all())
        missing = [c for c in codes if c not in ids]
        if missing:
            raise AccountError(f"Kode instansi belum terdaftar: {', '.join(missing)}.")
        added = conn.execute(
            insert(akun).values(nama=name, password_hash=hashed, peran=role, aktif=True, dibuat_pada=now)
        )
        account_id = int(added.inserted_primary_key[0])  # type: ignore[index]
        if ids:
            conn.execute(insert(akun_instansi), [{"akun_id": account_id, "instansi_id": ids[c]} for c in codes])
        audit.record(
            conn, "akun_tambah", pengguna=actor, waktu=now, rincian={"akun": name, "peran": role, "instansi": codes}
        )
    return account_id


def list_accounts(engine: Engine) -> pd.DataFrame:
    """nama, peran, aktif, dibuat_pada, instansi (codes joined by ', '), ordered by name. No hashes."""
    scope = (
        select(akun_instansi.c.akun_id, instansi.c.kode)
        .join(instansi, instansi.c.id == akun_instansi.c.instansi_id)
        .order_by(instansi.c.kode)
    )
    with engine.connect() as conn:
        rows = conn.execute(
            select(akun.c.id, akun.c.nama, akun.c.peran, akun.c.aktif, akun.c.dibuat_pada).order_by(akun.c.nama)
        ).all()
        codes: dict[int, list[str]] = {}
        for account_id, code in conn.execute(scope):
            codes.setdefault(int(account_id), []).append(str(code))
    frame = pd.DataFrame(rows, columns=["id", "nama", "peran", "aktif", "dibuat_pada"])
    frame["instansi"] = [", ".join(codes.get(int(i), [])) for i in frame["id"]]
    return frame.drop(columns="id")


def agency_codes(conn: Connection, account_id: int) -> tuple[str, ...]:
    """The agency codes of an account's scope, in code order."""
    codes = conn.scalars(
        select(instansi.c.kode)
        .join(akun_instansi, akun_instansi.c.instansi_id == instansi.c.id)
        .where(akun_instansi.c.akun_id == account_id)
        .order_by(instansi.c.kode)
    ).all()
    return tuple(str(c) for c in codes)


def _existing(conn: Connection, name: str) -> int:
    account_id = conn.scalar(select(akun.c.id).where(akun.c.nama == name))
    if account_id is None:
        raise AccountError(f"Akun {name} tidak ada.")
    return int(account_id)


def disable_account(engine: Engine, name: str, *, now: dt.datetime, actor: str = "sistem") -> None:
    """The account can no longer log in; its history stays."""
    with engine.begin() as conn:
        conn.execute(update(akun).where(akun.c.id == _existing(conn, name)).values(aktif=False))
        audit.record(conn, "akun_nonaktif", pengguna=actor, waktu=now, rincian={"akun": name})


def set_password(engine: Engine, name: str, password: str, *, now: dt.datetime, actor: str = "sistem") -> None:
    hashed = hash_password(password)
    with engine.begin() as conn:
        conn.execute(  # a new password also lifts a lockout
            update(akun)
            .where(akun.c.id == _existing(conn, name))
            .values(password_hash=hashed, gagal_berturut=0, terkunci_sampai=None)
        )
        audit.record(conn, "akun_sandi", pengguna=actor, waktu=now, rincian={"akun": name})


def password_hash(engine: Engine, name: str) -> str | None:
    """The stored hash of ``name`` (for login and tests), or None."""
    with engine.connect() as conn:
        return conn.scalar(select(akun.c.password_hash).where(akun.c.nama == name))


@dataclass(frozen=True)
class Login:
    """What a login attempt gives: the account (role and agency codes) when it succeeded, else the message."""

    ok: bool
    message: str = ""
    nama: str = ""
    peran: str = ""
    instansi: tuple[str, ...] = ()


#: A wrong password this many times in a row locks the account for ``LOCKOUT`` (issue 15 item 3).
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
_WRONG = "Nama akun atau kata sandi salah."


def authenticate(engine: Engine, name: str, password: str, *, now: dt.datetime) -> Login:
    """Check a login and record it in the audit log. An unknown or disabled account and a wrong password get the
    same message (nobody learns which names exist); the fifth wrong password in a row locks the account for 15
    minutes, during which even the right password is refused."""
    with engine.begin() as conn:
        row = conn.execute(select(akun).where(akun.c.nama == name)).mappings().first()
        if row is None or not row["aktif"]:
            audit.record(conn, "login_gagal", pengguna=name[:64], waktu=now, rincian={"alasan": "akun tidak ada/aktif"})
            return Login(False, _WRONG)
        if row["terkunci_sampai"] is not None and row["terkunci_sampai"] > now:
            audit.record(conn, "login_gagal", pengguna=name, waktu=now, rincian={"alasan": "terkunci"})
            return Login(
                False,
                f"Akun terkunci sampai pukul {row['terkunci_sampai']:%H.%M} karena {MAX_FAILURES} kali "
                "salah kata sandi. Coba lagi nanti, atau minta admin mengganti kata sandinya.",
            )
        if not verify_password(row["password_hash"], password):
            failures = int(row["gagal_berturut"]) + 1
            if failures >= MAX_FAILURES:
                until = now + LOCKOUT
                conn.execute(update(akun).where(akun.c.id == row["id"]).values(gagal_berturut=0, terkunci_sampai=until))
                audit.record(conn, "akun_terkunci", pengguna=name, waktu=now, rincian={"sampai": until.isoformat()})
            else:
                conn.execute(update(akun).where(akun.c.id == row["id"]).values(gagal_berturut=failures))
                audit.record(conn, "login_gagal", pengguna=name, waktu=now, rincian={"alasan": "kata sandi salah"})
            return Login(False, _WRONG)
        conn.execute(update(akun).where(akun.c.id == row["id"]).values(gagal_berturut=0, terkunci_sampai=None))
        codes = agency_codes(conn, int(row["id"]))
        scoped = audit.scope_text(account_scope(row["peran"], codes))
        audit.record(conn, "login", pengguna=name, waktu=now, rincian={"peran": row["peran"]}, lingkup=scoped)
        return Login(True, nama=name, peran=str(row["peran"]), instansi=codes)


def import_scope(engine: Engine, name: str) -> tuple[str, ...] | None:
    """The agencies account ``name`` may import into: an evaluator's codes, None (every agency) for admin and
    pimpinan. Raises ``AccountError`` for an unknown or disabled account, and for a guest (``tamu``), who may
    not upload at all."""
    with engine.connect() as conn:
        row = conn.execute(select(akun.c.id, akun.c.peran, akun.c.aktif).where(akun.c.nama == name)).first()
        if row is None or not row.aktif:
            raise AccountError(f"Akun {name} tidak ada atau tidak aktif; --as harus menyebut akun yang aktif.")
        if row.peran == "tamu":
            raise AccountError(f"Akun {name} berperan tamu: tamu tidak dapat mengunggah data.")
        if row.peran not in SCOPED_ROLES:
            return None
        return agency_codes(conn, int(row.id))


def read_scope(engine: Engine, name: str) -> tuple[tuple[str, ...] | None, bool]:
    """What account ``name`` may read: its agencies (None: the province) and whether names and NIPs. Raises
    ``AccountError`` for an unknown or disabled account."""
    with engine.connect() as conn:
        row = conn.execute(select(akun.c.id, akun.c.peran, akun.c.aktif).where(akun.c.nama == name)).first()
        if row is None or not row.aktif:
            raise AccountError(f"Akun {name} tidak ada atau tidak aktif; --as harus menyebut akun yang aktif.")
        codes = agency_codes(conn, int(row.id))
    return account_scope(row.peran, codes), row.peran in PERSONAL_ROLES
