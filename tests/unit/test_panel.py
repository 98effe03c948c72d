"""Which way it runs and whether it holds within a company: against statsmodels by hand, and the
effects planted in the sample (growth follows last year's service) recovered with their intervals."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm

from metrics.analytics import panel
from metrics.analytics import relations as R


@pytest.fixture(scope="module")
def values(sample):
    t = sample.tables
    return R.metric_values(t["service_scores"], t["commercial"], t["employer"]), t


def test_cross_lagged_is_the_clustered_regression_of_standardised_pairs(values):
    v, t = values
    out = panel.cross_lagged(v, t["companies"], "servicescore", "revenue_growth_pct")
    pairs = panel.panel_pairs(v, t["companies"], "servicescore", "revenue_growth_pct")
    z = {
        c: ((pairs[c] - pairs[c].mean()) / pairs[c].std(ddof=0)).to_numpy()
        for c in pairs.columns
        if c in ("s0", "o0", "s1", "o1")
    }
    _, groups = np.unique(pairs["company_id"].to_numpy(), return_inverse=True)
    fit = sm.OLS(z["o1"], sm.add_constant(np.column_stack([z["s0"], z["o0"]]))).fit(
        cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
    )
    lead = out.filter(pl.col("direction") == "service_leads").row(0, named=True)
    assert lead["beta"] == pytest.approx(fit.params[1]) and lead["se"] == pytest.approx(fit.bse[1])
    assert lead["n"] == pairs.height and lead["companies"] == pairs["company_id"].n_unique()
    # the pairs are consecutive years only: service t with growth t and t + 1
    assert (pairs["year"] + 1).is_in(pairs["year"].implode()).any()
    assert not pairs["year"].is_in([2019]).any()  # 2020 was cancelled: no pair from 2019


def test_planted_direction_is_recovered_on_the_sample(values):
    """The generator plants growth on last year's service and nothing the other way: the
    service-leads coefficient is clearly positive, the other near zero, and the verdict says so."""
    v, t = values
    out = panel.cross_lagged(v, t["companies"], "servicescore", "revenue_growth_pct")
    by = {r["direction"]: r for r in out.iter_rows(named=True)}
    lead, back = by["service_leads"], by["outcome_leads"]
    assert lead["beta"] == pytest.approx(0.14, abs=0.06) and 0.02 < lead["se"] < 0.04
    assert abs(back["beta"]) < 0.03 and back["se"] < 0.02
    assert lead["ci_low"] > back["ci_high"]
    assert out["verdict"][0] == "service_leads"


def test_direction_turns_with_the_roles(values):
    """Swap what is called service and what is called the outcome: the verdict must swap too."""
    v, t = values
    out = panel.cross_lagged(v, t["companies"], "revenue_growth_pct", "servicescore")
    by = {r["direction"]: r for r in out.iter_rows(named=True)}
    assert out["verdict"][0] == "outcome_leads"
    straight = panel.cross_lagged(v, t["companies"], "servicescore", "revenue_growth_pct")
    assert by["outcome_leads"]["beta"] == pytest.approx(straight["beta"][0])


def test_cannot_tell_when_intervals_overlap():
    def row(direction, beta, low, high):
        return {"direction": direction, "beta": beta, "ci_low": low, "ci_high": high}

    overlap = pl.DataFrame(
        [row("service_leads", 0.1, 0.02, 0.18), row("outcome_leads", 0.05, 0.0, 0.1)]
    )
    assert panel.direction(overlap) == "cannot_tell"
    apart = pl.DataFrame(
        [row("service_leads", 0.1, 0.06, 0.14), row("outcome_leads", 0.0, -0.02, 0.02)]
    )
    assert panel.direction(apart) == "service_leads"
    below_zero = pl.DataFrame(
        [row("service_leads", -0.1, -0.14, -0.06), row("outcome_leads", -0.3, -0.4, -0.2)]
    )
    assert panel.direction(below_zero) == "cannot_tell"  # neither interval above zero
    missing = pl.DataFrame(
        [row("service_leads", None, None, None), row("outcome_leads", 0.1, 0.0, 0.2)]
    )
    assert panel.direction(missing) == "insufficient"


def test_too_few_companies_give_no_estimate(values):
    v, t = values
    few = t["companies"].filter(pl.col("industry_id") == "telekom").head(4)
    out = panel.cross_lagged(v, few, "servicescore", "revenue_growth_pct")
    assert out["beta"].null_count() == 2 and out["verdict"][0] == "insufficient"
    assert panel.within_company(v, few, "servicescore", "ebit_margin_pct")["beta"] is None


def test_within_company_is_two_way_fixed_effects_by_hand():
    """Company and year dummies in a plain OLS give the same slope as the demeaned regression."""
    rng = np.random.default_rng(5)
    rows = []
    for c in range(30):
        level = rng.normal(70, 5)
        for year in range(2013, 2020):
            s = level + rng.normal(0, 2)
            rows += [(f"c{c}", year, "servicescore", s)]
            rows += [
                (f"c{c}", year + 1, "enps", 0.5 * s - 0.4 * level + year - 2000 + rng.normal())
            ]
    values = pl.DataFrame(rows, schema=["company_id", "year", "metric_id", "value"], orient="row")
    companies = pl.DataFrame(
        {"company_id": [f"c{c}" for c in range(30)], "name": [f"C{c}" for c in range(30)]}
    ).with_columns(industry_id=pl.lit("x"), ownership=pl.lit("private"), is_monopoly=False)
    fe = panel.within_company(values, companies, "servicescore", "enps", lag=1)
    data = R.relation_data(values, companies, "servicescore", "enps", lag=1)
    dummies = data.to_dummies(["company_id", "year"], drop_first=True)
    design = sm.add_constant(
        dummies.select("x", pl.selectors.starts_with("company_id_", "year_")).to_numpy()
    )
    ref = sm.OLS(data["y"].to_numpy(), design).fit()
    assert fe["beta"] == pytest.approx(ref.params[1])
    assert fe["beta"] == pytest.approx(0.5, abs=0.1)  # the level's own effect (−0.4) is absorbed
    assert fe["companies"] == 30 and fe["n"] == 30 * 7


def test_within_company_recovers_the_planted_growth(large):
    """Growth is planted at 7·0.15 points per SD of the true score a year earlier; within a
    company, the observed score's year-to-year noise attenuates the slope by the within-company
    reliability the generator reports."""
    v, t, planted = large
    fe = panel.within_company(v, t["companies"], "servicescore", "revenue_growth_pct", lag=1)
    expected = (
        planted["spread"]["revenue_growth_pct"]
        * planted["revenue_growth_pct_next_year"]
        / planted["latent_sd"]
        * planted["within_reliability"]
    )
    assert abs(fe["beta"] - expected) < 2.5 * fe["se"], (fe, expected)
    assert fe["ci_low"] > 0


def test_relation_levels_side_by_side(values):
    v, t = values
    levels = panel.relation_levels(v, t["companies"], "servicescore", "ebit_margin_pct", reps=200)
    assert levels["level"].to_list() == ["pooled", "within_industry", "within_company"]
    pooled = R.relation(v, t["companies"], "servicescore", "ebit_margin_pct", reps=200)
    assert levels["estimate"][0] == pytest.approx(pooled["pearson_r"][0])
    assert levels["ci_low"][0] == pytest.approx(pooled["pearson_boot_low"][0])
    fe = panel.within_company(v, t["companies"], "servicescore", "ebit_margin_pct", lag=0)
    assert levels["estimate"][2] == pytest.approx(fe["beta"])
    one_wave = panel.relation_levels(
        v, t["companies"], "servicescore", "ebit_margin_pct", year=2024, reps=200
    )
    assert one_wave["estimate"][2] is None  # one wave cannot compare a company with itself


def tiny_panel() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Two industries of three companies, 2016–2019 (2018 without service), values by formula."""
    rows = []
    for c in range(6):
        for year in (2016, 2017, 2019):
            rows.append((f"c{c}", year, "servicescore", 60.0 + c + year % 10))
        for year in (2016, 2017, 2018, 2019):
            rows.append((f"c{c}", year, "ebit_margin_pct", float((3 * c + year) % 7)))
    values = pl.DataFrame(rows, schema=["company_id", "year", "metric_id", "value"], orient="row")
    companies = pl.DataFrame(
        {
            "company_id": [f"c{c}" for c in range(6)],
            "name": [f"C{c}" for c in range(6)],
            "industry_id": ["a", "a", "a", "b", "b", "b"],
            "ownership": ["private"] * 5 + ["state_owned"],
            "is_monopoly": [False] * 5 + [True],
        }
    )
    return values, companies


def test_panel_pairs_are_exactly_this_year_and_the_next():
    values, companies = tiny_panel()
    pairs = panel.panel_pairs(values, companies, "servicescore", "ebit_margin_pct")
    # 2016 -> 2017 only: 2017 -> 2018 has no service in 2018, 2019 has no 2020; c5 a monopoly
    assert pairs["year"].to_list() == [2016] * 5
    assert pairs["company_id"].to_list() == ["c0", "c1", "c2", "c3", "c4"]
    c3 = pairs.filter(pl.col("company_id") == "c3").row(0, named=True)
    assert (c3["s0"], c3["s1"]) == (60.0 + 3 + 6, 60.0 + 3 + 7)
    assert (c3["o0"], c3["o1"]) == (float((9 + 2016) % 7), float((9 + 2017) % 7))
    with_all = panel.panel_pairs(
        values, companies, "servicescore", "ebit_margin_pct", exclude_no_link=False
    )
    assert with_all.height == 6
    one = panel.panel_pairs(values, companies, "servicescore", "ebit_margin_pct", industries=["b"])
    assert one["company_id"].to_list() == ["c3", "c4"]
    assert panel.panel_pairs(
        values, companies, "servicescore", "ebit_margin_pct", year=2017
    ).is_empty()
    within = panel.panel_pairs(
        values,
        companies,
        "servicescore",
        "ebit_margin_pct",
        mode="within_industry",
        exclude_no_link=False,
    )
    # z-scores within industry and year: each industry's s0 has mean 0 and sd 1
    stats = within.group_by("industry_id").agg(m=pl.col("s0").mean(), s=pl.col("s0").std())
    assert stats.height == 2 and stats["m"].abs().max() < 1e-9
    assert (stats["s"] - 1).abs().max() < 1e-9


def test_relation_levels_pass_every_filter_on(values):
    v, t = values
    args = dict(exclude_no_link=False, industries=["bank", "telekom", "energi"])
    levels = panel.relation_levels(
        v, t["companies"], "servicescore", "enps", lag=1, reps=200, **args
    )
    for row, mode in zip(levels.iter_rows(named=True), ("pooled", "within_industry"), strict=False):
        own = R.relation(
            v,
            t["companies"],
            "servicescore",
            "enps",
            1,
            mode=mode,
            reps=200,
            spearman=False,
            **args,
        ).row(0, named=True)
        assert row["level"] == mode
        assert (row["estimate"], row["ci_low"], row["ci_high"]) == (
            pytest.approx(own["pearson_r"]),
            pytest.approx(own["pearson_boot_low"]),
            pytest.approx(own["pearson_boot_high"]),
        )
        assert (row["n"], row["companies"]) == (own["n"], own["clusters"])
    fe = panel.within_company(v, t["companies"], "servicescore", "enps", 1, **args)
    last = levels.row(2, named=True)
    assert last["level"] == "within_company"
    assert (last["estimate"], last["ci_low"], last["ci_high"], last["n"], last["companies"]) == (
        pytest.approx(fe["beta"]),
        pytest.approx(fe["ci_low"]),
        pytest.approx(fe["ci_high"]),
        fe["n"],
        fe["companies"],
    )
    assert levels.schema == pl.Schema(panel.LEVEL_SCHEMA)
    one_wave = panel.relation_levels(v, t["companies"], "servicescore", "enps", year=2019, reps=200)
    assert one_wave.row(2) == ("within_company", None, None, None, 0, 0)
    assert (
        one_wave["n"][0]
        == R.relation_data(v, t["companies"], "servicescore", "enps", year=2019).height
    )


def test_cross_lagged_follows_mode_industries_and_wave(values):
    v, t = values
    pooled = panel.cross_lagged(v, t["companies"], "servicescore", "revenue_growth_pct")
    within = panel.cross_lagged(
        v, t["companies"], "servicescore", "revenue_growth_pct", "within_industry"
    )
    pairs = panel.panel_pairs(
        v, t["companies"], "servicescore", "revenue_growth_pct", "within_industry"
    )
    z = {
        c: ((pairs[c] - pairs[c].mean()) / pairs[c].std(ddof=0)).to_numpy()
        for c in ("s0", "o0", "o1")
    }
    _, groups = np.unique(pairs["company_id"].to_numpy(), return_inverse=True)
    fit = sm.OLS(z["o1"], sm.add_constant(np.column_stack([z["s0"], z["o0"]]))).fit(
        cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
    )
    assert within["beta"][0] == pytest.approx(fit.params[1]) != pytest.approx(pooled["beta"][0])
    assert within["ci_low"][0] == pytest.approx(fit.conf_int(0.05)[1][0])
    assert within["p"][0] == pytest.approx(fit.pvalues[1])
    assert (within["mode"][0], within["service_metric"][0], within["outcome_metric"][0]) == (
        "within_industry",
        "servicescore",
        "revenue_growth_pct",
    )
    some = panel.cross_lagged(
        v,
        t["companies"],
        "servicescore",
        "revenue_growth_pct",
        industries=["bank", "telekom", "energi"],
    )
    assert some["companies"][0] == some["companies"][1] < pooled["companies"][0]
    assert (
        some["n"][0]
        == panel.panel_pairs(
            v,
            t["companies"],
            "servicescore",
            "revenue_growth_pct",
            industries=["bank", "telekom", "energi"],
        ).height
    )
    wave = panel.cross_lagged(v, t["companies"], "servicescore", "revenue_growth_pct", year=2016)
    assert wave["n"][0] == wave["companies"][0] > 100  # one pair per company: 2016 -> 2017
    everyone = panel.cross_lagged(
        v, t["companies"], "servicescore", "revenue_growth_pct", exclude_no_link=False
    )
    assert everyone["n"][0] > pooled["n"][0]
    assert pooled.columns == [
        "direction",
        *panel.ESTIMATE_SCHEMA,
        "verdict",
        "service_metric",
        "outcome_metric",
        "mode",
    ]


def small_panel(
    companies: int, years: int = 6, constant: bool = False
) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = np.random.default_rng(companies)
    rows = []
    for c in range(companies):
        level = rng.normal(70, 5)
        for year in range(2010, 2010 + years):
            s = level if constant else level + rng.normal(0, 2)
            rows += [
                (f"c{c}", year, "servicescore", s),
                (f"c{c}", year, "enps", 0.5 * s + rng.normal()),
            ]
    values = pl.DataFrame(rows, schema=["company_id", "year", "metric_id", "value"], orient="row")
    info = pl.DataFrame({"company_id": [f"c{c}" for c in range(companies)]}).with_columns(
        name=pl.col("company_id"),
        industry_id=pl.lit("x"),
        ownership=pl.lit("private"),
        is_monopoly=False,
    )
    return values, info


def test_ten_companies_are_enough_nine_are_not():
    assert panel.MIN_COMPANIES == 10
    for k, enough in ((10, True), (9, False)):
        v, c = small_panel(k)
        cl = panel.cross_lagged(v, c, "servicescore", "enps")
        fe = panel.within_company(v, c, "servicescore", "enps")
        assert (cl["beta"].null_count() == 0) is enough and (fe["beta"] is not None) is enough
        assert cl["companies"][0] == fe["companies"] == k
        assert cl["n"][0] == k * 5 and fe["n"] == k * 5  # the year after: five pairs each


def test_within_company_counts_companies_measured_twice_or_more():
    v, c = small_panel(12, years=3)
    # c0 measured once only (its later years dropped): it cannot be compared with itself
    v = v.filter(~((pl.col("company_id") == "c0") & (pl.col("year") > 2010)))
    fe = panel.within_company(v, c, "servicescore", "enps", lag=0)
    assert fe["companies"] == 11 and fe["n"] == 11 * 3
    assert panel.within_company(v, c, "servicescore", "enps")["n"] == 11 * 2  # lag 1 by default


def test_no_within_company_change_no_estimate():
    v, c = small_panel(12, constant=True)
    fe = panel.within_company(v, c, "servicescore", "enps", lag=0)
    assert fe["beta"] is None and fe["n"] == 12 * 6 and fe["companies"] == 12


def test_direction_at_the_boundaries():
    def frame(lead, back):
        return pl.DataFrame(
            [
                {
                    "direction": "service_leads",
                    "beta": sum(lead) / 2,
                    "ci_low": lead[0],
                    "ci_high": lead[1],
                },
                {
                    "direction": "outcome_leads",
                    "beta": sum(back) / 2,
                    "ci_low": back[0],
                    "ci_high": back[1],
                },
            ]
        )

    assert panel.direction(frame((0.0, 0.2), (-0.3, -0.1))) == "cannot_tell"  # not above zero
    assert panel.direction(frame((0.1, 0.2), (0.0, 0.1))) == "cannot_tell"  # touching intervals
    assert panel.direction(frame((0.01, 0.2), (-0.1, 0.0))) == "service_leads"
    assert panel.direction(frame((-0.3, -0.1), (0.0, 0.2))) == "cannot_tell"
    assert panel.direction(frame((0.0, 0.1), (0.1, 0.2))) == "cannot_tell"
    assert panel.direction(frame((-0.1, 0.0), (0.01, 0.2))) == "outcome_leads"
    assert panel.direction(frame((-0.1, 0.05), (0.01, 0.2))) == "cannot_tell"
    assert (
        panel.direction(
            pl.DataFrame(
                [{"direction": "service_leads", "beta": 0.1, "ci_low": 0.05, "ci_high": 0.2}]
            )
        )
        == "insufficient"
    )
