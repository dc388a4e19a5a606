"""Templates (CSV and XLSX, with a "Petunjuk" sheet) and documentation tables, all derived from the declarations."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from asn_metrics.ingest.columns import Column, Kind
from asn_metrics.ingest.kinds import KIND_SPECS, get_kind
from asn_metrics.ingest.normalise import convert

#: Rows of the XLSX template that get drop-down lists and text format (Excel's limit is 1,048,576).
TEMPLATE_ROWS = 10_000
PETUNJUK_HEADERS = ("kolom", "wajib", "tipe", "keterangan", "nama lain yang diterima", "pilihan / rentang", "contoh")


def template_csv(kind: str) -> bytes:
    """Header and one example row; UTF-8 with BOM and ``;`` as Indonesian Excel saves CSV."""
    spec = get_kind(kind)
    header = ";".join(c.name for c in spec.columns)
    example = ";".join(_quote(c.example) for c in spec.columns)
    return ("\ufeff" + header + "\r\n" + example + "\r\n").encode("utf-8")


def _quote(value: str) -> str:
    return f'"{value}"' if any(ch in value for ch in ';"\n') else value


def template_xlsx(kind: str) -> bytes:
    """XLSX template: sheet named like the kind (bold header, one example row, NIP columns as Text,
    drop-down lists for every choice column, real date cells) and a "Petunjuk" sheet describing each column."""
    spec = get_kind(kind)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    datetime = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet = book.add_worksheet(spec.name)
    for i, col in enumerate(spec.columns):
        sheet.write_string(0, i, col.name, bold)
        if col.type == "nip" or col.type == "text":
            sheet.set_column(i, i, max(14, len(col.name) + 2, min(len(col.example) + 2, 40)), text)
        else:
            sheet.set_column(i, i, max(12, len(col.name) + 2))
        _write_example(sheet, i, col, {"date": date, "datetime": datetime, "text": text})
        if col.values and len(",".join(col.values)) < 250:
            sheet.data_validation(
                1,
                i,
                TEMPLATE_ROWS,
                i,
                {
                    "validate": "list",
                    "source": list(col.values),
                    "ignore_blank": True,
                    "error_title": "Pilihan tidak dikenal",
                    "error_message": f"Pilih salah satu: {col.choices_text()}.",
                },
            )
        if col.description:
            sheet.write_comment(0, i, f"{'Wajib. ' if col.required else ''}{col.description}")
    sheet.freeze_panes(1, 0)
    _petunjuk(book, spec, bold)
    book.close()
    return buffer.getvalue()


def _write_example(sheet: Worksheet, i: int, col: Column, formats: dict[str, Format]) -> None:
    if not col.example:
        return
    if col.type in ("date", "datetime"):
        stamp = convert(col, pd.Series([col.example])).values.iloc[0]
        sheet.write_datetime(1, i, dt.datetime.fromisoformat(str(stamp)), formats[col.type])
    elif col.type in ("integer", "number"):
        sheet.write_number(1, i, float(col.example.replace(",", ".")))
    else:
        cell_format = formats["text"] if col.type in ("nip", "text") else None
        sheet.write_string(1, i, col.example, cell_format)


def petunjuk_rows(spec: Kind) -> list[tuple[str, str, str, str, str, str, str]]:
    """One row per column for the "Petunjuk" sheet and the documentation."""
    rows = []
    for col in spec.columns:
        rows.append(
            (
                col.name,
                "wajib" if col.required else "boleh kosong",
                col.type_label,
                col.description + (f" (bawaan: {col.default})" if col.default else ""),
                "; ".join(spec.accepted_names(col.name)[1:]),
                col.choices_text(20) if col.values and col.type != "periode" else col.range_text(),
                col.example,
            )
        )
    return rows


def _petunjuk(book: xlsxwriter.Workbook, spec: Kind, bold: Format) -> None:
    sheet = book.add_worksheet("Petunjuk")
    sheet.write_string(0, 0, f"Templat {spec.name}: {spec.title}", bold)
    sheet.write_string(1, 0, f"Kunci (baris dengan kunci sama diperbarui, tidak digandakan): {', '.join(spec.key)}")
    for j, title in enumerate(PETUNJUK_HEADERS):
        sheet.write_string(3, j, title, bold)
    for r, row in enumerate(petunjuk_rows(spec), start=4):
        for j, value in enumerate(row):
            sheet.write_string(r, j, value)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 2, 16)
    sheet.set_column(3, 5, 50)


def kinds_markdown() -> str:
    """Markdown documentation of every kind (columns, required, type, description, aliases), from the declarations."""
    parts = []
    for spec in KIND_SPECS.values():
        parts.append(f"### `{spec.name}` — {spec.title}")
        note = f" ({spec.key_note})" if spec.key_note else ""
        parts.append(f"Kunci: {', '.join(f'`{k}`' for k in spec.key)}{note}.\n")
        parts.append("| kolom | wajib | tipe | keterangan | nama lain | pilihan / rentang |")
        parts.append("| --- | --- | --- | --- | --- | --- |")
        for col, (name, wajib, tipe, ket, _alias, choice, _example) in zip(
            spec.columns, petunjuk_rows(spec), strict=True
        ):
            aliases = ", ".join(f"`{a}`" for a in spec.accepted_names(col.name)[1:])
            parts.append(f"| `{name}` | {wajib} | {tipe} | {ket} | {aliases} | {choice} |")
        parts.append("")
    return "\n".join(parts)
