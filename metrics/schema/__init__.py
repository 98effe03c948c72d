"""The Service Mirror data model: every table, column, type, range, key and description, written once.

This module is the single source of truth (see ``../shared/data-model.md``). The loader maps headers
with the aliases declared here, the typing step casts to the dtypes declared here, the validation runs
these pandera models, the data dictionary (``sample_data/README.md``) is rendered from them, and the
sample generator writes exactly these columns. Add a column here and every one of them follows.

The data model is split by what it describes: `rules` (the row-number column, id patterns,
enumerations, row rules), `reference` (industries, companies, waves, metrics), `observations`
(scores, responses, commercial and employer figures), `tables` (keys, aliases, references, defaults)
and `metric_catalogue` (the default metrics, as data in `default_metrics.toml`). Everything is
re-exported here: import from `metrics.schema`.

May import: nothing of `metrics` but `metrics._pandera` (this is the bottom layer).
"""

from metrics.schema.about import About
from metrics.schema.metric_catalogue import (
    BUSINESS_MOMENTS,
    COMMERCIAL_DERIVED,
    DEFAULT_METRICS,
    EBIT_MARGIN,
    GROWTH,
    HEADLINE,
    METRIC_GROUPS,
    NET_MARGIN,
    RETURN_ON_ASSETS,
    REVENUE,
    SERVICE_DIMENSIONS,
    Headline,
    default_metrics,
)
from metrics.schema.observations import Commercial, Employer, Responses, ServiceScores
from metrics.schema.reference import Companies, Industries, Metrics, Waves
from metrics.schema.rules import (
    DOMAINS,
    DONT_KNOW_CODES,
    LOW_BASE_N,
    ORG_NR_PATTERN,
    OWNERSHIP,
    ROW,
    ROW_RULES,
    RULE_MESSAGES,
    SLUG_PATTERN,
    UNITS,
    WAVE_STATUS,
    rule,
)
from metrics.schema.tables import DEFAULTS, REFERENCES, TABLE_ALIASES, TABLES, TableSpec

__all__ = [
    "BUSINESS_MOMENTS",
    "COMMERCIAL_DERIVED",
    "DEFAULTS",
    "DEFAULT_METRICS",
    "DOMAINS",
    "DONT_KNOW_CODES",
    "EBIT_MARGIN",
    "GROWTH",
    "HEADLINE",
    "LOW_BASE_N",
    "METRIC_GROUPS",
    "NET_MARGIN",
    "ORG_NR_PATTERN",
    "OWNERSHIP",
    "REFERENCES",
    "RETURN_ON_ASSETS",
    "REVENUE",
    "ROW",
    "ROW_RULES",
    "RULE_MESSAGES",
    "SERVICE_DIMENSIONS",
    "SLUG_PATTERN",
    "TABLES",
    "TABLE_ALIASES",
    "UNITS",
    "WAVE_STATUS",
    "About",
    "Commercial",
    "Companies",
    "Employer",
    "Headline",
    "Industries",
    "Metrics",
    "Responses",
    "ServiceScores",
    "TableSpec",
    "Waves",
    "default_metrics",
    "rule",
]
