"""Analytics: the questions a board asks, answered from validated tables.

Each module is named by its question: `rankings` (who is where, with margins), `comparisons`
(which can be told apart: pairwise tests with Benjamini–Hochberg, letters), `relations` (does
service go with margin, growth, employer metrics), `panel` (which way it runs, and within a
company), `mirror` (good service and attractive employers), `dissatisfaction` (what a mean hides),
`drivers` (which moment matters), `findings` (the sentences), `views` (the frames the pages draw),
on top of `stats` (intervals, bootstraps).

May import: `metrics.schema`, `metrics.aggregate`, `metrics.text`. Never `metrics.ingest` or
`metrics.quality` (analytics works on tables, whatever their source), `dashboard` or streamlit.
"""
