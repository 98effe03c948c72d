"""Respondent ratings to company scores, checked against values computed by hand."""

from __future__ import annotations

import math

import polars as pl
import pytest

from metrics.aggregate import aggregate_responses, with_margin


def test_unweighted_scores_by_hand():
    # 5-point scale: ratings 5, 4, 2 -> index 100, 75, 25; mean 66.67; sample sd 38.19
    responses = pl.DataFrame(
        {
            "respondent_id": ["1", "2", "3", "4"],
            "year": [2022] * 4,
            "company_id": ["a"] * 4,
            "metric_id": ["servicescore"] * 4,
            "rating": [5, 4, 2, 98],
            "scale_points": [5] * 4,
        }
    )
    row = aggregate_responses(responses).collect().row(0, named=True)
    assert row["n"] == 3
    assert row["value"] == pytest.approx(200 / 3)
    assert row["sd"] == pytest.approx(
        math.sqrt(((100 - 200 / 3) ** 2 + (75 - 200 / 3) ** 2 + (25 - 200 / 3) ** 2) / 2)
    )
    assert row["share_positive_pct"] == pytest.approx(200 / 3)  # 5 and 4 are the top two boxes
    assert row["share_negative_pct"] == pytest.approx(100 / 3)  # 2 is in the bottom two


def test_weights_and_ten_point_scale():
    # 10-point scale: ratings 10 and 1 -> 100 and 0; weights 3 and 1 -> mean 75
    responses = pl.DataFrame(
        {
            "respondent_id": ["1", "2"],
            "year": [2019, 2019],
            "company_id": ["b", "b"],
            "metric_id": ["servicescore"] * 2,
            "rating": [10, 1],
            "scale_points": [10, 10],
            "weight": [3.0, 1.0],
        }
    )
    row = aggregate_responses(responses).collect().row(0, named=True)
    assert row["value"] == pytest.approx(75.0)
    assert row["share_positive_pct"] == pytest.approx(75.0)
    assert row["share_negative_pct"] == pytest.approx(25.0)
    assert row["n"] == 2


def test_committed_scores_equal_the_aggregated_responses(sample):
    """The sample's published total scores are exactly what its responses aggregate to."""
    from tests.conftest import SAMPLE_DIR

    published = pl.read_csv(SAMPLE_DIR / "service_scores.csv").filter(
        pl.col("metric_id") == "servicescore"
    )
    recomputed = aggregate_responses(pl.scan_parquet(SAMPLE_DIR / "responses.parquet")).collect()
    joined = published.join(recomputed, on=["company_id", "year", "metric_id"], suffix="_r")
    assert joined.height == published.height == recomputed.height
    assert (joined["n"] == joined["n_r"]).all()
    assert (joined["value"] - joined["value_r"]).abs().max() < 5e-5


def test_margin_of_error_from_sd_and_n():
    scores = pl.DataFrame(
        {"value": [70.0, 60.0, 50.0], "n": [250, 1, 100], "sd": [20.0, 5.0, None]}
    )
    out = with_margin(scores).collect()
    assert out["margin_95"][0] == pytest.approx(1.96 * 20 / math.sqrt(250))  # ±2.48 at n = 250
    assert out["margin_95"][1] is None and out["margin_95"][2] is None
    assert out["ci_low"][0] == pytest.approx(70 - 1.96 * 20 / math.sqrt(250))
