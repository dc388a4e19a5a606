"""Stage 1: bytes of an upload (CSV, TXT, XLSX) → ``RawTable``, whole or in chunks of rows."""

from __future__ import annotations

import io
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from asn_metrics.ingest.delimited import count_newlines, line_offset, parse_body, read_head, sniff_delimiter, to_utf8
from asn_metrics.ingest.detect import HEADER_SEARCH_ROWS, KindGuess, find_header
from asn_metrics.ingest.errors import UnreadableFile
from asn_metrics.ingest.kinds import get_kind
from asn_metrics.ingest.names import IGNORED_HEADERS, header_key
from asn_metrics.ingest.table import RawTable, blank_mask, drop_blank, drop_trailing_summary
from asn_metrics.ingest.xlsx import read_xlsx

TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ""})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"
_HEAD_LINES = 64


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
    frame, body_lines = parse_body(data[line_offset(data, end) :], delimiter, len(header), end + 1)
    return _finish(header, frame, body_lines, start, filename, None, guess)


def iter_chunks(
    source: bytes | str | Path,
    chunk_rows: int = 100_000,
    kind: str | None = None,
    filename: str | None = None,
    first_rows: int | None = None,
) -> Generator[RawTable]:
    """Read a big delimited file in chunks of about ``chunk_rows`` rows, in bounded memory.

    ``first_rows``: a smaller first chunk, the chunks after it doubling up to ``chunk_rows``, so that whoever
    consumes them (the import's writer) can start early instead of waiting for a whole chunk.

    ``source`` is the content or a path. Every chunk is a ``RawTable`` with the same headers, kind
    and ``header_line``, and the true line numbers of its rows; blank rows are dropped in each
    chunk, a trailing summary row at the end of the file. XLSX files are read whole and sliced.
    Validate with ``chunks.validate_chunks``, which also finds duplicate keys across chunks.
    """
    if chunk_rows < 1 or (first_rows is not None and first_rows < 1):
        raise ValueError("chunk_rows dan first_rows harus lebih dari 0")
    kind = get_kind(kind).name if kind else None
    handle: BinaryIO
    if isinstance(source, (str, Path)):
        filename = filename or Path(source).name
        handle = Path(source).open("rb")  # noqa: SIM115 - closed in the finally below
    else:
        filename = filename or "unggahan.csv"
        handle = io.BytesIO(source)
    try:
        yield from _chunks(handle, filename, _sizes(chunk_rows, first_rows), kind)
    finally:
        handle.close()


def _sizes(chunk_rows: int, first_rows: int | None) -> Iterator[int]:
    """Rows a chunk: ``first_rows``, doubling up to ``chunk_rows``, then ``chunk_rows`` on."""
    size = min(first_rows or chunk_rows, chunk_rows)
    while True:
        yield size
        size = min(2 * size, chunk_rows)


def _chunks(handle: BinaryIO, filename: str, sizes: Iterator[int], kind: str | None) -> Iterator[RawTable]:
    first = handle.read(1 << 16)
    if _format(first, filename) == "xlsx" or first.startswith((b"\xff\xfe", b"\xfe\xff")):
        content = first + handle.read()
        if _format(content, filename) == "xlsx":
            table = read_table(content, filename, kind)
            at = 0
            while at < len(table):
                size = next(sizes)
                part = table.frame.iloc[at : at + size].reset_index(drop=True)
                yield table.with_rows(part, table.lines[at : at + size])
                at += size
            return
        handle, first = io.BytesIO(to_utf8(content, filename)), b""
    pieces = _pieces(handle, first, sizes)
    piece, line, chunk_rows = next(pieces, (b"", 1, 1))
    data = to_utf8(piece, filename)
    delimiter, start, end, header, guess = _text_header(data, filename, kind)
    pending: RawTable | None = None
    yielded = False
    offset, first_line = line_offset(data, end), end + 1
    while True:
        frame, lines = parse_body(data[offset:], delimiter, len(header), first_line)
        frame, lines = drop_blank(frame, lines)
        for at in range(0, len(frame), chunk_rows):
            part, part_lines = frame.iloc[at : at + chunk_rows].reset_index(drop=True), lines[at : at + chunk_rows]
            table = _finish(header, part, part_lines, start, filename, None, guess, allow_empty=True, unblank=True)
            if pending is not None:
                yield pending
                yielded = True
            pending = table
        nxt = next(pieces, None)
        if nxt is None:
            break
        piece, line, chunk_rows = nxt
        data, offset, first_line = to_utf8(piece, filename), 0, line
        if pending is not None and _has_rows(data, delimiter, header, line, guess):
            yield pending  # not the last chunk: its consumer starts before the next piece is parsed
            yielded, pending = True, None
    if pending is not None:
        frame, lines = drop_trailing_summary(pending.frame, pending.lines)
        if len(frame):
            yield pending.with_rows(frame, lines)
            return
        if yielded:
            return
    raise _header_only(filename)


#: Lines of a piece parsed first to see whether it holds a row (``_has_rows``).
_PROBE_LINES = 64


def _has_rows(data: bytes, delimiter: str, header: list[str], first_line: int, guess: KindGuess) -> bool:
    """Whether the first lines of ``data`` hold a row that is not blank (as ``_finish`` keeps it): then the
    whole piece does too, and the chunk before it is not the file's last (only the last may end in a summary
    row). False when unsure."""
    cut = _nth_newline(data, _PROBE_LINES)
    if cut < 0 or _odd_quotes(data, cut):
        return False
    frame, lines = parse_body(data[:cut], delimiter, len(header), first_line)
    return len(_finish(header, frame, lines, 1, "", None, guess, allow_empty=True).frame) > 0


def _pieces(handle: BinaryIO, first: bytes, sizes: Iterator[int]) -> Iterator[tuple[bytes, int, int]]:
    """Consecutive pieces of the file, each ending at a line end outside quotes, with the line it starts on and
    the rows a chunk it was cut for (the lines of a piece: the next of ``sizes``; the first has the header
    lines besides). Each piece is read in about one go, sized by the bytes a line of the pieces before."""
    buffer, line, eof = first, 1, False
    per_line = 0.0
    while buffer or not eof:
        chunk_rows = next(sizes)
        lines_per_piece = max(chunk_rows, _HEAD_LINES)
        buffer, eof, cut = _filled(handle, buffer, eof, lines_per_piece, per_line)
        while (cut < 0 or _odd_quotes(buffer, cut)) and not eof:  # a line break inside quotes
            more = handle.read(max(1 << 22, len(buffer)))
            eof = not more
            buffer += more
            cut = _nth_newline(buffer, lines_per_piece)
            while cut > 0 and _odd_quotes(buffer, cut):
                cut = buffer.find(b"\n", cut) + 1 or -1
        if cut <= 0 or _odd_quotes(buffer, cut):
            cut = len(buffer)
        piece, buffer = buffer[:cut], buffer[cut:]
        if piece:
            newlines = count_newlines(piece)
            per_line = len(piece) / max(newlines, 1)
            yield piece, line, chunk_rows
            line += newlines


def _filled(handle: BinaryIO, buffer: bytes, eof: bool, n: int, per_line: float) -> tuple[bytes, bool, int]:
    """``buffer`` and what more of ``handle`` it takes to hold ``n`` newlines (all that is left, if fewer),
    whether the end was reached, and the offset just after the n-th newline (-1: fewer). Reads about
    ``per_line`` bytes a missing line (4 MB blocks while that is unknown); counts each block's newlines once."""
    blocks, before, last = [buffer], 0, count_newlines(buffer)
    while before + last < n and not eof:
        missing = n - before - last
        more = handle.read(max(1 << 18, int(missing * per_line * 1.01) + 4096) if per_line else 1 << 22)
        eof = not more
        if more:
            blocks.append(more)
            before, last = before + last, count_newlines(more)
    joined = b"".join(blocks) if len(blocks) > 1 else buffer
    if before + last < n:
        return joined, eof, -1
    return joined, eof, len(joined) - len(blocks[-1]) + _nth_newline(blocks[-1], n - before, last)


def _odd_quotes(buffer: bytes, end: int) -> bool:
    """True when ``buffer[:end]`` holds an odd number of double quotes (it ends inside a quoted value)."""
    return buffer.find(b'"', 0, end) >= 0 and buffer.count(b'"', 0, end) % 2 == 1  # find: fast, most have none


#: ``_nth_newline`` steps back from the end with ``rfind`` when the n-th newline is at most this many from the last.
_FROM_END = 8192


def _nth_newline(buffer: bytes, n: int, count: int | None = None) -> int:
    """Offset just after the n-th newline of ``buffer``, or -1 when it has fewer (``count``: its newlines, if
    known). Pieces are read to end just past the newline wanted: it is found from the end."""
    count = count_newlines(buffer) if count is None else count
    if count < n:  # counting them is cheaper than listing them
        return -1
    if count - n < _FROM_END:
        end = len(buffer)
        for _ in range(count - n + 1):
            end = buffer.rfind(b"\n", 0, end)
        return end + 1
    return int(np.flatnonzero(np.frombuffer(buffer, dtype=np.uint8) == 10)[n - 1]) + 1


def _text_header(data: bytes, filename: str, kind: str | None) -> tuple[str, int, int, list[str], KindGuess]:
    if not data or data.isspace():
        raise _empty(filename)
    delimiter = sniff_delimiter(data[:65536].decode("utf-8", errors="replace"))
    head = read_head(data, delimiter, HEADER_SEARCH_ROWS)
    if not head:
        raise _empty(filename)
    idx, guess = find_header([cells for _, _, cells in head], kind)
    start, end, header = head[idx]
    return delimiter, start, end, header, guess


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
