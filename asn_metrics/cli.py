"""The command line (DATA_FORMATS.md "Command line"): init-db, demo, summary, import, users, audit, export, backup;
messages in Indonesian."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from asn_metrics import cli_export, cli_import, cli_users
from asn_metrics.db.engine import make_engine
from asn_metrics.db.migrate import current_revision, head_revision, upgrade
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_number
from asn_metrics.settings import load_settings

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A problem the user can fix; printed without a traceback."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


_ARGPARSE_WORDS = (
    ("the following arguments are required", "argumen berikut wajib diisi"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("invalid choice", "pilihan tidak dikenal"),
    ("choose from", "pilih dari"),
    ("expected one argument", "perlu satu nilai"),
    ("argument ", "argumen "),
)


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} bukan bilangan bulat") from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for english, indonesian in _ARGPARSE_WORDS:
            message = message.replace(english, indonesian)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Kesalahan: {message}. Lihat `{self.prog} --help`.\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m asn_metrics",
        description="Dasbor Kinerja ASN Bengkulu: basis data, data demo, impor berkas dan ringkasan angka.",
        epilog="Basis data: variabel ASN_DB_URL (URL SQLAlchemy), bawaan sqlite:///data/asn_kinerja.db.",
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    commands.required = True

    commands.add_parser(
        "init-db",
        help="membuat atau memigrasikan skema basis data",
        description="Membuat skema (atau memigrasikannya ke versi terbaru) dan mengisi data rujukan "
        "(wilayah, katalog layanan beserta standar waktunya). Aman dijalankan berulang kali.",
    )

    demo = commands.add_parser(
        "demo",
        help="mengisi basis data kosong dengan data demo sintetis",
        description="Mengisi basis data yang masih kosong dengan data demo sintetis Provinsi Bengkulu "
        "(bukan data resmi). Benih yang sama menghasilkan basis data yang sama.",
    )
    demo.add_argument(
        "--pegawai", type=_integer, default=None, metavar="N", help="jumlah pegawai (200-100000, bawaan 5000)"
    )
    demo.add_argument("--seed", type=_integer, default=20261127, metavar="S", help="benih acak (bawaan 20261127)")
    demo.add_argument(
        "--if-empty", action="store_true", help="lewati tanpa kesalahan bila basis data sudah berisi data"
    )

    summary = commands.add_parser(
        "summary",
        help="angka utama sebagai JSON",
        description="Mencetak angka utama (pegawai, predikat, …) sebagai satu objek JSON. Tanpa --tahun, "
        "dipakai tahun terakhir yang memiliki data.",
    )
    summary.add_argument("--json", action="store_true", help="keluaran JSON (satu-satunya format saat ini)")
    filter_arguments(summary)
    cli_import.add_commands(commands, _integer)
    cli_users.add_commands(commands, _Parser)
    cli_export.add_commands(commands, filter_arguments)
    backup = commands.add_parser(
        "backup",
        help="salinan basis data yang konsisten, juga saat dipakai",
        description="Menyalin basis data SQLite ke BERKAS baru dengan API cadangan daring SQLite: salinannya "
        "konsisten walau aplikasi atau impor sedang berjalan. Untuk PostgreSQL gunakan pg_dump.",
    )
    backup.add_argument("file", type=Path, metavar="BERKAS", help="berkas cadangan baru, mis. cadangan.db")
    return parser


def filter_arguments(parser: argparse.ArgumentParser) -> None:
    """--tahun, --instansi and --wilayah, as ``summary`` and ``export`` take them."""
    parser.add_argument("--tahun", type=_integer, metavar="Y", help="tahun penilaian")
    parser.add_argument("--instansi", metavar="KODE", help="kode instansi, mis. 17.DUKCAPIL")
    parser.add_argument("--wilayah", metavar="KODE", help="kode wilayah: 17 (provinsi) atau 17.01 … 17.71")


def _engine() -> Engine:
    try:
        settings = load_settings()
    except ValueError as exc:
        raise CliError(f"Pengaturan tidak sah: {exc}") from None
    return make_engine(settings.db_url)


def _require_schema(engine: Engine) -> None:
    if current_revision(engine) != head_revision():
        raise CliError("Skema basis data belum dibuat atau belum terbaru. Jalankan dulu: python -m asn_metrics init-db")


def _cmd_init_db(_args: argparse.Namespace) -> int:
    engine = _engine()
    before = current_revision(engine)
    upgrade(engine)
    after = current_revision(engine)
    if before == after:
        print(f"Skema sudah terbaru (revisi {after}).")
    else:
        print(f"Skema dibuat/dimigrasikan: {before or 'kosong'} → {after}.")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from asn_metrics.demo import DemoError, generate_demo
    from asn_metrics.demo.generate import MAX_PEGAWAI, MIN_PEGAWAI
    from asn_metrics.store.write import database_is_empty

    engine = _engine()
    _require_schema(engine)
    pegawai = args.pegawai if args.pegawai is not None else load_settings().demo_pegawai
    if not MIN_PEGAWAI <= pegawai <= MAX_PEGAWAI:
        raise CliError(f"--pegawai harus antara {MIN_PEGAWAI} dan {MAX_PEGAWAI}, terisi {pegawai}.")
    with engine.connect() as conn:
        empty = database_is_empty(conn)
    if not empty:
        if args.if_empty:
            print("Basis data sudah berisi data; data demo tidak dimuat.")
            return EXIT_OK
        raise CliError("Basis data sudah berisi data. Data demo hanya dimuat ke basis data kosong.", EXIT_REFUSED)
    started = time.perf_counter()
    try:
        result = generate_demo(
            engine, pegawai=pegawai, seed=args.seed, progress=lambda step: print(f"  … {step}", flush=True)
        )
    except DemoError as exc:
        raise CliError(str(exc), EXIT_REFUSED) from None
    seconds = time.perf_counter() - started
    rows = ", ".join(f"{name} {format_number(count)}" for name, count in result.counts().items())
    print(f"Data demo dimuat dalam {seconds:.1f} detik (benih {args.seed}): {rows}.")
    print("Catatan: data ini sintetis, bukan data resmi.")
    return EXIT_OK


def _cmd_summary(args: argparse.Namespace) -> int:
    from asn_metrics.summary import build_summary

    engine = _engine()
    _require_schema(engine)
    filters = Filters(tahun=args.tahun, instansi=args.instansi, wilayah=args.wilayah)
    _check_codes(engine, filters)
    print(json.dumps(build_summary(engine, filters), ensure_ascii=False, indent=2))
    return EXIT_OK


def _check_codes(engine: Engine, filters: Filters) -> None:
    from asn_metrics import store

    if filters.wilayah and filters.wilayah not in set(store.load_wilayah(engine)["kode"]):
        raise CliError(
            f"Kode wilayah {filters.wilayah!r} tidak dikenal. Pakai 17 (provinsi) atau 17.01 … 17.09, 17.71."
        )
    if filters.instansi and filters.instansi not in set(store.load_instansi(engine)["kode"]):
        raise CliError(
            f"Kode instansi {filters.instansi!r} tidak ada di basis data. Periksa kodenya (mis. 17.DUKCAPIL)."
        )


def _with_schema(run: Callable[[Engine, argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        engine = _engine()
        _require_schema(engine)
        return run(engine, args)

    return command


def _cmd_backup(args: argparse.Namespace) -> int:
    from asn_metrics.db.backup import BackupError, backup_sqlite

    engine = _engine()
    _require_schema(engine)
    try:
        size = backup_sqlite(engine, args.file)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"Cadangan ditulis: {args.file} ({format_number(size / 1e6, 1)} MB).")
    return EXIT_OK


COMMANDS = {
    "init-db": _cmd_init_db,
    "demo": _cmd_demo,
    "summary": _cmd_summary,
    "import": _with_schema(cli_import.run_import),
    "history": _with_schema(cli_import.run_history),
    "undo": _with_schema(cli_import.run_undo),
    "backup": _cmd_backup,
    "users": _with_schema(cli_users.run_users),
    "audit": _with_schema(cli_users.run_audit),
    "export": _with_schema(lambda engine, args: cli_export.run_export(engine, args, _check_codes)),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return exc.code
    except SQLAlchemyError as exc:
        original = getattr(exc, "orig", None)
        detail = str(original) if original is not None else type(exc).__name__
        print(f"Kesalahan: basis data tidak dapat dipakai ({detail}). Periksa ASN_DB_URL.", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
