"""Rules across columns of one row, and the columns derived from them, per kind (DATA_FORMATS.md, DOMAIN.md §1)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from asn_metrics import reference as ref
from asn_metrics.ingest.columns import Kind
from asn_metrics.ingest.distinct import distinct, spread
from asn_metrics.ingest.issues import Issues
from asn_metrics.ingest.known import KnownReferences
from asn_metrics.ingest.nips import birth_dates
from asn_metrics.ingest.normalise import shortened

#: The position in ``reference.PREDIKAT_ORDER`` of the predikat of each (rating hasil kerja, rating perilaku
#: kerja) pair, by their positions in ``reference.RATINGS`` (DOMAIN.md §1).
_MATRIX = np.array(
    [[ref.PREDIKAT_ORDER.index(ref.predikat_from_ratings(h, p)) for p in ref.RATINGS] for h in ref.RATINGS]
)
_PREDIKAT = pd.Index(ref.PREDIKAT_ORDER)

RATING_ADVICE = "Isi Di Atas Ekspektasi, Sesuai Ekspektasi atau Di Bawah Ekspektasi."


@dataclass
class Context:
    """What a rule sees: converted columns, the text as typed, the problems so far, the known references."""

    kind: Kind
    frame: pd.DataFrame
    raw: Mapping[str, pd.Series]
    issues: Issues
    known: KnownReferences | None
    codes: dict[str, np.ndarray] = field(default_factory=dict)

    def shown(self, column: str, rows: np.ndarray) -> np.ndarray:
        """The values as typed in the selected rows (a boolean mask), as a str array."""
        if not rows.any():  # the texts as typed are not even made
            return np.array([], dtype=str)
        values = shortened(self.raw[column].iloc[np.flatnonzero(rows)].astype(str))  # never a huge cell whole
        return values.to_numpy(dtype=object).astype(str)

    def ok(self, *columns: str) -> np.ndarray:
        """Rows where none of the columns has an error yet."""
        mask = np.ones(len(self.frame), dtype=bool)
        for column in columns:
            mask &= ~self.issues.is_bad(column)
        return mask


def _not_before(ctx: Context, start: str, end: str, words: tuple[str, str]) -> None:
    """Error where ``end`` is before ``start`` (e.g. tanggal_selesai before tanggal_masuk)."""
    f = ctx.frame
    wrong = (f[end] < f[start]).fillna(False).to_numpy(dtype=bool) & ctx.ok(start, end)
    pesan = np.char.add(
        np.char.add(f"{words[1]} ", ctx.shown(end, wrong)),
        np.char.add(f" lebih awal dari {words[0]} ", ctx.shown(start, wrong)),
    )
    ctx.issues.add(
        wrong, end, ctx.shown(end, wrong), pesan, f"Periksa kedua tanggal: {words[1]} tidak boleh sebelum {words[0]}."
    )


def _lookalike_codes(ctx: Context) -> None:
    """A new agency code must not hold invisible or control characters, nor only look like a stored code (other
    case or such characters): "17.dukcapil" beside "17.DUKCAPIL" would be a second agency nobody can tell apart
    (issue 17 item 3)."""
    kode = ctx.frame["kode"]
    present = kode.notna().to_numpy(dtype=bool) & ctx.ok("kode")
    texts = kode.fillna("").astype(str).to_numpy(dtype=object)
    hidden = present & np.array([_has_hidden(t) for t in texts], dtype=bool)
    ctx.issues.add(
        hidden,
        "kode",
        ctx.shown("kode", hidden),
        np.char.add(np.char.add("kode ", ctx.shown("kode", hidden)), " berisi karakter tak terlihat atau kontrol"),
        "Ketik ulang kodenya hanya dengan huruf, angka, titik atau tanda hubung.",
    )
    if ctx.known is None or ctx.known.instansi is None:
        return
    present &= ~hidden
    meant = np.array([ctx.known.lookalike(t) or "" if p else "" for t, p in zip(texts, present, strict=True)])
    similar = meant != ""
    if similar.any():
        shown = ctx.shown("kode", similar)
        exact = meant[similar].astype(str)
        pesan = np.char.add(np.char.add("kode ", shown), " hanya mirip kode yang sudah ada ")
        pesan = np.char.add(np.char.add(pesan, exact), " (beda huruf besar/kecil atau karakter tak terlihat)")
        ctx.issues.add(similar, "kode", shown, pesan, np.char.add("Tulis persis ", exact))


def _has_hidden(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


def _instansi(ctx: Context) -> None:
    f = ctx.frame
    _lookalike_codes(ctx)
    induk = f["induk_kode"]
    self_parent = (induk == f["kode"]).fillna(False).to_numpy(dtype=bool)
    ctx.issues.add(
        self_parent,
        "induk_kode",
        ctx.shown("induk_kode", self_parent),
        "instansi tidak dapat menjadi induk dirinya sendiri",
        "Kosongkan induk_kode atau isi kode instansi lain.",
    )
    if ctx.known is not None and ctx.known.instansi is not None:
        known = set(ctx.known.instansi) | set(f["kode"].dropna())
        unknown = (induk.notna() & ~induk.isin(known)).to_numpy(dtype=bool) & ~self_parent
        ctx.issues.add(
            unknown,
            "induk_kode",
            ctx.shown("induk_kode", unknown),
            np.char.add("instansi induk ", ctx.shown("induk_kode", unknown)) + " belum terdaftar",
            "Tambahkan instansi induknya di berkas ini atau impor lebih dulu.",
        )


def _pegawai(ctx: Context) -> None:
    f = ctx.frame
    nip = f["nip"]
    f["tanggal_lahir"] = pd.Series(pd.NaT, index=f.index, dtype="datetime64[us]")
    present = nip.notna()
    if present.any():
        f.loc[present, "tanggal_lahir"] = birth_dates(nip[present])
    from_nip = nip.str.slice(14, 15).map({"1": "L", "2": "P"})
    given = f["jenis_kelamin"]
    clash = (given.notna() & from_nip.notna() & (given != from_nip)).to_numpy(dtype=bool) & ctx.ok("nip")
    shown = ctx.shown("jenis_kelamin", clash)
    pesan = np.char.add(np.char.add("jenis kelamin ", shown), " bertentangan dengan NIP (angka ke-15 menunjukkan ")
    pesan = np.char.add(pesan, from_nip.to_numpy(dtype=object)[clash].astype(str)) + ")"
    ctx.issues.add(clash, "jenis_kelamin", shown, pesan, "Perbaiki jenis kelamin atau NIP-nya.")
    f["jenis_kelamin"] = given.fillna(from_nip)
    f["aktif"] = f["aktif"].map({"ya": True, "tidak": False}).astype("boolean")
    _golongan(ctx)


GOLONGAN_ADVICE = "Isi golongan PNS I/a–IV/e (mis. III/b) atau golongan PPPK I–XVII (mis. IX), sesuai statusnya."
_ROMAN = {str(i + 1): roman for i, roman in enumerate(ref.GOLONGAN_PPPK)}
_PNS_GOLONGAN = re.compile(r"(IV|III|II|I|[1-4])[/\-.]?([A-E])")


def canonical_golongan(text: str) -> tuple[str, str] | None:
    """The golongan as DATA_FORMATS.md writes it and the status it belongs to ('PNS' or 'PPPK'), or None:
    ``iii-b``, ``III / B`` and ``3b`` are PNS ``III/b``; ``ix`` and ``9`` are PPPK ``IX``."""
    compact = re.sub(r"\s+", "", text).upper()
    pns = _PNS_GOLONGAN.fullmatch(compact)
    if pns:
        ruang = _ROMAN.get(pns.group(1), pns.group(1))
        value = f"{ruang}/{pns.group(2).lower()}"
        return (value, "PNS") if value in ref.GOLONGAN_PNS else None
    value = _ROMAN.get(compact, compact)
    return (value, "PPPK") if value in ref.GOLONGAN_PPPK else None


def _golongan(ctx: Context) -> None:
    """golongan rewritten as DATA_FORMATS.md has it (``III/b``, ``IX``); it must be one of the row's status:
    PNS I/a–IV/e, PPPK I–XVII. Each distinct golongan is read once."""
    f = ctx.frame
    golongan, status = f["golongan"], f["status"].fillna("PNS").to_numpy(dtype=object)
    usable = golongan.notna().to_numpy(dtype=bool) & ctx.ok("golongan", "status")
    if not usable.any():
        return
    codes, texts = distinct(golongan.where(usable))
    verdicts = [canonical_golongan(str(text)) for text in texts]
    belongs = np.array([v[1] if v else "" for v in verdicts] + [""], dtype=object)[codes]
    unknown = usable & (belongs == "")
    other = usable & (belongs != "") & (belongs != status)
    shown = ctx.shown("golongan", unknown)
    ctx.issues.add(
        unknown, "golongan", shown, np.char.add(np.char.add("golongan ", shown), " tidak dikenal"), GOLONGAN_ADVICE
    )
    shown = ctx.shown("golongan", other)
    pesan = np.char.add(np.char.add("golongan ", shown), " adalah golongan ")
    pesan = np.char.add(np.char.add(pesan, belongs[other].astype(str)), ", padahal status pegawai ini ")
    ctx.issues.add(other, "golongan", shown, np.char.add(pesan, status[other].astype(str)), GOLONGAN_ADVICE)
    f["golongan"] = golongan.where(~usable, spread([v[0] if v else None for v in verdicts], codes, f.index, "str"))


def _skp(ctx: Context) -> None:
    f = ctx.frame
    tahun = f["tahun"].astype("float64").to_numpy()
    hasil, perilaku = f["rating_hasil_kerja"], f["rating_perilaku_kerja"]
    has_h, has_p = hasil.notna().to_numpy(), perilaku.notna().to_numpy()
    usable = ctx.ok("tahun", "rating_hasil_kerja", "rating_perilaku_kerja") & ~np.isnan(tahun)
    modern = usable & (tahun >= 2022)
    for column, has in (("rating_hasil_kerja", has_h), ("rating_perilaku_kerja", has_p)):
        ctx.issues.add(
            modern & ~has, column, "", "rating wajib diisi untuk penilaian tahun 2022 dan sesudahnya", RATING_ADVICE
        )
        lone = usable & (tahun < 2022) & ~has & (has_h | has_p)
        ctx.issues.add(
            lone,
            column,
            "",
            "kedua rating harus diisi bersama",
            f"{RATING_ADVICE} Atau kosongkan keduanya dan isi nilai.",
        )
    no_score = usable & (tahun < 2022) & ~has_h & ~has_p & f["nilai"].isna().to_numpy() & ctx.ok("nilai")
    ctx.issues.add(
        no_score,
        "nilai",
        "",
        "sebelum 2022 harus ada kedua rating atau nilai SKP",
        "Isi nilai SKP (0–120), atau rating hasil kerja dan rating perilaku kerja.",
    )
    _predikat(ctx, hasil, perilaku)
    periode = f["periode"]
    f["bulan_akhir"] = periode.map({p: ref.periode_bulan_akhir(p) for p in ref.PERIODES}).astype("Int64")
    codes, years = distinct(f["tahun"])
    f["regime"] = spread([ref.regime_for_year(int(t)) for t in years], codes, f.index, "str")


def _predikat(ctx: Context, hasil: pd.Series, perilaku: pd.Series) -> None:
    """predikat from the matrix where both ratings are given; a predikat typed that differs is an error.

    Predikat are handled as positions in ``reference.PREDIKAT_ORDER`` (-1: none), not as a million texts.
    """
    f = ctx.frame
    h_code = pd.Categorical(hasil, categories=ref.RATINGS).codes
    p_code = pd.Categorical(perilaku, categories=ref.RATINGS).codes
    derived = np.where((h_code >= 0) & (p_code >= 0), _MATRIX[h_code, p_code], -1)
    given = f["predikat"].cat  # a value outside PREDIKAT_ORDER is typed all the same, at position -1
    has_given = given.codes.to_numpy() >= 0
    given_code = np.append(_PREDIKAT.get_indexer(given.categories), -1)[given.codes.to_numpy()]
    clash = has_given & (derived >= 0) & (given_code != derived) & ctx.ok("predikat")
    expected = _PREDIKAT.to_numpy()[derived[clash]].astype(str)
    pesan = np.char.add(np.char.add("predikat ", ctx.shown("predikat", clash)), " tidak sesuai matriks: ")
    pesan = np.char.add(np.char.add(pesan, hasil.to_numpy(dtype=object)[clash].astype(str)), " + ")
    pesan = np.char.add(np.char.add(pesan, perilaku.to_numpy(dtype=object)[clash].astype(str)), " memberi ")
    saran = np.char.add(np.char.add("Kosongkan predikat atau isi ", expected), ".")
    ctx.issues.add(clash, "predikat", ctx.shown("predikat", clash), np.char.add(pesan, expected), saran)
    final = np.where(derived >= 0, derived, given_code)
    f["predikat"] = pd.Categorical.from_codes(final, categories=_PREDIKAT)


def _layanan(ctx: Context) -> None:
    f = ctx.frame
    _not_before(ctx, "tanggal_masuk", "tanggal_selesai", ("tanggal masuk", "tanggal selesai"))
    f["durasi_jam"] = (f["tanggal_selesai"] - f["tanggal_masuk"]).dt.total_seconds() / 3600.0
    done = f["tanggal_selesai"].notna()
    f["status"] = f["status"].fillna(pd.Series(np.where(done, "selesai", "proses"), index=f.index))
    odd = ((f["status"] == "selesai") & ~done).to_numpy(dtype=bool) & ctx.ok("tanggal_selesai", "status")
    ctx.issues.add(
        odd,
        "tanggal_selesai",
        "",
        "status selesai tetapi tanggal selesai kosong",
        "Isi tanggal selesai agar waktu layanan dapat dihitung.",
        warning=True,
    )


def _pengaduan(ctx: Context) -> None:
    f = ctx.frame
    _not_before(ctx, "tanggal_masuk", "tanggal_tanggapan", ("tanggal masuk", "tanggal tanggapan"))
    _not_before(ctx, "tanggal_masuk", "tanggal_selesai", ("tanggal masuk", "tanggal selesai"))
    derived = np.where(
        f["tanggal_selesai"].notna(), "selesai", np.where(f["tanggal_tanggapan"].notna(), "diproses", "baru")
    )
    f["status"] = f["status"].fillna(pd.Series(derived, index=f.index))


def _pelatihan(ctx: Context) -> None:
    _not_before(ctx, "tanggal_mulai", "tanggal_selesai", ("tanggal mulai", "tanggal selesai"))


#: Cross-column rules and derived columns of each kind; kinds not listed have none.
RULES: dict[str, Callable[[Context], None]] = {
    "instansi": _instansi,
    "pegawai": _pegawai,
    "skp": _skp,
    "layanan": _layanan,
    "pengaduan": _pengaduan,
    "pelatihan": _pelatihan,
}
