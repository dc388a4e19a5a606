"""The fast paths of big imports give what the straightforward computation gives, on tricky inputs."""

from __future__ import annotations

import collections
import itertools

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

from asn_metrics.ingest import KIND_SPECS, KnownReferences, iter_chunks, read_table, validate, validate_chunks
from asn_metrics.ingest.distinct import distinct, first_rows, map_distinct, member
from asn_metrics.ingest.nips import check_nips
from asn_metrics.ingest.normalise import _nip, _odd_nips
from asn_metrics.ingest.schema import _may_fail, dataframe_schema
from asn_metrics.ingest.validate import _empty_column, row_keys
from asn_metrics.nip import check_nip
from tests import nasty_files as nf

NIPS = pd.Series(
    [nf.NIP_L, None, nf.NIP_P, "199999999999999999", nf.NIP_L, nf.NIP_PPPK, None, nf.NIP_L2, "x"], dtype="str"
)


# --- distinct values ---------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", ["Int64", "str"])
def test_map_distinct_is_map_then_astype(dtype: str) -> None:
    mapping = {nf.NIP_L: 7, nf.NIP_P: 8, nf.NIP_PPPK: 9} if dtype == "Int64" else {nf.NIP_L: "a", nf.NIP_P: "b"}
    got = map_distinct(NIPS, mapping, dtype)  # type: ignore[arg-type]
    pd.testing.assert_series_equal(got, NIPS.map(mapping).astype(dtype))


def test_map_distinct_keeps_pandas_rule_for_a_mapping_with_a_default() -> None:
    mapping = collections.defaultdict(lambda: 0, {nf.NIP_L: 7})
    pd.testing.assert_series_equal(map_distinct(NIPS, mapping, "Int64"), NIPS.map(mapping).astype("Int64"))


def test_member_is_isin_and_false_where_missing() -> None:
    allowed = frozenset({nf.NIP_L, nf.NIP_PPPK, "x"})
    expected = (NIPS.isin(allowed) & NIPS.notna()).to_numpy()
    assert (member(NIPS, allowed) == expected).all()
    codes = pd.factorize(NIPS)[0]
    assert (member(NIPS, allowed, codes) == expected).all()


def test_distinct_with_known_codes_and_first_rows() -> None:
    codes, values = distinct(NIPS, pd.factorize(NIPS)[0])
    assert values == pd.unique(NIPS.dropna()).tolist()
    assert [values[c] if c >= 0 else None for c in codes] == [v if isinstance(v, str) else None for v in NIPS]
    renumbered, first = first_rows(np.array([5, -1, 3, 5, 3, -1, 9]))
    assert renumbered.tolist() == [0, -1, 1, 0, 1, -1, 2]
    assert first.tolist() == [0, 2, 6]


# --- NIPs ----------------------------------------------------------------------------------------------


def _tricky_nips() -> list[str]:
    """Birth dates on and around 29 February, before 1900, year 0000; digit 15; sequence 000; TMT years and
    months out of range; TMT less than 17 years after birth."""
    births = ["19000229", "20000229", "19960229", "19970229", "19861331", "19860931", "00000101", "18991231"]
    births += ["19860926", "19900101"]
    tmts = ["201505", "201513", "200212", "200308", "200309", "209901", "198501", "201500"]
    tails = ["1001", "2001", "3001", "1000", "0999"]
    return ["".join(p) for p in itertools.product(births, tmts, tails)]


@pytest.mark.parametrize("status", ["PNS", "PPPK", ""])
def test_check_nips_words_every_nip_like_check_nip(status: str) -> None:
    nips = _tricky_nips()
    errors, warnings = check_nips(pd.Series(nips, dtype="str"), pd.Series([status] * len(nips)))
    expected = [check_nip(n, status or "PPPK") for n in nips]
    assert errors.to_dict() == {i: r.error for i, r in enumerate(expected) if r.error}
    assert warnings.to_dict() == {i: r.warning for i, r in enumerate(expected) if r.warning}


def test_plain_nips_skip_cleaning_with_the_same_outcome() -> None:
    odd = ["", "19860926 201505 1 001", "'" + nf.NIP_P, "1.98609E+17", "198609262015051000", "12345"]
    odd += [nf.NIP_L + ".0", "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", '="' + nf.NIP_L2 + '"']
    texts = pd.Series([nf.NIP_L, *odd, nf.NIP_PPPK], dtype="str")
    fast, slow = _nip(texts, KIND_SPECS["skp"].by_name["nip"]), _odd_nips(texts)
    pd.testing.assert_series_equal(fast.values, slow.values)
    pd.testing.assert_series_equal(fast.pesan, slow.pesan)
    assert list(fast.saran) == list(slow.saran)


# --- keys ----------------------------------------------------------------------------------------------


def _keys() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 3000
    return pd.DataFrame(
        {
            "nip": pd.Series(rng.choice([nf.NIP_L, nf.NIP_P, None], n), dtype="str"),
            "tahun": pd.Series(rng.choice([2022, 2023, None], n), dtype="Int64"),
            "periode": pd.Categorical(rng.choice(["tahunan", "tw1", None], n), categories=["tahunan", "tw1", "tw2"]),
            "tanggal": _stamps(rng.choice(["2026-01-01", "2026-01-02", None], n)),
            "jam": _stamps(rng.choice(["2026-01-01 10:00", "2026-01-01", None], n)),
            "nilai": rng.choice([1.5, 2.0, np.nan], n),
        }
    )


def _stamps(texts: np.ndarray) -> pd.Series:
    return pd.Series(pd.to_datetime(texts, format="ISO8601")).astype("datetime64[us]")


def test_row_keys_number_the_distinct_combinations() -> None:
    keys = _keys()
    combined, usable = row_keys(keys, ["nip", "tahun", "periode"])
    assert (usable == keys[["nip", "tahun", "periode"]].notna().all(axis=1).to_numpy()).all()
    as_tuples = list(keys[["nip", "tahun", "periode"]].astype(str).itertuples(index=False))
    assert pd.factorize(combined)[0].tolist() == pd.factorize(pd.Series(as_tuples))[0].tolist()


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 100])
def test_date_keys_repeated_in_a_later_chunk_are_found_whatever_the_spelling(chunk_rows: int) -> None:
    # disiplin is keyed by NIP and date: the same date written two ways in two chunks is the same key.
    rows = [["nip", "tanggal", "tingkat"], [nf.NIP_L, "14/08/2025", "ringan"], [nf.NIP_P, "15/08/2025", "ringan"]]
    rows += [[nf.NIP_L, "14 Agustus 2025", "sedang"]]
    known = KnownReferences.of(nip={nf.NIP_L, nf.NIP_P})
    chunks = validate_chunks(iter_chunks(nf.delimited(rows, ";"), chunk_rows, "disiplin"), "disiplin", known)
    errors = pd.concat([r.error_frame for r in chunks], ignore_index=True)
    assert list(errors["baris"]) == [4] and "baris 2" in errors["pesan"].iloc[0]


def test_duplicate_keys_across_chunks_name_the_first_line() -> None:
    """A key seen twice in one chunk and again in a later one names its first line, whatever the chunk size."""
    a = [nf.NIP_L, "2024", "TW I", "atas", "sesuai"]
    b = [nf.NIP_P, "2023", "tahunan", "sesuai", "sesuai"]
    filler = iter([nf.NIP_L2, str(year), "tahunan", "atas", "atas"] for year in range(2015, 2022))
    body = [a, a, next(filler), b, next(filler), next(filler), b, b, next(filler), next(filler), a, b]  # lines 2-13
    content = nf.delimited([["nip", "tahun", "periode", "rating_hasil_kerja", "rating_perilaku_kerja"], *body], ";")
    known = KnownReferences.of(nip={nf.NIP_L, nf.NIP_P, nf.NIP_L2})
    first = {3: 2, 12: 2, 8: 5, 9: 5, 13: 5}
    for chunk_rows in (1, 2, 3, 4, 5, 100):
        chunks = validate_chunks(iter_chunks(content, chunk_rows, "skp"), "skp", known)
        errors = pd.concat([r.error_frame for r in chunks], ignore_index=True)
        assert set(errors["baris"]) == set(first), chunk_rows
        across = errors[~errors["pesan"].str.contains("(", regex=False)]  # the message of a later chunk
        assert len(across) > 0 or chunk_rows == 100
        for line, pesan in zip(across["baris"], across["pesan"], strict=True):
            assert pesan == f"baris ini sama kuncinya dengan baris {first[line]}", (chunk_rows, line)


# --- reading -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 64, 1000])
def test_chunks_with_quotes_blank_lines_and_crlf_read_like_the_whole_file(chunk_rows: int) -> None:
    lines = ["nip;nama;instansi_kode"]
    for i in range(150):
        name = f'"Nama {i}\r\nbaris kedua"' if i % 37 == 5 else (f'"titik; koma {i}"' if i % 11 == 0 else f"Nama {i}")
        lines.append(f"{nf.NIP_L};{name};17.DUKCAPIL")
        if i % 29 == 3:
            lines.extend(["", " ", ";;"])
    content = ("\r\n".join(lines) + "\r\n").encode()
    whole = read_table(content, "a.csv", "pegawai")
    parts = list(iter_chunks(content, chunk_rows, "pegawai"))
    frame = pd.concat([p.frame for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(frame, whole.frame)
    assert np.concatenate([p.lines for p in parts]).tolist() == whole.lines.tolist()


# --- columns and schema --------------------------------------------------------------------------------


@pytest.mark.parametrize("type_", ["text", "nip", "integer", "number", "date", "datetime", "enum", "periode"])
def test_an_absent_column_is_what_it_was(type_: str) -> None:
    values = ("a", "b") if type_ in ("enum", "periode") else ()
    got = _empty_column(type_, values, 4)
    if values:
        expected = pd.Series(pd.Categorical([None] * 4, categories=list(values)))
    else:
        dtypes = {"integer": "Int64", "number": "float64", "date": "datetime64[us]", "datetime": "datetime64[us]"}
        expected = pd.Series([None] * 4, dtype=dtypes.get(type_, "str"))
    pd.testing.assert_series_equal(got, expected)


@pytest.mark.parametrize("kind", sorted(KIND_SPECS))
def test_pandera_is_skipped_only_when_it_would_find_nothing(kind: str) -> None:
    spec = KIND_SPECS[kind]
    template = validate(read_table(nf.delimited(_template_rows(kind), ";"), "a.csv", kind), kind).rows
    frames = [template]
    for col in spec.columns:
        for bad in (None, -1, 10**6, "bukan pilihan"):
            frame = template.copy()
            frame[col.name] = _one_value(bad, frame[col.name].dtype)
            frames.append(frame)
    for frame in frames:
        try:
            dataframe_schema(kind).validate(frame, lazy=True)
            indexed = 0
        except pa.errors.SchemaErrors as exc:
            indexed = int(exc.failure_cases["index"].notna().sum())
        assert _may_fail(spec, frame) == (indexed > 0)


def _one_value(value: object, dtype: object) -> pd.Series:
    """A one-row column of ``dtype`` holding ``value`` (a choice outside the list as ``convert`` keeps one)."""
    if isinstance(dtype, pd.CategoricalDtype):
        categories = list(dtype.categories) + ([value] if value is not None else [])
        return pd.Series(pd.Categorical([value], categories=categories))
    try:
        return pd.Series([value], dtype=dtype)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return pd.Series([None], dtype=dtype)  # type: ignore[call-overload]


def _template_rows(kind: str) -> list[list[str]]:
    spec = KIND_SPECS[kind]
    examples = {"tanggal_selesai": "", "tanggal_tanggapan": "", "induk_kode": "", "predikat": ""}
    return [[c.name for c in spec.columns], [examples.get(c.name, c.example) for c in spec.columns]]
