"""Templates and documentation derived from the kind declarations, and their round trip through the pipeline."""

from __future__ import annotations

import io

import openpyxl
import pytest

from asn_metrics import reference as ref
from asn_metrics.ingest import (
    KIND_SPECS,
    KnownReferences,
    dataframe_schema,
    kinds_markdown,
    read_table,
    template_csv,
    template_xlsx,
    validate,
)
from asn_metrics.ingest.kinds import INSTANSI_CONTOH, NIP_CONTOH
from asn_metrics.ingest.templates import PETUNJUK_HEADERS


def test_every_kind_of_data_formats_is_declared() -> None:
    assert tuple(KIND_SPECS) == ref.KINDS


@pytest.mark.parametrize("kind", ref.KINDS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("with_known", [False, True], ids=["no-references", "known-references"])
def test_template_roundtrip(kind: str, fmt: str, with_known: bool) -> None:
    content = template_csv(kind) if fmt == "csv" else template_xlsx(kind)
    known = KnownReferences.of(instansi={INSTANSI_CONTOH}, nip={NIP_CONTOH}) if with_known else None
    for given in (kind, None):
        raw = read_table(content, f"templat_{kind}.{fmt}", given)
        assert raw.kind == kind
        result = validate(raw, kind, known)
        assert result.errors == []
        assert result.warnings == []
        assert len(result.rows) == 1
        spec = KIND_SPECS[kind]
        for col in spec.columns:
            value = result.rows[col.name].iloc[0]
            if col.name == "aktif":  # ya/tidak become a boolean for the database
                assert value is True or value == True  # noqa: E712
            elif col.example and col.type in ("text", "nip", "enum"):
                assert str(value) == col.example, col.name


def test_template_csv_shape() -> None:
    lines = template_csv("skp").decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(c.name for c in KIND_SPECS["skp"].columns)
    assert lines[1].startswith(f"{NIP_CONTOH};2025;tahunan;")


@pytest.mark.parametrize("kind", ref.KINDS)
def test_template_xlsx_formats_and_lists(kind: str) -> None:
    spec = KIND_SPECS[kind]
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(kind)))
    assert book.sheetnames == [kind, "Petunjuk"]
    sheet = book[kind]
    for i, col in enumerate(spec.columns, start=1):
        header = sheet.cell(row=1, column=i)
        assert header.value == col.name and header.font.bold
        if col.type == "nip":
            assert sheet.cell(row=2, column=i).number_format == "@"
            assert sheet.cell(row=2, column=i).value == NIP_CONTOH
    letters = {openpyxl.utils.get_column_letter(i): c for i, c in enumerate(spec.columns, start=1)}
    listed = {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1
        for dv in sheet.data_validations.dataValidation
        if dv.type == "list"
    }
    expected = {letter for letter, c in letters.items() if c.values}
    assert set(listed) == expected
    for letter, formula in listed.items():
        assert formula.strip('"').split(",") == list(letters[letter].values)
    petunjuk = book["Petunjuk"]
    rows = list(petunjuk.iter_rows(min_row=4, values_only=True))
    assert rows[0][: len(PETUNJUK_HEADERS)] == PETUNJUK_HEADERS
    assert [r[0] for r in rows[1:]] == [c.name for c in spec.columns]
    assert [r[1] for r in rows[1:]] == ["wajib" if c.required else "boleh kosong" for c in spec.columns]


def test_template_xlsx_dates_are_real_dates() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(template_xlsx("layanan")))["layanan"]
    assert sheet["D2"].is_date and sheet["D2"].number_format == "dd/mm/yyyy hh:mm"


def test_kinds_markdown_lists_every_column_and_alias() -> None:
    text = kinds_markdown()
    for spec in KIND_SPECS.values():
        assert f"### `{spec.name}`" in text
        for col in spec.columns:
            assert f"| `{col.name}` | {'wajib' if col.required else 'boleh kosong'} |" in text
            for alias in spec.accepted_names(col.name)[1:]:
                assert f"`{alias}`" in text
    assert "`waktu_pelayanan`" in text and "`no_tiket`" in text


@pytest.mark.parametrize("kind", ref.KINDS)
def test_pandera_schema_mirrors_declaration(kind: str) -> None:
    spec = KIND_SPECS[kind]
    schema = dataframe_schema(kind)
    assert list(schema.columns) == [c.name for c in spec.columns]
    for c in spec.columns:
        assert schema.columns[c.name].nullable == (not c.required)
