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
    #: The agencies an account may see (an evaluator's codes); None: every agency. Set from the account, never
    #: from a URL or a widget, and applied by every loader through ``store.base.scope_agency`` (issue 15 item 2).
    lingkup: tuple[str, ...] | None = None
    #: Whether names and NIPs may be read (False for a guest, ``tamu``). Set from the account like ``lingkup``;
    #: the person loaders give nothing or masked rows without it.
    pribadi: bool = True

    def with_year(self, tahun: int | None) -> Filters:
        return replace(self, tahun=tahun)

    def previous_year(self) -> Filters:
        """The same view one year earlier (the comparison of every "since last year")."""
        if self.tahun is None:
            raise ValueError("filters.tahun is required")
        return replace(self, tahun=self.tahun - 1)

    def province(self) -> Filters:
        """The whole province with the same year, period and position type (maps compare every region)."""
        return replace(self, wilayah=None, instansi=None)

    def across_years(self) -> Filters:
        """The scope without year and period: the cache key of readers over every year (trends, freshness)."""
        return replace(self, tahun=None, periode=None)

    def agencies_only(self) -> Filters:
        """Only region and agency: the cache key of readers that ignore year, period and position type."""
        return Filters(wilayah=self.wilayah, instansi=self.instansi, lingkup=self.lingkup, pribadi=self.pribadi)

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "tahun": self.tahun,
            "periode": self.periode,
            "wilayah": self.wilayah,
            "instansi": self.instansi,
            "jenis_jabatan": self.jenis_jabatan,
        }
