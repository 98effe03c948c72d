"""Quality: checking typed tables against the schema, and the validation report.

`validate` runs the pandera models and the cross-table rules and turns their failures into
`Problem`s; `report` collects them and renders them in either language from the message catalogue.

May import: `metrics.schema`, `metrics.text`. Never `metrics.ingest`, `metrics.analytics`,
`dashboard` or streamlit.
"""
