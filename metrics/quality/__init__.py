"""Quality: checking typed tables against the schema, and the validation report.

`validate` runs the pandera models (keys and whole-row rules in Polars) and turns their failures
into `Problem`s, `references` the rules between tables; `report` collects them and renders them in
either language from the message catalogue, `rest` keeps the rows beyond the listed ones compact.

May import: `metrics.schema`, `metrics.text`. Never `metrics.ingest`, `metrics.analytics`,
`dashboard` or streamlit.
"""
