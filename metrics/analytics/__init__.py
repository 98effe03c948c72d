"""Analytics: the questions a board asks, answered from validated tables.

Each module is named by its question: `rankings` (who is where, with margins and ties), `relations`
(does service go with margin, growth, employer metrics), `dissatisfaction` (what a mean hides),
`drivers` (which moment matters), `findings` (the sentences), `views` (the frames the pages draw),
on top of `stats` (intervals, bootstraps, tests).

May import: `metrics.schema`, `metrics.aggregate`, `metrics.text`. Never `metrics.ingest` or
`metrics.quality` (analytics works on tables, whatever their source), `dashboard` or streamlit.
"""
