"""Rollout decisions for a new model version: the canary rule and the shadow comparison."""
import math
from statistics import NormalDist

Z95 = NormalDist().inv_cdf(0.975)


def wilson_interval(errors, n, z=Z95):
    """Wilson score interval of an error rate; (0.0, 1.0) when there is no traffic yet."""
    raise NotImplementedError


def nearest_rank(values, q):
    """The q-quantile by nearest rank: sorted(values)[ceil(q * n) - 1]."""
    raise NotImplementedError


def canary_decision(baseline, canary, min_requests=1000, max_error_increase=0.005, max_p99_ratio=1.10):
    """"rollback", "promote" or "continue", with the figures it was decided on."""
    # What the on-call runbook does today: compare the error rates by eye.
    b = baseline["errors"] / baseline["requests"]
    c = canary["errors"] / canary["requests"]
    decision = "rollback" if c > b else "promote"
    return {"decision": decision, "baseline_errors": (b, b), "canary_errors": (c, c), "p99_ratio": None}


def shadow_compare(primary, shadow, threshold=0.5, score_tolerance=0.05):
    """Joins shadow responses to the primary's by request id and summarises the differences."""
    raise NotImplementedError
