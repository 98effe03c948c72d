"""Key findings: sentences built from computed numbers, in both languages, honest when weak."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from metrics.analytics import relations
from metrics.analytics.findings import interval, key_findings, num, ordinal, strength


@pytest.fixture(scope="module")
def findings(sample):
    return key_findings(sample.tables, company_id="tele-03", reps=300)


def test_expected_findings_present_in_both_languages(findings):
    keys = findings["key"].to_list()
    for key in (
        "industry_ranking",
        "company_position",
        "service_margin",
        "service_enps",
        "margin_quartile_gap",
        "monopolies_margin",
        "direction_growth",
        "within_company",
        "hidden_dissatisfaction",
    ):
        assert key in keys
    assert findings["sentence_sv"].str.len_chars().min() > 40
    assert findings["caveat_en"].null_count() == 0


def test_numbers_in_sentences_are_the_computed_ones(sample, findings):
    t = sample.tables
    values = relations.metric_values(t["service_scores"], t["commercial"], t["employer"])
    stats = relations.relation(values, t["companies"], "servicescore", "enps", reps=300).row(
        0, named=True
    )
    row = findings.filter(pl.col("key") == "service_enps").row(0, named=True)
    assert row["value"] == pytest.approx(stats["pearson_r"])
    assert f"r = {stats['pearson_r']:.2f}" in row["sentence_en"]
    assert f"r = {stats['pearson_r']:.2f}".replace(".", ",") in row["sentence_sv"]
    assert f"n = {stats['n']:,}" in row["sentence_en"]
    assert f"{stats['n']:,}".replace(",", "\u00a0") in row["sentence_sv"]  # Swedish thousands space


def test_no_link_is_said_plainly(sample):
    """Shuffle eNPS across companies: the sentence must say the data show no clear link."""
    t = dict(sample.tables)
    employer = t["employer"]
    rng = np.random.default_rng(0)
    t["employer"] = employer.with_columns(
        pl.Series("value", rng.permutation(employer["value"].to_numpy()))
    )
    row = key_findings(t, reps=300).filter(pl.col("key") == "service_enps").row(0, named=True)
    assert row["strength"] in ("unclear", "negligible")
    if row["strength"] == "unclear":
        assert (
            "no clear link" in row["sentence_en"] and "inget tydligt samband" in row["sentence_sv"]
        )


def test_formatting_helpers():
    assert num(1234.5, "sv") == "1\u00a0234,5" and num(1234.5, "en") == "1,234.5"
    assert num(2.0, "en", sign=True) == "+2.0" and num(-2.0, "sv", sign=True) == "-2,0"
    assert interval(0.1, 0.25, "sv") == "0,10 till 0,25"
    assert [ordinal(i) for i in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]
    assert strength(0.35, 0.2, 0.5) == "moderate"
    assert strength(0.35, -0.1, 0.6) == "unclear"
    assert strength(None, None, None) == "insufficient"


def test_findings_without_optional_tables(tiny_dir):
    from metrics.ingest.load import load_dataset

    tables = load_dataset(tiny_dir).tables
    out = key_findings(tables, company_id="a", reps=100)
    assert out["key"].to_list() == ["industry_ranking", "company_position"]


def test_pooled_findings_are_the_same_for_every_wave_and_company(sample, findings):
    """The app computes the findings over all waves once and reuses them for every wave."""
    from metrics.analytics.findings import pooled_findings

    pooled = pooled_findings(sample.tables, reps=200)
    assert set(pooled["key"]) <= set(findings["key"]) and pooled.height >= 5
    for company, year in ((None, 2019), ("tele-03", 2025)):
        with_pooled = key_findings(sample.tables, company, year, reps=200, pooled=pooled)
        assert with_pooled.equals(key_findings(sample.tables, company, year, reps=200))


def test_company_captions_say_what_the_pairwise_tests_found(sample):
    """Issue 15: "tied with no one" was said of companies within the margin of three peers. Every
    company's caption now names how many peers it cannot be told apart from, from the tests."""
    from metrics.analytics import comparisons, rankings
    from metrics.analytics.findings.ranking import ranking_findings

    t = sample.tables
    ranking = rankings.company_ranking(
        t["service_scores"], t["companies"], t["waves"], metric="servicescore"
    )
    peers = ranking.filter(pl.col("year") == 2025, pl.col("industry_id") == "telekom").sort(
        "score", descending=True
    )
    tied = comparisons.pairwise(peers["score"].to_list(), peers["se"].to_list()).tied_with
    assert any(tied)  # telecom companies within reach of each other: the false caption's case
    for company, k, low in zip(peers["company_id"], tied, peers["low_base"], strict=True):
        if low:
            continue
        found = ranking_findings(
            t["service_scores"],
            t["companies"],
            t["waves"],
            t["industries"],
            2025,
            company,
            "servicescore",
        )
        caveat = next(f["caveat_en"] for f in found if f["key"] == "company_position")
        if k:
            assert f"Cannot be told apart from {k} of the {peers.height - 1}" in caveat
        else:
            assert caveat.startswith("Can be told apart from every other company")


def test_monopoly_finding_says_how_many_enter_and_gives_no_interval_over_three(findings):
    row = findings.filter(pl.col("key") == "monopolies_margin").row(0, named=True)
    assert row["sentence_en"].startswith(
        "Among the 3 monopolies with both figures (33 company-years)"
    )
    assert "too few companies for an interval" in row["sentence_en"]
    assert row["ci_low"] is None and row["ci_high"] is None
    assert "public authorities report no EBIT margin" in row["caveat_en"]
    assert "3 monopolen" in row["sentence_sv"] and "för få företag" in row["sentence_sv"]


def test_hidden_dissatisfaction_gives_the_count_of_people(sample, findings):
    from metrics.analytics import dissatisfaction as D

    t = sample.tables
    flags = D.dissatisfaction(
        t["rating_counts"], t["companies"], "servicescore", t["service_scores"]
    )
    row = findings.filter(pl.col("key") == "hidden_dissatisfaction").row(0, named=True)
    flagged = flags.filter(pl.col("hidden_dissatisfaction"))
    example = next(
        r
        for r in flagged.iter_rows(named=True)
        if f"{r['n_dissatisfied']} of {r['n']} respondents" in row["sentence_en"]
    )
    assert example["n_dissatisfied"] >= D.MIN_DISSATISFIED
    assert f"{example['n_dissatisfied']} av {example['n']} svarande" in row["sentence_sv"]


def test_direction_and_within_company_findings_follow_the_estimates(sample, findings):
    from metrics.analytics import panel

    t = sample.tables
    values = relations.metric_values(t["service_scores"], t["commercial"], t["employer"])
    estimates = panel.cross_lagged(values, t["companies"], "servicescore", "revenue_growth_pct")
    row = findings.filter(pl.col("key") == "direction_growth").row(0, named=True)
    assert row["value"] == pytest.approx(estimates["beta"][0])
    assert row["strength"] == estimates["verdict"][0] == "service_leads"
    assert row["sentence_en"].endswith("The timing fits service leading.")
    within = findings.filter(pl.col("key") == "within_company").row(0, named=True)
    fe = panel.within_company(values, t["companies"], "servicescore", "ebit_margin_pct")
    assert f"EBIT margin {fe['beta']:+.2f}" in within["sentence_en"]


def test_without_sd_the_sentences_say_there_is_no_margin():
    """Degrade honestly: no '± 0' or '± ?' where the data give no standard deviation."""
    from tests.conftest import tiny_tables

    tables = tiny_tables()
    tables["service_scores"] = tables["service_scores"].with_columns(
        sd=pl.lit(None, pl.Float64), metric_id=pl.lit("servicescore")
    )
    tables["companies"] = tables["companies"].with_columns(
        ownership=pl.lit("private"), is_monopoly=False
    )
    tables["industries"] = tables["industries"].with_columns(name_en=pl.lit(None, pl.String))
    tables["metrics"] = pl.DataFrame(
        {"metric_id": ["servicescore"], "label_en": ["S"], "label_sv": ["S"]}
    )
    out = key_findings(tables, company_id="a", reps=0)
    text = " ".join(out["sentence_en"]) + " ".join(out["sentence_sv"])
    assert "no margin of error: the data give no sd" in text and "ingen felmarginal" in text
    assert "± 0" not in text and "± ?" not in text
