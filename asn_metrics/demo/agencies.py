"""The agencies (perangkat daerah) of the province and of each kabupaten/kota (DOMAIN.md §10)."""

from __future__ import annotations

from dataclasses import dataclass

from asn_metrics import reference
from asn_metrics.demo.common import region_label

# Patterns a leader can discover (DESIGN.md "Demo data").
IMPROVING = ("17.DUKCAPIL", "17.71.DUKCAPIL", "17.03.RSUD")
DECLINING = ("17.DISHUB", "17.06.DINKES", "17.02.PUPR")
INFLATED = "17.07.SETDA"
STRAIGHT_LINING = "17.04.DUKCAPIL"
UNDERSAMPLED = "17.09.DUKCAPIL"
IKM_A = "17.71.DPMPTSP"
IKM_C = ("17.DISHUB", "17.06.RSUD")


@dataclass(frozen=True)
class Agency:
    """One agency; ``tipe`` is its kind in the generator's vocabulary (e.g. ``DUKCAPIL``)."""

    id: int
    kode: str
    nama: str
    wilayah: str
    jenis: str
    tipe: str
    bobot: float
    induk: str | None = None


# (code suffix, name, jenis, tipe, relative staff size)
_PROVINSI: tuple[tuple[str, str, str, str, float], ...] = (
    ("SETDA", "Sekretariat Daerah", "sekretariat", "SETDA", 2.0),
    ("SETWAN", "Sekretariat DPRD", "sekretariat", "SETWAN", 1.0),
    ("INSPEKTORAT", "Inspektorat", "inspektorat", "INSPEKTORAT", 1.0),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan", "BAPPEDA", 0.8),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan", "BPKAD", 1.0),
    ("BAPENDA", "Badan Pendapatan Daerah", "badan", "BAPENDA", 1.3),
    ("BKD", "Badan Kepegawaian Daerah", "badan", "BKD", 0.8),
    ("BPSDM", "Badan Pengembangan Sumber Daya Manusia", "badan", "BPSDM", 0.6),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", "BPBD", 0.7),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan", "KESBANGPOL", 0.5),
    ("DIKBUD", "Dinas Pendidikan dan Kebudayaan", "dinas", "DIKBUD", 18.0),
    ("DINKES", "Dinas Kesehatan", "dinas", "DINKES", 1.6),
    ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", "PUPR", 1.4),
    ("PERKIM", "Dinas Perumahan dan Kawasan Permukiman", "dinas", "PERKIM", 0.6),
    ("DINSOS", "Dinas Sosial", "dinas", "DINSOS", 0.8),
    ("NAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi", "dinas", "NAKERTRANS", 0.7),
    ("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", "DUKCAPIL", 0.5),
    ("DISHUB", "Dinas Perhubungan", "dinas", "DISHUB", 1.1),
    ("KOMINFO", "Dinas Komunikasi dan Informatika", "dinas", "KOMINFO", 0.6),
    ("DLHK", "Dinas Lingkungan Hidup dan Kehutanan", "dinas", "DLHK", 1.6),
    ("KETAPANG", "Dinas Ketahanan Pangan", "dinas", "KETAPANG", 0.5),
    ("KOPUKM", "Dinas Koperasi dan Usaha Kecil dan Menengah", "dinas", "KOPUKM", 0.5),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", "DPMPTSP", 0.6),
    ("DISPAR", "Dinas Pariwisata", "dinas", "DISPAR", 0.5),
    ("DKP", "Dinas Kelautan dan Perikanan", "dinas", "DKP", 0.7),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "lainnya", "SATPOLPP", 1.0),
)

_KABKOTA: tuple[tuple[str, str, str, str, float], ...] = (
    ("SETDA", "Sekretariat Daerah", "sekretariat", "SETDA", 2.2),
    ("INSPEKTORAT", "Inspektorat", "inspektorat", "INSPEKTORAT", 0.8),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", "BKD", 0.7),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan", "BAPPEDA", 0.6),
    ("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", "DUKCAPIL", 1.0),
    ("DIKBUD", "Dinas Pendidikan dan Kebudayaan", "dinas", "DIKBUD", 22.0),
    ("DINKES", "Dinas Kesehatan", "dinas", "DINKES", 7.0),
    ("DISHUB", "Dinas Perhubungan", "dinas", "DISHUB", 0.8),
    ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", "PUPR", 1.1),
    ("DINSOS", "Dinas Sosial", "dinas", "DINSOS", 0.6),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", "DPMPTSP", 0.5),
)

_RSUD: dict[str, str] = {
    "17.01": "RSUD Hasanuddin Damrah Manna",
    "17.02": "RSUD Rejang Lebong",
    "17.03": "RSUD Arga Makmur",
    "17.04": "RSUD Kaur",
    "17.05": "RSUD Tais",
    "17.06": "RSUD Mukomuko",
    "17.07": "RSUD Lebong",
    "17.08": "RSUD Kepahiang",
    "17.71": "RSUD Harapan dan Doa Kota Bengkulu",
}

_KECAMATAN: dict[str, tuple[str, ...]] = {
    "17.01": ("Kota Manna", "Pasar Manna", "Seginim"),
    "17.02": ("Curup", "Curup Tengah", "Padang Ulak Tanding"),
    "17.03": ("Arga Makmur", "Ketahun", "Putri Hijau"),
    "17.04": ("Kaur Selatan", "Nasal", "Maje"),
    "17.05": ("Seluma", "Sukaraja", "Talo"),
    "17.06": ("Kota Mukomuko", "Lubuk Pinang"),
    "17.07": ("Lebong Utara", "Lebong Selatan"),
    "17.08": ("Kepahiang", "Kabawetan"),
    "17.09": ("Karang Tinggi", "Talang Empat", "Pondok Kelapa"),
    "17.71": ("Ratu Samban", "Gading Cempaka", "Muara Bangkahulu"),
}

#: Relative size of each region's civil service (the province is set apart).
REGION_WEIGHT: dict[str, float] = {
    "17.01": 1.0,
    "17.02": 1.35,
    "17.03": 1.4,
    "17.04": 0.75,
    "17.05": 1.0,
    "17.06": 0.95,
    "17.07": 0.7,
    "17.08": 0.85,
    "17.09": 0.85,
    "17.71": 1.5,
}


def _slug(name: str) -> str:
    return name.upper().replace(" ", "")


def build_agencies() -> list[Agency]:
    """Every agency, ids from 1 in a fixed order: the province's, then each kabupaten/kota's."""
    rows: list[tuple[str, str, str, str, str, float, str | None]] = []
    prov = reference.PROVINSI_KODE
    for suffix, nama, jenis, tipe, bobot in _PROVINSI:
        rows.append((f"{prov}.{suffix}", f"{nama} {region_label(prov)}", prov, jenis, tipe, bobot, None))
    rows.append((f"{prov}.RSUD-MYUNUS", "RSUD Dr. M. Yunus Bengkulu", prov, "rsud", "RSUD", 7.0, None))
    for wil in reference.KABKOTA_KODE:
        label = region_label(wil)
        for suffix, nama, jenis, tipe, bobot in _KABKOTA:
            rows.append((f"{wil}.{suffix}", f"{nama} {label}", wil, jenis, tipe, bobot, None))
        if wil in _RSUD:
            rows.append((f"{wil}.RSUD", _RSUD[wil], wil, "rsud", "RSUD", 4.0, None))
        for kec in _KECAMATAN[wil]:
            rows.append(
                (f"{wil}.KEC-{_slug(kec)}", f"Kecamatan {kec}", wil, "kecamatan", "KECAMATAN", 0.5, f"{wil}.SETDA")
            )
    return [
        Agency(i, kode, nama, wil, jenis, tipe, bobot, induk)
        for i, (kode, nama, wil, jenis, tipe, bobot, induk) in enumerate(rows, start=1)
    ]


def pattern_codes() -> tuple[str, ...]:
    """Agencies that carry a pattern and so need enough staff for it to show."""
    return (*IMPROVING, *DECLINING, INFLATED)
