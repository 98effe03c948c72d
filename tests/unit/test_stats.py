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
    significant_change,
)


@pytest.fixture
def xy():
    rng = np.random.default_rng(7)
    x = rng.normal(size=60)
    y = 0.4 * x + rng.normal(size=60)
    return x, y


def test_pearson_spearman_and_slope_match_scipy(xy):
    x, y = xy
    c = correlate(x, y, reps=0)
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


def test_significant_change_rules():
    # |Δ| = 3 > 1.96·√(1² + 1²) = 2.77: significant by standard errors
    assert significant_change(3.0, 1.0, 1.0) == (True, "se")
    assert significant_change(2.5, 1.0, 1.0) == (False, "se")
    # no standard errors: the SKI rule of more than 2 points
    assert significant_change(2.1, None, 1.0) == (True, "ski_2pt")
    assert significant_change(-1.9, None, None) == (False, "ski_2pt")
    assert significant_change(None, 1.0, 1.0) == (None, "none")


def test_median_difference_by_hand():
    diff, low, high = median_difference(np.array([5.0, 6.0, 7.0, 8.0]), np.array([1.0, 2.0, 3.0]))
    assert diff == 6.5 - 2.0
    assert low <= diff <= high
    assert median_difference(np.array([]), np.array([1.0])) == (None, None, None)
