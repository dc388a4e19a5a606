"""What an admin may change on the Admin page (issue 15 item 7): service standards, the scorecard's weights and
the session timeout. Each change lands with its audit row in one transaction and bumps ``versi_pengaturan``,
which is part of the data version, so every cached view (on every server) is recomputed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, Final

from sqlalchemy import Connection, Engine, select, update

from asn_metrics.db.schema import jenis_layanan, pengaturan
from asn_metrics.quality_score import validate_weights
from asn_metrics.scorecard import DEFAULT_WEIGHTS, PARTS
from asn_metrics.store import audit, layanan_summary
from asn_metrics.store.sessions import IDLE_SETTING
from asn_metrics.store.write import set_setting

WEIGHTS_SETTING: Final = "bobot_skor"
VERSION_SETTING: Final = "versi_pengaturan"
#: The session timeout an admin may choose, in minutes.
IDLE_RANGE: Final = (5, 480)


class SettingRefused(ValueError):
    """A setting that cannot be saved; the message is Indonesian and nothing was changed."""


def _bump(conn: Connection, now: dt.datetime) -> None:
    raw = conn.scalar(select(pengaturan.c.nilai).where(pengaturan.c.kunci == VERSION_SETTING))
    set_setting(conn, VERSION_SETTING, json.dumps(int(json.loads(raw)) + 1 if raw else 1), now)


def load_scorecard_weights(engine: Engine) -> dict[str, float]:
    """The scorecard's weights per part (``scorecard.PARTS``): the saved ones, else equal weights."""
    with engine.connect() as conn:
        raw = conn.scalar(select(pengaturan.c.nilai).where(pengaturan.c.kunci == WEIGHTS_SETTING))
    if raw is None:
        return dict(DEFAULT_WEIGHTS)
    try:
        return validate_weights(json.loads(raw), PARTS)
    except (ValueError, TypeError):
        return dict(DEFAULT_WEIGHTS)


def save_scorecard_weights(engine: Engine, weights: Mapping[str, float], *, actor: str, now: dt.datetime) -> None:
    try:
        clean = validate_weights(weights, PARTS)
    except ValueError as exc:
        raise SettingRefused(str(exc)) from None
    with engine.begin() as conn:
        set_setting(conn, WEIGHTS_SETTING, json.dumps(clean), now)
        audit.record(conn, "bobot_ubah", pengguna=actor, waktu=now, rincian=clean)
        _bump(conn, now)


def save_idle_minutes(engine: Engine, minutes: int, *, actor: str, now: dt.datetime) -> None:
    low, high = IDLE_RANGE
    if not low <= minutes <= high:
        raise SettingRefused(f"Batas tidak aktif harus antara {low} dan {high} menit, terisi {minutes}.")
    with engine.begin() as conn:
        set_setting(conn, IDLE_SETTING, json.dumps(int(minutes)), now)
        audit.record(conn, "pengaturan_ubah", pengguna=actor, waktu=now, rincian={IDLE_SETTING: int(minutes)})
        _bump(conn, now)


def load_service_kinds(engine: Engine) -> list[tuple[str, str, float | None]]:
    """Every service kind as (kode, nama, default standard in hours or None), in code order."""
    stmt = select(jenis_layanan.c.kode, jenis_layanan.c.nama, jenis_layanan.c.standar_jam).order_by(
        jenis_layanan.c.kode
    )
    with engine.connect() as conn:
        return [(str(k), str(n), None if h is None else float(h)) for k, n, h in conn.execute(stmt)]


def save_service_standards(
    engine: Engine, standards: Mapping[str, float | None], *, actor: str, now: dt.datetime
) -> dict[str, Any]:
    """Set the default standard (hours) of each named service kind; the service summaries are recounted in the
    same transaction (on-time depends on the standard, DOMAIN.md §3). Returns what changed, old → new."""
    for kode, hours in standards.items():
        if hours is not None and not (hours > 0 and hours < 24 * 366):
            raise SettingRefused(f"Standar {kode} harus lebih dari 0 jam dan kurang dari satu tahun, terisi {hours}.")
    with engine.begin() as conn:
        current = dict(conn.execute(select(jenis_layanan.c.kode, jenis_layanan.c.standar_jam)).all())
        unknown = sorted(set(standards) - set(current))
        if unknown:
            raise SettingRefused(f"Jenis layanan tidak dikenal: {', '.join(unknown)}.")
        changed = {k: {"lama": current[k], "baru": v} for k, v in standards.items() if current[k] != v}
        if not changed:
            return {}
        for kode, change in changed.items():
            conn.execute(update(jenis_layanan).where(jenis_layanan.c.kode == kode).values(standar_jam=change["baru"]))
        layanan_summary.refresh(conn)
        audit.record(conn, "standar_ubah", pengguna=actor, waktu=now, rincian=changed)
        _bump(conn, now)
    return changed
