"""The audit log (issue 15 item 6): imports, undos and account changes each append one row in their own
transaction; the table refuses UPDATE and DELETE on SQLite and PostgreSQL; `audit --json` prints it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import Engine, delete, update
from sqlalchemy.exc import DBAPIError

from asn_metrics.db import schema
from asn_metrics.store import accounts
from asn_metrics.store.audit import load_audit
from asn_metrics.store.upsert import undo_batch
from tests import nasty_files as nf
from tests.test_import import NOW, SKP_2025, load, staffed, write  # noqa: F401  (the fixture)


def test_each_action_appends_one_row_with_who_when_and_what(staffed: Engine) -> None:  # noqa: F811
    # The fixture imported agencies and employees: two rows already.
    assert load_audit(staffed)["aksi"].tolist() == ["impor", "impor"]
    done = write(staffed, SKP_2025, "skp.csv")
    refused = load(staffed, nf.delimited([nf.SKP_HEADER, [nf.NIP_L, "abc", "tahunan", "atas", "atas"]]), "x.csv")
    assert refused.status == "ditolak"  # a dry run or a refusal writes no audit row
    undo_batch(staffed, done.batch_id, now=NOW + dt.timedelta(hours=1), pengguna="sari")
    later = NOW + dt.timedelta(hours=2)
    accounts.add_account(
        staffed, "sari.dewi", "evaluator", "kata-sandi-rahasia", ["17.DUKCAPIL"], now=later, actor="admin"
    )
    accounts.set_password(staffed, "sari.dewi", "kata-sandi-lain-lagi", now=later, actor="admin")
    accounts.disable_account(staffed, "sari.dewi", now=later, actor="admin")
    log = load_audit(staffed)
    assert log["aksi"].tolist()[:5] == ["akun_nonaktif", "akun_sandi", "akun_tambah", "batal_impor", "impor"]
    imported = log.iloc[4]
    assert (imported["pengguna"], imported["waktu"]) == ("uji", NOW)
    assert imported["rincian"] == {
        "batch_id": done.batch_id,
        "jenis": "skp",
        "berkas": "skp.csv",
        "sha256": done.sha256,
        "sumber": "cli",
        "baru": 3,
        "diubah": 0,
        "tetap": 0,
    }
    assert log.iloc[3]["pengguna"] == "sari" and log.iloc[3]["rincian"]["batch_id"] == done.batch_id
    assert log.iloc[2]["rincian"] == {"akun": "sari.dewi", "peran": "evaluator", "instansi": ["17.DUKCAPIL"]}
    assert "kata-sandi" not in json.dumps(log["rincian"].tolist())  # never a password


def test_the_log_cannot_be_changed_or_emptied(staffed: Engine) -> None:  # noqa: F811
    for statement in (update(schema.audit).values(pengguna="orang lain"), delete(schema.audit)):
        with pytest.raises(DBAPIError, match="hanya dapat ditambah"), staffed.begin() as conn:
            conn.execute(statement)
    assert len(load_audit(staffed)) == 2
