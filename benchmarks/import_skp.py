"""Import 1,000,000 SKP rows through the real pipeline, side by side with pandas read_csv + DataFrame.to_sql.

Usage: python -m benchmarks.import_skp [--rows 1000000] [--workdir DIR]
Each contender runs in its own process so that peak memory (max RSS) is its own. A third line, the SQLite
floor, copies the imported rows back into the emptied, indexed ``skp`` table with one INSERT … SELECT inside
SQLite (no Python, no validation): no importer that writes through SQLite can beat it on this machine.
The pipeline and the floor both commit first and checkpoint the WAL afterwards (db/checkpoint.py); both
times are printed, to the commit (the rows are imported and every reader sees them) and to the checkpoint.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

PERIODS = ["tahunan", "tw1", "tw2", "tw3", "tw4"]
RATINGS = ["Di Atas Ekspektasi", "sesuai ekspektasi", "DIBAWAH EKSPEKTASI", "atas", "sesuai"]


def make_nips(count: int, seed: int = 1) -> list[str]:
    """``count`` distinct valid PNS NIPs (DOMAIN.md §11)."""
    from asn_metrics.nip import make_nip

    rng = np.random.default_rng(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        born = dt.date(1966, 1, 1) + dt.timedelta(days=int(rng.integers(0, 12_000)))
        nip = make_nip(
            born, born.year + 24, int(rng.integers(1, 13)), "LP"[int(rng.integers(0, 2))], int(rng.integers(1, 999))
        )
        if nip not in seen:
            seen.add(nip)
            out.append(nip)
    return out


def write_files(workdir: Path, rows: int) -> tuple[Path, Path, Path]:
    people = rows // (4 * len(PERIODS))
    nips = make_nips(people)
    agencies = workdir / "instansi.csv"
    agencies.write_text("kode;nama;wilayah_kode\n17.BKD;Badan Kepegawaian Daerah;17\n", encoding="utf-8")
    staff = workdir / "pegawai.csv"
    with staff.open("w", encoding="utf-8") as handle:
        handle.write("nip;nama;instansi_kode\n")
        handle.writelines(f"{nip};Pegawai {i};17.BKD\n" for i, nip in enumerate(nips))
    skp = workdir / "skp.csv"
    rng = np.random.default_rng(2)
    with skp.open("w", encoding="utf-8") as handle:
        handle.write("nip;tahun;periode;rating_hasil_kerja;rating_perilaku_kerja\n")
        for year in range(2022, 2026):
            for period in PERIODS:
                a = rng.integers(0, len(RATINGS), len(nips))
                b = rng.integers(0, len(RATINGS), len(nips))
                handle.writelines(
                    f"{nip};{year};{period};{RATINGS[x]};{RATINGS[y]}\n" for nip, x, y in zip(nips, a, b, strict=True)
                )
    return agencies, staff, skp


def run_pipeline(workdir: Path) -> dict[str, float]:
    from asn_metrics import importer
    from asn_metrics.db.checkpoint import wait_for_checkpoints
    from asn_metrics.db.engine import make_engine
    from asn_metrics.db.migrate import upgrade

    for leftover in workdir.glob("pipeline.db*"):
        leftover.unlink()
    engine = make_engine(f"sqlite:///{workdir / 'pipeline.db'}")
    upgrade(engine)
    for kind in ("instansi", "pegawai"):
        outcome = importer.import_stream(engine, workdir / f"{kind}.csv", kind, pengguna="bench", sumber="cli")
        assert outcome.status == "diimpor", outcome.errors.head()
    wait_for_checkpoints()  # as between two CLI commands, each its own process
    started = time.perf_counter()
    outcome = importer.import_stream(engine, workdir / "skp.csv", "skp", pengguna="bench", sumber="cli")
    seconds = time.perf_counter() - started
    # The import is done (committed, seen by every reader) here; its WAL checkpoint runs in the background.
    wait_for_checkpoints()
    checkpointed = time.perf_counter() - started
    assert outcome.status == "diimpor", outcome.errors.head()
    assert outcome.written is not None
    return {"rows": outcome.written.baru, "seconds": seconds, "checkpointed_seconds": checkpointed}


def run_pandas(workdir: Path) -> dict[str, float]:
    import pandas as pd
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{workdir / 'pandas.db'}")
    started = time.perf_counter()
    frame = pd.read_csv(workdir / "skp.csv", sep=";", dtype=str)
    frame.to_sql("skp_raw", engine, if_exists="replace", index=False, chunksize=100_000)
    seconds = time.perf_counter() - started
    return {"rows": len(frame), "seconds": seconds}


def run_floor(workdir: Path) -> dict[str, float]:
    """One INSERT … SELECT of the pipeline's rows into the emptied ``skp`` table, same pragmas as the app."""
    import sqlite3

    from asn_metrics.db.engine import SQLITE_BUSY_TIMEOUT_MS

    con = sqlite3.connect(workdir / "pipeline.db", isolation_level=None, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    for pragma in ("foreign_keys = ON", "synchronous = NORMAL", "cache_size = -65536", "temp_store = MEMORY"):
        con.execute(f"PRAGMA {pragma}")
    columns = ", ".join(SKP_COLUMNS)
    con.execute(f"CREATE TEMP TABLE src AS SELECT {columns} FROM skp")
    con.execute("DELETE FROM skp")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the copy's setup out of the WAL, as for the pipeline
    con.execute("PRAGMA wal_autocheckpoint = 0")  # like the pipeline: commit first, checkpoint after
    started = time.perf_counter()
    con.execute("BEGIN")
    rows = con.execute(f"INSERT INTO skp ({columns}) SELECT {columns} FROM src").rowcount
    con.execute("COMMIT")
    seconds = time.perf_counter() - started
    con.execute("PRAGMA wal_checkpoint(PASSIVE)")
    checkpointed = time.perf_counter() - started
    con.close()
    return {"rows": rows, "seconds": seconds, "checkpointed_seconds": checkpointed}


SKP_COLUMNS = (
    "pegawai_id",
    "tahun",
    "periode",
    "bulan_akhir",
    "rating_hasil_kerja",
    "rating_perilaku_kerja",
    "predikat",
    "nilai",
    "regime",
    "penilai_nip",
    "batch_id",
)


def _child(which: str, workdir: Path) -> None:
    runs = {"pipeline": run_pipeline, "pandas": run_pandas, "floor": run_floor}
    result = runs[which](workdir)
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The pipeline reads and validates in a child process: its peak counts too (the two run at once).
    result["child_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--child", choices=["pipeline", "pandas", "floor"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.workdir)
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_import_"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    _, _, skp = write_files(workdir, args.rows)
    print(f"files: {skp} ({skp.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
    results = {}
    for which in ("pandas", "pipeline", "floor"):
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.import_skp", "--child", which, "--workdir", str(workdir)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        results[which] = json.loads(done.stdout.strip().splitlines()[-1])
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    for which, label in (
        ("pandas", "pandas read_csv + to_sql (no validation)"),
        ("pipeline", "asn_metrics import skp"),
        ("floor", "SQLite floor: INSERT ... SELECT, no Python"),
    ):
        r = results[which]
        print(
            f"{label:45} {r['rows']:>9,} rows {r['seconds']:6.2f} s {r['rows'] / r['seconds']:>10,.0f} rows/s "
            f"max RSS {r['max_rss_mb']:6.0f} MB"
            + (f" + child {r['child_rss_mb']:.0f} MB" if r.get("child_rss_mb") else "")
        )
    for which in ("pipeline", "floor"):
        r = results[which]
        print(
            f"{'  ' + which + ' with its WAL checkpoint done':45} {r['rows']:>9,} rows "
            f"{r['checkpointed_seconds']:6.2f} s {r['rows'] / r['checkpointed_seconds']:>10,.0f} rows/s"
        )
    pipeline, floor = results["pipeline"], results["floor"]
    print(f"ratio pipeline / pandas time: {pipeline['seconds'] / results['pandas']['seconds']:.2f}")
    print(f"ratio pipeline / SQLite floor time: {pipeline['seconds'] / floor['seconds']:.2f}")
    print(
        "ratio pipeline / SQLite floor, checkpoints included: "
        f"{pipeline['checkpointed_seconds'] / floor['checkpointed_seconds']:.2f}"
    )


if __name__ == "__main__":
    main()
