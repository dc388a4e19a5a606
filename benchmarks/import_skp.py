"""Import 1,000,000 SKP rows through the real pipeline, side by side with pandas read_csv + DataFrame.to_sql.

Usage: python -m benchmarks.import_skp [--rows 1000000] [--workdir DIR]
Each contender runs in its own process so that peak memory (max RSS) is its own.
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
    from asn_metrics.db.engine import make_engine
    from asn_metrics.db.migrate import upgrade

    for leftover in workdir.glob("pipeline.db*"):
        leftover.unlink()
    engine = make_engine(f"sqlite:///{workdir / 'pipeline.db'}")
    upgrade(engine)
    for kind in ("instansi", "pegawai"):
        outcome = importer.import_stream(engine, workdir / f"{kind}.csv", kind, pengguna="bench", sumber="cli")
        assert outcome.status == "diimpor", outcome.errors.head()
    started = time.perf_counter()
    outcome = importer.import_stream(engine, workdir / "skp.csv", "skp", pengguna="bench", sumber="cli")
    seconds = time.perf_counter() - started
    assert outcome.status == "diimpor", outcome.errors.head()
    assert outcome.written is not None
    return {"rows": outcome.written.baru, "seconds": seconds}


def run_pandas(workdir: Path) -> dict[str, float]:
    import pandas as pd
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{workdir / 'pandas.db'}")
    started = time.perf_counter()
    frame = pd.read_csv(workdir / "skp.csv", sep=";", dtype=str)
    frame.to_sql("skp_raw", engine, if_exists="replace", index=False, chunksize=100_000)
    seconds = time.perf_counter() - started
    return {"rows": len(frame), "seconds": seconds}


def _child(which: str, workdir: Path) -> None:
    result = run_pipeline(workdir) if which == "pipeline" else run_pandas(workdir)
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--child", choices=["pipeline", "pandas"], help=argparse.SUPPRESS)
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
    for which in ("pandas", "pipeline"):
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
    ):
        r = results[which]
        print(
            f"{label:45} {r['rows']:>9,} rows {r['seconds']:6.2f} s {r['rows'] / r['seconds']:>10,.0f} rows/s "
            f"max RSS {r['max_rss_mb']:6.0f} MB"
        )
    ratio = results["pipeline"]["seconds"] / results["pandas"]["seconds"]
    print(f"ratio pipeline / pandas time: {ratio:.2f}")


if __name__ == "__main__":
    main()
