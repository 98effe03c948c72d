"""The schema module is the one catalogue: every table, column, rule and metric is declared there."""

from __future__ import annotations

import polars as pl
import pytest

from metrics.ingest.parse import header_lookup
from metrics.schema import (
    DEFAULT_METRICS,
    REFERENCES,
    RULE_MESSAGES,
    TABLES,
    Metrics,
    default_metrics,
)
from metrics.text import dictionary
from metrics.text.names import fold, normalise_header

DATA_MODEL_COLUMNS = {
    "industries": ["industry_id", "name_sv", "name_en", "sector"],
    "companies": ["company_id", "name", "industry_id", "ownership", "is_monopoly", "org_nr"],
    "waves": ["year", "status", "fieldwork_start", "fieldwork_end", "respondents", "note"],
    "metrics": [
        "metric_id",
        "domain",
        "label_sv",
        "label_en",
        "unit",
        "scale_min",
        "scale_max",
        "higher_is_better",
        "description",
        "headline",  # beyond data-model.md: which metric of its domain the pages lead with
    ],
    "service_scores": [
        "company_id",
        "year",
        "metric_id",
        "value",
        "n",
        "sd",
        "n_eff",
        "share_positive_pct",
        "share_negative_pct",
    ],
    "responses": [
        "respondent_id",
        "year",
        "company_id",
        "metric_id",
        "rating",
        "scale_points",
        "weight",
    ],
    "commercial": [
        "company_id",
        "fiscal_year",
        "revenue_msek",
        "ebit_msek",
        "net_income_msek",  # beyond data-model.md: for rankings that publish net profit
        "employees",
        "total_assets_msek",
        "market_cap_msek",
    ],
    "employer": ["company_id", "year", "metric_id", "value", "n"],
}


def test_tables_and_columns_are_those_of_the_data_model():
    assert {name: list(spec.columns) for name, spec in TABLES.items()} == DATA_MODEL_COLUMNS


@pytest.mark.parametrize("name", list(TABLES))
def test_every_column_is_described(name):
    for column_name, column in TABLES[name].columns.items():
        assert column.description, f"{name}.{column_name} has no description"
        assert column.title, f"{name}.{column_name} has no title"


@pytest.mark.parametrize("name", list(TABLES))
def test_aliases_never_point_two_ways(name):
    spec = TABLES[name]
    seen: dict[str, str] = {}
    for column in spec.columns:
        for alias in [column, *spec.aliases(column)]:
            key = fold(normalise_header(alias))
            assert seen.setdefault(key, column) == column, f"'{alias}' means two columns"


def test_swedish_headers_map_to_canonical_columns():
    scores = header_lookup(TABLES["service_scores"])
    assert scores[fold(normalise_header("Antal svar"))] == "n"
    assert scores[fold(normalise_header(" FÖRETAG "))] == "company_id"
    commercial = header_lookup(TABLES["commercial"])
    assert commercial[fold(normalise_header("Omsättning"))] == "revenue_msek"
    assert commercial[fold(normalise_header("Rörelseresultat"))] == "ebit_msek"


def test_default_catalogue_passes_its_own_model():
    catalogue = default_metrics()
    Metrics.validate(catalogue, lazy=True)
    assert catalogue["metric_id"].is_unique().all()
    moments = [m for m in catalogue["metric_id"] if m.startswith("moment_")]
    assert len(moments) == 9
    rank = catalogue.filter(pl.col("metric_id") == "employer_rank").row(0, named=True)
    assert rank["higher_is_better"] is False and rank["scale_min"] == 1


def test_references_name_real_columns():
    for child, column, parent, key in REFERENCES:
        assert column in TABLES[child].columns
        assert key in TABLES[parent].key


def test_every_row_rule_has_words():
    for spec in TABLES.values():
        for check in spec.schema.checks:
            assert check.error in RULE_MESSAGES, f"{spec.name}: rule '{check.error}' has no words"


def test_dictionary_lists_every_column_and_metric():
    text = dictionary.render()
    for name, spec in TABLES.items():
        assert f"## `{name}`" in text
        for column in spec.columns:
            assert f"| `{column}` |" in text
    for metric in DEFAULT_METRICS:
        assert f"`{metric['metric_id']}`" in text


def test_committed_dictionary_is_generated_from_the_schema():
    from tests.conftest import SAMPLE_DIR

    committed = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    body = dictionary.render()
    # the committed file also lists the sample's file sizes; everything else must match
    assert committed.split("## `industries`")[1] == body.split("## `industries`")[1]
