"""The sample benchmark: reproducible byte for byte, valid, and shaped like the domain brief says."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from metrics.sample import generate, write
from metrics.text import dictionary
from tests.conftest import SAMPLE_DIR


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    written = write(generate(), out)
    (out / "README.md").write_text(
        dictionary.render({p.name: p.stat().st_size for p in written}), encoding="utf-8"
    )
    return out


def test_sample_is_reproduced_byte_for_byte(regenerated: Path):
    committed = sorted(p.name for p in SAMPLE_DIR.iterdir() if p.is_file())
    assert committed == sorted(p.name for p in regenerated.iterdir())
    for name in committed:
        assert (SAMPLE_DIR / name).read_bytes() == (regenerated / name).read_bytes(), name


def test_sample_validates_without_errors(sample):
    assert sample.report.errors == 0, sample.report.to_text()
    facts = sample.facts()
    assert facts["industries"] >= 20 and 150 <= facts["companies"] <= 220
    assert facts["published waves"] == 11
    assert 200_000 <= facts["responses"] <= 500_000
    # realistic bases: a warning means something (a few low bases of the total score, nothing else)
    warnings = sample.report.to_frame().filter(pl.col("severity") == "warning")
    assert 20 <= warnings.height <= 100
    assert set(warnings.select("table", "column").iter_rows()) == {("service_scores", "n")}
    low = sample.tables["service_scores"].filter(pl.col("n") < 50)
    assert set(low["metric_id"]) == {"servicescore"} and low.height == warnings.height


def test_nobody_rates_a_company_twice_in_a_wave():
    responses = generate().tables["responses"]
    repeats = responses.group_by("year", "company_id", "respondent_id").len()
    assert repeats["len"].max() == 1
    panel = responses.group_by("year").agg(pl.col("respondent_id").n_unique())
    assert panel["respondent_id"].is_between(2900, 3000).all()  # about 3,000 people per wave


def test_effective_n_is_kish_of_the_weights(sample):
    """(Σw)²/Σw² of each company's valid ratings; weights around 1 cost a few per cent of n."""
    responses = (
        generate()
        .tables["responses"]
        .filter(pl.col("company_id") == "bank-01", pl.col("year") == 2019, pl.col("rating") <= 10)
    )
    w = responses["weight"]
    scores = sample.tables["service_scores"].filter(
        pl.col("company_id") == "bank-01",
        pl.col("year") == 2019,
        pl.col("metric_id") == "servicescore",
    )
    assert scores["n_eff"][0] == pytest.approx(w.sum() ** 2 / (w**2).sum(), abs=0.01)
    total = sample.tables["service_scores"].filter(pl.col("metric_id") == "servicescore")
    ratio = total["n_eff"] / total["n"]
    assert ratio.min() > 0.9 and ratio.max() <= 1.0


def test_sample_shape_follows_the_domain_brief(sample):
    scores = sample.tables["service_scores"].filter(pl.col("metric_id") == "servicescore")
    companies = sample.tables["companies"]
    assert 2020 not in scores["year"] and 2021 not in scores["year"]
    assert scores["n"].min() >= 15 and scores["n"].quantile(0.95) <= 450
    assert 100 <= scores["n"].median() <= 200
    assert 0.02 < (scores["n"] < 50).mean() < 0.25  # some low bases, not most
    by_industry = (
        scores.join(companies, on="company_id").group_by("industry_id").agg(pl.col("value").mean())
    ).sort("value")
    bottom = by_industry["industry_id"].head(4).to_list()
    assert "telekom" in bottom and "myndigheter" in bottom
    company_means = scores.group_by("company_id").agg(pl.col("value").mean())["value"]
    assert 4 < company_means.std() < 8
    assert 66 < company_means.mean() < 74


def test_sample_links_are_modest(sample):
    """Modest, not perfect: the planted values are checked exactly in the analytics tests."""
    scores = sample.tables["service_scores"].filter(pl.col("metric_id") == "servicescore")
    commercial = sample.tables["commercial"].with_columns(
        margin=pl.col("ebit_msek") / pl.col("revenue_msek") * 100
    )
    companies = sample.tables["companies"]
    joined = scores.join(
        commercial, left_on=["company_id", "year"], right_on=["company_id", "fiscal_year"]
    ).join(companies, on="company_id")
    normal = joined.filter(~pl.col("is_monopoly") & (pl.col("ownership") != "public_authority"))
    r = normal.select(pl.corr("value", "margin")).item()
    assert 0.15 <= r <= 0.4
    assert joined.filter(pl.col("ownership") == "public_authority")["margin"].null_count() > 0
    employer = sample.tables["employer"].filter(pl.col("metric_id") == "enps")
    enps = scores.join(employer, on=["company_id", "year"], suffix="_e")
    assert 0.2 <= enps.select(pl.corr("value", "value_e")).item() <= 0.45


def test_hidden_dissatisfaction_companies_exist(sample):
    """A few companies with a fine mean but a large minority in the bottom two boxes."""
    scores = sample.tables["service_scores"].filter(pl.col("metric_id") == "servicescore")
    hidden = scores.filter((pl.col("value") >= 65) & (pl.col("share_negative_pct") >= 15))
    assert 3 <= hidden["company_id"].n_unique() <= 8


def test_names_are_invented():
    companies = generate().tables["companies"]
    assert companies["name"].is_unique().all()
    for real in ("Telia", "Tele2", "Swedbank", "Handelsbanken", "SAS", "ICA", "Apoteket"):
        assert not companies["name"].str.contains(real).any()
