"""The store: every SQL statement of the app lives in this package; readers return DataFrames."""

from asn_metrics.store.meta import (
    data_version,
    load_batches,
    load_data_as_of,
    load_data_years,
    load_demo_info,
    load_setting,
)
from asn_metrics.store.people import (
    has_legacy_scores,
    load_instansi,
    load_pegawai_count,
    load_predikat_counts,
    load_skp_coverage,
    load_skp_years,
    load_wilayah,
)
from asn_metrics.store.person import (
    load_officer_layanan,
    load_person,
    load_person_disiplin,
    load_person_pelatihan,
    load_person_skp,
    search_pegawai,
)
from asn_metrics.store.quality import load_service_completeness, load_skp_consistency, load_upload_freshness
from asn_metrics.store.records import (
    load_disiplin,
    load_indikator,
    load_jp_per_pegawai,
    load_last_evaluations,
    load_layanan,
    load_pegawai,
    load_pelatihan,
    load_pengaduan,
    load_skm,
    load_skp,
    load_standing,
)
from asn_metrics.store.services import load_service_timeliness_counts, load_standar_layanan
from asn_metrics.store.trends import load_predikat_trend, load_service_monthly

__all__ = [
    "data_version",
    "has_legacy_scores",
    "load_batches",
    "load_data_as_of",
    "load_data_years",
    "load_demo_info",
    "load_disiplin",
    "load_indikator",
    "load_instansi",
    "load_jp_per_pegawai",
    "load_last_evaluations",
    "load_layanan",
    "load_officer_layanan",
    "load_pegawai",
    "load_pegawai_count",
    "load_pelatihan",
    "load_pengaduan",
    "load_person",
    "load_person_disiplin",
    "load_person_pelatihan",
    "load_person_skp",
    "load_predikat_counts",
    "load_predikat_trend",
    "load_service_completeness",
    "load_service_monthly",
    "load_service_timeliness_counts",
    "load_setting",
    "load_skm",
    "load_skp",
    "load_skp_consistency",
    "load_skp_coverage",
    "load_skp_years",
    "load_standar_layanan",
    "load_standing",
    "load_upload_freshness",
    "load_wilayah",
    "search_pegawai",
]
