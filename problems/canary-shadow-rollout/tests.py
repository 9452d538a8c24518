import math

from solution import *


def arm(requests, errors, latencies=()):
    return {"requests": requests, "errors": errors, "latencies_ms": list(latencies)}


BASE_LAT = [20.0 + (i % 50) for i in range(1000)]  # p99 (nearest rank) is 69.0


def test_wilson_interval():
    low, high = wilson_interval(10, 100)
    assert math.isclose(low, 0.0552, abs_tol=1e-4) and math.isclose(high, 0.1744, abs_tol=1e-4), (low, high)
    low, high = wilson_interval(0, 100)
    assert low == 0.0 and math.isclose(high, Z95**2 / (100 + Z95**2), rel_tol=1e-9), (
        f"0 errors in 100: ({low}, {high}); the interval is not [0, 0]"
    )


def test_nearest_rank():
    assert nearest_rank(list(range(1, 101)), 0.99) == 99
    assert nearest_rank([5.0, 1.0, 3.0], 0.5) == 3.0
    assert nearest_rank([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 100.0], 0.99) == 100.0


def test_a_clearly_broken_canary_is_rolled_back_early():
    out = canary_decision(arm(50_000, 500, BASE_LAT), arm(200, 30, BASE_LAT[:200]))
    assert out["decision"] == "rollback", out


def test_too_little_traffic_means_continue():
    out = canary_decision(arm(50_000, 500, BASE_LAT), arm(300, 0, BASE_LAT[:300]))
    assert out["decision"] == "continue", f"300 requests without errors is not yet evidence: {out}"


def test_a_healthy_canary_is_promoted():
    out = canary_decision(arm(50_000, 500, BASE_LAT), arm(5_000, 40, BASE_LAT))
    assert out["decision"] == "promote", out


def test_a_slower_canary_is_rolled_back():
    slow = [x * 1.2 for x in BASE_LAT]
    out = canary_decision(arm(50_000, 500, BASE_LAT), arm(5_000, 40, slow))
    assert out["decision"] == "rollback", out
    assert math.isclose(out["p99_ratio"], 1.2), out


def test_shadow_responses_are_joined_by_request_id():
    primary = [("a", 0.9, 10.0), ("b", 0.2, 12.0), ("c", 0.6, 11.0), ("d", 0.1, 9.0)]
    shadow = [("c", 0.4, 30.0), ("a", 0.88, 25.0), ("b", 0.21, 28.0)]  # out of order, "d" timed out
    r = shadow_compare(primary, shadow)
    assert r["matched"] == 3 and r["missing_in_shadow"] == 1, r
    assert math.isclose(r["decision_agreement"], 2 / 3), r
    assert math.isclose(r["mean_abs_score_diff"], (0.02 + 0.01 + 0.2) / 3), r
    assert r["large_diffs"] == ["c"], r
    assert r["shadow_p99_ms"] == 30.0 and r["primary_p99_ms"] == 12.0, r
