"""CLI commands for uploads: import, history and undo (DATA_FORMATS.md "Command line")."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from asn_metrics.formatting import format_number
from asn_metrics.reference import KINDS
from asn_metrics.store import load_batches

if TYPE_CHECKING:
    from asn_metrics import importer

# The import pipeline (pandera, openpyxl, pyarrow: about 1 s) is imported by the commands that write, so that
# `summary` and `history` start without it.

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def add_commands(commands: Any, integer: Any) -> None:
    """Register import, history and undo on the CLI's subparsers."""
    imp = commands.add_parser(
        "import",
        help="memvalidasi dan mengimpor satu berkas CSV/XLSX",
        description="Membaca, memeriksa dan mengimpor satu berkas dalam satu transaksi: bila ada satu baris "
        "saja yang salah, tidak ada yang ditulis dan semua kesalahan dicetak. Berkas yang persis sama "
        "dengan impor sebelumnya tidak mengubah apa pun.",
        epilog="Kode keluar: 0 diimpor (atau --dry-run tanpa kesalahan), 1 ditolak, 2 perintah salah atau "
        "berkas tidak terbaca.",
    )
    imp.add_argument("kind", metavar="JENIS", choices=KINDS, help="jenis data: " + ", ".join(KINDS))
    imp.add_argument("file", metavar="BERKAS", type=Path, help="berkas .csv, .txt atau .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="hanya memeriksa, tidak menulis apa pun")
    imp.add_argument("--json", action="store_true", help="hasil dan kesalahan sebagai JSON")
    imp.add_argument("--as", dest="pengguna", metavar="PENGGUNA", help="nama pengguna yang dicatat di riwayat impor")
    imp.add_argument(
        "--tambah-ulang-survei",
        dest="repeated_survey",
        action="store_true",
        help="tetap tambahkan jawaban survei anonim yang sama persis dengan yang sudah tersimpan (tanpa opsi ini "
        "berkas seperti itu ditolak, agar jawaban tidak terhitung dua kali)",
    )

    history = commands.add_parser(
        "history", help="riwayat impor", description="Daftar impor terbaru: siapa, kapan, berkas, jumlah baris."
    )
    history.add_argument("--json", action="store_true", help="keluaran JSON")
    history.add_argument("--limit", type=integer, default=50, metavar="N", help="jumlah baris (bawaan 50)")

    undo = commands.add_parser(
        "undo",
        help="membatalkan impor terakhir suatu jenis",
        description="Membatalkan satu impor: baris baru dihapus dan baris yang diubah dikembalikan persis "
        "seperti sebelum impor itu. Hanya impor terakhir dari setiap jenis yang dapat dibatalkan.",
    )
    undo.add_argument("batch", metavar="BATCH", type=integer, help="nomor impor (lihat perintah history)")


def _problems(frame: Any) -> list[dict[str, Any]]:
    return [
        {k: (None if v is None or v != v else v) for k, v in row.items()}
        for row in frame[["baris", "kolom", "nilai", "pesan", "saran"]].to_dict("records")
    ]


def _progress(quiet: bool) -> importer.Progress | None:
    if quiet or not sys.stderr.isatty():
        return None
    return lambda fraction, step: print(f"\r  {fraction * 100:5.1f}% {step}…", end="", file=sys.stderr, flush=True)


def run_import(engine: Engine, args: argparse.Namespace) -> int:
    """`import KIND FILE`: 0 imported (or valid in a dry run, or already imported), 1 refused, 2 unreadable.

    Reads the file in chunks (bounded memory) through the same read → validate → write pipeline as the page.
    """
    from asn_metrics import importer, ingest
    from asn_metrics.ingest.issues import problems_from

    path: Path = args.file
    if not path.exists():
        return _fail(args, f"Berkas {path} tidak ditemukan.", EXIT_USAGE)
    if not path.is_file():
        return _fail(
            args, f"{path} bukan berkas (mungkin sebuah folder). Sebutkan berkas CSV, TXT atau XLSX.", EXIT_USAGE
        )
    scope: tuple[str, ...] | None = None
    if args.pengguna:  # --as USER: that account's scope, exactly as the app applies it (issue 15 item 2)
        from asn_metrics.store.accounts import import_scope

        try:
            scope = import_scope(engine, args.pengguna)
        except ValueError as exc:
            return _fail(args, str(exc), EXIT_USAGE)
    try:
        outcome = importer.run(
            engine,
            path,
            args.kind,
            pengguna=args.pengguna or _user(),
            sumber="cli",
            dry_run=args.dry_run,
            progress=_progress(args.json),
            scope=scope,
            repeated_survey=args.repeated_survey,
        )
    except ingest.UnreadableFile as exc:
        return _fail(args, str(exc), EXIT_USAGE)
    except OSError as exc:
        return _fail(
            args, f"Berkas {path} tidak dapat dibaca ({exc.strerror or exc}). Periksa izin aksesnya.", EXIT_USAGE
        )
    except importer.ImportFailed as exc:
        return _fail(args, str(exc), EXIT_REFUSED, status=exc.status)
    report: dict[str, Any] = {
        "status": outcome.status,
        "jenis": outcome.kind,
        "berkas": path.name,
        "sha256": outcome.sha256,
        "baris": outcome.rows,
        "kesalahan": _problems(outcome.errors),
        "peringatan": _problems(outcome.warnings),
    }
    # Past the first importer.PROBLEM_CAP, problems are counted per column and rule, not listed.
    for key, beyond in (("kesalahan_lainnya", outcome.errors_beyond), ("peringatan_lainnya", outcome.warnings_beyond)):
        if beyond is not None:
            report[key] = beyond.to_dict("records")
    if outcome.status == "ditolak":
        report["jumlah_kesalahan"] = outcome.error_count
        texts = [p.teks for p in problems_from(outcome.errors)]
        if outcome.errors_beyond is not None:
            texts += [
                f"… dan {format_number(int(r['jumlah']))} kesalahan lain di kolom {r['kolom'] or '(berkas)'} "
                f"({r['saran']})"
                for r in outcome.errors_beyond.to_dict("records")
            ]
        _emit(args, report, [*texts, _refused_line(outcome.error_count)], error=True)
        return EXIT_REFUSED
    if outcome.status == "sudah_diimpor" and outcome.sebelumnya:
        before = outcome.sebelumnya
        report["batch_id"] = before["id"]
        when = before["dibuat_pada"]
        # When and by whom the same bytes were imported (DATA_FORMATS.md "Idempotent": "says when").
        report["diimpor_pada"] = when.isoformat(sep=" ") if isinstance(when, dt.datetime) else str(when)
        report["berkas_sebelumnya"] = before["nama_file"]
        report["pengguna_sebelumnya"] = before["pengguna"]
        _emit(args, report, [importer.already_imported_text(before) or ""])
        return EXIT_OK
    if outcome.status == "valid":
        report.update(baru=outcome.baru, diubah=outcome.diubah, tetap=outcome.tetap)
        line = (
            f"Berkas valid: {format_number(outcome.rows)} baris {outcome.kind} ({format_number(outcome.baru)} baru, "
            f"{format_number(outcome.diubah)} diubah, {format_number(outcome.tetap)} tetap). Tidak ada yang ditulis."
        )
        _emit(args, report, [line])
        return EXIT_OK
    report.update(batch_id=outcome.batch_id, baru=outcome.baru, diubah=outcome.diubah, tetap=outcome.tetap)
    lines = [
        f"Impor #{outcome.batch_id} ({outcome.kind}, {path.name}): {format_number(outcome.baru)} baris baru, "
        f"{format_number(outcome.diubah)} diubah, {format_number(outcome.tetap)} tetap."
    ]
    lines += [f"Peringatan: {w.teks}" for w in problems_from(outcome.warnings)[:20]]
    _emit(args, report, lines)
    return EXIT_OK


def _refused_line(count: int) -> str:
    return (
        f"Berkas ditolak: {format_number(count)} kesalahan; tidak ada data yang ditulis. "
        "Perbaiki baris di atas lalu impor ulang."
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _emit(args: argparse.Namespace, report: dict[str, Any], lines: list[str], *, error: bool = False) -> None:
    if getattr(args, "json", False):
        print(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        return
    stream = sys.stderr if error else sys.stdout
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for line in lines:
        print(line, file=stream)


def _fail(args: argparse.Namespace, message: str, code: int, *, status: str = "tidak_terbaca") -> int:
    if getattr(args, "json", False):
        print(json.dumps({"status": status, "kesalahan": [{"pesan": message}]}, ensure_ascii=False, indent=2))
    else:
        print(f"Kesalahan: {message}", file=sys.stderr)
    return code


def run_history(engine: Engine, args: argparse.Namespace) -> int:
    batches = load_batches(engine, limit=args.limit)
    if args.json:
        records = batches.to_dict("records")
        print(json.dumps(records, ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    if batches.empty:
        print("Belum ada impor.")
        return EXIT_OK
    for b in batches.to_dict("records"):
        status = (
            "aktif" if b["dibatalkan_pada"] is None or b["dibatalkan_pada"] != b["dibatalkan_pada"] else "dibatalkan"
        )
        print(
            f"#{b['id']:<5} {b['dibuat_pada']:%d-%m-%Y %H:%M}  {b['jenis']:<10} {b['nama_file']:<32.32} "
            f"sha256 {b['sha256'][:12]}  "
            f"{b['pengguna']:<12.12} baru {format_number(int(b['baris_baru'])):>9}  "
            f"diubah {format_number(int(b['baris_diubah'])):>7}  "
            f"tetap {format_number(int(b['baris_tetap'])):>7}  {status}"
        )
    return EXIT_OK


def run_undo(engine: Engine, args: argparse.Namespace) -> int:
    from asn_metrics.store.upsert import UndoRefused, undo_batch

    try:
        result = undo_batch(engine, args.batch, now=dt.datetime.now().replace(microsecond=0), pengguna=_user())
    except UndoRefused as exc:
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(
        f"Impor #{args.batch} dibatalkan: {format_number(result['dihapus'])} baris dihapus, "
        f"{format_number(result['dipulihkan'])} baris dikembalikan seperti semula."
    )
    return EXIT_OK
