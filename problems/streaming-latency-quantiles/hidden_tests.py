import math
import pickle
import random

from solution import *


def exact(values, q):
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)]


def _fill(values, alpha=0.01):
    s = LatencySketch(alpha)
    for v in values:
        s.add(v)
    return s


def _raises(fn, *args):
    try:
        fn(*args)
    except ValueError:
        return True
    return False


def test_guarantee_holds_for_every_rank_on_heavy_tails():
    rng = random.Random(5)
    values = [rng.paretovariate(1.2) * 3 for _ in range(3_000)] + [0.001, 50_000.0]
    for alpha in (0.05, 0.01, 0.002):
        s = _fill(values, alpha)
        for k in range(0, 1001):
            q = k / 1000
            got, want = s.quantile(q), exact(values, q)
            assert abs(got - want) <= alpha * want * (1 + 1e-9), f"alpha={alpha}, q={q}: {got} vs {want}"


def test_small_latencies_keep_their_relative_accuracy():
    # A fixed-width histogram cannot do this: 0.05 ms and 0.06 ms must stay apart.
    values = [0.05] * 600 + [0.06] * 400 + [900.0] * 10
    s = _fill(values, 0.01)
    assert abs(s.quantile(0.5) - 0.05) <= 0.0005 * (1 + 1e-9), s.quantile(0.5)
    assert abs(s.quantile(0.9) - 0.06) <= 0.0006 * (1 + 1e-9), s.quantile(0.9)


def test_zero_latencies():
    s = _fill([0.0] * 90 + [5.0] * 10)
    assert s.quantile(0.5) == 0.0 and s.quantile(0.9) == 0.0
    assert abs(s.quantile(0.95) - 5.0) <= 0.05 * (1 + 1e-9)


def test_bucket_count_is_bounded_by_the_range_not_the_count():
    alpha = 0.01
    gamma = (1 + alpha) / (1 - alpha)
    rng = random.Random(6)
    s = LatencySketch(alpha)
    for _ in range(100_000):
        s.add(10 ** rng.uniform(-3, 6))  # 1 microsecond to 16 minutes, in ms
    bound = math.ceil(math.log(1e9) / math.log(gamma)) + 2
    assert s.bucket_count() <= bound, f"{s.bucket_count()} buckets, at most {bound} for this range"
    assert len(pickle.dumps(s)) < 40_000, len(pickle.dumps(s))


def test_invalid_values_and_queries():
    s = LatencySketch(0.01)
    assert _raises(s.quantile, 0.5), "an empty sketch has no quantiles"
    assert _raises(s.add, -1.0), "negative latency"
    assert _raises(s.add, float("nan")), "NaN latency"
    s.add(1.0)
    assert _raises(s.quantile, 1.5)
    assert _raises(s.quantile, -0.1)
    assert _raises(LatencySketch, 0.0)
    assert _raises(LatencySketch(0.01).merge, LatencySketch(0.02)), "merging different accuracies"
    assert s.count == 1, "a refused value was counted"


def test_merge_of_many_hosts_is_not_an_average_of_percentiles():
    rng = random.Random(7)
    hosts = [[rng.expovariate(1 / (10 if h < 9 else 400)) for _ in range(2_000)] for h in range(10)]
    total = LatencySketch(0.01)
    for h in hosts:
        total.merge(_fill(h))
    everything = [v for h in hosts for v in h]
    for q in (0.5, 0.9, 0.99):
        want = exact(everything, q)
        assert abs(total.quantile(q) - want) <= 0.01 * want * (1 + 1e-9), (q, total.quantile(q), want)
    assert total.count == 20_000 and total.min == min(everything) and total.max == max(everything)


def test_merge_with_an_empty_sketch_and_order_independence():
    vals = [1.0, 2.0, 3.0, 400.0]
    a = _fill(vals).merge(LatencySketch(0.01))
    b = LatencySketch(0.01).merge(_fill(vals))
    for q in (0, 0.25, 0.5, 0.75, 1):
        assert a.quantile(q) == b.quantile(q)
