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
