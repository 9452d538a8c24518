import math

from solution import *


def _assert_close_list(actual, expected, msg=""):
    assert isinstance(actual, list), f"{msg}: expected a list, got {type(actual).__name__}"
    assert len(actual) == len(expected), (
        f"{msg}: expected {len(expected)} averages, got {len(actual)}: {actual!r}"
    )
    for i, (a, e) in enumerate(zip(actual, expected)):
        assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12), (
            f"{msg}: element {i} is {a!r}, expected {e!r} (full result {actual!r})"
        )


def test_window_of_two():
    result = moving_average([1, 2, 3, 4, 5], 2)
    _assert_close_list(result, [1.5, 2.5, 3.5, 4.5], "moving_average([1, 2, 3, 4, 5], 2)")


def test_window_of_three():
    result = moving_average([10.0, 20.0, 30.0, 40.0], 3)
    _assert_close_list(result, [20.0, 30.0], "moving_average([10.0, 20.0, 30.0, 40.0], 3)")


def test_single_value_window_of_one():
    result = moving_average([5.0], 1)
    _assert_close_list(result, [5.0], "moving_average([5.0], 1)")


def test_output_length():
    values = [float(i) for i in range(10)]
    for window in range(1, 11):
        result = moving_average(values, window)
        assert len(result) == len(values) - window + 1, (
            f"window={window}: expected {len(values) - window + 1} averages, got {len(result)}"
        )


def test_window_larger_than_input_raises():
    try:
        moving_average([1.0, 2.0], 3)
    except ValueError:
        return
    assert False, "moving_average([1.0, 2.0], 3) should raise ValueError"


def test_zero_window_raises():
    try:
        moving_average([1.0, 2.0, 3.0], 0)
    except ValueError:
        return
    assert False, "moving_average([1.0, 2.0, 3.0], 0) should raise ValueError"
