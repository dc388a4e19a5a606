"""The demo's upload log for validity (DOMAIN.md §9): its own batches per agency, a few NIP warnings, and refused
uploads from about one agency in four (``unggah_mutu``)."""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import pandas as pd

from asn_metrics.demo.common import TODAY

#: Kinds whose rows reach their agency through the employee.
_VIA_PERSON = ("skp", "pelatihan", "disiplin")
#: Kinds an agency's own staff upload, where a refused file is plausible.
_REFUSED_KINDS = ("pegawai", "skp", "layanan", "skm", "pengaduan")


def upload_quality(rng: np.random.Generator, tables: dict[str, pd.DataFrame], batches: pd.DataFrame) -> pd.DataFrame:
    """``unggah_mutu`` rows: per demo batch and agency its row count; NIP warnings on the employee uploads of
    about one agency in ten; and refused uploads (2-30% of their rows with an error) from about one in four."""
    codes = tables["instansi"].set_index("id")["kode"]
    person_agency = tables["pegawai"].set_index("id")["instansi_id"]
    when = batches.set_index("id")["dibuat_pada"]
    parts: list[pd.DataFrame] = []
    per_kind: dict[str, pd.Series] = {}
    for kind in batches["jenis"].unique():
        if kind == "instansi":
            continue
        df = tables[kind]
        agency = df["pegawai_id"].map(person_agency) if kind in _VIA_PERSON else df["instansi_id"]
        if kind == "pegawai":
            agency = df["instansi_id"]
        pairs = pd.DataFrame({"batch_id": df["batch_id"], "agency": agency})
        counts: pd.DataFrame = pairs.groupby(["batch_id", "agency"]).size().reset_index(name="baris")
        counts["jenis"] = kind
        per_kind[kind] = counts.groupby("agency")["baris"].sum()
        parts.append(counts)
    own = pd.concat(parts, ignore_index=True).sort_values(["batch_id", "agency"], kind="stable")
    own["baris_ditolak"] = 0
    warned = rng.random(len(codes)) < 0.1
    share = rng.uniform(0.01, 0.04, len(codes))
    agency_index = own["agency"].to_numpy() - 1
    on_people = (own["jenis"] == "pegawai").to_numpy() & warned[agency_index]
    own["nip_salah"] = np.where(on_people, np.ceil(own["baris"] * share[agency_index]), 0).astype(int)
    own["dibuat_pada"] = own["batch_id"].map(when).to_numpy()
    own["sha256"] = own["batch_id"].map(batches.set_index("id")["sha256"]).to_numpy()

    refusing = np.flatnonzero(rng.random(len(codes)) < 0.25) + 1
    refused = []
    for agency_id in refusing:
        kinds = [k for k in _REFUSED_KINDS if agency_id in per_kind.get(k, pd.Series(dtype=int)).index]
        if not kinds:
            continue
        kind = kinds[int(rng.integers(len(kinds)))]
        rows = max(20, int(per_kind[kind][agency_id] * rng.uniform(0.05, 0.5)))
        day = TODAY - dt.timedelta(days=int(rng.integers(5, 300)))
        refused.append(
            {
                "batch_id": None,
                "agency": agency_id,
                "jenis": kind,
                "baris": rows,
                "baris_ditolak": max(1, int(rows * rng.uniform(0.02, 0.3))),
                "nip_salah": 0,
                "dibuat_pada": dt.datetime.combine(day, dt.time(10, int(rng.integers(60)))),
                "sha256": hashlib.sha256(f"demo-ditolak|{agency_id}|{kind}".encode()).hexdigest(),
            }
        )
    out = pd.concat([own, pd.DataFrame(refused)], ignore_index=True)
    out["instansi_kode"] = out["agency"].map(codes).to_numpy()
    out["batch_id"] = out["batch_id"].astype("Int64")
    out.insert(0, "id", np.arange(1, len(out) + 1))
    columns = ["id", "batch_id", "jenis", "sha256", "dibuat_pada", "instansi_kode", "baris", "baris_ditolak"]
    return out[[*columns, "nip_salah"]]
