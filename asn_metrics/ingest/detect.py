"""Which kind an upload is, told from its header row, and where the header row is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from asn_metrics.ingest.columns import Kind
from asn_metrics.ingest.errors import UnknownKind
from asn_metrics.ingest.kinds import KIND_SPECS
from asn_metrics.ingest.names import header_key

#: How many non-blank rows at the top may hold the header (DATA_FORMATS.md "header row").
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class KindGuess:
    """The kind a header row belongs to; ``confidence`` (0-1) is the share of its headers the kind knows."""

    kind: str
    confidence: float
    candidates: tuple[str, ...] = ()


def match_score(kind: Kind, headers: Sequence[str]) -> tuple[int, int, int]:
    """(required columns present, known columns present, headers not known to the kind) of a header row."""
    found = {kind.canonical(h) for h in headers if header_key(h)} - {None}
    unknown = sum(1 for h in headers if header_key(h) and kind.canonical(h) is None)
    required = sum(1 for c in kind.required if c.name in found)
    return required, len(found), unknown


def has_required(kind: Kind, headers: Sequence[str]) -> bool:
    """True when the row holds every required column of the kind (by name or alias)."""
    return match_score(kind, headers)[0] == len(kind.required)


def detect_kind(headers: Sequence[str]) -> KindGuess:
    """The kind whose required columns are all in ``headers`` and that explains most of them.

    Raises ``UnknownKind`` (message in Indonesian, with ``candidates``) when no kind has all its
    required columns, or when two kinds fit equally well.
    """
    scored = []
    for kind in KIND_SPECS.values():
        required, known, unknown = match_score(kind, headers)
        if required == len(kind.required):
            scored.append((known - unknown, known, kind.name, known / max(known + unknown, 1)))
    if not scored:
        near = _nearest(headers)
        hint = f" Yang paling mirip: {', '.join(near)}." if near else ""
        raise UnknownKind(
            "Jenis data tidak dapat dikenali dari judul kolom."
            + hint
            + " Pilih jenis unggahannya, atau gunakan templat agar judul kolomnya sesuai.",
            near,
        )
    scored.sort(reverse=True)
    best = scored[0]
    tied = [s[2] for s in scored if s[:2] == best[:2]]
    if len(tied) > 1:
        raise UnknownKind(
            f"Judul kolom cocok dengan beberapa jenis data: {', '.join(tied)}. Pilih jenis unggahannya.",
            tied,
            ambiguous=True,
        )
    return KindGuess(best[2], round(best[3], 3), tuple(s[2] for s in scored))


def _nearest(headers: Sequence[str]) -> tuple[str, ...]:
    scores = [(match_score(k, headers)[1], k.name) for k in KIND_SPECS.values()]
    top = max(s for s, _ in scores)
    return tuple(name for s, name in scores if s == top and s > 0)


def find_header(rows: Sequence[Sequence[str]], kind: str | None) -> tuple[int, KindGuess]:
    """Index of the header among the first rows (blank rows already removed) and the kind it belongs to.

    With a kind: the first row holding all its required columns; failing that, the row with most of
    its columns (validation then names the missing ones). Without: the first row ``detect_kind`` accepts.
    """
    top = list(rows[:HEADER_SEARCH_ROWS])
    if kind is not None:
        spec = KIND_SPECS[kind]
        for i, row in enumerate(top):
            if has_required(spec, row):
                return i, KindGuess(kind, 1.0)
        best = max(range(len(top)), key=lambda i: (match_score(spec, top[i])[1], -i))
        return best, KindGuess(kind, 0.0)
    first_error: UnknownKind | None = None
    for i, row in enumerate(top):
        try:
            return i, detect_kind(row)
        except UnknownKind as exc:
            if exc.ambiguous:
                raise
            if first_error is None or (exc.candidates and not first_error.candidates):
                first_error = exc
    raise first_error or UnknownKind("Jenis data tidak dapat dikenali dari judul kolom.")
