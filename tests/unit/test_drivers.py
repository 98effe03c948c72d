"""Drivers: importance by correlation and by standardised weight; company against industry best."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from scipy import stats as sps

from metrics.analytics import drivers


def test_standardised_weights_on_a_known_model():
    rng = np.random.default_rng(1)
    m1, m2 = rng.normal(size=500), rng.normal(size=500)
    total = 2 * m1 + m2  # exact: betas are 2·sd(m1)/sd(total) and sd(m2)/sd(total)
    rows = []
    for i in range(500):
        for metric, v in (("servicescore", total[i]), ("moment_a", m1[i]), ("moment_b", m2[i])):
            rows.append(
                {"company_id": f"c{i}", "year": 2020, "metric_id": metric, "value": float(v)}
            )
    out = drivers.driver_importance(pl.DataFrame(rows), "servicescore")
    beta = dict(out.select("metric_id", "importance_beta").iter_rows())
    assert beta["moment_a"] == pytest.approx(2 * m1.std() / total.std(), rel=1e-9)
    assert beta["moment_b"] == pytest.approx(m2.std() / total.std(), rel=1e-9)
    r = dict(out.select("metric_id", "importance_r").iter_rows())
    assert r["moment_a"] == pytest.approx(sps.pearsonr(m1, total).statistic)


def test_planted_importance_order_is_recovered(sample):
    from metrics.sample import generate

    planted = generate().planted["importance_order"]
    out = drivers.driver_importance(sample.tables["service_scores"], "servicescore").filter(
        pl.col("kind") == "moment"
    )
    recovered = dict(out.select("metric_id", "importance_r").iter_rows())
    rho = sps.spearmanr([recovered[m] for m in planted], list(range(len(planted), 0, -1))).statistic
    assert rho >= 0.85


def test_importance_performance_against_industry_best(sample):
    t = sample.tables
    ip = drivers.importance_performance(
        t["service_scores"], t["companies"], "tele-03", 2025, "servicescore"
    )
    assert ip.height == 13
    row = ip.filter(pl.col("metric_id") == "moment_farewell").row(0, named=True)
    scores = t["service_scores"].filter(
        pl.col("metric_id") == "moment_farewell", pl.col("year") == 2025
    )
    telekom = t["companies"].filter(pl.col("industry_id") == "telekom")["company_id"]
    peers = scores.filter(pl.col("company_id").is_in(telekom.implode()))
    assert row["industry_best"] == peers["value"].max()
    assert row["gap_to_best"] == pytest.approx(row["score"] - peers["value"].max())
    assert drivers.importance_performance(
        t["service_scores"], t["companies"], "nobody", 2025, "servicescore"
    ).is_empty()


def test_fix_first_picks_the_furthest_behind_among_the_important():
    ip = pl.DataFrame(
        {
            "metric_id": ["a", "b", "c", "d"],
            "kind": ["moment"] * 4,
            "importance_r": [0.9, 0.8, 0.5, 0.4],
            "gap_to_best": [-3.0, -10.0, -20.0, 0.0],
        }
    )
    assert drivers.fix_first(ip)["metric_id"].to_list() == [
        "b",
        "a",
    ]  # c is further behind but matters less
