import math
import random

from solution import *


def _assert_close_list(actual, expected, msg="", rel_tol=1e-9, abs_tol=1e-9):
    assert isinstance(actual, list), f"{msg}: expected a list, got {type(actual).__name__}"
    assert len(actual) == len(expected), (
        f"{msg}: expected {len(expected)} averages, got {len(actual)}"
    )
    for i, (a, e) in enumerate(zip(actual, expected)):
        assert math.isclose(a, e, rel_tol=rel_tol, abs_tol=abs_tol), (
            f"{msg}: element {i} is {a!r}, expected {e!r}"
        )


def _expect_value_error(values, window):
    try:
        moving_average(values, window)
    except ValueError:
        return
    assert False, f"moving_average({values!r}, {window!r}) should raise ValueError"


def test_negative_window_raises():
    _expect_value_error([1.0, 2.0, 3.0], -1)


def test_empty_values_raises():
    _expect_value_error([], 1)


def test_empty_values_zero_window_raises():
    _expect_value_error([], 0)


def test_window_equal_to_length():
    result = moving_average([1.0, 2.0, 3.0, 4.0], 4)
    _assert_close_list(result, [2.5], "window == len(values)")


def test_window_of_one_is_identity():
    values = [3.0, -1.5, 0.0, 7.25]
    result = moving_average(values, 1)
    _assert_close_list(result, values, "window == 1")


def test_negative_and_mixed_values():
    result = moving_average([-4.0, 4.0, -2.0, 2.0, 0.5], 2)
    _assert_close_list(result, [0.0, 1.0, 0.0, 1.25], "mixed signs")


def test_integer_input_gives_floats():
    result = moving_average([1, 2, 3, 4], 2)
    assert all(isinstance(x, float) for x in result), (
        f"expected float averages for integer input, got {result!r}"
    )
    _assert_close_list(result, [1.5, 2.5, 3.5], "integer input")


def test_input_not_modified():
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    snapshot = list(values)
    moving_average(values, 3)
    assert values == snapshot, f"values was modified: {snapshot!r} became {values!r}"


def test_large_random_input_matches_exact_means():
    rng = random.Random(1234)
    values = [rng.uniform(-1000.0, 1000.0) for _ in range(100_000)]
    window = 1_000
    result = moving_average(values, window)
    assert len(result) == len(values) - window + 1, (
        f"expected {len(values) - window + 1} averages, got {len(result)}"
    )
    for i in list(range(0, len(result), 997)) + [len(result) - 1]:
        expected = math.fsum(values[i : i + window]) / window
        assert math.isclose(result[i], expected, rel_tol=1e-7, abs_tol=1e-7), (
            f"window starting at {i}: got {result[i]!r}, expected {expected!r}"
        )


def test_long_series_does_not_drift():
    # A running sum must not accumulate visible floating-point error.
    values = [0.1] * 200_000
    result = moving_average(values, 10)
    for i in (0, 1, 50_000, 199_990):
        assert math.isclose(result[i], 0.1, rel_tol=1e-9), (
            f"average {i} drifted to {result[i]!r}, expected 0.1"
        )


def test_large_window():
    values = [float(i) for i in range(20_000)]
    window = 15_000
    result = moving_average(values, window)
    expected = [(i + i + window - 1) / 2 for i in range(len(values) - window + 1)]
    _assert_close_list(result, expected, "arithmetic sequence, window=15000")


class _CountingFloat(float):
    """A float that counts how often it takes part in + or -."""

    ops = 0

    def __add__(self, other):
        _CountingFloat.ops += 1
        return float.__add__(self, other)

    def __radd__(self, other):
        _CountingFloat.ops += 1
        return float.__radd__(self, other)

    def __sub__(self, other):
        _CountingFloat.ops += 1
        return float.__sub__(self, other)

    def __rsub__(self, other):
        _CountingFloat.ops += 1
        return float.__rsub__(self, other)


class _CountingList(list):
    """A list that counts element reads (indexing, slicing and iteration)."""

    reads = 0

    def __getitem__(self, index):
        item = list.__getitem__(self, index)
        _CountingList.reads += len(item) if isinstance(index, slice) else 1
        return item

    def __iter__(self):
        for item in list.__iter__(self):
            _CountingList.reads += 1
            yield item


def test_work_is_linear_not_proportional_to_window():
    n, window = 2_000, 500
    values = _CountingList(_CountingFloat(i % 17) for i in range(n))
    _CountingFloat.ops = 0
    _CountingList.reads = 0
    result = moving_average(values, window)
    assert len(result) == n - window + 1, f"expected {n - window + 1} averages, got {len(result)}"
    budget = 4 * n
    assert _CountingList.reads <= budget, (
        f"read {_CountingList.reads} elements for n={n}, window={window}; "
        f"an O(n) solution reads about {2 * n} (recomputing each window is O(n * window))"
    )
    assert _CountingFloat.ops <= budget, (
        f"did {_CountingFloat.ops} additions/subtractions for n={n}, window={window}; "
        f"an O(n) solution needs about {2 * n}"
    )
