"""Import 1,000,000 SKP rows through the real pipeline, side by side with pandas read_csv + DataFrame.to_sql.

Usage: python -m benchmarks.import_skp [--rows 1000000] [--workdir DIR] [--repeat 3]
Each contender runs in its own process so that peak memory (max RSS) is its own, ``--repeat`` times, the
contenders taking turns; the median time is printed with the fastest and slowest (this shared machine varies by
±15 % from one run to the next). The SQLite floor copies the imported rows back into the emptied, indexed ``skp``
table with one INSERT … SELECT inside SQLite (no Python, no validation): no importer that writes through SQLite
can beat it on this machine. With ``ASN_BENCH_PG_URL`` (a PostgreSQL server) the pipeline also imports the
same file into a fresh database there (``asn_bench_import``, dropped and created each run).
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


def run_pipeline(workdir: Path, url: str | None = None) -> dict[str, float]:
    """The agencies and employees imported first, then the timed SKP import (``python -m asn_metrics import``'s
    own call), into a new SQLite file in ``workdir`` or the database ``url``."""
    from asn_metrics import importer
    from asn_metrics.db.engine import make_engine
    from asn_metrics.db.migrate import upgrade

    if url is None:
        for leftover in workdir.glob("pipeline.db*"):
            leftover.unlink()
        url = f"sqlite:///{workdir / 'pipeline.db'}"
    engine = make_engine(url)
    upgrade(engine)
    for kind in ("instansi", "pegawai"):
        outcome = importer.run(engine, workdir / f"{kind}.csv", kind, pengguna="bench", sumber="cli")
        assert outcome.status == "diimpor", outcome.errors.head()
    cpu_before = _cpu()
    started = time.perf_counter()
    outcome = importer.run(engine, workdir / "skp.csv", "skp", pengguna="bench", sumber="cli")
    seconds = time.perf_counter() - started
    cpu_after = _cpu()
    assert outcome.status == "diimpor", outcome.errors.head()
    engine.dispose()
    return {"rows": outcome.baru, "seconds": seconds, "cpu_seconds": cpu_after[0] - cpu_before[0]}


def run_pipeline_postgresql(workdir: Path) -> dict[str, float]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server_url = os.environ["ASN_BENCH_PG_URL"]
    server = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text('DROP DATABASE IF EXISTS "asn_bench_import"'))
        conn.execute(text('CREATE DATABASE "asn_bench_import"'))
    server.dispose()
    url = make_url(server_url).set(database="asn_bench_import").render_as_string(hide_password=False)
    return run_pipeline(workdir, url)


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process so far, and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


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
    pragmas = ("foreign_keys = ON", "synchronous = NORMAL", "cache_size = -65536", "temp_store = MEMORY")
    for pragma in pragmas:
        con.execute(f"PRAGMA {pragma}")
    columns = ", ".join(SKP_COLUMNS)
    con.execute(f"CREATE TEMP TABLE src AS SELECT {columns} FROM skp")
    con.execute("DELETE FROM skp")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the copy's setup out of the WAL, as for the pipeline
    started = time.perf_counter()
    con.execute("BEGIN")
    rows = con.execute(f"INSERT INTO skp ({columns}) SELECT {columns} FROM src").rowcount
    con.execute("COMMIT")
    seconds = time.perf_counter() - started
    con.close()
    return {"rows": rows, "seconds": seconds}


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


CONTENDERS = {
    "pandas": "pandas read_csv + to_sql (no validation)",
    "pipeline": "asn_metrics import skp (SQLite)",
    "floor": "SQLite floor: INSERT ... SELECT",
    "pipeline_postgresql": "asn_metrics import skp (PostgreSQL)",
}


def _child(which: str, workdir: Path) -> None:
    runs = {
        "pandas": run_pandas,
        "pipeline": run_pipeline,
        "floor": run_floor,
        "pipeline_postgresql": run_pipeline_postgresql,
    }
    result = runs[which](workdir)
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _median(runs: list[dict[str, float]], key: str) -> float:
    return float(np.median([r[key] for r in runs]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=list(CONTENDERS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.workdir)
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_import_"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    _, _, skp = write_files(workdir, args.rows)
    print(f"files: {skp} ({skp.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
    contenders = [c for c in CONTENDERS if c != "pipeline_postgresql" or os.environ.get("ASN_BENCH_PG_URL")]
    results: dict[str, list[dict[str, float]]] = {which: [] for which in contenders}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for _ in range(args.repeat):
        for which in contenders:  # the floor copies the rows the pipeline just imported
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.import_skp", "--child", which, "--workdir", str(workdir)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            results[which].append(json.loads(done.stdout.strip().splitlines()[-1]))
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}, {args.repeat} runs each")
    print(f"{'':45} {'rows':>9} {'median':>8} {'fastest':>8} {'slowest':>8} {'rows/s (median)':>16}  max RSS")
    for which in contenders:
        runs = results[which]
        seconds = [r["seconds"] for r in runs]
        rows = runs[0]["rows"]
        print(
            f"{CONTENDERS[which]:45} {rows:>9,.0f} {np.median(seconds):7.2f}s {min(seconds):7.2f}s "
            f"{max(seconds):7.2f}s {rows / np.median(seconds):>16,.0f}  {max(r['max_rss_mb'] for r in runs):.0f} MB"
        )
    cpu = [r["cpu_seconds"] for r in results["pipeline"]]
    print("pipeline CPU (SQLite): " + ", ".join(f"{c:.2f} s" for c in cpu))
    pandas = _median(results["pandas"], "seconds")
    pipeline = _median(results["pipeline"], "seconds")
    print(f"ratio pandas / pipeline time (medians; above 1: the pipeline is faster): {pandas / pipeline:.2f}")
    each = [q["seconds"] / p["seconds"] for p, q in zip(results["pipeline"], results["pandas"], strict=True)]
    print("ratio pandas / pipeline, run by run: " + ", ".join(f"{r:.2f}" for r in each))
    print(f"ratio pipeline / floor time (medians): {pipeline / _median(results['floor'], 'seconds'):.2f}")


if __name__ == "__main__":
    main()
