"""Login sessions kept on the server (issue 15 item 3).

A login creates a random token (256 bits). The browser keeps it in a cookie; the table ``sesi`` keeps only its
SHA-256, the account and when it was last used, so a copy of the database gives no usable token and a link never
carries one. Every script run looks the token up again (``resume``): a session idle longer than the setting
``sesi_menit`` (default 30 minutes), logged out, or of a disabled account is over at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Connection, Engine, func, insert, select, update

from asn_metrics.accounts import ROLES, account_scope
from asn_metrics.db.schema import akun, akun_instansi, import_batch, instansi, pengaturan, sesi
from asn_metrics.store import audit
from asn_metrics.store.accounts import Login, agency_codes
from asn_metrics.store.meta import load_demo_info

IDLE_SETTING: Final = "sesi_menit"
DEFAULT_IDLE_MINUTES: Final = 30
#: ``terakhir_aktif`` is written at most this often: a rerun per click would otherwise write on every click.
TOUCH_EVERY: Final = dt.timedelta(seconds=60)
#: The demo's one-click accounts: name by role. They have no password; only the demo login opens them.
DEMO_ACCOUNTS: Final = {role: f"demo.{role}" for role in ROLES}
EXPIRED: Final = "Sesi Anda berakhir karena tidak aktif selama {minutes} menit. Silakan masuk lagi."


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def idle_minutes(engine: Engine) -> int:
    """Minutes of inactivity after which a session ends (the setting ``sesi_menit``, default 30)."""
    with engine.connect() as conn:
        return _idle_minutes(conn)


def _idle_minutes(conn: Connection) -> int:
    raw = conn.scalar(select(pengaturan.c.nilai).where(pengaturan.c.kunci == IDLE_SETTING))
    value = json.loads(raw) if raw is not None else None
    return value if isinstance(value, int) and value > 0 else DEFAULT_IDLE_MINUTES


def open_session(engine: Engine, login: Login, *, now: dt.datetime) -> str:
    """A new session for the account of a successful ``login``; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        account_id = conn.scalar(select(akun.c.id).where(akun.c.nama == login.nama))
        conn.execute(
            insert(sesi).values(token_hash=_digest(token), akun_id=account_id, dibuat_pada=now, terakhir_aktif=now)
        )
    return token


@dataclass(frozen=True)
class Resumed:
    """What a token gives back: the account when the session is live, else why not (an Indonesian message, or
    empty when there was no session at all)."""

    login: Login | None
    message: str = ""


def resume(engine: Engine, token: str | None, *, now: dt.datetime) -> Resumed:
    """The account of a live session; an expired one is ended here and says so."""
    if not token:
        return Resumed(None)
    digest = _digest(token)
    with engine.begin() as conn:
        row = conn.execute(
            select(sesi.c.terakhir_aktif, sesi.c.berakhir_pada, akun.c.id, akun.c.nama, akun.c.peran, akun.c.aktif)
            .join(akun, akun.c.id == sesi.c.akun_id)
            .where(sesi.c.token_hash == digest)
        ).first()
        if row is None or row.berakhir_pada is not None:
            return Resumed(None)
        if not row.aktif:
            conn.execute(update(sesi).where(sesi.c.token_hash == digest).values(berakhir_pada=now))
            return Resumed(None, "Akun Anda dinonaktifkan oleh admin.")
        minutes = _idle_minutes(conn)
        if now - row.terakhir_aktif > dt.timedelta(minutes=minutes):
            conn.execute(update(sesi).where(sesi.c.token_hash == digest).values(berakhir_pada=now))
            audit.record(conn, "sesi_berakhir", pengguna=row.nama, waktu=now, rincian={"menit": minutes})
            return Resumed(None, EXPIRED.format(minutes=minutes))
        if now - row.terakhir_aktif >= TOUCH_EVERY:
            conn.execute(update(sesi).where(sesi.c.token_hash == digest).values(terakhir_aktif=now))
        return Resumed(Login(True, nama=row.nama, peran=row.peran, instansi=agency_codes(conn, int(row.id))))


def close_session(engine: Engine, token: str | None, *, now: dt.datetime) -> None:
    """Logout: the session ends (a copy of the cookie no longer opens anything) and the log records it."""
    if not token:
        return
    digest = _digest(token)
    with engine.begin() as conn:
        name = conn.scalar(
            select(akun.c.nama)
            .join(sesi, sesi.c.akun_id == akun.c.id)
            .where(sesi.c.token_hash == digest, sesi.c.berakhir_pada.is_(None))
        )
        if name is None:
            return
        conn.execute(update(sesi).where(sesi.c.token_hash == digest).values(berakhir_pada=now))
        audit.record(conn, "logout", pengguna=name, waktu=now, rincian={})


def sso_session(engine: Engine, email: str, *, now: dt.datetime) -> str | None:
    """A session for the account named by the e-mail an identity provider vouched for (``st.login``); None when
    no active account has that name (an admin adds it with ``users add EMAIL --role …``). Audited either way."""
    name = email.strip().lower()
    with engine.begin() as conn:
        row = conn.execute(select(akun.c.id, akun.c.peran, akun.c.aktif).where(akun.c.nama == name)).first()
        if row is None or not row.aktif:
            audit.record(conn, "login_gagal", pengguna=name[:64], waktu=now, rincian={"alasan": "SSO tanpa akun aktif"})
            return None
        codes = agency_codes(conn, int(row.id))
        scoped = audit.scope_text(account_scope(row.peran, codes))
        audit.record(conn, "login", pengguna=name, waktu=now, rincian={"peran": row.peran, "sso": True}, lingkup=scoped)
    return open_session(engine, Login(True, nama=name, peran=row.peran, instansi=codes), now=now)


def demo_only(engine: Engine) -> bool:
    """True while the database holds only the generated demo: the demo's record exists and no file was ever
    imported (by the page or the CLI) on top of it."""
    if load_demo_info(engine) is None:
        return False
    with engine.connect() as conn:
        real = conn.scalar(select(func.count()).select_from(import_batch).where(import_batch.c.sumber != "demo"))
    return not real


def demo_login(engine: Engine, role: str, *, now: dt.datetime) -> str | None:
    """One click into the demo account of ``role``: the account is made when missing (an evaluator of the first
    Disdukcapil, else the first agency), the login recorded, a session opened. None once real data exists."""
    if role not in DEMO_ACCOUNTS or not demo_only(engine):
        return None
    name = DEMO_ACCOUNTS[role]
    with engine.begin() as conn:
        account_id = conn.scalar(select(akun.c.id).where(akun.c.nama == name))
        if account_id is None:
            added = conn.execute(
                insert(akun).values(nama=name, password_hash=None, peran=role, aktif=True, dibuat_pada=now)
            )
            account_id = int(added.inserted_primary_key[0])  # type: ignore[index]
            if role == "evaluator":
                agency = _demo_agency(conn)
                if agency is not None:
                    conn.execute(insert(akun_instansi).values(akun_id=account_id, instansi_id=agency))
        codes = agency_codes(conn, int(account_id))
        scoped = audit.scope_text(account_scope(role, codes))
        audit.record(conn, "login", pengguna=name, waktu=now, rincian={"peran": role, "demo": True}, lingkup=scoped)
    return open_session(engine, Login(True, nama=name, peran=role, instansi=codes), now=now)


def _demo_agency(conn: Connection) -> int | None:
    disdukcapil = conn.scalar(
        select(instansi.c.id).where(func.lower(instansi.c.nama).like("%kependudukan%")).order_by(instansi.c.kode)
    )
    return disdukcapil if disdukcapil is not None else conn.scalar(select(instansi.c.id).order_by(instansi.c.kode))
