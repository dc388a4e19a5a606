"""A fuzzer of the import pipeline (issue 17 item 6): random bytes, random CSV shapes, huge fields, odd encodings,
damaged workbooks, for every kind. Whatever a file holds, ``importer.run`` returns an outcome or raises one of
its documented refusals (``UnreadableFile``, ``UnknownKind``), writes nothing unless it imported, and tells the
user short messages. A short run is part of ``make test``; ``ASN_FUZZ_EXAMPLES=10000`` runs the long one
(figures in docs/reliability.md)."""

from __future__ import annotations

import io
import os
import zipfile

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import Engine

from asn_metrics import importer, ingest
from asn_metrics.reference import KINDS
from tests import nasty_files as nf
from tests.test_import import NOW, snapshot, staffed  # noqa: F401  (the fixture)

EXAMPLES = int(os.environ.get("ASN_FUZZ_EXAMPLES", "120"))
#: The longest message a user is told about one problem (a cell is echoed to 60 characters at most).
MESSAGE_LIMIT = 600

_CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["", " ", "2025", "tahunan", "atas", "Di Atas Ekspektasi", "17.DUKCAPIL", nf.NIP_L, "27/11/2026 24:00"]
    ),
    st.sampled_from(["=1+1", "@x", '"', '""', ";", "\t", "\r\n", "\x00", "\u200b", "9" * 40, "1,98609E+17"]),
    st.text(alphabet="ab\"';,\n", min_size=1000, max_size=3000),
)


def _csv(kind: str, header_kept: int, rows: list[list[str]], delimiter: str) -> str:
    header = [c.name for c in ingest.get_kind(kind).required][:header_kept] or ["x"]
    return "\n".join(delimiter.join(r) for r in [header, *rows]) + "\n"


@st.composite
def hostile_files(draw: st.DrawFn) -> tuple[str, str, bytes]:
    kind = draw(st.sampled_from(KINDS))
    shape = draw(st.sampled_from(["bytes", "csv", "csv", "csv", "xlsx"]))
    if shape == "bytes":
        return kind, "acak.csv", draw(st.binary(max_size=4000))
    rows = draw(st.lists(st.lists(_CELL, max_size=8), max_size=12))
    if shape == "xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in [[c.name for c in ingest.get_kind(kind).required], *rows]:
            sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])  # what a workbook can hold
        out = io.BytesIO()
        book.save(out)
        data = bytearray(out.getvalue())
        damage = draw(st.sampled_from(["none", "cut", "flip"]))
        # Positions as fractions: a workbook's bytes vary from run to run (its timestamps), the draws must not.
        where = draw(st.floats(0, 1))
        if damage == "cut":
            data = data[: int(where * len(data))]
        elif damage == "flip":
            names = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()
            info = names[draw(st.integers(0, 8)) % len(names)]
            at = info.header_offset + 30 + len(info.filename) + int(where * max(info.compress_size - 1, 0))
            if at < len(data):
                data[at] ^= 0xFF
        return kind, "acak.xlsx", bytes(data)
    text = _csv(kind, draw(st.integers(0, 8)), rows, draw(st.sampled_from([";", ",", "\t"])))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = data[: int(draw(st.floats(0, 1)) * len(data))]
    return kind, "acak.csv", data


def test_no_file_makes_the_pipeline_fall_over_or_write_in_part(staffed: Engine) -> None:  # noqa: F811
    outcomes: dict[str, int] = {}

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(hostile_files(), st.booleans())
    def one(file: tuple[str, str, bytes], auto: bool) -> None:
        kind, name, content = file
        before = snapshot(staffed)
        try:
            done = importer.run(
                staffed, content, None if auto else kind, filename=name, pengguna="fuzz", sumber="cli", now=NOW
            )
        except (ingest.UnreadableFile, ingest.UnknownKind) as refused:
            assert 0 < len(str(refused)) <= MESSAGE_LIMIT * 2, str(refused)[:200]
            outcomes["tidak_terbaca"] = outcomes.get("tidak_terbaca", 0) + 1
            assert snapshot(staffed) == before
            return
        outcomes[done.status] = outcomes.get(done.status, 0) + 1
        assert done.status in ("diimpor", "ditolak", "sudah_diimpor", "valid"), done.status
        assert len(done.errors) <= importer.PROBLEM_CAP
        assert all(len(m) <= MESSAGE_LIMIT for m in done.messages()), max(done.messages(), key=len)[:200]
        if done.status != "diimpor":
            assert snapshot(staffed) == before
        else:  # an accepted random file is undone, so the next example starts from the same database
            from asn_metrics.store.upsert import undo_batch

            assert done.batch_id is not None
            undo_batch(staffed, done.batch_id, now=NOW)

    one()
    assert sum(outcomes.values()) >= min(EXAMPLES, 50), outcomes
    if EXAMPLES > 1000:
        print(f"\nfuzz outcomes over {sum(outcomes.values())} files: {outcomes}")
