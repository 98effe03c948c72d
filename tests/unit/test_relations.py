"""The service-profit chain relations, against scipy and against the effects planted in a large
generated benchmark (10× the companies of the bundled sample)."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from scipy import stats as sps

from metrics.analytics import mirror
from metrics.analytics import relations as R
from metrics.analytics.stats import median_difference


def test_commercial_metrics_by_hand():
    commercial = pl.DataFrame(
        {
            "company_id": ["a", "a", "a", "a"],
            "fiscal_year": [2018, 2019, 2021, 2022],  # 2020 missing: no growth for 2021
            "revenue_msek": [100.0, 110.0, 150.0, 120.0],
            "ebit_msek": [10.0, 22.0, None, -6.0],
            "total_assets_msek": [200.0, 200.0, 200.0, 300.0],
        }
    )
    m = (
        R.commercial_metrics(commercial)
        .pivot(on="metric_id", index="year", values="value")
        .sort("year")
    )
    assert m["revenue_growth_pct"].to_list() == [
        None,
        pytest.approx(10.0),
        None,
        pytest.approx(-20.0),
    ]
    assert m["ebit_margin_pct"].to_list() == [10.0, 20.0, None, -5.0]
    assert m["roa_pct"].to_list() == [5.0, 11.0, None, -2.0]


def test_lag_pairs_service_in_t_with_outcome_in_t_plus_one():
    values = pl.DataFrame(
        {
            "company_id": ["a"] * 4,
            "year": [2019, 2020, 2019, 2022],
            "metric_id": ["servicescore", "enps", "enps", "servicescore"],
            "value": [70.0, 5.0, 1.0, 72.0],
        }
    )
    companies = pl.DataFrame(
        {
            "company_id": ["a"],
            "name": ["A"],
            "industry_id": ["x"],
            "ownership": ["private"],
            "is_monopoly": [False],
        }
    )
    same = R.relation_data(values, companies, "servicescore", "enps", lag=0)
    assert same.select("year", "x", "y").rows() == [(2019, 70.0, 1.0)]
    lagged = R.relation_data(values, companies, "servicescore", "enps", lag=1)
    assert lagged.select("year", "x", "y").rows() == [(2019, 70.0, 5.0)]


def test_relation_matches_scipy_on_its_own_points(sample):
    t = sample.tables
    values = R.metric_values(t["service_scores"], t["commercial"], t["employer"])
    points = R.relation_data(values, t["companies"], "servicescore", "enps")
    stats = R.relation(values, t["companies"], "servicescore", "enps", reps=200).row(0, named=True)
    assert stats["n"] == points.height
    assert stats["clusters"] == points["company_id"].n_unique()
    assert stats["pearson_r"] == pytest.approx(sps.pearsonr(points["x"], points["y"]).statistic)


def test_monopolies_left_out_of_commercial_relations_only(sample):
    t = sample.tables
    values = R.metric_values(t["service_scores"], t["commercial"], t["employer"])
    no_link = t["companies"].filter(
        pl.col("is_monopoly") | (pl.col("ownership") == "public_authority")
    )
    ids = set(no_link["company_id"])
    commercial = R.relation_data(values, t["companies"], "servicescore", "revenue_growth_pct")
    employer = R.relation_data(values, t["companies"], "servicescore", "enps")
    switched = R.relation_data(
        values, t["companies"], "servicescore", "revenue_growth_pct", exclude_no_link=False
    )
    assert not ids & set(commercial["company_id"])
    assert ids & set(employer["company_id"]) and ids & set(switched["company_id"])


def test_within_industry_values_are_z_scores(sample):
    t = sample.tables
    values = R.metric_values(t["service_scores"], t["commercial"], t["employer"])
    d = R.relation_data(values, t["companies"], "servicescore", "enps", mode="within_industry")
    g = d.group_by("industry_id", "year").agg(
        pl.col("x").mean().alias("m"), pl.col("x").std().alias("s")
    )
    assert g["m"].abs().max() < 1e-9 and (g["s"] - 1).abs().max() < 1e-9


def test_industry_level_uses_industry_means(sample):
    t = sample.tables
    values = R.metric_values(t["service_scores"], t["commercial"], t["employer"])
    d = R.relation_data(values, t["companies"], "servicescore", "enps", level="industry")
    assert d["industry_id"].n_unique() == 22 and d.height == 22 * 11
    stats = R.relation(values, t["companies"], "servicescore", "enps", level="industry", reps=200)
    assert stats["clusters"][0] == 22


@pytest.mark.parametrize(
    "metric",
    [
        "ebit_margin_pct",
        "enps",
        "staff_turnover_pct",
        "employer_attractiveness",
        "glassdoor_rating",
    ],
)
def test_planted_correlations_are_recovered(large, metric):
    values, t, planted = large
    stats = R.relation(values, t["companies"], "servicescore", metric, reps=500).row(0, named=True)
    # planted against the true score; the observed score correlates with the truth at about 0.93
    expected = planted[metric] * planted["measurement_attenuation"]
    assert abs(stats["pearson_r"] - expected) <= 0.05, (stats["pearson_r"], expected)


def test_intervals_cover_the_planted_values_at_their_rate(large):
    """A 95% interval should hold the true value about 19 times in 20: here at least 4 of 6."""
    values, t, planted = large
    covered = 0
    for metric, lag in [
        ("ebit_margin_pct", 0),
        ("enps", 0),
        ("staff_turnover_pct", 0),
        ("employer_attractiveness", 0),
        ("glassdoor_rating", 0),
        ("revenue_growth_pct", 1),
    ]:
        key = "revenue_growth_pct_next_year" if lag else metric
        expected = planted[key] * planted["measurement_attenuation"]
        s = R.relation(values, t["companies"], "servicescore", metric, lag=lag, reps=500).row(
            0, named=True
        )
        covered += s["pearson_boot_low"] <= expected <= s["pearson_boot_high"]
    assert covered >= 4


def test_monopolies_show_no_link(large):
    values, t, planted = large
    no_link = t["companies"].filter(
        pl.col("is_monopoly") | (pl.col("ownership") == "public_authority")
    )
    mono = R.relation(
        values, no_link, "servicescore", "ebit_margin_pct", exclude_no_link=False, reps=300
    )
    assert mono["clusters"][0] >= 10  # enough monopolies at ten times the sample for an interval
    assert (
        mono["pearson_boot_low"][0]
        <= planted["ebit_margin_pct_monopolies"]
        <= mono["pearson_boot_high"][0]
    )


def test_quartile_gap_by_hand():
    values = pl.DataFrame(
        {
            "company_id": [f"c{i}" for i in range(8)] * 2,
            "year": [2019] * 16,
            "metric_id": ["servicescore"] * 8 + ["enps"] * 8,
            "value": [50, 55, 60, 65, 70, 75, 80, 85, -10, -5, 0, 5, 10, 15, 20, 40],
        }
    ).with_columns(pl.col("value").cast(pl.Float64))
    companies = pl.DataFrame(
        {
            "company_id": [f"c{i}" for i in range(8)],
            "industry_id": ["x"] * 8,
            "ownership": ["private"] * 8,
            "is_monopoly": [False] * 8,
            "name": list("ABCDEFGH"),
        }
    )
    gap = R.quartile_gap(values, companies, ["enps"], "servicescore", reps=200).row(0, named=True)
    # quartiles of 8: bottom = the two lowest service scores, top = the two highest
    assert (gap["median_bottom"], gap["median_top"]) == (-7.5, 30.0)
    assert gap["difference"] == 37.5 and (gap["n_top"], gap["n_bottom"]) == (2, 2)
    # two companies per quartile: far too few for an interval, and none is given
    assert gap["ci_low"] is None and gap["ci_high"] is None


def test_quartile_gap_leaves_out_monopolies_of_commercial_outcomes():
    """A monopoly with the top service score and a huge margin would make the gap; it is not
    compared (and not counted in the quartiles), unless asked for."""
    n = 8
    values = pl.DataFrame(
        {
            "company_id": [f"c{i}" for i in range(n)] * 2,
            "year": [2019] * (2 * n),
            "metric_id": ["servicescore"] * n + ["ebit_margin_pct"] * n,
            "value": [50.0, 55, 60, 65, 70, 75, 80, 99] + [5.0] * (n - 1) + [60.0],
        }
    ).with_columns(pl.col("value").cast(pl.Float64))
    companies = pl.DataFrame(
        {
            "company_id": [f"c{i}" for i in range(n)],
            "industry_id": ["x"] * n,
            "ownership": ["private"] * (n - 1) + ["state_owned"],
            "is_monopoly": [False] * (n - 1) + [True],
            "name": list("ABCDEFGH"),
        }
    )
    out = R.quartile_gap(values, companies, ["ebit_margin_pct"], "servicescore", reps=0)
    assert out["difference"][0] == 0.0 and out["excludes_monopolies"][0]
    assert out["n_top"][0] + out["n_bottom"][0] == 4  # quartiles of the seven compared
    with_them = R.quartile_gap(
        values, companies, ["ebit_margin_pct"], "servicescore", exclude_no_link=False, reps=0
    )
    assert with_them["difference"][0] == pytest.approx((5.0 + 60.0) / 2 - 5.0)


def test_quartile_gap_on_the_large_panel(large):
    values, t, _ = large
    gap = R.quartile_gap(
        values, t["companies"], ["ebit_margin_pct", "staff_turnover_pct"], "servicescore", reps=300
    )
    margin, turnover = gap.row(0, named=True), gap.row(1, named=True)
    assert margin["difference"] > 0 and margin["ci_low"] > 0
    assert turnover["difference"] < 0 and turnover["ci_high"] < 0


def test_quadrants_and_movement():
    values = pl.DataFrame(
        {
            "company_id": ["a", "b", "c", "d"] * 4,
            "year": [2019] * 8 + [2022] * 8,
            "metric_id": (["servicescore"] * 4 + ["employer_rank"] * 4) * 2,
            "value": [
                80,
                80,
                60,
                60,
                1,
                50,
                1,
                50,  # 2019
                80,
                60,
                60,
                80,
                1,
                1,
                50,
                50,
            ],  # 2022
        }
    ).with_columns(pl.col("value").cast(pl.Float64))
    companies = pl.DataFrame(
        {"company_id": list("abcd"), "name": list("ABCD"), "industry_id": ["x"] * 4}
    )
    catalogue = pl.DataFrame({"metric_id": ["employer_rank"], "higher_is_better": [False]})
    q = mirror.quadrants(values, companies, catalogue, "employer_rank", "servicescore")
    assert q.columns[-2:] == ["quadrant", "employer_metric"] and set(q["employer_metric"]) == {
        "employer_rank"
    }
    assert q.select("year", "company_id").rows() == sorted(q.select("year", "company_id").rows())
    # a higher-is-better metric splits the other way: the company with rank 50 is now 'better'
    plain = mirror.quadrants(
        values,
        companies,
        catalogue.with_columns(higher_is_better=True),
        "employer_rank",
        "servicescore",
    )
    assert (
        dict(plain.filter(pl.col("year") == 2019).select("company_id", "quadrant").iter_rows())["b"]
        == "mirror_high"
    )
    # only the companies given take part
    assert set(
        mirror.quadrants(values, companies.head(2), catalogue, "employer_rank", "servicescore")[
            "company_id"
        ]
    ) == {"a", "b"}
    first = dict(q.filter(pl.col("year") == 2019).select("company_id", "quadrant").iter_rows())
    # a rank of 1 is the better employer: 'a' has good service and a top rank
    assert first == {
        "a": "mirror_high",
        "b": "service_only",
        "c": "employer_only",
        "d": "mirror_low",
    }
    moves = mirror.quadrant_movement(q, [2019, 2022])
    assert dict(moves.select("company_id", "to_quadrant").iter_rows())["d"] == "service_only"
    assert mirror.transition_counts(moves)["companies"].sum() == 4
    assert moves.columns == ["company_id", "name", "year", "from_quadrant", "to_quadrant"]
    assert moves.select("year", "company_id").rows() == sorted(
        moves.select("year", "company_id").rows()
    )
    counts = mirror.transition_counts(moves)
    pairs = counts.select("from_quadrant", "to_quadrant").rows()
    assert pairs == sorted(pairs) and len(pairs) == len(set(pairs))


def test_correlation_matrix_cells_are_the_relations_of_each_pair(sample):
    """Each cell is that pair's own relation: the same points, exclusions and interval as the
    chart of that pair (monopolies out only where a commercial metric is involved)."""
    t = sample.tables
    values = R.metric_values(t["service_scores"], t["commercial"], t["employer"])
    metrics = ["servicescore", "enps", "ebit_margin_pct"]
    m = R.correlation_matrix(values, t["companies"], metrics, year=2024, reps=300)
    assert m.height == 9
    cell = lambda a, b: m.filter(pl.col("x_metric") == a, pl.col("y_metric") == b).row(  # noqa: E731
        0, named=True
    )
    for a, b in (("servicescore", "enps"), ("servicescore", "ebit_margin_pct")):
        own = R.relation(values, t["companies"], a, b, year=2024, reps=300).row(0, named=True)
        assert (cell(a, b)["r"], cell(a, b)["n"]) == (pytest.approx(own["pearson_r"]), own["n"])
        assert cell(a, b)["low"] == pytest.approx(own["pearson_boot_low"])
        assert cell(b, a)["r"] == pytest.approx(cell(a, b)["r"])
    assert not cell("servicescore", "enps")["excludes_monopolies"]
    assert cell("servicescore", "ebit_margin_pct")["excludes_monopolies"]
    # eNPS with service keeps the monopolies and authorities, eNPS with margin does not
    assert cell("servicescore", "enps")["n"] > cell("enps", "ebit_margin_pct")["n"]
    assert [cell(a, a)["r"] for a in metrics] == pytest.approx([1.0] * 3)
    assert m.columns == [
        "x_metric",
        "y_metric",
        "n",
        "companies",
        "r",
        "low",
        "high",
        "p",
        "excludes_monopolies",
    ]
    assert m.schema["n"] == pl.Int64 and m.schema["r"] == pl.Float64
    own = R.relation(values, t["companies"], "servicescore", "enps", year=2024, reps=300).row(
        0, named=True
    )
    c = cell("servicescore", "enps")
    assert (c["high"], c["p"], c["companies"]) == (
        pytest.approx(own["pearson_boot_high"]),
        pytest.approx(own["pearson_p"]),
        own["clusters"],
    )
    diagonal = m.filter(pl.col("x_metric") == pl.col("y_metric"))
    assert diagonal.select("low", "high", "p").null_count().row(0) == (3, 3, 3)
    # the industries filter reaches every cell
    some = R.correlation_matrix(
        values, t["companies"], metrics, ["bank", "telekom"], 2024, reps=300
    )
    banks = R.relation(
        values,
        t["companies"],
        "servicescore",
        "enps",
        year=2024,
        industries=["bank", "telekom"],
        reps=300,
    ).row(0, named=True)
    found = some.filter(pl.col("x_metric") == "servicescore", pl.col("y_metric") == "enps").row(
        0, named=True
    )
    assert (found["n"], found["r"]) == (banks["n"], pytest.approx(banks["pearson_r"]))


def test_filters_reach_the_statistics(sample):
    """The statistics of a relation are those of the points under the same filters."""
    t = sample.tables
    values = R.metric_values(t["service_scores"], t["commercial"], t["employer"])
    points = R.relation_data(
        values, t["companies"], "servicescore", "ebit_margin_pct", industries=["telekom"]
    )
    stats = R.relation(
        values, t["companies"], "servicescore", "ebit_margin_pct", industries=["telekom"], reps=200
    ).row(0, named=True)
    assert set(points["industry_id"]) == {"telekom"}
    assert stats["n"] == points.height and stats["clusters"] == points["company_id"].n_unique()
    assert stats["pearson_r"] == pytest.approx(sps.pearsonr(points["x"], points["y"]).statistic)
    one_wave = R.relation(
        values, t["companies"], "servicescore", "ebit_margin_pct", year=2025, reps=200
    ).row(0, named=True)
    wave_points = R.relation_data(
        values, t["companies"], "servicescore", "ebit_margin_pct", year=2025
    )
    assert one_wave["n"] == wave_points.height == wave_points["company_id"].n_unique()
    assert one_wave["pearson_low"] is not None  # one wave: each company once, Fisher z applies


def test_quartile_gap_resamples_companies_not_company_years():
    """Twelve companies over ten identical years: three per quartile. Resampling company-years
    would pretend to thirty observations and give an interval; three companies give none."""
    companies = pl.DataFrame(
        {
            "company_id": [f"c{i:02d}" for i in range(12)],
            "name": [f"C{i}" for i in range(12)],
            "industry_id": ["x"] * 12,
            "ownership": ["private"] * 12,
            "is_monopoly": [False] * 12,
        }
    )
    rows = []
    for i in range(12):
        for year in range(2010, 2020):
            rows += [
                (f"c{i:02d}", year, "servicescore", 50.0 + i),
                (f"c{i:02d}", year, "enps", float(i)),
            ]
    values = pl.DataFrame(rows, schema=["company_id", "year", "metric_id", "value"], orient="row")
    gap = R.quartile_gap(values, companies, ["enps"], "servicescore", reps=300).row(0, named=True)
    assert (gap["n_top"], gap["companies_top"]) == (30, 3)
    assert gap["difference"] == 9.0 and gap["ci_low"] is None and gap["ci_high"] is None


def test_service_quartiles_within_industry_and_year():
    """Two industries, one far better: pooled, its companies fill the top; within industries,
    each industry has its own top and bottom."""
    rows = []
    for year in (2019, 2022):
        for i in range(8):
            rows.append((f"a{i}", year, "servicescore", 80.0 + i))
            rows.append((f"b{i}", year, "servicescore", 50.0 + i))
    values = pl.DataFrame(rows, schema=["company_id", "year", "metric_id", "value"], orient="row")
    companies = pl.DataFrame(
        {
            "company_id": [f"{g}{i}" for g in "ab" for i in range(8)],
            "name": [f"{g}{i}" for g in "ab" for i in range(8)],
            "industry_id": ["a"] * 8 + ["b"] * 8,
            "ownership": ["private"] * 16,
            "is_monopoly": [False] * 16,
        }
    )
    pooled = R.service_quartiles(values, companies, "servicescore")
    within = R.service_quartiles(values, companies, "servicescore", within_industry=True)
    top = lambda q: set(q.filter(pl.col("quartile") == 4, pl.col("year") == 2019)["company_id"])  # noqa: E731
    assert top(pooled) == {"a4", "a5", "a6", "a7"}
    assert top(within) == {"a6", "a7", "b6", "b7"}
    assert (
        within.filter(pl.col("year") == 2022)["quartile"].value_counts()["count"].to_list()
        == [4] * 4
    )
    assert pooled.columns == [
        "company_id",
        "year",
        "industry_id",
        "ownership",
        "is_monopoly",
        "service",
        "quartile",
    ]
    assert sorted(pooled["quartile"].unique().to_list()) == [1, 2, 3, 4]
    # only the companies given
    assert set(R.service_quartiles(values, companies.head(8), "servicescore")["industry_id"]) == {
        "a"
    }


def quartile_case() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Industries a and b of eight companies each; service in 2019 and 2022; eNPS in the same and
    the following years, each by its own formula, so every choice shows in the answer."""
    rows = []
    for g, base, out in (("a", 60.0, 100.0), ("b", 70.0, 200.0)):
        for i in range(8):
            c = f"{g}{i}"
            rows += [(c, 2019, "servicescore", base + i), (c, 2022, "servicescore", base + i)]
            rows += [
                (c, 2019, "enps", out + i),
                (c, 2020, "enps", 10.0 * i + (1000 if g == "b" else 0)),
            ]
            rows += [(c, 2022, "enps", -float(i)), (c, 2023, "enps", 5.0 * i)]
    values = pl.DataFrame(rows, schema=["company_id", "year", "metric_id", "value"], orient="row")
    companies = pl.DataFrame(
        {
            "company_id": [f"{g}{i}" for g in "ab" for i in range(8)],
            "name": [f"{g}{i}" for g in "ab" for i in range(8)],
            "industry_id": ["a"] * 8 + ["b"] * 8,
            "ownership": ["private"] * 16,
            "is_monopoly": [False] * 16,
        }
    )
    return values, companies


def test_quartile_gap_follows_lag_industries_wave_and_mode():
    values, companies = quartile_case()

    def gap(**kw):
        return R.quartile_gap(values, companies, ["enps"], "servicescore", reps=0, **kw).row(
            0, named=True
        )

    one = gap(lag=1, industries=["a"], year=2019)  # top a6, a7 (60, 70 next year); bottom a0, a1
    assert (one["median_top"], one["median_bottom"], one["difference"]) == (65.0, 5.0, 60.0)
    assert (one["n_top"], one["n_bottom"], one["years"], one["lag"]) == (2, 2, 1, 1)
    within = gap(within_industry=True, year=2019)  # each industry's own top and bottom
    assert (within["median_top"], within["median_bottom"]) == ((107 + 206) / 2, (101 + 200) / 2)
    assert within["within_industry"] is True
    pooled = gap(year=2019)  # the b companies fill the top
    assert (pooled["median_top"], pooled["median_bottom"]) == (205.5, 101.5)
    assert gap()["years"] == 2 and gap()["n_top"] == 8
    assert gap(lag=1)["median_top"] == pytest.approx(
        np.median([1040, 1050, 1060, 1070, 20, 25, 30, 35])
    )


def test_quartile_gap_interval_is_the_company_bootstrap():
    rng = np.random.default_rng(4)
    rows, ids = [], [f"c{i:02d}" for i in range(48)]
    for i, c in enumerate(ids):
        quality = rng.normal()
        for year in (2019, 2022, 2023):
            rows += [(c, year, "servicescore", 70 + 5 * quality + rng.normal())]
            rows += [(c, year, "enps", 10 * quality + 5 * rng.normal() + (i % 3))]
    values = pl.DataFrame(rows, schema=["company_id", "year", "metric_id", "value"], orient="row")
    companies = pl.DataFrame({"company_id": ids}).with_columns(
        name=pl.col("company_id"),
        industry_id=pl.lit("x"),
        ownership=pl.lit("private"),
        is_monopoly=False,
    )
    gap = R.quartile_gap(values, companies, ["enps"], "servicescore", reps=400).row(0, named=True)
    q = R.service_quartiles(values, companies, "servicescore").join(
        values.filter(pl.col("metric_id") == "enps").select("company_id", "year", outcome="value"),
        on=["company_id", "year"],
    )
    top, bottom = q.filter(pl.col("quartile") == 4), q.filter(pl.col("quartile") == 1)
    expected = median_difference(
        top["outcome"].to_numpy(),
        bottom["outcome"].to_numpy(),
        top["company_id"].to_numpy(),
        bottom["company_id"].to_numpy(),
        reps=400,
    )
    assert (gap["difference"], gap["ci_low"], gap["ci_high"]) == pytest.approx(expected)
    assert gap["companies_top"] >= 10 and gap["n_top"] > gap["companies_top"]
