import bisect
import math
import random

from solution import *


def _normal(seed, n, mu=0.0, sigma=1.0):
    rng = random.Random(seed)
    return [rng.gauss(mu, sigma) for _ in range(n)]


def _ref_psi(reference, current, n_bins):
    r = sorted(reference)
    cuts = sorted({r[(i * len(r)) // n_bins] for i in range(1, n_bins)})
    def props(xs):
        counts = [0] * (len(cuts) + 1)
        for x in xs:
            counts[bisect.bisect_right(cuts, x)] += 1
        return [max(c / len(xs), 1e-4) for c in counts]
    return sum((c - e) * math.log(c / e) for e, c in zip(props(reference), props(current)))


def _brute_ks(a, b):
    points = sorted(set(a) | set(b))
    return max(abs(sum(x <= p for x in a) / len(a) - sum(y <= p for y in b) / len(b)) for p in points)


def _raises(fn, *args):
    try:
        fn(*args)
    except ValueError:
        return True
    return False


def test_psi_matches_reference_with_many_repeated_values():
    rng = random.Random(7)
    ref = [rng.choice([0, 0, 0, 1, 2, 2, 3, 5, 8]) for _ in range(1000)]  # repeated cut points
    cur = [rng.choice([0, 1, 1, 2, 3, 3, 5, 13]) for _ in range(400)]
    for n_bins in (2, 5, 10, 20):
        got, want = psi(ref, cur, n_bins), _ref_psi(ref, cur, n_bins)
        assert math.isclose(got, want, rel_tol=1e-9), f"n_bins={n_bins}: psi {got!r}, expected {want!r}"


def test_values_outside_the_reference_range_land_in_the_end_bins():
    ref = [float(i) for i in range(100)]
    cur = [-50.0] * 10 + [500.0] * 10
    got, want = psi(ref, cur, 4), _ref_psi(ref, cur, 4)
    assert math.isclose(got, want, rel_tol=1e-9), f"psi {got!r}, expected {want!r}"


def test_psi_invalid_input():
    assert _raises(psi, [], [1.0]), "empty reference must raise ValueError"
    assert _raises(psi, [1.0], []), "empty window must raise ValueError"
    assert _raises(psi, [1.0, 2.0], [1.0], 1), "n_bins=1 must raise ValueError"


def test_ks_matches_brute_force_with_ties():
    rng = random.Random(11)
    for trial in range(20):
        a = [round(rng.gauss(0, 1), 1) for _ in range(rng.randint(1, 60))]
        b = [round(rng.gauss(0.3, 1.2), 1) for _ in range(rng.randint(1, 60))]
        got, want = ks_statistic(a, b), _brute_ks(a, b)
        assert math.isclose(got, want, abs_tol=1e-12), f"trial {trial}: ks {got!r}, expected {want!r}"


def test_ks_invalid_input():
    assert _raises(ks_statistic, [], [1.0]), "empty sample must raise ValueError"
    assert _raises(ks_statistic, [1.0], []), "empty sample must raise ValueError"


def test_ks_is_n_log_n():
    # 40 000 values per sample: an O(n*m) comparison would not finish in the test's time limit.
    a, b = _normal(1, 40_000), _normal(2, 40_000, mu=0.01)
    d = ks_statistic(a, b)
    assert 0.0 <= d < 0.05, f"ks {d!r} for nearly equal samples"


def test_large_window_with_a_tiny_shift_is_not_drift():
    # KS is "significant" on 50 000 values for a 0.05-sigma shift; PSI says it does not matter.
    ref, win = _normal(21, 50_000), _normal(22, 50_000, mu=0.05)
    report = drift_report(ref, win)
    assert report["ks"] > report["ks_critical"], f"expected KS to reject here: {report!r}"
    assert report["drifted"] is False, f"a 0.05-sigma shift paged: {report!r}"


def test_small_windows_are_skipped_and_do_not_break_a_run():
    ref = _normal(30, 2000)
    bad = lambda s, n=300: _normal(s, n, mu=1.5)
    windows = [bad(31), bad(32, 20), bad(33), bad(34), [], _normal(35, 300), bad(36)]
    pages = drift_alerts(ref, windows, consecutive=2)
    assert pages == [2], f"pages at {pages!r}: window 1 is too small to count, so window 2 completes the run"


def test_consecutive_one_pages_at_every_run_start():
    ref = _normal(40, 2000)
    windows = [_normal(41, 300, mu=2.0), _normal(42, 300, mu=2.0), _normal(43, 300), _normal(44, 300, mu=-2.0)]
    assert drift_alerts(ref, windows, consecutive=1) == [0, 3]


def test_report_options_are_passed_on():
    ref = _normal(50, 2000)
    windows = [_normal(51, 300, mu=0.5)] * 2
    loose = drift_report(ref, windows[0])
    assert loose["drifted"], f"expected drift at the default threshold: {loose!r}"
    assert drift_alerts(ref, windows, consecutive=2) == [1]
    assert drift_alerts(ref, windows, consecutive=2, psi_threshold=10.0) == [], "psi_threshold was ignored"


def test_inputs_are_not_modified():
    ref, win = _normal(60, 300), _normal(61, 200, mu=0.2)
    ref_copy, win_copy = list(ref), list(win)
    drift_report(ref, win)
    drift_alerts(ref, [win, win])
    assert ref == ref_copy and win == win_copy, "the samples were sorted or changed in place"
