"""Anonymised names: stable labels by industry, ours kept, ids and organisation numbers replaced."""

from __future__ import annotations

import polars as pl

from metrics.analytics.findings import key_findings
from metrics.text.anonymise import anonymise, anonymous_names, letters


def test_letters_run_like_spreadsheet_columns():
    assert [letters(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_labels_are_stable_and_keep_ours(sample):
    t = sample.tables
    first = anonymise(t, keep="tele-03")
    again = anonymise(t, keep="tele-03")
    assert first["companies"].equals(again["companies"])
    companies = first["companies"]
    ours = companies.filter(pl.col("company_id") == "tele-03").row(0, named=True)
    assert ours["name"] == "Havängs Telekom" and ours["org_nr"] is not None
    others = companies.filter(pl.col("company_id") != "tele-03")
    assert others["org_nr"].null_count() == others.height
    assert "Telekom A" in set(others["name"]) and "Apotek B" in set(others["name"])
    assert companies["name"].n_unique() == companies.height
    real = set(t["companies"]["name"]) - {"Havängs Telekom"}
    assert not real & set(companies["name"])


def test_every_table_uses_the_anonymous_ids(sample):
    t = anonymise(sample.tables, keep=None)
    real_ids = set(sample.tables["companies"]["company_id"])
    for name, table in t.items():
        if "company_id" in table.columns:
            assert not real_ids & set(table["company_id"].unique()), name
    # the analytics still join: every score belongs to a known company
    assert set(t["service_scores"]["company_id"]) <= set(t["companies"]["company_id"])


def test_the_labels_are_the_same_whoever_is_ours(sample):
    a = anonymous_names(sample.tables["companies"], sample.tables["industries"])
    mapping = dict(a.select("company_id", "anon_name").iter_rows())
    kept = anonymise(sample.tables, keep="bank-01")["companies"]
    other = kept.filter(pl.col("name") == mapping["bank-02"])
    assert other.height == 1


def test_findings_never_name_another_company(sample):
    t = anonymise(sample.tables, keep="tele-03")
    found = key_findings(t, company_id="tele-03", year=2025, reps=200)
    text = " ".join(found["sentence_en"].to_list() + found["sentence_sv"].to_list())
    real = set(sample.tables["companies"]["name"]) - {"Havängs Telekom"}
    assert "Havängs Telekom" in text
    assert not [n for n in real if n in text]


def test_a_bootstrap_interval_does_not_depend_on_names_or_row_order():
    """One number everywhere: renaming the companies (as anonymising does) or reordering the rows
    leaves every bootstrap interval as it was (the replicates are drawn by values, not labels)."""
    import numpy as np

    from metrics.analytics.stats import correlate, median_difference

    rng = np.random.default_rng(7)
    companies = np.repeat([f"c{i:02d}" for i in range(30)], 3)
    x = rng.normal(size=companies.size)
    y = 0.4 * x + rng.normal(size=companies.size)
    renamed = np.array([f"anon-{999 - int(c[1:])}" for c in companies])  # another sort order
    shuffle = rng.permutation(companies.size)
    named = correlate(x, y, companies, reps=400)
    anonymous = correlate(x[shuffle], y[shuffle], renamed[shuffle], reps=400)
    assert named.pearson_boot_low is not None
    assert named == anonymous
    independent = correlate(x, y, reps=400)
    assert independent == correlate(x[shuffle], y[shuffle], reps=400)
    half = companies.size // 2
    first = median_difference(x[:half], x[half:], companies[:half], companies[half:], reps=300)
    second = median_difference(
        x[:half][::-1], x[half:][::-1], renamed[:half][::-1], renamed[half:][::-1], reps=300
    )
    assert first[1] is not None and first == second
