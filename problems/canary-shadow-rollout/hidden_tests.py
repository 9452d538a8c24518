import math

from solution import *


def arm(requests, errors, latencies=()):
    return {"requests": requests, "errors": errors, "latencies_ms": list(latencies)}


BASE_LAT = [20.0 + (i % 50) for i in range(1000)]


def _raises(fn, *args):
    try:
        fn(*args)
    except ValueError:
        return True
    return False


def test_wilson_is_symmetric_and_inside_0_1():
    for errors, n in [(0, 1), (1, 1), (3, 7), (50, 1000), (999, 1000)]:
        low, high = wilson_interval(errors, n)
        flo, fhi = wilson_interval(n - errors, n)
        assert 0.0 <= low <= errors / n <= high <= 1.0, (errors, n, low, high)
        assert math.isclose(low, 1 - fhi, abs_tol=1e-12) and math.isclose(high, 1 - flo, abs_tol=1e-12)
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_invalid_counts_raise():
    assert _raises(wilson_interval, 5, 4)
    assert _raises(wilson_interval, -1, 4)
    assert _raises(canary_decision, arm(100, 1), arm(10, 11))
    assert _raises(nearest_rank, [], 0.5)


def test_promotion_needs_the_interval_not_the_point_estimate():
    # 2 errors in 1000 (0.2 %) against a 0.1 % baseline and a 0.5-point allowance: the point
    # estimate is fine, but the 95 % upper bound (0.73 %) does not rule out a 0.6 % rate.
    out = canary_decision(arm(100_000, 100, BASE_LAT), arm(1_000, 2, BASE_LAT))
    assert out["decision"] == "continue", f"a Wald interval would promote here: {out}"
    high = out["canary_errors"][1]
    assert math.isclose(high, 0.007262, abs_tol=2e-5), out


def test_latency_is_not_judged_before_min_requests():
    slow = [x * 3 for x in BASE_LAT[:400]]  # cold caches on the first 400 requests
    out = canary_decision(arm(50_000, 500, BASE_LAT), arm(400, 0, slow))
    assert out["decision"] == "continue" and out["p99_ratio"] is None, out


def test_p99_is_nearest_rank_not_interpolated():
    baseline = [10.0] * 99 + [100.0]  # nearest-rank p99: 10.0
    canary = [10.0] * 98 + [10.5, 200.0]  # nearest-rank p99: 10.5 (ratio 1.05)
    out = canary_decision(arm(50_000, 500, baseline), arm(5_000, 40, canary))
    assert math.isclose(out["p99_ratio"], 1.05), out
    assert out["decision"] == "promote", out


def test_errors_decide_even_with_good_latency():
    fast = [x * 0.5 for x in BASE_LAT]
    out = canary_decision(arm(50_000, 500, BASE_LAT), arm(5_000, 120, fast))
    assert out["decision"] == "rollback", out


def test_a_canary_slightly_worse_but_within_allowance_is_promoted():
    out = canary_decision(arm(200_000, 2_000, BASE_LAT), arm(20_000, 230, BASE_LAT))
    assert out["decision"] == "promote", out


def test_a_canary_worse_beyond_allowance_is_not_promoted():
    out = canary_decision(arm(200_000, 2_000, BASE_LAT), arm(20_000, 290, BASE_LAT))
    assert out["decision"] == "rollback", out  # 1.45 % vs 1 %: the intervals no longer overlap


def test_no_baseline_traffic_yet():
    out = canary_decision(arm(0, 0), arm(10, 0))
    assert out["decision"] == "continue", out


def test_shadow_retries_first_answer_counts_and_unexpected_ids():
    primary = [("a", 0.9, 10.0), ("b", 0.2, 12.0)]
    shadow = [("a", 0.1, 50.0), ("a", 0.9, 5.0), ("zz", 0.5, 1.0), ("b", 0.2, 8.0)]
    r = shadow_compare(primary, shadow)
    assert r["matched"] == 2 and r["unexpected_in_shadow"] == 1 and r["missing_in_shadow"] == 0, r
    assert math.isclose(r["decision_agreement"], 0.5), f"the first shadow answer for 'a' (0.1) counts: {r}"
    assert math.isclose(r["max_abs_score_diff"], 0.8), r
    assert r["large_diffs"] == ["a"], r


def test_shadow_duplicate_primary_id_raises():
    assert _raises(shadow_compare, [("a", 0.1, 1.0), ("a", 0.2, 1.0)], [])


def test_shadow_with_nothing_matched():
    r = shadow_compare([("a", 0.9, 10.0)], [])
    assert r["matched"] == 0 and r["missing_in_shadow"] == 1, r
    for key in ("decision_agreement", "mean_abs_score_diff", "max_abs_score_diff", "primary_p99_ms", "shadow_p99_ms"):
        assert r[key] is None, f"{key} is {r[key]!r} with nothing to compare"
    assert r["large_diffs"] == []


def test_shadow_threshold_is_inclusive_and_diffs_sorted():
    primary = [(f"r{i}", 0.5, 1.0) for i in range(5)]
    shadow = [("r3", 0.7, 1.0), ("r1", 0.49, 1.0), ("r0", 0.5, 1.0), ("r4", 0.56, 1.0), ("r2", 0.5, 1.0)]
    r = shadow_compare(primary, shadow, threshold=0.5, score_tolerance=0.05)
    assert math.isclose(r["decision_agreement"], 0.8), r  # only r1 falls below 0.5
    assert r["large_diffs"] == ["r3", "r4"], r
