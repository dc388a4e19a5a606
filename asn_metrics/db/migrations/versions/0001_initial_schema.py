"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 20:22:24.943714
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "akun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nama", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("peran", sa.String(length=10), nullable=False),
        sa.Column("aktif", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.CheckConstraint("peran IN ('admin', 'pimpinan', 'evaluator', 'tamu')", name=op.f("ck_akun_peran")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_akun")),
        sa.UniqueConstraint("nama", name=op.f("uq_akun_nama")),
    )
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=20), nullable=False),
        sa.Column("nama_file", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pengguna", sa.String(length=64), nullable=False),
        sa.Column("sumber", sa.String(length=10), server_default="unggah", nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("dibatalkan_pada", sa.DateTime(), nullable=True),
        sa.Column("baris_baru", sa.Integer(), server_default="0", nullable=False),
        sa.Column("baris_diubah", sa.Integer(), server_default="0", nullable=False),
        sa.Column("baris_tetap", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("sumber IN ('unggah', 'cli', 'demo')", name=op.f("ck_import_batch_sumber")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index("ix_import_batch_jenis_sha256", ["jenis", "sha256"], unique=False)

    op.create_table(
        "jenis_layanan",
        sa.Column("kode", sa.String(length=40), nullable=False),
        sa.Column("nama", sa.String(length=120), nullable=False),
        sa.Column("standar_jam", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("kode", name=op.f("pk_jenis_layanan")),
    )
    op.create_table(
        "pengaturan",
        sa.Column("kunci", sa.String(length=60), nullable=False),
        sa.Column("nilai", sa.Text(), nullable=False),
        sa.Column("diubah_pada", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kunci", name=op.f("pk_pengaturan")),
    )
    op.create_table(
        "wilayah",
        sa.Column("kode", sa.String(length=8), nullable=False),
        sa.Column("nama", sa.String(length=100), nullable=False),
        sa.Column("ibu_kota", sa.String(length=100), nullable=True),
        sa.Column("tingkat", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("kode", name=op.f("pk_wilayah")),
    )
    op.create_table(
        "instansi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kode", sa.String(length=40), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("wilayah_kode", sa.String(length=8), nullable=False),
        sa.Column("jenis", sa.String(length=20), nullable=True),
        sa.Column("induk_kode", sa.String(length=40), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_instansi_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["induk_kode"], ["instansi.kode"], name=op.f("fk_instansi_induk_kode_instansi")),
        sa.ForeignKeyConstraint(["wilayah_kode"], ["wilayah.kode"], name=op.f("fk_instansi_wilayah_kode_wilayah")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instansi")),
        sa.UniqueConstraint("kode", name=op.f("uq_instansi_kode")),
    )
    with op.batch_alter_table("instansi", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_instansi_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_instansi_wilayah_kode"), ["wilayah_kode"], unique=False)

    op.create_table(
        "standar_layanan_wilayah",
        sa.Column("jenis_layanan", sa.String(length=40), nullable=False),
        sa.Column("wilayah_kode", sa.String(length=8), nullable=False),
        sa.Column("standar_jam", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["jenis_layanan"],
            ["jenis_layanan.kode"],
            name=op.f("fk_standar_layanan_wilayah_jenis_layanan_jenis_layanan"),
        ),
        sa.ForeignKeyConstraint(
            ["wilayah_kode"], ["wilayah.kode"], name=op.f("fk_standar_layanan_wilayah_wilayah_kode_wilayah")
        ),
        sa.PrimaryKeyConstraint("jenis_layanan", "wilayah_kode", name=op.f("pk_standar_layanan_wilayah")),
    )
    op.create_table(
        "akun_instansi",
        sa.Column("akun_id", sa.Integer(), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["akun_id"], ["akun.id"], name=op.f("fk_akun_instansi_akun_id_akun")),
        sa.ForeignKeyConstraint(["instansi_id"], ["instansi.id"], name=op.f("fk_akun_instansi_instansi_id_instansi")),
        sa.PrimaryKeyConstraint("akun_id", "instansi_id", name=op.f("pk_akun_instansi")),
    )
    op.create_table(
        "indikator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("periode", sa.String(length=8), server_default="tahunan", nullable=False),
        sa.Column("indikator", sa.String(length=300), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("realisasi", sa.Float(), nullable=True),
        sa.Column("satuan", sa.String(length=30), nullable=True),
        sa.Column("arah", sa.String(length=5), server_default="naik", nullable=False),
        sa.Column("sasaran", sa.String(length=300), nullable=True),
        sa.Column("metode_turun", sa.String(length=10), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("arah IN ('naik', 'turun')", name=op.f("ck_indikator_arah")),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_indikator_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["instansi_id"], ["instansi.id"], name=op.f("fk_indikator_instansi_id_instansi")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indikator")),
        sa.UniqueConstraint(
            "instansi_id",
            "tahun",
            "periode",
            "indikator",
            name=op.f("uq_indikator_instansi_id_tahun_periode_indikator"),
        ),
    )
    with op.batch_alter_table("indikator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indikator_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index("ix_indikator_tahun", ["tahun"], unique=False)

    op.create_table(
        "layanan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("nomor", sa.String(length=60), nullable=False),
        sa.Column("jenis_layanan", sa.String(length=40), nullable=False),
        sa.Column("tanggal_masuk", sa.DateTime(), nullable=False),
        sa.Column("tanggal_selesai", sa.DateTime(), nullable=True),
        sa.Column("durasi_jam", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("kanal", sa.String(length=30), nullable=True),
        sa.Column("petugas_nip", sa.String(length=18), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "tanggal_selesai IS NULL OR tanggal_selesai >= tanggal_masuk",
            name=op.f("ck_layanan_urutan_waktu"),
        ),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_layanan_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["instansi_id"], ["instansi.id"], name=op.f("fk_layanan_instansi_id_instansi")),
        sa.ForeignKeyConstraint(
            ["jenis_layanan"], ["jenis_layanan.kode"], name=op.f("fk_layanan_jenis_layanan_jenis_layanan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_layanan")),
        sa.UniqueConstraint("instansi_id", "nomor", name=op.f("uq_layanan_instansi_id_nomor")),
    )
    with op.batch_alter_table("layanan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_layanan_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_layanan_petugas_nip"), ["petugas_nip"], unique=False)
        batch_op.create_index("ix_layanan_tanggal_masuk_instansi", ["tanggal_masuk", "instansi_id"], unique=False)

    op.create_table(
        "pegawai",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=4), server_default="PNS", nullable=False),
        sa.Column("jenis_kelamin", sa.String(length=1), nullable=False),
        sa.Column("tanggal_lahir", sa.Date(), nullable=False),
        sa.Column("golongan", sa.String(length=8), nullable=True),
        sa.Column("jabatan", sa.String(length=200), nullable=True),
        sa.Column("jenis_jabatan", sa.String(length=20), nullable=True),
        sa.Column("pendidikan", sa.String(length=4), nullable=True),
        sa.Column("aktif", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("bup", sa.SmallInteger(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("jenis_kelamin IN ('L', 'P')", name=op.f("ck_pegawai_jenis_kelamin")),
        sa.CheckConstraint("status IN ('PNS', 'PPPK')", name=op.f("ck_pegawai_status")),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_pegawai_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["instansi_id"], ["instansi.id"], name=op.f("fk_pegawai_instansi_id_instansi")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pegawai")),
        sa.UniqueConstraint("nip", name=op.f("uq_pegawai_nip")),
    )
    with op.batch_alter_table("pegawai", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pegawai_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pegawai_instansi_id"), ["instansi_id"], unique=False)

    op.create_table(
        "pengaduan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("nomor", sa.String(length=60), nullable=False),
        sa.Column("tanggal_masuk", sa.DateTime(), nullable=False),
        sa.Column("tanggal_tanggapan", sa.DateTime(), nullable=True),
        sa.Column("tanggal_selesai", sa.DateTime(), nullable=True),
        sa.Column("kanal", sa.String(length=20), nullable=True),
        sa.Column("kategori", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_pengaduan_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["instansi_id"], ["instansi.id"], name=op.f("fk_pengaduan_instansi_id_instansi")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pengaduan")),
        sa.UniqueConstraint("instansi_id", "nomor", name=op.f("uq_pengaduan_instansi_id_nomor")),
    )
    with op.batch_alter_table("pengaduan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pengaduan_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index("ix_pengaduan_tanggal_masuk_instansi", ["tanggal_masuk", "instansi_id"], unique=False)

    op.create_table(
        "skm",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("u1", sa.SmallInteger(), nullable=False),
        sa.Column("u2", sa.SmallInteger(), nullable=False),
        sa.Column("u3", sa.SmallInteger(), nullable=False),
        sa.Column("u4", sa.SmallInteger(), nullable=False),
        sa.Column("u5", sa.SmallInteger(), nullable=False),
        sa.Column("u6", sa.SmallInteger(), nullable=False),
        sa.Column("u7", sa.SmallInteger(), nullable=False),
        sa.Column("u8", sa.SmallInteger(), nullable=False),
        sa.Column("u9", sa.SmallInteger(), nullable=False),
        sa.Column("jenis_layanan", sa.String(length=40), nullable=True),
        sa.Column("responden_id", sa.String(length=60), nullable=True),
        sa.Column("jenis_kelamin", sa.String(length=1), nullable=True),
        sa.Column("umur", sa.SmallInteger(), nullable=True),
        sa.Column("pendidikan", sa.String(length=4), nullable=True),
        sa.Column("pekerjaan", sa.String(length=60), nullable=True),
        sa.Column("saran", sa.Text(), nullable=True),
        sa.Column("sumber_baris", sa.String(length=300), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("u1 BETWEEN 1 AND 4", name=op.f("ck_skm_u1")),
        sa.CheckConstraint("u2 BETWEEN 1 AND 4", name=op.f("ck_skm_u2")),
        sa.CheckConstraint("u3 BETWEEN 1 AND 4", name=op.f("ck_skm_u3")),
        sa.CheckConstraint("u4 BETWEEN 1 AND 4", name=op.f("ck_skm_u4")),
        sa.CheckConstraint("u5 BETWEEN 1 AND 4", name=op.f("ck_skm_u5")),
        sa.CheckConstraint("u6 BETWEEN 1 AND 4", name=op.f("ck_skm_u6")),
        sa.CheckConstraint("u7 BETWEEN 1 AND 4", name=op.f("ck_skm_u7")),
        sa.CheckConstraint("u8 BETWEEN 1 AND 4", name=op.f("ck_skm_u8")),
        sa.CheckConstraint("u9 BETWEEN 1 AND 4", name=op.f("ck_skm_u9")),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_skm_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["instansi_id"], ["instansi.id"], name=op.f("fk_skm_instansi_id_instansi")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skm")),
    )
    with op.batch_alter_table("skm", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skm_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index("ix_skm_tanggal_instansi", ["tanggal", "instansi_id"], unique=False)
        batch_op.create_index(
            "uq_skm_instansi_responden",
            ["instansi_id", "responden_id"],
            unique=True,
            sqlite_where=sa.text("responden_id IS NOT NULL"),
            postgresql_where=sa.text("responden_id IS NOT NULL"),
        )

    op.create_table(
        "disiplin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pegawai_id", sa.Integer(), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("tingkat", sa.String(length=10), nullable=False),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("tingkat IN ('ringan', 'sedang', 'berat')", name=op.f("ck_disiplin_tingkat")),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_disiplin_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["pegawai_id"], ["pegawai.id"], name=op.f("fk_disiplin_pegawai_id_pegawai")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disiplin")),
        sa.UniqueConstraint("pegawai_id", "tanggal", name=op.f("uq_disiplin_pegawai_id_tanggal")),
    )
    with op.batch_alter_table("disiplin", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disiplin_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "pelatihan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pegawai_id", sa.Integer(), nullable=False),
        sa.Column("nama_pelatihan", sa.String(length=300), nullable=False),
        sa.Column("tanggal_mulai", sa.Date(), nullable=False),
        sa.Column("tanggal_selesai", sa.Date(), nullable=True),
        sa.Column("jp", sa.Float(), nullable=False),
        sa.Column("jenis", sa.String(length=20), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("jp > 0", name=op.f("ck_pelatihan_jp")),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_pelatihan_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["pegawai_id"], ["pegawai.id"], name=op.f("fk_pelatihan_pegawai_id_pegawai")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pelatihan")),
        sa.UniqueConstraint(
            "pegawai_id",
            "nama_pelatihan",
            "tanggal_mulai",
            name=op.f("uq_pelatihan_pegawai_id_nama_pelatihan_tanggal_mulai"),
        ),
    )
    with op.batch_alter_table("pelatihan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pelatihan_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index("ix_pelatihan_tanggal_mulai", ["tanggal_mulai"], unique=False)

    op.create_table(
        "skp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pegawai_id", sa.Integer(), nullable=False),
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("periode", sa.String(length=8), nullable=False),
        sa.Column("bulan_akhir", sa.SmallInteger(), nullable=False),
        sa.Column("rating_hasil_kerja", sa.String(length=24), nullable=True),
        sa.Column("rating_perilaku_kerja", sa.String(length=24), nullable=True),
        sa.Column("predikat", sa.String(length=20), nullable=True),
        sa.Column("nilai", sa.Float(), nullable=True),
        sa.Column("regime", sa.String(length=20), nullable=False),
        sa.Column("penilai_nip", sa.String(length=18), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("nilai IS NULL OR (nilai >= 0 AND nilai <= 120)", name=op.f("ck_skp_nilai")),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_skp_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["pegawai_id"], ["pegawai.id"], name=op.f("fk_skp_pegawai_id_pegawai")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skp")),
        sa.UniqueConstraint("pegawai_id", "tahun", "periode", name=op.f("uq_skp_pegawai_id_tahun_periode")),
    )
    with op.batch_alter_table("skp", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skp_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index("ix_skp_tahun_periode", ["tahun", "periode"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("skp", schema=None) as batch_op:
        batch_op.drop_index("ix_skp_tahun_periode")
        batch_op.drop_index(batch_op.f("ix_skp_batch_id"))

    op.drop_table("skp")
    with op.batch_alter_table("pelatihan", schema=None) as batch_op:
        batch_op.drop_index("ix_pelatihan_tanggal_mulai")
        batch_op.drop_index(batch_op.f("ix_pelatihan_batch_id"))

    op.drop_table("pelatihan")
    with op.batch_alter_table("disiplin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disiplin_batch_id"))

    op.drop_table("disiplin")
    with op.batch_alter_table("skm", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_skm_instansi_responden",
            sqlite_where=sa.text("responden_id IS NOT NULL"),
            postgresql_where=sa.text("responden_id IS NOT NULL"),
        )
        batch_op.drop_index("ix_skm_tanggal_instansi")
        batch_op.drop_index(batch_op.f("ix_skm_batch_id"))

    op.drop_table("skm")
    with op.batch_alter_table("pengaduan", schema=None) as batch_op:
        batch_op.drop_index("ix_pengaduan_tanggal_masuk_instansi")
        batch_op.drop_index(batch_op.f("ix_pengaduan_batch_id"))

    op.drop_table("pengaduan")
    with op.batch_alter_table("pegawai", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pegawai_instansi_id"))
        batch_op.drop_index(batch_op.f("ix_pegawai_batch_id"))

    op.drop_table("pegawai")
    with op.batch_alter_table("layanan", schema=None) as batch_op:
        batch_op.drop_index("ix_layanan_tanggal_masuk_instansi")
        batch_op.drop_index(batch_op.f("ix_layanan_petugas_nip"))
        batch_op.drop_index(batch_op.f("ix_layanan_batch_id"))

    op.drop_table("layanan")
    with op.batch_alter_table("indikator", schema=None) as batch_op:
        batch_op.drop_index("ix_indikator_tahun")
        batch_op.drop_index(batch_op.f("ix_indikator_batch_id"))

    op.drop_table("indikator")
    op.drop_table("akun_instansi")
    op.drop_table("standar_layanan_wilayah")
    with op.batch_alter_table("instansi", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_instansi_wilayah_kode"))
        batch_op.drop_index(batch_op.f("ix_instansi_batch_id"))

    op.drop_table("instansi")
    op.drop_table("wilayah")
    op.drop_table("pengaturan")
    op.drop_table("jenis_layanan")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index("ix_import_batch_jenis_sha256")

    op.drop_table("import_batch")
    op.drop_table("akun")
