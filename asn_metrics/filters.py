"""The global filters shared by pages, the CLI and the store: tahun, periode, wilayah, instansi, jenis jabatan."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Filters:
    """What the user has narrowed the view to; ``None`` means everything.

    ``wilayah`` is a region code ('17' = provincial agencies, '17.01' … a kabupaten/kota);
    ``instansi`` an agency code; ``periode`` a canonical SKP period ('tahunan', 'tw1', …).
    """

    tahun: int | None = None
    periode: str | None = None
    wilayah: str | None = None
    instansi: str | None = None
    jenis_jabatan: str | None = None

    def with_year(self, tahun: int | None) -> Filters:
        return replace(self, tahun=tahun)

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "tahun": self.tahun,
            "periode": self.periode,
            "wilayah": self.wilayah,
            "instansi": self.instansi,
            "jenis_jabatan": self.jenis_jabatan,
        }
