"""`python -m asn_metrics users add|list|disable|password`: accounts from the command line (issue 15 item 1)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from typing import Any

from sqlalchemy import Engine

from asn_metrics.accounts import ROLES, AccountError, check_name, check_role

EXIT_OK, EXIT_USAGE = 0, 2


def add_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Register ``users`` and its four actions on the CLI's subparsers."""
    users = commands.add_parser(
        "users",
        help="akun pengguna: tambah, daftar, nonaktifkan, ganti kata sandi",
        description="Mengelola akun. Kata sandi disimpan sebagai hash Argon2id, tidak pernah sebagai teks; "
        "diminta lewat prompt, atau dibaca dari satu baris masukan standar dengan --password-stdin.",
    )
    actions = users.add_subparsers(dest="action", metavar="AKSI", parser_class=parser_class)
    actions.required = True
    add = actions.add_parser("add", help="menambah akun")
    add.add_argument("name", metavar="NAMA", help="nama akun, mis. budi.santoso")
    add.add_argument("--role", required=True, choices=ROLES, help="peran: " + ", ".join(ROLES))
    add.add_argument("--instansi", nargs="+", default=[], metavar="KODE", help="instansi seorang evaluator")
    add.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari masukan standar")
    listing = actions.add_parser("list", help="daftar akun (tanpa kata sandi)")
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    disable = actions.add_parser("disable", help="menonaktifkan akun (riwayatnya tetap)")
    disable.add_argument("name", metavar="NAMA")
    password = actions.add_parser("password", help="mengganti kata sandi akun")
    password.add_argument("name", metavar="NAMA")
    password.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari masukan standar")

    audit = commands.add_parser(
        "audit",
        help="log audit: impor, pembatalan, perubahan akun",
        description="Mencetak log audit, terbaru dulu. Log ini hanya dapat ditambah, tidak diubah atau dihapus.",
    )
    audit.add_argument("--json", action="store_true", help="keluaran JSON")
    audit.add_argument("--limit", type=int, default=200, metavar="N", help="jumlah baris (bawaan 200)")
    audit.add_argument("--aksi", metavar="AKSI", help="hanya satu jenis aksi, mis. impor")


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise AccountError("Tidak ada terminal untuk menanyakan kata sandi; pakai --password-stdin.")
    first = getpass.getpass("Kata sandi: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise AccountError("Kedua kata sandi tidak sama.")
    return first


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def system_user() -> str:
    """Who runs the CLI (it acts as the local administrator): the operating system's user name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def run_audit(engine: Engine, args: argparse.Namespace) -> int:
    """`audit [--json] [--limit N] [--aksi AKSI]`: the newest rows of the audit log first."""
    from asn_metrics.store.audit import ACTIONS, load_audit

    frame = load_audit(engine, limit=args.limit, aksi=args.aksi)
    if args.json:
        print(json.dumps(frame.to_dict("records"), ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    if frame.empty:
        print("Log audit masih kosong.")
        return EXIT_OK
    for row in frame.to_dict("records"):
        details = ", ".join(f"{k}={v}" for k, v in row["rincian"].items())
        action = ACTIONS.get(row["aksi"], row["aksi"])
        print(f"{row['waktu']:%d-%m-%Y %H:%M:%S}  {row['pengguna']:<16.16} {action:<22} {details}")
    return EXIT_OK


def run_users(engine: Engine, args: argparse.Namespace) -> int:
    from asn_metrics.store import accounts

    try:
        if args.action == "add":
            check_name(args.name)  # before asking for a password
            check_role(args.role, args.instansi)
            now = _now()
            accounts.add_account(
                engine, args.name, args.role, _password(args), args.instansi, now=now, actor=system_user()
            )
            scope = f" untuk {', '.join(sorted(set(args.instansi)))}" if args.instansi else ""
            print(f"Akun {args.name} ({args.role}{scope}) ditambahkan.")
        elif args.action == "list":
            frame = accounts.list_accounts(engine)
            if args.json:
                print(json.dumps(frame.to_dict("records"), ensure_ascii=False, indent=2, default=str))
            elif frame.empty:
                print("Belum ada akun.")
            else:
                for row in frame.to_dict("records"):
                    state = "aktif" if row["aktif"] else "nonaktif"
                    print(f"{row['nama']:<24} {row['peran']:<10} {state:<9} {row['instansi'] or '(semua instansi)'}")
        elif args.action == "disable":
            accounts.disable_account(engine, args.name, now=_now(), actor=system_user())
            print(f"Akun {args.name} dinonaktifkan.")
        else:
            accounts.set_password(engine, args.name, _password(args), now=_now(), actor=system_user())
            print(f"Kata sandi akun {args.name} diganti.")
    except AccountError as exc:
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
