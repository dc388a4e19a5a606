"""The cap inside validation (issue 17 item 2): each check keeps its first problems as rows and only counts the
rest, so a chunk of junk costs a fixed amount of memory, while the file's first problems by line, the counts
beyond them and the rows refused for Validitas stay exact."""

from __future__ import annotations

import numpy as np
from sqlalchemy import Engine

from asn_metrics import importer, ingest
from asn_metrics.ingest.issues import Issues
from tests import nasty_files as nf


def test_each_check_keeps_its_first_rows_and_counts_the_rest() -> None:
    lines = np.arange(2, 14)  # 12 data rows on lines 2-13
    issues = Issues(lines, ("nip", "tahun"), cap=3)
    issues.add(np.arange(5, 12), "tahun", "x", "bukan tahun", "Isi tahun empat angka.")  # lines 7-13: 7 errors
    issues.add(np.arange(0, 4), "nip", "y", "NIP salah", "Periksa NIP.")  # lines 2-5: 4 errors
    frame = issues.frame()
    assert list(frame["baris"]) == [2, 3, 4, 7, 8, 9]  # the file's first three by line are among the kept
    assert dict(issues.errors_beyond) == {("tahun", "Isi tahun empat angka."): 4, ("nip", "Periksa NIP."): 1}
    assert len(frame) + sum(issues.errors_beyond.values()) == 11
    # Every erroneous row is refused for Validitas, kept as a row or not.
    assert list(np.flatnonzero(issues.refused)) == [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11]


def test_per_row_advice_is_counted_per_advice() -> None:
    issues = Issues(np.arange(1, 6), ("nip",), cap=1)
    issues.add(np.arange(5), "nip", "v", "salah", np.array(["A", "B", "A", "B", "A"], dtype=object))
    assert dict(issues.errors_beyond) == {("nip", "B"): 2, ("nip", "A"): 2}


def test_a_file_of_junk_reports_its_first_thousand_and_counts_every_other(empty_engine: Engine) -> None:
    # 2,500 rows, each with a bad NIP and a bad year: 5,000 errors, of which each check keeps its first 1,000.
    rows = [nf.SKP_HEADER] + [["12345", "tahun?", "tahunan", "sesuai", "sesuai"] for _ in range(2_500)]
    done = importer.run(
        empty_engine, nf.delimited(rows), "skp", filename="sampah.csv", pengguna="uji", sumber="cli", dry_run=True
    )
    assert done.status == "ditolak"
    assert len(done.errors) == ingest.CAP == importer.PROBLEM_CAP
    assert done.error_count == 5_000
    assert list(done.errors["baris"][:4]) == [2, 2, 3, 3]  # in file order, both columns of each line
