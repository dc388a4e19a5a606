"""Dasbor Kinerja ASN Bengkulu: data store, metrics, charts and command line."""

__version__ = "0.1.0"
