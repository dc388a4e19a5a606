"""Declarations of the kinds about services and agency results: layanan, skm, pengaduan, indikator."""

from __future__ import annotations

import dataclasses
from typing import Final

from asn_metrics import reference as ref
from asn_metrics.ingest.columns import Column, Kind
from asn_metrics.ingest.kinds_people import JENIS_KELAMIN, PENDIDIKAN, instansi_kode, nip, tahun, tanggal

_JENIS_LAYANAN = Column(
    "jenis_layanan",
    "enum",
    "kode layanan dari katalog (nama layanan juga diterima)",
    "ktp_el",
    values=tuple(ref.LAYANAN),
    synonyms={nama: kode for kode, (nama, _standar) in ref.LAYANAN.items()}
    | {"KTP-el": "ktp_el", "KTP": "ktp_el", "Kartu Tanda Penduduk": "ktp_el", "KIA": "kia"},
)

_SKM_ALIASES: Final = (
    "persyaratan",
    "prosedur",
    "waktu_pelayanan",
    "biaya",
    "produk_layanan",
    "kompetensi_pelaksana",
    "perilaku_pelaksana",
    "penanganan_pengaduan",
    "sarana_prasarana",
)

LAYANAN = Kind(
    "layanan",
    "Transaksi layanan publik",
    (
        instansi_kode(),
        Column(
            "nomor",
            "text",
            "nomor registrasi / tiket permohonan",
            "REG-2026-000123",
            required=True,
            aliases=("no_registrasi", "no_permohonan"),
        ),
        dataclasses.replace(_JENIS_LAYANAN, required=True),
        tanggal("tanggal_masuk", "datetime", "saat berkas lengkap diterima", "27/11/2026 08:30", required=True),
        tanggal("tanggal_selesai", "datetime", "saat layanan selesai; kosong bila masih diproses", "27/11/2026 09:15"),
        Column(
            "status",
            "enum",
            "status; bila kosong: selesai jika tanggal_selesai terisi, selain itu proses",
            "selesai",
            values=ref.STATUS_LAYANAN,
            synonyms={"diproses": "proses"},
        ),
        Column("kanal", "text", "kanal: loket, online, jemput_bola, …", "loket"),
        nip("petugas_nip", "NIP petugas yang melayani", required=False),
    ),
    key=("instansi_kode", "nomor"),
    derived=("durasi_jam",),
    computed=(("durasi_jam", ("tanggal_masuk", "tanggal_selesai")), ("status", ("tanggal_selesai",))),
)

SKM = Kind(
    "skm",
    "Survei Kepuasan Masyarakat (jawaban responden)",
    (
        instansi_kode(),
        tanggal("tanggal", "date", "tanggal pengisian survei", "27/11/2026", required=True),
        *(
            Column(
                u,
                "integer",
                f"unsur {u.upper()} {nama}, nilai 1–4",
                "3",
                required=True,
                minimum=1,
                maximum=4,
                aliases=(alias, nama),
            )
            for (u, nama), alias in zip(ref.UNSUR_SKM.items(), _SKM_ALIASES, strict=True)
        ),
        _JENIS_LAYANAN,
        Column("responden_id", "text", "nomor responden (kunci bila diisi)", "R-0001"),
        JENIS_KELAMIN,
        Column("umur", "integer", "umur responden (tahun)", "35", minimum=10, maximum=100),
        PENDIDIKAN,
        Column("pekerjaan", "text", "pekerjaan responden", "Wiraswasta"),
        Column("saran", "text", "saran responden", ""),
    ),
    key=("instansi_kode", "responden_id"),
    key_note="tanpa responden_id setiap baris dihitung sebagai jawaban tersendiri",
)

PENGADUAN = Kind(
    "pengaduan",
    "Pengaduan masyarakat (SP4N-LAPOR!, loket, media sosial)",
    (
        instansi_kode(),
        Column(
            "nomor",
            "text",
            "nomor tiket / laporan",
            "LAPOR-2026-0456",
            required=True,
            aliases=("no_tiket", "id_laporan"),
        ),
        tanggal("tanggal_masuk", "datetime", "saat pengaduan diterima", "27/11/2026 10:00", required=True),
        tanggal("tanggal_tanggapan", "datetime", "saat tanggapan pertama", "28/11/2026 09:00"),
        tanggal("tanggal_selesai", "datetime", "saat pengaduan selesai", "02/12/2026 15:30"),
        Column(
            "kanal",
            "enum",
            "kanal pengaduan",
            "lapor",
            values=ref.KANAL_PENGADUAN,
            synonyms={"SP4N-LAPOR": "lapor", "WA": "whatsapp", "medsos": "media_sosial", "surel": "email"},
        ),
        Column("kategori", "text", "kategori pengaduan", "Pelayanan"),
        Column(
            "status",
            "enum",
            "status; bila kosong: selesai / diproses / baru menurut tanggal yang terisi",
            "selesai",
            values=ref.STATUS_PENGADUAN,
            synonyms={"proses": "diproses"},
        ),
    ),
    key=("instansi_kode", "nomor"),
    computed=(("status", ("tanggal_tanggapan", "tanggal_selesai")),),
)

INDIKATOR = Kind(
    "indikator",
    "Indikator kinerja instansi (target dan realisasi LKjIP)",
    (
        instansi_kode(),
        tahun(),
        Column(
            "periode",
            "periode",
            "tahunan (bawaan) atau tw1–tw4",
            "tahunan",
            values=(ref.PERIODE_TAHUNAN, *ref.PERIODE_TRIWULAN),
            default=ref.PERIODE_TAHUNAN,
        ),
        Column("indikator", "text", "nama indikator", "Persentase penduduk ber-KTP-el", required=True),
        Column("target", "number", "target", "95", required=True),
        Column("realisasi", "number", "realisasi; kosong bila belum dilaporkan", "92,5"),
        Column("satuan", "text", "satuan: %, hari, dokumen, …", "%"),
        Column(
            "arah",
            "enum",
            "naik: makin tinggi makin baik (bawaan); turun: makin rendah makin baik",
            "naik",
            values=ref.ARAH_INDIKATOR,
            default="naik",
        ),
        Column("sasaran", "text", "sasaran strategis yang didukung", "Meningkatnya kualitas layanan"),
    ),
    key=("instansi_kode", "tahun", "periode", "indikator"),
)
