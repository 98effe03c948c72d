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
    out = {r["company_id"]: r for r in D.dissatisfaction(data, COMPANIES).iter_rows(named=True)}
    assert out["split"]["share_dissatisfied_pct"] == 50.0 and out["split"]["polarisation"] == 1.0
    assert out["calm"]["share_dissatisfied_pct"] == 0.0 and out["calm"]["polarisation"] == 0.0
    assert out["calm"]["share_satisfied_pct"] == 100.0
    assert out["low"]["n"] == 3 and out["low"]["mean"] == pytest.approx((25 + 50 + 50) / 3)
    # 'split' has mean 50, the industry median of (50, 75, 41.7) is 50, and the top share
    assert out["split"]["hidden_dissatisfaction"] is True
    assert out["calm"]["hidden_dissatisfaction"] is False


def test_distribution_shares_add_to_100():
    dist = D.rating_distribution(responses("split", [1, 2, 2, 5, 99]))
    assert dist["rating"].to_list() == [1, 2, 5]
    assert dist["share_pct"].sum() == pytest.approx(100.0)
    assert dist["respondents"].to_list() == [1, 2, 1]


@pytest.mark.parametrize("seed", [20130, 1, 2])
def test_planted_companies_are_flagged_and_few_others(seed):
    bench = generate(seed=seed)
    planted = bench.planted["hidden_dissatisfaction"]
    flags = D.dissatisfaction(bench.tables["responses"], bench.tables["companies"])
    mine = flags.filter(pl.col("company_id").is_in(planted))
    others = flags.filter(~pl.col("company_id").is_in(planted))
    assert mine["hidden_dissatisfaction"].mean() >= 0.6  # flagged in most of their waves
    assert others["hidden_dissatisfaction"].mean() <= 0.025  # stated false-positive rate: 2.5%
    assert sorted(D.hidden_companies(flags)["company_id"]) == sorted(planted)
