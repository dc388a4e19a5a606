"""Indonesian sentences that state a finding, from metric results (chart titles, slide headlines)."""

from __future__ import annotations

import pandas as pd

from asn_metrics.formatting import format_month, format_number, format_percent
from asn_metrics.reference import PREDIKAT_ORDER, SANGAT_BAIK
from asn_metrics.skp import kolom_persen


def predikat_by_region_title(distribution: pd.DataFrame, *, label: str) -> str:
    """Which group has the highest and the lowest share of Baik or better (DOMAIN.md §1 predikat)."""
    if distribution.empty:
        return "Belum ada predikat kinerja untuk pilihan ini"
    good = (distribution[kolom_persen("Sangat Baik")] + distribution[kolom_persen("Baik")]).to_numpy()
    names = distribution[label].astype(str).to_numpy()
    best, worst = int(good.argmax()), int(good.argmin())
    if len(distribution) == 1 or good[best] == good[worst]:
        return f"{format_percent(float(good[best]))} pegawai {names[best]} berpredikat Baik ke atas"
    return (
        f"Predikat Baik ke atas tertinggi di {names[best]} ({format_percent(float(good[best]))}), "
        f"terendah di {names[worst]} ({format_percent(float(good[worst]))})"
    )


def predikat_spread_title(distribution: pd.DataFrame, *, label: str) -> str:
    """What the stacked predikat bar adds to the map of Baik ke atas: where Sangat Baik is most common and
    where the most are rated below Baik (Butuh Perbaikan or lower, DOMAIN.md §1)."""
    if distribution.empty:
        return "Belum ada predikat kinerja untuk pilihan ini"
    top = distribution[kolom_persen(SANGAT_BAIK)].to_numpy(dtype=float)
    low = distribution[[kolom_persen(p) for p in PREDIKAT_ORDER[2:]]].sum(axis=1).to_numpy(dtype=float)
    names = distribution[label].astype(str).to_numpy()
    most, weakest = int(top.argmax()), int(low.argmax())
    return (
        f"Sangat Baik terbanyak di {names[most]} ({format_percent(float(top[most]))}); di bawah Baik terbanyak "
        f"di {names[weakest]} ({format_percent(float(low[weakest]))})"
    )


def short_agency_name(nama: str, wilayah_nama: str | None = None) -> str:
    """An agency name without its region ("Dinas Sosial Kabupaten Kaur" → "Dinas Sosial") for charts
    that already say the region; names that are only the region's office stay whole."""
    suffixes = [" Provinsi Bengkulu"]
    if wilayah_nama:
        suffixes += [f" Kabupaten {wilayah_nama}", f" {wilayah_nama}"]
    for suffix in suffixes:
        if nama.endswith(suffix) and len(nama) > len(suffix) + 3 and not nama.startswith("Kecamatan "):
            return nama[: -len(suffix)]
    return nama


#: The abbreviations of agency names in common use in Indonesian government papers, for tables too narrow for
#: the full names (each with the words it stands for, named under the table).
SINGKATAN: tuple[tuple[str, str], ...] = (
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    ("Dinas Koperasi dan Usaha Kecil dan Menengah", "Dinas Koperasi dan UKM"),
    ("Dinas Pendidikan dan Kebudayaan", "Dinas Dikbud"),
    ("Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans"),
    ("Dinas Lingkungan Hidup dan Kehutanan", "DLHK"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Dinas Perkim"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Badan Pengembangan Sumber Daya Manusia", "BPSDM"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol"),
    ("Kabupaten ", "Kab. "),
    ("Provinsi ", "Prov. "),
)


def compact_agency_names(names: pd.Series) -> tuple[pd.Series, str]:
    """``names`` with the common abbreviations (``SINGKATAN``), and the note that spells out those used
    ("" when none was)."""
    used: list[tuple[str, str]] = []
    out = names.astype(str)
    for full, short in SINGKATAN:
        hit = out.str.contains(full, regex=False)
        if hit.any():
            used.append((full.strip(), short.strip()))
            out = out.str.replace(full, short, regex=False)
    if not used:
        return out, ""
    spelled = "; ".join(f"{short} = {full}" for full, short in used)
    return out, f"Nama instansi disingkat: {spelled}."


def _pick(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    return frame[frame[value].notna()]


def best_worst_title(
    frame: pd.DataFrame, *, value: str, label: str, what: str, decimals: int = 1, suffix: str = "%"
) -> str:
    """ "<what> tertinggi di A (x), terendah di B (y)" over the rows of ``frame`` that have ``value``."""
    df = _pick(frame, value)
    if df.empty:
        return f"Belum ada data {what.lower()} untuk pilihan ini"

    def fmt(v: float) -> str:
        return f"{format_number(v, decimals)}{suffix}"

    numbers = df[value].to_numpy(dtype=float)
    best, worst = df.iloc[int(numbers.argmax())], df.iloc[int(numbers.argmin())]
    if len(df) == 1 or best[value] == worst[value]:
        return f"{what} {best[label]}: {fmt(best[value])}"
    return f"{what} tertinggi di {best[label]} ({fmt(best[value])}), terendah di {worst[label]} ({fmt(worst[value])})"


def movers_title(movers: pd.DataFrame) -> str:
    """The largest rise and fall of the share Baik ke atas (``headline.movers`` with ``nama``)."""
    if movers.empty:
        return "Belum ada perubahan predikat yang dapat dibandingkan dengan tahun sebelumnya"
    up, down = movers[movers["arah"] == "naik"], movers[movers["arah"] == "turun"]
    parts = []
    if not up.empty:
        parts.append(f"{up.iloc[0]['nama']} naik {format_number(up.iloc[0]['perubahan'], 1)} poin")
    if not down.empty:
        parts.append(f"{down.iloc[0]['nama']} turun {format_number(abs(down.iloc[0]['perubahan']), 1)} poin")
    return "Predikat Baik ke atas: " + ";<br>".join(parts)


def scorecard_title(card: pd.DataFrame) -> str:
    """Who leads the scorecard and whether the gap to the second is within the noise."""
    df = _pick(card, "skor")
    if df.empty:
        return "Belum ada skor instansi untuk pilihan ini"
    first = df.iloc[0]
    text = f"{first['nama']} memimpin dengan skor {format_number(first['skor'], 1)}"
    if len(df) > 1 and bool(df.iloc[1]["dalam_batas_ketidakpastian"]):
        text += f", tetapi selisihnya dengan {df.iloc[1]['nama']} tidak bermakna"
    return text


def inflation_title(flags: pd.DataFrame) -> str:
    """How many agencies exceed the curve's Sangat Baik bound, naming the highest."""
    flagged = flags[flags["inflasi"]].sort_values("persen_sangat_baik", ascending=False)
    if flagged.empty:
        return "Tidak ada instansi dengan porsi Sangat Baik di atas batas kurva distribusi"
    top = flagged.iloc[0]
    return (
        f"{len(flagged)} instansi melampaui batas kurva; tertinggi {top['nama']} "
        f"({format_percent(top['persen_sangat_baik'])} Sangat Baik): tanda inflasi penilaian"
    )


def trend_title(trend: pd.DataFrame, value: str = "persen_baik_ke_atas") -> str:
    """The direction of the first/last year of each line, for the one that changed most."""
    df = _pick(trend, value).sort_values("tahun")
    if df.empty or df["tahun"].nunique() < 2:
        return "Belum ada cukup tahun untuk melihat tren"
    first, last = df.groupby("nama")[value].first(), df.groupby("nama")[value].last()
    change = (last - first).dropna()
    position = int(change.abs().to_numpy().argmax())
    name, delta = str(change.index[position]), float(change.iloc[position])
    verb = "naik" if delta >= 0 else "turun"
    years = f"{int(df['tahun'].min())}-{int(df['tahun'].max())}"
    return f"Predikat Baik ke atas {name} {verb} {format_number(abs(delta), 1)} poin ({years})"


def monthly_title(monthly: pd.DataFrame) -> str:
    """The busiest month and the latest share within standard."""
    if monthly.empty:
        return "Belum ada permohonan layanan"
    peak = monthly.iloc[int(monthly["jumlah"].to_numpy().argmax())]
    last = monthly.sort_values("bulan").iloc[-1]

    return (
        f"Permohonan terbanyak pada {format_month(peak['bulan'].date())} ({format_number(peak['jumlah'])}); "
        f"tepat waktu {format_percent(last['persen_tepat_waktu'])} pada {format_month(last['bulan'].date())}"
    )


def seasonal_title(profile: pd.DataFrame, month_names: tuple[str, ...]) -> str:
    if profile.empty or profile["indeks_musiman"].isna().all():
        return "Belum ada pola musiman"
    peak = profile.iloc[int(profile["indeks_musiman"].fillna(0).to_numpy().argmax())]
    busier = format_number((peak["indeks_musiman"] - 1) * 100, 0)
    return f"Puncak permohonan pada bulan {month_names[int(peak['bulan_ke']) - 1]}: {busier}% di atas bulan biasa"


def funnel_title(stages: pd.DataFrame, overall: pd.DataFrame | None = None) -> str:
    """The funnel in words; with ``overall`` (``complaints.complaint_metrics`` of every complaint) also the share
    answered within 5 working days, so that the funnel's "ditanggapi" (ever) and the KPI card's (in time) are
    told apart."""
    if stages.empty:
        return "Belum ada pengaduan"
    count = dict(zip(stages["tahap"], stages["jumlah"].astype(int), strict=True))
    share = dict(zip(stages["tahap"], stages["persen_dari_masuk"].astype(float), strict=True))
    in_time = ""
    if overall is not None and len(overall) and pd.notna(overall["persen_ditanggapi_5_hari"].iloc[0]):
        in_time = f" ({format_percent(overall['persen_ditanggapi_5_hari'].iloc[0])} dalam 5 hari kerja)"
    return (
        f"Dari {format_number(count['masuk'])} pengaduan, {format_percent(share['ditanggapi'])} ditanggapi"
        f"{in_time} dan {format_percent(share['selesai'])} selesai"
    )


def element_title(priorities: pd.DataFrame, unit: str) -> str:
    if priorities.empty:
        return "Belum ada jawaban survei"
    weakest = priorities.sort_values("nrr").iloc[0]
    return f"Unsur terlemah {unit}: {weakest['nama_unsur']} (NRR {format_number(weakest['nrr'], 2)})"


def freshness_title(fresh: pd.DataFrame, names: dict[str, str], days: pd.DataFrame, kinds: dict[str, str]) -> str:
    """The agencies whose data is furthest behind (``quality.freshness_lag`` output), the furthest named with the
    number its heatmap cell shows (``days``: days since the agency's last upload, agency × kind)."""
    stale = fresh[fresh["status"].isin(["basi", "perlu diperbarui"])]
    if stale.empty:
        return "Semua instansi mengunggah data tepat waktu"
    worst = stale.sort_values("hari_sejak_impor", ascending=False).iloc[0]
    code, kind = worst["instansi_kode"], worst["jenis"]
    column = days[kind] if kind in days.columns else pd.Series(dtype=float)
    shown = float(column.get(code, worst["hari_sejak_impor"]))
    return (
        f"{stale['instansi_kode'].nunique()} instansi terlambat mengunggah; terlama {names.get(code, code)}: "
        f"data {kinds.get(kind, kind).lower()} terakhir diunggah {format_number(shown)} hari lalu"
    )


def succession_title(risk: pd.DataFrame) -> str:
    if risk.empty:
        return "Belum ada pegawai berpredikat Baik ke atas untuk dihitung"
    total, leaving = int(risk["jumlah_sb_baik"].sum()), int(risk["jumlah_pensiun"].sum())
    top = risk.sort_values("persen_pensiun", ascending=False).iloc[0]
    return (
        f"{format_number(leaving)} dari {format_number(total)} pegawai terbaik pensiun dalam 5 tahun; "
        f"tertinggi di {top['nama']} ({format_percent(top['persen_pensiun'])})"
    )


def direction_word(before: float, after: float, *, real: bool) -> str:
    """naik, turun or tetap; a change inside the noise (``real`` False) is ``tetap`` whatever its sign."""
    if not real or after == before:
        return "tetap"
    return "naik" if after > before else "turun"


def change_sentence(
    subject: str, before: float, after: float, *, real: bool, unit: str = "", decimals: int = 1, note: str = ""
) -> str:
    """One sentence on a change since last year, its direction respecting the uncertainty (issue 16 item 3):

    ``IKM Disdukcapil Kota Bengkulu naik 3,20 poin menjadi 84,10 (mutu B).`` for a real change, and
    ``… tetap di sekitar 84,10 (selisih 0,30 poin masih dalam batas ketidakpastian).`` for one inside the noise.
    ``unit``: "%" after the values; ``note``: words in the closing brackets of a real change ("mutu B")."""
    word = direction_word(before, after, real=real)
    now = f"{format_number(after, decimals)}{unit}"
    gap = format_number(abs(after - before), decimals)
    if word == "tetap":
        if after == before:
            return f"{subject} tetap {now}."
        return f"{subject} tetap di sekitar {now} (selisih {gap} poin masih dalam batas ketidakpastian)."
    closing = f" ({note})" if note else f" (sebelumnya {format_number(before, decimals)}{unit})"
    return f"{subject} {word} {gap} poin menjadi {now}{closing}."
