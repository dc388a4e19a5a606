"""Settings from the environment, read in one place, with defaults that work."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DB_PATH = DATA_DIR / "asn_kinerja.db"
GEOJSON_PATH = DATA_DIR / "bengkulu_kabkota.geojson"


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from the environment.

    ``ASN_DB_URL``: a SQLAlchemy URL; default the SQLite file ``data/asn_kinerja.db``.
    ``ASN_DEMO_PEGAWAI``: employees in the demo that ``make run`` loads into an empty database.
    ``ASN_DEMO``: ``0`` withdraws the login page's one-click demo accounts even while the data is the demo's.
    """

    db_url: str
    demo_pegawai: int = 5000
    demo_accounts: bool = True


def default_db_url() -> str:
    return f"sqlite:///{DEFAULT_DB_PATH}"


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings; a malformed value raises ValueError naming the variable."""
    env = os.environ if environ is None else environ
    db_url = env.get("ASN_DB_URL", "").strip() or default_db_url()
    raw = env.get("ASN_DEMO_PEGAWAI", "").strip()
    try:
        demo_pegawai = int(raw) if raw else 5000
    except ValueError:
        raise ValueError(f"ASN_DEMO_PEGAWAI harus bilangan bulat, terisi {raw!r}") from None
    demo_accounts = env.get("ASN_DEMO", "").strip() != "0"
    return Settings(db_url=db_url, demo_pegawai=demo_pegawai, demo_accounts=demo_accounts)
