import math
import random

from solution import *


def _normal(seed, n, mu=0.0, sigma=1.0):
    rng = random.Random(seed)
    return [rng.gauss(mu, sigma) for _ in range(n)]


def test_identical_samples_have_psi_zero():
    ref = _normal(1, 500)
    assert math.isclose(psi(ref, list(ref)), 0.0, abs_tol=1e-12), f"psi(ref, ref) = {psi(ref, ref)!r}"


def test_psi_on_reference_quantile_bins_with_empty_bins_floored():
    ref = list(range(100))  # cuts 25, 50, 75: four bins of 25 values
    cur = list(range(50))  # half in each of the first two bins, the last two empty
    expected = 2 * (0.5 - 0.25) * math.log(0.5 / 0.25) + 2 * (1e-4 - 0.25) * math.log(1e-4 / 0.25)
    got = psi(ref, cur, n_bins=4)
    assert math.isclose(got, expected, rel_tol=1e-9), f"psi = {got!r}, expected {expected!r}"


def test_psi_uses_quantile_bins_not_equal_width():
    # A skewed reference: 90 small values and 10 large ones. Quantile cuts at 10 bins put the
    # large values in the last bin; equal-width bins over [0, 1000] would lump the small ones.
    ref = [float(i) for i in range(90)] + [1000.0 - i for i in range(10)]
    cur = [float(i) for i in range(0, 90, 2)] + [1000.0 - i for i in range(10)] * 2
    # Cuts r[10], r[20], ..., r[90] = 10, 20, ..., 80, 991. Current: 5 values in each of the
    # first nine bins (45 values), 20 in the last (65 values in total).
    p_cur = [5 / 65] * 9 + [20 / 65]
    expected = sum((c - 0.1) * math.log(c / 0.1) for c in p_cur)
    got = psi(ref, cur, n_bins=10)
    assert math.isclose(got, expected, rel_tol=1e-9), f"psi = {got!r}, expected {expected!r}"


def test_ks_counts_ties_on_both_sides_at_once():
    got = ks_statistic([1, 1, 1, 2], [1, 2, 2, 2])
    assert math.isclose(got, 0.5), f"ks = {got!r}: F_a(1) = 0.75 and F_b(1) = 0.25, so 0.5"


def test_ks_extremes():
    assert ks_statistic([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]) == 0.0
    assert ks_statistic([1.0, 2.0], [5.0, 6.0, 7.0]) == 1.0


def test_ks_critical_value():
    got = ks_critical_value(100, 100, 0.05)
    assert math.isclose(got, 1.3581015157 * math.sqrt(0.02), rel_tol=1e-6), f"critical value {got!r}"


def test_drift_report_flags_a_shifted_window_only():
    ref = _normal(2, 2000)
    same = drift_report(ref, _normal(3, 500))
    shifted = drift_report(ref, _normal(4, 500, mu=1.0))
    assert set(same) == {"psi", "ks", "ks_critical", "drifted"}, f"keys {sorted(same)!r}"
    assert same["drifted"] is False, f"a window from the same distribution drifted: {same!r}"
    assert shifted["drifted"] is True, f"a window shifted by one sigma did not drift: {shifted!r}"


def test_one_page_per_run_of_consecutive_drifted_windows():
    ref = _normal(5, 2000)
    ok = lambda s: _normal(s, 300)
    bad = lambda s: _normal(s, 300, mu=1.5)
    windows = [ok(10), bad(11), bad(12), bad(13), ok(14), bad(15), bad(16)]
    pages = drift_alerts(ref, windows, consecutive=2)
    assert pages == [2, 6], f"pages at {pages!r}, expected [2, 6]"
