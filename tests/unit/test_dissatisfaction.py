"""Hidden dissatisfaction: shares and polarisation by hand; the planted companies found, few others."""

from __future__ import annotations

import polars as pl
import pytest

from metrics.analytics import dissatisfaction as D
from metrics.sample import generate


def responses(company: str, ratings: list[int], scale: int = 5, year: int = 2022) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "respondent_id": [str(i) for i in range(len(ratings))],
            "year": [year] * len(ratings),
            "company_id": [company] * len(ratings),
            "metric_id": ["servicescore"] * len(ratings),
            "rating": ratings,
            "scale_points": [scale] * len(ratings),
        }
    )


COMPANIES = pl.DataFrame(
    {
        "company_id": ["split", "calm", "low"],
        "name": ["S", "C", "L"],
        "industry_id": ["x", "x", "x"],
    }
)


def test_shares_and_polarisation_by_hand():
    data = pl.concat(
        [
            responses("split", [1, 1, 5, 5]),  # half at each end: polarisation 1
            responses("calm", [4, 4, 4, 4]),  # everyone agrees: polarisation 0
            responses("low", [2, 3, 3, 98]),  # 98 = don't know, left out
        ]
    )
    flags = D.dissatisfaction(data, COMPANIES, "servicescore")
    out = {r["company_id"]: r for r in flags.iter_rows(named=True)}
    assert out["split"]["share_dissatisfied_pct"] == 50.0 and out["split"]["polarisation"] == 1.0
    assert out["split"]["n_dissatisfied"] == 2
    assert out["calm"]["share_dissatisfied_pct"] == 0.0 and out["calm"]["polarisation"] == 0.0
    assert out["calm"]["share_satisfied_pct"] == 100.0
    assert out["low"]["n"] == 3 and out["low"]["mean"] == pytest.approx((25 + 50 + 50) / 3)
    # 'split' has mean 50 (the industry median) and the top share, but it is two people: no flag
    assert out["split"]["hidden_dissatisfaction"] is False
    assert out["calm"]["hidden_dissatisfaction"] is False


def test_the_share_has_its_wilson_interval_on_the_effective_n():
    from statsmodels.stats.proportion import proportion_confint

    data = responses("split", [1] * 12 + [5] * 28)
    plain = D.dissatisfaction(data, COMPANIES, "servicescore").row(0, named=True)
    low, high = proportion_confint(12, 40, alpha=0.05, method="wilson")
    assert plain["n_dissatisfied"] == 12 and plain["n_effective"] == 40
    assert (plain["dissatisfied_low_pct"], plain["dissatisfied_high_pct"]) == (
        pytest.approx(100 * low),
        pytest.approx(100 * high),
    )
    scores = pl.DataFrame(
        {"company_id": ["split"], "year": [2022], "metric_id": ["servicescore"], "n": [40]}
    ).with_columns(n_eff=pl.lit(20.0))
    kish = D.dissatisfaction(data, COMPANIES, "servicescore", scores).row(0, named=True)
    low20, _ = proportion_confint(6, 20, alpha=0.05, method="wilson")  # same share, n_eff 20
    assert kish["dissatisfied_low_pct"] == pytest.approx(100 * low20)


def test_a_flag_needs_enough_people_and_a_share_clear_of_the_cut():
    """Twelve of forty very unhappy behind a fine mean, among ten ordinary peers: flagged. The same
    share among ten people is a handful, not a minority the sampling error can vouch for."""
    peers = [f"p{i}" for i in range(10)]
    companies = pl.DataFrame(
        {"company_id": ["split", *peers], "name": ["S", *peers], "industry_id": ["x"] * 11}
    )

    def flags(size: int) -> dict:
        unhappy = size * 3 // 10
        data = pl.concat(
            [responses("split", [1] * unhappy + [5] * (size - unhappy))]
            + [responses(p, [1] * (size // 20) + [3] * (size - size // 20)) for p in peers]
        )
        out = D.dissatisfaction(data, companies, "servicescore")
        return {r["company_id"]: r for r in out.iter_rows(named=True)}

    many = flags(40)
    assert many["split"]["hidden_dissatisfaction"] is True
    assert many["split"]["n_dissatisfied"] == 12 and many["split"]["dissatisfied_low_pct"] > 10
    assert not any(many[p]["hidden_dissatisfaction"] for p in peers)
    few = flags(10)
    assert few["split"]["n_dissatisfied"] == 3 and few["split"]["hidden_dissatisfaction"] is False


def test_distribution_shares_add_to_100():
    dist = D.rating_distribution(responses("split", [1, 2, 2, 5, 99]))
    assert dist["rating"].to_list() == [1, 2, 5]
    assert dist["share_pct"].sum() == pytest.approx(100.0)
    assert dist["respondents"].to_list() == [1, 2, 1]
    two = D.rating_distribution(
        pl.concat([responses("b", [3, 1]), responses("a", [5, 2, 2], year=2019)])
    )
    assert two.select("company_id", "year", "rating").rows() == [
        ("a", 2019, 2),
        ("a", 2019, 5),
        ("b", 2022, 1),
        ("b", 2022, 3),
    ]
    assert two.columns == [
        "company_id",
        "year",
        "metric_id",
        "scale_points",
        "rating",
        "respondents",
        "share_pct",
    ]


@pytest.mark.parametrize("seed", [20130, 1, 2])
def test_planted_companies_are_flagged_and_few_others(seed):
    bench = generate(seed=seed)
    planted = bench.planted["hidden_dissatisfaction"]
    t = bench.tables
    flags = D.dissatisfaction(t["responses"], t["companies"], "servicescore", t["service_scores"])
    mine = flags.filter(pl.col("company_id").is_in(planted))
    others = flags.filter(~pl.col("company_id").is_in(planted))
    assert mine["hidden_dissatisfaction"].mean() >= 0.7  # flagged in most of their waves
    assert others["hidden_dissatisfaction"].sum() <= 2  # of about 2,000 company-waves
    assert flags.filter(pl.col("hidden_dissatisfaction"))["n_dissatisfied"].min() >= 10
    assert sorted(D.hidden_companies(flags)["company_id"]) == sorted(planted)
