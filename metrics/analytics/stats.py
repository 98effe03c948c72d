"""The statistics behind every relation the app shows: correlations with confidence intervals, OLS
slopes, and bootstrap intervals (resampling whole companies when rows repeat a company over years).

Reference implementations are scipy's; what scipy does not give (Fisher-z intervals for Spearman,
cluster bootstrap) is written out here with its source named. Fisher-z and OLS intervals assume
independent rows: on company-years (a company repeated over waves) they are 1.8–1.95× too narrow,
so there they are not given and the company-cluster bootstrap is the interval. A bootstrap over
fewer than `MIN_CLUSTERS` companies has too few distinct resamples to be an interval (3 companies
give 10): none is given.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import asdict, dataclass

import numpy as np
import polars as pl
from scipy import stats as sps

Z95 = 1.959963984540054
BOOTSTRAP = 2000
SPEARMAN_REPS = 2000
SEED = 20130
MIN_CLUSTERS = 10
"""Fewer clusters (or independent rows) than this give no bootstrap interval."""


@dataclass(frozen=True)
class Correlation:
    """Everything a board needs to judge one relation: size, direction, uncertainty and n."""

    n: int
    clusters: int
    pearson_r: float | None
    pearson_low: float | None
    pearson_high: float | None
    pearson_p: float | None
    pearson_boot_low: float | None
    pearson_boot_high: float | None
    spearman_r: float | None
    spearman_low: float | None
    spearman_high: float | None
    spearman_p: float | None
    spearman_boot_low: float | None
    spearman_boot_high: float | None
    slope: float | None
    slope_low: float | None
    slope_high: float | None
    intercept: float | None

    def as_dict(self) -> dict:
        return asdict(self)


def fisher_interval(r: float, n: int, se_factor: float = 1.0) -> tuple[float | None, float | None]:
    """95% interval of a correlation by Fisher's z: tanh(atanh r ± 1.96·f/√(n − 3)).

    For Spearman's rho use `se_factor = √(1 + rho²/2)` (Bonett & Wright 2000).
    """
    if n <= 3 or r is None or not np.isfinite(r):
        return None, None
    if abs(r) >= 1:
        return float(r), float(r)
    z = math.atanh(r)
    half = Z95 * se_factor / math.sqrt(n - 3)
    return math.tanh(z - half), math.tanh(z + half)


def bootstrap_indices(
    clusters: np.ndarray | None, n: int, reps: int, rng: np.random.Generator
) -> list[np.ndarray]:
    """Row indices of each bootstrap replicate: rows resampled, or whole clusters resampled."""
    if clusters is None:
        return list(rng.integers(0, n, (reps, n)))
    codes, inverse = np.unique(clusters, return_inverse=True)
    members = [np.flatnonzero(inverse == k) for k in range(len(codes))]
    draws = rng.integers(0, len(codes), (reps, len(codes)))
    return [np.concatenate([members[k] for k in draw]) for draw in draws]


def canonical(
    x: np.ndarray, y: np.ndarray, clusters: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The rows in an order set by their values alone, clusters numbered by their rows' values.

    A bootstrap with a fixed seed draws the same cluster numbers whatever the data; which company
    a number stands for must not depend on its name, its id or the order of the rows, or renaming
    the companies (anonymising) would change a published interval. So clusters are numbered by
    their sorted (x, y) rows and rows sorted by (cluster, x, y): the same data, however labelled or
    ordered, gives the same replicates. Clusters with identical rows are interchangeable."""
    order = np.lexsort((y, x))
    x, y = x[order], y[order]
    if clusters is None:
        return x, y, None
    _, inverse = np.unique(np.asarray(clusters)[order], return_inverse=True)
    inverse = inverse.ravel()
    members: dict[int, list[tuple[float, float]]] = {}
    for k, xi, yi in zip(inverse.tolist(), x.tolist(), y.tolist(), strict=True):
        members.setdefault(k, []).append((xi, yi))  # in (x, y) order: rows are sorted
    ranked = sorted(members, key=lambda k: members[k])
    number = np.empty(len(ranked), dtype=np.int64)
    number[ranked] = np.arange(len(ranked))
    codes = number[inverse]
    order = np.lexsort((y, x, codes))
    return x[order], y[order], codes[order]


def _cluster_index(clusters: np.ndarray | None, n: int) -> tuple[np.ndarray, int]:
    """Each row's cluster number and the number of clusters (each row its own without clusters)."""
    if clusters is None:
        return np.arange(n), n
    _, inverse = np.unique(clusters, return_inverse=True)
    return inverse, int(inverse.max()) + 1


def _replicate_counts(
    k: int, reps: int, rng: np.random.Generator, width: int
) -> Iterator[np.ndarray]:
    """Bootstrap replicates as (replicates × clusters) matrices of how often each cluster was drawn,
    in chunks small enough to keep memory bounded (about 2 million cells of `width` at a time)."""
    chunk = max(1, min(reps, 2_000_000 // max(width, k, 1)))
    for start in range(0, reps, chunk):
        m = min(chunk, reps - start)
        draws = rng.integers(0, k, (m, k))
        cells = (np.arange(m)[:, None] * k + draws).ravel()  # bincount: ~10× np.add.at
        yield np.bincount(cells, minlength=m * k).reshape(m, k).astype(float)


def bootstrap_pearson(
    x: np.ndarray, y: np.ndarray, clusters: np.ndarray | None, reps: int, seed: int = SEED
) -> np.ndarray:
    """Pearson r in each of `reps` bootstrap replicates, resampling rows or whole clusters.

    Each cluster is reduced to its sufficient statistics (count, Σx, Σy, Σx², Σy², Σxy), so a
    replicate is a vector of cluster counts and r follows from a matrix product: fast for
    thousands of replicates.
    """
    inverse, k = _cluster_index(clusters, len(x))
    parts = np.stack([np.ones_like(x), x, y, x * x, y * y, x * y], axis=1)
    sums = np.zeros((k, 6))
    np.add.at(sums, inverse, parts)
    out = np.empty(reps)
    start = 0
    for counts in _replicate_counts(k, reps, np.random.default_rng(seed), k):
        n, sx, sy, sxx, syy, sxy = (counts @ sums).T
        with np.errstate(invalid="ignore", divide="ignore"):
            cov = sxy - sx * sy / n
            out[start : start + len(counts)] = cov / np.sqrt(
                (sxx - sx * sx / n) * (syy - sy * sy / n)
            )
        start += len(counts)
    return out


def _replicate_ranks(counts: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Average rank of each original row within each replicate, given how many copies of each row
    the replicate holds (rows in `order` sorted by value; ties between distinct rows ignored)."""
    c = counts[:, order]
    ranks_sorted = np.cumsum(c, axis=1) - (c - 1) / 2
    ranks = np.empty_like(ranks_sorted)
    ranks[:, order] = ranks_sorted
    return ranks


def bootstrap_spearman(
    x: np.ndarray, y: np.ndarray, clusters: np.ndarray | None, reps: int, seed: int = SEED
) -> np.ndarray:
    """Spearman's rho in each bootstrap replicate (rows or whole clusters resampled).

    A replicate is a count of copies per row; each row's rank in it is the running total of copies
    in sorted order, so rho (Pearson on those ranks, weighted by the copies) needs no re-sorting.
    """
    inverse, k = _cluster_index(clusters, len(x))
    order_x, order_y = np.argsort(x, kind="stable"), np.argsort(y, kind="stable")
    out = np.empty(reps)
    start = 0
    for cluster_counts in _replicate_counts(k, reps, np.random.default_rng(seed + 1), len(x)):
        counts = cluster_counts[:, inverse]
        rx, ry = _replicate_ranks(counts, order_x), _replicate_ranks(counts, order_y)
        total = counts.sum(axis=1, keepdims=True)
        dx = rx - (counts * rx).sum(axis=1, keepdims=True) / total
        dy = ry - (counts * ry).sum(axis=1, keepdims=True) / total
        with np.errstate(invalid="ignore", divide="ignore"):
            out[start : start + len(counts)] = (counts * dx * dy).sum(axis=1) / np.sqrt(
                (counts * dx * dx).sum(axis=1) * (counts * dy * dy).sum(axis=1)
            )
        start += len(counts)
    return out


def _percentile_interval(values: np.ndarray) -> tuple[float | None, float | None]:
    values = values[np.isfinite(values)]
    if len(values) < 10:
        return None, None
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def correlate(
    x: np.ndarray,
    y: np.ndarray,
    clusters: np.ndarray | None = None,
    reps: int = BOOTSTRAP,
    seed: int = SEED,
    spearman_bootstrap: bool = True,
) -> Correlation:
    """Pearson and Spearman correlation of x and y with 95% intervals, p-values and an OLS slope.

    Fisher-z and OLS intervals assume independent rows, so they are left out (None) when a cluster
    repeats; the bootstrap interval resamples whole `clusters` (e.g. companies observed in several
    years), which is the honest interval for panel data, and needs at least `MIN_CLUSTERS` of them.
    Pairs with a missing or non-finite value are dropped first.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    clusters = np.asarray(clusters)[keep] if clusters is not None else None
    x, y, clusters = canonical(x, y, clusters)  # the replicates: independent of names and order
    n = len(x)
    n_clusters = len(np.unique(clusters)) if clusters is not None else n
    empty = Correlation(n, n_clusters, *([None] * 16))
    if n < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return empty
    pearson = sps.pearsonr(x, y)
    spearman = sps.spearmanr(x, y)
    r, rho = float(pearson.statistic), float(spearman.statistic)
    independent = n_clusters == n
    p_low, p_high = fisher_interval(r, n) if independent else (None, None)
    s_low, s_high = (
        fisher_interval(rho, n, math.sqrt(1 + rho**2 / 2)) if independent else (None, None)
    )
    fit = sps.linregress(x, y)
    t = sps.t.ppf(0.975, n - 2)
    slope_half = t * fit.stderr if independent else None
    boot_low = boot_high = s_boot_low = s_boot_high = None
    if reps and n >= 5 and n_clusters >= MIN_CLUSTERS:
        boot_low, boot_high = _percentile_interval(bootstrap_pearson(x, y, clusters, reps, seed))
        if spearman_bootstrap:
            spearman_boot = bootstrap_spearman(x, y, clusters, min(reps, SPEARMAN_REPS), seed)
            s_boot_low, s_boot_high = _percentile_interval(spearman_boot)
    return Correlation(
        n=n,
        clusters=n_clusters,
        pearson_r=r,
        pearson_low=p_low,
        pearson_high=p_high,
        pearson_p=float(pearson.pvalue),
        pearson_boot_low=boot_low,
        pearson_boot_high=boot_high,
        spearman_r=rho,
        spearman_low=s_low,
        spearman_high=s_high,
        spearman_p=float(spearman.pvalue),
        spearman_boot_low=s_boot_low,
        spearman_boot_high=s_boot_high,
        slope=float(fit.slope),
        slope_low=None if slope_half is None else float(fit.slope - slope_half),
        slope_high=None if slope_half is None else float(fit.slope + slope_half),
        intercept=float(fit.intercept),
    )


CORRELATION_SCHEMA = {name: pl.Float64 for name in Correlation.__dataclass_fields__} | {
    "n": pl.Int64,
    "clusters": pl.Int64,
}


def correlation_frame(
    data: pl.DataFrame,
    x: str = "x",
    y: str = "y",
    by: list[str] | None = None,
    cluster: str | None = None,
    reps: int = BOOTSTRAP,
    spearman: bool = True,
) -> pl.DataFrame:
    """`correlate` for each group of `data` (or the whole frame), one row of statistics per group;
    `spearman=False` skips Spearman's bootstrap (the slow part)."""
    groups = data.partition_by(by, maintain_order=True, as_dict=True) if by else {(): data}
    rows = []
    for key, part in groups.items():
        result = correlate(
            part[x].to_numpy(),
            part[y].to_numpy(),
            part[cluster].to_numpy() if cluster else None,
            reps=reps,
            spearman_bootstrap=spearman,
        )
        rows.append({**dict(zip(by or [], key, strict=True)), **result.as_dict()})
    schema = {c: data.schema[c] for c in by or []} | CORRELATION_SCHEMA
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def median_difference(
    a: np.ndarray,
    b: np.ndarray,
    clusters_a: np.ndarray | None = None,
    clusters_b: np.ndarray | None = None,
    reps: int = BOOTSTRAP,
    seed: int = SEED,
) -> tuple[float | None, float | None, float | None]:
    """Median of a minus median of b, with a 95% bootstrap interval (each group resampled on its
    own, by cluster when given; none with fewer than `MIN_CLUSTERS` clusters in a group)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    ka, kb = np.isfinite(a), np.isfinite(b)
    a, b = a[ka], b[kb]
    if len(a) == 0 or len(b) == 0:
        return None, None, None
    ca = np.asarray(clusters_a)[ka] if clusters_a is not None else None
    cb = np.asarray(clusters_b)[kb] if clusters_b is not None else None
    a, _, ca = canonical(a, np.zeros_like(a), ca)  # independent of names and order
    b, _, cb = canonical(b, np.zeros_like(b), cb)
    diff = float(np.median(a) - np.median(b))
    groups = [len(np.unique(c)) if c is not None else len(v) for c, v in ((ca, a), (cb, b))]
    if min(groups) < MIN_CLUSTERS:
        return diff, None, None
    rng = np.random.default_rng(seed)
    ia = bootstrap_indices(ca, len(a), reps, rng)
    ib = bootstrap_indices(cb, len(b), reps, rng)
    boot = np.array([np.median(a[i]) - np.median(b[j]) for i, j in zip(ia, ib, strict=True)])
    low, high = _percentile_interval(boot)
    return diff, low, high
