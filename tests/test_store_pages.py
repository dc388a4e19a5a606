"""The page loaders of the store (trends, quality, person) on small hand-built databases, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, insert, update

from asn_metrics import store
from asn_metrics.db import schema
from asn_metrics.filters import Filters
from asn_metrics.store import summaries
from asn_metrics.store.write import new_batch
from tests.test_store import _skp, small  # noqa: F401  (the fixture and its row helper)

START = dt.datetime(2025, 3, 3, 8, 0)


def _services(engine: Engine) -> None:
    """Kaur's Disdukcapil: two on time in March 2025, one late in April 2025, one open since January 2025;
    the province: one in March 2024. Batch 1 (January 2026) holds Kaur's rows, batch 2 (June 2026) the province's."""
    with engine.begin() as conn:
        one = new_batch(
            conn,
            jenis="layanan",
            nama_file="kaur.csv",
            sha256="1" * 64,
            pengguna="uji",
            sumber="cli",
            dibuat_pada=dt.datetime(2026, 1, 5, 9),
        )
        two = new_batch(
            conn,
            jenis="layanan",
            nama_file="prov.csv",
            sha256="2" * 64,
            pengguna="uji",
            sumber="cli",
            dibuat_pada=dt.datetime(2026, 6, 1, 9),
        )
        rows = [
            ("A1", 2, START, 0.5, one),
            ("A2", 2, START + dt.timedelta(days=1), 1.0, one),
            ("A3", 2, START + dt.timedelta(days=40), 3.0, one),
            ("A4", 2, dt.datetime(2025, 1, 10, 9), None, one),
            ("B1", 1, dt.datetime(2024, 3, 4, 9), 0.5, two),
        ]
        conn.execute(
            insert(schema.layanan),
            [
                {
                    "instansi_id": agency,
                    "nomor": nomor,
                    "jenis_layanan": "ktp_el",
                    "tanggal_masuk": masuk,
                    "tanggal_selesai": None if hours is None else masuk + dt.timedelta(hours=hours),
                    "durasi_jam": hours,
                    "status": "proses" if hours is None else "selesai",
                    "petugas_nip": "199003032015031003" if agency == 2 else None,
                    "batch_id": batch,
                }
                for nomor, agency, masuk, hours, batch in rows
            ],
        )
        summaries.refresh_all(conn)


def test_predikat_trend_counts_each_year_like_the_yearly_counts(small: Engine) -> None:  # noqa: F811
    # DOMAIN.md §1 per year: annual rating, else the last period of that year.
    trend = store.load_predikat_trend(small, Filters(), years=[2024, 2025], by=("instansi_kode",))
    got = {(int(r.tahun), r.instansi_kode, r.predikat): int(r.jumlah) for r in trend.itertuples()}
    assert got == {
        (2024, "17.04.DISHUB", "Sangat Kurang"): 1,
        (2025, "17.04.DISHUB", "Baik"): 1,
        (2025, "17.04.DUKCAPIL", "Sangat Baik"): 1,
        (2025, "17.DUKCAPIL", "Baik"): 1,
        (2025, "17.DUKCAPIL", "Butuh Perbaikan"): 1,
    }
    for year in (2024, 2025):
        yearly = store.load_predikat_counts(small, Filters(tahun=year))
        assert trend[trend["tahun"] == year]["jumlah"].sum() == yearly["jumlah"].sum()
    kaur = store.load_predikat_trend(small, Filters(wilayah="17.04"), years=[2025])
    assert kaur["jumlah"].sum() == 2


def test_service_monthly_groups_by_year_and_month(small: Engine) -> None:  # noqa: F811
    _services(small)
    monthly = store.load_service_monthly(small, Filters())
    got = {(r.tahun, r.bulan_ke): (r.jumlah, r.tepat_waktu) for r in monthly.itertuples()}
    assert got == {(2024, 3): (1, 1), (2025, 1): (1, 0), (2025, 3): (2, 2), (2025, 4): (1, 0)}
    assert store.load_service_monthly(small, Filters(wilayah="17.04"))["jumlah"].sum() == 4


def test_upload_freshness_per_agency_and_kind(small: Engine) -> None:  # noqa: F811
    _services(small)
    fresh = store.load_upload_freshness(small, Filters()).set_index(["instansi_kode", "jenis"])
    kaur = fresh.loc[("17.04.DUKCAPIL", "layanan")]
    assert kaur["impor_terakhir"] == dt.datetime(2026, 1, 5, 9)
    assert kaur["peristiwa_terakhir"].date() == dt.date(2025, 4, 12)
    assert fresh.loc[("17.DUKCAPIL", "layanan"), "impor_terakhir"] == dt.datetime(2026, 6, 1, 9)
    assert ("17.04.DISHUB", "layanan") not in fresh.index  # no rows of that kind: not judged
    with small.begin() as conn:  # an undone batch no longer counts
        conn.execute(
            update(schema.import_batch)
            .where(schema.import_batch.c.nama_file == "prov.csv")
            .values(dibatalkan_pada=dt.datetime(2026, 6, 2))
        )
        summaries.refresh_all(conn)  # as undo_batch does in its transaction
    again = store.load_upload_freshness(small, Filters()).set_index(["instansi_kode", "jenis"])
    assert ("17.DUKCAPIL", "layanan") not in again.index


def test_service_completeness_and_skp_consistency(small: Engine) -> None:  # noqa: F811
    _services(small)
    done = store.load_service_completeness(small, Filters(tahun=2025), as_of=dt.datetime(2025, 3, 1))
    row = done.set_index("instansi_kode").loc["17.04.DUKCAPIL"]
    assert row[["jumlah", "selesai", "terbuka_lebih_30_hari"]].tolist() == [4, 3, 1]
    with small.begin() as conn:  # a predikat that contradicts its ratings (Di Atas + Di Atas is Sangat Baik)
        conn.execute(
            insert(schema.skp).values(
                **_skp(2, 2024, "tahunan", "Baik"),
                rating_hasil_kerja="Di Atas Ekspektasi",
                rating_perilaku_kerja="Di Atas Ekspektasi",
            )
        )
        summaries.refresh_all(conn)
    checks = store.load_skp_consistency(small, Filters(tahun=2024)).set_index("instansi_kode")
    assert checks.loc["17.DUKCAPIL", ["skp_total", "predikat_bertentangan"]].tolist() == [1, 1]
    assert checks.loc["17.04.DISHUB", "predikat_bertentangan"] == 0


def test_person_search_history_and_officer_services(small: Engine) -> None:  # noqa: F811
    _services(small)
    assert list(store.search_pegawai(small, "pegawai 3", Filters())["nip"]) == ["199003032015031003"]
    assert list(store.search_pegawai(small, "1990 0303", Filters())["nip"]) == ["199003032015031003"]
    assert store.search_pegawai(small, "pegawai", Filters(wilayah="17.04"))["nip"].str[:4].tolist() == [
        "1990",
        "1975",
        "1970",
    ]
    assert store.search_pegawai(small, "  ", Filters()).empty
    person = store.load_person(small, "199003032015031003", Filters())
    assert person.iloc[0]["instansi_kode"] == "17.04.DUKCAPIL"
    assert list(store.load_person_skp(small, "199003032015031003", Filters())["periode"]) == ["b11", "b12"]
    served = store.load_officer_layanan(small, "199003032015031003", 2025, Filters())
    assert sorted(served["nomor"]) == ["A1", "A2", "A3", "A4"]
    assert store.load_officer_layanan(small, "199003032015031003", 2024, Filters()).empty
