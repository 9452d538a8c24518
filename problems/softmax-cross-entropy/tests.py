import math

from solution import *


def _assert_close_list(actual, expected, msg=""):
    assert isinstance(actual, list), f"{msg}: expected a list, got {type(actual).__name__}"
    assert len(actual) == len(expected), (
        f"{msg}: expected {len(expected)} probabilities, got {len(actual)}: {actual!r}"
    )
    for i, (a, e) in enumerate(zip(actual, expected)):
        assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12), (
            f"{msg}: element {i} is {a!r}, expected {e!r} (full result {actual!r})"
        )


def test_softmax_basic():
    result = softmax([1.0, 2.0, 3.0])
    expected = [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]
    _assert_close_list(result, expected, "softmax([1.0, 2.0, 3.0])")


def test_softmax_uniform():
    _assert_close_list(softmax([0.0, 0.0]), [0.5, 0.5], "softmax([0.0, 0.0])")
    _assert_close_list(softmax([3.0, 3.0, 3.0, 3.0]), [0.25] * 4, "softmax([3.0] * 4)")


def test_softmax_sums_to_one():
    logits = [0.5, -1.25, 2.0, 0.0, 3.75]
    probs = softmax(logits)
    total = math.fsum(probs)
    assert math.isclose(total, 1.0, rel_tol=1e-9), f"softmax({logits!r}) sums to {total!r}, not 1"
    assert all(0.0 <= p <= 1.0 for p in probs), f"probabilities out of [0, 1]: {probs!r}"


def test_softmax_is_shift_invariant():
    logits = [0.5, -1.25, 2.0]
    shifted = [x + 10.0 for x in logits]
    _assert_close_list(softmax(shifted), softmax(logits), "softmax(x + 10) vs softmax(x)")


def test_cross_entropy_basic():
    result = cross_entropy([1.0, 2.0, 3.0], 2)
    assert math.isclose(result, 0.4076059644443806, rel_tol=1e-9), (
        f"cross_entropy([1.0, 2.0, 3.0], 2) = {result!r}, expected 0.4076059644443806"
    )


def test_cross_entropy_uniform_is_log_n():
    result = cross_entropy([0.0, 0.0, 0.0, 0.0], 1)
    assert math.isclose(result, math.log(4), rel_tol=1e-9), (
        f"cross_entropy([0.0] * 4, 1) = {result!r}, expected log(4) = {math.log(4)!r}"
    )


def test_cross_entropy_matches_softmax():
    logits = [0.2, -0.7, 1.5, 0.0]
    for target in range(len(logits)):
        expected = -math.log(softmax(logits)[target])
        result = cross_entropy(logits, target)
        assert math.isclose(result, expected, rel_tol=1e-9), (
            f"cross_entropy({logits!r}, {target}) = {result!r}, expected {expected!r}"
        )
