"""Declarations of the kinds about agencies and people: instansi, pegawai, skp, pelatihan, disiplin."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Final, Literal

from asn_metrics import reference as ref
from asn_metrics.ingest.columns import Column, Kind

TAHUN_AWAL: Final = 2015
#: Upper bound of ``tahun``: next year (evaluators plan ahead), fixed when the module loads.
TAHUN_AKHIR: Final = dt.date.today().year + 1

#: Bounds of every date and date-time column (events: services, complaints, surveys, training,
#: sanctions; not the birth dates in NIPs, checked in ``nips.py``). No record of a civil servant or an
#: agency in the province predates 1950 (Provinsi Bengkulu itself dates from 1968), so an earlier year is
#: a typo (1926 for 2026) or a placeholder such as 01/01/1900; the upper bound ends the year ``tahun``
#: may reach, next year (training planned ahead), so 2062 typed for 2026 is refused too. Like
#: ``TAHUN_AKHIR`` it is fixed when the module loads.
TANGGAL_AWAL: Final = dt.date(1950, 1, 1)
TANGGAL_AKHIR: Final = dt.date(TAHUN_AKHIR, 12, 31)

NIP_CONTOH: Final = "198609262015051001"
INSTANSI_CONTOH: Final = "17.DUKCAPIL"


def instansi_kode(required: bool = True) -> Column:
    return Column(
        "instansi_kode",
        "text",
        "kode instansi (perangkat daerah) yang sudah terdaftar",
        INSTANSI_CONTOH,
        required=required,
        aliases=("kode_instansi",),
    )


def nip(name: str = "nip", description: str = "NIP pegawai, 18 angka", required: bool = True) -> Column:
    aliases = ("nip_baru", "nomor_induk_pegawai") if name == "nip" else ()
    return Column(name, "nip", description, NIP_CONTOH, required=required, aliases=aliases)


def tanggal(
    name: str, type_: Literal["date", "datetime"], description: str, example: str, *, required: bool = False
) -> Column:
    """A date or date-time column, bounded by ``TANGGAL_AWAL`` … ``TANGGAL_AKHIR``."""
    return Column(name, type_, description, example, required=required, earliest=TANGGAL_AWAL, latest=TANGGAL_AKHIR)


def tahun() -> Column:
    return Column("tahun", "integer", "tahun penilaian", "2025", required=True, minimum=TAHUN_AWAL, maximum=TAHUN_AKHIR)


JENIS_KELAMIN = Column(
    "jenis_kelamin",
    "enum",
    "L (laki-laki) atau P (perempuan)",
    "L",
    values=("L", "P"),
    synonyms={"laki-laki": "L", "laki laki": "L", "pria": "L", "perempuan": "P", "wanita": "P"},
)
PENDIDIKAN = Column(
    "pendidikan",
    "enum",
    "pendidikan terakhir (SLTA/SMK dibaca SMA)",
    "S1",
    values=ref.PENDIDIKAN,
    synonyms={
        "SLTA": "SMA",
        "SMK": "SMA",
        "SMU": "SMA",
        "MA": "SMA",
        "SLTP": "SMP",
        "MTs": "SMP",
        "MI": "SD",
        "DI": "D1",
        "DII": "D2",
        "DIII": "D3",
        "DIV": "D4",
        "Sarjana": "S1",
        "Magister": "S2",
        "Doktor": "S3",
    },
)
INSTANSI = Kind(
    "instansi",
    "Instansi (perangkat daerah)",
    (
        Column(
            "kode", "text", "kode instansi", INSTANSI_CONTOH, required=True, aliases=("kode_instansi", "id_instansi")
        ),
        Column(
            "nama",
            "text",
            "nama instansi",
            "Dinas Kependudukan dan Pencatatan Sipil",
            required=True,
            aliases=("nama_instansi", "instansi"),
        ),
        Column(
            "wilayah_kode",
            "enum",
            "kode wilayah: 17 (provinsi) atau kabupaten/kota 17.01–17.09, 17.71",
            "17",
            required=True,
            values=tuple(ref.WILAYAH),
        ),
        Column("jenis", "enum", "jenis instansi", "dinas", values=ref.JENIS_INSTANSI),
        Column("induk_kode", "text", "kode instansi induk, untuk unit di dalam instansi", ""),
    ),
    key=("kode",),
)

PEGAWAI = Kind(
    "pegawai",
    "Pegawai (ASN)",
    (
        nip(),
        Column(
            "nama",
            "text",
            "nama lengkap pegawai",
            "Budi Santoso",
            required=True,
            aliases=("nama_lengkap", "nama_pegawai"),
        ),
        instansi_kode(),
        Column("status", "enum", "status kepegawaian", "PNS", values=ref.STATUS_PEGAWAI, default="PNS"),
        dataclasses.replace(JENIS_KELAMIN, description="L atau P; bila kosong diambil dari NIP (angka ke-15)"),
        Column("golongan", "text", "golongan: PNS I/a–IV/e, PPPK I–XVII", "III/b"),
        Column("jabatan", "text", "nama jabatan", "Analis Kependudukan"),
        Column(
            "jenis_jabatan",
            "enum",
            "jenis jabatan",
            "fungsional",
            values=ref.JENIS_JABATAN,
            synonyms={label: kode for kode, label in ref.JENIS_JABATAN_LABEL.items()} | {"JPT": "jpt"},
        ),
        PENDIDIKAN,
        Column(
            "aktif",
            "enum",
            "masih aktif bekerja",
            "ya",
            values=("ya", "tidak"),
            default="ya",
            synonyms={
                "y": "ya",
                "yes": "ya",
                "aktif": "ya",
                "true": "ya",
                "1": "ya",
                "t": "tidak",
                "n": "tidak",
                "no": "tidak",
                "tidak aktif": "tidak",
                "false": "tidak",
                "0": "tidak",
            },
        ),
        Column("bup", "integer", "batas usia pensiun bila berbeda dari aturan jabatannya", "", minimum=50, maximum=70),
    ),
    key=("nip",),
    derived=("tanggal_lahir",),
    computed=(("jenis_kelamin", ("nip",)),),
)

SKP = Kind(
    "skp",
    "Penilaian kinerja individu (SKP)",
    (
        nip(),
        tahun(),
        Column(
            "periode",
            "periode",
            "tahunan; tw1–tw4 (triwulan 1, TW I); 1–12 atau nama bulan",
            "tahunan",
            required=True,
            values=ref.PERIODES,
        ),
        Column(
            "rating_hasil_kerja",
            "rating",
            "rating hasil kerja (wajib mulai 2022)",
            ref.RATING_SESUAI,
            values=ref.RATINGS,
        ),
        Column(
            "rating_perilaku_kerja",
            "rating",
            "rating perilaku kerja (wajib mulai 2022)",
            ref.RATING_ATAS,
            values=ref.RATINGS,
        ),
        Column(
            "predikat",
            "enum",
            "predikat kinerja; bila diisi harus sesuai matriks PermenPANRB 6/2022",
            ref.BAIK,
            values=ref.PREDIKAT_ORDER,
            synonyms={"Kurang": ref.KURANG, "Misconduct": ref.KURANG},
        ),
        Column("nilai", "number", "nilai SKP angka (sebelum 2022), 0–120", "", minimum=0, maximum=120),
        nip("penilai_nip", "NIP pejabat penilai", required=False),
    ),
    key=("nip", "tahun", "periode"),
    computed=(("predikat", ("rating_hasil_kerja", "rating_perilaku_kerja")),),
    derived=("bulan_akhir", "regime"),
)

PELATIHAN = Kind(
    "pelatihan",
    "Pengembangan kompetensi (jam pelajaran, JP)",
    (
        nip(),
        Column("nama_pelatihan", "text", "nama pelatihan", "Pelatihan Pelayanan Prima", required=True),
        tanggal("tanggal_mulai", "date", "tanggal mulai", "03/11/2026", required=True),
        tanggal("tanggal_selesai", "date", "tanggal selesai; tidak boleh sebelum tanggal mulai", "05/11/2026"),
        Column("jp", "number", "jam pelajaran, lebih dari 0", "24", required=True, minimum=0, exclusive_minimum=True),
        Column("jenis", "enum", "jenis pelatihan", "teknis", values=ref.JENIS_PELATIHAN),
    ),
    key=("nip", "nama_pelatihan", "tanggal_mulai"),
)

DISIPLIN = Kind(
    "disiplin",
    "Hukuman disiplin",
    (
        nip(),
        tanggal("tanggal", "date", "tanggal keputusan", "14/08/2026", required=True),
        Column("tingkat", "enum", "tingkat hukuman", "ringan", required=True, values=ref.TINGKAT_DISIPLIN),
        Column("keterangan", "text", "keterangan", ""),
    ),
    key=("nip", "tanggal"),
)
