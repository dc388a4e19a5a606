"""Fixed vocabulary of the domain: regions, predikat, ratings, services, survey elements (DOMAIN.md)."""

from __future__ import annotations

from typing import Final

# DOMAIN.md §10: Provinsi Bengkulu and its ten kabupaten/kota.
PROVINSI_KODE: Final = "17"
PROVINSI_NAMA: Final = "Provinsi Bengkulu"

WILAYAH: Final[dict[str, tuple[str, str]]] = {
    # kode: (nama, ibu kota)
    "17": ("Provinsi Bengkulu", "Bengkulu"),
    "17.01": ("Bengkulu Selatan", "Manna"),
    "17.02": ("Rejang Lebong", "Curup"),
    "17.03": ("Bengkulu Utara", "Argamakmur"),
    "17.04": ("Kaur", "Bintuhan"),
    "17.05": ("Seluma", "Tais"),
    "17.06": ("Mukomuko", "Mukomuko"),
    "17.07": ("Lebong", "Tubei"),
    "17.08": ("Kepahiang", "Kepahiang"),
    "17.09": ("Bengkulu Tengah", "Karang Tinggi"),
    "17.71": ("Kota Bengkulu", "Bengkulu"),
}
KABKOTA_KODE: Final = tuple(k for k in WILAYAH if k != PROVINSI_KODE)

# DOMAIN.md §1: ratings and the predikat matrix of PermenPANRB 6/2022.
RATING_ATAS: Final = "Di Atas Ekspektasi"
RATING_SESUAI: Final = "Sesuai Ekspektasi"
RATING_BAWAH: Final = "Di Bawah Ekspektasi"
RATINGS: Final = (RATING_ATAS, RATING_SESUAI, RATING_BAWAH)

SANGAT_BAIK: Final = "Sangat Baik"
BAIK: Final = "Baik"
BUTUH_PERBAIKAN: Final = "Butuh Perbaikan"
KURANG: Final = "Kurang/Misconduct"
SANGAT_KURANG: Final = "Sangat Kurang"
#: Best to worst; index 0 is the best step.
PREDIKAT_ORDER: Final = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)
#: "Baik ke atas" (DOMAIN.md §1): a person counts when rated one of these; shares in skp.predikat_distribution.
BAIK_KE_ATAS: Final = (SANGAT_BAIK, BAIK)

#: (rating hasil kerja, rating perilaku kerja) -> predikat.
PREDIKAT_MATRIX: Final[dict[tuple[str, str], str]] = {
    (RATING_ATAS, RATING_BAWAH): KURANG,
    (RATING_ATAS, RATING_SESUAI): BAIK,
    (RATING_ATAS, RATING_ATAS): SANGAT_BAIK,
    (RATING_SESUAI, RATING_BAWAH): KURANG,
    (RATING_SESUAI, RATING_SESUAI): BAIK,
    (RATING_SESUAI, RATING_ATAS): BAIK,
    (RATING_BAWAH, RATING_BAWAH): SANGAT_KURANG,
    (RATING_BAWAH, RATING_SESUAI): BUTUH_PERBAIKAN,
    (RATING_BAWAH, RATING_ATAS): BUTUH_PERBAIKAN,
}


def predikat_from_ratings(hasil_kerja: str, perilaku_kerja: str) -> str:
    """Predikat kinerja from the two ratings (DOMAIN.md §1, the matrix of PermenPANRB 6/2022).

    Both arguments must be canonical rating names (``RATINGS``); raises KeyError otherwise.
    """
    return PREDIKAT_MATRIX[(hasil_kerja, perilaku_kerja)]


# SKP periods. Stored canonical: 'tahunan', 'tw1'..'tw4', 'b01'..'b12'.
PERIODE_TAHUNAN: Final = "tahunan"
PERIODE_TRIWULAN: Final = tuple(f"tw{i}" for i in range(1, 5))
PERIODE_BULANAN: Final = tuple(f"b{i:02d}" for i in range(1, 13))
PERIODES: Final = (PERIODE_TAHUNAN, *PERIODE_TRIWULAN, *PERIODE_BULANAN)


def periode_bulan_akhir(periode: str) -> int:
    """The month (1-12) in which a canonical SKP period ends; the annual rating ends in 12."""
    if periode == PERIODE_TAHUNAN:
        return 12
    if periode in PERIODE_TRIWULAN:
        return int(periode[2]) * 3
    if periode in PERIODE_BULANAN:
        return int(periode[1:])
    raise ValueError(f"periode tidak dikenal: {periode!r}")


# Regimes of numeric SKP scores (DOMAIN.md §1, older scores). [assumed] year boundaries.
REGIME_PP46: Final = "PP 46/2011"
REGIME_PP30: Final = "PP 30/2019"
REGIME_2022: Final = "PermenPANRB 6/2022"


def regime_for_year(tahun: int) -> str:
    """The SKP regime that governs a year: PP 46/2011 to 2019, PP 30/2019 in 2020-2021, then 6/2022."""
    if tahun >= 2022:
        return REGIME_2022
    if tahun >= 2020:
        return REGIME_PP30
    return REGIME_PP46


# DOMAIN.md §3: the service catalogue and its default standards (hours).
LAYANAN: Final[dict[str, tuple[str, float | None]]] = {
    "ktp_el": ("KTP-el (cetak)", 1.0),
    "kk": ("Kartu Keluarga", 1.0),
    "akta_kelahiran": ("Akta Kelahiran", 1.0),
    "akta_kematian": ("Akta Kematian", 1.0),
    "akta_perkawinan": ("Akta Perkawinan", 1.0),
    "pindah": ("Surat Keterangan Pindah", 1.0),
    "kia": ("Kartu Identitas Anak", 1.0),
    "lainnya": ("Layanan lainnya", None),
}

# DOMAIN.md §2: the nine SKM elements, in order.
UNSUR_SKM: Final[dict[str, str]] = {
    "u1": "Persyaratan",
    "u2": "Sistem, Mekanisme, dan Prosedur",
    "u3": "Waktu Penyelesaian",
    "u4": "Biaya/Tarif",
    "u5": "Produk Spesifikasi Jenis Pelayanan",
    "u6": "Kompetensi Pelaksana",
    "u7": "Perilaku Pelaksana",
    "u8": "Penanganan Pengaduan, Saran dan Masukan",
    "u9": "Sarana dan Prasarana",
}
UNSUR_KOLOM: Final = tuple(UNSUR_SKM)

# DATA_FORMATS.md enumerations.
JENIS_INSTANSI: Final = ("dinas", "badan", "sekretariat", "inspektorat", "rsud", "kecamatan", "lainnya")
JENIS_JABATAN: Final = ("jpt", "administrator", "pengawas", "pelaksana", "fungsional")
STATUS_PEGAWAI: Final = ("PNS", "PPPK")

#: Golongan ruang of PNS (I/a … IV/e) and golongan of PPPK (I … XVII), as DATA_FORMATS.md writes them.
GOLONGAN_PNS: Final = tuple(
    f"{ruang}/{huruf}"
    for ruang, letters in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
    for huruf in letters
)
GOLONGAN_PPPK: Final = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip
PENDIDIKAN: Final = ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
STATUS_LAYANAN: Final = ("selesai", "proses", "ditolak")
KANAL_PENGADUAN: Final = ("lapor", "langsung", "telepon", "whatsapp", "email", "media_sosial")
STATUS_PENGADUAN: Final = ("baru", "diproses", "selesai", "ditolak")
JENIS_PELATIHAN: Final = ("kepemimpinan", "fungsional", "teknis", "seminar", "lainnya")
TINGKAT_DISIPLIN: Final = ("ringan", "sedang", "berat")
ARAH_INDIKATOR: Final = ("naik", "turun")
ROLES: Final = ("admin", "pimpinan", "evaluator", "tamu")

# Upload kinds of DATA_FORMATS.md, in the order they depend on each other.
KINDS: Final = ("instansi", "pegawai", "skp", "layanan", "skm", "pengaduan", "indikator", "pelatihan", "disiplin")

JENIS_JABATAN_LABEL: Final[dict[str, str]] = {
    "jpt": "Jabatan Pimpinan Tinggi",
    "administrator": "Administrator",
    "pengawas": "Pengawas",
    "pelaksana": "Pelaksana",
    "fungsional": "Fungsional",
}
