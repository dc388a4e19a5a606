"""Streamlit helpers that pages share: the engine, cached loaders, global filters and page furniture.

The only part of ``asn_metrics`` that imports Streamlit (DESIGN.md).
"""
