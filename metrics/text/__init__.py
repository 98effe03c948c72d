"""Text: what people read, in English and Swedish.

The message catalogue and Babel number and date formats (`i18n`), stable anonymous labels for
company names (`anonymise`), and tables made safe for spreadsheets (`sheets`).

May import: `metrics.schema` only. Never `metrics.ingest`, `metrics.quality`, `metrics.analytics`,
`dashboard` or streamlit.
"""
