"""Deterministic synthetic demo data for Provinsi Bengkulu (DESIGN.md "Demo data")."""

from __future__ import annotations

from asn_metrics.demo.common import DemoError
from asn_metrics.demo.generate import DemoResult, generate_demo

__all__ = ["DemoError", "DemoResult", "generate_demo"]
