"""Pairwise tests with the Benjamini–Hochberg correction, letters and shades: by hand and by property."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from metrics.analytics import comparisons as C


def bh_by_hand(p: list[float], alpha: float = 0.05) -> list[bool]:
    """The step-up rule as published: reject the k smallest, k the largest with p(k) ≤ k·α/m."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    k = max((r for r in range(1, m + 1) if p[order[r - 1]] <= r * alpha / m), default=0)
    rejected = [False] * m
    for i in order[:k]:
        rejected[i] = True
    return rejected


def test_z_pvalue_by_hand():
    assert C.z_pvalue(3.0, 1.0, 1.0) == pytest.approx(2 * sps.norm.sf(3 / math.sqrt(2)))
    assert C.z_pvalue(3.0, None, 1.0) is None
    assert C.z_pvalue(None, 1.0, 1.0) is None


def test_corrected_significance_is_the_step_up_rule():
    p = [0.001, 0.012, 0.014, 0.03, 0.2, 0.04]
    verdicts, adjusted, rules = C.corrected_significance([1.0] * 6, p)
    assert verdicts == bh_by_hand(p) == [True, True, True, True, False, True]
    assert adjusted[0] == pytest.approx(0.006) and rules == ["bh"] * 6
    # without a p-value (no standard error) nothing can be tested ...
    verdicts, adjusted, rules = C.corrected_significance([2.5, 1.5, None], [None, None, None])
    assert verdicts == [None, None, None] and rules == ["untestable", "untestable", "none"]
    # ... unless the dataset declares SKI's rule: more than 2 points, outside the family
    verdicts, adjusted, rules = C.corrected_significance(
        [2.5, 1.5, None], [None, None, None], two_points=True
    )
    assert verdicts == [True, False, None] and rules == ["ski_2pt", "ski_2pt", "none"]


def test_pairs_without_standard_errors_are_not_told_apart_unless_the_rule_is_declared():
    untold = C.pairwise([74.0, 70.0, 69.5], [None, None, None])
    assert not untold.differs.any() and (untold.tests, untold.by_rule, untold.untestable) == (
        0,
        0,
        3,
    )
    ski = C.pairwise([74.0, 70.0, 69.5], [None, None, None], two_points=True)
    assert ski.differs[0, 1] and ski.differs[0, 2] and not ski.differs[1, 2]
    assert (ski.tests, ski.by_rule, ski.untestable) == (0, 3, 0)


def test_pairwise_against_the_step_up_rule_on_every_pair():
    values = [74.0, 73.2, 71.0, 70.4, 66.0]
    ses = [0.8, 0.9, 0.7, 1.1, 0.9]
    pw = C.pairwise(values, ses)
    pairs = [(i, j) for i in range(5) for j in range(i + 1, 5)]
    p = [2 * sps.norm.sf(abs(values[i] - values[j]) / math.hypot(ses[i], ses[j])) for i, j in pairs]
    expected = bh_by_hand(p)
    assert [bool(pw.differs[i, j]) for i, j in pairs] == expected
    assert pw.tests == 10 and pw.by_rule == 0
    assert (pw.differs == pw.differs.T).all() and not pw.differs.diagonal().any()


def test_a_peer_within_the_margin_is_a_tie():
    """The false caption of issue 15: 57.1 is within the margin of three peers."""
    values = [60.0, 57.9, 57.1, 56.5, 48.0]
    pw = C.pairwise(values, [1.2, 1.3, 1.2, 1.4, 1.2])
    assert pw.tied_with[2] == 3  # 60.0 (z = 1.7), 57.9 and 56.5 cannot be told from it
    assert pw.tied_with[4] == 0  # 48 differs from everyone


def test_letters_and_shades_by_hand():
    # a ~ b, b ~ c, a ≠ c, d differs from all
    differs = np.array(
        [
            [0, 0, 1, 1],
            [0, 0, 0, 1],
            [1, 0, 0, 1],
            [1, 1, 1, 0],
        ],
        dtype=bool,
    )
    assert C.letters(differs) == ["a", "ab", "b", "c"]
    assert C.neighbour_groups(differs) == [1, 1, 1, 2]  # neighbours a–b, b–c alike; c–d differ
    assert C.letters(np.zeros((0, 0), dtype=bool)) == []
    assert C.letters(np.zeros((3, 3), dtype=bool)) == ["a", "a", "a"]


def test_neighbours_0_02_apart_share_a_shade():
    """Issue 15: the old leader rule gave two industries 0.02 apart different shades."""
    values = [75.0, 73.6, 72.2, 72.18, 70.8]
    shades = C.neighbour_groups(C.pairwise(values, [0.5] * 5).differs)
    assert shades[2] == shades[3]


@st.composite
def significance(draw):
    k = draw(st.integers(1, 9))
    bits = draw(st.lists(st.booleans(), min_size=k * (k - 1) // 2, max_size=k * (k - 1) // 2))
    m = np.zeros((k, k), dtype=bool)
    m[np.triu_indices(k, 1)] = bits
    return m | m.T


@settings(max_examples=150, deadline=None)
@given(significance())
def test_letters_share_exactly_when_not_told_apart(differs):
    shown = C.letters(differs)
    k = len(differs)
    assert all(shown)  # every entity has a letter
    for i in range(k):
        for j in range(i + 1, k):
            assert bool(set(shown[i]) & set(shown[j])) == (not differs[i, j])


@settings(max_examples=100, deadline=None)
@given(significance())
def test_a_new_shade_exactly_where_neighbours_differ(differs):
    shades = C.neighbour_groups(differs)
    assert shades[0] == 1
    for i in range(1, len(shades)):
        assert shades[i] - shades[i - 1] == int(differs[i - 1, i])


def test_letters_left_out_for_large_families():
    assert C.letters(np.zeros((C.MAX_LETTERS + 1,) * 2, dtype=bool)) == [""] * (C.MAX_LETTERS + 1)
