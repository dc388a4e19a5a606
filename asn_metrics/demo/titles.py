"""Position vocabulary: functional posts per agency kind, structural titles, academic titles."""

from __future__ import annotations

# Functional posts per agency kind: (name, tier, weight); tier A = ahli, T = terampil, AT = either.
FUNGSIONAL: dict[str, tuple[tuple[str, str, float], ...]] = {
    "DIKBUD": (
        ("Guru", "A", 20.0),
        ("Pengawas Sekolah", "A", 0.6),
        ("Pamong Belajar", "A", 0.3),
        ("Pranata Laboratorium Pendidikan", "T", 0.4),
        ("Pustakawan", "AT", 0.4),
    ),
    "DINKES": (
        ("Perawat", "AT", 5.0),
        ("Bidan", "T", 4.0),
        ("Dokter", "A", 1.2),
        ("Epidemiolog Kesehatan", "A", 0.5),
        ("Sanitarian", "T", 0.8),
        ("Nutrisionis", "T", 0.8),
        ("Administrator Kesehatan", "A", 0.6),
    ),
    "RSUD": (
        ("Perawat", "AT", 8.0),
        ("Bidan", "T", 1.5),
        ("Dokter", "A", 2.0),
        ("Apoteker", "A", 0.6),
        ("Asisten Penata Kefarmasian", "T", 0.5),
        ("Pranata Laboratorium Kesehatan", "T", 0.8),
        ("Radiografer", "T", 0.5),
        ("Perekam Medis", "T", 0.6),
        ("Nutrisionis", "T", 0.4),
    ),
    "DUKCAPIL": (
        ("Administrator Database Kependudukan", "A", 2.0),
        ("Pranata Komputer", "AT", 1.5),
        ("Analis Kebijakan", "A", 0.5),
    ),
    "DISHUB": (("Penguji Kendaraan Bermotor", "AT", 2.0), ("Pranata Komputer", "AT", 0.5), ("Perencana", "A", 0.3)),
    "INSPEKTORAT": (("Auditor", "A", 2.0), ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "A", 1.5)),
    "BKD": (("Analis Kepegawaian", "A", 2.0), ("Pranata Sumber Daya Manusia Aparatur", "T", 1.0)),
    "BPSDM": (("Widyaiswara", "A", 2.0), ("Analis Kepegawaian", "A", 0.5)),
    "BAPPEDA": (("Perencana", "A", 2.0), ("Statistisi", "AT", 0.5)),
    "BPKAD": (("Analis Keuangan Pusat dan Daerah", "A", 2.0), ("Pengelola Pengadaan Barang/Jasa", "A", 0.7)),
    "BAPENDA": (("Analis Keuangan Pusat dan Daerah", "A", 1.5), ("Pranata Komputer", "AT", 0.5)),
    "DLHK": (
        ("Polisi Kehutanan", "AT", 2.0),
        ("Penyuluh Kehutanan", "A", 1.0),
        ("Pengendali Dampak Lingkungan", "A", 1.0),
    ),
    "DKP": (("Penyuluh Perikanan", "A", 1.5), ("Pengawas Perikanan", "AT", 1.0)),
    "KETAPANG": (("Analis Ketahanan Pangan", "A", 1.0), ("Penyuluh Pertanian", "AT", 1.5)),
    "DINSOS": (("Pekerja Sosial", "AT", 2.0), ("Penyuluh Sosial", "A", 1.0)),
    "SATPOLPP": (("Polisi Pamong Praja", "AT", 3.0),),
    "PUPR": (("Teknik Jalan dan Jembatan", "A", 1.5), ("Teknik Pengairan", "A", 1.0), ("Penata Ruang", "A", 0.5)),
    "KOMINFO": (("Pranata Komputer", "AT", 2.0), ("Pranata Hubungan Masyarakat", "AT", 1.0), ("Sandiman", "AT", 0.5)),
    "DEFAULT": (
        ("Analis Kebijakan", "A", 1.0),
        ("Arsiparis", "AT", 1.0),
        ("Pranata Komputer", "AT", 1.0),
        ("Perencana", "A", 0.7),
        ("Pengelola Pengadaan Barang/Jasa", "A", 0.5),
        ("Pranata Hubungan Masyarakat", "AT", 0.5),
        ("Analis Kepegawaian", "A", 0.5),
    ),
}

HEAD_TITLE: dict[str, str] = {
    "SETDA": "Sekretaris Daerah",
    "SETWAN": "Sekretaris DPRD",
    "INSPEKTORAT": "Inspektur",
    "RSUD": "Direktur",
    "SATPOLPP": "Kepala Satuan Polisi Pamong Praja",
    "KECAMATAN": "Camat",
}

BIDANG: dict[str, tuple[str, ...]] = {
    "DUKCAPIL": (
        "Pelayanan Pendaftaran Penduduk",
        "Pelayanan Pencatatan Sipil",
        "Pengelolaan Informasi Administrasi Kependudukan",
    ),
    "DISHUB": ("Lalu Lintas dan Angkutan", "Sarana dan Prasarana", "Perhubungan Laut"),
    "DINKES": ("Pelayanan Kesehatan", "Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit"),
    "RSUD": ("Pelayanan Medis", "Keperawatan", "Penunjang Medis"),
    "DIKBUD": ("Pembinaan Sekolah Menengah", "Guru dan Tenaga Kependidikan", "Kebudayaan"),
    "PUPR": ("Bina Marga", "Sumber Daya Air", "Penataan Ruang"),
    "SETDA": ("Organisasi", "Hukum", "Pemerintahan", "Perekonomian", "Umum"),
    "DEFAULT": ("Program dan Pelaporan", "Pelayanan", "Pengembangan", "Pembinaan dan Pengawasan"),
}

PELAKSANA: tuple[tuple[str, float], ...] = (
    ("Pengadministrasi Umum", 3.0),
    ("Pengadministrasi Perkantoran", 2.0),
    ("Pengolah Data dan Informasi", 2.0),
    ("Operator Layanan Operasional", 1.5),
    ("Penata Layanan Operasional", 1.5),
    ("Pengelola Keuangan", 1.0),
    ("Pengelola Barang Milik Negara", 0.6),
    ("Pengemudi", 0.4),
)

LEVEL_AHLI = ("Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama")
LEVEL_TERAMPIL = ("Terampil", "Mahir", "Penyelia")

GOLONGAN_PNS = ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c")
GOLONGAN_PPPK = {"SMA": "V", "D3": "VII", "D4": "IX", "S1": "IX", "S2": "X", "S3": "XI"}

GELAR_S1: dict[str, str] = {"Guru": "S.Pd.", "Perawat": "S.Kep., Ners", "Dokter": "dr.", "Apoteker": "S.Farm., Apt."}
GELAR_S1_UMUM = ("S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.T.", "S.IP.", "S.Pd.", "S.AP.")
GELAR_S2 = ("M.Si.", "M.M.", "M.Pd.", "M.AP.", "M.H.", "M.T.", "M.Kes.")
GELAR_D3: dict[str, str] = {"Perawat": "A.Md.Kep.", "Bidan": "A.Md.Keb."}
