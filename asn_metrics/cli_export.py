"""``python -m asn_metrics export pptx|html|xlsx --out FILE [filters] [--as USER]``: the meeting's deck, report or
tables (issue 16), made from the same story as the Presentasi page, for the filters and the account's scope."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from asn_metrics.filters import Filters
from asn_metrics.formatting import format_number

FORMATS = ("pptx", "html", "xlsx")  # exports.FORMATS, named here so that --help needs no plotting imports


def add_commands(commands: Any, filter_arguments: Callable[[argparse.ArgumentParser], None]) -> None:
    export = commands.add_parser(
        "export",
        help="dek rapat (PPTX), laporan luring (HTML) atau tabel (XLSX)",
        description="Membuat dek PowerPoint dengan grafik asli, laporan HTML mandiri yang dapat dicetak A4, atau "
        "tabel XLSX di balik setiap slide, dari cerita yang sama dengan halaman Presentasi.",
    )
    export.add_argument("format", choices=FORMATS, metavar="FORMAT", help="pptx, html atau xlsx")
    export.add_argument("--out", type=Path, required=True, metavar="BERKAS", help="berkas keluaran")
    filter_arguments(export)  # without --tahun: the newest year with SKP ratings
    export.add_argument("--as", dest="pengguna", metavar="PENGGUNA", help="akun yang lingkupnya dipakai")


def run_export(engine: Engine, args: argparse.Namespace, check_codes: Any) -> int:
    from asn_metrics import exports, store
    from asn_metrics.cli import CliError
    from asn_metrics.store.accounts import AccountError, read_scope
    from asn_metrics.views import presentasi
    from asn_metrics.views.source import StoreSource

    lingkup, pribadi = None, True
    who = getpass.getuser()
    if args.pengguna:
        try:
            lingkup, pribadi = read_scope(engine, args.pengguna)
        except AccountError as exc:
            raise CliError(str(exc)) from None
        who = args.pengguna
    years = store.load_skp_years(engine) or store.load_data_years(engine)
    tahun = args.tahun or (years[0] if years else None)
    filters = Filters(tahun=tahun, instansi=args.instansi, wilayah=args.wilayah, lingkup=lingkup, pribadi=pribadi)
    check_codes(engine, filters)
    if lingkup is not None and args.instansi and args.instansi not in lingkup:
        raise CliError(f"Akun {who} hanya melihat instansi {', '.join(lingkup)}; {args.instansi} di luar lingkupnya.")
    deck = presentasi.build(StoreSource(engine), filters)
    if deck is None:
        raise CliError("Belum ada data untuk tahun itu; pilih --tahun yang sudah berisi data.", 1)
    if args.out.exists():
        raise CliError(f"Berkas {args.out} sudah ada; pilih nama lain (berkas yang ada tidak ditimpa).")
    content = exports.FORMATS[args.format].make(deck)
    try:
        args.out.write_bytes(content)
    except OSError as exc:
        raise CliError(f"Berkas {args.out} tidak dapat ditulis: {exc.strerror}.") from None
    exports.record(engine, args.format, pengguna=who, filename=args.out.name, filters=filters, lingkup=lingkup)
    print(
        f"{args.format.upper()} ditulis: {args.out} ({len(deck.slides) + 1} slide, "
        f"{format_number(len(content) / 1e3)} KB)."
    )
    return 0
