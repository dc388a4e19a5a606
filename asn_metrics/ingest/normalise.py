"""Stage 2: raw text cells → typed canonical values, vectorised on each column's distinct values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from asn_metrics import reference as ref
from asn_metrics.ingest.columns import Column
from asn_metrics.ingest.dates import MONTHS, parse_datetimes
from asn_metrics.ingest.names import value_key
from asn_metrics.ingest.nips import DAMAGE_ADVICE, NIP_ADVICE, clean_nip, excel_damaged, is_nip_shape
from asn_metrics.skp import normalise_rating

# Numbers. A single separator is a decimal mark in number columns (3,5 = 3.5 and 1.234 = 1.234, with a
# warning); in integer columns a single separator followed by exactly three digits groups thousands
# (1.234 = 1234) and a zero fraction is dropped (2025.0 = 2025). Two or more groups (1.234.567), or
# both marks (1.234,5 / 1,234.5), are unambiguous. Spaces and a trailing % are ignored.
_PLAIN: Final = r"^[+-]?\d+$"
_DECIMAL: Final = r"^[+-]?\d*[.,]\d+$"
_AMBIGUOUS: Final = r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$"
_DOT_GROUPS: Final = r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$"
_COMMA_GROUPS: Final = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"
_SCIENTIFIC: Final = r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$"
_ZERO_FRACTION: Final = r"^[+-]?\d+[.,]0+$"


#: Types whose values come from a short list: returned as pandas Categoricals (declared values first).
_CATEGORICAL: Final = frozenset({"enum", "rating", "periode"})


@dataclass(frozen=True)
class Converted:
    """One column after conversion: values per row (NA where blank or bad) and the rows' problems.

    ``problems`` and ``warnings`` are indexed by row position and hold ``nilai``, ``pesan``, ``saran``.
    ``codes`` numbers the distinct canonical values per row (-1 for NA), for cheap key comparisons.
    """

    values: pd.Series
    problems: pd.DataFrame
    warnings: pd.DataFrame
    codes: np.ndarray


@dataclass
class _Result:
    """Conversion of the distinct stripped values of a column."""

    values: pd.Series
    pesan: pd.Series
    saran: str | pd.Series
    peringatan: pd.Series | None = None


def convert(column: Column, raw: pd.Series) -> Converted:
    """Convert raw cells of a column by its declared type; blank cells become NA (defaults come later).

    Text-like results (text, nip, enum, rating, periode) have pandas' ``str`` dtype (Arrow-backed, NaN for NA).
    """
    codes, uniques = pd.factorize(raw.fillna("").astype(str), sort=False)
    text = pd.Series(uniques).astype(str).str.strip().str.replace("\u00a0", " ", regex=False)
    blank = (text == "").to_numpy()
    result = _CONVERTERS[column.type](text.where(~blank, ""), column)
    result.pesan[blank] = pd.NA
    values = result.values.mask(blank)
    if column.type not in _CATEGORICAL and values.dtype == object:
        values = values.astype("str")  # Arrow strings: factorized faster, and the type the rows get anyway
    canonical_codes, canonical = pd.factorize(values)
    row_codes = canonical_codes[codes].astype(np.int64)
    if column.type in _CATEGORICAL:
        extra = [v for v in canonical if v not in column.values]
        categories = pd.Index([*column.values, *extra], dtype=object)
        position = np.append(categories.get_indexer(canonical), -1)  # code -1 (NA) picks the appended -1
        row_values = pd.Series(pd.Categorical.from_codes(position[row_codes], categories=categories), index=raw.index)
    else:
        row_values = values.take(codes)
        row_values.index = raw.index
    row_values.name = column.name
    return Converted(
        row_values,
        _rows(text, result.pesan, result.saran, codes),
        _rows(text, result.peringatan, "", codes),
        row_codes,
    )


def _rows(text: pd.Series, pesan: pd.Series | None, saran: str | pd.Series, codes: np.ndarray) -> pd.DataFrame:
    columns = ["nilai", "pesan", "saran"]
    if pesan is None or not pesan.notna().any():
        return pd.DataFrame(columns=columns)
    bad_u = pesan.notna().to_numpy()
    rows = np.flatnonzero(bad_u[codes])
    picked = codes[rows]
    advice = saran.to_numpy()[picked] if isinstance(saran, pd.Series) else saran
    return pd.DataFrame(
        {"nilai": text.to_numpy()[picked], "pesan": pesan.to_numpy()[picked], "saran": advice}, index=rows
    )


#: The most characters of a cell a message repeats (issue 17 item 2: a 200,000-character cell is not echoed).
ECHO_LIMIT = 60


def shortened(values: pd.Series) -> pd.Series:
    """Texts as a message repeats them: at most ``ECHO_LIMIT`` characters, a cut one ending in …"""
    long = values.str.len() > ECHO_LIMIT
    return values.where(~long, values.str.slice(0, ECHO_LIMIT) + "…") if long.any() else values


def _message(template: str, text: pd.Series, mask: pd.Series | np.ndarray) -> pd.Series:
    """``template`` with ``{nilai}`` filled in where ``mask`` holds, NA elsewhere."""
    before, _, after = template.partition("{nilai}")
    out = pd.Series(pd.NA, index=text.index, dtype=object)
    mask = np.asarray(mask, dtype=bool)
    out[mask] = before + shortened(text[mask]) + after
    return out


#: Control characters a text cell may not keep (tab, line feed and carriage return are text).
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"


def _text(text: pd.Series, column: Column) -> _Result:
    """Texts as typed, without control characters: they are removed with a warning (issue 17 item 3), not
    stored where no one sees them."""
    none = pd.Series(pd.NA, index=text.index, dtype=object)
    controlled = text.str.contains(_CONTROL, regex=True).to_numpy(dtype=bool)
    if not controlled.any():
        return _Result(text.astype(object), none, "")
    spaced = text.str.replace(_CONTROL, " ", regex=True).str.replace(r" {2,}", " ", regex=True).str.strip()
    cleaned = text.where(~controlled, spaced)
    warn = _message(
        "karakter kontrol tak terlihat diganti spasi: disimpan sebagai {nilai}; periksa nilainya",
        cleaned.where(controlled, ""),
        controlled,
    )
    return _Result(cleaned.astype(object), none, "", warn)


def _compact(text: pd.Series) -> pd.Series:
    return text.str.replace(r"[\s\u00a0]+", "", regex=True).str.removesuffix("%")


def _integer(text: pd.Series, column: Column) -> _Result:
    s = _compact(text)
    cleaned = s
    ok = s.str.contains(_PLAIN, regex=True)
    if not (ok | (s == "")).all():  # some with separators: thousands groups, or a zero fraction to drop
        groups = s.str.contains(_DOT_GROUPS, regex=True) & ~s.str.contains(",", regex=False)
        groups |= s.str.contains(_COMMA_GROUPS, regex=True) & ~s.str.contains(".", regex=False)
        cleaned = s.where(~groups, s.str.replace(r"[.,]", "", regex=True))
        zero = cleaned.str.contains(_ZERO_FRACTION, regex=True)
        cleaned = cleaned.where(~zero, cleaned.str.replace(r"[.,]0+$", "", regex=True))
        ok = cleaned.str.contains(_PLAIN, regex=True)
    # More than 15 digits is no count or year anyone meant, and beyond 64 bits it cannot even be stored.
    huge = ok & (cleaned.str.lstrip("+-").str.len() > 15)
    ok &= ~huge
    values = pd.to_numeric(cleaned.where(ok, None), errors="coerce").astype("Int64")
    pesan = _message("nilai {nilai} bukan bilangan bulat", text, ~ok & ~huge & (text != ""))
    pesan = pesan.where(~huge, _message("nilai {nilai} terlalu besar (lebih dari 15 angka)", text, huge))
    return _Result(values, pesan, "Tulis bilangan bulat tanpa desimal dan tanpa satuan, misalnya 2025.")


def _number(text: pd.Series, column: Column) -> _Result:
    s = _compact(text)
    dot_groups = s.str.contains(_DOT_GROUPS, regex=True) & ~s.str.contains(_AMBIGUOUS, regex=True)
    comma_groups = s.str.contains(_COMMA_GROUPS, regex=True) & ~s.str.contains(_AMBIGUOUS, regex=True)
    cleaned = s.where(~dot_groups, s.str.replace(".", "", regex=False))
    cleaned = cleaned.where(~comma_groups, s.str.replace(",", "", regex=False))
    simple = s.str.contains(_PLAIN, regex=True) | s.str.contains(_DECIMAL, regex=True)
    simple |= s.str.contains(_SCIENTIFIC, regex=True)
    cleaned = cleaned.where(~simple, s).str.replace(",", ".", regex=False)
    ok = simple | dot_groups | comma_groups
    values = pd.to_numeric(cleaned.where(ok, None), errors="coerce").astype("float64")
    huge = ok & ~np.isfinite(values.fillna(0.0))  # 1e400 overflows to infinity: not a number anyone meant
    ok &= ~huge
    values = values.where(~huge)
    pesan = _message("nilai {nilai} bukan angka", text, ~ok & (text != ""))
    ambiguous = s.str.contains(_AMBIGUOUS, regex=True).to_numpy()
    shown = values.map(lambda v: f"{v:g}".replace(".", ","))
    warn = _message("nilai {nilai} dibaca sebagai bilangan desimal", text, ambiguous)
    warn[ambiguous] = warn[ambiguous] + " " + shown[ambiguous] + "; bila maksudnya ribuan, tulis tanpa pemisah"
    return _Result(values, pesan, "Tulis angka seperti 3,5 atau 1234, tanpa satuan.", warn)


#: A clock time past 23:59:59 at the end of a date-time (24:00, 08:61, 99:99, 12:30:75).
_IMPOSSIBLE_CLOCK = (
    r"(?:^|[\sTt])(?:2[4-9]|[3-9]\d)[:.]\d{2}(?:[:.]\d{2})?$|[:.](?:[6-9]\d)(?:[:.]\d{2})?$|[:.]\d{2}[:.][6-9]\d$"
)


def _datetime(text: pd.Series, column: Column) -> _Result:
    stamps, recognised = parse_datetimes(text)
    if column.type == "date":
        stamps = stamps.dt.normalize()
    bad = stamps.isna() & (text != "")
    pesan = _message("nilai {nilai} bukan tanggal yang dikenali", text, bad & ~recognised)
    clock = text.str.contains(_IMPOSSIBLE_CLOCK, regex=True).to_numpy(dtype=bool)
    missing = _message(
        "tanggal {nilai} tidak ada di kalender (hari ditulis sebelum bulan)", text, bad & recognised & ~clock
    )
    missing = missing.fillna(
        _message("jam pada {nilai} tidak ada (jam 00-23, menit dan detik 00-59)", text, bad & clock)
    )
    example = "27/11/2026 08:30" if column.type == "datetime" else "27/11/2026 atau 27 November 2026"
    return _Result(stamps, pesan.fillna(missing), f"Tulis tanggal dengan hari sebelum bulan, misalnya {example}.")


def _nip(text: pd.Series, column: Column) -> _Result:
    # Most distinct texts are plain NIPs already: 18 digits, not ending in Excel's 000. They are kept as they
    # are; only the others are cleaned and checked (a million rows hold 50,000 plain NIPs and a few odd ones).
    plain = is_nip_shape(text) & ~text.str.endswith("000").to_numpy(dtype=bool)
    values = text.to_numpy(dtype=object)
    pesan = np.full(len(text), pd.NA, dtype=object)
    saran = np.full(len(text), NIP_ADVICE, dtype=object)
    if not plain.all():
        odd = _odd_nips(text[~plain])
        values[~plain] = odd.values.to_numpy(dtype=object)
        pesan[~plain] = odd.pesan.to_numpy(dtype=object)
        saran[~plain] = np.asarray(odd.saran, dtype=object)
    index = text.index
    return _Result(pd.Series(values, index, object), pd.Series(pesan, index, object), pd.Series(saran, index, object))


def _odd_nips(text: pd.Series) -> _Result:
    """NIPs as typed that are not plain: spaces, quotes and Excel's damage removed or reported."""
    cleaned = clean_nip(text)
    damaged = excel_damaged(cleaned).to_numpy() & (text != "").to_numpy()
    digits = is_nip_shape(cleaned)
    pesan = _message("nilai {nilai} telah diubah Excel menjadi angka", text, damaged)
    wrong = ~digits & ~damaged & (text != "").to_numpy()
    lengths = cleaned.str.len().astype(str)
    pesan[wrong] = "NIP " + text[wrong] + " harus 18 angka, terisi " + lengths[wrong] + " karakter"
    saran = pd.Series(np.where(damaged, DAMAGE_ADVICE, NIP_ADVICE), index=text.index)
    return _Result(cleaned.where(digits & ~damaged, None).astype(object), pesan, saran)


def _lookup(text: pd.Series, lookup: dict[str, str]) -> pd.Series:
    keys = text.map(value_key)
    return keys.map(lookup).astype(object)


def _enum(text: pd.Series, column: Column) -> _Result:
    values = _lookup(text, column.value_lookup)
    pesan = _message("nilai {nilai} tidak termasuk pilihan", text, values.isna() & (text != ""))
    return _Result(values, pesan, f"Pilih salah satu: {column.choices_text()}.")


def _rating(text: pd.Series, column: Column) -> _Result:
    values = text.map(normalise_rating).astype(object)
    pesan = _message("nilai {nilai} bukan rating yang dikenal", text, values.isna() & (text != ""))
    return _Result(values, pesan, "Isi Di Atas Ekspektasi, Sesuai Ekspektasi atau Di Bawah Ekspektasi.")


def _periode_lookup() -> dict[str, str]:
    lookup = {"tahunan": "tahunan", "tahun": "tahunan", "annual": "tahunan", "setahun": "tahunan"}
    for i, roman in enumerate(("i", "ii", "iii", "iv"), start=1):
        for prefix in ("tw", "triwulan", "triwulanke", "q", "kuartal", "quarter"):
            lookup[f"{prefix}{i}"] = lookup[f"{prefix}{roman}"] = f"tw{i}"
    for i in range(1, 13):
        for form in (str(i), f"{i:02d}", f"b{i}", f"b{i:02d}", f"bulan{i}", f"bulan{i:02d}"):
            lookup[form] = f"b{i:02d}"
    lookup.update({name: f"b{month:02d}" for name, month in MONTHS.items()})
    return lookup


_PERIODE: Final = _periode_lookup()
assert set(_PERIODE.values()) == set(ref.PERIODES)


def _periode(text: pd.Series, column: Column) -> _Result:
    values = _lookup(text, _PERIODE)
    pesan = _message("periode {nilai} tidak dikenal", text, values.isna() & (text != ""))
    choices = "tahunan atau tw1–tw4" if len(column.values) <= 5 else "tahunan, tw1–tw4 (TW I, triwulan 1), 1–12"
    return _Result(values, pesan, f"Isi {choices}{' atau nama bulan' if len(column.values) > 5 else ''}.")


_CONVERTERS: Final[dict[str, Callable[[pd.Series, Column], _Result]]] = {
    "text": _text,
    "integer": _integer,
    "number": _number,
    "date": _datetime,
    "datetime": _datetime,
    "nip": _nip,
    "enum": _enum,
    "rating": _rating,
    "periode": _periode,
}
