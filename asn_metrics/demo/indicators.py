"""Agency performance indicators (LKjIP target and realisation, DOMAIN.md §5), 2022-2025."""

from __future__ import annotations

import numpy as np
import pandas as pd

from asn_metrics.demo.agencies import DECLINING, IMPROVING, Agency
from asn_metrics.demo.common import SKP_YEARS

# (indikator, satuan, arah, target 2022, yearly change of the target, cap)
_Ind = tuple[str, str, str, float, float, float]
_CATALOGUE: dict[str, tuple[_Ind, ...]] = {
    "DUKCAPIL": (
        ("Persentase penduduk ber-KTP-el", "%", "naik", 96.0, 0.8, 100),
        ("Persentase anak memiliki akta kelahiran", "%", "naik", 92.0, 1.5, 100),
        ("Persentase anak memiliki KIA", "%", "naik", 40.0, 8.0, 100),
        ("Persentase dokumen kependudukan terbit dalam 1 jam", "%", "naik", 80.0, 4.0, 100),
        ("Indeks Kepuasan Masyarakat layanan adminduk", "indeks", "naik", 80.0, 1.0, 100),
    ),
    "DISHUB": (
        ("Jumlah kecelakaan lalu lintas", "kejadian", "turun", 320.0, -15.0, 1e9),
        ("Persentase kendaraan angkutan umum lulus uji KIR", "%", "naik", 80.0, 2.0, 100),
        ("Persentase pengaduan ditanggapi dalam 5 hari kerja", "%", "naik", 85.0, 2.5, 100),
        ("Rata-rata waktu tanggapan pengaduan (hari)", "hari", "turun", 5.0, -0.5, 1e9),
    ),
    "DPMPTSP": (
        ("Rata-rata waktu penerbitan izin (hari)", "hari", "turun", 7.0, -1.0, 1e9),
        ("Nilai realisasi investasi", "miliar rupiah", "naik", 900.0, 120.0, 1e9),
        ("Persentase perizinan terbit melalui OSS", "%", "naik", 80.0, 5.0, 100),
        ("Indeks Kepuasan Masyarakat layanan perizinan", "indeks", "naik", 82.0, 1.0, 100),
    ),
    "DINKES": (
        ("Angka kematian ibu", "per 100.000 KH", "turun", 160.0, -10.0, 1e9),
        ("Prevalensi stunting pada balita", "%", "turun", 20.0, -2.0, 1e9),
        ("Cakupan imunisasi dasar lengkap", "%", "naik", 90.0, 1.5, 100),
        ("Persentase penduduk terdaftar JKN", "%", "naik", 92.0, 2.0, 100),
    ),
    "RSUD": (
        ("Bed Occupancy Rate (BOR)", "%", "naik", 70.0, 2.0, 85),
        ("Waktu tunggu rawat jalan", "menit", "turun", 60.0, -5.0, 1e9),
        ("Indeks Kepuasan Masyarakat", "indeks", "naik", 80.0, 1.0, 100),
        ("Angka kematian pasien > 48 jam (NDR)", "per mil", "turun", 25.0, -1.0, 1e9),
    ),
    "DIKBUD": (
        ("Angka partisipasi kasar pendidikan menengah", "%", "naik", 85.0, 1.5, 100),
        ("Persentase guru bersertifikat pendidik", "%", "naik", 70.0, 4.0, 100),
        ("Angka putus sekolah", "%", "turun", 0.8, -0.1, 1e9),
        ("Rata-rata nilai asesmen nasional (literasi)", "skor", "naik", 55.0, 2.0, 100),
    ),
    "PUPR": (
        ("Persentase jalan dalam kondisi mantap", "%", "naik", 65.0, 3.0, 100),
        ("Persentase rumah tangga dengan akses air minum layak", "%", "naik", 80.0, 2.0, 100),
        ("Persentase jaringan irigasi dalam kondisi baik", "%", "naik", 60.0, 3.0, 100),
    ),
    "INSPEKTORAT": (
        ("Persentase tindak lanjut rekomendasi hasil pemeriksaan", "%", "naik", 80.0, 3.0, 100),
        ("Level kapabilitas APIP", "level", "naik", 2.0, 0.25, 5),
        ("Level maturitas SPIP", "level", "naik", 2.5, 0.25, 5),
    ),
    "BKD": (
        ("Persentase ASN memenuhi 20 JP pengembangan kompetensi", "%", "naik", 60.0, 5.0, 100),
        ("Indeks Profesionalitas ASN", "indeks", "naik", 65.0, 3.0, 100),
        ("Persentase SKP dinilai tepat waktu", "%", "naik", 85.0, 3.0, 100),
    ),
    "KECAMATAN": (
        ("Persentase layanan administrasi kecamatan selesai tepat waktu", "%", "naik", 85.0, 2.0, 100),
        ("Indeks Kepuasan Masyarakat kecamatan", "indeks", "naik", 78.0, 1.0, 100),
        ("Persentase desa/kelurahan dengan data profil mutakhir", "%", "naik", 70.0, 5.0, 100),
    ),
    "DEFAULT": (
        ("Nilai evaluasi SAKIP perangkat daerah", "nilai", "naik", 62.0, 2.5, 100),
        ("Persentase realisasi anggaran", "%", "naik", 92.0, 1.0, 100),
        ("Persentase capaian program strategis", "%", "naik", 85.0, 2.0, 100),
        ("Indeks Kepuasan Masyarakat", "indeks", "naik", 78.0, 1.0, 100),
        ("Persentase dokumen perencanaan dan pelaporan tepat waktu", "%", "naik", 90.0, 2.0, 100),
    ),
}
_SASARAN = {
    "DUKCAPIL": "Meningkatnya kualitas layanan administrasi kependudukan",
    "DISHUB": "Meningkatnya keselamatan dan kualitas layanan transportasi",
    "DPMPTSP": "Meningkatnya kemudahan berusaha dan investasi daerah",
    "DINKES": "Meningkatnya derajat kesehatan masyarakat",
    "RSUD": "Meningkatnya mutu pelayanan rumah sakit",
    "DIKBUD": "Meningkatnya akses dan mutu pendidikan",
    "PUPR": "Meningkatnya kualitas infrastruktur daerah",
    "INSPEKTORAT": "Meningkatnya kualitas pengawasan internal",
    "BKD": "Meningkatnya profesionalitas ASN",
    "KECAMATAN": "Meningkatnya kualitas pelayanan publik di kecamatan",
    "DEFAULT": "Meningkatnya akuntabilitas kinerja perangkat daerah",
}


def build_indikator(rng: np.random.Generator, agencies: list[Agency]) -> pd.DataFrame:
    """3-5 indicators per agency and year; about a third of the agencies also report each quarter."""
    rows: list[dict[str, object]] = []
    for a in agencies:
        catalogue = _CATALOGUE.get(a.tipe, _CATALOGUE["DEFAULT"])
        extra = [c for c in _CATALOGUE["DEFAULT"] if c[0] not in {x[0] for x in catalogue}]
        pool = list(catalogue) + extra
        k = int(rng.integers(3, 6))
        chosen = [pool[i] for i in range(min(len(catalogue), k))] + [
            extra[i] for i in range(max(0, k - len(catalogue)))
        ]
        quarterly = rng.random() < 0.35
        trend = 0.04 if a.kode in IMPROVING else -0.05 if a.kode in DECLINING else 0.0
        skill = rng.normal(0.0, 0.04)
        for nama, satuan, arah, start, step, cap in chosen:
            for y, year in enumerate(SKP_YEARS):
                target = min(cap, max(0.1, start + step * y))
                quality = 1.0 + skill + trend * (y - 1.5) + rng.normal(0.0, 0.04)
                ratio = quality if arah == "naik" else 2.0 - quality
                realisasi = min(cap if satuan in ("%", "indeks", "level") else 1e12, target * ratio)
                blank = rng.random() < 0.03
                digits = 0 if satuan in ("kejadian",) else 2
                base = {
                    "instansi_id": a.id,
                    "tahun": year,
                    "indikator": nama,
                    "satuan": satuan,
                    "arah": arah,
                    "sasaran": _SASARAN.get(a.tipe, _SASARAN["DEFAULT"]),
                    "metode_turun": None,
                }
                rows.append(
                    {
                        **base,
                        "periode": "tahunan",
                        "target": round(target, 2),
                        "realisasi": None if blank else round(realisasi, digits),
                    }
                )
                if quarterly:
                    count = satuan in ("kejadian", "miliar rupiah")
                    for q in range(1, 5):
                        qt = target * q / 4 if count else target
                        qr = realisasi * q / 4 * rng.normal(1.0, 0.03) if count else realisasi * rng.normal(1.0, 0.02)
                        late = year == SKP_YEARS[-1] and q == 4 and rng.random() < 0.2
                        rows.append(
                            {
                                **base,
                                "periode": f"tw{q}",
                                "target": round(qt, 2),
                                "realisasi": None if late else round(min(qr, cap), digits),
                            }
                        )
    df = pd.DataFrame(rows)
    df.insert(0, "id", np.arange(1, len(df) + 1))
    return df
