"""Which scores can be told apart? Pairwise tests between entities (industries of a wave, companies
of an industry), corrected for multiple comparisons, and what a ranking chart draws from them:
"cannot be told apart from" letters and shades.

Two scores differ when the two-sided z test of their difference, |Δ|/√(se₁² + se₂²), is rejected
after the Benjamini–Hochberg correction across every pair of the family at a 5% false discovery
rate (statsmodels' `multipletests`). Where a standard error is missing, a pair cannot be tested:
it is called neither different nor tied, unless the dataset declares SKI's rule of thumb (more
than 2 points apart differ), which then decides that pair outside the corrected family. Letters are a compact
letter display (Piepho 2004): two entities share a letter exactly when they cannot be told apart.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

import numpy as np
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests

ALPHA = 0.05
"""False discovery rate of every corrected family of tests."""
SKI_POINTS = 2.0
"""Where no standard error is known, two scores more than this far apart differ (SKI's rule)."""
MAX_LETTERS = 40
"""Larger families get no letters (a display of dozens of letters helps nobody)."""


def z_pvalue(delta: float | None, se1: float | None, se2: float | None) -> float | None:
    """Two-sided p-value of a difference of two independent estimates, or None without both
    standard errors."""
    if delta is None or not _finite(se1) or not _finite(se2):
        return None
    se = math.sqrt(se1**2 + se2**2)
    if se == 0:
        return 0.0 if delta != 0 else 1.0
    return float(2 * sps.norm.sf(abs(delta) / se))


def benjamini_hochberg(pvalues: list[float | None], alpha: float = ALPHA) -> list[float | None]:
    """Benjamini–Hochberg adjusted p-values of a family; None where there is no p-value (those
    are not part of the family)."""
    known = [i for i, p in enumerate(pvalues) if p is not None and np.isfinite(p)]
    out: list[float | None] = [None] * len(pvalues)
    if known:
        _, adjusted, _, _ = multipletests([pvalues[i] for i in known], alpha, "fdr_bh")
        for i, p in zip(known, adjusted, strict=True):
            out[i] = float(p)
    return out


def corrected_significance(
    deltas: list[float | None],
    pvalues: list[float | None],
    alpha: float = ALPHA,
    two_points: bool = False,
) -> tuple[list[bool | None], list[float | None], list[str]]:
    """For one family of changes or differences: significant after Benjamini–Hochberg (where a
    p-value exists), else untestable (None) — or by the SKI 2-point rule where the dataset declares
    it (`two_points`); with the adjusted p-values and the rule used."""
    adjusted = benjamini_hochberg(pvalues, alpha)
    verdicts: list[bool | None] = []
    rules: list[str] = []
    for delta, p in zip(deltas, adjusted, strict=True):
        if delta is None:
            verdicts.append(None)
            rules.append("none")
        elif p is None and two_points:
            verdicts.append(bool(abs(delta) > SKI_POINTS))
            rules.append("ski_2pt")
        elif p is None:
            verdicts.append(None)
            rules.append("untestable")
        else:
            verdicts.append(bool(p <= alpha))
            rules.append("bh")
    return verdicts, adjusted, rules


@dataclass(frozen=True)
class Pairwise:
    """The pairwise verdicts of one family, entities in the order given (best first)."""

    differs: np.ndarray  # (k × k) bool: True where the two can be told apart
    tests: int  # pairs in the corrected family (both standard errors known)
    by_rule: int  # pairs decided by the SKI 2-point rule
    untestable: int = 0  # pairs without standard errors and without a declared rule

    @property
    def tied_with(self) -> list[int]:
        """How many others each entity cannot be told apart from."""
        k = len(self.differs)
        return [int(k - 1 - self.differs[i].sum()) for i in range(k)]


def pairwise(
    values: list[float], ses: list[float | None], alpha: float = ALPHA, two_points: bool = False
) -> Pairwise:
    """Every pair of a family of scores tested, Benjamini–Hochberg across the pairs. A pair without
    standard errors is not told apart (`untestable`), unless SKI's 2-point rule is declared."""
    k = len(values)
    x = np.asarray(values, dtype=float)
    se = np.array([np.nan if s is None else s for s in ses], dtype=float)
    i, j = np.triu_indices(k, 1)
    delta = x[i] - x[j]
    spread = np.sqrt(se[i] ** 2 + se[j] ** 2)
    known = np.isfinite(spread)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = 2 * sps.norm.sf(np.abs(delta) / spread)
    p = np.where(spread == 0, np.where(delta == 0, 1.0, 0.0), p)
    verdict = (np.abs(delta) > SKI_POINTS) if two_points else np.zeros(len(delta), dtype=bool)
    if known.any():
        rejected, _, _, _ = multipletests(p[known], alpha, "fdr_bh")
        verdict[known] = rejected
    differs = np.zeros((k, k), dtype=bool)
    differs[i, j] = differs[j, i] = verdict
    unknown = int((~known).sum())
    return Pairwise(
        differs, int(known.sum()), unknown if two_points else 0, 0 if two_points else unknown
    )


def neighbour_groups(differs: np.ndarray) -> list[int]:
    """Shades of a ranking (entities sorted best first): a new group starts exactly where an entity
    can be told apart from the one ranked just above it."""
    groups: list[int] = []
    group = 1
    for i in range(len(differs)):
        if i > 0 and differs[i - 1, i]:
            group += 1
        groups.append(group)
    return groups


def letters(differs: np.ndarray) -> list[str]:
    """Compact letter display by insert-and-absorb (Piepho 2004): entities sharing a letter cannot
    be told apart; every pair that differs shares none. Letters run from the best entity down."""
    k = len(differs)
    if k == 0:
        return []
    if k > MAX_LETTERS:
        return [""] * k
    columns: list[frozenset[int]] = [frozenset(range(k))]
    for i in range(k):
        for j in range(i + 1, k):
            if not differs[i, j]:
                continue
            split: list[frozenset[int]] = []
            for column in columns:
                if i in column and j in column:
                    split += [column - {i}, column - {j}]
                else:
                    split.append(column)
            columns = _absorb(split)
    columns.sort(key=lambda c: (min(c), -len(c)))
    alphabet = string.ascii_lowercase
    names = [alphabet[n] if n < 26 else alphabet[n // 26 - 1] + alphabet[n % 26] for n in range(99)]
    out = ["" for _ in range(k)]
    for name, column in zip(names, columns, strict=False):
        for member in sorted(column):
            out[member] += name
    return out


def _absorb(columns: list[frozenset[int]]) -> list[frozenset[int]]:
    """Drop empty, duplicate and contained columns (each kept column is a maximal set)."""
    unique = sorted(set(c for c in columns if c), key=len, reverse=True)
    kept: list[frozenset[int]] = []
    for column in unique:
        if not any(column <= other for other in kept):
            kept.append(column)
    return kept


def _finite(value: float | None) -> bool:
    return value is not None and bool(np.isfinite(value))
