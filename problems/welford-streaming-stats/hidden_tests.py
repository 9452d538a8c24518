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
    assert not math.isnan(actual), f"{msg}: got nan, expected {expected!r}"
    assert math.isclose(actual, expected, rel_tol=rel_tol, abs_tol=abs_tol), f"{msg}: got {actual!r}, expected {expected!r}"


def _expect_value_error(fn, what):
    try:
        fn()
    except ValueError:
        return
    assert False, f"{what} should raise ValueError"


def _offset_values(n, offset, seed):
    rng = random.Random(seed)
    return [offset + rng.random() for _ in range(n)]


def test_large_offset_small_example():
    # The sum-of-squares formula gives -170.67 here (Wikipedia's example).
    acc = _stats([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
    _assert_close(acc.mean(), 1e9 + 10, "mean of 1e9 + [4, 7, 13, 16]")
    _assert_close(acc.variance(), 30.0, "sample variance of 1e9 + [4, 7, 13, 16]", rel_tol=1e-9)
    _assert_close(acc.variance(sample=False), 22.5, "population variance of 1e9 + [4, 7, 13, 16]", rel_tol=1e-9)


def test_large_offset_noise():
    # 1e9 + uniform(0, 1): the true variance is about 1/12, but x*x is about 1e18,
    # where adjacent floats are 128 apart.
    values = _offset_values(10_000, 1e9, seed=1)
    acc = _stats(values)
    expected = statistics.variance(values)
    result = acc.variance()
    assert result >= 0.0, f"variance is negative ({result!r}) for 1e9 + uniform(0, 1) noise"
    _assert_close(result, expected, "sample variance of 1e9 + uniform(0, 1)", rel_tol=1e-6)
    _assert_close(acc.variance(sample=False), statistics.pvariance(values), "population variance of 1e9 + uniform(0, 1)", rel_tol=1e-6)
    _assert_close(acc.mean(), statistics.fmean(values), "mean of 1e9 + uniform(0, 1)", rel_tol=1e-14)


def test_large_negative_offset():
    values = _offset_values(5_000, -3e9, seed=2)
    acc = _stats(values)
    _assert_close(acc.variance(), statistics.variance(values), "sample variance of -3e9 + uniform(0, 1)", rel_tol=1e-6)


def test_constant_stream_has_zero_variance():
    for value in (1e9 + 0.1, 0.1, -7.3e12):
        acc = _stats([value] * 1_000)
        for sample in (True, False):
            v = acc.variance(sample=sample)
            assert 0.0 <= v <= 1e-20, f"variance(sample={sample}) of 1000 copies of {value!r} is {v!r}, expected 0"


def test_merge_chunks_with_large_offset():
    values = _offset_values(6_000, 1e9, seed=3)
    rng = random.Random(4)
    cuts = sorted(rng.sample(range(1, len(values)), 40))
    chunks = [values[i:j] for i, j in zip([0] + cuts, cuts + [len(values)])]
    expected = statistics.variance(values)

    sequential = RunningStats()
    for chunk in chunks:
        sequential = sequential.merge(_stats(chunk))
    assert sequential.count == len(values), f"count after merging 41 chunks is {sequential.count!r}"
    _assert_close(sequential.variance(), expected, "variance after merging 41 chunks one by one", rel_tol=1e-6)
    _assert_close(sequential.mean(), statistics.fmean(values), "mean after merging 41 chunks", rel_tol=1e-14)

    level = [_stats(chunk) for chunk in chunks]
    while len(level) > 1:  # pairwise tree reduction, as in a distributed all-reduce
        level = [level[i].merge(level[i + 1]) if i + 1 < len(level) else level[i] for i in range(0, len(level), 2)]
    _assert_close(level[0].variance(), expected, "variance after a tree of merges", rel_tol=1e-6)


def test_merge_streams_with_very_different_means():
    rng = random.Random(5)
    a_values = [rng.gauss(0.0, 1.0) for _ in range(1_000)]
    b_values = [rng.gauss(1e6, 1.0) for _ in range(10)]
    for left, right in ((a_values, b_values), (b_values, a_values)):
        merged = _stats(left).merge(_stats(right))
        values = left + right
        _assert_close(merged.mean(), statistics.fmean(values), "mean of merged streams 1e6 apart", rel_tol=1e-12)
        _assert_close(merged.variance(), statistics.variance(values), "variance of merged streams 1e6 apart", rel_tol=1e-9)


def test_merge_with_empty():
    full = _stats([1.0, 2.0, 4.0])
    for merged, what in ((full.merge(RunningStats()), "full.merge(empty)"), (RunningStats().merge(full), "empty.merge(full)")):
        assert merged.count == 3, f"{what}: count is {merged.count!r}, expected 3"
        _assert_close(merged.mean(), 7.0 / 3.0, f"{what}: mean")
        _assert_close(merged.variance(), 7.0 / 3.0, f"{what}: sample variance")
    both = RunningStats().merge(RunningStats())
    assert both.count == 0, f"merging two empty accumulators gives count {both.count!r}"
    _expect_value_error(both.mean, "mean() after merging two empty accumulators")
    one = _stats([5.0]).merge(RunningStats())
    _expect_value_error(lambda: one.variance(sample=True), "sample variance of a merged single value")
    _assert_close(one.variance(sample=False), 0.0, "population variance of a merged single value")


def test_merge_does_not_modify_operands():
    a = _stats([1.0, 2.0, 3.0])
    b = _stats([10.0, 20.0])
    merged = a.merge(b)
    assert merged is not a and merged is not b, "merge should return a new accumulator"
    assert a.count == 3 and b.count == 2, "merge changed the count of an operand"
    _assert_close(a.mean(), 2.0, "left operand's mean after merge")
    _assert_close(b.variance(), 50.0, "right operand's variance after merge")
    merged.update(100.0)
    assert a.count == 3 and b.count == 2, "updating the merged accumulator changed an operand"
    _assert_close(merged.mean(), 136.0 / 6.0, "mean after updating the merged accumulator")
    _assert_close(merged.variance(), statistics.variance([1.0, 2.0, 3.0, 10.0, 20.0, 100.0]), "variance after updating the merged accumulator")


def test_merging_singletons_equals_updating():
    rng = random.Random(6)
    values = [rng.uniform(-100.0, 100.0) for _ in range(200)]
    merged = RunningStats()
    for x in values:
        merged = merged.merge(_stats([x]))
    direct = _stats(values)
    _assert_close(merged.mean(), direct.mean(), "mean: merging 200 singletons vs updating", rel_tol=1e-12)
    _assert_close(merged.variance(), direct.variance(), "variance: merging 200 singletons vs updating", rel_tol=1e-12)


def test_errors_on_too_few_values():
    empty = RunningStats()
    _expect_value_error(empty.mean, "mean() of an empty stream")
    _expect_value_error(lambda: empty.variance(), "variance() of an empty stream")
    _expect_value_error(lambda: empty.variance(sample=False), "variance(sample=False) of an empty stream")
    _expect_value_error(lambda: _stats([1.0]).variance(), "sample variance of one value")


def test_integer_input_gives_floats():
    acc = _stats([1, 2, 3, 4])
    assert isinstance(acc.count, int) and acc.count == 4, f"count should be the int 4, got {acc.count!r}"
    _assert_close(acc.mean(), 2.5, "mean of integers")
    _assert_close(acc.variance(), 5.0 / 3.0, "sample variance of integers")
    _assert_close(acc.variance(sample=False), 1.25, "population variance of integers")


def test_memory_does_not_grow():
    acc = RunningStats()
    for i in range(5_000):
        acc.update(float(i % 97))
    state = dict(getattr(acc, "__dict__", {}))
    for name in getattr(type(acc), "__slots__", ()):
        if hasattr(acc, name):
            state[name] = getattr(acc, name)
    for name, value in state.items():
        if hasattr(value, "__len__") and not isinstance(value, str):
            assert len(value) <= 16, (
                f"attribute {name!r} holds {len(value)} items after 5000 updates; the accumulator must use O(1) memory"
            )


def test_long_stream():
    rng = random.Random(7)
    values = [rng.gauss(1e6, 0.01) for _ in range(100_000)]
    acc = _stats(values)
    _assert_close(acc.variance(), statistics.variance(values), "sample variance of 100 000 values around 1e6", rel_tol=1e-6)
