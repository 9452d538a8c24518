import math
import pickle
import random

from solution import *


def exact(values, q):
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)]


def lognormal_latencies(seed, n, median_ms=40.0, sigma=0.8):
    rng = random.Random(seed)
    return [median_ms * math.exp(rng.gauss(0, sigma)) for _ in range(n)]


def assert_within(sketch, values, qs, alpha):
    for q in qs:
        got, want = sketch.quantile(q), exact(values, q)
        assert abs(got - want) <= alpha * want * (1 + 1e-9), (
            f"q={q}: estimate {got!r}, exact {want!r}, relative error {abs(got - want) / want:.4f} > {alpha}"
        )


def test_quantiles_within_one_percent():
    values = lognormal_latencies(1, 20_000)
    sketch = LatencySketch(0.01)
    for v in values:
        sketch.add(v)
    assert sketch.count == 20_000
    assert_within(sketch, values, [0.5, 0.9, 0.95, 0.99, 0.999], 0.01)


def test_min_and_max_are_exact():
    sketch = LatencySketch(0.02)
    for v in [12.0, 3.5, 250.0, 8.0]:
        sketch.add(v)
    assert sketch.quantile(0) == 3.5 and sketch.quantile(1) == 250.0


def test_the_sketch_stays_small():
    # Each host ships its sketch every 10 s; it must not grow with the traffic.
    sketch = LatencySketch(0.01)
    for v in lognormal_latencies(2, 50_000):
        sketch.add(v)
    size = len(pickle.dumps(sketch))
    assert size < 16_000, f"the sketch of 50 000 values pickles to {size} bytes; 16 000 allowed"


def test_merge_equals_one_sketch_of_everything():
    a_vals, b_vals = lognormal_latencies(3, 5_000, median_ms=20), lognormal_latencies(4, 5_000, median_ms=200)
    a, b = LatencySketch(0.01), LatencySketch(0.01)
    for v in a_vals:
        a.add(v)
    for v in b_vals:
        b.add(v)
    a.merge(b)
    assert a.count == 10_000
    assert_within(a, a_vals + b_vals, [0.25, 0.5, 0.75, 0.99], 0.01)
