"""Every statistic against a reference: scipy, or a formula computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

from metrics.analytics.stats import (
    bootstrap_pearson,
    correlate,
    fisher_interval,
    median_difference,
)


@pytest.fixture
def xy():
    rng = np.random.default_rng(7)
    x = rng.normal(size=60)
    y = 0.4 * x + rng.normal(size=60)
    return x, y


def test_pearson_spearman_and_slope_match_scipy(xy):
    x, y = xy
    c = correlate(x, y, reps=0)  # independent rows: Fisher z and the OLS interval apply
    ref = sps.pearsonr(x, y)
    assert c.pearson_r == pytest.approx(ref.statistic)
    assert c.pearson_p == pytest.approx(ref.pvalue)
    low, high = ref.confidence_interval(0.95)  # scipy's Fisher-z interval
    assert (c.pearson_low, c.pearson_high) == (pytest.approx(low), pytest.approx(high))
    rho = sps.spearmanr(x, y)
    assert c.spearman_r == pytest.approx(rho.statistic) and c.spearman_p == pytest.approx(
        rho.pvalue
    )
    fit = sps.linregress(x, y)
    t = sps.t.ppf(0.975, len(x) - 2)
    assert c.slope == pytest.approx(fit.slope)
    assert c.slope_low == pytest.approx(fit.slope - t * fit.stderr)
    assert c.intercept == pytest.approx(fit.intercept)


def test_spearman_interval_is_bonett_wright(xy):
    x, y = xy
    c = correlate(x, y, reps=0)
    rho, n = c.spearman_r, len(x)
    half = 1.959963984540054 * math.sqrt(1 + rho**2 / 2) / math.sqrt(n - 3)
    assert c.spearman_low == pytest.approx(math.tanh(math.atanh(rho) - half))
    assert c.spearman_high == pytest.approx(math.tanh(math.atanh(rho) + half))


def test_cluster_bootstrap_equals_resampling_whole_clusters(xy):
    """The sufficient-statistics shortcut gives exactly what resampling the rows would."""
    x, y = xy
    clusters = np.repeat(np.arange(20), 3)
    fast = bootstrap_pearson(x, y, clusters, reps=50, seed=3)
    rng = np.random.default_rng(3)
    draws = rng.integers(0, 20, (50, 20))
    members = [np.flatnonzero(clusters == k) for k in range(20)]
    slow = [
        np.corrcoef(x[idx], y[idx])[0, 1]
        for idx in (np.concatenate([members[k] for k in draw]) for draw in draws)
    ]
    assert fast == pytest.approx(slow)


def test_spearman_bootstrap_ranks_each_replicate_exactly(xy):
    """The running-total ranks equal scipy's ranks of the resampled rows (no ties here)."""
    from metrics.analytics.stats import bootstrap_spearman

    x, y = xy
    clusters = np.repeat(np.arange(20), 3)
    fast = bootstrap_spearman(x, y, clusters, reps=40, seed=5)
    rng = np.random.default_rng(6)  # bootstrap_spearman draws with seed + 1
    draws = rng.integers(0, 20, (40, 20))
    members = [np.flatnonzero(clusters == k) for k in range(20)]
    slow = [
        sps.spearmanr(x[idx], y[idx]).statistic
        for idx in (np.concatenate([members[k] for k in draw]) for draw in draws)
    ]
    assert fast == pytest.approx(slow)


def test_bootstrap_interval_covers_r_and_is_reproducible(xy):
    x, y = xy
    a = correlate(x, y, clusters=np.repeat(np.arange(20), 3))
    b = correlate(x, y, clusters=np.repeat(np.arange(20), 3))
    assert a.pearson_boot_low < a.pearson_r < a.pearson_boot_high
    assert a.spearman_boot_low < a.spearman_r < a.spearman_boot_high
    assert (a.pearson_boot_low, a.pearson_boot_high) == (b.pearson_boot_low, b.pearson_boot_high)
    assert a.clusters == 20 and a.n == 60


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([1.0, 2.0], [2.0, 3.0]),
        ([1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 3.0, 4.0]),
        ([np.nan, None, 1.0, 2.0], [1.0, 2.0, np.nan, 3.0]),
    ],
)
def test_too_few_or_constant_values_give_no_statistic(x, y):
    c = correlate(np.array(x, dtype=float), np.array(y, dtype=float))
    assert c.pearson_r is None and c.pearson_low is None and c.slope is None


def test_nan_and_null_pairs_are_dropped():
    x = np.array([1.0, 2.0, np.nan, 4.0, 5.0, 6.0])
    y = np.array([2.0, 1.0, 3.0, np.inf, 5.0, 7.0])
    c = correlate(x, y, reps=0)
    assert c.n == 4
    assert c.pearson_r == pytest.approx(sps.pearsonr([1, 2, 5, 6], [2, 1, 5, 7]).statistic)


def test_fisher_interval_edges():
    assert fisher_interval(0.5, 3) == (None, None)
    assert fisher_interval(1.0, 10) == (1.0, 1.0)


def test_median_difference_by_hand():
    a = np.arange(5.0, 17.0)  # 12 values, median 10.5
    b = np.arange(1.0, 12.0)  # 11 values, median 6
    diff, low, high = median_difference(a, b)
    assert diff == 10.5 - 6.0
    assert low < diff < high
    assert median_difference(np.array([]), np.array([1.0])) == (None, None, None)


def test_no_interval_from_a_bootstrap_over_a_few_companies():
    """Three companies have 10 distinct resamples: a percentile of those is not an interval."""
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=33), rng.normal(size=33)
    few = np.repeat(["a", "b", "c"], 11)
    c = correlate(x, y, clusters=few, reps=200)
    assert c.pearson_r is not None and c.clusters == 3
    assert c.pearson_boot_low is None and c.pearson_boot_high is None
    assert median_difference(x[:12], y[:12], few[:12], few[:12])[1:] == (None, None)
    enough = np.repeat(np.arange(11), 3)
    assert correlate(x, y, clusters=enough, reps=200).pearson_boot_low is not None


def test_fisher_and_ols_intervals_only_for_independent_rows(xy):
    """Company-years repeat a company: Fisher z and the OLS interval would pretend they do not."""
    x, y = xy
    repeated = correlate(x, y, clusters=np.repeat(np.arange(20), 3), reps=200)
    assert repeated.pearson_low is None and repeated.spearman_low is None
    assert repeated.slope is not None and repeated.slope_low is None
    once = correlate(x, y, clusters=np.arange(60), reps=200)
    assert once.pearson_low == pytest.approx(sps.pearsonr(x, y).confidence_interval(0.95).low)


def test_the_bootstrap_resamples_companies_not_rows():
    """Each company is 20 copies of one point: resampling rows would give an interval about √20
    times too narrow; resampling companies sees 15 points."""
    rng = np.random.default_rng(11)
    px, py = rng.normal(size=15), rng.normal(size=15)
    x, y = np.repeat(px, 20), np.repeat(py, 20)
    companies = np.repeat(np.arange(15), 20)
    by_company = correlate(x, y, clusters=companies, reps=1000)
    by_row = correlate(x, y, clusters=None, reps=1000)
    width = by_company.pearson_boot_high - by_company.pearson_boot_low
    assert width > 3 * (by_row.pearson_boot_high - by_row.pearson_boot_low)
    # and the interval is that of the 15 companies' own points
    alone = correlate(px, py, reps=1000)
    assert width == pytest.approx(alone.pearson_boot_high - alone.pearson_boot_low, rel=0.25)


def test_fisher_interval_needs_four_points_and_a_finite_r():
    low, high = fisher_interval(0.5, 4)
    assert low == pytest.approx(math.tanh(math.atanh(0.5) - 1.959963984540054))
    assert high == pytest.approx(math.tanh(math.atanh(0.5) + 1.959963984540054))
    assert fisher_interval(float("nan"), 50) == (None, None)
    assert fisher_interval(None, 50) == (None, None)
    assert fisher_interval(-1.0, 10) == (-1.0, -1.0)
