"""The database schema: one table per upload kind, plus batches, accounts and settings (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
    true,
)

# Stable constraint names, so that Alembic batch migrations on SQLite can address them.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _batch_column() -> Column[int]:
    """The import batch that last wrote a row (freshness, undo). Not indexed: an index on it cost every import
    about 0.45 s of CPU per million rows (docs/performance.md), and only undoing a batch looks rows up by it,
    which then reads the table once (about 0.1 s for a million SKP rows)."""
    return Column("batch_id", Integer, ForeignKey("import_batch.id"), nullable=True)


import_batch = Table(
    "import_batch",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("jenis", String(20), nullable=False),
    Column("nama_file", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("pengguna", String(64), nullable=False),
    Column("sumber", String(10), nullable=False, server_default="unggah"),  # unggah | cli | demo
    Column("dibuat_pada", DateTime, nullable=False),
    Column("dibatalkan_pada", DateTime, nullable=True),
    Column("dibatalkan_oleh", String(64), nullable=True),
    Column("baris_baru", Integer, nullable=False, server_default="0"),
    Column("baris_diubah", Integer, nullable=False, server_default="0"),
    Column("baris_tetap", Integer, nullable=False, server_default="0"),
    CheckConstraint("sumber IN ('unggah', 'cli', 'demo')", name="sumber"),
    Index("ix_import_batch_jenis_sha256", "jenis", "sha256"),
)

batch_change = Table(
    "batch_change",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batch.id"), nullable=False, index=True),
    Column("tabel", String(20), nullable=False),
    Column("baris_id", Integer, nullable=False),
    Column("data_lama", Text, nullable=False),  # JSON of the row before the batch updated it, for undo
)

wilayah = Table(
    "wilayah",
    metadata,
    Column("kode", String(8), primary_key=True),
    Column("nama", String(100), nullable=False),
    Column("ibu_kota", String(100), nullable=True),
    Column("tingkat", String(10), nullable=False),  # provinsi | kabupaten | kota
)

instansi = Table(
    "instansi",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kode", String(40), nullable=False, unique=True),
    Column("nama", String(200), nullable=False),
    Column("wilayah_kode", String(8), ForeignKey("wilayah.kode"), nullable=False, index=True),
    Column("jenis", String(20), nullable=True),
    Column("induk_kode", String(40), ForeignKey("instansi.kode"), nullable=True),
    _batch_column(),
)

pegawai = Table(
    "pegawai",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("nip", String(18), nullable=False, unique=True),
    Column("nama", String(200), nullable=False),
    Column("instansi_id", Integer, ForeignKey("instansi.id"), nullable=False, index=True),
    Column("status", String(4), nullable=False, server_default="PNS"),
    Column("jenis_kelamin", String(1), nullable=False),
    Column("tanggal_lahir", Date, nullable=False),  # from the NIP, for age and retirement
    Column("golongan", String(8), nullable=True),
    Column("jabatan", String(200), nullable=True),
    Column("jenis_jabatan", String(20), nullable=True),
    Column("pendidikan", String(4), nullable=True),
    Column("aktif", Boolean, nullable=False, server_default=true()),
    Column("bup", SmallInteger, nullable=True),
    _batch_column(),
    CheckConstraint("status IN ('PNS', 'PPPK')", name="status"),
    CheckConstraint("jenis_kelamin IN ('L', 'P')", name="jenis_kelamin"),
)

skp = Table(
    "skp",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pegawai_id", Integer, ForeignKey("pegawai.id"), nullable=False),
    Column("tahun", SmallInteger, nullable=False),
    Column("periode", String(8), nullable=False),  # tahunan | tw1..tw4 | b01..b12
    Column("bulan_akhir", SmallInteger, nullable=False),  # month the period ends, to find the last one
    Column("rating_hasil_kerja", String(24), nullable=True),
    Column("rating_perilaku_kerja", String(24), nullable=True),
    Column("predikat", String(20), nullable=True),  # from the matrix, PermenPANRB 6/2022
    Column("nilai", Float, nullable=True),  # legacy numeric score
    Column("regime", String(20), nullable=False),
    Column("penilai_nip", String(18), nullable=True),
    # When the row was first stored (its first import); an update leaves it alone. Adoption: was the periodic
    # rating recorded by its deadline (DOMAIN.md §9, ``quality.adoption``).
    Column("dicatat_pada", DateTime, nullable=True),
    _batch_column(),
    UniqueConstraint("pegawai_id", "tahun", "periode"),
    CheckConstraint("nilai IS NULL OR (nilai >= 0 AND nilai <= 120)", name="nilai"),
    # Covering for adoption (DOMAIN.md §9): a year's periodic ratings are counted from the index alone.
    Index("ix_skp_tahun_periode", "tahun", "periode", "pegawai_id", "bulan_akhir", "dicatat_pada"),
)

#: One row per employee and SKP year, derived from ``skp`` by ``store.skp_summary`` inside every transaction that
#: writes SKP rows (import, undo, demo): the rating that stands for the year (DOMAIN.md §1: the annual one, else
#: the last period) and the year's row counts. Pages count predikat from here, 1 row per person instead of ~10.
skp_tahunan = Table(
    "skp_tahunan",
    metadata,
    Column("pegawai_id", Integer, primary_key=True),
    Column("tahun", SmallInteger, primary_key=True),
    Column("periode", String(8), nullable=True),  # period of the rating that stands for the year; None: unrated
    Column("predikat", String(20), nullable=True),
    Column("sebelumnya_periode", String(8), nullable=True),  # the rated evaluation before it in the same year
    Column("sebelumnya_predikat", String(20), nullable=True),
    Column("baris", Integer, nullable=False),  # SKP rows of the employee in the year, rated or not
    Column("bertentangan", Integer, nullable=False),  # rows whose predikat contradicts the ratings' matrix
    Index("ix_skp_tahunan_tahun", "tahun", "pegawai_id", "predikat", "periode"),
)

#: Services per agency, service type and month of receipt, derived from ``layanan`` by ``store.layanan_summary``
#: in every transaction that writes services or agencies: counts and timeliness of DOMAIN.md §3.
layanan_bulanan = Table(
    "layanan_bulanan",
    metadata,
    Column("tahun", SmallInteger, primary_key=True),
    Column("instansi_id", Integer, primary_key=True),
    Column("jenis_layanan", String(40), primary_key=True),
    Column("bulan_ke", SmallInteger, primary_key=True),
    Column("jumlah", Integer, nullable=False),  # applications received
    Column("selesai", Integer, nullable=False),  # with a duration
    Column("dengan_standar", Integer, nullable=False),  # with a duration and a standard
    Column("tepat_waktu", Integer, nullable=False),  # within the standard
)

#: Finished applications per agency, service type, year and processing time (the distinct ``durasi_jam`` values
#: and how often each occurs), so exact medians and percentiles of DOMAIN.md §3 come from a few thousand rows
#: instead of every application; kept by ``store.layanan_summary`` with ``layanan_bulanan``.
layanan_durasi = Table(
    "layanan_durasi",
    metadata,
    Column("tahun", SmallInteger, primary_key=True),
    Column("instansi_id", Integer, primary_key=True),
    Column("jenis_layanan", String(40), primary_key=True),
    Column("durasi_jam", Float, primary_key=True),
    Column("jumlah", Integer, nullable=False),  # finished applications with exactly this processing time
)

#: Survey responses per agency and year as sums (DOMAIN.md §2): every stored response answers all nine elements
#: 1-4, so NRR = s_uN / responden, the respondent score is 25/9 × S (S = the sum of a response's nine answers)
#: and its t-interval follows from Σ S and Σ S²; ``identik`` counts responses with one answer throughout (§9).
#: Kept by ``store.skm_summary`` in every transaction that writes survey responses.
skm_ringkas = Table(
    "skm_ringkas",
    metadata,
    Column("tahun", SmallInteger, primary_key=True),
    Column("instansi_id", Integer, primary_key=True),
    Column("responden", Integer, nullable=False),
    *(Column(f"s_u{i}", Integer, nullable=False) for i in range(1, 10)),
    Column("s_skor", Integer, nullable=False),  # Σ S
    Column("ss_skor", Integer, nullable=False),  # Σ S²
    Column("identik", Integer, nullable=False),
)

#: Periodic (quarterly and monthly) SKP ratings per year, the employee's current agency and period: how many
#: there are and how many were first stored by the period's deadline (DOMAIN.md §9 adoption,
#: ``asn_metrics.adoption.deadline``). Kept by ``store.quality.refresh_adoption`` in every transaction that
#: writes SKP rows or employees, so Kualitas Data counts a few thousand rows instead of every periodic rating.
skp_adopsi = Table(
    "skp_adopsi",
    metadata,
    Column("tahun", SmallInteger, primary_key=True),
    Column("instansi_id", Integer, primary_key=True),
    Column("periode", String(8), primary_key=True),
    Column("bulan_akhir", SmallInteger, nullable=False),
    Column("baris", Integer, nullable=False),
    Column("tepat_waktu", Integer, nullable=False),
)

#: Employees per year, agency, position type, active flag and the predikat that stands for their year (rated
#: rows of ``skp_tahunan`` counted through each employee's current agency; ``jenis_jabatan`` '' when unknown;
#: ``tahunan`` when the standing rating is the annual one). Kept by ``store.skp_summary.refresh_agencies`` in
#: every transaction that writes SKP rows or employees, so predikat counts and trends read a few thousand rows.
skp_instansi = Table(
    "skp_instansi",
    metadata,
    Column("tahun", SmallInteger, primary_key=True),
    Column("instansi_id", Integer, primary_key=True),
    Column("jenis_jabatan", String(20), primary_key=True),
    Column("aktif", Boolean, primary_key=True),
    Column("predikat", String(20), primary_key=True),
    Column("tahunan", Boolean, primary_key=True),
    Column("jumlah", Integer, nullable=False),
)

#: Per agency and upload kind, the newest active upload holding its rows and their newest event (DOMAIN.md §9
#: freshness), derived by ``store.quality.refresh_freshness`` in every transaction that writes that kind.
#: Per upload and agency: the rows the file held for the agency, how many an error refused, and how many were
#: accepted with a warning on a NIP (DOMAIN.md §9 validity). Written for every import (``batch_id``) and for every
#: refused upload (``batch_id`` None, once per file's SHA-256 and kind); a dry run writes nothing. Rows whose
#: agency the database does not know are not attributed to any agency.
unggah_mutu = Table(
    "unggah_mutu",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batch.id"), nullable=True, index=True),
    Column("jenis", String(20), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("dibuat_pada", DateTime, nullable=False),
    Column("instansi_kode", String(40), nullable=False, index=True),  # no foreign key: an undo may delete it
    Column("baris", Integer, nullable=False),
    Column("baris_ditolak", Integer, nullable=False),
    Column("nip_salah", Integer, nullable=False),
    Index("ix_unggah_mutu_sha256_jenis", "sha256", "jenis"),
)

upload_terakhir = Table(
    "upload_terakhir",
    metadata,
    Column("instansi_id", Integer, primary_key=True),
    Column("jenis", String(20), primary_key=True),
    Column("impor_terakhir", DateTime, nullable=False),
    Column("peristiwa_terakhir", DateTime, nullable=True),
)

jenis_layanan = Table(
    "jenis_layanan",
    metadata,
    Column("kode", String(40), primary_key=True),
    Column("nama", String(120), nullable=False),
    Column("standar_jam", Float, nullable=True),  # default standard (DOMAIN.md §3); a setting
)

standar_layanan_wilayah = Table(
    "standar_layanan_wilayah",
    metadata,
    Column("jenis_layanan", String(40), ForeignKey("jenis_layanan.kode"), primary_key=True),
    Column("wilayah_kode", String(8), ForeignKey("wilayah.kode"), primary_key=True),
    Column("standar_jam", Float, nullable=False),
)

layanan = Table(
    "layanan",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("instansi_id", Integer, ForeignKey("instansi.id"), nullable=False),
    Column("nomor", String(60), nullable=False),
    Column("jenis_layanan", String(40), ForeignKey("jenis_layanan.kode"), nullable=False),
    Column("tanggal_masuk", DateTime, nullable=False),
    Column("tanggal_selesai", DateTime, nullable=True),
    Column("durasi_jam", Float, nullable=True),  # tanggal_selesai - tanggal_masuk, in hours
    Column("status", String(10), nullable=False),
    Column("kanal", String(30), nullable=True),
    Column("petugas_nip", String(18), nullable=True, index=True),
    _batch_column(),
    UniqueConstraint("instansi_id", "nomor"),
    CheckConstraint("tanggal_selesai IS NULL OR tanggal_selesai >= tanggal_masuk", name="urutan_waktu"),
    Index("ix_layanan_tanggal_masuk_instansi", "tanggal_masuk", "instansi_id"),
    # The open applications alone (a few percent of the rows): the backlog and the completeness check.
    Index(
        "ix_layanan_terbuka",
        "tanggal_masuk",
        "instansi_id",
        sqlite_where=text("tanggal_selesai IS NULL"),
        postgresql_where=text("tanggal_selesai IS NULL"),
    ),
)

skm = Table(
    "skm",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("instansi_id", Integer, ForeignKey("instansi.id"), nullable=False),
    Column("tanggal", Date, nullable=False),
    *(Column(f"u{i}", SmallInteger, nullable=False) for i in range(1, 10)),
    Column("jenis_layanan", String(40), nullable=True),
    Column("responden_id", String(60), nullable=True),
    Column("jenis_kelamin", String(1), nullable=True),
    Column("umur", SmallInteger, nullable=True),
    Column("pendidikan", String(4), nullable=True),
    Column("pekerjaan", String(60), nullable=True),
    Column("saran", Text, nullable=True),
    Column("sumber_baris", String(300), nullable=True),  # file sha256 + row, when no responden_id
    _batch_column(),
    *(CheckConstraint(f"u{i} BETWEEN 1 AND 4", name=f"u{i}") for i in range(1, 10)),
    Index("ix_skm_tanggal_instansi", "tanggal", "instansi_id"),
    Index(
        "uq_skm_instansi_responden",
        "instansi_id",
        "responden_id",
        unique=True,
        sqlite_where=text("responden_id IS NOT NULL"),
        postgresql_where=text("responden_id IS NOT NULL"),
    ),
)

pengaduan = Table(
    "pengaduan",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("instansi_id", Integer, ForeignKey("instansi.id"), nullable=False),
    Column("nomor", String(60), nullable=False),
    Column("tanggal_masuk", DateTime, nullable=False),
    Column("tanggal_tanggapan", DateTime, nullable=True),
    Column("tanggal_selesai", DateTime, nullable=True),
    Column("kanal", String(20), nullable=True),
    Column("kategori", String(100), nullable=True),
    Column("status", String(10), nullable=False),
    _batch_column(),
    UniqueConstraint("instansi_id", "nomor"),
    Index("ix_pengaduan_tanggal_masuk_instansi", "tanggal_masuk", "instansi_id"),
)

indikator = Table(
    "indikator",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("instansi_id", Integer, ForeignKey("instansi.id"), nullable=False),
    Column("tahun", SmallInteger, nullable=False),
    Column("periode", String(8), nullable=False, server_default="tahunan"),
    Column("indikator", String(300), nullable=False),
    Column("target", Float, nullable=False),
    Column("realisasi", Float, nullable=True),
    Column("satuan", String(30), nullable=True),
    Column("arah", String(5), nullable=False, server_default="naik"),
    Column("sasaran", String(300), nullable=True),
    Column("metode_turun", String(10), nullable=True),  # NULL = default (2T-R)/T; 'rasio' = T/R
    _batch_column(),
    UniqueConstraint("instansi_id", "tahun", "periode", "indikator"),
    CheckConstraint("arah IN ('naik', 'turun')", name="arah"),
    Index("ix_indikator_tahun", "tahun"),
)

pelatihan = Table(
    "pelatihan",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pegawai_id", Integer, ForeignKey("pegawai.id"), nullable=False),
    Column("nama_pelatihan", String(300), nullable=False),
    Column("tanggal_mulai", Date, nullable=False),
    Column("tanggal_selesai", Date, nullable=True),
    Column("jp", Float, nullable=False),
    Column("jenis", String(20), nullable=True),
    _batch_column(),
    UniqueConstraint("pegawai_id", "nama_pelatihan", "tanggal_mulai"),
    CheckConstraint("jp > 0", name="jp"),
    Index("ix_pelatihan_tanggal_mulai_jp", "tanggal_mulai", "pegawai_id", "jp"),  # a year's JP from the index alone
)

disiplin = Table(
    "disiplin",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pegawai_id", Integer, ForeignKey("pegawai.id"), nullable=False),
    Column("tanggal", Date, nullable=False),
    Column("tingkat", String(10), nullable=False),
    Column("keterangan", Text, nullable=True),
    _batch_column(),
    UniqueConstraint("pegawai_id", "tanggal"),
    CheckConstraint("tingkat IN ('ringan', 'sedang', 'berat')", name="tingkat"),
)

akun = Table(
    "akun",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("nama", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=True),  # Argon2
    Column("peran", String(10), nullable=False),
    Column("aktif", Boolean, nullable=False, server_default=true()),
    Column("dibuat_pada", DateTime, nullable=False),
    # Failed logins in a row, and until when 5 of them lock the account (issue 15 item 3).
    Column("gagal_berturut", Integer, nullable=False, server_default="0"),
    Column("terkunci_sampai", DateTime, nullable=True),
    CheckConstraint("peran IN ('admin', 'pimpinan', 'evaluator', 'tamu')", name="peran"),
)

akun_instansi = Table(
    "akun_instansi",
    metadata,
    Column("akun_id", Integer, ForeignKey("akun.id"), primary_key=True),
    Column("instansi_id", Integer, ForeignKey("instansi.id"), primary_key=True),
)

#: Append-only log of what people did (issue 15 item 6): imports, undos, account changes (logins and exports as
#: they come). Triggers from migration 0011 refuse UPDATE and DELETE on it.
audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("waktu", DateTime, nullable=False, index=True),
    Column("pengguna", String(64), nullable=False),
    Column("aksi", String(30), nullable=False, index=True),
    Column("rincian", Text, nullable=False),  # JSON
    Column("lingkup", String(200), nullable=True),  # the account's agency scope, when limited
)

#: Login sessions (issue 15 item 3): the SHA-256 of the token in the browser's cookie, never the token itself.
sesi = Table(
    "sesi",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("akun_id", Integer, ForeignKey("akun.id"), nullable=False),
    Column("dibuat_pada", DateTime, nullable=False),
    Column("terakhir_aktif", DateTime, nullable=False),
    Column("berakhir_pada", DateTime, nullable=True),  # logout, expiry or a disabled account
)

pengaturan = Table(
    "pengaturan",
    metadata,
    Column("kunci", String(60), primary_key=True),
    Column("nilai", Text, nullable=False),  # JSON
    Column("diubah_pada", DateTime, nullable=False),
)

#: Tables that hold uploaded data, by upload kind.
KIND_TABLES: dict[str, Table] = {
    "instansi": instansi,
    "pegawai": pegawai,
    "skp": skp,
    "layanan": layanan,
    "skm": skm,
    "pengaduan": pengaduan,
    "indikator": indikator,
    "pelatihan": pelatihan,
    "disiplin": disiplin,
}
