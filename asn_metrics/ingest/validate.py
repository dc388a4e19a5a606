"""Stage 3: ``RawTable`` → ``ValidationResult``: canonical typed rows, every error and warning, in Indonesian."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from asn_metrics.ingest.columns import Column, Kind
from asn_metrics.ingest.distinct import first_rows, lookup, member
from asn_metrics.ingest.errors import Problem
from asn_metrics.ingest.issues import CAP, COLUMNS, Issues, problems_from
from asn_metrics.ingest.kinds import get_kind
from asn_metrics.ingest.known import KnownReferences
from asn_metrics.ingest.names import header_key
from asn_metrics.ingest.nips import NIP_ADVICE, check_distinct_nips, check_nips
from asn_metrics.ingest.normalise import convert
from asn_metrics.ingest.rules import RULES, Context
from asn_metrics.ingest.schema import DTYPES, run_schema
from asn_metrics.ingest.table import RawTable

LINE_COLUMN = "_baris"


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating one upload (or one chunk).

    ``rows``: one row per data row, the kind's canonical columns with proper dtypes (text as Python
    str or None, integers ``Int64``, numbers ``float64``, dates and date-times ``datetime64[us]``,
    ``aktif`` boolean) plus the derived columns and ``_baris`` (line numbers). Meaningful only when
    ``ok``: a file with any error must write nothing. ``error_frame``/``warning_frame`` hold the
    problems as a DataFrame (baris, kolom, nilai, pesan, saran); ``errors``/``warnings`` as ``Problem``.
    """

    kind: str
    rows: pd.DataFrame
    error_frame: pd.DataFrame
    warning_frame: pd.DataFrame
    #: The kind's optional columns that the file does not have (their values in ``rows`` are defaults).
    absent: tuple[str, ...] = ()
    #: Per column of ``rows`` whose values came from the file as converted, the code of each row's value
    #: (``normalise.convert``; -1 where missing): whoever looks values up again need not factorize them again.
    codes: Mapping[str, np.ndarray] = field(default_factory=dict)
    #: Per row of ``rows``: it has an error (every row when an error names no row, e.g. a missing column), and
    #: it has a NIP warning; counted per agency for Validitas (``ingest.tally``).
    refused: np.ndarray | None = None
    nip_warned: np.ndarray | None = None
    #: Problems past ``issues.CAP`` per check: only counted, per (kolom, saran).
    errors_beyond: Mapping[tuple[str, str], int] = field(default_factory=dict)
    warnings_beyond: Mapping[tuple[str, str], int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return len(self.error_frame) == 0

    @cached_property
    def errors(self) -> list[Problem]:
        return problems_from(self.error_frame)

    @cached_property
    def warnings(self) -> list[Problem]:
        return problems_from(self.warning_frame)

    def with_errors(self, extra: pd.DataFrame) -> ValidationResult:
        """This result with more errors (baris, kolom, nilai, pesan, saran), e.g. found across chunks: their rows
        refused, the first ``CAP`` kept in line order and the rest counted."""
        if not len(extra):
            return self
        lines = self.rows[LINE_COLUMN].to_numpy()
        refused = (np.zeros(len(lines), dtype=bool) if self.refused is None else self.refused) | np.isin(
            lines, extra["baris"].to_numpy()
        )
        kept, rest = extra.iloc[:CAP], extra.iloc[CAP:]
        beyond = Counter(self.errors_beyond)
        for kolom, saran in rest[["kolom", "saran"]].itertuples(index=False, name=None):
            beyond[(str(kolom), str(saran))] += 1
        errors = pd.concat([self.error_frame, kept[list(COLUMNS)]], ignore_index=True).sort_values(
            "baris", kind="stable"
        )
        return replace(self, error_frame=errors.reset_index(drop=True), refused=refused, errors_beyond=dict(beyond))

    def messages(self, limit: int | None = None) -> list[str]:
        """The error sentences, in file order (``Baris 7, kolom u5: ...``)."""
        return [p.teks for p in self.errors[:limit]]


def validate(raw: RawTable, kind: str | None = None, known: KnownReferences | None = None) -> ValidationResult:
    """Validate and normalise an upload of one kind (``raw.kind`` when ``kind`` is None).

    Checks, reporting every problem: required columns present; required values; types; ranges;
    choices; text lengths (the database's) and date bounds (``schema.check_limits``); NIP structure
    by status; cross-column rules (``rules.py``); duplicate natural keys in the file (both line
    numbers); with ``known``, agency codes and NIPs that the database lacks.
    """
    spec = get_kind(kind or raw.kind or "")
    issues = Issues(raw.lines, tuple(c.name for c in spec.columns))
    positions = _map_headers(spec, raw, issues)
    texts = TypedCells(len(raw.frame))
    codes: dict[str, np.ndarray] = {}
    frame = _converted(spec.columns, raw, positions, issues, texts, codes)
    run_schema(spec, frame, texts, issues)
    ctx = Context(spec, frame, texts, issues, known, codes)
    _check_nips(ctx)
    if spec.name in RULES:
        RULES[spec.name](ctx)
    _duplicates(ctx)
    _references(ctx)
    columns = [c.name for c in spec.columns] + list(spec.derived)
    rows = frame[columns].copy()
    rows[LINE_COLUMN] = raw.lines
    absent = tuple(c.name for c in spec.columns if c.name not in positions)
    refused = np.ones(len(rows), dtype=bool) if issues.file_error else issues.refused
    return ValidationResult(
        spec.name,
        rows,
        issues.frame(),
        issues.frame(warning=True),
        absent,
        codes,
        refused=refused,
        nip_warned=issues.nip_warned,
        errors_beyond=dict(issues.errors_beyond),
        warnings_beyond=dict(issues.warnings_beyond),
    )


def _converted(
    columns: Iterable[Column],
    raw: RawTable,
    positions: dict[str, int],
    issues: Issues,
    texts: TypedCells,
    codes: dict[str, np.ndarray],
) -> pd.DataFrame:
    """``columns`` converted from the file's cells (``normalise.convert``), or empty where the file lacks them,
    defaults filled in; their problems go to ``issues``, their cells to ``texts``, their codes to ``codes``."""
    n = len(raw.frame)
    frame = pd.DataFrame(index=pd.RangeIndex(n))
    for col in columns:
        if col.name in positions:
            source = raw.frame[positions[col.name]]
            converted = convert(col, source)
            issues.add_frame(converted.problems, col.name)
            issues.add_frame(converted.warnings, col.name, warning=True)
            values, codes[col.name] = converted.values, converted.codes
            texts.add(col.name, source)
        else:
            values = _empty_column(col.type, col.values, n)
            texts.add(col.name, None)
            if col.required:
                issues.bad[col.name] = np.ones(n, dtype=bool)
        if col.default is not None and values.isna().any():
            values = values.fillna(col.default)
            codes.pop(col.name, None)
        frame[col.name] = values.reset_index(drop=True)
    return frame


class TypedCells(Mapping[str, pd.Series]):
    """Each column's cells as typed (text, spaces around removed; '' for a column the file lacks), by column.

    A column's texts are made the first time they are asked for: only rows with a problem show them, and
    most chunks of a big file have none.
    """

    def __init__(self, rows: int) -> None:
        self._rows = rows
        self._cells: dict[str, pd.Series | None] = {}
        self._texts: dict[str, pd.Series] = {}

    def add(self, column: str, cells: pd.Series | None) -> None:
        """The raw cells of a column, or None for a column the file lacks."""
        self._cells[column] = cells

    def __getitem__(self, column: str) -> pd.Series:
        if column not in self._texts:
            cells = self._cells[column]
            blank = pd.Series([""] * self._rows, dtype=object)
            self._texts[column] = blank if cells is None else cells.astype(str).str.strip()
        return self._texts[column]

    def __contains__(self, column: object) -> bool:
        return column in self._cells

    def __iter__(self) -> Iterator[str]:
        return iter(self._cells)

    def __len__(self) -> int:
        return len(self._cells)


def _empty_column(type_: str, values: tuple[str, ...], n: int) -> pd.Series:
    """A column the file lacks: n missing values of the column's type (one made and repeated, not n)."""
    if type_ in ("enum", "rating", "periode"):
        one = pd.Series(pd.Categorical([None], categories=list(values)))
    else:
        one = pd.Series([None], dtype=DTYPES.get(type_) or "str")
    return one.take(np.zeros(n, dtype=np.intp)).reset_index(drop=True)


def _map_headers(spec: Kind, raw: RawTable, issues: Issues) -> dict[str, int]:
    """Canonical column → position; reports missing required columns, doubled and unnamed ones."""
    positions: dict[str, int] = {}
    for pos, header in enumerate(raw.headers):
        canonical = spec.canonical(header)
        if canonical is None:
            if not header_key(header):
                filled = ~raw.frame[pos].astype(str).str.strip().eq("").to_numpy()
                issues.add(
                    filled,
                    f"tanpa judul (kolom ke-{pos + 1})",
                    raw.frame[pos].to_numpy(dtype=object)[filled],
                    "ada isi di kolom tanpa judul",
                    "Beri judul kolomnya atau hapus isinya; bila angka desimal memakai koma, simpan CSV dengan "
                    "pemisah titik koma (;).",
                )
            else:
                issues.add_file(
                    raw.header_line,
                    header,
                    f"kolom {header} tidak dikenal untuk jenis {spec.name}",
                    "Kolom ini diabaikan; periksa ejaannya bila seharusnya dipakai.",
                    warning=True,
                )
        elif canonical in positions:
            first = raw.headers[positions[canonical]]
            issues.add_file(
                raw.header_line,
                canonical,
                f"kolom {first} dan {header} sama-sama berarti {canonical}",
                "Hapus salah satu kolomnya.",
            )
        else:
            positions[canonical] = pos
    for col in spec.required:
        if col.name not in positions:
            names = ", ".join(spec.accepted_names(col.name)[1:])
            also = f" (nama lain yang diterima: {names})" if names else ""
            issues.add_file(
                raw.header_line,
                col.name,
                f"kolom wajib {col.name} tidak ada",
                f"Tambahkan kolom {col.name}{also} — {col.description}.",
            )
    return positions


def _check_nips(ctx: Context) -> None:
    f = ctx.frame
    for col in ctx.kind.columns:
        if col.type != "nip":
            continue
        if ctx.kind.name == "pegawai" and col.name == "nip":
            status = f["status"].fillna("").astype(object)
            known_codes = ctx.codes.get(col.name)
            nip_codes = known_codes if known_codes is not None else pd.factorize(f[col.name])[0]
            usable = ctx.ok(col.name, "status")
            errors, warnings = check_nips(f[col.name], status, np.where(usable, nip_codes, -1))
        else:
            errors, warnings = _check_by_known_status(ctx, col.name)
        bad = np.zeros(len(f), dtype=bool)
        bad[errors.index.to_numpy()] = True
        shown = ctx.shown(col.name, bad)
        pesan = np.char.add(np.char.add(np.char.add("NIP ", shown), " tidak sah: "), errors.to_numpy().astype(str))
        ctx.issues.add(bad, col.name, shown, pesan, NIP_ADVICE)
        if len(warnings):
            ctx.issues.add(
                warnings.index.to_numpy(),
                col.name,
                ctx.raw[col.name].iloc[warnings.index].to_numpy(dtype=object),
                warnings.to_numpy(),
                "Periksa NIP dan TMT CPNS-nya.",
                warning=True,
            )


def _check_by_known_status(ctx: Context, column: str) -> tuple[pd.Series, pd.Series]:
    """``check_nips`` of a NIP column outside ``pegawai``: each distinct NIP once, by the status the database
    has for it ('' when unknown: only the rules common to PNS and PPPK)."""
    values = ctx.frame[column]
    known_codes = ctx.codes.get(column)
    nip_codes = known_codes if known_codes is not None else pd.factorize(values)[0]
    codes, first = first_rows(np.where(ctx.ok(column), nip_codes, -1))
    nips = values.iloc[first].astype(str).reset_index(drop=True)
    if ctx.known is not None and ctx.known.nip_status:
        status = _texts(lookup(nips.tolist(), ctx.known.nip_status))
    else:
        status = [""] * len(nips)
    return check_distinct_nips(codes, nips, status)


def _texts(values: list[Any]) -> list[str]:
    """``Series(values).fillna("").astype(str)`` as a list, without the round trip through Arrow when all are str."""
    filled = pd.Series(values, dtype=object).fillna("")
    return filled.tolist() if pd.api.types.infer_dtype(filled) == "string" else filled.astype(str).tolist()


def row_keys(
    frame: pd.DataFrame, columns: list[str], known_codes: dict[str, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """One integer per distinct combination of ``columns`` (vectorised), and where none of them is missing."""
    combined = np.zeros(len(frame), dtype=np.int64)
    usable = np.ones(len(frame), dtype=bool)
    for column in columns:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes = values.cat.codes.to_numpy().astype(np.int64)
        elif known_codes and column in known_codes:
            codes = known_codes[column]
        else:
            codes = pd.factorize(values)[0]
        usable &= codes >= 0
        base = int(codes.max(initial=0)) + 2
        if combined.max(initial=0) >= (1 << 62) // base:  # renumber densely before the product overflows
            combined, _ = pd.factorize(combined)
        combined = combined * base + (codes + 1)  # a digit in base ``base``: distinct combinations stay distinct
    return combined, usable


def _duplicates(ctx: Context) -> None:
    key = list(ctx.kind.key)
    combined, usable = row_keys(ctx.frame, key, ctx.codes)
    dup = pd.Series(combined).duplicated(keep=False).to_numpy() & usable
    if not dup.any():
        return
    rows = np.flatnonzero(dup)
    first = pd.Series(rows).groupby(combined[rows]).transform("min").to_numpy()
    later = np.zeros(len(ctx.frame), dtype=bool)
    later[rows[rows != first]] = True
    first = first[rows != first]
    parts = [ctx.shown(k, later) for k in key]
    shown = parts[0]
    for part in parts[1:]:
        shown = np.char.add(np.char.add(shown, " / "), part)
    pesan = np.char.add("baris ini sama kuncinya dengan baris ", ctx.issues.lines[first].astype(str))
    pesan = np.char.add(np.char.add(pesan, f" ({', '.join(key)}: "), np.char.add(shown, ")"))
    ctx.issues.add(later, "+".join(key), shown, pesan, "Hapus salah satu baris atau gabungkan isinya.")


def _references(ctx: Context) -> None:
    known, f = ctx.known, ctx.frame
    if known is None:
        return
    if known.instansi is not None and "instansi_kode" in f:
        kode = f["instansi_kode"]
        registered = member(kode, known.instansi, ctx.codes.get("instansi_kode"))
        unknown = kode.notna().to_numpy(dtype=bool) & ~registered & ctx.ok("instansi_kode")
        # A code that only looks like a stored one (case, zero-width or control characters) names the one meant.
        meant = np.array([known.lookalike(str(k)) or "" for k in kode[unknown]], dtype=object)
        similar = unknown.copy()
        similar[unknown] = meant != ""
        unknown &= ~similar
        shown = ctx.shown("instansi_kode", unknown)
        ctx.issues.add(
            unknown,
            "instansi_kode",
            shown,
            np.char.add(np.char.add("kode instansi ", shown), " belum terdaftar"),
            "Impor data instansi lebih dulu (jenis unggahan instansi), atau periksa penulisan kodenya.",
        )
        if similar.any():
            shown = ctx.shown("instansi_kode", similar)
            exact = meant[meant != ""].astype(str)
            pesan = np.char.add(np.char.add("kode instansi ", shown), " hanya mirip kode terdaftar ")
            pesan = np.char.add(np.char.add(pesan, exact), " (beda huruf besar/kecil atau ada karakter tak terlihat)")
            ctx.issues.add(similar, "instansi_kode", shown, pesan, np.char.add("Tulis persis ", exact))
    if known.nip is not None and ctx.kind.name != "pegawai" and "nip" in f:
        nips = f["nip"]
        registered = member(nips, known.nip, ctx.codes.get("nip"))
        unknown = nips.notna().to_numpy(dtype=bool) & ~registered & ctx.ok("nip")
        shown = ctx.shown("nip", unknown)
        ctx.issues.add(
            unknown,
            "nip",
            shown,
            np.char.add(np.char.add("NIP ", shown), " belum terdaftar sebagai pegawai"),
            "Impor data pegawai lebih dulu (jenis unggahan pegawai), atau periksa NIP-nya.",
        )
