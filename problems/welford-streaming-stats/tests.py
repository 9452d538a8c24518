import math
import random
import statistics

from solution import *


def _stats(values):
    acc = RunningStats()
    for x in values:
        acc.update(x)
    return acc


def _assert_close(actual, expected, msg="", rel_tol=1e-9, abs_tol=1e-12):
    assert isinstance(actual, float), f"{msg}: expected a float, got {actual!r}"
    assert math.isclose(actual, expected, rel_tol=rel_tol, abs_tol=abs_tol), f"{msg}: got {actual!r}, expected {expected!r}"


def test_mean_and_variance_example():
    acc = _stats([2, 4, 4, 4, 5, 5, 7, 9])
    assert acc.count == 8, f"count is {acc.count!r}, expected 8"
    _assert_close(acc.mean(), 5.0, "mean")
    _assert_close(acc.variance(sample=False), 4.0, "population variance")
    _assert_close(acc.variance(), 32.0 / 7.0, "sample variance (the default)")
    _assert_close(acc.variance(sample=True), 32.0 / 7.0, "variance(sample=True)")


def test_single_value():
    acc = _stats([3.5])
    assert acc.count == 1, f"count is {acc.count!r}, expected 1"
    _assert_close(acc.mean(), 3.5, "mean of one value")
    _assert_close(acc.variance(sample=False), 0.0, "population variance of one value")
    try:
        acc.variance(sample=True)
    except ValueError:
        return
    assert False, "the sample variance of one value should raise ValueError"


def test_empty_stream():
    acc = RunningStats()
    assert acc.count == 0, f"a new accumulator has count {acc.count!r}, expected 0"
    try:
        acc.mean()
    except ValueError:
        return
    assert False, "mean() of an empty stream should raise ValueError"


def test_matches_statistics_module():
    rng = random.Random(1)
    values = [rng.gauss(10.0, 3.0) for _ in range(1_000)]
    acc = _stats(values)
    _assert_close(acc.mean(), statistics.fmean(values), "mean of 1000 values")
    _assert_close(acc.variance(), statistics.variance(values), "sample variance of 1000 values")
    _assert_close(acc.variance(sample=False), statistics.pvariance(values), "population variance of 1000 values")


def test_merge_two_halves():
    a = _stats([2, 4, 4, 4])
    b = _stats([5, 5, 7, 9])
    merged = a.merge(b)
    assert isinstance(merged, RunningStats), f"merge should return a RunningStats, got {merged!r}"
    assert merged.count == 8, f"merged count is {merged.count!r}, expected 8"
    _assert_close(merged.mean(), 5.0, "merged mean")
    _assert_close(merged.variance(sample=False), 4.0, "merged population variance")
    _assert_close(merged.variance(), 32.0 / 7.0, "merged sample variance")


def test_merge_uneven_random_split():
    rng = random.Random(2)
    values = [rng.uniform(-5.0, 20.0) for _ in range(500)]
    merged = _stats(values[:37]).merge(_stats(values[37:]))
    _assert_close(merged.mean(), statistics.fmean(values), "mean after merging 37 + 463 values")
    _assert_close(merged.variance(), statistics.variance(values), "sample variance after merging 37 + 463 values")
