"""What the upload pipeline reports: unreadable files, and problems found in rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class UnreadableFile(ValueError):
    """The file cannot be read as a table at all; the message (Indonesian) says what to do."""


class UnknownKind(UnreadableFile):
    """The kind cannot be told from the header; ``candidates`` came close, ``ambiguous`` when several fit equally."""

    def __init__(self, message: str, candidates: Sequence[str] = (), *, ambiguous: bool = False) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)
        self.ambiguous = ambiguous


@dataclass(frozen=True)
class Problem:
    """One problem in an upload, in the UX.md pattern: where (baris, kolom), what (pesan), how to fix (saran).

    ``baris`` is the row number as the evaluator sees it in Excel or a text editor (1-based; the
    header row has its own number). ``kolom`` is the canonical column name, or several joined by
    ``+`` for a natural key; empty for problems of the whole file.
    """

    baris: int
    kolom: str
    nilai: str
    pesan: str
    saran: str

    @property
    def teks(self) -> str:
        """The full sentence: ``Baris 7, kolom u5: nilai 5 di luar rentang 1–4. Isi dengan 1, 2, 3 atau 4.``"""
        where = f"Baris {self.baris}" if self.baris else "Berkas"
        if self.kolom:
            where += f", kolom {self.kolom}"
        return f"{where}: {_sentence(self.pesan)} {_sentence(self.saran)}".strip()

    def __str__(self) -> str:
        return self.teks


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."
