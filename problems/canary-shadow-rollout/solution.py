"""Rollout decisions for a new model version: the canary rule and the shadow comparison."""
import math
from statistics import NormalDist

Z95 = NormalDist().inv_cdf(0.975)


def wilson_interval(errors, n, z=Z95):
    """Wilson score interval of an error rate; (0.0, 1.0) when there is no traffic yet."""
    if n < 0 or errors < 0 or errors > n:
        raise ValueError(f"need 0 <= errors <= n, got errors={errors}, n={n}")
    if n == 0:
        return (0.0, 1.0)
    p = errors / n
    denom = 1 + z * z / n
    center = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, center - half), min(1.0, center + half))


def nearest_rank(values, q):
    """The q-quantile by nearest rank: sorted(values)[ceil(q * n) - 1]."""
    if not values:
        raise ValueError("no values")
    if not 0 < q <= 1:
        raise ValueError("q must be in (0, 1]")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _check_arm(name, arm):
    if arm["requests"] < 0 or not 0 <= arm["errors"] <= arm["requests"]:
        raise ValueError(f"{name}: need 0 <= errors <= requests")


def canary_decision(baseline, canary, min_requests=1000, max_error_increase=0.005, max_p99_ratio=1.10):
    """"rollback", "promote" or "continue", with the figures it was decided on."""
    _check_arm("baseline", baseline)
    _check_arm("canary", canary)
    b_low, b_high = wilson_interval(baseline["errors"], baseline["requests"])
    c_low, c_high = wilson_interval(canary["errors"], canary["requests"])
    enough = canary["requests"] >= min_requests
    p99_ratio = None
    if enough and canary["latencies_ms"] and baseline["latencies_ms"]:
        p99_ratio = nearest_rank(canary["latencies_ms"], 0.99) / nearest_rank(baseline["latencies_ms"], 0.99)
    baseline_rate = baseline["errors"] / baseline["requests"] if baseline["requests"] else 0.0
    # Worse with confidence: act at any sample size, a broken canary must not wait for 1000 requests.
    if c_low > b_high:
        decision = "rollback"
    elif p99_ratio is not None and p99_ratio > max_p99_ratio:
        decision = "rollback"
    # Promote only when the interval rules out a material increase, not merely when the point
    # estimate looks fine.
    elif enough and c_high <= baseline_rate + max_error_increase:
        decision = "promote"
    else:
        decision = "continue"
    return {
        "decision": decision,
        "baseline_errors": (b_low, b_high),
        "canary_errors": (c_low, c_high),
        "p99_ratio": p99_ratio,
    }


def shadow_compare(primary, shadow, threshold=0.5, score_tolerance=0.05):
    """Joins shadow responses to the primary's by request id and summarises the differences."""
    served = {}
    for request_id, score, latency in primary:
        if request_id in served:
            raise ValueError(f"request {request_id!r} appears twice in the primary log")
        served[request_id] = (score, latency)
    first_shadow = {}
    unexpected = 0
    for request_id, score, latency in shadow:
        if request_id not in served:
            unexpected += 1
        elif request_id not in first_shadow:  # a retried shadow call: the first answer counts
            first_shadow[request_id] = (score, latency)
    matched = [rid for rid in served if rid in first_shadow]
    report = {
        "matched": len(matched),
        "missing_in_shadow": len(served) - len(matched),
        "unexpected_in_shadow": unexpected,
        "decision_agreement": None,
        "mean_abs_score_diff": None,
        "max_abs_score_diff": None,
        "large_diffs": [],
        "primary_p99_ms": None,
        "shadow_p99_ms": None,
    }
    if not matched:
        return report
    diffs = [abs(served[r][0] - first_shadow[r][0]) for r in matched]
    agree = sum((served[r][0] >= threshold) == (first_shadow[r][0] >= threshold) for r in matched)
    report.update(
        decision_agreement=agree / len(matched),
        mean_abs_score_diff=math.fsum(diffs) / len(diffs),
        max_abs_score_diff=max(diffs),
        large_diffs=sorted(r for r, d in zip(matched, diffs) if d > score_tolerance),
        primary_p99_ms=nearest_rank([served[r][1] for r in matched], 0.99),
        shadow_p99_ms=nearest_rank([first_shadow[r][1] for r in matched], 0.99),
    )
    return report
