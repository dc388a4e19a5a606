"""Stage 1: bytes of an upload (CSV, TXT, XLSX) → ``RawTable``, whole or in chunks of rows."""

from __future__ import annotations

import io
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from asn_metrics.formatting import format_number
from asn_metrics.ingest.delimited import count_newlines, line_offset, parse_body, read_head, sniff_delimiter, to_utf8
from asn_metrics.ingest.detect import HEADER_SEARCH_ROWS, KindGuess, find_header
from asn_metrics.ingest.errors import UnreadableFile
from asn_metrics.ingest.kinds import get_kind
from asn_metrics.ingest.names import IGNORED_HEADERS, header_key
from asn_metrics.ingest.normalise import shortened
from asn_metrics.ingest.table import RawTable, blank_mask, drop_blank, drop_trailing_summary
from asn_metrics.ingest.xlsx import read_xlsx

TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ""})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"


def read_table(content: bytes, filename: str, kind: str | None = None) -> RawTable:
    """Read one upload into a ``RawTable`` (DATA_FORMATS.md "Every upload").

    ``.csv``/``.txt``: UTF-8 (BOM or not), else Windows-1252/Latin-1; delimiter ``,`` ``;`` or tab from
    the file. ``.xlsx``: the sheet named like ``kind``, else the first. The header is the first of
    the first 10 non-blank rows holding the kind's required columns; without ``kind`` the kind is
    detected (``RawTable.kind``) or ``UnknownKind`` is raised. Blank rows and a trailing
    Jumlah/Total/Rata-rata row are dropped. Raises ``UnreadableFile`` (Indonesian message) for empty,
    header-only, binary, broken or unsupported files.
    """
    kind = get_kind(kind).name if kind else None
    if _format(content, filename) == "xlsx":
        rows, lines, sheet = read_xlsx(content, filename, kind)
        if not rows:
            raise _empty(filename)
        idx, guess = find_header(rows, kind)
        body = rows[idx + 1 :]
        width = max([len(rows[idx]), *(len(r) for r in body)])
        frame = pd.DataFrame([r + [""] * (width - len(r)) for r in body], columns=pd.RangeIndex(width), dtype=str)
        return _finish(
            rows[idx], frame, np.asarray(lines[idx + 1 :], dtype=np.int64), lines[idx], filename, sheet, guess
        )
    data = to_utf8(content, filename)
    delimiter, start, end, header, guess = _text_header(data, filename, kind)
    frame, body_lines = parse_body(data[line_offset(data, end) :], delimiter, len(header), end + 1, filename)
    return _finish(header, frame, body_lines, start, filename, None, guess)


def iter_chunks(
    source: bytes | str | Path, chunk_rows: int = 100_000, kind: str | None = None, filename: str | None = None
) -> Generator[RawTable]:
    """Read a big delimited file in chunks of at most ``chunk_rows`` rows, in bounded memory.

    ``source`` is the content or a path. Every chunk is a ``RawTable`` with the same headers, kind
    and ``header_line``, the true line numbers of its rows and how much of the file is read
    (``read_fraction``); blank rows are dropped in each chunk, a trailing summary row at the end of the
    file. XLSX files are read whole and sliced. Validate with ``chunks.validate_chunks``, which also finds
    duplicate keys across chunks.
    """
    if chunk_rows < 1:
        raise ValueError("chunk_rows harus lebih dari 0")
    kind = get_kind(kind).name if kind else None
    handle: BinaryIO
    if isinstance(source, (str, Path)):
        filename = filename or Path(source).name
        handle = Path(source).open("rb")  # noqa: SIM115 - closed in the finally below
    else:
        filename = filename or "unggahan.csv"
        handle = io.BytesIO(source)
    try:
        yield from _chunks(handle, filename, chunk_rows, kind)
    finally:
        handle.close()


def _chunks(handle: BinaryIO, filename: str, chunk_rows: int, kind: str | None) -> Iterator[RawTable]:
    size = max(handle.seek(0, io.SEEK_END), 1)
    handle.seek(0)
    first = handle.read(1 << 16)
    if _format(first, filename) == "xlsx" or first.startswith((b"\xff\xfe", b"\xfe\xff")):
        content = first + handle.read()
        if _format(content, filename) == "xlsx":
            table = read_table(content, filename, kind)
            for at in range(0, len(table), chunk_rows):
                part = table.frame.iloc[at : at + chunk_rows].reset_index(drop=True)
                done = min(at + chunk_rows, len(table)) / len(table)
                yield table.with_rows(part, table.lines[at : at + chunk_rows], done)
            return
        converted = to_utf8(content, filename)
        handle, first, size = io.BytesIO(converted), b"", max(len(converted), 1)
    pieces = _pieces(handle, first)
    piece, line, read = next(pieces, (b"", 1, 0))
    data = to_utf8(piece, filename)
    delimiter, start, end, header, guess = _text_header(data, filename, kind)
    pending: RawTable | None = None
    yielded = False
    offset, first_line = line_offset(data, end), end + 1
    while True:
        frame, lines = parse_body(data[offset:], delimiter, len(header), first_line, filename)
        frame, lines = drop_blank(frame, lines)
        for at in range(0, len(frame), chunk_rows):
            part, part_lines = frame.iloc[at : at + chunk_rows].reset_index(drop=True), lines[at : at + chunk_rows]
            table = _finish(header, part, part_lines, start, filename, None, guess, allow_empty=True, unblank=True)
            if pending is not None:
                yield pending
                yielded = True
            done = read - len(piece) + len(piece) * min(at + chunk_rows, len(frame)) / len(frame)  # bytes, about
            pending = table.with_rows(table.frame, table.lines, min(done / size, 1.0))
        nxt = next(pieces, None)
        if nxt is None:
            break
        piece, line, read = nxt
        data, offset, first_line = to_utf8(piece, filename), 0, line
    if pending is not None:
        frame, lines = drop_trailing_summary(pending.frame, pending.lines)
        if len(frame):
            yield pending.with_rows(frame, lines)
            return
        if yielded:
            return
    raise _header_only(filename)


#: Bytes read at a time: a piece of the file is about this big, whatever its lines hold.
PIECE_BYTES = 1 << 24


def _pieces(handle: BinaryIO, first: bytes) -> Iterator[tuple[bytes, int, int]]:
    """Consecutive pieces of the file, each ending at its last line end outside quotes, with the line it starts
    on and the bytes read up to its end."""
    buffer, line, read = first, 1, 0
    while True:
        more = handle.read(PIECE_BYTES)
        buffer += more
        if not more:
            if buffer:
                yield buffer, line, read + len(buffer)
            return
        cut = buffer.rfind(b"\n") + 1
        while cut > 0 and _odd_quotes(buffer, cut):  # a line break inside quotes: step back
            cut = buffer.rfind(b"\n", 0, cut - 1) + 1
        if cut > 0:  # else no whole line yet (or a quoted value longer than a piece): read on
            piece, buffer = buffer[:cut], buffer[cut:]
            read += len(piece)
            yield piece, line, read
            line += count_newlines(piece)


def _odd_quotes(buffer: bytes, end: int) -> bool:
    """True when ``buffer[:end]`` holds an odd number of double quotes (it ends inside a quoted value)."""
    return buffer.find(b'"', 0, end) >= 0 and buffer.count(b'"', 0, end) % 2 == 1  # find: fast, most have none


def _text_header(data: bytes, filename: str, kind: str | None) -> tuple[str, int, int, list[str], KindGuess]:
    if not data or data.isspace():
        raise _empty(filename)
    delimiter = sniff_delimiter(data[:65536].decode("utf-8", errors="replace"))
    head = read_head(data, delimiter, HEADER_SEARCH_ROWS, filename)
    if not head:
        raise _empty(filename)
    idx, guess = find_header([cells for _, _, cells in head], kind)
    start, end, header = head[idx]
    return delimiter, start, end, header, guess


def _extra_cells_in_one(frame: pd.DataFrame, width: int) -> pd.DataFrame:
    """Cells past the header's last column folded into one unnamed column: the first filled one, and how many
    more there are. A row with 10,000 stray cells is one error, not 10,000 columns validated one by one
    (issue 17 item 2)."""
    extra = frame.iloc[:, width:].fillna("").astype(str).to_numpy(dtype=object)
    filled = np.vectorize(lambda v: bool(v.strip()), otypes=[bool])(extra) if extra.size else extra.astype(bool)
    counts = filled.sum(axis=1)
    first = extra[np.arange(len(extra)), filled.argmax(axis=1)] if len(extra) else np.array([], dtype=object)
    cut = shortened(pd.Series(first, dtype=object).astype(str)).to_numpy(dtype=object)
    label = [
        "" if n == 0 else (v if n == 1 else f"{v} (dan {format_number(int(n) - 1)} sel lain)")
        for v, n in zip(cut, counts, strict=True)
    ]
    folded = frame.iloc[:, :width].copy()
    folded[width] = pd.Series(label, index=frame.index, dtype=object)
    folded.columns = pd.RangeIndex(width + 1)
    return folded


def _finish(
    header: list[str],
    frame: pd.DataFrame,
    lines: np.ndarray,
    header_line: int,
    filename: str,
    sheet: str | None,
    guess: KindGuess,
    allow_empty: bool = False,
    unblank: bool = False,
) -> RawTable:
    """Name the columns, drop report and empty unnamed columns, blank rows and a trailing summary row.

    ``unblank``: ``frame`` has no blank rows already; they are looked for again only if a column is dropped.
    """
    if frame.shape[1] > len(header) + 1:
        frame = _extra_cells_in_one(frame, len(header))
    headers = [h.strip() for h in header] + [""] * (frame.shape[1] - len(header))
    frame = frame.reindex(columns=pd.RangeIndex(len(headers)), fill_value="")
    keep = [
        i
        for i, h in enumerate(headers)
        if header_key(h) not in IGNORED_HEADERS and (h or not blank_mask(frame[[i]]).all())
    ]
    frame = frame[keep].copy()
    frame.columns = pd.RangeIndex(len(keep))
    if not (unblank and len(keep) == len(headers)):
        frame, lines = drop_blank(frame, lines)
    if not allow_empty:
        frame, lines = drop_trailing_summary(frame, lines)
        if len(frame) == 0:
            raise _header_only(filename)
    return RawTable(
        headers=tuple(headers[i] for i in keep),
        frame=frame,
        lines=lines,
        header_line=header_line,
        filename=filename,
        sheet=sheet,
        kind=guess.kind,
        kind_confidence=guess.confidence,
    )


def _format(content: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if not content or content.isspace() or content in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        raise _empty(filename)
    if content.startswith(_ZIP) or suffix in XLSX_SUFFIXES:
        return "xlsx"
    if content.startswith(_OLE) or suffix == ".xls":
        raise UnreadableFile(
            f"Berkas {filename} berformat .xls (Excel 97-2003) yang tidak didukung. Buka di Excel, pilih "
            "Simpan Sebagai 'Excel Workbook (.xlsx)' atau 'CSV UTF-8', lalu unggah berkas barunya."
        )
    if content.startswith(b"%PDF") or suffix == ".pdf":
        raise UnreadableFile(
            f"Berkas {filename} adalah PDF; isinya tidak dapat dibaca sebagai tabel. Unggah data aslinya "
            "sebagai .xlsx atau .csv (unduh templat bila perlu)."
        )
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise UnreadableFile(
        f"Jenis berkas {suffix} ({filename}) tidak didukung. Simpan datanya sebagai .xlsx, .csv atau .txt "
        "lalu unggah lagi."
    )


def _empty(filename: str) -> UnreadableFile:
    return UnreadableFile(f"Berkas {filename} kosong. Pilih berkas CSV atau XLSX yang berisi data (gunakan templat).")


def _header_only(filename: str) -> UnreadableFile:
    return UnreadableFile(
        f"Berkas {filename} hanya berisi judul kolom, tanpa baris data. Isi datanya di bawah judul kolom, "
        "lalu unggah lagi."
    )
