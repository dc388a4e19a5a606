"""Person lists read one page at a time: the statement of each list, its size, and one page of it, searched by
NIP or name in SQL, so a page shows 100 people without loading the 47,000 behind them.

The follow-up lists repeat the rules of ``followup`` (DOMAIN.md §8) over ``skp_tahunan``, one row per person
and year; a test holds them equal to ``followup.followup_lists`` over the raw SKP rows of a generated database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import pandas as pd
from sqlalchemy import ColumnElement, Engine, Select, and_, case, func, literal, or_, select

from asn_metrics import reference as ref
from asn_metrics.db.schema import instansi, pegawai, skp_instansi, skp_tahunan
from asn_metrics.filters import Filters
from asn_metrics.nip import mask_people
from asn_metrics.store.base import frame, scope_agency, scope_people
from asn_metrics.store.records import trained_in_year
from asn_metrics.store.workforce import best_retiring_list, with_retirement_date

#: Rows per page of every person list (Kinerja Pegawai's employee list, the Pengembangan lists).
PAGE_SIZE: Final = 100
#: The follow-up lists (DOMAIN.md §8) by their slug, in the page's order.
FOLLOWUP_SLUGS: Final = ("penghargaan", "meningkat", "pembinaan", "pelatihan")

_RANK: Final = {predikat: rank for rank, predikat in enumerate(ref.PREDIKAT_ORDER)}
_WEAK: Final = ref.PREDIKAT_ORDER.index(ref.BUTUH_PERBAIKAN)


def _rank(column: Any) -> Any:
    """The step of a predikat on the ladder (0 Sangat Baik … 4 Sangat Kurang); NULL when missing or unknown."""
    return case(_RANK, value=column, else_=None)


def _person(*columns: Any) -> Select[Any]:
    """nip, nama_pegawai and instansi_kode of each employee, plus ``columns``."""
    return select(pegawai.c.nip, pegawai.c.nama.label("nama_pegawai"), instansi.c.kode.label("instansi_kode"), *columns)


def _search(text: str) -> ColumnElement[bool] | None:
    """Name or NIP contains ``text`` (any case); None for a blank text."""
    wanted = text.strip().lower()
    if not wanted:
        return None
    pattern = "%" + wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(
        func.lower(pegawai.c.nama).like(pattern, escape="\\"), func.lower(pegawai.c.nip).like(pattern, escape="\\")
    )


def count_rows(engine: Engine, stmt: Select[Any]) -> int:
    """How many rows ``stmt`` gives."""
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)


def page_of_list(
    engine: Engine,
    stmt: Select[Any],
    order: Sequence[Any],
    *,
    number: int,
    size: int = PAGE_SIZE,
    text: str = "",
    total: int | None = None,
) -> tuple[pd.DataFrame, int, int]:
    """Page ``number`` (1-based, clamped to the pages there are) of ``stmt``'s rows whose name or NIP contains
    ``text``, ``size`` rows a page in ``order``: (rows, number, total rows matched). ``total``, the size of the
    whole list when the caller knows it, saves counting it again when there is no search."""
    condition = _search(text)
    if condition is not None:
        stmt = stmt.where(condition)
    if condition is not None or total is None:
        total = count_rows(engine, stmt)
    pages = max(1, -(-total // size))
    number = min(max(int(number), 1), pages)
    rows = frame(engine, stmt.order_by(*order).limit(size).offset((number - 1) * size))
    return rows, number, total


# --- the employee list ---------------------------------------------------------------------------------


def people_list(filters: Filters, tahun: int) -> tuple[Select[Any], tuple[Any, ...]]:
    """Every active employee in scope with the predikat that stands for ``tahun`` (DOMAIN.md §1): nip, nama,
    instansi_kode, jabatan, golongan, jenis_jabatan, predikat; with its order (by NIP)."""
    year = skp_tahunan.alias("t")
    stmt = (
        select(
            pegawai.c.nip,
            pegawai.c.nama,
            instansi.c.kode.label("instansi_kode"),
            pegawai.c.jabatan,
            pegawai.c.golongan,
            pegawai.c.jenis_jabatan,
            year.c.predikat,
        )
        .select_from(
            pegawai.join(instansi, instansi.c.id == pegawai.c.instansi_id).outerjoin(
                year, and_(year.c.pegawai_id == pegawai.c.id, year.c.tahun == tahun)
            )
        )
        .where(pegawai.c.aktif.is_(True))
    )
    return scope_people(stmt, filters), (pegawai.c.nip,)


# --- the follow-up lists (DOMAIN.md §8) ----------------------------------------------------------------


def _years(tahun: int) -> tuple[Any, Any, Any]:
    """The employee joined to their ``skp_tahunan`` rows of ``tahun`` (now) and ``tahun`` − 1 (before)."""
    now, before = skp_tahunan.alias("ini"), skp_tahunan.alias("lalu")
    joined = (
        pegawai.join(instansi, instansi.c.id == pegawai.c.instansi_id)
        .outerjoin(now, and_(now.c.pegawai_id == pegawai.c.id, now.c.tahun == tahun))
        .outerjoin(before, and_(before.c.pegawai_id == pegawai.c.id, before.c.tahun == tahun - 1))
    )
    return joined, now, before


def _skp_rules(tahun: int) -> tuple[Any, dict[str, tuple[list[Any], Any]]]:
    """The employees joined to their ``skp_tahunan`` rows of ``tahun`` and the year before, and for each of the
    three lists ruled by ratings its columns and its condition (DOMAIN.md §8), over that one join:

    - penghargaan: Sangat Baik in ``tahun`` and Baik or better the year before (``recognition_candidates``);
    - meningkat: at least one step better than the year before (``improvers``);
    - pembinaan: the last two rated evaluations of the two years both Butuh Perbaikan or worse
      (``improvement_plans``). Each year row holds the rating that stands for the year and the one before it, so
      the last two are: this year's two; this year's one and last year's standing one; or, without a rating
      this year, last year's two."""
    joined, now, before = _years(tahun)
    steps = _rank(before.c.predikat) - _rank(now.c.predikat)
    rated_now = now.c.predikat.is_not(None)
    two_now = and_(rated_now, now.c.sebelumnya_predikat.is_not(None))
    last = case((rated_now, now.c.predikat), else_=before.c.predikat)
    prev = case(
        (two_now, now.c.sebelumnya_predikat), (rated_now, before.c.predikat), else_=before.c.sebelumnya_predikat
    )
    year = literal(tahun).label("tahun")
    rules = {
        "penghargaan": (
            [year, now.c.predikat, before.c.predikat.label("predikat_sebelumnya")],
            and_(now.c.predikat == ref.SANGAT_BAIK, before.c.predikat.in_(ref.BAIK_KE_ATAS)),
        ),
        "meningkat": (
            [year, now.c.predikat, before.c.predikat.label("predikat_sebelumnya"), steps.label("langkah")],
            steps >= 1,
        ),
        "pembinaan": (
            [
                case((rated_now, tahun), else_=tahun - 1).label("tahun"),
                last.label("predikat"),
                case((rated_now, now.c.periode), else_=before.c.periode).label("periode"),
                case((two_now, tahun), else_=tahun - 1).label("tahun_sebelumnya"),
                prev.label("predikat_sebelumnya"),
                case(
                    (two_now, now.c.sebelumnya_periode),
                    (rated_now, before.c.periode),
                    else_=before.c.sebelumnya_periode,
                ).label("periode_sebelumnya"),
            ],
            and_(_rank(last) >= _WEAK, _rank(prev) >= _WEAK),
        ),
    }
    return joined, rules


def _skp_list(slug: str, tahun: int) -> Select[Any]:
    joined, rules = _skp_rules(tahun)
    columns, condition = rules[slug]
    return _person(*columns).select_from(joined).where(condition)


def _training(tahun: int, minimum_jp: float) -> Select[Any]:
    """Active employees with fewer than ``minimum_jp`` JP of training started in ``tahun``
    (``followup.training_gaps``); ``prioritas``: 0 JP and Butuh Perbaikan or worse that year (DOMAIN.md §6)."""
    trained = trained_in_year(tahun)
    now = skp_tahunan.alias("ini")
    jp = func.coalesce(trained.c.jp, 0)
    return (
        _person(
            literal(tahun).label("tahun"),
            now.c.predikat,
            jp.label("jp"),
            case((and_(jp == 0, _rank(now.c.predikat) >= _WEAK), 1), else_=0).label("prioritas"),
        )
        .select_from(
            pegawai.join(instansi, instansi.c.id == pegawai.c.instansi_id)
            .outerjoin(trained, trained.c.pegawai_id == pegawai.c.id)
            .outerjoin(now, and_(now.c.pegawai_id == pegawai.c.id, now.c.tahun == tahun))
        )
        .where(pegawai.c.aktif.is_(True), jp < minimum_jp)
    )


def followup_list(
    slug: str, filters: Filters, tahun: int, minimum_jp: float = 20.0
) -> tuple[Select[Any], tuple[Any, ...]]:
    """The statement of follow-up list ``slug`` (a FOLLOWUP_SLUGS entry) within the filters' scope, and its order:
    by agency and NIP, the training list with its priorities first."""
    if slug in ("penghargaan", "meningkat", "pembinaan"):
        stmt = _skp_list(slug, tahun)
    elif slug == "pelatihan":
        stmt = _training(tahun, minimum_jp)
    else:
        raise ValueError(f"unknown follow-up list {slug!r}")
    order: tuple[Any, ...] = (instansi.c.kode, pegawai.c.nip)
    if slug == "pelatihan":
        order = (stmt.selected_columns["prioritas"].desc(), *order)
    return scope_people(stmt, filters), order


def load_followup_counts(engine: Engine, filters: Filters, *, tahun: int, minimum_jp: float = 20.0) -> dict[str, int]:
    """How many people each follow-up list of ``tahun`` holds, by slug, and ``dinilai``: the employees in scope
    with a predikat standing for ``tahun`` (no lists without them). The three lists ruled by ratings are
    counted in one pass over the employees."""
    rated = select(func.coalesce(func.sum(skp_instansi.c.jumlah), 0)).select_from(
        skp_instansi.join(instansi, instansi.c.id == skp_instansi.c.instansi_id)
    )
    rated = scope_agency(rated.where(skp_instansi.c.tahun == tahun), filters)
    if filters.jenis_jabatan:
        rated = rated.where(skp_instansi.c.jenis_jabatan == filters.jenis_jabatan)
    with engine.connect() as conn:
        counts = {"dinilai": int(conn.scalar(rated) or 0)}
        if not counts["dinilai"]:
            return counts
        joined, rules = _skp_rules(tahun)
        sums = [
            func.coalesce(func.sum(case((condition, 1), else_=0)), 0).label(slug)
            for slug, (_, condition) in rules.items()
        ]
        row = conn.execute(scope_people(select(*sums).select_from(joined), filters)).one()
    counts.update({slug: int(value) for slug, value in row._mapping.items()})
    counts["pelatihan"] = count_rows(engine, followup_list("pelatihan", filters, tahun, minimum_jp)[0])
    return counts


#: Every person list by name: the employee list, the best employees retiring within five years, the four
#: follow-up lists.
LIST_NAMES: Final = ("pegawai", "pensiun_terbaik", *FOLLOWUP_SLUGS)


def list_statement(name: str, filters: Filters, tahun: int) -> tuple[Select[Any], tuple[Any, ...]]:
    """The statement and order of person list ``name`` (a LIST_NAMES entry) for ``tahun`` in the filters' scope."""
    if name == "pegawai":
        return people_list(filters, tahun)
    if name == "pensiun_terbaik":
        return best_retiring_list(filters, tahun)
    return followup_list(name, filters, tahun)


def _finished(name: str, rows: pd.DataFrame) -> pd.DataFrame:
    return with_retirement_date(rows) if name == "pensiun_terbaik" else rows


def load_list_page(
    engine: Engine,
    filters: Filters,
    *,
    name: str,
    tahun: int,
    number: int,
    size: int = PAGE_SIZE,
    text: str = "",
    total: int | None = None,
) -> tuple[pd.DataFrame, int, int]:
    """Page ``number`` of person list ``name`` (see ``list_statement`` and ``page_of_list``). Without personal
    data (a guest) the names and NIPs are masked and a search by them is ignored."""
    stmt, order = list_statement(name, filters, tahun)
    text = text if filters.pribadi else ""
    rows, number, matched = page_of_list(engine, stmt, order, number=number, size=size, text=text, total=total)
    return _readable(_finished(name, rows), filters), number, matched


def load_list_rows(engine: Engine, filters: Filters, *, name: str, tahun: int) -> pd.DataFrame:
    """Every row of person list ``name`` in its order (a download), masked without personal data."""
    stmt, order = list_statement(name, filters, tahun)
    return _readable(_finished(name, frame(engine, stmt.order_by(*order))), filters)


def _readable(rows: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return rows if filters.pribadi else mask_people(rows)
