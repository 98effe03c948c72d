"""Ingest: reading a benchmark from wherever it lives into raw tables, and loading it.

Holds the readers (CSV, Parquet, Excel, zip archives, PostgreSQL), the header mapping and typing,
the wide form and column maps, the streamed respondent files, the named datasets of `datasets.toml`,
and `load`, which runs a source through parse → validate → aggregate into a `Dataset`.

May import: `metrics.schema`, `metrics.aggregate`, `metrics.quality`, `metrics.text`. Never
`metrics.analytics`, `dashboard` or streamlit.
"""
